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

		// Read by the real parsers (yaml.v3, go-toml): shapes a line rule
		// missed are blocks, and prose that only looks like keys is not.
		{"a YAML flow mapping", "content/a.md", "---\ntitle: A\n---\n---\n{summary: S, tags: [a]}\n---\n",
			&page.SecondBlock{Line: 4, EndLine: 6, Delim: "---", FrontMatterLine: 1, FrontMatterEnd: 3, FrontMatterDelim: "---", Keys: []string{"summary", "tags"}}},
		{"YAML block scalars, quoted and dotted keys", "content/a.md",
			"---\ntitle: A\n---\n---\n\"og.image\": /i.png\nsummary: |\n  Joint pain.\n  # not a comment\ndescription: >-\n  One\n  line\n'tags':\n  - a\n---\n",
			&page.SecondBlock{Line: 4, EndLine: 14, Delim: "---", FrontMatterLine: 1, FrontMatterEnd: 3, FrontMatterDelim: "---", Keys: []string{"og.image", "summary", "description", "tags"}}},
		{"a YAML key of the template medkb does not know, then one it does", "content/a.md",
			"---\ntitle: A\n---\n---\nog.image: /i.png\ntags: [a]\n---\n",
			&page.SecondBlock{Line: 4, EndLine: 7, Delim: "---", FrontMatterLine: 1, FrontMatterEnd: 3, FrontMatterDelim: "---", Keys: []string{"og.image", "tags"}}},
		{"a TOML inline table and multi-line strings", "content/a.md",
			"---\ntitle: A\n---\n+++\nparams = { colour = \"red\", size = 2 }\nsummary = \"\"\"\nJoint pain\n[not a table\nkey = 1\n\"\"\"\ndescription = '''\n\n[x]\n'''\n+++\n",
			&page.SecondBlock{Line: 4, EndLine: 15, Delim: "+++", FrontMatterLine: 1, FrontMatterEnd: 3, FrontMatterDelim: "---", Keys: []string{"params", "summary", "description"}}},
		{"TOML quoted keys, a dotted key, arrays of tables named once", "content/a.md",
			"---\ntitle: A\n---\n+++\n\"summary\" = \"S\"\n'draft' = false\nparams.colour = \"red\"\naliases = [\n  \"/old/\", # the old address\n]\n[[references]]\nid = \"a\"\n[[references]]\nid = \"b\"\n+++\n",
			&page.SecondBlock{Line: 4, EndLine: 15, Delim: "+++", FrontMatterLine: 1, FrontMatterEnd: 3, FrontMatterDelim: "---", Keys: []string{"summary", "draft", "params", "aliases", "references"}}},
		{"a TOML table's keys are not top-level keys", "content/a.md", "---\ntitle: A\n---\n+++\n[extra]\nsummary = \"S\"\n+++\n", nil},
		{"TOML: prose after a quoted phrase", "content/a.md", "---\ntitle: A\n---\n+++\nsummary = \"the point\" and more prose\n+++\n", nil},
		{"TOML: a key line, then prose", "content/a.md", "---\ntitle: A\n---\n+++\nsummary = \"S\"\nand more prose here.\n+++\n", nil},
		{"TOML: prose after a number", "content/a.md", "---\ntitle: A\n---\n+++\nweight = 3 tablets a day\n+++\n", nil},
		{"TOML: a YAML key line", "content/a.md", "---\ntitle: A\n---\n+++\nsummary: S\n+++\n", nil},
		{"TOML: a broken table header", "content/a.md", "---\ntitle: A\n---\n+++\n[params\nsummary = \"S\"\n+++\n", nil},
		{"TOML: comments only", "content/a.md", "---\ntitle: A\n---\n+++\n# nothing\n\n+++\n", nil},
		{"YAML: a key line, then prose", "content/a.md", "---\ntitle: A\n---\n---\nsummary: the point\nand more prose here.\n---\n",
			&page.SecondBlock{Line: 4, EndLine: 7, Delim: "---", FrontMatterLine: 1, FrontMatterEnd: 3, FrontMatterDelim: "---", Keys: []string{"summary"}}},
		// A pasted block that is not valid YAML still starts with its
		// writer's key: reported by its first key, so moving it up shows
		// the error; one starting with prose, or a key medkb does not
		// know, is not.
		{"YAML: a colon in an unquoted value", "content/a.md", "---\ntitle: A\n---\n---\n# from the template\nsummary: Gout: a guide\ntags: [joints]\n---\n",
			&page.SecondBlock{Line: 4, EndLine: 8, Delim: "---", FrontMatterLine: 1, FrontMatterEnd: 3, FrontMatterDelim: "---", Keys: []string{"summary"}}},
		{"YAML: invalid, under a key medkb does not know", "content/a.md", "---\ntitle: A\n---\n---\nnote: Gout: a guide\n---\n", nil},
		{"YAML: invalid, starting with prose", "content/a.md", "---\ntitle: A\n---\n---\nSummary: Gout: a guide\n---\n", nil},
		{"YAML: a list", "content/a.md", "---\ntitle: A\n---\n---\n- summary\n- tags\n---\n", nil},
		{"YAML: a URL", "content/a.md", "---\ntitle: A\n---\n---\nhttps://example.org/summary\n---\n", nil},
		{"YAML: two breaks", "content/a.md", "---\ntitle: A\n---\n---\n---\nText.\n", nil},
		{"YAML: a blank line inside", "content/a.md", "---\ntitle: A\n---\n---\nsummary: S\n\ntags: [a]\n---\n", nil},
		{"YAML: an alias is not expanded", "content/a.md", "---\ntitle: A\n---\n---\na: &a [x, x, x]\nb: &b [*a, *a, *a]\ntags: *b\n---\n",
			&page.SecondBlock{Line: 4, EndLine: 8, Delim: "---", FrontMatterLine: 1, FrontMatterEnd: 3, FrontMatterDelim: "---", Keys: []string{"a", "b", "tags"}}},
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
