package e2e

import (
	"os"
	"path/filepath"
	"testing"
)

// rtlSite is a small site with an Arabic translation, file by file.
func rtlSite() map[string]string {
	return map[string]string{
		"medkb.yaml": `title: "Right-to-left test library"
base_url: "https://rtl.example.org/"
languages:
  - {code: en, name: English, direction: ltr, default: true}
  - {code: ar, name: "العربية", direction: rtl}
`,
		"content/conditions/asthma.md": `---
title: "Asthma"
summary: "Asthma makes your airways narrow and swollen."
date: 2024-03-04
---
Asthma is a common condition that affects the tubes that carry air in and out of your lungs.
`,
		"data/authors.yaml": `jsmith:
  name: "Dr Jane Smith"
  credentials: "MBBS, MRCGP"
  role: "General Practitioner"
ahassan:
  name: "Dr Ali Hassan"
  credentials: "MD"
`,
		"content/conditions/asthma.ar.md": `---
title: "الربو"
summary: "الربو مرض شائع يجعل مجاري الهواء ضيقة ومتورمة."
date: 2024-03-04
authors: [jsmith, ahassan]
references: [{id: gina, title: "Global Strategy for Asthma Management (GINA)", year: 2024, url: "https://ginasthma.org/reports/"}]
---
الربو مرض شائع يصيب الأنابيب التي تحمل الهواء إلى الرئتين ومنهما [@gina]. يمكن أن يبدأ الربو في أي عمر، ومعظم الناس يستطيعون السيطرة عليه جيداً بالعلاج المناسب.
`,
	}
}

// edges are the left and right edges of boxes on the page, in CSS pixels.
type edges struct {
	Left  float64 `json:"left"`
	Right float64 `json:"right"`
}

// TestRightToLeft builds a site with an Arabic translation and checks the
// Arabic article on a phone: the document is marked right-to-left, nothing
// scrolls sideways, axe finds no violation, and the heading and the
// breadcrumb start at the right edge.
func TestRightToLeft(t *testing.T) {
	t.Parallel()
	src := t.TempDir()
	for name, text := range rtlSite() {
		path := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		writeFileT(t, path, []byte(text))
	}
	public := filepath.Join(t.TempDir(), "public")
	if err := buildSite(src, public); err != nil {
		t.Fatal(err)
	}
	srv := serveDir(public)
	t.Cleanup(srv.Close)

	tb := newTab(t, srv.URL)
	tb.setViewport(phone)
	const path = "/ar/conditions/asthma/"
	tb.open(path)
	if dir := eval[string](tb, `document.documentElement.getAttribute('dir') ?? ''`); dir != "rtl" {
		t.Errorf("%s: html dir=%q, want rtl", path, dir)
	}
	for _, scheme := range []string{"light", "dark"} {
		tb.setMedia("", scheme)
		tb.requireNoOverflow(path + " " + scheme)
		tb.requireAxe(path + " " + scheme)
	}

	width := eval[float64](tb, `window.innerWidth`)
	// The text of the heading (not its box, which is as wide as the page)
	// and the first breadcrumb must sit at the right edge, inside the
	// page's padding.
	const margin = 48
	for _, tt := range []struct {
		name, expr string
		short      bool // fits on one line in the right half
	}{
		{"heading text", `(() => { const r = document.createRange(); r.selectNodeContents(document.querySelector('main h1')); return r; })()`, true},
		{"first breadcrumb", `document.querySelector('.breadcrumbs li')`, false},
		{"first menu entry", `document.querySelector('.site-nav li')`, false},
	} {
		// A DOMRect has no own properties, so it would serialise as {}.
		e := eval[edges](tb, `(r => ({left: r.left, right: r.right}))((`+tt.expr+`).getBoundingClientRect())`)
		if e.Right < width-margin || (tt.short && e.Left < width/2) {
			t.Errorf("%s: %s spans %.0f–%.0fpx of a %.0fpx viewport; want it against the right edge", path, tt.name, e.Left, e.Right, width)
		}
	}
	// English written into the Arabic page (bylines, a reference and its
	// URL) reads in its own order: each character sits right of the one
	// before it, where bidi reordering without isolation moves the URL's
	// trailing "/" to the left end of the run. And the list of authors
	// runs right to left, the first at the right, where without isolation
	// the English names form one left-to-right run.
	tb.setViewport(desktop)
	spans := map[string]textSpan{}
	for _, tt := range []struct{ sel, text string }{
		{"p.byline", "Dr Jane Smith, MBBS, MRCGP (General Practitioner)"},
		{"p.byline", "Dr Ali Hassan, MD"},
		{".references li", "Global Strategy for Asthma Management (GINA). 2024. https://ginasthma.org/reports/"},
	} {
		sp := eval[textSpan](tb, visualOrderJS(tt.sel, tt.text))
		if sp.Bad != "" {
			t.Errorf("%s: %s: %q is not shown in reading order: %s", path, tt.sel, tt.text, sp.Bad)
		}
		spans[tt.text] = sp
	}
	if first, second := spans["Dr Jane Smith, MBBS, MRCGP (General Practitioner)"], spans["Dr Ali Hassan, MD"]; first.Left < second.Right {
		t.Errorf("%s: the first author spans %.0f–%.0fpx, the second %.0f–%.0fpx; on a right-to-left page the first must be right of the second",
			path, first.Left, first.Right, second.Left, second.Right)
	}
	tb.setViewport(phone)
	tb.setMedia("", "light")
	tb.screenshot("rtl-article-phone-light")
	tb.requireClean(path)
}

// textSpan is where a piece of text is laid out: the left and right edges
// of its characters' boxes, and what is out of reading order ("" if
// nothing).
type textSpan struct {
	Left  float64 `json:"left"`
	Right float64 `json:"right"`
	Bad   string  `json:"bad"`
}

// visualOrderJS is a script that finds text in the first element matching
// sel and returns its textSpan: Bad is "" when its characters are laid out
// in reading order (left to right, line by line: each non-space
// character's box starts right of the previous one's on the same line, or
// on a lower line), else a description of the first character out of place.
func visualOrderJS(sel, text string) string {
	return `(() => {
	const root = document.querySelector(` + jsString(sel) + `);
	if (!root) return {bad: 'no element matches ' + ` + jsString(sel) + `};
	const chars = [];
	const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
	for (let n = walk.nextNode(); n; n = walk.nextNode()) {
		for (let i = 0; i < n.data.length; i++) chars.push({node: n, i, ch: n.data[i]});
	}
	const all = chars.map(c => c.ch).join('');
	const want = ` + jsString(text) + `;
	const at = all.indexOf(want);
	if (at < 0) return {bad: 'text not found in ' + JSON.stringify(all)};
	let prev = null, left = Infinity, right = -Infinity;
	for (const c of chars.slice(at, at + want.length)) {
		if (c.ch.trim() === '') continue;
		const r = document.createRange();
		r.setStart(c.node, c.i);
		r.setEnd(c.node, c.i + 1);
		const box = r.getBoundingClientRect();
		if (prev) {
			const sameLine = Math.abs(box.top - prev.box.top) < box.height / 2;
			if ((sameLine && box.left < prev.box.left) || (!sameLine && box.top < prev.box.top)) {
				return {bad: JSON.stringify(c.ch) + ' at x=' + Math.round(box.left) + ' comes before ' + JSON.stringify(prev.ch) + ' at x=' + Math.round(prev.box.left)};
			}
		}
		prev = {ch: c.ch, box};
		left = Math.min(left, box.left);
		right = Math.max(right, box.right);
	}
	return {left, right, bad: ''};
})()`
}
