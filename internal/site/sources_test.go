package site

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/publish"
	"github.com/medkb/medkb/internal/source"
)

// A full build drops every source file's bytes and every page's Markdown
// once the bodies are rendered; the checks still report from the source:
// patient identifiers with their lines (scanned when the parse phase read
// the file), and the hardest paragraph of a page that reads too hard,
// from the file read again — but only while the file is the one the build
// read.
func TestReleaseDropsSourcesAndChecksStillReadThem(t *testing.T) {
	dir := writeSite(t, `
-- medkb.yaml --
title: T
-- content/conditions/copd.md --
---
title: COPD
date: 2025-01-01
audience: patient
check:
  identifier: warning
---
Asthma makes it hard to breathe. Your airways get tight and sore.

Call 020 7946 0958 for help.

## Treatment

Management incorporates pharmacological interventions, pulmonary rehabilitation, vaccination and individualised self-management education, considering comorbidities.

Chronic obstructive pulmonary disease is a progressive inflammatory condition characterised by persistent respiratory symptoms and airflow limitation.
-- data/authors.yaml --
{}
`)
	b := New(Options{Source: dir, Now: fixedNow})
	_, res := buildMem(t, b)
	var ident, hard bool
	for _, d := range res.Diagnostics {
		if d.File != "content/conditions/copd.md" {
			continue
		}
		switch {
		case d.Check == "identifier" && d.Line == 10 && d.Col == 6:
			ident = true
		case d.Check == "readability" && d.Line == 14 && strings.Contains(d.Message, "the hardest paragraph"):
			hard = true
		}
	}
	if !ident || !hard {
		t.Fatalf("identifier at 10:6 found %v, hardest paragraph at line 14 found %v; diagnostics:\n%v", ident, hard, res.Diagnostics)
	}
	for _, f := range b.last.files {
		if f.Data != nil {
			t.Errorf("%s: the build still holds its %d bytes", f.Path, len(f.Data))
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := f.MetaKey(), source.FrontMatterKey(data); got != want {
			t.Errorf("%s: front matter key kept %q, want %q", f.Path, got, want)
		}
	}
	for _, pf := range b.last.parsed {
		if pf.Body != nil {
			t.Errorf("%s: the build still holds its parsed body", pf.File.Path)
		}
	}
	for _, p := range b.last.site.AllPages() {
		if p.Body != nil {
			t.Errorf("%s: the page still holds its Markdown", p.RelPermalink)
		}
	}

	// The checks' view reads the file again, and refuses a changed one.
	cp, ok := b.last.checked.Get("content/conditions/copd.md")
	if !ok || cp.Source == nil {
		t.Fatalf("no check view with a source for the page: %+v", cp)
	}
	src := cp.Source
	path := filepath.Join(dir, "content", "conditions", "copd.md")
	was, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := src(); !bytes.Equal(got, was) {
		t.Fatalf("read again %q, want the file", got)
	}
	if err := os.WriteFile(path, append(was, "More.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := src(); got != nil {
		t.Errorf("read a changed file again: %q", got)
	}
}

// TestIdentifierScanComesFromTheParse checks where the identifier check's
// findings come from: the parse phase scans each file it reads, a build
// whose front matter cache holds a file takes the scan from there (the
// file is not read at all), both give the diagnostics a build without a
// cache gives, and a dev-server edit is scanned anew (the scans are kept
// by file version, so the last build's findings never stand for an edited
// file).
func TestIdentifierScanComesFromTheParse(t *testing.T) {
	dir := writeSite(t, `
-- medkb.yaml --
title: T
-- content/conditions/copd.md --
---
title: COPD
summary: Breathing trouble.
date: 2025-01-01
audience: patient
check:
  identifier: warning
---
Call 020 7946 0958 for help.
-- content/conditions/asthma.md --
---
title: Asthma
summary: Tight airways.
date: 2025-01-01
audience: patient
---
Asthma makes it hard to breathe.
-- data/authors.yaml --
{}
`)
	ctx := context.Background()
	idents := func(res *Result) string {
		var out []string
		for _, d := range res.Diagnostics {
			if d.Check == "identifier" {
				out = append(out, fmt.Sprintf("%s:%d:%d %s", d.File, d.Line, d.Col, d.Message))
			}
		}
		return strings.Join(out, "\n")
	}
	_, plain := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	want := idents(plain)
	if !strings.Contains(want, "content/conditions/copd.md:9:6 ") || strings.Count(want, "\n") != 0 {
		t.Fatalf("a build without a cache reports %q; want the phone number at 9:6 alone", want)
	}
	opts := Options{Source: dir, Now: fixedNow, CacheDir: filepath.Join(dir, ".medkb", "cache")}
	for run, from := range []string{"parsed", "cached"} {
		in, err := Fingerprint(ctx, opts, "test")
		if err != nil {
			t.Fatal(err)
		}
		b := New(opts)
		res, err := b.build(ctx, publish.NewMem(), in.Files)
		if err != nil {
			t.Fatal(err)
		}
		if got := idents(res); got != want {
			t.Errorf("build %d (%s): identifiers %q, want %q", run+1, from, got, want)
		}
		var copd *source.File
		for _, f := range b.last.files {
			if f.Path == "content/conditions/copd.md" {
				copd = f
			}
		}
		if ids, ok := b.last.scans[copd]; !ok || len(ids) != 1 {
			t.Errorf("build %d (%s): the build's scan of copd.md is %+v (held: %v); want the phone number", run+1, from, ids, ok)
		}
		// A file-backed cache holds in memory only what it loaded from
		// the last build's file, not what this build put.
		if cached := b.parsed.InMemory(copd.Hash); cached != (from == "cached") {
			t.Errorf("build %d (%s): copd.md's front matter from the cache file: %v", run+1, from, cached)
		}
	}

	// The dev server: a body edit adds a second number.
	b := New(Options{Source: dir, Now: fixedNow})
	if _, _, err := b.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	editBody(t, dir, "content/conditions/copd.md", "Or call 020 7946 0959.")
	_, res, err := b.Rebuild(ctx, []string{"content/conditions/copd.md"})
	if err != nil {
		t.Fatal(err)
	}
	got := idents(res)
	if !strings.Contains(got, "content/conditions/copd.md:9:6 ") || !strings.Contains(got, "content/conditions/copd.md:11:9 ") {
		t.Errorf("after the edit: identifiers %q; want the numbers at 9:6 and 11:9", got)
	}
}

// TestBodiesHeldWithinTheirShareOfTheBudget: the parse phase holds bodies
// for the Markdown phase up to a sixth of the memory budget in all, and
// reads the rest again; the Markdown phase renders a held body as it was
// parsed, without reading its file, and nothing is held once it ends.
// The held files are edited on disk between the phases: their pages show
// the text the parse held, and reading them again afterwards is refused
// (the file changed), while the body not held is read from its file.
func TestBodiesHeldWithinTheirShareOfTheBudget(t *testing.T) {
	body := strings.Repeat("Asthma makes it hard to breathe. ", 30) + "\n"
	var archive strings.Builder
	archive.WriteString("-- medkb.yaml --\ntitle: T\n-- data/authors.yaml --\n{}\n")
	for _, name := range []string{"asthma", "copd", "gout"} {
		fmt.Fprintf(&archive, "-- content/conditions/%s.md --\n---\ntitle: %s\ndate: 2025-01-01\n---\n%s", name, name, body)
	}
	dir := writeSite(t, archive.String())
	// Room for two files in a sixth of the budget, not for three (a held
	// body keeps its whole file).
	file := int64(len("---\ntitle: asthma\ndate: 2025-01-01\n---\n") + len(body))
	budget := (file+8)*holdShare*2 + holdShare
	b := New(Options{Source: dir, Now: fixedNow, MemoryBudget: budget})
	bd := newBuild(b, context.Background(), publish.NewMem())
	if err := bd.run(bd.phasesThrough("release")); err != nil {
		t.Fatal(err)
	}
	held := map[string]bool{}
	for i, drop := range bd.held {
		if drop != nil {
			held[bd.files[i].Path] = true
			path := filepath.Join(dir, filepath.FromSlash(bd.files[i].Path))
			was, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, append(was, "Edited.\n"...), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if len(held) != 2 {
		t.Fatalf("%d bodies held, want 2 (a sixth of a %d-byte budget, files of about %d bytes)", len(held), budget, file)
	}
	// The Markdown phase takes the held bodies first, so they are freed
	// early in it; every page is still rendered, and the site's own list
	// keeps its order.
	all := bd.site.AllPages()
	was := slices.Clone(all)
	order := bd.heldFirst(slices.Clone(all))
	for i, p := range order {
		if held[p.File] != (i < len(held)) {
			t.Errorf("Markdown phase order: page %d is %s (held %v); want the %d held bodies first", i, p.Name(), held[p.File], len(held))
		}
	}
	if !sameElements(order, all) || !slices.Equal(all, was) {
		t.Errorf("Markdown phase order: %d pages, want the site's %d, each once, and the site's list unchanged", len(order), len(all))
	}
	if err := bd.renderMarkdown(); err != nil {
		t.Fatalf("Markdown phase: %v (a held body was read again from its edited file?)", err)
	}
	articles := 0
	for _, p := range bd.site.AllPages() {
		if !p.IsArticle() {
			continue
		}
		articles++
		txt, err := p.Text()
		if err != nil || !strings.Contains(string(txt.Content), "hard to breathe") || strings.Contains(string(txt.Content), "Edited") {
			t.Errorf("%s: rendered %q, %v; want the body as parsed", p.File, txt.Content, err)
		}
		_, err = p.Markdown()
		if held[p.File] != (err != nil) {
			t.Errorf("%s (held %v): Markdown after the Markdown phase gives error %v; want the held body gone, so the edited file is refused, and the other read again", p.File, held[p.File], err)
		}
	}
	if articles != 3 {
		t.Errorf("%d articles, want 3", articles)
	}
	if bd.held != nil {
		t.Errorf("the build still lists %d held bodies after the Markdown phase", len(bd.held))
	}
}

// sameElements reports whether a and b hold the same pages, each as often.
func sameElements(a, b []*page.Page) bool {
	n := map[*page.Page]int{}
	for _, p := range a {
		n[p]++
	}
	for _, p := range b {
		n[p]--
	}
	for _, k := range n {
		if k != 0 {
			return false
		}
	}
	return len(a) == len(b)
}
