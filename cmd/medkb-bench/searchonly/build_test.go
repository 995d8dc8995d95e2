package main

import (
	"os"
	"strconv"
	"testing"

	"github.com/medkb/medkb/internal/benchgen"
	"github.com/medkb/medkb/internal/cputime"
	"github.com/medkb/medkb/internal/search"
	"github.com/medkb/medkb/internal/site"
)

// BenchmarkBuildCorpus builds the English search index of a site, as a
// build's search phase does, from documents read once before the timer:
// the site at MEDKB_SEARCH_CORPUS, or else a bench corpus of
// MEDKB_SEARCH_ARTICLES articles (default 1,000) made in a temporary
// folder. Besides the wall time it reports the process's CPU time an
// index (cpu-ns/op), which a loaded machine spreads far less. Under
// cachegrind, two binaries' counts differ by the search alone when both
// read the same MEDKB_SEARCH_CORPUS (the reading is the same):
//
//	go test -c -o /tmp/searchonly.test ./cmd/medkb-bench/searchonly
//	MEDKB_SEARCH_CORPUS=SITE valgrind --tool=cachegrind --cache-sim=yes /tmp/searchonly.test -test.run '^$' -test.bench BuildCorpus -test.benchtime 3x
func BenchmarkBuildCorpus(b *testing.B) {
	src := os.Getenv("MEDKB_SEARCH_CORPUS")
	if src == "" {
		n := 1000
		if v := os.Getenv("MEDKB_SEARCH_ARTICLES"); v != "" {
			var err error
			if n, err = strconv.Atoi(v); err != nil {
				b.Fatal(err)
			}
		}
		src = b.TempDir()
		if _, err := benchgen.WriteMedkb(src, benchgen.Options{Articles: n, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	in, errs, err := site.New(site.Options{Source: src}).SearchInput(b.Context())
	if err != nil || len(errs) > 0 {
		b.Fatal(err, errs)
	}
	l, ok := in.Langs["en"]
	if !ok {
		b.Fatal("the site has no English documents")
	}
	before := cputime.Process()
	n := 0
	for b.Loop() {
		if _, _, err := search.Build(l.Docs, l.Options); err != nil {
			b.Fatal(err)
		}
		n++
	}
	// The process's CPU time (all threads, the collector's too): on a
	// shared machine it varies far less than the wall time ns/op reports.
	b.ReportMetric(float64(cputime.Process()-before)/float64(n), "cpu-ns/op")
}
