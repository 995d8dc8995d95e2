package site

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/medkb/medkb/internal/publish"
)

// TestCacheOfHexKeysIsIgnored builds with a cache folder that the medkb
// before binary cache keys wrote for the same site (testdata/cache-hexkeys:
// markdown.bin of md-45 and frontmatter.bin of fm-15, their keys 64-character
// hex strings; state files of state-9). A build (the first as medkb
// build runs it, with the saved state) must ignore those files,
// never read their records in the new format: it renders every body anew,
// gives what a build without a cache gives, and rewrites the caches, which
// the next build then takes every body from.
func TestCacheOfHexKeysIsIgnored(t *testing.T) {
	fresh, freshRes := buildMem(t, New(Options{Source: writeSite(t, baseSite), Now: fixedNow}))

	src := writeSite(t, baseSite)
	cache := filepath.Join(src, ".medkb", "cache")
	if err := os.MkdirAll(cache, 0o755); err != nil {
		t.Fatal(err)
	}
	old, err := os.ReadDir(filepath.Join("testdata", "cache-hexkeys"))
	if err != nil || len(old) == 0 {
		t.Fatalf("the old cache: %v, %d files", err, len(old))
	}
	for _, e := range old {
		data, err := os.ReadFile(filepath.Join("testdata", "cache-hexkeys", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(cache, e.Name()), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for i, want := range []struct{ rendered, cached int }{{freshRes.Rendered, 0}, {0, freshRes.Rendered}} {
		var got map[string][]byte
		var res *Result
		if i == 0 { // as medkb build does, reading the saved state
			dest := filepath.Join(t.TempDir(), "public")
			var patched bool
			if res, patched, err = cliBuild(t, src, dest); err != nil || patched {
				t.Fatalf("build after the old cache: %v, patched %v; want a full build", err, patched)
			}
			got = readTree(t, dest)
		} else {
			got, res = buildMem(t, New(Options{Source: src, Now: fixedNow, CacheDir: cache}))
		}
		if res.Rendered != want.rendered || res.Cached != want.cached {
			t.Errorf("build %d after the old cache: rendered %d bodies, %d from the cache; want %d and %d", i+1, res.Rendered, res.Cached, want.rendered, want.cached)
		}
		delete(got, publish.Marker) // medkb build's, in its destination
		if len(got) != len(fresh) {
			t.Errorf("build %d after the old cache: %d files; a build without a cache %d", i+1, len(got), len(fresh))
		}
		for name, data := range fresh {
			if !bytes.Equal(got[name], data) {
				t.Errorf("build %d after the old cache: %s differs from a build without a cache", i+1, name)
			}
		}
	}
	if freshRes.Rendered == 0 {
		t.Fatal("the site renders no body")
	}
}
