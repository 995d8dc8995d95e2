package feed

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"
	"time"

	"github.com/medkb/medkb/internal/uri"
)

// Format names a feed format.
type Format string

// The supported formats.
const (
	RSS  Format = "rss"  // RSS 2.0
	Atom Format = "atom" // Atom 1.0, RFC 4287
	JSON Format = "json" // JSON Feed 1.1
)

// Formats lists every supported format in the fixed order used wherever
// formats are enumerated in output.
func Formats() []Format { return []Format{RSS, Atom, JSON} }

// MediaType returns the IANA media type of the format, for Content-Type
// headers and <link rel="alternate" type="..."> in HTML pages, or "" for an
// unknown format.
func (f Format) MediaType() string {
	switch f {
	case RSS:
		return "application/rss+xml"
	case Atom:
		return "application/atom+xml"
	case JSON:
		return "application/feed+json"
	}
	return ""
}

// ErrInvalid is wrapped by every error Prepare (and Prepared.Write, for a
// self URL) returns for a Feed it refuses to write (missing required
// values, relative URLs, duplicate item IDs).
var ErrInvalid = errors.New("invalid feed")

// Person is an author of a feed or an item. Name is required; URL, when
// set, must be absolute.
type Person struct {
	Name, URL, Email string
}

// Image is an image attached to an item (its hero image). URL must be
// absolute. Length is the size in bytes (RSS requires it; 0 is written as
// "0"). Type is the media type, inferred from the URL when empty.
type Image struct {
	URL, Type, Alt string
	Length         int64
	Width, Height  int
}

// Item is one article of a feed.
type Item struct {
	ID                   string // stable id, normally built with ItemID; required
	Title, Link, Summary string // Title and absolute Link required; Summary plain text
	ContentHTML          string // full HTML with absolute URLs (see ReaderHTML)
	Authors              []Person
	Tags                 []string
	Published, Updated   time.Time // Published required; Updated defaults to Published
	Image                *Image
	// Trust is the item's medical provenance (see the package comment);
	// nil writes none.
	Trust *Trust
}

// Trust is what makes a medical item trustworthy, carried in each format:
// reviewers become Atom <contributor>s, and JSON Feed gets the whole value
// as the "_medkb" extension object. The HTML footer that shows it to
// readers is the caller's (it is translated).
type Trust struct {
	Kind         string // "article", "update" or "withdrawn"
	Authors      []Credited
	Reviewers    []Credited
	LastReviewed time.Time // zero when never reviewed
	NextReview   time.Time // zero when unknown
	Overdue      bool      // NextReview has passed at build time
}

// Credited is a person with their professional credentials.
type Credited struct {
	Name, Credentials, URL string
}

// Feed is a whole feed. See the package documentation for how each field
// maps onto the three formats.
type Feed struct {
	Title, Description string
	Link               string // home page of the feed, absolute; also the Atom feed id
	Lang               string // language tag, e.g. "en" or "fr-CA"
	Icon, Logo         string // absolute image URLs: small square icon, larger logo
	Copyright          string
	Generator          string
	Hub                string            // absolute WebSub hub URL, optional
	SelfURL            string            // absolute URL of this very feed file; required
	Alternates         map[Format]string // absolute URLs of the same feed in other formats
	Updated            time.Time         // newest item Updated; computed from items when zero
	Authors            []Person
	Items              []Item // newest first, already limited; sorted stably if not
	// Entries are items prepared once with NewEntry, listed after Items
	// (and sorted with them): a site's feeds share most items, and an
	// Entry is sanitised, validated and encoded in each format once,
	// whichever feeds list it.
	Entries []*Entry
	// Stylesheet is the URL of an XSLT stylesheet (see Stylesheet) that
	// browsers apply to the RSS and Atom documents; "" writes none. A
	// browser applies it only from the feed's own origin, so it is
	// normally a root-relative path.
	Stylesheet string
}

// Entry is an item prepared (sanitised, validated, in URI form, its dates
// normalised) for the feeds that list it, which encode it in each format
// once: its XML or JSON is made by the first feed written in that format
// and copied by the others. An Entry is safe for concurrent use.
type Entry struct {
	it  Item
	enc [len(formatOrder)]struct {
		once sync.Once
		b    []byte
		err  error
	}
}

// formatOrder numbers the formats for Entry's encodings.
var formatOrder = [...]Format{RSS, Atom, JSON}

// NewEntry prepares it as Prepare prepares a feed's items; an invalid item
// is an error wrapping ErrInvalid.
func NewEntry(it Item) (*Entry, error) {
	it = sanitizedItem(it)
	v := validator{feed: it.ID, ofItem: true}
	v.item("item", it)
	if err := v.err(); err != nil {
		return nil, err
	}
	return &Entry{it: normalizedItem(it)}, nil
}

// Updated is the entry's updated date, normalised: UTC, whole seconds,
// never before its published date.
func (e *Entry) Updated() time.Time { return e.it.Updated }

// encoded returns the entry's encoding in format, made on first use.
func (e *Entry) encoded(format Format) ([]byte, error) {
	i := slices.Index(formatOrder[:], format)
	enc := &e.enc[i]
	enc.once.Do(func() {
		switch format {
		case RSS:
			enc.b, enc.err = encodeXMLFragment(newRSSItem(e.it), rssItemDepth)
		case Atom:
			enc.b, enc.err = encodeXMLFragment(newAtomEntry(e.it), atomEntryDepth)
		case JSON:
			enc.b, enc.err = encodeJSONFragment(newJSONItem(e.it), jsonItemDepth)
		}
	})
	return enc.b, enc.err
}

// Prepared is a feed sanitised, validated and normalised once, to be
// written in one or several formats, each at its own self URL. Write on a
// Prepared is safe for concurrent use.
type Prepared struct {
	f       Feed     // prepared, without its items; encoders only read it
	entries []*Entry // the items, Items' and Entries', newest first
}

// Prepare sanitises, validates and normalises a copy of f (see the package
// documentation); when f is invalid the error wraps ErrInvalid. f.SelfURL
// is the self URL its errors name; Prepared.Write takes each format's own.
func Prepare(f Feed) (*Prepared, error) {
	return prepare(f)
}

// Write writes the prepared feed to w in the given format at selfURL,
// exactly as a feed prepared with f.SelfURL set to selfURL writes it. The
// output is deterministic and is written with a single call to w.Write;
// on an error (an unknown format, a self URL that is not absolute) nothing
// is written.
func (p *Prepared) Write(w io.Writer, format Format, selfURL string) error {
	if format.MediaType() == "" {
		return fmt.Errorf("feed: unknown format %q", format)
	}
	clean := p.f
	if selfURL != p.f.SelfURL {
		// What prepare does to a self URL: sanitise it, put it in URI
		// form and require it absolute.
		clean.SelfURL = SanitizeXMLText(selfURL)
		if clean.SelfURL != "" {
			clean.SelfURL = uri.URI(clean.SelfURL)
		}
		v := validator{feed: firstNonEmpty(clean.SelfURL, clean.Title)}
		v.absolute("self URL", clean.SelfURL, true)
		if err := v.err(); err != nil {
			return err
		}
	}
	items := make([][]byte, len(p.entries))
	size := 4 << 10 // the feed's own elements
	var err error
	for i, e := range p.entries {
		if items[i], err = e.encoded(format); err != nil {
			break
		}
		size += len(items[i])
	}
	var buf bytes.Buffer
	buf.Grow(size)
	if err == nil {
		switch format {
		case RSS:
			err = encodeXML(&buf, newRSS(clean), clean.Stylesheet, items, rssEnd)
		case Atom:
			err = encodeXML(&buf, newAtom(clean, p.entries), clean.Stylesheet, items, atomEnd)
		case JSON:
			err = encodeJSON(&buf, newJSONFeed(clean), items)
		}
	}
	if err != nil {
		return fmt.Errorf("feed: encode %s %q: %w", format, selfURL, err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("feed: write %s %q: %w", format, selfURL, err)
	}
	return nil
}

// withCredentials is "Name, Credentials", or Name alone.
func (c Credited) withCredentials() string {
	if c.Credentials == "" {
		return c.Name
	}
	return c.Name + ", " + c.Credentials
}
