package assemble

import (
	"testing"

	"github.com/medkb/medkb/internal/page"
)

// TestCloneSharesNoPage: a rebuild edits the copy's pages while the
// original is still served; every page reachable from the copy must be a
// copy, and the original must not change.
func TestCloneSharesNoPage(t *testing.T) {
	t.Parallel()
	s, err := Assemble(input(t, map[string]string{
		"_index.md":            "---\ntitle: Home\n---\n",
		"conditions/_index.md": "---\ntitle: Conditions\n---\n",
		"conditions/a.md":      "---\ntitle: A\ndate: 2025-01-02\ntags: [lungs]\naliases: [/old-a/]\n---\nA body.\n",
		"conditions/b.md":      "---\ntitle: B\ndate: 2025-01-03\ntags: [lungs]\n---\nB body.\n",
	}))
	if err != nil {
		t.Fatal(err)
	}
	orig := map[*page.Page]bool{}
	var walk func(c *Site, visit func(p *page.Page))
	walk = func(c *Site, visit func(p *page.Page)) {
		for _, ls := range c.Langs {
			for _, p := range append(append([]*page.Page{ls.Home, ls.Search, ls.Glossary, ls.Feeds, ls.NotFound, ls.TagsPage}, ls.Pages...), ls.Articles...) {
				if p == nil {
					continue
				}
				visit(p)
				for _, q := range append(append(append([]*page.Page{p.Parent, p.Original}, p.Pages...), p.Related...), p.Sections...) {
					if q != nil {
						visit(q)
					}
				}
			}
			for _, tg := range ls.Tags {
				visit(tg.Page)
				for _, q := range tg.Pages {
					visit(q)
				}
			}
			for _, a := range ls.Aliases {
				visit(a.To)
			}
		}
	}
	walk(s, func(p *page.Page) { orig[p] = true })
	c, pageOf := s.Clone()
	n := 0
	walk(c, func(p *page.Page) {
		n++
		if orig[p] {
			t.Errorf("the copy shares page %s with the original", p.RelPermalink)
		}
	})
	if n == 0 {
		t.Fatal("the copy has no pages")
	}
	a := s.Langs[0].Articles[1]
	if a.Meta.Title != "A" {
		t.Fatalf("articles are not newest first: %s", a.Meta.Title)
	}
	ca := pageOf(a)
	ca.Body = []byte("Edited.")
	if string(a.Body) != "A body.\n" {
		t.Errorf("editing the copy changed the original: %q", a.Body)
	}
	if ca.Parent != pageOf(a.Parent) || c.Langs[0].Aliases[0].To != ca || c.Langs[0].Tags[0].Pages[1] != ca {
		t.Error("the copy's links do not lead to the copies")
	}
}
