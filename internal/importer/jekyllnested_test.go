package importer_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A Hugo site kept in a folder of a Jekyll site (real51's site/: a Netlify
// CMS Hugo starter with layouts/, content/ pages in TOML front matter and
// static/) is not imported as pages or published templates: its layouts/
// and the content/ pages Jekyll read no front matter in are left out with
// one note naming them, its static files are copied where Jekyll published
// them, and the site builds without them. A layouts/ folder that is not a
// Hugo site's (plain HTML, no content/ beside it) is imported as before.
func TestImportJekyllLeavesOutANestedHugoSite(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":                       "title: Child health\nurl: https://example.org\n",
		"index.md":                          "---\ntitle: Home\ndate: 2022-01-05\n---\nWelcome.\n",
		"site/layouts/index.html":           "{{ partial \"head\" . }}\n<main>{{ .Content }}</main>\n",
		"site/layouts/partials/head.html":   "<head><title>{{ .Title }}</title></head>\n",
		"site/layouts/_default/single.html": "{{ define \"main\" }}{{ .Content }}{{ end }}\n",
		"site/content/contact.md":           "+++\ntitle = \"Contact\"\ntype = \"contact\"\n+++\nWrite to us.\n",
		"site/content/values.md":            "+++\ntitle = \"Values\"\n+++\nOur values.\n",
		"site/content/jekyll-page.md":       "---\ntitle: Read by Jekyll\ndate: 2022-01-05\n---\nJekyll made this a page.\n",
		"site/static/img/logo.png":          png1x1,
		"docs/layouts/plain.html":           "<p>Layouts, but no Hugo site around them.</p>\n",
		"docs/guide.md":                     "---\ntitle: Guide\ndate: 2022-01-05\n---\nRead the guide.\n",
	})
	notes := notesContaining(rep, "site", "a Hugo site inside the Jekyll site")
	if len(notes) != 1 {
		t.Fatalf("%d notes on the Hugo site in site/, want 1; all notes:\n%v", len(notes), rep.Notes)
	}
	n := notes[0]
	for _, want := range []string{"3 templates in site/layouts/", "2 pages in site/content/ (contact.md, values.md)", "medkb import hugo OLD/site NEW"} {
		if !strings.Contains(n.Message, want) {
			t.Errorf("the note lacks %q: %s", want, n.Message)
		}
	}
	if n.File != "site" || n.Severity != "human" {
		t.Errorf("note at %s (%s), want at site (human)", n.File, n.Severity)
	}
	for name, want := range map[string]bool{
		"static/site/layouts/index.html":         false,
		"static/site/layouts/partials/head.html": false,
		"static/site/img/logo.png":               false, // static/ keeps its folder: static/site/static/img
		"static/site/static/img/logo.png":        true,
		"static/docs/layouts/plain.html":         true,
		"content/site/contact.md":                false,
		"content/site/values.md":                 false,
		"content/docs/guide.md":                  true,
	} {
		if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(name))); (err == nil) != want {
			t.Errorf("%s written: %v, want %v", name, err == nil, want)
		}
	}
	// The page with Jekyll's front matter was a page of the old site: kept.
	if !hasContent(t, dest, "Jekyll made this a page.") {
		t.Error("site/content/jekyll-page.md, a page Jekyll published, was not imported")
	}
	if hasContent(t, dest, "Write to us.") {
		t.Error("site/content/contact.md, which Jekyll never showed as a page, was imported")
	}
	files, _ := build(t, dest)
	for name := range files {
		if strings.Contains(name, "layouts/") && !strings.HasPrefix(name, "docs/") {
			t.Errorf("the built site publishes a Hugo template: %s", name)
		}
	}
}

// hasContent reports whether a file of dest's content/ holds text.
func hasContent(t *testing.T, dest, text string) bool {
	t.Helper()
	found := false
	err := filepath.WalkDir(filepath.Join(dest, "content"), func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err == nil && strings.Contains(string(data), text) {
			found = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}
