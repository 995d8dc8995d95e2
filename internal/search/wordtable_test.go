package search

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
)

// TestWordTable holds the memo's table to a Go map: words of every length
// up to past inlineWord (the longest a slot holds), the same word under
// two token types, enough words to grow the table several times, and
// words never put.
func TestWordTable(t *testing.T) {
	type key struct {
		typ  analysis.TokenType
		word string
	}
	r := rand.New(rand.NewPCG(3, 4))
	word := func() string {
		var b strings.Builder
		for range 1 + r.IntN(inlineWord+6) {
			b.WriteByte("abcdefghij"[r.IntN(10)])
		}
		return b.String()
	}
	var tab wordTable
	want := map[key]memoEntry{}
	for i := range 20000 {
		w := word()
		for _, typ := range []analysis.TokenType{analysis.AlphaNumeric, analysis.Numeric} {
			k := key{typ, w}
			if _, ok := want[k]; ok || r.IntN(3) == 0 {
				continue // some words under one type only
			}
			e := memoEntry{surface: w + "s", stem: w[:1], surfID: int32(i), stemID: int32(typ)}
			want[k] = e
			if _, ok := tab.get(typ, w); ok {
				t.Fatalf("get(%d, %q) before put: found", typ, w)
			}
			tab.put(typ, w, e)
		}
	}
	if tab.n != len(want) {
		t.Errorf("n = %d, want %d", tab.n, len(want))
	}
	for k, e := range want {
		if got, ok := tab.get(k.typ, k.word); !ok || got != e {
			t.Fatalf("get(%d, %q) = %+v, %v; want %+v", k.typ, k.word, got, ok, e)
		}
	}
	for range 20000 {
		k := key{analysis.TokenType(r.IntN(2)), word()}
		if _, ok := want[k]; ok {
			continue
		}
		if got, ok := tab.get(k.typ, k.word); ok {
			t.Fatalf("get(%d, %q) = %+v, never put", k.typ, k.word, got)
		}
	}
}
