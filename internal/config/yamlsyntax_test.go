package config

import (
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/diag"
)

// TestYAMLMistakes: a mistake typed in medkb.yaml is reported in plain
// words at the line to edit, with the edit that fixes it (the real
// yaml.v3; package yamlsyntax has every kind it knows).
func TestYAMLMistakes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src     string
		line          int
		message, hint string
	}{
		{"a key written twice", "title: Asthma care\nbase_url: https://example.org/\ntitle: Other\n", 3,
			"title is written twice, at lines 1 and 3; YAML allows a key once",
			"keep one of them: delete line 3 or line 1, with any lines indented under it"},
		{"a colon in an unquoted title", "title: Asthma: a guide\nbase_url: https://example.org/\n", 1,
			"the value of title has a colon followed by a space, which YAML reads as the start of another key: title: Asthma: a guide",
			`put the value in quotes: title: "Asthma: a guide"`},
		{"a tab for indentation", "title: A\nfeeds:\n\tcontent: full\n", 3,
			`line 3 is indented with a tab, and YAML indents with spaces only: "\tcontent: full"`,
			`indent with spaces, not tabs: write line 3 as "  content: full"`},
		{"a menu key one space short", "title: A\nmenu:\n  - name: Home\n    url: /\n   weight: 1\n", 5,
			`line 5 is indented 3 spaces, which lines up with no line above it: "   weight: 1"`,
			"indent it 4 spaces, like url: / on line 4"},
		{"an unclosed quote", "title: \"Asthma care\nbase_url: https://example.org/\n", 1,
			`the quote opened in the value of title on line 1 never closes: title: "Asthma care`,
			`end the value with a closing ": title: "Asthma care"`},
		{"Markdown emphasis at the start of a value", "title: A\ndisclaimer: *Not* medical advice\n", 2,
			"the value of disclaimer starts with *, which YAML reads as a reference to an anchor (*name): disclaimer: *Not* medical advice",
			`put the value in quotes: disclaimer: "*Not* medical advice"`},
		// Not one yamlsyntax knows: yaml.v3's wording and the general hint.
		{"not recognised", "title: A\nmenu: [a, , b]\n", 1,
			"did not find expected node content",
			"fix the YAML syntax; keys are lowercase like base_url and title"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := Parse([]byte(tc.src))
			list := diag.From(err)
			if len(list) != 1 {
				t.Fatalf("Parse error = %v, want one diagnostic", err)
			}
			want := diag.Diagnostic{File: FileName, Line: tc.line, Severity: diag.Error, Message: tc.message, Hint: tc.hint}
			if list[0] != want {
				t.Errorf("got\n%+v\nwant\n%+v", list[0], want)
			}
		})
	}
}

// TestYAMLReadNotAsMeant: every key of medkb.yaml written twice is an
// error at its line, not only the first; a tag or an anchor that drops a
// word of a value is a warning at its line (Config.Warnings).
func TestYAMLReadNotAsMeant(t *testing.T) {
	t.Parallel()
	_, err := Parse([]byte("title: A\nbase_url: https://example.org/\nfeeds:\n  content: full\n  content: summary\ntitle: B\n"))
	var got []string
	for _, d := range diag.From(err) {
		got = append(got, d.String())
	}
	want := []string{
		"medkb.yaml:5: error: content is written twice, at lines 4 and 5; YAML allows a key once\n\thint: keep one of them: delete line 5 or line 4, with any lines indented under it",
		"medkb.yaml:6: error: title is written twice, at lines 1 and 6; YAML allows a key once\n\thint: keep one of them: delete line 6 or line 1, with any lines indented under it",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Parse errors:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	c, err := Parse([]byte("title: A\nbase_url: https://example.org/\ndisclaimer: &Note Not medical advice.\n"))
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	for _, d := range c.Warnings {
		got = append(got, d.String())
	}
	want = []string{`medkb.yaml:3: warning: the value of disclaimer starts with &Note, which YAML reads as an anchor (a name for the value, to repeat it elsewhere as *Note), not as text, so it reads "Not medical advice.": disclaimer: &Note Not medical advice.` +
		"\n\thint: delete &Note; if it is part of the text, put the value in quotes: disclaimer: \"&Note Not medical advice.\""}
	if c.Disclaimer != "Not medical advice." || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("disclaimer %q, warnings:\n%s\nwant\n%s", c.Disclaimer, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
