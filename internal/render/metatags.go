package render

import (
	"html/template"
	"strings"
	"sync"
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

// feedTags writes feeds as the default theme's head once wrote them with
// a loop: a newline, then one <link rel="alternate"> per feed. The type
// and title are escaped like MetaTags' values, the address as
// html/template escapes an href (urlAttr).
func feedTags(feeds []FeedLink, urlAttr func(string) string) template.HTML {
	var b strings.Builder
	for _, f := range feeds {
		b.WriteString("\n<link rel=\"alternate\" type=\"")
		attrEscaper.WriteString(&b, f.Type)
		b.WriteString("\" title=\"")
		attrEscaper.WriteString(&b, f.Title)
		b.WriteString("\" href=\"")
		b.WriteString(urlAttr(f.URL))
		b.WriteString("\">")
	}
	return template.HTML(b.String())
}

// hrefProbe is an href whose one action html/template escapes as it
// escapes any href value: filtered (an unsafe scheme becomes
// "#ZgotmplZ"), normalized (percent-encoding) and attribute-escaped.
var hrefProbe = template.Must(template.New("href").Parse(`<a href="{{.}}">`))

// urlAttrs memoizes html/template's escaping of href values: a site has
// few distinct feed addresses and every page repeats some of them. Safe
// for concurrent use.
type urlAttrs struct{ m sync.Map }

// get returns u as html/template writes it inside href="…".
func (c *urlAttrs) get(u string) string {
	if v, ok := c.m.Load(u); ok {
		return v.(string)
	}
	var b strings.Builder
	if err := hrefProbe.Execute(&b, u); err != nil {
		panic("render: the href probe failed: " + err.Error()) // a fixed template on a string cannot fail
	}
	out := strings.TrimSuffix(strings.TrimPrefix(b.String(), `<a href="`), `">`)
	c.m.Store(u, out)
	return out
}
