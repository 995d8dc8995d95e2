package site

import (
	"slices"
	"testing"
)

const searchSite = `
-- medkb.yaml --
title: "Clinic"
base_url: "https://clinic.test/"
-- content/conditions/asthma.md --
---
title: "Asthma"
date: 2025-01-01
audience: patient
about:
  - name: Reactive airway disease
---
Asthma narrows the airways.
-- content/about/style.md --
---
title: "Style guide for staff"
date: 2025-01-01
search: false
---
How to write about asthma for this site.
`

func TestSearchInputHonoursSearchFalseAndAbout(t *testing.T) {
	t.Parallel()
	in, err := New(Options{Source: writeSite(t, searchSite), Now: fixedNow}).SearchInput(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	docs := in.Langs[in.DefaultLang].Docs
	var urls []string
	for _, d := range docs {
		urls = append(urls, d.URL)
		if d.URL == "/conditions/asthma/" && !slices.Equal(d.About, []string{"Reactive airway disease"}) {
			t.Errorf("asthma: About = %q, want the front matter's condition", d.About)
		}
	}
	if slices.Contains(urls, "/about/style/") || !slices.Contains(urls, "/conditions/asthma/") {
		t.Errorf("indexed %v: want the asthma page and not the page with search: false", urls)
	}
}
