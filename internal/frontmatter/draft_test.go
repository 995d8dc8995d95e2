package frontmatter

import "testing"

// TestDraftIsReadFromFrontMatterParseRefuses: Draft finds draft: true in
// front matter that Parse refuses, through the decoder when the block
// decodes and by its lines when it does not; never where the block does
// not close, nor from a line YAML or TOML would not read as the key.
func TestDraftIsReadFromFrontMatterParseRefuses(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, data string
		want       bool
	}{
		{"unknown key", "---\ntitle: A\ndraft: true\ncolour: red\n---\n", true},
		{"key twice", "---\ntitle: A\ndraft: true\ntitle: B\n---\n", true},
		{"bad date", "---\ndraft: true\ndate: 2026-13-45\n---\n", true},
		{"YAML that does not parse", "---\ntitle: Broken: yaml: here\ndraft: true\n---\n", true},
		{"does not parse, comment after", "---\ntitle: [\ndraft: true # for now\n---\n", true},
		{"does not parse, True", "---\ntitle: [\ndraft: True\n---\n", true},
		{"draft: false", "---\ntitle: A\ndraft: false\ncolour: red\n---\n", false},
		{"draft: a string", "---\ntitle: A\ndraft: \"true\"\ncolour: red\n---\n", false},
		{"draft: True", "---\ntitle: A\ndraft: True\ncolour: red\n---\n", true},
		{"draft: TRUE", "---\ntitle: A\ndraft: TRUE\ncolour: red\n---\n", true},
		{"draft: yes (YAML 1.1's true)", "---\ntitle: A\ndraft: yes\n---\n", true},
		{"draft: On", "---\ntitle: A\ndraft: On\n---\n", true},
		{"draft: 'yes' in quotes", "---\ntitle: A\ndraft: 'yes'\n---\n", true},
		{"draft: no", "---\ntitle: A\ndraft: no\n---\n", false},
		{"draft: FALSE", "---\ntitle: A\ndraft: FALSE\ncolour: red\n---\n", false},
		{"draft: 'True' in quotes", "---\ntitle: A\ndraft: 'True'\n---\n", false},
		{"does not parse, yes", "---\ntitle: [\ndraft: yes\n---\n", true},
		{"does not parse, \"on\"", "---\ntitle: [\ndraft: \"on\"\n---\n", true},
		{"does not parse, no", "---\ntitle: [\ndraft: no\n---\n", false},
		{"does not parse, \"true\"", "---\ntitle: [\ndraft: \"true\"\n---\n", false},
		{"no draft key", "---\ntitle: A\ncolour: red\n---\n", false},
		{"nested draft", "---\ntitle: A\nparams:\n  draft: true\ncolour: red\n---\n", false},
		{"does not parse, indented", "---\ntitle: [\n  draft: true\n---\n", false},
		{"does not parse, draft: trueish", "---\ntitle: [\ndraft: trueish\n---\n", false},
		{"unclosed", "---\ntitle: A\ndraft: true\n", false},
		{"no front matter", "draft: true\n", false},
		{"not a mapping", "---\n- draft\n---\n", false},
		{"TOML", "+++\ntitle = \"A\"\ndraft = true\ncolour = \"red\"\n+++\n", true},
		{"TOML that does not parse", "+++\ntitle = A\ndraft = true\n+++\n", true},
		{"TOML draft in a table", "+++\ntitle = A\n[params]\ndraft = true\n+++\n", false},
		{"TOML draft = \"yes\", a draft as Parse reads it", "+++\ntitle = \"A\"\ndraft = \"yes\"\n+++\n", true},
		{"TOML draft = \"true\"", "+++\ntitle = \"A\"\ndraft = \"true\"\n+++\n", false},
		{"TOML draft = false", "+++\ntitle = \"A\"\ndraft = false\ncolour = \"red\"\n+++\n", false},
		{"CRLF", "---\r\ntitle: [\r\ndraft: true\r\n---\r\n", true},
	}
	for _, c := range cases {
		if _, err := Parse("content/a.md", []byte(c.data)); err == nil {
			t.Errorf("%s: Parse accepts it; the case is for front matter Parse refuses", c.name)
		}
		if got := Draft([]byte(c.data)); got != c.want {
			t.Errorf("%s: Draft = %v, want %v", c.name, got, c.want)
		}
	}
}
