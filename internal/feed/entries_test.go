package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// wholeDocument encodes p in format the way this package did before
// items were encoded apart (encode.go): the whole document, items
// included, in one encoding/xml or encoding/json call. The items are put
// back as fields that shadow the library's, after every other field, as
// the former types had them.
func wholeDocument(t *testing.T, p *Prepared, format Format) []byte {
	t.Helper()
	var items []Item
	for _, e := range p.entries {
		items = append(items, e.it)
	}
	var buf bytes.Buffer
	var v any
	switch format {
	case RSS:
		doc := newRSS(p.f)
		type channel struct {
			*rssChannel
			Items []rssItem `xml:"item"`
		}
		type document struct {
			*rssDoc
			Channel channel `xml:"channel"`
		}
		ch := channel{rssChannel: doc.Channel}
		for _, it := range items {
			ch.Items = append(ch.Items, newRSSItem(it))
		}
		v = document{rssDoc: doc, Channel: ch}
	case Atom:
		type feed struct {
			*atomFeed
			Entries []atomEntry `xml:"entry"`
		}
		f := feed{atomFeed: newAtom(p.f, p.entries)}
		for _, it := range items {
			f.Entries = append(f.Entries, newAtomEntry(it))
		}
		v = f
	case JSON:
		j := newJSONFeed(p.f)
		for _, it := range items {
			j.Items = append(j.Items, newJSONItem(it))
		}
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(j); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	buf.WriteString(xml.Header)
	if s := p.f.Stylesheet; s != "" {
		buf.WriteString(`<?xml-stylesheet type="text/xsl" href="`)
		xml.EscapeText(&buf, []byte(s))
		buf.WriteString("\"?>\n")
	}
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	buf.WriteByte('\n')
	return buf.Bytes()
}

// hostileFeed is smallFeed with items whose every text carries markup,
// "]]>", entities, controls, invalid UTF-8 and characters outside ASCII,
// and URLs that need URI form; n items in all (at least 2).
func hostileFeed(format Format, n int) Feed {
	f := smallFeed(format)
	const bad = "<script>alert('x')</script> ]]> a & b &amp; \"q\"\x00\x01 bad\xff\xfe utf8 \uFFFE «ü» 🫁"
	f.Stylesheet = "/feed.xsl?a=1&b=<2>"
	for i := len(f.Items); i < n; i++ {
		it := f.Items[i%2]
		it.ID = fmt.Sprintf("%s-%d", it.ID, i)
		it.Title = bad + it.Title
		it.Summary = bad
		it.ContentHTML = "<p>" + bad + "</p><![CDATA[ x ]]>"
		it.Tags = []string{bad, "plain", " "}
		it.Link = "https://health.example.org/ü/" + fmt.Sprint(i) + "/"
		it.Authors = append(it.Authors, Person{Name: bad, URL: "https://bücher.example/a b"})
		it.Trust = &Trust{Kind: "article", Reviewers: []Credited{{Name: bad, Credentials: "MD", URL: "https://example.org/r"}},
			LastReviewed: time.Date(2024, 1, 2, 3, 4, 5, 6, time.UTC), Overdue: i%3 == 0}
		it.Published = it.Published.Add(time.Duration(i%4) * time.Hour) // ties, to test the order
		f.Items = append(f.Items, it)
	}
	return f
}

// TestEntriesWriteWhatItemsWrite holds the items encoded apart (Entry) to
// the whole document encoded at once, in every format, for a feed of
// Items, of Entries and of both, with no item, one, and hostile ones.
func TestEntriesWriteWhatItemsWrite(t *testing.T) {
	t.Parallel()
	for _, format := range Formats() {
		for _, n := range []int{0, 1, 2, 9} {
			f := hostileFeed(format, n)
			f.Items = f.Items[:n]
			if n == 0 {
				f.Items = nil
			}
			viaItems, err := Prepare(f)
			if err != nil {
				t.Fatal(err)
			}
			want := wholeDocument(t, viaItems, format)
			var got bytes.Buffer
			if err := viaItems.Write(&got, format, f.SelfURL); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("%s, %d items:\n%s\nthe whole document is\n%s", format, n, got.Bytes(), want)
			}
			// The same items as Entries, and half of them so.
			for _, split := range []int{0, n / 2} {
				g := f
				g.Items, g.Entries = f.Items[:split], nil
				for _, it := range f.Items[split:] {
					e, err := NewEntry(it)
					if err != nil {
						t.Fatal(err)
					}
					g.Entries = append(g.Entries, e)
				}
				p, err := Prepare(g)
				if err != nil {
					t.Fatal(err)
				}
				var out bytes.Buffer
				if err := p.Write(&out, format, f.SelfURL); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(out.Bytes(), want) {
					t.Errorf("%s, %d items, the last %d as Entries:\n%s\nwant\n%s", format, n, n-split, out.Bytes(), want)
				}
			}
		}
	}
}

// TestAnEntryIsEncodedOnceForEveryFeed lists the same entries in several
// feeds written at once: each writes what it writes alone, and an entry's
// encoding is made once.
func TestAnEntryIsEncodedOnceForEveryFeed(t *testing.T) {
	t.Parallel()
	f := hostileFeed(RSS, 6)
	var entries []*Entry
	for _, it := range f.Items {
		e, err := NewEntry(it)
		if err != nil {
			t.Fatal(err)
		}
		entries = append(entries, e)
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			g := f
			g.Title = fmt.Sprintf("Feed %d", i)
			g.Items, g.Entries = nil, entries[i%3:]
			alone := f
			alone.Title, alone.Items = g.Title, f.Items[i%3:]
			for _, format := range Formats() {
				var shared, own bytes.Buffer
				p, err := Prepare(g)
				if err != nil {
					t.Error(err)
					return
				}
				q, err := Prepare(alone)
				if err != nil {
					t.Error(err)
					return
				}
				if err := p.Write(&shared, format, selfURL(format)); err != nil {
					t.Error(err)
				}
				if err := q.Write(&own, format, selfURL(format)); err != nil {
					t.Error(err)
				}
				if !bytes.Equal(shared.Bytes(), own.Bytes()) {
					t.Errorf("feed %d, %s: shared entries wrote\n%s\nthe feed alone\n%s", i, format, shared.Bytes(), own.Bytes())
				}
			}
		})
	}
	wg.Wait()
	for _, format := range Formats() {
		a, _ := entries[0].encoded(format)
		b, _ := entries[0].encoded(format)
		if len(a) == 0 || &a[0] != &b[0] {
			t.Errorf("%s: the entry was encoded again", format)
		}
	}
}

func TestNewEntryRefusesAnInvalidItem(t *testing.T) {
	t.Parallel()
	it := smallFeed(RSS).Items[0]
	it.Link = "/relative/"
	if _, err := NewEntry(it); err == nil || !strings.Contains(err.Error(), `item "`+it.ID+`": invalid feed: item: link`) {
		t.Errorf("NewEntry of an item with a relative link: %v", err)
	}
	f := smallFeed(RSS)
	e, err := NewEntry(f.Items[0])
	if err != nil {
		t.Fatal(err)
	}
	f.Entries = []*Entry{e} // the same id as Items[0]
	if _, err := Prepare(f); err == nil || !strings.Contains(err.Error(), "same id as item 0") {
		t.Errorf("Prepare of an entry with an item's id: %v", err)
	}
}
