package search

import (
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
)

func BenchmarkBuild(b *testing.B) {
	docs := append(handDocs(), syntheticDocs(1000)...)
	var st Stats
	for b.Loop() {
		var err error
		if _, st, err = Build(docs, Options{Lang: "en"}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(st.Bytes), "index-bytes")
	b.ReportMetric(float64(st.Files), "files")
}

// BenchmarkTextWords splits an article-length text with a curly quote or
// a dash in every other sentence, as textWords does and as the segmenter
// alone did, beside asciiWords on the same text made ASCII (the floor).
func BenchmarkTextWords(b *testing.B) {
	var sb strings.Builder
	for sb.Len() < 6000 {
		sb.WriteString("Most people don’t need tests for a mild headache, and it usually settles within 72 hours. ")
		sb.WriteString("See a GP if it keeps coming back — or if painkillers do not help. ")
	}
	mixed := sb.String()
	ascii := strings.NewReplacer("’", "'", "—", "-").Replace(mixed)
	n := 0
	count := func(string, int, int, int, analysis.TokenType) { n++ }
	for _, c := range []struct {
		name  string
		split func(string, func(string, int, int, int, analysis.TokenType))
		text  string
	}{{"textWords", textWords, mixed}, {"segmenter", unicodeWords, mixed}, {"ascii-floor", asciiWords, ascii}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.text)))
			for b.Loop() {
				c.split(c.text, count)
			}
		})
	}
}
