package site

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/medkb/medkb/internal/benchgen"

	"github.com/medkb/medkb/internal/cputime"
	"github.com/medkb/medkb/internal/feedset"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/publish"
	"github.com/medkb/medkb/internal/render"
)

// BenchmarkTemplateExecution renders one article page through the default
// theme: the per-page template cost of a build. cpu-ns/op is the process's
// CPU time per page (garbage collection included), steadier than ns/op on
// a shared machine.
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
	start := cputime.Process()
	for i := 0; i < b.N; i++ {
		if _, err := r.Page(ls, article, nil); err != nil {
			b.Fatal(err)
		}
	}
	if cpu := cputime.Process() - start; cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
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
// article's body and the reload (the search delta follows it), with the
// options `medkb serve` uses: a new snapshot sharing the last one's
// unchanged parts, the page, the feeds that list it and its checks. The
// site has MEDKB_BENCH_ARTICLES generated articles (default 1,000; the
// README quotes 1,000 and 10,000); under -short the setup (a whole build)
// is skipped. Each iteration edits the same article again, as a writer
// saving over and over does; median-ms is the median iteration.
func BenchmarkRebuildBodyEdit(b *testing.B) {
	if testing.Short() {
		b.Skip("builds a whole generated site first")
	}
	src := writeBenchCorpus(b)
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
	bl := New(Options{Source: src, Now: fixedNow, Drafts: true, Serve: true, DeferSearch: true})
	ctx := context.Background()
	if _, _, err := bl.Rebuild(ctx, nil); err != nil {
		b.Fatal(err)
	}
	var times []time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		os.WriteFile(p, append(append([]byte(nil), orig...), fmt.Sprintf("\nEdit %d.\n", i)...), 0o644)
		start := time.Now()
		_, res, err := bl.Rebuild(ctx, []string{filepath.ToSlash(rel)})
		times = append(times, time.Since(start))
		if err != nil {
			b.Fatal(err)
		}
		if res.Rendered != 1 {
			b.Fatalf("rendered %d bodies: not the incremental path (%s)", res.Rendered, phaseNames(res))
		}
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2])/1e6, "median-ms")
}

// BenchmarkPhoneImageBytes builds an article showing a ~5 MB 4000×3000
// photo and reports what a 390 px wide phone at device pixel ratio 3
// downloads for it: the original before resized copies existed
// (original-bytes), the copy its srcset picks now (phone-bytes; the
// picking is the browser's, asserted in internal/e2e
// TestPhoneGetsAResizedPhoto: 358 CSS px × 3 → the 1440 px copy). The
// sub-benchmarks time a build with the copies made (first: decode,
// resize, encode) and read back from the cache folder (cached).
func BenchmarkPhoneImageBytes(b *testing.B) {
	dir := writeSite(b, baseSite)
	asthma := filepath.Join(dir, "content", "conditions", "asthma.md")
	src, err := os.ReadFile(asthma)
	if err != nil {
		b.Fatal(err)
	}
	body := append(src, "\n![A peak flow chart](/images/photo.jpg \"Peak flow over two weeks\")\n"...)
	if err := os.WriteFile(asthma, body, 0o644); err != nil {
		b.Fatal(err)
	}
	photo := benchgen.Photo(1, 4000, 3000, 90)
	if err := os.MkdirAll(filepath.Join(dir, "static", "images"), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "static", "images", "photo.jpg"), photo, 0o644); err != nil {
		b.Fatal(err)
	}
	build := func(b *testing.B, cache string) (map[string][]byte, *Result) {
		mem := publish.NewMem()
		res, err := New(Options{Source: dir, Now: fixedNow, CacheDir: cache}).Build(context.Background(), mem)
		if err != nil {
			b.Fatal(err)
		}
		return mem.Files(), res
	}
	phoneBytes := func(b *testing.B, files map[string][]byte) int {
		m := variantRe.FindStringSubmatch(string(files["conditions/asthma/index.html"]))
		if m == nil {
			b.Fatal("the page shows no resized copy")
		}
		copy1440 := files["images/photo."+m[1]+".1440w.jpg"]
		if len(copy1440) == 0 {
			b.Fatal("no 1440 px copy")
		}
		return len(copy1440)
	}
	b.Run("first", func(b *testing.B) {
		var files map[string][]byte
		for i := 0; b.Loop(); i++ {
			var res *Result
			files, res = build(b, filepath.Join(b.TempDir(), "cache"+strconv.Itoa(i)))
			if res.ImagesResized != 1 {
				b.Fatalf("resized %d images, want 1", res.ImagesResized)
			}
		}
		b.ReportMetric(float64(len(photo)), "original-bytes")
		b.ReportMetric(float64(phoneBytes(b, files)), "phone-bytes")
	})
	b.Run("cached", func(b *testing.B) {
		cache := filepath.Join(b.TempDir(), "cache")
		build(b, cache)
		var files map[string][]byte
		for b.Loop() {
			var res *Result
			files, res = build(b, cache)
			if res.ImagesResized != 0 || res.ImagesReused != 1 {
				b.Fatalf("resized %d, reused %d; want 0, 1", res.ImagesResized, res.ImagesReused)
			}
		}
		b.ReportMetric(float64(phoneBytes(b, files)), "phone-bytes")
	})
	b.Run("no-image", func(b *testing.B) {
		// The same site without the photo, cache folder warm: the build
		// time the image adds is cached minus this.
		if err := os.WriteFile(asthma, src, 0o644); err != nil {
			b.Fatal(err)
		}
		defer os.WriteFile(asthma, body, 0o644)
		cache := filepath.Join(b.TempDir(), "cache")
		build(b, cache)
		for b.Loop() {
			build(b, cache)
		}
	})
}

// benchCorpusBuild runs a build of a generated corpus (MEDKB_BENCH_ARTICLES
// articles, default 1,000) through Markdown, writing nothing: the input of
// the page templates and the feeds.
func benchCorpusBuild(b *testing.B) *build {
	b.Helper()
	src := writeBenchCorpus(b)
	bd := newBuild(New(Options{Source: src, Now: fixedNow}), context.Background(), publish.NewMem())
	if err := bd.run(bd.phasesThrough("markdown")); err != nil {
		b.Fatal(err)
	}
	return bd
}

// BenchmarkPagesBenchCorpus renders every page of the bench corpus (1,000
// articles) through the default theme on one core, by page kind, each
// iteration with a new renderer, as a build: the page templates' and page
// data's share of a full build.
func BenchmarkPagesBenchCorpus(b *testing.B) {
	bd := benchCorpusBuild(b)
	extra := bd.prepareRenderers()
	byKind := map[page.Kind][]*page.Page{}
	var kinds []page.Kind
	for _, p := range bd.site.AllPages() {
		if byKind[p.Kind] == nil {
			kinds = append(kinds, p.Kind)
		}
		byKind[p.Kind] = append(byKind[p.Kind], p)
	}
	ls := bd.site.Langs[0]
	for _, k := range kinds {
		b.Run(string(k), func(b *testing.B) {
			b.ReportAllocs()
			start := cputime.Process()
			for b.Loop() {
				r := bd.renderer(ls) // what a build caches, cached afresh
				for _, p := range byKind[k] {
					var x *render.Data
					if p.Kind == page.KindFeeds {
						x = extra[ls]
					}
					if _, err := r.Page(ls, p, x); err != nil {
						b.Fatal(err)
					}
				}
			}
			reportCPU(b, start)
			b.ReportMetric(float64(len(byKind[k])), "pages")
		})
	}
}

// BenchmarkFeedsBenchCorpus writes every feed of the bench corpus (site,
// section and tag feeds in their formats) into memory.
func BenchmarkFeedsBenchCorpus(b *testing.B) {
	bd := benchCorpusBuild(b)
	bd.prepareRenderers()
	s := bd.feedSite()
	s.Write = func(path, by string, data []byte) error { return nil }
	b.ReportAllocs()
	start := cputime.Process()
	for b.Loop() {
		if _, _, err := feedset.Write(s, nil); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}

// reportCPU reports the process's CPU time per iteration since start
// (garbage collection included), steadier than wall time on a shared
// machine.
func reportCPU(b *testing.B, start time.Duration) {
	if cpu := cputime.Process() - start; cpu > 0 {
		b.ReportMetric(float64(cpu.Microseconds())/1e3/float64(b.N), "cpu-ms/op")
	}
}

// writeBenchCorpus writes a generated corpus of MEDKB_BENCH_ARTICLES
// articles (default 1,000) to a temporary folder and returns it.
func writeBenchCorpus(b *testing.B) string {
	b.Helper()
	n := 1000
	if v, err := strconv.Atoi(os.Getenv("MEDKB_BENCH_ARTICLES")); err == nil && v > 0 {
		n = v
	}
	src := b.TempDir()
	if _, err := benchgen.WriteMedkb(src, benchgen.Options{Articles: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	return src
}

// BenchmarkAssembleBenchCorpus assembles the site of the bench corpus
// (MEDKB_BENCH_ARTICLES articles, default 1,000) from its parsed files
// as a one-article rebuild does (related pages for that article alone):
// pages, sections, listings, tags, people, for the whole site, on one
// core, before anything else can start.
func BenchmarkAssembleBenchCorpus(b *testing.B) {
	src := writeBenchCorpus(b)
	bd := newBuild(New(Options{Source: src, Now: fixedNow}), context.Background(), publish.NewMem())
	if err := bd.run(bd.phasesThrough("data")); err != nil {
		b.Fatal(err)
	}
	for _, pf := range bd.parsed {
		if strings.HasSuffix(pf.File.Path, ".md") && !strings.HasSuffix(pf.File.Path, "_index.md") {
			bd.relatedOnly = map[string]bool{pf.File.Path: true}
			break
		}
	}
	b.ReportAllocs()
	start := cputime.Process()
	for b.Loop() {
		if err := bd.assemble(); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}

// BenchmarkAssembleDrafts assembles a generated site of 2,000 articles
// as medkb check and medkb build do without --drafts (related pages for
// every article), with a tenth of its content files drafts and with
// every one a draft (an imported site): the pages, and what a build with
// the drafts would stop on (draftsAssembled), which check warns of.
func BenchmarkAssembleDrafts(b *testing.B) {
	src := b.TempDir()
	if _, err := benchgen.WriteMedkb(src, benchgen.Options{Articles: 2000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		every int // every nth content file is a draft
	}{{"2000-articles/10pc-drafts", 10}, {"2000-articles/all-drafts", 1}} {
		b.Run(c.name, func(b *testing.B) {
			bd := newBuild(New(Options{Source: src, Now: fixedNow}), context.Background(), publish.NewMem())
			if err := bd.run(bd.phasesThrough("data")); err != nil {
				b.Fatal(err)
			}
			drafts := 0
			for i := range bd.parsed {
				if i%c.every == 0 {
					bd.parsed[i].Meta.Draft = true
					drafts++
				}
			}
			b.ReportAllocs()
			start := cputime.Process()
			for b.Loop() {
				bd.diags = nil
				if err := bd.assemble(); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, start)
			b.ReportMetric(float64(drafts), "drafts")
			if len(bd.diags.Errors()) > 0 {
				b.Fatalf("assembling the drafts' site: %v", bd.diags.Errors())
			}
		})
	}
}
