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
