package importer_test

import (
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/importer"
)

// TestImportJekyllDataNoted: a real documentation-theme-jekyll site
// (nhsconnect/Digital-Child-Health-STU3, Apache-2.0, (c) NHS Digital)
// lists its 70 pages in _data/sidebars/overview_sidebar.yml and keeps a
// glossary in _data/glossary.yml. The import skipped _data/ like any
// folder starting with _, without a word, so the site's navigation was
// gone; now a note names the files and where medkb keeps such things.
func TestImportJekyllDataNoted(t *testing.T) {
	t.Parallel()
	_, rep := importJekyll(t, map[string]string{
		"_config.yml":                         "title: Digital Child Health\nurl: https://dch.example.org\n",
		"_data/sidebars/overview_sidebar.yml": "entries:\n- title: Digital Child Health (DCH)\n  folders:\n  - title: Overview\n    folderitems:\n    - title: The Journey\n      url: /overview_the_journey.html\n",
		"_data/glossary.yml":                  "cap: \"The <i>Common Assurance Process</i> is an NHS process.\"\n",
		"index.md":                            "---\ntitle: Home\n---\nChild Health Events.\n",
	})
	wantNoteWith(t, rep, "_data", importer.Human, "data files are not imported (glossary.yml, sidebars/overview_sidebar.yml)", "menu: in medkb.yaml", "data/glossary.yaml")

	_, rep = importJekyll(t, map[string]string{
		"_config.yml": "title: Clinic\nurl: https://clinic.example.org\n",
		"index.md":    "---\ntitle: Home\n---\nWelcome.\n",
	})
	for _, n := range rep.Notes {
		if strings.Contains(n.Message, "data files") {
			t.Errorf("data note on a site without _data/: %v", n)
		}
	}
}
