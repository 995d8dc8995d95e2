package search

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Engine answers queries from the files of a built browser index — the
// manifest, vocabulary shards, postings, documents and delta segment that
// search.js reads — with search.js's semantics and arithmetic, so the
// terminal ranks exactly as the browser does (TestEngineMatchesSearchJS
// holds the two to identical URLs, order and scores). Each function below
// is a port of the search.js function of the same name; change both
// together.
//
// An Engine reads a file once and keeps it; it is safe for concurrent use.
type Engine struct {
	read func(path string) ([]byte, error)

	mu    sync.Mutex
	files map[string]any // path → decoded file
	m     *engineManifest
	delta *engineDelta
	hot   *engineHot // the manifest's hot vocabulary, nil when it has none
	fb    *Engine    // the default language's index (SetFallback)
	whole bool       // rank over whole lists (SetWholeLists)
	// wholeSynonyms makes a query that is not all hot words match the
	// whole synonym table (synonyms/0), not the groups its vocabulary
	// shards hold: the reference the shards are tested against.
	wholeSynonyms bool
}

// SetWholeLists makes every query rank over whole postings lists, tails
// read at once, not over the heads a first query reads in search.js: the
// ranking the heads approximate, for measuring how well they do. Call it
// before the engine answers queries. The default answers as search.js.
func (e *Engine) SetWholeLists(whole bool) { e.whole = whole }

// Result is one search result, the object search.js's search() returns.
// Excerpt is escaped HTML with matched words in <mark>.
type Result struct {
	URL          string   `json:"url"`
	Title        string   `json:"title"`
	Excerpt      string   `json:"excerpt"`
	Section      string   `json:"section"`
	SectionTitle string   `json:"sectionTitle"`
	Audience     string   `json:"audience"`
	Tags         []string `json:"tags"`
	Date         string   `json:"date"`
	Reviewed     string   `json:"reviewed"` // last medical review, YYYY-MM-DD or ""
	Score        float64  `json:"score"`
	// Lang is the language of the index the result comes from; Language,
	// set only on a result of the fallback index, names it for a label.
	Lang     string `json:"lang"`
	Language string `json:"language,omitempty"`
}

// Filter restricts a search to documents with these facet values (empty:
// any), as search.js's section, audience and tag options do.
type Filter struct{ Section, Audience, Tag string }

// OpenEngine returns an engine over the index files read returns, by path
// relative to the index directory ("manifest.json", "vocab/0.H.json", …).
// It reads the manifest (and the delta segment it names) at once.
func OpenEngine(read func(path string) ([]byte, error)) (*Engine, error) {
	e := &Engine{read: read, files: map[string]any{}}
	var m engineManifest
	if err := e.loadJSON("manifest.json", &m); err != nil {
		return nil, err
	}
	if m.Version != formatVersion {
		return nil, fmt.Errorf("search: index format %d, this medkb reads %d; rebuild the site", m.Version, formatVersion)
	}
	e.m = &m
	if m.Hot != nil {
		e.hot = newEngineHot(&m)
	}
	if m.Delta != nil {
		e.delta = prepareDelta(m.Delta)
	}
	return e, nil
}

// FilesReader reads index files from a build's output (Build, Incremental.Files).
func FilesReader(files []File) func(string) ([]byte, error) {
	byPath := make(map[string][]byte, len(files))
	for _, f := range files {
		byPath[f.Path] = f.Data
	}
	return func(p string) ([]byte, error) {
		if d, ok := byPath[p]; ok {
			return d, nil
		}
		return nil, fmt.Errorf("search: %s: %w", p, fs.ErrNotExist)
	}
}

// FSReader reads index files from a directory tree, such as the published
// site's search directory (os.DirFS).
func FSReader(fsys fs.FS) func(string) ([]byte, error) {
	return func(p string) ([]byte, error) { return fs.ReadFile(fsys, p) }
}

// engineManifest is the part of manifest.json a query reads.
type engineManifest struct {
	Version   int               `json:"version"`
	Lang      string            `json:"lang"`
	Fallback  *manifestFallback `json:"fallback"`
	StopWords []string          `json:"stopWords"`
	Filler    []string          `json:"filler"`
	Poss      bool              `json:"possessive"`
	Fuzzy     [2]int            `json:"fuzzy"`
	Vocab     [][3]string       `json:"vocab"`
	Docs      int               `json:"docs"`
	Bundles   []string          `json:"docBundles"`
	Bundle    int               `json:"docBundleSize"`
	BundleGrp int               `json:"docBundleGroup"`
	Postings  []string          `json:"postings"`
	PostGroup int               `json:"postingsGroup"`
	Hot       *hotVocab         `json:"hot"`
	HotSyn    *hotSynonyms      `json:"hotSynonyms"`
	Synonyms  string            `json:"synonyms"`
	Facets    string            `json:"facets"`
	Delta     *delta            `json:"delta"`
}

func (e *Engine) loadJSON(path string, v any) error {
	data, err := e.read(path)
	if err != nil {
		return fmt.Errorf("search: read index file %s: %w", path, err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("search: index file %s: %w", path, err)
	}
	return nil
}

// cached returns the decoded file at path, decoding it with decode once.
func cached[T any](e *Engine, path string, decode func(data []byte) (T, error)) (T, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if v, ok := e.files[path]; ok {
		return v.(T), nil
	}
	var zero T
	data, err := e.read(path)
	if err != nil {
		return zero, fmt.Errorf("search: read index file %s: %w", path, err)
	}
	v, err := decode(data)
	if err != nil {
		return zero, fmt.Errorf("search: index file %s: %w", path, err)
	}
	e.files[path] = v
	return v, nil
}

func decodeJSON[T any](data []byte) (*T, error) {
	v := new(T)
	return v, json.Unmarshal(data, v)
}

// engineDelta is a prepared delta segment (prepareDelta in search.js).
type engineDelta struct {
	void    map[int]bool
	entries map[int]json.RawMessage
	vocab   *engineShard
	lists   map[string]json.RawMessage
	mu      sync.Mutex
	merged  map[string]*postingList
}

func prepareDelta(d *delta) *engineDelta {
	out := &engineDelta{void: map[int]bool{}, entries: map[int]json.RawMessage{}, lists: d.Lists,
		merged: map[string]*postingList{}, vocab: newEngineShard(d.Vocab)}
	for _, x := range d.Void {
		out.void[x] = true
	}
	for k, v := range d.Entries {
		if n, err := strconv.Atoi(k); err == nil {
			out.entries[n] = v
		}
	}
	return out
}

// engineShard is a vocabulary shard with its folded words and the folded
// surface words of each stem.
type engineShard struct {
	vocabShard
	folded []string
	byStem map[string][]string
}

func newEngineShard(v vocabShard) *engineShard {
	sh := &engineShard{vocabShard: v, byStem: map[string][]string{}}
	sh.folded = make([]string, len(v.Words))
	for i, w := range v.Words {
		sh.folded[i] = fold(w[0])
		sh.byStem[w[1]] = append(sh.byStem[w[1]], sh.folded[i])
	}
	return sh
}

// Query weights and limits, the constants of search.js.
const (
	jsTitleBonus    = 1e7
	jsMaxCandidates = 10
	jsWeightExact   = 1.0
	jsWeightPrefix  = 0.8
	jsWeightStem    = 0.9
	jsSnippetChars  = 220
	jsTitleCovered  = 2
	jsProximity     = 0.5
	jsAdjacent      = 2
	jsFragment      = 0.1
	jsScattered     = 0.3
)

var jsWeightFuzzy = [3]float64{1, 0.7, 0.5}

// qword is a query word (tokenize in search.js).
type qword struct {
	surface, folded string
	stop            bool
	cands           []qcand
	stem            string
	known           bool // an exact or stemmed candidate: not a typo
}

// qcand is a vocabulary candidate of a query word.
type qcand struct {
	stem   string
	weight float64
	df     int
	path   string
	dist   int
}

// jsWords splits text as search.js's WORD pattern does: runs of letters,
// digits, marks and '_', joined by ' ’ . : between such runs and by ','
// between digits.
func jsWords(text string) []string {
	var out []string
	isW := func(r rune) bool { return r == '_' || unicode.In(r, unicode.L, unicode.N, unicode.M) }
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isW(r) {
			i += n
			continue
		}
		start := i
		j := i + n
		prev := r
		for {
			for j < len(text) {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if !isW(r2) {
					break
				}
				prev = r2
				j += n2
			}
			if j >= len(text) {
				break
			}
			sep, ns := utf8.DecodeRuneInString(text[j:])
			if j+ns >= len(text) {
				break
			}
			next, _ := utf8.DecodeRuneInString(text[j+ns:])
			ok := (sep == '\'' || sep == '’' || sep == '.' || sep == ':') && isW(next) ||
				sep == ',' && unicode.IsNumber(prev) && unicode.IsNumber(next)
			if !ok {
				break
			}
			j += ns
		}
		out = append(out, text[start:j])
		i = j
	}
	return out
}

func (e *Engine) tokenize(text string, stop map[string]bool) []*qword {
	var out []*qword
	for _, w := range jsWords(text) {
		s := strings.ToLower(w)
		if e.m.Poss {
			if t, ok := strings.CutSuffix(s, "'s"); ok {
				s = t
			} else if t, ok := strings.CutSuffix(s, "’s"); ok {
				s = t
			}
		}
		if s == "" {
			continue
		}
		out = append(out, &qword{surface: s, folded: fold(s), stop: stop[s]})
	}
	return out
}

type engineQuery struct {
	words   []*qword
	phrases [][]*qword
	prefix  bool
}

func (e *Engine) parseQuery(q string, stop map[string]bool) engineQuery {
	parts := strings.Split(q, `"`)
	var pq engineQuery
	for i, part := range parts {
		toks := e.tokenize(part, stop)
		if i%2 == 1 {
			if len(toks) > 0 {
				pq.phrases = append(pq.phrases, toks)
			}
			continue
		}
		pq.words = append(pq.words, toks...)
	}
	last := parts[len(parts)-1]
	lr, _ := utf8.DecodeLastRuneInString(last)
	pq.prefix = len(parts)%2 == 1 && last != "" && !(unicode.IsSpace(lr) || lr == '\ufeff')
	return pq
}

func (e *Engine) fuzziness(word string) int {
	n := utf8.RuneCountInString(word)
	switch {
	case n >= e.m.Fuzzy[1]:
		return 2
	case n >= e.m.Fuzzy[0]:
		return 1
	}
	return 0
}

func vocabRanges(f string, fz int, prefix bool) [][2]string {
	k := key2(f)
	var ranges [][2]string
	if fz > 0 || prefix {
		ranges = append(ranges, [2]string{k, k + "\uffff"})
	} else {
		ranges = append(ranges, [2]string{f, f})
	}
	chars := []rune(f)
	if fz > 0 && len(chars) >= 2 && chars[0] != chars[1] {
		sw := string([]rune{chars[1], chars[0]})
		ranges = append(ranges, [2]string{sw, sw + "\uffff"})
	}
	return ranges
}

// vocabShards reads the vocabulary shards that own a folded word of the
// ranges: shard i owns the words from its first word to the next shard's
// first (the first shard, any word before; the last, any word after), so
// a word no page holds still has a shard, where the synonym groups it may
// match are (synonymShards).
func (e *Engine) vocabShards(ranges [][2]string) ([]*engineShard, error) {
	var paths []string
	vocab := e.m.Vocab
	for _, r := range ranges {
		for i, v := range vocab {
			if (i == 0 || !lessUTF16(r[1], v[0])) && (i == len(vocab)-1 || lessUTF16(r[0], vocab[i+1][0])) && !slices.Contains(paths, v[2]) {
				paths = append(paths, v[2])
			}
		}
	}
	var out []*engineShard
	for _, p := range paths {
		sh, err := cached(e, p, func(data []byte) (*engineShard, error) {
			var v vocabShard
			err := json.Unmarshal(data, &v)
			return newEngineShard(v), err
		})
		if err != nil {
			return nil, err
		}
		out = append(out, sh)
	}
	if e.delta != nil {
		out = append(out, e.delta.vocab)
	}
	return out, nil
}

// candMap keeps candidates by stem in insertion order, like a JS Map.
type candMap struct {
	order []string
	by    map[string]qcand
}

func (c *candMap) add(sh *engineShard, stem string, weight float64, dist int) {
	if c.by == nil {
		c.by = map[string]qcand{}
	}
	t := sh.Terms[stem]
	old, ok := c.by[stem]
	if !ok {
		c.order = append(c.order, stem)
	}
	if !ok || old.weight < weight {
		path := ""
		if t[1] >= 0 && t[1] < len(sh.Postings) {
			path = sh.Postings[t[1]]
		}
		c.by[stem] = qcand{stem: stem, weight: weight, df: t[0], path: path, dist: dist}
	}
}

func (c *candMap) values() []qcand {
	out := make([]qcand, 0, len(c.order))
	for _, s := range c.order {
		out = append(out, c.by[s])
	}
	return out
}

func byRank(a, b qcand) int {
	switch {
	case a.weight != b.weight:
		if b.weight > a.weight {
			return 1
		}
		return -1
	case a.df != b.df:
		return b.df - a.df
	case lessUTF16(a.stem, b.stem):
		return -1
	}
	return 1
}

// resolve finds the vocabulary candidates of one query word, best first,
// and the shards it read.
func (e *Engine) resolve(f string, prefix bool) ([]qcand, []*engineShard, error) {
	usePrefix := prefix && utf8.RuneCountInString(f) >= 2
	fz := e.fuzziness(f)
	shards, err := e.vocabShards(vocabRanges(f, fz, usePrefix))
	if err != nil {
		return nil, nil, err
	}
	var exact, stemmed, fuzzy, pre candMap
	for _, sh := range shards {
		for i, w := range sh.Words {
			g := sh.folded[i]
			if g == f {
				exact.add(sh, w[1], jsWeightExact, 0)
			} else if usePrefix && strings.HasPrefix(g, f) {
				pre.add(sh, w[1], jsWeightPrefix, 0)
			}
		}
	}
	if len(exact.order) == 0 {
		n := utf8.RuneCountInString(f)
		for _, sh := range shards {
			for _, stem := range sortedKeys(sh.Terms) {
				s := fold(stem)
				l := utf8.RuneCountInString(s)
				if l >= 4 && 2*l >= n && strings.HasPrefix(f, s) {
					stemmed.add(sh, stem, jsWeightStem, 0)
				}
			}
		}
	}
	if len(exact.order) == 0 && len(stemmed.order) == 0 && fz > 0 {
		for _, sh := range shards {
			for i, w := range sh.Words {
				if d := damerau(sh.folded[i], f, fz); d <= fz {
					fuzzy.add(sh, w[1], jsWeightFuzzy[d], d)
				}
			}
		}
	}
	notExact := func(cs []qcand) []qcand {
		cs = slices.DeleteFunc(cs, func(c qcand) bool { _, ok := exact.by[c.stem]; return ok })
		slices.SortStableFunc(cs, byRank)
		return cs[:min(len(cs), jsMaxCandidates)]
	}
	out := append(exact.values(), stemmed.values()...)
	out = append(out, notExact(fuzzy.values())...)
	out = append(out, notExact(pre.values())...)
	slices.SortStableFunc(out, byRank)
	return out, shards, nil
}

// postingList is one stem's postings: [doc, score, titleStems, p0, Δp…],
// in rank order and by document.
type postingList struct {
	ordered [][]int
	byDoc   map[int][]int
}

func newPostingList(list [][]int) *postingList {
	pl := &postingList{ordered: list, byDoc: make(map[int][]int, len(list))}
	for _, p := range list {
		pl.byDoc[p[0]] = p
	}
	return pl
}

const (
	pScore = 1
	pTitle = 2
	pMask  = 3 // of a phrase list's posting: its terms in the title
)

type postingsShard struct {
	raw     map[string]json.RawMessage
	mu      sync.Mutex
	list    map[string]*postingList
	entries map[string]*docEntry // "#e", decoded on first use
}

func (e *Engine) postingsShard(path string) (*postingsShard, error) {
	return cached(e, path, func(data []byte) (*postingsShard, error) {
		s := &postingsShard{list: map[string]*postingList{}}
		return s, json.Unmarshal(data, &s.raw)
	})
}

// entry returns the result entry the shard carries for document id, or nil.
func (s *postingsShard) entry(id int) (*docEntry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.entries == nil {
		s.entries = map[string]*docEntry{}
		if raw, ok := s.raw[entriesKey]; ok {
			if err := json.Unmarshal(raw, &s.entries); err != nil {
				return nil, err
			}
		}
	}
	return s.entries[strconv.Itoa(id)], nil
}

// get returns stem's list in the shard; with tail, the rest of it (from
// the tail shard, or nil) follows.
func (s *postingsShard) get(stem string, tail func() ([][]int, error)) (*postingList, error) {
	key := stem
	if tail != nil {
		key = tailKey(stem)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if pl := s.list[key]; pl != nil {
		return pl, nil
	}
	var list [][]int
	if raw, ok := s.raw[stem]; ok {
		if err := json.Unmarshal(raw, &list); err != nil {
			return nil, err
		}
	}
	if tail != nil {
		rest, err := tail()
		if err != nil {
			return nil, err
		}
		// The head's postings without positions are in the tail in full.
		list = append(slices.DeleteFunc(list, func(p []int) bool { return len(p) <= pTitle+1 }), rest...)
	}
	pl := newPostingList(list)
	s.list[key] = pl
	return pl, nil
}

// tails returns the shard's first-query tails: stem → the number of the
// shard that holds the rest of its list.
func (s *postingsShard) tails() (map[string]int, error) {
	var out map[string]int
	if raw, ok := s.raw[tailsKey]; ok {
		if err := json.Unmarshal(raw, &out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// postingsFor returns the lists of the stems (stem → postings shard path):
// the heads a first query ranks over, or with whole the lists with their
// tails (postingsFor in search.js). tails reports whether any list read
// has a tail.
func (e *Engine) postingsFor(paths map[string]string, whole bool) (out map[string]*postingList, tails bool, err error) {
	out = map[string]*postingList{}
	for stem, path := range paths {
		key := stem
		if whole {
			key = tailKey(stem)
		}
		var sh *postingsShard
		if path != DeltaOnly {
			if sh, err = e.postingsShard(path); err != nil {
				return nil, false, err
			}
		}
		var tail func() ([][]int, error)
		if sh != nil {
			t, err := sh.tails()
			if err != nil {
				return nil, false, fmt.Errorf("search: %s: %w", path, err)
			}
			n, ok := t[stem]
			tails = tails || ok
			if ok && whole {
				tail = func() ([][]int, error) {
					p := e.m.shardPath(n)
					if p == "" {
						return nil, fmt.Errorf("no postings shard %d", n)
					}
					ts, err := e.postingsShard(p)
					if err != nil {
						return nil, err
					}
					var rest [][]int
					if raw, ok := ts.raw[stem]; ok {
						err = json.Unmarshal(raw, &rest)
					}
					return rest, err
				}
			}
		}
		if e.delta != nil {
			e.delta.mu.Lock()
			pl := e.delta.merged[key]
			e.delta.mu.Unlock()
			if pl != nil {
				out[stem] = pl
				continue
			}
		}
		var pl *postingList
		if sh == nil {
			pl = newPostingList(nil)
		} else if pl, err = sh.get(stem, tail); err != nil {
			return nil, false, fmt.Errorf("search: %s: %s: %w", path, stem, err)
		}
		if d := e.delta; d != nil {
			var extra [][]int
			if raw, ok := d.lists[stem]; ok {
				if err := json.Unmarshal(raw, &extra); err != nil {
					return nil, false, fmt.Errorf("search: delta: %s: %w", stem, err)
				}
			}
			_, hasExtra := d.lists[stem]
			if hasExtra || slices.ContainsFunc(pl.ordered, func(p []int) bool { return d.void[p[0]] }) {
				pl = newPostingList(mergeDelta(pl.ordered, extra, d.void))
			}
			d.mu.Lock()
			d.merged[key] = pl
			d.mu.Unlock()
		}
		out[stem] = pl
	}
	return out, tails, nil
}

func mergeDelta(base, extra [][]int, voided map[int]bool) [][]int {
	var out [][]int
	j := 0
	for _, p := range base {
		if voided[p[0]] {
			continue
		}
		for j < len(extra) && (extra[j][pScore] > p[pScore] || extra[j][pScore] == p[pScore] && extra[j][0] < p[0]) {
			out = append(out, extra[j])
			j++
		}
		out = append(out, p)
	}
	return append(out, extra[j:]...)
}

func positions(p []int) []int {
	out := make([]int, 0, len(p)-3)
	pos := 0
	for _, d := range p[3:] {
		pos += d
		out = append(out, pos)
	}
	return out
}

// span is a run of query words equal to a synonym phrase (findSpans).
type span struct {
	start, end int
	alts       [][][2]string
	phrase     [][2]string // the phrase the words matched (the first of the longest)
}

func (e *Engine) findSpans(words []*qword, syn *synonymFile) []span {
	var spans []span
	for i := 0; i < len(words); {
		best := 0
		var alts [][][2]string
		var phrase [][2]string
		// match offers the phrases of others but the one numbered skip as
		// alternatives when phrase ph is at i.
		match := func(ph [][2]string, others [][][2]string, skip int) {
			n := len(ph)
			if n < best || i+n > len(words) || !e.phraseAt(words, i, ph) {
				return
			}
			if n > best {
				best, alts, phrase = n, nil, ph
			}
			for j, o := range others {
				if j != skip {
					alts = append(alts, o)
				}
			}
		}
		if !words[i].stop {
			for _, g := range syn.Groups {
				for pi, ph := range g {
					match(ph, g, pi)
				}
			}
			// A class member also matches its broader phrases (one way).
			for _, c := range syn.Classes {
				for _, ph := range c[0] {
					match(ph, c[1], -1)
				}
			}
		}
		if best == 0 {
			i++
			continue
		}
		spans = append(spans, span{start: i, end: i + best, alts: alts, phrase: phrase})
		i += best
	}
	return spans
}

// sameKey2 reports whether a and b start with the same two letters, or
// with the same two swapped.
func sameKey2(a, b string) bool {
	ka, kb := []rune(key2(a)), []rune(key2(b))
	return slices.Equal(ka, kb) || len(ka) == 2 && len(kb) == 2 && ka[0] == kb[1] && ka[1] == kb[0]
}

func (e *Engine) phraseAt(words []*qword, i int, ph [][2]string) bool {
	for k, w := range ph {
		q := words[i+k]
		if q.folded == fold(w[0]) || !q.stop && w[1] != "" && q.stem == w[1] {
			continue
		}
		// A word the index does not know may be a typo of a synonym's word,
		// one in its first two letters only as their swap (as in the
		// vocabulary: the shards the word reads hold those groups).
		if q.stop || q.known || w[1] == "" {
			return false
		}
		f := fold(w[0])
		if fz := e.fuzziness(q.folded); fz == 0 || !sameKey2(f, q.folded) || damerau(f, q.folded, fz) > fz {
			return false
		}
	}
	return true
}

// term is one word of a phrase: its stem and offset in the phrase.
type term struct {
	stem, path string
	off        int
}

// unit is one scoring unit of a query: a word, a quoted phrase, or a
// synonym span (its own words or any alternative phrase).
type unit struct {
	kind  byte // 'w', 'p', 's'
	cands []qcand
	terms []term
	words []*qword
	alts  []alt
	count int
	// own is the phrase list of the span's own phrase, when its words are
	// that phrase's stems exactly: a first query scores the span from it
	// alone (phrase-first; the words' lists are plan.later).
	own *alt
}

// alt is an alternative phrase of a synonym span: its terms, and the key
// of its phrase list when it has several (phrases.go), which is all
// that is read of it then.
type alt struct {
	terms []term
	key   string
}

type plan struct {
	units []unit
	paths map[string]string
	later map[string]string // the lists of the own words of phrase-first spans
	// firstDocs is the documents the lists of paths hold, counted once
	// per list: phrase-first needs as many as the results asked for (a
	// query of hot words only; see search).
	firstDocs int
	shards    []*engineShard
	spans     []span
}

func (e *Engine) plan(q string) (*plan, error) {
	stop := map[string]bool{}
	for _, s := range e.m.StopWords {
		stop[s] = true
	}
	pq := e.parseQuery(q, stop)
	// Filler words of a question are dropped when the query has other words.
	isFiller := func(w *qword) bool { return slices.Contains(e.m.Filler, w.surface) }
	if slices.ContainsFunc(pq.words, func(w *qword) bool { return !w.stop && !isFiller(w) }) {
		for _, w := range pq.words {
			if isFiller(w) {
				w.stop = true
			}
		}
	}
	lastIdx := -1
	for i, w := range pq.words {
		if !w.stop {
			lastIdx = i
		}
	}
	p := &plan{paths: map[string]string{}, later: map[string]string{}}
	// A query of hot words plans from the manifest alone (hotQuery in
	// search.js).
	hot := e.hot
	isHot := func(w *qword) bool { return w.stop || hot.words[w.folded] != nil }
	if hot != nil && (!slices.ContainsFunc(pq.words, func(w *qword) bool { return !isHot(w) }) &&
		!slices.ContainsFunc(slices.Concat(pq.phrases...), func(w *qword) bool { return !isHot(w) })) {
		p.shards = []*engineShard{hot.shard}
	} else {
		hot = nil
	}
	resolve := func(f string, prefix bool) ([]qcand, []*engineShard, error) {
		if hot != nil {
			return hot.resolve(f, prefix), nil, nil
		}
		return e.resolve(f, prefix)
	}
	addShards := func(shs []*engineShard) {
		for _, sh := range shs {
			if !slices.Contains(p.shards, sh) {
				p.shards = append(p.shards, sh)
			}
		}
	}
	for i, w := range pq.words {
		if w.stop {
			continue
		}
		cands, shs, err := resolve(w.folded, pq.prefix && i == lastIdx)
		if err != nil {
			return nil, err
		}
		addShards(shs)
		w.cands = cands
		if len(cands) > 0 {
			w.stem = cands[0].stem
			w.known = cands[0].weight >= jsWeightStem
		}
	}
	for _, ph := range pq.phrases {
		for _, w := range ph {
			if w.stop {
				continue
			}
			cands, shs, err := resolve(w.folded, false)
			if err != nil {
				return nil, err
			}
			addShards(shs)
			w.cands = cands[:min(1, len(cands))]
			if len(cands) > 0 {
				w.stem = cands[0].stem
			}
		}
	}
	var syn *synonymFile
	if hot != nil {
		syn = hot.synonyms
	} else if e.wholeSynonyms && e.m.Synonyms != "" {
		var err error
		if syn, err = cached(e, e.m.Synonyms, decodeJSON[synonymFile]); err != nil {
			return nil, err
		}
	} else {
		syn = shardSynonyms(p.shards)
	}
	need := func(c qcand) {
		if c.path != "" {
			p.paths[c.stem] = c.path
		}
	}
	if syn != nil {
		p.spans = e.findSpans(pq.words, syn)
	}
	spans := p.spans
	for i := 0; i < len(pq.words); {
		if len(spans) > 0 && spans[0].start == i {
			sp := spans[0]
			spans = spans[1:]
			var own *alt
			if key := phraseKey(sp.phrase); hot != nil && key != "" && ownStems(pq.words[sp.start:sp.end], sp.phrase) {
				// A phrase without a list is on no page.
				own = &alt{terms: phraseTerms(sp.phrase, syn.Postings), key: key}
				if path := syn.Postings[key]; path != "" {
					p.paths[key] = path
				}
			}
			var words []*qword
			for _, w := range pq.words[sp.start:sp.end] {
				if !w.stop {
					words = append(words, w)
					for _, c := range w.cands {
						if own != nil && c.path != "" {
							p.later[c.stem] = c.path
						} else {
							need(c)
						}
					}
				}
			}
			// An alternative with a stem no page holds can never match:
			// none of its postings are read.
			var alts []alt
			for _, ph := range sp.alts {
				ts := phraseTerms(ph, syn.Postings)
				if key := phraseKey(ph); key != "" {
					// No page holds the phrase: no list.
					if path := syn.Postings[key]; path != "" {
						p.paths[key] = path
						alts = append(alts, alt{terms: ts, key: key})
					}
					continue
				}
				if slices.ContainsFunc(ts, func(t term) bool { return t.path == "" }) {
					continue
				}
				for _, t := range ts {
					p.paths[t.stem] = t.path
				}
				alts = append(alts, alt{terms: ts})
			}
			p.units = append(p.units, unit{kind: 's', words: words, alts: alts, count: len(words), own: own})
			i = sp.end
			continue
		}
		w := pq.words[i]
		i++
		if w.stop {
			continue
		}
		for _, c := range w.cands {
			need(c)
		}
		p.units = append(p.units, unit{kind: 'w', cands: w.cands, count: 1})
	}
	for _, ph := range pq.phrases {
		var terms []term
		for k, w := range ph {
			if w.stop {
				continue
			}
			t := term{stem: w.stem, off: k}
			if len(w.cands) > 0 {
				t.path = w.cands[0].path
				need(w.cands[0])
			}
			terms = append(terms, t)
		}
		if len(terms) > 0 {
			p.units = append(p.units, unit{kind: 'p', terms: terms, count: len(terms)})
		}
	}
	if hot != nil {
		for k := range p.paths {
			p.firstDocs += hot.df[k]
		}
		hot.choose(p.paths, p.later)
	}
	return p, nil
}

// shardSynonyms is the synonym table of the groups and classes the
// vocabulary shards a query read hold (each holds those its words may
// match), in the table's order; nil when they hold none.
func shardSynonyms(shards []*engineShard) *synonymFile {
	groups := map[int]synGroup{}
	classes := map[int]synClass{}
	f := &synonymFile{Postings: map[string]string{}}
	for _, sh := range shards {
		maps.Copy(groups, sh.Groups)
		maps.Copy(classes, sh.Classes)
		for k, i := range sh.Alts {
			if i >= 0 && i < len(sh.Postings) {
				f.Postings[k] = sh.Postings[i]
			}
		}
	}
	if len(groups) == 0 && len(classes) == 0 {
		return nil
	}
	for _, n := range slices.Sorted(maps.Keys(groups)) {
		f.Groups = append(f.Groups, groups[n])
	}
	for _, n := range slices.Sorted(maps.Keys(classes)) {
		f.Classes = append(f.Classes, [2][][][2]string(classes[n]))
	}
	return f
}

// ownStems reports whether the words of a span (stop words included)
// are its phrase's words exactly: each word of the phrase with a stem has
// that stem as the word's one candidate.
func ownStems(words []*qword, ph [][2]string) bool {
	if len(words) != len(ph) {
		return false
	}
	for k, w := range ph {
		if w[1] == "" {
			continue
		}
		q := words[k]
		if q.stop || len(q.cands) != 1 || q.cands[0].stem != w[1] || q.cands[0].weight != jsWeightExact {
			return false
		}
	}
	return true
}

func phraseTerms(ph [][2]string, paths map[string]string) []term {
	var out []term
	for k, w := range ph {
		if w[1] != "" {
			out = append(out, term{stem: w[1], off: k, path: paths[w[1]]})
		}
	}
	return out
}

// scorer scores documents against a plan's units (scoreDoc and its helpers).
type scorer struct {
	post  map[string]*postingList
	units []unit
	// phraseFirst scores a span with an own phrase list from it alone
	// (the first query's first ranking; see search).
	phraseFirst bool
	// matched stems and postings of the document being scored
	stems []string
	posts [][]int
	// the postings of the query's words in order (nil: not in the
	// document; brk: a break, such as a phrase), for proximity
	seq [][]int
}

// brk marks a break in scorer.seq.
var brk = []int{}

func isBreak(p []int) bool { return p != nil && len(p) == 0 }

// adjacent reports whether some position of a comes before one of b, at
// most jsAdjacent apart.
func adjacent(a, b []int) bool {
	pa, pb := positions(a), positions(b)
	j := 0
	for _, x := range pa {
		for j < len(pb) && pb[j] <= x {
			j++
		}
		if j < len(pb) && pb[j]-x <= jsAdjacent {
			return true
		}
	}
	return false
}

// inTitle reports whether matched postings from..to-1 are all title
// postings (and there is one).
func (s *scorer) inTitle(from, to int) bool {
	for _, p := range s.posts[from:to] {
		if p[pTitle] == 0 {
			return false
		}
	}
	return to > from
}

// together reports whether the words of seq from start on are each
// adjacent to the next.
func (s *scorer) together(start int) bool {
	for i := start + 1; i < len(s.seq); i++ {
		if !adjacent(s.seq[i-1], s.seq[i]) {
			return false
		}
	}
	return true
}

// proximity is the share of neighbouring query words adjacent in the document.
func (s *scorer) proximity() float64 {
	pairs, near := 0, 0
	for i := 1; i < len(s.seq); i++ {
		a, b := s.seq[i-1], s.seq[i]
		if isBreak(a) || isBreak(b) {
			continue
		}
		pairs++
		if a != nil && b != nil && adjacent(a, b) {
			near++
		}
	}
	if pairs == 0 {
		return 0
	}
	return float64(near) / float64(pairs)
}

func (s *scorer) get(stem string, doc int) []int {
	if pl := s.post[stem]; pl != nil {
		return pl.byDoc[doc]
	}
	return nil
}

func (s *scorer) addMatch(stem string, p []int) {
	s.stems = append(s.stems, stem)
	s.posts = append(s.posts, p)
}

// noTitle is a matched posting outside the title: a matched posting is
// read for its pTitle only.
var noTitle = []int{0, 0, 0}

// altScore is phraseScore of an alternative: from its phrase list's
// posting when it has one, the terms matched with the title postings the
// list records (the posting itself stands for a term in the title: its
// pTitle is the document's titleStems).
func (s *scorer) altScore(a alt, doc int) float64 {
	if a.key == "" {
		return s.phraseScore(a.terms, doc)
	}
	p := s.get(a.key, doc)
	if p == nil {
		return 0
	}
	for k, t := range a.terms {
		if p[pMask]&(1<<k) != 0 {
			s.addMatch(t.stem, p)
		} else {
			s.addMatch(t.stem, noTitle)
		}
	}
	return float64(p[pScore])
}

func (s *scorer) phraseScore(terms []term, doc int) float64 {
	ps := make([][]int, len(terms))
	for k, t := range terms {
		if ps[k] = s.get(t.stem, doc); ps[k] == nil {
			return 0
		}
	}
	if len(terms) > 1 && !aligned(ps, terms) {
		return 0
	}
	total := 0.0
	for k, t := range terms {
		s.addMatch(t.stem, ps[k])
		total += float64(ps[k][pScore])
	}
	return total
}

func aligned(ps [][]int, terms []term) bool {
	lists := make([][]int, len(ps))
	for i, p := range ps {
		lists[i] = positions(p)
	}
	at := make([]int, len(terms))
	for _, p0 := range lists[0] {
		ok := true
		for k := 1; k < len(terms); k++ {
			want := p0 - terms[0].off + terms[k].off
			list := lists[k]
			i := at[k]
			for i < len(list) && list[i] < want {
				i++
			}
			at[k] = i
			if i == len(list) {
				return false
			}
			if list[i] != want {
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

func (s *scorer) wordScore(cands []qcand, doc int) (float64, []int) {
	best := 0.0
	var hitStem string
	var hit []int
	for _, c := range cands {
		if p := s.get(c.stem, doc); p != nil && float64(p[pScore])*c.weight > best {
			best = float64(p[pScore]) * c.weight
			hitStem, hit = c.stem, p
		}
	}
	if hit != nil {
		s.addMatch(hitStem, hit)
	}
	return best, hit
}

// score is scoreDoc: -1 when a quoted phrase is missing.
func (s *scorer) score(doc int, used map[string]bool) float64 {
	total := 0.0
	matched, all, unitsInTitle := 0, 0, 0
	s.stems, s.posts, s.seq = s.stems[:0], s.posts[:0], s.seq[:0]
	for _, u := range s.units {
		all += u.count
		from := len(s.posts)
		whole := false // the unit is matched in the title alone
		switch u.kind {
		case 'w':
			v, hit := s.wordScore(u.cands, doc)
			s.seq = append(s.seq, hit)
			if v > 0 {
				total += v
				matched++
			}
			whole = s.inTitle(from, len(s.posts))
		case 'p':
			v := s.phraseScore(u.terms, doc)
			if v == 0 {
				return -1
			}
			s.seq = append(s.seq, brk)
			total += v
			matched += u.count
			whole = s.inTitle(from, len(s.posts))
		default:
			own, ownCount := 0.0, 0
			start := len(s.seq)
			if s.phraseFirst && u.own != nil {
				// The words stand together where the phrase does; elsewhere
				// they count for nothing until the words' lists are read.
				if own = s.altScore(*u.own, doc); own > 0 {
					ownCount = len(u.words)
				}
				s.seq = append(s.seq, brk)
			} else {
				for _, w := range u.words {
					v, hit := s.wordScore(w.cands, doc)
					s.seq = append(s.seq, hit)
					if v > 0 {
						own += v
						ownCount++
					}
				}
			}
			whole = ownCount == len(u.words) && s.inTitle(from, len(s.posts))
			alt := 0.0
			for _, a := range u.alts {
				before := len(s.posts)
				alt = max(alt, s.altScore(a, doc))
				whole = whole || s.inTitle(before, len(s.posts))
			}
			switch {
			case alt > own || alt > 0 && ownCount < len(u.words):
				// The phrase matched through a synonym: one unit, adjacent.
				s.seq = append(s.seq[:start], brk)
				total += max(own, alt)
				matched += u.count
			case ownCount < len(u.words):
				total += own * jsFragment
				matched += ownCount
			case !s.together(start):
				total += own * jsScattered
				matched += ownCount
			default:
				total += own
				matched += ownCount
			}
		}
		if whole {
			unitsInTitle++
		}
	}
	if all == 0 || matched == 0 {
		return 0
	}
	if used != nil {
		for _, st := range s.stems {
			used[st] = true
		}
	}
	total *= float64(matched) / float64(all)
	total *= 1 + jsProximity*s.proximity()
	titleStems, titleCount := 0, 0
	for i, p := range s.posts {
		if p[pTitle] > 0 {
			before := false
			for j := 0; j < i; j++ {
				if s.stems[j] == s.stems[i] && s.posts[j][pTitle] > 0 {
					before = true
					break
				}
			}
			if !before {
				titleStems++
			}
			titleCount = p[pTitle]
		}
	}
	if titleCount > 0 && titleStems >= titleCount && matched == all {
		if unitsInTitle == len(s.units) {
			total += jsTitleBonus
		} else {
			total *= jsTitleCovered
		}
	}
	return total
}

// bound is the most score can give a document at or below depth in every list.
func (s *scorer) bound(depth int) float64 {
	at := func(stem string) float64 {
		if pl := s.post[stem]; pl != nil && depth < len(pl.ordered) {
			return float64(pl.ordered[depth][pScore])
		}
		return 0
	}
	best := func(cands []qcand) float64 {
		b := 0.0
		for _, c := range cands {
			b = max(b, at(c.stem)*c.weight)
		}
		return b
	}
	sum := func(terms []term) float64 {
		v := 0.0
		for _, t := range terms {
			v += at(t.stem)
		}
		return v
	}
	total := 0.0
	words := 0
	for _, u := range s.units {
		if u.kind == 's' {
			words += len(u.words)
		} else {
			words++
		}
		switch u.kind {
		case 'w':
			total += best(u.cands)
		case 'p':
			total += sum(u.terms)
		default:
			own := 0.0
			if s.phraseFirst && u.own != nil {
				own = at(u.own.key)
			} else {
				for _, w := range u.words {
					own += best(w.cands)
				}
			}
			alt := 0.0
			for _, a := range u.alts {
				if a.key != "" {
					alt = max(alt, at(a.key))
				} else {
					alt = max(alt, sum(a.terms))
				}
			}
			total += max(own, alt)
		}
	}
	if words > 1 {
		return total * (1 + jsProximity)
	}
	return total
}

func (e *Engine) allowed(f Filter) (map[int]bool, error) {
	wanted := [][2]string{{"section", f.Section}, {"audience", f.Audience}, {"tag", f.Tag}}
	var allowed map[int]bool
	var table map[string]map[string]string
	for _, kv := range wanted {
		if kv[1] == "" {
			continue
		}
		if table == nil && e.m.Facets != "" {
			t, err := cached(e, e.m.Facets, decodeJSON[map[string]map[string]string])
			if err != nil {
				return nil, err
			}
			table = *t
		}
		set := map[int]bool{}
		if path := table[kv[0]][kv[1]]; path != "" {
			sh, err := e.postingsShard(path)
			if err != nil {
				return nil, err
			}
			var docs []int
			if raw, ok := sh.raw[facetKey(kv[0], kv[1])]; ok {
				if err := json.Unmarshal(raw, &docs); err != nil {
					return nil, fmt.Errorf("search: %s: %w", path, err)
				}
			}
			for _, d := range docs {
				if allowed == nil || allowed[d] {
					set[d] = true
				}
			}
		}
		allowed = set
	}
	return allowed, nil
}

// resultEntry is search.js's resultEntry: what a result shows of document
// id — the delta's entry of an edited document, else the entries the
// query's postings shards (paths) carry for it, merged, else the entry in
// its bundle.
func (e *Engine) resultEntry(id int, paths map[string]string) (*docEntry, error) {
	if e.delta != nil {
		if raw, ok := e.delta.entries[id]; ok {
			var d docEntry
			if err := json.Unmarshal(raw, &d); err != nil {
				return nil, fmt.Errorf("search: delta entry %d: %w", id, err)
			}
			return &d, nil
		}
	}
	var out *docEntry
	var sentences map[int]string
	done := map[string]bool{}
	for _, path := range paths {
		if path == DeltaOnly || done[path] {
			continue
		}
		done[path] = true
		sh, err := e.postingsShard(path)
		if err != nil {
			return nil, err
		}
		d, err := sh.entry(id)
		if err != nil {
			return nil, fmt.Errorf("search: %s: entry %d: %w", path, id, err)
		}
		if d == nil {
			continue
		}
		if out == nil {
			head := *d
			head.Index, head.Sentences = nil, nil
			out, sentences = &head, map[int]string{}
		}
		for k, i := range d.Index {
			if k < len(d.Sentences) {
				sentences[i] = d.Sentences[k]
			}
		}
	}
	if out != nil {
		for _, i := range slices.Sorted(maps.Keys(sentences)) {
			out.Sentences = append(out.Sentences, sentences[i])
		}
		return out, nil
	}
	if id < 0 || id >= e.m.Docs || e.m.Bundle <= 0 || e.m.BundleGrp <= 0 || id/e.m.Bundle/e.m.BundleGrp >= len(e.m.Bundles) {
		return nil, nil
	}
	b := id / e.m.Bundle
	bundle, err := cached(e, bundlePath(b, e.m.Bundles[b/e.m.BundleGrp]), decodeJSON[[]docEntry])
	if err != nil || id%e.m.Bundle >= len(*bundle) {
		return nil, err
	}
	return &(*bundle)[id%e.m.Bundle], nil
}

// Fallback returns the directory of the index this one falls back to,
// relative to this index's directory (or an absolute URL path), and its
// language; "" when it has none. Open it and pass it to SetFallback.
func (e *Engine) Fallback() (dir, lang string) {
	if fb := e.m.Fallback; fb != nil {
		return fb.Base, fb.Lang
	}
	return "", ""
}

// SetFallback makes Search offer fb's results, labelled with their
// language, when this index alone finds fewer than three, as search.js
// does with the index the manifest names. Call it before any Search.
func (e *Engine) SetFallback(fb *Engine) { e.fb = fb }

// Search runs query as search.js's search(query, {limit, section, audience,
// tag}) does and returns the same results in the same order, then those
// of the fallback index (see SetFallback) when there are fewer than three.
func (e *Engine) Search(query string, limit int, f Filter) ([]Result, error) {
	out, err := e.search(query, limit, f)
	if err != nil || len(out) >= fallbackBelow || e.fb == nil || e.m.Fallback == nil || strings.TrimSpace(query) == "" {
		return out, err
	}
	more, err := e.fb.search(query, limit-len(out), f)
	if err != nil {
		return nil, err
	}
	name := cmp.Or(e.m.Fallback.Name, e.m.Fallback.Lang) // as search.js labels it
	for _, r := range more {
		r.Lang, r.Language = e.m.Fallback.Lang, name
		out = append(out, r)
	}
	return out, nil
}

// search is Search within this index alone (search.js's run).
func (e *Engine) search(query string, limit int, f Filter) ([]Result, error) {
	if strings.TrimSpace(query) == "" || limit <= 0 {
		return []Result{}, nil
	}
	p, err := e.plan(query)
	if err != nil {
		return nil, err
	}
	if len(p.units) == 0 {
		return []Result{}, nil
	}
	allowed, err := e.allowed(f)
	if err != nil {
		return nil, err
	}
	// Phrase-first when the phrases' and the other lists may fill the
	// results: a small site's phrase is on a few pages, and ranking
	// without the words' lists would only cost it a third round.
	phraseFirst := len(p.later) > 0 && !e.whole && p.firstDocs >= limit
	if !phraseFirst {
		maps.Copy(p.paths, p.later)
	}
	post, tails, err := e.postingsFor(p.paths, e.whole)
	if err != nil {
		return nil, err
	}
	s := &scorer{post: post, units: p.units, phraseFirst: phraseFirst}
	top := s.rank(limit, allowed)
	if phraseFirst && len(top) < limit {
		// Fewer results than asked for from the phrases: their words'
		// lists too, and the words scored as words.
		maps.Copy(p.paths, p.later)
		if post, tails, err = e.postingsFor(p.paths, false); err != nil {
			return nil, err
		}
		s = &scorer{post: post, units: p.units}
		top = s.rank(limit, allowed)
	}
	if len(top) < limit && tails && !e.whole {
		// Fewer results than asked for from the heads: the whole lists.
		if post, _, err = e.postingsFor(p.paths, true); err != nil {
			return nil, err
		}
		s = &scorer{post: post, units: p.units}
		top = s.rank(limit, allowed)
	}
	surfaces := surfaceIndex(p)
	out := make([]Result, 0, len(top))
	for _, t := range top {
		used := map[string]bool{}
		s.score(t.doc, used)
		d, err := e.resultEntry(t.doc, p.paths)
		if err != nil {
			return nil, err
		}
		if d == nil {
			d = &docEntry{}
		}
		r := Result{URL: d.URL, Title: d.Title, Section: d.Section, SectionTitle: d.SectionTitle,
			Audience: d.Audience, Tags: d.Tags, Date: d.Date, Reviewed: d.Reviewed, Score: math.Round(t.score) / 100, Lang: e.m.Lang,
			Excerpt: excerptHTML(d, highlighter(surfaces, used))}
		if r.Tags == nil {
			r.Tags = []string{}
		}
		out = append(out, r)
	}
	return out, nil
}

type scored struct {
	doc   int
	score float64
}

// rank returns the best limit documents of the lists (allowed: the
// documents a filter keeps, nil for all), by score and then document.
func (s *scorer) rank(limit int, allowed map[int]bool) []scored {
	var top []scored
	seen := map[int]bool{}
	consider := func(d int) {
		if seen[d] {
			return
		}
		seen[d] = true
		if allowed != nil && !allowed[d] {
			return
		}
		v := s.score(d, nil)
		if v <= 0 {
			return
		}
		i := len(top)
		for i > 0 && (top[i-1].score < v || top[i-1].score == v && top[i-1].doc > d) {
			i--
		}
		if i >= limit {
			return
		}
		top = slices.Insert(top, i, scored{d, v})
		if len(top) > limit {
			top = top[:limit]
		}
	}
	// The threshold algorithm of search.js's run: title postings first,
	// then the lists one depth at a time until nothing unseen can enter.
	var lists [][][]int
	for _, stem := range sortedKeys(s.post) {
		lists = append(lists, s.post[stem].ordered)
	}
	deepest := 0
	for _, l := range lists {
		for _, q := range l {
			if q[pTitle] > 0 {
				consider(q[0])
			}
		}
		deepest = max(deepest, len(l))
	}
	for depth := 0; depth < deepest; depth++ {
		for _, l := range lists {
			if depth < len(l) {
				consider(l[depth][0])
			}
		}
		if len(top) == limit && top[limit-1].score > s.bound(depth+1) {
			break
		}
	}
	return top
}

func surfaceIndex(p *plan) func(stem string) []string {
	alts := map[string][]string{}
	for _, sp := range p.spans {
		for _, ph := range sp.alts {
			for _, w := range ph {
				if w[1] != "" {
					alts[w[1]] = append(alts[w[1]], fold(w[0]))
				}
			}
		}
	}
	return func(stem string) []string {
		out := slices.Clone(alts[stem])
		for _, sh := range p.shards {
			out = append(out, sh.byStem[stem]...)
		}
		return out
	}
}

func highlighter(surfaces func(string) []string, used map[string]bool) func(string) bool {
	words := map[string]bool{}
	var stems []string
	for stem := range used {
		for _, w := range surfaces(stem) {
			words[w] = true
		}
		if s := fold(stem); utf8.RuneCountInString(s) >= 4 {
			stems = append(stems, s)
		}
	}
	return func(w string) bool {
		if words[w] {
			return true
		}
		for _, s := range stems {
			if strings.HasPrefix(w, s) {
				return true
			}
		}
		return false
	}
}

func countMatches(text string, isMatch func(string) bool) int {
	seen := map[string]bool{}
	for _, w := range jsWords(text) {
		if f := fold(w); isMatch(f) {
			seen[f] = true
		}
	}
	return len(seen)
}

// excerptHTML is search.js's excerpt: the sentence with the most distinct
// matched words, windowed around the first match, escaped, matches marked.
func excerptHTML(d *docEntry, isMatch func(string) bool) string {
	var cands []string
	for _, s := range append(slices.Clone(d.Sentences), d.Summary) {
		if s != "" {
			cands = append(cands, s)
		}
	}
	best := d.Summary
	if best == "" && len(cands) > 0 {
		best = cands[0]
	}
	bestN := 0
	for _, s := range cands {
		if n := countMatches(s, isMatch); n > bestN {
			best, bestN = s, n
		}
	}
	return markHTML(window(best, isMatch), isMatch)
}

// wordSpans returns the byte ranges of jsWords' words in text.
func wordSpans(text string) [][2]int {
	var out [][2]int
	at := 0
	for _, w := range jsWords(text) {
		i := at + strings.Index(text[at:], w)
		out = append(out, [2]int{i, i + len(w)})
		at = i + len(w)
	}
	return out
}

func window(text string, isMatch func(string) bool) string {
	chars := []rune(text)
	if len(chars) <= jsSnippetChars {
		return text
	}
	start := 0
	for _, sp := range wordSpans(text) {
		if isMatch(fold(text[sp[0]:sp[1]])) {
			start = utf8.RuneCountInString(text[:sp[0]])
			break
		}
	}
	start = max(0, min(start-40, len(chars)-jsSnippetChars))
	for start > 0 && chars[start-1] != ' ' {
		start--
	}
	end := min(len(chars), start+jsSnippetChars)
	out := string(chars[start:end])
	if start > 0 {
		out = "…" + out
	}
	if end < len(chars) {
		out += "…"
	}
	return out
}

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;")

func markHTML(text string, isMatch func(string) bool) string {
	var b strings.Builder
	last := 0
	for _, sp := range wordSpans(text) {
		b.WriteString(htmlEscaper.Replace(text[last:sp[0]]))
		w := htmlEscaper.Replace(text[sp[0]:sp[1]])
		if isMatch(fold(text[sp[0]:sp[1]])) {
			b.WriteString("<mark>" + w + "</mark>")
		} else {
			b.WriteString(w)
		}
		last = sp[1]
	}
	b.WriteString(htmlEscaper.Replace(text[last:]))
	return b.String()
}

// Suggest is search.js's suggest(query): up to 5 corrected queries built
// from close vocabulary words, for a "did you mean" line.
func (e *Engine) Suggest(query string) ([]string, error) {
	stop := map[string]bool{}
	for _, s := range e.m.StopWords {
		stop[s] = true
	}
	words := e.tokenize(query, stop)
	if len(words) == 0 {
		return []string{}, nil
	}
	alternatives := make([][]closeWord, len(words))
	for i, w := range words {
		if w.stop {
			continue
		}
		var err error
		if alternatives[i], err = e.closeWords(w.folded); err != nil {
			return nil, err
		}
	}
	best := make([]string, len(words))
	orig := make([]string, len(words))
	for i, w := range words {
		orig[i] = w.surface
		best[i] = w.surface
		if a := alternatives[i]; len(a) > 0 && a[0].dist > 0 {
			best[i] = a[0].word
		}
	}
	out := []string{}
	add := func(q string) {
		if !slices.Contains(out, q) {
			out = append(out, q)
		}
	}
	if base := strings.Join(best, " "); base != strings.Join(orig, " ") {
		add(base)
	}
	for i := range words {
		for _, alt := range alternatives[i] {
			if alt.dist == 0 {
				continue
			}
			q := slices.Clone(best)
			q[i] = alt.word
			add(strings.Join(q, " "))
		}
	}
	return out[:min(5, len(out))], nil
}

type closeWord struct {
	word     string
	dist, df int
}

func (e *Engine) closeWords(f string) ([]closeWord, error) {
	if utf8.RuneCountInString(f) < 3 {
		return nil, nil
	}
	// A word the vocabulary holds is its own answer: the shards of its first
	// two letters tell; only an unknown word needs those of its swapped
	// letters too (search.js reads no more files than it must).
	ranges := vocabRanges(f, 2, false)
	shards, err := e.vocabShards(ranges[:1])
	if err != nil {
		return nil, err
	}
	if len(ranges) > 1 && !slices.ContainsFunc(shards, func(sh *engineShard) bool { return slices.Contains(sh.folded, f) }) {
		if shards, err = e.vocabShards(ranges); err != nil {
			return nil, err
		}
	}
	var syn *synonymFile
	if e.m.Synonyms != "" {
		if syn, err = cached(e, e.m.Synonyms, decodeJSON[synonymFile]); err != nil {
			return nil, err
		}
	}
	var order []string
	found := map[string]closeWord{}
	consider := func(surface, folded string, df int) {
		d := damerau(folded, f, 2)
		if d > 2 {
			return
		}
		old, ok := found[surface]
		if !ok {
			order = append(order, surface)
		}
		if !ok || d < old.dist {
			found[surface] = closeWord{word: surface, dist: d, df: df}
		}
	}
	for _, sh := range shards {
		for i, w := range sh.Words {
			consider(w[0], sh.folded[i], sh.Terms[w[1]][0])
		}
	}
	if syn != nil {
		for _, g := range syn.Groups {
			for _, ph := range g {
				for _, w := range ph {
					if _, ok := found[w[0]]; w[1] != "" && !ok {
						consider(w[0], fold(w[0]), 0)
					}
				}
			}
		}
	}
	list := make([]closeWord, 0, len(order))
	for _, w := range order {
		list = append(list, found[w])
	}
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.dist != b.dist {
			return a.dist < b.dist
		}
		if a.df != b.df {
			return a.df > b.df
		}
		return lessUTF16(a.word, b.word)
	})
	if len(list) > 0 && list[0].dist == 0 {
		return list[:1], nil
	}
	return list[:min(5, len(list))], nil
}

// engineHot is the manifest's hot vocabulary made ready (hotQuery in
// search.js).
type engineHot struct {
	stems    []qcand
	df       map[string]int // of every hot stem and phrase key
	words    map[string]*[2][]int
	shard    *engineShard // the hot words of each stem, for highlighting
	synonyms *synonymFile
	copies   map[string][]string // stem → the other shards holding a copy of its list
}

// choose reads a list that has copies (a class's broader phrase, see
// copyLists) from a shard the plan reads anyway when one holds a copy, as
// search.js does: a result's entry merges the entries of the shards its
// query read, so both front ends must read the same shards. A list of
// paths (the first round) takes a copy from paths' own shards only; one of
// later (read only if the first round gives too few results) from those
// of both.
func (h *engineHot) choose(paths, later map[string]string) {
	fixed := map[string]bool{}
	pick := func(ps map[string]string) {
		for k, p := range ps {
			if _, ok := h.copies[k]; !ok {
				fixed[p] = true
			}
		}
		// Each list's choice depends on fixed alone, so the order of
		// the lists does not matter.
		for k, p := range ps {
			if fixed[p] {
				continue
			}
			for _, c := range h.copies[k] {
				if fixed[c] {
					ps[k] = c
					break
				}
			}
		}
		for _, p := range ps {
			fixed[p] = true
		}
	}
	pick(paths)
	pick(later)
}

// shardPath names postings shard n ("" for none): its number and its
// group's hash.
func (m *engineManifest) shardPath(n int) string {
	if n < 0 || m.PostGroup <= 0 || n/m.PostGroup >= len(m.Postings) {
		return ""
	}
	return postingsPath(n, m.Postings[n/m.PostGroup])
}

func newEngineHot(m *engineManifest) *engineHot {
	path := m.shardPath
	h := &engineHot{words: map[string]*[2][]int{}, df: map[string]int{}, shard: &engineShard{byStem: map[string][]string{}}}
	for _, s := range m.Hot.Stems {
		stem, _ := s[0].(string)
		df, _ := s[1].(float64)
		c := qcand{stem: stem, weight: jsWeightExact, df: int(df)}
		if n, ok := s[2].(float64); ok {
			c.path = path(int(n))
		} else if s[2] == DeltaOnly {
			c.path = DeltaOnly
		}
		h.stems = append(h.stems, c)
		h.df[stem] = c.df
	}
	for _, row := range m.Hot.Copies { // as search.js reads them: rows naming no shard are none
		if len(row) < 2 || row[0] < 0 || row[0] >= len(h.stems) {
			continue
		}
		var at []string
		for _, n := range row[1:] {
			if p := path(n); p != "" {
				at = append(at, p)
			}
		}
		if len(at) > 0 {
			if h.copies == nil {
				h.copies = map[string][]string{}
			}
			h.copies[h.stems[row[0]].stem] = at
		}
	}
	valid := func(ix []int) []int {
		return slices.DeleteFunc(slices.Clone(ix), func(i int) bool { return i < 0 || i >= len(h.stems) })
	}
	for _, f := range slices.Sorted(maps.Keys(m.Hot.Words)) {
		e := [2][]int(m.Hot.Words[f])
		e = [2][]int{valid(e[0]), valid(e[1])}
		h.words[f] = &e
		for _, i := range e[0] {
			h.shard.byStem[h.stems[i].stem] = append(h.shard.byStem[h.stems[i].stem], f)
		}
	}
	if hs := m.HotSyn; hs != nil {
		h.synonyms = &synonymFile{Postings: map[string]string{}}
		// The phrase lists of the hot alternatives are hot stems too.
		for _, c := range h.stems {
			if isPhraseKey(c.stem) && c.path != "" {
				h.synonyms.Postings[c.stem] = c.path
			}
		}
		// A phrase word is [surface, stem index] or the index alone (the
		// surface is the stem).
		phrases := func(in [][]any) [][][2]string {
			out := make([][][2]string, len(in))
			for i, ph := range in {
				out[i] = make([][2]string, len(ph))
				for j, w := range ph {
					r, bare := w.(float64)
					if pair, ok := w.([]any); ok && len(pair) == 2 {
						out[i][j][0], _ = pair[0].(string)
						r, _ = pair[1].(float64)
					}
					if r >= 0 && int(r) < len(h.stems) {
						c := h.stems[int(r)]
						out[i][j][1] = c.stem
						if bare {
							out[i][j][0] = c.stem
						}
						if c.path != "" {
							h.synonyms.Postings[c.stem] = c.path
						}
					}
				}
			}
			return out
		}
		for _, g := range hs.Groups {
			h.synonyms.Groups = append(h.synonyms.Groups, phrases(g))
		}
		for _, c := range hs.Classes {
			h.synonyms.Classes = append(h.synonyms.Classes, [2][][][2]string{phrases(c[0]), phrases(c[1])})
		}
	}
	return h
}

// resolve returns the candidates of hot word f, as Engine.resolve would
// find them in the vocabulary shards.
func (h *engineHot) resolve(f string, prefix bool) []qcand {
	e := h.words[f]
	var out []qcand
	for _, i := range e[0] {
		out = append(out, h.stems[i])
	}
	if prefix {
		for _, i := range e[1] {
			c := h.stems[i]
			c.weight = jsWeightPrefix
			out = append(out, c)
		}
	}
	slices.SortStableFunc(out, byRank)
	return out
}
