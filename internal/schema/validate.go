package schema

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/suggest"
)

// Check is the rule id of every diagnostic Validate returns.
const Check = "schema"

// DatePattern is the shape of the date forms front matter accepts (the
// ones Hugo and Jekyll write): 2025-03-04 or 2025/3/4 with an optional
// time, "4 March 2025", "March 4, 2025", and the RFC 822/1123/850, ANSI C
// and Unix forms. It is a first filter, written for both Go and
// ECMAScript regular expressions; medkb's date parser has the last word.
const DatePattern = `^(\d{4}[-/]\d{1,2}[-/]\d{1,2}([T ].*)?|\d{1,2} [A-Za-z]+ \d{2,4}.*|[A-Za-z]+ \d{1,2}, \d{4}.*|[A-Za-z]{3,9},? .*\d.*)$`

var dateRe = regexp.MustCompile(DatePattern)

// matchesDate reports whether s matches DatePattern: at once for YYYY-MM-DD,
// the form nearly every date is written in (the pattern's first
// alternative), by the regexp for any other.
func matchesDate(s string) bool {
	if len(s) == len("2006-01-02") && s[4] == '-' && s[7] == '-' {
		digits := true
		for i := 0; i < len(s); i++ {
			if i != 4 && i != 7 && (s[i] < '0' || s[i] > '9') {
				digits = false
				break
			}
		}
		if digits {
			return true
		}
	}
	return dateRe.MatchString(s)
}

// Validate checks root (a document or mapping node) against d. Node lines
// are shifted by lineOffset (front matter starts below the opening "---").
// Every problem is reported; the result is in document order.
func (d *Doc) Validate(file string, root *yaml.Node, lineOffset int) diag.List {
	return d.validate(file, root, lineOffset, false)
}

// ValidateDraft is Validate without the required and non-empty rules: a
// draft may leave its summary for later (check warns about it instead).
func (d *Doc) ValidateDraft(file string, root *yaml.Node, lineOffset int) diag.List {
	return d.validate(file, root, lineOffset, true)
}

func (d *Doc) validate(file string, root *yaml.Node, lineOffset int, lenient bool) diag.List {
	v := &validator{doc: d, file: file, offset: lineOffset, lenient: lenient}
	if root == nil {
		return nil
	}
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			v.node(d.Root, 0, &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}, true)
			return v.out
		}
		root = root.Content[0]
	}
	v.node(d.Root, 0, root, true)
	return v.out
}

type validator struct {
	doc     *Doc
	file    string
	offset  int
	lenient bool
	out     diag.List
	aliased map[*yaml.Node]bool // alias targets already validated
	// buf holds the path of the value being validated ("references[2].url"):
	// node and object take its length and extend it for a child, so a
	// path becomes a string only for a message (every key of every file
	// was a concatenation of its own: 4 % of a build's allocations).
	buf []byte
}

// path returns the path of length n as a string.
func (v *validator) path(n int) string { return string(v.buf[:n]) }

// join returns the length of the path of key in the value at the path of
// length n: "references[2]" and "url" make "references[2].url".
func (v *validator) join(n int, key string) int {
	v.buf = v.buf[:n]
	if n > 0 {
		v.buf = append(v.buf, '.')
	}
	v.buf = append(v.buf, key...)
	return len(v.buf)
}

// item returns the length of the path of the i-th item of the list at the
// path of length n: "references[2]", or "entry 2" of a file that is a list.
func (v *validator) item(n, i int) int {
	v.buf = v.buf[:n]
	if n == 0 {
		v.buf = append(v.buf, "entry "...)
		v.buf = strconv.AppendInt(v.buf, int64(i+1), 10)
	} else {
		v.buf = append(v.buf, '[')
		v.buf = strconv.AppendInt(v.buf, int64(i+1), 10)
		v.buf = append(v.buf, ']')
	}
	return len(v.buf)
}

func (v *validator) report(n *yaml.Node, msg, hint string) {
	v.out = append(v.out, diag.Diagnostic{File: v.file, Line: v.offset + n.Line, Col: n.Column,
		Severity: diag.Error, Check: Check, Message: msg, Hint: hint})
}

// got describes a YAML value for a type error.
func got(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return strconv.Quote(shorten(n.Value))
	}
	return "something else"
}

func shorten(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && (n.Tag == "!!null" || (n.Tag == "" && n.Value == ""))
}

func keyName(path string) string {
	if path == "" {
		return "the value"
	}
	return path
}

// node validates n against s; the path v.buf[:path] names the key in
// messages.
func (v *validator) node(s *Node, path int, n *yaml.Node, top bool) {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		// Each anchored value is validated once, however often it is
		// used: an alias bomb must not multiply the work or the output.
		if v.aliased[n.Alias] {
			return
		}
		if v.aliased == nil {
			v.aliased = map[*yaml.Node]bool{}
		}
		v.aliased[n.Alias] = true
		n = n.Alias
	}
	if isNull(n) && s.Type != Object {
		if s.MinLength > 0 {
			v.empty(v.path(path), n, s)
		}
		return
	}
	if len(s.OneOf) > 0 {
		for _, alt := range s.OneOf {
			if kindFits(alt, n) {
				v.node(alt, path, n, top)
				return
			}
		}
		v.typeError(s, v.path(path), n)
		return
	}
	switch s.Type {
	case Any:
	case String:
		if n.Kind != yaml.ScalarNode {
			v.typeError(s, v.path(path), n)
			return
		}
		if s.MinLength > 0 && strings.TrimSpace(n.Value) == "" {
			v.empty(v.path(path), n, s)
			return
		}
		if len(s.Enum) > 0 && !contains(s.Enum, n.Value) {
			msg := fmt.Sprintf("%s %q is not one of %s", keyName(v.path(path)), n.Value, strings.Join(s.Enum, ", "))
			hint := "write one of: " + strings.Join(s.Enum, ", ")
			if best := Suggest(n.Value, s.Enum); best != "" {
				msg += fmt.Sprintf("; did you mean %q?", best)
				hint = "write " + leaf(v.path(path)) + ": " + best
			}
			v.report(n, msg, hint)
		}
	case Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			v.typeError(s, v.path(path), n)
		}
	case Int:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
			v.typeError(s, v.path(path), n)
		}
	case Number:
		if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") {
			v.typeError(s, v.path(path), n)
		}
	case Date:
		if n.Kind != yaml.ScalarNode || !matchesDate(strings.TrimSpace(n.Value)) {
			v.typeError(s, v.path(path), n)
		}
	case List:
		if n.Kind == yaml.ScalarNode && s.ScalarOK {
			v.node(s.Items, path, n, false)
			return
		}
		if n.Kind != yaml.SequenceNode {
			v.typeError(s, v.path(path), n)
			return
		}
		if s.MinLength > 0 && len(n.Content) == 0 {
			v.empty(v.path(path), n, s)
		}
		for i, item := range n.Content {
			v.node(s.Items, v.item(path, i), item, false)
		}
	case Map:
		if n.Kind != yaml.MappingNode {
			v.typeError(s, v.path(path), n)
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			v.node(s.Items, v.join(path, n.Content[i].Value), n.Content[i+1], false)
		}
	case Object:
		if isNull(n) {
			n = &yaml.Node{Kind: yaml.MappingNode, Line: n.Line, Column: n.Column}
		}
		if n.Kind != yaml.MappingNode {
			v.typeError(s, v.path(path), n)
			return
		}
		v.object(s, path, n, top)
	}
}

func (v *validator) object(s *Node, path int, n *yaml.Node, top bool) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		f := s.Field(k.Value)
		if f == nil {
			if !s.Free {
				v.unknown(s, v.path(path), k, top)
			}
			continue
		}
		v.node(f.Node, v.join(path, k.Value), val, false)
	}
	for _, f := range s.Fields {
		if f.Required && !v.lenient && !hasKey(n, f.Key) {
			where := v.doc.What
			if path > 0 {
				where = v.path(path)
			}
			v.report(n, fmt.Sprintf("%s has no %q", where, f.Key),
				fmt.Sprintf("add %s: (%s)", f.Key, firstSentence(f.Node.Description)))
		}
	}
}

// hasKey reports whether mapping n has key: a walk of its few keys, where
// a map of them was made for every mapping validated.
func hasKey(n *yaml.Node, key string) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return true
		}
	}
	return false
}

func (v *validator) unknown(s *Node, path string, k *yaml.Node, top bool) {
	where := v.doc.What
	if path != "" {
		where = path
	}
	if top {
		if f, ok := v.doc.foreign(k.Value); ok {
			msg := fmt.Sprintf("%q is %s's key, not medkb's", k.Value, f.Tool)
			hint := f.Note
			if f.Use != "" {
				msg = fmt.Sprintf("%q is %s's key; medkb uses %q", k.Value, f.Tool, f.Use)
				if hint == "" {
					hint = "rename it to " + f.Use
				}
			}
			v.report(k, msg, hint)
			return
		}
	}
	keys := s.Keys()
	if best := Suggest(k.Value, keys); best != "" {
		v.report(k, fmt.Sprintf("unknown key %q in %s; did you mean %q?", k.Value, where, best),
			"rename it to "+best)
		return
	}
	hint := "remove it or fix its spelling; the keys are " + strings.Join(keys, ", ")
	if top && v.doc.Root.Field("params") != nil {
		hint = "put your own values under params:, or fix the spelling; the keys are " + strings.Join(keys, ", ")
	}
	v.report(k, fmt.Sprintf("unknown key %q in %s", k.Value, where), hint)
}

func (v *validator) typeError(s *Node, path string, n *yaml.Node) {
	if s.Type == Bool {
		if msg, hint := boolMistake(path, n); msg != "" {
			v.report(n, msg, hint)
			return
		}
	}
	v.report(n, fmt.Sprintf("%s: expected %s, got %s", keyName(path), s.Name(), got(n)), typeHint(s, path))
}

// BoolValue reports how go.yaml.in/yaml/v3 decodes n into a Go bool field,
// the one reading of a YAML boolean every step of medkb shares (the
// schema's, frontmatter's decoding and its draft test, frontmatter.Draft):
// ok says whether it decodes at all. YAML 1.2's true, True, TRUE, false,
// False and FALSE (tag !!bool) decode; so, into a bool field only, do
// YAML 1.1's y, yes, on, n, no and off (in three cases each), quoted or
// not, which YAML 1.2 and JSON Schema read as words: the schema refuses
// them (boolMistake), and frontmatter.Draft still reads draft: yes in
// front matter it refused as the draft yaml.v3 would decode. A quoted
// "true" is text and decodes as nothing.
func BoolValue(n *yaml.Node) (value, ok bool) {
	if n == nil || n.Kind != yaml.ScalarNode {
		return false, false
	}
	return value, n.Decode(&value) == nil
}

// boolMistake explains a value written for a boolean that is not one
// in YAML 1.2, but that the writer surely meant as one: YAML 1.1's yes
// or off (BoolValue decodes it, YAML 1.2 and editors read a word), or true
// or false in quotes (text). It returns "" for any other value.
func boolMistake(path string, n *yaml.Node) (msg, hint string) {
	if n.Kind != yaml.ScalarNode {
		return "", ""
	}
	k := leaf(path)
	if b, ok := BoolValue(n); ok {
		return fmt.Sprintf("%s: expected true or false, got %q, which YAML 1.2 reads as a word (older YAML, as %v)", keyName(path), n.Value, b),
			fmt.Sprintf("write %s: %v", k, b)
	}
	switch n.Value {
	case "true", "True", "TRUE", "false", "False", "FALSE":
		if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
			b := strings.ToLower(n.Value)
			return fmt.Sprintf("%s: expected true or false, got %q in quotes, which is text", keyName(path), n.Value),
				fmt.Sprintf("write %s: %s, without the quotes", k, b)
		}
	}
	return "", ""
}

func typeHint(s *Node, path string) string {
	k := leaf(path)
	switch s.Type {
	case String:
		return fmt.Sprintf("write %s: followed by text on the same line", k)
	case Bool:
		return fmt.Sprintf("write %s: true or %s: false", k, k)
	case Int, Number:
		return fmt.Sprintf("write %s: followed by a number", k)
	case Date:
		return fmt.Sprintf("write %s: YYYY-MM-DD, such as 2025-03-04", k)
	case List:
		return fmt.Sprintf("write %s: [first, second], or one item per line starting with \"- \"", k)
	case Map, Object:
		return fmt.Sprintf("write %s: on its own line and indent its keys below it", k)
	}
	return firstSentence(s.Description)
}

func (v *validator) empty(path string, n *yaml.Node, s *Node) {
	if v.lenient {
		return
	}
	v.report(n, fmt.Sprintf("%s is empty", keyName(path)),
		fmt.Sprintf("fill in %s (%s)", leaf(path), firstSentence(s.Description)))
}

func kindFits(s *Node, n *yaml.Node) bool {
	switch s.Type {
	case List:
		return n.Kind == yaml.SequenceNode
	case Map, Object:
		return n.Kind == yaml.MappingNode
	}
	return n.Kind == yaml.ScalarNode
}

func leaf(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[i+1:]
	}
	return path
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimSuffix(s, ".")
	if s == "" {
		return "see the writer's guide"
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func (d *Doc) foreign(key string) (Foreign, bool) {
	if f, ok := d.Foreign[key]; ok {
		return f, true
	}
	nk := normalize(key)
	for _, k := range sortedForeign(d.Foreign) {
		if normalize(k) == nk {
			return d.Foreign[k], true
		}
	}
	return Foreign{}, false
}

// normalize folds case and drops "_" and "-", so baseURL, base_url and
// BaseUrl are the same name.
func normalize(s string) string {
	s = strings.ToLower(s)
	return strings.NewReplacer("_", "", "-", "").Replace(s)
}

// Suggest returns the candidate closest to s, or "" when none is close:
// the same name ignoring case, "_" and "-" (baseURL → base_url), or one
// near it by suggest.Closest's rule (at most one edit, two for names of six
// letters or more, a transposition counting one).
func Suggest(s string, candidates []string) string {
	folded := make([]string, len(candidates))
	for i, c := range candidates {
		folded[i] = normalize(c)
	}
	best := suggest.Closest(normalize(s), folded)
	if best == "" {
		return ""
	}
	return candidates[slices.Index(folded, best)]
}
