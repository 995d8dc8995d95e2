package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestImportCarriesOnPastAPageThatDoesNotParse: a page whose front
// matter does not parse no longer stops medkb import: the other pages are
// imported, the page's line (file:line, the mistake and its fix) is
// printed with those that need a person, a last line on stderr counts the
// pages left out, and the command exits 1, as medkb search does when it
// leaves pages out.
func TestImportCarriesOnPastAPageThatDoesNotParse(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"old/_config.yml":                 "title: Clinic\n",
		"old/_posts/2022-03-01-cough.md":  "---\ntitle: Cough\n---\nA cough.\n",
		"old/_posts/2022-03-02-asthma.md": "---\ntitle: Asthma: what to do\n---\nBody.\n",
	})
	code, out, errOut := run(t, dir, "import", "jekyll", "old", "new")
	if code != ExitError {
		t.Errorf("exit %d, want %d", code, ExitError)
	}
	if !strings.Contains(out, "_posts/2022-03-02-asthma.md:2: failed: front matter: the value of title has a colon") || !strings.Contains(out, "Imported 1 pages") {
		t.Errorf("stdout:\n%s\nwant the failed page's line and the other page imported", out)
	}
	want := "medkb: 1 page not imported: its front matter does not parse (each listed above as failed, copied as it was to " + filepath.Join(dir, "new", "import-failed") + "): fix it and import again into a new folder\n"
	if errOut != want {
		t.Errorf("stderr %q, want %q", errOut, want)
	}
}
