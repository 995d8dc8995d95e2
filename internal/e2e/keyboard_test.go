package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestSkipLink checks that the first Tab on a fresh page lands on the skip
// link, that it shows on screen with a visible focus style, and that Enter
// moves the focus to the main content.
func TestSkipLink(t *testing.T) {
	for _, path := range []string{"/", "/conditions/asthma/", "/search/?q=asthma"} {
		t.Run(path, func(t *testing.T) {
			t.Parallel()
			tb := newTab(t, shared.site.URL)
			tb.setViewport(phone)
			tb.open(path)
			tb.do("pressing Tab", chromedp.KeyEvent(kb.Tab))
			f := eval[focusState](tb, describeFocus)
			if !strings.Contains(f.Desc, ".skip-link") {
				t.Fatalf("%s: the first Tab focused %s, want the skip link", path, f.Desc)
			}
			if !f.Indicated() || !f.OnScreen {
				t.Errorf("%s: focused skip link is not visible: %+v", path, f)
			}
			tb.do("pressing Enter on the skip link", pressEnter())
			tb.waitFor(`document.activeElement?.id === 'main'`, "focus on #main after the skip link",
				`'focus is on ' + (document.activeElement?.outerHTML ?? 'nothing').slice(0, 120)`)
			tb.requireClean(path)
		})
	}
}

// focusState describes the focused element.
type focusState struct {
	Index        int     `json:"index"` // data-e2e-tab of the element; -1 for none, -2 for an element not in the list
	Desc         string  `json:"desc"`
	OutlineStyle string  `json:"outlineStyle"`
	OutlineWidth float64 `json:"outlineWidth"`
	BoxShadow    string  `json:"boxShadow"`
	OnScreen     bool    `json:"onScreen"`
}

// Indicated reports whether the focus is drawn with an outline or a shadow.
func (f focusState) Indicated() bool {
	return (f.OutlineStyle != "none" && f.OutlineWidth > 0) || (f.BoxShadow != "" && f.BoxShadow != "none")
}

const describeFocus = `(() => {
	const el = document.activeElement;
	if (!el || el === document.body || el === document.documentElement) return {index: -1, desc: 'nothing'};
	const cs = getComputedStyle(el), r = el.getBoundingClientRect();
	return {
		index: el.dataset.e2eTab === undefined ? -2 : Number(el.dataset.e2eTab),
		desc: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.classList.length ? '.' + [...el.classList].join('.') : '') +
			' "' + (el.textContent || el.value || '').trim().slice(0, 40) + '"' + (el.getAttribute('href') ? ' href=' + el.getAttribute('href') : ''),
		outlineStyle: cs.outlineStyle, outlineWidth: parseFloat(cs.outlineWidth) || 0, boxShadow: cs.boxShadow,
		onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
	};
})()`

// markTabbables numbers every element a reader can reach with Tab (in
// document order, which is the tab order when no positive tabindex is used)
// and returns their descriptions.
const markTabbables = `(() => {
	const els = [...document.querySelectorAll('a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable]')]
		.filter(el => el.tabIndex >= 0 && !el.disabled && !el.closest('[inert]') && el.type !== 'hidden' &&
			el.checkVisibility({visibilityProperty: true}));
	return els.map((el, i) => {
		el.dataset.e2eTab = String(i);
		return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "' + (el.textContent || el.value || '').trim().slice(0, 40) + '"';
	});
})()`

// TestTabReachesEverything presses Tab through whole pages: every link and
// control must get the focus once, in document order, and show an outline
// or a shadow while it has it.
func TestTabReachesEverything(t *testing.T) {
	pages := []struct {
		path  string
		ready string
	}{
		{"/", ""},
		{"/conditions/asthma/", ""},
		{"/glossary/", ""},
		{"/search/?q=asthma", searchDone},
		{"/es/conditions/asthma/", ""},
	}
	for _, p := range pages {
		t.Run(p.path, func(t *testing.T) {
			t.Parallel()
			tb := newTab(t, shared.site.URL)
			tb.setViewport(desktop)
			tb.open(p.path)
			if p.ready != "" {
				tb.waitFor(p.ready, "the page's scripts", searchState)
			}
			tabbables := eval[[]string](tb, markTabbables)
			if len(tabbables) < 5 {
				t.Fatalf("%s: only %d focusable elements found: %v", p.path, len(tabbables), tabbables)
			}
			reached := make([]bool, len(tabbables))
			last := -1
			for range len(tabbables) + 2 {
				tb.do("pressing Tab", chromedp.KeyEvent(kb.Tab))
				f := eval[focusState](tb, describeFocus)
				if f.Index < 0 {
					continue // the focus left the page, or sits on an element added by a script
				}
				if f.Index < last {
					break // wrapped around
				}
				if f.Index != last+1 {
					t.Errorf("%s: Tab went from #%d to %s, skipping %v", p.path, last, f.Desc, tabbables[last+1:f.Index])
				}
				if !f.Indicated() {
					t.Errorf("%s: no visible focus on %s (outline %s %gpx, box-shadow %s)", p.path, f.Desc, f.OutlineStyle, f.OutlineWidth, f.BoxShadow)
				}
				reached[f.Index] = true
				last = f.Index
			}
			for i, ok := range reached {
				if !ok {
					t.Errorf("%s: Tab never reached %s", p.path, tabbables[i])
				}
			}
			t.Logf("%s: %d focusable elements", p.path, len(tabbables))
			tb.requireClean(p.path)
		})
	}
}

// TestSearchByKeyboard uses the header search without a mouse: type, wait
// for the suggestions, ArrowDown to the first, Enter to open it.
func TestSearchByKeyboard(t *testing.T) {
	tb := newTab(t, shared.site.URL)
	tb.setViewport(desktop)
	tb.open("/")
	tb.typeInHeaderSearch("asthma")
	tb.do("pressing ArrowDown", chromedp.KeyEvent(kb.ArrowDown))
	type selection struct {
		Selected   string `json:"selected"`
		ID         string `json:"id"`
		Active     string `json:"active"`
		Text       string `json:"text"`
		FocusInBox bool   `json:"focusInBox"`
	}
	sel := eval[selection](tb, `(() => {
		const opt = `+headerListbox+`.querySelector('[role=option]'), q = document.getElementById('q');
		return {selected: opt.getAttribute('aria-selected') ?? '', id: opt.id, active: q.getAttribute('aria-activedescendant') ?? '',
			text: opt.textContent.trim(), focusInBox: document.activeElement === q};
	})()`)
	if sel.Selected != "true" || sel.ID == "" || sel.Active != sel.ID || !sel.FocusInBox {
		t.Fatalf("after ArrowDown: first option aria-selected=%q id=%q, input aria-activedescendant=%q, focus in the input: %v; want the option selected and active, focus kept in the input",
			sel.Selected, sel.ID, sel.Active, sel.FocusInBox)
	}
	if !strings.Contains(sel.Text, "Asthma") {
		t.Errorf("first suggestion for asthma is %q", sel.Text)
	}
	tb.requireAxe("/ with the search suggestions open")

	mainFrame := func(ev page.EventFrameNavigated) bool { return ev.Frame.ParentID == "" }
	if _, err := chromedp.Run(tb.ctx, chromedp.WaitEvent(page.FrameNavigated, mainFrame, pressEnter())); err != nil {
		t.Fatalf("Enter on the selected suggestion did not navigate: %v", err)
	}
	if loc := eval[string](tb, `location.pathname`); loc != "/conditions/asthma/" {
		t.Errorf("Enter on the selected suggestion opened %s, want /conditions/asthma/", loc)
	}
	tb.waitIdle()
	tb.requireClean("header search")
}

// headerListbox is the listbox of the header search combobox.
const headerListbox = `document.getElementById(document.getElementById('q')?.getAttribute('aria-controls') ?? '')`

// typeInHeaderSearch types text into the header search box key by key and
// waits until its popup shows the results for the whole text. The box
// searches after a pause in typing, so a loaded machine shows the results
// for the first letters before those for the word (and a key pressed
// during a search makes its results stale): the listbox is aria-busy from
// each key until the results for the box's text are in it, and the wait
// is for that, not for a time. The listbox must have been busy: a box that
// never says so cannot be waited for.
func (tb *tab) typeInHeaderSearch(text string) {
	tb.t.Helper()
	const form = `document.querySelector('form.site-search')?.outerHTML.slice(0, 600) ?? 'no form'`
	tb.waitFor(`document.getElementById('q')?.getAttribute('role') === 'combobox' && `+headerListbox+` !== null`,
		"the search box to become a combobox", form)
	eval[any](tb, `(() => {
		window.e2eBusy = false;
		new MutationObserver(() => { if (`+headerListbox+`.getAttribute('aria-busy') === 'true') window.e2eBusy = true; })
			.observe(`+headerListbox+`, {attributes: true, attributeFilter: ['aria-busy']});
	})()`)
	tb.do("typing in the search box", chromedp.Focus(chromedp.ID("q")), chromedp.SendKeys(chromedp.ID("q"), text))
	tb.waitFor(fmt.Sprintf(`(() => { const l = `+headerListbox+`, q = document.getElementById('q');
		return q.value === %s && window.e2eBusy && l.getAttribute('aria-busy') !== 'true' && !l.hidden &&
			l.querySelectorAll('[role=option]').length > 0 && q.getAttribute('aria-expanded') === 'true'; })()`, jsString(text)),
		"the search suggestions for "+text, `'listbox busy: ' + `+headerListbox+`?.getAttribute('aria-busy') + ', was busy: ' + window.e2eBusy + '; ' + `+form)
}

// pressEnter presses Enter as a keyboard does: one keyDown event that
// carries the text "\r" and a keyUp. The browser then makes the keypress
// only when the page did not cancel the keydown. (chromedp.KeyEvent sends
// the keypress as an event of its own, which a cancelled keydown cannot
// stop, so a combobox that opens the selected option on keydown would also
// submit its form.)
func pressEnter() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		for _, p := range []input.DispatchKeyEventParams{
			{Type: input.DispatchKeyEventTypeKeyDown, Key: "Enter", Code: "Enter", Text: "\r", UnmodifiedText: "\r", WindowsVirtualKeyCode: 13, NativeVirtualKeyCode: 13},
			{Type: input.DispatchKeyEventTypeKeyUp, Key: "Enter", Code: "Enter", WindowsVirtualKeyCode: 13, NativeVirtualKeyCode: 13},
		} {
			if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, p); err != nil {
				return err
			}
		}
		return nil
	})
}
