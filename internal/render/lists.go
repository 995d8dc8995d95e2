package render

import (
	"cmp"
	"html/template"
	"strings"
	"time"

	"github.com/medkb/medkb/internal/assemble"
	"github.com/medkb/medkb/internal/page"
)

// The lists and review dates of an article page as markup.
//
// The default theme's article page once wrote its breadcrumbs, table of
// contents, tags, share links and related articles with a template loop
// each: some ninety reflective template calls a page (an href alone is
// three escapers), about 45 % of its template time on the bench corpus.
// The methods below write the same markup, byte for byte, with the
// values escaped as html/template escapes them there (escape.go); each
// is held to the loop it replaces by a test that runs that loop through
// html/template on hostile values. They are methods, not fields, so a
// theme that writes its own loops over Crumbs, Page.TOC, Page.Meta.Tags,
// Share and Page.Related pays nothing for them.

// CrumbItems is Crumbs as the items of the breadcrumb list: a newline and
// an <li> each, the page's own link marked aria-current="page".
func (d *Data) CrumbItems() template.HTML {
	n := 0
	for _, c := range d.Crumbs {
		n += 64 + len(c.URL) + len(c.Title)
	}
	var b strings.Builder
	b.Grow(n)
	for _, c := range d.Crumbs {
		attrs := ` dir="auto"`
		if c.URL == d.Page.RelPermalink {
			attrs = ` aria-current="page" dir="auto"`
		}
		writeLinkItem(&b, c.URL, attrs, c.Title)
	}
	return template.HTML(b.String())
}

// HasTOC reports whether the page shows a table of contents: it has more
// than two headings, and TOCItems lists at least one.
func (d *Data) HasTOC() bool {
	return len(d.Page.TOC) > 2 && d.tocLevel() > 0
}

// tocLevel is the level of the headings the table of contents lists: 2,
// or on a page without second-level headings the highest level below the
// title it has (an article whose sections are ### headings, as imported
// pages' often are, listed nothing in a box headed "On this page"); 0 for
// a page without headings below the title.
func (d *Data) tocLevel() int {
	level := 0
	for _, h := range d.Page.TOC {
		if h.Level >= 2 && (level == 0 || h.Level < level) {
			level = h.Level
		}
	}
	return level
}

// TOCItems is the page's table of contents as list items: a newline and
// an <li> linking each heading of tocLevel (the second-level headings,
// when the page has any).
func (d *Data) TOCItems() template.HTML {
	n := 0
	for _, h := range d.Page.TOC {
		n += 32 + len(h.ID) + len(h.Text)
	}
	var b strings.Builder
	b.Grow(n)
	level := d.tocLevel()
	for _, h := range d.Page.TOC {
		if h.Level != level {
			continue
		}
		b.WriteString("\n<li><a href=\"#")
		writeURL(&b, h.ID, false)
		b.WriteString(`">`)
		writeText(&b, h.Text)
		b.WriteString("</a></li>")
	}
	return template.HTML(b.String())
}

// TagLinks is the page's tags as links to their tag pages, a space
// before each.
func (d *Data) TagLinks() template.HTML {
	n := 0
	for _, t := range d.Page.Meta.Tags {
		n += 32 + len(d.Site.TagsURL) + 2*len(t)
	}
	var b strings.Builder
	b.Grow(n)
	for _, t := range d.Page.Meta.Tags {
		b.WriteString(` <a href="`)
		writeHref(&b, d.Site.TagsURL)
		writeURL(&b, assemble.Slugify(t), true)
		b.WriteString(`/" rel="tag">`)
		writeText(&b, t)
		b.WriteString("</a>")
	}
	return template.HTML(b.String())
}

// ShareItems is Share as list items: a newline and an <li> each.
func (d *Data) ShareItems() template.HTML {
	n := 0
	for _, s := range d.Share {
		n += 64 + len(s.URL) + len(s.URL)/8 + len(s.Name) // '+' and '&' grow when escaped
	}
	var b strings.Builder
	b.Grow(n)
	for _, s := range d.Share {
		writeLinkItem(&b, s.URL, ` rel="noopener noreferrer"`, s.Name)
	}
	return template.HTML(b.String())
}

// RelatedItems is the page's related articles as list items: a newline
// and an <li> linking each.
func (d *Data) RelatedItems() template.HTML {
	n := 0
	for _, q := range d.Page.Related {
		n += 32 + len(q.RelPermalink) + len(q.Meta.Title)
	}
	var b strings.Builder
	b.Grow(n)
	for _, q := range d.Page.Related {
		writeLinkItem(&b, q.RelPermalink, "", q.Meta.Title)
	}
	return template.HTML(b.String())
}

// writeLinkItem writes a newline and <li><a href="href"attrs>text</a></li>,
// href and text escaped for their contexts; attrs is markup of this
// package's own (a leading space, no writer's text).
func writeLinkItem(b *strings.Builder, href, attrs, text string) {
	openLinkItem(b, href, attrs, text)
	b.WriteString("</li>")
}

// openLinkItem is writeLinkItem without the closing </li>, for an item
// that goes on after its link.
func openLinkItem(b *strings.Builder, href, attrs, text string) {
	b.WriteString("\n<li><a href=\"")
	writeHref(b, href)
	b.WriteString(`"`)
	b.WriteString(attrs)
	b.WriteString(">")
	writeText(b, text)
	b.WriteString("</a>")
}

// ReviewDateItems is the page's review dates as the items of a <dl>: a
// newline and a <div> of <dt> and <dd> for the last review, the next
// review and the last update, each that is set, the date written in the
// page's language and as an ISO date in a <time> element.
func (d *Data) ReviewDateItems() template.HTML {
	var b strings.Builder
	b.Grow(300) // three dates' items
	th, lang := d.Site.theme, d.Lang.Code
	for _, x := range []struct {
		key string
		t   time.Time
	}{{"review.last", d.Page.Meta.LastReviewed.Time}, {"review.next", d.Page.NextReview}, {"review.updated", d.Page.Updated()}} {
		if x.t.IsZero() {
			continue
		}
		b.WriteString("\n<div><dt>")
		writeText(&b, th.String(lang, x.key))
		b.WriteString(`</dt><dd><time datetime="`)
		writeISODate(&b, x.t)
		b.WriteString(`">`)
		writeText(&b, th.FormatDate(lang, x.t))
		b.WriteString("</time></dd></div>")
	}
	return template.HTML(b.String())
}

// ReviewNotice is the article's "review overdue" notice, a newline
// before it, for a page with a next review date: the date as an ISO date
// (site.js shows the notice in the browser once it has passed), and the
// notice hidden unless it had passed at build time (Overdue). Empty for
// a page without the date. The default theme's article page wrote it
// with five reflective template calls.
func (d *Data) ReviewNotice() template.HTML {
	if d.Page.NextReview.IsZero() {
		return ""
	}
	var b strings.Builder
	b.Grow(160)
	b.WriteString("\n<p class=\"notice notice-overdue\" data-next-review=\"")
	writeISODate(&b, d.Page.NextReview)
	b.WriteString(`"`)
	if !d.Overdue {
		b.WriteString(" hidden")
	}
	b.WriteString("><strong>")
	writeText(&b, d.Site.theme.String(d.Lang.Code, "review.overdue"))
	b.WriteString("</strong></p>")
	return template.HTML(b.String())
}

// PrintedFrom is the footer's "printed from" line, which only print
// shows: the theme's words and the page's canonical address, linked,
// and the element site.js writes the print date into. The default
// theme's footer wrote it with five reflective template calls.
func (d *Data) PrintedFrom() template.HTML {
	th, lang := d.Site.theme, d.Lang.Code
	var b strings.Builder
	b.Grow(160 + 2*len(d.Canonical))
	b.WriteString(`<p class="printed-from">`)
	writeText(&b, th.String(lang, "print.from"))
	b.WriteString(` <a href="`)
	writeHref(&b, d.Canonical)
	b.WriteString(`" dir="ltr">`)
	writeText(&b, d.Canonical)
	b.WriteString(`</a><span class="printed-on" data-word="`)
	writeText(&b, th.String(lang, "print.on"))
	b.WriteString(`"></span></p>`)
	return template.HTML(b.String())
}

// writeISODate writes t as an ISO date (2006-01-02), which html/template
// leaves as it is in an attribute: digits and hyphens only.
func writeISODate(b *strings.Builder, t time.Time) {
	var buf [16]byte
	b.Write(t.AppendFormat(buf[:0], "2006-01-02"))
}

// CreditList is a people page's credits in one role, for the credits
// partial.
type CreditList struct {
	Role  string        // "written", "reviewed" or "translated"
	Items template.HTML // a newline and an <li> for each credited page
}

// CreditList returns the people page's credits in role, nil when it has
// none. Each item links the credited page and, when it has one, gives
// its date: when it was last reviewed (role "reviewed") or updated,
// written in the page's language and as an ISO date in a <time> element.
// The credits partial once looped over them itself (BenchmarkCredits:
// 1,500 credits, as each of the bench corpus's 20 people pages has, in
// 14–16 ms of template time against 1.3 ms).
func (d *Data) CreditList(role string) *CreditList {
	credits := d.Page.CreditsAs(role)
	if len(credits) == 0 {
		return nil
	}
	th, lang := d.Site.theme, d.Lang.Code
	when := th.String(lang, "review.updated")
	if role == "reviewed" {
		when = th.String(lang, "review.short")
	}
	var b strings.Builder
	b.Grow(160 * len(credits)) // about an item's length
	for _, c := range credits {
		openLinkItem(&b, c.Page.RelPermalink, "", c.Page.Meta.Title)
		if !c.Date.IsZero() {
			b.WriteString(` <span class="count">(`)
			writeText(&b, when)
			b.WriteString(` <time datetime="`)
			writeISODate(&b, c.Date)
			b.WriteString(`">`)
			writeText(&b, th.FormatDate(lang, c.Date))
			b.WriteString("</time>)</span>")
		}
		b.WriteString("</li>")
	}
	return &CreditList{Role: role, Items: template.HTML(b.String())}
}

// AZItems is one letter's entries of a section's A–Z list as list items:
// a newline and an <li> linking each page, with a badge for a page for
// professionals and the page's summary. The section layout looped over
// them itself (BenchmarkListings: 500 entries in 3.4–3.9 ms against
// 0.3–0.5 ms).
func (d *Data) AZItems(ps []*page.Page) template.HTML {
	badge := d.Site.theme.String(d.Lang.Code, "audience.professional")
	var b strings.Builder
	b.Grow(200 * len(ps)) // about an entry's length with its summary
	for _, p := range ps {
		openLinkItem(&b, p.RelPermalink, "", p.Meta.Title)
		if p.Meta.Audience == "professional" {
			b.WriteString(` <span class="badge">`)
			writeText(&b, badge)
			b.WriteString("</span>")
		}
		if s := p.Summary(); s != "" {
			b.WriteString(`<span class="az-summary">`)
			writeText(&b, s)
			b.WriteString("</span>")
		}
		b.WriteString("</li>")
	}
	return template.HTML(b.String())
}

// People is a byline's people, each as the person partial wrote one,
// separated by ", ": isolated in <bdi> (its direction from the name's
// first letter), so "Dr Jane Smith, MBBS (GP)" keeps its order on an
// Arabic page; the name links to the person's page on the site, else to
// their own URL; credentials and role are isolated again, as they may be
// in another script. The trust partial looped over each byline's people
// through a person partial of its own (BenchmarkPagesBenchCorpus/page:
// 559,000 allocations for 1,000 articles against 621,000).
func (d *Data) People(as []page.Author) template.HTML {
	var b strings.Builder
	writePeople(&b, as)
	return template.HTML(b.String())
}

// writePeople writes People's markup for as into b.
func writePeople(b *strings.Builder, as []page.Author) {
	for i, a := range as {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("<bdi>")
		if href := cmp.Or(a.Profile, a.URL); href != "" {
			b.WriteString(`<a href="`)
			writeHref(b, href)
			b.WriteString(`">`)
			writeText(b, a.Name)
			b.WriteString("</a>")
		} else {
			b.WriteString(`<span class="person">`)
			writeText(b, a.Name)
			b.WriteString("</span>")
		}
		if a.Credentials != "" {
			b.WriteString(", <bdi>")
			writeText(b, a.Credentials)
			b.WriteString("</bdi>")
		}
		if a.Role != "" {
			b.WriteString(` <span class="role">(<bdi>`)
			writeText(b, a.Role)
			b.WriteString("</bdi>)</span>")
		}
		b.WriteString("</bdi>")
	}
}

// TrustItems is the lines of an article's trust box, as the trust
// partial once wrote them with a template action for each value (some
// fifteen reflective calls a page): a newline and a <p> for each of its
// authors and its translators (each after the theme's byline string),
// its reviewers or the string saying it has none, the date it was last
// reviewed (in the page's language, and as an ISO date in a <time>
// element), its sponsor and its funding, each that is set.
func (d *Data) TrustItems() template.HTML {
	p := d.Page
	th, lang := d.Site.theme, d.Lang.Code
	var b strings.Builder
	b.Grow(512)
	open := func(class, key string) {
		b.WriteString(`
<p class="`)
		b.WriteString(class)
		b.WriteString(`">`)
		writeText(&b, th.String(lang, key))
	}
	people := func(class, key string, as []page.Author) {
		open(class, key)
		b.WriteByte(' ')
		writePeople(&b, as)
		b.WriteString("</p>")
	}
	if len(p.Authors) > 0 {
		people("byline", "byline.written", p.Authors)
	}
	if len(p.Translators) > 0 {
		people("byline", "byline.translated", p.Translators)
	}
	if len(p.Reviewers) > 0 {
		people("reviewed", "byline.reviewed", p.Reviewers)
	} else {
		open("reviewed", "review.none")
		b.WriteString("</p>")
	}
	if t := p.Meta.LastReviewed.Time; !t.IsZero() {
		open("reviewed-on", "review.short")
		b.WriteString(` <time datetime="`)
		writeISODate(&b, t)
		b.WriteString(`">`)
		writeText(&b, th.FormatDate(lang, t))
		b.WriteString("</time></p>")
	}
	for _, x := range []struct{ key, v string }{{"sponsor", p.Meta.Sponsor}, {"funding", p.Meta.Funding}} {
		if x.v != "" {
			open("disclosure", x.key)
			b.WriteByte(' ')
			writeText(&b, x.v)
			b.WriteString("</p>")
		}
	}
	return template.HTML(b.String())
}
