package theme

import (
	"os"
	"sort"
	"testing"

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
