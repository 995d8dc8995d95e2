package importer_test

import (
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/importer"
)

// programme is a conference programme as nhs-pycom/nhs.pycom (MIT)
// wrote it in _posts/2022-10-24-nhs-r-conference.md (shortened): a
// <table> with a blank line between its rows, the rows indented four
// spaces. kramdown read it to </table> as one HTML block.
const programme = `<table class="w-full">
  <thead>
    <tr>
      <th>Time</th>
      <th>Description</th>
    </tr>
  </thead>

  <tbody>
    <tr>
      <td>09:15</td>
      <td>Introduction</td>
    </tr>

    <tr>
      <td>09:30</td>
      <td>Key Note Speech</td>
    </tr>

    <tr>
      <td>10:00</td>
      <td>
        <!-- a comment

        with a blank line -->
        Panel Discussion
      </td>
    </tr>
  </tbody>
</table>
`

// TestImportJekyllRawHTMLBlankLines: kramdown (Jekyll's Markdown engine)
// reads a raw HTML block to its end tag, blank lines included, where
// goldmark ends it at the first blank line and shows the indented rows
// after it as code. The import writes each blank line inside the table as
// an empty comment (in the HTML comment, "."), with one note at the
// table's line, so the built page has the table with all its rows and
// medkb check no indented-code warning. The same HTML in a fenced code
// block is left as written, and a <div markdown="1">, whose content
// kramdown read as Markdown, only loses its markdown attribute.
func TestImportJekyllRawHTMLBlankLines(t *testing.T) {
	t.Parallel()
	fenced := "```html\n<table>\n  <tr><td>a</td></tr>\n\n    <tr><td>b</td></tr>\n</table>\n```\n"
	md := "<div markdown=\"1\">\n\nSee **the dose table**.\n\n</div>\n"
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml": "title: Repro clinic\nurl: https://example.org\n",
		"_posts/2022-10-24-programme.md": "---\ntitle: Programme\n---\n\n## Itinerary\n\n" + programme +
			"\nAs an example:\n\n" + fenced + "\n" + md,
	})

	body := readImported(t, dest, "posts/programme.md")
	if !strings.Contains(body, "  </thead>\n<!---->\n  <tbody>") || !strings.Contains(body, "    </tr>\n<!---->\n    <tr>") ||
		!strings.Contains(body, "<!-- a comment\n.\n        with a blank line -->") {
		t.Errorf("the blank lines inside the table are not written as empty comments:\n%s", body)
	}
	if !strings.Contains(body, fenced) {
		t.Errorf("the fenced code block changed:\n%s", body)
	}
	if !strings.Contains(body, "<div>\n\nSee **the dose table**.\n\n</div>\n") {
		t.Errorf("the <div markdown=\"1\"> (Markdown inside) is not a <div> around its Markdown:\n%s", body)
	}
	// The table starts on the file's line 7.
	wantNote(t, rep, "_posts/2022-10-24-programme.md", 7, importer.Changed, "4 blank lines inside the <table> here written as <!---->")

	files, diags := build(t, dest)
	wantNoDiagnostics(t, diags, "indented-code")
	page := string(files["2022/10/24/programme/index.html"]) // the post's Jekyll address
	start, end := strings.Index(page, "<table"), strings.Index(page, "</table>")
	if start < 0 || end < start {
		t.Fatalf("the built page has no table:\n%s", page)
	}
	table := page[start:end]
	for _, want := range []string{"<td>09:15</td>", "<td>09:30</td>", "<td>10:00</td>", "Panel Discussion"} {
		if !strings.Contains(table, want) {
			t.Errorf("the table lacks %q:\n%s", want, table)
		}
	}
	if strings.Contains(table, "<pre") || strings.Contains(table, "&lt;tr") {
		t.Errorf("the table shows its rows as code:\n%s", table)
	}
	// The example stays code; the div's Markdown is Markdown.
	if !strings.Contains(page[end:], `<code class="language-html">`) {
		t.Errorf("the fenced example is no longer shown as code:\n%s", page)
	}
	if !strings.Contains(page, "<strong>the dose table</strong>") {
		t.Errorf("the Markdown inside <div markdown=\"1\"> is not rendered:\n%s", page)
	}
}

// TestImportJekyllRawHTMLOtherEngine: a Jekyll site whose Markdown
// engine is not kramdown (markdown: CommonMarkGhPages) read the HTML
// block as goldmark does: the page is left as written, with no note.
func TestImportJekyllRawHTMLOtherEngine(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":                    "title: Repro clinic\nurl: https://example.org\nmarkdown: CommonMarkGhPages\n",
		"_posts/2022-10-24-programme.md": "---\ntitle: Programme\n---\n\n" + programme,
	})
	if body := readImported(t, dest, "posts/programme.md"); strings.Contains(body, "<!---->") {
		t.Errorf("the page of a CommonMark site changed:\n%s", body)
	}
	if n := notesContaining(rep, "_posts/2022-10-24-programme.md", "blank lines inside"); len(n) != 0 {
		t.Errorf("notes for a CommonMark site: %+v", n)
	}
}
