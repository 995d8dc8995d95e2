package search

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// A build whose postings pass the memory budget spills them to disk in
// sorted runs and merges them back: the files are byte for byte those of
// a build that held everything in memory, and nothing is left on disk.
func TestBuildSpillsPastTheBudgetWithTheSameOutput(t *testing.T) {
	t.Parallel()
	docs := append(handDocs(), syntheticDocs(300)...)
	want := mustBuild(t, docs, Options{Lang: "en"})
	dir := filepath.Join(t.TempDir(), "spill")
	got := mustBuild(t, docs, Options{Lang: "en", SpillDir: dir, MemoryBudget: 16 << 10})
	if len(got) != len(want) {
		t.Fatalf("spilling build wrote %d files, in-memory build %d", len(got), len(want))
	}
	for i := range want {
		if got[i].Path != want[i].Path || !bytes.Equal(got[i].Data, want[i].Data) {
			t.Fatalf("file %d: spilling build wrote %s, in-memory build %s (or their contents differ)", i, got[i].Path, want[i].Path)
		}
	}
	if entries, err := os.ReadDir(dir); err != nil || len(entries) != 0 {
		t.Errorf("spill directory %s holds %d entries after the build (%v); want it made and emptied", dir, len(entries), err)
	}
}

// The budget bounds the postings held in memory: past it they go to a
// new run, and what memory holds starts again from nothing.
func TestTermIndexSpillsWhenItPassesTheBudget(t *testing.T) {
	t.Parallel()
	a, err := newAnalyzer("en")
	if err != nil {
		t.Fatal(err)
	}
	const budget = 32 << 10
	docs := syntheticDocs(200)
	ix := newTermIndex(budget, t.TempDir())
	w := a.worker()
	maxHeld := 0
	var ad analyzedDoc
	for _, d := range docs {
		analyzeDoc(w, d, &ad)
		if err := ix.add(&ad); err != nil {
			t.Fatal(err)
		}
		maxHeld = max(maxHeld, ix.size)
	}
	if ix.spills < 2 {
		t.Fatalf("%d runs spilled for %d documents under a %d-byte budget; want several", ix.spills, len(docs), budget)
	}
	if limit := budget + 64<<10; maxHeld > limit {
		t.Errorf("held %d bytes of postings between documents, budget %d", maxHeld, budget)
	}
	n := 0
	err = ix.lists(scoring{n: float64(len(docs)), avg: ix.averages()}, 2, func(l list) error {
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != len(ix.stems) {
		t.Errorf("lists yielded %d stems, the dictionary holds %d", n, len(ix.stems))
	}
	if len(ix.runs) != 0 {
		t.Errorf("runs left after lists: %v", ix.runs)
	}
}

// Without a spill directory the budget cannot be kept, and the index
// holds everything rather than fail.
func TestTermIndexWithoutSpillDirKeepsEverything(t *testing.T) {
	t.Parallel()
	want := mustBuild(t, testCorpus(), Options{Lang: "en"})
	got := mustBuild(t, testCorpus(), Options{Lang: "en", MemoryBudget: 1})
	if len(got) != len(want) {
		t.Fatalf("%d files, want %d", len(got), len(want))
	}
	for i := range want {
		if !bytes.Equal(got[i].Data, want[i].Data) {
			t.Fatalf("%s differs", want[i].Path)
		}
	}
}

// Write hands out the files Build returns, one at a time, the manifest
// last, and an error from its caller stops it.
func TestWriteEmitsBuildsFilesAndStopsOnError(t *testing.T) {
	t.Parallel()
	docs := testCorpus()
	want := mustBuild(t, docs, Options{Lang: "en"})
	got := map[string][]byte{}
	var last string
	base, st, err := Write(docs, Options{Lang: "en"}, func(f File) error {
		if _, dup := got[f.Path]; dup {
			t.Errorf("%s emitted twice", f.Path)
		}
		got[f.Path], last = f.Data, f.Path
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if last != "manifest.json" {
		t.Errorf("last file %s, want manifest.json", last)
	}
	if len(got) != len(want) || st.Files != len(want) {
		t.Fatalf("emitted %d files (stats %d), Build returns %d", len(got), st.Files, len(want))
	}
	for _, f := range want {
		if !bytes.Equal(got[f.Path], f.Data) {
			t.Errorf("%s differs from Build's", f.Path)
		}
	}
	if string(base.Manifest) != string(got["manifest.json"]) || len(base.URLs) != len(docs) {
		t.Errorf("base: manifest %d bytes, %d URLs; want the emitted manifest and %d URLs", len(base.Manifest), len(base.URLs), len(docs))
	}

	full := errors.New("disk full")
	n := 0
	_, _, err = Write(docs, Options{Lang: "en"}, func(File) error {
		n++
		if n == 3 {
			return full
		}
		return nil
	})
	if !errors.Is(err, full) || n != 3 {
		t.Errorf("Write after a failing emit: %v after %d files; want the emit's error after 3", err, n)
	}
}

// analyzeDoc reuses the slices of the analysis it is given: an analysis
// made into one that held a longer document's must equal one made afresh.
func TestAnalyzeDocReusesNothingOfThePreviousDocument(t *testing.T) {
	t.Parallel()
	a, err := newAnalyzer("en")
	if err != nil {
		t.Fatal(err)
	}
	docs := syntheticDocs(3)
	long := docs[0]
	long.Body = strings.Repeat(long.Body+" ", 20)
	short := Doc{URL: "/s/", Title: "Asthma in children", Tags: []string{"lungs"}, Body: "Wheezing at night. Inhalers help."}
	w := a.worker()
	var reused, fresh analyzedDoc
	analyzeDoc(w, long, &reused)
	if len(reused.terms) <= 10 {
		t.Fatalf("the long document has %d terms; the test needs more than the short one's", len(reused.terms))
	}
	analyzeDoc(w, short, &reused)
	analyzeDoc(w, short, &fresh) // the same worker: the memo numbers words as it first met them
	if !reflect.DeepEqual(reused, fresh) {
		t.Errorf("analysis made into a used one:\n%+v\nwant, made afresh:\n%+v", reused, fresh)
	}
	if len(fresh.terms) == 0 || len(fresh.positions) == 0 || len(fresh.surfaces) == 0 {
		t.Errorf("the short document's analysis is empty: %+v", fresh)
	}
}

// sameLists compares decoded lists (slices.Equal takes an empty posting
// for a nil one, as a list's users do).
func sameLists(a, b [][]int) bool {
	return slices.EqualFunc(a, b, slices.Equal)
}

var postingSeeds = []string{
	"[]", "[[]]", "[[1,2,3]]", "[[0,100,0,5,1,1],[7,99,3,2]]",
	" [ [ 1 , 2 ] ,\n\t[3]\r] ", "[[-0,-5]]", "[[9223372036854775807]]",
	"[[9223372036854775808]]", "[[-9223372036854775808]]", "[[01]]", "[[1.0]]", "[[1e2]]",
	"[[1,]]", "[[1]", "[1]", "[[1]]x", "null", "[null]", "[[null]]", "[[\"1\"]]", "[[1] [2]]", "",
}

// parsePostings reads back what encode writes, and agrees with
// json.Unmarshal on everything else: what it accepts, json does, giving
// the same lists; what json accepts it accepts too, but for nulls (which
// no list holds).
func TestParsePostingsReadsWhatEncodeWrites(t *testing.T) {
	ps := []rawPosting{{doc: 3, score: 1200, title: 2, pos: []byte{4, 1, 130, 1}, n: 3}, {doc: 0, score: 1}, {doc: 1 << 30, score: 7, pos: []byte{0}, n: 1}}
	data := []byte{'['}
	for k, p := range ps {
		if k > 0 {
			data = append(data, ',')
		}
		data = appendPosting(data, p)
	}
	data = append(data, ']')
	got, err := parsePostings(data)
	want := [][]int{{3, 1200, 2, 4, 1, 130}, {0, 1, 0}, {1 << 30, 7, 0, 0}}
	if err != nil || !sameLists(got, want) {
		t.Fatalf("%s: got %v, %v; want %v", data, got, err, want)
	}
	for _, s := range postingSeeds {
		checkParsePostings(t, s)
	}
}

func checkParsePostings(t *testing.T, s string) {
	got, err := parsePostings([]byte(s))
	var want [][]int
	jerr := json.Unmarshal([]byte(s), &want)
	switch {
	case err == nil && jerr != nil:
		t.Fatalf("%q: parsed %v where json fails: %v", s, got, jerr)
	case err == nil && !sameLists(got, want):
		t.Fatalf("%q: parsed %v, json %v", s, got, want)
	case err != nil && jerr == nil && !strings.Contains(s, "null"):
		t.Fatalf("%q: %v where json gives %v", s, err, want)
	}
}

func FuzzParsePostings(f *testing.F) {
	for _, s := range postingSeeds {
		f.Add(s)
	}
	f.Fuzz(checkParsePostings)
}

// sortedByRank is how a list's postings were ordered before rankTop: the
// whole list sorted by score, highest first, then document, and cut.
func sortedByRank(ps []rawPosting, max int) []rawPosting {
	ps = slices.Clone(ps)
	slices.SortFunc(ps, func(a, b rawPosting) int {
		if a.score != b.score {
			return cmp.Compare(b.score, a.score)
		}
		return cmp.Compare(a.doc, b.doc)
	})
	return ps[:min(len(ps), max)]
}

// randomPostings are n postings of distinct documents in a random order,
// scores drawn from few values (many ties) or many, positive or, with
// signed, from both sides of zero (no score is below 1 in an index, but
// rankKey orders any int32).
func randomPostings(r *rand.Rand, n, scores int, signed bool) []rawPosting {
	ps := make([]rawPosting, n)
	for i, d := range r.Perm(n) {
		score := int32(1 + r.IntN(scores))
		if signed {
			score -= int32(scores / 2)
		}
		ps[i] = rawPosting{doc: int32(d - n/3), score: score}
	}
	return ps
}

// rankTop keeps the postings and the order that sorting the whole list
// and cutting it gave, for lists shorter and longer than the cut, with
// scores that tie a lot or never (negative scores too: a negative count
// below marks them), in document order (as encode has them), in a
// random order or already sorted, and with documents below zero; its
// scratch space reused from one list to the next or not.
func TestRankTopOrdersAsSortingAllDid(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var rs rankScratch
	for _, n := range []int{0, 1, 2, 3, 10, 999, 1000, 1001, 5000} {
		for _, scores := range []int{1, 3, 1 << 30, -3, -(1 << 30)} {
			ps := randomPostings(r, n, max(scores, -scores), scores < 0)
			byDoc := slices.SortedFunc(slices.Values(ps), func(a, b rawPosting) int { return cmp.Compare(a.doc, b.doc) })
			for name, in := range map[string][]rawPosting{"by document": byDoc, "random": ps, "sorted": sortedByRank(ps, n), "reversed": reversed(sortedByRank(ps, n))} {
				want := sortedByRank(in, 1000)
				var got, reused []rawPosting
				for _, i := range rankTop(in, 1000, nil) {
					got = append(got, in[i])
				}
				for _, i := range rankTop(in, 1000, &rs) {
					reused = append(reused, in[i])
				}
				if !slices.EqualFunc(got, reused, func(a, b rawPosting) bool { return a.doc == b.doc && a.score == b.score }) {
					t.Fatalf("%d postings, %d scores, %s: rankTop differs with its scratch space reused", n, scores, name)
				}
				if !slices.EqualFunc(got, want, func(a, b rawPosting) bool { return a.doc == b.doc && a.score == b.score }) {
					t.Fatalf("%d postings, %d scores, %s: rankTop differs from sorting all", n, scores, name)
				}
			}
		}
	}
}

func reversed(ps []rawPosting) []rawPosting {
	slices.Reverse(ps)
	return ps
}

// TestIndexIsTheSameWhateverTheWorkers: each analysing worker numbers the
// words and stems it meets in its own order, and the index translates
// them per worker (termIndex.known). With one worker or several, the
// index holds what documents analysed without numbers (a shared memo,
// looked up by word alone) make of it. 200 documents: several batches of
// analyzeAll, each split among the workers differently.
func TestIndexIsTheSameWhateverTheWorkers(t *testing.T) {
	t.Parallel()
	docs := append(handDocs(), syntheticDocs(200)...)
	a, err := newAnalyzer("en")
	if err != nil {
		t.Fatal(err)
	}
	want := newTermIndex(0, "")
	for _, d := range docs {
		var ad analyzedDoc
		analyzeDoc(a, d, &ad) // a shared memo: no numbers
		if len(ad.terms) > 0 && ad.terms[0].stemID != -1 {
			t.Fatalf("a shared memo numbered stem %q", ad.terms[0].stem)
		}
		if err := want.add(&ad); err != nil {
			t.Fatal(err)
		}
	}
	for _, workers := range []int{1, 2, 3, 7} {
		got := newTermIndex(0, "")
		if err := got.analyzeAll(a, docs, workers); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.stems, want.stems) || !reflect.DeepEqual(got.ids, want.ids) ||
			!reflect.DeepEqual(got.bufs, want.bufs) || !reflect.DeepEqual(got.stats, want.stats) ||
			!reflect.DeepEqual(got.docs, want.docs) || !reflect.DeepEqual(got.surfaces, want.surfaces) {
			t.Errorf("%d workers: the index differs from the one made without numbers", workers)
		}
	}
	// Past its limit a worker numbers no new word and keeps the numbers
	// it gave: the index is the same, and the numbering stays bounded.
	capped := *a
	capped.idLimit = 40
	got := newTermIndex(0, "")
	if err := got.analyzeAll(&capped, docs, 2); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.stems, want.stems) || !reflect.DeepEqual(got.ids, want.ids) ||
		!reflect.DeepEqual(got.bufs, want.bufs) || !reflect.DeepEqual(got.stats, want.stats) ||
		!reflect.DeepEqual(got.docs, want.docs) || !reflect.DeepEqual(got.surfaces, want.surfaces) {
		t.Error("with the numbering capped at 40: the index differs from the one made without numbers")
	}
	w := capped.worker()
	unnumbered := 0
	for _, d := range docs {
		w.each(d.Body, func(tk token) {
			if tk.surfID < 0 {
				unnumbered++
			}
		})
	}
	if len(w.memo.surfIDs) > 40 || len(w.memo.stemIDs) > 40 || unnumbered == 0 {
		t.Errorf("capped at 40, a worker numbered %d surfaces and %d stems (%d words unnumbered)", len(w.memo.surfIDs), len(w.memo.stemIDs), unnumbered)
	}
}

// TestAppendDecimalIsStrconvs: a list's numbers are written as
// strconv.AppendInt writes them, those below 100 by hand as the others.
func TestAppendDecimalIsStrconvs(t *testing.T) {
	vs := []int64{math.MinInt64, math.MaxInt64, -100, -99, -10, -9, -1}
	for v := range int64(1001) {
		vs = append(vs, v)
	}
	for _, v := range vs {
		if got, want := string(appendDecimal([]byte("x"), v)), string(strconv.AppendInt([]byte("x"), v, 10)); got != want {
			t.Errorf("appendDecimal(%d) = %q, want %q", v, got, want)
		}
	}
	// And a posting whose gaps are on both sides of 100.
	var pos []byte
	for _, gap := range []uint64{9, 42, 100, 1 << 40} {
		pos = binary.AppendUvarint(pos, gap)
	}
	p := rawPosting{doc: 12345, score: 99, title: 3, pos: pos, n: 4}
	if got, want := string(appendPosting(nil, p)), "[12345,99,3,9,42,100,1099511627776]"; got != want {
		t.Errorf("appendPosting = %s, want %s", got, want)
	}
}
