package searchset

import (
	"testing"
	"time"

	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/page"
)

func article(file, url, title string) *page.Page {
	p := &page.Page{File: file, RelPermalink: url, Lang: "en", Kind: page.KindPage}
	p.Meta.Title = title
	return p
}

// TestDeltaWithLeavesTheLastSnapshotAlone: a rebuild that fails must not
// leak into the next, so With copies what it changes.
func TestDeltaWithLeavesTheLastSnapshotAlone(t *testing.T) {
	cfg := &config.Config{}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	first := with(t, Delta{}, cfg, []*page.Page{article("content/a.md", "/a/", "Asthma")}, now)
	second := with(t, first, cfg, []*page.Page{article("content/a.md", "/a/", "Asthma in adults"), article("content/b.md", "/b/", "Bronchitis")}, now)
	if got := first.Edited["en"]; len(got) != 1 || got[0].Title != "Asthma" || len(first.Files) != 1 {
		t.Fatalf("first delta changed by With: %+v", first)
	}
	if got := second.Edited["en"]; len(got) != 2 || got[0].Title != "Asthma in adults" || got[1].URL != "/b/" {
		t.Fatalf("second delta = %+v, want the edited page replaced and the new one added", got)
	}
	withdrawn := article("content/c.md", "/c/", "Gone")
	withdrawn.Meta.Withdrawn = &page.Withdrawal{Reason: "superseded"}
	if third := with(t, second, cfg, []*page.Page{withdrawn}, now); third.Files["content/c.md"] || len(third.Edited["en"]) != 2 {
		t.Fatalf("a page out of search entered the delta: %+v", third)
	}
}

// TestDeltaFitsCountsEachFileOnce: an article edited again does not use
// up another of the MaxDeltaDocs places.
func TestDeltaFitsCountsEachFileOnce(t *testing.T) {
	d := Delta{Files: map[string]bool{}}
	for i := range MaxDeltaDocs {
		d.Files[string(rune('A'+i%26))+string(rune('a'+i/26))] = true
	}
	if !d.Fits(map[string]bool{"Aa": true}) {
		t.Error("a file already in the delta does not fit")
	}
	if d.Fits(map[string]bool{"new.md": true}) {
		t.Error("a full delta took one more file")
	}
}

func with(t *testing.T, d Delta, cfg *config.Config, pages []*page.Page, now time.Time) Delta {
	t.Helper()
	out, err := d.With(cfg, pages, now)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
