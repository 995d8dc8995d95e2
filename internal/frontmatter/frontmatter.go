// Package frontmatter splits a content file into front matter and Markdown
// body and decodes the front matter into page.Meta, recording the line of
// every top-level key so later stages can point at it.
//
// YAML between "---" lines is the native format; TOML between "+++" lines is
// accepted for people coming from Hugo. Input is normalised first: a UTF-8
// byte-order mark is dropped and CRLF line endings become LF. As in Hugo,
// blank lines may come before the opening delimiter and a delimiter line
// may end in spaces or tabs; lines are still counted from the top of the
// file (package fmspan holds that rule, for every package that needs to
// know where the front matter is). A file whose first non-blank line is
// not a delimiter has no front matter, which is an error (its page would
// have no title). Invalid UTF-8, NUL bytes, unclosed blocks, bad dates,
// YAML alias bombs and every key written twice are reported as
// diagnostics with file and line, never as panics; a YAML tag or anchor
// that drops a word of a value is a warning kept with the page
// (page.Meta.YAMLWarnings, yamlsyntax.Check), and a control character in
// a value is read as written and kept with the page for the body's
// control-char rule to report (page.Meta.Controls). The package is safe
// for concurrent use; its one state is the table of the values it holds
// once for all pages (intern): tags, people ids, audience, specialty,
// publishers and front matter keys, kept for the life of the process.
package frontmatter

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
	"unique"

	toml "github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
	"go.yaml.in/yaml/v3"

	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/fmspan"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/schema"
	"github.com/medkb/medkb/internal/yamlsyntax"
)

// MaxFrontMatter bounds the front matter block; anything longer is almost
// certainly a block that never closes.
const MaxFrontMatter = 1 << 20

// Result is a parsed content file.
type Result struct {
	Meta     page.Meta
	Body     []byte
	BodyLine int // line number of the body's first line
}

// Normalize drops a BOM and turns CRLF and lone CR into LF.
func Normalize(data []byte) []byte {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(data, '\r') < 0 {
		return data
	}
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
}

// Validate reports the first byte that keeps data from being read as
// UTF-8 text, at its line and column, as medkb.yaml's and the data
// files' are (yamlsyntax.TextEncoding: a file saved as UTF-16, a byte
// that is not UTF-8 with the Windows-1252 character it most likely
// stood for), or else the first NUL byte, at its line and column.
func Validate(file string, data []byte) error {
	if utf8.Valid(data) && bytes.IndexByte(data, 0) < 0 {
		return nil
	}
	if p, bad := yamlsyntax.TextEncoding(data, 0); bad {
		return &diag.Diagnostic{File: file, Line: p.Line, Col: p.Col, Severity: diag.Error, Message: p.Message, Hint: p.Hint}
	}
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch r {
		case 0:
			return &diag.Diagnostic{File: file, Line: line, Col: col, Severity: diag.Error,
				Message: "the file contains a NUL byte", Hint: "remove the stray control character (often left by a binary copy-paste)"}
		case '\n':
			line, col = line+1, 0
		}
		col++
		i += size
	}
	return nil
}

// Parse normalises data and splits and decodes it. file names the source in
// diagnostics.
func Parse(file string, data []byte) (Result, error) {
	data = Normalize(data)
	if err := Validate(file, data); err != nil {
		return Result{}, err
	}
	sp := fmspan.Find(data)
	if sp.Status == fmspan.None {
		// Every kind of page needs a title; without front matter a page
		// would be published with an empty one.
		return Result{}, &diag.Diagnostic{File: file, Line: 1, Col: 1, Severity: diag.Error, Check: schema.Check,
			Message: "the file has no front matter, so the page has no title",
			Hint:    "start the file with three lines: ---, then title: The page title, then ---"}
	}
	if sp.Status == fmspan.Unclosed {
		return Result{}, &diag.Diagnostic{File: file, Line: sp.OpenLine, Severity: diag.Error,
			Message: fmt.Sprintf("the front matter block opened on line %d never closes", sp.OpenLine),
			Hint:    fmt.Sprintf("add a line with only %s after the last front matter key", sp.Delim)}
	}
	block := sp.Block(data)
	if len(block) > MaxFrontMatter {
		return Result{}, &diag.Diagnostic{File: file, Line: sp.OpenLine, Severity: diag.Error,
			Message: "the front matter block is larger than 1 MiB", Hint: "move long text into the body"}
	}
	var meta page.Meta
	var err error
	if sp.Delim == "+++" {
		meta, err = decodeTOML(file, block, sp.OpenLine)
	} else {
		meta, err = decodeYAML(file, block, sp.OpenLine)
	}
	if err != nil {
		return Result{}, err
	}
	meta.SecondBlock = secondBlock(file, data, sp)
	return Result{Meta: meta, Body: sp.Body(data), BodyLine: sp.BodyLine()}, nil
}

// secondBlock returns the second block of front matter at the top of the
// body below sp when there is one and one of its top-level keys is a
// front matter key of the file's kind; nil otherwise. The candidate
// (fmspan.Second) is read with the real parser of its format, YAML or
// TOML, under front matter of either: it is a block only when it parses
// as a mapping (YAML; a TOML document always is one). A thematic break
// followed by a line such as "Key point: …" parses, but names no front
// matter key; most prose does not parse at all.
func secondBlock(file string, data []byte, sp fmspan.Span) *page.SecondBlock {
	second, ok := fmspan.Second(data, sp)
	if !ok {
		return nil
	}
	block := second.Block(data)
	if len(block) > MaxFrontMatter {
		return nil
	}
	var keys []string
	if second.Delim == "+++" {
		keys, ok = tomlTopKeys(block)
	} else if keys, ok = yamlTopKeys(block); !ok {
		keys, ok = yamlFirstKey(block)
	}
	if !ok {
		return nil
	}
	root := schema.Find(schema.FrontMatterKind(file)).Root
	for _, k := range keys {
		if root.Field(k) != nil {
			return &page.SecondBlock{Line: second.OpenLine, EndLine: second.CloseLine, Delim: second.Delim,
				FrontMatterLine: sp.OpenLine, FrontMatterEnd: sp.CloseLine, FrontMatterDelim: sp.Delim, Keys: keys}
		}
	}
	return nil
}

// yamlTopKeys returns the top-level keys of a YAML block in order, each
// once; ok is false when the block does not parse as one mapping. The
// block is decoded into a yaml.Node only, so an alias is not expanded.
func yamlTopKeys(block []byte) (keys []string, ok bool) {
	var doc yaml.Node
	if err := yaml.Unmarshal(block, &doc); err != nil || doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		return nil, false // not YAML, or empty
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil, false // a scalar (a line of prose) or a list
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if k := m.Content[i]; k.Kind == yaml.ScalarNode && !slices.Contains(keys, k.Value) {
			keys = append(keys, k.Value)
		}
	}
	return keys, len(keys) > 0
}

// yamlFirstKey returns the key of a YAML block's first line when the
// block does not parse (yamlTopKeys) but starts as front matter does, with
// "key:" at the start of the line: a pasted template whose value has a
// colon in it ("summary: Gout: a guide") is still its writer's front
// matter, and moving it up is what shows its error. Prose under a
// thematic break that starts so is rare (the key must also be a front
// matter key, and those are lower case), and shows as a heading.
func yamlFirstKey(block []byte) ([]string, bool) {
	for line := range bytes.Lines(block) {
		if t := bytes.TrimSpace(line); len(t) == 0 || t[0] == '#' {
			continue
		}
		if m := yamlKeyLineRe.FindSubmatch(line); m != nil {
			return []string{string(m[1])}, true
		}
		return nil, false
	}
	return nil, false
}

var yamlKeyLineRe = regexp.MustCompile(`^([a-z_][a-z0-9_]*):(?:[ \t]|\r?$)`)

// tomlTopKeys returns the top-level keys of a TOML block in order, each
// once: a key/value's before any table header (a dotted key counts as its
// first part) and a table header's first part ([params], [[references]]).
// ok is false when the block does not parse as TOML (go-toml's parser) or
// names no key. What the parser accepts but decoding would reject (a key
// given twice) is still a block of keys.
func tomlTopKeys(block []byte) (keys []string, ok bool) {
	var p unstable.Parser
	p.Reset(block)
	inTable := false
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			inTable = true
		case unstable.KeyValue:
			if inTable {
				continue // the table's key
			}
		default:
			continue
		}
		it := e.Key()
		if it.Next() {
			if k := string(it.Node().Data); !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	if p.Error() != nil {
		return nil, false
	}
	return keys, len(keys) > 0
}

var yamlLineRe = regexp.MustCompile(`line (\d+)`)

// yamlError reports err, which yaml.v3 (or a date's decoding) returned for
// block. A mistake yamlsyntax recognises is explained in its words, at the
// line to edit; any other keeps yaml.v3's message, its lines counted from
// the top of the file.
func yamlError(file string, firstLine int, block []byte, err error) error {
	var de *dateError
	if errors.As(err, &de) {
		return &diag.Diagnostic{File: file, Line: firstLine + de.line, Severity: diag.Error, Message: "front matter: " + de.Error(),
			Hint: "write dates as YYYY-MM-DD (or RFC 3339, 2025-03-04T09:00:00Z)"}
	}
	if p, ok := yamlsyntax.Explain(block, firstLine, err); ok {
		return &diag.Diagnostic{File: file, Line: p.Line, Col: p.Col, Severity: diag.Error, Message: "front matter: " + p.Message, Hint: p.Hint}
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := firstLine
	if m := yamlLineRe.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		line = firstLine + n
		msg = strings.TrimPrefix(msg, m[0]+": ") // the diagnostic's line
		msg = yamlLineRe.ReplaceAllStringFunc(msg, func(s string) string {
			n, _ := strconv.Atoi(s[len("line "):])
			return "line " + strconv.Itoa(firstLine+n)
		})
	}
	hint := "fix the YAML: each key on its own line as key: value; quote values that contain a colon"
	return &diag.Diagnostic{File: file, Line: line, Severity: diag.Error, Message: "front matter: " + msg, Hint: hint}
}

// decodeYAML decodes block; firstLine is the line before the block's first
// line (the opening delimiter), so node line n is file line firstLine+n.
func decodeYAML(file string, block []byte, firstLine int) (page.Meta, error) {
	var root yaml.Node
	readable, hidden := yamlsyntax.HideControls(block)
	dec := yaml.NewDecoder(bytes.NewReader(readable))
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			return page.Meta{Lines: page.MakeLines(0)}, nil
		}
		return page.Meta{}, yamlError(file, firstLine, block, err)
	}
	if hidden {
		yamlsyntax.ShowControls(&root)
	}
	doc := &root
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		doc = doc.Content[0]
	}
	if doc.Kind != yaml.MappingNode {
		return page.Meta{}, &diag.Diagnostic{File: file, Line: firstLine + doc.Line, Severity: diag.Error,
			Message: "front matter is not a set of key: value pairs", Hint: "write front matter as YAML keys, e.g. title: Asthma"}
	}
	// What yaml.v3 reads without a word but not as the writer meant:
	// every key written twice (an error, each at its line), tags and
	// anchors that drop text (warnings, with the page).
	var dups diag.List
	var warns []page.YAMLWarning
	for _, p := range yamlsyntax.Check(&root, block, firstLine) {
		if p.Warning {
			warns = append(warns, page.YAMLWarning{Line: p.Line, Message: "front matter: " + p.Message, Hint: p.Hint})
			continue
		}
		dups = append(dups, diag.Diagnostic{File: file, Line: p.Line, Severity: diag.Error, Message: "front matter: " + p.Message, Hint: p.Hint})
	}
	if len(dups) > 0 {
		return page.Meta{}, dups.Err()
	}
	if errs := validate(file, doc, firstLine); len(errs) > 0 {
		return page.Meta{}, errs.Err()
	}
	var raw rawMeta
	if err := doc.Decode(&raw); err != nil {
		return page.Meta{}, yamlError(file, firstLine, block, err)
	}
	m := raw.meta()
	m.YAMLWarnings = warns
	if hidden || bytes.IndexByte(block, '\\') >= 0 {
		// A control character reaches a value only written raw (hidden)
		// or as a double-quoted escape: other blocks are not walked.
		m.Controls = findControls(doc, firstLine)
	}
	m.Pack()
	// Kept with the page for the whole build, packed (page.Lines).
	m.Lines = page.MakeLines(len(doc.Content) / 2)
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		m.Lines.Set(k.Value, firstLine+k.Line)
		if k.Value == "tags" && v.Kind == yaml.ScalarNode && v.Value != "" {
			m.TagsText = true
		}
		if k.Value == "references" && v.Kind == yaml.SequenceNode {
			for j, item := range v.Content {
				if j < len(m.References) {
					m.References[j].Line = firstLine + item.Line
				}
			}
		}
	}
	return m, nil
}

// validate checks the front matter against the declared schema of the
// file's kind (schema.FrontMatterKind). A draft may leave required values
// empty: a page is a draft when its draft: decodes as true (isDraft), as
// page.Meta.Draft and Draft read it.
func validate(file string, doc *yaml.Node, firstLine int) diag.List {
	d := schema.Find(schema.FrontMatterKind(file))
	if isDraft(doc) {
		return d.ValidateDraft(file, doc, firstLine)
	}
	return d.Validate(file, doc, firstLine)
}

// isDraft reports whether the mapping m has a top-level draft: that
// yaml.v3 decodes into a bool as true (schema.BoolValue): true, True, TRUE,
// and YAML 1.1's yes, on and y, which the schema refuses but which say
// the writer meant a draft.
func isDraft(m *yaml.Node) bool {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if k, v := m.Content[i], m.Content[i+1]; k.Value == "draft" {
			b, ok := schema.BoolValue(v)
			return ok && b
		}
	}
	return false
}

// decodeTOML decodes block; firstLine is the line of the opening
// delimiter, so block line n is file line firstLine+n.
func decodeTOML(file string, block []byte, firstLine int) (page.Meta, error) {
	var v map[string]any
	if err := toml.Unmarshal(block, &v); err != nil {
		line := firstLine + 1
		var de *toml.DecodeError
		if errors.As(err, &de) {
			r, _ := de.Position()
			line = firstLine + r
		}
		return page.Meta{}, &diag.Diagnostic{File: file, Line: line, Severity: diag.Error,
			Message: "front matter (TOML): " + err.Error(), Hint: "fix the TOML: key = \"value\""}
	}
	normalizeTOML(v)
	y, err := yaml.Marshal(v)
	if err != nil {
		return page.Meta{}, err
	}
	m, err := decodeYAML(file, y, 1)
	lines := tomlLines(block, firstLine)
	if err != nil {
		// Lines in the re-encoded YAML do not match the TOML source: a
		// diagnostic naming a top-level key points at that key's line.
		list := diag.From(err)
		for i := range list {
			list[i].Line, list[i].Col = 0, 0
			first := len(list[i].Message)
			for k, l := range lines {
				at := strings.Index(list[i].Message, strconv.Quote(k))
				if strings.HasPrefix(list[i].Message, k+" ") || strings.HasPrefix(list[i].Message, k+":") || strings.HasPrefix(list[i].Message, k+".") {
					at = 0
				}
				if at >= 0 && at < first {
					first, list[i].Line = at, l
				}
			}
		}
		return page.Meta{}, &diag.Errs{List: list}
	}
	m.Lines = page.LinesOf(lines)
	for i := range m.Controls {
		// At its top-level key's line: the lines are the YAML's.
		top, _, _ := strings.Cut(m.Controls[i].Key, ": ")
		m.Controls[i].Line, m.Controls[i].Col = lines[top], 0
	}
	for i := range m.References {
		m.References[i].Line = lines["references"]
	}
	return m, nil
}

// normalizeTOML turns TOML's local dates and times into strings the YAML
// date decoder accepts.
func normalizeTOML(v any) {
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			if s, ok := tomlDate(x); ok {
				t[k] = s
				continue
			}
			normalizeTOML(x)
		}
	case []any:
		for i, x := range t {
			if s, ok := tomlDate(x); ok {
				t[i] = s
				continue
			}
			normalizeTOML(x)
		}
	}
}

func tomlDate(x any) (string, bool) {
	switch d := x.(type) {
	case toml.LocalDate:
		return d.String(), true
	case toml.LocalDateTime:
		return d.String() + "Z", true
	case time.Time:
		return d.Format(time.RFC3339), true
	}
	return "", false
}

var tomlKeyRe = regexp.MustCompile(`^\s*\[{0,2}\s*([A-Za-z0-9_-]+)\s*[=\]]`)

func tomlLines(block []byte, firstLine int) map[string]int {
	m := map[string]int{}
	for i, l := range strings.Split(string(block), "\n") {
		if k := tomlKeyRe.FindStringSubmatch(l); k != nil {
			if _, seen := m[k[1]]; !seen {
				m[k[1]] = firstLine + 1 + i
			}
		}
	}
	return m
}

type dateError struct {
	line  int
	value string
}

// Error names the value and, for a date of a form medkb reads with a part
// no calendar has (2025-02-30, 25:00), that part. The line is the
// diagnostic's, not the message's: e.line counts from the front matter's
// first line, which no editor shows (yamlError).
func (e *dateError) Error() string {
	return fmt.Sprintf("invalid date %q%s", e.value, outOfRange(e.value))
}

// outOfRange returns ": day out of range" (or month, hour…) when s has a
// date form medkb reads but a part out of its range, else "".
func outOfRange(s string) string {
	for _, l := range []string{"2006-1-2", "2006-1-2T15:04:05", time.RFC3339} {
		_, err := time.Parse(l, strings.TrimSpace(s))
		var pe *time.ParseError
		if errors.As(err, &pe) && strings.HasSuffix(pe.Message, "out of range") {
			return pe.Message
		}
	}
	return ""
}

// date decodes a front matter date with its position.
type date struct{ page.Date }

// dateLayouts are the date forms front matter accepts: those Hugo accepts
// and those Jekyll's Ruby parser writes ("2013-06-12 10:00:00 -0400",
// "2018-10-6"). Month and day may have one digit ("1" and "2" read one
// or two).
var dateLayouts = []string{"2006-1-2", time.RFC3339, "2006-1-2T15:04:05", "2006-1-2T15:04:05Z0700",
	"2006-1-2 15:04:05", "2006-1-2 15:04:05Z07:00", "2006-1-2 15:04:05 -0700", "2006-1-2 15:04:05 -07:00",
	"2006-1-2 15:04:05 Z07:00", "2006-1-2 15:04:05 MST", "2006-1-2 15:04:05 -0700 MST", "2006-1-2 15:04",
	"2006-1-2 15:04 -0700", "2006-1-2T15:04", time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822,
	time.RFC850, time.ANSIC, time.UnixDate, time.RubyDate, "2 Jan 2006", "2 January 2006", "Jan 2, 2006",
	"January 2, 2006", "2006/1/2"}

// ParseDate parses the date forms front matter accepts.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("invalid date %q", s)
}

func (d *date) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return &dateError{line: n.Line, value: "(not a date)"}
	}
	if n.Value == "" || n.Tag == "!!null" {
		return nil
	}
	t, err := ParseDate(n.Value)
	if err != nil {
		return &dateError{line: n.Line, value: n.Value}
	}
	d.Time = t
	return nil
}

// rawMeta mirrors page.Meta with position-aware dates and lenient lists.
type rawMeta struct {
	Title         string           `yaml:"title"`
	ID            string           `yaml:"id"`
	Summary       string           `yaml:"summary"`
	Description   string           `yaml:"description"`
	Date          date             `yaml:"date"`
	Lastmod       date             `yaml:"lastmod"`
	Draft         bool             `yaml:"draft"`
	Tags          stringList       `yaml:"tags"`
	Slug          string           `yaml:"slug"`
	URL           string           `yaml:"url"`
	Aliases       stringList       `yaml:"aliases"`
	Weight        int              `yaml:"weight"`
	Layout        string           `yaml:"layout"`
	Image         string           `yaml:"image"`
	ImageAlt      string           `yaml:"image_alt"`
	Authors       stringList       `yaml:"authors"`
	ReviewedBy    stringList       `yaml:"reviewed_by"`
	Translators   stringList       `yaml:"translators"`
	LastReviewed  date             `yaml:"last_reviewed"`
	NextReview    date             `yaml:"next_review"`
	Audience      string           `yaml:"audience"`
	Specialty     string           `yaml:"specialty"`
	About         []page.Condition `yaml:"about"`
	References    []page.Reference `yaml:"references"`
	Funding       string           `yaml:"funding"`
	Sponsor       string           `yaml:"sponsor"`
	TranslationOf string           `yaml:"translation_of"`
	Params        map[string]any   `yaml:"params"`
	PublishDate   date             `yaml:"publish_date"`
	Expires       date             `yaml:"expires"`
	Withdrawn     *rawWithdrawal   `yaml:"withdrawn"`
	ChangeNote    string           `yaml:"change_note"`
	Search        *bool            `yaml:"search"`
	Feed          *bool            `yaml:"feed"`
	Sitemap       *bool            `yaml:"sitemap"`
	Emergency     string           `yaml:"emergency"`

	Check map[string]string `yaml:"check"`
}

// rawWithdrawal mirrors page.Withdrawal with a position-aware date.
type rawWithdrawal struct {
	Date       date   `yaml:"date"`
	Reason     string `yaml:"reason"`
	ReplacedBy string `yaml:"replaced_by"`
}

// held keeps a handle to every value intern returned. unique's table
// holds a value only while a handle to it lives: without these, the first
// collection would empty it, and each page parsed after one would hold
// its own copies again. Never emptied: it grows with the distinct values
// a process parses (a site's tags, people ids and keys: kilobytes), which
// a long medkb serve shares across rebuilds.
var held sync.Map // unique.Handle[string] → nil

// intern returns s held once for all pages: the same bytes for every
// equal value.
func intern(s string) string {
	h := unique.Make(s)
	if _, ok := held.Load(h); !ok {
		held.Store(h, nil)
	}
	return h.Value()
}

// interned returns list with each value held once for all pages: tags,
// people ids and the like repeat across a site, and every page's record
// is kept for the whole build.
func interned(list []string) []string {
	for i, v := range list {
		list[i] = intern(v)
	}
	return list
}

func (r rawMeta) meta() page.Meta {
	for i := range r.References {
		r.References[i].Publisher = intern(r.References[i].Publisher)
	}
	r.Tags, r.Authors, r.ReviewedBy, r.Translators = interned(r.Tags), interned(r.Authors), interned(r.ReviewedBy), interned(r.Translators)
	r.Audience, r.Specialty = intern(r.Audience), intern(r.Specialty)
	var w *page.Withdrawal
	if r.Withdrawn != nil {
		w = &page.Withdrawal{Date: r.Withdrawn.Date.Date, Reason: r.Withdrawn.Reason, ReplacedBy: r.Withdrawn.ReplacedBy}
	}
	return page.Meta{Title: r.Title, ID: r.ID, Summary: r.Summary, Description: r.Description,
		Date: r.Date.Date, Lastmod: r.Lastmod.Date, Draft: r.Draft, Tags: r.Tags, Slug: r.Slug, URL: r.URL,
		Aliases: r.Aliases, Weight: r.Weight, Layout: r.Layout, Image: r.Image, ImageAlt: r.ImageAlt,
		Authors: r.Authors, ReviewedBy: r.ReviewedBy, Translators: r.Translators,
		LastReviewed: r.LastReviewed.Date, NextReview: r.NextReview.Date, Audience: r.Audience,
		Specialty: r.Specialty, About: r.About, References: r.References, Funding: r.Funding,
		Sponsor: r.Sponsor, TranslationOf: r.TranslationOf, Params: r.Params,
		PublishDate: r.PublishDate.Date, Expires: r.Expires.Date, Withdrawn: w, ChangeNote: r.ChangeNote,
		Search: r.Search, Feed: r.Feed, Sitemap: r.Sitemap, Emergency: r.Emergency, Check: r.Check}
}

// stringList accepts a YAML list or a single string.
type stringList []string

func (s *stringList) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Value != "" {
			*s = []string{n.Value}
		}
		return nil
	case yaml.SequenceNode:
		out := make([]string, 0, len(n.Content))
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				return fmt.Errorf("line %d: expected a list of plain values", c.Line)
			}
			out = append(out, c.Value)
		}
		*s = out
		return nil
	}
	return fmt.Errorf("line %d: expected a list", n.Line)
}

// Draft reports whether the front matter of data, a content file whose
// front matter Parse refused, still says the page is a draft: draft:
// true (TOML: draft = true) among the block's top-level keys, or any
// spelling yaml.v3 decodes as true (schema.BoolValue: True, TRUE, yes, on;
// not "true" in quotes, which is text), as Parse reads it. A block
// that decodes (its error is the schema's, a date's, a key written
// twice) is asked through the real decoder; one that does not (YAML
// that does not parse) by its lines: a line of its own, at the start
// of the line, reading draft: true (before any TOML table), which
// YAML and TOML can read only as that key, whatever else the block
// gets wrong. A block that never closes, or a file without one, is not
// a draft: where its front matter ends cannot be known.
func Draft(data []byte) bool {
	data = Normalize(data)
	sp := fmspan.Find(data)
	block := sp.Block(data)
	if sp.Status != fmspan.Closed || len(block) > MaxFrontMatter {
		return false
	}
	if sp.Delim == "+++" {
		var v map[string]any
		if toml.Unmarshal(block, &v) == nil {
			// Parse reads TOML as YAML: a string is a quoted scalar,
			// "yes" a draft as in YAML (isDraft).
			switch d := v["draft"].(type) {
			case bool:
				return d
			case string:
				b, ok := schema.BoolValue(&yaml.Node{Kind: yaml.ScalarNode, Style: yaml.DoubleQuotedStyle, Value: d})
				return ok && b
			}
			return false
		}
		return draftLine(block, tomlDraftRe)
	}
	var doc yaml.Node
	if yaml.Unmarshal(block, &doc) == nil {
		if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
			return false
		}
		return isDraft(doc.Content[0])
	}
	return draftLine(block, yamlDraftRe)
}

var (
	// yamlDraftRe matches what schema.BoolValue decodes as true: YAML 1.2's
	// true in its three cases, YAML 1.1's y, yes and on, quoted or not.
	yamlDraftRe = regexp.MustCompile(`^draft:[ \t]+(?:true|True|TRUE|(?:y|Y|yes|Yes|YES|on|On|ON)|"(?:y|Y|yes|Yes|YES|on|On|ON)"|'(?:y|Y|yes|Yes|YES|on|On|ON)')[ \t]*(?:#.*)?$`)
	tomlDraftRe = regexp.MustCompile(`^draft[ \t]*=[ \t]*true[ \t]*(?:#.*)?$`)
)

// draftLine reports whether a line of block matches re, before any TOML
// table header (a line starting with "[").
func draftLine(block []byte, re *regexp.Regexp) bool {
	for line := range bytes.Lines(block) {
		line = bytes.TrimSuffix(line, []byte("\n"))
		if re == tomlDraftRe && bytes.HasPrefix(line, []byte("[")) {
			return false
		}
		if re.Match(line) {
			return true
		}
	}
	return false
}
