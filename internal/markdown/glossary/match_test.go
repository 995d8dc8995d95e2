package glossary

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestFoldASCII holds the ASCII shortcuts of fold and isWord to the
// Unicode definitions they skip.
func TestFoldASCII(t *testing.T) {
	for r := rune(-1); r < utf8.RuneSelf; r++ {
		least := r
		if r >= 0 {
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				least = min(least, f)
			}
		}
		if got := fold(r); got != least {
			t.Errorf("fold(%q) = %q, want %q", r, got, least)
		}
		want := r >= 0 && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r))
		if got := isWord(r); got != want {
			t.Errorf("isWord(%q) = %v, want %v", r, got, want)
		}
	}
}

// A scan costs at most the longest name per word start, whatever the size
// of the glossary: before, every word start tried every name sharing its
// first letter (2,000 names × 20,000 words here).
func TestMatcherLinearWork(t *testing.T) {
	const terms, words = 2000, 20000
	var entries []Entry
	for i := range terms {
		entries = append(entries, Entry{Term: fmt.Sprintf("tumour marker %04d", i)})
	}
	m := newMatcher(entries)
	used := make([]bool, terms)
	text := strings.Repeat("tumour markers ", words/2) + "tumour marker 1999."
	start, end, entry, ok := m.find(text, used)
	if !ok || entry != 1999 || text[start:end] != "tumour marker 1999" {
		t.Fatalf("find = %d, %d, %d, %v", start, end, entry, ok)
	}
	if limit := (words + 1) * len("tumour marker 0000"); m.steps > limit {
		t.Errorf("%d trie steps for %d words, want at most %d", m.steps, words, limit)
	}
}

// Longest name first, whole words only, white space runs match a space,
// and a used entry gives way to the next one at the same place.
func TestMatcherLongestUnused(t *testing.T) {
	m := newMatcher([]Entry{{Term: "inhaler"}, {Term: "reliever inhaler"}, {Term: "reliever"}, {Term: "Reliever  Inhaler"}})
	used := make([]bool, 4)
	find := func(s string) string {
		start, end, e, ok := m.find(s, used)
		if !ok {
			return "none"
		}
		used[e] = true
		return fmt.Sprintf("%d:%q", e, s[start:end])
	}
	for _, tt := range []struct{ in, want string }{
		{"a RELIEVER\n  inhaler.", `1:"RELIEVER\n  inhaler"`},
		{"a reliever inhaler", `3:"reliever inhaler"`},
		{"relievers reliever inhaler", `2:"reliever"`},
		{"inhalers", "none"},
		{"inhaler", `0:"inhaler"`},
	} {
		if got := find(tt.in); got != tt.want {
			t.Errorf("find(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
