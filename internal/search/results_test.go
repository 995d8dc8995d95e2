package search

import (
	"maps"
	"math"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// TestNeededSurfacesKeepsWhatPairsReads: the surface words split records
// are those of the carried stems and of the terms of carried phrase
// lists; a word of a stem no carried list names is left out.
func TestNeededSurfacesKeepsWhatPairsReads(t *testing.T) {
	surfaces := map[string]string{"asthma": "asthma", "asthmas": "asthma", "heart": "heart", "attacks": "attack", "attack": "attack", "water": "water", "pill": "pill"}
	carry := map[string]bool{"asthma": true, phrasePrefix + "heart attack": true, "pill": false}
	got := neededSurfaces(surfaces, carry)
	want := map[string]string{"asthma": "asthma", "asthmas": "asthma", "heart": "heart", "attacks": "attack", "attack": "attack"}
	if !maps.Equal(got, want) {
		t.Errorf("neededSurfaces = %v, want %v", got, want)
	}
}

// TestHeadIsTheEntryWithoutSentences: newDocHead, which reads no body,
// encodes exactly as the full entry with its sentences dropped (what a
// postings shard's head was made from before).
func TestHeadIsTheEntryWithoutSentences(t *testing.T) {
	docs := append(handDocs(), syntheticDocs(50)...)
	for _, d := range docs {
		e := newDocEntry(d)
		if len(e.Sentences) == 0 {
			t.Fatalf("%s: no sentences, so the test would compare nothing", d.URL)
		}
		e.Sentences = nil
		if got, want := string(htmlSafeJSON(newDocHead(d))), string(htmlSafeJSON(e)); got != want {
			t.Errorf("%s: head %s, want %s", d.URL, got, want)
		}
	}
}

// TestBundleSentencesAreTheExcerptsCut: a bundle splits maxBundleChars of
// a body, which must give the sentences it kept when it cut the
// maxExcerptChars' worth down to maxBundleChars.
func TestBundleSentencesAreTheExcerptsCut(t *testing.T) {
	long := strings.Repeat("word ", 100)
	texts := []string{"", "One.", "Ärztin sagt: Ruhe. " + long + ". Ende.", strings.Repeat("Short one. ", 200),
		strings.Repeat(long+"x. ", 20), strings.Repeat("中文句子。", 300) + " End."}
	for _, d := range append(handDocs(), syntheticDocs(50)...) {
		texts = append(texts, d.body())
	}
	for i, x := range texts {
		got := sentences(x, maxBundleChars)
		want := keepSentences(slices.Values(sentences(x, maxExcerptChars)), maxBundleChars)
		if !slices.Equal(got, want) {
			t.Errorf("text %d: %q, want %q", i, got, want)
		}
	}
}

// TestSplitCacheDropsTheLeastRecentlyUsed: the cache of split documents
// keeps the max used last, refreshed by every get.
func TestSplitCacheDropsTheLeastRecentlyUsed(t *testing.T) {
	c := newSplitCache(3)
	docs := map[int32]*splitDoc{}
	for d := range int32(5) {
		docs[d] = &splitDoc{}
	}
	c.put(0, docs[0])
	c.put(1, docs[1])
	c.put(2, docs[2])
	if c.get(0) != docs[0] { // 0 is now the most recent; 1 the least
		t.Fatal("0 not held")
	}
	c.put(3, docs[3]) // drops 1
	c.put(4, docs[4]) // drops 2
	for d, want := range map[int32]bool{0: true, 1: false, 2: false, 3: true, 4: true} {
		if got := c.get(d); (got != nil) != want || (want && got != docs[d]) {
			t.Errorf("get(%d) = %p, want held %v", d, got, want)
		}
	}
	if len(c.at) != 3 {
		t.Errorf("%d held, want 3", len(c.at))
	}
}

// TestSplitHoldsNoViewOfTheBody: a split document's sentences are a copy,
// not views of the body, which holds the whole cache record it was read
// from; the sentences are those the entry keeps.
func TestSplitHoldsNoViewOfTheBody(t *testing.T) {
	docs := syntheticDocs(3)
	rd := newResultData(docs, map[string]string{}, map[string]bool{})
	for i, d := range docs {
		body := d.body()
		ds := rd.split(int32(i))
		if want := sentences(body, maxExcerptChars); !slices.Equal(ds.sentences, want) || len(want) == 0 {
			t.Fatalf("%s: split %q, want %q", d.URL, ds.sentences, want)
		}
		lo := uintptr(unsafe.Pointer(unsafe.StringData(body)))
		for _, s := range ds.sentences {
			if p := uintptr(unsafe.Pointer(unsafe.StringData(s))); p >= lo && p < lo+uintptr(len(body)) {
				t.Errorf("%s: sentence %q is a view of the body", d.URL, s)
			}
		}
	}
}

// TestLookupSurfaceIsTheLookupOfSurfaceWord: the lowering into a buffer
// finds what the lowered word finds, ASCII or not, short or long, with a
// possessive or without.
func TestLookupSurfaceIsTheLookupOfSurfaceWord(t *testing.T) {
	m := map[string]string{"asthma": "asthma", "heart": "heart", "crohn": "crohn", "ödem": "odem", "o's": "x",
		strings.Repeat("a", 60): "long"}
	for _, w := range []string{"asthma", "Asthma", "ASTHMA", "Crohn's", "CROHN'S", "Crohn’s", "Ödem", "ÖDEM", "heart's",
		"hearts", "O's's", "O's", strings.Repeat("A", 60), strings.Repeat("A", 48) + "'s", "", "'s", "Zebra",
		"ödem", "crohn’s", "crohn's", "s", "heart'S", strings.Repeat("a", 60)} {
		wantV, wantOK := m[surfaceWord(w)]
		if v, ok := lookupSurface(m, w); v != wantV || ok != wantOK {
			t.Errorf("lookupSurface(%q) = %q, %v; want %q, %v", w, v, ok, wantV, wantOK)
		}
	}
}

// TestSplitFindsEachStemsFirstSentences holds split's numbered record to
// the rule it keeps, applied by hand with a map by stem: for every stem a
// list carries, the first sentencesPerTerm sentences holding one of its
// words, in order; nothing for a stem no list carries. Documents are
// split twice over, in two orders, so a mark left from another document
// would show.
func TestSplitFindsEachStemsFirstSentences(t *testing.T) {
	docs := syntheticDocs(40)
	surfaces, carry := map[string]string{}, map[string]bool{}
	for _, d := range docs {
		for _, s := range sentences(d.body(), maxExcerptChars) {
			eachWord(s, func(w string) {
				w = surfaceWord(w)
				stem := w[:min(len(w), 4)] // a crude stem that joins some words
				surfaces[w] = stem
				carry[stem] = len(stem)%2 == 0 // and a list carried for some stems only
			})
		}
	}
	rd := newResultData(docs, surfaces, carry)
	rd.sents = newSplitCache(1) // split every time
	check := func(i int) {
		t.Helper()
		want := map[string][]int{}
		ss := sentences(docs[i].body(), maxExcerptChars)
		for j, s := range ss {
			eachWord(s, func(w string) {
				stem, ok := surfaces[surfaceWord(w)]
				if !ok || !carry[stem] {
					return
				}
				if l := want[stem]; len(l) < sentencesPerTerm && (len(l) == 0 || l[len(l)-1] != j) {
					want[stem] = append(l, j)
				}
			})
		}
		ds := rd.split(int32(i))
		for stem, carried := range carry {
			var got []int
			if n, ok := rd.stemNo[stem]; ok {
				got = ds.appendSentences(nil, n)
			} else if carried {
				t.Fatalf("carried stem %q has no number", stem)
			}
			if !slices.Equal(got, want[stem]) {
				t.Fatalf("doc %d stem %q: sentences %v, want %v", i, stem, got, want[stem])
			}
		}
	}
	for _, order := range [][]int{perm(len(docs), false), perm(len(docs), true)} {
		for _, i := range order {
			check(i)
		}
	}
	// The generation counter wraps: the marks the documents split at
	// generations 1 and 2 must not look current to the split after it.
	rd.gen = 0
	check(0)
	check(1)
	rd.gen = math.MaxUint32
	check(0)
	check(1)
}

func perm(n int, reverse bool) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
		if reverse {
			out[i] = n - 1 - i
		}
	}
	return out
}
