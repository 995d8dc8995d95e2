package e2e

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
)

// TestPrintArticle emulates print media on an article: the site's header
// navigation and search form are hidden, the article's text is shown.
func TestPrintArticle(t *testing.T) {
	tb := newTab(t, shared.site.URL)
	tb.setViewport(desktop)
	tb.open("/conditions/asthma/")
	shown := func(sel string) bool {
		t.Helper()
		return eval[bool](tb, `(() => { const el = document.querySelector(`+jsString(sel)+`);
			if (!el) throw new Error('no element matches ' + `+jsString(sel)+`);
			return el.checkVisibility({visibilityProperty: true, opacityProperty: true}); })()`)
	}
	tests := []struct {
		sel    string
		screen bool // shown on screen
		print  bool // shown in print
	}{
		{sel: "nav.site-nav", screen: true, print: false},
		{sel: "form.site-search", screen: true, print: false},
		{sel: "article h1", screen: true, print: true},
		{sel: "article .content", screen: true, print: true},
		{sel: ".printed-from", screen: false, print: true},
	}
	for _, media := range []string{"screen", "print"} {
		tb.setMedia(media, "light")
		for _, tt := range tests {
			want := tt.screen
			if media == "print" {
				want = tt.print
			}
			if got := shown(tt.sel); got != want {
				t.Errorf("%s media: %s shown = %v, want %v", media, tt.sel, got, want)
			}
		}
	}
	if n := eval[int](tb, `document.querySelector('article .content').innerText.length`); n < 500 {
		t.Errorf("print media: the article shows %d characters of text", n)
	}
}

// pdfPageRe matches a page object of a PDF (not the /Pages tree).
var pdfPageRe = regexp.MustCompile(`/Type\s*/Page\b`)

// printPages prints the open page to an A4 PDF with Chromium, saves it as
// testout/print/NAME.pdf at the repository root and returns its number of
// pages.
func (tb *tab) printPages(name string) int {
	tb.t.Helper()
	res := callCDP(tb, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: 8.27, PaperHeight: 11.69})
	if !strings.HasPrefix(string(res.Data), "%PDF-") {
		tb.t.Fatalf("Page.printToPDF returned %d bytes that are not a PDF", len(res.Data))
	}
	writeOutput(tb.t, filepath.Join(shared.root, "testout", "print", name+".pdf"), res.Data)
	return len(pdfPageRe.FindAllIndex(res.Data, -1))
}

// printedText is a script returning what print media shows of the page:
// its visible text plus the generated content (::before, ::after) of its
// visible elements.
const printedText = `(() => {
	const gen = [];
	for (const el of document.body.querySelectorAll('*')) {
		if (!el.checkVisibility()) continue;
		for (const pseudo of ['::before', '::after']) {
			const c = getComputedStyle(el, pseudo).content;
			if (c && c !== 'none' && c !== 'normal') gen.push(c);
		}
	}
	return document.body.innerText + '\n' + gen.join('\n');
})()`

// TestPrintLeaflet prints the demo's heart-attack page as a patient would
// (Chromium, A4): at most 3 pages, none holding only the footer (hiding the
// footer prints as many pages); every external address printed exactly
// once; no "↩" back-links; the review dates and "Printed from <address>
// on <date>".
func TestPrintLeaflet(t *testing.T) {
	t.Parallel()
	const path = "/conditions/heart-attack/"
	tb := newTab(t, shared.site.URL)
	tb.setViewport(desktop)
	tb.open(path)

	pages := tb.printPages("heart-attack")
	t.Logf("%s prints on %d A4 pages", path, pages)
	if pages > 3 {
		t.Errorf("%s prints on %d A4 pages; want at most 3", path, pages)
	}
	eval[bool](tb, `(document.querySelector('.site-footer').style.display = 'none', true)`)
	if without := tb.printPages("heart-attack-without-footer"); without != pages {
		t.Errorf("%s prints on %d pages, and on %d without its footer: a page holds only the footer", path, pages, without)
	}
	eval[bool](tb, `(document.querySelector('.site-footer').style.display = '', true)`)

	tb.setMedia("print", "light")
	defer tb.setMedia("", "light")
	tb.setViewport(viewport{name: "A4", width: 794, height: 1123})
	tb.screenshot("print-heart-attack")
	text := eval[string](tb, printedText)
	hrefs := eval[[]string](tb, `[...new Set([...document.querySelectorAll('main a[href^="http"]')].filter(a => a.checkVisibility()).map(a => a.href))]`)
	if len(hrefs) == 0 {
		t.Fatalf("%s has no external link to print", path)
	}
	for _, h := range hrefs {
		addr := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(h, "https://"), "http://"), "/")
		if n := strings.Count(text, addr); n != 1 {
			t.Errorf("%s in print: the address %s is printed %d times; want once", path, addr, n)
		}
	}
	if strings.Contains(text, "↩") {
		t.Errorf("%s in print: back-links (↩) are printed", path)
	}
	for _, want := range []string{"Page last reviewed:", "Next review due:"} {
		if !strings.Contains(text, want) {
			t.Errorf("%s in print: %q is not printed", path, want)
		}
	}
	canonical := "https://health.example.org" + path
	if from := eval[string](tb, `document.querySelector('.printed-from')?.innerText ?? ''`); !regexp.MustCompile(`^Printed from ` + regexp.QuoteMeta(canonical) + ` on \w+ \d+, \d{4}|^Printed from ` + regexp.QuoteMeta(canonical) + ` on \d+ \w+ \d{4}`).MatchString(from) {
		t.Errorf("%s in print: the printed-from line is %q; want \"Printed from %s on <date>\"", path, from, canonical)
	}
	tb.requireClean(path)
}
