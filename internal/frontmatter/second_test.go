package frontmatter

import (
	"reflect"
	"testing"

	"github.com/medkb/medkb/internal/page"
)

// TestSecondBlockIsNoted: a block of front matter keys at the top of the
// body (pasted under the file's own, YAML or TOML) is noted with its
// lines, formats and keys,
// where the writer would look; a thematic break followed by ordinary text,
// or by keys medkb does not know, is not.
func TestSecondBlockIsNoted(t *testing.T) {
	t.Parallel()
	const gout = "---\ntitle: Gout\ndate: 2024-01-02\n---\n\n---\nsummary: Joint pain\ntags: [joints]\n---\n\nGout is...\n"
	tests := []struct {
		name, file, in string
		want           *page.SecondBlock
	}{
		{"the pasted block", "content/conditions/gout.md", gout,
			&page.SecondBlock{Line: 6, EndLine: 9, Delim: "---", FrontMatterLine: 1, FrontMatterEnd: 4, FrontMatterDelim: "---", Keys: []string{"summary", "tags"}}},
		{"CRLF and a blank line above the front matter", "content/conditions/gout.md",
			"\r\n---\r\ntitle: Gout\r\n---\r\n---\r\nsummary: Joint pain\r\n---\r\nBody.\r\n",
			&page.SecondBlock{Line: 5, EndLine: 7, Delim: "---", FrontMatterLine: 2, FrontMatterEnd: 4, FrontMatterDelim: "---", Keys: []string{"summary"}}},
		{"under TOML front matter", "content/_index.md",
			"+++\ntitle = \"Home\"\n+++\n---\ncolour: red\nlastmod: 2024-01-01\n---\n",
			&page.SecondBlock{Line: 4, EndLine: 7, Delim: "---", FrontMatterLine: 1, FrontMatterEnd: 3, FrontMatterDelim: "+++", Keys: []string{"colour", "lastmod"}}},
		{"TOML under YAML", "content/conditions/gout.md",
			"---\ntitle: Gout\n---\n\n+++\nsummary = \"Joint pain\"\n\n[params]\ncolour = \"red\"\n+++\n\nGout is...\n",
			&page.SecondBlock{Line: 5, EndLine: 10, Delim: "+++", FrontMatterLine: 1, FrontMatterEnd: 3, FrontMatterDelim: "---", Keys: []string{"summary", "params"}}},
		{"TOML under TOML, CRLF", "content/_index.md",
			"+++\r\ntitle = \"Home\"\r\n+++\r\n+++\r\nsummary = 'S'\r\n+++\r\n",
			&page.SecondBlock{Line: 4, EndLine: 6, Delim: "+++", FrontMatterLine: 1, FrontMatterEnd: 3, FrontMatterDelim: "+++", Keys: []string{"summary"}}},
		{"TOML keys medkb does not know", "content/a.md", "---\ntitle: A\n---\n+++\nnote = \"take with food\"\n+++\n", nil},
		{"+++ and text", "content/a.md", "---\ntitle: A\n---\n+++\nsummary = the point, in prose\n+++\n", nil},
		{"a thematic break and a paragraph", "content/a.md", "---\ntitle: A\n---\n---\n\nKey point: rest of the sentence.\n", nil},
		{"a thematic break and a setext heading", "content/a.md", "---\ntitle: A\n---\n---\nKey point: rest\n---\n", nil},
		{"keys medkb does not know", "content/a.md", "---\ntitle: A\n---\n---\nNote: take with food.\n---\n", nil},
		{"text before the break", "content/a.md", "---\ntitle: A\n---\nIntro.\n\n---\nsummary: S\n---\n", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r, err := Parse(tc.file, []byte(tc.in))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			got := r.Meta.SecondBlock
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("SecondBlock = %+v, want %+v", got, tc.want)
			}
			if r.Meta.Summary != "" {
				t.Errorf("the second block's summary was read: %q", r.Meta.Summary)
			}
		})
	}
}
