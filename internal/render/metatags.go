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
			writeText(&b, m.Property)
		} else {
			b.WriteString("\n<meta name=\"")
			writeText(&b, m.Name)
		}
		b.WriteString("\" content=\"")
		writeText(&b, m.Content)
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
		writeText(&b, f.Type)
		b.WriteString("\" title=\"")
		writeText(&b, f.Title)
		b.WriteString("\" href=\"")
		writeHref(&b, f.URL)
		b.WriteString("\">")
	}
	return template.HTML(b.String())
}

// HeadTags is the head's tags about the page itself, as the default
// theme's head once wrote them with a template action for each value
// (about a dozen reflective calls a page, an href alone three): its
// <title>, description, canonical address, the robots and refresh tags of
// a page search engines should not index or an alias, its language
// versions (Alternates, XDefault), then FeedTags and MetaTags. Each value
// is escaped as html/template escaped it there (escape.go); a theme's own
// head may still write the fields one by one.
func (d *Data) HeadTags() template.HTML {
	var b strings.Builder
	b.Grow(256 + len(d.Title) + len(d.Description) + 2*len(d.Canonical) + len(d.FeedTags) + len(d.MetaTags))
	b.WriteString("<title>")
	writeText(&b, d.Title)
	b.WriteString("</title>")
	if d.Description != "" {
		b.WriteString("\n<meta name=\"description\" content=\"")
		writeText(&b, d.Description)
		b.WriteString(`">`)
	}
	b.WriteString("\n<link rel=\"canonical\" href=\"")
	writeHref(&b, d.Canonical)
	b.WriteString(`">`)
	if d.NoIndex {
		b.WriteString("\n<meta name=\"robots\" content=\"noindex\">")
	}
	if u := d.AliasTarget; u != "" {
		// A URL inside the refresh tag's content: filtered as an href
		// is, but neither normalized nor percent-encoded.
		if !safeURL(u) {
			u = "#ZgotmplZ"
		}
		b.WriteString("\n<meta http-equiv=\"refresh\" content=\"0; url=")
		writeText(&b, u)
		b.WriteString("\">\n<meta name=\"robots\" content=\"noindex\">")
	}
	for _, a := range d.Alternates {
		b.WriteString("\n<link rel=\"alternate\" hreflang=\"")
		writeText(&b, a.Lang)
		b.WriteString("\" href=\"")
		writeHref(&b, a.Permalink)
		b.WriteString(`">`)
	}
	if d.XDefault != "" {
		b.WriteString("\n<link rel=\"alternate\" hreflang=\"x-default\" href=\"")
		writeHref(&b, d.XDefault)
		b.WriteString(`">`)
	}
	b.WriteString(string(d.FeedTags))
	b.WriteString(string(d.MetaTags))
	return template.HTML(b.String())
}

// cssLinks writes a stylesheet link for each of css, a newline before
// each, as the default theme's head once did with a loop on every page:
// the same for every page of a site, so written once (SiteData.CSSLinks).
func cssLinks(css []string) template.HTML {
	var b strings.Builder
	for _, u := range css {
		b.WriteString("\n<link rel=\"stylesheet\" href=\"")
		writeHref(&b, u)
		b.WriteString(`">`)
	}
	return template.HTML(b.String())
}
