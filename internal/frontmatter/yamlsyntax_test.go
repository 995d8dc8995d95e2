package frontmatter

import (
	"testing"

	"github.com/medkb/medkb/internal/diag"
)

// TestYAMLMistakes: what a writer types by mistake in front matter is
// reported in plain words at the line to edit, counted from the top of the
// file, with the edit that fixes it (package yamlsyntax has every kind;
// these are the common ones, through Parse and the real yaml.v3).
func TestYAMLMistakes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in      string
		line          int
		message, hint string
	}{
		{"a colon in an unquoted title", "---\ntitle: Asthma: what to do\n---\nBody.\n", 2,
			"front matter: the value of title has a colon followed by a space, which YAML reads as the start of another key: title: Asthma: what to do",
			`put the value in quotes: title: "Asthma: what to do"`},
		{"a key written twice", "---\ntitle: Asthma\nsummary: Wheeze and breathlessness in adults.\ntitle: Asthma in adults\n---\nBody.\n", 4,
			"front matter: title is written twice, at lines 2 and 4; YAML allows a key once",
			"keep one of them: delete line 4 or line 2, with any lines indented under it"},
		{"a tab for indentation, after blank lines above the block", "\n\n---\ntitle: Asthma\ntags:\n\t- asthma\n---\nBody.\n", 6,
			`front matter: line 6 is indented with a tab, and YAML indents with spaces only: "\t- asthma"`,
			`indent with spaces, not tabs: write line 6 as "  - asthma"`},
		{"an unclosed quote, reported where it opens", "---\ntitle: \"Asthma\nsummary: Wheeze and breathlessness in adults.\ntags: [asthma]\n---\nBody.\n", 2,
			`front matter: the quote opened in the value of title on line 2 never closes: title: "Asthma`,
			`end the value with a closing ": title: "Asthma"`},
		{"a reference key one space short, with CRLF line ends", "---\r\ntitle: A\r\nreferences:\r\n  - id: nice2023\r\n    title: Asthma\r\n   year: 2023\r\n---\r\nBody.\r\n", 6,
			`front matter: line 6 is indented 3 spaces, which lines up with no line above it: "   year: 2023"`,
			"indent it 4 spaces, like title: Asthma on line 5"},
		{"Markdown emphasis at the start of a summary", "---\ntitle: A\nsummary: *Asthma* is common\n---\nBody.\n", 3,
			"front matter: the value of summary starts with *, which YAML reads as a reference to an anchor (*name): summary: *Asthma* is common",
			`put the value in quotes: summary: "*Asthma* is common"`},
		{"no space after the colon", "---\ntitle:Asthma\nsummary: x\n---\nBody.\n", 2,
			"front matter: no space after the colon in title:Asthma, so YAML reads this line and the next as one key",
			"put a space after the colon: title: Asthma"},
		// Not one yamlsyntax knows: yaml.v3's wording, at its line counted
		// from the top of the file, and the general hint.
		{"not recognised", "---\ntitle: A\ntags: [a, , b]\n---\nBody.\n", 2,
			"front matter: did not find expected node content",
			"fix the YAML: each key on its own line as key: value; quote values that contain a colon"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := Parse("content/a.md", []byte(tc.in))
			list := diag.From(err)
			if len(list) != 1 {
				t.Fatalf("Parse error = %v, want one diagnostic", err)
			}
			want := diag.Diagnostic{File: "content/a.md", Line: tc.line, Severity: diag.Error, Message: tc.message, Hint: tc.hint}
			if list[0] != want {
				t.Errorf("got\n%+v\nwant\n%+v", list[0], want)
			}
		})
	}
}
