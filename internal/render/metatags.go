package render

import (
	"html/template"
	"strings"
)

// MetaTags is Meta as markup, as the default theme's head once wrote it
// with a loop of template actions: each tag on a line of its own (a
// newline before it), every value escaped as html/template escapes a
// quoted attribute value. One string instead of some twenty-five
// iterations of four reflective template calls each. It is written when
// asked: HeadTags, which the default theme's head calls, writes the tags
// itself, and a page's tags as a string of their own, made for every page
// and copied into HeadTags', were 1 to 2 KB a page for nothing.
func (d *Data) MetaTags() template.HTML {
	var b strings.Builder
	b.Grow(metaTagsLen(d.Meta))
	writeMetaTags(&b, d.Meta)
	return template.HTML(b.String())
}

// metaTagsLen is about what writeMetaTags writes for meta: the markup,
// the values and a sixteenth for their escaping.
func metaTagsLen(meta []Meta) int {
	n := 0
	for _, m := range meta {
		n += len("\n<meta property=\"\" content=\"\">") + len(m.Property) + len(m.Name) + len(m.Content)
	}
	return n + n/16
}

// writeMetaTags writes meta as MetaTags returns it.
func writeMetaTags(b *strings.Builder, meta []Meta) {
	for _, m := range meta {
		if m.Property != "" {
			b.WriteString("\n<meta property=\"")
			writeText(b, m.Property)
		} else {
			b.WriteString("\n<meta name=\"")
			writeText(b, m.Name)
		}
		b.WriteString("\" content=\"")
		writeText(b, m.Content)
		b.WriteString("\">")
	}
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
// versions (Alternates, XDefault), then FeedTags and MetaTags (written
// here, not copied). Each value
// is escaped as html/template escaped it there (escape.go); a theme's own
// head may still write the fields one by one.
func (d *Data) HeadTags() template.HTML {
	var b strings.Builder
	b.Grow(256 + len(d.Title) + len(d.Description) + 2*len(d.Canonical) + len(d.FeedTags) + metaTagsLen(d.Meta))
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
	writeMetaTags(&b, d.Meta)
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
