package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// tocState is where the contents list is and which entry is current.
type tocState struct {
	Position string  `json:"position"`
	Top      float64 `json:"top"`
	Left     float64 `json:"left"`
	Right    float64 `json:"right"`
	Current  []int   `json:"current"` // indexes of the entries with aria-current="true"
	Entries  int     `json:"entries"`
	Content  float64 `json:"content"` // right edge of the article text
	ScrollY  float64 `json:"scrollY"`
}

const measureTOC = `(() => {
	const toc = document.querySelector('nav.toc');
	const r = toc.getBoundingClientRect();
	const links = [...toc.querySelectorAll('ul a')];
	return {position: getComputedStyle(toc).position, top: r.top, left: r.left, right: r.right,
		current: links.map((a, i) => a.getAttribute('aria-current') === 'true' ? i : -1).filter(i => i >= 0),
		entries: links.length, content: document.querySelector('.article > .content').getBoundingClientRect().right,
		scrollY: window.scrollY};
})()`

// TestSideContents scrolls the asthma article on a 1280 px desktop: the
// contents list sits beside the text, stays at the same place in the
// window (sticky) and marks the section whose heading is in view with
// aria-current="true", one entry at a time. On a phone it stays the
// inline contents box above the text.
func TestSideContents(t *testing.T) {
	t.Parallel()
	const path = "/conditions/asthma/"
	// Without JavaScript the list is already beside the text and sticky,
	// so the script moves nothing when it runs (no layout shift).
	nojs := newTab(t, shared.site.URL)
	callCDP(nojs, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
	nojs.setViewport(desktop)
	nojs.open(path)
	plain := eval[tocState](nojs, measureTOC)

	tb := newTab(t, shared.site.URL)
	tb.setViewport(desktop)
	tb.open(path)
	start := eval[tocState](tb, measureTOC)
	if plain.Position != "sticky" || len(plain.Current) != 0 || plain.Left != start.Left || plain.Top != start.Top || plain.Content != start.Content {
		t.Errorf("%s without JavaScript: contents list %+v; with it %+v; want the same sticky place, nothing marked", path, plain, start)
	}
	if start.Position != "sticky" || start.Left < start.Content {
		t.Fatalf("%s on a desktop: contents list is %s at x=%.0f, article text ends at x=%.0f; want sticky, beside the text",
			path, start.Position, start.Left, start.Content)
	}
	if start.Entries < 4 {
		t.Fatalf("%s: %d contents entries, want at least 4", path, start.Entries)
	}
	var tops []float64
	for _, i := range []int{2, start.Entries - 2, 1} {
		// Bring section i's heading to the top of the window, as a reader
		// scrolling to it would.
		eval[bool](tb, fmt.Sprintf(`(() => {
			const id = decodeURIComponent(document.querySelectorAll('nav.toc ul a')[%d].hash.slice(1));
			window.scrollTo(0, document.getElementById(id).getBoundingClientRect().top + window.scrollY - 10);
			return true;
		})()`, i))
		want := fmt.Sprintf(`document.querySelectorAll('nav.toc ul a')[%d].getAttribute('aria-current') === 'true'`, i)
		if err := tb.eventually(want, 5e9); err != nil {
			t.Errorf("%s: after scrolling to section %d, aria-current is on %v: %v", path, i, eval[tocState](tb, measureTOC).Current, err)
			continue
		}
		s := eval[tocState](tb, measureTOC)
		if len(s.Current) != 1 {
			t.Errorf("%s: section %d in view, aria-current on entries %v; want exactly one", path, i, s.Current)
		}
		if s.ScrollY < 200 {
			t.Errorf("%s: the page did not scroll (scrollY %.0f)", path, s.ScrollY)
		}
		tops = append(tops, s.Top)
	}
	for _, top := range tops {
		if top != tops[0] || top < 0 || top > 40 {
			t.Errorf("%s: contents list top at %v while scrolling; want the same place near the top of the window", path, tops)
			break
		}
	}
	tb.requireAxe(path + " scrolled, desktop")
	tb.requireClean(path)

	ph := newTab(t, shared.site.URL)
	ph.setViewport(phone390)
	ph.open(path)
	if s := eval[tocState](ph, measureTOC); s.Position == "sticky" || s.Left > 40 {
		t.Errorf("%s on a phone: contents list is %s at x=%.0f; want the inline box", path, s.Position, s.Left)
	}
	if n := eval[int](ph, `document.querySelectorAll('.article-footer .back-to-top a[href="#main"]').length`); n != 1 {
		t.Errorf("%s on a phone: %d back-to-top links at the foot, want 1", path, n)
	}
}

// tabsState describes the first [!TABS] widget of a page.
type tabsState struct {
	Tabs     []string `json:"tabs"`
	Selected []string `json:"selected"`
	Visible  []bool   `json:"visible"` // per panel
	Focused  string   `json:"focused"`
	Tabindex []int    `json:"tabindex"`
}

const measureTabs = `(() => {
	const box = document.querySelector('.tabs[data-tabs]');
	const tabs = [...box.querySelectorAll('[role="tab"]')];
	return {tabs: tabs.map(b => b.textContent),
		selected: tabs.filter(b => b.getAttribute('aria-selected') === 'true').map(b => b.textContent),
		visible: [...box.querySelectorAll('.tab-panel')].map(p => p.getBoundingClientRect().height > 0),
		focused: document.activeElement?.getAttribute('role') === 'tab' ? document.activeElement.textContent : '',
		tabindex: tabs.map(b => b.tabIndex)};
})()`

// TestTabsAndExpanders drives the ibuprofen page's "Adults / Children"
// tabs and its expander by keyboard, and checks both without JavaScript.
func TestTabsAndExpanders(t *testing.T) {
	t.Parallel()
	const path = "/medications/ibuprofen/"
	tb := newTab(t, shared.site.URL)
	tb.setViewport(desktop)
	tb.open(path)
	s := eval[tabsState](tb, measureTabs)
	if strings.Join(s.Tabs, "|") != "Adults|Children" || strings.Join(s.Selected, "|") != "Adults" ||
		fmt.Sprint(s.Visible) != "[true false]" || fmt.Sprint(s.Tabindex) != "[0 -1]" {
		t.Fatalf("%s: tabs at load = %+v; want Adults selected and shown, Children hidden, roving tabindex", path, s)
	}
	tb.do("focusing the Adults tab", chromedp.Focus(`.tabs [role="tab"]`))
	for _, step := range []struct {
		key  string
		want string
	}{{kb.ArrowRight, "Children"}, {kb.ArrowRight, "Adults"}, {kb.ArrowLeft, "Children"}, {kb.Home, "Adults"}, {kb.End, "Children"}} {
		tb.do("pressing a key", chromedp.KeyEvent(step.key))
		s := eval[tabsState](tb, measureTabs)
		shown := fmt.Sprint(s.Visible)
		wantShown := map[string]string{"Adults": "[true false]", "Children": "[false true]"}[step.want]
		if s.Focused != step.want || strings.Join(s.Selected, "|") != step.want || shown != wantShown {
			t.Errorf("%s: after %q: focused %q, selected %v, panels shown %s; want %s", path, step.key, s.Focused, s.Selected, shown, step.want)
		}
	}
	tb.requireAxe(path + " with tabs")

	closed := `!document.querySelector('details.callout-details').open`
	if !eval[bool](tb, closed) {
		t.Errorf("%s: the [!DETAILS]- expander starts open", path)
	}
	tb.do("focusing the expander", chromedp.Focus(`details.callout-details > summary`))
	tb.do("pressing Enter", pressEnter())
	if eval[bool](tb, closed) {
		t.Errorf("%s: Enter on the expander's summary did not open it", path)
	}
	tb.requireClean(path)

	nojs := newTab(t, shared.site.URL)
	callCDP(nojs, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
	nojs.setViewport(phone390)
	nojs.open(path)
	state := eval[string](nojs, `[...document.querySelectorAll('.tabs .tab-panel')].map(p =>
		p.querySelector('h3').textContent + ':' + (p.querySelector('h3').getBoundingClientRect().height > 0) + ':' + (p.getBoundingClientRect().height > 0)).join(' ') +
		' tablist:' + document.querySelectorAll('[role="tablist"]').length`)
	if state != "Adults:true:true Children:true:true tablist:0" {
		t.Errorf("%s without JavaScript: %s; want every panel shown under its heading, no tab list", path, state)
	}
	if o := eval[overflow](nojs, measureOverflow); o.Scroll > o.Inner {
		t.Errorf("%s without JavaScript on a phone: scrolls sideways: %+v", path, o)
	}
}

// TestAZIndex checks the A–Z jump list of a section page: letters with
// entries link to a group holding those entries, the others are inert;
// the glossary has one too.
func TestAZIndex(t *testing.T) {
	t.Parallel()
	for _, path := range []string{"/conditions/", "/glossary/"} {
		tb := newTab(t, shared.site.URL)
		tb.setViewport(phone390)
		tb.open(path)
		bad := eval[[]string](tb, `(() => {
			const bad = [];
			const nav = document.querySelector('nav.az-nav');
			if (!nav) return ['no A–Z jump list'];
			for (const li of nav.querySelectorAll('li')) {
				const a = li.querySelector('a');
				const letter = li.textContent.trim();
				if (!a) {
					if (document.getElementById('az-' + letter)) bad.push(letter + ' is inert but has a group');
					continue;
				}
				const group = document.getElementById(decodeURIComponent(a.hash.slice(1)));
				if (!group || group.textContent.trim() !== letter) { bad.push(letter + ' links nowhere'); continue; }
				const list = group.closest('.az-group').querySelector('ul, dl');
				if (!list || list.children.length === 0) bad.push(letter + ' has no entries');
			}
			if (!nav.querySelector('a') || !nav.querySelector('.az-inert')) bad.push('want both linked and inert letters');
			return bad;
		})()`)
		if len(bad) > 0 {
			t.Errorf("%s: %v", path, bad)
		}
		tb.requireClean(path)
	}
}

// TestSearchNoResults: a query that matches nothing shows, visibly, the
// no-results sentence and suggestions with links to the sections on the
// search page, and a visible note under the header search box.
func TestSearchNoResults(t *testing.T) {
	t.Parallel()
	tb := newTab(t, shared.site.URL)
	tb.setViewport(phone390)
	tb.open("/search/?q=zzqxv")
	tb.waitFor(`document.querySelector('.search-status').textContent !== ''`, "the search status", searchState)
	got := eval[string](tb, `(() => {
		const e = document.querySelector('.search-empty');
		return document.querySelector('.search-status').textContent + ' | shown:' + (e.getBoundingClientRect().height > 0) +
			' | sections:' + e.querySelectorAll('a[href$="#az-title"]').length + ' | results:' + document.querySelectorAll('.search-results li').length;
	})()`)
	if !strings.HasPrefix(got, "No results for “zzqxv”. | shown:true | sections:") || strings.Contains(got, "sections:0") || !strings.HasSuffix(got, "results:0") {
		t.Errorf("no-results state: %s", got)
	}
	tb.requireAxe("/search/?q=zzqxv")

	tb.do("typing in the header box", chromedp.Focus(`#q`), chromedp.SendKeys(`#q`, "zzqxv"))
	// On a busy machine the keys may arrive slower than the debounce, so
	// the note of a prefix ("zzqx") may show first: wait for the query's.
	tb.waitFor(`!document.querySelector('.search-popup-empty').hidden && document.querySelector('.search-popup-empty').textContent.includes('zzqxv')`,
		"the header box's no-results note", `document.querySelector('.site-search').outerHTML`)
	if txt := eval[string](tb, `document.querySelector('.search-popup-empty').textContent`); txt != "No results for “zzqxv”." {
		t.Errorf("header no-results note: %q", txt)
	}
	tb.requireClean("/search/?q=zzqxv")

	res := newTab(t, shared.site.URL)
	res.setViewport(desktop)
	res.open("/search/?q=hba1c+targets")
	res.waitFor(searchDone, "search results", searchState)
	meta := eval[[]string](res, `[...document.querySelectorAll('.search-results .search-result-meta')].map(m => m.textContent)`)
	var pro, reviewed bool
	for _, m := range meta {
		pro = pro || strings.Contains(m, "For health professionals")
		reviewed = reviewed || strings.Contains(m, "Reviewed ") && !strings.Contains(m, "-")
	}
	if !pro || !reviewed {
		t.Errorf("result meta %q: want a 'For health professionals' badge and a human 'Reviewed <date>'", meta)
	}
	res.requireClean("/search/?q=hba1c+targets")
}

// TestTagPage: a tag page says how many articles it lists, lists them by
// title, and links only feeds that exist; the tag index shows counts.
func TestTagPage(t *testing.T) {
	t.Parallel()
	tb := newTab(t, shared.site.URL)
	tb.setViewport(phone390)
	tb.open("/tags/asthma/")
	got := eval[string](tb, `(() => {
		const titles = [...document.querySelectorAll('main .cards h3')].map(h => h.textContent.trim());
		const sorted = [...titles].sort((a, b) => a.localeCompare(b, document.documentElement.lang, {sensitivity: 'base'}));
		return document.querySelector('.tag-count').textContent + ' | ' + titles.length + ' listed, sorted:' +
			(titles.join('|') === sorted.join('|'));
	})()`)
	if got != "2 articles | 2 listed, sorted:true" {
		t.Errorf("/tags/asthma/: %s", got)
	}
	feeds := eval[[]string](tb, `[...document.querySelectorAll('.own-feeds a')].map(a => new URL(a.href).pathname)`)
	if len(feeds) == 0 {
		t.Error("/tags/asthma/: no feed links")
	}
	for _, f := range feeds {
		if _, err := os.Stat(filepath.Join(shared.public, filepath.FromSlash(f))); err != nil {
			t.Errorf("/tags/asthma/ links the feed %s, which the build did not write: %v", f, err)
		}
	}
	tb.open("/tags/")
	if n := eval[int](tb, `[...document.querySelectorAll('.tag-cloud .count')].filter(c => !/^\(\d+ articles?\)$/.test(c.textContent)).length`); n != 0 {
		t.Errorf("/tags/: %d tags without an article count", n)
	}
	tb.requireClean("/tags/")
}
