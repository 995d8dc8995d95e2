package markdown

import (
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/medkb/medkb/internal/benchgen"
	"github.com/medkb/medkb/internal/cputime"
)

// BenchmarkPlainTextBenchCorpus extracts the plain text of 100 articles
// of the bench's seeded corpus (cmd/medkb-bench), parsed once beforehand:
// the text search, checks and feeds read.
func BenchmarkPlainTextBenchCorpus(b *testing.B) {
	arts, err := benchgen.MedkbArticles(b.TempDir(), benchgen.Options{Articles: 100, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	md := newGoldmark(false)
	type parsed struct {
		doc ast.Node
		src []byte
	}
	var docs []parsed
	for _, a := range arts {
		docs = append(docs, parsed{md.Parser().Parse(text.NewReader(a.Body)), a.Body})
	}
	b.ReportAllocs()
	defer cputime.PerOp(b)()
	for b.Loop() {
		for _, d := range docs {
			plainText(d.doc, d.src)
		}
	}
}
