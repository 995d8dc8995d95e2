package search

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// Index is a bleve index on disk for terminal search. It uses the same
// analysis chain, field weights and synonym expansion as Build. An Index is
// safe for concurrent Search calls; Update and Close must not run
// concurrently with other calls.
type Index struct {
	idx      bleve.Index
	an       *analyzer
	synonyms [][]phraseWords
}

// Hit is one terminal search result.
type Hit struct {
	URL, Title, Section, Excerpt string
	Score                        float64
}

const (
	analyzerName = "medkb"
	configKey    = "medkb-config"
	titleBonus   = 1000.0 // added when every title stem is matched by the query
)

// OpenIndex opens the bleve index in dir, creating it when dir does not
// exist. An index built with a different analysis chain (another language,
// or an older format) is deleted and recreated empty, so the next Update
// reindexes everything.
func OpenIndex(dir string, opts Options) (*Index, error) {
	an, err := newAnalyzer(opts.Lang)
	if err != nil {
		return nil, err
	}
	cfg, err := json.Marshal(struct {
		Version int   `json:"version"`
		Chain   chain `json:"chain"`
	}{formatVersion, an.chain})
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	idx, err := openOrCreate(dir, an.chain, cfg)
	if err != nil {
		return nil, err
	}
	groups := synonymTable(an.chain.Lang, opts.Synonyms, opts.RemoveSynonyms)
	return &Index{idx: idx, an: an, synonyms: analyzeGroups(an, groups)}, nil
}

func openOrCreate(dir string, c chain, cfg []byte) (bleve.Index, error) {
	idx, err := bleve.Open(dir)
	switch {
	case err == nil:
		stored, gerr := idx.GetInternal([]byte(configKey))
		if gerr == nil && string(stored) == string(cfg) {
			return idx, nil
		}
		idx.Close()
		if _, serr := os.Stat(filepath.Join(dir, "index_meta.json")); serr != nil {
			return nil, fmt.Errorf("search: %s: not a bleve index: %w", dir, serr)
		}
		if err := os.RemoveAll(dir); err != nil {
			return nil, fmt.Errorf("search: reset index %s: %w", dir, err)
		}
	case !errors.Is(err, bleve.ErrorIndexPathDoesNotExist):
		return nil, fmt.Errorf("search: open index %s: %w", dir, err)
	}
	m, err := indexMapping(c)
	if err != nil {
		return nil, err
	}
	idx, err = bleve.New(dir, m)
	if err != nil {
		return nil, fmt.Errorf("search: create index %s: %w", dir, err)
	}
	if err := idx.SetInternal([]byte(configKey), cfg); err != nil {
		idx.Close()
		return nil, fmt.Errorf("search: %s: %w", dir, err)
	}
	return idx, nil
}

// indexMapping registers the chain as the custom analyzer "medkb" and maps
// the weighted text fields to it.
func indexMapping(c chain) (*mapping.IndexMappingImpl, error) {
	m := bleve.NewIndexMapping()
	if err := m.AddCustomAnalyzer(analyzerName, c.analyzerConfig()); err != nil {
		return nil, fmt.Errorf("search: analyzer: %w", err)
	}
	m.DefaultAnalyzer = analyzerName
	m.ScoringModel = index.BM25Scoring
	dm := bleve.NewDocumentStaticMapping()
	for _, f := range docFields(Doc{}) {
		fm := bleve.NewTextFieldMapping()
		fm.Analyzer = analyzerName
		fm.Store = f.name == "title" || f.name == "body"
		fm.IncludeTermVectors = true
		dm.AddFieldMappingsAt(f.name, fm)
	}
	for _, name := range []string{"url", "section", "audience", "hash"} {
		fm := bleve.NewKeywordFieldMapping()
		fm.IncludeInAll = false
		dm.AddFieldMappingsAt(name, fm)
	}
	m.DefaultMapping = dm
	return m, nil
}

// indexedDoc is the document shape given to bleve.
type indexedDoc struct {
	URL      string   `json:"url"`
	Title    string   `json:"title"`
	Headings []string `json:"headings"`
	Tags     []string `json:"tags"`
	Summary  string   `json:"summary"`
	Glossary []string `json:"glossary"`
	Body     string   `json:"body"`
	Section  string   `json:"section"`
	Audience string   `json:"audience"`
	Hash     string   `json:"hash"`
}

func toIndexed(d Doc) (indexedDoc, error) {
	data, err := json.Marshal(d)
	if err != nil {
		return indexedDoc{}, fmt.Errorf("search: hash %s: %w", d.URL, err)
	}
	sum := sha256.Sum256(data)
	return indexedDoc{URL: d.URL, Title: d.Title, Headings: d.Headings, Tags: d.Tags, Summary: d.Summary,
		Glossary: d.Glossary, Body: d.Body, Section: d.Section, Audience: d.Audience,
		Hash: hex.EncodeToString(sum[:])}, nil
}

// Update makes the index hold exactly docs: documents whose content hash
// changed are reindexed, new ones added, and those no longer in docs
// deleted. Documents are keyed by URL.
func (ix *Index) Update(docs []Doc) (added, updated, deleted int, err error) {
	if _, err := sortDocs(docs); err != nil {
		return 0, 0, 0, err
	}
	have, err := ix.hashes()
	if err != nil {
		return 0, 0, 0, err
	}
	b := ix.idx.NewBatch()
	for _, d := range docs {
		id, err := toIndexed(d)
		if err != nil {
			return 0, 0, 0, err
		}
		old, ok := have[d.URL]
		delete(have, d.URL)
		if ok && old == id.Hash {
			continue
		}
		if err := b.Index(d.URL, id); err != nil {
			return 0, 0, 0, fmt.Errorf("search: index %s: %w", d.URL, err)
		}
		if ok {
			updated++
		} else {
			added++
		}
	}
	for _, url := range sortedKeys(have) {
		b.Delete(url)
		deleted++
	}
	if err := ix.idx.Batch(b); err != nil {
		return 0, 0, 0, fmt.Errorf("search: update index: %w", err)
	}
	return added, updated, deleted, nil
}

// hashes returns the stored content hash of every indexed document by URL.
func (ix *Index) hashes() (map[string]string, error) {
	n, err := ix.idx.DocCount()
	if err != nil {
		return nil, fmt.Errorf("search: count documents: %w", err)
	}
	out := make(map[string]string, n)
	if n == 0 {
		return out, nil
	}
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), int(n), 0, false)
	req.Fields = []string{"hash"}
	res, err := ix.idx.Search(req)
	if err != nil {
		return nil, fmt.Errorf("search: list documents: %w", err)
	}
	for _, h := range res.Hits {
		s, _ := h.Fields["hash"].(string)
		out[h.ID] = s
	}
	return out, nil
}

// Close releases the index.
func (ix *Index) Close() error {
	if err := ix.idx.Close(); err != nil {
		return fmt.Errorf("search: close index: %w", err)
	}
	return nil
}

// Search runs query with the same semantics as search.js: free words are
// scored with a coordination factor (typo-tolerant, the last word also as
// a prefix), synonym phrases add their alternatives, quoted phrases must
// match, and a document whose whole title is matched ranks first.
func (ix *Index) Search(q string, limit int) ([]Hit, error) {
	if limit <= 0 {
		limit = 10
	}
	pq := parseQuery(ix.an, q)
	bq, stems := ix.buildQuery(pq)
	if bq == nil {
		return nil, nil
	}
	req := bleve.NewSearchRequestOptions(bq, limit*3+10, 0, false)
	req.Fields = []string{"title", "body", "section", "url"}
	res, err := ix.idx.Search(req)
	if err != nil {
		return nil, fmt.Errorf("search: %q: %w", q, err)
	}
	hits := make([]Hit, 0, len(res.Hits))
	for _, h := range res.Hits {
		title, _ := h.Fields["title"].(string)
		body, _ := h.Fields["body"].(string)
		section, _ := h.Fields["section"].(string)
		hit := Hit{URL: h.ID, Title: title, Section: section, Score: h.Score,
			Excerpt: ix.excerpt(body, stems)}
		if ix.titleCovered(title, stems) {
			hit.Score += titleBonus
		}
		hits = append(hits, hit)
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].URL < hits[j].URL
	})
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return hits, nil
}

// buildQuery turns a parsed query into a bleve query and returns the set of
// stems it searches (for excerpts and the title rule).
func (ix *Index) buildQuery(pq parsedQuery) (query.Query, map[string]bool) {
	stems := map[string]bool{}
	var should []query.Query
	spans := findSynonymSpans(pq.words, ix.synonyms)
	last := lastContentWord(pq.words)
	for i := 0; i < len(pq.words); {
		if len(spans) > 0 && spans[0].start == i {
			sp := spans[0]
			spans = spans[1:]
			should = append(should, ix.spanQuery(pq.words[sp.start:sp.end], sp.alts, pq.prefix && sp.end > last, stems))
			i = sp.end
			continue
		}
		if w := pq.words[i]; w.Stem != "" {
			should = append(should, ix.wordQuery(w, pq.prefix && i == last, stems))
		}
		i++
	}
	var must []query.Query
	for _, ph := range pq.phrases {
		var text []string
		for _, t := range ph {
			text = append(text, t.Surface)
			if t.Stem != "" {
				stems[t.Stem] = true
			}
		}
		must = append(must, fieldsQuery(func(f string) query.Query {
			m := bleve.NewMatchPhraseQuery(strings.Join(text, " "))
			m.SetField(f)
			return m
		}))
	}
	if len(should) == 0 && len(must) == 0 {
		return nil, stems
	}
	b := bleve.NewBooleanQuery()
	b.AddMust(must...)
	b.AddShould(should...)
	if len(must) == 0 {
		b.SetMinShould(1)
	}
	return b, stems
}

func lastContentWord(words []token) int {
	for i := len(words) - 1; i >= 0; i-- {
		if words[i].Stem != "" {
			return i
		}
	}
	return -1
}

// wordQuery matches one word through its candidate stems, each boosted by
// its weight.
func (ix *Index) wordQuery(w token, prefix bool, stems map[string]bool) query.Query {
	d := bleve.NewDisjunctionQuery()
	for _, c := range ix.candidates(w, prefix) {
		stems[c.stem] = true
		q := fieldsQuery(func(f string) query.Query {
			t := bleve.NewTermQuery(c.stem)
			t.SetField(f)
			return t
		})
		q.SetBoost(c.weight)
		d.AddQuery(q)
	}
	if len(d.Disjuncts) == 0 {
		// Nothing in the index: keep the clause so coordination counts it.
		stems[w.Stem] = true
		d.AddQuery(fieldsQuery(func(f string) query.Query {
			t := bleve.NewTermQuery(w.Stem)
			t.SetField(f)
			return t
		}))
	}
	return d
}

// candidate is an indexed stem a query word matches.
type candidate struct {
	stem   string
	weight float64
	count  uint64
}

// Candidate weights, the same as search.js.
const (
	weightExact  = 1.0
	weightPrefix = 0.8
	maxCands     = 10
)

func fuzzyWeight(dist int) float64 { return [...]float64{1, 0.7, 0.5}[dist] }

// candidates mirrors search.js's resolve on the index's term dictionary:
// the word's own stem when indexed, otherwise stems within the typo budget
// sharing the first two letters; for the word being typed also stems
// starting with it.
func (ix *Index) candidates(w token, prefix bool) []candidate {
	terms := ix.dict(key2(w.Stem))
	var exact, fuzzy, pre []candidate
	fz := fuzziness(w.Surface)
	usePrefix := prefix && utf8.RuneCountInString(w.Surface) >= 2
	for _, t := range terms {
		switch {
		case t.Term == w.Stem:
			exact = append(exact, candidate{t.Term, weightExact, t.Count})
		case usePrefix && (strings.HasPrefix(t.Term, w.Surface) || strings.HasPrefix(t.Term, w.Stem)):
			pre = append(pre, candidate{t.Term, weightPrefix, t.Count})
		}
	}
	if len(exact) == 0 && fz > 0 {
		for _, t := range terms {
			if d := damerau(t.Term, w.Stem, fz); d <= fz {
				fuzzy = append(fuzzy, candidate{t.Term, fuzzyWeight(d), t.Count})
			}
		}
	}
	return append(append(exact, bestCandidates(fuzzy)...), bestCandidates(pre)...)
}

func bestCandidates(cs []candidate) []candidate {
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].weight != cs[j].weight {
			return cs[i].weight > cs[j].weight
		}
		if cs[i].count != cs[j].count {
			return cs[i].count > cs[j].count
		}
		return cs[i].stem < cs[j].stem
	})
	return cs[:min(len(cs), maxCands)]
}

// dict lists the indexed terms (all fields) starting with prefix.
func (ix *Index) dict(prefix string) []index.DictEntry {
	fd, err := ix.idx.FieldDictPrefix("_all", []byte(prefix))
	if err != nil {
		return nil
	}
	defer fd.Close()
	var out []index.DictEntry
	for e, err := fd.Next(); err == nil && e != nil; e, err = fd.Next() {
		out = append(out, *e)
	}
	return out
}

// spanQuery matches a synonym span: its own words, or any alternative
// phrase. prefix is set when the span ends with the word being typed.
func (ix *Index) spanQuery(words []token, alts [][]string, prefix bool, stems map[string]bool) query.Query {
	d := bleve.NewDisjunctionQuery()
	own := bleve.NewBooleanQuery()
	last := lastContentWord(words)
	for i, w := range words {
		if w.Stem != "" {
			own.AddShould(ix.wordQuery(w, prefix && i == last, stems))
		}
	}
	d.AddQuery(own)
	for _, alt := range alts {
		text := strings.Join(alt, " ")
		for _, s := range ix.an.stems(text) {
			stems[s] = true
		}
		d.AddQuery(fieldsQuery(func(f string) query.Query {
			m := bleve.NewMatchPhraseQuery(text)
			m.SetField(f)
			return m
		}))
	}
	return d
}

// fieldsQuery ORs one query per weighted field, boosted by the field weight.
func fieldsQuery(per func(field string) query.Query) *query.DisjunctionQuery {
	d := bleve.NewDisjunctionQuery()
	for _, f := range docFields(Doc{}) {
		q := per(f.name)
		if b, ok := q.(query.BoostableQuery); ok {
			b.SetBoost(f.weight)
		}
		d.AddQuery(q)
	}
	return d
}

// titleCovered reports whether every stem of title is among stems.
func (ix *Index) titleCovered(title string, stems map[string]bool) bool {
	ts := ix.an.stems(title)
	for _, s := range ts {
		if !stems[s] {
			return false
		}
	}
	return len(ts) > 0
}

// excerpt returns the body sentence containing the most query stems, or the
// first sentence.
func (ix *Index) excerpt(body string, stems map[string]bool) string {
	sents := sentences(body, maxExcerptChars)
	best, bestN := 0, 0
	for i, s := range sents {
		n := 0
		for _, st := range ix.an.stems(s) {
			if stems[st] {
				n++
			}
		}
		if n > bestN {
			best, bestN = i, n
		}
	}
	if len(sents) == 0 {
		return ""
	}
	return sents[best]
}
