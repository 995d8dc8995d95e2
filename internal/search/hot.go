package search

import (
	"cmp"
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// hotVocab is the manifest's hot vocabulary: the words readers most
// likely type (those of the most titles, then those of the stems in the
// most documents), each resolved exactly as the vocabulary shards would
// resolve it. A query whose every word is hot plans from the manifest
// alone and reads its postings in the next round (see hotQuery in
// search.js), instead of reading vocabulary shards and the synonym table
// first.
type hotVocab struct {
	// Stems are [stem, document frequency, postings shard number].
	Stems [][3]any `json:"s"`
	// Words maps a folded word to [its exact stems, the best stems of the
	// longer words it starts (at most maxCompletions, by document
	// frequency, then stem)], indexes into Stems.
	Words map[string]hotWord `json:"w"`
	// Copies are [index into Stems, numbers of the shards that hold a copy
	// of its list as well] (see copyLists), in Stems order.
	Copies [][]int `json:"c,omitempty"`

	// titlePairs counts the titles holding each pair of adjacent stems,
	// and each stem as the pair of itself (see affinity); not written.
	titlePairs map[[2]string]int
	// listed holds the keys of Stems whose lists a query of hot words
	// reads (see lists); the stems of a phrase of several words are in
	// Stems for matching only. Not written.
	listed map[string]bool
}

// hotWord is a hot word's [exact stems, longer words' stems]. A word with
// one exact stem that starts no longer word (nine in ten of them) is
// written as that stem's index alone: 0.4 KiB of the manifest's gzip at
// 10,000 articles.
type hotWord [2][]int

func (w hotWord) MarshalJSON() ([]byte, error) {
	if len(w[0]) == 1 && w[1] == nil {
		return json.Marshal(w[0][0])
	}
	return json.Marshal([2][]int(w))
}

func (w *hotWord) UnmarshalJSON(data []byte) error {
	var i int
	if json.Unmarshal(data, &i) == nil {
		*w = hotWord{{i}, nil}
		return nil
	}
	return json.Unmarshal(data, (*[2][]int)(w))
}

// hotSynonyms is the part of the synonym table a query of hot words can
// match: every group with a phrase of hot words (by folded form or exact
// stem) and stop words, and every class with such a member phrase. A
// phrase word is [surface, stem] with the stem an index into the hot
// vocabulary's Stems (-1: a stop word), or the index alone when the
// surface word is the stem (a tenth of the manifest's gzip bytes at
// 10,000 articles); a stem no document holds has postings shard -1 there.
type hotSynonyms struct {
	Groups  [][][]any    `json:"g"`
	Classes [][2][][]any `json:"o,omitempty"`
}

// hotVocabulary returns the manifest's hot vocabulary and synonyms: the
// words of the most titles, then the words of the stems in the most
// documents, at most maxHotWords. words is the vocabulary in order
// (vocabulary), syn the synonym table (nil: none). It runs before the
// postings are written, so that their shards carry result entries for
// the lists a query of hot words reads (firstQueryStems): every stem's
// postings shard number is -1 until placeStems gives it.
func (c *termIndex) hotVocabulary(docs []Doc, words []vocabWord, syn *synonymFile) (*hotVocab, *hotSynonyms) {
	titles := map[string]int{}   // folded word → titles holding it
	pairs := map[[2]string]int{} // adjacent title stems (a stem twice: the stem) → titles holding them
	for _, d := range docs {
		seen := map[string]bool{}
		seenPair := map[[2]string]bool{}
		last := ""
		eachWord(d.Title, func(w string) {
			sw := surfaceWord(w)
			f := fold(sw)
			if !seen[f] {
				seen[f] = true
				titles[f]++
			}
			stem, ok := c.surfaces[sw]
			if !ok {
				return // a stop word: the words around it are adjacent
			}
			if !seenPair[[2]string{stem, stem}] {
				seenPair[[2]string{stem, stem}] = true
				pairs[[2]string{stem, stem}]++ // titles holding the stem
			}
			if last != "" && last != stem {
				p := [2]string{min(last, stem), max(last, stem)}
				if !seenPair[p] {
					seenPair[p] = true
					pairs[p]++
				}
			}
			last = stem
		})
	}
	type candidate struct {
		folded string
		titles int
		df     int
	}
	var cands []candidate
	for i, w := range words {
		if i > 0 && words[i-1].folded == w.folded {
			continue
		}
		if stem := c.surfaces[w.surface]; c.has(stem) {
			cands = append(cands, candidate{w.folded, titles[w.folded], c.df(stem)})
		}
	}
	slices.SortStableFunc(cands, func(a, b candidate) int {
		if d := cmp.Compare(b.titles, a.titles); d != 0 {
			return d
		}
		return cmp.Compare(b.df, a.df) // then vocabulary order
	})
	hv := &hotVocab{Words: map[string]hotWord{}, titlePairs: pairs}
	index := map[string]int{}
	ref := func(stem string) int {
		i, ok := index[stem]
		if !ok {
			i = len(hv.Stems)
			index[stem] = i
			hv.Stems = append(hv.Stems, [3]any{stem, c.df(stem), -1})
		}
		return i
	}
	hotStems := map[string]bool{}
	for _, cd := range cands[:min(len(cands), maxHotWords)] {
		exact, completions := c.resolveAll(words, cd.folded)
		var e hotWord
		for _, s := range exact {
			e[0] = append(e[0], ref(s))
			hotStems[s] = true
		}
		for _, s := range completions {
			e[1] = append(e[1], ref(s))
		}
		hv.Words[cd.folded] = e
	}
	hs := hotSynonymsOf(syn, hv, hotStems, c.has, ref)
	// The phrase lists of the alternatives have postings shards too.
	hs.eachAlternative(func(ph []any) {
		if key := phraseKey(hv.phrase(ph)); key != "" {
			ref(key)
		}
	})
	hv.listed = hv.lists(hs)
	return hv, hs
}

// eachAlternative calls fn with each phrase a hot synonym span may read as
// an alternative, in order: any phrase of its groups, the broader phrases
// of its classes.
func (hs *hotSynonyms) eachAlternative(fn func(ph []any)) {
	if hs == nil {
		return
	}
	for _, g := range hs.Groups {
		for _, ph := range g {
			fn(ph)
		}
	}
	for _, cl := range hs.Classes {
		for _, ph := range cl[1] {
			fn(ph)
		}
	}
}

// lists returns the keys of the lists a query of hot words may read: its
// words' exact stems and completions, and the lists of the alternatives of
// the hot synonym spans (alternativeLists).
func (hv *hotVocab) lists(hs *hotSynonyms) map[string]bool {
	out := map[string]bool{}
	for _, w := range hv.Words {
		for _, r := range slices.Concat(w[0], w[1]) {
			out[hv.Stems[r][0].(string)] = true
		}
	}
	hs.eachAlternative(func(ph []any) {
		for _, k := range alternativeLists(hv.phrase(ph)) {
			out[k] = true
		}
	})
	return out
}

// phrase returns a hot synonym phrase (its words as hotSynonyms writes
// them) as [surface, stem] words with the stems alone: a stop word is
// ["", ""].
func (hv *hotVocab) phrase(ph []any) [][2]string {
	words := make([][2]string, len(ph))
	for k, w := range ph {
		if r := hotRef(w); r >= 0 {
			words[k][1] = hv.Stems[r][0].(string)
		}
	}
	return words
}

// phraseStems appends the stems of a hot synonym phrase to out.
func (hv *hotVocab) phraseStems(ph []any, out []string) []string {
	for _, w := range hv.phrase(ph) {
		if w[1] != "" {
			out = append(out, w[1])
		}
	}
	return out
}

// hotRef is the stem index of a hot synonym phrase's word (-1: a stop
// word), as hotSynonymsOf makes it or as JSON decodes it.
func hotRef(w any) int {
	switch v := w.(type) {
	case int:
		return v
	case float64:
		return int(v)
	case [2]any:
		return hotRef(v[1])
	case []any:
		if len(v) == 2 {
			return hotRef(v[1])
		}
	}
	return -1
}

// firstQueryStems returns the keys of the lists a query of hot words may
// read (listed) that the index may hold: stems some document holds and
// phrase keys.
func (hv *hotVocab) firstQueryStems(c *termIndex) map[string]bool {
	out := map[string]bool{}
	for k := range hv.listed {
		if isPhraseKey(k) || c.has(k) {
			out[k] = true
		}
	}
	return out
}

// placeStems gives each hot stem the number of its postings shard (nums,
// from writePostings), and each phrase key the number of documents its
// list holds (docs) as its document frequency; a stem no document holds
// keeps -1. A phrase key without a list goes (no page holds the phrase):
// keys come after every stem a word or phrase refers to, so no index
// changes. copies (from writePostings) become Copies.
func (hv *hotVocab) placeStems(nums, docs map[string]int, copies map[string][]int) {
	for i, s := range hv.Stems {
		if n, ok := nums[s[0].(string)]; ok {
			hv.Stems[i][2] = n
		}
		if n, ok := docs[s[0].(string)]; ok {
			hv.Stems[i][1] = n
		}
	}
	hv.Stems = slices.DeleteFunc(hv.Stems, func(s [3]any) bool { return isPhraseKey(s[0].(string)) && s[2] == -1 })
	hv.Copies = nil
	for i, s := range hv.Stems {
		if c := copies[s[0].(string)]; len(c) > 0 {
			hv.Copies = append(hv.Copies, append([]int{i}, c...))
		}
	}
}

// resolveAll returns the stems of the words whose folded form is f, and
// the stems of the longer words starting with f (not among the first),
// best first as search.js ranks prefix candidates, at most maxCompletions.
func (c *termIndex) resolveAll(words []vocabWord, f string) (exact, completions []string) {
	start := sort.Search(len(words), func(i int) bool { return !lessUTF16(words[i].folded, f) })
	var longer []string
	for _, w := range words[start:] {
		if !strings.HasPrefix(w.folded, f) {
			break
		}
		stem := c.surfaces[w.surface]
		if !c.has(stem) {
			continue
		}
		if w.folded == f {
			if !slices.Contains(exact, stem) {
				exact = append(exact, stem)
			}
		} else if !slices.Contains(longer, stem) {
			longer = append(longer, stem)
		}
	}
	if utf8.RuneCountInString(f) < 2 {
		return exact, nil
	}
	longer = slices.DeleteFunc(longer, func(s string) bool { return slices.Contains(exact, s) })
	slices.SortFunc(longer, func(a, b string) int {
		if d := cmp.Compare(c.df(b), c.df(a)); d != 0 {
			return d
		}
		if lessUTF16(a, b) {
			return -1
		}
		return 1
	})
	return exact, longer[:min(len(longer), maxCompletions)]
}

// hotSynonymsOf picks the groups and classes of syn that a query of hot
// words can match (see hotSynonyms). findSpans matches a phrase to query
// words equal to its words, by folded form or stem, and a hot word is
// never corrected as a typo, so no other group can match.
//
// Of those it keeps only the phrases a query of hot words can use: one
// whose every word is a stop word, a stem a document holds or a hot word
// by folded form. Any other phrase has a word no query of hot words
// matches (findSpans trusts a hot word as typed) and a stem with no
// postings, which rules it out as an alternative too (plan keeps only
// alternatives whose every stem has postings). At 1,000 bench articles
// 436 of 1,033 phrases went, and with them 414 stems no page holds.
func hotSynonymsOf(syn *synonymFile, hv *hotVocab, hotStems map[string]bool, has func(stem string) bool, ref func(stem string) int) *hotSynonyms {
	if syn == nil {
		return nil
	}
	hs := &hotSynonyms{Groups: [][][]any{}}
	// A phrase can match a query of hot words only when each of its words
	// is a stop word, a hot word or a hot word's stem.
	allHot := func(phrases [][][2]string) bool {
		for _, ph := range phrases {
			ok := len(ph) > 0
			for _, w := range ph {
				if _, hot := hv.Words[fold(w[0])]; !hot && w[1] != "" && !hotStems[w[1]] {
					ok = false
					break
				}
			}
			if ok {
				return true
			}
		}
		return false
	}
	usable := func(ph [][2]string) bool {
		for _, w := range ph {
			if _, hot := hv.Words[fold(w[0])]; !hot && w[1] != "" && !has(w[1]) {
				return false
			}
		}
		return true
	}
	refs := func(phrases [][][2]string) [][]any {
		phrases = slices.DeleteFunc(slices.Clone(phrases), func(ph [][2]string) bool { return !usable(ph) })
		out := make([][]any, len(phrases))
		for i, ph := range phrases {
			out[i] = make([]any, len(ph))
			for j, w := range ph {
				r := -1
				if w[1] != "" {
					r = ref(w[1])
				}
				if r >= 0 && w[0] == w[1] {
					out[i][j] = r
				} else {
					out[i][j] = [2]any{w[0], r}
				}
			}
		}
		return out
	}
	for _, g := range syn.Groups {
		if allHot(g) {
			hs.Groups = append(hs.Groups, refs(g))
		}
	}
	for _, cl := range syn.Classes {
		if allHot(cl[0]) {
			hs.Classes = append(hs.Classes, [2][][]any{refs(cl[0]), refs(cl[1])})
		}
	}
	return hs
}
