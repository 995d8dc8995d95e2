package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// croupDraft is a new draft article, complete and easy to read.
const croupDraft = `---
title: "Croup"
summary: "Croup is a common illness of young children that gives a barking cough."
date: 2026-11-02
draft: true
tags: [children]
authors: [pnavarro]
reviewed_by: [dokafor]
last_reviewed: 2026-11-02
audience: patient
references:
  - {id: nhs-croup, title: "Croup", publisher: "NHS", year: 2024, url: "https://www.nhs.uk/conditions/croup/"}
---
Croup is an infection of the throat and airways. It is common in young children [@nhs-croup].

Your child may have a barking cough. Their voice may sound hoarse. They may make a harsh sound when they breathe in.

Most children get better in a few days. Keep your child calm and give them plenty to drink.
`

// hardParagraph is a paragraph far above the readability target.
const hardParagraph = "Laryngotracheobronchitis management incorporates corticosteroid administration, nebulised adrenaline for moderate-to-severe presentations, continuous pulse oximetry monitoring, and individualised multidisciplinary escalation protocols considering comorbidities, immunisation status and parainfluenza epidemiological surveillance considerations."

// TestServeShowsWarningPanelDraftBannerAndReport runs `medkb serve` on a
// copy of the demo site with a new draft: the draft shows with its DRAFT
// banner; saving a hard-to-read paragraph into it brings up the warning
// panel, naming the paragraph's line, the check and its hint, and the
// panel can be dismissed; the editor's report page passes axe.
func TestServeShowsWarningPanelDraftBannerAndReport(t *testing.T) {
	t.Parallel()
	site := copyDemoSite(t)
	draft := filepath.Join(site, "content", "conditions", "croup.md")
	writeFileT(t, draft, []byte(croupDraft))
	// Quitting smoking is withdrawn in favour of Healthy eating; Statins
	// expired before today.
	addFrontMatter(t, filepath.Join(site, "content", "living-well", "quitting-smoking.md"),
		"withdrawn: {date: 2026-10-01, reason: \"Replaced by our new guide.\", replaced_by: /living-well/healthy-eating/}")
	addFrontMatter(t, filepath.Join(site, "content", "medications", "statins.md"), "expires: 2026-01-01")
	base := startServe(t, site)

	tb := newTab(t, base)
	tb.setViewport(desktop)
	// The event stream stays open under medkb serve: pages are awaited
	// by what they show, not by an idle network.
	if status := tb.navigate("/conditions/croup/"); status != 200 {
		t.Fatalf("the draft answered %d under medkb serve", status)
	}
	const banner = `document.querySelector('main .draft-banner')`
	if err := tb.eventually(`document.readyState === 'complete' && (`+banner+`?.innerText.startsWith('DRAFT') ?? false) && `+banner+`.getBoundingClientRect().height > 0`, 10*time.Second); err != nil {
		t.Fatalf("no visible DRAFT banner: %v; %s", err, tryEval(tb, banner+`?.outerHTML ?? 'none'`))
	}
	tb.requireAxe("medkb serve: draft /conditions/croup/")

	line := strings.Count(croupDraft, "\n") + 2 // after a blank line
	writeFileT(t, draft, []byte(croupDraft+"\n"+hardParagraph+"\n"))
	const panel = `document.getElementById('medkb-build-warnings')`
	pos := fmt.Sprintf("content/conditions/croup.md:%d", line)
	// One expression, so a reload in between cannot split the checks.
	shown := `(p => p !== null && p.tagName === 'ASIDE' && p.getAttribute('aria-labelledby') === 'medkb-build-warnings-title'`
	for _, want := range []string{pos, "reading grade", "[readability]", "hint: use shorter sentences"} {
		shown += ` && p.innerText.includes(` + jsString(want) + `)`
	}
	shown += `)(` + panel + `)`
	if err := tb.eventually(shown, 30*time.Second); err != nil {
		t.Fatalf("after saving a hard paragraph, no labelled warning panel naming %s with the check and its hint: %v; panel: %s",
			pos, err, tryEval(tb, panel+`?.outerHTML ?? 'none'`))
	}
	tb.requireAxe("medkb serve: draft with the warning panel")

	// Click and look in one expression (a reload may come in between two).
	dismiss := `(() => { const b = document.querySelector('#medkb-build-warnings button'); if (!b) return false; b.click();
		return ` + panel + ` === null && document.activeElement === document.getElementById('main'); })()`
	if err := tb.eventually(dismiss, 10*time.Second); err != nil {
		t.Errorf("Dismiss left the panel, or focus nowhere: %v; focus on %s", err, tryEval(tb, `document.activeElement.outerHTML.slice(0, 80)`))
	}
	tb.navigate("/conditions/croup/")
	if err := tb.eventually(`document.readyState === 'complete'`, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second) // the warnings event arrives after load; it must not bring the panel back
	if !eval[bool](tb, panel+` === null`) {
		t.Error("a dismissed panel came back on reload with the same warnings")
	}
	tb.requireClean("medkb serve: /conditions/croup/")

	if status := tb.navigate("/living-well/quitting-smoking/"); status != 200 {
		t.Fatalf("the withdrawn page answered %d; a patient's bookmark must keep working", status)
	}
	if err := tb.eventually(`document.readyState === 'complete'`, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	tomb := eval[string](tb, `document.querySelector('main .notice-withdrawn')?.innerText ?? ''`)
	for _, want := range []string{"This page was withdrawn on 1 October 2026.", "Why: Replaced by our new guide.", "Read instead: Healthy eating"} {
		if !strings.Contains(tomb, want) {
			t.Errorf("the tombstone lacks %q:\n%s", want, tomb)
		}
	}
	if !eval[bool](tb, `document.querySelector('meta[name=robots]')?.content === 'noindex' && document.querySelector('main a[href="/living-well/healthy-eating/"]') !== null`) {
		t.Error("the tombstone is indexable or does not link its replacement")
	}
	tb.requireAxe("medkb serve: withdrawn /living-well/quitting-smoking/")
	tb.navigate("/medications/")
	if err := tb.eventually(`document.readyState === 'complete'`, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	if eval[bool](tb, `document.querySelector('main a[href="/medications/statins/"]') !== null`) {
		t.Error("the expired Statins page is still listed in its section")
	}

	if status := tb.navigate("/_medkb/report/"); status != 200 {
		t.Fatalf("the report page answered %d", status)
	}
	if err := tb.eventually(`document.readyState === 'complete'`, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	if h1 := eval[string](tb, `document.querySelector('main h1')?.textContent ?? ''`); h1 != "Editor's report" {
		t.Fatalf("report page h1 = %q", h1)
	}
	if !eval[bool](tb, `document.getElementById('due_90') !== null && document.getElementById('readability') !== null`) {
		t.Error("the report page lacks its 90-day or readability section")
	}
	tb.requireAxe("medkb serve: /_medkb/report/")
	tb.requireClean("medkb serve: /_medkb/report/")
}

// addFrontMatter adds a front matter line after the title of a content file.
func addFrontMatter(t *testing.T, file, line string) {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	title, rest, ok := strings.Cut(string(src), "\n")
	title2, rest2, ok2 := strings.Cut(rest, "\n")
	if !ok || !ok2 || !strings.HasPrefix(title2, "title:") {
		t.Fatalf("%s does not start with ---, title:", file)
	}
	writeFileT(t, file, []byte(title+"\n"+title2+"\n"+line+"\n"+rest2))
}
