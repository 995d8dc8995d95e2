package importer_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/medkb/medkb/internal/importer"
)

// CoronaCheck.nl's Jekyll source (minvws/nl-covid19-coronacheck-website,
// EUPL-1.2) leaves its guidepost pages out of the offline build with
// exclude: entries written without the extension, "en/guidepost" and
// "en/guidepost-in-app": Jekyll leaves out every file and folder whose
// path starts with an entry (EntryFilter#glob_include?), so neither
// en/guidepost.md nor en/guidepost-in-app.md was published. The importer
// compared whole paths only: it imported both, each with the alias
// /guidepost (redirect_from), and medkb build --drafts stopped on one
// address redirecting to two pages. Now exclude: leaves out what Jekyll
// left out, patterns (*) included, and a line names the pages.
func TestImportJekyllExcludeMatchesAsJekyllDoes(t *testing.T) {
	t.Parallel()
	page := "---\nlayout: content\nlang: en\ntitle: Guidepost\nredirect_from:\n    - /guidepost\n---\nCan't make a certificate with CoronaCheck? Read what you can do.\n"
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":                "title: CoronaCheck\nexclude:\n  - en/faq.md\n  - en/guidepost\n  - en/guidepost-in-app\n  - \"*.bak.md\"\n  - print-portal/\n",
		"en/guidepost.md":            page,
		"en/guidepost-in-app.md":     page,
		"en/faq.md":                  "---\ntitle: FAQ\n---\nQuestions.\n",
		"en/privacy.md":              "---\ntitle: Privacy\n---\nYour data.\n",
		"en/old.bak.md":              "---\ntitle: Old\n---\nOld.\n",
		"print-portal/index.html":    "---\ntitle: Print\n---\n<p>Print</p>\n",
		"print-portal/help/howto.md": "---\ntitle: How to print\n---\nPrint it.\n",
		"print-portals.md":           "---\ntitle: Print portals\n---\nKept: print-portal/ leaves out the folder only.\n",
	})
	for _, gone := range []string{"en/guidepost.md", "en/guidepost-in-app.md", "en/faq.md", "en/old.bak.md", "print-portal/howto.md", "print-portal/_index.md"} {
		if _, err := os.Stat(filepath.Join(dest, "content", gone)); err == nil {
			t.Errorf("content/%s imported, though exclude: left it out of the old site", gone)
		}
	}
	readImported(t, dest, "en/privacy.md")
	readImported(t, dest, "pages/print-portals.md")
	wantNoteWith(t, rep, "_config.yml", importer.Changed, "6 pages not imported, as Jekyll did not publish them: exclude: lists them",
		"en/faq.md", "en/guidepost-in-app.md", "en/guidepost.md", "en/old.bak.md", "print-portal/ (2)")
	build(t, dest)
}
