package search

import (
	"errors"
	"strings"
)

// Incremental is a browser index kept in memory after a full build: Build
// is NewIncremental followed by Files, and the delta segment of a later
// edit (delta.go) is computed against its Base. A delta is the one update
// mechanism, for the dev server and `medkb build`'s patch path alike; the
// index files themselves are only ever written whole.
type Incremental struct {
	base  *Base
	stats Stats
	files map[string][]byte
}

// ErrNeedsFullBuild is returned for a change a delta cannot carry (a
// document added or removed); build the index anew instead.
var ErrNeedsFullBuild = errors.New("search: the change needs a full index build")

// NewIncremental builds the index of docs and keeps its files.
func NewIncremental(docs []Doc, opts Options) (*Incremental, error) {
	ix := &Incremental{files: map[string][]byte{}}
	var err error
	ix.base, ix.stats, err = Write(docs, opts, func(f File) error {
		ix.files[f.Path] = f.Data
		return nil
	})
	if err != nil {
		return nil, err
	}
	return ix, nil
}

// Write builds the index of docs, the files Build returns, and hands each
// file to emit as soon as it is made, keeping none: a build holds the
// compact postings of the documents (on disk past opts.MemoryBudget, with
// opts.SpillDir set), one postings shard and one group of document
// entries at a time. The files come in no particular order; the manifest
// is the last. It returns the base for delta segments over the index.
// An error from emit stops the build and is returned.
func Write(docs []Doc, opts Options, emit func(File) error) (*Base, Stats, error) {
	a, err := newAnalyzer(opts.Lang)
	if err != nil {
		return nil, Stats{}, err
	}
	sorted, err := sortDocs(docs)
	if err != nil {
		return nil, Stats{}, err
	}
	terms := newTermIndex(opts.budget(), opts.SpillDir)
	defer terms.removeRuns()
	if err := terms.analyzeAll(a, sorted, opts.Workers); err != nil {
		return nil, Stats{}, err
	}
	avg := terms.averages()
	sc := scoring{n: float64(len(sorted)), avg: avg}
	facets := facetPostings(sorted)
	w := &writer{emit: emit}
	// The hot vocabulary comes first: the postings shards carry result
	// entries only for the lists a query of hot words reads.
	words := terms.vocabulary()
	groups, err := synonymTable(a.chain.Lang, opts.Synonyms, opts.RemoveSynonyms)
	if err != nil {
		return nil, Stats{}, err
	}
	classes, err := builtinClasses(a.chain.Lang)
	if err != nil {
		return nil, Stats{}, err
	}
	syn := synonymTableOf(a, groups, classes, terms.has)
	hot, hotSyn := terms.hotVocabulary(sorted, words, syn)
	phrases := phraseKeys(syn)
	join := newPhraseJoin(phrases)
	paths, nums, copies, err := w.writePostings(join.stream(func(yield func(list) error) error {
		return terms.lists(sc, opts.Workers, yield)
	}), facets, newResultData(sorted, terms.surfaces, hot.firstQueryStems(terms)), hot.affinity(hotSyn, hot.titlePairs))
	if err != nil {
		return nil, Stats{}, err
	}
	hot.placeStems(nums, join.docs, copies)
	vocab := w.writeVocab(terms, words, paths, syn)
	synPath := w.writeSynonyms(syn, paths)
	m := manifest{
		Version:    formatVersion,
		Lang:       a.chain.Lang,
		Base:       opts.BasePath,
		Docs:       len(sorted),
		Terms:      len(terms.stems),
		StopWords:  a.stopWords,
		Filler:     fillerWords(a.chain.Lang, a.stopWords),
		Possessive: a.chain.Lang == "en",
		Fuzzy:      [2]int{fuzzyOneEditMinRunes, fuzzyTwoEditMinRunes},
		Vocab:      vocab,
		DocBundles: w.writeDocs(sorted),
		BundleSize: docsPerBundle,
		BundleGrp:  bundlesPerGroup,
		Postings:   w.postingsGroups,
		PostGroup:  postingsPerGroup,
		Hot:        hot,
		HotSyn:     hotSyn,
		Synonyms:   synPath,
		Facets:     w.writeFacets(facets, paths),
		Sections:   sectionList(sorted),
		Audiences:  audienceList(sorted),
		Fallback:   newManifestFallback(opts.BasePath, opts.Fallback),
	}
	data := w.add("manifest.json", m)
	if w.err != nil {
		return nil, Stats{}, w.err
	}
	st := Stats{Docs: len(sorted), Terms: len(terms.stems), Files: w.count, Bytes: w.bytesWritten}
	return newBase(opts.Lang, data, sorted, avg, terms, paths, phrases), st, nil
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
func (ix *Incremental) Stats() Stats { return ix.stats }

// Base returns the base for delta segments over this index.
func (ix *Incremental) Base() *Base { return ix.base }

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
