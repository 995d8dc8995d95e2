package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"golang.org/x/net/html"

	"github.com/medkb/medkb/internal/markdown/callout"
)

// Rule ids of the diagnostics this package reports about what a writer
// typed (Diagnostic.Check); other diagnostics have none.
const (
	// RuleCallout: a "> [!KIND]" marker whose kind is not a callout kind;
	// the blockquote would show the marker as text.
	RuleCallout = "callout"
	// RuleHeadingLevel: a heading more than one level below the one
	// before it (## then ####); "On this page" and screen readers lose
	// the structure.
	RuleHeadingLevel = "heading-level"
)

// IsRule reports whether check is one of this package's rule ids.
func IsRule(check string) bool { return check == RuleCallout || check == RuleHeadingLevel }

// checkCallouts reports blockquotes that start with a callout marker of an
// unknown kind. Known kinds were turned into callouts already.
func (p *page) checkCallouts(quotes []*ast.Blockquote) {
	for _, q := range quotes {
		para, ok := q.FirstChild().(*ast.Paragraph)
		if !ok || q.Parent() == nil || para.Lines().Len() == 0 {
			continue
		}
		seg := para.Lines().At(0)
		line := seg.Value(p.src)
		if !bytes.HasPrefix(line, []byte("[!")) {
			continue
		}
		end := bytes.IndexByte(line, ']')
		if end < 0 {
			continue
		}
		name := string(line[2:end])
		if _, known := callout.ParseKind(name); known || strings.TrimSpace(name) == "" || strings.ContainsAny(name, "\n") {
			continue
		}
		l, c := p.lineCol(seg.Start)
		msg := fmt.Sprintf("unknown callout kind %q; the marker would show as text", name)
		hint := "use one of " + strings.ToUpper(strings.Join(callout.Kinds(), ", "))
		if best := callout.Closest(name); best != "" {
			msg = fmt.Sprintf("unknown callout kind %q; did you mean %s?", name, best)
			hint = "write > [!" + best + "]"
		}
		p.diags = append(p.diags, Diagnostic{File: p.ctx.File, Line: l, Col: c, Severity: SeverityError,
			Check: RuleCallout, Message: msg, Hint: hint})
	}
}

// checkTabs reports [!TABS] callouts with fewer than two tabs: each tab
// starts with a heading, and without them the reader gets no choice.
func (p *page) checkTabs(tabs []*callout.Callout) {
	for _, c := range tabs {
		n := 0
		for k := c.FirstChild(); k != nil; k = k.NextSibling() {
			if _, ok := k.(*callout.TabPanel); ok {
				n++
			}
		}
		if n >= 2 {
			continue
		}
		l, col := p.position(c)
		p.diags = append(p.diags, Diagnostic{File: p.ctx.File, Line: l, Col: col, Severity: SeverityWarning, Check: RuleCallout,
			Message: fmt.Sprintf("[!TABS] callout has %d tab(s); readers see no choice", n),
			Hint:    "start each tab with a heading inside the callout, such as > ### Adults and > ### Children"})
	}
}

// headingLevel is one heading of the body: a Markdown heading, or an
// <h1>–<h6> start tag in raw HTML (raw set, node the raw HTML node).
type headingLevel struct {
	level int
	node  ast.Node
	raw   bool
}

// rawHeadings returns the heading start tags of a raw HTML node's source.
func rawHeadings(n ast.Node, src []byte) []headingLevel {
	var out []headingLevel
	z := html.NewTokenizer(bytes.NewReader(src))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out
		case html.StartTagToken:
			name, _ := z.TagName()
			if len(name) == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6' {
				out = append(out, headingLevel{level: int(name[1] - '0'), node: n, raw: true})
			}
		}
	}
}

// checkHeadingLevels reports a heading that skips a level, in Markdown or
// in raw HTML (screen reader users move by heading level). The page title
// is the h1, so the body starts at ##.
func (p *page) checkHeadingLevels(headings []headingLevel) {
	prev := 1
	for _, h := range headings {
		if h.level > prev+1 {
			line, col := p.position(h.node)
			if h.node.Type() == ast.TypeBlock && h.node.Lines().Len() > 0 {
				line, _ = p.lineCol(h.node.Lines().At(0).Start)
				col = 1
			}
			d := Diagnostic{File: p.ctx.File, Line: line, Col: col, Severity: SeverityWarning, Check: RuleHeadingLevel,
				Message: fmt.Sprintf("heading level skips from h%d to h%d (%s after %s)", prev, h.level,
					strings.Repeat("#", h.level), strings.Repeat("#", prev)),
				Hint: fmt.Sprintf("make it a %s heading, or add the missing level above it", strings.Repeat("#", prev+1))}
			if h.raw {
				d.Message = fmt.Sprintf("raw HTML heading <h%d> skips a level: it follows an h%d", h.level, prev)
				d.Hint = fmt.Sprintf("make it an <h%d>, or add the missing level above it", prev+1)
			}
			p.diags = append(p.diags, d)
		}
		prev = h.level
	}
}

// phoneRe finds phone numbers in text: an international +CC number, a
// national number starting 0, or a North American (NNN) number, with 9 to
// 15 digits in groups separated by one space, dot or hyphen.
var phoneRe = regexp.MustCompile(`(?:\+\d{1,3}[ .\-]?(?:\(0\)[ .\-]?)?|\(\d{2,5}\)[ .\-]?|0)\d{1,5}(?:[ .\-]\d{2,5}){0,4}`)

// linkPhones turns phone numbers in text into tel: links, so a reader on a
// phone can call a helpline with one tap. Text in links, code, headings and
// callout titles is left alone.
func (p *page) linkPhones(texts []*ast.Text) {
	for _, t := range texts {
		val := t.Segment.Value(p.src)
		if !hasDigitRun(val) {
			continue
		}
		matches := phoneRe.FindAllIndex(val, -1)
		var pieces [][2]int
		for _, m := range matches {
			s, e := m[0], m[1]
			if s > 0 && isWordByte(val[s-1]) || e < len(val) && (isWordByte(val[e]) || val[e] == '-' || val[e] == '/') {
				continue
			}
			if n := countDigits(val[s:e]); n < 9 || n > 15 {
				continue
			}
			pieces = append(pieces, [2]int{s, e})
		}
		if len(pieces) == 0 {
			continue
		}
		parent := t.Parent()
		start := t.Segment.Start
		soft, hard := t.SoftLineBreak(), t.HardLineBreak()
		var last ast.Node = t
		// The original node keeps the text before the first number.
		rest := t.Segment.Stop
		t.Segment = text.NewSegment(start, start+pieces[0][0])
		t.SetSoftLineBreak(false)
		t.SetHardLineBreak(false)
		for i, pc := range pieces {
			link := ast.NewLink()
			link.Destination = []byte("tel:" + telNumber(val[pc[0]:pc[1]]))
			link.AppendChild(link, ast.NewTextSegment(text.NewSegment(start+pc[0], start+pc[1])))
			parent.InsertAfter(parent, last, link)
			last = link
			end := rest
			if i+1 < len(pieces) {
				end = start + pieces[i+1][0]
			}
			after := ast.NewTextSegment(text.NewSegment(start+pc[1], end))
			parent.InsertAfter(parent, last, after)
			last = after
		}
		if tl, ok := last.(*ast.Text); ok {
			tl.SetSoftLineBreak(soft)
			tl.SetHardLineBreak(hard)
		}
	}
}

func hasDigitRun(b []byte) bool {
	n := 0
	for _, c := range b {
		if c >= '0' && c <= '9' {
			n++
			if n >= 9 {
				return true
			}
		}
	}
	return false
}

func countDigits(b []byte) int {
	n := 0
	for _, c := range b {
		if c >= '0' && c <= '9' {
			n++
		}
	}
	return n
}

func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80
}

// telNumber keeps a leading + and the digits, dropping a "(0)" trunk
// prefix written after a country code.
func telNumber(b []byte) string {
	s := strings.Replace(string(b), "(0)", "", 1)
	var out strings.Builder
	for i, c := range []byte(s) {
		if c == '+' && i == 0 || c >= '0' && c <= '9' {
			out.WriteByte(c)
		}
	}
	return out.String()
}
