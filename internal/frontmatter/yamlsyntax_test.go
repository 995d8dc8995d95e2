package frontmatter

import (
	"slices"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/page"
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

// TestYAMLReadNotAsMeant: what yaml.v3 reads without an error but not as
// the writer meant. Every key written twice is an error at its line (not
// only the first, and one inside a reference too); a tag or an anchor that
// drops a word of the text is a warning with the page, at the file's line.
func TestYAMLReadNotAsMeant(t *testing.T) {
	t.Parallel()
	in := "\n---\ntitle: Asthma\nsummary: Wheeze.\naudience: patient\nreferences:\n  - id: a\n    year: 2020\n    year: 2021\nsummary: Breathless.\naudience: professional\n---\nBody.\n"
	_, err := Parse("content/a.md", []byte(in))
	var got []string
	for _, d := range diag.From(err) {
		got = append(got, d.String())
	}
	want := []string{
		"content/a.md:9: error: front matter: year is written twice, at lines 8 and 9; YAML allows a key once\n\thint: keep one of them: delete line 9 or line 8, with any lines indented under it",
		"content/a.md:10: error: front matter: summary is written twice, at lines 4 and 10; YAML allows a key once\n\thint: keep one of them: delete line 10 or line 4, with any lines indented under it",
		"content/a.md:11: error: front matter: audience is written twice, at lines 5 and 11; YAML allows a key once\n\thint: keep one of them: delete line 11 or line 5, with any lines indented under it",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Parse errors:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	r, err := Parse("content/b.md", []byte("---\ntitle: !important Asthma\nsummary: &Note Wheeze and breathlessness.\ntags: [!!str 2024]\n---\nBody.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Meta.Title != "Asthma" || r.Meta.Summary != "Wheeze and breathlessness." {
		t.Errorf("title %q, summary %q: yaml.v3 reads them so", r.Meta.Title, r.Meta.Summary)
	}
	wantWarn := []page.YAMLWarning{
		{Line: 2, Message: `front matter: the value of title starts with !important, which YAML reads as a tag (a type for the value) and medkb ignores, so it reads "Asthma": title: !important Asthma`,
			Hint: `delete !important; if it is part of the text, put the value in quotes: title: "!important Asthma"`},
		{Line: 3, Message: `front matter: the value of summary starts with &Note, which YAML reads as an anchor (a name for the value, to repeat it elsewhere as *Note), not as text, so it reads "Wheeze and breathlessness.": summary: &Note Wheeze and breathlessness.`,
			Hint: `delete &Note; if it is part of the text, put the value in quotes: summary: "&Note Wheeze and breathlessness."`},
	}
	if !slices.Equal(r.Meta.YAMLWarnings, wantWarn) {
		t.Errorf("warnings\n%+v\nwant\n%+v", r.Meta.YAMLWarnings, wantWarn)
	}

	// TOML front matter, read through YAML, has none.
	r, err = Parse("content/c.md", []byte("+++\ntitle = \"!important Asthma\"\nsummary = \"&Note Wheeze\"\n+++\nBody.\n"))
	if err != nil || r.Meta.YAMLWarnings != nil || r.Meta.Title != "!important Asthma" {
		t.Errorf("TOML: %v, warnings %v, title %q", err, r.Meta.YAMLWarnings, r.Meta.Title)
	}
}

// TestReadIDYAMLMistakes: readID, which reads back the id SetID pinned,
// says a YAML mistake in a writer's words at the file's line (the block
// opens below a blank line here), as Parse does; SetID on a page whose
// front matter was broken before says so at the line as the file is,
// not that the id broke it.
func TestReadIDYAMLMistakes(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"a colon in a value", "\n---\ntitle: Asthma: what to do\n---\nBody.\n",
			`line 3: the value of title has a colon followed by a space, which YAML reads as the start of another key: title: Asthma: what to do; put the value in quotes: title: "Asthma: what to do"`},
		{"a tab", "\n---\ntitle: A\ntags:\n\t- a\n---\nBody.\n",
			`line 5: line 5 is indented with a tab, and YAML indents with spaces only: "\t- a"; indent with spaces, not tabs: write line 5 as "  - a"`},
		{"an unclosed quote", "\n---\ntitle: \"Asthma\nsummary: x\n---\nBody.\n",
			`line 3: the quote opened in the value of title on line 3 never closes: title: "Asthma; end the value with a closing ": title: "Asthma"`},
		{"a key twice", "\n---\ntitle: A\nsummary: x\ntitle: B\n---\nBody.\n",
			"line 5: title is written twice, at lines 3 and 5; YAML allows a key once; keep one of them: delete line 5 or line 3, with any lines indented under it"},
		{"not one yamlsyntax knows", "\n---\ntitle: A\ntags: [a, , b]\n---\nBody.\n",
			"line 3: did not find expected node content; fix the YAML: each key on its own line as key: value; quote values that contain a colon"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if _, err := readID([]byte(tc.in)); err == nil || err.Error() != tc.want {
				t.Errorf("readID error:\n%v\nwant\n%s", err, tc.want)
			}
		})
	}
	_, err := SetID("content/a.md", []byte("---\ntitle: A\nsummary: Asthma: what to do\n---\nBody.\n"), "tag:x.test,2024:a")
	want := `content/a.md: the front matter does not parse, so its id cannot be set: line 3: the value of summary has a colon followed by a space, which YAML reads as the start of another key: summary: Asthma: what to do; put the value in quotes: summary: "Asthma: what to do"`
	if err == nil || err.Error() != want {
		t.Errorf("SetID error:\n%v\nwant\n%s", err, want)
	}
}
