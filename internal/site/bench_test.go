package site

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/medkb/medkb/internal/benchgen"

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

// BenchmarkRebuildBodyEdit is the dev server's work between a save to an
// article's body and the reload (the search delta follows it): a copy of
// the last snapshot, the page, the feeds that list it and its checks. The
// site has MEDKB_BENCH_ARTICLES generated articles (default 1,000; the
// figure the README quotes is at 10,000). Each iteration edits the same
// article again, as a writer saving over and over does.
func BenchmarkRebuildBodyEdit(b *testing.B) {
	n := 1000
	if v, err := strconv.Atoi(os.Getenv("MEDKB_BENCH_ARTICLES")); err == nil && v > 0 {
		n = v
	}
	src := b.TempDir()
	if _, err := benchgen.WriteMedkb(src, benchgen.Options{Articles: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	arts, _ := filepath.Glob(filepath.Join(src, "content", "*", "*.md"))
	var rel string
	for _, a := range arts {
		if filepath.Base(a) != "_index.md" {
			rel, _ = filepath.Rel(src, a)
			break
		}
	}
	p := filepath.Join(src, rel)
	orig, _ := os.ReadFile(p)
	bl := New(Options{Source: src, Now: fixedNow, DeferSearch: true})
	ctx := context.Background()
	if _, _, err := bl.Rebuild(ctx, nil); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		os.WriteFile(p, append(append([]byte(nil), orig...), fmt.Sprintf("\nEdit %d.\n", i)...), 0o644)
		_, res, err := bl.Rebuild(ctx, []string{filepath.ToSlash(rel)})
		if err != nil {
			b.Fatal(err)
		}
		if res.Rendered != 1 {
			b.Fatalf("rendered %d bodies: not the incremental path (%s)", res.Rendered, phaseNames(res))
		}
	}
}
