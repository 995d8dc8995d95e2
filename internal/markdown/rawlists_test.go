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
