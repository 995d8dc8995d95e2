package site

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/publish"
)

// mdLinkSite is baseSite with COPD linking asthma by its Markdown file,
// as a writer previewing in an editor writes it.
func mdLinkSite(t *testing.T) string {
	t.Helper()
	site := strings.Replace(baseSite, "[asthma](/conditions/asthma/#symptoms)", "[asthma](asthma.md#symptoms)", 1)
	if site == baseSite {
		t.Fatal("baseSite no longer has the link this test rewrites")
	}
	return writeSite(t, site)
}

// A link to another page's Markdown file leads to that page's URL, with
// its fragment; the checks see that URL, so the build passes, and its
// anchor is checked on the target.
func TestLinkToAMarkdownFileLeadsToItsPage(t *testing.T) {
	t.Parallel()
	dir := mdLinkSite(t)
	files, res := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	mustContain(t, files, "conditions/copd/index.html", `<a href="/conditions/asthma/#symptoms">asthma</a>`)
	mustNotContain(t, files, "conditions/copd/index.html", `asthma.md`)
	if errs := res.Diagnostics.Errors(); len(errs) != 0 {
		t.Errorf("errors: %v", says(errs))
	}

	// A fragment the target lacks is an anchor error at the link's line,
	// quoting the link as written and where it leads.
	p := filepath.Join(dir, "content/conditions/copd.md")
	src, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(src), "asthma.md#symptoms", "asthma.md#causes", 1)), 0o644)
	got := strings.Join(says(buildErr(t, dir)), "\n")
	if !strings.Contains(got, `content/conditions/copd.md:13: error: link "asthma.md#causes" (to /conditions/asthma/#causes): no element with id "causes" on /conditions/asthma/`) {
		t.Errorf("a missing anchor behind a Markdown file link: got\n%s", got)
	}

	// The same when COPD's body comes from the on-disk cache (only the
	// target changed: its heading went), so the link as written is kept
	// in the cache entry.
	dir = mdLinkSite(t)
	opts := Options{Source: dir, Now: fixedNow, CacheDir: filepath.Join(dir, ".medkb", "cache")}
	if _, err := New(opts).Build(context.Background(), publish.NewMem()); err != nil {
		t.Fatal(err)
	}
	p = filepath.Join(dir, "content/conditions/asthma.md")
	src, _ = os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(src), "## Symptoms", "## Signs", 1)), 0o644)
	res, err := New(opts).Build(context.Background(), publish.NewMem())
	if err == nil {
		t.Fatal("build succeeded; want the anchor error")
	}
	got = strings.Join(says(res.Diagnostics.Errors()), "\n")
	if !strings.Contains(got, `content/conditions/copd.md:13: error: link "asthma.md#symptoms" (to /conditions/asthma/#symptoms): no element with id "symptoms" on /conditions/asthma/`) {
		t.Errorf("a missing anchor behind a cached Markdown file link: got\n%s", got)
	}
}

// draftLinkSite is mdLinkSite with a draft, content/conditions/croup.md,
// and a line 15 in copd.md linking it as croup.md, then more.
func draftLinkSite(t *testing.T, more string) string {
	t.Helper()
	dir := mdLinkSite(t)
	p := filepath.Join(dir, "content/conditions/copd.md")
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, append(src, "\nSee [croup](croup.md)"+more+".\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content/conditions/croup.md"), []byte("---\ntitle: \"Croup\"\nsummary: \"Croup.\"\ndraft: true\n---\nA cough.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// A link to a Markdown file that makes no page stays as written and is
// a broken link whose hint names the file looked for; a draft's is the
// draft-link error naming the draft.
func TestLinkToAMarkdownFileThatMakesNoPageNamesTheFile(t *testing.T) {
	t.Parallel()
	dir := draftLinkSite(t, " and [inhalers](/treatments/inhalers.md#spacers)")
	errs := buildErr(t, dir)
	got := strings.Join(says(errs), "\n")
	for _, want := range []string{
		`content/conditions/copd.md:15: error: link "croup.md" (to /conditions/croup/) points to draft page content/conditions/croup.md [draft-link]`,
		`content/conditions/copd.md:15: error: broken link "/treatments/inhalers.md#spacers": nothing is published at /treatments/inhalers.md [link]`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	var hint string
	for _, d := range errs {
		if d.Check == "link" {
			hint = d.Hint
		}
	}
	if !strings.Contains(hint, "content/treatments/inhalers.md does not exist, or makes no page") {
		t.Errorf("hint %q does not name the file looked for", hint)
	}
}

// TestDraftLinkIsAWarningWhileDraftsAreBuilt: a build with drafts
// (--drafts, serve) publishes the draft, so a published page's link to
// it works there: a warning saying it is an error without drafts, and
// the build succeeds with the link leading to the draft's page. The
// build without drafts stops on it (the test above).
func TestDraftLinkIsAWarningWhileDraftsAreBuilt(t *testing.T) {
	t.Parallel()
	dir := draftLinkSite(t, "")
	files := publish.NewMem()
	res, err := New(Options{Source: dir, Now: fixedNow, Drafts: true}).Build(context.Background(), files)
	if err != nil {
		t.Fatalf("the build with drafts stopped: %v\n%s", err, strings.Join(says(res.Diagnostics.Errors()), "\n"))
	}
	want := `content/conditions/copd.md:15: warning: link "croup.md" (to /conditions/croup/) points to draft page content/conditions/croup.md: it works while drafts are built, and is an error in a build without them [draft-link]`
	if got := strings.Join(says(res.Diagnostics), "\n"); !strings.Contains(got, want) {
		t.Errorf("missing %q in\n%s", want, got)
	}
	mustContain(t, files.Files(), "conditions/copd/index.html", `href="/conditions/croup/"`)
}

// A link to a Markdown file is part of the rendered body's cache key:
// when the target page moves (a new slug), a rebuild leads the link to
// its new URL, and a build from the on-disk cache does too.
func TestRebuildLeadsAMarkdownFileLinkToTheMovedPage(t *testing.T) {
	t.Parallel()
	dir := mdLinkSite(t)
	ctx := context.Background()
	b := New(Options{Source: dir, Now: fixedNow})
	first, _, err := b.Rebuild(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, first.Files(), "conditions/copd/index.html", `href="/conditions/asthma/#symptoms"`)

	p := filepath.Join(dir, "content/conditions/asthma.md")
	src, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(src), "title: \"Asthma\"\n", "title: \"Asthma\"\nslug: asthma-in-adults\n", 1)), 0o644)
	mem, res, err := b.Rebuild(ctx, []string{"content/conditions/asthma.md"})
	if err != nil {
		t.Fatalf("rebuild: %v: %v", err, says(res.Diagnostics))
	}
	mustContain(t, mem.Files(), "conditions/copd/index.html", `href="/conditions/asthma-in-adults/#symptoms"`)
	mustNotContain(t, mem.Files(), "conditions/copd/index.html", `href="/conditions/asthma/#symptoms"`)
	// Only the bodies whose inputs changed are rendered again: asthma's
	// (its file) and COPD's (the page it links to moved).
	if res.Rendered != 2 {
		t.Errorf("rendered %d bodies; want 2 (asthma's and COPD's), the others from the cache", res.Rendered)
	}

	// The same through the on-disk cache, as medkb build runs: one
	// builder a build.
	dir = mdLinkSite(t)
	opts := Options{Source: dir, Now: fixedNow, CacheDir: filepath.Join(dir, ".medkb", "cache")}
	if _, err := New(opts).Build(ctx, publish.NewMem()); err != nil {
		t.Fatal(err)
	}
	p = filepath.Join(dir, "content/conditions/asthma.md")
	src, _ = os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(src), "title: \"Asthma\"\n", "title: \"Asthma\"\nslug: asthma-in-adults\n", 1)), 0o644)
	out := publish.NewMem()
	if _, err := New(opts).Build(ctx, out); err != nil {
		t.Fatal(err)
	}
	mustContain(t, out.Files(), "conditions/copd/index.html", `href="/conditions/asthma-in-adults/#symptoms"`)
}

// A raw HTML link to another page's Markdown file (markup.unsafe on)
// leads to that page as a Markdown link does, and is part of the body's
// cache key the same way: when the target moves, a rebuild and a build
// from the on-disk cache lead it to the new URL.
func TestRawHTMLLinkToAMarkdownFileLeadsToItsPage(t *testing.T) {
	t.Parallel()
	rawSite := func() string {
		site := strings.Replace(baseSite, "[asthma](/conditions/asthma/#symptoms)", `<a href="asthma.md#symptoms">asthma</a>`, 1)
		site = strings.Replace(site, "trust_pages: {about: /about/}\n", "trust_pages: {about: /about/}\nmarkup: {unsafe: true}\n", 1)
		if !strings.Contains(site, `<a href="asthma.md#symptoms">`) || !strings.Contains(site, "unsafe: true") {
			t.Fatal("baseSite no longer has what this test rewrites")
		}
		return writeSite(t, site)
	}
	moveAsthma := func(dir string) {
		p := filepath.Join(dir, "content/conditions/asthma.md")
		src, _ := os.ReadFile(p)
		os.WriteFile(p, []byte(strings.Replace(string(src), "title: \"Asthma\"\n", "title: \"Asthma\"\nslug: asthma-in-adults\n", 1)), 0o644)
	}
	dir := rawSite()
	ctx := context.Background()
	b := New(Options{Source: dir, Now: fixedNow})
	first, res, err := b.Rebuild(ctx, nil)
	if err != nil {
		t.Fatalf("build: %v: %v", err, says(res.Diagnostics))
	}
	mustContain(t, first.Files(), "conditions/copd/index.html", `<a href="/conditions/asthma/#symptoms">asthma</a>`)
	mustNotContain(t, first.Files(), "conditions/copd/index.html", `asthma.md`)
	moveAsthma(dir)
	mem, res, err := b.Rebuild(ctx, []string{"content/conditions/asthma.md"})
	if err != nil {
		t.Fatalf("rebuild: %v: %v", err, says(res.Diagnostics))
	}
	mustContain(t, mem.Files(), "conditions/copd/index.html", `href="/conditions/asthma-in-adults/#symptoms"`)

	dir = rawSite()
	opts := Options{Source: dir, Now: fixedNow, CacheDir: filepath.Join(dir, ".medkb", "cache")}
	if _, err := New(opts).Build(ctx, publish.NewMem()); err != nil {
		t.Fatal(err)
	}
	moveAsthma(dir)
	out := publish.NewMem()
	if _, err := New(opts).Build(ctx, out); err != nil {
		t.Fatal(err)
	}
	mustContain(t, out.Files(), "conditions/copd/index.html", `href="/conditions/asthma-in-adults/#symptoms"`)
}
