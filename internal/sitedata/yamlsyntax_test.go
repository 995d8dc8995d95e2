package sitedata

import (
	"os"
	"path/filepath"
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
