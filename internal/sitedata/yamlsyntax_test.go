package sitedata

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/diag"
)

// TestYAMLMistakesInDataFiles: a mistake typed in a data file is reported
// in a writer's words at the line to edit (package yamlsyntax), as in
// front matter and medkb.yaml.
func TestYAMLMistakesInDataFiles(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, file, src string
		want            diag.Diagnostic
	}{
		{"a colon in a person's role", "authors", "amorgan:\n  name: Dr A Morgan\n  role: GP: Leeds\n",
			diag.Diagnostic{File: "data/authors.yaml", Line: 3, Severity: diag.Error,
				Message: "the value of role has a colon followed by a space, which YAML reads as the start of another key: role: GP: Leeds",
				Hint:    `put the value in quotes: role: "GP: Leeds"`}},
		{"a person written twice", "authors", "amorgan:\n  name: Dr A Morgan\n\namorgan:\n  name: Dr Ann Morgan\n",
			diag.Diagnostic{File: "data/authors.yaml", Line: 4, Severity: diag.Error,
				Message: "amorgan is written twice, at lines 1 and 4; YAML allows a key once",
				Hint:    "keep one of them: delete line 4 or line 1, with any lines indented under it"}},
		{"a glossary entry indented one space", "glossary", "- term: Spacer\n  definition: A tube.\n - term: Inhaler\n",
			diag.Diagnostic{File: "data/glossary.yaml", Line: 3, Severity: diag.Error,
				Message: `line 3 is indented 1 space, which lines up with no line above it: " - term: Inhaler"`,
				Hint:    "remove the spaces before it, like - term: Spacer on line 1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			root := t.TempDir()
			if err := os.MkdirAll(filepath.Join(root, "data"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(root, "data", tc.file+".yaml"), []byte(tc.src), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Load(root)
			list := diag.From(err)
			if len(list) != 1 || list[0] != tc.want {
				t.Errorf("Load error:\n%v\nwant\n%+v", err, tc.want)
			}
		})
	}
}

// TestYAMLMistakesInSynonyms: data/synonyms.yaml's mistakes in a writer's
// words at the line to edit, every key written twice each at its line,
// and a tag or an anchor that drops a word of a phrase a warning at its
// line (Data.Warnings): the search would have used the phrase without it.
func TestYAMLMistakesInSynonyms(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src      string
		want, warnings []string // String() of each diagnostic
	}{
		{"a colon in a value", "groups:\n  - [asthma, wheeze]\nremove: Note: none\n",
			[]string{"data/synonyms.yaml:3: error: the value of remove has a colon followed by a space, which YAML reads as the start of another key: remove: Note: none\n\thint: put the value in quotes: remove: \"Note: none\""}, nil},
		{"a tab", "- [asthma, wheeze]\n\t- [mi, heart attack]\n",
			[]string{"data/synonyms.yaml:2: error: line 2 is indented with a tab, and YAML indents with spaces only: \"\\t- [mi, heart attack]\"\n\thint: indent with spaces, not tabs: write line 2 as \"- [mi, heart attack]\""}, nil},
		{"an unclosed quote in a group", "- [asthma, wheeze]\n- [\"mi, heart attack]\n",
			[]string{"data/synonyms.yaml:2: error: the quote opened in the value of the list item on line 2 never closes: - [\"mi, heart attack]\n\thint: end the quoted text with a closing \", e.g. - [\"mi, heart attack\"]"}, nil},
		{"groups and remove written twice", "groups:\n  - [asthma, wheeze]\nremove:\n  - [mi]\ngroups:\n  - [copd, emphysema]\nremove: [[cold]]\n",
			[]string{
				"data/synonyms.yaml:5: error: groups is written twice, at lines 1 and 5; YAML allows a key once\n\thint: keep one of them: delete line 5 or line 1, with any lines indented under it",
				"data/synonyms.yaml:7: error: remove is written twice, at lines 3 and 7; YAML allows a key once\n\thint: keep one of them: delete line 7 or line 3, with any lines indented under it",
			}, nil},
		{"a tag and an anchor in groups", "- [!urgent asthma, wheeze]\n- &copd [copd, emphysema]\n", nil,
			[]string{
				"data/synonyms.yaml:1: warning: the value on line 1 starts with !urgent, which YAML reads as a tag (a type for the value) and medkb ignores, so it reads \"asthma\": - [!urgent asthma, wheeze]\n\thint: delete !urgent",
				"data/synonyms.yaml:2: warning: the value on line 2 starts with &copd, which YAML reads as an anchor (a name for the value, to repeat it elsewhere as *copd), not as text: - &copd [copd, emphysema]\n\thint: delete &copd",
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			root := t.TempDir()
			if err := os.MkdirAll(filepath.Join(root, "data"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(root, "data", "synonyms.yaml"), []byte(tc.src), 0o644); err != nil {
				t.Fatal(err)
			}
			d, err := Load(root)
			var got, warned []string
			for _, x := range diag.From(err) {
				got = append(got, x.String())
			}
			for _, x := range d.Warnings {
				warned = append(warned, x.String())
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") || strings.Join(warned, "\n") != strings.Join(tc.warnings, "\n") {
				t.Errorf("Load errors:\n%s\nwarnings:\n%s\nwant errors:\n%s\nwarnings:\n%s", strings.Join(got, "\n"), strings.Join(warned, "\n"), strings.Join(tc.want, "\n"), strings.Join(tc.warnings, "\n"))
			}
		})
	}
}
