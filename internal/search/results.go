package search

import (
	"bytes"
	"cmp"
	linked "container/list" // the package has a type list of its own
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
// sentences. It works one list at a time, as the lists stream past,
// keeping the split sentences and entries of the documents it saw last
// (a document at the top of one list tends to top others).
type resultData struct {
	docs     []Doc
	surfaces map[string]int32 // surface word → number of its stem, for the stems pairs reads (neededSurfaces)
	stemNo   map[string]int32 // those stems' numbers
	marks    []stemMark       // split's scratch, by stem number
	gen      uint32           // split's document count, for marks
	idx      []int            // pairs' scratch
	carry    map[string]bool  // the stems whose lists carry entries
	heads    map[int32]json.RawMessage
	headLens map[int32]int // len(head(d)), kept for every d: sizing a shard asks often
	sents    splitCache
}

// maxResultCache bounds the document heads resultData keeps.
const maxResultCache = 2048

// maxSplitCache bounds the documents resultData keeps split. A document
// tops about 2.5 of the carried lists, which stream in stem order, not
// by document: at 10,000 bench articles, with the 2,048 documents the
// cache held until session 31 (each holding its whole cache record, some
// 17 KB, through its sentences), split ran 20,799 times for 8,366
// documents. A split document now holds a copy of its sentences alone
// (at most maxExcerptChars), about a fifth of that, so four times as many
// fit in the same memory.
const maxSplitCache = 8192

func newResultData(docs []Doc, surfaces map[string]string, carry map[string]bool) *resultData {
	rd := &resultData{docs: docs, carry: carry, heads: map[int32]json.RawMessage{}, headLens: map[int32]int{}, sents: newSplitCache(maxSplitCache)}
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

// stemMark is what split has recorded of a stem in the document it is
// splitting (gen).
type stemMark struct {
	gen  uint32
	n    int32 // sentences recorded
	last int32 // the last of them
}

// neededSurfaces keeps the surface words of the stems whose sentences
// pairs reads: the carried stems and the terms of carried phrase lists.
// split looks up every word of a document's sentences and records where
// each stem first occurs; with only these stems the map it reads is
// smaller and it records nothing pairs never asks for (two thirds of
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
// the list's own, or a phrase list's terms'. pairs reads them and
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

// pairs returns the top documents of l with their sentences, none when
// l's stem is not one a query of hot words reads.
func (rd *resultData) pairs(l list) []stemDoc {
	if !rd.carry[l.stem] {
		return nil
	}
	docs := topDocs(l.json, entriesPerList)
	for _, d := range titleDocs(l.json, titleEntriesPerList) {
		if !slices.Contains(docs, d) {
			docs = append(docs, d)
		}
	}
	stems := sentenceStems(l.stem)
	out := make([]stemDoc, 0, len(docs))
	for _, d := range docs {
		if d < 0 || int(d) >= len(rd.docs) {
			continue
		}
		sd := stemDoc{doc: d}
		ds := rd.split(d)
		idx := rd.idx[:0] // copied into sd below
		for _, st := range stems {
			if n, ok := rd.stemNo[st]; ok {
				idx = ds.appendSentences(idx, n)
			}
		}
		rd.idx = idx
		if len(stems) > 1 {
			slices.Sort(idx)
			idx = slices.Compact(idx)
		}
		for _, i := range idx {
			sd.sentences = append(sd.sentences, i)
			sd.texts = append(sd.texts, ds.sentences[i])
		}
		out = append(out, sd)
	}
	return out
}

// splitDoc is a document's sentences and, for each stem, the first
// sentencesPerTerm of them that hold it.
type splitDoc struct {
	sentences []string
	// first holds stem number<<32 | sentence index, sorted: the
	// sentences of a stem in the order they come. Numbers, not a map by
	// stem: the cache keeps thousands of split documents, and a map a
	// document (about 11 KB at ~300 stems, every key a pointer for the
	// collector to follow at each collection) was most of the search's
	// live memory at 10,000 bench articles; this holds no pointer at all.
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

// split returns document d's sentences, as its entry keeps them, and
// where each stem first occurs among them: one pass over the document for
// all the lists it tops, while it stays in the cache.
func (rd *resultData) split(d int32) *splitDoc {
	if ds := rd.sents.get(d); ds != nil {
		return ds
	}
	ds := &splitDoc{sentences: ownStrings(sentences(rd.docs[d].body(), maxExcerptChars))}
	rd.gen++
	if rd.gen == 0 { // wrapped: no mark may look current
		clear(rd.marks)
		rd.gen = 1
	}
	for i, sent := range ds.sentences {
		eachWord(sent, func(w string) {
			n, ok := lookupSurface(rd.surfaces, w)
			if !ok {
				return
			}
			m := &rd.marks[n]
			if m.gen != rd.gen {
				*m = stemMark{gen: rd.gen}
			}
			if m.n < sentencesPerTerm && (m.n == 0 || m.last != int32(i)) {
				ds.first = append(ds.first, uint64(uint32(n))<<32|uint64(uint32(i)))
				m.n++
				m.last = int32(i)
			}
		})
	}
	slices.Sort(ds.first)
	ds.first = slices.Clip(ds.first)
	rd.sents.put(d, ds)
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

// splitCache keeps the split documents used last, at most max of them:
// a map into a list of them in the order of use (the most recent first).
type splitCache struct {
	max   int
	at    map[int32]*linked.Element // Value: splitEntry
	order *linked.List
}

type splitEntry struct {
	doc int32
	ds  *splitDoc
}

func newSplitCache(max int) splitCache {
	return splitCache{max: max, at: map[int32]*linked.Element{}, order: linked.New()}
}

// get returns d's split document, nil when the cache does not hold it.
func (c *splitCache) get(d int32) *splitDoc {
	e, ok := c.at[d]
	if !ok {
		return nil
	}
	c.order.MoveToFront(e)
	return e.Value.(splitEntry).ds
}

// put adds d's split document, which the cache does not hold, dropping
// the one used longest ago when the cache is full.
func (c *splitCache) put(d int32, ds *splitDoc) {
	if len(c.at) >= c.max {
		delete(c.at, c.order.Remove(c.order.Back()).(splitEntry).doc)
	}
	c.at[d] = c.order.PushFront(splitEntry{doc: d, ds: ds})
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
