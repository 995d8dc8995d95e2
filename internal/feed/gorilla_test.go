package feed

// These tests run github.com/gorilla/feeds' own generic API (feeds.Feed and
// its ToRss, ToAtom and ToJSON) and pin the upstream behaviour that makes
// this package use only the library's format-specific struct types (see the
// package comment). Each test fails once upstream fixes the bug it names,
// so the decision can be revisited then.

import (
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/feeds"
)

func gorillaFeed(items ...*feeds.Item) *feeds.Feed {
	return &feeds.Feed{Title: "T", Link: &feeds.Link{Href: "https://s.test/"}, Description: "D",
		Created: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Items: items}
}

func TestGorillaAtomLosesThePublishedDate(t *testing.T) {
	created := time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC)
	out, err := gorillaFeed(&feeds.Item{Title: "A", Id: "tag:s.test,2024:a", Link: &feeds.Link{Href: "https://s.test/a/"},
		Created: created, Updated: created.AddDate(0, 6, 0)}).ToAtom()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "<published>") || strings.Contains(out, "2025-03-04") {
		t.Errorf("upstream now writes the creation date; reconsider using ToAtom:\n%s", out)
	}
}

func TestGorillaAtomDerivesIDsFromTheUpdatedDateOrAtRandom(t *testing.T) {
	item := func(updated time.Time) *feeds.Item {
		return &feeds.Item{Title: "A", Link: &feeds.Link{Href: "https://s.test/a/"}, Created: time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC), Updated: updated}
	}
	id := func(it *feeds.Item) string {
		var doc struct {
			Entries []struct {
				ID string `xml:"id"`
			} `xml:"entry"`
		}
		out, err := gorillaFeed(it).ToAtom()
		if err != nil {
			t.Fatal(err)
		}
		if err := xml.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		return doc.Entries[0].ID
	}
	before, after := id(item(time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC))), id(item(time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)))
	if before == after {
		t.Errorf("upstream ids no longer follow the updated date (%s): an edit would no longer re-post", before)
	}
	undated := &feeds.Item{Title: "A", Link: &feeds.Link{Href: "https://s.test/a/"}}
	if a, b := id(undated), id(undated); a == b || !strings.HasPrefix(a, "urn:uuid:") {
		t.Errorf("upstream no longer invents a random id per build: %s, %s", a, b)
	}
}

func TestGorillaJSONFeedMisnamesKeysAndDropsRequiredItems(t *testing.T) {
	j := (&feeds.JSON{Feed: gorillaFeed()}).JSONFeed()
	j.Items = []*feeds.JSONItem{{Id: "a", BannerImage: "https://s.test/b.png", Attachments: []feeds.JSONAttachment{{Url: "https://s.test/b.png", MIMEType: "image/png", Size: 10}}}}
	out, err := json.Marshal(j)
	if err != nil {
		t.Fatal(err)
	}
	for _, bug := range []string{`"banner_":`, `"size":10`} {
		if !strings.Contains(string(out), bug) {
			t.Errorf("upstream fixed %s (JSON Feed 1.1 says banner_image, size_in_bytes):\n%s", bug, out)
		}
	}
	empty, err := gorillaFeed().ToJSON()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(empty, `"items"`) {
		t.Errorf("upstream now writes the required items array of an empty feed:\n%s", empty)
	}
}

func TestGorillaRSSAuthorIsANameNotAnEmail(t *testing.T) {
	out, err := gorillaFeed(&feeds.Item{Title: "A", Link: &feeds.Link{Href: "https://s.test/a/"}, Created: time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC),
		Author: &feeds.Author{Name: "Jane Doe"}}).ToRss()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "<author>Jane Doe</author>") {
		t.Errorf("upstream no longer writes a bare name as RSS <author>, which RSS 2.0 defines as an e-mail address:\n%s", out)
	}
}
