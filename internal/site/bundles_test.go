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
