package importer_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/medkb/medkb/internal/importer"
	"go.yaml.in/yaml/v3"
)

// A Hugo site keeps its authors in data/authors.json (each id to a name,
// a bio and a Twitter handle, which its layouts/partials/author.html
// shows through index .Site.Data.authors .Params.author, the pattern
// Hugo's documentation and many themes use), a glossary in
// data/glossary.yaml, its clinics in data/clinics/*.toml and its opening
// hours in data/hours.csv. The importer brought none of them over and
// named none: the pages credited "john" by that id, the glossary and the
// clinics were gone without a line. Now the authors' names and bios
// fill data/authors.yaml for the ids pages credit, the glossary is
// medkb's, and each other file (and each key not carried) is named with
// what it held and the templates that read it.
func TestImportHugoDataFiles(t *testing.T) {
	t.Parallel()
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml":                    "title = \"Clinic\"\nbaseURL = \"https://clinic.example.org/\"\n",
		"content/conditions/asthma.md": "---\ntitle: Asthma\ndate: 2024-01-02\nauthor: john\n---\nAsthma narrows the airways.\n",
		"data/authors.json": `{"john": {"name": "John Doe", "bio": "Respiratory nurse.", "twitter": "@johndoe"},` +
			` "jane": {"name": "Jane Smith", "bio": "Designer"}}`,
		"data/glossary.yaml":            "- term: Bronchodilator\n  definition: A medicine that opens the airways.\n- term: Spacer\n  definition: A tube that holds the medicine of an inhaler.\n",
		"data/clinics/london.toml":      "name = \"London clinic\"\naddress = \"1 High Street\"\n",
		"data/hours.csv":                "day,open\nMonday,9\n",
		"layouts/partials/author.html":  "<div>\n{{ $author := index .Site.Data.authors .Params.author }}\n<p>{{ $author.name }}</p>\n</div>\n",
		"layouts/partials/clinics.html": "{{ range .Site.Data.clinics }}<li>{{ .name }}</li>{{ end }}\n",
	})
	var authors map[string]map[string]string
	data, err := os.ReadFile(filepath.Join(dest, "data", "authors.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, &authors); err != nil {
		t.Fatal(err)
	}
	if a := authors["john"]; a["name"] != "John Doe" || a["bio"] != "Respiratory nurse." {
		t.Errorf("data/authors.yaml's john: %v, want the name and bio of data/authors.json", a)
	}
	if _, ok := authors["jane"]; ok {
		t.Error("jane, whom no page credits, is in data/authors.yaml")
	}
	var gloss []map[string]string
	data, err = os.ReadFile(filepath.Join(dest, "data", "glossary.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, &gloss); err != nil || len(gloss) != 2 || gloss[0]["term"] != "Bronchodilator" || gloss[1]["definition"] != "A tube that holds the medicine of an inhaler." {
		t.Errorf("data/glossary.yaml: %v (%v), want the two terms of data/glossary.yaml", gloss, err)
	}
	wantNoteWith(t, rep, "data/authors.json", importer.Human, "the name and details of john, whom pages credit by that id, carried into data/authors.yaml", "not carried: twitter", "not carried: jane, whom no imported page credits")
	wantNoteWith(t, rep, "data/glossary.yaml", importer.Changed, "2 terms carried into data/glossary.yaml")
	wantNoteWith(t, rep, "data/clinics/london.toml", importer.Human, "not imported: a data file Hugo's templates read as .Site.Data.clinics.london, which held 2 keys (address, name)", "layouts/partials/clinics.html:1")
	wantNoteWith(t, rep, "data/hours.csv", importer.Human, "not imported: a data file Hugo read as .Site.Data.hours, in a format medkb does not read (csv)", "no template of the site")
	build(t, dest)

	// A file per author (data/authors/ada.yaml, .Site.Data.authors.ada),
	// and a glossary whose entries have no definition: named, not made
	// medkb's glossary.
	dest, rep = importHugo(t, map[string]string{
		"hugo.toml":                    "title = \"Clinic\"\nbaseURL = \"https://clinic.example.org/\"\n",
		"content/conditions/asthma.md": "---\ntitle: Asthma\ndate: 2024-01-02\nauthors: [ada]\n---\nAsthma narrows the airways.\n",
		"data/authors/ada.yaml":        "name: Ada Lovelace\nwebsite: https://ada.example.org/\n",
		"data/glossary.yaml":           "- term: Spacer\n  image: spacer.png\n",
	})
	data, err = os.ReadFile(filepath.Join(dest, "data", "authors.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	authors = nil
	if err := yaml.Unmarshal(data, &authors); err != nil {
		t.Fatal(err)
	}
	if a := authors["ada"]; a["name"] != "Ada Lovelace" || a["url"] != "https://ada.example.org/" {
		t.Errorf("data/authors.yaml's ada: %v, want the name and website (url:) of data/authors/ada.yaml", a)
	}
	wantNoteWith(t, rep, "data/authors/ada.yaml", importer.Changed, "the name and details of ada")
	wantNoteWith(t, rep, "data/glossary.yaml", importer.Human, "not imported: a data file Hugo's templates read as .Site.Data.glossary, which held a list of 1 entry")
	if _, err := os.Stat(filepath.Join(dest, "data", "glossary.yaml")); err == nil {
		t.Error("a glossary without definitions made data/glossary.yaml")
	}
	build(t, dest)
}
