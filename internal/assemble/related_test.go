package assemble

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/medkb/medkb/internal/page"
)

// relatedByCounting is the obvious related (relatedOf for every article).
func relatedByCounting(ls *Lang) map[*page.Page][]*page.Page {
	relatedOf(ls, func(*page.Page) bool { return true })
	out := map[*page.Page][]*page.Page{}
	for _, p := range ls.Articles {
		out[p] = slices.Clone(p.Related)
		p.Related = nil
	}
	return out
}

// randomLang makes n articles over a few sections with random tags (some
// repeated, some in other case, some empty) and dates with many ties.
func randomLang(r *rand.Rand, n, tags int) *Lang {
	ls := &Lang{}
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		p := &page.Page{Kind: page.KindPage, Section: fmt.Sprintf("s%d", r.IntN(4)),
			RelPermalink: fmt.Sprintf("/a/%04d/", r.IntN(1_000_000)*10_000+i)}
		p.Meta.Date = page.Date{Time: base.AddDate(0, 0, r.IntN(20))}
		for range r.IntN(6) {
			name := fmt.Sprintf("Tag %d", r.IntN(tags))
			switch r.IntN(10) {
			case 0:
				name = "tag " + name[4:] // the same slug, in other case
			case 1:
				name = "!!" // no slug
			}
			p.Meta.Tags = append(p.Meta.Tags, name)
		}
		ls.Articles = append(ls.Articles, p)
	}
	groupTags(ls)
	return ls
}

// TestRelatedMatchesCounting holds related to counting every article of
// every tag, on random sites from sparse (most articles share one tag or
// none) to dense (many share several), with many ties to break.
func TestRelatedMatchesCounting(t *testing.T) {
	for seed := range uint64(40) {
		r := rand.New(rand.NewPCG(seed, 7))
		n := 1 + r.IntN(300)
		ls := randomLang(r, n, 2+r.IntN(40))
		want := relatedByCounting(ls)
		related(ls)
		for _, p := range ls.Articles {
			if fmt.Sprint(urls(p.Related)) != fmt.Sprint(urls(want[p])) {
				t.Fatalf("seed %d, %d articles, %s (tags %q, section %s): related %v, counting %v",
					seed, n, p.RelPermalink, p.Meta.Tags, p.Section, urls(p.Related), urls(want[p]))
			}
		}
	}
}

func urls(ps []*page.Page) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.RelPermalink)
	}
	return out
}

// BenchmarkRelated reports the cost per article as a site on a fixed set
// of 200 tags grows.
func BenchmarkRelated(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			ls := randomLang(rand.New(rand.NewPCG(1, 2)), n, 200)
			b.ResetTimer()
			for b.Loop() {
				related(ls)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/article")
		})
	}
}
