package cli

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/hostconfig"
	"github.com/medkb/medkb/internal/mediatype"
)

// Every kind of file medkb writes is served by `medkb serve` with the
// Content-Type that `medkb deploy` sets and the host configs declare
// (hostconfig.ContentType), one fixed on every machine (package
// mediatype): pages, feeds and their stylesheet, feed.json, the search
// index, the sitemap, robots.txt, social cards, resized photos, the
// theme's files, and static files of each kind a site ships.
func TestServeSendsEachFileTheTypeDeploySets(t *testing.T) {
	var photo bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 1000, 600)) // wider than 480: resized copies
	for x := range 1000 {
		img.Set(x, x%600, color.RGBA{200, 40, 40, 255})
	}
	if err := jpeg.Encode(&photo, img, nil); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{"static/images/ward.jpg": photo.String()}
	// Static files of each other kind a site ships, copied as they are.
	for _, name := range []string{"docs/leaflet.pdf", "fonts/body.woff2", "fonts/body.woff", "js/extra.mjs", "js/extra.js.map",
		"site.webmanifest", "favicon.ico", "images/a.gif", "images/a.webp", "images/a.avif", "images/a.jpeg",
		"old/page.htm", "search.wasm", "data/table.csv"} {
		files["static/"+name] = "x"
	}
	site := newSite(t, files)
	example := filepath.Join(site, "content/conditions/example.md")
	text, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, site, map[string]string{"content/conditions/example.md": string(text) + "\n![A hospital ward with six beds](/images/ward.jpg)\n"})
	dest := filepath.Join(filepath.Dir(site), "out")
	if code, out, errOut := run(t, site, "build", "--destination", dest); code != ExitOK {
		t.Fatalf("build: exit %d\n%s%s", code, out, errOut)
	}
	var written []string
	if err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dest, p)
			written = append(written, filepath.ToSlash(rel))
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}

	url, _ := startServe(t, site)
	kinds := map[string]bool{}
	for _, rel := range written {
		resp, err := http.Get(url + rel)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		base := path.Base(rel)
		// The host configs and the folder's marker: files for the
		// host, not the readers, with no type of their own.
		forHost := slices.Contains([]string{"_headers", "_redirects", ".htaccess", ".medkb-output"}, base)
		if resp.StatusCode != http.StatusOK {
			if !forHost {
				t.Errorf("medkb serve answered %d for %s, which medkb build wrote", resp.StatusCode, rel)
			}
			continue
		}
		got, want := resp.Header.Get("Content-Type"), hostconfig.ContentType(rel)
		if got != want {
			t.Errorf("%s: medkb serve sends Content-Type %q, deploy and the host configs %q", rel, got, want)
		}
		if !forHost && !mediatype.Fixed(rel) && !strings.HasSuffix(rel, ".csv") { // the one kind medkb does not know
			t.Errorf("%s: its type %q is the machine's (mime.types), not one fixed by medkb", rel, want)
		}
		kind := path.Ext(base)
		if base == "feed.json" {
			kind = base
		}
		kinds[kind] = true
	}
	for _, k := range []string{".html", ".htm", ".xml", ".xsl", "feed.json", ".json", ".css", ".js", ".mjs", ".map", ".txt", ".svg", ".png",
		".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".woff", ".woff2", ".pdf", ".webmanifest", ".wasm", ".csv"} {
		if !kinds[k] {
			t.Errorf("no %s file was built and served; the test means to compare one", k)
		}
	}
}
