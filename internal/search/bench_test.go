package search

import (
	"cmp"
	"encoding/json"
	"math/rand/v2"
	"slices"
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
		split splitter
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

// BenchmarkSentences splits an article-length text into the sentences of
// an excerpt (maxExcerptChars), as fill does for the documents at the
// top of the lists a query of hot words reads: the text of
// BenchmarkTextWords, and the same made ASCII.
func BenchmarkSentences(b *testing.B) {
	var sb strings.Builder
	for sb.Len() < 6000 {
		sb.WriteString("Most people don’t need tests for a mild headache, and it usually settles within 72 hours. ")
		sb.WriteString("See a GP if it keeps coming back — or if painkillers do not help.\n")
	}
	mixed := sb.String()
	ascii := strings.NewReplacer("’", "'", "—", "-").Replace(mixed)
	for _, c := range []struct{ name, text string }{{"ascii", ascii}, {"mixed", mixed}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				sentences(c.text, maxExcerptChars)
			}
		})
	}
}

// BenchmarkParsePostings reads back a list of 1,000 postings with eight
// positions each, as the phrase join does, beside encoding/json.
func BenchmarkParsePostings(b *testing.B) {
	data := []byte{'['}
	for d := range 1000 {
		if d > 0 {
			data = append(data, ',')
		}
		data = appendPosting(data, rawPosting{doc: int32(d * 7), score: int32(5000 - d), title: int32(d % 3), pos: []byte{3, 12, 1, 40, 7, 2, 9, 130, 1}, n: 8})
	}
	data = append(data, ']')
	b.Run("parsePostings", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := parsePostings(data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			var v [][]int
			if err := json.Unmarshal(data, &v); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkRankTop ranks a common word's list of 10,000 postings and
// keeps the first 1,000, and a rarer word's of 500, in document order as
// encode has them and shuffled, as rankTop does and as sorting every
// posting did.
func BenchmarkRankTop(b *testing.B) {
	ps := randomPostings(rand.New(rand.NewPCG(1, 2)), 10000, 5000, false)
	byDoc := slices.SortedFunc(slices.Values(ps), func(a, b rawPosting) int { return cmp.Compare(a.doc, b.doc) })
	for _, c := range []struct {
		name string
		ps   []rawPosting
	}{{"rankTop", byDoc}, {"rankTop-500", byDoc[:500]}, {"rankTop-shuffled", ps}} {
		b.Run(c.name, func(b *testing.B) {
			var rs rankScratch
			for b.Loop() {
				rankTop(c.ps, maxPostingsPerTerm, &rs)
			}
		})
	}
	b.Run("sort-all", func(b *testing.B) {
		for b.Loop() {
			sortedByRank(ps, maxPostingsPerTerm)
		}
	})
}
