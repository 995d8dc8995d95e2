package importer_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/medkb/medkb/internal/importer"
)

// readImportedMeta reads an imported content file: its front matter, decoded,
// and its body.
func readImportedMeta(t *testing.T, dest, name string) (map[string]any, string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dest, "content", filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	block, body, ok := strings.Cut(strings.TrimPrefix(string(data), "---\n"), "\n---\n")
	if !strings.HasPrefix(string(data), "---\n") || !ok {
		t.Fatalf("content/%s has no front matter block:\n%s", name, data)
	}
	var fm map[string]any
	if err := yaml.Unmarshal([]byte(block), &fm); err != nil {
		t.Fatalf("content/%s: %v", name, err)
	}
	return fm, body
}

// TestImportHugoReadsFrontMatterAsHugoDoes: Hugo's page lexer skips blank
// lines and byte order marks before the front matter and takes a
// delimiter line that ends in spaces (the release notes of medic/cht-docs
// start with a blank line). Each page keeps its title, date and aliases;
// none of its YAML becomes body text.
func TestImportHugoReadsFrontMatterAsHugoDoes(t *testing.T) {
	t.Parallel()
	fm := func(delimOpen, delimClose, name string) string {
		return delimOpen + "\ntitle: \"Page " + name + "\"\ndate: 2024-01-02\naliases: [/old/" + name + "/]\n" + delimClose + "\nBody of " + name + ".\n"
	}
	pages := map[string]string{
		"blank":        "\n" + fm("---", "---", "blank"),
		"blank-lines":  " \n\t\n\n" + fm("---", "---", "blank-lines"),
		"spaced-open":  fm("---   ", "---", "spaced-open"),
		"spaced-close": fm("---", "--- \t", "spaced-close"),
		"bom":          "\xef\xbb\xbf" + fm("---", "---", "bom"),
		"bom-blank":    "\xef\xbb\xbf\r\n" + strings.ReplaceAll(fm("--- ", "---  ", "bom-blank"), "\n", "\r\n"),
		"comment":      fm("--- # Hugo reads this line's rest as YAML", "---", "comment"),
		"toml-blank":   "\n\n+++ \ntitle = \"Page toml-blank\"\ndate = 2024-01-02\naliases = [\"/old/toml-blank/\"]\n+++\nBody of toml-blank.\n",
		"json-blank":   "\n{\"title\": \"Page json-blank\", \"date\": \"2024-01-02\", \"aliases\": [\"/old/json-blank/\"]}\nBody of json-blank.\n",
	}
	files := map[string]string{"hugo.toml": "baseURL = 'https://example.org/'\ntitle = 'T'\n"}
	for name, src := range pages {
		files["content/a/"+name+".md"] = src
	}
	dest, rep := importHugo(t, files)
	for name := range pages {
		meta, body := readImportedMeta(t, dest, "a/"+name+".md")
		if meta["title"] != "Page "+name || meta["date"] != "2024-01-02" || meta["draft"] != nil {
			t.Errorf("%s: front matter %v; want its title and date, not a draft", name, meta)
		}
		if al, _ := meta["aliases"].([]any); len(al) != 1 || al[0] != "/old/"+name+"/" {
			t.Errorf("%s: aliases %v", name, meta["aliases"])
		}
		if strings.Contains(body, "title") || strings.Contains(body, "---") || !strings.Contains(body, "Body of "+name+".") {
			t.Errorf("%s: body %q; want only the body text", name, body)
		}
		if n := notesContaining(rep, "a/"+name+".md", ""); len(n) != 0 {
			t.Errorf("%s: notes %+v", name, n)
		}
	}
	out, _ := build(t, dest)
	for name := range pages {
		page := string(out["a/"+name+"/index.html"])
		if !strings.Contains(page, "<h1>Page "+name+"</h1>") || strings.Contains(page, "title:") {
			t.Errorf("a/%s/index.html: want the title as heading and no YAML:\n%s", name, page)
		}
		if _, ok := out["old/"+name+"/index.html"]; !ok {
			t.Errorf("alias /old/%s/ was not written", name)
		}
	}
}

// TestImportHugoFrontMatterErrorsGiveTheFilesLine: a YAML error in front
// matter that opens below blank lines is reported at the file's line, in
// a failed note (the other page is imported).
func TestImportHugoFrontMatterErrorsGiveTheFilesLine(t *testing.T) {
	t.Parallel()
	src := writeTree(t, map[string]string{
		"hugo.toml":       "baseURL = 'https://example.org/'\ntitle = 'T'\n",
		"content/bad.md":  "\n\n---\ntitle: A\n  colour: red\n---\nBody.\n",
		"content/good.md": "---\ntitle: B\n---\n",
	})
	rep, err := importer.Run(importer.Options{From: importer.Hugo, Source: src, Dest: filepath.Join(t.TempDir(), "site")})
	if err != nil {
		t.Fatal(err)
	}
	if n := notesContaining(rep, "content/bad.md", "front matter"); len(n) != 1 || n[0].Line != 5 || n[0].Severity != importer.Failed {
		t.Fatalf("notes %+v; want one failed note at content/bad.md:5, the bad line in the file", n)
	}
}

// TestImportJekyllKeepsJekyllsFrontMatter: Jekyll reads front matter only
// when --- is the first line (trailing whitespace allowed, closed by ---
// or ...). A --- below a blank line is body text to Jekyll, so it is
// imported as body text, with a note saying so and how to change it.
func TestImportJekyllKeepsJekyllsFrontMatter(t *testing.T) {
	t.Parallel()
	src := writeTree(t, map[string]string{
		"_config.yml":                 "title: T\nurl: https://example.org\n",
		"_posts/2024-01-02-spaced.md": "---  \ntitle: Spaced\n...  \nBody of spaced.\n",
		"_posts/2024-01-02-bom.md":    "\xef\xbb\xbf---\ntitle: Bom\n---\nBody of bom.\n",
		"_posts/2024-01-02-blank.md":  "\n---\ntitle: Not front matter\n---\nBody of blank.\n",
	})
	dest := filepath.Join(t.TempDir(), "site")
	rep, err := importer.Run(importer.Options{From: importer.Jekyll, Source: src, Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	for name, title := range map[string]string{"spaced": "Spaced", "bom": "Bom"} {
		meta, body := readImportedMeta(t, dest, "posts/"+name+".md")
		if meta["title"] != title || strings.Contains(body, "title:") {
			t.Errorf("%s: front matter %v, body %q", name, meta, body)
		}
	}
	meta, body := readImportedMeta(t, dest, "posts/blank.md")
	if meta["title"] == "Not front matter" || !strings.Contains(body, "title: Not front matter") {
		t.Errorf("blank: front matter %v, body %q; want the YAML kept as body text, as Jekyll shows it", meta, body)
	}
	if n := notesContaining(rep, "_posts/2024-01-02-blank.md", "after a blank line"); len(n) != 1 || n[0].Line != 2 || n[0].Severity != importer.Human {
		t.Errorf("notes %+v; want one for a human at line 2", n)
	}
}

// TestImportHugoReadsDraftAsHugoDoes: Hugo (0.111, Debian's, asked with
// hugo list drafts) reads draft: yes, On, y, "true", "1" and True as a
// draft, through YAML 1.1's booleans and its cast.ToBool; yaml.v3, into
// the importer's values, reads all but True as text, which it took for
// no draft: five pages Hugo kept back were published, without a note.
// Each is now a draft, with a note at its line; no and off are read as
// false, with a note; a value that is no boolean at all is a draft,
// for a human to decide.
func TestImportHugoReadsDraftAsHugoDoes(t *testing.T) {
	t.Parallel()
	cases := []struct {
		value    string
		draft    bool
		severity string // the note's; "" for none
	}{
		{"true", true, ""},
		{"True", true, ""},
		{"false", false, ""},
		{"yes", true, importer.Changed},
		{"On", true, importer.Changed},
		{"y", true, importer.Changed},
		{`"true"`, true, importer.Changed},
		{`"1"`, true, importer.Changed},
		{"1", true, importer.Changed},
		{"no", false, importer.Changed},
		{"off", false, importer.Changed},
		{"maybe", true, importer.Human},
	}
	files := map[string]string{"hugo.toml": "baseURL = 'https://example.org/'\ntitle = 'T'\n"}
	for i, c := range cases {
		files[fmt.Sprintf("content/a/p%d.md", i)] = fmt.Sprintf("---\ntitle: \"Page %d\"\ndate: 2024-01-02\ndraft: %s\n---\nBody.\n", i, c.value)
	}
	dest, rep := importHugo(t, files)
	for i, c := range cases {
		name := fmt.Sprintf("a/p%d.md", i)
		meta, _ := readImportedMeta(t, dest, name)
		if got := meta["draft"] == true; got != c.draft {
			t.Errorf("draft: %s: imported with draft %v, want %v", c.value, meta["draft"], c.draft)
		}
		notes := notesContaining(rep, "content/"+name, "draft:")
		switch {
		case c.severity == "" && len(notes) != 0:
			t.Errorf("draft: %s: notes %+v; want none", c.value, notes)
		case c.severity != "" && (len(notes) != 1 || notes[0].Line != 4 || notes[0].Severity != c.severity):
			t.Errorf("draft: %s: notes %+v; want one %s note at line 4", c.value, notes, c.severity)
		}
	}
}
