package feed

import (
	"strconv"
	"time"

	"github.com/gorilla/feeds"
)

// atomFeed adds what feeds.AtomFeed lacks: xml:lang, a generator, several
// links and authors, and entries with published dates and category terms.
// Links and Authors shadow the library's single-valued fields.
type atomFeed struct {
	feeds.AtomFeed
	Lang      string             `xml:"xml:lang,attr,omitempty"`
	Links     []feeds.AtomLink   `xml:"link"`
	Authors   []feeds.AtomAuthor `xml:"author"`
	Generator string             `xml:"generator,omitempty"`
	// The entries, atomEntry elements, are encoded apart and put last
	// (Entry, encode.go); the library's Entries stay nil.
}

// atomEntry shadows feeds.AtomEntry's single author and category and its
// escaped content; Published comes from the library type, which the
// library itself never fills.
type atomEntry struct {
	feeds.AtomEntry
	Authors      []feeds.AtomAuthor `xml:"author"`
	Contributors []atomContributor  `xml:"contributor"`
	Categories   []atomCategory     `xml:"category"`
	Content      *atomHTML          `xml:"content"`
}

// atomContributor is a reviewer. feeds.AtomAuthor cannot be reused: its
// XMLName forces the element name "author", and feeds.AtomContributor has
// no element tags at all.
type atomContributor struct {
	feeds.AtomPerson
}

// atomCategory carries the term attribute RFC 4287 requires.
type atomCategory struct {
	Term string `xml:"term,attr"`
}

// atomHTML is a type="html" text construct kept readable in CDATA.
type atomHTML struct {
	Type string `xml:"type,attr"`
	HTML string `xml:",cdata"`
}

// newAtom maps a prepared feed but its entries onto the Atom 1.0
// structures.
func newAtom(f Feed, entries []*Entry) *atomFeed {
	a := &atomFeed{
		AtomFeed: feeds.AtomFeed{
			Xmlns:    nsAtom,
			Title:    f.Title,
			Id:       f.Link,
			Updated:  f.Updated.Format(time.RFC3339),
			Icon:     f.Icon,
			Logo:     f.Logo,
			Rights:   f.Copyright,
			Subtitle: f.Description,
		},
		Lang:      f.Lang,
		Authors:   atomAuthors(f.Authors),
		Generator: f.Generator,
	}
	a.Links = append(a.Links,
		feeds.AtomLink{Href: f.SelfURL, Rel: "self", Type: Atom.MediaType()},
		feeds.AtomLink{Href: f.Link, Rel: "alternate", Type: "text/html"})
	for _, alt := range alternates(f, Atom) {
		a.Links = append(a.Links, feeds.AtomLink{Href: alt.href, Rel: "alternate", Type: alt.format.MediaType()})
	}
	if f.Hub != "" {
		a.Links = append(a.Links, feeds.AtomLink{Href: f.Hub, Rel: "hub"})
	}
	if len(a.Authors) == 0 && someEntryLacksAuthors(entries) {
		a.Authors = atomAuthors([]Person{{Name: f.Title}})
	}
	return a
}

func newAtomEntry(it Item) atomEntry {
	e := atomEntry{
		AtomEntry: feeds.AtomEntry{
			Title:     it.Title,
			Updated:   it.Updated.Format(time.RFC3339),
			Id:        it.ID,
			Published: it.Published.Format(time.RFC3339),
			Links:     []feeds.AtomLink{{Href: it.Link, Rel: "alternate", Type: "text/html"}},
		},
		Authors: atomAuthors(it.Authors),
	}
	if it.Trust != nil {
		for _, r := range it.Trust.Reviewers {
			e.Contributors = append(e.Contributors, atomContributor{AtomPerson: feeds.AtomPerson{Name: r.withCredentials(), Uri: r.URL}})
		}
	}
	if it.Summary != "" {
		e.Summary = &feeds.AtomSummary{Content: it.Summary, Type: "text"}
	}
	if it.ContentHTML != "" {
		e.Content = &atomHTML{Type: "html", HTML: it.ContentHTML}
	}
	for _, t := range it.Tags {
		e.Categories = append(e.Categories, atomCategory{Term: t})
	}
	if img := it.Image; img != nil {
		link := feeds.AtomLink{Href: img.URL, Rel: "enclosure", Type: img.Type}
		if img.Length > 0 {
			link.Length = strconv.FormatInt(img.Length, 10)
		}
		e.Links = append(e.Links, link)
	}
	return e
}

func atomAuthors(people []Person) []feeds.AtomAuthor {
	var out []feeds.AtomAuthor
	for _, p := range people {
		out = append(out, feeds.AtomAuthor{AtomPerson: feeds.AtomPerson{Name: p.Name, Uri: p.URL, Email: p.Email}})
	}
	return out
}

func someEntryLacksAuthors(entries []*Entry) bool {
	for _, e := range entries {
		if len(e.it.Authors) == 0 {
			return true
		}
	}
	return false
}
