package markdown

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// vagueLinkTexts are link words that say nothing about where a link
// leads, in the languages medkb's demo and users write most: a screen
// reader user who lists a page's links (as many do to move through a
// page) hears "click here, here, read more" and cannot tell them apart
// (WCAG 2.4.4, link purpose).
var vagueLinkTexts = map[string]bool{
	// English
	"click here": true, "click": true, "here": true, "this": true, "this link": true, "link": true, "this page": true,
	"read more": true, "more": true, "learn more": true, "more info": true, "more information": true, "find out more": true,
	"see here": true, "go": true, "go here": true, "details": true, "continue": true, "info": true, "click this link": true,
	// Spanish
	"aquí": true, "aqui": true, "haga clic aquí": true, "haz clic aquí": true, "pulse aquí": true, "pincha aquí": true,
	"clic aquí": true, "leer más": true, "más": true, "más información": true, "este enlace": true, "enlace": true,
	// French
	"ici": true, "cliquez ici": true, "en savoir plus": true, "lire la suite": true, "ce lien": true, "lien": true,
}

// maxVagueLinkText bounds the bytes of a link's text that may be vague:
// the longest of vagueLinkTexts (in UTF-8) with room for the spaces,
// brackets and punctuation around it ("Read more »").
const maxVagueLinkText = 32

// checkLinkText reports a link whose words say nothing about where it
// leads ("click here", "read more"): RuleLinkText.
func (p *page) checkLinkText(n *ast.Link) {
	size := 0
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok {
			return // an image or code: its own words, or none to judge
		}
		size += t.Segment.Len() + 1
	}
	if size > maxVagueLinkText {
		return // longer than any vague text: most links stop here, unread
	}
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		t := c.(*ast.Text)
		b.Write(t.Segment.Value(p.src))
		if t.SoftLineBreak() {
			b.WriteByte(' ')
		}
	}
	words := strings.Join(strings.Fields(strings.ToLower(b.String())), " ")
	words = strings.TrimFunc(words, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsSpace(r) })
	if !vagueLinkTexts[words] {
		return
	}
	line, col := p.position(n)
	p.diags = append(p.diags, Diagnostic{File: p.ctx.File, Line: line, Col: col, Severity: SeverityWarning, Check: RuleLinkText,
		Message: fmt.Sprintf("link text %q says nothing about where the link leads: screen reader users who list a page's links hear only %q", strings.TrimSpace(b.String()), words),
		Hint:    "put the words that say where it leads in the link, such as [book an asthma review](…) or [NICE's asthma guideline](…)"})
}
