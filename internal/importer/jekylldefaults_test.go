package importer_test

import (
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/importer"
)

// Jekyll gives each document the values of every item of _config.yml's
// defaults: whose scope matches it (a path prefix, a type: pages, posts
// or a collection's label), the more specific item winning (a longer
// path, then one with a type) and the document's own front matter over
// all. The importer did not read defaults: and said nothing: posts lost
// the author and the addresses (permalink: /news/:year/:title/) the old
// site gave them. Now each page is imported with the values that applied
// to it, as its own, and each value has a line at _config.yml saying
// what it came to: read as medkb's key, dropped (layout:), kept under
// params: (a key medkb has no use for), or applied to no page.
func TestImportJekyllAppliesFrontMatterDefaults(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml": `title: Clinic
url: https://clinic.example.org
defaults:
  - scope:
      path: ""
      type: posts
    values:
      layout: post
      author: Dr Ana Ruiz
      comments: true
      permalink: /news/:year/:title/
  - scope:
      path: guides
    values:
      tags: [guides]
      reviewer: Nurse team
  - scope:
      path: guides/children
      type: pages
    values:
      tags: [children]
  - scope:
      type: faqs
    values:
      layout: faq
  - scope:
      path: ""
    values:
      reviewer: Everyone
  - scope:
      path: ""
      type: pages
    values:
      reviewer: Editors
`,
		"_posts/2024-01-02-flu.md":   "---\ntitle: Flu\n---\nFlu jabs.\n",
		"_posts/2024-01-03-covid.md": "---\ntitle: Covid\nauthor: Dr Ben Cole\n---\nBoosters.\n",
		"guides/fever.md":            "---\ntitle: Fever\ndate: 2024-02-01\n---\nRest.\n",
		"guides/rash.md":             "---\ntitle: Rash\ndate: 2024-02-01\ntags: [skin]\n---\nCream.\n",
		"guides/children/croup.md":   "---\ntitle: Croup\ndate: 2024-02-01\n---\nSteam.\n",
		"about.md":                   "---\ntitle: About\ndate: 2024-02-01\n---\nUs.\n",
	})
	for name, want := range map[string][]string{
		"posts/flu.md":    {"url: /news/2024/flu/\n", "authors:\n    - dr-ana-ruiz\n", "params:\n    comments: true\n"},
		"posts/covid.md":  {"url: /news/2024/covid/\n", "authors:\n    - dr-ben-cole\n"},
		"guides/fever.md": {"tags:\n    - guides\n", "params:\n    reviewer: Nurse team\n"},
		"guides/rash.md":  {"tags:\n    - skin\n", "params:\n    reviewer: Nurse team\n"},
		"guides/croup.md": {"tags:\n    - children\n", "params:\n    reviewer: Nurse team\n"},
	} {
		got := readImported(t, dest, name)
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("content/%s: want %q:\n%s", name, w, got)
			}
		}
	}
	// Of two items with the same path, the one with a type wins, in
	// whichever order they are written; a longer path wins over both.
	if got := readImported(t, dest, "pages/about.md"); !strings.Contains(got, "params:\n    reviewer: Editors\n") || strings.Contains(got, "tags:") || strings.Contains(got, "authors:\n    - dr-ana") {
		t.Errorf("content/pages/about.md: want reviewer: Editors only:\n%s", got)
	}
	if got := readImported(t, dest, "posts/flu.md"); !strings.Contains(got, "    reviewer: Everyone\n") {
		t.Errorf("content/posts/flu.md: want reviewer: Everyone, the item for every type:\n%s", got)
	}
	wantNote(t, rep, "_config.yml", 8, importer.Changed, "defaults: layout: post (scope: type posts) applied to 2 pages that do not set layout themselves, as Jekyll did (_posts/2024-01-02-flu.md, _posts/2024-01-03-covid.md): dropped, as on a page: medkb lays out pages with its own templates")
	wantNote(t, rep, "_config.yml", 9, importer.Changed, "defaults: author: Dr Ana Ruiz (scope: type posts) applied to 1 page that does not set author itself")
	wantNote(t, rep, "_config.yml", 10, importer.Changed, "defaults: comments: true (scope: type posts) applied to 2 pages that do not set comments themselves, as Jekyll did (_posts/2024-01-02-flu.md, _posts/2024-01-03-covid.md): comments has no medkb meaning, so each keeps it under params:, where templates can read it")
	wantNote(t, rep, "_config.yml", 15, importer.Changed, `defaults: tags: ["guides"] (scope: path guides) applied to 1 page that does not set tags itself, as Jekyll did (guides/fever.md)`)
	wantNote(t, rep, "_config.yml", 22, importer.Changed, "defaults: the item for type faqs (values: layout) applied to no page: type faqs is no type of this site")
	for _, n := range rep.Notes {
		if strings.Contains(n.Message, "layout: post dropped") || strings.Contains(n.Message, `"comments"`) || strings.Contains(n.Message, `"reviewer"`) {
			t.Errorf("a page's note repeats what _config.yml's line says: %s", n)
		}
	}
	build(t, dest)
}

// A permalink: with placeholders, the page's own or a default's, is the
// page's pattern, as Jekyll fills it (a post's :title and :year, a page's
// :path and :basename); it was written as url: /blog/:title/, an address
// with colons. The page's own has a note at its line.
func TestImportJekyllPermalinkPatternIsFilledIn(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":              "title: Clinic\ndefaults:\n  - scope:\n      type: pages\n    values:\n      permalink: /:path/:basename/\n",
		"_posts/2024-01-02-flu.md": "---\ntitle: Flu\npermalink: /blog/:year/:title/\n---\nFlu jabs.\n",
		"guides/fever.md":          "---\ntitle: Fever\ndate: 2024-02-01\n---\nRest.\n",
	})
	if got := readImported(t, dest, "posts/flu.md"); !strings.Contains(got, "url: /blog/2024/flu/\n") {
		t.Errorf("content/posts/flu.md: want url: /blog/2024/flu/:\n%s", got)
	}
	if got := readImported(t, dest, "guides/fever.md"); !strings.Contains(got, "url: /guides/fever/\n") || strings.Contains(got, "aliases") {
		t.Errorf("content/guides/fever.md: want url: /guides/fever/ and no alias (Jekyll served no .html):\n%s", got)
	}
	wantNote(t, rep, "_posts/2024-01-02-flu.md", 3, importer.Changed, "permalink: /blog/:year/:title/ is a pattern: the page is at /blog/2024/flu/, where Jekyll made it")
	build(t, dest)
}
