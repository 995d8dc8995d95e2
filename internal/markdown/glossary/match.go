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
	// rootASCII holds the root's children for the ASCII runes, both
	// cases of a letter, nil where no name starts with that rune: at most word starts of a
	// text the first letter rules every name out, and an array lookup is
	// the cheapest way to say so.
	rootASCII [utf8.RuneSelf]*trieNode
}

// A trieNode's children are a short list searched in order: most nodes
// of a glossary's trie have one child, few more than a handful, and
// comparing a few runes costs less than hashing one (the map each node
// had was a third of a bench build's glossary time). A node with more
// than maxListed children keeps a map instead.
type trieNode struct {
	runes   []rune
	kids    []*trieNode
	many    map[rune]*trieNode // instead of runes and kids, past maxListed
	entries []int              // entries with a name ending here, in glossary order
}

const maxListed = 8

// child returns the child for r, nil when there is none.
func (n *trieNode) child(r rune) *trieNode {
	if n.many != nil {
		return n.many[r]
	}
	for i, k := range n.runes {
		if k == r {
			return n.kids[i]
		}
	}
	return nil
}

// add returns the child for r, made when there is none.
func (n *trieNode) add(r rune) *trieNode {
	if c := n.child(r); c != nil {
		return c
	}
	c := &trieNode{}
	if n.many == nil && len(n.runes) == maxListed {
		n.many = make(map[rune]*trieNode, maxListed+1)
		for i, k := range n.runes {
			n.many[k] = n.kids[i]
		}
		n.runes, n.kids = nil, nil
	}
	if n.many != nil {
		n.many[r] = c
	} else {
		n.runes = append(n.runes, r)
		n.kids = append(n.kids, c)
	}
	return c
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
				n = n.add(r)
			}
			if !slices.Contains(n.entries, i) {
				n.entries = append(n.entries, i)
			}
		}
	}
	for r := range rune(utf8.RuneSelf) {
		m.rootASCII[r] = m.root.child(fold(r)) // both cases: find looks up bytes unfolded
	}
	return m
}

// asciiWord marks the ASCII word characters, letters and digits (isWord
// for the rest); every byte past ASCII is false, so a byte indexes it.
var asciiWord = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// find returns the byte range and entry of the first name in s whose entry
// is not yet used. A name starts after a non-word character other than
// '&' (an entity such as &amp; is not a word), or at the start of s.
func (m *matcher) find(s string, used []bool) (start, end, entry int, ok bool) {
	boundary := true // the start of text counts as a boundary
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf { // most text: no decoding, no folding tables
			if boundary && m.rootASCII[c] != nil {
				if n, e, hit := m.longestAt(s[i:], used); hit {
					return i, i + n, e, true
				}
			}
			if asciiWord[c] { // no name starts inside an ASCII word: skip it
				for i++; i < len(s) && asciiWord[s[i]]; i++ {
				}
				boundary = false
				continue
			}
			boundary = c != '&'
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if boundary && m.root.child(fold(r)) != nil {
			if n, e, hit := m.longestAt(s[i:], used); hit {
				return i, i + n, e, true
			}
		}
		boundary = !isWord(r)
		i += size
	}
	return 0, 0, 0, false
}

// isSpace is unicode.IsSpace with an ASCII shortcut.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || '\t' <= r && r <= '\r'
	}
	return unicode.IsSpace(r)
}

// longestAt returns the byte length and entry of the longest name at the
// start of s that is followed by a word boundary and whose entry is unused.
// (ASCII is decoded and folded inline: this loop runs at every word start
// a name could begin, and the calls were a third of its time.)
func (m *matcher) longestAt(s string, used []bool) (length, entry int, ok bool) {
	n := m.root
	i := 0
	for n != nil && i < len(s) {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		var c *trieNode
		switch {
		case isSpace(r):
			c = n.child(' ')
			for i < len(s) {
				r, size = utf8.DecodeRuneInString(s[i:])
				if !isSpace(r) {
					break
				}
				i += size
			}
		case n == m.root && r < utf8.RuneSelf:
			c = m.rootASCII[r]
			i++
		case 'a' <= r && r <= 'z':
			c = n.child(r - ('a' - 'A'))
			i++
		default:
			c = n.child(fold(r))
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
			if next := s[i]; next < utf8.RuneSelf && asciiWord[next] {
				continue
			} else if next >= utf8.RuneSelf {
				if r, _ := utf8.DecodeRuneInString(s[i:]); isWord(r) {
					continue
				}
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
