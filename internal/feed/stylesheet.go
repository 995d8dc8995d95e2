package feed

import (
	"bytes"
	_ "embed"
	"encoding/xml"
	"fmt"
	"text/template"
)

//go:embed feed.xsl
var xslSource string

// StylesheetCSS is the CSS the feed stylesheet links to (StylesheetText.CSS).
//
//go:embed feed.css
var StylesheetCSS []byte

var xslTemplate = template.Must(template.New("feed.xsl").Parse(xslSource))

// StylesheetText is what the feed stylesheet says, in the feed's language.
type StylesheetText struct {
	Lang, Dir string // language tag and "ltr" or "rtl"
	CSS       string // URL of StylesheetCSS, on the site itself
	Notice    string // "This is a web feed"
	HowTo     string // how to subscribe
	Address   string // label before the feed's own address
	Home      string // link text to the site
	Recent    string // heading of the item list
}

// Stylesheet returns an XSLT 1.0 stylesheet that renders an RSS 2.0 or
// Atom document written by Prepared.Write as a readable HTML page: an explanation
// of how to subscribe with the feed's own address, the feed's title and
// description, and its items, linked. It loads nothing but the CSS at
// t.CSS and runs no script, so it satisfies a Content-Security-Policy of
// default-src 'self'; feed values are inserted as text by the XSLT
// processor, and every field of t is XML-escaped here.
func Stylesheet(t StylesheetText) ([]byte, error) {
	esc := func(s string) string {
		var b bytes.Buffer
		xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	// Curly braces would be read as XSLT expressions inside attributes.
	avt := func(s string) string {
		var b bytes.Buffer
		for _, r := range esc(s) {
			if r == '{' || r == '}' {
				b.WriteRune(r)
			}
			b.WriteRune(r)
		}
		return b.String()
	}
	data := map[string]string{"Lang": avt(t.Lang), "Dir": avt(t.Dir), "CSS": avt(t.CSS),
		"Notice": esc(t.Notice), "HowTo": esc(t.HowTo), "Address": esc(t.Address), "Home": esc(t.Home), "Recent": esc(t.Recent)}
	var out bytes.Buffer
	if err := xslTemplate.Execute(&out, data); err != nil {
		return nil, fmt.Errorf("feed: stylesheet: %w", err)
	}
	return out.Bytes(), nil
}
