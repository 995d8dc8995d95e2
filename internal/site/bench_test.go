package site

import (
	"context"
	"testing"

	"github.com/medkb/medkb/internal/publish"
	"github.com/medkb/medkb/internal/render"
)

// BenchmarkTemplateExecution renders one article page through the default
// theme: the per-page template cost of a build.
func BenchmarkTemplateExecution(b *testing.B) {
	dir := writeSite(b, baseSite)
	bd := newBuild(New(Options{Source: dir, Now: fixedNow}), context.Background(), publish.NewMem())
	if err := bd.run(bd.phasesThrough("markdown")); err != nil {
		b.Fatal(err)
	}
	ls := bd.site.Langs[0]
	render.LocalizeTitles(ls, bd.theme)
	r := bd.renderer(ls)
	var article = ls.Articles[0]
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := r.Page(ls, article, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildSmallSite is a whole in-memory build of a small site.
func BenchmarkBuildSmallSite(b *testing.B) {
	dir := writeSite(b, baseSite)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := New(Options{Source: dir, Now: fixedNow}).Build(context.Background(), publish.NewMem()); err != nil {
			b.Fatal(err)
		}
	}
}
