package search

import (
	"errors"
	"strings"
)

// Incremental is a browser index kept in memory after a full build: Build
// is NewIncremental followed by Files, and the delta segment of a later
// edit (delta.go) is computed against it. A delta is the one update
// mechanism, for the dev server and `medkb build`'s patch path alike; the
// index files themselves are only ever written whole.
type Incremental struct {
	opts    Options
	a       *analyzer
	docs    []Doc // by URL; the position is the document number
	terms   *termIndex
	avg     [numFields]float64 // frozen at the full build
	paths   map[string]string  // key → postings shard path
	vTable  [][3]string        // the manifest's vocabulary table
	dGroups []string           // document group → its hash (see writer.docGroup)
	synPath string
	facPath string

	files map[string][]byte
}

// ErrNeedsFullBuild is returned for a change a delta cannot carry (a
// document added or removed); build the index anew instead.
var ErrNeedsFullBuild = errors.New("search: the change needs a full index build")

// NewIncremental builds the index of docs. With opts.SpillDir set, the
// postings pass opts.MemoryBudget go to disk there while documents are
// analysed (see termIndex), and are read back as the index is written.
func NewIncremental(docs []Doc, opts Options) (*Incremental, error) {
	a, err := newAnalyzer(opts.Lang)
	if err != nil {
		return nil, err
	}
	sorted, err := sortDocs(docs)
	if err != nil {
		return nil, err
	}
	ix := &Incremental{opts: opts, a: a, docs: sorted}
	ix.terms = newTermIndex(opts.budget(), opts.SpillDir)
	defer ix.terms.removeRuns()
	if err := ix.terms.analyzeAll(a, sorted, opts.Workers); err != nil {
		return nil, err
	}
	ix.avg = ix.terms.averages()
	sc := scoring{n: float64(len(sorted)), avg: ix.avg}
	facets := facetPostings(sorted)
	w := &writer{}
	ix.paths, err = w.writePostings(func(yield func(list) error) error {
		return ix.terms.lists(sc, opts.Workers, yield)
	}, facets)
	if err != nil {
		return nil, err
	}
	ix.terms.bufs, ix.terms.last = nil, nil // written
	ix.vTable = w.writeVocab(ix.terms, ix.paths)
	ix.dGroups, _ = w.writeDocs(sorted)
	synonyms := synonymTable(a.chain.Lang, opts.Synonyms, opts.RemoveSynonyms)
	ix.synPath = w.writeSynonyms(a, synonyms, builtinClasses(a.chain.Lang), ix.paths)
	ix.facPath = w.writeFacets(facets, ix.paths)
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
		Terms:      len(ix.terms.stems),
		StopWords:  ix.a.stopWords,
		Filler:     fillerWords(ix.a.chain.Lang, ix.a.stopWords),
		Possessive: ix.a.chain.Lang == "en",
		Fuzzy:      [2]int{fuzzyOneEditMinRunes, fuzzyTwoEditMinRunes},
		Vocab:      ix.vTable,
		DocGroups:  ix.dGroups,
		GroupSize:  docsPerGroup,
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
	st := Stats{Docs: len(ix.docs), Terms: len(ix.terms.stems), Files: len(ix.files)}
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
