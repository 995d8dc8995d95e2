package yamlsyntax

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/medkb/medkb/internal/diag"
	"go.yaml.in/yaml/v3"
)

// Check reads root, the tree yaml.v3 decoded from src without an error,
// for what YAML accepts but a writer who types YAML by hand rarely means,
// each at its line (offset as in Explain), in the order of the source:
//
//   - a key written twice in one mapping (an error, every repeat: yaml.v3
//     reports those of one mapping only, and none inside it);
//   - a standard tag whose type the value is not (title: !!int Asthma: an
//     error, which yaml.v3 reports without a line);
//   - a tag YAML drops without a word: one medkb does not know
//     (title: !foo A Title reads "A Title"), a bare ! or a standard tag on
//     a value of another kind (!!map on text) (a warning);
//   - !!binary, which turns the text into the bytes it encodes in base64
//     (a warning; an error when it is no base64);
//   - an anchor no alias refers to (summary: &Important text reads
//     "text": a warning). An anchor with its alias is deliberate reuse and
//     not reported; an alias to an unknown anchor is a syntax error
//     (Explain).
//
// !!str, and a standard tag of the value's type (!!int 5, !!seq on a
// list), is fine.
func Check(root *yaml.Node, src []byte, offset int) []Problem {
	c := &checker{src: src, offset: offset, bang: bytes.IndexByte(src, '!') >= 0}
	if bytes.IndexByte(src, '*') >= 0 {
		// An alias is written *name: without one no anchor is used
		// (and most front matter has none, so no map is made).
		c.used = map[*yaml.Node]bool{}
		c.aliases(root)
	}
	c.walk(root, "", false)
	slices.SortStableFunc(c.out, func(a, b Problem) int { return a.Line - b.Line })
	return c.out
}

// Diagnostics is Check's problems as diagnostics of file, the errors and
// the warnings apart: a reader stops on the errors (a key written twice)
// and keeps the warnings with what it read.
func Diagnostics(file string, root *yaml.Node, src []byte, offset int) (errs, warns diag.List) {
	for _, p := range Check(root, src, offset) {
		d := diag.Diagnostic{File: file, Line: p.Line, Severity: diag.Error, Message: p.Message, Hint: p.Hint}
		if p.Warning {
			d.Severity = diag.Warning
			warns = append(warns, d)
			continue
		}
		errs = append(errs, d)
	}
	return errs, warns
}

type checker struct {
	src     []byte
	offset  int
	bang    bool                // src has a "!": a tag may be there
	scanned *source             // src read as lines, once a problem needs them
	used    map[*yaml.Node]bool // the nodes an alias refers to; nil for none
	out     []Problem
}

// source returns src read as lines (most sources have no problem, and
// are not read so).
func (c *checker) source() *source {
	if c.scanned == nil {
		c.scanned = scan(string(c.src))
		c.scanned.offset = c.offset
	}
	return c.scanned
}

func (c *checker) aliases(n *yaml.Node) {
	if n == nil {
		return
	}
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		c.used[n.Alias] = true
		return
	}
	for _, k := range n.Content {
		c.aliases(k)
	}
}

// walk checks n, the value of key (its name in messages: "" for none), or
// an item of key's list when item is true.
func (c *checker) walk(n *yaml.Node, key string, item bool) {
	if n == nil || n.Kind == yaml.AliasNode {
		return
	}
	if n.Kind != yaml.DocumentNode {
		c.tag(n, key, item)
		c.anchor(n, key, item)
	}
	if n.Kind == yaml.MappingNode {
		c.duplicates(n)
	}
	for i, k := range n.Content {
		switch {
		case n.Kind == yaml.MappingNode && i%2 == 1:
			c.walk(k, n.Content[i-1].Value, false)
		case n.Kind == yaml.SequenceNode && key != "":
			c.walk(k, key, true)
		default:
			c.walk(k, "", false)
		}
	}
}

// duplicates reports each key of m written again, at its line, naming
// the lines of the same key before it. It runs on every mapping of every
// page's front matter, nearly always without a repeat, so it compares keys
// in place (a mapping holds tens of keys) and makes nothing until one is
// found.
func (c *checker) duplicates(m *yaml.Node) {
	for i := 2; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if k.Kind != yaml.ScalarNode {
			continue
		}
		var lines []int
		for j := 0; j < i; j += 2 {
			if e := m.Content[j]; e.Kind == yaml.ScalarNode && e.Value == k.Value {
				lines = append(lines, c.offset+e.Line)
			}
		}
		if lines != nil {
			c.out = append(c.out, duplicate(k.Value, append(lines, c.offset+k.Line)))
		}
	}
}

// duplicate explains key written at lines, the last one the repeat.
func duplicate(key string, lines []int) Problem {
	nums := make([]string, len(lines))
	for i, n := range lines {
		nums[i] = strconv.Itoa(n)
	}
	last, before := nums[len(nums)-1], nums[:len(nums)-1]
	if len(lines) == 2 {
		return Problem{Line: lines[1],
			Message: key + " is written twice, at lines " + nums[0] + " and " + last + "; YAML allows a key once",
			Hint:    "keep one of them: delete line " + last + " or line " + nums[0] + ", with any lines indented under it"}
	}
	return Problem{Line: lines[len(lines)-1],
		Message: key + " is written " + strconv.Itoa(len(lines)) + " times, at lines " + strings.Join(before, ", ") + " and " + last + "; YAML allows a key once",
		Hint:    "keep one of them: delete line " + last + ", and all but one of lines " + and(before) + ", with any lines indented under them"}
}

func and(s []string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// kinds are the standard tags and the kind of value each is for.
var kinds = map[string]yaml.Kind{
	"!!str": yaml.ScalarNode, "!!int": yaml.ScalarNode, "!!float": yaml.ScalarNode, "!!bool": yaml.ScalarNode,
	"!!null": yaml.ScalarNode, "!!timestamp": yaml.ScalarNode, "!!binary": yaml.ScalarNode,
	"!!seq": yaml.SequenceNode, "!!map": yaml.MappingNode,
}

var typeWords = map[string]string{
	"!!int": "a whole number", "!!float": "a number", "!!bool": "true or false",
	"!!null": "an empty value", "!!timestamp": "a date", "!!binary": "base64",
}

// tag reports n's tag when YAML drops it or it changes or breaks the
// value.
func (c *checker) tag(n *yaml.Node, key string, item bool) {
	tag, written := n.Tag, n.Style&yaml.TaggedStyle != 0
	if !written && c.bang {
		// A bare "!" leaves no mark on the node, only in the source.
		if t := c.textAt(n); strings.HasPrefix(t, "!") && (len(t) == 1 || t[1] == ' ' || t[1] == '\t') {
			tag, written = "!", true
		}
	}
	if !written {
		return
	}
	s := c.source()
	i := s.at(n.Line)
	what := c.what(n, key, item)
	kind, standard := kinds[tag]
	switch {
	case standard && kind != n.Kind:
		c.out = append(c.out, Problem{Line: s.n(i), Warning: true,
			Message: what + " is tagged " + tag + ", which is for another kind of value, and YAML ignores it: " + s.lines[i].shown(),
			Hint:    "delete " + tag + c.orQuote(n, i)})
	case tag == "!!binary":
		var v any
		if err := n.Decode(&v); err != nil {
			c.out = append(c.out, Problem{Line: s.n(i),
				Message: what + " is tagged !!binary, which YAML reads as base64, and it is not base64: " + s.lines[i].shown(),
				Hint:    "delete !!binary" + c.orQuote(n, i)})
			return
		}
		c.out = append(c.out, Problem{Line: s.n(i), Warning: true,
			Message: what + " is tagged !!binary, so YAML reads it as base64 and the text " + strconv.Quote(n.Value) + " becomes " + strconv.Quote(v.(string)) + ": " + s.lines[i].shown(),
			Hint:    "delete !!binary" + c.orQuote(n, i)})
	case standard && n.Kind == yaml.ScalarNode && tag != "!!str":
		var v any
		if err := n.Decode(&v); err != nil {
			c.out = append(c.out, Problem{Line: s.n(i),
				Message: what + " is tagged " + tag + " (" + typeWords[tag] + "), and " + strconv.Quote(n.Value) + " is not one: " + s.lines[i].shown(),
				Hint:    "delete " + tag + c.orQuote(n, i)})
		}
	case standard:
	default:
		reads := ""
		if n.Kind == yaml.ScalarNode {
			reads = ", so it reads " + strconv.Quote(n.Value)
		}
		c.out = append(c.out, Problem{Line: s.n(i), Warning: true,
			Message: what + " starts with " + tag + ", which YAML reads as a tag (a type for the value) and medkb ignores" + reads + ": " + s.lines[i].shown(),
			Hint:    "delete " + tag + c.orQuote(n, i)})
	}
}

// anchor reports an anchor on n that no alias refers to: its name is gone
// from the text.
func (c *checker) anchor(n *yaml.Node, key string, item bool) {
	if n.Anchor == "" || c.used[n] {
		return
	}
	s := c.source()
	i := s.at(n.Line)
	reads := ""
	if n.Kind == yaml.ScalarNode {
		reads = ", so it reads " + strconv.Quote(n.Value)
	}
	c.out = append(c.out, Problem{Line: s.n(i), Warning: true,
		Message: c.what(n, key, item) + " starts with &" + n.Anchor + ", which YAML reads as an anchor (a name for the value, to repeat it elsewhere as *" + n.Anchor + "), not as text" + reads + ": " + s.lines[i].shown(),
		Hint:    "delete &" + n.Anchor + c.orQuote(n, i)})
}

// what names n in a message: "the value of title", "an item of tags".
func (c *checker) what(n *yaml.Node, key string, item bool) string {
	switch {
	case item:
		return "an item of " + key
	case key != "":
		return "the value of " + key
	}
	return "the value on line " + c.source().num(c.source().at(n.Line))
}

// textAt is the source from n's position to the end of its line.
func (c *checker) textAt(n *yaml.Node) string {
	s := c.source()
	if n.Line < 1 || n.Line > len(s.lines) {
		return ""
	}
	t := s.lines[n.Line-1].text
	for col := 1; col < n.Column && t != ""; col++ {
		_, size := utf8.DecodeRuneInString(t)
		t = t[size:]
	}
	return t
}

// orQuote is the second half of a hint to delete a tag or an anchor: or,
// when the value on line i is text that starts with it, the line with the
// value in quotes.
func (c *checker) orQuote(n *yaml.Node, i int) string {
	l := c.source().lines[i]
	if n.Kind != yaml.ScalarNode || n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0 ||
		l.inQuote || l.value == "" || c.textAt(n) != l.text[l.valCol:] {
		return ""
	}
	return "; if it is part of the text, put the value in quotes: " + l.withValue(quote(stripComment(l.value)))
}
