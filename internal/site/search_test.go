package site

import (
	"slices"
	"testing"
)

const searchSite = `
-- medkb.yaml --
title: "Clinic"
base_url: "https://clinic.test/"
trust_pages:
  privacy: /about/privacy/
-- content/conditions/asthma.md --
---
title: "Asthma"
date: 2025-01-01
audience: patient
about:
  - name: Reactive airway disease
---
Asthma narrows the airways.
-- content/about/privacy.md --
---
title: "Privacy"
date: 2025-01-01
search: true
---
We keep no data about asthma or anything else.
-- content/about/style.md --
---
title: "Style guide for staff"
date: 2025-01-01
search: false
---
How to write about asthma for this site.
`

func TestSearchInputHonoursSearchFalseAboutAndTrustPages(t *testing.T) {
	t.Parallel()
	in, errs, err := New(Options{Source: writeSite(t, searchSite), Now: fixedNow}).SearchInput(t.Context())
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	docs := in.Langs[in.DefaultLang].Docs
	var urls []string
	for _, d := range docs {
		urls = append(urls, d.URL)
		if d.URL == "/conditions/asthma/" && (!slices.Equal(d.About, []string{"Reactive airway disease"}) || d.Secondary) {
			t.Errorf("asthma: About = %q, Secondary %v: want the front matter's condition, a primary page", d.About, d.Secondary)
		}
		if d.URL == "/about/privacy/" && !d.Secondary {
			t.Error("the privacy page (a trust page) is not Secondary")
		}
	}
	if slices.Contains(urls, "/about/style/") || !slices.Contains(urls, "/conditions/asthma/") {
		t.Errorf("indexed %v: want the asthma page and not the page with search: false", urls)
	}
}
