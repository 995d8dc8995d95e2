package feed

import (
	"errors"
	"fmt"
	"maps"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/medkb/medkb/internal/uri"
)

// prepare returns f prepared: a sanitised, validated and normalised deep
// copy of its feed-level fields (every string passed through
// SanitizeXMLText, URLs in URI form, Updated in UTC whole seconds and at
// least the newest item Updated) and its items and entries as entries,
// sorted newest first (stable). f itself is never modified.
func prepare(f Feed) (*Prepared, error) {
	c := sanitizedCopy(f)
	if err := validate(c, f.Entries); err != nil {
		return nil, err
	}
	c.Updated = c.Updated.UTC().Truncate(time.Second)
	entries := make([]*Entry, 0, len(c.Items)+len(f.Entries))
	for _, it := range c.Items {
		entries = append(entries, &Entry{it: normalizedItem(it)})
	}
	entries = append(entries, f.Entries...)
	for _, e := range entries {
		if e.it.Updated.After(c.Updated) {
			c.Updated = e.it.Updated
		}
	}
	slices.SortStableFunc(entries, func(a, b *Entry) int {
		return b.it.Published.Compare(a.it.Published)
	})
	c.Items, c.Entries = nil, nil
	return &Prepared{f: c, entries: entries}, nil
}

// sanitizedCopy deep-copies f, passing every string through
// SanitizeXMLText and putting every URL in URI form (see uri.URI). It starts
// from copies of the structs, so a field added later is carried over even
// before it is sanitised here.
func sanitizedCopy(f Feed) Feed {
	s := SanitizeXMLText
	c := f
	c.Title, c.Description, c.Link = s(f.Title), s(f.Description), asURI(s(f.Link))
	c.Lang, c.Icon, c.Logo = s(f.Lang), asURI(s(f.Icon)), asURI(s(f.Logo))
	c.Copyright, c.Generator = s(f.Copyright), s(f.Generator)
	c.Hub, c.SelfURL = asURI(s(f.Hub)), asURI(s(f.SelfURL))
	c.Authors = sanitizedPeople(f.Authors)
	c.Alternates = nil
	if f.Alternates != nil {
		c.Alternates = make(map[Format]string, len(f.Alternates))
		for k, v := range f.Alternates {
			c.Alternates[k] = asURI(s(v))
		}
	}
	c.Items = make([]Item, len(f.Items))
	for i, it := range f.Items {
		c.Items[i] = sanitizedItem(it)
	}
	return c
}

// sanitizedItem is a deep copy of it with every string passed through
// SanitizeXMLText and every URL in URI form.
func sanitizedItem(it Item) Item {
	s := SanitizeXMLText
	it.ID, it.Title, it.Link = s(it.ID), s(it.Title), asURI(s(it.Link))
	it.Summary, it.ContentHTML = s(it.Summary), s(it.ContentHTML)
	it.Authors, it.Tags = sanitizedPeople(it.Authors), sanitizedTags(it.Tags)
	if it.Trust != nil {
		tr := *it.Trust
		tr.Kind = s(tr.Kind)
		tr.Authors, tr.Reviewers = sanitizedCredited(tr.Authors), sanitizedCredited(tr.Reviewers)
		it.Trust = &tr
	}
	if it.Image != nil {
		img := *it.Image
		img.URL, img.Type, img.Alt = asURI(s(img.URL)), s(img.Type), s(img.Alt)
		it.Image = &img
	}
	return it
}

// normalizedItem puts the sanitised and validated it's dates in UTC whole
// seconds, raises Updated to at least Published and fills in an image's
// type from its URL.
func normalizedItem(it Item) Item {
	it.Published = it.Published.UTC().Truncate(time.Second)
	it.Updated = it.Updated.UTC().Truncate(time.Second)
	if it.Updated.Before(it.Published) {
		it.Updated = it.Published
	}
	if img := it.Image; img != nil && img.Type == "" {
		img.Type = imageTypeByExtension(img.URL)
	}
	return it
}

// asURI puts a URL in URI form; "" stays "".
func asURI(s string) string {
	if s == "" {
		return s
	}
	return uri.URI(s)
}

func sanitizedPeople(people []Person) []Person {
	if people == nil {
		return nil
	}
	out := make([]Person, len(people))
	for i, p := range people {
		out[i] = Person{Name: SanitizeXMLText(p.Name), URL: asURI(SanitizeXMLText(p.URL)), Email: SanitizeXMLText(p.Email)}
	}
	return out
}

func sanitizedCredited(people []Credited) []Credited {
	if people == nil {
		return nil
	}
	out := make([]Credited, len(people))
	for i, p := range people {
		out[i] = Credited{Name: SanitizeXMLText(p.Name), Credentials: SanitizeXMLText(p.Credentials), URL: asURI(SanitizeXMLText(p.URL))}
	}
	return out
}

// sanitizedTags sanitises tags and drops the ones left blank.
func sanitizedTags(tags []string) []string {
	var out []string
	for _, t := range tags {
		if t = SanitizeXMLText(t); strings.TrimSpace(t) != "" {
			out = append(out, t)
		}
	}
	return out
}

// validate reports every problem of the sanitised feed f at once; its
// entries, validated by NewEntry, are checked only for ids that another
// item has.
func validate(f Feed, entries []*Entry) error {
	v := validator{feed: firstNonEmpty(f.SelfURL, f.Title)}
	v.require(f.Title != "", "title is empty")
	v.absolute("link", f.Link, true)
	v.absolute("self URL", f.SelfURL, true)
	v.absolute("hub", f.Hub, false)
	v.absolute("icon", f.Icon, false)
	v.absolute("logo", f.Logo, false)
	for _, k := range slices.Sorted(maps.Keys(f.Alternates)) {
		v.require(k.MediaType() != "", "alternate for unknown format %q", k)
		v.absolute(fmt.Sprintf("alternate %s", k), f.Alternates[k], true)
	}
	v.people("channel", f.Authors)
	v.require(!f.Updated.IsZero() || len(f.Items) > 0, "updated is zero and there are no items to take it from")
	seen := make(map[string]int, len(f.Items))
	for i, it := range f.Items {
		where := fmt.Sprintf("item %d (%q)", i, it.ID)
		if first, dup := seen[it.ID]; dup && it.ID != "" {
			v.require(false, "%s: same id as item %d", where, first)
		}
		seen[it.ID] = i
		v.item(where, it)
	}
	for j, e := range entries {
		i := len(f.Items) + j
		if first, dup := seen[e.it.ID]; dup {
			v.require(false, "item %d (%q): same id as item %d", i, e.it.ID, first)
		}
		seen[e.it.ID] = i
	}
	return v.err()
}

// validator collects validation failures, each wrapping ErrInvalid and
// naming the feed (its self URL, else its title) so that a build with
// several feeds reports which one is wrong.
type validator struct {
	feed   string
	ofItem bool // feed names an item (NewEntry), not a feed
	errs   []error
}

func (v *validator) require(ok bool, format string, args ...any) {
	if !ok {
		what := "feed"
		if v.ofItem {
			what = "item"
		}
		v.errs = append(v.errs, fmt.Errorf("%s %q: %w: %s", what, v.feed, ErrInvalid, fmt.Sprintf(format, args...)))
	}
}

// absolute checks that value is an absolute URL, or empty when optional.
func (v *validator) absolute(what, value string, required bool) {
	if value == "" && !required {
		return
	}
	_, err := parseAbsolute(value)
	v.require(err == nil, "%s: %v", what, err)
}

func (v *validator) people(where string, people []Person) {
	for i, p := range people {
		v.require(strings.TrimSpace(p.Name) != "", "%s: author %d has no name", where, i)
		v.absolute(fmt.Sprintf("%s: author %q URL", where, p.Name), p.URL, false)
	}
}

func (v *validator) item(where string, it Item) {
	v.require(it.ID != "", "%s: id is empty", where)
	v.require(it.Title != "", "%s: title is empty", where)
	v.absolute(where+": link", it.Link, true)
	v.require(!it.Published.IsZero(), "%s: published date is zero", where)
	v.people(where, it.Authors)
	if tr := it.Trust; tr != nil {
		for _, p := range append(slices.Clone(tr.Authors), tr.Reviewers...) {
			v.require(strings.TrimSpace(p.Name) != "", "%s: a credited person has no name", where)
			v.absolute(fmt.Sprintf("%s: %q URL", where, p.Name), p.URL, false)
		}
	}
	if img := it.Image; img != nil {
		v.absolute(where+": image", img.URL, true)
		v.require(img.Length >= 0, "%s: image length %d is negative", where, img.Length)
		v.require(img.Type != "" || imageTypeByExtension(img.URL) != "",
			"%s: image %q: type is empty and cannot be inferred from the extension", where, img.URL)
	}
}

func (v *validator) err() error { return errors.Join(v.errs...) }

// imageTypeByExtension maps the extension of an image URL's path to its
// media type from a fixed table (never the host's mime database, which
// would make output machine-dependent), or "".
func imageTypeByExtension(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	switch strings.ToLower(path.Ext(u.Path)) {
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".png":
		return "image/png"
	case ".gif":
		return "image/gif"
	case ".webp":
		return "image/webp"
	case ".avif":
		return "image/avif"
	case ".svg":
		return "image/svg+xml"
	}
	return ""
}
