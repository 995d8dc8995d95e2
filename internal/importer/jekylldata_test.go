package importer_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/importer"
	"go.yaml.in/yaml/v3"
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
	// Since session 58 each file has its note, saying what it held and
	// which templates showed it. The glossary's names are ids (cap for
	// the Common Assurance Process), not terms: named, not carried.
	wantNoteWith(t, rep, "_data/sidebars/overview_sidebar.yml", importer.Human, "not imported: a data file Jekyll's templates read as site.data.sidebars.overview_sidebar, which held 1 key (entries)", "no template of the site (_layouts/, _includes/) names site.data.sidebars", "menu: in medkb.yaml")
	wantNoteWith(t, rep, "_data/glossary.yml", importer.Human, "not imported: a data file Jekyll's templates read as site.data.glossary, which held 1 key (cap)", "data/glossary.yaml")

	_, rep = importJekyll(t, map[string]string{
		"_config.yml": "title: Clinic\nurl: https://clinic.example.org\n",
		"index.md":    "---\ntitle: Home\n---\nWelcome.\n",
	})
	for _, n := range rep.Notes {
		if strings.Contains(n.Message, "data file") {
			t.Errorf("data note on a site without _data/: %v", n)
		}
	}
}

// Jekyll's own documentation keeps a site's authors in _data/authors.yml
// (each id to a name and more), its posts naming one by id (author:
// dmosher) and a layout showing site.data.authors[page.author]. The
// import named the file only, and credited each post to an author named
// by the id. Now the name and bio fill data/authors.yaml and the keys
// medkb has no place for are named; its navigation (_data/nav.yml) is
// named with the include that showed it.
func TestImportJekyllAuthorsData(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":                 "title: Clinic\nurl: https://clinic.example.org\n",
		"_data/authors.yml":           "dmosher:\n  name: David Mosher\n  bio: Respiratory nurse.\n  twitter: dmosher\n",
		"_layouts/post.html":          "<article>\n{% assign author = site.data.authors[page.author] %}\n<p>{{ author.name }}</p>\n{{ content }}\n</article>\n",
		"_data/nav.yml":               "- title: Conditions\n  url: /conditions/\n- title: Contact\n  url: /contact/\n",
		"_includes/nav.html":          "<ul>{% for item in site.data[\"nav\"] %}<li>{{ item.title }}</li>{% endfor %}</ul>\n",
		"_posts/2024-01-02-asthma.md": "---\nlayout: post\ntitle: Asthma\nauthor: dmosher\n---\nAsthma narrows the airways.\n",
	})
	data, err := os.ReadFile(filepath.Join(dest, "data", "authors.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var authors map[string]map[string]string
	if err := yaml.Unmarshal(data, &authors); err != nil {
		t.Fatal(err)
	}
	if a := authors["dmosher"]; a["name"] != "David Mosher" || a["bio"] != "Respiratory nurse." {
		t.Errorf("data/authors.yaml's dmosher: %v, want the name and bio of _data/authors.yml", a)
	}
	wantNoteWith(t, rep, "_data/nav.yml", importer.Human, "not imported: a data file Jekyll's templates read as site.data.nav, which held a list of 2 entries", "the templates that showed it (_includes/nav.html:1) are not imported")
	wantNoteWith(t, rep, "_data/authors.yml", importer.Human, "the old site's author data (site.data.authors): the name and details of dmosher", "not carried: twitter")
	build(t, dest)
}
