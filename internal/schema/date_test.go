package schema

import "testing"

// TestMatchesDateIsDatePattern holds matchesDate's quick answer for
// YYYY-MM-DD to the regexp's, for dates and near misses.
func TestMatchesDateIsDatePattern(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"2024-01-02", "2024-13-45", "0000-00-00", "2024/01/02", "2024-1-2", "2024-01-2x",
		"2024-01-0", "202a-01-02", "2024_01_02", "2024-01-02T10:00:00Z", "2024-01-02 10:00", "20240-1-02",
		"2 Jan 2024", "January 2, 2024", "Tue, 2 Jan 2024 10:00:00 +0000", "soon", "", "2024-01-\x002", "२०२४-01-02"} {
		if got, want := matchesDate(s), dateRe.MatchString(s); got != want {
			t.Errorf("matchesDate(%q) = %v, DatePattern %v", s, got, want)
		}
	}
}
