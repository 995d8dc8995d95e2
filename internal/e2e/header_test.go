package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// headerBox is where the header's title, search input and button are, in
// CSS pixels, with what a reader sees of the input.
type headerBox struct {
	InnerWidth float64 // the layout viewport
	InputText  float64 // the input's content box: where its text shows
	Zero       float64 // the width of "0" in the input's font
	Title      rect
	Input      rect
	Button     rect
	// ButtonText is the button's label's width, ButtonRoom its content
	// box's: a label wider than its box is cut or sticks out.
	ButtonText, ButtonRoom  float64
	ButtonOnTop             bool // the button's middle is the button itself, not something over it
	InputBorderEndRadius    string
	ButtonBorderStartRadius string
}

type rect struct{ Left, Right, Top, Bottom float64 }

const measureHeader = `(() => {
	const box = e => { const r = e.getBoundingClientRect(); return {Left: r.left, Right: r.right, Top: r.top, Bottom: r.bottom}; };
	const q = document.getElementById('q'), b = document.querySelector('form.site-search button'), cs = getComputedStyle(q);
	const zero = document.createElement('span');
	zero.style.cssText = 'position:absolute;white-space:pre;visibility:hidden;font:' + cs.font + ';letter-spacing:' + cs.letterSpacing;
	zero.textContent = '0000000000';
	document.body.append(zero);
	const zeroWidth = zero.getBoundingClientRect().width / 10;
	zero.remove();
	const label = document.createRange(); label.selectNodeContents(b);
	const bs = getComputedStyle(b), br = b.getBoundingClientRect();
	const hit = document.elementFromPoint(br.left + br.width / 2, br.top + br.height / 2);
	return {InnerWidth: innerWidth,
		InputText: q.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight), Zero: zeroWidth,
		Title: box(document.querySelector('.site-title')), Input: box(q), Button: box(b),
		ButtonText: label.getBoundingClientRect().width,
		ButtonRoom: b.clientWidth - parseFloat(bs.paddingLeft) - parseFloat(bs.paddingRight),
		ButtonOnTop: hit === b || b.contains(hit),
		InputBorderEndRadius: cs.borderStartEndRadius, ButtonBorderStartRadius: bs.borderStartStartRadius};
})()`

// popupPlace is where the open header search popup is, beside the input.
type popupPlace struct {
	Top, Left, Right float64
	InputBottom      float64
	Gap              float64  // the popup's top margin
	Shown            int      // results whole inside the popup, on the screen
	Covered          []string // what is over the middle of one of them
}

const measurePopupPlace = `(() => {
	const l = ` + headerListbox + `, r = l.getBoundingClientRect(), covered = [];
	let shown = 0;
	for (const o of l.querySelectorAll('[role=option]')) {
		const b = o.getBoundingClientRect();
		if (b.top < r.top || b.bottom > r.bottom || b.bottom > innerHeight) continue;
		shown++;
		const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
		if (!o.contains(hit)) covered.push(hit ? hit.tagName.toLowerCase() + (hit.className ? '.' + hit.className : '') : 'nothing');
	}
	return {Top: r.top, Left: r.left, Right: r.right, InputBottom: document.getElementById('q').getBoundingClientRect().bottom,
		Gap: parseFloat(getComputedStyle(l).marginTop), Shown: shown, Covered: covered};
})()`

// TestHeaderSearchFitsNarrowPhones (issue header54) opens pages on a
// 320×568 and a 390×844 phone at 200 % text, where the header's search
// input was squeezed to 50 px beside its button (under three characters of
// what a patient types): the input must show at least 10 characters ("0"
// in its font), the button must be whole on the screen, its label inside
// it, and the page must not scroll sideways; axe finds nothing. At 100 %
// text on those phones, and on a 1280×800 desktop, the input and button
// stay side by side as before (the desktop also keeps the title beside
// them). On every screen the search popup opens just under the input: when
// the button is below the input, over the button.
func TestHeaderSearchFitsNarrowPhones(t *testing.T) {
	desktop := viewport{name: "desktop-1280", width: 1280, height: 800}
	cases := []struct {
		v    viewport
		text int // percent
		// sideBySide: the button is beside the input, not below it.
		sideBySide bool
		// label replaces the button's, as a translation may: a label
		// too long for the form's width in rem still leaves the input
		// its 10 characters, the button wrapping below it.
		label string
	}{
		{v: viewport{name: "phone-320", width: 320, height: 568}, text: 200},
		{v: phone390, text: 200},
		{v: viewport{name: "phone-320", width: 320, height: 568}, text: 100, sideBySide: true},
		{v: phone390, text: 100, sideBySide: true},
		{v: desktop, text: 100, sideBySide: true},
		{v: phone390, text: 100, label: "Buscar en toda la biblioteca"},
	}
	for _, c := range cases {
		name := fmt.Sprintf("%s-%d", c.v.name, c.text)
		if c.label != "" {
			name += "-long-label"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			tb := newTab(t, shared.site.URL)
			tb.setViewport(c.v)
			// The Spanish pages have the longest title and button label.
			for _, path := range []string{"/", "/conditions/asthma/", "/es/", "/es/conditions/asthma/"} {
				where := fmt.Sprintf("%s on a %d×%d screen at %d%% text", path, c.v.width, c.v.height, c.text)
				tb.open(path)
				tb.setTextSize(c.text)
				if c.label != "" {
					where += " with the button labelled " + c.label
					eval[any](tb, `(document.querySelector('form.site-search button').textContent = `+jsString(c.label)+`, null)`)
				}
				h := eval[headerBox](tb, measureHeader)
				t.Logf("%s: %+v", where, h)
				tb.requireNoOverflow(where)
				if h.Zero <= 0 {
					t.Fatalf("%s: measured \"0\" as %.1f px wide", where, h.Zero)
				}
				if h.InputText < 10*h.Zero {
					t.Errorf("%s: the search input shows %.0f px of text, %.1f characters (\"0\" is %.1f px); want at least 10",
						where, h.InputText, h.InputText/h.Zero, h.Zero)
				}
				for _, e := range []struct {
					name string
					r    rect
				}{{"input", h.Input}, {"button", h.Button}} {
					if e.r.Left < 0 || e.r.Right > h.InnerWidth+0.5 || e.r.Right-e.r.Left < 1 {
						t.Errorf("%s: the search %s spans x=%.0f–%.0f; want it whole inside the %.0f px screen", where, e.name, e.r.Left, e.r.Right, h.InnerWidth)
					}
				}
				if h.ButtonText > h.ButtonRoom+0.5 {
					t.Errorf("%s: the button's label is %.0f px wide in a %.0f px button; want it whole", where, h.ButtonText, h.ButtonRoom)
				}
				if !h.ButtonOnTop {
					t.Errorf("%s: something covers the middle of the search button", where)
				}
				beside := h.Button.Top < h.Input.Bottom-0.5 && h.Input.Top < h.Button.Bottom-0.5
				switch {
				case c.label != "":
					// Where the button wraps below, as the form's
					// width in rem does not foresee it, the corners
					// stay as beside: only the widths matter.
				case c.sideBySide && !beside:
					t.Errorf("%s: the button (y=%.0f–%.0f) is not beside the input (y=%.0f–%.0f); want them side by side as before", where, h.Button.Top, h.Button.Bottom, h.Input.Top, h.Input.Bottom)
				case c.sideBySide && h.InputBorderEndRadius != "0px":
					t.Errorf("%s: the input's end corners are rounded (%s) beside the button; want them square, joined to it", where, h.InputBorderEndRadius)
				case !c.sideBySide && beside:
					t.Errorf("%s: the button is beside the input; want it below", where)
				case !c.sideBySide && (h.InputBorderEndRadius == "0px" || h.ButtonBorderStartRadius == "0px"):
					t.Errorf("%s: below the input, the button's start corners (%s) or the input's end corners (%s) are square; want both rounded, as nothing joins them",
						where, h.ButtonBorderStartRadius, h.InputBorderEndRadius)
				}
				if c.v == desktop && !(h.Title.Top < h.Input.Bottom && h.Input.Top < h.Title.Bottom) {
					t.Errorf("%s: the title (y=%.0f–%.0f) is not beside the search box (y=%.0f–%.0f); want them on one row", where, h.Title.Top, h.Title.Bottom, h.Input.Top, h.Input.Bottom)
				}
				tb.requireAxe(where)
				tb.requireClean(where)
				if strings.HasPrefix(path, "/es/") {
					continue
				}
				// The popup opens under the input, wherever the button
				// is, over the page: on the article the contents list
				// beside it (sticky, so positioned) and the glossary
				// terms (relative) are below it.
				tb.typeInHeaderSearch("pain")
				p := eval[popupPlace](tb, measurePopupPlace)
				// (Under a button that wrapped below, the popup
				// opens under the button.)
				if p.Top < p.InputBottom-0.5 || (c.label == "" && p.Top > p.InputBottom+p.Gap+0.5) || p.Left < 0 || p.Right > h.InnerWidth+0.5 {
					t.Errorf("%s: the open popup spans x=%.0f–%.0f from y=%.0f; want it from %.0f px under the input (y=%.0f), on the screen",
						where, p.Left, p.Right, p.Top, p.Gap, p.InputBottom)
				}
				if p.Shown == 0 || len(p.Covered) != 0 {
					t.Errorf("%s: of the %d results shown whole in the popup, the middles of %d are under something else: %v", where, p.Shown, len(p.Covered), p.Covered)
				}
				tb.requireAxe(where + " with the popup open")
				tb.requireClean(where + " with the popup open")
			}
		})
	}
}

// TestHeaderSearchWithoutJavaScript: without JavaScript the header's form
// is laid out the same at 200 % text on a 320×568 phone (the layout is CSS
// alone), and typing a query and pressing the button below the input opens
// the search page with it.
func TestHeaderSearchWithoutJavaScript(t *testing.T) {
	t.Parallel()
	const where = "/ without JavaScript on a 320×568 screen at 200% text"
	tb := newTab(t, shared.site.URL)
	callCDP(tb, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
	tb.setViewport(viewport{name: "phone-320", width: 320, height: 568})
	tb.open("/")
	tb.setTextSize(200)
	h := eval[headerBox](tb, measureHeader)
	t.Logf("%s: %+v", where, h)
	if h.InputText < 10*h.Zero || h.Button.Top < h.Input.Bottom || h.Button.Left < 0 || h.Button.Right > h.InnerWidth+0.5 {
		t.Errorf("%s: the input shows %.1f characters, the button spans x=%.0f–%.0f, y=%.0f–%.0f under the input ending at y=%.0f; want 10 characters and the button below, whole",
			where, h.InputText/h.Zero, h.Button.Left, h.Button.Right, h.Button.Top, h.Button.Bottom, h.Input.Bottom)
	}
	tb.requireNoOverflow(where)
	tb.requireClean(where)
	tb.do("searching for asthma with the button",
		chromedp.Focus(`#q`), chromedp.SendKeys(`#q`, "asthma"),
		chromedp.Click(`form.site-search button`))
	if err := tb.eventually(`location.pathname === '/search/'`, 10*time.Second); err != nil {
		t.Fatalf("%s: pressing the button did not open the search page: %v (at %s)", where, err, tryEval(tb, `location.href`))
	}
	if q := eval[string](tb, `new URLSearchParams(location.search).get('q')`); q != "asthma" {
		t.Errorf("%s: the search page opened with q=%q; want asthma", where, q)
	}
	// With scripts disabled Chromium blocks the page's script requests
	// and reports them as failed ("csp"); anything else is a fault.
	for _, p := range tb.log.take() {
		if !strings.HasSuffix(p, ".js:  csp") {
			t.Errorf("%s, on the search page: %s", where, p)
		}
	}
}

// TestSkipLinkHiddenUntilFocused: the skip link waits above the top of the
// page until the first Tab shows it. It was put 4rem above the top, less
// than its height once its words wrap: at 200 % text on a 320×568 phone its
// last line ("content", on a yellow ground) showed above the site's title
// on every page.
func TestSkipLinkHiddenUntilFocused(t *testing.T) {
	for _, v := range []viewport{{name: "phone-320", width: 320, height: 568}, phone390} {
		for _, size := range []int{100, 200} {
			t.Run(fmt.Sprintf("%s-%d", v.name, size), func(t *testing.T) {
				t.Parallel()
				where := fmt.Sprintf("/ on a %d×%d screen at %d%% text", v.width, v.height, size)
				tb := newTab(t, shared.site.URL)
				tb.setViewport(v)
				tb.open("/")
				tb.setTextSize(size)
				const measure = `(() => { const r = document.querySelector('.skip-link').getBoundingClientRect();
					return {Left: r.left, Right: r.right, Top: r.top, Bottom: r.bottom}; })()`
				if r := eval[rect](tb, measure); r.Bottom > 0 {
					t.Errorf("%s: the skip link, not focused, spans y=%.0f–%.0f; want it above the top of the page", where, r.Top, r.Bottom)
				}
				tb.do("pressing Tab", chromedp.KeyEvent(kb.Tab))
				if f := eval[string](tb, `document.activeElement.className`); f != "skip-link" {
					t.Fatalf("%s: the first Tab focused class %q; want the skip link", where, f)
				}
				if r := eval[rect](tb, measure); r.Top < 0 || r.Left < 0 || r.Right > float64(v.width)+0.5 || r.Bottom > float64(v.height) {
					t.Errorf("%s: the focused skip link spans x=%.0f–%.0f, y=%.0f–%.0f; want it whole on the screen", where, r.Left, r.Right, r.Top, r.Bottom)
				}
				tb.requireClean(where)
			})
		}
	}
}
