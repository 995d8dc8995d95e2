package e2e

import "testing"

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
