package search

import (
	"embed"
	"io/fs"
	"sort"
)

//go:embed assets/search.js assets/search-ui.js
var assetFiles embed.FS

// Assets returns the browser files to publish next to the index under
// Options.BasePath: "search.js" (the public ES module) and "search-ui.js"
// (the default theme's UI controller). Each call returns fresh copies.
func Assets() []File {
	var out []File
	err := fs.WalkDir(assetFiles, "assets", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
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
