package markdown_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/markdown"
)

// listWarnings returns the raw HTML list warnings of src, as
// "line:col message".
func listWarnings(t *testing.T, src string) []string {
	t.Helper()
	res := render(t, markdown.New(markdown.Options{Unsafe: true}), src, markdown.Context{File: "a.md"})
	var out []string
	for _, d := range res.Diagnostics {
		if strings.Contains(d.Message, "not in a list (<ul>") || strings.Contains(d.Message, "list item") && strings.Contains(d.Message, "directly in <") {
			out = append(out, fmt.Sprintf("%d:%d %s", d.Line, d.Col, d.Message))
			if !strings.Contains(d.Hint, "<ul>") && !strings.Contains(d.Hint, "</ul>") && !strings.Contains(d.Hint, "</ol>") {
				t.Errorf("hint %q names no fix with the list's tags", d.Hint)
			}
		}
	}
	return out
}

// The two faults of the imported nhs.pycom pages, cut down: a card group
// (<ul>) opened before the one above it was closed, so the next list, the
// heading and the card after it stand in the first list; and <li>s
// written into a paragraph of a <div>, which the HTML parser closes, so
// the items are in the <div>. Each is one warning at the line of the first
// element, in a multi-line HTML block (not at the block's first line).
// The first list is never closed, so the FAQ's <div> is in it too.
func TestRawListFaultsAreReportedAtTheirLine(t *testing.T) {
	t.Parallel()
	src := "Intro.\n\n" +
		"<ul class=\"cards\">\n" + // line 3
		"  <li>Ann</li>\n" +
		"\n" +
		"<ul class=\"cards\">\n" + // line 6: the first list was never closed
		"  <li>Bob</li>\n" +
		"</ul>\n" +
		"<h2>Manager</h2>\n" + // line 9
		"<div class=\"card\">Role</div>\n" +
		"\n" +
		"<div class=\"faq\">\n" + // line 12
		"  <p>Libraries include:\n" +
		"    <li>Pandas</li>\n" + // line 14
		"    <li>NumPy</li>\n" +
		"    <li>SciPy</li>\n" +
		"</div>\n"
	got := listWarnings(t, src)
	want := []string{
		"6:1 4 raw HTML elements are directly in <ul> (opened at line 3), not in list items, the first here: <ul>, <h2>, <div>",
		"14:5 raw HTML <li> and the 2 <li>s after it are not in a list (<ul> or <ol>) but in <div> (opened at line 12)",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d list warnings, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("warning %d:\n got %s\nwant %s…", i, got[i], want[i])
		}
	}

	// One stray element and one stray item are named alone.
	got = listWarnings(t, "<ol>\n<li>Step</li>\n<p>Note</p>\n</ol>\n\n<div>\n<li>Alone</li>\n</div>\n")
	want = []string{
		"3:1 raw HTML <p> is directly in <ol> (opened at line 1), not in a list item",
		"7:1 raw HTML <li> is not in a list (<ul> or <ol>) but in <div> (opened at line 6)",
	}
	if len(got) != 2 || !strings.HasPrefix(got[0], want[0]) || !strings.HasPrefix(got[1], want[1]) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Lists the HTML parser reads as lists are not reported: items closed by
// the next item, a list that closes the open paragraph before it, items
// holding blocks, Markdown inside a raw list, raw items inside a Markdown
// list item's HTML block, a script in a list, and a nested list inside an
// item.
func TestValidRawListsAreNotReported(t *testing.T) {
	t.Parallel()
	for _, src := range []string{
		"<ul><li>a<li>b</ul>\n",
		"<div><p>Text<ul><li>x</li></ul></div>\n",
		"<ul>\n<li><div class=\"card\"><h2>Ann</h2><p>Lead</p></div></li>\n</ul>\n",
		"<ul>\n<li>\n\nSome *text* with <span>a span</span>.\n\n</li>\n</ul>\n",
		"<ol>\n<li>One\n<ul><li>One a</li></ul>\n</li>\n<script>x()</script>\n</ol>\n",
		"- item\n\n  <li>raw item in a Markdown list</li>\n",
		"<ul><li><div>a<li>b</div></ul>\n",
	} {
		if got := listWarnings(t, src); len(got) > 0 {
			t.Errorf("%q: unexpected warnings:\n%s", src, strings.Join(got, "\n"))
		}
	}
}

// Text written straight into a raw list is in no item: an imported
// AnalyticsUnit page (nhsx/AnalyticsUnit, MIT, digest.md) kept a table of
// contents whose items a Liquid loop had written, "<ol>\n      1. \n
// </ol>"; the Nu Html Checker ("Text not allowed in element ol") and axe
// (list) both reported it, medkb check said nothing. One warning per
// list, at the text's line and column, counting the others; white space,
// text inside items, a script's text and Markdown text are not reported.
func TestRawListTextIsReported(t *testing.T) {
	t.Parallel()
	src := "<div class=\"card\" style=\"width: 18rem;\">\n" +
		"   <div class=\"card-body\">\n" +
		"      <h5 class=\"card-title\">Contents</h5>\n" +
		"      <ol>\n" + // line 4
		"      1. \n" + // line 5, column 7
		"      </ol>\n" +
		"   </div>\n" +
		"</div>\n" +
		"\n" +
		"<ul>\n" + // line 10
		"  <li>Item one</li>\n" +
		"  Loose\n" + // line 12, column 3
		"  <li>Item two</li>\n" +
		"  more\n" +
		"  <script>var x = 1;</script>\n" +
		"</ul>\n" +
		"\n" +
		"<ol>\n  <li>Fine</li>\n  \n</ol>\n\nText in Markdown.\n"
	res := render(t, markdown.New(markdown.Options{Unsafe: true}), src, markdown.Context{File: "a.md"})
	var got []string
	for _, d := range res.Diagnostics {
		if strings.Contains(d.Message, "is directly in raw HTML <") {
			got = append(got, fmt.Sprintf("%d:%d %s", d.Line, d.Col, d.Message))
			if !strings.Contains(d.Hint, "<li>") {
				t.Errorf("hint %q does not say to put the text in an <li>", d.Hint)
			}
		}
	}
	want := []string{
		`5:7 text "1." is directly in raw HTML <ol> (opened at line 4), not in a list item;`,
		`12:3 text "Loose" is directly in raw HTML <ul> (opened at line 10), not in a list item, and 1 more piece of text after it;`,
	}
	if len(got) != len(want) {
		t.Fatalf("got %d warnings of text in a list, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("warning %d:\n got %s\nwant %s…", i, got[i], want[i])
		}
	}
}

// A raw <img> or <a> deep in a multi-line HTML block is recorded at its
// own line, so the checks' messages (alt text, a broken link) point at
// the tag, not at the block's first line (AnalyticsUnit's imported pages
// hold an <img> without alt text a line below the block's start).
func TestRawImagesAndLinksAreRecordedAtTheirLine(t *testing.T) {
	t.Parallel()
	src := "Intro.\n\n" +
		"<div class=\"figure\">\n" + // line 3
		"  <p>A chart of waiting times.</p>\n" +
		"  <img src=\"/images/waits.png\">\n" + // line 5
		"  <p>See <a href=\"/waits/\">the waits</a>.</p>\n" + // line 6
		"</div>\n"
	res := render(t, markdown.New(markdown.Options{Unsafe: true}), src, markdown.Context{File: "a.md"})
	if len(res.Images) != 1 || res.Images[0].Src != "/images/waits.png" || res.Images[0].Line != 5 {
		t.Errorf("Images = %+v, want /images/waits.png at line 5", res.Images)
	}
	if len(res.Links) != 1 || res.Links[0].Dest != "/waits/" || res.Links[0].Line != 6 {
		t.Errorf("Links = %+v, want /waits/ at line 6", res.Links)
	}
}
