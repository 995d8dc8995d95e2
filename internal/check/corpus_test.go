package check

import (
	"testing"

	"github.com/medkb/medkb/internal/benchgen"
	"github.com/medkb/medkb/internal/check/readability"
	"github.com/medkb/medkb/internal/cputime"
	"github.com/medkb/medkb/internal/markdown"
)

// benchPages returns the first n articles of the bench's seeded corpus
// (cmd/medkb-bench) as patient pages, their plain text rendered by the
// real Markdown renderer.
func benchPages(tb testing.TB, n int) []Page {
	tb.Helper()
	arts, err := benchgen.MedkbArticles(tb.TempDir(), benchgen.Options{Articles: n, Seed: 1})
	if err != nil {
		tb.Fatal(err)
	}
	md := markdown.New(markdown.Options{})
	var pages []Page
	for _, a := range arts {
		res, err := md.Render(a.Body, markdown.Context{File: a.Path})
		if err != nil {
			tb.Fatal(err)
		}
		pages = append(pages, Page{File: a.Path, Lang: "en", Audience: "patient", IsArticle: true, TitleLine: 2,
			Plain: res.Plain, Source: SourceBytes(a.Source)})
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
	defer cputime.PerOp(b)()
	for b.Loop() {
		for i := range pages {
			checkReadability(&pages[i], DefaultReadabilityTarget, rc)
		}
	}
}
