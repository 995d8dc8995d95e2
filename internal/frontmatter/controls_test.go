package frontmatter

import (
	"slices"
	"testing"

	"github.com/medkb/medkb/internal/page"
)

// TestControlCharactersInValuesAreReadAsWrittenAndFound: a C1 control in
// a title pasted out of Word (U+0092, Windows-1252's ’) made yaml.v3
// refuse the whole front matter with "control characters are not
// allowed" at the opening line, and U+0085 (Windows-1252's …) it read as
// a line break; written as a YAML escape or in TOML, it passed silently
// into the page's heading, tab and feeds. Each is now read as written
// and found at its value, for the body's control-char rule to report.
func TestControlCharactersInValuesAreReadAsWrittenAndFound(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in string
		title    string
		want     []page.ControlChar
	}{
		{"raw in a plain title", "---\ntitle: You\u0092ll feel better\n---\nBody.\n", "You\u0092ll feel better",
			[]page.ControlChar{{Line: 2, Col: 8, Key: "title", Rune: 0x92}}},
		{"raw in a quoted description, after blank lines", "\n---\ntitle: A\ndescription: \"It\u0092s fine\"\n---\nBody.\n", "A",
			[]page.ControlChar{{Line: 4, Col: 14, Key: "description", Rune: 0x92}}},
		{"an ellipsis read as a line break", "---\ntitle: Wait\u0085 then\n---\nBody.\n", "Wait\u0085 then",
			[]page.ControlChar{{Line: 2, Col: 8, Key: "title", Rune: 0x85}}},
		{"a YAML escape in a summary, a vertical tab in a block", "---\ntitle: A\nsummary: \"You\\x92ll\"\nchange_note: |\n  One\n  Two\u000bthree\n---\nBody.\n", "A",
			[]page.ControlChar{{Line: 3, Col: 10, Key: "summary", Rune: 0x92}, {Line: 4, Col: 14, Key: "change_note", Rune: 0x0B}}},
		{"a reference's title", "---\ntitle: A\nreferences:\n  - id: x\n    title: \"Asthma \u0096 a guide\"\n    year: 2020\n---\nBody.\n", "A",
			[]page.ControlChar{{Line: 5, Col: 12, Key: "references: title", Rune: 0x96}}},
		{"TOML, at the key's line", "+++\ntitle = \"You\u0092ll\"\n+++\nBody.\n", "You\u0092ll",
			[]page.ControlChar{{Line: 2, Key: "title", Rune: 0x92}}},
		{"none: a form feed, letters above U+009F", "---\ntitle: Caf\u00e9 \u2019s\u000c\n---\nBody.\n", "Caf\u00e9 \u2019s\u000c", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r, err := Parse("content/a.md", []byte(tc.in))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if r.Meta.Title != tc.title {
				t.Errorf("title %q, want %q", r.Meta.Title, tc.title)
			}
			if !slices.Equal(r.Meta.Controls, tc.want) {
				t.Errorf("controls %+v, want %+v", r.Meta.Controls, tc.want)
			}
		})
	}
}

// TestControlCharacterBesideAHiddenOneFailsAsBefore: a block holding a
// private-use character of the range yamlsyntax.HideControls writes (U+E000 to
// U+E09F) is not rewritten, so it cannot read back as a control.
func TestControlCharacterBesideAHiddenOneFailsAsBefore(t *testing.T) {
	t.Parallel()
	if _, err := Parse("content/a.md", []byte("---\ntitle: \ue092 and \u0092\n---\nBody.\n")); err == nil {
		t.Fatal("Parse succeeded; want yaml.v3's error")
	}
	r, err := Parse("content/a.md", []byte("---\ntitle: \ue092 alone\n---\nBody.\n"))
	if err != nil || r.Meta.Title != "\ue092 alone" || r.Meta.Controls != nil {
		t.Fatalf("Parse = %q %+v, %v; want the title as written and no control", r.Meta.Title, r.Meta.Controls, err)
	}
}
