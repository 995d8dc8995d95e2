package feedset

import (
	"testing"
	"time"

	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/page"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestWindowKeepsTheNewestWithinMaxAge: the cut-off is the anchor (the
// newest entry, or the published feed's newest item if newer) less
// feeds.max_age, and the limit applies within it.
func TestWindowKeepsTheNewestWithinMaxAge(t *testing.T) {
	cfg := &config.Config{}
	cfg.Feeds.MaxAge = config.Interval{Months: 6}
	var es []entry
	for _, d := range []string{"2026-03-01", "2026-01-15", "2025-10-01", "2025-08-31", "2025-01-01"} {
		es = append(es, entry{p: &page.Page{RelPermalink: "/" + d + "/"}, pub: day(d)})
	}
	cut := cutoff(cfg, es, publishedFeed{})
	if !cut.Equal(day("2025-09-01")) {
		t.Fatalf("cutoff = %s, want 2025-09-01", cut.Format(time.DateOnly))
	}
	if got := window(es, cut, 10); len(got) != 3 {
		t.Errorf("window within max_age has %d entries, want 3", len(got))
	}
	if got := window(es, cut, 2); len(got) != 2 || got[1].pub != day("2026-01-15") {
		t.Errorf("limit 2 kept %v", got)
	}
	// The newest article was deleted, but the published feed still holds
	// the anchor: older articles do not come back.
	cut = cutoff(cfg, es[1:], publishedFeed{newest: day("2026-03-01")})
	if got := window(es[1:], cut, 10); len(got) != 2 {
		t.Errorf("after deleting the newest, window has %d entries, want 2", len(got))
	}
	if !cutoff(cfg, nil, publishedFeed{}).IsZero() {
		t.Error("no entries and no published feed: want no cut-off")
	}
}
