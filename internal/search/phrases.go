package search

import (
	"cmp"
	"slices"
	"strings"
)

// Phrase lists (version 5). A synonym phrase of several words that a
// query may match as an alternative ("myocardial infarction" for "heart
// attack", "adverse reaction" for "side effects", "diabetes medicine" for
// "metformin") only ever scores where its words stand side by side: the
// sum of its terms' scores there, 0 elsewhere. Before version 5 a query
// read every stem's list of every alternative to find that out ("acute",
// "myocardial", "infarction": a head of up to 1,000 postings each, with
// positions and result entries) for the few pages that hold the phrase.
// Now the build does the join: each such phrase has a list of its own,
// keyed by phraseKey, of the documents that hold it:
//
//	[doc, summed score, titleStems, title mask]
//
// ordered by score, at most maxPostingsPerTerm, with no positions and no
// tail. titleStems is the document's (as in a word's posting) when any of
// the phrase's terms is in the title, else 0; bit k of the mask is set when
// the phrase's k-th term is (its posting had titleStems). Both front ends
// score an alternative from that one posting exactly as they scored it
// from its terms' postings, and a query reads one list per alternative,
// packed by affinity with the words of its synonym group. The join uses
// the terms' whole lists (every posting's positions), so a page deep in a
// common word's list matches the phrase where a head (firstQueryPositions)
// would have lost its positions. At 10,000 bench articles "heart attack"
// read 4 postings shards (heart, attack, myocardial+infarction, acute) and
// "metformin side effects" 7; see doc.go for the measurements now.

// phrasePrefix starts a phrase list's key. Stems are words (letters,
// digits, marks and '_'), facet keys start with '#' and tails with '~', so
// no key collides; '=' needs no escaping in JSON.
const phrasePrefix = "="

// phraseKey is the key of phrase ph's list: its stems, a stop word as an
// empty stem, joined by spaces after phrasePrefix ("=myocardi infarct",
// "=heart  gold" for "heart of gold"). It is "" for a phrase of fewer than
// two content words: a single word's alternative reads the word's list.
func phraseKey(ph [][2]string) string {
	content := 0
	var b strings.Builder
	b.WriteString(phrasePrefix)
	for k, w := range ph {
		if k > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w[1])
		if w[1] != "" {
			content++
		}
	}
	if content < 2 {
		return ""
	}
	return b.String()
}

func isPhraseKey(k string) bool { return strings.HasPrefix(k, phrasePrefix) }

// alternativeLists returns the keys of the lists a query reads for phrase
// ph as a synonym alternative: its phrase list when it has several
// content words, else its word's list (none for stop words only).
func alternativeLists(ph [][2]string) []string {
	if key := phraseKey(ph); key != "" {
		return []string{key}
	}
	for _, w := range ph {
		if w[1] != "" {
			return []string{w[1]}
		}
	}
	return nil
}

// phraseKeyTerms returns the terms of a phrase key: its stems with their
// offsets in the phrase.
func phraseKeyTerms(key string) []term {
	var out []term
	for k, stem := range strings.Split(strings.TrimPrefix(key, phrasePrefix), " ") {
		if stem != "" {
			out = append(out, term{stem: stem, off: k})
		}
	}
	return out
}

// phraseKeys returns the keys of the phrases of syn that a query may use as
// alternatives: every phrase of several words of a group, and the broader
// phrases of the classes (a class's members are query words, read as
// such). Sorted, without repeats; nil for no table.
func phraseKeys(syn *synonymFile) []string {
	if syn == nil {
		return nil
	}
	var keys []string
	add := func(phrases [][][2]string) {
		for _, ph := range phrases {
			if k := phraseKey(ph); k != "" {
				keys = append(keys, k)
			}
		}
	}
	for _, g := range syn.Groups {
		add(g)
	}
	for _, c := range syn.Classes {
		add(c[1])
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// phraseJoin collects the lists of the stems of a set of phrases as they
// stream past, and joins them into the phrases' lists once all have.
type phraseJoin struct {
	keys  []string
	stems map[string]bool
	lists map[string][]byte
	docs  map[string]int // the documents of each joined list (join)
}

func newPhraseJoin(keys []string) *phraseJoin {
	j := &phraseJoin{keys: keys, stems: map[string]bool{}, lists: map[string][]byte{}, docs: map[string]int{}}
	for _, k := range keys {
		for _, t := range phraseKeyTerms(k) {
			j.stems[t.stem] = true
		}
	}
	return j
}

// stream yields the lists of lists, the stems' lists in their order, then
// the phrases' lists joined from them.
func (j *phraseJoin) stream(lists func(yield func(list) error) error) func(yield func(list) error) error {
	return func(yield func(list) error) error {
		err := lists(func(l list) error {
			if j.stems[l.stem] {
				j.lists[l.stem] = l.json // not reused by the stream
			}
			return yield(l)
		})
		if err != nil {
			return err
		}
		joined, err := j.join()
		if err != nil {
			return err
		}
		for _, l := range joined {
			if err := yield(l); err != nil {
				return err
			}
		}
		return nil
	}
}

// phrasePosting is one document's posting in a phrase list.
type phrasePosting [4]int

// join returns the list of every phrase some document holds, by key.
func (j *phraseJoin) join() ([]list, error) {
	decoded := map[string]map[int][]int{}
	decode := func(stem string) (map[int][]int, error) {
		if m, ok := decoded[stem]; ok {
			return m, nil
		}
		var postings [][]int
		if data := j.lists[stem]; data != nil {
			var err error
			if postings, err = parsePostings(data); err != nil {
				return nil, err
			}
		}
		m := make(map[int][]int, len(postings))
		for _, p := range postings {
			m[p[0]] = p
		}
		decoded[stem] = m
		return m, nil
	}
	var out []list
	for _, key := range j.keys {
		terms := phraseKeyTerms(key)
		byTerm := make([]map[int][]int, len(terms))
		for k, t := range terms {
			m, err := decode(t.stem)
			if err != nil {
				return nil, err
			}
			byTerm[k] = m
		}
		// The rarest term's documents are the candidates.
		rarest := 0
		for k := range byTerm {
			if len(byTerm[k]) < len(byTerm[rarest]) {
				rarest = k
			}
		}
		var ps []phrasePosting
		posts := make([][]int, len(terms))
	docs:
		for doc := range byTerm[rarest] {
			for k := range terms {
				if posts[k] = byTerm[k][doc]; posts[k] == nil {
					continue docs
				}
			}
			if !aligned(posts, terms) {
				continue
			}
			pp := phrasePosting{doc, 0, 0, 0}
			for k, p := range posts {
				pp[1] += p[pScore]
				if p[pTitle] > 0 {
					pp[2] = p[pTitle]
					pp[3] |= 1 << k
				}
			}
			ps = append(ps, pp)
		}
		if len(ps) == 0 {
			continue
		}
		slices.SortFunc(ps, func(a, b phrasePosting) int {
			return cmp.Or(cmp.Compare(b[1], a[1]), cmp.Compare(a[0], b[0]))
		})
		ps = ps[:min(len(ps), maxPostingsPerTerm)]
		j.docs[key] = len(ps)
		out = append(out, list{stem: key, json: mustJSON(ps)})
	}
	return out, nil
}
