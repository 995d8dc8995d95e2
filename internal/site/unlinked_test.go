package site

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/publish"
)

// unlinkedSite is baseSite with files in content/ that pages, the menu,
// a layout, a static page and medkb.yaml's publish_unlinked reach in each
// way there is, and files nothing reaches.
const unlinkedSite = `
-- medkb.yaml --
title: "Test Health"
base_url: "https://health.test/"
trust_pages: {about: /about/}
markup: {unsafe: true}
menu:
  - {name: "Leaflet", url: "/leaflets/menu.pdf"}
publish_unlinked: ["newsletters/*.pdf", "annual-report.pdf", "nothing-matches/*.doc"]
-- layouts/_partials/footer.html --
{{ partialCached "footer-site" . -}}
<p class="publisher">© {{ .Site.Publisher.Name }} · <a href="/leaflets/layout.pdf">Our leaflet</a></p>
</div>
</footer>
-- static/old/index.html --
<p>An old page: <a href="/leaflets/static.pdf">its leaflet</a>.</p>
-- static/images/chart.svg --
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="/leaflets/svg-image.png" width="10" height="10"/></svg>
-- static/js/app.mjs --
import { dose } from "/tools/dose.js";
export const shown = dose;
-- static/print.xsl --
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/"><a href="/leaflets/xsl.pdf">Leaflet</a></xsl:template></xsl:stylesheet>
-- content/conditions/linker.md --
---
title: "Linker"
summary: "A page that links to files in every way a page can."
date: 2025-03-04
image: /leaflets/card.png
---
[Rooted](/leaflets/rooted.pdf), [relative](../../leaflets/relative.pdf),
[own host](https://health.test/leaflets/absolute.pdf), [query and fragment](/leaflets/query.pdf?v=2#page=3),
[encoded](/leaflets/my%20leaflet.pdf).

![A diagram](/leaflets/diagram.svg)

<a href="/leaflets/raw.pdf">raw link</a> <img src="/leaflets/raw.svg" alt="raw image">
<img src="/leaflets/small.svg" srcset="/leaflets/small.svg 480w, /leaflets/large.svg 960w" alt="a picture">
-- content/conditions/heart/index.md --
---
title: "Heart"
summary: "A leaf bundle whose page shows one picture of its folder."
date: 2025-03-04
---
![The heart](heart.svg)
-- content/conditions/heart/heart.svg --
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>
-- content/conditions/heart/unused.svg --
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>
-- content/conditions/drafting.md --
---
title: "Drafting"
summary: "A draft that links to a leaflet it will publish."
date: 2025-03-04
draft: true
---
[Leaflet](/leaflets/draft.pdf)
-- content/conditions/gone.md --
---
title: "Gone"
summary: "A withdrawn page whose old body linked a leaflet."
date: 2025-03-04
withdrawn: {date: 2025-06-01, reason: "Replaced by newer advice."}
---
[Leaflet](/leaflets/withdrawn.pdf)
-- content/conditions/elsewhere.md --
---
title: "Elsewhere"
summary: "A page linking to the same path on another host."
date: 2025-03-04
---
[Theirs](https://other.example/leaflets/other-host.pdf)
`

// unlinkedFiles are the files of unlinkedSite's content/ folder besides
// its pages, and whether the unlinked-file check must report each.
var unlinkedFiles = []struct {
	file   string
	report bool
	why    string
}{
	{"content/leaflets/rooted.pdf", false, "a page links it from the site's root"},
	{"content/leaflets/relative.pdf", false, "a page links it by a relative path"},
	{"content/leaflets/absolute.pdf", false, "a page links it with the site's own host"},
	{"content/leaflets/query.pdf", false, "a page links it with a query and a fragment"},
	{"content/leaflets/my leaflet.pdf", false, "a page links it percent-encoded"},
	{"content/leaflets/diagram.svg", false, "a page shows it as a Markdown image"},
	{"content/leaflets/raw.pdf", false, "a page's raw HTML <a> links it"},
	{"content/leaflets/raw.svg", false, "a page's raw HTML <img> shows it"},
	{"content/leaflets/small.svg", false, "a page's raw HTML <img> with a srcset shows it"},
	{"content/leaflets/large.svg", false, "a page's srcset names it"},
	{"content/leaflets/card.png", false, "a page's front matter image: names it"},
	{"content/conditions/heart/heart.svg", false, "its bundle's page shows it"},
	{"content/leaflets/menu.pdf", false, "the menu links it"},
	{"content/leaflets/layout.pdf", false, "a layout links it"},
	{"content/leaflets/static.pdf", false, "a static page links it"},
	{"content/leaflets/svg-image.png", false, "a static SVG's <image href> shows it"},
	{"content/tools/dose.js", false, "a static module script (.mjs) imports it"},
	{"content/leaflets/xsl.pdf", false, "a static XSL stylesheet links it"},
	{"content/leaflets/draft.pdf", false, "a draft links it"},
	{"content/newsletters/june.pdf", false, "publish_unlinked keeps it by a pattern with a folder"},
	{"content/about/annual-report.pdf", false, "publish_unlinked keeps it by name"},
	{"content/CNAME", false, "hosts read it by name"},
	{"content/favicon.ico", false, "browsers ask for it by name"},
	{"content/google1234abcd.html", false, "a search engine's site verification"},
	{"content/conditions/notes.txt", true, "nothing links it"},
	{"content/conditions/heart/unused.svg", true, "its bundle's page does not show it"},
	{"content/leaflets/withdrawn.pdf", true, "only a withdrawn page, whose body is not published, linked it"},
	{"content/leaflets/other-host.pdf", true, "the only link is to another host"},
	{"content/conditions/CNAME", true, "a host reads CNAME at the root only"},
}

func TestUnlinkedFilesInContentAreReported(t *testing.T) {
	t.Parallel()
	dir := writeSite(t, baseSite+unlinkedSite)
	var card bytes.Buffer
	if err := png.Encode(&card, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	for _, f := range unlinkedFiles {
		p := filepath.Join(dir, filepath.FromSlash(f.file))
		os.MkdirAll(filepath.Dir(p), 0o755)
		data := []byte("a file\n")
		switch filepath.Ext(f.file) {
		case ".svg":
			data = []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>`)
		case ".png":
			data = card.Bytes()
		}
		if _, err := os.Stat(p); err != nil {
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	files, res := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	reported := map[string]diag.Diagnostic{}
	for _, d := range res.Diagnostics {
		if d.Check == "unlinked-file" {
			reported[d.File] = d
		}
	}
	for _, f := range unlinkedFiles {
		rel := strings.TrimPrefix(f.file, "content/")
		if _, ok := files[rel]; !ok {
			t.Errorf("%s is not published at %s; the test needs it to be", f.file, rel)
		}
		d, got := reported[f.file]
		switch {
		case got && !f.report:
			t.Errorf("%s is reported, but %s: %s", f.file, f.why, d.String())
		case !got && f.report:
			t.Errorf("%s is not reported, though %s", f.file, f.why)
		case got:
			if want := "published at /" + rel + ", but no page links to it"; !strings.Contains(d.Message, want) || d.Severity != diag.Warning ||
				!strings.Contains(d.Hint, "move it out of content/") || !strings.Contains(d.Hint, `publish_unlinked: ["`+rel+`"]`) {
				t.Errorf("%s: %s; want a warning saying %q, with a hint naming publish_unlinked", f.file, d.String(), want)
			}
		}
		delete(reported, f.file)
	}
	never, ok := reported["medkb.yaml"]
	if !ok || never.Line != 7 || !strings.Contains(never.Message, `"nothing-matches/*.doc" matches no file`) {
		t.Errorf("the publish_unlinked entry that matches nothing: %s; want a warning at medkb.yaml:7", never.String())
	}
	delete(reported, "medkb.yaml")
	for _, d := range reported {
		t.Errorf("also reported: %s", d.String())
	}
}

// medkb.yaml can turn the check off, or make it an error, as any other.
func TestUnlinkedFileCheckFollowsItsLevel(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		level string
		want  []string
	}{
		{"off", nil},
		{"error", []string{"content/conditions/notes.txt: error"}},
	} {
		dir := writeSite(t, baseSite+"-- content/conditions/notes.txt --\nRing Mrs Smith back.\n")
		cfg := filepath.Join(dir, "medkb.yaml")
		data, _ := os.ReadFile(cfg)
		os.WriteFile(cfg, append(data, []byte("check: {unlinked-file: "+c.level+"}\n")...), 0o644)
		res, _ := New(Options{Source: dir, Now: fixedNow}).Build(context.Background(), publish.NewMem())
		var got []string
		for _, d := range res.Diagnostics {
			if d.Check == "unlinked-file" {
				got = append(got, d.File+": "+string(d.Severity))
			}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("unlinked-file: %s: reported %q, want %q", c.level, got, c.want)
		}
	}
}

// The dev server's rebuild of a body edit says what a full build says of
// unlinked files: an edit that removes the only link to a file makes the
// warning, one that adds it back ends it.
func TestRebuildUpdatesUnlinkedFiles(t *testing.T) {
	t.Parallel()
	dir := writeSite(t, baseSite+"-- content/leaflets/asthma-plan.pdf --\nA plan.\n-- content/conditions/asthma-plan.txt --\nnotes\n")
	p := filepath.Join(dir, "content/conditions/asthma.md")
	orig, _ := os.ReadFile(p)
	write := func(extra string) {
		t.Helper()
		if err := os.WriteFile(p, append(append([]byte(nil), orig...), extra...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	unlinked := func(l diag.List) []string {
		var out []string
		for _, d := range l {
			if d.Check == "unlinked-file" {
				out = append(out, d.File)
			}
		}
		return out
	}
	write("\nYour [asthma plan](/leaflets/asthma-plan.pdf).\n")
	b := New(Options{Source: dir, Now: fixedNow})
	ctx := context.Background()
	_, res, err := b.Rebuild(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := unlinked(res.Diagnostics); !slices.Equal(got, []string{"content/conditions/asthma-plan.txt"}) {
		t.Fatalf("full build: unlinked %q", got)
	}
	for i, step := range []struct {
		extra string
		want  []string
	}{
		{"\nYour asthma plan.\n", []string{"content/conditions/asthma-plan.txt", "content/leaflets/asthma-plan.pdf"}},
		{"\nYour [asthma plan](../../leaflets/asthma-plan.pdf).\n", []string{"content/conditions/asthma-plan.txt"}},
		{"\nYour [asthma plan](../../leaflets/asthma-plan.pdf) and [notes](../asthma-plan.txt).\n", nil},
	} {
		write(step.extra)
		_, res, err := b.Rebuild(ctx, []string{"content/conditions/asthma.md"})
		if err != nil {
			t.Fatalf("edit %d: %v", i, err)
		}
		if res.Rendered != 1 {
			t.Fatalf("edit %d rendered %d bodies: not the incremental path", i, res.Rendered)
		}
		if got := unlinked(res.Diagnostics); !slices.Equal(got, step.want) {
			t.Errorf("edit %d: unlinked %q, want %q", i, got, step.want)
		}
		full, err := New(Options{Source: dir, Now: fixedNow}).Build(ctx, publish.NewMem())
		if err != nil {
			t.Fatal(err)
		}
		if got, want := unlinked(res.Diagnostics), unlinked(full.Diagnostics); !slices.Equal(got, want) {
			t.Errorf("edit %d: the rebuild says %q, a full build %q", i, got, want)
		}
	}
	// A file saved into content/ is a new file: the rebuild is a full
	// build, which reports it.
	if err := os.WriteFile(filepath.Join(dir, "content/conditions/scan.pdf"), []byte("A referral.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, res, err = b.Rebuild(ctx, []string{"content/conditions/scan.pdf"})
	if err != nil {
		t.Fatal(err)
	}
	if got := unlinked(res.Diagnostics); !slices.Equal(got, []string{"content/conditions/scan.pdf"}) {
		t.Errorf("after saving content/conditions/scan.pdf: unlinked %q", got)
	}
}

// A command-line patch of a body edit (medkb build after a build) says
// what a full build says of unlinked files.
func TestPatchUpdatesUnlinkedFiles(t *testing.T) {
	t.Parallel()
	src, arts := generatedSite(t, 12, 5)
	if err := os.MkdirAll(filepath.Join(src, "content", "leaflets"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "content", "leaflets", "plan.pdf"), []byte("A plan.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	res, _, err := cliBuild(t, src, dest)
	if err != nil {
		t.Fatal(err)
	}
	has := func(l diag.List) bool {
		for _, d := range l {
			if d.Check == "unlinked-file" && d.File == "content/leaflets/plan.pdf" {
				return true
			}
		}
		return false
	}
	if !has(res.Diagnostics) {
		t.Fatal("the full build does not report content/leaflets/plan.pdf")
	}
	editBody(t, src, arts[3], "Print [your plan](/leaflets/plan.pdf).")
	res, patched, err := cliBuild(t, src, dest)
	if err != nil || !patched {
		t.Fatalf("patched %v, %v", patched, err)
	}
	if has(res.Diagnostics) {
		t.Error("the patch that links content/leaflets/plan.pdf still reports it")
	}
}
