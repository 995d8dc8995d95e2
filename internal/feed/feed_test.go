package feed

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// The round-trip tests write smallFeed and read it back with gofeed's
// format-specific parsers, which expose every element the format has.

func TestRSSRoundTripsThroughGofeed(t *testing.T) {
	t.Parallel()
	in := smallFeed(RSS)
	out := parseRSS(t, write(t, in, RSS))

	if out.Version != "2.0" || out.Title != in.Title || out.Link != in.Link || out.Description != in.Description {
		t.Errorf("channel = %q %q %q %q", out.Version, out.Title, out.Link, out.Description)
	}
	if out.Language != "en" || out.Generator != "medkb" || out.Copyright != in.Copyright {
		t.Errorf("language %q, generator %q, copyright %q", out.Language, out.Generator, out.Copyright)
	}
	if out.LastBuildDateParsed == nil || !out.LastBuildDateParsed.Equal(in.Updated) {
		t.Errorf("lastBuildDate = %q, want %v", out.LastBuildDate, in.Updated)
	}
	if out.Image == nil || out.Image.URL != in.Logo || out.Image.Link != in.Link || out.Image.Title != in.Title {
		t.Errorf("image = %+v, want logo with channel title and link", out.Image)
	}
	links := atomLinksIn(out.Extensions)
	wantLinks := map[string][]string{
		"self":      {in.SelfURL + " application/rss+xml"},
		"alternate": {in.Alternates[Atom] + " application/atom+xml", in.Alternates[JSON] + " application/feed+json"},
		"hub":       {in.Hub},
	}
	for rel, want := range wantLinks {
		if !slices.Equal(links[rel], want) {
			t.Errorf("atom:link rel=%s = %q, want %q", rel, links[rel], want)
		}
	}

	if len(out.Items) != len(in.Items) {
		t.Fatalf("%d items, want %d", len(out.Items), len(in.Items))
	}
	for i, want := range in.Items {
		got := out.Items[i]
		if got.GUID == nil || got.GUID.Value != want.ID || got.GUID.IsPermalink != "false" {
			t.Errorf("item %d guid = %+v, want %q isPermaLink=false", i, got.GUID, want.ID)
		}
		if got.Title != want.Title || got.Link != want.Link {
			t.Errorf("item %d = %q %q, want %q %q", i, got.Title, got.Link, want.Title, want.Link)
		}
		if got.PubDateParsed == nil || !got.PubDateParsed.Equal(want.Published) {
			t.Errorf("item %d pubDate = %q, want %v", i, got.PubDate, want.Published)
		}
		if d := html.UnescapeString(got.Description); d != want.Summary {
			t.Errorf("item %d description = %q (unescaped %q), want %q", i, got.Description, d, want.Summary)
		}
		if got.Content != want.ContentHTML {
			t.Errorf("item %d content:encoded = %q, want %q", i, got.Content, want.ContentHTML)
		}
		var cats []string
		for _, c := range got.Categories {
			cats = append(cats, c.Value)
		}
		if !slices.Equal(cats, want.Tags) {
			t.Errorf("item %d categories = %q, want %q", i, cats, want.Tags)
		}
		var creators []string
		if got.DublinCoreExt != nil {
			creators = got.DublinCoreExt.Creator
		}
		if !slices.Equal(creators, names(want.Authors)) {
			t.Errorf("item %d dc:creator = %q, want %q", i, creators, names(want.Authors))
		}
	}

	first := out.Items[0]
	if first.Author != "ana@health.example.org (Dr. Ana Ruiz)" {
		t.Errorf("author = %q, want the first author with an e-mail", first.Author)
	}
	if e := first.Enclosure; e == nil || e.URL != in.Items[0].Image.URL || e.Length != "48213" || e.Type != "image/jpeg" {
		t.Errorf("enclosure = %+v", e)
	}
	if out.Items[1].Enclosure != nil || out.Items[1].Author != "" {
		t.Errorf("item without image or authors got enclosure %+v, author %q", out.Items[1].Enclosure, out.Items[1].Author)
	}
}

func TestAtomRoundTripsThroughGofeed(t *testing.T) {
	t.Parallel()
	in := smallFeed(Atom)
	out := parseAtom(t, write(t, in, Atom))

	if out.ID != in.Link || out.Title != in.Title || out.Subtitle != in.Description || out.Rights != in.Copyright {
		t.Errorf("feed = id %q title %q subtitle %q rights %q", out.ID, out.Title, out.Subtitle, out.Rights)
	}
	if out.Language != "en" || out.Icon != in.Icon || out.Logo != in.Logo {
		t.Errorf("language %q icon %q logo %q", out.Language, out.Icon, out.Logo)
	}
	if out.Generator == nil || out.Generator.Value != "medkb" {
		t.Errorf("generator = %+v", out.Generator)
	}
	if out.UpdatedParsed == nil || !out.UpdatedParsed.Equal(in.Updated) {
		t.Errorf("updated = %q, want %v", out.Updated, in.Updated)
	}
	var links []string
	for _, l := range out.Links {
		links = append(links, l.Rel+" "+l.Type+" "+l.Href)
	}
	wantLinks := []string{
		"self application/atom+xml " + in.SelfURL,
		"alternate text/html " + in.Link,
		"alternate application/rss+xml " + in.Alternates[RSS],
		"alternate application/feed+json " + in.Alternates[JSON],
		"hub  " + in.Hub,
	}
	if !slices.Equal(links, wantLinks) {
		t.Errorf("links =\n%q\nwant\n%q", links, wantLinks)
	}
	if len(out.Authors) != 1 || out.Authors[0].Name != "Editorial Team" || out.Authors[0].URI != in.Authors[0].URL || out.Authors[0].Email != in.Authors[0].Email {
		t.Errorf("feed authors = %+v", out.Authors)
	}

	if len(out.Entries) != len(in.Items) {
		t.Fatalf("%d entries, want %d", len(out.Entries), len(in.Items))
	}
	for i, want := range in.Items {
		got := out.Entries[i]
		if got.ID != want.ID || got.Title != want.Title {
			t.Errorf("entry %d = %q %q, want %q %q", i, got.ID, got.Title, want.ID, want.Title)
		}
		wantUpdated := want.Updated
		if wantUpdated.IsZero() {
			wantUpdated = want.Published
		}
		if got.PublishedParsed == nil || !got.PublishedParsed.Equal(want.Published) {
			t.Errorf("entry %d published = %q, want %v", i, got.Published, want.Published)
		}
		if got.UpdatedParsed == nil || !got.UpdatedParsed.Equal(wantUpdated) {
			t.Errorf("entry %d updated = %q, want %v", i, got.Updated, wantUpdated)
		}
		if got.Summary != want.Summary {
			t.Errorf("entry %d summary = %q, want %q", i, got.Summary, want.Summary)
		}
		if got.Content == nil || got.Content.Type != "html" || got.Content.Value != want.ContentHTML {
			t.Errorf("entry %d content = %+v, want html %q", i, got.Content, want.ContentHTML)
		}
		if got.Links[0].Rel != "alternate" || got.Links[0].Href != want.Link {
			t.Errorf("entry %d first link = %+v, want alternate %q", i, got.Links[0], want.Link)
		}
		var terms []string
		for _, c := range got.Categories {
			terms = append(terms, c.Term)
		}
		if !slices.Equal(terms, want.Tags) {
			t.Errorf("entry %d category terms = %q, want %q", i, terms, want.Tags)
		}
		var authors []string
		for _, a := range got.Authors {
			authors = append(authors, a.Name+"|"+a.URI+"|"+a.Email)
		}
		var wantAuthors []string
		for _, a := range want.Authors {
			wantAuthors = append(wantAuthors, a.Name+"|"+a.URL+"|"+a.Email)
		}
		if !slices.Equal(authors, wantAuthors) {
			t.Errorf("entry %d authors = %q, want %q", i, authors, wantAuthors)
		}
	}
	enc := out.Entries[0].Links[1]
	if enc.Rel != "enclosure" || enc.Href != in.Items[0].Image.URL || enc.Type != "image/jpeg" || enc.Length != "48213" {
		t.Errorf("enclosure link = %+v", enc)
	}
}

func TestJSONFeedRoundTripsThroughGofeed(t *testing.T) {
	t.Parallel()
	in := smallFeed(JSON)
	data := write(t, in, JSON)
	out := parseJSON(t, data)

	if out.Version != "https://jsonfeed.org/version/1.1" || out.Title != in.Title || out.Description != in.Description {
		t.Errorf("feed = %q %q %q", out.Version, out.Title, out.Description)
	}
	if out.HomePageURL != in.Link || out.FeedURL != in.SelfURL || out.Language != "en" {
		t.Errorf("home %q feed_url %q language %q", out.HomePageURL, out.FeedURL, out.Language)
	}
	if out.Icon != in.Logo || out.Favicon != in.Icon {
		t.Errorf("icon %q favicon %q, want logo and icon", out.Icon, out.Favicon)
	}
	if len(out.Authors) != 1 || out.Authors[0].Name != "Editorial Team" || out.Authors[0].URL != in.Authors[0].URL {
		t.Errorf("authors = %+v", out.Authors)
	}
	raw := requireValidJSON(t, data)
	hubs, _ := raw["hubs"].([]any)
	if len(hubs) != 1 || hubs[0].(map[string]any)["type"] != "WebSub" || hubs[0].(map[string]any)["url"] != in.Hub {
		t.Errorf("hubs = %v", raw["hubs"])
	}

	if len(out.Items) != len(in.Items) {
		t.Fatalf("%d items, want %d", len(out.Items), len(in.Items))
	}
	for i, want := range in.Items {
		got := out.Items[i]
		if got.ID != want.ID || got.URL != want.Link || got.Title != want.Title || got.Summary != want.Summary || got.ContentHTML != want.ContentHTML {
			t.Errorf("item %d = %+v", i, got)
		}
		wantUpdated := want.Updated
		if wantUpdated.IsZero() {
			wantUpdated = want.Published
		}
		if p, err := time.Parse(time.RFC3339, got.DatePublished); err != nil || !p.Equal(want.Published) {
			t.Errorf("item %d date_published = %q, want %v", i, got.DatePublished, want.Published)
		}
		if m, err := time.Parse(time.RFC3339, got.DateModified); err != nil || !m.Equal(wantUpdated) {
			t.Errorf("item %d date_modified = %q, want %v", i, got.DateModified, wantUpdated)
		}
		if !slices.Equal(got.Tags, want.Tags) {
			t.Errorf("item %d tags = %q, want %q", i, got.Tags, want.Tags)
		}
		var authors []string
		for _, a := range got.Authors {
			authors = append(authors, a.Name+"|"+a.URL)
		}
		if !slices.Equal(authors, jsonAuthorStrings(want.Authors)) {
			t.Errorf("item %d authors = %q, want %q", i, authors, jsonAuthorStrings(want.Authors))
		}
	}
	first, img := out.Items[0], in.Items[0].Image
	if first.Image != img.URL || first.BannerImage != img.URL {
		t.Errorf("image %q banner_image %q, want %q", first.Image, first.BannerImage, img.URL)
	}
	if first.Attachments == nil || len(*first.Attachments) != 1 {
		t.Fatalf("attachments = %v", first.Attachments)
	}
	if a := (*first.Attachments)[0]; a.URL != img.URL || a.MimeType != "image/jpeg" || a.SizeInBytes != img.Length {
		t.Errorf("attachment = %+v", a)
	}
}

func jsonAuthorStrings(people []Person) []string {
	var out []string
	for _, p := range people {
		u := p.URL
		if u == "" {
			u = "mailto:" + p.Email
		}
		out = append(out, p.Name+"|"+u)
	}
	return out
}

func names(people []Person) []string {
	var out []string
	for _, p := range people {
		out = append(out, p.Name)
	}
	return out
}

// TestUniversalParserSeesSameItems reads every format with gofeed's
// format-detecting parser, the one most aggregators use, and checks that
// the three formats agree on IDs, links, dates and categories.
func TestUniversalParserSeesSameItems(t *testing.T) {
	t.Parallel()
	for _, format := range Formats() {
		t.Run(string(format), func(t *testing.T) {
			in := smallFeed(format)
			out := parseUniversal(t, write(t, in, format))
			if out.Language != "en" {
				t.Errorf("language = %q", out.Language)
			}
			if out.Link != in.Link || out.FeedLink != in.SelfURL {
				t.Errorf("link %q feed link %q, want home %q and self %q", out.Link, out.FeedLink, in.Link, in.SelfURL)
			}
			if len(out.Items) != len(in.Items) {
				t.Fatalf("%d items, want %d", len(out.Items), len(in.Items))
			}
			for i, want := range in.Items {
				got := out.Items[i]
				if got.GUID != want.ID || got.Link != want.Link {
					t.Errorf("item %d = guid %q link %q, want %q %q", i, got.GUID, got.Link, want.ID, want.Link)
				}
				if got.PublishedParsed == nil || !got.PublishedParsed.Equal(want.Published) {
					t.Errorf("item %d published = %v, want %v", i, got.PublishedParsed, want.Published)
				}
				if !slices.Equal(got.Categories, want.Tags) {
					t.Errorf("item %d categories = %q, want %q", i, got.Categories, want.Tags)
				}
				if len(got.Authors) == 0 && len(want.Authors) > 0 {
					t.Errorf("item %d lost its authors", i)
				}
			}
		})
	}
}

func TestHostileTextStaysValidAndRoundTrips(t *testing.T) {
	t.Parallel()
	const hostile = "<script>alert('x')</script> ]]> a & b &amp; \"q\"\x00\x01\x02\x03\x04\x05\x06\x07\x08 bad\xff\xfe utf8 \uFFFE end"
	want := SanitizeXMLText(hostile)
	if strings.ContainsAny(want, "\x00\x08\uFFFE") || strings.Contains(want, "\xff") {
		t.Fatalf("SanitizeXMLText left forbidden characters in %q", want)
	}
	f := smallFeed(RSS)
	f.Title = hostile
	f.Description = hostile
	f.Authors = []Person{{Name: hostile, Email: "a@example.org"}}
	it := &f.Items[0]
	it.Title, it.Summary, it.Tags = hostile, hostile, []string{hostile, "plain"}
	it.Authors = []Person{{Name: hostile}}
	it.ContentHTML = "<p>" + hostile + "</p>"

	t.Run("rss", func(t *testing.T) {
		f.SelfURL = selfURL(RSS)
		out := parseRSS(t, write(t, f, RSS))
		got := out.Items[0]
		check(t, "channel title", out.Title, want)
		check(t, "channel description", out.Description, want)
		check(t, "item title", got.Title, want)
		check(t, "item description (HTML-unescaped)", html.UnescapeString(got.Description), want)
		check(t, "content:encoded", got.Content, "<p>"+want+"</p>")
		check(t, "category", got.Categories[0].Value, want)
		check(t, "dc:creator", got.DublinCoreExt.Creator[0], want)
		if strings.Contains(got.Description, "<script>") {
			t.Errorf("RSS description carries a live <script> tag: %q", got.Description)
		}
	})
	t.Run("atom", func(t *testing.T) {
		f.SelfURL = selfURL(Atom)
		out := parseAtom(t, write(t, f, Atom))
		got := out.Entries[0]
		check(t, "feed title", out.Title, want)
		check(t, "feed author", out.Authors[0].Name, want)
		check(t, "entry title", got.Title, want)
		check(t, "entry summary", got.Summary, want)
		check(t, "entry content", got.Content.Value, "<p>"+want+"</p>")
		check(t, "category term", got.Categories[0].Term, want)
		check(t, "entry author", got.Authors[0].Name, want)
	})
	t.Run("json", func(t *testing.T) {
		f.SelfURL = selfURL(JSON)
		out := parseJSON(t, write(t, f, JSON))
		got := out.Items[0]
		check(t, "feed title", out.Title, want)
		check(t, "feed author", out.Authors[0].Name, want)
		check(t, "item title", got.Title, want)
		check(t, "item summary", got.Summary, want)
		check(t, "content_html", got.ContentHTML, "<p>"+want+"</p>")
		check(t, "tag", got.Tags[0], want)
		check(t, "item author", got.Authors[0].Name, want)
	})
}

func check(tb testing.TB, what, got, want string) {
	tb.Helper()
	if got != want {
		tb.Errorf("%s = %q\nwant %q", what, got, want)
	}
}

func TestWriteIsDeterministic(t *testing.T) {
	t.Parallel()
	for _, format := range Formats() {
		t.Run(string(format), func(t *testing.T) {
			first := write(t, smallFeed(format), format)
			// Alternates is a map; many writes give map iteration order
			// many chances to leak into the output.
			for range 20 {
				if again := write(t, smallFeed(format), format); !bytes.Equal(first, again) {
					t.Fatalf("two writes differ:\n%s\n---\n%s", first, again)
				}
			}
		})
	}
}

func TestWriteSortsNewestFirstWithoutTouchingInput(t *testing.T) {
	t.Parallel()
	day := func(d int) time.Time { return time.Date(2024, 1, d, 0, 0, 0, 0, time.UTC) }
	f := smallFeed(Atom)
	base := f.Items[1]
	f.Items = nil
	for _, it := range []struct {
		id  string
		day int
	}{{"a", 1}, {"b", 3}, {"c", 2}, {"d", 3}} {
		item := base
		item.ID, item.Published, item.Updated = it.id, day(it.day), time.Time{}
		f.Items = append(f.Items, item)
	}
	out := parseAtom(t, write(t, f, Atom))
	var ids []string
	for _, e := range out.Entries {
		ids = append(ids, e.ID)
	}
	// b and d share a date and keep the caller's relative order.
	if want := []string{"b", "d", "c", "a"}; !slices.Equal(ids, want) {
		t.Errorf("entry order = %q, want %q", ids, want)
	}
	if f.Items[0].ID != "a" || f.Items[1].ID != "b" {
		t.Errorf("Write reordered the caller's items: %q, %q", f.Items[0].ID, f.Items[1].ID)
	}
}

func TestWriteNormalizesDates(t *testing.T) {
	t.Parallel()
	f := smallFeed(Atom)
	f.Updated = time.Time{}
	newest := time.Date(2024, 6, 1, 10, 0, 0, 0, time.UTC)
	f.Items[0].Updated = newest.In(time.FixedZone("X", -5*3600)).Add(250 * time.Millisecond)
	f.Items[1].Updated = f.Items[1].Published.Add(-time.Hour) // earlier than published
	out := parseAtom(t, write(t, f, Atom))

	check(t, "feed updated (from newest item)", out.Updated, "2024-06-01T10:00:00Z")
	check(t, "entry updated (UTC, whole seconds)", out.Entries[0].Updated, "2024-06-01T10:00:00Z")
	check(t, "entry updated (raised to published)", out.Entries[1].Updated, out.Entries[1].Published)
}

func TestWriteRejectsInvalidFeeds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		modify func(*Feed)
		want   string
	}{
		{"no title", func(f *Feed) { f.Title = "\x00" }, "title is empty"},
		{"relative link", func(f *Feed) { f.Link = "/" }, `link: "/" is not an absolute URL`},
		{"no self URL", func(f *Feed) { f.SelfURL = "" }, "self URL"},
		{"relative hub", func(f *Feed) { f.Hub = "hub" }, "hub"},
		{"unknown alternate", func(f *Feed) { f.Alternates["rdf"] = "https://x.example/rdf" }, `unknown format "rdf"`},
		{"nameless author", func(f *Feed) { f.Authors[0].Name = " " }, "channel: author 0 has no name"},
		{"no date at all", func(f *Feed) { f.Updated, f.Items = time.Time{}, nil }, "updated is zero"},
		{"item without id", func(f *Feed) { f.Items[1].ID = "" }, "item 1 (\"\"): id is empty"},
		{"duplicate ids", func(f *Feed) { f.Items[1].ID = f.Items[0].ID }, "same id as item 0"},
		{"item without title", func(f *Feed) { f.Items[0].Title = "" }, "title is empty"},
		{"relative item link", func(f *Feed) { f.Items[0].Link = "../x/" }, "link"},
		{"item without date", func(f *Feed) { f.Items[1].Published = time.Time{} }, "published date is zero"},
		{"relative image", func(f *Feed) { f.Items[0].Image.URL = "img.png" }, "image"},
		{"image of unknown type", func(f *Feed) { f.Items[0].Image.URL = "https://x.example/img" }, "cannot be inferred"},
		{"relative author URL", func(f *Feed) { f.Items[0].Authors[1].URL = "/li/" }, "URL"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := smallFeed(RSS)
			tc.modify(&f)
			var buf bytes.Buffer
			err := writeFeed(&buf, f, RSS)
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("Write error = %v, want ErrInvalid", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not mention %q", err, tc.want)
			}
			name := f.SelfURL
			if name == "" {
				name = f.Title
			}
			if prefix := fmt.Sprintf("feed %q: invalid feed: ", name); !strings.HasPrefix(err.Error(), prefix) {
				t.Errorf("error %q does not start with %q", err, prefix)
			}
			if buf.Len() != 0 {
				t.Errorf("Write wrote %d bytes for an invalid feed", buf.Len())
			}
		})
	}
}

func TestWriteRejectsUnknownFormat(t *testing.T) {
	t.Parallel()
	err := writeFeed(io.Discard, smallFeed(RSS), "rdf")
	if err == nil || !strings.Contains(err.Error(), `unknown format "rdf"`) {
		t.Errorf("writeFeed(rdf) error = %v", err)
	}
}

func TestWriteInfersImageTypeAndWritesZeroLength(t *testing.T) {
	t.Parallel()
	f := smallFeed(RSS)
	f.Items[0].Image = &Image{URL: "https://health.example.org/img/hero.WEBP?v=2"}
	out := parseRSS(t, write(t, f, RSS))
	if e := out.Items[0].Enclosure; e == nil || e.Type != "image/webp" || e.Length != "0" {
		t.Errorf("enclosure = %+v, want image/webp with length 0", e)
	}
}

func TestAtomFallsBackToFeedTitleAsAuthor(t *testing.T) {
	t.Parallel()
	f := smallFeed(Atom)
	f.Authors = nil
	out := parseAtom(t, write(t, f, Atom))
	if len(out.Authors) != 1 || out.Authors[0].Name != f.Title {
		t.Errorf("feed authors = %+v, want the feed title (entry 1 has no author)", out.Authors)
	}
}

func TestJSONFeedItemWithoutHTMLGetsContentText(t *testing.T) {
	t.Parallel()
	f := smallFeed(JSON)
	f.Items[1].ContentHTML = ""
	out := parseJSON(t, write(t, f, JSON))
	if got := out.Items[1]; got.ContentHTML != "" || got.ContentText != f.Items[1].Summary {
		t.Errorf("content_html %q content_text %q, want only the summary as text", got.ContentHTML, got.ContentText)
	}
}

func TestWriteDoesNotModifyItsInput(t *testing.T) {
	t.Parallel()
	f := smallFeed(RSS)
	f.Items[0], f.Items[1] = f.Items[1], f.Items[0] // oldest first: Write must sort a copy
	f.Items[0].Title = "bad\x00title"
	f.Updated = time.Time{}
	want := smallFeed(RSS)
	want.Items[0], want.Items[1] = want.Items[1], want.Items[0]
	want.Items[0].Title = "bad\x00title"
	want.Updated = time.Time{}
	for _, format := range Formats() {
		write(t, f, format)
	}
	if !reflect.DeepEqual(f, want) {
		t.Errorf("Write modified its input:\n got %+v\nwant %+v", f, want)
	}
}
