package main

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/benchgen"
	"github.com/medkb/medkb/internal/config"
)

// With MEDKB_HUGEPAGES=on the floor reserves huge pages for the heap a
// full medkb build of the bench's sizes reserves: twice the default
// budget, the collector off meanwhile; unset or off, nothing; any other
// value stops it.
func TestReserveAsAFullMedkbBuild(t *testing.T) {
	for setting, want := range map[string]int64{"on": 2 * config.DefaultMemoryMB << 20, "": 0, "off": 0, "yes": 0} {
		var got int64
		err := reserveIfAsked(setting, func(n int64, release func()) bool {
			if p := debug.SetGCPercent(100); p != -1 {
				t.Errorf("MEDKB_HUGEPAGES=%q: reserved with the collector on (GOGC %d)", setting, p)
			}
			debug.SetGCPercent(-1)
			got = n
			return true
		})
		if got != want {
			t.Errorf("MEDKB_HUGEPAGES=%q: the floor reserved %d bytes; want %d (twice config.DefaultMemoryMB when on)", setting, got, want)
		}
		if (err != nil) != (setting == "yes") || err != nil && !strings.Contains(err.Error(), "MEDKB_HUGEPAGES=on") {
			t.Errorf("MEDKB_HUGEPAGES=%q: error %v; want one naming the fix only for a value that is neither on nor off", setting, err)
		}
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
