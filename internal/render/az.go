package render

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"

	"github.com/medkb/medkb/internal/page"
)

// AZ is an A–Z index: the letters of the jump list, in order, each with
// the entries filed under it (none for a letter shown inert).
type AZ[T any] struct {
	Letters []AZLetter[T]
}

// AZLetter is one letter of an A–Z index.
type AZLetter[T any] struct {
	// Letter is the heading ("E"); ID its fragment ("az-E").
	Letter, ID string
	Entries    []T
}

// Any reports whether any letter has entries.
func (a AZ[T]) Any() bool {
	for _, l := range a.Letters {
		if len(l.Entries) > 0 {
			return true
		}
	}
	return false
}

// Flat returns the entries of every letter, in index order.
func (a AZ[T]) Flat() []T {
	var out []T
	for _, l := range a.Letters {
		out = append(out, l.Entries...)
	}
	return out
}

// groupAZ files entries under letters in the collation of lang: the
// alphabet's letters first, in the order given, each kept even when it has
// no entries (the jump list shows it inert); an entry whose first letter
// equals an alphabet letter at primary strength ("É" = "E" in English,
// "أ" = "ا" in Arabic, but "Ñ" ≠ "N" in Spanish) is filed under it; any
// other letter (a Greek title on an English site) opens a group of its
// own, upper-cased without marks, after the alphabet in collation order;
// titles that do not start with a letter go under "#", last. Entries are
// sorted by title within each letter.
func groupAZ[T any](lang string, alphabet []string, entries []T, title func(T) string) AZ[T] {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.Und
	}
	loose := collate.New(tag, collate.Loose)
	order := collate.New(tag, collate.IgnoreCase)
	byKey := map[string]int{}
	var out AZ[T]
	add := func(l string) int {
		if i, ok := byKey[l]; ok {
			return i
		}
		byKey[l] = len(out.Letters)
		out.Letters = append(out.Letters, AZLetter[T]{Letter: l, ID: "az-" + l})
		return len(out.Letters) - 1
	}
	for _, l := range alphabet {
		add(l)
	}
	// Each entry's sort key is made once (a section of 10,000 articles
	// compared titles about 130,000 times, each comparison collating both
	// again) and kept in one buffer; sorting by the keys is sorting by
	// order.CompareString. A first letter is filed once: a site's titles
	// start with a few dozen.
	type keyed struct {
		e   T
		key []byte
	}
	var (
		buf    collate.Buffer
		filed  = map[string]string{}
		groups = map[string][]keyed{}
	)
	for _, e := range entries {
		t := title(e)
		first := firstLetter(t)
		key, ok := filed[first]
		if !ok {
			key = letterOf(loose, alphabet, first)
			filed[first] = key
		}
		add(key)
		groups[key] = append(groups[key], keyed{e, order.KeyFromString(&buf, t)})
	}
	// Letters outside the alphabet follow it in collation order, "#" last.
	head := out.Letters[:len(alphabet)]
	tail := out.Letters[len(alphabet):]
	slices.SortStableFunc(tail, func(a, b AZLetter[T]) int {
		switch {
		case a.Letter == "#":
			return 1
		case b.Letter == "#":
			return -1
		}
		return loose.CompareString(a.Letter, b.Letter)
	})
	out.Letters = append(head, tail...)
	for i := range out.Letters {
		g := groups[out.Letters[i].Letter]
		if len(g) == 0 {
			continue
		}
		slices.SortStableFunc(g, func(a, b keyed) int { return bytes.Compare(a.key, b.key) })
		es := make([]T, len(g))
		for j, k := range g {
			es[j] = k.e
		}
		out.Letters[i].Entries = es
	}
	return out
}

// letterOf returns the letter an entry whose title starts with first is
// filed under (see groupAZ): the alphabet's letter equal to it at primary
// strength, else first itself upper-cased without marks, or "#" when the
// title does not start with a letter.
func letterOf(loose *collate.Collator, alphabet []string, first string) string {
	if first == "" {
		return "#"
	}
	for _, l := range alphabet {
		if loose.CompareString(first, l) == 0 {
			return l
		}
	}
	return bare(first)
}

// firstLetter returns the first letter of s with its combining marks
// ("É", or "E" followed by U+0301), skipping leading punctuation and
// spaces; "" when s starts with a digit or has no letter.
func firstLetter(s string) string {
	s = norm.NFC.String(strings.TrimLeftFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.IsLetter(r) {
		return ""
	}
	for n < len(s) {
		m, size := utf8.DecodeRuneInString(s[n:])
		if !unicode.Is(unicode.Mn, m) {
			break
		}
		n += size
	}
	return s[:n]
}

// bare is a letter upper-cased without its marks ("é" → "E", "ω" → "Ω").
func bare(letter string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(letter) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	return norm.NFC.String(b.String())
}

// SectionAZ is the A–Z index of a section's pages.
func SectionAZ(lang string, alphabet []string, pages []*page.Page) AZ[*page.Page] {
	return groupAZ(lang, alphabet, pages, func(p *page.Page) string { return p.Meta.Title })
}

// GlossaryAZ is the A–Z index of glossary terms.
func GlossaryAZ(lang string, alphabet []string, terms []page.GlossaryTerm) AZ[page.GlossaryTerm] {
	return groupAZ(lang, alphabet, terms, func(t page.GlossaryTerm) string { return t.Term })
}
