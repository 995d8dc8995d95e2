package glossary

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// matcher finds glossary names in text: case-insensitive, whole words,
// longest name first at each position. The names form a trie over their
// case-folded runes (a space in a name is one edge that matches any run of
// white space), so each word start costs at most the length of the longest
// name, whatever the size of the glossary: a scan is linear in the text.
//
// An Index is the trie alone: read-only once built, so one Index serves
// every document of a build, on any number of goroutines. A matcher is one
// document's scan over it.
type matcher struct {
	*Index
	// steps counts the trie edges followed, for tests that check the work
	// stays linear.
	steps int
}

// Index is the compiled form of a glossary's names (see Config.Index).
type Index struct {
	root    *trieNode
	entries int // how many entries it was built from
	// first marks the folded ASCII runes some name starts with: at most
	// word starts of a text the first rune rules the name out, and an
	// array lookup is cheaper than the root's map.
	first [utf8.RuneSelf]bool
}

type trieNode struct {
	next    map[rune]*trieNode
	entries []int // entries with a name ending here, in glossary order
}

func newMatcher(entries []Entry) *matcher { return &matcher{Index: NewIndex(entries)} }

// NewIndex compiles the names of entries (terms and synonyms) for
// matching; Config.Index takes it, so a build compiles its glossary once
// instead of once per document.
func NewIndex(entries []Entry) *Index {
	m := &Index{root: &trieNode{}, entries: len(entries)}
	for i, e := range entries {
		for _, s := range append([]string{e.Term}, e.Synonyms...) {
			rs := foldAll(strings.Join(strings.Fields(s), " "))
			if len(rs) == 0 {
				continue
			}
			n := m.root
			for _, r := range rs {
				if n.next == nil {
					n.next = make(map[rune]*trieNode)
				}
				c := n.next[r]
				if c == nil {
					c = &trieNode{}
					n.next[r] = c
				}
				n = c
			}
			if !slices.Contains(n.entries, i) {
				n.entries = append(n.entries, i)
			}
		}
	}
	for r := range m.root.next {
		if r >= 0 && r < utf8.RuneSelf {
			m.first[r] = true
		}
	}
	return m
}

// mayStart reports whether a name can start with r.
func (m *Index) mayStart(r rune) bool {
	if r >= 0 && r < utf8.RuneSelf {
		return m.first[fold(r)]
	}
	return m.root.next[fold(r)] != nil
}

// find returns the byte range and entry of the first name in s whose entry
// is not yet used.
func (m *matcher) find(s string, used []bool) (start, end, entry int, ok bool) {
	prev := rune(-1) // -1: start of text counts as a boundary
	for i, r := range s {
		if !isWord(prev) && prev != '&' && m.mayStart(r) {
			if n, e, hit := m.longestAt(s[i:], used); hit {
				return i, i + n, e, true
			}
		}
		prev = r
	}
	return 0, 0, 0, false
}

// longestAt returns the byte length and entry of the longest name at the
// start of s that is followed by a word boundary and whose entry is unused.
func (m *matcher) longestAt(s string, used []bool) (length, entry int, ok bool) {
	n := m.root
	i := 0
	for n != nil && i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		var c *trieNode
		if unicode.IsSpace(r) {
			c = n.next[' ']
			for i < len(s) {
				r, size = utf8.DecodeRuneInString(s[i:])
				if !unicode.IsSpace(r) {
					break
				}
				i += size
			}
		} else {
			c = n.next[fold(r)]
			i += size
		}
		if c == nil {
			break
		}
		m.steps++
		n = c
		if len(n.entries) == 0 {
			continue
		}
		if i < len(s) {
			if next, _ := utf8.DecodeRuneInString(s[i:]); isWord(next) {
				continue
			}
		}
		for _, e := range n.entries {
			if !used[e] {
				length, entry, ok = i, e, true
				break
			}
		}
	}
	return length, entry, ok
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
