package importer_test

import (
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/importer"
)

// TestImportJekyllAlertIncludes: the documentation theme's alerts, as a
// real clinical implementation guide writes them
// (nhsconnect/Digital-Child-Health-STU3, Apache-2.0, (c) NHS Digital:
// its _includes/important.html and one line of overview_the_journey.md),
// became HTML comments, so the built page lost the warning's text. Now
// an alert alone between blank lines is a medkb callout with its text
// and links; a note.html of a site's own that is no alert, and an alert
// in the middle of a paragraph, stay reported comments.
func TestImportJekyllAlertIncludes(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":              "title: Digital Child Health\nurl: https://dch.example.org\n",
		"_includes/important.html": `<div markdown="span" class="alert alert-warning" role="alert"><i class="fa fa-warning"></i> <b>Important:</b> {{include.content}}</div>`,
		"_includes/tip.html":       `<div markdown="span" class="alert alert-success" role="alert"><i class="fa fa-check-square-o"></i> <b>Tip:</b> {{include.content}}</div>`,
		"_includes/note.html":      `<sup class="footnote">{{ include.content }}</sup>`,
		"journey.md": "---\ntitle: The journey\ndate: 2019-08-21\npermalink: overview_the_journey.html\n---\n\n" +
			"{% include important.html content=\"All phases outlined below are indicative and subject to on-going review.\" %}\n\n" +
			"## Profile journey\n\nThe phases are listed in the [release notes](notes.html).\n\n" +
			"  {% include tip.html content='See the [release notes](notes.html) for **each** phase.' %}\n\n" +
			"Text before {% include important.html content=\"inline\" %} and after.\n\n" +
			"{% include note.html content=\"a footnote\" %}\n",
		"notes.md": "---\ntitle: Release notes\ndate: 2019-08-21\npermalink: notes.html\n---\nThe notes.\n",
	})
	page := readNewSiteFile(t, dest, "content/pages/journey.md")
	for _, want := range []string{
		"> [!IMPORTANT]\n> All phases outlined below are indicative and subject to on-going review.\n",
		"  > [!TIP]\n  > See the [release notes](/notes/) for **each** phase.\n",
		`<!-- medkb import: {% include important.html content="inline" %} -->`,
		`<!-- medkb import: {% include note.html content="a footnote" %} -->`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("content/pages/journey.md lacks %q:\n%s", want, page)
		}
	}
	wantNoteWith(t, rep, "journey.md", importer.Changed, "{% include important.html", "> [!IMPORTANT] callout")
	wantNoteWith(t, rep, "journey.md", importer.Human, `{% include note.html content="a footnote" %} cannot be translated`)
	// The lines keep their numbers: the tip is line 13 of journey.md.
	if n := notesContaining(rep, "journey.md", "{% include tip.html"); len(n) != 1 || n[0].Line != 13 {
		t.Errorf("tip note: %+v, want one on line 13", n)
	}

	files, _ := build(t, dest)
	html := string(files["overview_the_journey/index.html"])
	for _, want := range []string{
		`<aside class="callout callout-important"`, "All phases outlined below are indicative and subject to on-going review.",
		`<aside class="callout callout-tip"`, `<a href="/notes/">release notes</a> for <strong>each</strong> phase`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the built page lacks %q:\n%s", want, html)
		}
	}
}
