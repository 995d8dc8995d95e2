package phi

import (
	"testing"

	"github.com/medkb/medkb/internal/benchgen"
)

// benchArticles returns the Markdown sources of the first n articles of
// the bench's seeded corpus (cmd/medkb-bench), the text a full build scans.
func benchArticles(tb testing.TB, n int) [][]byte {
	tb.Helper()
	arts, err := benchgen.MedkbArticles(tb.TempDir(), benchgen.Options{Articles: n, Seed: 1})
	if err != nil {
		tb.Fatal(err)
	}
	var out [][]byte
	for _, a := range arts {
		out = append(out, a.Source)
	}
	return out
}

// BenchmarkScanArticles scans 200 articles of the bench corpus, as a full
// build's identifier check does.
func BenchmarkScanArticles(b *testing.B) {
	srcs := benchArticles(b, 200)
	var n int64
	for _, s := range srcs {
		n += int64(len(s))
	}
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range srcs {
			Scan(s)
		}
	}
}
