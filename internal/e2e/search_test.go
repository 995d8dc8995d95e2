package e2e

import (
	"net/url"
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
