package theme

import (
	"os"
	"sort"
	"testing"
	"testing/fstest"

	"go.yaml.in/yaml/v3"
)

// TestShippedLanguagesAreComplete holds the default theme's translations to
// the English key set: a missing key shows English on a translated page.
func TestShippedLanguagesAreComplete(t *testing.T) {
	t.Parallel()
	load := func(lang string) map[string]string {
		b, err := os.ReadFile("../../themes/default/i18n/" + lang + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		if err := yaml.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s.yaml: %v", lang, err)
		}
		return m
	}
	en := load("en")
	for _, lang := range []string{"es", "ar"} {
		m := load(lang)
		var missing []string
		for k := range en {
			if m[k] == "" {
				missing = append(missing, k)
			}
		}
		sort.Strings(missing)
		if len(missing) > 0 {
			t.Errorf("%s.yaml lacks %d keys: %v", lang, len(missing), missing)
		}
	}
}

func TestHTMLEscapesStringAndArguments(t *testing.T) {
	t.Parallel()
	layers := []Layer{{Name: "t", FS: fstest.MapFS{
		"layouts/baseof.html": {Data: []byte(`{{ block "main" . }}{{ end }}`)},
		"i18n/en.yaml":        {Data: []byte("a: \"Read <b>this</b> on %s, %s & more\"\nplain: \"<i>x</i>\"\n")},
	}}}
	for _, k := range Kinds {
		layers[0].FS.(fstest.MapFS)["layouts/"+k+".html"] = &fstest.MapFile{Data: []byte(`{{ define "main" }}{{ end }}`)}
	}
	s, err := Load(layers, []string{"en"}, "en", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.HTML("en", "a", `<img src=x onerror=alert(1)>`, "O'Brien"), "Read &lt;b&gt;this&lt;/b&gt; on &lt;img src=x onerror=alert(1)&gt;, O&#39;Brien &amp; more"; got != want {
		t.Errorf("HTML = %q, want %q", got, want)
	}
	if got := s.HTML("en", "plain"); got != "&lt;i&gt;x&lt;/i&gt;" {
		t.Errorf("HTML without arguments = %q", got)
	}
	if got := s.HTML("en", "missing <key>"); got != "missing &lt;key&gt;" {
		t.Errorf("HTML of a missing key = %q", got)
	}
}
