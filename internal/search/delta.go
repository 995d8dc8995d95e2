package search

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A delta segment lets a command-line rebuild change a few documents of a
// published index without the analysed corpus a full build (or an
// Incremental) holds: at 10,000 documents reloading that costs more than
// the whole rebuild may take. The base index stays as the last full build
// wrote it; one small file beside it carries the edited documents, and
// search.js merges the two at query time:
//
//	manifest.json "delta": {x: [doc…], d: {doc: entry}, v: vocabulary shard,
//	               l: {stem: [[doc, score, titleStems, pos0, Δpos…]…]}}
//
// x lists the documents whose postings in the base are void (search.js
// drops them from every base list), d their current entries, l their
// postings and v their words, in the vocabulary-shard format; a stem the
// base lacks has the postings path "+". The manifest holds the segment
// ("delta"; a file of its own before index format 5), and its hot
// vocabulary knows the delta's words (hotOver).
// The next full build folds the edits in and writes no delta.
//
// Scores of the edited documents use the base's statistics (corpus size,
// average field lengths, per-field document frequencies) as they were at
// the full build; a stem or field the base never saw counts the edited
// documents that hold it. So a page's scores differ slightly from what a
// full build would give it until the next one, and other pages' scores do
// not move at all: the same bargain as Incremental's, made coarser.

// DeltaOnly is the postings path a delta's vocabulary gives a stem that
// only the delta holds.
const DeltaOnly = "+"

// Base is what a delta segment needs of a full build's index. It is plain
// data (gob- and JSON-friendly) so that a build can keep it on disk.
type Base struct {
	Lang     string
	Manifest json.RawMessage
	URLs     []string // by document number, ascending
	Avg      [numFields]float64
	Paths    []string // postings shard paths, indexed by BaseStem.Path
	Stems    map[string]BaseStem
	// Phrases are the keys of the phrase lists the base holds
	// (phrases.go): a delta carries the edited documents' postings in
	// them too.
	Phrases []string
	// Words are the surface words of the base's vocabulary, sorted: a
	// delta's vocabulary lists only the words they lack (the others are in
	// the base's shards with the same stems and statistics).
	Words []string
}

// BaseStem is one stem's document frequencies and postings shard.
type BaseStem struct {
	DF      int32
	FieldDF [numFields]int32
	Path    int32
}

// newBase returns the base for delta segments over the index of docs
// (sorted) whose manifest is manifest.
func newBase(lang string, manifest []byte, docs []Doc, avg [numFields]float64, t *termIndex, paths map[string]string, phrases []string) *Base {
	b := &Base{Lang: lang, Manifest: json.RawMessage(manifest), Avg: avg,
		URLs: make([]string, len(docs)), Stems: make(map[string]BaseStem, len(t.stems))}
	for _, k := range phrases {
		if paths[k] != "" {
			b.Phrases = append(b.Phrases, k)
		}
	}
	b.Words = slices.Sorted(maps.Keys(t.surfaces))
	for i, d := range docs {
		b.URLs[i] = d.URL
	}
	pathNum := map[string]int32{}
	for id, stem := range t.stems {
		p := paths[stem]
		n, ok := pathNum[p]
		if !ok {
			n = int32(len(b.Paths))
			pathNum[p] = n
			b.Paths = append(b.Paths, p)
		}
		b.Stems[stem] = BaseStem{DF: t.stats[id].df, FieldDF: t.stats[id].fieldDF, Path: n}
	}
	return b
}

// delta is the JSON of a delta segment (see above).
type delta struct {
	Void    []int                      `json:"x"`
	Entries map[string]json.RawMessage `json:"d"`
	Vocab   vocabShard                 `json:"v"`
	Lists   map[string]json.RawMessage `json:"l"`
}

// Delta returns the files that put docs, new versions of documents in the
// base, over the base index: a delta segment and a manifest.json naming it.
// docs must hold every document edited since the base was built (each
// Delta replaces the last). A document whose URL is not in the base
// returns ErrNeedsFullBuild.
func (b *Base) Delta(docs []Doc) ([]File, error) {
	a, err := newAnalyzer(b.Lang)
	if err != nil {
		return nil, err
	}
	sorted, err := sortDocs(docs)
	if err != nil {
		return nil, err
	}
	d := delta{Void: []int{}, Entries: make(map[string]json.RawMessage, len(sorted))}
	w := &writer{}
	numbers := make([]int32, len(sorted))
	for i, doc := range sorted {
		k, ok := slices.BinarySearch(b.URLs, doc.URL)
		if !ok {
			return nil, fmt.Errorf("%w: %s is not in the index", ErrNeedsFullBuild, doc.URL)
		}
		numbers[i] = int32(k)
		d.Void = append(d.Void, k)
		d.Entries[strconv.Itoa(k)] = w.docEntry(doc)
	}
	c := newTermIndex(0, "")
	if err := c.analyzeAll(a, sorted, 1); err != nil {
		return nil, err
	}
	// The base's statistics; what it never saw is counted here.
	paths := map[string]string{}
	for id, stem := range c.stems {
		paths[stem] = DeltaOnly
		bs, inBase := b.Stems[stem]
		if !inBase {
			continue
		}
		paths[stem] = b.Paths[bs.Path]
		st := &c.stats[id]
		st.df = bs.DF
		for f, df := range bs.FieldDF {
			if df > 0 {
				st.fieldDF[f] = df
			}
		}
	}
	d.Lists = make(map[string]json.RawMessage, len(c.stems))
	// With the edited documents' postings in the base's phrase lists; a
	// phrase the base does not hold waits for the next full build (no
	// query reads its list: it has no postings shard).
	err = newPhraseJoin(b.Phrases).stream(func(yield func(list) error) error {
		return c.lists(scoring{n: float64(len(b.URLs)), avg: b.Avg, numbers: numbers}, 1, yield)
	})(func(l list) error {
		d.Lists[l.stem] = l.json
		return nil
	})
	if err != nil {
		return nil, err
	}
	words := c.vocabulary()
	// The words the base's shards already hold, with the same stems and
	// statistics, are left out: an edited page's words are mostly its old
	// ones (at 10,000 bench articles the vocabulary was 6.7 of the
	// segment's 12.0 KiB gzip, which every query reads in the manifest).
	d.Vocab = c.vocabShard(slices.DeleteFunc(slices.Clone(words), func(w vocabWord) bool {
		_, inBase := slices.BinarySearch(b.Words, w.surface)
		return inBase
	}), paths)
	// search.js reads these as arrays and an object, never null (a page
	// may have no indexed word at all).
	if d.Vocab.Words == nil {
		d.Vocab.Words, d.Vocab.Postings = [][2]string{}, []string{}
	}
	// The segment rides in the manifest: every query reads both, and a
	// file of its own was one request more (5 where a full build's index
	// takes 4 at 10,000 bench articles).
	var m manifest
	if err := json.Unmarshal(b.Manifest, &m); err != nil {
		return nil, fmt.Errorf("search: the base manifest: %w", err)
	}
	m.Delta = &d
	if m.Hot != nil {
		hotOver(m.Hot, c, words, paths)
	}
	w.add("manifest.json", m)
	if w.err != nil {
		return nil, w.err
	}
	return w.files, nil
}

// hotOver brings the base's hot vocabulary hv over the delta (c, its
// words in vocabulary order and each stem's postings path), so that a
// query of hot words still plans from the manifest alone and resolves as
// the vocabulary shards and the delta's words would: a delta word whose
// folded form is a hot word adds its stem to the word's exact stems, and
// a longer one competes for the word's completions (the best
// maxCompletions by document frequency, then stem, the base's and the
// delta's together; the base's best are all a completion can lose to, as
// the hot vocabulary keeps them). A stem only the delta holds has the
// postings shard DeltaOnly.
func hotOver(hv *hotVocab, c *termIndex, words []vocabWord, paths map[string]string) {
	index := map[string]int{}
	df := map[string]int{}
	for i, s := range hv.Stems {
		stem := s[0].(string)
		index[stem] = i
		switch n := s[1].(type) {
		case int:
			df[stem] = n
		case float64: // read back from the base's manifest
			df[stem] = int(n)
		}
	}
	// A hot synonym's stem that no base page holds has shard -1, and the
	// synonym table no postings for it, even when the delta holds it: a
	// word that would resolve to it is resolved from the shards instead.
	unplaced := func(stem string) bool {
		i, ok := index[stem]
		if !ok {
			return false
		}
		n, _ := hv.Stems[i][2].(float64)
		return n < 0 && paths[stem] != ""
	}
	ref := func(stem string) int {
		if i, ok := index[stem]; ok {
			return i
		}
		var shard any = DeltaOnly
		if p := paths[stem]; p != DeltaOnly {
			shard = shardNumber(p)
		}
		index[stem] = len(hv.Stems)
		hv.Stems = append(hv.Stems, [3]any{stem, c.df(stem), shard})
		return index[stem]
	}
	stems := func(ix []int) []string {
		out := make([]string, len(ix))
		for k, i := range ix {
			out[k] = hv.Stems[i][0].(string)
		}
		return out
	}
	for _, f := range slices.Sorted(maps.Keys(hv.Words)) {
		e := hv.Words[f]
		exact, completions := stems(e[0]), stems(e[1])
		start := sort.Search(len(words), func(i int) bool { return !lessUTF16(words[i].folded, f) })
		var longer []string
		dropped := false
		for _, w := range words[start:] {
			if !strings.HasPrefix(w.folded, f) {
				break
			}
			stem := c.surfaces[w.surface]
			switch {
			case w.folded != f:
				if !slices.Contains(completions, stem) && !slices.Contains(longer, stem) {
					longer = append(longer, stem)
					if _, ok := df[stem]; !ok {
						df[stem] = c.df(stem)
					}
				}
			case slices.Contains(exact, stem):
			case slices.Contains(completions, stem) && len(completions) == maxCompletions:
				// A completion becomes exact: the base's next best, which
				// would take its place, is not kept. The word resolves
				// from the shards instead.
				dropped = true
			default:
				exact = append(exact, stem)
			}
			if dropped {
				break
			}
		}
		if dropped {
			delete(hv.Words, f)
			continue
		}
		if len(exact) == len(e[0]) && len(longer) == 0 {
			continue
		}
		if slices.ContainsFunc(exact, unplaced) || slices.ContainsFunc(longer, unplaced) {
			delete(hv.Words, f)
			continue
		}
		for _, s := range exact[len(e[0]):] {
			e[0] = append(e[0], ref(s))
		}
		if utf8.RuneCountInString(f) >= 2 {
			all := slices.DeleteFunc(slices.Concat(completions, longer), func(s string) bool { return slices.Contains(exact, s) })
			slices.SortFunc(all, func(x, y string) int {
				if d := cmp.Compare(df[y], df[x]); d != 0 {
					return d
				}
				if lessUTF16(x, y) {
					return -1
				}
				return 1
			})
			e[1] = nil
			for _, s := range all[:min(len(all), maxCompletions)] {
				e[1] = append(e[1], ref(s))
			}
		}
		hv.Words[f] = e
	}
}

// shardNumber is the number of the postings shard at path
// (postings/N.G.json; see postingsPath), -1 for another path.
func shardNumber(path string) int {
	name, ok := strings.CutPrefix(path, "postings/")
	if !ok {
		return -1
	}
	n, err := strconv.Atoi(name[:max(0, strings.IndexByte(name, '.'))])
	if err != nil {
		return -1
	}
	return n
}
