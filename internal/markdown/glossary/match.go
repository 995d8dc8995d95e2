package glossary

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// name is one spelling (term or synonym) of an entry, case-folded.
type name struct {
	runes []rune
	entry int
}

// matcher finds glossary names in text: case-insensitive, whole words,
// longest name first at each position.
type matcher struct {
	byFirst map[rune][]name // keyed by the folded first rune
}

func newMatcher(entries []Entry) *matcher {
	m := &matcher{byFirst: make(map[rune][]name)}
	for i, e := range entries {
		for _, s := range append([]string{e.Term}, e.Synonyms...) {
			rs := foldAll(strings.Join(strings.Fields(s), " "))
			if len(rs) == 0 {
				continue
			}
			m.byFirst[rs[0]] = append(m.byFirst[rs[0]], name{runes: rs, entry: i})
		}
	}
	for _, names := range m.byFirst {
		slices.SortStableFunc(names, func(a, b name) int { return len(b.runes) - len(a.runes) })
	}
	return m
}

// find returns the byte range and entry of the first name in s whose entry
// is not yet used.
func (m *matcher) find(s string, used []bool) (start, end, entry int, ok bool) {
	prev := rune(-1) // -1: start of text counts as a boundary
	for i, r := range s {
		if !isWord(prev) && prev != '&' {
			for _, nm := range m.byFirst[fold(r)] {
				if used[nm.entry] {
					continue
				}
				if n, hit := matchAt(s[i:], nm.runes); hit {
					return i, i + n, nm.entry, true
				}
			}
		}
		prev = r
	}
	return 0, 0, 0, false
}

// matchAt reports whether s starts with the folded name followed by a word
// boundary, and the byte length matched. A space in the name matches any
// run of white space.
func matchAt(s string, want []rune) (int, bool) {
	i := 0
	for _, w := range want {
		if i >= len(s) {
			return 0, false
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if w == ' ' {
			if !unicode.IsSpace(r) {
				return 0, false
			}
			for i < len(s) {
				r, size = utf8.DecodeRuneInString(s[i:])
				if !unicode.IsSpace(r) {
					break
				}
				i += size
			}
			continue
		}
		if fold(r) != w {
			return 0, false
		}
		i += size
	}
	if i < len(s) {
		if next, _ := utf8.DecodeRuneInString(s[i:]); isWord(next) {
			return 0, false
		}
	}
	return i, true
}

func isWord(r rune) bool {
	if r >= 0 && r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return r >= 0 && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r))
}

// fold maps r to the smallest rune of its case-folding orbit, so runes
// that are equal under Unicode simple folding map to the same value.
// An ASCII letter's orbit is least at its upper case (k's holds the
// Kelvin sign, s's the long s, both above ASCII): most text takes that
// shortcut (TestFoldASCII).
func fold(r rune) rune {
	if r >= 0 && r < utf8.RuneSelf {
		if 'a' <= r && r <= 'z' {
			return r - ('a' - 'A')
		}
		return r
	}
	least := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		least = min(least, f)
	}
	return least
}

func foldAll(s string) []rune {
	rs := []rune(s)
	for i, r := range rs {
		if unicode.IsSpace(r) {
			rs[i] = ' '
			continue
		}
		rs[i] = fold(r)
	}
	return rs
}
