package site

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/publish"
	"github.com/medkb/medkb/themes"
)

// TestBodyEditThatStopsBeforeTheChecksSaysSo: the dev server's fast
// rebuild of a body edit (rebuildBodies) that stops before its check step
// says so in Result.NotChecked, in the same words as a full build stopped
// by the same error; one that stops after the checks ran does not. Here
// the site's own article layout shows a page's second heading, and fails
// on a page with exactly one: an edit that adds one heading to COPD
// stops the rebuild at its "pages" step, before "check".
func TestBodyEditThatStopsBeforeTheChecksSaysSo(t *testing.T) {
	layout, err := fs.ReadFile(themes.Default(), "layouts/page.html")
	if err != nil {
		t.Fatal(err)
	}
	const second = `{{ define "main" }}{{ with .Page.TOC }}{{ $second := index . 1 }}{{ end }}`
	if !strings.HasPrefix(string(layout), `{{ define "main" }}`) {
		t.Fatalf("the default theme's page.html does not start by defining main: %.40q", layout)
	}
	dir := writeSite(t, baseSite)
	if err := os.MkdirAll(filepath.Join(dir, "layouts"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "layouts/page.html"), []byte(second+strings.TrimPrefix(string(layout), `{{ define "main" }}`)), 0o644); err != nil {
		t.Fatal(err)
	}
	b := New(Options{Source: dir, Now: fixedNow, Serve: true})
	ctx := context.Background()
	if _, _, err := b.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	copd := filepath.Join(dir, "content/conditions/copd.md")
	src, err := os.ReadFile(copd)
	if err != nil {
		t.Fatal(err)
	}
	edit := func(body string) (*Result, error) {
		t.Helper()
		if err := os.WriteFile(copd, append(src[:len(src):len(src)], body...), 0o644); err != nil {
			t.Fatal(err)
		}
		_, res, err := b.Rebuild(ctx, []string{"content/conditions/copd.md"})
		if res == nil {
			t.Fatalf("Rebuild returned no Result (err %v)", err)
		}
		return res, err
	}

	res, err := edit("\n## Causes\n\nSmoking.\n")
	if err == nil {
		t.Fatal("the layout's error did not stop the rebuild")
	}
	if got := phaseNames(res); got != "markdown,pages" {
		t.Fatalf("phases %s; want the fast path stopped at pages", got)
	}
	// A full build of the same files stops at the same error and says so.
	full, err := New(Options{Source: dir, Now: fixedNow, Serve: true}).Build(ctx, publish.NewMem())
	if err == nil || full.NotChecked == "" {
		t.Fatalf("a full build of the broken page: err %v, NotChecked %q; want both", err, full.NotChecked)
	}
	if res.NotChecked != full.NotChecked {
		t.Errorf("fast rebuild's NotChecked = %q\nwant the full build's %q", res.NotChecked, full.NotChecked)
	}
	if !strings.Contains(res.NotChecked, "layouts/page.html:1:") {
		t.Errorf("NotChecked = %q; want it to name the error's place", res.NotChecked)
	}

	// An error the checks report comes after them: nothing to say.
	res, err = edit("\nSee [@missing].\n")
	if err == nil || !strings.Contains(phaseNames(res), "check") {
		t.Fatalf("unknown citation: err %v, phases %s; want an error after the checks", err, phaseNames(res))
	}
	if res.NotChecked != "" {
		t.Errorf("the checks ran, yet NotChecked = %q", res.NotChecked)
	}
	// A good edit: the checks ran.
	res, err = edit("\nA new sentence.\n")
	if err != nil || res.NotChecked != "" || res.Rendered != 1 {
		t.Errorf("good edit: err %v, NotChecked %q, rendered %d; want the fast path to succeed", err, res.NotChecked, res.Rendered)
	}
}
