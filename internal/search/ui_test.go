package search

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/medkb/medkb/internal/browsertest"
)

// uiPage is the markup contract of search-ui.js, as the default theme
// renders it: the header combobox on every page, the search page container.
const uiPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<link rel="stylesheet" href="/site.css"></head><body>
<form class="site-search" role="search" action="/search/" method="get" data-base="/search/" data-results="%d hits">
<label for="q" class="visually-hidden">Search</label>
<input id="q" name="q" type="search" autocomplete="off">
<button type="submit">Search</button>
</form>
<div id="search-page" data-base="/search/" data-none="Nothing for “%s”." data-suggest="Did you mean" data-months="Jan,Feb,Mar,Apr,May,Jun,Jul,Aug,Sep,Oct,Nov,Dec" data-date-layout="{d} {month} {yyyy}">
<form class="search-form" role="search" method="get">
<input id="search-q" name="q" type="search" autocomplete="off">
<select id="search-section" name="section"><option value="">Any</option></select>
<select id="search-audience" name="audience"><option value="">Any</option></select>
<button type="submit">Search</button>
</form>
<p class="search-nojs">Search needs JavaScript.</p>
<p class="search-status" role="status" aria-live="polite"></p>
<div class="search-empty" hidden><p>Check the spelling.</p></div>
<ol class="search-results"></ol>
</div>
<script type="module" src="/search/search-ui.js"></script>
</body></html>`

// TestSearchUIInBrowser drives search-ui.js in headless Chromium under a
// strict Content-Security-Policy. It needs a Chromium binary (node is
// enough for the search.js tests).
func TestSearchUIInBrowser(t *testing.T) {
	files := append(prefixed("search/", published(mustBuild(t, testCorpus(), Options{Lang: "en", BasePath: "/search/"}))), prefixed("search/", Assets())...)
	// A Spanish index falling back to the English one, and a Spanish page.
	files = append(files, prefixed("es/search/", published(mustBuild(t, spanishDocs(), Options{Lang: "es", BasePath: "/es/search/",
		Fallback: Fallback{BasePath: "/search/", Lang: "en", Name: "English"}})))...)
	esPage := strings.ReplaceAll(strings.Replace(uiPage, `lang="en"`, `lang="es"`, 1), `data-base="/search/"`, `data-base="/es/search/"`)
	// A page with the header's box only, as an article is.
	plain := uiPage[:strings.Index(uiPage, `<div id="search-page"`)] + uiPage[strings.Index(uiPage, `<script type="module"`):]
	files = append(files, File{"index.html", []byte(uiPage)}, File{"plain/index.html", []byte(plain)}, File{"search/index.html", []byte(uiPage)}, File{"es/buscar/index.html", []byte(esPage)},
		File{"site.css", []byte(".visually-hidden{position:absolute;clip:rect(0 0 0 0)}[hidden]{display:none!important}")})
	dir := writeFiles(t, files)
	var (
		mu     sync.Mutex
		served []string
	)
	fetched := func(path string) bool {
		mu.Lock()
		defer mu.Unlock()
		return slices.Contains(served, path)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		served = append(served, r.URL.Path)
		mu.Unlock()
		w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'")
		http.FileServer(http.Dir(dir)).ServeHTTP(w, r)
	}))
	defer srv.Close()

	// chromedp waits for an element that never appears until its context
	// ends: this bound only turns such a wait into a failure naming its
	// step. It is generous (a loaded machine stalls a browser for a minute
	// or more; 60 s could fail a test that was only slow) and asserts
	// nothing about speed.
	ctx, cancel := context.WithTimeout(browsertest.Start(t), 5*time.Minute)
	defer cancel()

	do := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	state := func(js string) map[string]any {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](js))
		if err != nil {
			t.Fatalf("evaluate: %v", err)
		}
		return v
	}
	const combobox = `({
		expanded: q.getAttribute("aria-expanded"),
		controls: document.getElementById(q.getAttribute("aria-controls"))?.getAttribute("role") ?? "",
		active: q.getAttribute("aria-activedescendant") ?? "",
		firstID: document.querySelector('.site-search [role="option"]')?.id ?? "",
		selected: document.querySelector('.site-search [role="option"]')?.getAttribute("aria-selected") ?? "",
		options: document.querySelectorAll('.site-search [role="option"]').length,
		status: document.querySelector('.site-search [role="status"]').textContent,
	})`
	withQ := func(expr string) string {
		return `(() => { const q = document.getElementById("q"); return ` + expr + ` })()`
	}

	// A page nobody searches from loads the UI module only: neither the
	// search module nor an index file. Tapping the box imports the search
	// module, which carries the manifest, before the reader has typed a
	// letter; no query fetches manifest.json.
	do("load a page", chromedp.Navigate(srv.URL+"/plain/"), chromedp.WaitVisible(`#q`), chromedp.Sleep(300*time.Millisecond))
	if !fetched("/search/search-ui.js") || fetched("/search/search.js") || fetched("/search/manifest.json") {
		t.Fatalf("page load fetched search-ui.js %v, search.js %v, manifest.json %v; want the UI module only",
			fetched("/search/search-ui.js"), fetched("/search/search.js"), fetched("/search/manifest.json"))
	}
	do("tap the box", chromedp.Click(`#q`))
	// The import follows the tap: it is waited for as long as the test's
	// bound allows (5 s failed a tap that was only slow under load).
	for !fetched("/search/search.js") {
		if ctx.Err() != nil {
			t.Fatal("tapping the search box did not import the search module")
		}
		time.Sleep(20 * time.Millisecond)
	}
	do("type in the header", chromedp.SendKeys(`#q`, "heart attack"), chromedp.WaitVisible(`.site-search [role="option"]`),
		chromedp.SendKeys(`#q`, kb.ArrowDown))
	got := state(withQ(combobox))
	if got["expanded"] != "true" || got["controls"] != "listbox" || got["options"].(float64) == 0 ||
		got["active"] == "" || got["active"] != got["firstID"] || got["selected"] != "true" || got["status"] != "1 result" {
		t.Errorf("combobox after typing and ArrowDown: %v", got)
	}
	do("escape", chromedp.SendKeys(`#q`, kb.Escape))
	if got := state(withQ(combobox)); got["expanded"] != "false" || got["active"] != "" {
		t.Errorf("Escape must close the listbox: %v", got)
	}

	do("escape again clears, type again", chromedp.SendKeys(`#q`, kb.Escape), chromedp.SendKeys(`#q`, "treatment"),
		chromedp.WaitVisible(`.site-search [role="option"]`))
	if got := state(withQ(combobox)); got["status"] != "8 hits" || got["options"].(float64) != 8 {
		t.Errorf("translated count: %v", got)
	}

	if fetched("/search/manifest.json") {
		t.Error("a query fetched manifest.json; the search module carries it")
	}

	const page = `({
		title: document.querySelector(".search-results li a")?.textContent ?? "",
		nojsHidden: document.querySelector(".search-nojs").hidden,
		status: document.querySelector(".search-status").textContent,
		suggestions: document.querySelector(".search-suggestions")?.textContent ?? "",
		emptyShown: !document.querySelector(".search-empty").hidden,
		url: location.search,
	})`
	do("search page", chromedp.Navigate(srv.URL+"/search/?q=diabetis"), chromedp.WaitVisible(`.search-results li a`),
		chromedp.WaitVisible(`.search-suggestions a`))
	if got := state(page); got["title"] != "Diabetes" || got["nojsHidden"] != true || !strings.Contains(got["suggestions"].(string), "diabetes") || got["emptyShown"] != false {
		t.Errorf("search page for diabetis: %v", got)
	}
	do("audience label", chromedp.Navigate(srv.URL+"/search/?q=myocardial+infarction"), chromedp.WaitVisible(`.search-results li a`))
	if meta := state(`({m: document.querySelector(".search-results li .search-result-meta")?.textContent ?? ""})`)["m"]; meta != "Conditions · Reviewed 26 May 2026 For clinician" {
		t.Errorf("meta of a clinician page: %q, want its audience labelled", meta)
	}
	// No Spanish page is about diabetes: the English one is offered,
	// marked as English and labelled with the language's name.
	do("cross-language", chromedp.Navigate(srv.URL+"/es/buscar/?q=diabetes"), chromedp.WaitVisible(`.search-results li a`))
	lang := state(`(() => { const li = document.querySelector('.search-results li[lang="en"]');
		return {url: li?.querySelector("a")?.getAttribute("href") ?? "", hreflang: li?.querySelector("a")?.getAttribute("hreflang") ?? "",
			label: li?.querySelector(".search-result-lang")?.textContent ?? "", labelLang: li?.querySelector(".search-result-lang")?.lang ?? ""} })()`)
	if lang["url"] != "/conditions/diabetes/" || lang["hreflang"] != "en" || lang["label"] != "English" || lang["labelLang"] != "en" {
		t.Errorf("Spanish search for diabetes: %v, want the English page with lang, hreflang and an English label", lang)
	}
	do("no results", chromedp.Navigate(srv.URL+"/search/?q=hrt+"), chromedp.WaitVisible(`.search-suggestions a`))
	if got := state(page); got["status"] != "Nothing for “hrt”." || !strings.Contains(got["suggestions"].(string), "heart") || got["emptyShown"] != true {
		t.Errorf("no-results state: %v", got)
	}
	do("filter", chromedp.SetValue(`#search-q`, "blood"), chromedp.SetValue(`#search-section`, "guides"),
		chromedp.Submit(`#search-q`), chromedp.WaitVisible(`.search-results li a`))
	if got := state(page); got["url"] != "?q=blood&section=guides" {
		t.Errorf("shareable URL after filtering: %v", got)
	}
}

// prefixed returns files with prefix before each path.
func prefixed(prefix string, files []File) []File {
	out := make([]File, len(files))
	for i, f := range files {
		out[i] = File{Path: prefix + f.Path, Data: f.Data}
	}
	return out
}

// published adds to an index's files the search module a site publishes
// beside them: search.js with the index's manifest written in.
// The last manifest.json counts (a delta's, written over its base's).
func published(files []File) []File {
	for _, f := range slices.Backward(files) {
		if m, ok := ModuleBeside(f); ok {
			return append(files, m)
		}
	}
	panic("an index without manifest.json")
}
