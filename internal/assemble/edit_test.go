package assemble

import (
	"testing"

	"github.com/medkb/medkb/internal/page"
)

// TestEditCopiesOnlyTheEditedPage: a rebuild edits the copy of a page
// while the original site is still served. The original must not change;
// every list that shows the edited page (the language's, the tag's, the
// alias) must lead to the copy in the new site, and every other page and
// list is shared, not copied.
func TestEditCopiesOnlyTheEditedPage(t *testing.T) {
	t.Parallel()
	s, err := Assemble(input(t, map[string]string{
		"_index.md":            "---\ntitle: Home\n---\n",
		"conditions/_index.md": "---\ntitle: Conditions\n---\n",
		"conditions/a.md":      "---\ntitle: A\ndate: 2025-01-02\ntags: [lungs]\naliases: [/old-a/]\n---\nA body.\n",
		"conditions/b.md":      "---\ntitle: B\ndate: 2025-01-03\ntags: [lungs, heart]\n---\nB body.\n",
	}))
	if err != nil {
		t.Fatal(err)
	}
	ls := s.Langs[0]
	a := ls.Articles[1]
	if a.Meta.Title != "A" {
		t.Fatalf("articles are not newest first: %s", a.Meta.Title)
	}
	c, copies := s.Edit([]*page.Page{a})
	ca := copies[0]
	if ca == a {
		t.Fatal("the edited page was not copied")
	}
	ca.Body = []byte("Edited.")
	if string(a.Body) != "A body.\n" {
		t.Errorf("editing the copy changed the original: %q", a.Body)
	}
	cl := c.Langs[0]
	has := func(ps []*page.Page, p *page.Page) bool {
		for _, q := range ps {
			if q == p {
				return true
			}
		}
		return false
	}
	if !has(cl.Articles, ca) || !has(cl.Pages, ca) || has(cl.Articles, a) || has(cl.Pages, a) {
		t.Error("the new site's lists do not lead to the copy")
	}
	if !has(ls.Articles, a) || has(ls.Articles, ca) || !has(ls.Pages, a) {
		t.Error("the original site's lists changed")
	}
	tag := func(l *Lang, slug string) (*Tag, bool) {
		for _, t := range l.Tags {
			if t.Slug == slug {
				return t, true
			}
		}
		return nil, false
	}
	lungs, ok := tag(cl, "lungs")
	if !ok || !has(lungs.Pages, ca) || has(lungs.Pages, a) {
		t.Error("the tag of the edited page does not lead to the copy")
	}
	if orig, _ := tag(ls, "lungs"); !has(orig.Pages, a) {
		t.Error("the original tag changed")
	}
	if heart, _ := tag(cl, "heart"); heart != ls.Tags[0] && heart != ls.Tags[1] {
		t.Error("a tag without the edited page was copied")
	}
	if cl.Aliases[0].To != ca || ls.Aliases[0].To != a {
		t.Error("the alias does not lead to the copy, or the original alias changed")
	}
	if cl.Home != ls.Home || cl.Sections[0] != ls.Sections[0] || ca.Parent != a.Parent {
		t.Error("pages that were not edited were copied")
	}
}
