package importer_test

import (
	"path/filepath"
	"testing"

	"github.com/medkb/medkb/internal/importer"
)

// TestImportYAMLMistakes: a YAML mistake in an old page's front matter
// is a failed note with the mistake in a writer's words at the line to
// edit in the old file (package yamlsyntax), counted from the file's top,
// after a Hugo page's blank lines too; yaml.v3's words stay for a mistake
// it does not know. It no longer stops the import: the other pages come
// in, the page is copied as it was to import-failed/ (nothing is lost),
// and the new site builds.
func TestImportYAMLMistakes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, from, file, src string
		line                  int
		want                  string
	}{
		{"a colon in a title", importer.Jekyll, "_posts/2022-03-02-asthma.md", "---\nlayout: post\ntitle: Asthma: what to do\n---\nBody.\n", 3,
			`front matter: the value of title has a colon followed by a space, which YAML reads as the start of another key: title: Asthma: what to do; put the value in quotes: title: "Asthma: what to do"; the page is not imported (the rest of the site is), and is copied as it was to import-failed/_posts/2022-03-02-asthma.md`},
		{"a tab for indentation", importer.Jekyll, "_posts/2022-03-02-asthma.md", "---\ntitle: Asthma\ntags:\n\t- lungs\n---\nBody.\n", 4,
			`front matter: line 4 is indented with a tab, and YAML indents with spaces only: "\t- lungs"; indent with spaces, not tabs: write line 4 as "  - lungs"; the page is not imported`},
		{"an unclosed quote, after blank lines", importer.Hugo, "content/asthma.md", "\n\n---\ntitle: \"Asthma\ndate: 2024-01-01\n---\nBody.\n", 4,
			`front matter: the quote opened in the value of title on line 4 never closes: title: "Asthma; end the value with a closing ": title: "Asthma"; the page is not imported`},
		{"Markdown emphasis at the start of a summary", importer.Hugo, "content/asthma.md", "---\ntitle: Asthma\nsummary: *Important*: read this\n---\nBody.\n", 3,
			`front matter: the value of summary starts with *, which YAML reads as a reference to an anchor (*name): summary: *Important*: read this; put the value in quotes: summary: "*Important*: read this"; the page is not imported`},
		{"an unclosed Jekyll block", importer.Jekyll, "_posts/2022-03-02-asthma.md", "---\ntitle: Asthma\nBody.\n", 1,
			`the front matter's --- is never closed; end it with a line of --- where the front matter ends; the page is not imported`},
		{"a TOML mistake", importer.Hugo, "content/asthma.md", "+++\ntitle = 'Asthma'\ndate = \n+++\nBody.\n", 3,
			`TOML front matter: `},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			files := map[string]string{tc.file: tc.src}
			good := "_posts/2022-03-01-cough.md"
			if tc.from == importer.Hugo {
				files["hugo.toml"] = "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\n"
				good = "content/cough.md"
			} else {
				files["_config.yml"] = "title: Clinic\n"
			}
			files[good] = "---\ntitle: Cough\ndate: 2022-03-01\n---\nA cough.\n"
			dest := filepath.Join(t.TempDir(), "site")
			rep, err := importer.Run(importer.Options{From: tc.from, Source: writeTree(t, files), Dest: dest})
			if err != nil {
				t.Fatalf("one page's front matter stopped the import: %v", err)
			}
			wantNote(t, rep, tc.file, tc.line, importer.Failed, tc.want)
			if n := rep.Count(importer.Failed); n != 1 {
				t.Errorf("%d failed notes, want 1", n)
			}
			if rep.Pages != 1 {
				t.Errorf("%d pages imported, want the other page, 1", rep.Pages)
			}
			if got := readNewSiteFile(t, dest, importer.FailedDir+"/"+tc.file); got != tc.src {
				t.Errorf("%s/%s holds %q, want the page as it was, %q", importer.FailedDir, tc.file, got, tc.src)
			}
			build(t, dest)
		})
	}
}

// TestImportNotesYAMLReadNotAsMeant: what an old page's YAML reads without
// an error but not as its writer meant is a note a person sees, at its
// line in the old file: every key written twice (the old generators
// disagree on which one counts), a tag or an anchor that drops a word.
func TestImportNotesYAMLReadNotAsMeant(t *testing.T) {
	t.Parallel()
	_, rep := importJekyll(t, map[string]string{
		"_config.yml": "title: Clinic\n",
		"_posts/2022-03-03-asthma.md": "---\nlayout: post\ntitle: !important Asthma\nsummary: &Note Wheeze and breathlessness.\n" +
			"tags: [lungs]\ntitle: Asthma in adults\ntags: [adults]\n---\nBody.\n",
	})
	file := "_posts/2022-03-03-asthma.md"
	wantNote(t, rep, file, 3, importer.Human, `front matter: the value of title starts with !important, which YAML reads as a tag (a type for the value) and medkb ignores, so it reads "Asthma": title: !important Asthma; imported as YAML reads it: check the imported page (delete !important; if it is part of the text, put the value in quotes: title: "!important Asthma")`)
	wantNote(t, rep, file, 4, importer.Human, `front matter: the value of summary starts with &Note, which YAML reads as an anchor`)
	wantNote(t, rep, file, 6, importer.Human, "front matter: title is written twice, at lines 3 and 6; YAML allows a key once: check the imported page, which holds what the importer made of them")
	wantNote(t, rep, file, 7, importer.Human, "front matter: tags is written twice, at lines 5 and 7; YAML allows a key once")

	_, rep = importHugo(t, map[string]string{
		"hugo.toml":         "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\n",
		"content/asthma.md": "\n---\ntitle: Asthma\ndate: 2024-01-01\ntitle: Asthma in adults\n---\nBody.\n",
	})
	wantNote(t, rep, "content/asthma.md", 5, importer.Human, "front matter: title is written twice, at lines 3 and 5; YAML allows a key once")
}

// TestImportConfigYAMLMistakes: a YAML mistake in the old site's
// configuration (Jekyll's _config.yml, Hugo's hugo.yaml) stops the import
// in a writer's words at the line to edit.
func TestImportConfigYAMLMistakes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ from, file, src, want string }{
		{importer.Jekyll, "_config.yml", "title: Clinic\ndescription: Asthma: a guide\n",
			`import: _config.yml:2: the value of description has a colon followed by a space, which YAML reads as the start of another key: description: Asthma: a guide; put the value in quotes: description: "Asthma: a guide"`},
		{importer.Hugo, "hugo.yaml", "baseURL: https://clinic.example.org/\ntitle: \"Clinic\n",
			`import: hugo.yaml:2: the quote opened in the value of title on line 2 never closes: title: "Clinic; end the value with a closing ": title: "Clinic"`},
	} {
		files := map[string]string{tc.file: tc.src, "index.md": "---\ntitle: Home\n---\n"}
		_, err := importer.Run(importer.Options{From: tc.from, Source: writeTree(t, files), Dest: filepath.Join(t.TempDir(), "site")})
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s: import error:\n%v\nwant\n%s", tc.file, err, tc.want)
		}
	}
}
