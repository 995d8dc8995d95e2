package site

import (
	"strings"
	"testing"
)

// TestTechnicalPagesBuildWithoutFalseIdentifiersOrURLErrors builds a page
// written like medic/cht-docs' set-up guides: a link to localhost is a
// local-link warning at its line, the same address in a code span or a
// code block is no link and not reported, and loopback and private
// addresses, an image name with @2x, screen coordinates and a title-case
// link text are not patient identifiers. Before, each was an error and
// the build failed.
func TestTechnicalPagesBuildWithoutFalseIdentifiersOrURLErrors(t *testing.T) {
	page := `-- content/conditions/setup.md --
---
title: "Setting up the clinic server"
summary: "How the clinic's IT team sets up the local server for the app."
date: 2025-01-02
---
Open [http://localhost:9000](http://localhost:9000) after starting the server.

Or type ` + "`http://localhost:5988`" + ` in the address bar.

` + "```" + `
curl http://localhost:5984/_utils
psql -U cht_couch2pg -h 192.168.68.26 cht
    "icon-risk": "icon-healthcare-warning@2x.png",
` + "```" + `

Set ` + "`INTERFACE` to `127.0.0.1`" + ` so the patient records server is only reachable from this machine.

- Scroll up: ` + "`adb shell input swipe 300 300 500 1000`" + `

## [NHS English Prescribing Data (EPD) Analysis Using Python (1)](https://example.com/a)
`
	dir := writeSite(t, baseSite+page)
	_, res := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	var got []string
	for _, d := range res.Diagnostics {
		if d.File == "content/conditions/setup.md" && d.Check != "summary" && d.Check != "no-reviewer" {
			got = append(got, d.String())
		}
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], `content/conditions/setup.md:6: warning: link "http://localhost:9000" leads to the reader's own computer`) ||
		!strings.Contains(got[0], "[local-link]") {
		t.Errorf("diagnostics of the set-up page:\n%s\nwant one local-link warning at line 6", strings.Join(got, "\n"))
	}
}
