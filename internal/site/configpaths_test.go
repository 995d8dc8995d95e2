package site

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/diag"
)

// guideConfig is a medkb.yaml for baseSite under /guide/ whose every
// site-rooted address is written with the path: the site's and a
// language's trust pages, a menu entry, report_problem, default_image,
// publisher.logo, links.external_paths and publish_unlinked.
const guideConfig = `title: "Test Health"
base_url: "https://health.test/guide/"
languages:
  - code: en
    default: true
  - code: es
    trust_pages:
      about: /guide/es/about/
trust_pages:
  about: /guide/about/
  editorial_policy: /guide/about/editorial-policy/
menu:
  - name: Asthma
    url: /guide/conditions/asthma/
report_problem: /guide/about/
default_image: /guide/images/card.png
publisher:
  name: Test Health
  logo: /guide/images/logo.png
links:
  external_paths: [/guide/forms/]
publish_unlinked:
  - /guide/leaflets/flu.pdf
`

// guideConfigSite writes baseSite with guideConfig, an editorial policy
// (an article, which as a trust page stays out of the feeds and the search
// index), a Spanish about page, the images, a leaflet nothing links and a
// link to a page another system serves under /forms/.
func guideConfigSite(t *testing.T) string {
	t.Helper()
	site := strings.Replace(baseSite, "title: \"Test Health\"\nbase_url: \"https://health.test/\"\ntrust_pages: {about: /about/}\n", guideConfig, 1)
	if site == baseSite {
		t.Fatal("baseSite's medkb.yaml changed: update the test")
	}
	site += `-- content/about/editorial-policy.md --
---
title: "Editorial policy"
summary: "How we write and review our articles."
date: 2025-01-02
---
Clinicians review every article.
-- content/about/_index.es.md --
---
title: "Sobre nosotros"
summary: "Quiénes somos."
---
Publicamos información de salud.
-- content/leaflets/flu.pdf --
%PDF-1.4 a leaflet
`
	dir := writeSite(t, site)
	appendBody(t, dir, "\nFill in [the form](/forms/asthma-plan/).\n")
	writePNG(t, filepath.Join(dir, "static", "images", "card.png"), 1200, 630)
	writePNG(t, filepath.Join(dir, "static", "images", "logo.png"), 60, 60)
	return dir
}

// TestConfigAddressesWrittenWithTheBasePath: each site-rooted address of
// medkb.yaml written with the site's path is one warning at its line,
// with the address to write, and the site is built as if it had been
// written without the path: links served under /guide/ once, the logo's
// and image's absolute URLs with the path once, the editorial policy a
// trust page (out of the feeds), the form's link not checked, the
// leaflet published on purpose.
func TestConfigAddressesWrittenWithTheBasePath(t *testing.T) {
	t.Parallel()
	dir := guideConfigSite(t)
	files, res := buildMem(t, New(Options{Source: dir, Now: fixedNow}))

	lineOf := func(s string) int {
		i := strings.Index(guideConfig, s)
		if i < 0 {
			t.Fatalf("%q is not in guideConfig", s)
		}
		return strings.Count(guideConfig[:i], "\n") + 1
	}
	for _, w := range []struct {
		line       int
		name, fix  string
		withQuotes string
	}{
		{lineOf("      about: /guide/es/about/"), "languages (es) trust_pages.about", "/es/about/", "/guide/es/about/"},
		{lineOf("  about: /guide/about/"), "trust_pages.about", "/about/", "/guide/about/"},
		{lineOf("  editorial_policy:"), "trust_pages.editorial_policy", "/about/editorial-policy/", "/guide/about/editorial-policy/"},
		{lineOf("  - name: Asthma"), `url`, "/conditions/asthma/", "/guide/conditions/asthma/"},
		{lineOf("report_problem:"), "report_problem", "/about/", "/guide/about/"},
		{lineOf("default_image:"), "default_image", "/images/card.png", "/guide/images/card.png"},
		{lineOf("  logo:"), "publisher.logo", "/images/logo.png", "/guide/images/logo.png"},
		{lineOf("  external_paths:"), "links.external_paths entry", "/forms/", "/guide/forms/"},
		{lineOf("  - /guide/leaflets/"), "publish_unlinked entry", "leaflets/flu.pdf", "/guide/leaflets/flu.pdf"},
	} {
		found := slices.ContainsFunc(res.Diagnostics, func(d diag.Diagnostic) bool {
			return d.File == "medkb.yaml" && d.Line == w.line && d.Severity == diag.Warning &&
				strings.HasPrefix(d.Message, w.name+` "`+w.withQuotes+`"`) && strings.Contains(d.Message, ` starts with the site's path /guide/`) &&
				strings.HasPrefix(d.Hint, "write "+w.fix+":")
		})
		if !found {
			t.Errorf("no warning at medkb.yaml:%d that %s %q starts with /guide/ (write %s); got:\n%s", w.line, w.name, w.withQuotes, w.fix, strings.Join(says(res.Diagnostics), "\n"))
		}
	}
	// The same addresses are not reported again as a layout's (the menu
	// and the footer on every page) or as broken.
	for _, d := range res.Diagnostics {
		if strings.Contains(d.Message, "/guide/") && d.File != "medkb.yaml" {
			t.Errorf("also reported: %s", d)
		}
	}

	for name, data := range files {
		if bytes.Contains(data, []byte("/guide/guide/")) {
			t.Errorf("%s has an address with the path twice", name)
		}
	}
	mustContain(t, files, "conditions/copd/index.html",
		`href="/guide/conditions/asthma/"`, `href="/guide/about/editorial-policy/"`, `href="/guide/about/?page=`,
		`content="https://health.test/guide/images/card.png"`)
	mustContain(t, files, "es/index.html", `href="/guide/es/about/"`)
	mustContain(t, files, "feed.json", `"https://health.test/guide/images/logo.png"`)
	mustNotContain(t, files, "feed.json", "editorial-policy")
	if _, ok := files["leaflets/flu.pdf"]; !ok {
		t.Error("leaflets/flu.pdf was not published")
	}
}

// TestConfigAddressesOfASectionNamedLikeThePath: a site with its own
// folder named like its path (content/guide/, served at /guide/guide/)
// may mean one of its pages by /guide/…: medkb.yaml's addresses, and a
// page's front matter's (an alias), are left as written, served under
// the path like any other, without a warning.
func TestConfigAddressesOfASectionNamedLikeThePath(t *testing.T) {
	t.Parallel()
	site := strings.Replace(baseSite, `base_url: "https://health.test/"`, "base_url: \"https://health.test/guide/\"\nmenu:\n  - {name: Tips, url: /guide/tips/}", 1)
	site += `-- content/guide/_index.md --
---
title: "Guide"
summary: "Our guide."
---
-- content/guide/tips.md --
---
title: "Tips"
summary: "Tips for living with a lung disease."
date: 2025-01-02
aliases: [/guide/hints/]
---
Keep your inhaler with you.
`
	files, res := buildMem(t, New(Options{Source: writeSite(t, site), Now: fixedNow}))
	for _, d := range res.Diagnostics {
		if d.File == "medkb.yaml" && strings.Contains(d.Message, "/guide/tips/") || strings.Contains(d.Message, "/guide/hints/") {
			t.Errorf("reported: %s", d)
		}
	}
	mustContain(t, files, "conditions/copd/index.html", `href="/guide/guide/tips/"`)
	if _, ok := files["guide/hints/index.html"]; !ok {
		t.Error("the alias /guide/hints/ was not published at guide/hints/ (served at /guide/guide/hints/)")
	}
}

// TestFrontMatterAddressesWrittenWithTheBasePath: each site-rooted
// address of a page's front matter written with the site's path —
// image:, url:, an alias, withdrawn.replaced_by — is one warning at its
// key's line naming the address to write, and the page is built as if it
// had been written without the path (it stopped the build for image:,
// and put url: and aliases at /guide/guide/…). A second build by the
// same Builder, whose front matter cache holds the pages as read, says
// the same and builds the same.
func TestFrontMatterAddressesWrittenWithTheBasePath(t *testing.T) {
	t.Parallel()
	dir := guideSite(t, "https://example.github.io/guide/")
	writeFile(t, filepath.Join(dir, "content", "conditions", "moved.md"), []byte(`---
title: "Moved"
summary: "A page given its own address, written with the site's path."
url: /guide/conditions/moved-here/
aliases: [/old/moved/, /guide/old/moved-too/]
image: /guide/images/lungs.png
image_alt: "A lung diagram"
date: 2025-02-01
---
Body.
`))
	writeFile(t, filepath.Join(dir, "content", "conditions", "gone.md"), []byte(`---
title: "Gone"
summary: "A page withdrawn in favour of the COPD page."
date: 2025-01-05
withdrawn: {date: 2025-06-01, reason: "Merged into the COPD page.", replaced_by: /guide/conditions/copd/}
---
Old text.
`))
	// A cache folder that cannot be made (a file is in the way) keeps the
	// parsed front matter in memory (buildcache.Log), where the builds'
	// pages would share it: the second build must find it as read.
	blocker := filepath.Join(t.TempDir(), "not-a-folder")
	writeFile(t, blocker, []byte("x"))
	b := New(Options{Source: dir, Now: fixedNow, CacheDir: filepath.Join(blocker, "cache")})
	for _, run := range []string{"first build", "second build"} {
		files, res := buildMem(t, b)
		for _, w := range []struct{ at, name, written, fix string }{
			{"content/conditions/moved.md:4", "url", "/guide/conditions/moved-here/", "/conditions/moved-here/"},
			{"content/conditions/moved.md:5", "alias", "/guide/old/moved-too/", "/old/moved-too/"},
			{"content/conditions/moved.md:6", "image", "/guide/images/lungs.png", "/images/lungs.png"},
			{"content/conditions/gone.md:5", "withdrawn.replaced_by", "/guide/conditions/copd/", "/conditions/copd/"},
		} {
			want := fmt.Sprintf("%s: warning: %s %q starts with the site's path /guide/, which medkb adds to every site-rooted address itself; medkb reads it as %s\n\thint: write %s: ",
				w.at, w.name, w.written, w.fix, w.fix)
			if !slices.ContainsFunc(says(res.Diagnostics), func(s string) bool { return strings.HasPrefix(s, want) }) {
				t.Errorf("%s: no warning %q; got:\n%s", run, want, strings.Join(says(res.Diagnostics), "\n"))
			}
		}
		if n := len(slices.DeleteFunc(says(res.Diagnostics), func(s string) bool { return !strings.Contains(s, "starts with the site's path") })); n != 4 {
			t.Errorf("%s: %d warnings of the path, want 4 (not /old/moved/, written rightly)", run, n)
		}
		for _, p := range []string{"conditions/moved-here/index.html", "old/moved/index.html", "old/moved-too/index.html"} {
			if _, ok := files[p]; !ok {
				t.Errorf("%s: %s was not written", run, p)
			}
		}
		mustContain(t, files, "conditions/moved-here/index.html", `content="https://example.github.io/guide/images/lungs.png"`)
		mustContain(t, files, "conditions/gone/index.html", `href="/guide/conditions/copd/"`)
		for name, data := range files {
			if strings.HasPrefix(name, "guide/") || bytes.Contains(data, []byte("/guide/guide/")) {
				t.Errorf("%s: %s is or has an address with the path twice", run, name)
			}
		}
	}
}
