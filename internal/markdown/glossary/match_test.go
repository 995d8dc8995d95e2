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

// naiveFind is find by its definition, trying every name at every word
// start: the first start where some name of an unused entry matches
// (runes equal under simple case folding, a space in a name matching a
// run of white space, a word boundary after it), the longest such name
// there, the first entry in glossary order among names of that length.
func naiveFind(entries []Entry, s string, used []bool) (start, end, entry int, ok bool) {
	prev := rune(-1)
	for i, r := range s {
		if !isWord(prev) && prev != '&' {
			best, bestEntry := -1, -1
			for e, en := range entries {
				if used[e] {
					continue
				}
				for _, name := range append([]string{en.Term}, en.Synonyms...) {
					name = strings.Join(strings.Fields(name), " ")
					if name == "" {
						continue
					}
					if n, hit := naiveMatch(name, s[i:]); hit && n > best {
						best, bestEntry = n, e
					}
				}
			}
			if best >= 0 {
				return i, i + best, bestEntry, true
			}
		}
		prev = r
	}
	return 0, 0, 0, false
}

// naiveMatch reports whether name matches at the start of s followed by a
// word boundary, and the bytes of s it covers.
func naiveMatch(name, s string) (int, bool) {
	i := 0
	for _, nr := range name {
		if i >= len(s) {
			return 0, false
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if nr == ' ' {
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
		if unicode.IsSpace(nr) || fold(nr) != fold(r) {
			return 0, false
		}
		i += size
	}
	if i < len(s) {
		if r, _ := utf8.DecodeRuneInString(s[i:]); isWord(r) {
			return 0, false
		}
	}
	return i, true
}

// FuzzFindMatchesNaive holds the trie scan (its ASCII shortcuts, word
// skipping and child lists) to naiveFind over a glossary whose names share
// prefixes, differ in case and white space, and run past ASCII.
func FuzzFindMatchesNaive(f *testing.F) {
	entries := []Entry{
		{Term: "inhaler"}, {Term: "reliever inhaler", Synonyms: []string{"blue  inhaler"}}, {Term: "reliever"},
		{Term: "Ödem"}, {Term: "oedema", Synonyms: []string{"edema", "œdème"}}, {Term: "a"}, {Term: "A&E"},
		{Term: "ﬁbrosis"}, {Term: "Kelvin"}, {Term: "straße"}, {Term: "x-ray", Synonyms: []string{"X ray"}},
		{Term: "2-week wait"}, {Term: "stat"}, {Term: "stats"}, {Term: "statin"},
	}
	for c := 'b'; c <= 'm'; c++ { // a node with more children than a list keeps
		entries = append(entries, Entry{Term: "st" + string(c) + "x"})
	}
	for _, s := range []string{
		"Use a RELIEVER\n\t inhaler or the blue inhaler.", "relievers reliever inhaler", "ödem Ödem ÖDEM",
		"&a a&E A&E stat stats statin statins", "KELVIN \u212aelvin ſtraße", "an x-ray, X  ray 2-week wait",
		"\xffinhaler \xff inhaler", "ﬁbrosis fibrosis", "café oedema edema œdème", "stbx stlx stmx",
	} {
		f.Add(s, uint16(0))
	}
	m := newMatcher(entries)
	f.Fuzz(func(t *testing.T, s string, usedBits uint16) {
		used := make([]bool, len(entries))
		for i := range 16 {
			used[i] = usedBits&(1<<i) != 0
		}
		for range 20 {
			start, end, e, ok := m.find(s, used)
			ws, we, wentry, wok := naiveFind(entries, s, used)
			if start != ws || end != we || e != wentry || ok != wok {
				t.Fatalf("find(%q) = %d, %d, %d, %v; naive %d, %d, %d, %v", s, start, end, e, ok, ws, we, wentry, wok)
			}
			if !ok {
				return
			}
			used[e] = true
			s = s[end:]
		}
	})
}
