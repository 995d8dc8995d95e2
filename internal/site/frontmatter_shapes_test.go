package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// frontMatterShapes are content files whose front matter Hugo reads though
// it is not at the very top or its delimiters end in spaces (the release
// notes of medic/cht-docs start with a blank line): medkb reads them as
// front matter too, never as body text.
var frontMatterShapes = map[string]string{
	"blank":    "\n---\ntitle: \"Blank first line\"\nsummary: \"S.\"\ndate: 2025-01-02\naliases: [/old/blank/]\n---\nBody of blank.\n",
	"spaces":   "---  \ntitle: \"Spaced delimiters\"\nsummary: \"S.\"\ndate: 2025-01-02\naliases: [/old/spaces/]\n---\t \nBody of spaces.\n",
	"bom-crlf": "\xef\xbb\xbf\r\n \r\n--- \r\ntitle: \"Byte order mark\"\r\nsummary: \"S.\"\r\ndate: 2025-01-02\r\naliases: [/old/bom-crlf/]\r\n---\r\nBody of bom-crlf.\r\n",
}

func TestFrontMatterBelowBlankLinesOrWithSpacedDelimitersBuilds(t *testing.T) {
	t.Parallel()
	dir := writeSite(t, baseSite)
	for name, src := range frontMatterShapes {
		if err := os.WriteFile(filepath.Join(dir, "content", "conditions", name+".md"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, _ := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	titles := map[string]string{"blank": "Blank first line", "spaces": "Spaced delimiters", "bom-crlf": "Byte order mark"}
	for name, title := range titles {
		page := "conditions/" + name + "/index.html"
		mustContain(t, files, page, "<title>"+title, "<h1>"+title+"</h1>", "Body of "+name)
		mustNotContain(t, files, page, "title:", "aliases:", "<hr")
		mustContain(t, files, "old/"+name+"/index.html", "/conditions/"+name+"/")
	}
	mustNotContain(t, files, "index.xml", "title:", "aliases:")
}

// TestFrontMatterErrorBelowABlankLineGivesTheFilesLine: a YAML error in a
// block that opens on line 3 is reported at its line in the file.
func TestFrontMatterErrorBelowABlankLineGivesTheFilesLine(t *testing.T) {
	t.Parallel()
	dir := writeSite(t, baseSite)
	src := "\n\n---  \ntitle: \"Bad\"\ndate: 2024-13-45\n---\nBody.\n"
	if err := os.WriteFile(filepath.Join(dir, "content", "conditions", "bad.md"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	errs := buildErr(t, dir)
	for _, d := range errs {
		if d.File == "content/conditions/bad.md" && strings.Contains(d.Message, `invalid date "2024-13-45"`) {
			if d.Line != 5 {
				t.Errorf("reported at line %d; want 5, the date's line in the file", d.Line)
			}
			return
		}
	}
	t.Fatalf("no invalid date error in content/conditions/bad.md; got:\n%v", errs)
}
