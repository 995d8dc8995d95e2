package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

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
	// RuleFootnote: a footnote reference without a definition (it shows
	// as "[^1]"), or a definition no reference calls (goldmark leaves its
	// text out of the page).
	RuleFootnote = "footnote"
	// RuleShortcode: a Hugo shortcode ({{< youtube id >}}, {{% note %}}),
	// a Liquid tag ({% include %}) or a kramdown attribute list ({:
	// .class}), which medkb does not run: it shows as text.
	RuleShortcode = "shortcode"
	// RuleLinkSyntax: a link Markdown does not read as one, so it shows
	// as text, brackets and all, and leads nowhere: a reference link
	// ([text][label] or [label][]) whose label has no definition
	// ("[label]: https://…"), or an inline link or image whose address
	// has a space ([text](/heart attack/)) or is set apart from its text
	// by one ([text] (/heart-attack/)).
	RuleLinkSyntax = "link-syntax"
	// RuleHeadingSyntax: a line of a paragraph that starts with 1 to 6
	// "#" and a letter ("#Causes"): a heading without the space after its
	// "#", which Markdown shows as text; or a sentence that became a
	// heading because the line under it is --- or === (a setext heading).
	RuleHeadingSyntax = "heading-syntax"
	// RuleEmphasis: a "**" or "__" that opens or closes bold text with no
	// partner, which shows as two asterisks or underscores and leaves
	// the words unbolded ("Take **two tablets a day.").
	RuleEmphasis = "emphasis"
	// RuleIndentedCode: sentences indented by four spaces or a tab, which
	// Markdown shows as a block of code, not as a paragraph.
	RuleIndentedCode = "indented-code"
	// RuleCapitals: words written in block capitals for emphasis ("DO
	// NOT TAKE WITH ALCOHOL"), harder to read and spelled out letter by
	// letter by some screen readers.
	RuleCapitals = "capitals"
	// RuleCodeFence: a fenced code block whose fence is never closed, so
	// the rest of its container shows as code.
	RuleCodeFence = "code-fence"
	// RuleLinkText: a link whose words say nothing about where it leads
	// ("click here", "read more"), which screen reader users hear alone
	// when they list a page's links.
	RuleLinkText = "link-text"
	// RuleListNumbers: a numbered list whose items' numbers are not the
	// ones the page shows (Markdown counts from the first item).
	RuleListNumbers = "list-numbers"
	// RulePlaceholder: a writer's placeholder (TODO, TBC, lorem ipsum)
	// left in a page's text.
	RulePlaceholder = "placeholder"
	// RuleControlChar: a C1 control character (U+0080 to U+009F) in the
	// text, which HTML forbids: a Windows-1252 character garbled
	// (checkControlChars).
	RuleControlChar = "control-char"
	// RuleTable: a table row with more cells than the table has columns
	// (its header row's): GFM leaves the extra cells out of the page.
	RuleTable = "table"
)

// Rules returns this package's rule ids, sorted: with package check's
// Codes, the keys check: accepts in medkb.yaml and front matter.
func Rules() []string {
	return []string{RuleCallout, RuleCapitals, RuleCodeFence, RuleControlChar, RuleEmphasis, RuleFootnote, RuleHeadingLevel, RuleHeadingSyntax, RuleIndentedCode, RuleLinkSyntax, RuleLinkText, RuleListNumbers, RulePlaceholder, RuleShortcode, RuleTable}
}

// IsRule reports whether check is one of this package's rule ids.
func IsRule(check string) bool {
	switch check {
	case RuleListNumbers, RulePlaceholder, RuleCallout, RuleControlChar, RuleCapitals, RuleCodeFence, RuleEmphasis, RuleHeadingLevel, RuleHeadingSyntax, RuleFootnote, RuleIndentedCode, RuleShortcode, RuleLinkSyntax, RuleLinkText, RuleTable:
		return true
	}
	return false
}

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

// footnotes are a page's footnotes that goldmark kept (a definition
// without a reference it drops, text and all) and the source ranges of its
// code and raw HTML blocks, where "[^x]:" is no definition.
type footnotes struct {
	kept []string
	code [][2]int
}

func (f *footnotes) addCode(n ast.Node) {
	if n.Type() != ast.TypeBlock {
		return
	}
	if l := n.Lines(); l.Len() > 0 {
		f.code = append(f.code, [2]int{l.At(0).Start, l.At(l.Len() - 1).Stop})
	}
}

// footnoteDefRe finds a footnote definition at the start of a line.
var footnoteDefRe = regexp.MustCompile(`(?m)^ {0,3}\[\^([^\]\s]+)\]:`)

// checkFootnotes reports footnote definitions that no reference calls:
// goldmark leaves them out of the page, so the note's text is lost
// without a word (RuleFootnote).
func (p *page) checkFootnotes(f footnotes) {
	if !bytes.Contains(p.src, []byte("[^")) {
		return
	}
	for _, m := range footnoteDefRe.FindAllSubmatchIndex(p.src, -1) {
		label := string(p.src[m[2]:m[3]])
		at := m[2] - 2 // the "[": a code block's lines start after a list item's indent
		if slices.Contains(f.kept, label) || slices.ContainsFunc(f.code, func(r [2]int) bool { return at >= r[0] && at < r[1] }) {
			continue
		}
		line, col := p.lineCol(at)
		p.diags = append(p.diags, Diagnostic{File: p.ctx.File, Line: line, Col: col, Severity: SeverityWarning, Check: RuleFootnote,
			Message: fmt.Sprintf("footnote [^%s] is never referenced, so its text is left out of the page", label),
			Hint:    fmt.Sprintf("put [^%s] in the text where the note belongs, or remove the note", label)})
	}
}
