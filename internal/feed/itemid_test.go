package feed

import (
	"testing"
	"time"
)

func TestItemID(t *testing.T) {
	t.Parallel()
	march4 := time.Date(2024, 3, 4, 9, 30, 0, 0, time.UTC)
	tests := []struct {
		name      string
		baseURL   string
		published time.Time
		id        string
		want      string
	}{
		{"permalink path", "https://health.example.org/", march4, "/conditions/asthma/",
			"tag:health.example.org,2024-03-04:/conditions/asthma/"},
		{"front matter id", "https://health.example.org", march4, "asthma-001",
			"tag:health.example.org,2024-03-04:asthma-001"},
		{"host lower-cased, port and path dropped", "https://Health.Example.ORG:8443/kb/", march4, "/a/",
			"tag:health.example.org,2024-03-04:/a/"},
		{"bare host", "health.example.org", march4, "/a/",
			"tag:health.example.org,2024-03-04:/a/"},
		{"internationalised host in ASCII form", "https://münchen.example/", march4, "/a/",
			"tag:xn--mnchen-3ya.example,2024-03-04:/a/"},
		{"date taken in UTC", "https://health.example.org/", time.Date(2024, 3, 4, 23, 30, 0, 0, time.FixedZone("EST", -5*3600)), "/a/",
			"tag:health.example.org,2024-03-05:/a/"},
		{"space, non-ASCII and # percent-encoded", "https://health.example.org/", march4, "/fr/crise d'asthme/é#x",
			"tag:health.example.org,2024-03-04:/fr/crise%20d'asthme/%C3%A9%23x"},
		{"valid escapes kept, lone percent encoded", "https://health.example.org/", march4, "/a%20b/100%/",
			"tag:health.example.org,2024-03-04:/a%20b/100%25/"},
		{"query and sub-delims kept", "https://health.example.org/", march4, "/a/?p=1&q=(2);x@y:z",
			"tag:health.example.org,2024-03-04:/a/?p=1&q=(2);x@y:z"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := ItemID(tc.baseURL, tc.published, tc.id); got != tc.want {
				t.Errorf("ItemID(%q, %v, %q) = %q, want %q", tc.baseURL, tc.published, tc.id, got, tc.want)
			}
		})
	}
}

// TestItemIDSurvivesRenames writes the same article twice, as it was first
// published and after its title, slug, URL, time of day and content
// changed, and checks that every format's parsed ID and published date are
// the same both times — what keeps autoposters from posting it again.
func TestItemIDSurvivesRenames(t *testing.T) {
	t.Parallel()
	const site = "https://health.example.org/"
	first := time.Date(2024, 3, 4, 9, 0, 0, 0, time.UTC)
	before := Item{
		ID:        ItemID(site, first, "/conditions/asthma/"),
		Title:     "Asthma",
		Link:      site + "conditions/asthma/",
		Published: first,
	}
	// The caller passes the page's FIRST permalink path and the same day.
	after := Item{
		ID:        ItemID(site, first.Add(5*time.Hour), "/conditions/asthma/"),
		Title:     "Asthma in adults: a guide",
		Link:      site + "lungs/adult-asthma/",
		Summary:   "Rewritten.",
		Published: first,
		Updated:   first.AddDate(0, 2, 0),
	}
	for _, format := range Formats() {
		t.Run(string(format), func(t *testing.T) {
			ids := make([]string, 2)
			dates := make([]time.Time, 2)
			for i, it := range []Item{before, after} {
				f := smallFeed(format)
				f.Items = []Item{it}
				out := parseUniversal(t, write(t, f, format))
				ids[i], dates[i] = out.Items[0].GUID, *out.Items[0].PublishedParsed
			}
			if ids[0] != ids[1] || ids[0] != "tag:health.example.org,2024-03-04:/conditions/asthma/" {
				t.Errorf("ID changed after rename: %q → %q", ids[0], ids[1])
			}
			if !dates[0].Equal(dates[1]) {
				t.Errorf("published date changed after rename: %v → %v", dates[0], dates[1])
			}
		})
	}
}
