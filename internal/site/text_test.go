package site

import (
	"bytes"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

// A full build with a cache folder (medkb build's) keeps no page's
// Markdown (read again from its file when rendered) nor rendered body in
// memory once its phase is over: the Markdown cache
// writes each body to disk as it is rendered, pages, feeds, the search
// index and the checks read it back one page at a time, and the output,
// diagnostics included, is byte for byte the build that holds every body
// (the dev server's, without a cache folder) and the build that loads
// them from the cache.
func TestBuildKeepsNoPageBodyInMemory(t *testing.T) {
	dir := writeSite(t, baseSite+`-- content/conditions/flu.md --
---
title: "Flu"
date: 2025-02-02
audience: patient
draft: true
---
Flu is an illness caused by a virus. Rest and drink water.
`)
	cache := filepath.Join(t.TempDir(), "cache")
	cold := New(Options{Source: dir, Now: fixedNow, CacheDir: cache})
	coldFiles, coldRes := buildMem(t, cold)
	pages := slices.Concat(cold.last.site.AllPages(), cold.last.site.AllDrafts())
	bodies := 0
	for _, p := range pages {
		if p.TextInMemory() {
			t.Errorf("%s: its rendered body is still in memory after the build", p.Name())
		}
		if p.Body != nil {
			t.Errorf("%s: its Markdown is still in memory after the build", p.Name())
		}
		if text, err := p.Text(); err != nil {
			t.Errorf("%s: reading its body back: %v", p.Name(), err)
		} else if text.Plain != "" {
			bodies++
		}
	}
	if bodies < 4 { // home, about, asthma, copd and the draft have bodies
		t.Fatalf("only %d of %d pages have a body to read back", bodies, len(pages))
	}
	mustContain(t, coldFiles, "conditions/asthma/index.html", "Asthma is common.", "Call for help if your lips turn blue.")
	mustContain(t, coldFiles, "index.xml", "Asthma is common.")

	held := New(Options{Source: dir, Now: fixedNow})
	heldFiles, heldRes := buildMem(t, held)
	for _, p := range held.last.site.AllPages() {
		if text, _ := p.Text(); text.Plain != "" && !p.TextInMemory() {
			t.Errorf("%s: a build without a cache folder (the dev server's) dropped its body", p.Name())
		}
	}
	warmFiles, warmRes := buildMem(t, New(Options{Source: dir, Now: fixedNow, CacheDir: cache}))
	if warmRes.Rendered != 0 {
		t.Fatalf("the build after rendered %d bodies; want all from the cache", warmRes.Rendered)
	}
	for name, files := range map[string]map[string][]byte{"held in memory": heldFiles, "loaded from the cache": warmFiles} {
		if got, want := slices.Sorted(maps.Keys(files)), slices.Sorted(maps.Keys(coldFiles)); !slices.Equal(got, want) {
			t.Fatalf("bodies %s: files %v; want %v", name, got, want)
		}
		for path, b := range coldFiles {
			if !bytes.Equal(files[path], b) {
				t.Errorf("bodies %s: %s differs", name, path)
			}
		}
	}
	for name, res := range map[string]*Result{"held in memory": heldRes, "loaded from the cache": warmRes} {
		if !reflect.DeepEqual(res.Diagnostics, coldRes.Diagnostics) {
			t.Errorf("bodies %s: diagnostics\n%v\nwant\n%v", name, res.Diagnostics, coldRes.Diagnostics)
		}
	}
}
