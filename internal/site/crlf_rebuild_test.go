package site

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/publish"
)

// TestRebuildOfACRLFBodyEditIsABodyEdit: an article saved with a byte
// order mark, a blank line above its front matter and CRLF line ends (as
// editors on Windows write it) takes serve's incremental path for a body
// edit, as an LF file does, and the rebuild says and serves what a full
// build would, body line numbers included; an edit to its front matter
// is still a full build.
func TestRebuildOfACRLFBodyEditIsABodyEdit(t *testing.T) {
	dir := writeSite(t, baseSite)
	rel := "content/conditions/asthma.md"
	p := filepath.Join(dir, filepath.FromSlash(rel))
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	crlf := func(s string) []byte { return []byte("\xef\xbb\xbf\r\n" + strings.ReplaceAll(s, "\n", "\r\n")) }
	if err := os.WriteFile(p, crlf(string(src)), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := Options{Source: dir, Now: fixedNow, Serve: true}
	b := New(opts)
	ctx := context.Background()
	if _, _, err := b.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, crlf(string(src)+"\nA new paragraph about inhalers.\n\n#### Too deep\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mem, res, err := b.Rebuild(ctx, []string{rel})
	if err != nil {
		t.Fatal(err)
	}
	if got := phaseNames(res); res.Rendered != 1 || !strings.HasPrefix(got, "markdown,") {
		t.Fatalf("a body edit of a CRLF file rendered %d bodies in phases %s; want the incremental path", res.Rendered, got)
	}
	want := publish.NewMem()
	full, err := New(opts).Build(ctx, want)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := says(res.Diagnostics), says(full.Diagnostics); !slices.Equal(got, want) || !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, rel+":") }) {
		t.Errorf("the rebuild says\n%s\na full build says\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	page := "conditions/asthma/index.html"
	if g := mem.Files()[page]; !bytes.Contains(g, []byte("A new paragraph about inhalers.")) || !bytes.Equal(g, want.Files()[page]) {
		t.Errorf("%s after the rebuild is not the full build's", page)
	}

	if err := os.WriteFile(p, crlf(strings.Replace(string(src), "title: ", "title: Edited ", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, res, err = b.Rebuild(ctx, []string{rel}); err != nil {
		t.Fatal(err)
	}
	if got := phaseNames(res); !strings.HasPrefix(got, "config,") {
		t.Errorf("a title edit of a CRLF file took the incremental path: %s", got)
	}
}
