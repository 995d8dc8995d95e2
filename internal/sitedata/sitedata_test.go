package sitedata

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A word two glossary entries claim, as a term or a synonym and whatever
// its case, is a warning at the later claim, naming the earlier; once for
// each pair of entries. A synonym repeating its own term is not.
func TestGlossaryClashesAreWarnedAbout(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	gloss := `- term: A&E
  definition: "The emergency department."
  synonyms: [emergency department, a&e]

- term: Inhaler
  definition: "A device that puts medicine into your lungs."
  synonyms: [puffer]

- term: a&e
  definition: "A second entry for the same word."

- term: Spacer
  definition: "A tube that fits an inhaler."
  synonyms: [Puffer, inhaler]

- term: Emergency  Department
  definition: "Two spaces in the term: the matcher reads one."
`
	if err := os.MkdirAll(filepath.Join(root, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "data", "glossary.yaml"), []byte(gloss), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := Load(root)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range d.Warnings {
		got = append(got, w.Pos()+" "+string(w.Severity)+" "+w.Message)
	}
	want := []string{
		`data/glossary.yaml:9 warning glossary term "a&e" is also the term "A&E" at line 1: a page links it to either definition, depending on what the page linked before`,
		`data/glossary.yaml:14 warning glossary synonym "Puffer" of "Spacer" is also a synonym of "Inhaler" at line 7: a page links it to either definition, depending on what the page linked before`,
		`data/glossary.yaml:16 warning glossary term "Emergency  Department" is also a synonym of "A&E" at line 3: a page links it to either definition, depending on what the page linked before`,
	}
	if !slices.Equal(got, want) {
		t.Fatalf("warnings =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(d.Glossary) != 5 {
		t.Errorf("%d glossary entries, want all 5 kept", len(d.Glossary))
	}
}

// The demo site's glossary, written by hand, has no clash.
func TestDemoGlossaryHasNoClash(t *testing.T) {
	t.Parallel()
	d, err := Load(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Glossary) < 20 {
		t.Fatalf("the demo glossary has %d entries; is the repository root the site?", len(d.Glossary))
	}
	if len(d.Warnings) > 0 {
		t.Errorf("warnings: %v", d.Warnings)
	}
}
