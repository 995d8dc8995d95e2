package phi

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/medkb/medkb/internal/benchgen"
)

// benchArticles returns the Markdown sources of the first n articles of
// the bench's seeded corpus (cmd/medkb-bench), the text a full build scans.
func benchArticles(tb testing.TB, n int) [][]byte {
	tb.Helper()
	dir := tb.TempDir()
	if _, err := benchgen.WriteMedkb(dir, benchgen.Options{Articles: n, Seed: 1}); err != nil {
		tb.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "content", "*", "*.md"))
	if err != nil {
		tb.Fatal(err)
	}
	var out [][]byte
	for _, f := range files {
		if filepath.Base(f) == "_index.md" {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, src)
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
