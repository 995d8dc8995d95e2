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
)

// prepare returns a sanitised, validated and normalised deep copy of f:
// every string passed through SanitizeXMLText, dates in UTC whole seconds,
// item Updated never before Published, feed Updated at least the newest
// item Updated, image types filled in, items sorted newest first (stable).
// f itself is never modified.
func prepare(f Feed) (Feed, error) {
	c := sanitizedCopy(f)
	encodeURIs(&c)
	if err := validate(c); err != nil {
		return Feed{}, err
	}
	normalizeDates(&c)
	for i := range c.Items {
		if img := c.Items[i].Image; img != nil && img.Type == "" {
			img.Type = imageTypeByExtension(img.URL)
		}
	}
	slices.SortStableFunc(c.Items, func(a, b Item) int {
		return b.Published.Compare(a.Published)
	})
	return c, nil
}

// sanitizedCopy deep-copies f, passing every string through
// SanitizeXMLText. It starts from copies of the structs, so a field added
// later is carried over even before it is sanitised here.
func sanitizedCopy(f Feed) Feed {
	s := SanitizeXMLText
	c := f
	c.Title, c.Description, c.Link = s(f.Title), s(f.Description), s(f.Link)
	c.Lang, c.Icon, c.Logo = s(f.Lang), s(f.Icon), s(f.Logo)
	c.Copyright, c.Generator = s(f.Copyright), s(f.Generator)
	c.Hub, c.SelfURL = s(f.Hub), s(f.SelfURL)
	c.Authors = sanitizedPeople(f.Authors)
	c.Alternates = nil
	if f.Alternates != nil {
		c.Alternates = make(map[Format]string, len(f.Alternates))
		for k, v := range f.Alternates {
			c.Alternates[k] = s(v)
		}
	}
	c.Items = make([]Item, len(f.Items))
	for i, it := range f.Items {
		it.ID, it.Title, it.Link = s(it.ID), s(it.Title), s(it.Link)
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
			img.URL, img.Type, img.Alt = s(img.URL), s(img.Type), s(img.Alt)
			it.Image = &img
		}
		c.Items[i] = it
	}
	return c
}

// encodeURIs puts every URL of the (already copied) feed in URI form.
func encodeURIs(f *Feed) {
	u := func(s string) string {
		if s == "" {
			return s
		}
		return URI(s)
	}
	f.Link, f.Icon, f.Logo, f.Hub, f.SelfURL = u(f.Link), u(f.Icon), u(f.Logo), u(f.Hub), u(f.SelfURL)
	for k, v := range f.Alternates {
		f.Alternates[k] = u(v)
	}
	for i := range f.Authors {
		f.Authors[i].URL = u(f.Authors[i].URL)
	}
	for i := range f.Items {
		it := &f.Items[i]
		it.Link = u(it.Link)
		for j := range it.Authors {
			it.Authors[j].URL = u(it.Authors[j].URL)
		}
		if it.Image != nil {
			it.Image.URL = u(it.Image.URL)
		}
		if it.Trust != nil {
			for j := range it.Trust.Authors {
				it.Trust.Authors[j].URL = u(it.Trust.Authors[j].URL)
			}
			for j := range it.Trust.Reviewers {
				it.Trust.Reviewers[j].URL = u(it.Trust.Reviewers[j].URL)
			}
		}
	}
}

func sanitizedPeople(people []Person) []Person {
	if people == nil {
		return nil
	}
	out := make([]Person, len(people))
	for i, p := range people {
		out[i] = Person{Name: SanitizeXMLText(p.Name), URL: SanitizeXMLText(p.URL), Email: SanitizeXMLText(p.Email)}
	}
	return out
}

func sanitizedCredited(people []Credited) []Credited {
	if people == nil {
		return nil
	}
	out := make([]Credited, len(people))
	for i, p := range people {
		out[i] = Credited{Name: SanitizeXMLText(p.Name), Credentials: SanitizeXMLText(p.Credentials), URL: SanitizeXMLText(p.URL)}
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

// validate reports every problem of the sanitised feed f at once.
func validate(f Feed) error {
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
	return v.err()
}

// validator collects validation failures, each wrapping ErrInvalid and
// naming the feed (its self URL, else its title) so that a build with
// several feeds reports which one is wrong.
type validator struct {
	feed string
	errs []error
}

func (v *validator) require(ok bool, format string, args ...any) {
	if !ok {
		v.errs = append(v.errs, fmt.Errorf("feed %q: %w: %s", v.feed, ErrInvalid, fmt.Sprintf(format, args...)))
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

// normalizeDates puts every date in UTC whole seconds, raises item Updated
// to at least Published, and raises the feed Updated to at least the newest
// item Updated.
func normalizeDates(f *Feed) {
	f.Updated = f.Updated.UTC().Truncate(time.Second)
	for i := range f.Items {
		it := &f.Items[i]
		it.Published = it.Published.UTC().Truncate(time.Second)
		it.Updated = it.Updated.UTC().Truncate(time.Second)
		if it.Updated.Before(it.Published) {
			it.Updated = it.Published
		}
		if it.Updated.After(f.Updated) {
			f.Updated = it.Updated
		}
	}
}

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
