package site

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
)

func parseFeed(t testing.TB, files map[string][]byte, name string) *gofeed.Feed {
	t.Helper()
	b, ok := files[name]
	if !ok {
		t.Fatalf("%s not written", name)
	}
	if strings.HasSuffix(name, ".xml") {
		d := xml.NewDecoder(bytes.NewReader(b))
		for {
			if _, err := d.Token(); err != nil {
				if err.Error() != "EOF" {
					t.Fatalf("%s is not well-formed XML: %v", name, err)
				}
				break
			}
		}
	}
	f, err := gofeed.NewParser().Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s does not parse: %v", name, err)
	}
	return f
}

func TestFeedsCarryStableItemsWithAbsoluteURLsAndImages(t *testing.T) {
	dir := writeSite(t, baseSite)
	files, _ := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	for _, name := range []string{"index.xml", "atom.xml", "feed.json", "conditions/index.xml", "tags/lungs/atom.xml", "tags/breathing/feed.json"} {
		f := parseFeed(t, files, name)
		if len(f.Items) == 0 {
			t.Errorf("%s has no items", name)
			continue
		}
		if f.Language != "en" && !strings.HasSuffix(name, ".xml") {
			t.Errorf("%s language = %q", name, f.Language)
		}
	}
	rss := parseFeed(t, files, "index.xml")
	if len(rss.Items) != 2 || rss.Items[0].Title != "Asthma" || rss.Items[1].Title != "COPD" {
		t.Fatalf("site feed items are not newest first: %v", rss.Items)
	}
	asthma := rss.Items[0]
	if asthma.GUID != "tag:health.test,2025-03-04:conditions-asthma" {
		t.Errorf("item id = %q", asthma.GUID)
	}
	if asthma.Link != "https://health.test/conditions/asthma/" {
		t.Errorf("item link = %q", asthma.Link)
	}
	if !strings.Contains(asthma.Content, `href="https://health.test/conditions/copd/"`) {
		t.Error("relative links in item content were not made absolute")
	}
	if !strings.Contains(asthma.Content, "First published on Test Health. Medically reviewed on 1 September 2025.") {
		t.Errorf("item content lacks the attribution line:\n%s", asthma.Content)
	}
	if len(asthma.Enclosures) != 1 || asthma.Enclosures[0].URL != "https://health.test/images/card-default.png" || asthma.Enclosures[0].Length == "0" {
		t.Errorf("enclosure = %+v", asthma.Enclosures)
	}
	atom := parseFeed(t, files, "atom.xml")
	if atom.Items[0].PublishedParsed == nil || atom.Items[0].UpdatedParsed == nil ||
		atom.Items[0].PublishedParsed.Format("2006-01-02") != "2025-03-04" || atom.Items[0].UpdatedParsed.Format("2006-01-02") != "2025-09-10" {
		t.Errorf("atom dates = %v / %v; want published 2025-03-04, updated (lastmod) 2025-09-10", atom.Items[0].PublishedParsed, atom.Items[0].UpdatedParsed)
	}
	if len(atom.Items[0].Categories) != 2 {
		t.Errorf("atom categories = %v; want both tags", atom.Items[0].Categories)
	}
}

// TestItemIDSurvivesRenameRetitleAndReview is the autoposter guarantee: a
// moved, renamed and retitled article keeps its feed ID, and a review that
// changes no text leaves "updated" alone.
func TestItemIDSurvivesRenameRetitleAndReview(t *testing.T) {
	dir := writeSite(t, baseSite)
	first, _ := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	before := parseFeed(t, first, "atom.xml").Items
	copd := "content/conditions/copd.md"
	src, _ := os.ReadFile(filepath.Join(dir, copd))
	moved := strings.Replace(string(src), `title: "COPD"`, "title: \"Chronic obstructive pulmonary disease\"\nslug: chronic-obstructive-pulmonary-disease\naliases: [/conditions/copd/]", 1)
	moved = strings.Replace(moved, "last_reviewed: 2025-01-02", "last_reviewed: 2026-06-01", 1)
	os.Remove(filepath.Join(dir, copd))
	os.WriteFile(filepath.Join(dir, "content/conditions/lung-disease.md"), []byte(moved), 0o644)
	second, _ := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	after := parseFeed(t, second, "atom.xml").Items
	find := func(items []*gofeed.Item, prefix string) *gofeed.Item {
		for _, it := range items {
			if strings.HasPrefix(it.Title, prefix) {
				return it
			}
		}
		t.Fatalf("no item titled %s…", prefix)
		return nil
	}
	old, now := find(before, "COPD"), find(after, "Chronic")
	if old.GUID != now.GUID {
		t.Errorf("item ID changed from %q to %q after a rename and retitle", old.GUID, now.GUID)
	}
	if !old.UpdatedParsed.Equal(*now.UpdatedParsed) {
		t.Errorf("updated changed from %v to %v after a review that changed no text", old.UpdatedParsed, now.UpdatedParsed)
	}
	if now.Link != "https://health.test/conditions/chronic-obstructive-pulmonary-disease/" {
		t.Errorf("link = %q", now.Link)
	}
	mustContain(t, second, "conditions/copd/index.html", `<meta http-equiv="refresh" content="0; url=/conditions/chronic-obstructive-pulmonary-disease/">`)
}

func TestFeedsExcludeDraftsAndFutureAndHonourConfig(t *testing.T) {
	extra := `-- content/conditions/draft.md --
---
title: "Draft page"
date: 2025-06-01
draft: true
---
Not yet.
-- content/conditions/future.md --
---
title: "Future page"
date: 2030-01-01
---
Later.
`
	site := strings.Replace(baseSite+extra, "trust_pages: {about: /about/}", "trust_pages: {about: /about/}\nfeeds: {formats: [atom], limit: 1, websub_hub: \"https://hub.example/\"}", 1)
	dir := writeSite(t, site)
	files, _ := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	if _, ok := files["index.xml"]; ok {
		t.Error("RSS written although feeds.formats is [atom]")
	}
	f := parseFeed(t, files, "atom.xml")
	if len(f.Items) != 1 || f.Items[0].Title != "Asthma" {
		t.Errorf("items = %v; want only the newest published article (limit 1, no drafts, no future)", f.Items)
	}
	mustContain(t, files, "atom.xml", `href="https://hub.example/" rel="hub"`, `href="https://health.test/atom.xml" rel="self"`)
	mustNotContain(t, files, "conditions/asthma/index.html", "index.xml")
}

func TestTwoBuildsGiveByteIdenticalFeeds(t *testing.T) {
	dir := writeSite(t, baseSite)
	a, _ := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	b, _ := buildMem(t, New(Options{Source: dir, Now: fixedNow.AddDate(0, 3, 0)}))
	for _, name := range []string{"index.xml", "atom.xml", "feed.json", "conditions/index.xml"} {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between two builds of the same content", name)
		}
	}
}

func TestFeedNameClashIsAnError(t *testing.T) {
	extra := "-- content/conditions/odd.md --\n---\ntitle: Odd\nurl: /conditions/index.xml/\n---\nBody.\n"
	errs := buildErr(t, writeSite(t, baseSite+extra))
	if len(errs) == 0 || !strings.Contains(errs.Err().Error(), "feed name clash") || !strings.Contains(errs.Err().Error(), "conditions/index.xml") {
		t.Fatalf("errors = %v", errs)
	}
}

// TestFeedFormatsPerLevel: by default a tag writes and advertises Atom and
// JSON Feed only (not RSS), the site and its sections all three; each
// level's formats can be set on their own, and every page, feed and the
// feeds page point only at feeds that exist.
func TestFeedFormatsPerLevel(t *testing.T) {
	files, _ := buildMem(t, New(Options{Source: writeSite(t, baseSite), Now: fixedNow}))
	for _, name := range []string{"index.xml", "atom.xml", "feed.json", "conditions/index.xml", "conditions/atom.xml", "conditions/feed.json", "tags/lungs/atom.xml", "tags/lungs/feed.json"} {
		parseFeed(t, files, name)
	}
	if _, ok := files["tags/lungs/index.xml"]; ok {
		t.Error("tags/lungs/index.xml written; a tag's feeds default to Atom and JSON Feed")
	}
	mustContain(t, files, "tags/lungs/index.html", `href="/tags/lungs/atom.xml"`, `href="/tags/lungs/feed.json"`, `href="/index.xml"`)
	mustNotContain(t, files, "tags/lungs/index.html", "/tags/lungs/index.xml")
	mustNotContain(t, files, "tags/lungs/atom.xml", "tags/lungs/index.xml")
	mustNotContain(t, files, "feeds/index.html", "/tags/lungs/index.xml")
	mustContain(t, files, "feeds/index.html", "/tags/lungs/atom.xml", "/conditions/index.xml")

	site := strings.Replace(baseSite, "trust_pages: {about: /about/}",
		"trust_pages: {about: /about/}\nfeeds: {formats: [rss], section_formats: [json], tag_formats: [rss, atom]}", 1)
	files, _ = buildMem(t, New(Options{Source: writeSite(t, site), Now: fixedNow}))
	for name, want := range map[string]bool{
		"index.xml": true, "atom.xml": false, "feed.json": false,
		"conditions/index.xml": false, "conditions/atom.xml": false, "conditions/feed.json": true,
		"tags/lungs/index.xml": true, "tags/lungs/atom.xml": true, "tags/lungs/feed.json": false,
	} {
		if _, ok := files[name]; ok != want {
			t.Errorf("%s written = %v; want %v", name, ok, want)
		}
	}
	mustContain(t, files, "conditions/asthma/index.html", `href="/conditions/feed.json"`, `href="/index.xml"`)
	mustNotContain(t, files, "conditions/asthma/index.html", "/conditions/index.xml", "/atom.xml")
}

func TestUnknownFeedFormatOfALevelIsAnErrorAtItsLine(t *testing.T) {
	site := strings.Replace(baseSite, "trust_pages: {about: /about/}", "trust_pages: {about: /about/}\nfeeds:\n  tag_formats: [atom, rdf]", 1)
	errs := buildErr(t, writeSite(t, site))
	if len(errs) != 1 || errs[0].File != "medkb.yaml" || errs[0].Line != 5 || !strings.Contains(errs[0].Message, `unknown feed format "rdf" in feeds.tag_formats`) {
		t.Fatalf("errors = %v; want medkb.yaml:5 naming rdf and feeds.tag_formats", errs)
	}
}

// A site with nothing dated yet — every article a draft and no date on
// any other page, as an import leaves one — builds: its empty feeds are
// dated by the build's day (Atom needs an updated date). Before, the
// build failed at content/_index.md on the feed's internals.
func TestEmptyUndatedSiteBuildsItsFeeds(t *testing.T) {
	site := `
-- medkb.yaml --
title: "New Site"
base_url: "https://health.test/"
-- content/_index.md --
---
title: "New Site"
---
Welcome.
-- content/conditions/_index.md --
---
title: "Conditions"
---
-- content/conditions/gout.md --
---
title: "Gout"
draft: true
---
Gout hurts.
`
	files, _ := buildMem(t, New(Options{Source: writeSite(t, site), Now: fixedNow}))
	mustContain(t, files, "atom.xml", "<updated>2026-11-25T00:00:00Z</updated>")
	mustNotContain(t, files, "atom.xml", "<entry>")
	// A dated page of another kind (the home page) dates a section's
	// empty feed before the build's day does.
	site = strings.Replace(site, "title: \"New Site\"\n---", "title: \"New Site\"\ndate: 2026-01-05\n---", 1)
	files, _ = buildMem(t, New(Options{Source: writeSite(t, site), Now: fixedNow}))
	mustContain(t, files, "conditions/atom.xml", "<updated>2026-01-05T00:00:00Z</updated>")
}

// Two articles with one feed id (a page copied with its id: line) are one
// error, at the copy's id line, naming the original — also when they share
// a tag (its feed once failed on its own "same id" error), when the
// original is withdrawn (its withdrawal notice has that id), and when the
// copy kept the original's date (the article whose id its own file name
// gives keeps it).
func TestCopiedFeedIDIsOneErrorAtTheCopy(t *testing.T) {
	site := func(original, copied string) string {
		return `
-- medkb.yaml --
title: "Site"
base_url: "https://health.test/"
-- content/_index.md --
---
title: "Site"
---
-- content/conditions/_index.md --
---
title: "Conditions"
---
-- content/conditions/gout.md --
---
title: "Gout"
date: 2025-01-05
tags: [joints]
id: "tag:health.test,2025:conditions/gout"
` + original + `---
Gout hurts.
-- content/conditions/aa-gout-copy.md --
---
title: "Gout, again"
tags: [joints]
id: "tag:health.test,2025:conditions/gout"
` + copied + `---
Gout hurts again.
`
	}
	for _, tc := range []struct{ name, original, copied string }{
		{"later copy with a shared tag", "", "date: 2025-03-01\n"},
		{"copy of the same day", "", "date: 2025-01-05\n"},
		{"withdrawn original", "withdrawn: {date: 2025-02-01, reason: \"Merged into the joints page.\"}\n", "date: 2025-03-01\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			errs := buildErr(t, writeSite(t, site(tc.original, tc.copied)))
			if len(errs) != 1 || errs[0].File != "content/conditions/aa-gout-copy.md" || errs[0].Line != 4 ||
				!strings.Contains(errs[0].Message, "is also the id of content/conditions/gout.md") {
				t.Fatalf("errors = %v; want one, at aa-gout-copy.md:4, naming gout.md", errs)
			}
		})
	}
}
