// Package sitemap writes sitemap.xml (with xhtml:link alternates for
// translated pages) and robots.txt. Entries says which pages go in (and
// their alternates) from the content model alone. Output is deterministic:
// entries are sorted by URL and dates come from content, never from the
// clock. It does no I/O; all functions are safe for concurrent use.
package sitemap

import (
	"bytes"
	"encoding/xml"
	"sort"
	"time"

	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/uri"
)

// Entries returns the entries of the pages that go into the sitemap on
// the given day (page.InSitemap): a translated page lists every language
// version, then the default language's as x-default. Their addresses are
// URIs, as the sitemap protocol asks (a space or an accent in an address
// is percent-encoded).
func Entries(pages []*page.Page, today time.Time) []Entry {
	var entries []Entry
	for _, p := range pages {
		if !p.InSitemap(today) {
			continue
		}
		e := Entry{URL: uri.URI(p.Permalink), Lastmod: p.Updated()}
		if len(p.Translations) > 0 {
			versions := append([]*page.Page{p}, p.Translations...)
			for _, q := range versions {
				e.Alternates = append(e.Alternates, Alternate{Lang: q.Lang, URL: uri.URI(q.Permalink)})
			}
			for _, q := range versions {
				if q.Original == nil {
					e.Alternates = append(e.Alternates, Alternate{Lang: "x-default", URL: uri.URI(q.Permalink)})
				}
			}
		}
		entries = append(entries, e)
	}
	return entries
}

// Alternate is another language version of an entry.
type Alternate struct {
	Lang, URL string
}

// Entry is one URL in the sitemap.
type Entry struct {
	URL        string
	Lastmod    time.Time
	Alternates []Alternate
}

type urlset struct {
	XMLName xml.Name `xml:"urlset"`
	NS      string   `xml:"xmlns,attr"`
	XHTML   string   `xml:"xmlns:xhtml,attr,omitempty"`
	URLs    []xmlURL `xml:"url"`
}

type xmlURL struct {
	Loc     string    `xml:"loc"`
	Lastmod string    `xml:"lastmod,omitempty"`
	Links   []xmlLink `xml:"xhtml:link"`
}

type xmlLink struct {
	Rel      string `xml:"rel,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// Write returns sitemap.xml for the entries.
func Write(entries []Entry) ([]byte, error) {
	sorted := append([]Entry(nil), entries...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].URL < sorted[j].URL })
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	for _, e := range sorted {
		u := xmlURL{Loc: e.URL}
		if !e.Lastmod.IsZero() {
			u.Lastmod = e.Lastmod.UTC().Format("2006-01-02")
		}
		for _, a := range e.Alternates {
			u.Links = append(u.Links, xmlLink{Rel: "alternate", Hreflang: a.Lang, Href: a.URL})
		}
		if len(u.Links) > 0 {
			set.XHTML = "http://www.w3.org/1999/xhtml"
		}
		set.URLs = append(set.URLs, u)
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(set); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// Robots returns robots.txt naming the sitemap.
func Robots(sitemapURL string) []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + sitemapURL + "\n")
}
