// Package suggest finds the near miss behind a name nobody declared: the
// "did you mean" of an unknown front matter key (schema), an unknown
// callout kind (markdown/callout), an unknown reference key (markdown) and
// a link's missing id (check).
// Distance is the optimal string alignment distance; Closest applies the
// one rule of what counts as near. What a caller folds first (case, "_"
// and "-" for schema's keys) stays with the caller.
//
// The package imports no medkb package, keeps no state and is safe for
// concurrent use.
package suggest

import "unicode/utf8"

// Closest returns the candidate nearest to s, or "" when none is near: at
// most one edit away (two for names of six characters or more), and fewer
// edits than s has characters, so that "x" is not taken for "a". Of equally
// near candidates the first wins.
func Closest(s string, candidates []string) string {
	n := utf8.RuneCountInString(s)
	limit := 1
	if n >= 6 {
		limit = 2
	}
	best, bestDist := "", limit+1
	for _, c := range candidates {
		if d := Distance(s, c); d < bestDist && d < n {
			best, bestDist = c, d
		}
	}
	return best
}

// Distance is the optimal string alignment distance between a and b, in
// characters: insertions, deletions, substitutions and transpositions of
// neighbours each cost one.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
