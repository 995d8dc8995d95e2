package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/medkb/medkb/internal/benchgen"
)

// BenchmarkPlainTextBenchCorpus extracts the plain text of 100 articles
// of the bench's seeded corpus (cmd/medkb-bench), parsed once beforehand:
// the text search, checks and feeds read.
func BenchmarkPlainTextBenchCorpus(b *testing.B) {
	dir := b.TempDir()
	if _, err := benchgen.WriteMedkb(dir, benchgen.Options{Articles: 100, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "content", "*", "*.md"))
	if err != nil {
		b.Fatal(err)
	}
	md := newGoldmark(false)
	type parsed struct {
		doc ast.Node
		src []byte
	}
	var docs []parsed
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		if _, body, ok := bytes.Cut(src[4:], []byte("\n---\n")); ok && filepath.Base(f) != "_index.md" {
			docs = append(docs, parsed{md.Parser().Parse(text.NewReader(body)), body})
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			plainText(d.doc, d.src)
		}
	}
}
