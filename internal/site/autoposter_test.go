package site

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/diag"
)

// posterSite has a window of three entries cut at 90 days before the
// newest publication, so the editorial sequence below crosses both limits.
const posterSite = `
-- medkb.yaml --
title: "Test Health"
base_url: "https://health.test/"
trust_pages: {about: /about/, contact: /about/contact/}
feeds:
  limit: 3
  max_age: 90d
  id_base: "tag:health.test,2024:"
-- data/authors.yaml --
jdoe: {name: "Jane Doe", credentials: "MD"}
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
date: 2024-12-01
---
Write.
-- content/conditions/_index.md --
---
title: "Conditions"
---
-- content/conditions/a.md --
---
title: "Anaemia"
date: 2025-01-10
---
Text.
-- content/conditions/b.md --
---
title: "Bronchitis"
date: 2025-02-10
---
Text.
-- content/conditions/c.md --
---
title: "Cystitis"
date: 2025-03-10
---
Text.
-- content/conditions/d.md --
---
title: "Dermatitis"
date: 2025-04-10
---
Text.
-- content/conditions/f.md --
---
title: "Fever"
date: 2025-01-05
draft: true
---
Written long ago, published later.
`

// poster is an autoposter: it polls a feed, remembers every id it saw
// and posts each item whose id is new.
type poster struct {
	name string
	seen map[string]bool
}

// poll returns the titles it posts, after the first poll, which only
// remembers (a poster does not flood a new account with the backlog).
func (p *poster) poll(t *testing.T, files map[string][]byte) []string {
	t.Helper()
	f := parseFeed(t, files, p.name)
	first := p.seen == nil
	if first {
		p.seen = map[string]bool{}
	}
	var posted []string
	for _, it := range f.Items {
		if it.GUID == "" {
			t.Fatalf("%s: item %q has no id", p.name, it.Title)
		}
		if !p.seen[it.GUID] {
			p.seen[it.GUID] = true
			if !first {
				posted = append(posted, it.Title)
			}
		}
	}
	slices.Sort(posted)
	return posted
}

func TestAutoposterPostsEachNewArticleAndCorrectionOnce(t *testing.T) {
	dir := writeSite(t, posterSite)
	write := func(file, content string) {
		p := filepath.Join(dir, file)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	posters := []*poster{{name: "index.xml"}, {name: "atom.xml"}, {name: "feed.json"}, {name: "conditions/atom.xml"}}
	steps := []struct {
		name string
		do   func()
		want []string
		warn string // a warning the build must give at this step (file:line)
	}{
		{name: "first poll", do: func() {}, want: nil, warn: "content/conditions/f.md:3"},
		{name: "retitle, body edit, review without a note", do: func() {
			edit(t, dir, "content/conditions/c.md", `title: "Cystitis"`, `title: "Cystitis (bladder infection)"`)
			edit(t, dir, "content/conditions/c.md", "Text.", "Better text.")
			edit(t, dir, "content/conditions/d.md", "date: 2025-04-10\n", "date: 2025-04-10\nreviewed_by: [jdoe]\nlast_reviewed: 2025-04-20\n")
		}},
		{name: "new article", do: func() {
			write("content/conditions/e.md", "---\ntitle: \"Eczema\"\ndate: 2025-05-01\n---\nText.\n")
		}, want: []string{"Eczema"}},
		{name: "policy page and feed: false", do: func() {
			write("content/about/privacy.md", "---\ntitle: \"Privacy\"\ndate: 2025-05-02\n---\nWe keep nothing.\n")
			edit(t, dir, "medkb.yaml", "contact: /about/contact/}", "contact: /about/contact/, privacy: /about/privacy/}")
			write("content/conditions/g.md", "---\ntitle: \"Gout (internal note)\"\ndate: 2025-05-03\nfeed: false\n---\nText.\n")
		}},
		{name: "old draft published with publish_date", do: func() {
			edit(t, dir, "content/conditions/f.md", "draft: true", "publish_date: 2025-05-10")
		}, want: []string{"Fever"}},
		{name: "two articles deleted", do: func() {
			os.Remove(filepath.Join(dir, "content/conditions/d.md"))
			os.Remove(filepath.Join(dir, "content/conditions/e.md"))
		}},
		{name: "date correction", do: func() {
			edit(t, dir, "content/conditions/c.md", "date: 2025-03-10", "date: 2025-03-12")
		}},
		{name: "review with a change note", do: func() {
			edit(t, dir, "content/conditions/c.md", "date: 2025-03-12\n", "date: 2025-03-12\nreviewed_by: [jdoe]\nlast_reviewed: 2025-05-20\nchange_note: \"New advice on antibiotics\"\n")
		}, want: []string{"Updated: Cystitis (bladder infection) — New advice on antibiotics"}},
		{name: "the note's wording corrected", do: func() {
			edit(t, dir, "content/conditions/c.md", "New advice on antibiotics", "New advice on antibiotic courses")
		}},
		{name: "withdrawal", do: func() {
			edit(t, dir, "content/conditions/f.md", "publish_date: 2025-05-10\n", "publish_date: 2025-05-10\nwithdrawn:\n  date: 2025-06-01\n  reason: \"Merged into Infections\"\n")
		}, want: []string{"Withdrawn: Fever — Merged into Infections"}},
		{name: "nothing changed", do: func() {}},
	}
	for _, s := range steps {
		s.do()
		files, res := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
		if s.warn != "" && !hasWarning(res.Diagnostics, s.warn, "publish_date") {
			t.Errorf("%s: no warning at %s naming publish_date: %v", s.name, s.warn, res.Diagnostics)
		}
		for _, p := range posters {
			got := p.poll(t, files)
			want := s.want
			if p.name == "conditions/atom.xml" && strings.HasPrefix(s.name, "policy") {
				want = nil
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s: %s posted %q, want %q", s.name, p.name, got, want)
			}
		}
	}
	for _, p := range posters {
		for id := range p.seen {
			if strings.HasSuffix(id, ":conditions/a.md") || strings.Contains(id, "about/") || strings.Contains(id, "g.md") {
				t.Errorf("%s listed %s: an article older than the cut-off, a trust page or feed: false", p.name, id)
			}
		}
	}
}

func hasWarning(ds diag.List, pos, word string) bool {
	for _, d := range ds {
		if d.Severity == diag.Warning && strings.HasPrefix(d.String(), pos+":") && strings.Contains(d.String(), word) {
			return true
		}
	}
	return false
}

// Deleting the newest article would move the window's anchor back and let
// an older article, which left the feed long ago, in again — posted anew
// by any autoposter that remembers only recent ids. The last published
// feed in the destination holds the anchor, and the deletion is a
// warning naming the article; a build without that feed (a fresh clone)
// follows the sources alone, as the rules say.
func TestDeletingTheNewestArticleBringsNothingOlderBack(t *testing.T) {
	site := strings.Replace(posterSite, "  limit: 3\n", "  limit: 10\n", 1)
	site += "-- content/conditions/z.md --\n---\ntitle: \"Zoster\"\ndate: 2025-06-20\n---\nText.\n"
	src := writeSite(t, site)
	dest := filepath.Join(src, "public")
	titles := func(files map[string][]byte) []string {
		var out []string
		for _, it := range parseFeed(t, files, "feed.json").Items {
			out = append(out, it.Title)
		}
		return out
	}
	if _, _, err := cliBuild(t, src, dest); err != nil {
		t.Fatal(err)
	}
	// Zoster (2025-06-20) anchors a 90-day window: Dermatitis (04-10) is in,
	// Cystitis (03-10) and older are out.
	before := titles(readTree(t, dest))
	if !slices.Equal(before, []string{"Zoster", "Dermatitis"}) {
		t.Fatalf("first build lists %q", before)
	}
	if err := os.Remove(filepath.Join(src, "content/conditions/z.md")); err != nil {
		t.Fatal(err)
	}
	res, _, err := cliBuild(t, src, dest)
	if err != nil {
		t.Fatal(err)
	}
	if got := titles(readTree(t, dest)); !slices.Equal(got, []string{"Dermatitis"}) {
		t.Errorf("after deleting the newest, the feed lists %q; want only Dermatitis", got)
	}
	if !hasWarning(res.Diagnostics, "public/feed.json", "withdrawn") || !hasWarning(res.Diagnostics, "public/feed.json", `"Zoster"`) {
		t.Errorf("no warning naming Zoster and withdrawn: at the published feed: %v", res.Diagnostics)
	}

	// Without the published feed the sources alone anchor the window, and
	// Cystitis and Bronchitis come back: the reason for the warning.
	files, _ := buildMem(t, New(Options{Source: src, Now: fixedNow}))
	if got := titles(files); !slices.Contains(got, "Cystitis") {
		t.Errorf("a build without the published feed lists %q; the rule says it follows the sources", got)
	}
}
