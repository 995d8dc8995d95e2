package search

import (
	"bytes"
	"testing"
)

// The scripts a site publishes are minified: each well under the source
// in the repository (search.js 57 KB → 23 KB, search-ui.js 19 → 10 when
// this was written), the module holding its manifest once. That they
// still work is the parity test's (every query answered alike by the
// published module and the Go engine) and the browser tests'.
func TestPublishedScriptsAreMinified(t *testing.T) {
	t.Parallel()
	smaller := func(name string, published int) {
		t.Helper()
		src, err := assetFiles.ReadFile("assets/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if published*3 > len(src)*2 {
			t.Errorf("%s is published in %d bytes, its source has %d: not minified", name, published, len(src))
		}
	}
	var ui []byte
	for _, f := range Assets() {
		if f.Path == "search-ui.js" {
			ui = f.Data
		}
	}
	if ui == nil {
		t.Fatal("Assets() has no search-ui.js")
	}
	smaller("search-ui.js", len(ui))
	manifest := []byte(`{"version":5,"lang":"en","note":"\u003cscript\u003e"}`)
	module := Module(manifest)
	if bytes.Count(module, manifest) != 1 || !bytes.Contains(module, []byte("INLINE_MANIFEST="+string(manifest))) {
		t.Fatalf("the module does not hold its manifest once as INLINE_MANIFEST:\n%.300s", module)
	}
	smaller("search.js", len(module)-len(manifest))
}
