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
func asciiWords(text string, fn func(word string, pos, start, end int, typ analysis.TokenType)) {
	pos := 0
	for i := 0; i < len(text); {
		if !wordByte(text[i]) {
			i++
			continue
		}
		start := i
		letters, digits := false, false
		for i < len(text) {
			c := text[i]
			switch {
			case isLetter(c):
				letters = true
				i++
				continue
			case isDigitByte(c):
				digits = true
				i++
				continue
			case c == '_':
				i++
				continue
			}
			if i+1 < len(text) && i > start {
				prev, next := text[i-1], text[i+1]
				if isLetter(prev) && isLetter(next) && (c == ':' || c == '.' || c == '\'') ||
					isDigitByte(prev) && isDigitByte(next) && (c == ',' || c == ';' || c == '.' || c == '\'') {
					i++ // the next byte is taken by the loop
					continue
				}
			}
			break
		}
		pos++
		typ := analysis.AlphaNumeric
		if digits && !letters {
			typ = analysis.Numeric
		}
		fn(text[start:i], pos, start, i, typ)
	}
}

func wordByte(c byte) bool    { return isLetter(c) || isDigitByte(c) || c == '_' }
func isLetter(c byte) bool    { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }
