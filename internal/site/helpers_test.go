package site

import (
	"bytes"
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/medkb/medkb/internal/benchgen"
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/publish"
)

// fixedNow is the clock the tests build with; output must not depend on it.
var fixedNow = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

// writeSite writes a txtar archive into a new temporary folder.
func writeSite(t testing.TB, archive string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// buildMem builds dir into memory and fails the test on error.
func buildMem(t testing.TB, b *Builder) (map[string][]byte, *Result) {
	t.Helper()
	mem := publish.NewMem()
	res, err := b.Build(context.Background(), mem)
	if err != nil {
		t.Fatalf("build failed: %v", err)
	}
	return mem.Files(), res
}

// says returns what diagnostics say, as the command line prints them,
// sorted: two builds' diagnostics compare as sets.
func says(l diag.List) []string {
	var out []string
	for _, d := range l {
		out = append(out, d.String())
	}
	slices.Sort(out)
	return out
}

// buildErr builds and returns the error diagnostics, failing if the build succeeds.
func buildErr(t testing.TB, dir string) diag.List {
	t.Helper()
	res, err := New(Options{Source: dir, Now: fixedNow}).Build(context.Background(), publish.NewMem())
	if err == nil {
		t.Fatalf("build succeeded; want an error")
	}
	return res.Diagnostics.Errors()
}

func mustContain(t testing.TB, files map[string][]byte, path string, wants ...string) {
	t.Helper()
	b, ok := files[path]
	if !ok {
		t.Fatalf("%s was not written", path)
	}
	for _, w := range wants {
		if !strings.Contains(string(b), w) {
			t.Errorf("%s does not contain %q", path, w)
		}
	}
}

func mustNotContain(t testing.TB, files map[string][]byte, path string, unwanted ...string) {
	t.Helper()
	b, ok := files[path]
	if !ok {
		t.Fatalf("%s was not written", path)
	}
	for _, w := range unwanted {
		if strings.Contains(string(b), w) {
			t.Errorf("%s contains %q", path, w)
		}
	}
}

const baseSite = `
-- medkb.yaml --
title: "Test Health"
base_url: "https://health.test/"
trust_pages: {about: /about/}
-- data/authors.yaml --
jdoe:
  name: "Jane Doe"
  credentials: "MD"
  role: "Respiratory physician"
rev:
  name: "Rita Reviewer"
  credentials: "PharmD"
-- data/glossary.yaml --
- term: inhaler
  definition: "A device that puts medicine into your lungs."
  synonyms: [puffer]
-- content/_index.md --
---
title: "Test Health"
summary: "Home."
---
Welcome.
-- content/about/_index.md --
---
title: "About us"
summary: "Who we are."
---
We publish health information.
-- content/conditions/_index.md --
---
title: "Conditions"
summary: "Illnesses explained."
weight: 1
---
-- content/conditions/asthma.md --
---
title: "Asthma"
id: "conditions-asthma"
summary: "Asthma makes your airways narrow."
date: 2025-03-04
lastmod: 2025-09-10
tags: [lungs, breathing]
authors: [jdoe]
reviewed_by: [rev]
last_reviewed: 2025-09-01
audience: patient
about:
  - {name: Asthma, icd10: J45, snomed: "195967001"}
references:
  - id: gina
    title: "Global Strategy for Asthma"
    publisher: GINA
    year: 2024
    url: https://ginasthma.org/reports/
---
Asthma is common. You use an inhaler to treat it [@gina].

## Symptoms

You may cough. See [treatment](#treatment) and [COPD](/conditions/copd/).

## Treatment

> [!EMERGENCY]
> Call for help if your lips turn blue.
-- content/conditions/copd.md --
---
title: "COPD"
summary: "COPD is a long-term lung disease."
date: 2025-01-02
tags: [lungs]
authors: [jdoe]
reviewed_by: [rev]
last_reviewed: 2025-01-02
audience: patient
references:
  - {id: gold, title: "GOLD report", year: 2025, url: "https://goldcopd.org/"}
---
COPD makes it hard to breathe [@gold]. Read about [asthma](/conditions/asthma/#symptoms).
`

// generatedSite writes a benchgen site of n articles and returns its folder
// and its articles' files.
func generatedSite(t *testing.T, n int, seed int64) (string, []string) {
	t.Helper()
	src := t.TempDir()
	if _, err := benchgen.WriteMedkb(src, benchgen.Options{Articles: n, Seed: seed}); err != nil {
		t.Fatal(err)
	}
	return src, articles(t, src)
}

// sameFiles fails t unless got holds the files of want, byte for byte,
// and no others.
func sameFiles(t testing.TB, got, want map[string][]byte) {
	t.Helper()
	for _, p := range slices.Sorted(maps.Keys(want)) {
		if g, ok := got[p]; !ok {
			t.Errorf("%s is missing", p)
		} else if !bytes.Equal(g, want[p]) {
			t.Errorf("%s differs (%d bytes; want %d)", p, len(g), len(want[p]))
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("%s was written; want no such file", p)
		}
	}
}
