package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/medkb/medkb/internal/benchgen"
)

// outcome is the samples of one measured step, or why it has none.
type outcome struct {
	Samples []sample
	Why     string
	// MemoryMB is the build.memory_mb the bench gave the medkb site of a
	// medkb row (-memory-mb); 0: the site's default budget.
	MemoryMB int `json:",omitempty"`
}

func (o outcome) ok() bool { return o.Why == "" && len(o.Samples) > 0 }

func (o outcome) median() sample { return medianSample(o.Samples) }

// fail records that a step failed; earlier samples are dropped, as a median
// of the runs that happened to succeed would mislead.
func (o *outcome) fail(err error) {
	o.Why = "failed: " + failure(err)
	var capErr *memCapError
	if errors.As(err, &capErr) {
		o.Why = capErr.Error()
	}
	o.Samples = nil
}

// sizeResult is everything measured for one corpus size.
type sizeResult struct {
	Articles                   int
	Generate                   time.Duration
	Corpus                     benchgen.Stats
	MedkbDir, HugoDir          string `json:"-"` // work folders, not results
	Full, NoChange, OneChange  outcome
	Floor                      outcome // the floor program on the medkb corpus
	Hugo, Pagefind, HugoSearch outcome // HugoSearch: Hugo then Pagefind, per run
	SearchMedkb, SearchPF      searchCost
	BrowserMedkb, BrowserPF    browserCost // query time in headless Chromium
	PhoneMedkb, PhonePF        phoneCost   // cold first query in Chromium on the phone link
	// TappedMedkb, TappedPF: the same after the page called the engine's
	// load-ahead function (searchSite.Tapped), as a tapped search box does.
	TappedMedkb, TappedPF phoneCost
	// IndexOnly is cmd/medkb-bench/searchonly making medkb's index
	// (-search-only -index-only) in place of a full build.
	IndexOnly outcome
	// Profile is where a full build's CPU went (profileMedkb).
	Profile cpuProfile
	// Reload is the dev server's save → reload event on this size's
	// corpus (-serve-only, or the 10,000-article site of a full run).
	Reload reloadCost
	// SearchOnly: the size was measured with -search-only (one build, the
	// first-query cost; no rebuilds, floor or loopback timings).
	SearchOnly bool
	// IndexBy names what made the medkb index whose first query was
	// measured (indexByFull, indexBySearchOnly); "": a full build (runs
	// before it was recorded). -search-only leaves it in the size's work
	// folder (indexByFile) for -reuse.
	IndexBy string `json:",omitempty"`
	// Merged names the rows and costs taken from an earlier run's results
	// (-merge), each with its source.
	Merged []string `json:",omitempty"`
	capKB  int64    // -mem-cap, in KiB
}

// writeMedkb writes the medkb corpus, with build.memory_mb set to
// -memory-mb when that is given.
func (cfg config) writeMedkb(dir string, opts benchgen.Options) (benchgen.Stats, error) {
	st, err := benchgen.WriteMedkb(dir, opts)
	if err != nil || cfg.memoryMB == 0 {
		return st, err
	}
	f, err := os.OpenFile(filepath.Join(dir, "medkb.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return st, err
	}
	_, err = fmt.Fprintf(f, "build: {memory_mb: %d}\n", cfg.memoryMB)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return st, err
}

// diskPerArticle is what one article of a medkb corpus takes on disk at a
// build's peak: its Markdown (8 KiB with the file system's blocks) and
// the Markdown and front matter caches' spill files (16 KiB), measured in
// the 1,000,000-article run of 2026-12-04, which stopped before its pages
// (its cache phase then copied the spill files into the cache logs, 16
// KiB more; on Linux the spill file now becomes the log: buildcache's
// nameSpill); medkb's output, 34 KiB at 100,000 articles; and 2 KiB to
// spare. A Hugo site of the same corpus takes hugoDiskPerArticle more.
//
// Every run after the first keeps its predecessor's output aside until the
// bench ends, or a later size needs the disk (setAside, makeRoom): outputPerArticle more for medkb (its public/,
// 34 KiB an article at 100,000, and its .medkb cache, 16 KiB), and
// hugoOutputPerArticle for Hugo's site with Pagefind's index and the
// floor's pages.
const (
	diskPerArticle       = 60 << 10
	hugoDiskPerArticle   = 48 << 10
	outputPerArticle     = 50 << 10
	hugoOutputPerArticle = 40 << 10
)

// checkDisk returns an error when the work folder's file system has less
// free space than n articles built runs times need (more when Hugo builds
// them too): a 1,000,000-article size built once needs about 57 GiB, and
// filling a shared disk would fail every other program on the machine.
func checkDisk(work string, n int, hugo bool, runs int) error {
	free, ok := diskFree(work)
	if !ok {
		return nil
	}
	return fitDisk(work, free, n, hugo, runs)
}

// fitDisk is checkDisk's decision for a file system with free bytes free,
// apart from the measurement, so that a test can pin the boundary: the
// free space of a shared disk moves while other tests run.
func fitDisk(work string, free int64, n int, hugo bool, runs int) error {
	need := int64(n) * (diskPerArticle + int64(max(runs-1, 0))*outputPerArticle)
	if hugo {
		need += int64(n) * (hugoDiskPerArticle + int64(max(runs-1, 0))*hugoOutputPerArticle)
	}
	if free < need {
		return fmt.Errorf("not run: needs about %s of free disk in %s, which has %s", bytesStr(need), work, bytesStr(free))
	}
	return nil
}

// notRun is a size that was not measured at all, and why.
func notRun(n int, why string) *sizeResult {
	r := &sizeResult{Articles: n}
	for _, o := range []*outcome{&r.Full, &r.NoChange, &r.OneChange, &r.Floor, &r.Hugo, &r.Pagefind, &r.HugoSearch} {
		o.Why = why
	}
	r.SearchMedkb.Why, r.SearchPF.Why = why, why
	r.BrowserMedkb.Why, r.BrowserPF.Why = why, why
	r.PhoneMedkb.Why, r.PhonePF.Why = why, why
	r.TappedMedkb.Why, r.TappedPF.Why = why, why
	r.Reload.Why = why
	return r
}

// benchServeSize is benchSize under -serve-only: it generates the medkb
// corpus for n articles and measures the dev server's reload event on it
// (serveLatency: medkb serve builds the site once, then a warm-up save and
// cfg.serveSaves timed ones). Nothing else runs.
func benchServeSize(ctx context.Context, cfg config, tl tools, n int, log io.Writer) (*sizeResult, error) {
	base := filepath.Join(cfg.work, fmt.Sprintf("n%d", n))
	if err := discard(cfg.work, base); err != nil {
		return nil, err
	}
	if err := makeRoom(cfg.work, func() error { return checkDisk(cfg.work, n, false, 1) }, log); err != nil {
		fmt.Fprintf(log, "n=%d: %v\n", n, err)
		return notRun(n, err.Error()), nil
	}
	res := notRun(n, "not run: -serve-only")
	res.MedkbDir, res.capKB, res.Reload = filepath.Join(base, "medkb"), cfg.memCapKB(), reloadCost{}
	start := time.Now()
	st, err := cfg.writeMedkb(res.MedkbDir, benchgen.Options{Articles: n, Seed: cfg.seed})
	if err != nil {
		return nil, err
	}
	res.Generate, res.Corpus = time.Since(start), st
	article, err := firstArticle(res.MedkbDir)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(log, "n=%d: generated %d files in %v; medkb serve, a warm-up save and %d timed saves of %s\n", n, st.Files,
		res.Generate.Round(time.Millisecond), cfg.serveSaves, article)
	settle(log, cfg.settle)
	res.Reload = serveLatency(ctx, tl.Medkb, res.MedkbDir, article, cfg.serveSaves)
	return res, nil
}

// benchSize generates the corpora for n articles and runs every step
// cfg.runs times. Progress goes to log.
func benchSize(ctx context.Context, cfg config, tl tools, n int, log io.Writer) (*sizeResult, error) {
	base := filepath.Join(cfg.work, fmt.Sprintf("n%d", n))
	if err := discard(cfg.work, base); err != nil {
		return nil, err
	}
	medkbRuns := cfg.medkbRuns(n)
	runs := max(cfg.runs, medkbRuns)
	if n <= cfg.profileUpTo {
		runs++ // the profiled build sets the last run's output aside too (counted for Hugo as well: a little to spare)
	}
	if err := makeRoom(cfg.work, func() error { return checkDisk(cfg.work, n, !cfg.aloneAt(n), runs) }, log); err != nil {
		fmt.Fprintf(log, "n=%d: %v\n", n, err)
		return notRun(n, err.Error()), nil
	}
	res := &sizeResult{Articles: n, MedkbDir: filepath.Join(base, "medkb"), HugoDir: filepath.Join(base, "hugo"), capKB: cfg.memCapKB()}
	opts := benchgen.Options{Articles: n, Seed: cfg.seed}
	start := time.Now()
	st, err := cfg.writeMedkb(res.MedkbDir, opts)
	if err != nil {
		return nil, err
	}
	alone := cfg.aloneAt(n)
	if !alone {
		if _, err := benchgen.WriteHugo(res.HugoDir, opts); err != nil {
			return nil, err
		}
	}
	res.Generate, res.Corpus = time.Since(start), st
	fmt.Fprintf(log, "n=%d: generated %d files, %s per corpus in %v; the bench's peak RSS so far %s\n", n, st.Files, bytesStr(st.Bytes),
		res.Generate.Round(time.Millisecond), bytesStr(selfMaxRSSKB()*1024))

	article, err := firstArticle(res.MedkbDir)
	if err != nil {
		return nil, err
	}
	res.initSkips(tl)
	if alone {
		why := fmt.Sprintf("not run: medkb alone from %d articles (-alone)", cfg.alone)
		res.Floor.Why, res.Hugo.Why, res.Pagefind.Why, res.HugoSearch.Why = why, why, why, why
	}
	settle(log, cfg.settle)
	for i := range max(cfg.runs, medkbRuns) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if i < cfg.runs {
			fmt.Fprintf(log, "n=%d: run %d/%d\n", n, i+1, cfg.runs)
		} else {
			fmt.Fprintf(log, "n=%d: medkb's run %d/%d (-small-runs)\n", n, i+1, medkbRuns)
		}
		if i < medkbRuns {
			res.runMedkb(ctx, tl.Medkb, article, i)
		}
		if i < cfg.runs {
			res.runFloor(ctx, tl.Floor)
			res.runHugo(ctx, tl)
		}
	}
	res.Full.MemoryMB, res.NoChange.MemoryMB, res.OneChange.MemoryMB = cfg.memoryMB, cfg.memoryMB, cfg.memoryMB
	if alone {
		res.profile(ctx, cfg, tl.Medkb, log)
		res.SearchMedkb = searchCost{Why: fmt.Sprintf("not measured: medkb alone from %d articles (-alone)", cfg.alone)}
		res.SearchPF = res.SearchMedkb
		res.BrowserMedkb = browserCost{Why: res.SearchMedkb.Why}
		res.BrowserPF = res.BrowserMedkb
		res.PhoneMedkb = phoneCost{Why: res.SearchMedkb.Why}
		res.PhonePF, res.TappedMedkb, res.TappedPF = res.PhoneMedkb, res.PhoneMedkb, res.PhoneMedkb
		return res, nil
	}
	if res.Full.ok() {
		res.SearchMedkb = measureSearch(ctx, tl.Node, cfg.work, "medkb", filepath.Join(res.MedkbDir, "public", "search", "search.js"))
	} else {
		res.SearchMedkb = searchCost{Why: "medkb build " + orDefault(res.Full.Why, "did not run")}
	}
	if res.Pagefind.ok() {
		res.SearchPF = measureSearch(ctx, tl.Node, cfg.work, "pagefind", filepath.Join(res.HugoDir, "public", "pagefind", "pagefind.js"))
	} else {
		res.SearchPF = searchCost{Why: "pagefind " + res.Pagefind.Why}
	}
	fmt.Fprintf(log, "n=%d: query time in Chromium\n", n)
	res.measureBrowser(ctx, tl.Chromium)
	fmt.Fprintf(log, "n=%d: first query in Chromium on the phone link\n", n)
	res.measurePhone(ctx, tl.Chromium, cfg.phoneRounds)
	res.profile(ctx, cfg, tl.Medkb, log)
	return res, nil
}

// profile takes the size's CPU profile (profileMedkb) after everything
// else measured on its site, up to -profile-up-to articles.
func (r *sizeResult) profile(ctx context.Context, cfg config, medkb tool, log io.Writer) {
	switch {
	case !r.Full.ok():
		r.Profile.Why = "medkb build " + orDefault(r.Full.Why, "did not run")
	case r.Articles > cfg.profileUpTo:
		r.Profile.Why = fmt.Sprintf("not profiled: above -profile-up-to %d articles", cfg.profileUpTo)
	default:
		fmt.Fprintf(log, "n=%d: one more full build, profiled\n", r.Articles)
		r.Profile = profileMedkb(ctx, medkb, r.MedkbDir, r.capKB)
	}
}

// measurePhone times the first query of both engines in headless Chromium
// on the modelled phone link, on the public/ folders the last run left,
// each query in rounds fresh pages.
func (r *sizeResult) measurePhone(ctx context.Context, chromium tool, rounds int) {
	medkb := searchSite{Engine: "medkb", Public: filepath.Join(r.MedkbDir, "public"), Module: "/search/search.js"}
	switch {
	case r.Full.ok() || r.IndexOnly.ok():
	case r.IndexOnly.Why != "" && !strings.HasPrefix(r.IndexOnly.Why, "not "):
		medkb.Why = "searchonly " + r.IndexOnly.Why
	default:
		medkb.Why = "medkb build " + orDefault(r.Full.Why, "did not run")
	}
	pf := searchSite{Engine: "pagefind", Public: filepath.Join(r.HugoDir, "public"), Module: "/pagefind/pagefind.js"}
	if !r.Pagefind.ok() {
		pf.Why = "pagefind " + orDefault(r.Pagefind.Why, "did not run")
	}
	tm, tpf := medkb, pf
	tm.Tapped, tpf.Tapped = true, true
	costs := measurePhone(ctx, chromium, max(rounds, 1), medkb, pf, tm, tpf)
	r.PhoneMedkb, r.PhonePF, r.TappedMedkb, r.TappedPF = costs[0], costs[1], costs[2], costs[3]
}

// benchSearchSize is benchSize under -search-only: it generates the
// corpora for n articles, builds them once (medkb in full, or its index
// alone with -index-only; Hugo + Pagefind up to -pagefind-up-to articles)
// and measures each engine's first query under Node and in Chromium on
// the phone link.
func benchSearchSize(ctx context.Context, cfg config, tl tools, n int, log io.Writer) (*sizeResult, error) {
	base := filepath.Join(cfg.work, fmt.Sprintf("n%d", n))
	if cfg.reuse {
		return reuseSearchSize(ctx, cfg, tl, n, log)
	}
	if err := discard(cfg.work, base); err != nil {
		return nil, err
	}
	if err := makeRoom(cfg.work, func() error { return checkDisk(cfg.work, n, n <= cfg.pagefindUpTo, 1) }, log); err != nil {
		fmt.Fprintf(log, "n=%d: %v\n", n, err)
		return notRun(n, err.Error()), nil
	}
	res := &sizeResult{Articles: n, MedkbDir: filepath.Join(base, "medkb"), HugoDir: filepath.Join(base, "hugo"),
		capKB: cfg.memCapKB(), SearchOnly: true}
	opts := benchgen.Options{Articles: n, Seed: cfg.seed}
	start := time.Now()
	st, err := cfg.writeMedkb(res.MedkbDir, opts)
	if err != nil {
		return nil, err
	}
	pagefind := n <= cfg.pagefindUpTo
	if pagefind {
		if _, err := benchgen.WriteHugo(res.HugoDir, opts); err != nil {
			return nil, err
		}
	}
	res.Generate, res.Corpus = time.Since(start), st
	fmt.Fprintf(log, "n=%d: generated %d files, %s per corpus in %v; the bench's peak RSS so far %s\n", n, st.Files, bytesStr(st.Bytes),
		res.Generate.Round(time.Millisecond), bytesStr(selfMaxRSSKB()*1024))
	res.initSkips(tl)
	settle(log, cfg.settle)
	skip := "not run: -search-only"
	res.NoChange.Why, res.OneChange.Why, res.Floor.Why = skip, skip, skip
	res.BrowserMedkb.Why, res.BrowserPF.Why = "not measured: -search-only (see the phone link)", "not measured: -search-only (see the phone link)"
	if !pagefind {
		why := fmt.Sprintf("not run: -search-only builds Hugo + Pagefind up to %d articles (-pagefind-up-to)", cfg.pagefindUpTo)
		res.Hugo.Why, res.Pagefind.Why, res.HugoSearch.Why = why, why, why
	}
	if cfg.indexOnly {
		res.Full.Why = "not run: -index-only (medkb's index made by cmd/medkb-bench/searchonly)"
		fmt.Fprintf(log, "n=%d: searchonly\n", n)
		res.runSearchOnly(ctx, tl.SearchOnly)
		res.IndexBy = indexBySearchOnly
	} else {
		fmt.Fprintf(log, "n=%d: medkb build\n", n)
		res.runMedkb(ctx, tl.Medkb, "", 0)
		res.Full.MemoryMB = cfg.memoryMB
		res.IndexBy = indexByFull
	}
	if err := os.WriteFile(filepath.Join(base, indexByFile), []byte(res.IndexBy+"\n"), 0o644); err != nil {
		return nil, err
	}
	if res.Hugo.Why == "" {
		fmt.Fprintf(log, "n=%d: Hugo + Pagefind\n", n)
		res.runHugo(ctx, tl)
	}
	res.measureFirstQuery(ctx, cfg, tl, log)
	return res, nil
}

// measureFirstQuery measures the first query of the sites res's steps
// built: under Node, then in Chromium on the phone link.
func (res *sizeResult) measureFirstQuery(ctx context.Context, cfg config, tl tools, log io.Writer) {
	module := filepath.Join(res.MedkbDir, "public", "search", "search.js")
	switch {
	case res.Full.ok() || res.IndexOnly.ok():
		res.SearchMedkb = measureSearch(ctx, tl.Node, cfg.work, "medkb", module)
	case cfg.indexOnly:
		res.SearchMedkb = searchCost{Why: "searchonly " + orDefault(res.IndexOnly.Why, "did not run")}
	default:
		res.SearchMedkb = searchCost{Why: "medkb build " + orDefault(res.Full.Why, "did not run")}
	}
	if res.Pagefind.ok() {
		res.SearchPF = measureSearch(ctx, tl.Node, cfg.work, "pagefind", filepath.Join(res.HugoDir, "public", "pagefind", "pagefind.js"))
	} else {
		res.SearchPF = searchCost{Why: "pagefind " + res.Pagefind.Why}
	}
	fmt.Fprintf(log, "n=%d: first query in Chromium on the phone link\n", res.Articles)
	res.measurePhone(ctx, tl.Chromium, cfg.phoneRounds)
}

// What made the medkb index a first query was measured on (IndexBy), and
// the file in a -search-only size's work folder that says so.
const (
	indexByFull       = "full medkb build"
	indexBySearchOnly = "searchonly (the index a full build writes)"
	indexByFile       = "index-by"
)

// reuseSearchSize is benchSearchSize under -reuse: it measures the first
// query on the sites an earlier -search-only run left in the work folder
// (each engine whose search module is there), building nothing; the
// earlier run's -results, merged, give the build rows.
func reuseSearchSize(ctx context.Context, cfg config, tl tools, n int, log io.Writer) (*sizeResult, error) {
	base := filepath.Join(cfg.work, fmt.Sprintf("n%d", n))
	res := notRun(n, "not run: -reuse (the first query measured on the sites an earlier run left in "+base+")")
	res.MedkbDir, res.HugoDir, res.SearchOnly = filepath.Join(base, "medkb"), filepath.Join(base, "hugo"), true
	res.IndexOnly.Why = res.Full.Why
	found := false
	if _, err := os.Stat(filepath.Join(res.MedkbDir, "public", "search", "search.js")); err == nil {
		res.Full = outcome{Samples: []sample{{}}} // measured earlier: lets the search steps run
		found = true
		by, err := os.ReadFile(filepath.Join(base, indexByFile))
		if err != nil {
			return nil, fmt.Errorf("-reuse: %w (left by -search-only runs since 2026-12-04: it says what made the index)", err)
		}
		res.IndexBy = strings.TrimSpace(string(by))
	}
	if _, err := os.Stat(filepath.Join(res.HugoDir, "public", "pagefind", "pagefind.js")); err == nil {
		res.Pagefind = outcome{Samples: []sample{{}}}
		found = true
	}
	if !found {
		return nil, fmt.Errorf("-reuse: no built site under %s", base)
	}
	fmt.Fprintf(log, "n=%d: reusing the sites under %s\n", n, base)
	res.measureFirstQuery(ctx, cfg, tl, log)
	// The placeholders are no measurements: the earlier run's results
	// (-merge) give the build rows.
	res.Full, res.Pagefind = outcome{Why: res.NoChange.Why}, outcome{Why: res.NoChange.Why}
	return res, nil
}

// measureBrowser times the queries of both engines in headless Chromium, on
// the public/ folders the last run left: medkb's, and Hugo's with Pagefind's
// index in it.
func (r *sizeResult) measureBrowser(ctx context.Context, chromium tool) {
	medkb := searchSite{Engine: "medkb", Public: filepath.Join(r.MedkbDir, "public"), Module: "/search/search.js"}
	if !r.Full.ok() {
		medkb.Why = "medkb build " + orDefault(r.Full.Why, "did not run")
	}
	pf := searchSite{Engine: "pagefind", Public: filepath.Join(r.HugoDir, "public"), Module: "/pagefind/pagefind.js"}
	if !r.Pagefind.ok() {
		pf.Why = "pagefind " + orDefault(r.Pagefind.Why, "did not run")
	}
	costs := measureBrowser(ctx, chromium, medkb, pf)
	r.BrowserMedkb, r.BrowserPF = costs[0], costs[1]
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// initSkips marks the steps whose tool is missing.
func (r *sizeResult) initSkips(tl tools) {
	if !tl.Medkb.ok() {
		r.Full.Why, r.NoChange.Why, r.OneChange.Why = tl.Medkb.missing(), tl.Medkb.missing(), tl.Medkb.missing()
	}
	if !tl.Floor.ok() {
		r.Floor.Why = tl.Floor.missing()
	}
	if !tl.Hugo.ok() {
		r.Hugo.Why = tl.Hugo.missing()
	}
	switch {
	case !tl.Pagefind.ok():
		r.Pagefind.Why = tl.Pagefind.missing()
	case !tl.Hugo.ok():
		r.Pagefind.Why = "needs hugo, " + tl.Hugo.missing()
	}
	if r.Hugo.Why != "" {
		r.HugoSearch.Why = "hugo " + r.Hugo.Why
	} else if r.Pagefind.Why != "" {
		r.HugoSearch.Why = "pagefind " + r.Pagefind.Why
	}
}

// runMedkb does one full build (no public/, no cache), one build with
// nothing changed and one after editing article.
func (r *sizeResult) runMedkb(ctx context.Context, medkb tool, article string, runIndex int) {
	if r.Full.Why != "" {
		return
	}
	dir := r.MedkbDir
	build := func(o *outcome) bool {
		s, err := runCapped(ctx, r.capKB, dir, medkb.Path, "build", "--quiet", "--trace", "--source", dir)
		if err == nil {
			err = medkbOutput(dir, &s)
		}
		if err != nil {
			o.fail(err)
			return false
		}
		o.Samples = append(o.Samples, s)
		return true
	}
	if err := setAsideBuild(dir); err != nil {
		r.Full.fail(err)
		return
	}
	if !build(&r.Full) || r.NoChange.Why != "" || !build(&r.NoChange) || r.OneChange.Why != "" {
		return
	}
	if err := appendLine(article, fmt.Sprintf("Edited by medkb-bench, run %d.", runIndex+1)); err != nil {
		r.OneChange.fail(err)
		return
	}
	build(&r.OneChange)
}

// setAsideBuild sets aside what a medkb build left in the site dir (its
// public/ and .medkb cache), so that the next build starts from nothing.
func setAsideBuild(dir string) error {
	for _, junk := range []string{"public", ".medkb"} {
		if err := setAside(filepath.Dir(dir), filepath.Join(dir, junk)); err != nil {
			return err
		}
	}
	return nil
}

// runSearchOnly makes medkb's search index with cmd/medkb-bench/searchonly
// into a fresh public/ of the medkb corpus.
func (r *sizeResult) runSearchOnly(ctx context.Context, so tool) {
	if !so.ok() {
		r.IndexOnly.Why = so.missing()
		return
	}
	public := filepath.Join(r.MedkbDir, "public")
	if err := setAside(filepath.Dir(r.MedkbDir), public); err != nil {
		r.IndexOnly.fail(err)
		return
	}
	s, err := runCapped(ctx, r.capKB, r.MedkbDir, so.Path, r.MedkbDir, public)
	if err == nil {
		err = medkbOutput(r.MedkbDir, &s)
	}
	if err != nil {
		r.IndexOnly.fail(err)
		return
	}
	r.IndexOnly.Samples = append(r.IndexOnly.Samples, s)
}

// runFloor renders the medkb corpus with the floor program into a fresh
// floor/ folder beside it (outside the site, which medkb reads).
func (r *sizeResult) runFloor(ctx context.Context, floor tool) {
	if r.Floor.Why != "" {
		return
	}
	public := filepath.Join(filepath.Dir(r.MedkbDir), "floor")
	if err := setAside(filepath.Dir(r.MedkbDir), public); err != nil {
		r.Floor.fail(err)
		return
	}
	s, err := runCapped(ctx, r.capKB, r.MedkbDir, floor.Path, r.MedkbDir, public)
	if err == nil {
		s.Files, s.Bytes, err = dirStats(public, nil)
	}
	if err != nil {
		r.Floor.fail(err)
		return
	}
	r.Floor.Samples = append(r.Floor.Samples, s)
}

// runHugo builds the Hugo corpus into a fresh public/ and, if present, runs
// Pagefind on it.
func (r *sizeResult) runHugo(ctx context.Context, tl tools) {
	if r.Hugo.Why != "" {
		return
	}
	dir := r.HugoDir
	public := filepath.Join(dir, "public")
	if err := setAside(filepath.Dir(dir), public); err != nil {
		r.Hugo.fail(err)
		return
	}
	h, err := runCapped(ctx, r.capKB, dir, tl.Hugo.Path, "--quiet", "--minify=false", "--gc=false", "-d", "public")
	if err == nil {
		h.Files, h.Bytes, err = dirStats(public, nil)
	}
	if err != nil {
		r.Hugo.fail(err)
		r.HugoSearch.Why = r.Hugo.Why
		return
	}
	r.Hugo.Samples = append(r.Hugo.Samples, h)
	if r.Pagefind.Why != "" {
		return
	}
	p, err := runCapped(ctx, r.capKB, dir, tl.Pagefind.Path, "--site", "public")
	if err == nil {
		p.Files, p.Bytes, err = dirStats(public, nil)
	}
	if err == nil {
		_, p.IndexBytes, err = dirStats(filepath.Join(public, "pagefind"), nil)
	}
	if err == nil {
		p.IndexGzip, err = gzipStats(filepath.Join(public, "pagefind"), nil)
		p.IndexBuild = p.Wall
	}
	if err != nil {
		r.Pagefind.fail(err)
		r.HugoSearch.Why = r.Pagefind.Why
		return
	}
	r.Pagefind.Samples = append(r.Pagefind.Samples, p)
	r.HugoSearch.Samples = append(r.HugoSearch.Samples, h.plus(p))
}

// medkbOutput fills in the output and index sizes of a medkb build.
func medkbOutput(dir string, s *sample) error {
	public := filepath.Join(dir, "public")
	var err error
	if s.Files, s.Bytes, err = dirStats(public, nil); err != nil {
		return err
	}
	if _, s.IndexBytes, err = dirStats(filepath.Join(public, "search"), medkbIndexFile); err != nil {
		return err
	}
	if s.IndexGzip, err = gzipStats(filepath.Join(public, "search"), medkbIndexFile); err != nil {
		return err
	}
	s.IndexBuild = tracePhase(s.output, "search")
	return nil
}

// tracePhase reads the time of a phase from `medkb build --trace` output;
// 0 when the phase is not listed (nothing was built).
func tracePhase(out, name string) time.Duration {
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == name {
			if d, err := time.ParseDuration(f[1]); err == nil {
				return d
			}
		}
	}
	return 0
}

// gzipStats returns the gzip-compressed size (level 6) of the files under
// dir that keep accepts (all when nil), each compressed on its own.
func gzipStats(dir string, keep func(rel string) bool) (int64, error) {
	var total int64
	err := filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, name)
		if keep != nil && !keep(filepath.ToSlash(rel)) {
			return nil
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, 6)
		zw.Write(data)
		zw.Close()
		total += int64(buf.Len())
		return nil
	})
	return total, err
}

// firstArticle returns the first article file (not an _index.md) under
// dir/content in lexical order.
func firstArticle(dir string) (string, error) {
	var found []string
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(name, ".md") && !strings.HasPrefix(d.Name(), "_index.") {
			found = append(found, name)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	if len(found) == 0 {
		return "", fmt.Errorf("no article under %s", filepath.Join(dir, "content"))
	}
	return slices.Min(found), nil
}

// appendLine adds a paragraph to the end of a file.
func appendLine(name, line string) error {
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintf(f, "\n%s\n", line); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
