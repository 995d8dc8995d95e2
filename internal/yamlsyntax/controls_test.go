package yamlsyntax_test

import (
	"fmt"
	"slices"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/medkb/medkb/internal/yamlsyntax"
)

// TestEncodingNamesTheByte: a YAML file saved as Windows-1252 made
// yaml.v3 say "invalid leading UTF-8 octet" with no line, and one saved
// as UTF-16 without a byte order mark "control characters are not
// allowed"; a byte order mark in the middle (two files joined) it read
// into the next key. Each is named at its line and column ("line:col
// message"); UTF-8, with or without a byte order mark at the start, is
// fine.
func TestEncodingNamesTheByte(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src, want string
	}{
		{"Windows-1252", "title: A\nsummary: \"You\x92ll be fine\"\n", "2:14 byte 0x92 is not UTF-8: the file is saved in another encoding, most likely Windows-1252, in which it is ’"},
		{"after a multibyte letter", "title: Café \xe9t\xe9\n", "1:13 byte 0xe9 is not UTF-8: the file is saved in another encoding, most likely Windows-1252, in which it is é"},
		{"UTF-16 with its mark", "\xff\xfet\x00:\x00", "1:1 the file is saved as UTF-16 (two bytes a character, which Windows editors call Unicode); medkb reads YAML files as UTF-8"},
		{"UTF-16 without", "t\x00i\x00", "1:1 the file is saved as UTF-16 (two bytes a character, which Windows editors call Unicode); medkb reads YAML files as UTF-8"},
		{"a mark inside", "\ufefftitle: A\n\ufeffsummary: B\n", "2:1 a byte order mark (U+FEFF, an invisible character that only a file's start may hold) is read as part of the text after it: two files were joined here, or text pasted with it"},
		{"a mark at the start", "\ufefftitle: Caf\u00e9\n", ""},
		{"UTF-8", "title: \u2019s \u0092\n", ""},
	}
	for _, tc := range tests {
		p, ok := yamlsyntax.Encoding([]byte(tc.src), 0)
		got := ""
		if ok {
			got = fmt.Sprintf("%d:%d %s", p.Line, p.Col, p.Message)
		}
		if got != tc.want {
			t.Errorf("%s: Encoding = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestExplainNamesTheCharacterYAMLRefuses: yaml.v3's reader errors (a
// byte that is not UTF-8; a control character, here one HideControls
// leaves because a private-use character of its range is beside it)
// have no line; Explain finds the character's line and column.
func TestExplainNamesTheCharacterYAMLRefuses(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ src, want string }{
		{"title: A\nsummary: \"\ue092 and \u0092\"\n", "12:17 control character U+0092: YAML does not allow it, and HTML forbids it"},
		{"title: A\nsummary: Caf\xe9\n", "12:13 byte 0xe9 is not UTF-8: the file is saved in another encoding, most likely Windows-1252, in which it is é"},
		{"title: A\nsummary: B\ufffe\n", "12:11 character U+FFFE, which Unicode reserves as no letter or sign: YAML does not allow it"},
	} {
		src, _ := yamlsyntax.HideControls([]byte(tc.src))
		var n yaml.Node
		err := yaml.Unmarshal(src, &n)
		if err == nil {
			t.Fatalf("%q: yaml.v3 read it", tc.src)
		}
		p, ok := yamlsyntax.Explain([]byte(tc.src), 10, err)
		if got := fmt.Sprintf("%d:%d %s", p.Line, p.Col, p.Message); !ok || got != tc.want {
			t.Errorf("%q (%v): Explain = %q, %v; want %q", tc.src, err, got, ok, tc.want)
		}
	}
}

// TestHiddenControlsAreFoundAtTheirValues: raw (hidden from yaml.v3 and
// put back) or as an escape, in a nested value, a list item and a key,
// each control character is found at its value; one in a comment is
// not (it reaches no value).
func TestHiddenControlsAreFoundAtTheirValues(t *testing.T) {
	t.Parallel()
	src := "# a comment\u0092\ntitle: You\u0092ll\nfeeds:\n  id_base: \"tag:\\x85\"\nmenu:\n  - Home\u000b\nbad\u007fkey: x\n"
	readable, hidden := yamlsyntax.HideControls([]byte(src))
	if !hidden {
		t.Fatal("HideControls hid nothing")
	}
	var root yaml.Node
	if err := yaml.Unmarshal(readable, &root); err != nil {
		t.Fatalf("yaml.v3 refused the hidden source: %v", err)
	}
	yamlsyntax.ShowControls(&root)
	var v map[string]any
	if err := root.Decode(&v); err != nil || v["title"] != "You\u0092ll" {
		t.Fatalf("title read as %q (%v), want it as written", v["title"], err)
	}
	want := []yamlsyntax.Control{
		{Line: 2, Col: 8, Key: "title", Rune: 0x92},
		{Line: 4, Col: 12, Key: "feeds: id_base", Rune: 0x85},
		{Line: 6, Col: 5, Key: "menu", Rune: 0x0B},
		{Line: 7, Col: 1, Key: "a key", Rune: 0x7F},
	}
	if got := yamlsyntax.FindControls(&root, 0); !slices.Equal(got, want) {
		t.Errorf("FindControls = %+v\nwant %+v", got, want)
	}
	if p := want[3].Problem(); p.Message != "control character U+007F in a key: HTML forbids it, and browsers show nothing or a box in its place" {
		t.Errorf("a key's Problem = %+v", p)
	}
	p := want[0].Problem()
	if p.Line != 2 || p.Col != 8 || p.Message != "control character U+0092 in title: HTML forbids it, and browsers show nothing or a box in its place" ||
		p.Hint != "write the character it stands for, ’ (Windows-1252's 0x92: the text was converted from Windows-1252 wrongly), or delete it where the text has that character beside it already" {
		t.Errorf("Problem = %+v", p)
	}
}
