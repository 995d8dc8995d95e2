package markdown_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/medkb/medkb/internal/markdown"
)

// diagAt returns the diagnostics whose message contains msg, as "line:col".
func diagAt(res markdown.Result, msg string) []string {
	var out []string
	for _, d := range res.Diagnostics {
		if strings.Contains(d.Message, msg) {
			out = append(out, fmt.Sprintf("%d:%d", d.Line, d.Col))
		}
	}
	return out
}

func TestRawHTMLKeepsWhatRealContentNeeds(t *testing.T) {
	t.Parallel()
	// Shapes from public health sites: alt text with apostrophes, colons,
	// question marks and dashes (the typographer's ’ included), a Hindi
	// heading id with combining marks, a name anchor, an NHS-style
	// "reveal" expander with a table, and table attributes.
	src := "Intro.\n\n" +
		`<img src="/images/inhaler.png" alt="Don't panic: what’s next? – a nurse's guide (step 1)">` + "\n\n" +
		`<h2 id="लक्षण">लक्षण</h2>` + "\n\n" +
		`<p><a name="top"></a>Back to <a href="#top">top</a>.</p>` + "\n\n" +
		"<details class=\"nhsuk-details\">\n<summary>Doses for children</summary>\n\n" +
		"<table><caption>Doses</caption><thead><tr><th scope=\"col\">Age</th><th scope=\"col\" colspan=\"2\">Dose</th></tr></thead>" +
		"<tbody><tr><td>1–5</td><td rowspan=\"1\">2.5 ml</td><td>twice</td></tr></tbody></table>\n\n</details>\n"
	res := render(t, markdown.New(markdown.Options{Unsafe: true}), src, markdown.Context{File: "a.md"})
	if len(res.Diagnostics) != 0 {
		t.Errorf("diagnostics for legitimate HTML: %v", res.Diagnostics)
	}
	assertContains(t, res.HTML,
		`alt="Don&#39;t panic: what’s next? – a nurse&#39;s guide (step 1)"`,
		`<h2 id="लक्षण">`, `<a id="top"></a>`, `<a href="#top">top</a>`,
		`<details class="nhsuk-details">`, `<summary>Doses for children</summary>`,
		`<th scope="col" colspan="2">Dose</th>`, `<td rowspan="1">2.5 ml</td>`, "<caption>Doses</caption>")
	assertNotContains(t, res.HTML, ` name="top"`)
	if len(res.Images) != 1 || res.Images[0].Alt != "Don't panic: what’s next? – a nurse's guide (step 1)" || res.Images[0].Line != 3 {
		t.Errorf("raw image not recorded for the checks: %+v", res.Images)
	}
	if len(res.Links) != 1 || res.Links[0].Dest != "#top" || res.Links[0].Line != 7 {
		t.Errorf("raw link not recorded for the checks: %+v", res.Links)
	}
}

// TestRawPreIsFocusable: a <pre> written in raw HTML is in the tab order,
// as a Markdown code block is, so its long lines can be scrolled into view
// from the keyboard. The block is cht-docs' (medic/cht-docs, AGPL-3.0,
// content/en/community/contributing/first-time-contributors.md).
func TestRawPreIsFocusable(t *testing.T) {
	t.Parallel()
	src := "If you see\n\n" +
		"<pre>remote: Support for password authentication was removed on August 13, 2021. Use a personal access token instead.\n" +
		"fatal: Authentication failed for 'https://github.com/<your-username>/first-contributions.git/'</pre>\n\n" +
		"<pre class=\"output\" tabindex=\"0\">origin	https://github.com/your-username/your_repo.git (fetch)</pre>\n"
	res := render(t, markdown.New(markdown.Options{Unsafe: true}), src, markdown.Context{File: "a.md"})
	assertContains(t, res.HTML, `<pre tabindex="0">remote: Support`, `<pre class="output" tabindex="0">origin`)
	if n := strings.Count(res.HTML, "tabindex="); n != 2 {
		t.Errorf("%d tabindex attributes, want one on each <pre>:\n%s", n, res.HTML)
	}
}

func TestRawHTMLRemovalsAreWarningsAtTheirLine(t *testing.T) {
	t.Parallel()
	src := "Intro.\n\n" +
		"<p style=\"color: red\" onclick=\"steal()\">Styled</p>\n\n" + // line 3
		"<iframe src=\"https://video.example/x\"></iframe>\n\n" + // line 5
		"<img src=\"https://cdn.example/x.png\" alt=\"Chart\">\n\n" + // line 7
		"Text with <a href=\"javascript:alert(1)\">a bad link</a>.\n" // line 9
	res := render(t, markdown.New(markdown.Options{Unsafe: true}), src, markdown.Context{File: "a.md"})
	for msg, want := range map[string]string{
		"attribute style on <p> removed":         "3:1",
		"attribute onclick on <p> removed":       "3:1",
		"<iframe> removed":                       "5:1",
		"image from another host removed":        "7:1",
		"attribute href on <a> removed":          "9:11",
		"the address \"javascript:alert(1)\" is": "9:11",
	} {
		if got := diagAt(res, msg); len(got) != 1 || got[0] != want {
			t.Errorf("%q at %v, want [%s]; all: %v", msg, got, want, res.Diagnostics)
		}
	}
	assertNotContains(t, res.HTML, "style=", "onclick", "<iframe", "cdn.example", "javascript")
	assertContains(t, res.HTML, "Styled", "Chart", "a bad link")
}

func TestUnbalancedRawHTMLIsClosedAndReported(t *testing.T) {
	t.Parallel()
	src := "<div class=\"wrapper\">\n<span class=\"x\">\n\nText one.\n\n" + // div and span never closed (line 1, 2)
		"Para with <b>bold never closed.\n\n" + // line 6
		"Next para.\n\n</section>\n" // stray end tag, line 10
	res := render(t, markdown.New(markdown.Options{Unsafe: true}), src, markdown.Context{File: "a.md"})
	for msg, want := range map[string][]string{
		"<div> is never closed":     {"1:1"},
		"<b> is never closed":       {"6:11"},
		"</section> closes nothing": {"10:1"},
	} {
		if got := diagAt(res, msg); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%q at %v, want %v; all: %v", msg, got, want, res.Diagnostics)
		}
	}
	// The body is balanced: the HTML parser's view of it, written out,
	// closes as many elements as it opens, and nothing is left open to
	// swallow the layout after it.
	assertBalanced(t, res.HTML)
	assertContains(t, res.HTML, "Text one.", "bold never closed.", "Next para.")
	assertNoBlockInPhrasing(t, res.HTML)

	// A stray </p> after an unclosed <b> in an HTML block: the paragraphs
	// after it are not held by the <b> (nor the <span>).
	res = render(t, markdown.New(markdown.Options{Unsafe: true}),
		"<div class=\"note\"><span>Call us <b>any time</p>\n\nNext para.\n\n- a list\n", markdown.Context{File: "a.md"})
	assertBalanced(t, res.HTML)
	assertNoBlockInPhrasing(t, res.HTML)
	assertContains(t, res.HTML, "<b>any time</b>", "Next para.", "a list")
}

// assertNoBlockInPhrasing fails when a paragraph, list, div or other block
// sits inside an element that may hold only phrasing content (b, span, p).
func assertNoBlockInPhrasing(t *testing.T, body string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(body))
	var stack []string
	phrasing := map[string]bool{"b": true, "i": true, "span": true, "em": true, "strong": true, "p": true, "font": true, "small": true}
	block := map[string]bool{"p": true, "div": true, "ul": true, "ol": true, "table": true, "blockquote": true, "section": true, "details": true}
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		name, _ := z.TagName()
		switch tt {
		case html.StartTagToken:
			if block[string(name)] {
				for _, open := range stack {
					if phrasing[open] {
						t.Fatalf("<%s> inside <%s> (open: %v):\n%s", name, open, stack, body)
					}
				}
			}
			switch string(name) {
			case "br", "img", "hr", "input", "wbr", "col":
			default:
				stack = append(stack, string(name))
			}
		case html.EndTagToken:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
}

// assertBalanced tokenizes body and fails if an element is opened and not
// closed or closed and not opened.
func assertBalanced(t *testing.T, body string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(body))
	var stack []string
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		name, _ := z.TagName()
		switch tt {
		case html.StartTagToken:
			switch string(name) {
			case "br", "img", "hr", "input", "wbr", "col":
			default:
				stack = append(stack, string(name))
			}
		case html.EndTagToken:
			if len(stack) == 0 || stack[len(stack)-1] != string(name) {
				t.Fatalf("</%s> does not close the open %v:\n%s", name, stack, body)
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) > 0 {
		t.Fatalf("left open: %v\n%s", stack, body)
	}
}

func TestRawHTMLOmittedIsOneWarning(t *testing.T) {
	t.Parallel()
	src := "Intro.\n\n<!-- an editor's note -->\n\n<div class=\"reveal\">\n<p>Hidden</p>\n</div>\n\nA <b>bold</b> word.\n"
	res := render(t, markdown.New(markdown.Options{}), src, markdown.Context{File: "a.md"})
	if len(res.Diagnostics) != 1 {
		t.Fatalf("want one warning, got %v", res.Diagnostics)
	}
	d := res.Diagnostics[0]
	if d.Line != 5 || d.Severity != markdown.SeverityWarning ||
		!strings.Contains(d.Message, "raw HTML omitted: 1 block and 2 inline tags") || !strings.Contains(d.Hint, "unsafe: true") {
		t.Errorf("warning = %+v", d)
	}
	assertNotContains(t, res.HTML, "<div", "<b>")
	// Comments alone are notes to editors, not lost content.
	res = render(t, markdown.New(markdown.Options{}), "A.\n\n<!-- note -->\n", markdown.Context{File: "a.md"})
	if len(res.Diagnostics) != 0 {
		t.Errorf("a comment alone was reported: %v", res.Diagnostics)
	}
}

// TestRawHTMLAuditAgreesWithTheSanitizer renders every element and
// attribute pairing of a vocabulary through the real sanitizer and checks
// that an attribute is reported removed exactly when it is missing from
// the output: the warnings can be trusted to name what was lost.
func TestRawHTMLAuditAgreesWithTheSanitizer(t *testing.T) {
	t.Parallel()
	elements := []string{"a", "img", "p", "span", "div", "td", "th", "ol", "li", "details", "h2", "time", "abbr", "table", "bdo"}
	attrs := [][2]string{
		{"href", "/x/"}, {"href", "https://example.org/"}, {"href", "mailto:a@example.org"}, {"href", "tel:+441234"}, {"href", "sms:838255"},
		{"href", "javascript:x()"}, {"href", "ftp://x/"}, {"href", "#"}, {"href", "/a b"}, {"src", "/a.png"}, {"src", "data:text/html,x"},
		{"alt", "It’s: a ‘test’? – yes"}, {"name", "top"}, {"id", "मुख्य-बिंदु"}, {"id", "a b"}, {"class", "nhsuk-details x"},
		{"class", "a;b"}, {"title", "T"}, {"lang", "es"}, {"lang", "not a tag"}, {"dir", "rtl"}, {"role", "note"}, {"role", "button"},
		{"aria-label", "L"}, {"colspan", "2"}, {"colspan", "x"}, {"scope", "col"}, {"start", "3"}, {"open", ""},
		{"datetime", "2024-01-02"}, {"width", "200"}, {"style", "color: red"}, {"style", "text-align: center"},
		{"onclick", "x()"}, {"tabindex", "0"}, {"tabindex", "-1"}, {"target", "_blank"}, {"data-x", "1"},
	}
	r := markdown.New(markdown.Options{Unsafe: true})
	for _, el := range elements {
		for _, a := range attrs {
			content := "x"
			if el == "img" {
				content = ""
			}
			// An anchor of its own keeps the element even when this
			// attribute goes (bluemonday drops an <a> with no attributes).
			keep := `id="keep"`
			if a[0] == "id" {
				keep = `title="keep"`
			}
			src := fmt.Sprintf("<section>\n<%s %s=\"%s\" %s>%s</%s>\n</section>\n", el, a[0], a[1], keep, content, el)
			if el == "img" {
				src = fmt.Sprintf("<section>\n<img %s=\"%s\" src=\"/k.png\" alt=\"k\">\n</section>\n", a[0], a[1])
				if a[0] == "src" || a[0] == "alt" {
					src = fmt.Sprintf("<section>\n<img %s=\"%s\">\n</section>\n", a[0], a[1])
				}
			}
			res := render(t, r, src, markdown.Context{File: "a.md"})
			reported := len(diagAt(res, fmt.Sprintf("attribute %s on <%s> removed", a[0], el))) > 0
			kept := attrInOutput(t, res.HTML, el, a[0], a[1])
			if reported == kept {
				t.Errorf("<%s %s=%q>: reported removed = %v, kept in output = %v\n%s\n%v", el, a[0], a[1], reported, kept, res.HTML, res.Diagnostics)
			}
		}
	}
}

// attrInOutput reports whether the first el element of body carries key
// (with its value, for values the sanitizer does not rewrite).
func attrInOutput(t *testing.T, body string, el, key, val string) bool {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(body))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return false
		}
		tok := z.Token()
		if (tt == html.StartTagToken || tt == html.SelfClosingTagToken) && tok.Data == el {
			for _, a := range tok.Attr {
				if a.Key == key {
					return key == "style" || a.Val == val
				}
			}
			return false
		}
	}
}

// TestUnclosedCommentIsReported: a comment block that is never closed
// hides everything below it in its container; the writer is told where
// it opens and how much it hides, in safe and unsafe mode alike, and a
// comment that is closed, on its first line or later, is not reported.
func TestUnclosedCommentIsReported(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src string
		line      int    // 0: no warning
		hides     string // in the message
		shown     string // text still on the page
		hidden    string // text the comment hides
	}{
		{"to the end of the page", "Intro.\n\n<!-- check the dose\n\n## Dose\n\nTake 2 tablets.\n", 3, "hides 4 lines below it (to line 7)", "Intro.", "Take 2 tablets"},
		{"to the end of a list item", "- one\n- <!-- note\n  more\n- three\n\nAfter.\n", 2, "hides 1 line below it (to line 3)", "three</li>", "more"},
		{"to the end of a quote", "> <!-- note\n> more\n\nAfter.\n", 1, "hides 1 line below it (to line 2)", "After.", "more"},
		{"on the last line", "Intro.\n\n<!-- todo", 3, "hides nothing yet", "Intro.", ""},
		{"closed later", "Intro.\n\n<!-- note\nstill note -->\n\nShown.\n", 0, "", "Shown.", "still note"},
		{"closed on its line", "Intro.\n\n<!-- note -->\nShown.\n", 0, "", "Shown.", ""},
		{"before a table", "<!-- note\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", 1, "hides 4 lines below it (to line 5)", "", "<table"},
	}
	for _, unsafe := range []bool{false, true} {
		for _, tc := range tests {
			t.Run(fmt.Sprintf("%s/unsafe=%v", tc.name, unsafe), func(t *testing.T) {
				t.Parallel()
				res := render(t, markdown.New(markdown.Options{Unsafe: unsafe}), tc.src, markdown.Context{File: "a.md"})
				var got []markdown.Diagnostic
				for _, d := range res.Diagnostics {
					if strings.Contains(d.Message, "comment") || strings.Contains(d.Message, "raw HTML omitted") {
						got = append(got, d)
					}
				}
				switch {
				case tc.line == 0 && len(got) != 0:
					t.Errorf("reported: %+v", got)
				case tc.line != 0 && (len(got) != 1 || got[0].Line != tc.line || got[0].Severity != markdown.SeverityWarning ||
					!strings.Contains(got[0].Message, "never closed") || !strings.Contains(got[0].Message, tc.hides) || !strings.Contains(got[0].Hint, "-->")):
					t.Errorf("want one warning at line %d saying %q, got %+v", tc.line, tc.hides, got)
				}
				if !strings.Contains(string(res.HTML), tc.shown) {
					t.Errorf("%q is not on the page:\n%s", tc.shown, res.HTML)
				}
				if tc.hidden != "" && strings.Contains(string(res.HTML), tc.hidden) {
					t.Errorf("%q is on the page, so the comment did not hide it (the test's premise):\n%s", tc.hidden, res.HTML)
				}
			})
		}
	}
}

// Text Markdown reads as a tag because it looks like one (a type such as
// Array<ConfigProperty>, a placeholder such as <patient name>) is named
// as text that does not show, with the fix, in safe and unsafe mode; it
// is not counted as raw HTML omitted, and a real element still is.
func TestTextReadAsATagIsNamed(t *testing.T) {
	t.Parallel()
	src := "Roles: `string` or Array<ConfigProperty> here.\n\nWrite <patient-name> and <key> in the form.\n\nA <b>bold</b> word.\n"
	for _, unsafe := range []bool{false, true} {
		res := render(t, markdown.New(markdown.Options{Unsafe: unsafe}), src, markdown.Context{File: "a.md"})
		var got []string
		for _, d := range res.Diagnostics {
			got = append(got, fmt.Sprintf("%d:%d %s | %s", d.Line, d.Col, d.Message, d.Hint))
		}
		want := []string{
			"1:25 <ConfigProperty> is not an HTML element: Markdown reads it as a tag, so it is removed and the text does not show | to show it as text, put it in backticks (`<ConfigProperty>`) or write \\<ConfigProperty>",
			"3:7 <patient-name> is not an HTML element: Markdown reads it as a tag, so it is removed and the text does not show | to show it as text, put it in backticks (`<patient-name>`) or write \\<patient-name>",
			"3:26 <key> is not an HTML element: Markdown reads it as a tag, so it is removed and the text does not show | to show it as text, put it in backticks (`<key>`) or write \\<key>",
		}
		if unsafe {
			// <b> is allowed and kept.
		} else {
			want = append(want, "5:3 raw HTML omitted: 2 inline tags on this page (the first is here) | write it in Markdown, or set markup: {unsafe: true} in medkb.yaml to keep raw HTML (medkb sanitizes it and warns about anything it removes)")
		}
		slices.Sort(got)
		slices.Sort(want)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("unsafe=%v: got\n%s\nwant\n%s", unsafe, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// A raw HTML <img>'s srcset loads its images as surely as its src: each
// is a link the checks see (a broken one is reported; a file of content/
// it names is linked). A srcset the sanitizer removes links nothing.
func TestRawSrcsetImagesAreLinks(t *testing.T) {
	t.Parallel()
	src := "Text.\n\n<img src=\"/img/a.png\" srcset=\"/img/a-480.png 480w, b.png 960w\" alt=\"A\">\n\n" +
		"<img src=\"/img/c.png\" srcset=\"/img/c.png 1x, /img/c2.png 2x\" alt=\"C\">\n"
	res := render(t, markdown.New(markdown.Options{Unsafe: true}), src, markdown.Context{File: "a.md"})
	var got []string
	for _, l := range res.Links {
		got = append(got, fmt.Sprintf("%s@%d", l.Dest, l.Line))
	}
	if want := []string{"/img/a-480.png@3", "b.png@3"}; !slices.Equal(got, want) {
		t.Errorf("links %q, want %q", got, want)
	}
	assertContains(t, res.HTML, `srcset="/img/a-480.png 480w, b.png 960w"`)
}

// TestRawTableScrollsInItsRegion: a <table> written in raw HTML gets the
// focusable, named region a Markdown table gets, so a wide one scrolls
// inside it instead of widening the page. The first table is the talks
// table of nhs-pycom/nhs.pycom (MIT), _posts/2022-11-02-nhs-r-conference.md,
// whose LinkedIn address made the page 1,424 px wide on a 390 px phone.
// Only the outermost table of a nest is wrapped, a table already in a
// region gets no second one, and the body stays balanced.
func TestRawTableScrollsInItsRegion(t *testing.T) {
	t.Parallel()
	talks := "<table class=\"w-full\">\n  <thead class=\"text-left\">\n    <tr>\n      <th>Time</th>\n      <th>Speaker</th>\n    </tr>\n  </thead>\n" +
		"<!---->\n  <tbody>\n    <tr>\n      <td>09:15</td>\n      <td><a href=\"https://www.linkedin.com/in/mary-amanuel-b9b4621b4?miniProfileUrn=urn%3Ali%3Afs_miniProfile%3AACoAADHmqicBwF_728pSYQ0FY_1LhQGjRGNmUa0\"> Mary Amanuel</a></td>\n" +
		"    </tr>\n  </tbody>\n</table>\n"
	for _, tt := range []struct {
		name, src string
		labels    []string // the regions' names, in order
	}{
		{"after a Markdown table, numbered on", "| a | b |\n|---|---|\n| 1 | 2 |\n\n## Itinerary\n\n" + talks, []string{"Table 1", "Table 2"}},
		{"named by its caption", "<table><caption>Doses <b>for</b>\n children</caption><tr><td>1</td></tr></table>\n", []string{"Doses for children"}},
		{"nested", "<table><tr><td><table><tr><td>inner</td></tr></table></td></tr></table>\n", []string{"Table 1"}},
		{"inside a div", "<div class=\"nhsuk-table__panel\">\n<h3>Board</h3>\n\n<table class=\"nhsuk-table\">\n<!-- Arouba --\n<caption>Arouba</caption> -->\n<tr><td>x</td></tr></table>\n</div>\n", []string{"Table 1"}},
		{"already in a region", "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Doses\"><table><tr><td>1</td></tr></table></div>\n", []string{"Doses"}},
		{"spanning Markdown", "<table><tr><td>\n\nSome **bold** text.\n\n</td></tr></table>\n\nAfter.\n", []string{"Table 1"}},
		{"left open", "<table><tr><td>never closed\n\nAfter.\n", []string{"Table 1"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := render(t, markdown.New(markdown.Options{Unsafe: true}), tt.src, markdown.Context{File: "a.md"})
			assertBalanced(t, res.HTML)
			if got := tableRegions(t, res.HTML); !slices.Equal(got, tt.labels) {
				t.Errorf("table regions %q, want %q:\n%s", got, tt.labels, res.HTML)
			}
		})
	}
}

// tableRegions parses body and returns the names of its table regions,
// failing the test when an outermost table is not the only child element
// of a focusable, named table region, or a region holds anything else.
func tableRegions(t *testing.T, body string) []string {
	t.Helper()
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(body), ctx)
	if err != nil {
		t.Fatal(err)
	}
	get := func(n *html.Node, key string) string {
		for _, a := range n.Attr {
			if a.Key == key {
				return a.Val
			}
		}
		return ""
	}
	var labels []string
	var walk func(n *html.Node, inTable bool)
	walk = func(n *html.Node, inTable bool) {
		if n.Type == html.ElementNode && n.Data == "div" && get(n, "class") == "table-wrap" {
			var kids []string
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode {
					kids = append(kids, c.Data)
				}
			}
			if get(n, "tabindex") != "0" || get(n, "role") != "region" || get(n, "aria-label") == "" || !slices.Equal(kids, []string{"table"}) {
				t.Errorf("table region %v holding %v", n.Attr, kids)
			}
			labels = append(labels, get(n, "aria-label"))
		}
		if n.Type == html.ElementNode && n.Data == "table" {
			if !inTable && (n.Parent == nil || get(n.Parent, "class") != "table-wrap") {
				t.Errorf("a table outside a region:\n%s", body)
			}
			inTable = true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inTable)
		}
	}
	for _, n := range nodes {
		walk(n, false)
	}
	return labels
}

// CoronaCheck.nl's accessibility statements end "Let us know by emailing
// <a href="mailto:helpdesk@coronacheck.nl?subject=…">helpdesk@coronacheck.nl</a>."
// Linkify made the address inside the raw link a second link, so medkb
// wrote <a href="mailto:…?subject="><a href="mailto:helpdesk@…">…</a></a>:
// a link inside a link, which the Nu Html Checker refuses ("Start tag a
// seen but an element of the same type was already open") and browsers
// split in two. Text inside a raw <a> is now left as text; outside one,
// and in a page without raw HTML, addresses are still linked.
func TestNoAutomaticLinkInsideARawLink(t *testing.T) {
	r := markdown.New(markdown.Options{Unsafe: true})
	for src, want := range map[string]string{
		"Mail <a href=\"mailto:helpdesk@coronacheck.nl?subject=App\">helpdesk@coronacheck.nl</a>.\n":      `<a href="mailto:helpdesk@coronacheck.nl?subject=App">helpdesk@coronacheck.nl</a>.`,
		"Print at <a href=\"/en/print\">www.coronacheck.nl/en/print</a> or www.example.org.\n":            `<a href="/en/print">www.coronacheck.nl/en/print</a> or <a href="http://www.example.org"`,
		"See <a href=\"https://example.org\"><b>https://example.org</b></a>, then https://example.net.\n": `<a href="https://example.org" rel="noopener noreferrer"><b>https://example.org</b></a>, then <a href="https://example.net"`,
	} {
		got := render(t, r, src, markdown.Context{File: "a.md"}).HTML
		if !strings.Contains(got, want) {
			t.Errorf("%q:\n got %s\nwant it to contain %s", src, got, want)
		}
		if strings.Count(got, "<a ") != strings.Count(got, "</a>") || strings.Contains(got, "</a></a>") {
			t.Errorf("%q: a link inside a link: %s", src, got)
		}
	}
}

// A </p> after a list written inside the paragraph closes nothing: the
// <ul> ended the paragraph, and browsers read the </p> as an empty
// paragraph of its own (the Nu Html Checker: "No p element in scope but
// a p end tag seen"). The shape is the imported AnalyticsUnit ways of
// working page's (nhsx/AnalyticsUnit, MIT, waysofworking.md). One warning
// at the </p>, naming the <p>'s and the <ul>'s lines; a </p> that does
// close its paragraph, after a list closed inside a <div> of it, or with
// the list after it, is not reported.
func TestStrayParagraphEndAfterAListIsReported(t *testing.T) {
	t.Parallel()
	src := "<div class=\"details-text\">\n" +
		"  <p>For new members of the team looking at learning Python and R we recommend starting with:\n" + // line 2
		"  <ul>\n" + // line 3
		"    <li>Python - see nhs-pycom.net/resources as a start.</li>\n" +
		"    <li>R - see nhsrcommunity.com as a start.</li>\n" +
		"  </ul>\n" +
		"  </p>\n" + // line 7, column 3
		"</div>\n" +
		"\n" +
		"<div>\n<p>Fine.</p>\n<ul><li>Item</li></ul>\n<p>Also <b>fine</b>.</p>\n</div>\n"
	res := render(t, markdown.New(markdown.Options{Unsafe: true}), src, markdown.Context{File: "a.md"})
	var got []string
	for _, d := range res.Diagnostics {
		if strings.Contains(d.Message, "closes nothing") || strings.Contains(d.Message, "never closed") {
			got = append(got, fmt.Sprintf("%d:%d %s | %s", d.Line, d.Col, d.Message, d.Hint))
		}
	}
	want := "7:3 raw HTML </p> closes nothing: the <p> opened at line 2 ended where <ul> started, at line 3 (a paragraph cannot hold a list)"
	if len(got) != 1 || !strings.HasPrefix(got[0], want) || !strings.Contains(got[0], "before the <ul>") {
		t.Fatalf("got\n%s\nwant one warning\n%s…, its hint naming the <ul>", strings.Join(got, "\n"), want)
	}
	assertBalanced(t, res.HTML)
	assertContains(t, res.HTML, "recommend starting with:", "nhsrcommunity.com as a start.", "Also <b>fine</b>.")
	// What medkb writes has no </p> without its <p>, as the HTML parser
	// reads it (a block start tag ends an open paragraph).
	z := html.NewTokenizer(strings.NewReader(res.HTML))
	open := false
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		name, _ := z.TagName()
		switch {
		case tt == html.StartTagToken && string(name) == "p":
			open = true
		case tt == html.StartTagToken && strings.Contains(" div ul ol h2 h3 table pre blockquote ", " "+string(name)+" "):
			open = false
		case tt == html.EndTagToken && string(name) == "p":
			if !open {
				t.Fatalf("a </p> closes nothing in the output:\n%s", res.HTML)
			}
			open = false
		}
	}
}

// A form field other than a task list's checkbox is removed, with a
// warning at its line: the imported HealthCare.gov 404 page (public
// domain) kept, its <form> removed and its type, name and placeholder
// stripped, an unlabelled text box that sent nothing (axe: label,
// critical). Task list checkboxes, Markdown's and raw, stay.
func TestRawFormFieldIsRemovedAndReported(t *testing.T) {
	t.Parallel()
	src := "<div class='input-append'>\n" +
		"  <form name='gsearch' method='get' action='//search'>\n" +
		"    <input id='404-search' title='' class='nav-search span5' name='q' type='search' placeholder='' autocomplete='off'>\n" + // line 3, column 5
		"  </form>\n" +
		"</div>\n\n" +
		"- [x] Checked the list\n\n" +
		"<p><input type=\"checkbox\" disabled> A raw task</p>\n"
	res := render(t, markdown.New(markdown.Options{Unsafe: true}), src, markdown.Context{File: "a.md"})
	var got []string
	for _, d := range res.Diagnostics {
		if strings.Contains(d.Message, "<input") {
			got = append(got, fmt.Sprintf("%d:%d %s", d.Line, d.Col, d.Message))
		}
	}
	want := `3:5 raw HTML <input type="search"> removed: medkb keeps only the checkboxes of task lists`
	if len(got) != 1 || !strings.HasPrefix(got[0], want) {
		t.Fatalf("got\n%s\nwant one warning\n%s…", strings.Join(got, "\n"), want)
	}
	assertNotContains(t, res.HTML, "404-search", "nav-search")
	if n := strings.Count(res.HTML, `type="checkbox"`); n != 2 {
		t.Errorf("%d checkboxes kept, want 2 (the task list's and the raw one):\n%s", n, res.HTML)
	}
}

// TestRawEndTagAfterItsListItemEndedIsReported: the Community Health
// Toolkit's docs open a <details> in a numbered step, indented under it,
// and close it at the left margin after a blank line, where the list has
// ended. The audit matched the two by name and said nothing, and medkb
// wrote <li><details>…</li></ol></details>: the Nu Html Checker's
// "Unclosed element details" and "Stray end tag details". The end tag is
// now reported at its line, and the body balanced as browsers read it
// (the element closes with its list item). One closed inside its item,
// and one in a quote closed inside it, are not reported.
func TestRawEndTagAfterItsListItemEndedIsReported(t *testing.T) {
	t.Parallel()
	src := "1. Connect the phone.\n" +
		"2. Write a settings file.\n\n" +
		"   <details><summary>The settings file</summary>\n\n" + // line 4
		"   ```js\n   {\"iterations\": 1}\n   ```\n\n" +
		"</details>\n\n" + // line 10
		"3. Run the tests.\n\n" +
		"   <details><summary>Fine</summary>\n\n   Text.\n\n   </details>\n\n" +
		"> <div>\n>\n> Quoted.\n>\n> </div>\n"
	res := render(t, markdown.New(markdown.Options{Unsafe: true}), src, markdown.Context{File: "a.md"})
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, fmt.Sprintf("%d:%d %s | %s", d.Line, d.Col, d.Message, d.Hint))
	}
	want := "10:1 raw HTML </details> closes nothing: the <details> opened at line 4 is in a list item that ends before this line, and browsers, and medkb, close the <details> there | indent </details> as far as the <details> on line 4, so that it is in the same list item"
	if len(got) != 1 || got[0] != want {
		t.Fatalf("got\n%s\nwant one warning\n%s", strings.Join(got, "\n"), want)
	}
	assertBalanced(t, res.HTML)
	assertContains(t, res.HTML, "<details><summary>The settings file</summary>", "iterations", "</details></li>", "Run the tests.", "Quoted.")
}

// TestRawHTMLDuplicateIDIsReportedAtItsLine: BCDA's comparison tables
// (CMSgov/bcda-static-site, CC0) as imported, their header cells'
// id="col-bcda-{{unique}}" left without the number Liquid wrote: the
// second table's cells repeat the first's ids, so their headers= name the
// first table's cells. Each repeat is a warning at its own tag, naming
// the first's line; ids in two pages' raw HTML, a Markdown heading's id
// and an id the sanitizer removes are not compared.
func TestRawHTMLDuplicateIDIsReportedAtItsLine(t *testing.T) {
	t.Parallel()
	table := func(caption string) string {
		return "<table class=\"usa-table\">\n" +
			"  <caption>" + caption + "</caption>\n" +
			"  <thead>\n" +
			"    <tr>\n" +
			"      <th scope=\"col\" id=\"col-bcda-\">BCDA</th>\n" +
			"      <th scope=\"col\" id=\"col-cclf-\">CCLF</th>\n" +
			"    </tr>\n" +
			"  </thead>\n" +
			"  <tbody>\n" +
			"    <tr>\n" +
			"      <td headers=\"col-bcda-\">Programmatically using API requests</td>\n" +
			"      <td headers=\"col-cclf-\">Manually using portals</td>\n" +
			"    </tr>\n" +
			"  </tbody>\n" +
			"</table>\n"
	}
	src := "## Access method\n\n" + // lines 1-2
		table("Access method") + "\n" + // lines 3-17, 18
		table("Frequency") + "\n" + // lines 19-33, 34
		"<a name=\"access-method\"></a><a name=\"col-bcda-\"></a>\n" // line 35
	res := render(t, markdown.New(markdown.Options{Unsafe: true}), src, markdown.Context{File: "comparison.md"})
	for id, want := range map[string][]string{
		`"col-bcda-" is already the id of an element at line 7`: {"23:7", "35:29"},
		`"col-cclf-" is already the id of an element at line 8`: {"24:7"},
	} {
		if got := diagAt(res, "raw HTML id "+id); !slices.Equal(got, want) {
			t.Errorf("raw HTML id %s at %v, want %v; all: %v", id, got, want, res.Diagnostics)
		}
	}
	if got := diagAt(res, "is already the id"); len(got) != 3 {
		t.Errorf("%d duplicate id warnings, want 3: %v", len(got), res.Diagnostics)
	}
	// <a name="access-method"> above "## Access method": the heading's id.
	if got := diagAt(res, `raw HTML id "access-method" is also the id medkb gives a heading`); !slices.Equal(got, []string{"35:1"}) {
		t.Errorf("the raw id a heading has: warnings at %v, want [35:1]; all: %v", got, res.Diagnostics)
	}
	if got := diagAt(res, "is also the id medkb gives"); len(got) != 1 {
		t.Errorf("%d heading id warnings, want 1: %v", len(got), res.Diagnostics)
	}
	// Each page is its own document.
	if got := diagAt(render(t, markdown.New(markdown.Options{Unsafe: true}), table("Access method"), markdown.Context{File: "other.md"}), "is already the id"); len(got) != 0 {
		t.Errorf("a page with one table: duplicate id warnings at %v", got)
	}
}

// TestRawImageWithEmptyAltIsDecorative: alt="" (or a bare alt) on a raw
// <img> marks it as decorative, WCAG's H67, and the sanitizer keeps the
// empty alt in the page; an <img> without alt, and a Markdown ![](…),
// which cannot say "decorative", are not.
func TestRawImageWithEmptyAltIsDecorative(t *testing.T) {
	t.Parallel()
	src := "Intro.\n\n<div class=\"banner\">\n<p>Welcome.</p>\n<img src=\"/images/rule.png\" alt=\"\">\n</div>\n\n" +
		"A dot <img src=\"/images/dot.png\" alt> here, a bare one <img src=\"/images/bare.png\"> there.\n\n" +
		"![](/images/md.png)\n\n<img src=\"/images/told.png\" alt=\"A peak flow meter\">\n\n" +
		"<img src=\"/images/space.png\" alt=\" \"> and ![ ](/images/mdspace.png)\n"
	res := render(t, markdown.New(markdown.Options{Unsafe: true}), src, markdown.Context{File: "a.md"})
	got := map[string]string{}
	for _, im := range res.Images {
		got[im.Src] = fmt.Sprintf("%d %q %v", im.Line, im.Alt, im.Decorative)
	}
	want := map[string]string{
		"/images/rule.png": `5 "" true`,
		"/images/dot.png":  `8 "" true`,
		"/images/bare.png": `8 "" false`,
		"/images/md.png":   `10 "" false`,
		"/images/told.png": `12 "A peak flow meter" false`,
		// alt=" " is not alt="": kept as written for check's alt-text; a
		// Markdown ![ ](…) has no alt ("").
		"/images/space.png":   `14 " " false`,
		"/images/mdspace.png": `14 "" false`,
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("image %s: got %s, want %s", k, got[k], w)
		}
	}
	for _, el := range []string{`<img src="/images/rule.png" alt="">`, `<img src="/images/dot.png" alt="">`} {
		if !strings.Contains(res.HTML, el) {
			t.Errorf("the page lost the empty alt: no %s in\n%s", el, res.HTML)
		}
	}
}

// TestRawTagCutByABlankLineIsReported: a raw tag whose attributes span a
// blank line is cut by CommonMark into an HTML block and a paragraph the
// page shows as text (a Jekyll import's <img and </blockquote>); the
// warning is at the tag's "<". A tag whose attributes span lines with no
// blank one, a ">" inside a quoted value, and a comment are not cut.
func TestRawTagCutByABlankLineIsReported(t *testing.T) {
	t.Parallel()
	src := "Intro.\n\n" +
		"<div class=\"figure\">\n  <img src=\"/images/lungs.png\"\n\n  alt=\"The lungs\">\n</div>\n\n" + // 3-6
		"<p>Fine <img src=\"/images/a.png\"\n  alt=\"a > b\"></p>\n\n" + // 9-10
		"<blockquote>\n<p>Quoted.</p>\n</blockquote\n\n>\n\n" + // 12-16
		"<!-- a note\n\n-->\n\n" + // 18-20
		"<div><span title=\"x >\n\ny\">z</span></div>\n" // 22-24
	for _, unsafe := range []bool{true, false} {
		res := render(t, markdown.New(markdown.Options{Unsafe: unsafe}), src, markdown.Context{File: "a.md"})
		got := diagAt(res, "is cut by the blank line")
		want := []string{"4:3", "14:1", "22:6"}
		if !slices.Equal(got, want) {
			t.Errorf("unsafe %v: cut tags at %v, want %v\n%v", unsafe, got, want, res.Diagnostics)
		}
		for _, d := range res.Diagnostics {
			if d.Line == 4 && strings.Contains(d.Message, "is cut") && !strings.Contains(d.Message, "raw HTML <img is cut by the blank line after line 4") {
				t.Errorf("message: %s", d.Message)
			}
		}
	}
}

// TestRawTagWarningsAreAtTheTagsLine: in an HTML block of many lines,
// each warning about a tag or its attributes is at the tag's own line and
// column, not the block's first line: an attribute removed, an image from
// another host, an element not on the list, an end tag closing nothing,
// an element never closed.
func TestRawTagWarningsAreAtTheTagsLine(t *testing.T) {
	t.Parallel()
	src := "Intro.\n\n<div class=\"card\">\n  <p>Call us.</p>\n" + // 3-4
		"  <p onclick=\"go()\">Tap here.</p>\n" + // 5
		"  <img src=\"https://cdn.example.com/a.png\" alt=\"A ward\">\n" + // 6
		"  <font color=\"red\">Red</font>\n" + // 7
		"  </span>\n" + // 8
		"  <section>\n" + // 9
		"</div>\n" // 10
	res := render(t, markdown.New(markdown.Options{Unsafe: true}), src, markdown.Context{File: "a.md"})
	for msg, want := range map[string]string{
		"raw HTML attribute onclick on <p> removed": "5:3",
		"raw HTML image from another host removed":  "6:3",
		"raw HTML <font> removed":                   "7:3",
		"raw HTML </span> closes nothing":           "8:3",
		"raw HTML <section> is never closed":        "9:3",
	} {
		if got := diagAt(res, msg); !slices.Equal(got, []string{want}) {
			t.Errorf("%q at %v, want [%s]", msg, got, want)
		}
	}
}

// TestRawTagCutInAParagraphIsReported: a tag in a paragraph's text whose
// attributes span a blank line is not raw HTML at all (CommonMark takes a
// tag only whole within one paragraph): the page shows both parts as
// text. The warning is at the tag's "<". A "<" in prose ("x < 5", "<3",
// "a<b and"), an escaped one, one in a code span, a whole tag, and a tag
// whose tail after the blank line is prose, not attributes, are not cut.
func TestRawTagCutInAParagraphIsReported(t *testing.T) {
	t.Parallel()
	src := "See the chart <img src=\"/img/chart.png\"\n\nalt=\"Peak flow chart\">.\n\n" + // 1-3
		"If x < 5 or <3 times a day, a<b and\n\nc>d.\n\n" + // 5-7
		"Escaped \\<img src=\"a.png\"\n\nalt=\"b\">.\n\n" + // 9-11
		"In code `<img src=\"a.png\"`\n\nalt=\"b\">.\n\n" + // 13-15
		"Whole <img src=\"a.png\" alt=\"a\"> here.\n\n" + // 17
		"- A step <a href=\"/x/\"\n  class=\"more\"\n\n  >more</a>\n\n" + // 19-22
		"<img src=\"b.png\"\n\nalt=\"B\" />\n\n" + // 24-26
		"Not a tag <img src=\"c.png\"\n\nThen, the end.\n\n" + // 28-30
		"Quoted <span title=\"a\n\nb\">z</span>\n" // 32-34
	for _, unsafe := range []bool{true, false} {
		res := render(t, markdown.New(markdown.Options{Unsafe: unsafe}), src, markdown.Context{File: "a.md"})
		got := diagAt(res, "is cut by the blank line")
		want := []string{"1:15", "19:10", "24:1", "32:8"}
		if !slices.Equal(got, want) {
			t.Errorf("unsafe %v: cut tags at %v, want %v\n%v", unsafe, got, want, res.Diagnostics)
		}
		for _, d := range res.Diagnostics {
			if d.Line == 1 && strings.Contains(d.Message, "is cut") && (!strings.Contains(d.Message, "raw HTML <img is cut by the blank line after line 1") ||
				!strings.Contains(d.Hint, "remove the blank line")) {
				t.Errorf("message: %s (%s)", d.Message, d.Hint)
			}
		}
	}
}
