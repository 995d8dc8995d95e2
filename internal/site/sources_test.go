package site

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/source"
)

// A full build drops every source file's bytes and every page's Markdown
// once the bodies are rendered; the checks that read the source still
// report from it: patient identifiers with their lines, and the hardest
// paragraph of a page that reads too hard, from the file read again — but
// only while the file is the one the build read.
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
