package yamlsyntax_test

import (
	"bytes"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/medkb/medkb/internal/yamlsyntax"
)

// decode decodes src as frontmatter and config do: into a node, then the
// node into a map (where a key written twice is found).
func decode(t testing.TB, src string) error {
	t.Helper()
	var n yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader([]byte(src))).Decode(&n); err != nil {
		return err
	}
	var m map[string]any
	return n.Decode(&m)
}

// TestExplain holds what a writer types by mistake, each decoded by the
// real yaml.v3, and the whole explanation. A case with line 0 is one
// Explain does not recognise: the caller keeps yaml.v3's message.
func TestExplain(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src     string
		line          int
		message, hint string
	}{
		{"a colon in an unquoted title",
			"title: Asthma: what to do\nsummary: x\n",
			1, "the value of title has a colon followed by a space, which YAML reads as the start of another key: title: Asthma: what to do",
			"put the value in quotes: title: \"Asthma: what to do\""},
		{"a colon in an unquoted value further down",
			"title: A\nsummary: Asthma: what to do\ntags: [a]\n",
			2, "the value of summary has a colon followed by a space, which YAML reads as the start of another key: summary: Asthma: what to do",
			"put the value in quotes: summary: \"Asthma: what to do\""},
		{"a colon in a URL's value",
			"title: A\nurl: https://x.org/a?b=c: d\n",
			2, "the value of url has a colon followed by a space, which YAML reads as the start of another key: url: https://x.org/a?b=c: d",
			"put the value in quotes: url: \"https://x.org/a?b=c: d\""},
		{"a key written twice",
			"title: Asthma\nsummary: x\ntitle: Other\n",
			3, "title is written twice, at lines 1 and 3; YAML allows a key once",
			"keep one of them: delete line 3 or line 1, with any lines indented under it"},
		{"a key written twice in a reference",
			"title: A\nreferences:\n  - id: a\n    title: B\n    title: C\n",
			5, "title is written twice, at lines 4 and 5; YAML allows a key once",
			"keep one of them: delete line 5 or line 4, with any lines indented under it"},
		{"a tab for indentation",
			"title: Asthma\n\tsummary: x\n",
			2, "line 2 is indented with a tab, and YAML indents with spaces only: \"\\tsummary: x\"",
			"indent with spaces, not tabs: write line 2 as \"summary: x\""},
		{"a tab before a list item",
			"title: Asthma\ntags:\n\t- x\n",
			3, "line 3 is indented with a tab, and YAML indents with spaces only: \"\\t- x\"",
			"indent with spaces, not tabs: write line 3 as \"  - x\""},
		{"a tab before the second list item",
			"title: Asthma\ntags:\n  - a\n\t- b\n",
			4, "line 4 is indented with a tab, and YAML indents with spaces only: \"\\t- b\"",
			"indent with spaces, not tabs: write line 4 as \"  - b\""},
		{"a tab on an empty line",
			"title: A\nsummary: x\n\t\n",
			3, "line 3 holds a tab and nothing else; YAML allows no tabs where it reads indentation",
			"delete the tab on line 3 (an empty line is fine)"},
		{"a tab on the first line",
			"\ttitle: A\n",
			1, "line 1 is indented with a tab, and YAML indents with spaces only: \"\\ttitle: A\"",
			"indent with spaces, not tabs: write line 1 as \"title: A\""},
		{"an unclosed double quote",
			"title: \"Asthma\nsummary: x\ntags: [a]\n",
			1, "the quote opened in the value of title on line 1 never closes: title: \"Asthma",
			"end the value with a closing \": title: \"Asthma\""},
		{"an unclosed single quote",
			"title: A\nsummary: 'Asthma\n",
			2, "the single quote opened in the value of summary on line 2 never closes: summary: 'Asthma",
			"end the value with a closing ': summary: 'Asthma'"},
		{"text after the closing quote",
			"title: \"Asthma\" care\nsummary: x\n",
			1, "the value of title ends at its closing quote, and text follows it: title: \"Asthma\" care",
			"quote the whole value with the other kind of quote: title: '\"Asthma\" care'"},
		{"an apostrophe in single quotes",
			"title: 'It's here'\n",
			1, "the value of title ends at its closing quote, and text follows it: title: 'It's here'",
			"quote the whole value with the other kind of quote: title: \"It's here\""},
		{"quotes inside double quotes",
			"title: A\nsummary: \"He said \"hi\"\"\n",
			2, "the value of summary ends at its closing quote, and text follows it: summary: \"He said \"hi\"\"",
			"quote the whole value with the other kind of quote: summary: 'He said \"hi\"'"},
		{"text after a quote closed on a later line",
			"title: A\nsummary: \"multi\n  line\" after\n",
			3, "the value of summary, in quotes from line 2, ends at the closing \" on line 3, and text follows it: line\" after",
			"move the closing \" to the end of the value: line after\""},
		{"a title starting with brackets",
			"title: [Draft] Asthma\n",
			1, "the value of title starts with [, which YAML reads as a list, and text follows the ]: title: [Draft] Asthma",
			"put the value in quotes: title: \"[Draft] Asthma\""},
		{"one closing bracket too many",
			"title: A\ntags: [a, b]]\n",
			2, "the value of tags has more closing brackets than opening ones: tags: [a, b]]",
			"delete what follows the first matching ]: tags: [a, b]"},
		{"an unclosed list",
			"title: A\ntags: [a, b\nsummary: x\n",
			2, "the [ that opens the value of tags on line 2 is never closed: tags: [a, b",
			"close it with ]: tags: [a, b]"},
		{"an unclosed quote in a list",
			"title: A\ntags: [\"asthma, wheeze]\nsummary: x\n",
			2, "the quote opened in the value of tags on line 2 never closes: tags: [\"asthma, wheeze]",
			"end the quoted text with a closing \", e.g. tags: [\"asthma, wheeze\"]"},
		{"an unclosed single quote in a list item, an apostrophe before it",
			"- [it's, 'wheeze]\n",
			1, "the single quote opened in the value of the list item on line 1 never closes: - [it's, 'wheeze]",
			"end the quoted text with a closing ', e.g. - [it's, 'wheeze']"},
		{"an unclosed mapping",
			"title: A\nreviewed_by: {name: b\n",
			2, "the { that opens the value of reviewed_by on line 2 is never closed: reviewed_by: {name: b",
			"close it with }: reviewed_by: {name: b}"},
		{"no colon after a key",
			"title: A\nsummary Asthma in adults\n",
			2, "line 2 has no colon after its key: summary Asthma in adults",
			"write the key with a colon after it: summary: Asthma in adults"},
		{"no colon after the first key",
			"summary Asthma\ntitle: A\n",
			1, "line 1 has no colon after its key, so YAML reads it and the next line as one key: summary Asthma",
			"write the key with a colon after it: summary: Asthma"},
		{"no space after the colon",
			"title:Asthma\nsummary: x\n",
			1, "no space after the colon in title:Asthma, so YAML reads this line and the next as one key",
			"put a space after the colon: title: Asthma"},
		{"a list item without its dash",
			"title: A\ntags:\n  - a\n  b\nsummary: x\n",
			4, "line 4 follows a list item but is not one: b",
			"if it is another item, write it as \"  - b\"; if it goes on with the item above, indent it further"},
		{"a key indented under another",
			"title: A\n  summary: x\n",
			2, "summary is indented further than title on line 1, so YAML reads it as part of title's value: \"  summary: x\"",
			"remove 2 spaces before summary, so that it starts in the same column as title; if the line goes on with the text of title, put that whole text in quotes"},
		{"a colon in a value's second line",
			"title: A\nsummary: Asthma is\n  common: in adults\n",
			3, "common is indented further than summary on line 2, so YAML reads it as part of summary's value: \"  common: in adults\"",
			"remove 2 spaces before common, so that it starts in the same column as summary; if the line goes on with the text of summary, put that whole text in quotes"},
		{"a reference key indented one space too far",
			"title: A\nreferences:\n  - id: a\n     title: B\n",
			4, "title is indented further than id on line 3, so YAML reads it as part of id's value: \"     title: B\"",
			"remove 1 space before title, so that it starts in the same column as id; if the line goes on with the text of id, put that whole text in quotes"},
		{"a reference key indented one space short",
			"title: A\nreferences:\n  - id: a\n    title: B\n   year: 2020\n",
			5, "line 5 is indented 3 spaces, which lines up with no line above it: \"   year: 2020\"",
			"indent it 4 spaces, like title: B on line 4"},
		{"a list item indented one space short",
			"title: A\ntags:\n  - a\n - b\n",
			4, "line 4 is indented 1 space, which lines up with no line above it: \" - b\"",
			"indent it 2 spaces, like - a on line 3"},
		{"a list item indented one space, below a key of the item above",
			"- term: Spacer\n  definition: A tube.\n - term: Inhaler\n",
			3, "line 3 is indented 1 space, which lines up with no line above it: \" - term: Inhaler\"",
			"remove the spaces before it, like - term: Spacer on line 1"},
		{"a reference's second key one space short, right below the dash",
			"references:\n  - id: a\n   title: B\n",
			3, "line 3 is indented 3 spaces, which lines up with no line above it: \"   title: B\"",
			"indent it 4 spaces, like id: a on line 2"},
		{"a list item under a key with a value",
			"title: A\n- b\n",
			2, "the list item on line 2 follows title, which already has a value: - b",
			"delete line 2, or make title a list: title: alone on its line, then each item indented under it (\"  - A\", \"  - b\")"},
		{"block text indented less than its first line",
			"title: A\nsummary: |\n  x\n y\n",
			4, "line 4 is indented less than the text above it, which begins on line 3: \" y\"",
			"indent it 2 spaces, like line 3"},
		{"block text not indented",
			"title: A\nsummary: >\nAsthma\n",
			3, "the text of summary (after > on line 2) must be indented under it: \"Asthma\"",
			"indent the text by two spaces more than summary: \"  Asthma\""},
		{"Markdown emphasis at the start of a value",
			"title: A\nsummary: *Asthma* is common\n",
			2, "the value of summary starts with *, which YAML reads as a reference to an anchor (*name): summary: *Asthma* is common",
			"put the value in quotes: summary: \"*Asthma* is common\""},
		{"an asterisk and a word",
			"title: A\nsummary: *important\n",
			2, "the value of summary starts with *, which YAML reads as a reference to an anchor (*name): summary: *important",
			"put the value in quotes: summary: \"*important\""},
		{"an unknown anchor at the start of a title",
			"title: *Important* read this first\nsummary: x\n",
			1, "the value of title starts with *, which YAML reads as a reference to an anchor (*name): title: *Important* read this first",
			"put the value in quotes: title: \"*Important* read this first\""},
		{"a tag with an unknown handle",
			"title: A\nsummary: !nhs!urgent call 111\n",
			2, "the value of summary starts with !, which YAML reads as a tag (!name): summary: !nhs!urgent call 111",
			"put the value in quotes: summary: \"!nhs!urgent call 111\""},
		{"an exclamation mark ending a word at the start of a value",
			"title: A\nsummary: !Important! read this\n",
			2, "the value of summary starts with !, which YAML reads as a tag (!name): summary: !Important! read this",
			"put the value in quotes: summary: \"!Important! read this\""},
		{"an at sign at the start of a value",
			"title: A\nsummary: @nhs on the phone\n",
			2, "the value of summary starts with @, which YAML reserves: summary: @nhs on the phone",
			"put the value in quotes: summary: \"@nhs on the phone\""},
		{"a backtick at the start of a value",
			"title: A\nsummary: `peak flow` readings\n",
			2, "the value of summary starts with `, which YAML reserves: summary: `peak flow` readings",
			"put the value in quotes: summary: \"`peak flow` readings\""},
		{"a percent sign at the start of a value",
			"title: A\nsummary: % of adults\n",
			2, "the value of summary starts with %, which YAML reads as a directive: summary: % of adults",
			"put the value in quotes: summary: \"% of adults\""},
		{"a dash at the start of a value",
			"title: A\nsummary: - and more\n",
			2, "the value of summary starts with -, which YAML reads as a list item: summary: - and more",
			"put the value in quotes: summary: \"- and more\""},
		{"a backslash in double quotes",
			"title: A\nsummary: \"C:\\Users\\me\"\n",
			2, "a backslash in the value of summary starts an escape YAML does not know, because the value is in double quotes: summary: \"C:\\Users\\me\"",
			"use single quotes, in which a backslash is an ordinary character: summary: 'C:\\Users\\me'"},
		{"an unknown escape in double quotes",
			"title: A\nsummary: \"a \\q b\"\n",
			2, "a backslash in the value of summary starts an escape YAML does not know, because the value is in double quotes: summary: \"a \\q b\"",
			"use single quotes, in which a backslash is an ordinary character: summary: 'a \\q b'"},
		{"not recognised: an empty list item",
			"title: A\ntags: [a, , b]\n",
			0, "",
			""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := decode(t, tc.src)
			if err == nil {
				t.Fatalf("yaml.v3 accepts %q", tc.src)
			}
			p, ok := yamlsyntax.Explain([]byte(tc.src), 0, err)
			if ok != (tc.line != 0) {
				t.Fatalf("Explain(%q) ok = %v for %v: %+v", tc.src, ok, err, p)
			}
			if p.Line != tc.line || p.Message != tc.message || p.Hint != tc.hint {
				t.Errorf("Explain(%q) for %v =\n%d, %q,\n%q\nwant\n%d, %q,\n%q", tc.src, err, p.Line, p.Message, p.Hint, tc.line, tc.message, tc.hint)
			}
		})
	}
}

// TestExplainOffset: lines are counted as the caller counts them, in the
// position and in the text.
func TestExplainOffset(t *testing.T) {
	t.Parallel()
	src := "title: A\ntags:\n  - a\n - b\n"
	p, ok := yamlsyntax.Explain([]byte(src), 10, decode(t, src))
	want := yamlsyntax.Problem{Line: 14,
		Message: `line 14 is indented 1 space, which lines up with no line above it: " - b"`,
		Hint:    "indent it 2 spaces, like - a on line 13"}
	if !ok || p != want {
		t.Errorf("Explain with offset 10 = %+v, %v; want %+v", p, ok, want)
	}
}

// FuzzExplain: whatever yaml.v3 rejects, Explain does not panic, and a
// problem it explains is on a line of the source, with a message and a
// hint.
func FuzzExplain(f *testing.F) {
	for _, s := range []string{
		"title: Asthma: what to do\n", "title: \"Asthma\nsummary: x\n", "title: A\ntags:\n  - a\n - b\n",
		"title: A\n\tsummary: x\n", "title: 'It's here'\n", "title: A\nsummary: \"multi\n  line\" after\n",
		"title: A\nsummary: |\n  x\n y\n", "title: A\n- b\n", "summary x\ntitle: A\n", "a: 1\na: 2\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		err := decode(t, src)
		if err == nil {
			return
		}
		p, ok := yamlsyntax.Explain([]byte(src), 3, err)
		if !ok {
			return
		}
		if n := strings.Count(src, "\n") + 1; p.Line < 4 || p.Line > 3+n || p.Message == "" || p.Hint == "" {
			t.Errorf("Explain(%q) for %v = %+v: want a line in 4..%d, a message and a hint", src, err, p, 3+n)
		}
	})
}
