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

// feedTags writes feeds as the default theme's head once wrote them with
// a loop: a newline, then one <link rel="alternate"> per feed. The type
// and title are escaped like MetaTags' values, the address as
// html/template escapes an href (writeHref).
func feedTags(feeds []FeedLink) template.HTML {
	var b strings.Builder
	for _, f := range feeds {
		b.WriteString("\n<link rel=\"alternate\" type=\"")
		attrEscaper.WriteString(&b, f.Type)
		b.WriteString("\" title=\"")
		attrEscaper.WriteString(&b, f.Title)
		b.WriteString("\" href=\"")
		writeHref(&b, f.URL)
		b.WriteString("\">")
	}
	return template.HTML(b.String())
}
