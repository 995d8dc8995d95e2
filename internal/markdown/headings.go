package markdown

// Rules about headings: one that skips a level or is an h1 in the text
// (the page's title is its h1), a line that starts as a heading without
// the space after its "#"s, and a sentence that became a heading because
// --- or === is typed under it.

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
)

// checkHashLines reports each line of paragraph n that starts as a
// heading without its space ("#Causes", "##When to get help"): CommonMark
// needs a space after the "#"s, so the line is text (and a paragraph's
// line, not a heading, cannot end the paragraph above it either). A
// letter must follow, so "#1 cause" and "#" alone are prose; a hashtag
// on a line of its own is reported too, and its hint says how to keep
// it.
func (p *page) checkHashLines(n *ast.Paragraph) {
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		v := p.src[seg.Start:seg.Stop]
		if len(v) < 2 || v[0] != '#' || p.indented(seg.Start) {
			continue
		}
		hashes := 1
		for hashes < len(v) && v[hashes] == '#' {
			hashes++
		}
		if hashes > 6 {
			continue
		}
		r, _ := utf8.DecodeRune(v[hashes:])
		if !unicode.IsLetter(r) {
			continue
		}
		title := strings.TrimSpace(string(bytes.TrimRight(v[hashes:], "\r\n")))
		marks := strings.Repeat("#", hashes)
		line, col := p.lineCol(seg.Start)
		p.diags = append(p.diags, Diagnostic{File: p.ctx.File, Line: line, Col: col, Severity: SeverityWarning, Check: RuleHeadingSyntax,
			Message: fmt.Sprintf("%s%s is not a heading: without a space after the %s it shows as text", marks, title, marks),
			Hint:    fmt.Sprintf("write %s %s, with a space (a hashtag meant as text: \\%s%s)", marks, title, marks, title)})
	}
}

// checkSetextHeadings reports a paragraph that became a heading because
// the line under it is --- or === (a setext heading), when it reads as a
// sentence: it ends with . ! ? : , or ; or runs over more than one line.
// A writer who puts --- under a paragraph for a horizontal line, with no
// blank line between, gets a heading in the page's contents instead. A
// short title underlined on purpose is left alone.
func (p *page) checkSetextHeadings(headings []*ast.Heading) {
	for _, h := range headings {
		lines := h.Lines()
		if lines.Len() == 0 {
			continue
		}
		first := lines.At(0)
		start := p.lineStart(first.Start)
		if bytes.HasPrefix(bytes.TrimLeft(p.src[start:first.Start], " \t>"), []byte("#")) || bytes.HasPrefix(p.src[first.Start:first.Stop], []byte("#")) {
			continue // an ATX heading: # Title
		}
		if prev := h.PreviousSibling(); prev != nil && prev.Kind() == ast.KindThematicBreak && prev.PreviousSibling() == nil && prev.Parent() == h.Parent() && h.Parent().Kind() == ast.KindDocument {
			continue // "---", lines, "---" opening the text: a second front matter block, package frontmatter's to report
		}
		last := lines.At(lines.Len() - 1)
		text := bytes.TrimRight(p.src[last.Start:last.Stop], " \t\r\n")
		if lines.Len() == 1 && (len(text) == 0 || !bytes.ContainsAny(text[len(text)-1:], ".!?:,;")) {
			continue
		}
		marks := "---"
		if h.Level == 1 {
			marks = "==="
		}
		line, _ := p.lineCol(first.Start)
		p.diags = append(p.diags, Diagnostic{File: p.ctx.File, Line: line, Col: 1, Severity: SeverityWarning, Check: RuleHeadingSyntax,
			Message: fmt.Sprintf("this paragraph is a heading (h%d in the page's contents) because the line under it is %s", h.Level, marks),
			Hint:    "for a horizontal line, leave a blank line between the paragraph and " + marks + "; for a heading, write it as " + strings.Repeat("#", h.Level) + " on one short line"})
	}
}

// indented reports whether the line holding src[at] has only spaces and
// tabs before it, at least one: a paragraph's continuation line written
// indented, as a YAML or shell comment pasted as text is, not a heading
// meant (a line in a quote or list has its marker before it).
func (p *page) indented(at int) bool {
	start := p.lineStart(at)
	return start < at && len(bytes.Trim(p.src[start:at], " \t")) == 0
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
// in raw HTML (screen reader users move by heading level), and an h1 in
// the body: the page title is the h1, so the body starts at ##, and a
// second h1 (often the title written again, as other tools' pages begin)
// tells a screen reader a new page starts there.
func (p *page) checkHeadingLevels(headings []headingLevel) {
	prev := 1
	for _, h := range headings {
		line, col := p.position(h.node)
		if h.node.Type() == ast.TypeBlock && h.node.Lines().Len() > 0 {
			line, _ = p.lineCol(h.node.Lines().At(0).Start)
			col = 1
		}
		if h.level == 1 {
			d := Diagnostic{File: p.ctx.File, Line: line, Col: col, Severity: SeverityWarning, Check: RuleHeadingLevel,
				Message: "a level-1 heading (#) in the text: the page's title is its only h1, so the text's headings start at ##",
				Hint:    "make it a ## heading, or delete it if it repeats the title"}
			if h.raw {
				d.Message = "raw HTML heading <h1> in the text: the page's title is its only h1, so the text's headings start at <h2>"
				d.Hint = "make it an <h2>, or delete it if it repeats the title"
			}
			p.diags = append(p.diags, d)
		}
		if h.level > prev+1 {
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

// checkEmptyHeading reports a heading with no words ("## " alone, a
// heading begun and never written): the page gets an empty h2, which a
// screen reader announces as "heading level 2" with nothing after it, and
// "On this page" an entry without a name.
func (p *page) checkEmptyHeading(h *ast.Heading) {
	if h.HasChildren() {
		return
	}
	line, col := p.position(h)
	p.diags = append(p.diags, Diagnostic{File: p.ctx.File, Line: line, Col: col, Severity: SeverityWarning, Check: RuleHeadingSyntax,
		Message: fmt.Sprintf("this heading (h%d) has no words: screen readers announce an empty heading", h.Level),
		Hint:    "write the heading's words after the #s, or remove the line"})
}
