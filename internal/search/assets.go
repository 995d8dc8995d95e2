package search

import (
	"bytes"
	"embed"
	"io/fs"
	"slices"
	"sort"
	"sync"
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
		data, err := assetFiles.ReadFile(path)
		if err != nil {
			return err
		}
		out = append(out, File{Path: path[len("assets/"):], Data: data})
		return nil
	})
	if err != nil {
		panic(err) // embedded files are always readable
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

const moduleAsset = "assets/search.js"

// inlineNone is the line of search.js that Module replaces: the source's
// module carries no manifest and fetches manifest.json.
var inlineNone = []byte("const INLINE_MANIFEST = null;")

// moduleHalves is search.js before and after the inlineNone line.
var moduleHalves = sync.OnceValues(func() ([]byte, []byte) {
	data, err := assetFiles.ReadFile(moduleAsset)
	if err != nil || bytes.Count(data, inlineNone) != 1 {
		panic("search: assets/search.js must hold the line " + string(inlineNone) + " once")
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
	return slices.Concat(before, []byte("const INLINE_MANIFEST = "), manifest, []byte(";"), after)
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
