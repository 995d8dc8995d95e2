package buildcache

import (
	"strconv"
	"testing"

	"github.com/medkb/medkb/internal/cputime"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/source"
)

// BenchmarkLoadFrontMatter loads a front matter cache of 10,000 entries,
// as every build after the first does: the records decoded in place, the
// keys copied into the Log's maps (a Key, 32 bytes inline in the map's
// slots; hex strings before binary keys).
func BenchmarkLoadFrontMatter(b *testing.B) {
	dir := b.TempDir()
	l := NewFrontMatter(dir)
	l.Load()
	for i := range 10000 {
		name := "content/section/article-" + strconv.Itoa(i) + ".md"
		l.Put(source.SumOf([]byte(name)), &FrontMatter{Meta: page.Meta{Title: "Article " + strconv.Itoa(i), Summary: "A summary of some length for " + name,
			Tags: []string{"asthma", "copd"}, Authors: []string{"a-smith"}}, BodyLine: 12, Skip: 300, MetaKey: source.SumOf([]byte(name + "meta"))})
	}
	if !l.Save() {
		b.Fatal("Save failed")
	}
	b.ReportAllocs()
	b.ResetTimer()
	start := cputime.Process()
	for range b.N {
		c := NewFrontMatter(dir)
		c.Load()
		if len(c.entries) != 10000 {
			b.Fatalf("%d entries loaded", len(c.entries))
		}
	}
	b.ReportMetric(float64(cputime.Process()-start)/float64(b.N), "cpu-ns/op")
}
