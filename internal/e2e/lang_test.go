package e2e

import (
	"strings"
	"testing"
)

// TestLanguageSwitch opens the demo's Spanish asthma page and its
// untranslated heart-attack page on a 390×844 phone: the language switch
// (or the note that the page is not in Spanish) is in the header, within
// the first screen, its links name their language, the current one is
// marked, and axe finds no violation (an empty landmark among them).
func TestLanguageSwitch(t *testing.T) {
	t.Parallel()
	tb := newTab(t, shared.site.URL)
	tb.setViewport(phone390)
	for _, tt := range []struct {
		path, sel string
		want      string // the links: hreflang, aria-current, text
	}{
		{"/es/conditions/asthma/", "header nav.languages", "en - English|es page Español"},
		{"/conditions/asthma/", "header nav.languages", "en page English|es - Español"},
		{"/conditions/heart-attack/", "header .lang-note", "es - Ir a la página de inicio en español"},
	} {
		tb.open(tt.path)
		if !eval[bool](tb, `document.querySelector(`+jsString(tt.sel)+`) !== null`) {
			t.Errorf("%s: no %s", tt.path, tt.sel)
			continue
		}
		if b := eval[box](tb, boxOf(tt.sel)); b.Top < 0 || b.Bottom > float64(phone390.height) {
			t.Errorf("%s: %s spans y=%.0f–%.0f; want it within the first %dpx screen", tt.path, tt.sel, b.Top, b.Bottom, phone390.height)
		}
		links := eval[string](tb, `[...document.querySelectorAll(`+jsString(tt.sel+" a")+`)].map(a =>
			(a.getAttribute('hreflang') ?? '?') + ' ' + (a.getAttribute('aria-current') ?? '-') + ' ' + a.textContent).join('|')`)
		if links != tt.want {
			t.Errorf("%s: %s links = %q, want %q", tt.path, tt.sel, links, tt.want)
		}
		if n := eval[int](tb, `[...document.querySelectorAll('nav, [role=navigation]')].filter(n => !n.querySelector('a')).length`); n != 0 {
			t.Errorf("%s: %d navigation landmark(s) without a link", tt.path, n)
		}
		tb.requireNoOverflow(tt.path)
		tb.requireAxe(tt.path)
		tb.requireClean(tt.path)
	}
}

// A Spanish page shows the site's Spanish name and its Spanish safety
// disclaimer, as a patient sees them, and nothing of the English ones.
func TestSpanishPagesSaySpanishThings(t *testing.T) {
	t.Parallel()
	tb := newTab(t, shared.site.URL)
	tb.setViewport(phone390)
	for _, path := range []string{"/es/", "/es/conditions/asthma/"} {
		tb.open(path)
		got := eval[[]string](tb, `[document.title, document.querySelector('.site-title').innerText,
			document.querySelector('footer .disclaimer').innerText]`)
		if !strings.HasSuffix(got[0], "| Biblioteca de Salud de Demostración") && got[0] != "Biblioteca de Salud de Demostración" || got[1] != "Biblioteca de Salud de Demostración" {
			t.Errorf("%s: title %q, header %q; want the Spanish site name", path, got[0], got[1])
		}
		if !strings.Contains(got[2], "Este es contenido de ejemplo") || strings.Contains(got[2], "This is sample content") {
			t.Errorf("%s: the disclaimer a patient reads is %q; want the Spanish one", path, got[2])
		}
		tb.requireClean(path)
	}
}
