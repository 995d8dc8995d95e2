package importer_test

import (
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/importer"
)

// Each tag page of the Jekyll documentation theme (pages/tags/tag_fhir.md)
// is only {% include taglogic.html %}, a Liquid loop over the pages and
// posts with the page's tagName:. It was imported as an article whose
// body was an HTML comment: an empty page for each tag (19 in the Digital
// Child Health guide, nhsconnect/Digital-Child-Health-STU3, Apache-2.0,
// whose tag_rest.md has "tagName: rest"). Now it is not imported: medkb
// makes /tags/fhir/ itself; links to it go there and the note gives the
// web server's redirect for its old address. A tag no imported page has
// (rest, named by the file when tagName: is missing) goes to /tags/.
func TestImportJekyllDocumentationThemeTagPages(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":                          "title: Child Health\nurl: https://clinic.example.org\n",
		"pages/tags/tag_fhir.md":               "---\ntitle: \"Fhir\"\ntagName: fhir\nsearch: exclude\npermalink: tag_fhir.html\nsidebar: overview_sidebar\nfolder: tags\n---\n{% include taglogic.html %}\n",
		"pages/tags/tag_rest.md":               "---\ntitle: \"Rest\"\npermalink: tag_rest.html\n---\n\n{% include taglogic.html %}\n",
		"pages/support/support_careconnect.md": "---\ntitle: CareConnect profiles\ndate: 2019-08-21\ntags: [fhir,messaging]\nsidebar: overview_sidebar\npermalink: support_careconnect.html\n---\nSee [the FHIR pages](tag_fhir.html) and [REST](/tag_rest.html).\n",
	})
	wantImported(t, dest, map[string]bool{"pages/tag-fhir.md": false, "pages/tag-rest.md": false, "pages/support-careconnect.md": true})
	wantNote(t, rep, "pages/tags/tag_fhir.md", 9, importer.Human, "the page lists the pages and posts tagged fhir with the documentation theme's Liquid include ({% include taglogic.html %}), as medkb's topic page /tags/fhir/ does itself: not imported as a page")
	wantNoteWith(t, rep, "pages/tags/tag_fhir.md", importer.Human, "add a permanent redirect from /tag_fhir.html to /tags/fhir/")
	wantNote(t, rep, "pages/tags/tag_rest.md", 6, importer.Human, "as medkb's page of topics /tags/ does itself (no imported page is tagged rest, so medkb makes no page /tags/rest/)")
	for _, file := range []string{"pages/tags/tag_fhir.md", "pages/tags/tag_rest.md"} {
		if n := notesContaining(rep, file, "cannot be translated"); len(n) != 0 {
			t.Errorf("%s: the include is reported as Liquid left in a page: %+v", file, n)
		}
	}
	if got := readImported(t, dest, "pages/support-careconnect.md"); !strings.Contains(got, "See [the FHIR pages](/tags/fhir/) and [REST](/tags/).") {
		t.Errorf("content/pages/support-careconnect.md: want the links at the topic pages:\n%s", got)
	}
	wantNoteWith(t, rep, "pages/support/support_careconnect.md", importer.Changed, "link to /tag_fhir.html, the old site's page pages/tags/tag_fhir.md that listed the pages and posts tagged fhir (not imported), now goes to /tags/fhir/")
	// The keys of a page not imported are kept nowhere: not counted.
	if n := notesContaining(rep, "", `"tagName"`); len(n) != 0 {
		t.Errorf("tagName: of the tag pages, not imported, is said to be kept under params: %+v", n)
	}
	wantNote(t, rep, "pages/support/support_careconnect.md", 0, importer.Changed, `front matter key "sidebar" (1 pages) has no medkb meaning`)
	built, diags := build(t, dest)
	wantNoDiagnostics(t, diags, "link")
	if page := string(built["tags/fhir/index.html"]); !strings.Contains(page, "CareConnect profiles") {
		t.Errorf("/tags/fhir/ does not list the tagged page:\n%s", page)
	}
}
