package site

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/publish"
	"github.com/medkb/medkb/themes"
)

// secondHeadingLayout gives the site in dir an article layout that shows
// a page's second heading, and fails on a page with exactly one: the
// default theme's page.html with one action more.
func secondHeadingLayout(t *testing.T, dir string) {
	t.Helper()
	layout, err := fs.ReadFile(themes.Default(), "layouts/page.html")
	if err != nil {
		t.Fatal(err)
	}
	const main = `{{ define "main" }}`
	if !strings.HasPrefix(string(layout), main) {
		t.Fatalf("the default theme's page.html does not start by defining main: %.40q", layout)
	}
	second := main + `{{ with .Page.TOC }}{{ $second := index . 1 }}{{ end }}` + strings.TrimPrefix(string(layout), main)
	if err := os.MkdirAll(filepath.Join(dir, "layouts"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "layouts/page.html"), []byte(second), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBodyEditThatStopsBeforeTheChecksSaysSo: the dev server's fast
// rebuild of a body edit (rebuildBodies) that stops before its check step
// says so in Result.NotChecked, in the same words as a full build stopped
// by the same error; one that stops after the checks ran does not. Here
// the site's own article layout shows a page's second heading, and fails
// on a page with exactly one: an edit that adds one heading to COPD
// stops the rebuild at its "pages" step, before "check".
func TestBodyEditThatStopsBeforeTheChecksSaysSo(t *testing.T) {
	dir := writeSite(t, baseSite)
	secondHeadingLayout(t, dir)
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

// TestPatchThatStopsBeforeTheChecksSaysSo: medkb build's patch of a body
// edit (Builder.Patch) stopped by an error before its checks reports the
// error and says that the checks did not run, as the full build of the
// same files does; before, its Result held neither, and medkb build
// printed "Build failed" alone.
func TestPatchThatStopsBeforeTheChecksSaysSo(t *testing.T) {
	src := writeSite(t, baseSite)
	secondHeadingLayout(t, src)
	dest := filepath.Join(t.TempDir(), "public")
	if _, _, err := cliBuild(t, src, dest); err != nil {
		t.Fatal(err)
	}
	editBody(t, src, "content/conditions/copd.md", "## Causes\n\nSmoking.")
	res, patched, err := cliBuild(t, src, dest)
	if err == nil || !patched {
		t.Fatalf("patched %v, err %v; want a failed patch", patched, err)
	}
	full, ferr := New(Options{Source: src, Now: fixedNow}).Build(context.Background(), publish.NewMem())
	if ferr == nil || full.NotChecked == "" {
		t.Fatalf("a full build of the broken page: err %v, NotChecked %q; want both", ferr, full.NotChecked)
	}
	if got, want := says(res.Diagnostics.Errors()), says(full.Diagnostics.Errors()); !slices.Equal(got, want) {
		t.Errorf("the patch's errors = %q\nwant the full build's %q", got, want)
	}
	if res.NotChecked != full.NotChecked {
		t.Errorf("the patch's NotChecked = %q\nwant the full build's %q", res.NotChecked, full.NotChecked)
	}
	// A patch the checks fail (here an identifier) ran them: nothing to say.
	editBody(t, src, "content/conditions/copd.md", "## More\n\nCall the patient on 07700 900123.")
	res, patched, err = cliBuild(t, src, dest)
	if err == nil || !patched || len(res.Diagnostics.Errors()) == 0 {
		t.Fatalf("patched %v, err %v, errors %v; want a patch the checks fail", patched, err, res.Diagnostics.Errors())
	}
	if res.NotChecked != "" {
		t.Errorf("the checks ran, yet NotChecked = %q", res.NotChecked)
	}
}
