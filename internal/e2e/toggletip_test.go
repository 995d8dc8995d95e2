package e2e

import (
	"fmt"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// termState is what the first glossary term of a page and its definition
// look like.
type termState struct {
	Href     string `json:"href"`
	Expanded string `json:"expanded"`
	Term     box    `json:"term"`
	Bubble   *box   `json:"bubble"` // nil when no definition is shown
	Text     string `json:"text"`
	Width    int    `json:"width"`
}

const measureTerm = `(() => {
	const wrap = document.querySelector('main .content .gloss-term');
	const term = wrap.querySelector('.term');
	const rect = r => ({top: r.top, bottom: r.bottom, left: r.left, right: r.right});
	let bubble = null, text = '';
	for (const el of wrap.querySelectorAll('.term-def, .term-def *')) {
		const r = el.getBoundingClientRect();
		if (r.width > 0 && r.height > 0 && getComputedStyle(el).visibility === 'visible' && el.textContent.trim() !== '') {
			bubble = rect(r); text = el.textContent.trim();
		}
	}
	return {href: location.href, expanded: term.getAttribute('aria-expanded') ?? '', term: rect(term.getBoundingClientRect()),
		bubble, text, width: document.documentElement.clientWidth};
})()`

// TestGlossaryToggletip opens the first glossary term of the asthma page
// with a click on a desktop and a tap on a touch phone: the definition
// opens in place without leaving the page, just below its term and
// overlapping it horizontally, inside the viewport; Escape closes it; axe
// finds no violation while it is open.
func TestGlossaryToggletip(t *testing.T) {
	t.Parallel()
	const path = "/conditions/asthma/"
	for _, tt := range []struct {
		vp    viewport
		touch bool
	}{{desktop, false}, {phone390, true}} {
		t.Run(tt.vp.name, func(t *testing.T) {
			tb := newTab(t, shared.site.URL)
			tb.setViewport(tt.vp)
			if tt.touch {
				callCDP(tb, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{Enabled: true, MaxTouchPoints: 5})
			}
			tb.open(path)
			eval[bool](tb, `(document.querySelector('main .content .gloss-term').scrollIntoView({block: 'center'}), true)`)
			before := eval[termState](tb, measureTerm)
			if before.Bubble != nil {
				t.Fatalf("%s: a definition shows before the term is opened: %q", path, before.Text)
			}
			x, y := (before.Term.Left+before.Term.Right)/2, (before.Term.Top+before.Term.Bottom)/2
			if tt.touch {
				tb.do("tapping the term", chromedp.TapXY(x, y))
			} else {
				tb.do("clicking the term", chromedp.MouseClickXY(x, y))
			}
			tb.waitIdle()
			after := eval[termState](tb, measureTerm)
			where := fmt.Sprintf("%s at %s", path, tt.vp.name)
			if after.Href != before.Href {
				t.Fatalf("%s: opening the term navigated from %s to %s", where, before.Href, after.Href)
			}
			if after.Bubble == nil {
				t.Fatalf("%s: no definition shows after opening the term", where)
			}
			b, term := *after.Bubble, after.Term
			if b.Top < term.Bottom-1 || b.Top > term.Bottom+24 {
				t.Errorf("%s: the definition starts at y=%.0f, not just below its term (bottom y=%.0f)", where, b.Top, term.Bottom)
			}
			if b.Right < term.Left || b.Left > term.Right {
				t.Errorf("%s: the definition spans x=%.0f–%.0f, beside but not under its term (x=%.0f–%.0f)", where, b.Left, b.Right, term.Left, term.Right)
			}
			if b.Left < 0 || b.Right > float64(after.Width) {
				t.Errorf("%s: the definition (x=%.0f–%.0f) leaves the %dpx viewport", where, b.Left, b.Right, after.Width)
			}
			if after.Expanded != "true" {
				t.Errorf("%s: aria-expanded=%q on the open term, want true", where, after.Expanded)
			}
			tb.requireAxe(where + ", definition open")
			tb.do("pressing Escape", chromedp.KeyEvent(kb.Escape))
			if closed := eval[termState](tb, measureTerm); closed.Bubble != nil || closed.Expanded != "false" {
				t.Errorf("%s: Escape did not close the definition (still shows %q, aria-expanded=%q)", where, closed.Text, closed.Expanded)
			}
			tb.requireClean(where)
		})
	}
}
