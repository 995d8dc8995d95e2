package search

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
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
	analyzeDoc(a.worker(), short, &fresh)
	if !reflect.DeepEqual(reused, fresh) {
		t.Errorf("analysis made into a used one:\n%+v\nwant, made afresh:\n%+v", reused, fresh)
	}
	if len(fresh.terms) == 0 || len(fresh.positions) == 0 || len(fresh.surfaces) == 0 {
		t.Errorf("the short document's analysis is empty: %+v", fresh)
	}
}
