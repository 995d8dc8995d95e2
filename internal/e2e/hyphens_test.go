package e2e

import (
	"fmt"
	"testing"
)

// headingWords is what measureHeadingWords finds of an element.
type headingWords struct {
	Found   bool    `json:"found"`
	Hyphens string  `json:"hyphens"` // computed hyphens
	Wrap    string  `json:"wrap"`    // computed overflow-wrap
	Lang    string  `json:"lang"`    // the closest lang attribute
	Right   float64 `json:"right"`   // the content box's right edge
	Lines   int     `json:"lines"`
	// Out are the line boxes of the text that end past the content box.
	Out []string `json:"out"`
}

// measureHeadingWords measures the element selected by %s: its
// hyphenation settings, its language, and each line box of its text
// (Range.getClientRects) against its content box.
const measureHeadingWords = `((sel) => {
	const el = document.querySelector(sel);
	if (!el) return {found: false};
	const cs = getComputedStyle(el);
	const box = el.getBoundingClientRect();
	const right = box.right - parseFloat(cs.paddingRight) - parseFloat(cs.borderRightWidth);
	const range = document.createRange();
	range.selectNodeContents(el);
	const out = [];
	let lines = 0;
	for (const r of range.getClientRects()) {
		if (r.width === 0) continue;
		lines++;
		if (r.right > right + 0.5) out.push(Math.round(r.left) + '–' + Math.round(r.right) + 'px');
	}
	return {found: true, hyphens: cs.hyphens, wrap: cs.overflowWrap, lang: el.closest('[lang]').lang,
		right, lines, out};
})(%q)`

// probeHyphenation reports whether this browser hyphenates Spanish:
// "Demostración" in a box narrower than the word, with hyphens: auto and
// no other way to break it, wraps only if the browser has Spanish
// hyphenation patterns.
const probeHyphenation = `(() => {
	const d = document.createElement('div');
	d.lang = 'es';
	d.style.cssText = 'position:absolute;visibility:hidden;inline-size:5em;font-size:20px;line-height:1;hyphens:auto;overflow-wrap:normal;word-break:normal';
	d.textContent = 'Demostración';
	document.body.append(d);
	const wraps = d.getBoundingClientRect().height > 30;
	d.remove();
	return wraps;
})()`

// TestLongWordsInHeadingsStayInside: at 200 % text on a 320 px phone, the
// Spanish pages' longest words ("Demostración" in the site's title, in
// the home page's heading) are wider than the line. The headings and the
// site title ask for hyphenation (hyphens: auto) in the page's language
// (lang="es", inherited from <html>), so a browser with Spanish
// hyphenation patterns breaks the word with a hyphen at a syllable;
// where it has none, overflow-wrap: anywhere breaks it where it must,
// without a hyphen, and no line of it sticks out of its box or the page.
//
// Headless Chromium here has none: Debian's chromium package ships no
// hyphenation dictionaries (Chrome downloads them, hyph-*.hyb, into the
// profile's hyphen-data folder through its component updater, which a
// test browser offline never runs), so hyphens: auto does nothing and
// the word breaks without a hyphen. probeHyphenation says which, in the
// log.
func TestLongWordsInHeadingsStayInside(t *testing.T) {
	t.Parallel()
	tb := newTab(t, shared.site.URL)
	tb.setViewport(viewport{name: "phone-320", width: 320, height: 568})
	for _, c := range []struct{ path, sel string }{
		{"/es/", "h1"},
		{"/es/", ".site-title"},
		{"/es/conditions/asthma/", ".site-title"},
	} {
		tb.open(c.path)
		tb.setTextSize(200)
		where := fmt.Sprintf("%s %s at 200%% text on a 320 px phone", c.path, c.sel)
		if c.path == "/es/" && c.sel == "h1" {
			t.Logf("this Chromium hyphenates Spanish: %v", eval[bool](tb, probeHyphenation))
		}
		w := eval[headingWords](tb, fmt.Sprintf(measureHeadingWords, c.sel))
		t.Logf("%s: %+v", where, w)
		switch {
		case !w.Found:
			t.Errorf("%s: no such element", where)
			continue
		case w.Hyphens != "auto":
			t.Errorf("%s: hyphens is %q; want auto, so that a browser with the language's patterns hyphenates a long word", where, w.Hyphens)
		case w.Lang != "es":
			t.Errorf("%s: the language is %q; want es, the language the browser hyphenates by", where, w.Lang)
		case w.Wrap != "anywhere":
			t.Errorf("%s: overflow-wrap is %q; want anywhere, so that a word wider than the line breaks where the browser cannot hyphenate", where, w.Wrap)
		}
		if w.Lines < 2 {
			t.Errorf("%s: the text is on %d line; the test wants a word wider than the line, which it no longer has", where, w.Lines)
		}
		if len(w.Out) > 0 {
			t.Errorf("%s: lines of the text end past the box's right edge (%.0f px): %v", where, w.Right, w.Out)
		}
		tb.requireNoOverflow(where)
		tb.requireClean(where)
	}
}
