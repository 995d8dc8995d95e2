package site_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/diag"
)

// A named pipe anywhere the build reads blocked it forever in open(2), and
// static/ was published whole: .env, .git/, editor backups and OS files
// went online. Both are skipped now, each with a warning naming the file.
func TestSpecialAndIgnoredFilesAreSkippedWithWarnings(t *testing.T) {
	junk := []string{"static/.env", "static/.git/config", "static/css/site.css~", "static/#notes.txt#",
		"static/.DS_Store", "static/images/Thumbs.db", "static/desktop.ini", "static/css/.site.css.swp", "static/logo.psd"}
	overlay := map[string]string{
		"medkb.yaml":           config(t, "ignore: ['*.psd']\n"),
		"static/css/extra.css": "p{}",
	}
	for _, j := range junk {
		overlay[j] = "SECRET=1"
	}
	dir := newSite(t, overlay)
	pipes := []string{"content/conditions/pipe.md", "static/pipe.css", "data/pipe.yaml", "i18n/en.yaml", "layouts/page.html"}
	for _, p := range pipes {
		full := filepath.Join(dir, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := makeFifo(full); err != nil {
			t.Fatal(err)
		}
	}
	files, res, err := buildMem(t, dir)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	if _, ok := files["css/extra.css"]; !ok {
		t.Error("css/extra.css was not published")
	}
	for out, data := range files {
		if strings.Contains(string(data), "SECRET=1") {
			t.Errorf("%s published an ignored file", out)
		}
	}
	warned := map[string]string{}
	for _, d := range res.Diagnostics {
		if d.Severity == diag.Warning {
			warned[d.File] = d.Message
		}
	}
	for _, p := range append(pipes, "static/.env", "static/.git", "static/css/site.css~", "static/#notes.txt#",
		"static/.DS_Store", "static/images/Thumbs.db", "static/desktop.ini", "static/css/.site.css.swp", "static/logo.psd") {
		if warned[p] == "" {
			t.Errorf("no warning names %s", p)
		}
	}
	if m := warned["static/pipe.css"]; !strings.Contains(m, "named pipe") {
		t.Errorf("static/pipe.css warning = %q", m)
	}
}
