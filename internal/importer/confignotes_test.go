package importer_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/importer"
)

// TestImportConfigTitleAndPathNoted: the _config.yml of a real
// documentation-theme-jekyll site (nhsconnect/Digital-Child-Health-STU3,
// Apache-2.0, (c) NHS Digital) names the site in site_title:, not title:,
// and is served as a GitHub project page under a path. The import named
// the site (and the publisher credited with every page) after the folder
// it read, and wrote base_url with the path (which medkb check then
// refused; medkb now serves the site under it): both without a word.
func TestImportConfigTitleAndPathNoted(t *testing.T) {
	t.Parallel()
	src := filepath.Join(writeTree(t, map[string]string{
		"site/_config.yml": "site_title: Digital Child Health (DCH)\ncompany_name: NHS Digital\nurl: https://nhsconnect.github.io/Digital-Child-Health-STU3\n",
		"site/index.md":    "---\ntitle: Home\n---\nChild Health Events.\n",
	}), "site")
	dest := filepath.Join(t.TempDir(), "new")
	rep, err := importer.Run(importer.Options{From: importer.Jekyll, Source: src, Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	wantNoteWith(t, rep, "_config.yml", importer.Human, "has no title", `names it "site" after the folder`, "set title:")
	wantNoteWith(t, rep, "_config.yml", importer.Changed, "served under a path, https://nhsconnect.github.io/Digital-Child-Health-STU3/",
		"to be served under /Digital-Child-Health-STU3/ as the old one was", "/Digital-Child-Health-STU3/ redirected there at the old host")
	if cfg := readNewSiteFile(t, dest, "medkb.yaml"); !strings.Contains(cfg, "title: site\n") {
		t.Errorf("medkb.yaml is not titled after the folder, as the note says:\n%s", cfg)
	}
}

// TestImportConfigNotesOnlyWhenNeeded: a titled site served at the root
// of its host gets neither note; a Hugo site under a path gets the path
// note on its configuration file.
func TestImportConfigNotesOnlyWhenNeeded(t *testing.T) {
	t.Parallel()
	_, rep := importJekyll(t, map[string]string{
		"_config.yml": "title: Riverside Clinic\nurl: https://clinic.example.org\n",
		"index.md":    "---\ntitle: Home\n---\nWelcome.\n",
	})
	for _, text := range []string{"has no title", "served under a path"} {
		if n := notesContaining(rep, "_config.yml", text); len(n) != 0 {
			t.Errorf("note %q on a titled site at a host's root: %+v", text, n)
		}
	}

	dest := filepath.Join(t.TempDir(), "new")
	rep, err := importer.Run(importer.Options{From: importer.Hugo, Dest: dest, Source: writeTree(t, map[string]string{
		"hugo.toml":         "baseURL = 'https://org.github.io/guide/'\ntitle = 'Guide'\n",
		"content/_index.md": "---\ntitle: Home\n---\nWelcome.\n",
	})})
	if err != nil {
		t.Fatal(err)
	}
	wantNoteWith(t, rep, "hugo.toml", importer.Changed, "served under a path, https://org.github.io/guide/")
	if n := notesContaining(rep, "hugo.toml", "has no title"); len(n) != 0 {
		t.Errorf("title note on a titled Hugo site: %+v", n)
	}
}
