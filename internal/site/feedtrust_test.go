package site

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed/atom"
)

func TestFeedItemsCarryTrustAndReaderCleanContent(t *testing.T) {
	dir := writeSite(t, strings.Replace(baseSite, "last_reviewed: 2025-09-01\n", "last_reviewed: 2025-09-01\nnext_review: 2026-09-01\n", 1))
	files, _ := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	rss := parseFeed(t, files, "index.xml")
	asthma := rss.Items[0]
	for _, want := range []string{
		"Written by Jane Doe, MD.",
		"Medically reviewed by Rita Reviewer, PharmD on 1 September 2025.",
		"Next review due 1 September 2026.",
		"<strong>This review is overdue: the information may be out of date.</strong>",
		`<abbr title="A device that puts medicine into your lungs.">inhaler</abbr>`,
		`<h2 id="symptoms">Symptoms</h2>`,
	} {
		if !strings.Contains(asthma.Content, want) {
			t.Errorf("RSS content lacks %q:\n%s", want, asthma.Content)
		}
	}
	for _, bad := range []string{`class="anchor"`, `>#</a>`, "term-def", "inhalerA device"} {
		if strings.Contains(asthma.Content, bad) {
			t.Errorf("RSS content still has %q", bad)
		}
	}
	parseFeed(t, files, "atom.xml")
	af, err := (&atom.Parser{}).Parse(bytes.NewReader(files["atom.xml"]))
	if err != nil {
		t.Fatal(err)
	}
	if c := af.Entries[0].Contributors; len(c) != 1 || c[0].Name != "Rita Reviewer, PharmD" {
		t.Errorf("atom contributors = %+v; want the reviewer", c)
	}
	if a := af.Entries[0].Authors; len(a) != 1 || a[0].Name != "Jane Doe, MD" {
		t.Errorf("atom authors = %+v; want the author only", a)
	}
	var jf struct {
		Items []struct {
			Medkb struct {
				Kind      string `json:"kind"`
				Authors   []struct{ Name, Credentials string }
				Reviewers []struct{ Name, Credentials string }
				Last      string `json:"last_reviewed"`
				Next      string `json:"next_review"`
				Overdue   bool   `json:"review_overdue"`
			} `json:"_medkb"`
		} `json:"items"`
	}
	if err := json.Unmarshal(files["feed.json"], &jf); err != nil {
		t.Fatal(err)
	}
	m := jf.Items[0].Medkb
	if m.Kind != "article" || len(m.Authors) != 1 || m.Authors[0].Credentials != "MD" || len(m.Reviewers) != 1 || m.Reviewers[0].Name != "Rita Reviewer" ||
		m.Last != "2025-09-01" || m.Next != "2026-09-01" || !m.Overdue {
		t.Errorf("_medkb = %+v", m)
	}
}
