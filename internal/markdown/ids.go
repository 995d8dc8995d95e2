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
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
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

// idSet hands out ids unique within one document.
type idSet map[string]bool

// unique returns base, or base-1, base-2, … if taken, and marks it taken.
func (s idSet) unique(base string) string {
	id := base
	for i := 1; s[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s[id] = true
	return id
}
