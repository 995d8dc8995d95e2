package search

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/medkb/medkb/internal/parallel"
)

// The analysis half of a build: documents go in one by one (in document
// order) and leave nothing behind but compact postings, so the memory a
// build needs is set by a budget, not by the number of documents.
//
// A termIndex gives each stem an integer id and appends every posting of
// the stem to one byte buffer of its own:
//
//	Δdoc  uvarint: the document's number minus the previous posting's in
//	      this buffer (the first: minus -1)
//	flags byte: bit f set when field f holds the stem, bit 6 when the
//	      title does
//	tf    uvarint per field set in flags, in field order
//	n     byte: the positions kept (at most maxPositions)
//	Δpos  n uvarints: each position minus the previous (the first minus 0)
//
// — about 10 bytes a posting where the analysed document it comes from
// took 60. Per document it keeps the field lengths, the number of title
// stems and whether it is demoted; per stem its document frequencies.
// BM25 needs the document frequencies and average field lengths of the
// whole collection, so scores are computed only when the lists are read
// (lists), in stem order.
//
// When the buffers pass the budget they are written to disk as a run —
// every stem with postings, in stem order, with its buffer — and emptied;
// lists then merges the runs and what is left in memory (an external
// sort whose sort key, the stem, is the dictionary's order, so the merge
// is a walk of the sorted dictionary reading each run sequentially). A
// stem's postings in run k precede those of run k+1 and of memory, so the
// document numbers of its chunks stay in ascending order.
type termIndex struct {
	ids      map[string]int32 // stem → id
	stems    []string         // id → stem
	stats    []termStats      // id → document frequencies
	bufs     [][]byte         // id → postings appended since the last spill
	last     []int32          // id → document of the last posting in bufs (-1: none)
	size     int              // bytes held by bufs (capacity)
	docs     []docStats       // by the order documents were added
	surfaces map[string]string
	// known translates the numbers analyzeAll's workers give stems and
	// surface words (memoEntry) to what add needs: known[w].stems[n] is
	// the id of worker w's stem n plus one (0: not yet looked up), and
	// known[w].surfaces[n] says its surface word n is in surfaces. With
	// them add looks a stem or word up in ids or surfaces once per worker,
	// not once per document that uses it.
	known []workerNumbers

	budget int    // bytes of bufs that trigger a spill; 0: never
	dir    string // where the runs directory is made, on the first spill ("": never spill)
	runDir string // the runs directory, removed with the runs
	runs   []string
	spills int // runs written (the runs directory may be removed since)
}

type workerNumbers struct {
	stems    []int32
	surfaces []bool
}

// termStats are a stem's document frequencies.
type termStats struct {
	df      int32            // documents containing the stem
	fieldDF [numFields]int32 // documents containing the stem, per field
}

// docStats is what scoring needs of a document besides its postings.
type docStats struct {
	length     [numFields]uint32 // indexed words per field
	titleStems uint16            // distinct stems in the title (saturating)
	demoted    bool              // not written for patients: scores × professionalWeight
}

// titleFlag is the flags bit of a posting whose stem is in the title.
const titleFlag = 1 << numFields

func newTermIndex(budget int, dir string) *termIndex {
	return &termIndex{ids: map[string]int32{}, surfaces: map[string]string{}, budget: budget, dir: dir}
}

// analyzeAll analyses docs on all cores and adds them in order: the
// documents of one batch are analysed in parallel while the previous batch
// is added, so only a few batches of analysed documents exist at a time.
func (ix *termIndex) analyzeAll(a *analyzer, docs []Doc, workers int) error {
	const batch = 32 // documents: three batches in flight hold about 5 MB of analyses
	ws := make([]*analyzer, parallel.Workers(workers))
	for w := range ws {
		ws[w] = a.worker()
	}
	ix.known = make([]workerNumbers, len(ws)) // new workers number afresh
	defer func() { ix.known = nil }()
	ch := make(chan []analyzedDoc, 1)
	// Added batches come back on free to be analysed into again (their
	// slices reused: analyzeDoc). A batch is made only when none is free,
	// so at most three exist (being analysed, waiting in ch, being added)
	// and sending one back never blocks.
	free := make(chan []analyzedDoc, 3)
	done := make(chan error, 1)
	go func() {
		var err error
		for b := range ch {
			for i := range b {
				if err == nil {
					err = ix.add(&b[i])
				}
			}
			free <- b[:cap(b)]
		}
		done <- err
	}()
	for start := 0; start < len(docs); start += batch {
		var out []analyzedDoc
		select {
		case out = <-free:
		default:
			out = make([]analyzedDoc, batch)
		}
		out = out[:min(batch, len(docs)-start)]
		parallel.Each(len(out), len(ws), func(w, i int) {
			analyzeDoc(ws[w], docs[start+i], &out[i])
			out[i].worker = w
		})
		ch <- out
	}
	close(ch)
	return <-done
}

// add appends the postings of one analysed document, numbered as the
// documents added before it, and spills when the buffers pass the budget.
// The first document to use a surface word decides its stem.
func (ix *termIndex) add(ad *analyzedDoc) error {
	doc := int32(len(ix.docs))
	ds := docStats{demoted: ad.demoted, titleStems: uint16(min(ad.titleStems, math.MaxUint16))}
	for f, l := range ad.length {
		ds.length[f] = uint32(l)
	}
	ix.docs = append(ix.docs, ds)
	var known *workerNumbers
	if ad.worker < len(ix.known) {
		known = &ix.known[ad.worker]
	}
	for i, sv := range ad.surfaces {
		n := int32(-1)
		if known != nil && i < len(ad.surfIDs) {
			n = ad.surfIDs[i]
		}
		if n >= 0 {
			known.surfaces = grown(known.surfaces, n)
			if known.surfaces[n] {
				continue
			}
			known.surfaces[n] = true
		}
		if _, ok := ix.surfaces[sv[0]]; !ok {
			ix.surfaces[sv[0]] = sv[1]
		}
	}
	for j := range ad.terms {
		t := &ad.terms[j]
		id := ix.stemID(known, t)
		st := &ix.stats[id]
		st.df++
		b := ix.bufs[id]
		before := cap(b)
		b = binary.AppendUvarint(b, uint64(doc-ix.last[id]))
		flags := byte(0)
		for f, tf := range t.tf {
			if tf > 0 {
				flags |= 1 << f
				st.fieldDF[f]++
			}
		}
		if t.inTitle {
			flags |= titleFlag
		}
		b = append(b, flags)
		for _, tf := range t.tf {
			if tf > 0 {
				b = binary.AppendUvarint(b, uint64(tf))
			}
		}
		b = append(b, t.posLen)
		prev := int32(0)
		for _, p := range ad.positionsOf(t) {
			b = binary.AppendUvarint(b, uint64(p-prev))
			prev = p
		}
		ix.size += cap(b) - before
		ix.bufs[id] = b
		ix.last[id] = doc
	}
	if ix.budget > 0 && ix.size > ix.budget && ix.dir != "" {
		return ix.spill()
	}
	return nil
}

// stemID returns the id of t's stem, made when new; known, when not nil,
// holds what the ids of the analysing worker's stems are.
func (ix *termIndex) stemID(known *workerNumbers, t *docTerm) int32 {
	if known != nil && t.stemID >= 0 {
		known.stems = grown(known.stems, t.stemID)
		if id := known.stems[t.stemID]; id > 0 {
			return id - 1
		}
	}
	id, ok := ix.ids[t.stem]
	if !ok {
		id = int32(len(ix.stems))
		ix.ids[t.stem] = id
		ix.stems = append(ix.stems, t.stem)
		ix.stats = append(ix.stats, termStats{})
		ix.bufs = append(ix.bufs, nil)
		ix.last = append(ix.last, -1)
	}
	if known != nil && t.stemID >= 0 {
		known.stems[t.stemID] = id + 1
	}
	return id
}

// sortedIDs returns the ids of the stems in stem order.
func (ix *termIndex) sortedIDs() []int32 {
	ids := make([]int32, len(ix.stems))
	for i := range ids {
		ids[i] = int32(i)
	}
	slices.SortFunc(ids, func(a, b int32) int {
		switch sa, sb := ix.stems[a], ix.stems[b]; {
		case sa < sb:
			return -1
		case sa > sb:
			return 1
		}
		return 0
	})
	return ids
}

// spill writes every non-empty buffer, in stem order, to a new run file
// as (uvarint stem id, uvarint length, bytes) and empties the buffers.
func (ix *termIndex) spill() error {
	if ix.runDir == "" {
		if err := os.MkdirAll(ix.dir, 0o755); err != nil {
			return fmt.Errorf("search: spill postings: %w", err)
		}
		d, err := os.MkdirTemp(ix.dir, "postings-")
		if err != nil {
			return fmt.Errorf("search: spill postings: %w", err)
		}
		ix.runDir = d
	}
	path := filepath.Join(ix.runDir, "run-"+strconv.Itoa(len(ix.runs)))
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("search: spill postings: %w", err)
	}
	ix.runs = append(ix.runs, path)
	ix.spills++
	w := bufio.NewWriterSize(f, 1<<16)
	var hdr []byte
	for _, id := range ix.sortedIDs() {
		b := ix.bufs[id]
		if len(b) == 0 {
			continue
		}
		hdr = binary.AppendUvarint(hdr[:0], uint64(id))
		hdr = binary.AppendUvarint(hdr, uint64(len(b)))
		w.Write(hdr)
		w.Write(b)
		ix.bufs[id] = nil
		ix.last[id] = -1
	}
	ix.size = 0
	err = w.Flush()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("search: spill postings: %w", err)
	}
	return nil
}

// removeRuns deletes the runs directory the index made, if any, with its
// runs.
func (ix *termIndex) removeRuns() {
	if ix.runDir != "" {
		os.RemoveAll(ix.runDir)
		ix.runDir = ""
	}
	ix.runs = nil
}

// averages returns the mean length of each field over the documents.
func (ix *termIndex) averages() [numFields]float64 {
	n := float64(len(ix.docs))
	var avg [numFields]float64
	for _, d := range ix.docs {
		for f, l := range d.length {
			avg[f] += float64(l) / n
		}
	}
	return avg
}

// scoring is what a posting's score depends on besides the posting and
// its stem's termStats: the collection's size and average field lengths,
// and the numbers the postings are written with (nil: the order documents
// were added).
type scoring struct {
	n       float64
	avg     [numFields]float64
	numbers []int32
}

// list is one stem's postings list, highest score first, truncated to
// maxPostingsPerTerm, as JSON (see appendPosting).
type list struct {
	stem string
	json []byte
}

// lists calls yield with every stem's list, in stem order, reading the
// spilled runs alongside the buffers, which it empties (it can be called
// once). Lists are scored and encoded on
// workers goroutines, a batch of stems at a time; the runs are removed
// when it returns.
func (ix *termIndex) lists(sc scoring, workers int, yield func(list) error) error {
	defer ix.removeRuns()
	readers := make([]*runReader, len(ix.runs))
	for k, p := range ix.runs {
		f, err := os.Open(p)
		if err != nil {
			return fmt.Errorf("search: read spilled postings: %w", err)
		}
		defer f.Close()
		readers[k] = &runReader{r: bufio.NewReaderSize(f, 1<<16), next: -1}
		if err := readers[k].advance(); err != nil {
			return err
		}
	}
	// A batch is at most batchStems stems or batchBytes of postings, so
	// the postings being scored at a time stay small beside the budget
	// however common the batch's stems are.
	const batchStems, batchBytes = 512, 8 << 20
	type job struct {
		id     int32
		chunks [][]byte
		out    []byte
	}
	jobs := make([]job, 0, batchStems)
	held := 0
	scratch := make([]encodeScratch, parallel.Workers(workers))
	flush := func() error {
		parallel.Each(len(jobs), workers, func(w, i int) {
			j := &jobs[i]
			j.out = ix.encode(j.id, j.chunks, sc, &scratch[w])
		})
		for _, j := range jobs {
			if err := yield(list{ix.stems[j.id], j.out}); err != nil {
				return err
			}
			ix.bufs[j.id] = nil // read: a list is read once
		}
		jobs, held = jobs[:0], 0
		return nil
	}
	for _, id := range ix.sortedIDs() {
		var chunks [][]byte
		for _, r := range readers {
			if r.next != id {
				continue
			}
			chunks = append(chunks, r.data)
			if err := r.advance(); err != nil {
				return err
			}
		}
		if len(ix.bufs[id]) > 0 {
			chunks = append(chunks, ix.bufs[id])
		}
		for _, c := range chunks {
			held += len(c)
		}
		jobs = append(jobs, job{id: id, chunks: chunks})
		if len(jobs) == batchStems || held >= batchBytes {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	for _, r := range readers {
		if r.next != -1 {
			return errors.New("search: spilled postings: a run holds a stem the index does not")
		}
	}
	return nil
}

// runReader reads the records of one run file in order.
type runReader struct {
	r    *bufio.Reader
	next int32 // the stem id of the current record; -1 at the end
	data []byte
}

func (rr *runReader) advance() error {
	id, err := binary.ReadUvarint(rr.r)
	if err == io.EOF {
		rr.next, rr.data = -1, nil
		return nil
	}
	if err != nil {
		return fmt.Errorf("search: read spilled postings: %w", err)
	}
	n, err := binary.ReadUvarint(rr.r)
	if err != nil {
		return fmt.Errorf("search: read spilled postings: %w", io.ErrUnexpectedEOF)
	}
	rr.next = int32(id)
	rr.data = make([]byte, n) // a new slice: the previous one is in a pending job
	if _, err := io.ReadFull(rr.r, rr.data); err != nil {
		return fmt.Errorf("search: read spilled postings: %w", err)
	}
	return nil
}

// rawPosting is a decoded posting, scored, with its positions still
// encoded (the JSON list holds them as the same deltas).
type rawPosting struct {
	doc, score, title int32
	pos               []byte // n uvarints
	n                 uint8
}

// encode decodes, scores, ranks and encodes one stem's chunks, in the
// worker's scratch space es.
func (ix *termIndex) encode(id int32, chunks [][]byte, sc scoring, es *encodeScratch) []byte {
	ps := es.ps[:0]
	defer func() { es.ps = ps }()
	st := &ix.stats[id]
	weights := fieldWeights()
	var idf [numFields]float64
	for f := range idf {
		df := float64(st.fieldDF[f])
		idf[f] = math.Log(1 + (sc.n-df+0.5)/(df+0.5))
	}
	for _, b := range chunks {
		doc := int32(-1)
		for len(b) > 0 {
			d, k := binary.Uvarint(b)
			b = b[k:]
			doc += int32(d)
			flags := b[0]
			b = b[1:]
			var tf [numFields]uint64
			for f := range tf {
				if flags&(1<<f) != 0 {
					tf[f], k = binary.Uvarint(b)
					b = b[k:]
				}
			}
			n := b[0]
			b = b[1:]
			start := b
			for range n {
				_, k = binary.Uvarint(b)
				b = b[k:]
			}
			p := rawPosting{doc: doc, pos: start[:len(start)-len(b)], n: n}
			ds := &ix.docs[doc]
			// The score bleve gives a term searched in every field with the
			// field weight as boost: the sum over fields of weight × BM25
			// (per-field document frequency and average length), times the
			// share of fields that contain the term (bleve's disjunction
			// coordination). Scoring like bleve keeps the browser's ranking
			// close to `medkb search`.
			var s float64
			matched := 0
			for f, tfc := range tf {
				if tfc == 0 {
					continue
				}
				t := float64(tfc)
				matched++
				s += weights[f] * idf[f] * t * bm25K1 / (t + bm25K1*(1-bm25B+bm25B*float64(ds.length[f])/sc.avg[f]))
			}
			s *= float64(matched) / numFields
			if ds.demoted {
				s *= professionalWeight
			}
			p.score = int32(max(1, int(math.Round(s*100))))
			if flags&titleFlag != 0 {
				p.title = int32(ds.titleStems)
			}
			if sc.numbers != nil {
				p.doc = sc.numbers[doc]
			}
			ps = append(ps, p)
		}
	}
	order := rankTop(ps, maxPostingsPerTerm, &es.rank)
	// Written in the worker's buffer, then copied once at its size: a
	// list made at a guess of its size grew two or three times over
	// (43 MB of 580 allocated by the index of the 10,000 bench articles).
	out := append(es.out[:0], '[')
	for k, i := range order {
		if k > 0 {
			out = append(out, ',')
		}
		out = appendPosting(out, ps[i])
	}
	out = append(out, ']')
	es.out = out
	return slices.Clone(out)
}

// encodeScratch is the scratch space of one encoding worker.
type encodeScratch struct {
	ps   []rawPosting
	rank rankScratch
	out  []byte
}

// rankScratch is rankTop's reusable space.
type rankScratch struct {
	keys  []uint64
	byDoc []int32 // ps's indexes in document order, when ps is not in it
	out   []int32
}

// rankTop returns the indexes of the first n of ps in rank order, n at
// most max: by score, highest first, then by document (a document has
// one posting in a list, so the order is total). rs, when not nil, holds
// the slices it reuses, the result among them.
//
// Each posting is ranked by one integer, its score's bits inverted (the
// sign bit flipped, so that unsigned order is the score's) above its
// place in document order: for the postings of one score, that place
// orders them as their documents do, and it is the posting's index when
// ps is in document order, as encode's always are (a delta renumbers
// its documents, by URL as the base's, in the same order); any other
// order is sorted out first. A common word's list holds a posting for
// most documents and keeps maxPostingsPerTerm: selecting those first and
// sorting only them ranks a list of 10,000 in about 0.1 ms against
// 2.1–2.4 ms for sorting every posting. Plain integers sorted by
// slices.Sort, instead of a key and an index compared by a function
// (0.14 s of a 10,000-article build's CPU), take half the instructions
// (BenchmarkRankTop, cachegrind).
func rankTop(ps []rawPosting, max int, rs *rankScratch) []int32 {
	if rs == nil {
		rs = &rankScratch{}
	}
	var byDoc []int32
	keys := rs.keys[:0]
	for j := range ps {
		if j > 0 && ps[j].doc <= ps[j-1].doc {
			byDoc = rs.docOrder(ps)
			break
		}
		keys = append(keys, rankKey(ps[j].score, j))
	}
	if byDoc != nil {
		keys = keys[:0]
		for j, i := range byDoc {
			keys = append(keys, rankKey(ps[i].score, j))
		}
	}
	if len(keys) > max {
		selectSmallest(keys, max)
		keys = keys[:max]
	}
	slices.Sort(keys)
	out := rs.out[:0]
	for _, k := range keys {
		j := int32(uint32(k))
		if byDoc != nil {
			j = byDoc[j]
		}
		out = append(out, j)
	}
	rs.keys, rs.out = keys, out
	return out
}

// rankKey is a posting's rank key: its score's bits inverted, the sign
// bit flipped so that unsigned order is the score's, above j, its place
// in document order.
func rankKey(score int32, j int) uint64 {
	return uint64(^(uint32(score)^1<<31))<<32 | uint64(uint32(j))
}

// docOrder returns ps's indexes in ascending document order.
func (rs *rankScratch) docOrder(ps []rawPosting) []int32 {
	byDoc := rs.byDoc[:0]
	for i := range ps {
		byDoc = append(byDoc, int32(i))
	}
	slices.SortFunc(byDoc, func(a, b int32) int { return cmp.Compare(ps[a].doc, ps[b].doc) })
	rs.byDoc = byDoc
	return byDoc
}

// selectSmallest moves the k smallest keys of rs to its first k places,
// in no particular order (Hoare's quickselect with a median-of-three
// pivot). Should it partition far more often than a random order needs,
// it sorts rs instead, so no input makes it quadratic.
func selectSmallest(rs []uint64, k int) {
	lo, hi := 0, len(rs)-1
	for rounds := 0; lo < hi; rounds++ {
		if rounds > 64 {
			slices.Sort(rs[lo : hi+1])
			return
		}
		mid := lo + (hi-lo)/2
		if rs[mid] < rs[lo] {
			rs[mid], rs[lo] = rs[lo], rs[mid]
		}
		if rs[hi] < rs[lo] {
			rs[hi], rs[lo] = rs[lo], rs[hi]
		}
		if rs[hi] < rs[mid] {
			rs[hi], rs[mid] = rs[mid], rs[hi]
		}
		pivot := rs[mid]
		i, j := lo, hi
		for i <= j {
			for rs[i] < pivot {
				i++
			}
			for rs[j] > pivot {
				j--
			}
			if i <= j {
				rs[i], rs[j] = rs[j], rs[i]
				i++
				j--
			}
		}
		// rs[lo:j+1] ≤ pivot ≤ rs[i:hi+1], and rs[j+1:i] equal to it.
		switch {
		case k-1 <= j:
			hi = j
		case k-1 >= i:
			lo = i
		default:
			return
		}
	}
}

// appendPosting renders a posting as [doc, score, titleStems, p0, p1-p0, …]:
// titleStems is the number of distinct title stems of the document when the
// term is in its title and 0 otherwise; positions are delta-encoded.
func appendPosting(b []byte, p rawPosting) []byte {
	b = append(b, '[')
	b = appendDecimal(b, int64(p.doc))
	b = append(b, ',')
	b = appendDecimal(b, int64(p.score))
	b = append(b, ',')
	b = appendDecimal(b, int64(p.title))
	pos := p.pos
	for range p.n {
		d, k := binary.Uvarint(pos)
		pos = pos[k:]
		b = append(b, ',')
		if d < 100 {
			b = appendDecimal(b, int64(d))
		} else {
			b = strconv.AppendUint(b, d, 10)
		}
	}
	return append(b, ']')
}

// appendDecimal appends v as strconv.AppendInt does in base 10, writing a
// number from 0 to 99 itself: most of a list's numbers are its
// positions' gaps and titleStems, and strconv's own way with them (a
// slice of a table of digits, appended) was a fifth of encode's
// instructions (cachegrind).
func appendDecimal(b []byte, v int64) []byte {
	switch {
	case v >= 0 && v < 10:
		return append(b, byte('0'+v))
	case v >= 10 && v < 100:
		return append(b, byte('0'+v/10), byte('0'+v%10))
	}
	return strconv.AppendInt(b, v, 10)
}

// parsePostings reads a list as encode writes it, a JSON array of arrays
// of integers (appendPosting), into one slice per posting sharing one
// backing array. It is json.Unmarshal into [][]int for that shape, about
// ten times faster without reflection (BenchmarkParsePostings): the
// phrase join reads back the whole lists of its terms (0.45 s of a
// 10,000-article build's 22 s with encoding/json). It accepts what
// json.Unmarshal accepts of that shape (white space, signs) but null,
// which no list holds, and fails on anything else; FuzzParsePostings
// holds them together.
func parsePostings(data []byte) ([][]int, error) {
	i := 0
	space := func() {
		for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
			i++
		}
	}
	expect := func(c byte) bool {
		space()
		if i < len(data) && data[i] == c {
			i++
			return true
		}
		return false
	}
	bad := func() ([][]int, error) {
		return nil, fmt.Errorf("search: a postings list is not an array of arrays of integers (byte %d)", i)
	}
	// number reads a JSON integer: an optional minus, then 0 or a digit
	// run not starting with 0, no fraction or exponent, within int.
	number := func() (int, bool) {
		space()
		neg := i < len(data) && data[i] == '-'
		if neg {
			i++
		}
		start := i
		var u uint64
		for i < len(data) && data[i] >= '0' && data[i] <= '9' {
			if u > (math.MaxUint64-9)/10 {
				return 0, false
			}
			u = u*10 + uint64(data[i]-'0')
			i++
		}
		if i == start || data[start] == '0' && i-start > 1 {
			return 0, false
		}
		if i < len(data) && (data[i] == '.' || data[i] == 'e' || data[i] == 'E') {
			return 0, false
		}
		if !neg && u > math.MaxInt || neg && u > -math.MinInt {
			return 0, false
		}
		if neg {
			return int(-u), true
		}
		return int(u), true
	}
	if !expect('[') {
		return bad()
	}
	all := make([]int, 0, len(data)/4) // a number and its comma are 4 bytes on average
	var ends []int
	if !expect(']') {
		for {
			if !expect('[') {
				return bad()
			}
			if !expect(']') {
				for {
					n, ok := number()
					if !ok {
						return bad()
					}
					all = append(all, n)
					if expect(']') {
						break
					}
					if !expect(',') {
						return bad()
					}
				}
			}
			ends = append(ends, len(all))
			if expect(']') {
				break
			}
			if !expect(',') {
				return bad()
			}
		}
	}
	space()
	if i != len(data) {
		return bad()
	}
	out := make([][]int, len(ends))
	at := 0
	for k, e := range ends {
		out[k] = all[at:e:e]
		at = e
	}
	return out, nil
}

// df is the number of documents holding stem.
func (ix *termIndex) df(stem string) int {
	if id, ok := ix.ids[stem]; ok {
		return int(ix.stats[id].df)
	}
	return 0
}

// has reports whether a document holds stem, so that it has a postings
// list.
func (ix *termIndex) has(stem string) bool {
	_, ok := ix.ids[stem]
	return ok
}
