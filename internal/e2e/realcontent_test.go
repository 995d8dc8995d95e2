package e2e

import (
	"os"
	"path/filepath"
	"strings"
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
//   - content/events/nhs-r-conference.md: from nhs-pycom/nhs.pycom (NHS
//     Python Community website, https://github.com/nhs-pycom/nhs.pycom,
//     MIT), _posts/2022-11-02-nhs-r-conference.md and
//     pages/community.md: tables written in raw HTML, as imported (rows
//     after a blank line joined by kramdown's <!----> of medkb import), one
//     inside a <div> under a heading with a caption, and, in the same
//     words, one nested in another and one already in a table region. The
//     sign-up address, written out in a cell, is wider than any phone: a
//     raw table outside a scrolling region made the page 1,424 px wide.
//   - content/technical/databricks.md: from craig-shenton/nhs-data-engineer
//     (https://github.com/craig-shenton/nhs-data-engineer, MIT),
//     _posts/2021-09-09-azure-data-factory-templates.md: Python whose lines
//     (93 characters) are wider than an A4 page's text. Code blocks scroll
//     on screen; on paper, before the print stylesheet wrapped them, the
//     end of each long line was cut off.
func realContentSite() map[string]string {
	return map[string]string{
		"medkb.yaml": `title: "Real content test library"
base_url: "https://real.example.org/"
markup:
  unsafe: true
`,
		// A reference table in a numbered step, as the Community Health
		// Toolkit's docs have them (medic/cht-docs; written here in their
		// shape): a property path and an expression no space breaks.
		"content/technical/registrations.md": "---\n" + `title: "Registrations"
summary: "Which form starts which schedule, and the checks a report must pass."
date: 2024-01-01
---
1. Name the form and its checks in the settings file:

   | property | description |
   | --- | --- |
   | ` + "`validations.list[].translation_key`" + ` | The message shown when the check fails. |
   | ` + "`validations.list[].rule`" + ` | The check itself, such as ` + "`/^[0-9]+$/.test(doc.fields.last_menstrual_period)`" + `, which must pass. |

2. Save the file.
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
		"content/technical/databricks.md": "---\n" + `title: "Databricks processing pipeline"
summary: "Runs the pipeline's Databricks notebooks one after another."
date: 2024-01-01
---
The pipeline runs each notebook listed in its configuration file:

` + "```python" + `
#Squentially run datbricks notebooks
for index, item in enumerate(config_JSON['pipeline']['project']['databricks']): 
    notebook = config_JSON['pipeline']['project']['databricks'][index]['databricks_notebook']
    dbutils.notebook.run(notebook, 120)
` + "```" + `
`,
		"content/medicines/amvv.md": "---\n" + `title: "Arzneimittelverschreibungsverordnung"
summary: "Which medicines need a prescription in Germany."
date: 2024-01-01
tags: [Arzneimittelverschreibungsverordnung]
---
The Arzneimittelverschreibungsverordnung (AMVV) lists the medicines a pharmacy in Germany may only hand out on prescription.
`,
		"content/events/nhs-r-conference.md": "---\n" + `title: "NHS-R Conference - Python Track"
summary: "The Python track of the NHS-R Community conference, 17 November 2022."
date: 2024-01-01
---
## NHS-R Conference - Python Track - Itinerary

<table class="w-full">
  <thead class="text-left text-theme-blue">
    <tr>
      <th class="w-1/5 p-4 border">Time</th>
      <th class="w-2/5 p-4 border">Speaker</th>
      <th class="w-2/5 p-4 border">Description</th>
    </tr>
  </thead>
<!---->
  <tbody>
    <tr>
      <td class="p-4 border">09:15</td>
      <td class="p-4 border"><a href="https://www.linkedin.com/in/mary-amanuel-b9b4621b4?miniProfileUrn=urn%3Ali%3Afs_miniProfile%3AACoAADHmqicBwF_728pSYQ0FY_1LhQGjRGNmUa0&lipi=urn%3Ali%3Apage%3Ad_flagship3_detail_base%3B8N1qq69KS6S5wosJPPHMXw%3D%3D"> Mary Amanuel</a></td>
      <td class="p-4 border">Introduction</td>
    </tr>
<!---->
    <tr>
      <td class="p-4 border">17:00</td>
      <td class="p-4 border">Sign up</td>
      <td class="p-4 border">https://nhsrcommunity.com/events/nhs-r-community-conference-2022-python-track-17th-november-2022-join-online/</td>
    </tr>
  </tbody>
</table>

## The NHS Python Community Board

<div class="nhsuk-table__panel-with-heading-tab">
<table class="nhsuk-table">
  <caption class="nhsuk-table__caption">Arouba Zubair</caption>
  <thead role="rowgroup" class="nhsuk-table__head">
    <tr role="row">
      <th role="columnheader" scope="col">Role</th>
      <th role="columnheader" scope="col">Biography</th>
    </tr>
  </thead>
  <tbody class="nhsuk-table__body">
    <tr role="row" class="nhsuk-table__row">
      <td class="nhsuk-table__cell">Board member</td>
      <td class="nhsuk-table__cell">https://nhsrcommunity.com/events/nhs-r-community-conference-2022-python-track-17th-november-2022-join-online/</td>
    </tr>
  </tbody>
</table>
</div>

<table><tr><th scope="row">Python Track</th><td><table><tr><td>https://nhsrcommunity.com/events/nhs-r-community-conference-2022-python-track-17th-november-2022-join-online/</td></tr></table></td></tr></table>

<div class="table-wrap" role="region" tabindex="0" aria-label="Join online"><table><tr><th scope="row">Join online</th><td>https://nhsrcommunity.com/events/nhs-r-community-conference-2022-python-track-17th-november-2022-join-online/</td></tr></table></div>
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

// tablesOutsideRegions lists the tables of the page that are neither inside
// another table nor inside a focusable, named table region, in which a
// wide table scrolls (from the keyboard too) instead of widening the page.
const tablesOutsideRegions = `[...document.querySelectorAll('main table')]
	.filter(t => !t.parentElement.closest('table') && !t.closest('.table-wrap[role="region"][tabindex="0"][aria-label]'))
	.map(t => t.outerHTML.slice(0, 80))`

// TestRealContent builds realContentSite and checks each of its pages as
// TestReflow and TestPages check the demo site's: on a 390×844 phone at
// 100 %, 130 % and 200 % text size the page does not scroll sideways, and
// axe-core finds no WCAG 2.1 A or AA violation in the light and the dark
// color scheme. Every table outside another table is in a focusable, named
// table region, and the Nu Html Checker finds no error in the page of raw
// HTML tables.
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

	t.Run("html", func(t *testing.T) {
		t.Parallel()
		for _, m := range runVNU(t, filepath.Join(public, "events")) {
			t.Errorf("%s:%d: %s: %s\n    %s", m.file(), m.LastLine, m.Type, m.Message, strings.TrimSpace(m.Extract))
		}
	})
	// On paper nothing scrolls: a code block's long lines must wrap, not
	// be cut at the page's right edge. 680 px is an A4 page's text (210 mm
	// less the print stylesheet's 15 mm margins) at 96 px an inch.
	t.Run("print", func(t *testing.T) {
		t.Parallel()
		tb := newTab(t, srv.URL)
		tb.setViewport(viewport{name: "a4-text", width: 680, height: 1000})
		for _, path := range []string{"/technical/purging/", "/technical/databricks/"} {
			tb.open(path)
			tb.setMedia("print", "light")
			if n := eval[int](tb, `document.querySelectorAll('article pre').length`); n == 0 {
				t.Fatalf("%s: no code block", path)
			}
			cut := eval[[]string](tb, `[...document.querySelectorAll('article pre')].filter(p => p.scrollWidth > p.clientWidth + 1 || p.getBoundingClientRect().right > innerWidth + 1).map(p => p.scrollWidth + 'px in ' + p.clientWidth + 'px: ' + p.textContent.trim().slice(0, 50))`)
			for _, c := range cut {
				t.Errorf("%s printed: a code block is cut at the page's edge: %s", path, c)
			}
			tb.setMedia("", "light")
			tb.requireClean(path + " print")
		}
		// A table's scrolling region does not scroll on paper: a table
		// wider than the text was cut at the region's right edge (the
		// CHT docs' registrations reference lost half its second column).
		const path = "/technical/registrations/"
		tb.open(path)
		tb.setMedia("print", "light")
		if n := eval[int](tb, `document.querySelectorAll('article table').length`); n == 0 {
			t.Fatalf("%s: no table", path)
		}
		cut := eval[[]string](tb, `[...document.querySelectorAll('article table')].filter(t => t.getBoundingClientRect().right > Math.min(innerWidth, t.parentElement.getBoundingClientRect().right) + 1).map(t => Math.round(t.getBoundingClientRect().right) + 'px wide: ' + t.textContent.trim().slice(0, 50))`)
		for _, c := range cut {
			t.Errorf("%s printed: a table is cut at the page's edge: %s", path, c)
		}
		tb.setMedia("", "light")
		tb.requireClean(path + " print")
	})
	for _, path := range []string{"/technical/purging/", "/technical/databricks/", "/technical/feeding-status/", "/events/nhs-r-conference/",
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
			if bare := eval[[]string](tb, tablesOutsideRegions); len(bare) > 0 {
				t.Errorf("%s: tables outside a focusable, named table region: %v", path, bare)
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
