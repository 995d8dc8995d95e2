package search

import "github.com/blevesearch/bleve/v2/analysis"

// asciiWords splits pure-ASCII text into words exactly as bleve's unicode
// tokenizer does (UAX #29 word boundaries, as implemented by
// github.com/blevesearch/segment, keeping letter and number segments), and
// calls fn for each with its 1-based position and byte offsets. It exists
// for speed: tokenizing was a third of the analysis of an English corpus,
// and almost all of it is ASCII. FuzzASCIIWords holds it to bleve's output.
//
// For ASCII, the word-break classes are: letters (A–Z, a–z), digits,
// ExtendNumLet ('_'), MidLetter (':'), MidNum (',' ';'), MidNumLet ('.')
// and Single_Quote ('\”). A word is a run of letters, digits and
// underscores, in which one ':' '.' or '\” may stand between two letters
// and one ',' ';' '.' or '\” between two digits. It is Numeric when it has
// digits and no letters, otherwise AlphaNumeric (an underscore alone is a
// word too).
//
// Each byte's classes are looked up in wordBytes: a letter's run costs a
// load, a test and an or a byte, where comparing it with the ranges of
// letters and digits in turn cost some three times as many instructions
// (cachegrind; asciiWords splits every text an index analyses, and the
// sentences of its excerpts again).
func asciiWords(text string, fn func(word string, pos, start, end int, typ analysis.TokenType)) {
	pos := 0
	for start := 0; start < len(text); {
		if wordBytes[text[start]]&wbWord == 0 {
			start++
			continue
		}
		rest := text[start:] // the word is rest[:n]
		var seen uint8       // the classes of its bytes
		n := 0
		for ; n < len(rest); n++ {
			c := wordBytes[rest[n]]
			if c&wbWord != 0 {
				seen |= c
				continue
			}
			// A Mid byte (n > 0: the word's first byte is a word byte)
			// stays when the bytes around it allow it; the loop then
			// goes on with the next.
			if c == 0 || n+1 == len(rest) || n == 0 {
				break
			}
			between := wordBytes[rest[n-1]] & wordBytes[rest[n+1]]
			if !(c&wbMidLetter != 0 && between&wbLetter != 0 || c&wbMidNum != 0 && between&wbDigit != 0) {
				break
			}
		}
		pos++
		typ := analysis.AlphaNumeric
		if seen&wbDigit != 0 && seen&wbLetter == 0 {
			typ = analysis.Numeric
		}
		fn(rest[:n], pos, start, start+n, typ)
		start += n
	}
}

// The word-break classes of ASCII bytes (see asciiWords), bits of
// wordBytes.
const (
	wbLetter    = 1 << iota // A–Z, a–z
	wbDigit                 // 0–9
	wbUnder                 // '_' (ExtendNumLet)
	wbMidLetter             // ':' '.' '\'' between two letters
	wbMidNum                // ',' ';' '.' '\'' between two digits

	wbWord = wbLetter | wbDigit | wbUnder
)

var wordBytes = func() (c [256]uint8) {
	for b := 'a'; b <= 'z'; b++ {
		c[b], c[b-'a'+'A'] = wbLetter, wbLetter
	}
	for b := '0'; b <= '9'; b++ {
		c[b] = wbDigit
	}
	c['_'] = wbUnder
	c[':'] = wbMidLetter
	c['.'] = wbMidLetter | wbMidNum
	c['\''] = wbMidLetter | wbMidNum
	c[','], c[';'] = wbMidNum, wbMidNum
	return c
}()
