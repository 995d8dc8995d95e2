package watch

import (
	"maps"
	"slices"
)

// changeSet accumulates changes, keeping each path once with its
// operations OR-ed together.
type changeSet map[string]Op

func (s changeSet) add(path string, op Op) { s[path] |= op }

func (s changeSet) merge(other changeSet) {
	for p, op := range other {
		s.add(p, op)
	}
}

// sorted returns the changes ordered by path.
func (s changeSet) sorted() []Change {
	out := make([]Change, 0, len(s))
	for _, p := range slices.Sorted(maps.Keys(s)) {
		out = append(out, Change{Path: p, Op: s[p]})
	}
	return out
}
