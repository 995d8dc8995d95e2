package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Doc is one page to index.
type Doc struct {
	URL, Title, Section, SectionTitle, Summary, Audience, Lang string
	Tags, Headings, Glossary                                   []string // Glossary: glossary terms appearing on the page
	About                                                      []string // names of the conditions the page is about (front matter about:), indexed with the tags
	Secondary                                                  bool     // a trust or policy page: ranked as a page for another audience
	Body                                                       string   // plain visible text
	Date                                                       time.Time
	Reviewed                                                   time.Time // last medical review, shown as "Reviewed <date>" in results

	// Text, when set, returns the body instead of Body, for a caller that
	// does not hold every document's text at once: the index asks for it
	// when it analyses the document and again when it writes its entries.
	Text func() string
}

// body returns the document's plain visible text.
func (d *Doc) body() string {
	if d.Text != nil {
		return d.Text()
	}
	return d.Body
}

// Options configure analysis and output.
type Options struct {
	Lang           string     // "en", "es", "ar", …: picks bleve's stemmer and stop words where bleve has them, else standard analysis
	Synonyms       [][]string // extra groups of equivalent phrases, may be multi-word
	RemoveSynonyms [][]string // built-in groups to drop: a group goes when it contains every phrase of one of these
	BasePath       string     // URL path the files are served under, e.g. "/search/"; recorded in the manifest
	// Fallback names the default language's index, for an index of
	// another language: when a query finds fewer than fallbackBelow pages
	// here, both front ends also query that index and offer its pages,
	// labelled with their language. Zero: no fallback.
	Fallback Fallback
	// Workers bounds the goroutines analysing documents (0: one per CPU).
	// It never changes the output, only how much of the machine Build uses.
	Workers int
	// SpillDir is the directory under which Build may make a temporary
	// directory of its own to hold the postings that pass MemoryBudget
	// while documents are analysed; Build removes that directory before it
	// returns (SpillDir itself is made if missing and left). Empty: every
	// posting stays in memory. Like Workers, it never changes the output.
	SpillDir string
	// MemoryBudget is the bytes of compact postings held in memory before
	// they are spilled to SpillDir (0: DefaultMemoryBudget).
	MemoryBudget int
}

// DefaultMemoryBudget is the postings budget of a build that names none:
// about 30,000 articles of 1,000 words before the first spill.
const DefaultMemoryBudget = 128 << 20

func (o Options) budget() int {
	if o.MemoryBudget > 0 {
		return o.MemoryBudget
	}
	return DefaultMemoryBudget
}

// Fallback is the index a query falls back to (see Options.Fallback).
type Fallback struct {
	BasePath string // URL path of its directory, e.g. "/search/"
	Lang     string // its language code, e.g. "en"
	Name     string // its language's name for the result label, e.g. "English"
}

// fallbackBelow is the number of results under which a query also asks
// the fallback index. search.js has the same constant.
const fallbackBelow = 3

// manifestFallback is the manifest's record of a Fallback: Base is the
// fallback directory relative to this index's own directory (so the files
// may be served under any prefix and read from disk alike).
type manifestFallback struct {
	Base string `json:"base"`
	Lang string `json:"lang"`
	Name string `json:"name,omitempty"`
}

// newManifestFallback returns the manifest's fallback record for an index
// served at base, or nil when opts has no fallback.
func newManifestFallback(base string, fb Fallback) *manifestFallback {
	if fb.BasePath == "" || fb.BasePath == base {
		return nil
	}
	return &manifestFallback{Base: relativeDir(base, fb.BasePath), Lang: fb.Lang, Name: fb.Name}
}

// relativeDir returns the directory URL path to as seen from the
// directory from ("/es/search/", "/search/" → "../../search/"). A relative
// to, or an empty from, is returned as it is.
func relativeDir(from, to string) string {
	if !strings.HasPrefix(to, "/") || !strings.HasPrefix(from, "/") {
		return to
	}
	f := strings.Split(strings.Trim(from, "/"), "/")
	t := strings.Split(strings.Trim(to, "/"), "/")
	if f[0] == "" {
		f = nil
	}
	if t[0] == "" {
		t = nil
	}
	common := 0
	for common < len(f) && common < len(t) && f[common] == t[common] {
		common++
	}
	rel := strings.Repeat("../", len(f)-common) + strings.Join(t[common:], "/")
	if rel == "" {
		return "./"
	}
	return strings.TrimSuffix(rel, "/") + "/"
}

// File is one output file, Path relative to Options.BasePath.
type File struct {
	Path string
	Data []byte
}

// Stats summarises a build.
type Stats struct {
	Docs, Terms, Files int
	Bytes              int64
}

// Scoring and layout constants. They are part of the index format: search.js
// only reads them from the manifest.
const (
	formatVersion = 5

	weightTitle = 4.0 // title
	weightMeta  = 2.0 // headings, tags, summary, glossary terms
	weightBody  = 1.0 // body

	// professionalWeight scales every score of a page written for
	// another audience than patients (audience "professional",
	// "clinician", "staff"…; see forPatients): a patient's search puts
	// the patient page on the same subject first, and the page is still
	// found, labelled, when nothing for patients matches as well.
	professionalWeight = 0.5

	bm25K1 = 1.2
	bm25B  = 0.75

	// positionGap separates field values in the combined position space so a
	// phrase never matches across a field boundary.
	positionGap = 100
	// maxPostingsPerTerm bounds a postings list: only the highest-scoring
	// documents of a very common term are kept (impact-ordered truncation).
	maxPostingsPerTerm = 1000
	// maxPositions bounds the positions kept per term and document.
	maxPositions = 64

	maxVocabShardWords    = 600
	firstQueryPositions   = 160      // postings with positions at the head of a list a query of hot words reads
	targetFirstQueryShard = 40 << 10 // of the heads of lists a query of hot words reads joined by affinity, their entries counted
	minFirstQueryShard    = 6 << 10  // below it, a group of heads joins the next ones in stem order
	targetColdShard       = 24 << 10 // of the other lists, read only after a vocabulary shard
	targetTailShard       = 96 << 10 // of the tails of the lists a query of hot words reads, read for more results
	docsPerBundle         = 16
	maxBundleChars        = 600 // of body sentences per document in a bundle
	postingsPerGroup      = 64
	bundlesPerGroup       = 64
	maxHotWords           = 600 // words of the manifest's hot vocabulary
	maxCompletions        = 10  // = search.js's MAX_CANDIDATES
	entriesPerList        = 25  // documents at the top of a postings list whose result data rides with it
	titleEntriesPerList   = 5   // and of its title postings, the shortest titles first (titleDocs)
	sentencesPerTerm      = 1   // sentences of such a document kept for each of its terms
	maxExcerptChars       = 4000
	maxSentenceChars      = 320
	fuzzyOneEditMinRunes  = 4
	fuzzyTwoEditMinRunes  = 8
)

// field is one weighted text field of a document.
type field struct {
	name   string
	weight float64
	values []string
}

// fieldWeights returns the weight of each field, in docFields order.
func fieldWeights() [numFields]float64 {
	var w [numFields]float64
	for i, f := range docFields(Doc{}) {
		w[i] = f.weight
	}
	return w
}

func docFields(d Doc) []field {
	return []field{
		{"title", weightTitle, []string{d.Title}},
		{"headings", weightMeta, d.Headings},
		{"tags", weightMeta, slices.Concat(d.Tags, d.About)},
		{"summary", weightMeta, []string{d.Summary}},
		{"glossary", weightMeta, d.Glossary},
		{"body", weightBody, []string{d.body()}},
	}
}

// Build analyses docs and returns the files of the browser index (see the
// package documentation for the format). The output depends only on docs
// and opts: the same input gives byte-identical files, in path order.
func Build(docs []Doc, opts Options) ([]File, Stats, error) {
	ix, err := NewIncremental(docs, opts)
	if err != nil {
		return nil, Stats{}, err
	}
	return ix.Files(), ix.Stats(), nil
}

// sortDocs returns a copy of docs ordered by URL; the position in that order
// is the document number. It rejects empty and duplicate URLs.
func sortDocs(docs []Doc) ([]Doc, error) {
	out := make([]Doc, len(docs))
	copy(out, docs)
	for i, d := range out {
		if strings.TrimSpace(d.URL) == "" {
			return nil, fmt.Errorf("search: doc %d (%q): empty URL", i, d.Title)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].URL < out[j].URL })
	for i := 1; i < len(out); i++ {
		if out[i].URL == out[i-1].URL {
			return nil, fmt.Errorf("search: duplicate URL %q", out[i].URL)
		}
	}
	return out, nil
}

// numFields is the number of weighted fields (see docFields).
const numFields = 6

// docTerm is one stem in one document. A corpus holds one per distinct
// stem of every document (millions on a large site), so it is kept small
// and pointer-light: its positions live in the document's shared slice.
type docTerm struct {
	stem    string
	stemID  int32             // the analysing worker's number for stem (memoEntry), -1: none
	tf      [numFields]uint16 // occurrences per field, saturating
	posOff  uint32            // positions are analyzedDoc.positions[posOff:posOff+posLen]
	posLen  uint8             // at most maxPositions
	inTitle bool
}

type analyzedDoc struct {
	terms      []docTerm          // in order of first occurrence
	positions  []int32            // every term's positions, term by term
	length     [numFields]float64 // indexed words per field
	titleStems int                // distinct stems in the title
	demoted    bool               // not written for patients: scores × professionalWeight
	surfaces   [][2]string        // [surface word, stem], first use in the document first
	surfIDs    []int32            // the worker's numbers for surfaces' words (memoEntry), -1: none
	worker     int                // which of analyzeAll's workers analysed it
}

func (d *analyzedDoc) positionsOf(t *docTerm) []int32 {
	return d.positions[t.posOff : t.posOff+uint32(t.posLen)]
}

// analyzeDoc analyses one document into ad, whose slices it reuses
// (emptied, not freed): analyzeAll hands each document's analysis back
// once its postings are added, so a build allocates them for a few
// batches of documents, not for every document (548 MiB at 10,000 bench
// articles, in a heap profile taken at the build's largest live heap).
func analyzeDoc(a *analyzer, d Doc, ad *analyzedDoc) {
	*ad = analyzedDoc{
		demoted:   d.Secondary || !forPatients(d.Audience),
		terms:     ad.terms[:0],
		positions: ad.positions[:0],
		surfaces:  ad.surfaces[:0],
		surfIDs:   ad.surfIDs[:0],
	}
	sc := a.scratch
	if sc == nil {
		sc = newDocScratch()
	}
	clear(sc.index) // stem → index in ad.terms
	clear(sc.seen)  // surface words already listed
	sc.nextDoc()
	occ := sc.occ[:0]
	base := 0
	for fi, f := range docFields(d) {
		isTitle := f.name == "title"
		for _, v := range f.values {
			last := 0
			a.each(v, func(t token) {
				last = t.Pos
				if t.Stem == "" {
					return
				}
				if sc.firstSurface(t) {
					ad.surfaces = append(ad.surfaces, [2]string{t.Surface, t.Stem})
					ad.surfIDs = append(ad.surfIDs, t.surfID)
				}
				j, ok := sc.term(t)
				if !ok {
					j = int32(len(ad.terms))
					sc.setTerm(t, j)
					ad.terms = append(ad.terms, docTerm{stem: t.Stem, stemID: t.stemID})
				}
				dt := &ad.terms[j]
				if dt.tf[fi] < math.MaxUint16 {
					dt.tf[fi]++
				}
				ad.length[fi]++
				if dt.posLen < maxPositions {
					dt.posLen++
					occ = append(occ, occurrence{j, int32(base + t.Pos)})
				}
				if isTitle && !dt.inTitle {
					dt.inTitle = true
					ad.titleStems++
				}
			})
			base += last + positionGap
		}
	}
	sc.occ = occ
	// Lay the positions out term by term (a counting sort of occ, which is
	// in position order within each term).
	off := uint32(0)
	for j := range ad.terms {
		ad.terms[j].posOff = off
		off += uint32(ad.terms[j].posLen)
	}
	ad.positions = slices.Grow(ad.positions, int(off))[:off]
	fill := slices.Grow(sc.fill[:0], len(ad.terms))[:len(ad.terms)]
	clear(fill)
	for _, o := range occ {
		t := &ad.terms[o.term]
		ad.positions[t.posOff+fill[o.term]] = o.pos
		fill[o.term]++
	}
	sc.fill = fill
}

// docScratch holds the buffers of one analysis worker, reused from one
// document to the next.
type docScratch struct {
	index map[string]int32
	seen  map[string]bool
	occ   []occurrence
	fill  []uint32 // per term, the positions laid out so far
	// A token the memo numbered (a worker's) is marked in these, by its
	// numbers, instead of in index and seen: doc is the document being
	// analysed, counted from 1; surfDoc[id] and stemDoc[id] the last
	// document that used surface or stem id, termAt[id] the stem's index
	// in that document's terms.
	doc              uint32
	surfDoc, stemDoc []uint32
	termAt           []int32
}

// nextDoc starts a document: every mark of the last one is stale.
func (sc *docScratch) nextDoc() {
	sc.doc++
	if sc.doc == 0 { // wrapped: marks from 2³² documents ago would pass
		clear(sc.surfDoc)
		clear(sc.stemDoc)
		sc.doc = 1
	}
}

// grown returns s long enough to index id.
func grown[T any](s []T, id int32) []T {
	if int(id) < len(s) {
		return s
	}
	return append(s, make([]T, int(id)+1-len(s)+len(s)/2)...)
}

// firstSurface reports whether t's surface word is the document's first
// use of it, and marks it used.
func (sc *docScratch) firstSurface(t token) bool {
	if t.surfID < 0 {
		if sc.seen[t.Surface] {
			return false
		}
		sc.seen[t.Surface] = true
		return true
	}
	sc.surfDoc = grown(sc.surfDoc, t.surfID)
	if sc.surfDoc[t.surfID] == sc.doc {
		return false
	}
	sc.surfDoc[t.surfID] = sc.doc
	return true
}

// term returns the index in the document's terms of t's stem, false when
// the document has not used it yet.
func (sc *docScratch) term(t token) (int32, bool) {
	if t.stemID < 0 {
		j, ok := sc.index[t.Stem]
		return j, ok
	}
	if int(t.stemID) >= len(sc.stemDoc) || sc.stemDoc[t.stemID] != sc.doc {
		return 0, false
	}
	return sc.termAt[t.stemID], true
}

// setTerm records j as the index of t's stem in the document's terms.
func (sc *docScratch) setTerm(t token, j int32) {
	if t.stemID < 0 {
		sc.index[t.Stem] = j
		return
	}
	sc.stemDoc = grown(sc.stemDoc, t.stemID)
	sc.termAt = grown(sc.termAt, t.stemID)
	sc.stemDoc[t.stemID] = sc.doc
	sc.termAt[t.stemID] = j
}

func newDocScratch() *docScratch {
	return &docScratch{index: map[string]int32{}, seen: map[string]bool{}}
}

// forPatients reports whether a page of this audience is for patients and
// the public: no audience, or one of the usual names for them.
func forPatients(audience string) bool {
	switch strings.ToLower(strings.TrimSpace(audience)) {
	case "", "patient", "patients", "public", "general", "all", "everyone", "carer", "carers", "caregiver", "caregivers", "family":
		return true
	}
	return false
}

// occurrence is one position of the term numbered term in a document.
type occurrence struct{ term, pos int32 }

// facetKey names the pseudo-term listing the documents with a facet value.
// Stems never start with '#', so facet keys cannot collide with terms.
func facetKey(kind, value string) string { return "#" + kind + ":" + value }

func facetPostings(docs []Doc) map[string][]int {
	out := map[string][]int{}
	add := func(kind, value string, doc int) {
		if value == "" {
			return
		}
		k := facetKey(kind, value)
		if l := out[k]; len(l) > 0 && l[len(l)-1] == doc {
			return
		}
		out[k] = append(out[k], doc)
	}
	for i, d := range docs {
		add("section", d.Section, i)
		add("audience", d.Audience, i)
		for _, t := range d.Tags {
			add("tag", t, i)
		}
	}
	return out
}

// writer collects output files; the first marshalling error sticks.
type writer struct {
	files []File
	err   error
	// emit, when set, takes each file as it is made instead of files.
	emit           func(File) error
	count          int
	bytesWritten   int64
	postingsGroups []string // hash of each group of postingsPerGroup postings shards
}

// put hands f on (to emit, or to files) unless an error came first.
func (w *writer) put(f File) {
	if w.err != nil {
		return
	}
	w.count++
	w.bytesWritten += int64(len(f.Data))
	if w.emit == nil {
		w.files = append(w.files, f)
		return
	}
	if err := w.emit(f); err != nil {
		w.err = err
	}
}

// add marshals v (HTML-escaped JSON, so "<" is stored as \u003c) and stores
// it at path.
func (w *writer) add(path string, v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	if err := enc.Encode(v); err != nil && w.err == nil {
		w.err = fmt.Errorf("search: encode %s: %w", path, err)
	}
	data := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	w.put(File{Path: path, Data: data})
	return data
}

// addHashed stores v under dir/<n>.<hash>.json and returns that path.
func (w *writer) addHashed(dir string, n int, v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		if w.err == nil {
			w.err = fmt.Errorf("search: encode %s/%d: %w", dir, n, err)
		}
		return ""
	}
	sum := sha256.Sum256(data)
	path := fmt.Sprintf("%s%d.%s.json", dir, n, hex.EncodeToString(sum[:6]))
	w.put(File{Path: path, Data: data})
	return path
}

// writePostings packs the postings lists (in stem order, from lists) and
// the facet lists into shards, and returns key → shard path and key →
// shard number. The lists a query of hot words reads (rd's carry set)
// are cut after firstQueryPostings postings: their heads are held, with
// the top of each head's result entries, and packed by affinity (edges;
// see packByAffinity) into shards of about targetFirstQueryShard bytes,
// their entries counted, once every list has gone by, and a small one is
// copied into the shards of the lists it is read with (copyLists; copies
// returns stem → the numbers of the shards holding a copy); each of those
// shards names (under "#t") the shards that hold its lists' tails. The
// tails, the other lists and the facet lists, read only after a
// vocabulary shard, by a filter or for more results, stream into shards
// of about targetColdShard in key order. Shards are numbered as they are
// filled (the cold ones first) and named by their number and the hash of
// their group of postingsPerGroup (the manifest lists the hashes), so
// they are written a group at a time.
func (w *writer) writePostings(lists func(yield func(list) error) error, facets map[string][]int, rd *resultData, edges []affinityEdge) (paths map[string]string, nums map[string]int, copies map[string][]int, err error) {
	fkeys := sortedKeys(facets)
	paths = map[string]string{}
	nums = map[string]int{}
	copies = map[string][]int{}
	var group [][]byte // the shards of the current group, as JSON
	var groupKeys [][]string
	flushGroup := func() {
		if len(group) == 0 {
			return
		}
		first := len(w.postingsGroups) * postingsPerGroup
		hash := groupHash(group)
		w.postingsGroups = append(w.postingsGroups, hash)
		for i, data := range group {
			path := postingsPath(first+i, hash)
			w.put(File{Path: path, Data: data})
			for _, k := range groupKeys[i] {
				paths[k] = path
			}
		}
		group, groupKeys = group[:0], groupKeys[:0]
	}
	n := 0
	cold := &openShard{target: targetColdShard}
	rest := &openShard{target: targetTailShard}
	flush := func(sh *openShard) {
		if len(sh.lists) == 0 {
			return
		}
		if len(sh.entries) > 0 {
			sh.lists[entriesKey] = rd.encode(sh.entries)
		}
		group = append(group, rawObject(sh.lists))
		groupKeys = append(groupKeys, sh.keys)
		for _, k := range sh.keys {
			nums[k] = n
		}
		n++
		sh.reset()
		if len(group) == postingsPerGroup {
			flushGroup()
		}
	}
	// A tail is kept in its cold shard under its stem, and tracked here
	// under tailKey(stem).
	put := func(sh *openShard, k, track string, v json.RawMessage, pairs []stemDoc) {
		extra := rd.size(pairs, sh.entries)
		if sh.size > 0 && sh.size+len(v)+extra > sh.target {
			flush(sh)
			extra = rd.size(pairs, sh.entries)
		}
		if sh.lists == nil {
			sh.reset()
		}
		sh.lists[k] = v
		sh.keys = append(sh.keys, track)
		rd.add(pairs, sh.entries)
		sh.size += len(v) + len(k) + 4 + extra
	}
	var first []firstQueryList
	err = lists(func(l list) error {
		for len(fkeys) > 0 && fkeys[0] < l.stem {
			put(cold, fkeys[0], fkeys[0], mustJSON(facets[fkeys[0]]), nil)
			fkeys = fkeys[1:]
		}
		if !rd.carry[l.stem] {
			put(cold, l.stem, l.stem, l.json, nil)
			return nil
		}
		head, tail := l.json, []byte(nil)
		if !isPhraseKey(l.stem) { // a phrase list has no positions to cut
			head, tail = splitList(l.json, firstQueryPositions, maxPostingsPerTerm)
		}
		if tail != nil {
			put(rest, l.stem, tailKey(l.stem), tail, nil)
		}
		first = append(first, firstQueryList{stem: l.stem, head: head, pairs: rd.pending(l)})
		return nil
	})
	rd.fill(first)
	for _, k := range fkeys {
		put(cold, k, k, mustJSON(facets[k]), nil)
	}
	flush(cold)
	flush(rest)
	hot := &openShard{target: math.MaxInt}
	size := func(members []int) int {
		entries := map[int32]*shardEntry{}
		n := 0
		for _, i := range members {
			l := first[i]
			n += len(l.head) + len(l.stem) + 4 + rd.size(l.pairs, entries)
			rd.add(l.pairs, entries)
		}
		return n
	}
	shards := packByAffinity(first, edges, size, targetFirstQueryShard, minFirstQueryShard)
	extra := copyLists(first, shards, edges, size)
	for si, shard := range shards {
		tails := map[string]int{}
		for _, i := range shard {
			l := first[i]
			put(hot, l.stem, l.stem, l.head, l.pairs)
			if t, ok := nums[tailKey(l.stem)]; ok {
				tails[l.stem] = t
			}
		}
		// The hot shard never fills (its target is MaxInt): it is shard
		// n when flushed below.
		for _, i := range extra[si] {
			l := first[i]
			put(hot, l.stem, copyKey, l.head, l.pairs)
			copies[l.stem] = append(copies[l.stem], n)
			if t, ok := nums[tailKey(l.stem)]; ok {
				tails[l.stem] = t
			}
		}
		if len(tails) > 0 {
			hot.lists[tailsKey] = mustJSON(tails)
		}
		flush(hot)
	}
	flushGroup()
	for k := range paths {
		if isTailKey(k) || k == copyKey {
			delete(paths, k)
			delete(nums, k)
		}
	}
	return paths, nums, copies, err
}

// copyKey tracks the copies of small lists while postings are packed (see
// copyLists); no stem is empty.
const copyKey = ""

// tailsKey is the key of a first-query shard's tails: {stem: number of
// the shard that holds the rest of its list}.
const tailsKey = "#t"

// tailKey tracks the shard of a stem's tail while postings are packed;
// no stem starts with '~'.
func tailKey(stem string) string { return "~" + stem }

func isTailKey(k string) bool { return strings.HasPrefix(k, "~") }

// openShard is a postings shard being filled.
type openShard struct {
	target  int // bytes
	lists   map[string]json.RawMessage
	keys    []string
	entries map[int32]*shardEntry
	size    int
}

func (sh *openShard) reset() {
	sh.lists, sh.keys, sh.entries, sh.size = map[string]json.RawMessage{}, nil, map[int32]*shardEntry{}, 0
}

var newline = []byte{'\n'}

func postingsPath(n int, groupHash string) string {
	return fmt.Sprintf("postings/%d.%s.json", n, groupHash)
}

// groupHash is the name hash of a group of files: a change to any renames
// them all, so a browser never holds a stale copy under a current name.
func groupHash(files [][]byte) string {
	h := sha256.New()
	for _, b := range files {
		h.Write(b)
		h.Write(newline)
	}
	return hex.EncodeToString(h.Sum(nil)[:6])
}

// rawObject is the JSON object of values that are JSON already, keys in
// order: json.Marshal would validate and compact every value again, which
// was a third of writing the postings.
func rawObject(values map[string]json.RawMessage) []byte {
	keys := sortedKeys(values)
	n := 2
	for _, k := range keys {
		n += len(k) + len(values[k]) + 4
	}
	b := make([]byte, 0, n)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, htmlSafeJSON(k)...)
		b = append(b, ':')
		b = append(b, values[k]...)
	}
	return append(b, '}')
}

// htmlSafeJSON marshals v as json.Marshal does (HTML-escaped).
func htmlSafeJSON(v any) []byte {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err) // strings only
	}
	return data
}

func mustJSON(v any) json.RawMessage {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err) // only ints and slices of ints
	}
	return data
}

// vocabShard is one vocabulary file: words whose folded forms share a
// range of the sorted vocabulary.
type vocabShard struct {
	Postings []string          `json:"p"` // postings shard paths, indexed by Terms[stem][1]
	Terms    map[string][2]int `json:"t"` // stem → [document frequency, index into Postings]
	Words    [][2]string       `json:"w"` // [surface word, stem], sorted by folded word

	// The synonym groups and classes a word of this shard may match
	// (synonymShards), by their number in the synonym table, and the
	// postings of their alternatives: stem or phrase key → index into
	// Postings.
	Groups  map[int]synGroup `json:"g,omitempty"`
	Classes map[int]synClass `json:"o,omitempty"`
	Alts    map[string]int   `json:"q,omitempty"`
}

// synGroup is a synonym group as a vocabulary shard holds it: a phrase
// word whose surface is its stem is written as the stem alone.
type synGroup [][][2]string

// synClass is a class as a vocabulary shard holds it: [members, broader].
type synClass [2][][][2]string

func (g synGroup) MarshalJSON() ([]byte, error) { return json.Marshal(compactPhrases(g)) }

func (g *synGroup) UnmarshalJSON(data []byte) error {
	var in [][]any
	if err := json.Unmarshal(data, &in); err != nil {
		return err
	}
	*g = expandPhrases(in)
	return nil
}

func (c synClass) MarshalJSON() ([]byte, error) {
	return json.Marshal([2][][]any{compactPhrases(c[0]), compactPhrases(c[1])})
}

func (c *synClass) UnmarshalJSON(data []byte) error {
	var in [2][][]any
	if err := json.Unmarshal(data, &in); err != nil {
		return err
	}
	*c = synClass{expandPhrases(in[0]), expandPhrases(in[1])}
	return nil
}

func compactPhrases(phrases [][][2]string) [][]any {
	out := make([][]any, len(phrases))
	for i, ph := range phrases {
		out[i] = make([]any, len(ph))
		for j, w := range ph {
			if w[0] == w[1] {
				out[i][j] = w[0]
			} else {
				out[i][j] = w
			}
		}
	}
	return out
}

func expandPhrases(in [][]any) [][][2]string {
	out := make([][][2]string, len(in))
	for i, ph := range in {
		out[i] = make([][2]string, len(ph))
		for j, w := range ph {
			switch v := w.(type) {
			case string:
				out[i][j] = [2]string{v, v}
			case []any:
				if len(v) == 2 {
					out[i][j][0], _ = v[0].(string)
					out[i][j][1], _ = v[1].(string)
				}
			}
		}
	}
	return out
}

// vocabulary returns the surface words of the index in the vocabulary's
// order.
func (c *termIndex) vocabulary() []vocabWord {
	words := make([]vocabWord, 0, len(c.surfaces))
	for s := range c.surfaces {
		words = append(words, vocabWord{fold(s), s})
	}
	sort.Slice(words, func(i, j int) bool { return words[i].less(words[j]) })
	return words
}

// writeVocab writes the vocabulary shards of words (c.vocabulary()) and
// returns the manifest's shard table: [first folded word, last folded
// word, path] in ascending order.
func (w *writer) writeVocab(c *termIndex, words []vocabWord, paths map[string]string, syn *synonymFile) [][3]string {
	var table [][3]string
	shards := packVocab(len(words), func(i int) string { return key2(words[i].folded) })
	groups, classes := synonymShards(c, words, shards, syn)
	for i, r := range shards {
		ws := words[r[0]:r[1]:r[1]]
		sh := c.vocabShard(ws, paths)
		sh.addSynonyms(syn, groups[i], classes[i], paths)
		path := w.addHashed("vocab/", len(table), sh)
		table = append(table, [3]string{ws[0].folded, ws[len(ws)-1].folded, path})
	}
	return table
}

// synonymShards returns, for each vocabulary shard (ranges of words),
// the numbers of the synonym groups and classes its words may match. A
// query word matches a phrase word by folded form, by stem, or as a typo
// of it within the same first two letters or those swapped (findSpans);
// a query word is looked up in the shard that owns its folded form (the
// last whose first word is not after it) and, when it may be a typo or is
// being typed, in those of its first two letters and their swap
// (vocabRanges). A phrase matches only where every one of its words
// does, its first among them. So a group or class goes to the shard owning
// the folded first word of each of its phrases (a class: of its members),
// and to every shard holding a word of that word's stem: a query then
// finds every group it can match in the shards it reads anyway. (Every
// word of a phrase instead of its first, and every phrase word as
// [surface, stem]: at 10,000 bench articles the vocabulary shards were
// 14.5–17.5 KiB gzip each; as now, 11.1–14.0, and 7 without synonyms.)
func synonymShards(c *termIndex, words []vocabWord, shards [][2]int, syn *synonymFile) (groups, classes [][]int) {
	groups, classes = make([][]int, len(shards)), make([][]int, len(shards))
	if syn == nil || len(shards) == 0 {
		return groups, classes
	}
	byStem := map[string][]int{}
	for i, r := range shards {
		for _, wd := range words[r[0]:r[1]] {
			stem := c.surfaces[wd.surface]
			if l := byStem[stem]; len(l) == 0 || l[len(l)-1] != i {
				byStem[stem] = append(l, i)
			}
		}
	}
	owner := func(f string) int {
		i := sort.Search(len(shards), func(i int) bool { return lessUTF16(f, words[shards[i][0]].folded) })
		return max(0, i-1)
	}
	attach := func(out [][]int, n int, phrases [][][2]string) {
		var to []int
		for _, ph := range phrases {
			if len(ph) == 0 {
				continue
			}
			wd := ph[0]
			to = append(to, owner(fold(wd[0])))
			if wd[1] != "" {
				to = append(to, byStem[wd[1]]...)
			}
		}
		slices.Sort(to)
		for _, i := range slices.Compact(to) {
			out[i] = append(out[i], n)
		}
	}
	for n, g := range syn.Groups {
		attach(groups, n, g)
	}
	for n, cl := range syn.Classes {
		attach(classes, n, cl[0])
	}
	return groups, classes
}

// addSynonyms adds the groups and classes of syn numbered groups and
// classes to the shard, with the postings of their alternatives (a phrase
// of several words: its phrase list; a word: its list).
func (sh *vocabShard) addSynonyms(syn *synonymFile, groups, classes []int, paths map[string]string) {
	if len(groups) == 0 && len(classes) == 0 {
		return
	}
	local := map[string]int{}
	for i, p := range sh.Postings {
		local[p] = i
	}
	sh.Alts = map[string]int{}
	alternatives := func(phrases [][][2]string) {
		for _, ph := range phrases {
			for _, k := range alternativeLists(ph) {
				p, ok := paths[k]
				if !ok {
					continue
				}
				idx, ok := local[p]
				if !ok {
					idx = len(sh.Postings)
					local[p] = idx
					sh.Postings = append(sh.Postings, p)
				}
				sh.Alts[k] = idx
			}
		}
	}
	if len(groups) > 0 {
		sh.Groups = map[int]synGroup{}
	}
	for _, n := range groups {
		sh.Groups[n] = syn.Groups[n]
		alternatives(syn.Groups[n])
	}
	if len(classes) > 0 {
		sh.Classes = map[int]synClass{}
	}
	for _, n := range classes {
		sh.Classes[n] = syn.Classes[n]
		alternatives(syn.Classes[n][1])
	}
}

// vocabWord is a surface word and its folded form, the vocabulary's order.
type vocabWord struct{ folded, surface string }

func (a vocabWord) less(b vocabWord) bool {
	if a.folded != b.folded {
		return lessUTF16(a.folded, b.folded)
	}
	return lessUTF16(a.surface, b.surface)
}

// vocabShard is the content of one vocabulary file listing words.
func (c *termIndex) vocabShard(words []vocabWord, paths map[string]string) vocabShard {
	sh := vocabShard{Terms: map[string][2]int{}}
	local := map[string]int{}
	for _, e := range words {
		stem := c.surfaces[e.surface]
		sh.Words = append(sh.Words, [2]string{e.surface, stem})
		if _, ok := sh.Terms[stem]; ok {
			continue
		}
		p := paths[stem]
		idx, ok := local[p]
		if !ok {
			idx = len(sh.Postings)
			local[p] = idx
			sh.Postings = append(sh.Postings, p)
		}
		sh.Terms[stem] = [2]int{c.df(stem), idx}
	}
	return sh
}

// packVocab splits n sorted words into [start, end) ranges of at most
// maxVocabShardWords, never splitting a two-letter key group unless the
// group alone is larger than a shard.
func packVocab(n int, key func(int) string) [][2]int {
	var out [][2]int
	start := 0
	for i := 0; i < n; {
		j := i + 1
		for j < n && key(j) == key(i) {
			j++
		}
		switch {
		case j-start <= maxVocabShardWords:
			// the group fits in the current shard
		case i > start:
			out = append(out, [2]int{start, i})
			start = i
		}
		for j-start > maxVocabShardWords {
			out = append(out, [2]int{start, start + maxVocabShardWords})
			start += maxVocabShardWords
		}
		i = j
	}
	if start < n {
		out = append(out, [2]int{start, n})
	}
	return out
}

// docEntry is the stored form of a document in a doc shard.
type docEntry struct {
	URL          string   `json:"u"`
	Title        string   `json:"t"`
	Section      string   `json:"s,omitempty"`
	SectionTitle string   `json:"st,omitempty"`
	Audience     string   `json:"a,omitempty"`
	Tags         []string `json:"g,omitempty"`
	Date         string   `json:"d,omitempty"`
	Reviewed     string   `json:"r,omitempty"` // last medical review, YYYY-MM-DD
	Summary      string   `json:"m,omitempty"`
	Index        []int    `json:"i,omitempty"` // in a postings shard: the indexes of Sentences among the document's sentences
	Sentences    []string `json:"x,omitempty"` // excerpt source: body sentences, at most maxExcerptChars in all
}

// newDocEntry is a document's entry with the sentences of its body that
// excerpts are made from.
func newDocEntry(d Doc) docEntry {
	e := newDocHead(d)
	e.Sentences = sentences(d.body(), maxExcerptChars)
	return e
}

// newDocHead is a document's entry without sentences. It does not read the
// body, which for a large site is read back from the build's cache on disk.
func newDocHead(d Doc) docEntry {
	e := docEntry{URL: d.URL, Title: d.Title, Section: d.Section, SectionTitle: d.SectionTitle,
		Audience: d.Audience, Tags: d.Tags, Summary: d.Summary}
	if !d.Date.IsZero() {
		e.Date = d.Date.UTC().Format(time.DateOnly)
	}
	if !d.Reviewed.IsZero() {
		e.Reviewed = d.Reviewed.UTC().Format(time.DateOnly)
	}
	return e
}

// writeDocs writes the documents' entries in bundles of docsPerBundle
// consecutive documents, docs/<bundle>.<hash>.json (a JSON array), where
// hash covers the bundle's group of bundlesPerGroup, and returns the
// groups' hashes, which the manifest lists: a result whose entry no
// postings shard of its query carries is read from its bundle, named from
// its number and the manifest alone. It holds one group at a time.
func (w *writer) writeDocs(docs []Doc) []string {
	var hashes []string
	const perGroup = docsPerBundle * bundlesPerGroup
	for first := 0; first < len(docs); first += perGroup {
		var bundles [][]byte
		group := docs[first:min(first+perGroup, len(docs))]
		for b := 0; b < len(group); b += docsPerBundle {
			data := []byte{'['}
			for i, d := range group[b:min(b+docsPerBundle, len(group))] {
				if i > 0 {
					data = append(data, ',')
				}
				// A bundle keeps maxBundleChars of sentences: split no more
				// of the body than that (the first maxExcerptChars' worth
				// cut to it are the same sentences).
				e := newDocHead(d)
				e.Sentences = sentences(d.body(), maxBundleChars)
				ej, err := json.Marshal(e)
				if err != nil && w.err == nil {
					w.err = fmt.Errorf("search: encode doc %s: %w", d.URL, err)
				}
				data = append(data, ej...)
			}
			bundles = append(bundles, append(data, ']'))
		}
		hash := groupHash(bundles)
		for i, b := range bundles {
			w.put(File{Path: bundlePath(first/docsPerBundle+i, hash), Data: b})
		}
		hashes = append(hashes, hash)
	}
	return hashes
}

func bundlePath(bundle int, hash string) string {
	return fmt.Sprintf("docs/%d.%s.json", bundle, hash)
}

func (w *writer) docEntry(d Doc) json.RawMessage {
	data, err := json.Marshal(newDocEntry(d))
	if err != nil && w.err == nil {
		w.err = fmt.Errorf("search: encode doc %s: %w", d.URL, err)
	}
	return data
}

// synonymFile is the query-time synonym table: phrases as [surface, stem]
// words (stem "" for a stop word) and where the postings of each stem live.
// Classes are one way: [member phrases, broader phrases].
type synonymFile struct {
	Groups   [][][][2]string    `json:"g"`
	Classes  [][2][][][2]string `json:"o,omitempty"`
	Postings map[string]string  `json:"p"`
}

// synonymTableOf analyses the synonym groups and classes and keeps those
// that can match anything in this index (has: a document holds the
// stem): a group when at least one of its phrases occurs in the
// vocabulary (every stem indexed), a class when one of its broader
// phrases does. It returns nil when none is kept. Postings is left for
// writeSynonyms, once the postings shards are written.
func synonymTableOf(a *analyzer, groups [][]string, classes []class, has func(stem string) bool) *synonymFile {
	f := synonymFile{Postings: map[string]string{}}
	phrases := func(g []string) ([][][2]string, bool) {
		var out [][][2]string
		useful := false
		for _, p := range g {
			words, found := analyzePhrase(a, p, has)
			if len(words) == 0 {
				continue
			}
			useful = useful || found
			out = append(out, words)
		}
		return out, useful
	}
	for _, g := range groups {
		if phs, useful := phrases(g); useful && len(phs) >= 2 {
			f.Groups = append(f.Groups, phs)
		}
	}
	for _, c := range classes {
		members, _ := phrases(c.members)
		broader, useful := phrases(c.broader)
		if useful && len(members) > 0 {
			f.Classes = append(f.Classes, [2][][][2]string{members, broader})
		}
	}
	if len(f.Groups) == 0 && len(f.Classes) == 0 {
		return nil
	}
	return &f
}

// writeSynonyms names the postings shard of every stem of f's groups and
// of its classes' broader phrases (a class's members are query words, read
// as such), writes the table and returns its path; "" when f is nil.
func (w *writer) writeSynonyms(f *synonymFile, paths map[string]string) string {
	if f == nil {
		return ""
	}
	addPostings := func(phrases [][][2]string) {
		for _, ph := range phrases {
			for _, k := range alternativeLists(ph) {
				if p, ok := paths[k]; ok {
					f.Postings[k] = p
				}
			}
		}
	}
	for _, g := range f.Groups {
		addPostings(g)
	}
	for _, c := range f.Classes {
		addPostings(c[1])
	}
	return w.addHashed("synonyms/", 0, f)
}

// analyzePhrase returns the words of phrase and whether all its stems are
// indexed. A phrase of stop words only yields no words.
func analyzePhrase(a *analyzer, phrase string, has func(stem string) bool) ([][2]string, bool) {
	var words [][2]string
	found, content := true, false
	for _, t := range a.analyze(phrase) {
		words = append(words, [2]string{t.Surface, t.Stem})
		if t.Stem != "" {
			content = true
			found = found && has(t.Stem)
		}
	}
	if !content {
		return nil, false
	}
	return words, found
}

// writeFacets writes the facet table {kind: {value: postings path}} and
// returns its path, or "" when no document has a facet.
func (w *writer) writeFacets(facets map[string][]int, paths map[string]string) string {
	if len(facets) == 0 {
		return ""
	}
	table := map[string]map[string]string{}
	for _, k := range sortedKeys(facets) {
		kind, value, _ := strings.Cut(k[1:], ":")
		if table[kind] == nil {
			table[kind] = map[string]string{}
		}
		table[kind][value] = paths[k]
	}
	return w.addHashed("facets/", 0, table)
}

// manifest is manifest.json, the only file without a content hash.
type manifest struct {
	Version    int               `json:"version"`
	Lang       string            `json:"lang"`
	Base       string            `json:"base,omitempty"`
	Docs       int               `json:"docs"`
	Terms      int               `json:"terms"`
	StopWords  []string          `json:"stopWords"`
	Filler     []string          `json:"filler,omitempty"`
	Possessive bool              `json:"possessive"`
	Fuzzy      [2]int            `json:"fuzzy"`
	Vocab      [][3]string       `json:"vocab"`
	DocBundles []string          `json:"docBundles"`
	BundleSize int               `json:"docBundleSize"`
	BundleGrp  int               `json:"docBundleGroup"` // bundles per hash in DocBundles
	Postings   []string          `json:"postings"`       // hash of each group of postingsGroup shards
	PostGroup  int               `json:"postingsGroup"`  // shards per group
	Hot        *hotVocab         `json:"hot,omitempty"`
	HotSyn     *hotSynonyms      `json:"hotSynonyms,omitempty"`
	Synonyms   string            `json:"synonyms,omitempty"`
	Facets     string            `json:"facets,omitempty"`
	Delta      *delta            `json:"delta,omitempty"` // a delta segment over this index (see delta.go)
	Fallback   *manifestFallback `json:"fallback,omitempty"`
	Sections   [][3]any          `json:"sections"`
	Audiences  [][2]any          `json:"audiences"`
}

// sectionList returns [name, title, count] for every section, by name.
func sectionList(docs []Doc) [][3]any {
	titles, counts := map[string]string{}, map[string]int{}
	for _, d := range docs {
		if d.Section == "" {
			continue
		}
		counts[d.Section]++
		if titles[d.Section] == "" {
			titles[d.Section] = d.SectionTitle
		}
	}
	out := [][3]any{}
	for _, s := range sortedKeys(counts) {
		out = append(out, [3]any{s, titles[s], counts[s]})
	}
	return out
}

// audienceList returns [name, count] for every audience, by name.
func audienceList(docs []Doc) [][2]any {
	counts := map[string]int{}
	for _, d := range docs {
		if d.Audience != "" {
			counts[d.Audience]++
		}
	}
	out := [][2]any{}
	for _, a := range sortedKeys(counts) {
		out = append(out, [2]any{a, counts[a]})
	}
	return out
}

// sentences splits text into sentences of at most maxSentenceChars runes
// (see nextSentence; white space collapsed, empty ones skipped), taking
// them until the next would pass limit runes in all: no more of a long
// body is read than the excerpt keeps. TestSentencesMatchReference and
// FuzzSentences hold it to the first implementation.
//
// It walks each sentence once: nextSentence reports a sentence of ASCII
// whose only white space is single spaces (most of them), which needs
// only its ends trimmed and holds as many runes as bytes. The others go
// through collapseSpace and a count of their runes; those two walks, the
// cut's and a third one counting runes again after truncateRunes counted
// them, were as many instructions as the split of the same text into
// words (cachegrind, 3,000 bench articles).
func sentences(text string, limit int) []string {
	var out []string
	eachSentence(text, limit, func(s string) bool {
		out = append(out, s)
		return true
	})
	return out
}

// eachSentence calls yield with each sentence sentences returns, in
// order, until yield returns false: a caller that needs only the first
// few reads no further.
func eachSentence(text string, limit int, yield func(string) bool) {
	used := 0
	for text != "" {
		s, rest, plain := nextSentence(text)
		text = rest
		n := 0
		if plain {
			s = strings.Trim(s, " ")
			n = len(s)
		} else {
			// Each invalid byte becomes U+FFFD, as the whole text's did
			// before it was split: a cut is at an ASCII byte, which is
			// never part of an invalid sequence, so a sentence converts
			// alone to what it was part of.
			if !utf8.ValidString(s) {
				s = string([]rune(s))
			}
			s = collapseSpace(s)
			n = utf8.RuneCountInString(s)
		}
		if s == "" {
			continue
		}
		if n > maxSentenceChars {
			s = truncateRunes(s, maxSentenceChars)
			n = utf8.RuneCountInString(s)
		}
		if used+n > limit {
			return
		}
		used += n
		if !yield(s) {
			return
		}
	}
}

// asciiSpace holds the ASCII members of unicode.IsSpace, which took three
// times as long per sentence (FuzzSentences holds collapseSpace to
// strings.Fields).
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// sentenceBytes classes the bytes nextSentence looks at; the others are 0.
var sentenceBytes = func() (c [256]uint8) {
	c['.'], c['!'], c['?'] = sentenceStop, sentenceStop, sentenceStop
	c['\n'] = sentenceBreak
	c[' '] = sentenceSpace
	c['\t'], c['\v'], c['\f'], c['\r'] = sentenceNotPlain, sentenceNotPlain, sentenceNotPlain, sentenceNotPlain
	for b := utf8.RuneSelf; b < 256; b++ {
		c[b] = sentenceNotPlain
	}
	return c
}()

const (
	sentenceStop = 1 + iota
	sentenceBreak
	sentenceSpace
	sentenceNotPlain // white space but a space, or a byte past ASCII
)

// nextSentence cuts text after the first '.', '!' or '?' followed by white
// space (or the end), or before the first line break, whichever comes
// first; the line break itself is dropped. It reads only as far as the
// cut. plain reports a sentence of ASCII without two spaces in a row or
// white space other than spaces, which collapseSpace would only trim.
func nextSentence(text string) (sentence, rest string, plain bool) {
	plain = true
	for i := 0; i < len(text); i++ {
		switch sentenceBytes[text[i]] {
		case 0:
		case sentenceSpace:
			if i+1 < len(text) && text[i+1] == ' ' {
				plain = false
			}
		case sentenceNotPlain:
			plain = false
		case sentenceBreak:
			return text[:i], text[i+1:], plain
		case sentenceStop:
			if i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\n' || text[i+1] == '\t' {
				return text[:i+1], text[i+1:], plain
			}
		}
	}
	return text, "", plain
}

// collapseSpace trims s and turns each run of white space (as unicode
// defines it) into one space. Most sentences need no change and are
// returned as they are, without allocating.
func collapseSpace(s string) string {
	s = strings.Trim(s, " ") // a sentence after the first starts with the space that followed the stop
	clean := true
	for i := 0; clean && i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == ' ' && s[i+1] == ' ' || c != ' ' && asciiSpace[c] {
				clean = false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		clean = !unicode.IsSpace(r)
		i += size
	}
	if clean {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// truncateRunes shortens s to at most n runes, at a word boundary, adding "…".
func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n-1]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	return cut + "…"
}
