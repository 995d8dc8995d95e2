package importer_test

import (
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/importer"
)

// question is a CoronaCheck.nl answer as minvws/nl-covid19-coronacheck-website
// (EUPL-1.2) writes its questions and answers
// (_questions/en/1-1-hoe-werkt-de-coronacheck-app-0g.md, shortened): a
// <details> whose answer is a <div markdown="1"> with a list right after
// the tag, no blank line, and its end tag followed by spaces.
const question = `<details class="details">
<summary><h2>Creating a paper certificate</h2></summary>
<div markdown="1">
1. Go to [CoronaCheck.nl/en/print](http://coronacheck.nl/en/print).
2. Choose what you want to make a certificate of.

Travelling abroad? **Always check** the rules before departure.
</div>      
</details>
`

// dose has raw HTML indented as code after the element's end tag, inside
// the <details> (a blank line there would make it code), and an element
// in an HTML comment (a Jekyll {% comment %}), which stays as written.
const dose = `<details>
  <summary>Dose</summary>
  <div markdown="1">
  Take **two** tablets.
  </div>
      <p>Ask a pharmacist.</p>
</details>

<!--
<div markdown="1">
**hidden**
</div>
-->
`

// TestImportJekyllMarkdownInsideHTML: kramdown (Jekyll) reads the content
// of <div markdown="1"> as Markdown up to its </div>, at the top of a
// page or inside raw HTML; goldmark ignores the attribute and reads an
// HTML block to the first blank line, so CoronaCheck.nl's answers showed
// their lists and links as typed ("1. Go to [CoronaCheck.nl/en/print](…)")
// and the lines after a blank line outside the <div>. The import writes
// each such element as goldmark reads Markdown inside HTML: the start tag
// without the attribute and a blank line after it, a blank line before
// and after the end tag, nested elements matched; the notes made after
// keep naming the old file's lines. What cannot be done so (a <p
// markdown="1">, whose content kramdown read as one paragraph's text; an
// end tag not at the start of a line; none) is kept, with a note for a
// person; markdown="1" in a code block is code.
func TestImportJekyllMarkdownInsideHTML(t *testing.T) {
	t.Parallel()
	fenced := "```html\n<div markdown=\"1\">\n**not this**\n</div>\n```\n"
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml": "title: CoronaCheck\n",
		"en/faq.md": "---\ntitle: FAQ\ndate: 2022-01-02\n---\n" + // body from line 5
			question + // lines 5-13
			"\n" + // 14
			"<div markdown=\"1\"> \nYou can call us on **0800-1351**.\n</div>\n" + // 15-17
			"<div class=\"md-block-zebra\" markdown=\"block\">## Zebra block\n" + // 18
			"<div class=\"raw\">\n\n    <b>raw</b>\n</div>\n" + // 19-22
			"<div markdown=\"1\">\nInner [link](/en/missing/).\n</div>\n" + // 23-25
			"</div>\n" + // 26
			"After the block, see [the gone page](/help/gone/).\n\n" + // 27-28
			fenced + // 29-33
			"\n<p class=\"md-block-lead\" markdown=\"1\">\n    Block lead **milibus**\n</p>\n", // 34-37
		"en/open.md":   "---\ntitle: Open\n---\n<div markdown=\"1\">\nNever **closed**.\n",
		"en/dose.md":   "---\ntitle: Dose\ndate: 2022-01-02\n---\n" + dose,
		"en/inline.md": "---\ntitle: Inline\n---\n<div markdown=\"1\">\nClosed on the line, **here**.</div>\n",
	})
	_, body, _ := strings.Cut(readImported(t, dest, "en/faq.md"), "\n---\n")
	want := `<details class="details">
<summary><h2>Creating a paper certificate</h2></summary>
<div>

1. Go to [CoronaCheck.nl/en/print](http://coronacheck.nl/en/print).
2. Choose what you want to make a certificate of.

Travelling abroad? **Always check** the rules before departure.

</div>      

</details>

<div>

You can call us on **0800-1351**.

</div>

<div class="md-block-zebra">

## Zebra block
<div class="raw">
<!---->
    <b>raw</b>
</div>
<div>

Inner [link](/en/missing/).

</div>

</div>

After the block, see [the gone page](/help/gone/).

` + fenced + `
<p class="md-block-lead" markdown="1">
    Block lead **milibus**
</p>
`
	if body != want {
		t.Errorf("content/en/faq.md body:\n%s\nwant:\n%s", body, want)
	}
	wantNote(t, rep, "en/faq.md", 7, importer.Changed, `<div markdown="1"> (and 3 more on this page): kramdown (Jekyll) read the text inside as Markdown up to its end tag`)
	wantNote(t, rep, "en/faq.md", 35, importer.Human, `<p class="md-block-lead" markdown="1">: kramdown (Jekyll) read the text inside this <p> as Markdown (one paragraph's text`)
	wantNote(t, rep, "en/open.md", 4, importer.Human, "kept as written, as it has no </div>, and kramdown read it to the end of the page")
	wantNote(t, rep, "en/inline.md", 4, importer.Human, "kept as written, as its </div> (line 5) is not at the start of a line")
	// The notes made after name the old file's lines.
	wantNote(t, rep, "en/faq.md", 24, importer.Human, "link to /en/missing/: no imported page has this address")
	wantNote(t, rep, "en/faq.md", 27, importer.Human, "link to /help/gone/: no imported page has this address")

	files, diags := build(t, dest)
	page := string(files["en/faq/index.html"])
	for _, w := range []string{
		`<li>Go to <a href="http://coronacheck.nl/en/print"`,
		"<strong>Always check</strong>", "<strong>0800-1351</strong>",
		">Zebra block</h2>", `Inner <a href="/en/missing/">link</a>`,
	} {
		if !strings.Contains(page, w) {
			t.Errorf("the built page lacks %s:\n%s", w, page)
		}
	}
	// The list is inside the <details>, after its summary.
	if d, l := strings.Index(page, "<summary>"), strings.Index(page, "<li>Go to"); d < 0 || l < d || strings.Index(page, "</details>") < l {
		t.Errorf("the answer's list is not inside its <details>:\n%s", page)
	}
	if strings.Contains(page, "[CoronaCheck.nl") || strings.Contains(page, "**Always") {
		t.Errorf("the built page shows Markdown as typed:\n%s", page)
	}
	wantDose := strings.Replace(dose, "  <div markdown=\"1\">\n  Take **two** tablets.\n  </div>\n", "  <div>\n\n  Take **two** tablets.\n\n  </div>\n", 1)
	if _, got, _ := strings.Cut(readImported(t, dest, "en/dose.md"), "\n---\n"); got != wantDose {
		t.Errorf("content/en/dose.md body:\n%s\nwant:\n%s", got, wantDose)
	}
	if got := string(files["en/dose/index.html"]); !strings.Contains(got, "<strong>two</strong>") || !strings.Contains(got, "<p>Ask a pharmacist.</p>") || strings.Contains(got, "&lt;p&gt;Ask") {
		t.Errorf("the dose page lacks its Markdown, or shows the raw HTML after it as code:\n%s", got)
	}
	for _, d := range diags {
		if strings.Contains(d.Message, "markdown") && strings.HasSuffix(d.File, "faq.md") && d.Line < 34 {
			t.Errorf("the build reports a markdown attribute the import left: %s", d)
		}
	}
}

// inCode holds markdown="1" and </div> where kramdown reads no tag: in a
// script's string, a style's comment, an HTML comment on one line, a code
// span, and, inside a <div markdown="1">, a code span, an inline comment
// and a script holding </div>, before the </div> that ends it. A <table>
// written at the start of a line in the script, with a blank line, is
// the script's text too.
const inCode = "<script>\n" +
	"const tpl = `\n" +
	"<div markdown=\"1\">\n" +
	"**x**\n" +
	"</div>\n" +
	"<table>\n" +
	"\n" +
	"  <tr><td>1</td></tr>\n" +
	"</table>`;\n" +
	"</script>\n" +
	"\n" +
	"<style>\n" +
	"/* <div markdown=\"1\"> */\n" +
	"</style>\n" +
	"\n" +
	"<!-- <div markdown=\"1\"> -->\n" +
	"\n" +
	"`<div markdown=\"1\">` starts Markdown inside HTML.\n" +
	"\n" +
	"<div markdown=\"1\">\n" +
	"Write `</div>` to close it, <!-- </div> --> not here.\n" +
	"<script>\n" +
	"document.write(\"</div>\");\n" +
	"</script>\n" +
	"The **end**.\n" +
	"</div>\n"

// TestImportJekyllMarkdownAttributeInCode: markdown="1" or </div> in a
// <script> or <style>, an HTML comment or a code span is text to kramdown
// (a string of JavaScript, an example): the import leaves it as written,
// and the <div markdown="1"> around such text ends at its own </div>.
func TestImportJekyllMarkdownAttributeInCode(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml": "title: Repro clinic\n",
		"en/guide.md": "---\ntitle: Guide\ndate: 2022-01-02\n---\n" + inCode, // body from line 5
	})
	_, body, _ := strings.Cut(readImported(t, dest, "en/guide.md"), "\n---\n")
	want := strings.Replace(inCode, "<div markdown=\"1\">\nWrite", "<div>\n\nWrite", 1)
	want = strings.Replace(want, "The **end**.\n</div>\n", "The **end**.\n\n</div>\n", 1)
	if body != want {
		t.Errorf("content/guide.md body:\n%s\nwant:\n%s", body, want)
	}
	wantNote(t, rep, "guide.md", 24, importer.Changed, `<div markdown="1">: kramdown (Jekyll) read the text inside as Markdown`)
	if n := notesContaining(rep, "guide.md", "kept as written"); len(n) != 0 {
		t.Errorf("notes of an element kept as written: %+v", n)
	}
	if n := notesContaining(rep, "guide.md", "blank lines inside"); len(n) != 0 {
		t.Errorf("notes of blank lines in the script's table: %+v", n)
	}
	files, _ := build(t, dest)
	if page := string(files["en/guide/index.html"]); !strings.Contains(page, "<strong>end</strong>") {
		t.Errorf("the Markdown inside the <div> is not rendered:\n%s", page)
	}
}

// blockHTML is a page of a site whose _config.yml sets kramdown's
// parse_block_html: true: kramdown read the text inside every block
// element outside raw HTML as Markdown (<div>, <details>: blocks; <p>,
// <h2>: one paragraph's text), and the elements inside a <table> (raw
// HTML) as HTML.
const blockHTML = `<div class="callout">
Take **two** tablets with [water](/water/).
</div>

<details>
<summary>Side effects</summary>
<div>
- nausea
- headache
</div>
</details>

<table>
<tr>
<td>
<div>
**still raw**
</div>
</td>
</tr>
</table>

<p>Call **111** if unsure.</p>

<p class="lead">See *the leaflet*.</p>

<h2>Dose for [children](/children/)</h2>

<div class="note">One line **note**.</div>

<div class="plain"><em>plain</em></div>

<div markdown="0">
**zero**
</div>
`

// TestImportJekyllParseBlockHTML: with kramdown's parse_block_html: true
// (_config.yml), kramdown read Markdown inside every HTML block element,
// not only those with markdown="1", and goldmark reads none. The import
// writes each <div> and <details> outside raw HTML as it writes a <div
// markdown="1">, and a <p> alone on its line as the Markdown paragraph it
// holds, with one note each for the page; a <p> with attributes or an
// <h2> holding Markdown, and a <div> whose end tag is on its line, are
// kept with a note for a person naming each; a <table>'s elements, a
// markdown="0" and elements with no Markdown in them are left as written
// without a note. The same page on a site without the option is left as
// written.
func TestImportJekyllParseBlockHTML(t *testing.T) {
	t.Parallel()
	page := "---\ntitle: Dose\ndate: 2022-01-02\n---\n" + blockHTML // body from line 5
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml": "title: Repro clinic\nkramdown:\n  input: GFM\n  parse_block_html: true\n",
		"en/dose.md":  page,
	})
	_, body, _ := strings.Cut(readImported(t, dest, "en/dose.md"), "\n---\n")
	want := strings.NewReplacer(
		"<div class=\"callout\">\nTake **two** tablets with [water](/water/).\n</div>\n",
		"<div class=\"callout\">\n\nTake **two** tablets with [water](/water/).\n\n</div>\n",
		"<details>\n<summary>Side effects</summary>\n<div>\n- nausea\n- headache\n</div>\n</details>\n",
		"<details>\n\n<summary>Side effects</summary>\n<div>\n\n- nausea\n- headache\n\n</div>\n\n</details>\n",
		"<p>Call **111** if unsure.</p>\n", "Call **111** if unsure.\n",
	).Replace(blockHTML)
	if body != want {
		t.Errorf("content/en/dose.md body:\n%s\nwant:\n%s", body, want)
	}
	wantNote(t, rep, "en/dose.md", 5, importer.Changed, `<div class="callout"> (and 2 more on this page): _config.yml sets kramdown's parse_block_html: true`)
	wantNote(t, rep, "en/dose.md", 27, importer.Changed, "<p>: _config.yml sets kramdown's parse_block_html: true")
	wantNote(t, rep, "en/dose.md", 29, importer.Human, "read the text inside <p> (line 29), <h2> (line 31) as Markdown (one paragraph's text")
	wantNote(t, rep, "en/dose.md", 33, importer.Human, "read the text inside <div> (line 33) as Markdown, and medkb reads raw HTML as written")
	if n := len(notesContaining(rep, "en/dose.md", "parse_block_html")); n != 4 {
		t.Errorf("%d notes of parse_block_html, want 4: %+v", n, rep.Notes)
	}

	files, _ := build(t, dest)
	got := string(files["en/dose/index.html"])
	for _, w := range []string{
		"<strong>two</strong>", `<a href="/water/">water</a>`, "<li>nausea</li>",
		"<p>Call <strong>111</strong> if unsure.</p>", "**still raw**", "**zero**",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("the built page lacks %s:\n%s", w, got)
		}
	}
	if d, l := strings.Index(got, "<summary>"), strings.Index(got, "<li>nausea"); d < 0 || l < d || strings.Index(got, "</details>") < l {
		t.Errorf("the list is not inside its <details>:\n%s", got)
	}

	// Without the option, kramdown read all of it as raw HTML.
	dest, rep = importJekyll(t, map[string]string{
		"_config.yml": "title: Repro clinic\n",
		"en/dose.md":  page,
	})
	if _, body, _ := strings.Cut(readImported(t, dest, "en/dose.md"), "\n---\n"); body != blockHTML {
		t.Errorf("without parse_block_html, content/en/dose.md body:\n%s\nwant it as written", body)
	}
	if n := notesContaining(rep, "en/dose.md", "parse_block_html"); len(n) != 0 {
		t.Errorf("without parse_block_html, notes: %+v", n)
	}
}
