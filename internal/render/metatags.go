package render

import (
	"html/template"
	"strings"
)

// metaTags writes meta as the default theme's head once wrote it with a
// loop of template actions: each tag on a line of its own (a newline
// before it), every value escaped as html/template escapes a quoted
// attribute value. One string per page instead of some twenty-five
// iterations of four reflective template calls each.
func metaTags(meta []Meta) template.HTML {
	var b strings.Builder
	for _, m := range meta {
		if m.Property != "" {
			b.WriteString("\n<meta property=\"")
			attrEscaper.WriteString(&b, m.Property)
		} else {
			b.WriteString("\n<meta name=\"")
			attrEscaper.WriteString(&b, m.Name)
		}
		b.WriteString("\" content=\"")
		attrEscaper.WriteString(&b, m.Content)
		b.WriteString("\">")
	}
	return template.HTML(b.String())
}

// attrEscaper is html/template's escaping of a plain string in a quoted
// attribute value (its htmlReplacementTable): NUL and the five HTML
// specials, and '+', which it escapes against UTF-7 sniffing.
// TestMetaTagsEscapeAsHTMLTemplate holds the two to the same bytes.
var attrEscaper = strings.NewReplacer(
	"\x00", "\uFFFD",
	`"`, "&#34;",
	"&", "&amp;",
	"'", "&#39;",
	"+", "&#43;",
	"<", "&lt;",
	">", "&gt;",
)
