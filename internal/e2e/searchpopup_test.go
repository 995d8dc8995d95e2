package e2e

import (
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// popupBox is where the header search popup and its last result are, in
// CSS pixels of the layout viewport, with the bottom of the visual viewport
// (the screen less an on-screen keyboard or a pinch zoom).
type popupBox struct {
	Top, Bottom      float64 // the popup
	LastTop, LastBot float64 // its last result
	ScreenBottom     float64 // visualViewport.offsetTop + height
	ScrollY          float64 // the page's scroll
	Options          int
	Scrolls          bool   // the results are taller than the popup
	OverflowY        string // the popup's computed overflow-y
	LastSelected     bool   // the last result is the active descendant
	TallestOption    float64
	Room             float64 // the popup's height inside its border
	ScreenHeight     float64 // visualViewport.height
	Clamped          int     // results whose head or excerpt is clamped or hidden
	HeadsShown       bool    // every result shows at least one line of its head
	BoxTop           float64 // the search form's top
	ScreenTop        float64 // visualViewport.offsetTop
}

const measurePopup = `(() => {
	const l = ` + headerListbox + `, opts = l.querySelectorAll('[role=option]'), last = opts[opts.length - 1];
	const r = l.getBoundingClientRect(), lr = last.getBoundingClientRect(), vv = visualViewport;
	return {Top: r.top, Bottom: r.bottom, LastTop: lr.top, LastBot: lr.bottom, ScreenBottom: vv.offsetTop + vv.height,
		ScrollY: scrollY, Options: opts.length, Scrolls: l.scrollHeight > l.clientHeight, OverflowY: getComputedStyle(l).overflowY,
		LastSelected: document.getElementById('q').getAttribute('aria-activedescendant') === last.id,
		TallestOption: Math.max(...[...opts].map(o => o.getBoundingClientRect().height)), Room: l.clientHeight, ScreenHeight: vv.height,
		BoxTop: document.querySelector('form.site-search').getBoundingClientRect().top, ScreenTop: vv.offsetTop,
		Clamped: [...opts].filter(o => [...o.querySelectorAll('.search-result-head, .search-excerpt')].some(e =>
			e.matches('.search-clamp, .visually-hidden') || e.style.getPropertyValue('--search-lines') !== '')).length,
		HeadsShown: [...opts].every(o => { const h = o.querySelector('.search-result-head'); return h && h.getBoundingClientRect().height >= parseFloat(getComputedStyle(o).lineHeight) - 0.5; })};
})()`

// TestSearchPopupFitsTheScreen opens the header search popup with a query
// of many results at 200 % text, where the header above the box is tall,
// on a 390×844 and a 320×568 phone and on a phone held sideways (844×390):
// the popup must end on the screen (70vh alone ended it 15 px below the
// 390×844 phone, 162 px below the 320×568 one) and its results must
// scroll inside it: ArrowUp brings the last result into view inside the
// popup without scrolling the page behind it, and scrolling the popup to
// its end shows all of that result. A pinch zoom while the popup is open
// shrinks the visual viewport inside the layout viewport, as an on-screen
// keyboard does when it opens: the popup must shrink with it. On every
// screen each result fits the popup whole: results taller than the room
// below the box move the box to the top of the screen (320×568 and
// 844×390; not 390×844, where they fit), and a result still taller than
// the popup (the 320 px phone zoomed to 2, the one held sideways to 1.5)
// is clamped to the lines it holds, its title first. axe finds nothing in
// the page with the popup open.
func TestSearchPopupFitsTheScreen(t *testing.T) {
	screens := []struct {
		v    viewport
		zoom float64 // pinch zoom; 0 for none
		// raised: a result is taller than the room below the box where
		// the page puts it, so the box moves to the top of the screen.
		raised bool
		// clamped: the screen is too small for a whole result even
		// below the raised box, so results are clamped.
		clamped bool
	}{
		{v: phone390},
		{v: viewport{name: "phone-320", width: 320, height: 568}, raised: true},
		{v: viewport{name: "landscape-844", width: 844, height: 390}, raised: true},
		{v: viewport{name: "phone-390-zoomed", width: 390, height: 844}, zoom: 1.5},
		{v: viewport{name: "phone-320-zoomed", width: 320, height: 568}, zoom: 2, raised: true, clamped: true},
		{v: viewport{name: "landscape-844-zoomed", width: 844, height: 390}, zoom: 1.5, raised: true, clamped: true},
	}
	for _, s := range screens {
		t.Run(s.v.name, func(t *testing.T) {
			t.Parallel()
			tb := newTab(t, shared.site.URL)
			tb.setViewport(s.v)
			tb.open("/")
			tb.setTextSize(200)
			tb.typeInHeaderSearch("pain")
			// At 200 % text the header above the box takes a third of a
			// 320×568 phone and half of a phone held sideways: the popup
			// below it had 224 and 174 px for results up to 379 and 206
			// px tall. Such results move the box to the top of the
			// screen; results that fit leave the page where it was.
			if r := eval[popupBox](tb, measurePopup); s.raised && (r.ScrollY == 0 || r.BoxTop > r.ScreenTop+8.5) {
				t.Errorf("%s: the page is scrolled to y=%.0f and the box is %.0f px below the top of the screen; want it raised to the top (8 px)", s.v.name, r.ScrollY, r.BoxTop-r.ScreenTop)
			} else if !s.raised && r.ScrollY != 0 {
				t.Errorf("%s: the page scrolled to y=%.0f; want it left where it was, its results fitting below the box", s.v.name, r.ScrollY)
			}
			if s.zoom != 0 {
				tb.pinchZoom(s.zoom) // with the popup open
			}
			b := eval[popupBox](tb, measurePopup)
			t.Logf("%s: %+v", s.v.name, b)
			if b.Options < 5 || !b.Scrolls {
				t.Fatalf("%s: %d results, taller than the popup: %v; want a query whose results overflow the popup", s.v.name, b.Options, b.Scrolls)
			}
			if b.OverflowY != "auto" && b.OverflowY != "scroll" {
				t.Errorf("%s: the popup has overflow-y %s; want its results to scroll", s.v.name, b.OverflowY)
			}
			if b.Bottom > b.ScreenBottom {
				t.Errorf("%s at 200%% text: the popup spans y=%.0f–%.0f, %.0f px below the bottom of the screen (y=%.0f)",
					s.v.name, b.Top, b.Bottom, b.Bottom-b.ScreenBottom, b.ScreenBottom)
			}
			// An excerpt shows two lines in the popup. With the whole
			// excerpt one result was 1,012 px tall on the 390×844 phone
			// (a 564 px popup) and 1,358 px on the 320×568 one: taller
			// than the screen. With two lines a long title at 200 % text
			// still made a result 379 px tall in the 320×568 phone's
			// 224 px popup, and 206 px in the 174 px popup of a phone held
			// sideways; the raised box gives them 394 and 269 px. Each
			// result fits the popup whole on every screen, and shows a
			// line of its title.
			if b.TallestOption > b.Room+0.5 {
				t.Errorf("%s: the tallest result is %.0f px, the popup %.0f px inside; want each result to fit it whole", s.v.name, b.TallestOption, b.Room)
			}
			if !b.HeadsShown {
				t.Errorf("%s: a result shows no line of its title", s.v.name)
			}
			// Only a screen too small for a whole result below the raised
			// box (a pinch zoom, as an on-screen keyboard) clamps them.
			if s.clamped && b.Clamped == 0 {
				t.Errorf("%s: no result clamped; want a screen that needs it, for the test to check clamping", s.v.name)
			} else if !s.clamped && b.Clamped != 0 {
				t.Errorf("%s: %d results clamped in a popup that holds them whole", s.v.name, b.Clamped)
			}
			tb.do("pressing ArrowUp", chromedp.KeyEvent(kb.ArrowUp))
			a := eval[popupBox](tb, measurePopup)
			if !a.LastSelected {
				t.Fatalf("%s: ArrowUp did not select the last result", s.v.name)
			}
			// The whole result shows, on the screen.
			if a.LastTop < a.Top-0.5 || a.LastBot > a.Bottom+0.5 || a.LastBot > a.ScreenBottom {
				t.Errorf("%s: after ArrowUp the last result spans y=%.0f–%.0f, the popup y=%.0f–%.0f, the screen ends at y=%.0f; want the whole result inside the popup, on the screen",
					s.v.name, a.LastTop, a.LastBot, a.Top, a.Bottom, a.ScreenBottom)
			}
			if a.ScrollY != b.ScrollY || a.ScreenBottom != b.ScreenBottom {
				t.Errorf("%s: ArrowUp to the last result scrolled the page from y=%.0f to y=%.0f (the screen's bottom from y=%.0f to y=%.0f); want it scrolled inside the popup",
					s.v.name, b.ScrollY, a.ScrollY, b.ScreenBottom, a.ScreenBottom)
			}
			eval[any](tb, `(`+headerListbox+`.scrollTop = 1e6, null)`)
			if e := eval[popupBox](tb, measurePopup); e.LastBot > e.Bottom+0.5 || e.Bottom > e.ScreenBottom {
				t.Errorf("%s: scrolled to its end, the popup spans y=%.0f–%.0f and its last result ends at y=%.0f, the screen at y=%.0f; want the whole last result on the screen",
					s.v.name, e.Top, e.Bottom, e.LastBot, e.ScreenBottom)
			}
			tb.requireAxe(s.v.name + " header search at 200% text")
			tb.requireClean(s.v.name + " header search at 200% text")
		})
	}
}

// pinchZoom zooms the page as a pinch does: the visual viewport shrinks
// inside the layout viewport, as it does when an on-screen keyboard opens.
func (tb *tab) pinchZoom(scale float64) {
	tb.t.Helper()
	callCDP(tb, emulation.SetPageScaleFactor, emulation.SetPageScaleFactorParams{PageScaleFactor: scale})
	if got := eval[float64](tb, `visualViewport.scale`); got != scale {
		tb.t.Fatalf("pinch zoom to %g: visualViewport.scale is %g", scale, got)
	}
	// The page hears of it (visualViewport's resize event) in the next
	// frame's resize steps, before its animation frame callbacks.
	eval[any](tb, `new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(null))))`)
}
