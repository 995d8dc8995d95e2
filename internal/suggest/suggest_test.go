package suggest_test

import (
	"testing"

	"github.com/medkb/medkb/internal/suggest"
)

func TestDistance(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"title", "title", 0},
		{"titel", "title", 1}, // a transposition is one edit
		{"sumary", "summary", 1},
		{"nicee2023", "nice2023", 1},
		{"warnign", "warning", 1},
		{"colour", "color", 1},
		{"kitten", "sitting", 3},
		{"ca", "abc", 3}, // optimal string alignment: no edit of a transposed pair
		{"détail", "detail", 1},
	}
	for _, tc := range tests {
		if got := suggest.Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := suggest.Distance(tc.b, tc.a); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d (the distance is symmetric)", tc.b, tc.a, got, tc.want)
		}
	}
}

func TestClosest(t *testing.T) {
	t.Parallel()
	keys := []string{"title", "summary", "tags", "next_review", "last_reviewed", "reviewed_by", "authors"}
	for in, want := range map[string]string{
		"title":       "title",
		"sumary":      "summary",
		"titel":       "title",
		"next_reveiw": "next_review", // two edits: long enough for two
		"tag":         "tags",
		"tagz":        "tags",
		"tgs":         "tags",
		"tgas":        "tags",
		"authrs":      "authors",
		"colour":      "",
		"x":           "",
		"titl_":       "title",
		"tit":         "", // two edits from title, and short
		"":            "",
	} {
		if got := suggest.Closest(in, keys); got != want {
			t.Errorf("Closest(%q) = %q, want %q", in, got, want)
		}
	}
	// Of equally near candidates, the first; a one-letter name is never
	// taken for another.
	if got := suggest.Closest("cat", []string{"bat", "car"}); got != "bat" {
		t.Errorf("Closest(cat) = %q, want bat", got)
	}
	if got := suggest.Closest("x", []string{"a", "b"}); got != "" {
		t.Errorf("Closest(x) = %q, want none", got)
	}
}
