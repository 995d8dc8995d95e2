package site

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/frontmatter"
)

// idSite is a small site whose feed ids the editorial tests follow.
const idSite = `
-- medkb.yaml --
title: "Test Health"
base_url: "https://health.test/"
languages:
  - {code: en, name: English, default: true}
  - {code: es, name: Español}
trust_pages: {about: /about/, contact: /about/contact/}
feeds:
  id_base: "tag:health.test,2024:"
-- data/authors.yaml --
jdoe: {name: "Jane Doe", credentials: "MD"}
rev: {name: "Rita Reviewer", credentials: "PharmD"}
-- content/_index.md --
---
title: "Test Health"
---
-- content/about/_index.md --
---
title: "About us"
---
-- content/about/contact.md --
---
title: "Contact us"
date: 2025-06-01
---
Write to us.
-- content/conditions/_index.md --
---
title: "Conditions"
---
-- content/conditions/asthma.md --
---
title: "Asthma"
date: 2025-03-04
authors: [jdoe]
---
Asthma is common.
-- content/conditions/copd.md --
---
title: "COPD"
id: "copd"
date: 2025-01-02
authors: [jdoe]
---
COPD makes it hard to breathe.
`

// feedIDSet builds dir and returns the item ids of the site feed, failing
// unless RSS, Atom and JSON Feed (each parsed by gofeed) carry the same.
func feedIDSet(t *testing.T, dir string, feedDir string) []string {
	t.Helper()
	files, _ := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	var want []string
	for i, name := range []string{"index.xml", "atom.xml", "feed.json"} {
		f := parseFeed(t, files, feedDir+name)
		var ids []string
		for _, it := range f.Items {
			ids = append(ids, it.GUID)
		}
		slices.Sort(ids)
		if i == 0 {
			want = ids
		} else if !slices.Equal(ids, want) {
			t.Fatalf("%s ids %q differ from index.xml's %q", name, ids, want)
		}
	}
	return want
}

// edit rewrites a file of the site: old must occur in it.
func edit(t *testing.T, dir, file, old, new string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(file))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFeedIDsSurviveEveryEditButANewArticle(t *testing.T) {
	dir := writeSite(t, idSite)
	start := feedIDSet(t, dir, "")
	want := []string{"tag:health.test,2024:conditions/asthma.md", "tag:health.test,2024:copd"}
	if !slices.Equal(start, want) {
		t.Fatalf("ids = %q, want %q (the contact page is a trust page, never an item)", start, want)
	}
	steps := []struct {
		name              string
		file, old, new    string
		wantNewID         string
		feedDir           string
		pinWithFixIDsFile string
	}{
		{name: "retitle", file: "content/conditions/asthma.md", old: `title: "Asthma"`, new: `title: "Asthma in adults"`},
		{name: "body edit", file: "content/conditions/asthma.md", old: "Asthma is common.", new: "Asthma is a common lung disease."},
		{name: "review", file: "content/conditions/asthma.md", old: "date: 2025-03-04\n", new: "date: 2025-03-04\nreviewed_by: [rev]\nlast_reviewed: 2025-09-01\n"},
		{name: "move", file: "content/conditions/asthma.md", old: "date: 2025-03-04\n", new: "date: 2025-03-04\nurl: /conditions/asthma-adults/\naliases: [/conditions/asthma/]\n"},
		{name: "second move, newest alias first", file: "content/conditions/asthma.md", old: "url: /conditions/asthma-adults/\naliases: [/conditions/asthma/]\n", new: "url: /lungs/asthma/\naliases: [/conditions/asthma-adults/, /conditions/asthma/]\n"},
		{name: "aliases in the other order", file: "content/conditions/asthma.md", old: "aliases: [/conditions/asthma-adults/, /conditions/asthma/]", new: "aliases: [/conditions/asthma/, /conditions/asthma-adults/]"},
		{name: "date correction", file: "content/conditions/asthma.md", old: "date: 2025-03-04", new: "date: 2025-02-27"},
		{name: "slug on the other article", file: "content/conditions/copd.md", old: `id: "copd"`, new: "id: \"copd\"\nslug: chronic-obstructive-pulmonary-disease\naliases: [/conditions/copd/]"},
		{name: "id added by fix ids", pinWithFixIDsFile: "content/conditions/asthma.md"},
		{name: "file renamed after pinning", file: "content/conditions/asthma.md"},
		{name: "host change", file: "medkb.yaml", old: `base_url: "https://health.test/"`, new: `base_url: "https://www.health-library.test/"`},
	}
	for _, s := range steps {
		switch {
		case s.pinWithFixIDsFile != "":
			ids, err := New(Options{Source: dir, Drafts: true}).FeedIDs(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range ids {
				if id.Pinned {
					continue
				}
				p := filepath.Join(dir, id.File)
				b, _ := os.ReadFile(p)
				out, err := frontmatter.SetID(id.File, b, id.ID)
				if err != nil {
					t.Fatal(err)
				}
				os.WriteFile(p, out, 0o644)
			}
			b, _ := os.ReadFile(filepath.Join(dir, s.pinWithFixIDsFile))
			if !strings.Contains(string(b), "title: \"Asthma in adults\"\nid: \"tag:health.test,2024:conditions/asthma.md\"\n") {
				t.Fatalf("%s: id not pinned after the title:\n%s", s.name, b)
			}
		case s.old == "":
			from := filepath.Join(dir, s.file)
			if err := os.Rename(from, filepath.Join(dir, "content/conditions/asthma-in-adults.md")); err != nil {
				t.Fatal(err)
			}
		default:
			edit(t, dir, s.file, s.old, s.new)
		}
		if got := feedIDSet(t, dir, ""); !slices.Equal(got, want) {
			t.Errorf("after %s: ids = %q, want %q", s.name, got, want)
		}
	}
	// A translation is a new article with an id of its own; the original keeps its id.
	os.WriteFile(filepath.Join(dir, "content/conditions/asthma-in-adults.es.md"), []byte("---\ntitle: \"Asma\"\ndate: 2025-10-01\n---\nEl asma es frecuente.\n"), 0o644)
	if got := feedIDSet(t, dir, ""); !slices.Equal(got, want) {
		t.Errorf("after the translation the English ids = %q, want %q", got, want)
	}
	if got := feedIDSet(t, dir, "es/"); !slices.Equal(got, []string{"tag:health.test,2024:conditions/asthma-in-adults.es.md"}) {
		t.Errorf("Spanish ids = %q", got)
	}
}

func TestFeedIDsWithoutIDBaseStayAsBeforeAndFixIDsPinsThem(t *testing.T) {
	dir := writeSite(t, strings.Replace(idSite, "feeds:\n  id_base: \"tag:health.test,2024:\"\n", "", 1))
	// The ids of sites built before feeds.id_base existed: date and host inside.
	legacy := []string{"tag:health.test,2025-01-02:copd", "tag:health.test,2025-03-04:/conditions/asthma/"}
	if got := feedIDSet(t, dir, ""); !slices.Equal(got, legacy) {
		t.Fatalf("ids = %q, want the unchanged older ids %q", got, legacy)
	}
	res, _ := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	_ = res
	ids, err := New(Options{Source: dir, Drafts: true}).FeedIDs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		p := filepath.Join(dir, id.File)
		b, _ := os.ReadFile(p)
		out, err := frontmatter.SetID(id.File, b, id.ID)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(p, out, 0o644)
	}
	if got := feedIDSet(t, dir, ""); !slices.Equal(got, legacy) {
		t.Fatalf("pinning changed the ids: %q, want %q", got, legacy)
	}
	edit(t, dir, "content/conditions/asthma.md", "date: 2025-03-04", "date: 2025-02-27")
	edit(t, dir, "medkb.yaml", `base_url: "https://health.test/"`, "base_url: \"https://www.health-library.test/\"\nfeeds:\n  id_base: \"tag:health.test,2024:\"")
	if got := feedIDSet(t, dir, ""); !slices.Equal(got, legacy) {
		t.Fatalf("after pinning, a date correction, id_base and a host change: ids = %q, want %q", got, legacy)
	}
}

func TestFeedIDBaseWarningsAndErrors(t *testing.T) {
	dir := writeSite(t, strings.Replace(idSite, "feeds:\n  id_base: \"tag:health.test,2024:\"\n", "", 1))
	_, res := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	found := false
	for _, d := range res.Diagnostics {
		if d.File == "medkb.yaml" && strings.Contains(d.Message, "feeds.id_base is not set") && strings.Contains(d.Hint, "medkb fix ids") {
			found = true
		}
	}
	if !found {
		t.Errorf("no id_base warning: %v", res.Diagnostics)
	}
	bad := writeSite(t, strings.Replace(idSite, `id_base: "tag:health.test,2024:"`, `id_base: "health.test"`, 1))
	errs := buildErr(t, bad)
	if len(errs) != 1 || errs[0].File != "medkb.yaml" || errs[0].Line != 7 || !strings.Contains(errs[0].Message, "tag:HOST,DATE:") {
		t.Errorf("errors = %v; want medkb.yaml:7 (feeds) naming the form tag:HOST,DATE:", errs)
	}
}
