package markdown_test

import (
	"bytes"
	"syscall"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/medkb/medkb/internal/benchgen"
)

// BenchmarkFloorBenchCorpus renders the same 100 articles as
// BenchmarkRenderBenchCorpus with goldmark alone, with the extensions the
// floor program uses (cmd/medkb-bench/floor: GFM) and those medkb adds of
// goldmark's own (footnotes, definition lists, typographer): what medkb's
// own extensions, checks and text cost is the difference between the two.
func BenchmarkFloorBenchCorpus(b *testing.B) {
	arts, err := benchgen.MedkbArticles(b.TempDir(), benchgen.Options{Articles: 100, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, extension.Typographer))
	var n int64
	for _, a := range arts {
		n += int64(len(a.Body))
	}
	b.SetBytes(n)
	b.ReportAllocs()
	var buf bytes.Buffer
	defer reportCPU(b)()
	for b.Loop() {
		for _, a := range arts {
			buf.Reset()
			if err := md.Convert(a.Body, &buf); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// reportCPU, deferred with its result called (defer reportCPU(b)()),
// reports the process's user+system CPU time per iteration as cpu-ns/op:
// on a machine shared with other work, ns/op counts the time spent
// waiting for a core, and this does not (the garbage collector's
// background work is in it, as in a build's CPU).
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
		}
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
