package site

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/assemble"
	"github.com/medkb/medkb/internal/check"
	"github.com/medkb/medkb/internal/publish"
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

// draftClashSite adds to baseSite a draft that copied a published
// article (its id: line too), one that copied the copy, a draft that
// copied another draft, and a draft at a static file's address with an
// alias at another's.
const draftClashSite = baseSite + `
-- content/conditions/asthma-children.md --
---
title: "Asthma in children"
summary: "Asthma in children makes their airways narrow."
draft: true
id: "conditions-asthma"
date: 2025-03-04
---
Copied from asthma.md.
-- content/conditions/asthma-teens.md --
---
title: "Asthma in teenagers"
summary: "Asthma in teenagers makes their airways narrow."
draft: true
date: 2025-03-04
id: "conditions-asthma"
---
Copied from asthma-children.md.
-- content/conditions/inhalers.md --
---
title: "Inhalers"
summary: "How to use an inhaler."
draft: true
aliases: [/leaflet.html]
---
Shake it first.
-- content/conditions/wheeze.md --
---
title: "Wheezing"
draft: true
id: "conditions-wheeze"
date: 2025-05-06
---
A new page.
-- content/conditions/whistling.md --
---
title: "Whistling breath"
draft: true
id: "conditions-wheeze"
date: 2025-05-06
---
Copied from wheeze.md.
-- static/conditions/inhalers/index.html --
<p>An old inhaler page.</p>
-- static/leaflet.html --
<p>The old leaflet.</p>
`

// TestDraftsFeedIDAndStaticClashesAreWarnings: a draft whose feed id
// a published article has, and a draft (or its alias) at a static
// file's address, are errors once drafts are built (medkb serve, medkb
// build --drafts); without drafts, check and build said nothing of
// them. Now each is a warning at the draft's line, with the message
// the build with drafts stops on, and the static files are published.
func TestDraftsFeedIDAndStaticClashesAreWarnings(t *testing.T) {
	dir := writeSite(t, draftClashSite)
	files, res := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	var got []string
	for _, d := range res.Diagnostics {
		if strings.HasSuffix(d.Hint, assemble.DraftsHint) {
			if d.Severity != "warning" {
				t.Errorf("%s: want a warning while drafts are left out", d)
			}
			got = append(got, d.Pos()+": "+d.Message)
		}
	}
	want := []string{
		`content/conditions/asthma-children.md:5: feed id "tag:health.test,2025-03-04:conditions-asthma" is also the id of content/conditions/asthma.md: feed readers and autoposters would take the two articles for one entry, so one of them never reaches subscribers`,
		`content/conditions/asthma-teens.md:6: feed id "tag:health.test,2025-03-04:conditions-asthma" is also the id of content/conditions/asthma.md: feed readers and autoposters would take the two articles for one entry, so one of them never reaches subscribers`,
		"content/conditions/inhalers.md:1: the page at /conditions/inhalers/ is written as conditions/inhalers/index.html, which static/conditions/inhalers/index.html also writes: one would replace the other",
		"content/conditions/inhalers.md:5: alias /leaflet.html is written as leaflet.html, which static/leaflet.html also writes: one would replace the other",
		`content/conditions/whistling.md:4: feed id "tag:health.test,2025-05-06:conditions-wheeze" is also the id of content/conditions/wheeze.md: feed readers and autoposters would take the two articles for one entry, so one of them never reaches subscribers`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("drafts' warnings:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	mustContain(t, files, "conditions/inhalers/index.html", "An old inhaler page.")
	mustContain(t, files, "leaflet.html", "The old leaflet.")
	// With drafts, the same messages at the same places are errors.
	res, err := New(Options{Source: dir, Now: fixedNow, Drafts: true}).Build(context.Background(), publish.NewMem())
	if err == nil {
		t.Fatal("the build with drafts succeeded; want it to stop on the drafts' clashes")
	}
	var errs []string
	for _, d := range res.Diagnostics.Errors() {
		errs = append(errs, d.Pos()+": "+d.Message)
	}
	for _, w := range want {
		if !slices.Contains(errs, w) {
			t.Errorf("the build with drafts does not stop on\n  %s\nits errors:\n%s", w, strings.Join(errs, "\n"))
		}
	}
}

// TestDraftsFrontMatterAndPageErrorsAreWarnings: a draft's errors of its
// own, in front matter that parses (a key the schema does not know),
// that does not parse (draft: true still read), or found by assemble (an
// unknown author id, an invalid url:), are warnings at the same file and
// line with check.DraftHint while the build leaves drafts out: the build
// succeeds and publishes the rest. A build with drafts stops on each, as
// an error. A published page's link to the draft whose front matter does
// not parse is a broken link either way, never left unsaid, and so is a
// patient identifier in it, an error in a draft too. Two drafts
// without an address (an invalid url: and slug:) of the same day are
// not said to share a feed id: a build with drafts publishes neither.
func TestDraftsFrontMatterAndPageErrorsAreWarnings(t *testing.T) {
	t.Parallel()
	site := baseSite + `
-- content/conditions/colour.md --
---
title: "Colour"
draft: true
colour: red
---
Text.
-- content/conditions/broken.md --
---
title: Broken: yaml: here
draft: true
---
Write to jane.patient@gmail.com about it.
-- content/conditions/nobody.md --
---
title: "Nobody"
draft: true
authors: [nobody]
---
Text.
-- content/conditions/absolute.md --
---
title: "Absolute"
draft: true
url: https://example.com/x
date: 2026-01-02
---
Text.
-- content/conditions/slashed.md --
---
title: "Slashed"
draft: true
slug: a/b
date: 2026-01-02
---
Text.
-- content/conditions/links.md --
---
title: "Links"
summary: "A page that links to a draft whose front matter does not parse."
date: 2026-01-02
authors: [jdoe]
reviewed_by: [rev]
last_reviewed: 2026-01-02
audience: patient
---
See [the draft](/conditions/broken/).
`
	want := []string{
		`content/conditions/absolute.md:4: %s: invalid url: URL "https://example.com/x" is absolute; write a path such as /conditions/asthma/`,
		`content/conditions/broken.md:2: %s: front matter: the value of title has a colon followed by a space, which YAML reads as the start of another key: title: Broken: yaml: here`,
		`content/conditions/colour.md:4:1: %s: unknown key "colour" in front matter [schema]`,
		`content/conditions/nobody.md:4: %s: unknown author id "nobody" in authors`,
		`content/conditions/slashed.md:4: %s: invalid slug: slug "a/b" must be one path segment without / \ ? # %`,
	}
	const link = `content/conditions/links.md:10: error: broken link "/conditions/broken/": nothing is published at /conditions/broken [link]`
	const identifier = `content/conditions/broken.md:5:10: error: possible patient identifier (email address): j***@gmail.com [identifier]`
	for _, drafts := range []bool{false, true} {
		dir := writeSite(t, site)
		res, err := New(Options{Source: dir, Now: fixedNow, Drafts: drafts}).Build(context.Background(), publish.NewMem())
		if err == nil {
			t.Fatalf("drafts=%v: the build succeeded; want it to stop on the broken link", drafts)
		}
		var got []string
		for _, d := range res.Diagnostics {
			if strings.HasPrefix(d.File, "content/conditions/") && d.File != "content/conditions/asthma.md" && (d.Check == "" || d.Check == "schema" || d.Check == "link" || d.Check == "feeds" || d.Check == "identifier") {
				line, _, _ := strings.Cut(d.String(), "\n")
				got = append(got, line)
				if !drafts && d.Severity == "warning" && !strings.HasSuffix(d.Hint, check.DraftHint) {
					t.Errorf("%s: hint %q, want it to end %q", d, d.Hint, check.DraftHint)
				}
			}
		}
		severity := "warning"
		if drafts {
			severity = "error"
		}
		var wantHere []string
		for _, w := range want {
			wantHere = append(wantHere, strings.Replace(w, "%s", severity, 1))
		}
		if !drafts {
			// With drafts the draft is refused, an error: the link names a
			// page left out, and its checks wait for it to be fixed.
			wantHere = append(wantHere, link, identifier)
		}
		slices.Sort(got)
		slices.Sort(wantHere)
		if !slices.Equal(got, wantHere) {
			t.Errorf("drafts=%v: diagnostics\n%s\nwant\n%s", drafts, strings.Join(got, "\n"), strings.Join(wantHere, "\n"))
		}
		var errs []string
		for _, d := range res.Diagnostics.Errors() {
			line, _, _ := strings.Cut(d.String(), "\n")
			errs = append(errs, line)
		}
		if want := []string{identifier, link}; !drafts && !slices.Equal(errs, want) {
			t.Errorf("without drafts, errors\n%s\nwant only\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
		}
	}
}
