package markdown

import (
	"testing"

	"github.com/medkb/medkb/internal/benchgen"
)

// BenchmarkControlChar runs the control-char rule (checkControlChars),
// which looks at every byte of every page, over the article of the
// bench's seeded corpus (cmd/medkb-bench) whose body is nearest 8 KiB: a
// page without a control character, as nearly all are.
func BenchmarkControlChar(b *testing.B) {
	arts, err := benchgen.MedkbArticles(b.TempDir(), benchgen.Options{Articles: 100, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	body := arts[0].Body
	for _, a := range arts {
		if abs(len(a.Body)-8192) < abs(len(body)-8192) {
			body = a.Body
		}
	}
	p := newPage(body, Context{}, false)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		p.diags = p.diags[:0]
		p.checkControlChars()
	}
	if len(p.diags) > 0 {
		b.Fatalf("the article has a control character: %+v", p.diags[0])
	}
}

func abs(n int) int { return max(n, -n) }
