package e2e

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// creditedBy maps each people page path ("/people/amorgan/") to the English
// articles of the built demo site whose bylines link to it.
func creditedBy(t *testing.T) map[string][]string {
	t.Helper()
	byline := regexp.MustCompile(`<div class="trust">(?s:(.*?))</div>`)
	profile := regexp.MustCompile(`href="(/people/[^"/]+/)"`)
	out := map[string][]string{}
	err := filepath.WalkDir(shared.public, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "index.html" {
			return err
		}
		rel := "/" + filepath.ToSlash(strings.TrimSuffix(strings.TrimPrefix(path, shared.public+string(filepath.Separator)), "index.html"))
		if strings.HasPrefix(rel, "/people/") || strings.HasPrefix(rel, "/es/") || strings.HasPrefix(rel, "/ar/") || strings.HasPrefix(rel, "/en/") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		m := byline.FindSubmatch(b)
		if m == nil {
			return nil
		}
		for _, p := range profile.FindAllSubmatch(m[1], -1) {
			if u := string(p[1]); !slices.Contains(out[u], rel) {
				out[u] = append(out[u], rel)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestPeoplePages opens the people page of every author, reviewer and
// translator of the demo's data/authors.yaml: it exists, is headed with
// their name, shows their declared conflicts of interest, and lists
// exactly the articles whose bylines link to it (so every byline leads to
// a profile that lists the article back); axe finds no violation. The Nu
// checker covers these pages in TestHTMLIsValid.
func TestPeoplePages(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile(filepath.Join(shared.root, "data", "authors.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var authors map[string]struct {
		Name      string `yaml:"name"`
		Conflicts string `yaml:"conflicts"`
	}
	if err := yaml.Unmarshal(raw, &authors); err != nil {
		t.Fatal(err)
	}
	credited := creditedBy(t)
	if len(credited) == 0 {
		t.Fatal("no article byline links to a people page")
	}
	tb := newTab(t, shared.site.URL)
	tb.setViewport(phone390)
	ids := make([]string, 0, len(authors))
	for id := range authors {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		a := authors[id]
		path := "/people/" + id + "/"
		if status := tb.open(path); status != 200 {
			t.Errorf("%s: HTTP %d", path, status)
			continue
		}
		if h1 := eval[string](tb, `document.querySelector('main h1')?.textContent.trim() ?? ''`); h1 != a.Name {
			t.Errorf("%s: heading %q, want %q", path, h1, a.Name)
		}
		if a.Conflicts != "" && !strings.Contains(eval[string](tb, `document.querySelector('main').textContent`), a.Conflicts) {
			t.Errorf("%s: the declared conflicts of interest %q are not shown", path, a.Conflicts)
		}
		listed := eval[[]string](tb, `[...new Set([...document.querySelectorAll('main .credits a[href]')].map(a => a.getAttribute('href')))].sort()`)
		want := credited[path]
		sort.Strings(want)
		if !slices.Equal(listed, want) && !(len(listed) == 0 && len(want) == 0) {
			t.Errorf("%s lists %q; the articles crediting %s are %q", path, listed, id, want)
		}
		tb.requireAxe(path)
		tb.requireClean(path)
	}
}
