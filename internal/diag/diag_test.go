package diag

import (
	"fmt"
	"slices"
	"testing"
)

// TestSortFromMatchesSort: sorting the tail and merging it into a sorted
// head gives what Sort gives on the whole list, ties included (a kept
// diagnostic before a new one with the same position and message).
func TestSortFromMatchesSort(t *testing.T) {
	t.Parallel()
	files := []string{"a.md", "b.md", "c.md"}
	var l List
	for i := range 40 {
		l = append(l, Diagnostic{File: files[i*7%3], Line: i * 5 % 4, Message: string(rune('a' + i%3)), Hint: fmt.Sprint(i)})
	}
	for _, n := range []int{0, 1, 17, 39, 40} {
		head := slices.Clone(l[:n])
		head.Sort()
		got := slices.Concat(head, l[n:])
		want := slices.Clone(got)
		want.Sort()
		got.SortFrom(n)
		if !slices.Equal(got, want) {
			t.Errorf("SortFrom(%d) = %v, want %v", n, got, want)
		}
	}
}
