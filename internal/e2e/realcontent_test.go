package e2e

import (
	"os"
	"path/filepath"
	"testing"
)

// realContentSite is a small site of lines taken from two real public
// sites imported with medkb, the content that made the theme fail where the
// demo site, written by the team, did not. Each page keeps the shapes that
// mattered; the words are the sites' own.
//
//   - content/technical/purging.md: from medic/cht-docs (Community Health
//     Toolkit documentation, https://github.com/medic/cht-docs, AGPL-3.0),
//     content/en/technical-overview/data/performance/purging.md,
//     content/en/building/tutorials/sms-schedules.md and
//     content/en/community/contributing/first-time-contributors.md. A JSON
//     line of 200 characters (wider than any phone: the code block scrolls
//     sideways, and must take keyboard focus to be scrolled without a
//     mouse), JavaScript
//     whose names the light highlight style colours and the dark one does
//     not, a JSON fragment chroma marks as an error, and terminal output
//     in a raw HTML <pre> (the site allows raw HTML, as both imports do).
//   - content/technical/feeding-status.md: from
//     nhsconnect/Digital-Child-Health-STU3 (NHS Digital,
//     https://github.com/nhsconnect/Digital-Child-Health-STU3, Apache-2.0),
//     pages/explore/explore_feeding_status.md: long links and a table whose
//     cells hold FHIR element paths of 80 characters without a space.
//   - content/medicines/amvv.md: a German compound as a title and a tag,
//     the short name of the German prescription medicines regulation
//     (Arzneimittelverschreibungsverordnung, AMVV, a federal statute's
//     title). In a breadcrumb and in the tag list it was one box wider
//     than the phone at 200 % text.
func realContentSite() map[string]string {
	return map[string]string{
		"medkb.yaml": `title: "Real content test library"
base_url: "https://real.example.org/"
markup:
  unsafe: true
`,
		"content/technical/purging.md": "---\n" + `title: "Purging"
summary: "Remove unneeded documents from offline users devices."
date: 2024-01-01
---
Purging is disabled by default, and is enabled if a purge function is specified in ` + "`app_settings.json`" + `, along with a run schedule.

` + "```json" + `
{
  "//": "other app_settings settings",
  "purge": {
    "fn": "function(userCtx, contact, reports, messages, chtScriptApi, permissions) { const old = Date.now() - (1000 * 60 * 60 * 24 * 365); return reports.filter(r => r.reported_date < old).map(r => r._id);}",
    "text_expression": "at 12 am on Sunday"
  }
}
` + "```" + `

The purge function can also be written in JavaScript:

` + "```js" + `
module.exports = {
  text_expression: 'at 9 am on Sunday',
  run_every_days: 7,
  fn: function(userCtx, contact, reports, messages, chtScriptApi, permissions) {
    const old = Date.now() - (1000 * 60 * 60 * 24 * 365);
    return reports
      .filter(r => r.reported_date < old)
      .map(r => r._id);
  }
};
` + "```" + `

To set the pregnancy follow up schedule, edit the array corresponding to the ` + "`schedules`" + ` key in ` + "`app_settings.json`" + `:

` + "```json" + `
schedules: [
  {
    "name": "Pregnancy Follow Up Reminders",
    "start_from": "fields.lmp_date"
  }
]
` + "```" + `

If you see

<pre>remote: Support for password authentication was removed on August 13, 2021. Use a personal access token instead.
remote: See https://github.blog/2020-12-15-token-authentication-requirements-for-git-operations/ for more information.</pre>
`,
		"content/medicines/amvv.md": "---\n" + `title: "Arzneimittelverschreibungsverordnung"
summary: "Which medicines need a prescription in Germany."
date: 2024-01-01
tags: [Arzneimittelverschreibungsverordnung]
---
The Arzneimittelverschreibungsverordnung (AMVV) lists the medicines a pharmacy in Germany may only hand out on prescription.
`,
		"content/technical/feeding-status.md": "---\n" + `title: "Feeding Status"
summary: "The FHIR profiles used for the Feeding Status Event Message Bundle."
date: 2024-01-01
---
The following FHIR profiles are used to form the Feeding Status Event Message Bundle:

- [DCH-MessageHeader-1](https://fhir.nhs.uk/STU3/StructureDefinition/DCH-MessageHeader-1) - where the coding and display for the event element is fixed to 'CH014 - Feeding Status'
- [DCH-FeedingStatus-QuestionnaireResponse-1](https://fhir.nhs.uk/STU3/StructureDefinition/DCH-FeedingStatus-QuestionnaireResponse-1)

The Child Health Event data items are fulfilled by elements within the FHIR resources listed below.

| DCH Data Item | FHIR resource element | Mandatory/Required/Optional |
|---|---|---|
| Date | CareConnect-DCH-Encounter-1.period.start or DCH-FeedingStatus-QuestionnaireResponse-1.authored | Mandatory |
| First Milk Feed | DCH-FeedingStatus-QuestionnaireResponse-1.item.firstMilkFeed | Mandatory |
| Approximate Date breastfeeding stopped | DCH-FeedingStatus-QuestionnaireResponse-1.item.approximateDateBreastfeedingStopped | Required |
`,
	}
}

// TestRealContent builds realContentSite and checks each of its pages as
// TestReflow and TestPages check the demo site's: on a 390×844 phone at
// 100 %, 130 % and 200 % text size the page does not scroll sideways, and
// axe-core finds no WCAG 2.1 A or AA violation in the light and the dark
// color scheme.
func TestRealContent(t *testing.T) {
	t.Parallel()
	src := t.TempDir()
	for name, text := range realContentSite() {
		path := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		writeFileT(t, path, []byte(text))
	}
	public := filepath.Join(t.TempDir(), "public")
	if err := buildSite(src, public); err != nil {
		t.Fatal(err)
	}
	srv := serveDir(public)
	t.Cleanup(srv.Close)

	for _, path := range []string{"/technical/purging/", "/technical/feeding-status/",
		"/medicines/amvv/", "/tags/", "/tags/arzneimittelverschreibungsverordnung/"} {
		t.Run(path, func(t *testing.T) {
			t.Parallel()
			tb := newTab(t, srv.URL)
			tb.setViewport(phone390)
			tb.open(path)
			for _, size := range textSizes {
				tb.setTextSize(size)
				o := eval[overflow](tb, measureOverflow)
				if o.Scroll != o.Inner {
					t.Errorf("%s at %d%% text on a %dpx phone: scrollWidth %d, innerWidth %d; sticking out: %v",
						path, size, phone390.width, o.Scroll, o.Inner, o.Wide)
				}
			}
			tb.setTextSize(100)
			for _, scheme := range []string{"light", "dark"} {
				tb.setMedia("", scheme)
				tb.requireAxe(path + " " + scheme)
			}
			tb.requireClean(path)
		})
	}
}
