package site

import (
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/check"
)

// draftSite adds to baseSite a draft with a broken link, an image without
// alt text and a hard paragraph on line 10.
const draftSite = baseSite + `
-- content/conditions/bronchiolitis.md --
---
title: "Bronchiolitis"
summary: "A chest infection of babies."
draft: true
authors: [jdoe]
reviewed_by: [rev]
last_reviewed: 2026-01-02
audience: patient
---
See [croup](/conditions/croup/) too. ![](/images/x.png)
`

func TestDraftsAreCheckedLikePublishedPages(t *testing.T) {
	for _, drafts := range []bool{false, true} {
		dir := writeSite(t, draftSite)
		files, res := buildMem(t, New(Options{Source: dir, Now: fixedNow, Drafts: drafts}))
		var got []string
		for _, d := range res.Diagnostics {
			if d.File == "content/conditions/bronchiolitis.md" {
				if d.Severity != "warning" || (d.Check == "link" || d.Check == "alt-text") && !strings.HasSuffix(d.Hint, check.DraftHint) {
					t.Errorf("drafts=%v: %s: want a warning whose hint ends %q", drafts, d, check.DraftHint)
				}
				got = append(got, d.Pos()+" "+d.Check)
			}
		}
		for _, want := range []string{"content/conditions/bronchiolitis.md:10 link", "content/conditions/bronchiolitis.md:10 alt-text"} {
			if !strings.Contains(strings.Join(got, ","), want) {
				t.Errorf("drafts=%v: draft diagnostics %q; want %q among them", drafts, got, want)
			}
		}
		const out = "conditions/bronchiolitis/index.html"
		if !drafts {
			if _, ok := files[out]; ok {
				t.Errorf("a build without drafts wrote %s", out)
			}
			mustNotContain(t, files, "conditions/index.html", "/conditions/bronchiolitis/")
			continue
		}
		mustContain(t, files, out, `<p class="draft-banner"><strong>Draft</strong> This page is not published`)
		mustNotContain(t, files, "conditions/asthma/index.html", "draft-banner")
	}
}

// An imported site's pages are all drafts. CoronaCheck.nl's English
// scanner page came in as a draft with an empty title (the old layout never
// showed it), and its home page keeps the old redirect_from
// /nl/testafspraak-in-app, now the address of a draft page: medkb check
// said "0 errors", as a build without --drafts leaves drafts out before
// they claim an address or are asked for a title, and once draft: true
// came off the build stopped on both. Now they are warnings while the
// pages are drafts, as a draft's other errors are.
func TestDraftsAddressAndTitleErrorsAreWarnings(t *testing.T) {
	site := baseSite + `
-- content/conditions/scanner.md --
---
title: ''
summary: "The CoronaCheck Scanner app checks coronavirus entry passes."
draft: true
authors: [jdoe]
---
Scan the QR code.
-- content/conditions/test-appointment.md --
---
title: "Test appointment"
summary: "How to make a test appointment for a coronavirus entry pass."
draft: true
authors: [jdoe]
aliases: [/conditions/asthma/]
---
Call the test line.
-- content/conditions/old-leaflet.md --
---
title: "Old leaflet"
draft: true
aliases: [/conditions/]
---
Replaced.
-- content/conditions/passes.md --
---
title: "Coronavirus passes"
summary: "Where a coronavirus entry pass was needed, and how to get one."
date: 2026-01-02
authors: [jdoe]
reviewed_by: [rev]
last_reviewed: 2026-01-02
audience: patient
aliases: [/conditions/test-appointment/]
---
Get tested or vaccinated.
`
	dir := writeSite(t, site)
	_, res := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	var got []string
	for _, d := range res.Diagnostics {
		if d.File == "content/conditions/scanner.md" || d.File == "content/conditions/test-appointment.md" ||
			d.File == "content/conditions/passes.md" && strings.Contains(d.Message, "alias") {
			if d.Severity != "warning" {
				t.Errorf("%s: want a warning while the page is a draft", d)
			}
			got = append(got, d.String())
		}
	}
	for _, want := range []string{
		"content/conditions/scanner.md:1: warning: the front matter has no title",
		"content/conditions/test-appointment.md:6: warning: alias /conditions/asthma/ is the address of content/conditions/asthma.md",
		"content/conditions/passes.md:9: warning: alias /conditions/test-appointment/ is the address of content/conditions/test-appointment.md",
	} {
		if !strings.Contains(strings.Join(got, "\n"), want) {
			t.Errorf("draft diagnostics:\n%s\nwant %q among them", strings.Join(got, "\n"), want)
		}
	}
	// Each clash is said once: a published alias at a draft's address
	// at the alias (not also at the draft), a draft's alias at a page's
	// address at the draft.
	seen := map[string]int{}
	for _, d := range res.Diagnostics {
		if k := d.Pos() + " " + d.Message; strings.HasPrefix(d.File, "content/conditions/") {
			if seen[k]++; seen[k] == 2 {
				t.Errorf("said twice: %s", k)
			}
		}
	}
	if seen["content/conditions/old-leaflet.md:4 alias /conditions/ is the address of content/conditions/_index.md"] != 1 {
		t.Errorf("the draft's alias at the section's address: said %v", seen)
	}
	for _, d := range res.Diagnostics {
		if strings.Contains(d.Message, "has no title") && !strings.HasSuffix(d.Hint, check.DraftHint) {
			t.Errorf("%s: want the hint to end %q", d, check.DraftHint)
		}
	}
}
