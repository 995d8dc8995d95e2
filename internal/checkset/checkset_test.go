package checkset

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/medkb/medkb/internal/check"
	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/report"
)

func linking(file, url string, dests ...string) *page.Page {
	p := &page.Page{File: file, RelPermalink: url, Kind: page.KindPage}
	for i, d := range dests {
		p.Links = append(p.Links, page.Link{Dest: d, Line: i + 1})
	}
	return p
}

// TestLinkersFindsPagesLinkingToAnEditedOne: an edit may remove an anchor
// other pages point at, so those pages — by absolute, relative, anchored,
// dotted or index.html links, with or without the trailing slash — are
// checked again, and only those.
func TestLinkersFindsPagesLinkingToAnEditedOne(t *testing.T) {
	asthma := linking("content/conditions/asthma.md", "/conditions/asthma/")
	pages := []*page.Page{
		asthma,
		linking("content/conditions/copd.md", "/conditions/copd/", "../asthma/#triggers"),
		linking("content/guides/inhalers.md", "/guides/inhalers/", "/conditions/asthma/index.html"),
		linking("content/guides/diet.md", "/guides/diet/", "/conditions/copd/", "https://example.org/conditions/asthma/"),
		// No "asthma" in the link: found because it has a dot.
		linking("content/conditions/asthma/triggers.md", "/conditions/asthma/triggers/", "../?from=triggers"),
		linking("content/conditions/asthma/inhalers.md", "/conditions/asthma/inhalers/", "./.."),
		linking("content/guides/steps.md", "/guides/steps/", "/conditions/asthma"),
		// Names asthma but does not reach it.
		linking("content/guides/asthma-diary.md", "/guides/asthma-diary/", "/guides/asthma-diary/", "asthma-log/"),
		linking("content/guides/none.md", "/guides/none/"),
	}
	got := slices.Sorted(maps.Keys(Linkers(pages, map[string]bool{asthma.File: true})))
	want := []string{"content/conditions/asthma.md", "content/conditions/asthma/inhalers.md", "content/conditions/asthma/triggers.md",
		"content/conditions/copd.md", "content/guides/inhalers.md", "content/guides/steps.md"}
	if !slices.Equal(got, want) {
		t.Fatalf("Linkers = %v, want %v", got, want)
	}

	// The links are read as they are now: a page that starts linking to
	// asthma is found.
	pages[3] = linking("content/guides/diet.md", "/guides/diet/", "/conditions/asthma/")
	if !Linkers(pages, map[string]bool{asthma.File: true})["content/guides/diet.md"] {
		t.Error("a new link to the edited page was not found")
	}

	// The home page is named by "/", which holds no segment of its URL.
	home := linking("content/_index.md", "/")
	pages = append(pages, home, linking("content/about.md", "/about/", "/"))
	if !Linkers(pages, map[string]bool{home.File: true})["content/about.md"] {
		t.Error("a link to the edited home page was not found")
	}
}

// TestLinksIndexAgreesWithTheScan: the dev server's index finds the pages
// the scan finds, and With adds a page's new links without changing the
// index it was called on.
func TestLinksIndexAgreesWithTheScan(t *testing.T) {
	asthma := linking("content/conditions/asthma.md", "/conditions/asthma/")
	pages := []*page.Page{
		asthma,
		linking("content/conditions/copd.md", "/conditions/copd/", "../asthma/#triggers"),
		linking("content/guides/inhalers.md", "/guides/inhalers/", "/conditions/asthma/index.html"),
		linking("content/conditions/asthma/inhalers.md", "/conditions/asthma/inhalers/", "./.."),
		linking("content/guides/diet.md", "/guides/diet/", "/conditions/copd/", "https://example.org/conditions/asthma/"),
	}
	edited := map[string]bool{asthma.File: true}
	ix := NewLinks(pages)
	got := slices.Sorted(maps.Keys(ix.Linkers(pages, edited)))
	want := slices.Sorted(maps.Keys(Linkers(pages, edited)))
	if len(want) != 4 || !slices.Equal(got, want) {
		t.Fatalf("index: %v, scan: %v (want 4 files)", got, want)
	}
	diet := linking("content/guides/diet.md", "/guides/diet/", "/conditions/asthma/")
	newer := ix.With([]*page.Page{diet})
	if !newer.Linkers(pages, edited)[diet.File] {
		t.Error("With did not add the new link")
	}
	if ix.Linkers(pages, edited)[diet.File] {
		t.Error("With changed the index it was called on")
	}
}

// TestFactsRecordsIDsAndFooterLinks: the checks read anchors and footer
// links from the rendered HTML.
func TestFactsRecordsIDsAndFooterLinks(t *testing.T) {
	p := linking("content/a.md", "/a/")
	f := NewFacts()
	f.Record(p, []byte(`<h2 id="triggers">T</h2><p id="a&amp;b">x</p><a href="/x/">x</a><footer class="site-footer"><a href="/privacy/">P</a></footer>`))
	cp := Page(p, nil, false, f, nil)
	if !slices.Equal(cp.IDs, []string{"triggers", "a&b"}) || !slices.Equal(cp.FooterLinks, []string{"/privacy/"}) {
		t.Fatalf("IDs %q, footer links %q", cp.IDs, cp.FooterLinks)
	}
}

// TestReportInputIsTheViewWithTheSitesSettings: the editor's report sees
// the view's pages by file — an edited page's newer version, not the full
// check's — with the site's languages, readability target and authors.
func TestReportInputIsTheViewWithTheSitesSettings(t *testing.T) {
	t.Parallel()
	cfg, err := config.Parse([]byte("title: T\nreadability_target: 7\nlanguages:\n  - {code: en, name: English, default: true}\n  - {code: es, name: Español}\n"))
	if err != nil {
		t.Fatal(err)
	}
	v := NewView(map[string]check.Page{"content/b.md": {File: "content/b.md", Title: "B"}, "content/a.md": {File: "content/a.md", Title: "A"}})
	v = v.With([]check.Page{{File: "content/b.md", Title: "B, edited"}})
	today := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	grades := report.NewGrades()
	in := v.ReportInput(cfg, map[string]page.Author{"jdoe": {ID: "jdoe", Name: "Jane Doe"}}, today, grades)
	var titles []string
	for _, p := range in.Pages {
		titles = append(titles, p.Title)
	}
	if !slices.Equal(titles, []string{"A", "B, edited"}) {
		t.Errorf("pages %q, want A then the edited B", titles)
	}
	if in.DefaultLang != "en" || !slices.Equal(in.Languages, []string{"en", "es"}) || in.ReadabilityTarget != 7 ||
		in.Names["jdoe"] != "Jane Doe" || !in.Today.Equal(today) || in.Grades != grades {
		t.Errorf("report input %+v", in)
	}
}

// attrValues lists an attribute's values in order, in a slice of its own
// made to size (Facts keeps it per page), and nil when there is none.
func TestAttrValuesListsEachValueInASliceOfItsOwn(t *testing.T) {
	a := attrValues([]byte(`<main id="main"><h2 id="causes">Causes</h2><p data-id="x" id="">.</p><a id="unclosed`), ` id="`, newString)
	if want := []string{"main", "causes", ""}; !slices.Equal(a, want) || cap(a) != len(a) {
		t.Errorf("attrValues = %q (cap %d), want %q made to size", a, cap(a), want)
	}
	b := attrValues([]byte(`<h2 id="other">`), ` id="`, newString)
	a[0] = "changed"
	if !slices.Equal(b, []string{"other"}) {
		t.Errorf("a second call's values = %q: they share the first's slice", b)
	}
	if got := attrValues([]byte(`<p>no ids</p>`), ` id="`, newString); got != nil {
		t.Errorf("attrValues of a page without ids = %q, want nil", got)
	}
}

// indexAttrValues is attrValues by its definition: each occurrence of the
// prefix, the value up to the next quote.
func indexAttrValues(html, prefix string) []string {
	var out []string
	for {
		i := strings.Index(html, prefix)
		if i < 0 {
			return out
		}
		html = html[i+len(prefix):]
		j := strings.IndexByte(html, '"')
		if j < 0 {
			return out
		}
		out = append(out, html[:j])
		html = html[j+1:]
	}
}

// FuzzAttrValuesMatchesIndexScan holds attrValues' scan from one '=' to
// the next to the search for the whole prefix: the same values for ids
// and hrefs, whatever stands around the '=' (a value ending in " id",
// "==", an attribute at the very start or end).
func FuzzAttrValuesMatchesIndexScan(f *testing.F) {
	for _, s := range []string{
		`<main id="main"><h2 id="causes">`, ` id="a" id=="b" xid="c" id ="d"`, `id="start" id="`, `<a href="x=" id="y">`,
		`<p title=" id">" id="after"</p>`, `= id= id=" id="=" href="h"`, `<footer class="site-footer"><a href="/a/">`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, html string) {
		for _, prefix := range []string{` id="`, ` href="`} {
			got, want := attrValues([]byte(html), prefix, newString), indexAttrValues(html, prefix)
			if !slices.Equal(got, want) {
				t.Fatalf("attrValues(%q, %q) = %q, want %q", html, prefix, got, want)
			}
		}
	})
}

// newString is the intern function of the attrValues tests: a new string.
func newString(b []byte) string { return string(b) }

// TestFactsHoldEachIDOnceAndNothingOfThePage: the same id on two pages is
// one string, and no id is a view of the rendered page, whose buffer the
// caller reuses once Record returns.
func TestFactsHoldEachIDOnceAndNothingOfThePage(t *testing.T) {
	f := NewFacts()
	a, b := &page.Page{}, &page.Page{}
	html := []byte(`<main id="main"><h2 id="causes">C</h2></main>`)
	f.Record(a, html)
	copy(html, `<main id="mxxx"><h2 id="cxxxxx">C</h2></main>`)
	if got := f.ids[a]; !slices.Equal(got, []string{"main", "causes"}) {
		t.Fatalf("ids after the page's buffer was reused: %q", got)
	}
	f.Record(b, []byte(`<div id="causes"></div><main id="main">`))
	if unsafe.StringData(f.ids[a][0]) != unsafe.StringData(f.ids[b][1]) || unsafe.StringData(f.ids[a][1]) != unsafe.StringData(f.ids[b][0]) {
		t.Error("the same id on two pages is two strings")
	}
}
