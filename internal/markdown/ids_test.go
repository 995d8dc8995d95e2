package markdown

import (
	"fmt"
	"slices"
	"testing"
)

func TestUniqueIDs(t *testing.T) {
	t.Parallel()
	s := newIDSet()
	s.take("dose-2") // an id an extension emitted
	var got []string
	for _, base := range []string{"dose", "dose", "dose-1", "dose", "dose", "other", "dose-1"} {
		got = append(got, s.unique(base))
	}
	want := []string{"dose", "dose-1", "dose-1-1", "dose-3", "dose-4", "other", "dose-1-2"}
	if !slices.Equal(got, want) {
		t.Errorf("ids = %q, want %q", got, want)
	}
}

// The work of unique is linear in the number of headings whatever their
// texts: before, N identical headings cost N²/2 probes (8 KB of "## Dose"
// lines took seconds).
func TestUniqueIDsLinearWork(t *testing.T) {
	t.Parallel()
	const n = 20000
	shapes := map[string]func(i int) string{
		"identical":        func(int) string { return "dose" },
		"suffixed-first":   func(i int) string { return fmt.Sprintf("dose-%d", n-i) },
		"alternating":      func(i int) string { return []string{"dose", fmt.Sprintf("dose-%d", i/2+1)}[i%2] },
		"two-bases-nested": func(i int) string { return []string{"dose", "dose-1"}[i%2] },
	}
	for name, base := range shapes {
		s := newIDSet()
		seen := map[string]bool{}
		for i := range n {
			id := s.unique(base(i))
			if seen[id] {
				t.Fatalf("%s: id %q handed out twice", name, id)
			}
			seen[id] = true
		}
		if s.probes > 3*n {
			t.Errorf("%s: %d probes for %d headings, want at most %d", name, s.probes, n, 3*n)
		}
	}
}
