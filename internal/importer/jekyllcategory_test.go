package importer_test

import (
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/importer"
)

// Jekyll's singular category: (category: "manual" on USAID-OHA-SI's
// posts, MIT) is a category as categories: are: it shapes the post's
// address and puts it on site.categories.manual, which the site's list
// pages loop over. It was kept under params:, so the post was on no
// topic page and a page listing site.categories.manual was sent to
// /posts/. Now it is one of the post's tags, whole (Jekyll does not
// split it at spaces), beside those of categories:, and the listing goes
// to /tags/manual/; on a section's page it is left out with the note
// categories: get.
func TestImportJekyllSingularCategoryIsATag(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":                      "title: Clinic\nurl: https://clinic.example.org\n",
		"_posts/2023-08-01-r_setup.md":     "---\ntitle: Installing R\ncategory: \"manual\"\ncategories: setup\n---\nInstall R.\n",
		"_posts/2023-08-02-flu.md":         "---\ntitle: Flu clinic\ncategory: Clinic news\n---\nOpen.\n",
		"manuals.html":                     "---\ntitle: Manuals\n---\n{% for post in site.categories.manual %}\n<a href=\"{{ post.url }}\">{{ post.title }}</a>\n{% endfor %}\n",
		"guides/index.md":                  "---\ntitle: Guides\ncategory: guides\n---\nOur guides.\n",
		"guides/fever.md":                  "---\ntitle: Fever\ndate: 2024-01-02\n---\nRest.\n",
		"_posts/2023-08-03-see-manuals.md": "---\ntitle: See the manuals\n---\nSee [the manuals]({% link manuals.html %}).\n",
	})
	for name, want := range map[string]string{
		"posts/r-setup.md": "tags:\n    - manual\n    - setup\n",
		"posts/flu.md":     "tags:\n    - Clinic news\n",
	} {
		if got := readImported(t, dest, name); !strings.Contains(got, want) || strings.Contains(got, "category:") {
			t.Errorf("content/%s: want %q and no category: under params:\n%s", name, want, got)
		}
	}
	if n := notesContaining(rep, "", `"category"`); len(n) != 0 {
		t.Errorf("category: is said to be kept under params: %+v", n)
	}
	wantNoteWith(t, rep, "manuals.html", importer.Human, "the page lists the posts of category manual", "as medkb's topic page /tags/manual/ does itself")
	if got := readImported(t, dest, "posts/see-manuals.md"); !strings.Contains(got, "[the manuals](/tags/manual/)") {
		t.Errorf("content/posts/see-manuals.md: want the link at /tags/manual/:\n%s", got)
	}
	wantNote(t, rep, "guides/index.md", 3, importer.Changed, "category: guides left out of a section's page: medkb's topic pages (/tags/) list articles")
	built, _ := build(t, dest)
	for page, title := range map[string]string{"tags/manual/index.html": "Installing R", "tags/clinic-news/index.html": "Flu clinic"} {
		if got := string(built[page]); !strings.Contains(got, title) {
			t.Errorf("/%s does not list %q:\n%s", page, title, got)
		}
	}
}
