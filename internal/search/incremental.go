package search

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
)

// Incremental is a browser index kept in memory after a full build: Build
// is NewIncremental followed by Files, and the delta segment of a later
// edit (delta.go) is computed against it. A delta is the one update
// mechanism, for the dev server and `medkb build`'s patch path alike; the
// index files themselves are only ever written whole.
type Incremental struct {
	opts     Options
	a        *analyzer
	docs     []Doc // by URL; the position is the document number
	byURL    map[string]int
	c        *corpus
	avg      [numFields]float64 // frozen at the full build
	lists    map[string][]posting
	encoded  map[string]json.RawMessage // key → its list as JSON, for shards rewritten around it
	facets   map[string][]int
	synonyms [][]string
	classes  []class

	pGroups  [][]string        // postings shard → its keys (stems and facet keys), sorted
	pOf      map[string]int    // key → postings shard
	paths    map[string]string // key → postings shard path
	pPaths   []string          // postings shard → its path ("" when empty)
	vTable   [][3]string       // the manifest's vocabulary table
	vGroups  [][]vocabWord     // vocabulary shard → its words, in order
	dBundles []string          // document bundle → its hash (see writer.writeDocs)
	synPath  string
	pHashes  []string // postings shard group → its hash
	hot      *hotVocab
	hotSyn   *hotSynonyms
	facPath  string

	files map[string][]byte
}

// ErrNeedsFullBuild is returned for a change a delta cannot carry (a
// document added or removed); build the index anew instead.
var ErrNeedsFullBuild = errors.New("search: the change needs a full index build")

// NewIncremental builds the index of docs.
func NewIncremental(docs []Doc, opts Options) (*Incremental, error) {
	a, err := newAnalyzer(opts.Lang)
	if err != nil {
		return nil, err
	}
	sorted, err := sortDocs(docs)
	if err != nil {
		return nil, err
	}
	ix := &Incremental{opts: opts, a: a, docs: sorted, byURL: make(map[string]int, len(sorted))}
	for i, d := range sorted {
		ix.byURL[d.URL] = i
	}
	ix.c = analyzeCorpus(a, sorted, opts)
	ix.avg = ix.c.averages()
	ix.lists = ix.c.postings(ix.avg)
	ix.facets = facetPostings(sorted)
	ix.synonyms = synonymTable(a.chain.Lang, opts.Synonyms, opts.RemoveSynonyms)
	ix.classes = builtinClasses(a.chain.Lang)
	w := &writer{}
	rd := newResultData(ix.c, sorted, ix.lists, opts.Workers)
	ix.paths, ix.pGroups, ix.encoded = w.writePostings(ix.c, ix.lists, ix.facets, rd, opts.Workers)
	ix.pOf = make(map[string]int, len(ix.paths))
	ix.pPaths = make([]string, len(ix.pGroups))
	for n, keys := range ix.pGroups {
		for _, k := range keys {
			ix.pOf[k] = n
		}
		ix.pPaths[n] = ix.paths[keys[0]]
	}
	ix.vTable, ix.vGroups = w.writeVocab(ix.c, ix.paths)
	ix.dBundles = w.writeDocs(sorted)
	var syn *synonymFile
	ix.synPath, syn = w.writeSynonyms(a, ix.synonyms, ix.classes, ix.paths)
	ix.pHashes = w.postingsGroups
	ix.hot, ix.hotSyn = ix.c.hotVocabulary(sorted, slices.Concat(ix.vGroups...), ix.pOf, syn)
	ix.facPath = w.writeFacets(ix.facets, ix.paths)
	w.add("manifest.json", ix.manifest())
	if w.err != nil {
		return nil, w.err
	}
	ix.files = make(map[string][]byte, len(w.files))
	for _, f := range w.files {
		ix.files[f.Path] = f.Data
	}
	return ix, nil
}

func (ix *Incremental) manifest() manifest {
	return manifest{
		Version:    formatVersion,
		Lang:       ix.a.chain.Lang,
		Base:       ix.opts.BasePath,
		Docs:       len(ix.docs),
		Terms:      len(ix.lists),
		StopWords:  ix.a.stopWords,
		Filler:     fillerWords(ix.a.chain.Lang, ix.a.stopWords),
		Possessive: ix.a.chain.Lang == "en",
		Fuzzy:      [2]int{fuzzyOneEditMinRunes, fuzzyTwoEditMinRunes},
		Vocab:      ix.vTable,
		DocBundles: ix.dBundles,
		BundleSize: docsPerBundle,
		BundleGrp:  bundlesPerGroup,
		Postings:   ix.pHashes,
		PostGroup:  postingsPerGroup,
		Hot:        ix.hot,
		HotSyn:     ix.hotSyn,
		Synonyms:   ix.synPath,
		Facets:     ix.facPath,
		Sections:   sectionList(ix.docs),
		Audiences:  audienceList(ix.docs),
		Fallback:   newManifestFallback(ix.opts.BasePath, ix.opts.Fallback),
	}
}

// Files returns the index files in path order.
func (ix *Incremental) Files() []File {
	out := make([]File, 0, len(ix.files))
	for _, p := range sortedKeys(ix.files) {
		out = append(out, File{Path: p, Data: ix.files[p]})
	}
	return out
}

// Stats summarises the index.
func (ix *Incremental) Stats() Stats {
	st := Stats{Docs: len(ix.docs), Terms: len(ix.lists), Files: len(ix.files)}
	for _, d := range ix.files {
		st.Bytes += int64(len(d))
	}
	return st
}

// IsIndexFile reports whether path (relative to the index folder) is one of
// the files an index consists of: manifest.json or a content-hashed shard.
// The search modules and pages that share the folder are not.
func IsIndexFile(path string) bool {
	if path == "manifest.json" {
		return true
	}
	dir, name, ok := strings.Cut(path, "/")
	if !ok || strings.Contains(name, "/") || !strings.HasSuffix(name, ".json") {
		return false
	}
	switch dir {
	case "postings", "vocab", "docs", "synonyms", "facets", "delta":
		return true
	}
	return false
}
