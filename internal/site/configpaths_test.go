package site

import (
	"bytes"
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
// may mean one of its pages by /guide/…: medkb.yaml's addresses are left
// as written, served under the path like any other, without a warning.
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
---
Keep your inhaler with you.
`
	files, res := buildMem(t, New(Options{Source: writeSite(t, site), Now: fixedNow}))
	for _, d := range res.Diagnostics {
		if d.File == "medkb.yaml" && strings.Contains(d.Message, "/guide/tips/") {
			t.Errorf("reported: %s", d)
		}
	}
	mustContain(t, files, "conditions/copd/index.html", `href="/guide/guide/tips/"`)
}
