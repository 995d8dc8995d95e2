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

// TestImportOfASiteOfDraftsSaysSo: a Jekyll site whose posts were nearly
// all unpublished (published: false, _drafts/, no date in the name) was
// imported with "Imported 4 pages (3 drafts)" and one line each, and
// medkb build then made a site of one article with warnings only. The
// summary now says plainly that the built site lacks them, and how to
// preview and publish them; a site of few drafts gets no such line.
func TestImportOfASiteOfDraftsSaysSo(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"old/_config.yml":                "title: Clinic\n",
		"old/_posts/2022-03-01-cough.md": "---\ntitle: Cough\n---\nA cough.\n",
		"old/_posts/2022-03-02-gout.md":  "---\ntitle: Gout\npublished: false\n---\nGout.\n",
		"old/_posts/asthma.md":           "---\ntitle: Asthma\n---\nAsthma.\n",
		"old/_drafts/flu.md":             "---\ntitle: Flu\n---\nFlu.\n",
		"few/_config.yml":                "title: Clinic\n",
		"few/_posts/2022-03-01-cough.md": "---\ntitle: Cough\n---\nA cough.\n",
		"few/_posts/2022-03-03-rash.md":  "---\ntitle: Rash\n---\nA rash.\n",
		"few/_drafts/flu.md":             "---\ntitle: Flu\n---\nFlu.\n",
	})
	code, out, errOut := run(t, dir, "import", "jekyll", "old", "new")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := "Most of the site is drafts: 3 of the 4 pages imported are drafts, which medkb check and build leave out, so the built site shows only 1 of them. To preview every page, run medkb serve --drafts; to publish a page, remove draft: true from its front matter (the lines above name each draft).\n"
	if !strings.Contains(out, "Imported 4 pages (3 drafts)") || !strings.Contains(out, want) {
		t.Errorf("stdout:\n%s\nwant the count and the line\n%s", out, want)
	}
	// Hugo pages without a date are drafts until they have one.
	writeFiles(t, dir, map[string]string{
		"hugo/hugo.toml":               "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\n",
		"hugo/content/conditions/a.md": "---\ntitle: Asthma\n---\nAsthma.\n",
		"hugo/content/conditions/b.md": "---\ntitle: Bronchitis\n---\nBronchitis.\n",
		"hugo/content/conditions/c.md": "---\ntitle: Croup\ndraft: true\ndate: 2024-01-02\n---\nCroup.\n",
		"hugo/content/conditions/d.md": "---\ntitle: Dengue\ndate: 2024-01-02\n---\nDengue.\n",
	})
	_, out, _ = run(t, dir, "import", "hugo", "hugo", "hugo-new")
	want = "Most of the site is drafts: 3 of the 4 pages imported are drafts, which medkb check and build leave out, so the built site shows only 1 of them. To preview every page, run medkb serve --drafts; to publish a page, remove draft: true from its front matter (the lines above name each draft). 2 of them have no date: to publish them, import again with --undated-date YYYY-MM-DD, or add date: to each.\n"
	if !strings.Contains(out, want) {
		t.Errorf("Hugo, two pages undated and one a draft:\n%s\nwant the line\n%s", out, want)
	}
	if _, out, _ = run(t, dir, "import", "jekyll", "few", "few-new"); strings.Contains(out, "Most of the site") {
		t.Errorf("1 draft of 3 pages:\n%s\nwant no line about drafts", out)
	}
}
