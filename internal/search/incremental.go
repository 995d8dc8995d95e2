package search

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Incremental is a browser index kept in memory so that edits to documents
// rewrite only the files that hold them. Build is NewIncremental followed
// by Files; the dev server keeps the Incremental and calls Update.
//
// An update keeps the layout of the last full build: which keys share a
// postings shard and which words a vocabulary shard. It also keeps the
// corpus size and the average field lengths BM25 uses, and rescores the
// documents that were not edited only for terms whose document frequency
// changed: a term that merely moved between fields of an edited page (from
// the body to the title, say) keeps the other pages' scores until the next
// full build (every `medkb build`, and every dev-server rebuild other than
// a body edit), which recomputes all of it. Lists stay in rank order.
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

	pGroups [][]string        // postings shard → its keys (stems and facet keys), sorted
	pOf     map[string]int    // key → postings shard
	paths   map[string]string // key → postings shard path
	pPaths  []string          // postings shard → its path ("" when empty)
	vTable  [][3]string       // the manifest's vocabulary table
	vGroups [][]vocabWord     // vocabulary shard → its words, in order
	dGroups []string          // document group → its hash (see writer.docGroup)
	entries []json.RawMessage // document → its stored entry
	synPath string
	facPath string

	inv map[string][]termRef // stem → where documents hold it, by document; made by the first Update
	vOf map[string][]int     // stem → vocabulary shards listing it; made by the first Update

	files map[string][]byte
}

// ErrNeedsFullBuild is returned by Update for a change it cannot apply by
// shard (a document added or removed); build the index anew instead.
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
	ix.paths, ix.pGroups, ix.encoded = w.writePostings(ix.c, ix.lists, ix.facets, opts.Workers)
	ix.pOf = make(map[string]int, len(ix.paths))
	ix.pPaths = make([]string, len(ix.pGroups))
	for n, keys := range ix.pGroups {
		for _, k := range keys {
			ix.pOf[k] = n
		}
		ix.pPaths[n] = ix.paths[keys[0]]
	}
	ix.vTable, ix.vGroups = w.writeVocab(ix.c, ix.paths)
	ix.dGroups, ix.entries = w.writeDocs(sorted)
	ix.synPath = w.writeSynonyms(a, ix.synonyms, ix.classes, ix.paths)
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

// Change is what an Update did to the index files.
type Change struct {
	Written []File   // new or rewritten files
	Removed []string // files no longer part of the index
}

// Update replaces the documents with the same URLs as docs and rewrites
// the files that hold them: the document files of their groups, the
// postings shards of the terms they gained or lost or whose frequency
// changed, the vocabulary shards pointing at those, and the small files
// naming shards (manifest, synonyms, facets). A document whose URL is not in
// the index returns ErrNeedsFullBuild and changes nothing; after any other
// error the Incremental must be dropped and the index built anew.
func (ix *Incremental) Update(docs []Doc) (Change, error) {
	for _, d := range docs {
		if _, ok := ix.byURL[d.URL]; !ok {
			return Change{}, fmt.Errorf("%w: %s is not in the index", ErrNeedsFullBuild, d.URL)
		}
	}
	ix.PrepareUpdates()
	before := ix.files
	ix.files = make(map[string][]byte, len(before))
	for k, v := range before {
		ix.files[k] = v
	}
	w := &writer{}
	affected := map[string]bool{}  // postings keys whose lists change
	dfChanged := map[string]bool{} // stems that a document gained or lost
	dirtyDocs := map[int]bool{}    // document groups
	newWords := map[vocabWord]bool{}
	oldDocs := map[int32]analyzedDoc{} // the analyses the edit replaces
	for _, d := range docs {
		k := ix.byURL[d.URL]
		oldDocs[int32(k)] = ix.c.docs[k]
		ix.replaceDoc(k, d, affected, dfChanged, newWords)
		ix.entries[k] = w.docEntry(d)
		dirtyDocs[k/docsPerGroup] = true
	}
	// Facet lists follow section, audience and tags.
	facets := facetPostings(ix.docs)
	for k, l := range facets {
		if !slices.Equal(l, ix.facets[k]) {
			affected[k] = true
		}
	}
	for k := range ix.facets {
		if _, ok := facets[k]; !ok {
			affected[k] = true
		}
	}
	ix.facets = facets

	dirtyPostings := ix.rescore(affected, dfChanged, oldDocs)
	changedStems := map[string]bool{} // stems whose df or postings path changed
	for k := range dfChanged {
		changedStems[k] = true
	}
	for n := range dirtyPostings {
		for _, k := range ix.pGroups[n] {
			changedStems[k] = true
		}
		ix.rewritePostings(w, n)
	}
	ix.updateVocab(w, changedStems, newWords)
	ix.updateDocs(w, dirtyDocs)
	ix.replace(&ix.synPath, w.writeSynonyms(ix.a, ix.synonyms, ix.classes, ix.paths))
	ix.replace(&ix.facPath, w.writeFacets(ix.facets, ix.paths))
	w.add("manifest.json", ix.manifest())
	if w.err != nil {
		ix.files = before
		return Change{}, w.err
	}
	var ch Change
	for _, f := range w.files {
		if old, ok := before[f.Path]; !ok || string(old) != string(f.Data) {
			ch.Written = append(ch.Written, f)
		}
		ix.files[f.Path] = f.Data
	}
	for p := range before {
		if _, ok := ix.files[p]; !ok {
			ch.Removed = append(ch.Removed, p)
		}
	}
	sort.Slice(ch.Written, func(i, j int) bool { return ch.Written[i].Path < ch.Written[j].Path })
	sort.Strings(ch.Removed)
	return ch, nil
}

// replace points *path at a rewritten file, dropping the old one.
func (ix *Incremental) replace(path *string, next string) {
	if *path != next {
		delete(ix.files, *path)
		*path = next
	}
}

// PrepareUpdates makes the lookup tables Update needs (about a second at
// 10,000 documents), so that the first edit is as quick as the next ones.
// Update makes them itself when they are missing.
func (ix *Incremental) PrepareUpdates() {
	if ix.inv == nil {
		ix.indexTerms()
	}
}

// indexTerms makes the inverted index of stems to documents and of stems
// to the vocabulary shards listing them.
func (ix *Incremental) indexTerms() {
	ix.inv = make(map[string][]termRef, len(ix.c.stems))
	for i := range ix.c.docs {
		for j, t := range ix.c.docs[i].terms {
			ix.inv[t.stem] = append(ix.inv[t.stem], termRef{int32(i), int32(j)})
		}
	}
	ix.vOf = map[string][]int{}
	for n, ws := range ix.vGroups {
		for _, w := range ws {
			stem := ix.c.surfaces[w.surface]
			if l := ix.vOf[stem]; len(l) == 0 || l[len(l)-1] != n {
				ix.vOf[stem] = append(l, n)
			}
		}
	}
}

// replaceDoc analyses the new version of document k and updates the term
// statistics, marking the stems whose postings change.
func (ix *Incremental) replaceDoc(k int, d Doc, affected, dfChanged map[string]bool, newWords map[vocabWord]bool) {
	old := &ix.c.docs[k]
	had := make(map[string]bool, len(old.terms))
	for _, t := range old.terms {
		had[t.stem] = true
		st := ix.c.stems[t.stem]
		st.df--
		for f, tf := range t.tf {
			if tf > 0 {
				st.fieldDF[f]--
			}
		}
		affected[t.stem] = true
		ix.inv[t.stem] = removeDoc(ix.inv[t.stem], int32(k))
	}
	ix.docs[k] = d
	ix.c.docs[k] = analyzeDoc(ix.a, d)
	nd := &ix.c.docs[k]
	for _, sv := range nd.surfaces {
		if _, ok := ix.c.surfaces[sv[0]]; !ok {
			ix.c.surfaces[sv[0]] = sv[1]
			newWords[vocabWord{fold(sv[0]), sv[0]}] = true
		}
	}
	nd.surfaces = nil
	for j, t := range nd.terms {
		if !had[t.stem] {
			dfChanged[t.stem] = true
		}
		delete(had, t.stem)
		st := ix.c.stems[t.stem]
		if st == nil {
			st = &stemStats{}
			ix.c.stems[t.stem] = st
		}
		st.df++
		for f, tf := range t.tf {
			if tf > 0 {
				st.fieldDF[f]++
			}
		}
		affected[t.stem] = true
		ix.inv[t.stem] = insertDoc(ix.inv[t.stem], termRef{int32(k), int32(j)})
	}
	for stem := range had { // lost by the edit
		dfChanged[stem] = true
	}
}

// termRef is term number term of document doc.
type termRef struct{ doc, term int32 }

func findDoc(l []termRef, d int32) (int, bool) {
	return slices.BinarySearchFunc(l, d, func(r termRef, d int32) int { return int(r.doc - d) })
}

func removeDoc(l []termRef, d int32) []termRef {
	if i, ok := findDoc(l, d); ok {
		return slices.Delete(l, i, i+1)
	}
	return l
}

func insertDoc(l []termRef, r termRef) []termRef {
	i, ok := findDoc(l, r.doc)
	if ok {
		l[i] = r
		return l
	}
	return slices.Insert(l, i, r)
}

// rescore brings the postings lists of the affected keys up to date and
// places new keys in shards; it returns the postings shards to rewrite.
//
// When a stem's document frequency changed every document's score for it
// changes, so its list is scored anew. Otherwise only the edited documents'
// scores can differ: their postings are taken out and put back in rank,
// unless a full list lost one of them (then the next document in line is
// unknown, and the list is scored anew).
func (ix *Incremental) rescore(affected, dfChanged map[string]bool, oldDocs map[int32]analyzedDoc) map[int]bool {
	n := float64(len(ix.docs))
	weights := fieldWeights()
	dirty := map[int]bool{}
	for key := range affected {
		switch refs := ix.inv[key]; {
		case key[0] == '#': // a facet; ix.facets is already current
			if l, ok := ix.facets[key]; ok {
				ix.encoded[key] = mustJSON(l)
			} else {
				delete(ix.encoded, key)
			}
		case len(refs) == 0:
			delete(ix.lists, key)
			delete(ix.encoded, key)
			delete(ix.c.stems, key)
			delete(ix.inv, key)
		default:
			ps, same := ix.relist(key, dfChanged[key], oldDocs, n, &weights)
			if same {
				continue // the same bytes: nothing to rewrite
			}
			ix.lists[key] = ps
			ix.encoded[key] = ix.c.encodeList(ps)
		}
		_, present := ix.encoded[key]
		shard, placed := ix.pOf[key]
		switch {
		case present && !placed:
			shard = ix.placeKey(key)
		case !present && placed:
			g := ix.pGroups[shard]
			if i, ok := slices.BinarySearch(g, key); ok {
				ix.pGroups[shard] = slices.Delete(g, i, i+1)
			}
			delete(ix.pOf, key)
			delete(ix.paths, key)
		case !present:
			continue
		}
		dirty[shard] = true
	}
	return dirty
}

// relist returns the postings list of stem after the documents in oldDocs
// were edited, and whether it encodes to the same bytes as before (an edit
// rarely moves a page's rounded score for most of its words).
func (ix *Incremental) relist(stem string, all bool, oldDocs map[int32]analyzedDoc, n float64, weights *[numFields]float64) ([]posting, bool) {
	old := ix.lists[stem]
	refs := ix.inv[stem]
	// With the document frequency unchanged, only the edited pages' scores
	// can differ: work out their new postings.
	fresh := map[int32]posting{}
	if !all {
		for d := range oldDocs {
			if i, ok := findDoc(refs, d); ok {
				fresh[d] = ix.c.score(int(d), int(refs[i].term), n, ix.avg, weights)
			}
		}
		// A full list holds only the best pages. An edited page that was in
		// it and now ranks below its last entry may leave a place for a
		// page the list does not show: then score every page anew.
		if len(old) == maxPostingsPerTerm {
			last := old[len(old)-1]
			for _, p := range old {
				if q, ok := fresh[p.doc]; ok && ranksBefore(last, q) {
					all = true
					break
				}
			}
		}
	}
	if all {
		ps := make([]posting, 0, len(refs))
		for _, r := range refs {
			ps = append(ps, ix.c.score(int(r.doc), int(r.term), n, ix.avg, weights))
		}
		return rank(ps), false
	}
	same := true
	listed := 0
	for _, p := range old {
		if q, ok := fresh[p.doc]; ok {
			listed++
			od := oldDocs[p.doc]
			nd := &ix.c.docs[p.doc]
			same = same && q.score == p.score && q.title == p.title &&
				slices.Equal(od.positionsOf(&od.terms[p.term]), nd.positionsOf(&nd.terms[q.term]))
		}
	}
	if listed < len(fresh) {
		same = false // an edited page not in the list may enter it
	}
	if same {
		for i, p := range old { // the same data; point at the new analysis
			if q, ok := fresh[p.doc]; ok {
				old[i].term = q.term
			}
		}
		return old, true
	}
	ps := make([]posting, 0, len(old)+len(fresh))
	for _, p := range old {
		if _, ok := oldDocs[p.doc]; !ok {
			ps = append(ps, p)
		}
	}
	for _, q := range fresh {
		ps = append(ps, q)
	}
	ranked := rank(ps)
	if len(old) == maxPostingsPerTerm && slices.Equal(ranked, old) {
		return old, true // an edited page below the cut stayed there
	}
	return ranked, false
}

// ranksBefore reports whether posting a comes before b in a list.
func ranksBefore(a, b posting) bool { return comparePostings(a, b) < 0 }

// placeKey adds a new key to the postings shard whose key range covers it
// (the last shard starting at or before it).
func (ix *Incremental) placeKey(key string) int {
	if len(ix.pGroups) == 0 {
		ix.pGroups, ix.pPaths = [][]string{nil}, []string{""}
	}
	n := 0
	for i, g := range ix.pGroups {
		if len(g) > 0 && g[0] <= key {
			n = i
		}
	}
	g := ix.pGroups[n]
	i, _ := slices.BinarySearch(g, key)
	ix.pGroups[n] = slices.Insert(g, i, key)
	ix.pOf[key] = n
	return n
}

// rewritePostings encodes postings shard n anew.
func (ix *Incremental) rewritePostings(w *writer, n int) {
	delete(ix.files, ix.pPaths[n])
	ix.pPaths[n] = ""
	if len(ix.pGroups[n]) == 0 {
		return
	}
	shard := make(map[string]json.RawMessage, len(ix.pGroups[n]))
	for _, k := range ix.pGroups[n] {
		shard[k] = ix.encoded[k]
	}
	path := w.addHashed("postings/", n, shard)
	ix.pPaths[n] = path
	for _, k := range ix.pGroups[n] {
		ix.paths[k] = path
	}
}

// updateVocab rewrites the vocabulary shards that list a changed stem or
// gain a new word, and drops words whose stem left the index.
func (ix *Incremental) updateVocab(w *writer, changed map[string]bool, newWords map[vocabWord]bool) {
	dirty := map[int]bool{}
	for stem := range changed {
		for _, n := range ix.vOf[stem] {
			dirty[n] = true
		}
	}
	for wd := range newWords {
		if len(ix.vGroups) == 0 {
			ix.vGroups, ix.vTable = [][]vocabWord{nil}, [][3]string{{}}
		}
		n := 0 // the last shard starting at or before the word
		for i, g := range ix.vGroups {
			if len(g) > 0 && !wd.less(g[0]) {
				n = i
			}
		}
		g := ix.vGroups[n]
		i := sort.Search(len(g), func(i int) bool { return wd.less(g[i]) })
		ix.vGroups[n] = slices.Insert(g, i, wd)
		stem := ix.c.surfaces[wd.surface]
		if l := ix.vOf[stem]; !slices.Contains(l, n) {
			ix.vOf[stem] = append(l, n)
		}
		dirty[n] = true
	}
	for n := range dirty {
		words := ix.vGroups[n][:0:0]
		for _, wd := range ix.vGroups[n] {
			if _, ok := ix.lists[ix.c.surfaces[wd.surface]]; ok {
				words = append(words, wd)
			}
		}
		ix.vGroups[n] = words
		delete(ix.files, ix.vTable[n][2])
		path := w.addHashed("vocab/", n, ix.c.vocabShard(words, ix.paths))
		if len(words) == 0 { // an empty shard keeps its bounds until the next full build
			ix.vTable[n][2] = path
			continue
		}
		ix.vTable[n] = [3]string{words[0].folded, words[len(words)-1].folded, path}
	}
}

// updateDocs rewrites the files of the given document groups: every file
// of a group is renamed when one of its documents changed.
func (ix *Incremental) updateDocs(w *writer, dirty map[int]bool) {
	for g := range dirty {
		first := g * docsPerGroup
		end := min(first+docsPerGroup, len(ix.entries))
		for d := first; d < end; d++ {
			delete(ix.files, docPath(d, ix.dGroups[g]))
		}
		ix.dGroups[g] = w.docGroup(first, ix.entries[first:end])
	}
}
