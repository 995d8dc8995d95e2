package site

import (
	"regexp"
	"strings"
	"testing"
)

// Every feed a page advertises — <link rel="alternate"> in its head, the
// links of the Feeds page and of tag and section pages — is written, also
// for a section of trust pages only and a tag whose articles are all
// older than the feed window.
func TestEveryAdvertisedFeedIsWritten(t *testing.T) {
	site := strings.Replace(baseSite, "trust_pages: {about: /about/}\n", "trust_pages: {about: /about/}\nfeeds: {max_age: 30d}\n", 1)
	files, res := buildMem(t, New(Options{Source: writeSite(t, site), Now: fixedNow}))
	if err := res.Diagnostics.Err(); err != nil {
		t.Fatal(err)
	}
	href := regexp.MustCompile(`<(?:link|a)\b[^>]*?\shref="(/[^"]*(?:index\.xml|atom\.xml|feed\.json))"`)
	checked := 0
	for name, body := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, m := range href.FindAllSubmatch(body, -1) {
			checked++
			if _, ok := files[strings.TrimPrefix(string(m[1]), "/")]; !ok {
				t.Errorf("%s advertises %s, which the build did not write", name, m[1])
			}
		}
	}
	if checked == 0 {
		t.Fatal("no feed link found in any page")
	}
	if _, ok := files["about/atom.xml"]; !ok {
		t.Error("the section of trust pages has no feed file (its pages advertise one)")
	}
}
