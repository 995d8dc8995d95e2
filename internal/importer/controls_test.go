package importer_test

import (
	"strings"
	"testing"
)

// A Hugo page whose title was pasted from mis-converted Word text
// (U+0092 where the apostrophe was) failed to import: yaml.v3 refuses
// the control character, and the page went to import-failed/. It is
// imported as written now, and the imported site builds, medkb warning
// of the character at its value (control-char), as for a medkb page.
func TestImportFrontMatterControlCharacterIsImportedAndWarned(t *testing.T) {
	t.Parallel()
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml":                  "baseURL = 'https://health.example.org/'\ntitle = 'Health library'\n",
		"content/conditions/help.md": "---\ntitle: \"Here\u0092s help\"\ndate: 2024-01-02\n---\nText.\n",
	})
	if rep.Pages != 1 {
		t.Fatalf("imported %d pages, want 1; notes %+v", rep.Pages, rep.Notes)
	}
	_, diags := build(t, dest)
	found := false
	for _, d := range diags {
		if d.File == "content/conditions/help.md" && d.Line == 2 && d.Check == "control-char" && strings.Contains(d.Message, "U+0092 in title") {
			found = true
		}
	}
	if !found {
		t.Errorf("no control-char warning at content/conditions/help.md:2; got %v\n%s", diags, readImported(t, dest, "conditions/help.md"))
	}
}
