package markdown_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/markdown"
)

// shape builds a Markdown body of about n bytes of one pathological kind:
// the inputs of the linear-time benchmarks and fuzz seeds (issue #25).
type shape struct {
	name string
	unit func(i int) string // the i-th repetition
}

var shapes = []shape{
	{"identical-headings", func(int) string { return "## Dose\n\n" }},
	{"numbered-headings", func(i int) string {
		// "Dose", "Dose-1", "Dose" …: ids that collide with suffixed ones.
		if i%2 == 0 {
			return "## Dose\n\n"
		}
		return fmt.Sprintf("## Dose %d\n\n", i/2+1)
	}},
	{"citations", func(int) string { return "Asthma [@gina2024] and [@nice2021; @smith:2020]. " }},
	{"unknown-citations", func(i int) string { return fmt.Sprintf("[@ref%d] ", i) }},
	{"glossary-terms", func(int) string { return "asthma wheezing spirometry preventer inhaler reliever inhaler " }},
	{"long-line", func(int) string { return "abcdefghij" }},
	{"nested-lists", func(i int) string { return strings.Repeat("  ", i%200) + "- item\n" }},
	{"nested-blockquotes", func(i int) string { return strings.Repeat(">", i%200+1) + " quote\n" }},
	{"table-rows", func(i int) string {
		if i == 0 {
			return "| a | b | c |\n|---|---|---|\n"
		}
		return "| x | y | z |\n"
	}},
	{"links", func(i int) string { return fmt.Sprintf("[link %d](/conditions/a%d/) ", i, i) }},
	{"emphasis", func(int) string { return "*a _b " }},
	{"unclosed-citations", func(int) string { return "[@gina2024 " }},
	{"open-brackets", func(int) string { return "[a " }},
	{"callouts", func(int) string { return "> [!NOTE] Title\n> body\n\n" }},
	{"footnotes", func(i int) string { return fmt.Sprintf("Text[^n%d].\n\n[^n%d]: Note.\n\n", i, i) }},
}

// build repeats s's unit until the body holds at least n bytes.
func (s shape) build(n int) []byte {
	var b bytes.Buffer
	b.WriteString("Intro.\n\n")
	for i := 0; b.Len() < n; i++ {
		b.WriteString(s.unit(i))
	}
	return b.Bytes()
}

var shapeSizes = []struct {
	name string
	n    int
}{{"10KB", 10 << 10}, {"100KB", 100 << 10}, {"1MB", 1 << 20}, {"8MB", 8 << 20}}

// BenchmarkShapes renders each pathological shape at 10 KB … 8 MB and
// reports ns/byte, which stays flat when rendering is linear in the input.
func BenchmarkShapes(b *testing.B) {
	r := markdown.New(markdown.Options{})
	ctx := articleContext()
	for _, s := range shapes {
		for _, size := range shapeSizes {
			b.Run(s.name+"/"+size.name, func(b *testing.B) {
				src := s.build(size.n)
				b.SetBytes(int64(len(src)))
				for b.Loop() {
					if _, err := r.Render(src, ctx); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(src)), "ns/byte")
			})
		}
	}
}
