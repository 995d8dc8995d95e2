package glossary

import (
	"os"
	"path/filepath"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/medkb/medkb/internal/benchgen"
)

// BenchmarkFindBenchCorpus scans 200 articles of the bench's seeded corpus
// (cmd/medkb-bench) for the names of its glossary, as linking does: each
// text from the last match on, each entry linked once.
func BenchmarkFindBenchCorpus(b *testing.B) {
	dir := b.TempDir()
	arts, err := benchgen.MedkbArticles(dir, benchgen.Options{Articles: 200, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "data", "glossary.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	var entries []Entry
	if err := yaml.Unmarshal(raw, &entries); err != nil {
		b.Fatal(err)
	}
	var texts []string
	var n int64
	for _, a := range arts {
		texts = append(texts, string(a.Source))
		n += int64(len(a.Source))
	}
	m := &matcher{Index: NewIndex(entries)}
	if len(entries) == 0 {
		b.Fatal("the bench corpus has no glossary")
	}
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range texts {
			used := make([]bool, len(entries))
			for {
				_, end, e, ok := m.find(s, used)
				if !ok {
					break
				}
				used[e] = true
				s = s[end:]
			}
		}
	}
}
