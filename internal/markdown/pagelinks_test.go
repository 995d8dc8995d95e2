package markdown_test

import (
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/markdown"
)

// pages answers the Markdown files of a small site, as a build's
// look-up does, and records what it was asked.
func pages(asked *[]string) func(string) (string, bool) {
	known := map[string]string{
		"asthma.md":                   "/conditions/asthma/",
		"asthma.es.md":                "/es/conditions/asthma/",
		"../treatments/inhalers.md":   "/treatments/inhalers/",
		"/conditions/type-2.markdown": "/conditions/type-2-diabetes/",
		"my page.md":                  "/conditions/my-page/",
	}
	return func(file string) (string, bool) {
		*asked = append(*asked, file)
		u, ok := known[file]
		return u, ok
	}
}

// A link to another page's Markdown file, as an editor's preview follows
// it, leads to that page's URL, its fragment kept; the checks see the
// URL. Anything else, and a file the look-up does not know, stays as
// written.
func TestLinksToMarkdownFilesLeadToTheirPages(t *testing.T) {
	t.Parallel()
	var asked []string
	src := "See [asthma](asthma.md), [causes](asthma.md#causes), [en español](asthma.es.md),\n" +
		"[inhalers](../treatments/inhalers.md#spacers), [diabetes](/conditions/type-2.markdown)\n" +
		"and [mine](my%20page.md).\n\n" +
		"Not these: [missing](missing.md#x), [remote](https://example.org/a.md), [query](asthma.md?x=1),\n" +
		"[text](notes.txt), [site](/conditions/asthma/), [ref][r].\n\n" +
		"![picture](asthma.md)\n\n" +
		"[r]: asthma.md#symptoms\n"
	res := render(t, markdown.New(markdown.Options{}), src, markdown.Context{File: "content/conditions/copd.md", Pages: pages(&asked)})
	assertContains(t, res.HTML,
		`<a href="/conditions/asthma/">asthma</a>`,
		`<a href="/conditions/asthma/#causes">causes</a>`,
		`<a href="/es/conditions/asthma/">en español</a>`,
		`<a href="/treatments/inhalers/#spacers">inhalers</a>`,
		`<a href="/conditions/type-2-diabetes/">diabetes</a>`,
		`<a href="/conditions/my-page/">mine</a>`,
		`<a href="missing.md#x">missing</a>`,
		`href="https://example.org/a.md"`,
		`<a href="asthma.md?x=1">query</a>`,
		`<a href="notes.txt">text</a>`,
		`<a href="/conditions/asthma/#symptoms">ref</a>`,
		`<img src="asthma.md"`)
	want := "asthma.md asthma.md asthma.es.md ../treatments/inhalers.md /conditions/type-2.markdown my page.md missing.md asthma.md"
	if got := strings.Join(asked, " "); got != want {
		t.Errorf("looked up %q; want %q", got, want)
	}
	var dests []string
	for _, l := range res.Links {
		dests = append(dests, l.Dest)
	}
	wantLinks := "/conditions/asthma/ /conditions/asthma/#causes /es/conditions/asthma/ /treatments/inhalers/#spacers " +
		"/conditions/type-2-diabetes/ /conditions/my-page/ missing.md#x https://example.org/a.md asthma.md?x=1 notes.txt " +
		"/conditions/asthma/ /conditions/asthma/#symptoms"
	if got := strings.Join(dests, " "); got != wantLinks {
		t.Errorf("Links = %q;\nwant %q", got, wantLinks)
	}
	if w := res.Links[1].Written + " " + res.Links[5].Written + " [" + res.Links[6].Written + "] " + res.Links[11].Written; w != "asthma.md#causes my%20page.md [] asthma.md#symptoms" {
		t.Errorf("Links' Written = %q: want each led link as written, \"\" for the others", w)
	}
	if res.Links[1].Line != 1 || res.Links[3].Line != 2 {
		t.Errorf("Links = %+v: want the lines they are on", res.Links)
	}
}

// Without a look-up (a caller that knows no pages), links to Markdown
// files stay as written.
func TestLinksToMarkdownFilesStayWithoutALookup(t *testing.T) {
	t.Parallel()
	res := render(t, markdown.New(markdown.Options{}), "[asthma](asthma.md#causes)\n", markdown.Context{File: "a.md"})
	assertContains(t, res.HTML, `<a href="asthma.md#causes">asthma</a>`)
	if len(res.Links) != 1 || res.Links[0].Dest != "asthma.md#causes" {
		t.Errorf("Links = %+v", res.Links)
	}
}

// A raw HTML link to a page's Markdown file (kept with Unsafe) is led to
// the page as a Markdown link is: looked up after the Markdown links,
// its href the page's address in the sanitized HTML, its fragment kept,
// and Result.Links holds that address. An unknown file stays as written
// (for the link check); an <img> is never looked up.
func TestRawHTMLLinksToMarkdownFilesLeadToTheirPages(t *testing.T) {
	t.Parallel()
	var asked []string
	src := "See [inhalers](../treatments/inhalers.md).\n\n" +
		"<p>Read <a href=\"asthma.md#causes\">the causes</a>, <a href='my%20page.md'>mine</a>\n" +
		"and <a href=\"missing.md\">this</a>.</p>\n\n" +
		"Inline <a href=\"asthma.es.md\">en español</a> <img src=\"asthma.md\" alt=\"x\">.\n"
	res := render(t, markdown.New(markdown.Options{Unsafe: true}), src, markdown.Context{File: "content/conditions/copd.md", Pages: pages(&asked)})
	assertContains(t, res.HTML,
		`<a href="/treatments/inhalers/">inhalers</a>`,
		`<a href="/conditions/asthma/#causes">the causes</a>`,
		`<a href="/conditions/my-page/">mine</a>`,
		`<a href="missing.md">this</a>`,
		`<a href="/es/conditions/asthma/">en español</a>`,
		`<img src="asthma.md"`)
	want := "../treatments/inhalers.md asthma.md my page.md missing.md asthma.es.md"
	if got := strings.Join(asked, " "); got != want {
		t.Errorf("looked up %q; want %q", got, want)
	}
	var dests []string
	for _, l := range res.Links {
		dests = append(dests, l.Dest)
	}
	wantLinks := "/treatments/inhalers/ /conditions/asthma/#causes /conditions/my-page/ missing.md /es/conditions/asthma/"
	if got := strings.Join(dests, " "); got != wantLinks {
		t.Errorf("Links = %q;\nwant %q", got, wantLinks)
	}
	if w := res.Links[1].Written + " [" + res.Links[3].Written + "]"; w != "asthma.md#causes []" {
		t.Errorf("raw links' Written = %q", w)
	}
}
