package feed

import (
	"html"
	"strconv"
	"time"

	"github.com/gorilla/feeds"
)

// Namespaces declared on the RSS root element.
const (
	nsAtom    = "http://www.w3.org/2005/Atom"
	nsContent = "http://purl.org/rss/1.0/modules/content/"
	nsDC      = "http://purl.org/dc/elements/1.1/"
)

// rssDate is RFC 822 with a four-digit year and a numeric zone, as RSS 2.0
// readers expect; always used with UTC times ("+0000").
const rssDate = time.RFC1123Z

// rssDoc is the <rss> root. The embedded library type supplies the element
// name, version and content namespace; Channel shadows its *feeds.RssFeed.
type rssDoc struct {
	feeds.RssFeedXml
	AtomNS  string      `xml:"xmlns:atom,attr"`
	DCNS    string      `xml:"xmlns:dc,attr"`
	Channel *rssChannel `xml:"channel"`
}

// rssChannel adds what feeds.RssFeed lacks: atom:link elements (self,
// alternate, hub). Its items, rssItems with several categories and
// creators, are encoded apart and put after them (Entry, encode.go); the
// library's Items stay nil.
type rssChannel struct {
	feeds.RssFeed
	AtomLinks []rssAtomLink `xml:"atom:link"`
}

type rssAtomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
}

// rssItem shadows feeds.RssItem's single Category and adds dc:creator.
type rssItem struct {
	feeds.RssItem
	Categories []string `xml:"category"`
	Creators   []string `xml:"dc:creator"`
}

// newRSS maps a prepared feed but its items onto the RSS 2.0 structures.
func newRSS(f Feed) *rssDoc {
	ch := &rssChannel{RssFeed: feeds.RssFeed{
		Title:          f.Title,
		Link:           f.Link,
		Description:    f.Description,
		Language:       f.Lang,
		Copyright:      f.Copyright,
		ManagingEditor: rssPerson(f.Authors),
		LastBuildDate:  f.Updated.Format(rssDate),
		Generator:      f.Generator,
	}}
	if img := firstNonEmpty(f.Logo, f.Icon); img != "" {
		ch.Image = &feeds.RssImage{Url: img, Title: f.Title, Link: f.Link}
	}
	ch.AtomLinks = append(ch.AtomLinks, rssAtomLink{Href: f.SelfURL, Rel: "self", Type: RSS.MediaType()})
	for _, alt := range alternates(f, RSS) {
		ch.AtomLinks = append(ch.AtomLinks, rssAtomLink{Href: alt.href, Rel: "alternate", Type: alt.format.MediaType()})
	}
	if f.Hub != "" {
		ch.AtomLinks = append(ch.AtomLinks, rssAtomLink{Href: f.Hub, Rel: "hub"})
	}
	return &rssDoc{
		RssFeedXml: feeds.RssFeedXml{Version: "2.0", ContentNamespace: nsContent},
		AtomNS:     nsAtom,
		DCNS:       nsDC,
		Channel:    ch,
	}
}

func newRSSItem(it Item) rssItem {
	item := rssItem{
		RssItem: feeds.RssItem{
			Title: it.Title,
			Link:  it.Link,
			// <description> is HTML by definition; escaping keeps the
			// plain-text summary literal in every reader.
			Description: html.EscapeString(it.Summary),
			Author:      rssPerson(it.Authors),
			Guid:        &feeds.RssGuid{Id: it.ID, IsPermaLink: "false"},
			PubDate:     it.Published.Format(rssDate),
		},
		Categories: it.Tags,
	}
	if it.ContentHTML != "" {
		item.Content = &feeds.RssContent{Content: it.ContentHTML}
	}
	if img := it.Image; img != nil {
		item.Enclosure = &feeds.RssEnclosure{Url: img.URL, Length: strconv.FormatInt(img.Length, 10), Type: img.Type}
	}
	for _, p := range it.Authors {
		item.Creators = append(item.Creators, p.Name)
	}
	return item
}

// rssPerson formats the first person with an e-mail address as RSS
// expects ("jane@example.org (Jane Doe)"), or returns "".
func rssPerson(people []Person) string {
	for _, p := range people {
		if p.Email != "" {
			return p.Email + " (" + p.Name + ")"
		}
	}
	return ""
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
