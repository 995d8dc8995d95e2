package e2e

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"testing"
)

// pageKind is one kind of page of the demo site.
type pageKind struct {
	name   string // names subtests and screenshots
	path   string // URL path on the test server
	status int64  // HTTP status of the document
	ready  string // JavaScript that is true once the page's scripts are done; "" when load is enough
}

// searchDone is true once the search page has shown its results.
const searchDone = `document.querySelectorAll('#search-page .search-results li a[href]').length > 0`

// searchState describes the search page for failure messages.
const searchState = `'status: ' + (document.querySelector('#search-page .search-status')?.textContent ?? '(no status element)') +
	'; results: ' + (document.querySelector('#search-page .search-results')?.innerHTML ?? '(no result list)').slice(0, 500)`

func pageKinds() []pageKind {
	return []pageKind{
		{name: "home", path: "/", status: http.StatusOK},
		{name: "section", path: "/conditions/", status: http.StatusOK},
		{name: "article", path: "/conditions/asthma/", status: http.StatusOK},
		{name: "article-tools", path: "/medications/ibuprofen/", status: http.StatusOK}, // tabs and an expander
		{name: "tags", path: "/tags/", status: http.StatusOK},
		{name: "term", path: "/tags/asthma/", status: http.StatusOK},
		{name: "search", path: "/search/?q=asthma", status: http.StatusOK, ready: searchDone},
		{name: "glossary", path: "/glossary/", status: http.StatusOK},
		{name: "feeds", path: "/feeds/", status: http.StatusOK},
		// The static server answers a missing page with 404.html, as hosts
		// do; the page must work at any depth.
		{name: "404", path: "/conditions/no-such-page/", status: http.StatusNotFound},
		{name: "spanish-article", path: "/es/conditions/asthma/", status: http.StatusOK},
		{name: "spanish-section", path: "/es/conditions/", status: http.StatusOK}, // A–Z with Ñ
		{name: "person", path: "/people/amorgan/", status: http.StatusOK},
	}
}

// TestPageKindsAreBuilt guards the page list: the file behind every page it
// names is in the built site, so a renamed page fails here by name.
func TestPageKindsAreBuilt(t *testing.T) {
	for _, k := range pageKinds() {
		file := "404.html"
		if k.status == http.StatusOK {
			u, err := url.Parse(k.path)
			if err != nil {
				t.Fatal(err)
			}
			file = filepath.Join(filepath.FromSlash(u.Path), "index.html")
		}
		if _, err := os.Stat(filepath.Join(shared.public, file)); err != nil {
			t.Errorf("page kind %s: %v", k.name, err)
		}
	}
}

// TestPages opens every page kind at a phone and then a desktop width and
// checks it in the light and the dark color scheme: the document loads with
// the right status and shows a heading, the page makes no console error, no
// failed request and no request to another host, does not scroll sideways on
// the phone and has no axe-core violation of WCAG 2.1 A and AA. The page is
// loaded once, at the phone width, and then widened, as a reader turning a
// tablet would.
func TestPages(t *testing.T) {
	for _, k := range pageKinds() {
		t.Run(k.name, func(t *testing.T) {
			t.Parallel()
			checkPage(t, k)
		})
	}
}

func checkPage(t *testing.T, k pageKind) {
	tb := newTab(t, shared.site.URL)
	tb.setViewport(phone)
	tb.setMedia("", "light")
	if k.status != http.StatusOK {
		tb.log.allowStatus(shared.site.URL + k.path)
	}
	if status := tb.open(k.path); status != k.status {
		t.Errorf("%s: HTTP status %d, want %d", k.path, status, k.status)
	}
	if k.ready != "" {
		tb.waitFor(k.ready, k.name+" page scripts", searchState)
		tb.waitIdle()
	}
	if h1 := eval[string](tb, `document.querySelector('main h1')?.textContent.trim() ?? ''`); h1 == "" {
		t.Errorf("%s: no heading in main: the page did not render", k.path)
	}
	for _, vp := range []viewport{phone, desktop} {
		tb.setViewport(vp)
		for _, scheme := range []string{"light", "dark"} {
			tb.setMedia("", scheme)
			where := fmt.Sprintf("%s at %s width, %s scheme", k.path, vp.name, scheme)
			if vp == phone {
				tb.requireNoOverflow(where)
			}
			tb.requireAxe(where)
			if name := fmt.Sprintf("%s-%s-%s", k.name, vp.name, scheme); scheme == "light" || isReadmeShot(name) {
				tb.screenshot(name)
			}
		}
		tb.requireClean(fmt.Sprintf("%s at %s width", k.path, vp.name))
	}
}

// overflow describes content wider than the viewport.
type overflow struct {
	Inner  int      `json:"inner"`
	Scroll int      `json:"scroll"`
	Wide   []string `json:"wide"`
}

const measureOverflow = `(() => {
	const inner = window.innerWidth, scroll = document.documentElement.scrollWidth;
	const wide = [];
	if (scroll > inner) {
		for (const el of document.body.querySelectorAll('*')) {
			const r = el.getBoundingClientRect();
			if (r.width > 0 && r.right > inner + 1 && el.parentElement.getBoundingClientRect().right <= inner + 1) {
				wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
					(el.classList.length ? '.' + [...el.classList].join('.') : '') +
					' (right edge ' + Math.round(r.right) + 'px)');
			}
		}
	}
	return {inner, scroll, wide: wide.slice(0, 10)};
})()`

// requireNoOverflow fails the test when the page scrolls sideways, naming
// the outermost elements that stick out.
func (tb *tab) requireNoOverflow(where string) {
	tb.t.Helper()
	o := eval[overflow](tb, measureOverflow)
	if o.Scroll > o.Inner {
		tb.t.Errorf("%s: scrolls sideways: content is %dpx wide in a %dpx viewport; sticking out: %v", where, o.Scroll, o.Inner, o.Wide)
	}
}

func isReadmeShot(name string) bool {
	_, ok := readmeShot(name)
	return ok
}
