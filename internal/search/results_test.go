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

// TestFillHoldsNoViewOfTheBody: the sentences fill gives a document's
// entries are a copy, not views of the body, which holds the whole cache
// record it was read from; they are sentences the entry keeps.
func TestFillHoldsNoViewOfTheBody(t *testing.T) {
	docs := syntheticDocs(3)
	surfaces, carry := map[string]string{}, map[string]bool{}
	for _, d := range docs {
		eachWord(d.body(), func(w string) {
			w = surfaceWord(w)
			surfaces[w], carry[w] = w, true
		})
	}
	rd := newResultData(docs, surfaces, carry)
	var lists []firstQueryList
	for _, stem := range slices.Sorted(maps.Keys(carry)) {
		lists = append(lists, firstQueryList{stem: stem, pairs: []stemDoc{{doc: 0}, {doc: 1}, {doc: 2}}})
	}
	rd.fill(lists)
	texts := 0
	for _, l := range lists {
		for _, sd := range l.pairs {
			body := docs[sd.doc].body()
			ss := sentences(body, maxExcerptChars)
			lo := uintptr(unsafe.Pointer(unsafe.StringData(body)))
			for k, s := range sd.texts {
				texts++
				if s != ss[sd.sentences[k]] {
					t.Fatalf("%s %q: sentence %d is %q, want %q", docs[sd.doc].URL, l.stem, sd.sentences[k], s, ss[sd.sentences[k]])
				}
				if p := uintptr(unsafe.Pointer(unsafe.StringData(s))); p >= lo && p < lo+uintptr(len(body)) {
					t.Errorf("%s: sentence %q is a view of the body", docs[sd.doc].URL, s)
				}
			}
		}
	}
	if texts == 0 {
		t.Fatal("no sentences, so the test would check nothing")
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

// TestFillFindsEachStemsFirstSentences holds fill to the rule pairs
// keep, applied by hand with a map by stem: for each document of a list,
// the first sentencesPerTerm sentences holding a word of the list's stem
// (of any of a phrase list's terms), in order, with their text; nothing
// for a list no stem of which has a number. Lists share documents, in
// different orders, and a document's lists ask for different stems, so a
// mark or a sentence left from another document or list would show; the
// split stops at the last stem its lists ask for, so a stem found early
// must not hide one found later.
func TestFillFindsEachStemsFirstSentences(t *testing.T) {
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
	stems := slices.Sorted(maps.Keys(carry))
	var keys []string
	for i, stem := range stems {
		if carry[stem] {
			keys = append(keys, stem)
			if i+1 < len(stems) && carry[stems[i+1]] {
				ph := phrasePrefix + stem + " " + stems[i+1]
				carry[ph] = true
				keys = append(keys, ph)
			}
		}
	}
	keys = append(keys, "nosuchstem")
	carry["nosuchstem"] = true
	// first[d][stem]: the rule by hand.
	first := make([]map[string][]int, len(docs))
	for d := range docs {
		first[d] = map[string][]int{}
		for j, s := range sentences(docs[d].body(), maxExcerptChars) {
			eachWord(s, func(w string) {
				stem, ok := surfaces[surfaceWord(w)]
				if !ok {
					return
				}
				if l := first[d][stem]; len(l) < sentencesPerTerm && (len(l) == 0 || l[len(l)-1] != j) {
					first[d][stem] = append(l, j)
				}
			})
		}
	}
	for _, gen := range []uint32{0, math.MaxUint32 - 3} { // the generation counter wraps
		rd := newResultData(docs, surfaces, carry)
		rd.gen = gen
		var lists []firstQueryList
		for k, key := range keys {
			// A list tops a few of the documents that hold its stems (as
			// in a build, where a document's lists ask mostly for stems it
			// holds, so its split stops early); "nosuchstem", without a
			// number, tops them all. A phrase list's documents hold all
			// its terms.
			l := firstQueryList{stem: key}
			for _, d := range perm(len(docs), k%2 == 1) {
				has := true
				for _, st := range sentenceStems(key) {
					has = has && len(first[d][st]) > 0
				}
				if has && (d+k)%5 == 0 || key == "nosuchstem" {
					l.pairs = append(l.pairs, stemDoc{doc: int32(d)})
				}
			}
			lists = append(lists, l)
		}
		rd.fill(lists)
		checked := 0
		for _, l := range lists {
			for _, sd := range l.pairs {
				ss := sentences(docs[sd.doc].body(), maxExcerptChars)
				var idx []int
				for _, st := range sentenceStems(l.stem) {
					idx = append(idx, first[sd.doc][st]...)
				}
				slices.Sort(idx)
				idx = slices.Compact(idx)
				var texts []string
				for _, i := range idx {
					texts = append(texts, ss[i])
				}
				if !slices.Equal(sd.sentences, idx) || !slices.Equal(sd.texts, texts) {
					t.Fatalf("gen %d, doc %d, list %q: sentences %v %q, want %v %q", gen, sd.doc, l.stem, sd.sentences, sd.texts, idx, texts)
				}
				checked += len(idx)
			}
		}
		if checked == 0 {
			t.Fatal("no sentences, so the test would check nothing")
		}
	}
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
