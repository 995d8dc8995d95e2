package site

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func phaseNames(r *Result) string {
	var names []string
	for _, p := range r.Phases {
		names = append(names, p.Name)
	}
	return strings.Join(names, ",")
}

// TestRebuildOfABodyEditTouchesOnlyWhatListsIt counts the work of an
// incremental rebuild, as Hugo's rebuild tests do.
func TestRebuildOfABodyEditTouchesOnlyWhatListsIt(t *testing.T) {
	dir := writeSite(t, baseSite)
	b := New(Options{Source: dir, Now: fixedNow})
	ctx := context.Background()
	first, res, err := b.Rebuild(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(phaseNames(res), "config,") {
		t.Fatalf("first rebuild was not a full build: %s", phaseNames(res))
	}
	before := first.Files()

	p := filepath.Join(dir, "content/conditions/copd.md")
	src, _ := os.ReadFile(p)
	os.WriteFile(p, append(src, []byte("\nAn edited sentence about spirometry.\n")...), 0o644)
	mem, res, err := b.Rebuild(ctx, []string{"content/conditions/copd.md"})
	if err != nil {
		t.Fatal(err)
	}
	if got := phaseNames(res); got != "markdown,pages,feeds,search,check,total" {
		t.Errorf("a body edit ran phases %s; want the incremental path", got)
	}
	if res.Rendered != 1 {
		t.Errorf("rendered %d Markdown bodies; want 1", res.Rendered)
	}
	after := mem.Files()
	mustContain(t, after, "conditions/copd/index.html", "An edited sentence about spirometry.")
	mustContain(t, after, "atom.xml", "An edited sentence about spirometry.")
	if string(before["conditions/asthma/index.html"]) != string(after["conditions/asthma/index.html"]) {
		t.Error("an untouched page changed")
	}
	if string(before["search/manifest.json"]) == string(after["search/manifest.json"]) {
		t.Error("the search index was not updated")
	}
	if string(first.Files()["conditions/copd/index.html"]) == string(after["conditions/copd/index.html"]) {
		t.Error("the previous output was modified in place; the dev server must keep serving it during a rebuild")
	}

	// A broken citation in the body is reported and the next good save recovers.
	os.WriteFile(p, append(src, []byte("\nSee [@missing].\n")...), 0o644)
	if _, _, err := b.Rebuild(ctx, []string{"content/conditions/copd.md"}); err == nil || !strings.Contains(err.Error(), "content/conditions/copd.md:") {
		t.Errorf("unknown citation in a rebuild: err = %v", err)
	}
	os.WriteFile(p, src, 0o644)
	if _, _, err := b.Rebuild(ctx, []string{"content/conditions/copd.md"}); err != nil {
		t.Errorf("rebuild after the fix: %v", err)
	}

	// A front matter edit changes the structure: full build.
	os.WriteFile(p, []byte(strings.Replace(string(src), `title: "COPD"`, `title: "COPD (lung disease)"`, 1)), 0o644)
	mem, res, err = b.Rebuild(ctx, []string{"content/conditions/copd.md"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(phaseNames(res), "config,") {
		t.Errorf("a title change took the incremental path: %s", phaseNames(res))
	}
	mustContain(t, mem.Files(), "conditions/index.html", "COPD (lung disease)")
}

// TestDeferredSearchMatchesTheInlineIndex: the dev server builds the search
// index of an incremental rebuild after the reload; what it builds must be
// byte for byte what a rebuild that waits would have written.
func TestDeferredSearchMatchesTheInlineIndex(t *testing.T) {
	dir := writeSite(t, baseSite)
	ctx := context.Background()
	inline := New(Options{Source: dir, Now: fixedNow})
	deferred := New(Options{Source: dir, Now: fixedNow, DeferSearch: true})
	inline.Rebuild(ctx, nil)
	deferred.Rebuild(ctx, nil)
	p := filepath.Join(dir, "content/conditions/asthma.md")
	src, _ := os.ReadFile(p)
	os.WriteFile(p, append(src, []byte("\nBronchiectasis is mentioned here.\n")...), 0o644)
	want, _, err := inline.Rebuild(ctx, []string{"content/conditions/asthma.md"})
	if err != nil {
		t.Fatal(err)
	}
	_, res, err := deferred.Rebuild(ctx, []string{"content/conditions/asthma.md"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.PendingSearch) != 1 || res.PendingSearch[0].Dir != "search/" {
		t.Fatalf("pending search = %+v", res.PendingSearch)
	}
	got, err := res.PendingSearch[0].Build()
	if err != nil {
		t.Fatal(err)
	}
	wantFiles := want.Files()
	for name, data := range got {
		if string(wantFiles[name]) != string(data) {
			t.Errorf("deferred %s differs from the inline index", name)
		}
	}
	if string(got["search/manifest.json"]) == "" {
		t.Error("deferred index has no manifest")
	}
}

func TestRebuildChecksLinksOfTheEditedPage(t *testing.T) {
	dir := writeSite(t, baseSite)
	b := New(Options{Source: dir, Now: fixedNow, DeferSearch: true})
	ctx := context.Background()
	if _, _, err := b.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "content/conditions/copd.md")
	src, _ := os.ReadFile(p)
	// Links that resolve (relative, without a trailing slash) stay quiet;
	// a broken one and a missing anchor are reported at their lines.
	edit := "\n[Asthma](../asthma/) and [again](/conditions/asthma) and [about](/about/#nothing-here) and [gone](/conditions/gone/).\n"
	os.WriteFile(p, append(src, []byte(edit)...), 0o644)
	_, res, err := b.Rebuild(ctx, []string{"content/conditions/copd.md"})
	if err == nil {
		t.Fatal("a broken link passed the incremental check")
	}
	var msgs []string
	for _, d := range res.Diagnostics.Errors() {
		msgs = append(msgs, d.Check+": "+d.Message)
	}
	got := strings.Join(msgs, "\n")
	if !strings.Contains(got, "/conditions/gone/") || !strings.Contains(got, "nothing-here") || strings.Contains(got, "/conditions/asthma") {
		t.Errorf("incremental link check reported:\n%s", got)
	}
}
