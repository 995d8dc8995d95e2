package e2e

import (
	"bytes"
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// searchResults lists the result links of the search page, in order.
const searchResults = `[...document.querySelectorAll('#search-page .search-results li a[href]:first-of-type')].map(a => new URL(a.href).pathname)`

// TestSearchPage runs searches on the search page in the browser, with the
// real index the build wrote.
func TestSearchPage(t *testing.T) {
	tests := []struct {
		query  string
		want   string // path of an article the results must hold
		within int    // ... among the first within results
	}{
		{query: "heart attack", want: "/conditions/heart-attack/", within: 3},
		{query: "diabetis", want: "/conditions/type-2-diabetes/", within: 10}, // a typo
		{query: "asthma", want: "/conditions/asthma/", within: 1},
		{query: "water pill", want: "/conditions/high-blood-pressure/", within: 1}, // a lay term for diuretics
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			t.Parallel()
			tb := newTab(t, shared.site.URL)
			tb.setViewport(desktop)
			tb.open("/search/?q=" + url.QueryEscape(tt.query))
			tb.waitFor(searchDone, "search results", searchState)
			got := eval[[]string](tb, searchResults)
			if i := slices.Index(got, tt.want); i < 0 || i >= tt.within {
				t.Errorf("search %q: results %v, want %s among the first %d", tt.query, got, tt.want, tt.within)
			}
			tb.requireClean("search " + tt.query)
		})
	}
}

// TestSearchFallsBackToTheDefaultLanguage searches the Spanish search page
// for "infarto": no Spanish page is about heart attacks, so the English one
// is offered, marked as English and labelled with its language's name.
func TestSearchFallsBackToTheDefaultLanguage(t *testing.T) {
	tb := newTab(t, shared.site.URL)
	tb.setViewport(desktop)
	tb.open("/es/search/?q=infarto")
	tb.waitFor(searchDone, "search results", searchState)
	type result struct{ URL, Lang, HrefLang, Label, LabelLang string }
	got := eval[[]result](tb, `[...document.querySelectorAll('#search-page .search-results > li')].map(li => {
		const a = li.querySelector('a[href]'), label = li.querySelector('.search-result-lang');
		return {URL: new URL(a.href).pathname, Lang: li.lang, HrefLang: a.hreflang, Label: label?.textContent ?? "", LabelLang: label?.lang ?? ""};
	})`)
	i := slices.IndexFunc(got, func(r result) bool { return r.URL == "/conditions/heart-attack/" })
	if i < 0 || got[i] != (result{"/conditions/heart-attack/", "en", "en", "English", "en"}) {
		t.Errorf("Spanish search for infarto: %+v; want the English heart-attack page with lang, hreflang and an English label", got)
	}
	if len(got) > 0 && strings.HasPrefix(got[0].URL, "/conditions/") {
		t.Errorf("Spanish search for infarto: %+v; want the Spanish page that mentions it first", got)
	}
	tb.requireClean("search infarto (es)")
}

// TestSearchResultsMarkup checks that results render as links and that
// excerpts highlight the matched words with <mark>, as markup and not as
// escaped text.
func TestSearchResultsMarkup(t *testing.T) {
	tb := newTab(t, shared.site.URL)
	tb.setViewport(desktop)
	tb.open("/search/?q=asthma")
	tb.waitFor(searchDone, "search results", searchState)
	type markup struct {
		Results, Links, Marks int
		Marked                []string
		Escaped               bool
	}
	m := eval[markup](tb, `(() => {
		const list = document.querySelector('#search-page .search-results');
		const marks = [...list.querySelectorAll('mark')];
		return {
			Results: list.querySelectorAll(':scope > li').length,
			Links: list.querySelectorAll(':scope > li a[href]').length,
			Marks: marks.length,
			Marked: marks.map(m => m.textContent),
			Escaped: list.textContent.includes('<mark>'),
		};
	})()`)
	if m.Results == 0 || m.Links < m.Results {
		t.Errorf("%d results with %d links; want every result to be a link", m.Results, m.Links)
	}
	if m.Marks == 0 || m.Escaped {
		t.Errorf("excerpts have %d <mark> elements (escaped markup shown as text: %v); want the matches marked", m.Marks, m.Escaped)
	}
	// Synonyms are marked too; the query itself must be among the marks.
	if !slices.ContainsFunc(m.Marked, func(w string) bool { return strings.EqualFold(w, "asthma") }) {
		t.Errorf("marked words %q; want asthma among them", m.Marked)
	}
}

// TestSearchAfterAPatchedRebuild edits an article's body, rebuilds (which
// patches the site and adds a search delta) and searches for the new word
// in the browser.
func TestSearchAfterAPatchedRebuild(t *testing.T) {
	src := t.TempDir()
	for _, name := range []string{"content", "data", "static", "layouts", "i18n", "themes"} {
		err := os.CopyFS(filepath.Join(src, name), os.DirFS(filepath.Join(shared.root, name)))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(filepath.Join(shared.root, "medkb.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "medkb.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	public := filepath.Join(t.TempDir(), "public")
	if err := buildSite(src, public); err != nil {
		t.Fatal(err)
	}
	article := filepath.Join(src, "content", "conditions", "asthma.md")
	body, err := os.ReadFile(article)
	if err != nil {
		t.Fatal(err)
	}
	// At the top of the body: excerpts come from a page's first 4,000
	// characters.
	end := bytes.Index(body[3:], []byte("\n---\n")) + 3 + len("\n---\n")
	edited := slices.Concat(body[:end], []byte("\nMontelukast is a tablet some people take every evening.\n"), body[end:])
	if err := os.WriteFile(article, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := buildSite(src, public); err != nil {
		t.Fatal(err)
	}
	if m, err := os.ReadFile(filepath.Join(public, "search", "manifest.json")); err != nil || !bytes.Contains(m, []byte(`"delta":{`)) {
		t.Fatalf("the rebuild was not patched: the manifest holds no search delta (%v)", err)
	}
	site := serveDir(public)
	defer site.Close()
	tb := newTab(t, site.URL)
	tb.setViewport(desktop)
	tb.open("/search/?q=montelukast")
	tb.waitFor(searchDone, "search results", searchState)
	if got := eval[[]string](tb, searchResults); len(got) == 0 || got[0] != "/conditions/asthma/" {
		t.Fatalf("search for a word the edit added: results %v, want /conditions/asthma/ first", got)
	}
	marked := eval[[]string](tb, `[...document.querySelectorAll('#search-page .search-results mark')].map(m => m.textContent)`)
	if !slices.Contains(marked, "Montelukast") {
		t.Errorf("the excerpt marks %v, want Montelukast", marked)
	}
	tb.requireClean("search after a patched rebuild")
}
