package search

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"sync"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/js"
)

//go:embed assets/search.js assets/search-ui.js
var assetFiles embed.FS

// Assets returns the browser files a site publishes once, under /search/:
// "search-ui.js" (the default theme's UI controller). The search module,
// search.js, is not among them: a site publishes a copy beside each index's
// manifest, with the manifest written in (see Module). Each call returns
// fresh copies.
func Assets() []File {
	var out []File
	err := fs.WalkDir(assetFiles, "assets", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path == moduleAsset {
			return err
		}
		data, err := minifiedAsset(path)
		if err != nil {
			return err
		}
		out = append(out, File{Path: path[len("assets/"):], Data: slices.Clone(data)})
		return nil
	})
	if err != nil {
		panic(err) // embedded files are always readable
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

const moduleAsset = "assets/search.js"

// minifiedAsset returns the embedded file at path as a site publishes
// it: minified (tdewolff/minify, the minifier Hugo's --minify uses), made
// once. Local names shrink and comments and blank space go; top-level
// names and exports stay. search.js's code is 18.3 KiB gzip as written,
// 8.3 minified; search-ui.js, which every page loads, 6.0 and 3.5. The
// tests run the published module (parity_test.go: every parity query
// answered alike by it and the Go engine) and the UI in Chromium
// (internal/e2e); the source stays readable in the repository.
func minifiedAsset(path string) ([]byte, error) {
	minified.once.Do(func() {
		m := minify.New()
		minifier := &js.Minifier{}
		minified.files = map[string][]byte{}
		minified.err = fs.WalkDir(assetFiles, "assets", func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			src, err := assetFiles.ReadFile(path)
			if err != nil {
				return err
			}
			var out bytes.Buffer
			if err := minifier.Minify(m, &out, bytes.NewReader(src), nil); err != nil {
				return fmt.Errorf("search: minifying %s: %w", path, err)
			}
			minified.files[path] = out.Bytes()
			return nil
		})
	})
	return minified.files[path], minified.err
}

var minified struct {
	once  sync.Once
	files map[string][]byte
	err   error
}

// inlineNone is what Module replaces in the minified search.js: the
// source's module carries no manifest (const INLINE_MANIFEST = null) and
// fetches manifest.json.
var inlineNone = []byte("INLINE_MANIFEST=null")

// moduleHalves is the minified search.js before and after inlineNone.
var moduleHalves = sync.OnceValues(func() ([]byte, []byte) {
	data, err := minifiedAsset(moduleAsset)
	if err != nil || bytes.Count(data, inlineNone) != 1 {
		panic(fmt.Sprintf("search: minified assets/search.js must hold %s once (%v)", inlineNone, err))
	}
	before, after, _ := bytes.Cut(data, inlineNone)
	return before, after
})

// Module returns search.js as a site publishes it beside an index whose
// manifest.json holds manifest: the manifest written in as INLINE_MANIFEST,
// which a query on this index reads instead of fetching manifest.json. A
// first query from the module then waits for one round of requests (its
// postings), not two; the search box imports the module when a reader
// taps it (search-ui.js), so a page nobody searches from loads neither.
// manifest is JSON with "<", ">" and "&" escaped, so it is a JavaScript
// expression that cannot end the script it sits in.
func Module(manifest []byte) []byte {
	before, after := moduleHalves()
	return slices.Concat(before, []byte("INLINE_MANIFEST="), manifest, after)
}

// ModuleBeside returns the file a site publishes beside the index file f,
// in the same folder: search.js with the manifest written in when f is
// manifest.json (full builds and deltas alike: the module changes with its
// manifest); false for any other file.
func ModuleBeside(f File) (File, bool) {
	if f.Path != "manifest.json" {
		return File{}, false
	}
	return File{Path: "search.js", Data: Module(f.Data)}, true
}
