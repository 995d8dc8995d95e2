package search

import (
	"unicode/utf8"
	"unsafe"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/segment"
)

// unicodeWords splits text into words as bleve's unicode tokenizer does
// (Unicode word boundaries by github.com/blevesearch/segment, keeping the
// segments that are not None), calling fn for each with its 1-based
// position and byte offsets, for text asciiWords cannot take. bleve's
// Tokenize allocates a Token for every word and a stream of pointers to
// them, which an analysis drops at once (173 MiB at 10,000 bench articles,
// for the fields with a character past ASCII); this allocates only what
// the segmenter does. FuzzUnicodeWords holds it to bleve's output. word
// is a view of text.
func unicodeWords(text string, fn func(word string, pos, start, end int, typ analysis.TokenType)) {
	// A direct segmenter starts at EOF, so it never moves or refills its
	// buffer: the string's bytes are only read.
	seg := segment.NewWordSegmenterDirect(unsafe.Slice(unsafe.StringData(text), len(text)))
	start, pos := 0, 1
	for seg.Segment() {
		end := start + len(seg.Bytes())
		if typ := seg.Type(); typ != segment.None {
			fn(text[start:end], pos, start, end, tokenType(typ))
			pos++
		}
		start = end
	}
}

// textWords splits any text into words exactly as unicodeWords does, but
// hands the stretches of ASCII between the characters past it to
// asciiWords, which is some three times faster. Real articles are mostly
// ASCII with a character past it here and there (a curly quote, a dash, a
// middle dot a table or list left in the plain text: a fifth of the bench
// articles), and a single one sent the whole body through the segmenter.
//
// A stretch is cut only at a byte c where text[c-1] is an ASCII space,
// tab or line break and text[c] is ASCII. Unicode's word boundaries
// (UAX #29) break there but for WB3 (CR × LF) and WB3d (space × space),
// which join characters that make no word either way; WB4, which
// attaches Extend, Format and ZWJ characters to what precedes them, needs
// a character past ASCII after the cut. Nor does any rule look across the
// cut at a letter, digit or Mid character, so both sides split alone into
// the words they make together. FuzzTextWords holds it to unicodeWords.
// (The ASCII byte after the cut is more than segment v0.9.1 needs, which
// splits " \u0301abc" as it splits "\u0301abc", and the fuzzer finds no
// text where dropping that condition differs; it keeps the argument to
// rules that leave no room.)
//
// text is valid UTF-8: content files are checked (frontmatter.Validate),
// and the configuration, labels and data files (synonyms, glossary) are
// YAML, which yaml.v3 refuses when it is not UTF-8. At an invalid byte the
// segmenter stops for good, dropping the rest of the text, where
// textWords would go on after the next cut.
func textWords(text string, fn func(word string, pos, start, end int, typ analysis.TokenType)) {
	if indexNonASCII(text) < 0 {
		asciiWords(text, fn)
		return
	}
	words, at := 0, 0 // the words before text[at:], where the next stretch starts
	count := func(split func(string, func(string, int, int, int, analysis.TokenType)), s string) {
		last := 0
		split(s, func(word string, pos, start, end int, typ analysis.TokenType) {
			fn(word, words+pos, at+start, at+end, typ)
			last = pos
		})
		words += last
		at += len(s)
	}
	for at < len(text) {
		rest := text[at:]
		k := indexNonASCII(rest)
		if k < 0 {
			count(asciiWords, rest)
			return
		}
		// The ASCII before the first character past it, up to the last
		// cut before that character (none when k is 0 or 1).
		if k > 1 {
			if c := lastCut(rest[:k-1]); c > 0 {
				count(asciiWords, rest[:c])
				rest, k = rest[c:], k-c
			}
		}
		// From here to the first cut after that character.
		end := len(rest)
		for j := k + 1; j < len(rest); j++ {
			if rest[j] < utf8.RuneSelf && isCutSpace(rest[j-1]) {
				end = j
				break
			}
		}
		count(unicodeWords, rest[:end])
	}
}

// lastCut returns the index after the last cut byte (isCutSpace) of
// ASCII text s, 0 if none.
func lastCut(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if isCutSpace(s[i]) {
			return i + 1
		}
	}
	return 0
}

func isCutSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// indexNonASCII returns the index of the first byte of s past ASCII, -1
// if none. It tests eight bytes at a time: every text an index analyses
// is looked through first, and nearly all of it is ASCII.
func indexNonASCII(s string) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := s[i : i+8]
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		if x&0x8080808080808080 != 0 {
			break
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return i
		}
	}
	return -1
}

// tokenType is bleve's token type for a segment type (its unicode
// tokenizer's convertType).
func tokenType(segmentType int) analysis.TokenType {
	switch segmentType {
	case segment.Ideo, segment.Kana:
		return analysis.Ideographic
	case segment.Number:
		return analysis.Numeric
	}
	return analysis.AlphaNumeric
}
