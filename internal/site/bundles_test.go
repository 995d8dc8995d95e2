package site

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// leafBundle is a page with its picture and leaflet beside it, in its own
// folder below a section.
const leafBundle = `
-- content/conditions/croup/index.md --
---
title: "Croup"
summary: "Croup is a common infection of the windpipe in young children."
date: 2025-04-01
---
The cough sounds like a bark.

![A child breathing steam from a bowl](steam.png)

Print the [croup leaflet](leaflet.txt) for home.
-- content/conditions/croup/leaflet.txt --
Croup: what to do at home.
`

// TestLeafBundleIsPublishedWithItsFiles builds content/conditions/croup/
// index.md: the page is at /conditions/croup/, listed in its section, and
// the picture and leaflet beside it are published next to it, so its
// relative links resolve and pass the checks.
func TestLeafBundleIsPublishedWithItsFiles(t *testing.T) {
	dir := writeSite(t, baseSite+leafBundle)
	writePNG(t, filepath.Join(dir, "content/conditions/croup/steam.png"), 4, 3)
	files, res := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	for _, d := range res.Diagnostics {
		if strings.Contains(d.File, "croup") && (d.Check == "link" || d.Check == "image" || d.Severity == "error") {
			t.Errorf("unexpected %s", d)
		}
	}
	mustContain(t, files, "conditions/croup/index.html", "The cough sounds like a bark.", `src="steam.png"`, `href="leaflet.txt"`)
	mustContain(t, files, "conditions/croup/leaflet.txt", "Croup: what to do at home.")
	if b := files["conditions/croup/steam.png"]; !bytes.HasPrefix(b, []byte("\x89PNG")) {
		t.Error("the bundle's picture is not published beside its page")
	}
	mustContain(t, files, "conditions/index.html", `href="/conditions/croup/"`)
	for name := range files {
		if strings.HasPrefix(name, "conditions/croup/index/") || strings.HasSuffix(name, ".md") {
			t.Errorf("%s published", name)
		}
	}
}

// A draft leaf bundle publishes none of its files: a picture or leaflet
// waiting for review must not be reachable before its page is; a build
// with drafts publishes them.
func TestDraftLeafBundlePublishesNoFiles(t *testing.T) {
	draft := strings.Replace(leafBundle, "date: 2025-04-01\n", "date: 2025-04-01\ndraft: true\n", 1)
	dir := writeSite(t, baseSite+draft)
	writePNG(t, filepath.Join(dir, "content/conditions/croup/steam.png"), 4, 3)
	files, _ := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	for _, name := range []string{"conditions/croup/index.html", "conditions/croup/steam.png", "conditions/croup/leaflet.txt"} {
		if _, ok := files[name]; ok {
			t.Errorf("%s is published while its page is a draft", name)
		}
	}
	files, _ = buildMem(t, New(Options{Source: dir, Now: fixedNow, Drafts: true}))
	if _, ok := files["conditions/croup/steam.png"]; !ok {
		t.Error("building with drafts leaves out the draft bundle's picture")
	}
}

// TestLeafBundleMissingPictureIsAnErrorAtItsLine removes the picture: the
// build stops with an error at the image's line, naming where to put it.
func TestLeafBundleMissingPictureIsAnErrorAtItsLine(t *testing.T) {
	dir := writeSite(t, baseSite+leafBundle)
	var found bool
	for _, d := range buildErr(t, dir) {
		if d.Check == "image" {
			found = true
			if d.Pos() != "content/conditions/croup/index.md:8" || !strings.Contains(d.Hint, "content/conditions/croup/steam.png") {
				t.Errorf("got %s; want it at content/conditions/croup/index.md:8 naming content/conditions/croup/steam.png", d)
			}
		}
	}
	if !found {
		t.Error("no image error for the missing picture")
	}
}

// nested holds sections three deep, with a leaf bundle at the bottom and
// no _index.md in between for one article.
const nested = `
-- content/conditions/heart/_index.md --
---
title: "Heart"
summary: "Conditions of the heart and blood vessels."
---
-- content/conditions/heart/angina.md --
---
title: "Angina"
summary: "Angina is chest pain when the heart muscle gets too little blood."
date: 2025-04-01
---
Chest pain.
-- content/conditions/heart/valves/_index.md --
---
title: "Heart valves"
summary: "Problems with the valves inside the heart."
---
-- content/conditions/heart/valves/stenosis/index.md --
---
title: "Aortic stenosis"
summary: "Aortic stenosis is a narrowing of the main valve out of the heart."
date: 2025-04-02
---
See [angina](../../angina/).
-- content/conditions/heart/rare/syndrome.md --
---
title: "A rare syndrome"
summary: "A rare syndrome of the heart, in a folder without its own section."
date: 2025-04-03
---
Rare.
`

// TestNestedSectionsToAnyDepth builds sections three deep: each section is
// listed by its parent, each article by its nearest section, breadcrumbs
// follow the folders, and every nested section gets its feed.
func TestNestedSectionsToAnyDepth(t *testing.T) {
	dir := writeSite(t, baseSite+nested)
	files, res := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	for _, d := range res.Diagnostics.Errors() {
		t.Errorf("error: %s", d)
	}
	mustContain(t, files, "conditions/index.html", `<h3><a href="/conditions/heart/">Heart</a></h3>`)
	mustContain(t, files, "conditions/heart/index.html", `<h3><a href="/conditions/heart/valves/">Heart valves</a></h3>`,
		`href="/conditions/heart/angina/"`, `href="/conditions/heart/rare/syndrome/"`)
	mustNotContain(t, files, "conditions/index.html", `href="/conditions/heart/angina/"`, `href="/conditions/heart/valves/"`)
	mustContain(t, files, "conditions/heart/valves/index.html", `href="/conditions/heart/valves/stenosis/"`)
	mustContain(t, files, "conditions/heart/valves/stenosis/index.html",
		`<li><a href="/conditions/" dir="auto">Conditions</a></li>`+"\n"+`<li><a href="/conditions/heart/" dir="auto">Heart</a></li>`+"\n"+
			`<li><a href="/conditions/heart/valves/" dir="auto">Heart valves</a></li>`)
	mustContain(t, files, "conditions/heart/index.xml", "<title>Angina</title>")
	mustContain(t, files, "conditions/heart/valves/index.xml", "<title>Aortic stenosis</title>")
	// The top menu and the home page list the top-level sections only.
	mustNotContain(t, files, "index.html", `href="/conditions/heart/"`)
}
