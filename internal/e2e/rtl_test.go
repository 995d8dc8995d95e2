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
		"content/conditions/asthma.ar.md": `---
title: "الربو"
summary: "الربو مرض شائع يجعل مجاري الهواء ضيقة ومتورمة."
date: 2024-03-04
---
الربو مرض شائع يصيب الأنابيب التي تحمل الهواء إلى الرئتين ومنهما. يمكن أن يبدأ الربو في أي عمر، ومعظم الناس يستطيعون السيطرة عليه جيداً بالعلاج المناسب.
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
	tb.setMedia("", "light")
	tb.screenshot("rtl-article-phone-light")
	tb.requireClean(path)
}
