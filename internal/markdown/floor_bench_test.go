package markdown_test

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/medkb/medkb/internal/benchgen"
	"github.com/medkb/medkb/internal/cputime"
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
	defer cputime.PerOp(b)()
	for b.Loop() {
		for _, a := range arts {
			buf.Reset()
			if err := md.Convert(a.Body, &buf); err != nil {
				b.Fatal(err)
			}
		}
	}
}
