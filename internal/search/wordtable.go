package search

import (
	"hash/maphash"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
)

// wordTable maps a token type and a word to what the memo keeps for it
// (termMemo). It exists for speed: a corpus analysis looks every word of
// every text up in it, and in a Go map of strings a lookup touched three
// cache lines (the group's control word, the slot's key and the key's
// bytes) of a table too large for the caches; here a word of up to
// inlineWord bytes and its entry share one 64-byte slot, so a lookup
// reads one line (linear probing goes on to the next). Longer words are
// kept in a Go map. The price is memory: 128 to 256 bytes a word kept
// (64-byte slots, at most half of them in use; 4 MB for 16,385 to 32,768
// words), where the Go map took some 65 bytes a word and the words'
// bytes.
type wordTable struct {
	seed  maphash.Seed
	slots []wordSlot // a power of two long, at most half full
	n     int        // words kept, long ones too
	long  map[longWord]memoEntry
}

// inlineWord is the longest word a slot holds.
const inlineWord = 22

type wordSlot struct {
	word [inlineWord]byte
	n    uint8 // the word's length; 0: an empty slot
	typ  uint8
	e    memoEntry
}

type longWord struct {
	typ  analysis.TokenType
	word string
}

// hash hashes the word alone: a word's type follows from its bytes (one
// splitter types it), so the same word under two types is rare, and one
// there is found after the other on the same probe sequence.
func (t *wordTable) hash(word string) uint64 {
	return maphash.String(t.seed, word)
}

// get returns the entry of word as a token of type typ.
func (t *wordTable) get(typ analysis.TokenType, word string) (memoEntry, bool) {
	if len(word) > inlineWord || len(word) == 0 {
		e, ok := t.long[longWord{typ, word}]
		return e, ok
	}
	if len(t.slots) == 0 {
		return memoEntry{}, false
	}
	mask := uint64(len(t.slots) - 1)
	for i := t.hash(word) & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.n == 0 {
			return memoEntry{}, false
		}
		if int(s.n) == len(word) && s.typ == uint8(typ) && string(s.word[:s.n]) == word {
			return s.e, true
		}
	}
}

// put keeps e for word as a token of type typ (0–255), which it does not
// hold yet. The word is copied (into the slot, or for a long word
// cloned, unless it is the surface, the same string when the word was
// already lowercase): the word is a slice of a document's text, and kept
// as a key it would hold the whole text for as long as the memo lives
// (at 100,000 articles, tens of MB of article bodies at the build's
// peak).
func (t *wordTable) put(typ analysis.TokenType, word string, e memoEntry) {
	t.n++
	if len(word) > inlineWord || len(word) == 0 {
		if t.long == nil {
			t.long = map[longWord]memoEntry{}
		}
		key := e.surface
		if key != word {
			key = strings.Clone(word)
		}
		t.long[longWord{typ, key}] = e
		return
	}
	if 2*(t.n-len(t.long)) > len(t.slots) {
		t.grow()
	}
	t.insert(typ, word, e)
}

func (t *wordTable) insert(typ analysis.TokenType, word string, e memoEntry) {
	mask := uint64(len(t.slots) - 1)
	i := t.hash(word) & mask
	for t.slots[i].n != 0 {
		i = (i + 1) & mask
	}
	s := &t.slots[i]
	copy(s.word[:], word)
	s.n, s.typ, s.e = uint8(len(word)), uint8(typ), e
}

func (t *wordTable) grow() {
	if len(t.slots) == 0 {
		t.seed = maphash.MakeSeed()
	}
	old := t.slots
	t.slots = make([]wordSlot, max(1024, 2*len(old)))
	for i := range old {
		if s := &old[i]; s.n != 0 {
			t.insert(analysis.TokenType(s.typ), string(s.word[:s.n]), s.e)
		}
	}
}
