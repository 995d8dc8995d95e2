package search

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	unicodetok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
)

type wordAt struct {
	word            string
	pos, start, end int
	typ             analysis.TokenType
}

// splitter is the shape of asciiWords, unicodeWords and textWords.
type splitter func(string, func(word string, pos, start, end int, typ analysis.TokenType))

// bleveSplit splits text with bleve's unicode tokenizer, the reference.
func bleveSplit(text string, fn func(word string, pos, start, end int, typ analysis.TokenType)) {
	for _, t := range unicodetok.NewUnicodeTokenizer().Tokenize([]byte(text)) {
		fn(string(t.Term), t.Position, t.Start, t.End, t.Type)
	}
}

// wordsOf lists the words split gives for text.
func wordsOf(split splitter, text string) []wordAt {
	var out []wordAt
	split(text, func(w string, pos, start, end int, typ analysis.TokenType) {
		out = append(out, wordAt{w, pos, start, end, typ})
	})
	return out
}

// sameWords reports whether split splits s into the words ref does, and
// marks t failed (going on) when it does not.
func sameWords(t testing.TB, s string, split, ref splitter) bool {
	t.Helper()
	got, want := wordsOf(split, s), wordsOf(ref, s)
	if !slices.Equal(got, want) {
		t.Errorf("%q:\n got  %v\n want %v", s, got, want)
		return false
	}
	return true
}

var asciiSeeds = []string{
	"The patient's HbA1c rose to 7.5% (58 mmol/mol) on 2024-01-02; don't panic.",
	"a.b.c 1.2.3 a1.5 1a.b x_y _ __ a_.b a:b 1,000;2 e.g. U.S.A. 3'4 a'b' 'a' \"q\"",
	"1_2 _1_ 1._ a_1 ab.: end. Mr.Smith 10:30 a;b 1:2 a,b 1.a a.1",
	"\r\n\t\v\f mixed\r\nlines\x00nul~`!@#$%^&*()-+=[]{}|\\<>?/",
}

func TestASCIIWordsMatchBleve(t *testing.T) {
	for _, s := range asciiSeeds {
		sameWords(t, s, asciiWords, bleveSplit)
	}
	// Every string of up to five characters from the classes that matter.
	alphabet := []byte("aZ09_:.,;'\" -\n")
	var all func(prefix []byte, n int)
	all = func(prefix []byte, n int) {
		if !sameWords(t, string(prefix), asciiWords, bleveSplit) {
			t.FailNow()
		}
		if n == 0 {
			return
		}
		for _, c := range alphabet {
			all(append(prefix, c), n-1)
		}
	}
	all(nil, 5)
}

func FuzzASCIIWords(f *testing.F) {
	for _, s := range asciiSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if indexNonASCII(s) >= 0 {
			return // the fast path only ever sees ASCII
		}
		sameWords(t, s, asciiWords, bleveSplit)
	})
}

var unicodeSeeds = []string{
	"Ménière’s disease: vertigo, tinnitus — and ½ tablet at 10 °C.",
	"naïve café Zürich São Paulo İstanbul ﬁnal straße",
	"糖尿病の治療 インスリン 2型糖尿病 당뇨병 السكري діабет",
	"𝐁𝐨𝐥𝐝 emoji 👩‍⚕️💊 don’t 3’4 1,000 2.5mg e.g. U.S.A.",
	"\u00a0non\u00adbreaking\u200bzero\u2028line\ufeffbom",
	"",
}

// unicodeWords splits any text, ASCII or not, as bleve's unicode
// tokenizer does.
func TestUnicodeWordsMatchBleve(t *testing.T) {
	for _, s := range slices.Concat(unicodeSeeds, asciiSeeds) {
		sameWords(t, s, unicodeWords, bleveSplit)
	}
}

func FuzzUnicodeWords(f *testing.F) {
	for _, s := range slices.Concat(unicodeSeeds, asciiSeeds) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sameWords(t, s, unicodeWords, bleveSplit)
	})
}

// mixedSeeds put characters past ASCII beside the cut bytes textWords
// splits at, and the characters that attach to a space (combining marks,
// ZWJ, format characters) right after one.
var mixedSeeds = []string{
	"don’t panic — it’s fine. The café opens at 9 a.m.",
	" \u0301abc x \u200d👍 y \u00ad z\t\u0301 é\n\u200bq",
	"a ·b· c\r\n·\r\nd  ·  e",
	"é",
	"é ",
	" é",
	"ab é cd éf gh",
	"1,000 ½ 2.5\u00a0mg; 3 \u2028 4 \ufeff5",
}

// textWords splits mixed text exactly as unicodeWords splits all of it.
func TestTextWordsMatchUnicodeWords(t *testing.T) {
	for _, s := range slices.Concat(mixedSeeds, unicodeSeeds, asciiSeeds) {
		sameWords(t, s, textWords, unicodeWords)
	}
}

func FuzzTextWords(f *testing.F) {
	for _, s := range slices.Concat(mixedSeeds, unicodeSeeds, asciiSeeds) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // every text the index is built from is (frontmatter.Validate); see textWords
		}
		sameWords(t, s, textWords, unicodeWords)
	})
}

// TestIndexNonASCII finds the first byte past ASCII wherever it is, in
// the eight-byte steps or in the bytes after the last of them, and none
// in ASCII text.
func TestIndexNonASCII(t *testing.T) {
	ascii := strings.Repeat("abcdefgh", 3) + "xyz"
	for n := range len(ascii) + 1 {
		if got := indexNonASCII(ascii[:n]); got != -1 {
			t.Errorf("indexNonASCII(%q) = %d, want -1", ascii[:n], got)
		}
		for _, c := range []string{"\x80", "é", "\xff"} {
			for at := 0; at <= n; at++ {
				text := ascii[:at] + c + ascii[at:n]
				if got := indexNonASCII(text); got != at {
					t.Errorf("indexNonASCII(%q) = %d, want %d", text, got, at)
				}
			}
		}
	}
}
