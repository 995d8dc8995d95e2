package yamlsyntax_test

import (
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/medkb/medkb/internal/yamlsyntax"
)

// TestCheck holds what yaml.v3 reads without an error but not as a writer
// means (every key written twice; tags and anchors that drop or change
// text), each decoded by the real yaml.v3, and every problem Check finds,
// as "line: W|E message | hint".
func TestCheck(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src string
		want      []string
	}{
		{"every key written twice, each at its line",
			"title: A\nsummary: x\ntitle: B\naudience: patient\nsummary: y\ntitle: C\n",
			[]string{
				"3: E title is written twice, at lines 1 and 3; YAML allows a key once | keep one of them: delete line 3 or line 1, with any lines indented under it",
				"5: E summary is written twice, at lines 2 and 5; YAML allows a key once | keep one of them: delete line 5 or line 2, with any lines indented under it",
				"6: E title is written 3 times, at lines 1, 3 and 6; YAML allows a key once | keep one of them: delete line 6, and all but one of lines 1 and 3, with any lines indented under them",
			}},
		{"a key twice at the top and one inside a reference",
			"title: A\nreferences:\n  - id: a\n    year: 2020\n    year: 2021\ntitle: B\n",
			[]string{
				"5: E year is written twice, at lines 4 and 5; YAML allows a key once | keep one of them: delete line 5 or line 4, with any lines indented under it",
				"6: E title is written twice, at lines 1 and 6; YAML allows a key once | keep one of them: delete line 6 or line 1, with any lines indented under it",
			}},
		{"an unknown tag is dropped",
			"title: !foo A Title\n",
			[]string{`1: W the value of title starts with !foo, which YAML reads as a tag (a type for the value) and medkb ignores, so it reads "A Title": title: !foo A Title | delete !foo; if it is part of the text, put the value in quotes: title: "!foo A Title"`}},
		{"an unknown tag on a list item",
			"tags:\n  - !urgent asthma\n",
			[]string{`2: W an item of tags starts with !urgent, which YAML reads as a tag (a type for the value) and medkb ignores, so it reads "asthma": - !urgent asthma | delete !urgent; if it is part of the text, put the value in quotes: - "!urgent asthma"`}},
		{"a bare ! is dropped",
			"title: ! Asthma\n",
			[]string{`1: W the value of title starts with !, which YAML reads as a tag (a type for the value) and medkb ignores, so it reads "Asthma": title: ! Asthma | delete !; if it is part of the text, put the value in quotes: title: "! Asthma"`}},
		{"an anchor no alias refers to drops its name",
			"title: A\nsummary: &Important text to read\n",
			[]string{`2: W the value of summary starts with &Important, which YAML reads as an anchor (a name for the value, to repeat it elsewhere as *Important), not as text, so it reads "text to read": summary: &Important text to read | delete &Important; if it is part of the text, put the value in quotes: summary: "&Important text to read"`}},
		{"a standard tag the value is not",
			"title: A\nweight: !!int ten\n",
			[]string{`2: E the value of weight is tagged !!int (a whole number), and "ten" is not one: weight: !!int ten | delete !!int; if it is part of the text, put the value in quotes: weight: "!!int ten"`}},
		{"a tag for lists on text",
			"title: !!seq Asthma\n",
			[]string{`1: W the value of title is tagged !!seq, which is for another kind of value, and YAML ignores it: title: !!seq Asthma | delete !!seq; if it is part of the text, put the value in quotes: title: "!!seq Asthma"`}},
		{"!!binary changes the text",
			"title: !!binary QXN0aG1h\n",
			[]string{`1: W the value of title is tagged !!binary, so YAML reads it as base64 and the text "QXN0aG1h" becomes "Asthma": title: !!binary QXN0aG1h | delete !!binary; if it is part of the text, put the value in quotes: title: "!!binary QXN0aG1h"`}},
		// What is fine: !!str, a standard tag of the value's type, an
		// anchor with its alias, a key once in each of two mappings.
		{"fine", "title: !!str 2020\nweight: !!int 3\ntags: !!seq [a]\nsummary: &s Wheeze\ndescription: *s\nreferences:\n  - id: a\n  - id: b\n", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var root yaml.Node
			if err := yaml.Unmarshal([]byte(tc.src), &root); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range yamlsyntax.Check(&root, []byte(tc.src), 0) {
				sev := "E"
				if p.Warning {
					sev = "W"
				}
				got = append(got, strings.Join([]string{strconv.Itoa(p.Line) + ": " + sev + " " + p.Message, p.Hint}, " | "))
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// TestCheckOffset: lines are counted as the caller counts them.
func TestCheckOffset(t *testing.T) {
	t.Parallel()
	src := "title: A\ntitle: !foo B\n"
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(src), &root); err != nil {
		t.Fatal(err)
	}
	got := yamlsyntax.Check(&root, []byte(src), 3)
	if len(got) != 2 || got[0].Line != 5 || got[1].Line != 5 || !strings.Contains(got[0].Message, "at lines 4 and 5") {
		t.Errorf("Check with offset 3 = %+v, want both at line 5, the key at lines 4 and 5", got)
	}
}
