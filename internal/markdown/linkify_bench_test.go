package markdown

import (
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/medkb/medkb/internal/benchgen"
	"github.com/medkb/medkb/internal/cputime"
)

// BenchmarkLinkifyParse parses 100 bench articles (cmd/medkb-bench's
// seeded corpus) with GFM's table, strikethrough, task list and
// typographer extensions and, in turn within each iteration (each first
// every other time), goldmark's
// own Linkify ("goldmark-cpu-ns/op") and quickLinkify
// ("quick-cpu-ns/op"): the two take turns every few milliseconds, so a
// machine shared with other work slows both alike, and the ratio of the
// two metrics is what the change saves in goldmark's parse.
func BenchmarkLinkifyParse(b *testing.B) {
	arts, err := benchgen.MedkbArticles(b.TempDir(), benchgen.Options{Articles: 100, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	var bodies [][]byte
	for _, a := range arts {
		bodies = append(bodies, a.Body)
	}
	want, got := linkifyPair()
	parseAll := func(md goldmark.Markdown) time.Duration {
		start := cputime.Process()
		for _, body := range bodies {
			md.Parser().Parse(text.NewReader(body), parser.WithContext(parser.NewContext()))
		}
		return cputime.Process() - start
	}
	var full, quick time.Duration
	for i := 0; b.Loop(); i++ {
		if i%2 == 0 { // each goes first in turn: the garbage one leaves, the other collects
			full += parseAll(want)
			quick += parseAll(got)
		} else {
			quick += parseAll(got)
			full += parseAll(want)
		}
	}
	b.ReportMetric(float64(full)/float64(b.N), "goldmark-cpu-ns/op")
	b.ReportMetric(float64(quick)/float64(b.N), "quick-cpu-ns/op")
	b.ReportMetric(float64(quick)/float64(full), "quick/goldmark")
}
