package importer_test

import (
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/importer"
)

// extensions is a page with kramdown's extensions: the options of the
// page, a comment on lines of its own and in a line, and text written out
// without reading it as Markdown.
const extensions = `{::options parse_block_html="true" auto_ids="false" /}

<div class="note">
Take **two** tablets.
</div>

{::comment}
Internal: check the -- dose with the pharmacist.
{:/comment}

Shown {::comment}hidden{:/} text.

{::nomarkdown}
<p>Raw <em>HTML</em></p>
{:/}
`

// TestImportJekyllKramdownExtensions: kramdown's {::options /},
// {::comment} and {::nomarkdown} were taken for attribute lists and
// removed with a note about heading ids, so a comment's text showed on
// the page and the page's parse_block_html was lost. Now the option is
// the page's (its <div> is read as Markdown, as with the _config.yml
// option), other options are named as having no effect, a comment is an
// HTML comment, and {::nomarkdown} loses its tags with a note for a
// person; the lines keep their numbers.
func TestImportJekyllKramdownExtensions(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml": "title: Repro clinic\n",
		"en/dose.md":  "---\ntitle: Dose\ndate: 2022-01-02\n---\n" + extensions, // body from line 5
	})
	_, body, _ := strings.Cut(readImported(t, dest, "en/dose.md"), "\n---\n")
	want := "<div class=\"note\">\n\nTake **two** tablets.\n\n</div>\n\n" +
		"<!--\nInternal: check the - - dose with the pharmacist.\n-->\n\n" +
		"Shown <!--hidden--> text.\n\n\n<p>Raw <em>HTML</em></p>\n\n"
	if body != want {
		t.Errorf("content/en/dose.md body:\n%q\nwant:\n%q", body, want)
	}
	wantNote(t, rep, "en/dose.md", 5, importer.Changed, `{::options parse_block_html="true" /}: kramdown's option for this page; the page is read as kramdown read it`)
	wantNote(t, rep, "en/dose.md", 5, importer.Changed, "kramdown's option auto_ids=false has no effect in medkb: removed")
	wantNote(t, rep, "en/dose.md", 7, importer.Changed, `<div class="note">: the page's {::options parse_block_html="true" /} sets kramdown's parse_block_html, so kramdown (Jekyll) read the text inside`)
	if n := notesContaining(rep, "en/dose.md", "{::comment} (kramdown: text no reader sees) written as an HTML comment"); len(n) != 2 || n[0].Line != 11 || n[1].Line != 15 {
		t.Errorf("want the comments noted at lines 11 and 15, got %+v", n)
	}
	wantNote(t, rep, "en/dose.md", 17, importer.Human, "{::nomarkdown} (kramdown: the text up to {:/} is written out as it is, not read as Markdown) removed")
	if n := notesContaining(rep, "en/dose.md", "attribute list"); len(n) != 0 {
		t.Errorf("an extension taken for an attribute list: %+v", n)
	}

	files, _ := build(t, dest)
	page := string(files["en/dose/index.html"])
	if !strings.Contains(page, "<strong>two</strong>") || strings.Contains(page, "Internal") || strings.Contains(page, "Shown hidden") || !strings.Contains(page, "<p>Raw <em>HTML</em></p>") {
		t.Errorf("the built page shows a comment, or lacks the Markdown or the HTML:\n%s", page)
	}
}
