package site

import (
	"context"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/medkb/medkb/internal/cputime"
	"github.com/medkb/medkb/internal/publish"
)

// BenchmarkCollectBuildRecords is one garbage collection of what a full
// build holds as its outputs start: the bench corpus (MEDKB_BENCH_ARTICLES
// articles, default 1,000) through the Markdown phase, its bodies in the
// cache folder as medkb build keeps them. Every collection of the
// outputs marks all of it again, so its cost per collection follows the
// objects and pointers the build keeps for each page; live-objects is
// the count after the first collection (the benchmark's own included),
// cpu-ms/op the process's CPU time for one collection.
func BenchmarkCollectBuildRecords(b *testing.B) {
	src := writeBenchCorpus(b)
	bd := newBuild(New(Options{Source: src, Now: fixedNow, CacheDir: filepath.Join(b.TempDir(), "cache")}), context.Background(), publish.NewMem())
	if err := bd.run(bd.phasesThrough("markdown")); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ResetTimer()
	start := cputime.Process()
	for i := 0; i < b.N; i++ {
		runtime.GC()
	}
	b.StopTimer()
	reportCPU(b, start)
	b.ReportMetric(float64(ms.HeapObjects), "live-objects")
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "live-MiB")
	runtime.KeepAlive(bd)
}
