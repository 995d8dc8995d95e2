package site

import (
	"bytes"
	"strings"
	"testing"
)

// TestSearchDisabledPublishesNoSearch: with search.disabled the site has
// no search page, index or script, and no page links or loads one (the
// header's box, the 404 and withdrawn pages' link, the home page's
// SearchAction); with search on, the same site has all of them.
func TestSearchDisabledPublishesNoSearch(t *testing.T) {
	const site = `
-- content/conditions/asthma.md --
---
title: Asthma
date: 2025-01-01
audience: patient
---
Asthma makes it hard to breathe.
-- data/authors.yaml --
{}
`
	for _, disabled := range []bool{true, false} {
		yaml := "title: T\nbase_url: https://example.org/\n"
		if disabled {
			yaml += "search:\n  disabled: true\n"
		}
		files, _ := buildMem(t, New(Options{Source: writeSite(t, "-- medkb.yaml --\n"+yaml+site), Now: fixedNow}))
		var searchFiles []string
		for name := range files {
			if strings.HasPrefix(name, "search/") {
				searchFiles = append(searchFiles, name)
			}
		}
		refs := 0
		for _, name := range []string{"index.html", "404.html", "conditions/asthma/index.html"} {
			page := files[name]
			if page == nil {
				t.Fatalf("disabled %v: no %s", disabled, name)
			}
			for _, s := range []string{`class="site-search"`, "search-ui.js", `href="/search/"`, "SearchAction"} {
				if bytes.Contains(page, []byte(s)) {
					refs++
				}
			}
		}
		switch {
		case disabled && (len(searchFiles) > 0 || refs > 0):
			t.Errorf("search disabled: %d search files (%v), %d references in pages", len(searchFiles), searchFiles, refs)
		case !disabled && (files["search/index.html"] == nil || files["search/search.js"] == nil || files["search/search-ui.js"] == nil || refs < 6):
			t.Errorf("search on: search page %v, module %v, UI %v, %d references in pages; want all", files["search/index.html"] != nil,
				files["search/search.js"] != nil, files["search/search-ui.js"] != nil, refs)
		}
	}
}
