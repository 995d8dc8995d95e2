package markdown_test

import (
	"os"
	"path/filepath"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/medkb/medkb/internal/benchgen"
	"github.com/medkb/medkb/internal/cputime"
	"github.com/medkb/medkb/internal/markdown"
)

// BenchmarkRenderBenchCorpus renders 100 articles of the bench's seeded
// corpus (cmd/medkb-bench) with its glossary linked, as a full build
// renders a patient page's body.
func BenchmarkRenderBenchCorpus(b *testing.B) {
	dir := b.TempDir()
	arts, err := benchgen.MedkbArticles(dir, benchgen.Options{Articles: 100, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "data", "glossary.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	var terms []struct {
		Term, Definition string
		Synonyms         []string
	}
	if err := yaml.Unmarshal(raw, &terms); err != nil {
		b.Fatal(err)
	}
	var glossary []markdown.GlossaryTerm
	for _, t := range terms {
		glossary = append(glossary, markdown.GlossaryTerm{Term: t.Term, Definition: t.Definition, Synonyms: t.Synonyms})
	}
	var bodies [][]byte
	var n int64
	for _, a := range arts {
		bodies = append(bodies, a.Body)
		n += int64(len(a.Body))
	}
	r := markdown.New(markdown.Options{})
	ctx := markdown.Context{Glossary: glossary, LinkGlossary: true}
	b.SetBytes(n)
	b.ReportAllocs()
	defer cputime.PerOp(b)()
	for b.Loop() {
		for _, body := range bodies {
			if _, err := r.Render(body, ctx); err != nil {
				b.Fatal(err)
			}
		}
	}
}
