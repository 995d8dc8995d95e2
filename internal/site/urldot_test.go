package site

import (
	"strings"
	"testing"
)

// urlDotSite adds to baseSite release notes at url: /releases/4.9.0 (a
// version: its last part has a dot), a page under that address, and a
// link to it written without the slash.
const urlDotSite = baseSite + `
-- content/releases/notes.md --
---
title: "Release 4.9.0"
summary: "What changed in 4.9.0."
date: 2025-10-01
authors: [jdoe]
reviewed_by: [rev]
last_reviewed: 2025-10-01
url: /releases/4.9.0
---
Read the [upgrade guide](/releases/4.9.0/upgrade/).
-- content/releases/upgrade.md --
---
title: "Upgrading to 4.9.0"
summary: "How to upgrade."
date: 2025-10-02
authors: [jdoe]
reviewed_by: [rev]
last_reviewed: 2025-10-01
url: /releases/4.9.0/upgrade/
---
Back to the [release notes](/releases/4.9.0).
`

// A page's url: whose last part has a dot (/releases/4.9.0) was written
// as a file named 4.9.0 holding HTML, which hosts serve as a download
// (application/octet-stream), and a page under it could not be written.
// Now it is published as releases/4.9.0/index.html, as an alias with a
// dot is, and its canonical link, the sitemap, the feeds and the search
// index all give that one address; links to it with or without the
// slash pass the link check.
func TestURLWithADotIsPublishedAsAFolder(t *testing.T) {
	t.Parallel()
	files, res := buildMem(t, New(Options{Source: writeSite(t, urlDotSite), Now: fixedNow}))
	if _, ok := files["releases/4.9.0"]; ok {
		t.Error("the page was written as a file named 4.9.0")
	}
	const addr = "https://health.test/releases/4.9.0/"
	mustContain(t, files, "releases/4.9.0/index.html", `<link rel="canonical" href="`+addr+`"`)
	mustContain(t, files, "releases/4.9.0/upgrade/index.html", `href="/releases/4.9.0"`)
	mustContain(t, files, "sitemap.xml", "<loc>"+addr+"</loc>")
	mustContain(t, files, "atom.xml", `<link href="`+addr+`" rel="alternate"`)
	mustContain(t, files, "feed.json", `"url": "`+addr+`"`)
	found := false
	for name, b := range files {
		if strings.HasPrefix(name, "search/docs/") && strings.Contains(string(b), `"u":"/releases/4.9.0/"`) {
			found = true
		}
	}
	if !found {
		t.Error("no search file lists /releases/4.9.0/")
	}
	for _, d := range res.Diagnostics {
		if strings.HasPrefix(d.File, "content/releases/") && (d.Check == "link" || d.Severity == "error") {
			t.Errorf("%s", d)
		}
	}
}

// A page at url: /leaflets/asthma.pdf was written as a file of that name
// holding HTML, served as a PDF that no reader opens. A page cannot be a
// PDF: the build fails at the url: line, saying where the PDF itself
// goes, and the page is left out (the leaflet of static/ at that address
// is published as it is).
func TestURLNamingAPDFIsAnErrorAtItsLine(t *testing.T) {
	t.Parallel()
	dir := writeSite(t, baseSite+`
-- content/leaflets/asthma.md --
---
title: "Asthma leaflet"
summary: "The leaflet."
url: /leaflets/asthma.pdf
---
Text.
-- static/leaflets/asthma.pdf --
%PDF-1.4
`)
	errs := buildErr(t, dir)
	if len(errs) != 1 || errs[0].Pos() != "content/leaflets/asthma.md:4" ||
		errs[0].Message != "url /leaflets/asthma.pdf names a PDF file, but a page is published as HTML: sent as a PDF file, the page would be a download or an error in the browser" ||
		!strings.HasPrefix(errs[0].Hint, "to publish a PDF file at /leaflets/asthma.pdf, put the file at static/leaflets/asthma.pdf (or content/leaflets/asthma.pdf)") {
		t.Fatalf("errors:\n%s\nwant one at content/leaflets/asthma.md:4 saying a page cannot be a PDF", strings.Join(says(errs), "\n"))
	}
}
