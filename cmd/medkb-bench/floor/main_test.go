package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/benchgen"
	"github.com/medkb/medkb/internal/config"
)

// The floor reserves huge pages for the heap a full medkb build of the
// bench's sizes reserves: twice the default budget.
func TestReserveAsAFullMedkbBuild(t *testing.T) {
	if want := int64(2 * config.DefaultMemoryMB << 20); reserveBytes != want {
		t.Errorf("the floor reserves %d bytes; want %d, twice config.DefaultMemoryMB", int64(reserveBytes), want)
	}
}

// TestBuildRendersTheBenchCorpus builds a tiny bench corpus and checks the
// pretty-URL tree: one index.html per Markdown file, rendered by goldmark
// with GFM tables, front matter gone.
func TestBuildRendersTheBenchCorpus(t *testing.T) {
	src, dst := t.TempDir(), t.TempDir()
	st, err := benchgen.WriteMedkb(src, benchgen.Options{Articles: 4, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var md []string
	filepath.WalkDir(filepath.Join(src, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			md = append(md, p)
		}
		return err
	})
	n, err := build(src, dst)
	if err != nil {
		t.Fatal(err)
	}
	if n != len(md) || n == 0 {
		t.Fatalf("build wrote %d pages, want %d (corpus %+v)", n, len(md), st)
	}
	for _, p := range md {
		rel, _ := filepath.Rel(filepath.Join(src, "content"), strings.TrimSuffix(p, ".md"))
		if filepath.Base(rel) == "_index" {
			rel = filepath.Dir(rel)
		}
		out, err := os.ReadFile(filepath.Join(dst, rel, "index.html"))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if strings.Contains(string(out), "title:") {
			t.Errorf("%s: front matter rendered: %.200s", rel, out)
		}
		if !strings.Contains(string(out), "<p>") && !strings.Contains(string(out), "<h2") {
			t.Errorf("%s: no rendered Markdown: %.200s", rel, out)
		}
	}
}

func TestBuildFailsWithoutContent(t *testing.T) {
	if _, err := build(t.TempDir(), t.TempDir()); err == nil {
		t.Fatal("build of a folder without content/ succeeded")
	}
}
