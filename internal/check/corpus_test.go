package check

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/medkb/medkb/internal/benchgen"
	"github.com/medkb/medkb/internal/check/readability"
	"github.com/medkb/medkb/internal/markdown"
)

// benchPages returns the first n articles of the bench's seeded corpus
// (cmd/medkb-bench) as patient pages, their plain text rendered by the
// real Markdown renderer.
func benchPages(tb testing.TB, n int) []Page {
	tb.Helper()
	dir := tb.TempDir()
	if _, err := benchgen.WriteMedkb(dir, benchgen.Options{Articles: n, Seed: 1}); err != nil {
		tb.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "content", "*", "*.md"))
	if err != nil {
		tb.Fatal(err)
	}
	md := markdown.New(markdown.Options{})
	var pages []Page
	for _, f := range files {
		if filepath.Base(f) == "_index.md" {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		_, body, ok := bytes.Cut(src[4:], []byte("\n---\n"))
		if !ok {
			tb.Fatalf("%s: no front matter", f)
		}
		res, err := md.Render(body, markdown.Context{File: f})
		if err != nil {
			tb.Fatal(err)
		}
		pages = append(pages, Page{File: f, Lang: "en", Audience: "patient", IsArticle: true, TitleLine: 2,
			Plain: res.Plain, Source: SourceBytes(src)})
	}
	return pages
}

// BenchmarkReadabilityArticles runs the readability check over 200
// articles of the bench corpus, as a full build does (one Counter per
// worker).
func BenchmarkReadabilityArticles(b *testing.B) {
	pages := benchPages(b, 200)
	rc := new(readability.Counter)
	b.ReportAllocs()
	for b.Loop() {
		for i := range pages {
			checkReadability(&pages[i], DefaultReadabilityTarget, rc)
		}
	}
}
