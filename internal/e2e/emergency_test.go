package e2e

import (
	"testing"
)

// box is the bounding box of an element, in CSS pixels of the viewport.
type box struct {
	Top    float64 `json:"top"`
	Bottom float64 `json:"bottom"`
	Left   float64 `json:"left"`
	Right  float64 `json:"right"`
}

// boxOf returns the JavaScript that measures the first element matching
// selector (a DOMRect has no own properties, so it is copied).
func boxOf(selector string) string {
	return `(r => ({top: r.top, bottom: r.bottom, left: r.left, right: r.right}))(document.querySelector(` + jsString(selector) + `).getBoundingClientRect())`
}

// TestEmergencyComesFirst opens the demo heart-attack page on a 390×844
// phone, at the top: its Emergency box starts within the first screen,
// comes before the byline and the review dates, and the full "Page last
// reviewed / Next review due" dates are at the foot of the article; the
// language's number (999 in the demo's medkb.yaml) can be tapped; axe
// finds no violation.
func TestEmergencyComesFirst(t *testing.T) {
	t.Parallel()
	const path = "/conditions/heart-attack/"
	tb := newTab(t, shared.site.URL)
	for _, vp := range []viewport{phone390, {name: "desktop-900", width: 1280, height: 900}} {
		tb.setViewport(vp)
		tb.open(path)
		if !eval[bool](tb, `document.querySelector('main .callout-emergency') !== null`) {
			t.Fatalf("%s: no emergency callout", path)
		}
		em := eval[box](tb, boxOf("main .callout-emergency"))
		if em.Top >= float64(vp.height) || em.Top < 0 {
			t.Errorf("%s at %s (%d×%d): the Emergency box starts at y=%.0f, below the first screen", path, vp.name, vp.width, vp.height, em.Top)
		}
		if byline := eval[box](tb, boxOf("main .byline")); byline.Top < em.Bottom {
			t.Errorf("%s at %s: the byline (y=%.0f) comes before the end of the Emergency box (y=%.0f)", path, vp.name, byline.Top, em.Bottom)
		}
		order := eval[string](tb, `(() => {
			const em = document.querySelector('main .callout-emergency');
			const h1 = document.querySelector('main h1');
			const dates = document.querySelector('main .dates');
			const content = document.querySelector('main .content');
			const after = (a, b) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
			if (!after(h1, em)) return 'the Emergency box is before the heading';
			if (h1.nextElementSibling !== em.parentElement) return 'something comes between the heading and the Emergency box: ' + h1.nextElementSibling.outerHTML.slice(0, 80);
			if (!dates || !after(content, dates)) return 'the review dates are not after the article body';
			return '';
		})()`)
		if order != "" {
			t.Errorf("%s at %s: %s", path, vp.name, order)
		}
		if tel := eval[string](tb, `document.querySelector('main .callout-emergency a[href^="tel:"]')?.getAttribute('href') ?? ''`); tel != "tel:999" {
			t.Errorf("%s at %s: the Emergency box has no tel: link to the site's number 999 (got %q)", path, vp.name, tel)
		}
		tb.requireAxe(path + " at " + vp.name)
		tb.requireClean(path)
	}
}
