package search

import (
	"unsafe"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/segment"
)

// unicodeWords splits text into words as bleve's unicode tokenizer does
// (Unicode word boundaries by github.com/blevesearch/segment, keeping the
// segments that are not None), calling fn for each with its 1-based
// position and byte offsets, for text asciiWords cannot take. bleve's
// Tokenize allocates a Token for every word and a stream of pointers to
// them, which an analysis drops at once (173 MB at 10,000 bench articles,
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
