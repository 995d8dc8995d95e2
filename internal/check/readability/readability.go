// Package readability scores English prose with the Flesch–Kincaid grade
// level, the Flesch reading ease and the SMOG index.
//
// Contract:
//   - Analyze takes plain visible text in which every newline-separated block
//     (paragraph, list item, heading, table cell row) is treated as ending a
//     sentence even without a full stop, so lists and headings are not glued
//     into one giant sentence.
//   - Syllables are counted with English heuristics (vowel groups, silent
//     final e, -le, -es and -ed endings, common suffixes, vowel pairs that
//     usually split such as "ia" and "io", spelled-out acronyms) plus a small
//     exception table. The counts are estimates: expect roughly nine in ten
//     words to match a pronouncing dictionary, which is the accuracy of
//     most published readability tools.
//   - The package is meant for English only; scores for other languages are
//     meaningless and callers should not compute them.
//   - Analyze never panics, keeps no package-level mutable state and is safe
//     for concurrent use. It has no dependencies beyond the standard library.
package readability

import (
	"encoding/binary"
	"math"
	"strings"
	"unicode"
	"unsafe"
)

// Scores is the result of Analyze. The grade fields are zero when the text
// has no words.
type Scores struct {
	Words         int
	Sentences     int
	Syllables     int
	Polysyllables int // words of three or more syllables, as SMOG counts them

	FKGrade      float64 // Flesch–Kincaid grade level
	FleschEase   float64 // Flesch reading ease (higher is easier)
	SMOG         float64 // SMOG grade (McLaughlin 1969, continuous form)
	LongestWords []string

	// Hardest is the block (newline-separated) of at least MinBlockWords
	// words with the highest Flesch–Kincaid grade, the first of equals;
	// HardestGrade is its grade, what Analyze(Hardest) gives. Hardest is
	// "" when no block is that long. Analyze finds it in the same pass.
	Hardest      string
	HardestGrade float64
}

// MinBlockWords is the fewest words a block needs to be Scores.Hardest: a
// heading or a short list item says little about a page's reading level.
const MinBlockWords = 8

// Analyze computes readability scores for text. See the package comment for
// how sentences and syllables are counted.
func Analyze(text string) Scores { return new(Counter).Analyze(text) }

// A Counter analyses texts one after another, remembering each distinct
// word's syllables: words repeat within a text and across a site's
// articles, so counting each once saves most of the work. A Counter is not
// safe for concurrent use; give each goroutine its own.
type Counter struct {
	known map[string]int
}

// maxKnownWords bounds a Counter's memory; past it the memo starts over.
const maxKnownWords = 1 << 17

// Analyze is the package's Analyze, with the Counter's memo.
func (c *Counter) Analyze(text string) Scores {
	var s Scores
	longest := newLongestWords(3)
	if c.known == nil || len(c.known) > maxKnownWords {
		c.known = make(map[string]int, 1024)
	}
	known := c.known
	for block := range strings.SplitSeq(text, "\n") {
		words, syllables := s.Words, s.Syllables
		sentences := scanBlock(block, func(word string) {
			n, ok := known[word]
			if !ok {
				n = Syllables(word)
				known[strings.Clone(word)] = n // not a slice of text, which it would keep alive
			}
			s.Words++
			s.Syllables += n
			if n >= 3 {
				s.Polysyllables++
				longest.add(word, n)
			}
		})
		s.Sentences += sentences
		if words = s.Words - words; words >= MinBlockWords {
			g := fkGrade(float64(words), float64(sentences), float64(s.Syllables-syllables))
			if s.Hardest == "" || g > s.HardestGrade {
				s.Hardest, s.HardestGrade = block, g
			}
		}
	}
	s.LongestWords = longest.words()
	if s.Words == 0 || s.Sentences == 0 {
		return s
	}
	w, sen, syl := float64(s.Words), float64(s.Sentences), float64(s.Syllables)
	s.FKGrade = fkGrade(w, sen, syl)
	s.FleschEase = 206.835 - 1.015*(w/sen) - 84.6*(syl/w)
	s.SMOG = 1.0430*math.Sqrt(float64(s.Polysyllables)*30/sen) + 3.1291
	return s
}

// fkGrade is the Flesch–Kincaid grade level of a text's counts.
func fkGrade(words, sentences, syllables float64) float64 {
	return 0.39*(words/sentences) + 11.8*(syllables/words) - 15.59
}

// scanBlock feeds every word of one newline-free block to emit and returns
// the number of sentences in it. A block with words but no terminal
// punctuation counts as one sentence.
func scanBlock(block string, emit func(word string)) int {
	if isASCII(block) {
		return scanBlockASCII(block, emit)
	}
	return scanBlockUnicode(block, emit)
}

// isASCII reports whether s is all ASCII, eight bytes at a time.
func isASCII(s string) bool {
	var high uint64 // the bytes of s or'ed eight by eight
	i := 0
	for ; i+8 <= len(s); i += 8 {
		high |= binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s[i:]), 8))
	}
	for ; i < len(s); i++ {
		high |= uint64(s[i])
	}
	return high&0x8080808080808080 == 0
}

// scanBlockASCII is scanBlockUnicode for a block of ASCII text, byte by byte
// instead of rune by rune: whitespace is the six ASCII spaces, '/' the one
// word separator, letters and digits the word bytes.
func scanBlockASCII(block string, emit func(word string)) int {
	sentences := 0
	open := false
	for i := 0; i < len(block); {
		for i < len(block) && isASCIISpace(block[i]) {
			i++
		}
		start := i
		for i < len(block) && !isASCIISpace(block[i]) {
			i++
		}
		if start == i {
			break
		}
		token := block[start:i]
		for j := 0; j < len(token); {
			k := j
			for k < len(token) && token[k] != '/' {
				k++
			}
			part := token[j:k]
			for len(part) > 0 && !isASCIIWordByte(part[0]) {
				part = part[1:]
			}
			for len(part) > 0 && !isASCIIWordByte(part[len(part)-1]) {
				part = part[:len(part)-1]
			}
			if part != "" {
				emit(part)
				open = true
			}
			j = k + 1
		}
		if open && mayEndSentence(token[len(token)-1]) && endsSentence(token) {
			sentences++
			open = false
		}
	}
	if open {
		sentences++
	}
	return sentences
}

// isASCIISpace is one of the six ASCII spaces: ' ', or '\t' to '\r',
// which are consecutive.
func isASCIISpace(c byte) bool {
	return c == ' ' || c-'\t' <= '\r'-'\t'
}

func isASCIIWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// mayEndSentence is false for the last byte of an ASCII token that
// endsSentence rejects at once: neither a full stop, ! or ? nor a closing
// character that it trims.
func mayEndSentence(c byte) bool {
	switch c {
	case '.', '!', '?', '"', '\'', ')', ']', '*', '_':
		return true
	}
	return false
}

// scanBlockUnicode is scanBlock for any text.
func scanBlockUnicode(block string, emit func(word string)) int {
	sentences := 0
	open := false // words seen since the last sentence end
	for token := range strings.FieldsSeq(block) {
		for part := range strings.FieldsFuncSeq(token, isWordSeparator) {
			if w := trimWord(part); w != "" {
				emit(w)
				open = true
			}
		}
		if open && endsSentence(token) {
			sentences++
			open = false
		}
	}
	if open {
		sentences++
	}
	return sentences
}

// isWordSeparator reports runes that split a whitespace token into several
// words: slashes ("and/or") and dashes used as punctuation.
func isWordSeparator(r rune) bool {
	return r == '/' || r == '—' || r == '–' || r == '…'
}

// trimWord strips surrounding punctuation and returns "" when nothing
// word-like (no letter or digit) is left.
func trimWord(s string) string {
	s = strings.TrimFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	return s
}

// endsSentence reports whether a whitespace-delimited token closes a
// sentence: it ends in . ! or ? (possibly followed by closing quotes or
// brackets) and is not an abbreviation, an initial or a list marker.
func endsSentence(token string) bool {
	t := strings.TrimRight(token, "\"'”’)]*_")
	if t == "" {
		return false
	}
	switch t[len(t)-1] {
	case '!', '?':
		return true
	case '.':
	default:
		return false
	}
	core := strings.TrimRight(t, ".")
	core = strings.TrimLeft(core, "\"'“‘([*_")
	if core == "" { // a lone "..." or "."
		return false
	}
	if isAbbreviation(strings.ToLower(core)) {
		return false
	}
	r := []rune(core)
	if len(r) == 1 && unicode.IsUpper(r[0]) { // an initial, as in "J. Smith"
		return false
	}
	if strings.Contains(core, ".") && isUpperDotted(core) { // "U.S."
		return false
	}
	return true
}

func isUpperDotted(s string) bool {
	for _, r := range s {
		if r != '.' && !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// isAbbreviation lists abbreviations that end in a full stop but rarely end
// a sentence. Words that are also ordinary words ("no", "fig") are excluded.
func isAbbreviation(s string) bool {
	switch s {
	case "mr", "mrs", "ms", "dr", "prof", "vs", "e.g", "i.e", "eg", "ie",
		"approx", "cf", "al", "jr", "sr", "etc", "incl", "esp", "resp", "st":
		return true
	}
	return false
}

// longestWords keeps the n words with the most syllables, first seen wins
// ties, without duplicates. It feeds the fix-it hint.
type longestWords struct {
	n     int
	items []scoredWord
}

type scoredWord struct {
	word      string
	syllables int
}

func newLongestWords(n int) *longestWords { return &longestWords{n: n} }

func (l *longestWords) add(word string, syllables int) {
	if len(l.items) >= l.n && l.items[l.n-1].syllables >= syllables {
		return // it would rank past the last: most words, without lowering them
	}
	lw := strings.ToLower(word)
	for _, it := range l.items {
		if strings.ToLower(it.word) == lw {
			return
		}
	}
	i := len(l.items)
	for i > 0 && l.items[i-1].syllables < syllables {
		i--
	}
	if i >= l.n {
		return
	}
	l.items = append(l.items, scoredWord{})
	copy(l.items[i+1:], l.items[i:])
	l.items[i] = scoredWord{word, syllables}
	if len(l.items) > l.n {
		l.items = l.items[:l.n]
	}
}

func (l *longestWords) words() []string {
	out := make([]string, len(l.items))
	for i, it := range l.items {
		out[i] = it.word
	}
	return out
}
