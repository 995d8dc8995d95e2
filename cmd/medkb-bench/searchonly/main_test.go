package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/benchgen"
	"github.com/medkb/medkb/internal/publish"
	"github.com/medkb/medkb/internal/site"
)

// TestSearchOnlyWritesTheBuildsIndex builds a small bench corpus in full
// with medkb's builder and with searchonly: every file searchonly writes
// is the full build's file of the same path, byte for byte, and it writes
// every file of the build's search/ folder and nothing else.
func TestSearchOnlyWritesTheBuildsIndex(t *testing.T) {
	src, out := t.TempDir(), filepath.Join(t.TempDir(), "public")
	if _, err := benchgen.WriteMedkb(src, benchgen.Options{Articles: 12, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	mem := publish.NewMem()
	if _, err := site.New(site.Options{Source: src}).Build(t.Context(), mem); err != nil {
		t.Fatal(err)
	}
	if err := run(t.Context(), src, out); err != nil {
		t.Fatal(err)
	}
	built := mem.Files()
	var wantSearch []string
	for p := range built {
		if strings.HasPrefix(p, "search/") && !strings.HasSuffix(p, ".html") {
			wantSearch = append(wantSearch, p)
		}
	}
	var got []string
	err := filepath.WalkDir(out, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, name)
		rel = filepath.ToSlash(rel)
		got = append(got, rel)
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		if want, ok := built[rel]; !ok {
			t.Errorf("searchonly wrote %s, which the build does not", rel)
		} else if !bytes.Equal(data, want) {
			t.Errorf("%s differs from the build's (%d bytes, want %d)", rel, len(data), len(want))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	slices.Sort(wantSearch)
	if !slices.Equal(got, wantSearch) {
		t.Errorf("searchonly wrote %d files:\n%v\nthe build's search files (its search page aside) are %d:\n%v", len(got), got, len(wantSearch), wantSearch)
	}
	if len(got) < 4 {
		t.Errorf("only %d files: %v", len(got), got)
	}
	if err := run(t.Context(), src, out); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("second run into the same folder: %v, want a not-empty error", err)
	}
}
