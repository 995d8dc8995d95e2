package site

import (
	"strings"
	"testing"
	"time"
)

// lifecycleSite is baseSite with a third article that expired before
// fixedNow (2026-11-25).
const lifecycleSite = baseSite + `
-- content/conditions/croup.md --
---
title: "Croup"
summary: "Croup is a childhood cough."
date: 2024-05-06
tags: [lungs]
authors: [jdoe]
reviewed_by: [rev]
last_reviewed: 2026-01-02
audience: patient
expires: 2026-11-20
---
Croup gives a barking cough.
`

// withdrawAsthma withdraws the asthma article in favour of COPD.
func withdrawAsthma(site string) string {
	site = strings.Replace(site, `id: "conditions-asthma"`, `id: "conditions-asthma"
withdrawn:
  date: 2026-10-01
  reason: "The advice on <inhalers> changed."
  replaced_by: /conditions/copd/`, 1)
	return site
}

func TestWithdrawnPageIsATombstoneListedNowhere(t *testing.T) {
	dir := writeSite(t, withdrawAsthma(lifecycleSite))
	b := New(Options{Source: dir, Now: fixedNow})
	files, res := buildMem(t, b)
	const tomb = "conditions/asthma/index.html"
	mustContain(t, files, tomb,
		`<meta name="robots" content="noindex">`,
		`<strong>This page was withdrawn on 1 October 2026.</strong>`,
		`<p>Why: The advice on &lt;inhalers&gt; changed.</p>`,
		`<p>Read instead: <a href="/conditions/copd/">COPD</a></p>`)
	// The body is not published, and the withdrawn page's own broken
	// anchors (#treatment is gone with the body) are not reported.
	mustNotContain(t, files, tomb, "You use an inhaler", `class="share"`, `"MedicalWebPage"`, `"reviewedBy"`)
	var linkWarned bool
	for _, d := range res.Diagnostics {
		if d.File == "content/conditions/asthma.md" {
			t.Errorf("withdrawn page checked: %v", d)
		}
		// COPD links to #symptoms of the old page: not an anchor error on
		// the tombstone, but a warning naming the replacement.
		if d.File == "content/conditions/copd.md" && d.Check == "withdrawn-link" {
			linkWarned = d.Line == 13 && d.Severity == "warning" && d.Hint == "link to its replacement, /conditions/copd/, instead"
		}
	}
	if !linkWarned {
		t.Errorf("no withdrawn-link warning at content/conditions/copd.md:13 naming the replacement: %v", res.Diagnostics)
	}
	for _, list := range []string{"index.html", "conditions/index.html", "tags/lungs/index.html", "sitemap.xml"} {
		mustNotContain(t, files, list, "/conditions/asthma/")
	}
	if _, related, _ := strings.Cut(string(files["conditions/copd/index.html"]), `<aside class="related"`); strings.Contains(related, "/conditions/asthma/") {
		t.Error("COPD still lists the withdrawn page as related")
	}
	if _, ok := files["tags/breathing/index.html"]; ok {
		t.Error("a tag only the withdrawn page had still has a page")
	}
	in, errs, err := b.SearchInput(t.Context())
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	for _, d := range in.Langs["en"].Docs {
		if d.URL == "/conditions/asthma/" {
			t.Error("the withdrawn page is in the search index")
		}
	}
}

func TestWithdrawnPageNeedsAReasonAndAPublishedReplacement(t *testing.T) {
	for _, c := range []struct{ name, withdrawn, msg string }{
		// A missing reason is refused when the front matter is read.
		{"no reason", "{date: 2026-10-01, replaced_by: /conditions/copd/}", `withdrawn has no "reason"`},
		{"missing replacement", "{date: 2026-10-01, reason: outdated, replaced_by: /conditions/bronchitis/}", `withdrawn.replaced_by "/conditions/bronchitis/" is not a page of the site`},
		{"expired replacement", "{date: 2026-10-01, reason: outdated, replaced_by: /conditions/croup/}", `withdrawn.replaced_by "/conditions/croup/" is itself withdrawn or expired`},
	} {
		t.Run(c.name, func(t *testing.T) {
			site := strings.Replace(lifecycleSite, `id: "conditions-asthma"`, "id: \"conditions-asthma\"\nwithdrawn: "+c.withdrawn, 1)
			errs := buildErr(t, writeSite(t, site))
			if len(errs) != 1 || errs[0].File != "content/conditions/asthma.md" || errs[0].Line != 4 || errs[0].Message != c.msg {
				t.Fatalf("errors = %v; want content/conditions/asthma.md:4: %s", errs, c.msg)
			}
		})
	}
}

func TestExpiredPageLeavesListsButKeepsItsURL(t *testing.T) {
	dir := writeSite(t, lifecycleSite)
	b := New(Options{Source: dir, Now: fixedNow})
	files, _ := buildMem(t, b)
	mustContain(t, files, "conditions/croup/index.html", "Croup gives a barking cough.", `<meta name="robots" content="noindex">`)
	for _, list := range []string{"index.html", "conditions/index.html", "tags/lungs/index.html", "conditions/copd/index.html", "sitemap.xml", "index.xml"} {
		mustNotContain(t, files, list, "/conditions/croup/")
	}
	mustContain(t, files, "conditions/copd/index.html", `<aside class="related"`) // asthma is still related
	mustNotContain(t, files, "conditions/copd/index.html", `<meta name="robots"`)

	// The day before it expires, it is listed everywhere.
	files, _ = buildMem(t, New(Options{Source: dir, Now: time.Date(2026, 11, 19, 23, 0, 0, 0, time.UTC)}))
	for _, list := range []string{"conditions/index.html", "tags/lungs/index.html", "sitemap.xml", "index.xml"} {
		mustContain(t, files, list, "/conditions/croup/")
	}
	mustNotContain(t, files, "conditions/croup/index.html", `<meta name="robots"`)
}

func TestCheckWarnsThirtyDaysBeforeExpiry(t *testing.T) {
	dir := writeSite(t, lifecycleSite)
	for _, c := range []struct {
		now  time.Time
		want string
	}{
		{time.Date(2026, 10, 20, 9, 0, 0, 0, time.UTC), ""}, // 31 days before
		{time.Date(2026, 10, 21, 9, 0, 0, 0, time.UTC), "page expires on 2026-11-20 (in 30 days)"},
		{time.Date(2026, 11, 19, 9, 0, 0, 0, time.UTC), "page expires on 2026-11-20 (in 1 days)"},
		{time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), ""}, // expired: no longer listed, nothing to warn of
	} {
		_, res := buildMem(t, New(Options{Source: dir, Now: c.now}))
		var got []string
		for _, d := range res.Diagnostics {
			if d.Check == "expires" {
				if d.File != "content/conditions/croup.md" || d.Line != 10 || d.Severity != "warning" {
					t.Errorf("%s: expiry warning at %s (%s); want content/conditions/croup.md:10, a warning", c.now, d.Pos(), d.Severity)
				}
				got = append(got, d.Message)
			}
		}
		switch {
		case c.want == "" && len(got) > 0:
			t.Errorf("%s: unexpected expiry warning %q", c.now, got)
		case c.want != "" && (len(got) != 1 || !strings.HasPrefix(got[0], c.want)):
			t.Errorf("%s: expiry warnings %q; want one starting %q", c.now, got, c.want)
		}
	}
}

func TestSitemapFalseAndTrustPagesStayOut(t *testing.T) {
	site := strings.Replace(lifecycleSite, `title: "COPD"`, "title: \"COPD\"\nsitemap: false", 1) + `
-- content/about/editorial-policy.md --
---
title: "Editorial policy"
summary: "How we write."
---
We review every article.
`
	site = strings.Replace(site, "trust_pages: {about: /about/}", "trust_pages: {about: /about/, editorial_policy: /about/editorial-policy/}", 1)
	dir := writeSite(t, site)
	b := New(Options{Source: dir, Now: fixedNow})
	files, _ := buildMem(t, b)
	mustNotContain(t, files, "sitemap.xml", "/conditions/copd/")
	mustContain(t, files, "sitemap.xml", "/conditions/asthma/", "/about/editorial-policy/")
	mustContain(t, files, "conditions/index.html", "/conditions/copd/")
	in, errs, err := b.SearchInput(t.Context())
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	var urls []string
	for _, d := range in.Langs["en"].Docs {
		urls = append(urls, d.URL)
	}
	if strings.Join(urls, " ") != "/conditions/asthma/ /conditions/copd/" {
		t.Errorf("search index holds %v; want the two listed articles, not the editorial policy or the expired page", urls)
	}
}
