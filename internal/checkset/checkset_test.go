package checkset

import (
	"maps"
	"slices"
	"testing"
	"time"

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
// other pages point at, so those pages — by absolute, relative, anchored
// or index.html links — are checked again, and only those.
func TestLinkersFindsPagesLinkingToAnEditedOne(t *testing.T) {
	asthma := linking("content/conditions/asthma.md", "/conditions/asthma/")
	pages := []*page.Page{
		asthma,
		linking("content/conditions/copd.md", "/conditions/copd/", "../asthma/#triggers"),
		linking("content/guides/inhalers.md", "/guides/inhalers/", "/conditions/asthma/index.html"),
		linking("content/guides/diet.md", "/guides/diet/", "/conditions/copd/", "https://example.org/conditions/asthma/"),
	}
	ix := NewLinks(pages)
	got := slices.Sorted(maps.Keys(ix.Linkers(pages, map[string]bool{asthma.File: true})))
	want := []string{"content/conditions/asthma.md", "content/conditions/copd.md", "content/guides/inhalers.md"}
	if !slices.Equal(got, want) {
		t.Fatalf("Linkers = %v, want %v", got, want)
	}

	// A page that starts linking to asthma after the index was made is
	// found through With, and the older index does not change.
	diet := linking("content/guides/diet.md", "/guides/diet/", "/conditions/asthma/")
	newer := ix.With([]*page.Page{diet})
	if !newer.Linkers(pages, map[string]bool{asthma.File: true})[diet.File] {
		t.Error("With did not add the new link")
	}
	if ix.Linkers(pages, map[string]bool{asthma.File: true})[diet.File] {
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
