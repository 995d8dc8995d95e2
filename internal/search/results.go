package search

import (
	"bytes"
	"cmp"
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
)

// entriesKey is the key of a postings shard's result entries. Stems never
// start with '#' and facet keys hold a ':', so it collides with neither.
const entriesKey = "#e"

// resultData makes the result entries that ride with the postings: for
// each stem, its first entriesPerList documents, each with the indexes
// and text of at most sentencesPerTerm of its sentences that hold the
// stem (a surface word of it), and the document's entry without
// sentences. While the lists stream past it only notes each carried
// list's top documents (pending); once they have all gone by, fill reads
// each of those documents once, in document order, for all the lists it
// tops.
type resultData struct {
	docs     []Doc
	surfaces map[string]int32 // surface word → number of its stem, for the stems fill reads (neededSurfaces)
	stemNo   map[string]int32 // those stems' numbers
	marks    []stemMark       // split's scratch, by stem number
	gen      uint32           // split's document count, for marks
	carry    map[string]bool  // the stems whose lists carry entries
	heads    map[int32]json.RawMessage
	headLens map[int32]int // len(head(d)), kept for every d: sizing a shard asks often
	split    splitDoc      // split's scratch
}

// maxResultCache bounds the document heads resultData keeps.
const maxResultCache = 2048

func newResultData(docs []Doc, surfaces map[string]string, carry map[string]bool) *resultData {
	rd := &resultData{docs: docs, carry: carry, heads: map[int32]json.RawMessage{}, headLens: map[int32]int{}}
	needed := neededSurfaces(surfaces, carry)
	rd.surfaces, rd.stemNo = make(map[string]int32, len(needed)), map[string]int32{}
	for _, w := range slices.Sorted(maps.Keys(needed)) { // numbered in one order, whatever the map's
		stem := needed[w]
		n, ok := rd.stemNo[stem]
		if !ok {
			n = int32(len(rd.stemNo))
			rd.stemNo[stem] = n
		}
		rd.surfaces[w] = n
	}
	rd.marks = make([]stemMark, len(rd.stemNo))
	return rd
}

// stemMark is what split has recorded of a stem it looks for in the
// document it is splitting (gen); a stem whose mark is of another
// generation is not looked for.
type stemMark struct {
	gen  uint32
	n    int32 // sentences recorded
	last int32 // the last of them
}

// neededSurfaces keeps the surface words of the stems whose sentences
// fill reads: the carried stems and the terms of carried phrase lists.
// split looks up every word of a document's sentences and records where
// each stem first occurs; with only these stems the map it reads is
// smaller and it records nothing fill never asks for (two thirds of
// split's time at 10,000 bench articles went to those map reads and
// writes).
func neededSurfaces(surfaces map[string]string, carry map[string]bool) map[string]string {
	need := make(map[string]bool, len(carry))
	for k, carried := range carry {
		if carried {
			for _, st := range sentenceStems(k) {
				need[st] = true
			}
		}
	}
	out := make(map[string]string, len(need))
	for w, stem := range surfaces {
		if need[stem] {
			out[w] = stem
		}
	}
	return out
}

// sentenceStems returns the stems whose sentences a list's entries carry:
// the list's own, or a phrase list's terms'. fill reads them and
// neededSurfaces keeps their words, so both ask here.
func sentenceStems(key string) []string {
	if !isPhraseKey(key) {
		return []string{key}
	}
	var out []string
	for _, t := range phraseKeyTerms(key) {
		out = append(out, t.stem)
	}
	return out
}

// stemDoc is a document at the top of a stem's list and its sentences
// that hold the stem.
type stemDoc struct {
	doc       int32
	sentences []int
	texts     []string
}

// shardEntry is a document's entry in the shard being packed: the
// sentences its stems there need, by index.
type shardEntry struct {
	texts map[int]string
}

// pending returns the top documents of l, none when l's stem is not one a
// query of hot words reads, without their sentences: fill adds those once
// every list is known.
func (rd *resultData) pending(l list) []stemDoc {
	if !rd.carry[l.stem] {
		return nil
	}
	docs := topDocs(l.json, entriesPerList)
	for _, d := range titleDocs(l.json, titleEntriesPerList) {
		if !slices.Contains(docs, d) {
			docs = append(docs, d)
		}
	}
	out := make([]stemDoc, 0, len(docs))
	for _, d := range docs {
		if d < 0 || int(d) >= len(rd.docs) {
			continue
		}
		out = append(out, stemDoc{doc: d})
	}
	return out
}

// fill gives the pending documents of lists (pending) their sentences
// that hold the stems of the list they top. A document tops about 2.5 of
// the carried lists, which come in stem order, not by document: taken
// list by list, a document was split as often, or a cache of thousands
// of split documents held their sentences (at 10,000 bench articles,
// 20,799 splits of 8,366 documents with 8,192 held). fill takes them
// document by document: each is split once, only as far as the first
// sentences of the stems its lists ask for, and only the sentences its
// entries keep are copied.
func (rd *resultData) fill(lists []firstQueryList) {
	type ref struct{ doc, list, pair int32 }
	var refs []ref
	nums := make([][]int32, len(lists)) // each list's stem numbers
	for li, l := range lists {
		if len(l.pairs) == 0 {
			continue
		}
		for _, st := range sentenceStems(l.stem) {
			if n, ok := rd.stemNo[st]; ok {
				nums[li] = append(nums[li], n)
			}
		}
		for pi, sd := range l.pairs {
			refs = append(refs, ref{sd.doc, int32(li), int32(pi)})
		}
	}
	slices.SortFunc(refs, func(a, b ref) int {
		return cmp.Or(cmp.Compare(a.doc, b.doc), cmp.Compare(a.list, b.list), cmp.Compare(a.pair, b.pair))
	})
	var idx []int
	kept := map[int]string{}
	var keep []int
	var texts []string
	for len(refs) > 0 {
		end := 1
		for end < len(refs) && refs[end].doc == refs[0].doc {
			end++
		}
		group := refs[:end]
		refs = refs[end:]
		rd.gen++
		if rd.gen == 0 { // wrapped: no mark may look current
			clear(rd.marks)
			rd.gen = 1
		}
		want := 0
		for _, r := range group {
			for _, n := range nums[r.list] {
				if rd.marks[n].gen != rd.gen {
					rd.marks[n] = stemMark{gen: rd.gen}
					want++
				}
			}
		}
		ds := rd.splitDoc(group[0].doc, want)
		// The sentences the group's entries keep, copied into one string.
		clear(kept)
		keep = keep[:0]
		for _, f := range ds.first {
			if i := int(uint32(f)); !slices.Contains(keep, i) {
				keep = append(keep, i)
			}
		}
		slices.Sort(keep)
		texts = texts[:0]
		for _, i := range keep {
			texts = append(texts, ds.sentences[i])
		}
		for k, s := range ownStrings(texts) {
			kept[keep[k]] = s
		}
		for _, r := range group {
			idx = idx[:0] // copied into sd below
			for _, n := range nums[r.list] {
				idx = ds.appendSentences(idx, n)
			}
			if len(nums[r.list]) > 1 {
				slices.Sort(idx)
				idx = slices.Compact(idx)
			}
			sd := &lists[r.list].pairs[r.pair]
			for _, i := range idx {
				sd.sentences = append(sd.sentences, i)
				sd.texts = append(sd.texts, kept[i])
			}
		}
	}
	clear(rd.split.sentences) // no view of the last body stays
}

// splitDoc holds a document's sentences, as its entry keeps them, and
// for each stem split looked for, the first sentencesPerTerm of them
// that hold it.
type splitDoc struct {
	sentences []string // views of the body
	// first holds stem number<<32 | sentence index, sorted: the
	// sentences of a stem in the order they come.
	first []uint64
}

// appendSentences appends the indexes of the sentences that hold stem
// number n.
func (ds *splitDoc) appendSentences(dst []int, n int32) []int {
	key := uint64(uint32(n)) << 32
	i, _ := slices.BinarySearch(ds.first, key)
	for ; i < len(ds.first) && ds.first[i]&^0xffffffff == key; i++ {
		dst = append(dst, int(uint32(ds.first[i])))
	}
	return dst
}

// splitDoc splits document d into sentences, as its entry keeps them,
// and records where each of the want stems whose marks are current (gen)
// first occurs among them, reading no further than the sentence where
// the last of them has its sentencesPerTerm. It reuses rd.split, which
// it returns.
func (rd *resultData) splitDoc(d int32, want int) *splitDoc {
	ds := &rd.split
	ds.sentences, ds.first = ds.sentences[:0], ds.first[:0]
	if want > 0 {
		eachSentence(rd.docs[d].body(), maxExcerptChars, func(sent string) bool {
			i := int32(len(ds.sentences))
			ds.sentences = append(ds.sentences, sent)
			eachWord(sent, func(w string) {
				n, ok := lookupSurface(rd.surfaces, w)
				if !ok {
					return
				}
				m := &rd.marks[n]
				if m.gen != rd.gen { // a stem none of d's lists asks for
					return
				}
				if m.n < sentencesPerTerm && (m.n == 0 || m.last != i) {
					ds.first = append(ds.first, uint64(uint32(n))<<32|uint64(uint32(i)))
					m.n++
					m.last = i
					if m.n == sentencesPerTerm {
						want--
					}
				}
			})
			return want > 0
		})
	}
	slices.Sort(ds.first)
	return ds
}

// ownStrings returns ss copied into one new string: views of a body hold
// all of the record it was read from. (strings.Join returns a lone string
// as it is, so one sentence is copied here.)
func ownStrings(ss []string) []string {
	if len(ss) == 1 {
		return []string{strings.Clone(ss[0])}
	}
	all := strings.Join(ss, "")
	out := make([]string, len(ss))
	at := 0
	for i, s := range ss {
		out[i] = all[at : at+len(s)]
		at += len(s)
	}
	return out
}

// head returns document d's entry without sentences, as JSON.
func (rd *resultData) head(d int32) json.RawMessage {
	h, ok := rd.heads[d]
	if !ok {
		if len(rd.heads) >= maxResultCache {
			clear(rd.heads)
		}
		h = htmlSafeJSON(newDocHead(rd.docs[d]))
		rd.heads[d] = h
	}
	return h
}

// headLen is len(head(d)), remembered for every document once made: the
// affinity packing sizes each group it tries, many more documents than
// the heads' bounded cache holds, and making a head again costs its JSON
// encoding.
func (rd *resultData) headLen(d int32) int {
	n, ok := rd.headLens[d]
	if !ok {
		n = len(rd.head(d))
		rd.headLens[d] = n
	}
	return n
}

// topDocs reads the document numbers of the first n postings of a list
// in its JSON form, [[doc, score, …], …].
func topDocs(list []byte, n int) []int32 {
	var out []int32
	if n <= 0 {
		return out
	}
	eachPosting(list, func(doc, _, _ int) bool {
		out = append(out, int32(doc))
		return len(out) < n
	})
	return out
}

// eachPosting calls fn with the document, score and titleStems of each
// posting of a list in its JSON form, [[doc, score, titleStems, …], …],
// in order, until fn returns false; a number a posting lacks is 0.
func eachPosting(list []byte, fn func(doc, score, title int) bool) {
	for i := 0; i+1 < len(list); i++ {
		if list[i] != '[' || list[i+1] < '0' || list[i+1] > '9' {
			continue
		}
		var v [3]int
		k, j := 0, i+1
	fields:
		for ; k < 3 && j < len(list); j++ {
			switch c := list[j]; {
			case c >= '0' && c <= '9':
				v[k] = v[k]*10 + int(c-'0')
			case c == ',':
				k++
			default:
				break fields // the posting's end: j stays on it
			}
		}
		if !fn(v[0], v[1], v[2]) {
			return
		}
		for j < len(list) && list[j] != ']' {
			j++
		}
		i = j
	}
}

// titleDocs returns the documents of a list in its JSON form whose
// postings are title postings, the shortest titles first (fewest title
// stems, then score, then document), at most n. A page whose title the
// query is ranks first with the title bonus however deep in its lists it
// sits (the "Heart attack" page was 367th of "heart" and 138th of
// "attack" at 100,000 bench articles), and its title's stems are few: its
// entry rides with the lists of its title's stems, so the first result
// needs no bundle.
func titleDocs(list []byte, n int) []int32 {
	type titled struct{ doc, score, title int }
	var cands []titled
	eachPosting(list, func(doc, score, title int) bool {
		if title > 0 {
			cands = append(cands, titled{doc, score, title})
		}
		return true
	})
	slices.SortFunc(cands, func(a, b titled) int {
		return cmp.Or(cmp.Compare(a.title, b.title), cmp.Compare(b.score, a.score), cmp.Compare(a.doc, b.doc))
	})
	out := make([]int32, 0, min(n, len(cands)))
	for _, c := range cands[:min(n, len(cands))] {
		out = append(out, int32(c.doc))
	}
	return out
}

// size is about the number of bytes adding pairs to a shard holding
// entries adds.
func (rd *resultData) size(pairs []stemDoc, entries map[int32]*shardEntry) int {
	n := 0
	for _, sd := range pairs {
		e := entries[sd.doc]
		if e == nil {
			n += rd.headLen(sd.doc) + 8
		}
		for k, i := range sd.sentences {
			if e == nil || e.texts[i] == "" {
				n += len(sd.texts[k]) + 6
			}
		}
	}
	return n
}

// add merges pairs into a shard's entries.
func (rd *resultData) add(pairs []stemDoc, entries map[int32]*shardEntry) {
	for _, sd := range pairs {
		e := entries[sd.doc]
		if e == nil {
			e = &shardEntry{texts: map[int]string{}}
			entries[sd.doc] = e
		}
		for k, i := range sd.sentences {
			e.texts[i] = sd.texts[k]
		}
	}
}

// encode renders a shard's entries: {doc: entry}, each entry its head
// with the sentences it needs ("i": their indexes in the document,
// ascending; "x": their text).
func (rd *resultData) encode(entries map[int32]*shardEntry) json.RawMessage {
	docs := slices.Sorted(maps.Keys(entries))
	b := []byte{'{'}
	for k, d := range docs {
		if k > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = strconv.AppendInt(b, int64(d), 10)
		b = append(b, `":`...)
		e := entries[d]
		head := rd.head(d)
		if len(e.texts) == 0 {
			b = append(b, head...)
			continue
		}
		idx := slices.Sorted(maps.Keys(e.texts))
		texts := make([]string, len(idx))
		for j, i := range idx {
			texts[j] = e.texts[i]
		}
		b = append(b, head[:len(head)-1]...)
		b = append(b, `,"i":`...)
		b = append(b, mustJSON(idx)...)
		b = append(b, `,"x":`...)
		b = append(b, htmlSafeJSON(texts)...)
		b = append(b, '}')
	}
	return append(b, '}')
}

// eachWord calls fn with each word of text as the analyzer splits it
// (asciiWords for ASCII text, search.js's word pattern otherwise).
func eachWord(text string, fn func(string)) {
	if indexNonASCII(text) >= 0 {
		for _, w := range jsWords(text) {
			fn(w)
		}
		return
	}
	asciiWords(text, func(w string, _, _, _ int, _ analysis.TokenType) { fn(w) })
}

// lookupSurface returns m[surfaceWord(w)] without making the lowered word
// when w is ASCII (a capitalised word, at every sentence start, was an
// allocation of its own for each lookup split made).
func lookupSurface[V any](m map[string]V, w string) (V, bool) {
	var buf [48]byte
	if len(w) > len(buf) {
		v, ok := m[surfaceWord(w)]
		return v, ok
	}
	b := buf[:len(w)]
	for i := range len(w) {
		c := w[i]
		if c >= utf8.RuneSelf {
			v, ok := m[surfaceWord(w)]
			return v, ok
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	b = bytes.TrimSuffix(b, []byte("'s"))
	v, ok := m[string(b)] // a lookup by string(b) makes no string
	return v, ok
}

// surfaceWord is a word of a text as the vocabulary lists it: lowercase,
// an English possessive removed.
func surfaceWord(w string) string {
	w = strings.ToLower(w)
	if t, ok := strings.CutSuffix(w, "'s"); ok {
		return t
	}
	if t, ok := strings.CutSuffix(w, "’s"); ok {
		return t
	}
	return w
}
