package markdown

import (
	"strconv"
	"strings"
	"unicode"
)

// Slug turns heading text into an element id: lower case, Unicode letters,
// digits and underscores kept, runs of spaces and dashes collapsed into
// one "-", other punctuation dropped. Text without any of those yields
// "section".
//
// Each rune is lowered as it is read (unicode.ToLower, what
// strings.ToLower does to each), not the whole text first: one allocation
// a heading fewer (TestSlugLowersAsToLower).
func Slug(s string) string {
	var b strings.Builder
	b.Grow(len(s)) // as long as the text, nearly always enough: one allocation
	dash := false
	for _, r := range s {
		r = unicode.ToLower(r)
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case unicode.IsSpace(r) || unicode.Is(unicode.Pd, r):
			dash = true
		}
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}

// idSet hands out ids unique within one document in time linear in the
// number of ids: for each base it remembers the next suffix to try, so N
// headings with the same text cost N probes in all, not N²/2.
type idSet struct {
	taken map[string]bool
	next  map[string]int // base → the first suffix not yet tried
	// probes counts the ids looked at by unique, for tests that check the
	// work stays linear.
	probes int
}

func newIDSet() *idSet { return &idSet{taken: map[string]bool{}, next: map[string]int{}} }

// take marks id as used (by an element other than a heading).
func (s *idSet) take(id string) { s.taken[id] = true }

// unique returns base, or base-1, base-2, … (the first one free) and marks
// it taken. Each suffix of a base is tried at most once per document: a
// suffixed id once found taken stays taken.
func (s *idSet) unique(base string) string {
	s.probes++
	if !s.taken[base] {
		s.taken[base] = true
		return base
	}
	i := max(s.next[base], 1)
	for {
		s.probes++
		id := base + "-" + strconv.Itoa(i)
		i++
		if !s.taken[id] {
			s.next[base] = i
			s.taken[id] = true
			return id
		}
	}
}
