package theme

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/medkb/medkb/internal/diag"
)

// TestI18nYAMLMistakes: a mistake typed in an i18n file is reported in a
// writer's words at the line to edit (package yamlsyntax), as in front
// matter, medkb.yaml and data files, with every key written twice; what
// YAML reads but not as meant is a warning at its line.
func TestI18nYAMLMistakes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src string
		want      []string // String() of each diagnostic
		warnings  []string
	}{
		{"a colon in a string", "toc: In this article\nreviewed: Reviewed: by\n",
			[]string{"layers/site/i18n/en.yaml:2: error: the value of reviewed has a colon followed by a space, which YAML reads as the start of another key: reviewed: Reviewed: by\n\thint: put the value in quotes: reviewed: \"Reviewed: by\""}, nil},
		{"a tab for indentation", "toc: In this article\n\treviewed: Reviewed by\n",
			[]string{"layers/site/i18n/en.yaml:2: error: line 2 is indented with a tab, and YAML indents with spaces only: \"\\treviewed: Reviewed by\"\n\thint: indent with spaces, not tabs: write line 2 as \"reviewed: Reviewed by\""}, nil},
		{"an unclosed quote", "toc: \"In this article\nreviewed: Reviewed by\n",
			[]string{"layers/site/i18n/en.yaml:1: error: the quote opened in the value of toc on line 1 never closes: toc: \"In this article\n\thint: end the value with a closing \": toc: \"In this article\""}, nil},
		{"two keys written twice", "toc: In this article\nreviewed: Reviewed by\ntoc: Contents\nreviewed: Checked by\n",
			[]string{
				"layers/site/i18n/en.yaml:3: error: toc is written twice, at lines 1 and 3; YAML allows a key once\n\thint: keep one of them: delete line 3 or line 1, with any lines indented under it",
				"layers/site/i18n/en.yaml:4: error: reviewed is written twice, at lines 2 and 4; YAML allows a key once\n\thint: keep one of them: delete line 4 or line 2, with any lines indented under it",
			}, nil},
		{"a list where a string belongs, in yaml.v3's words at its line", "toc: In this article\nreviewed: [a, b]\n",
			[]string{"layers/site/i18n/en.yaml:2: error: cannot unmarshal !!seq into string\n\thint: i18n files map keys to strings: key: \"text\""}, nil},
		{"a tag dropped from a string", "toc: In this article\nreviewed: !new Reviewed by\n", nil,
			[]string{"layers/site/i18n/en.yaml:2: warning: the value of reviewed starts with !new, which YAML reads as a tag (a type for the value) and medkb ignores, so it reads \"Reviewed by\": reviewed: !new Reviewed by\n\thint: delete !new; if it is part of the text, put the value in quotes: reviewed: \"!new Reviewed by\""}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			fsys := fstest.MapFS{
				"layouts/baseof.html": {Data: []byte(`{{ block "main" . }}{{ end }}`)},
				"i18n/en.yaml":        {Data: []byte(tc.src)},
			}
			for _, k := range Kinds {
				fsys["layouts/"+k+".html"] = &fstest.MapFile{Data: []byte(`{{ define "main" }}{{ end }}`)}
			}
			s, err := Load([]Layer{{Name: "layers/site", FS: fsys}}, []string{"en"}, "en", nil)
			var got, warned []string
			for _, d := range diag.From(err) {
				got = append(got, d.String())
			}
			if s != nil {
				for _, d := range s.StringWarnings() {
					warned = append(warned, d.String())
				}
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") || strings.Join(warned, "\n") != strings.Join(tc.warnings, "\n") {
				t.Errorf("Load errors:\n%s\nwarnings:\n%s\nwant errors:\n%s\nwarnings:\n%s", strings.Join(got, "\n"), strings.Join(warned, "\n"), strings.Join(tc.want, "\n"), strings.Join(tc.warnings, "\n"))
			}
		})
	}
}
