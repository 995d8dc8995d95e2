// Command medkb-bench measures medkb against Hugo (and Hugo + Pagefind) on
// generated corpora of realistic medical articles, and prints Markdown
// tables: build time, CPU, peak memory, output size, search index size,
// rebuild speed-ups, the floor (a program that only renders the corpus with
// goldmark and writes it: ./cmd/medkb-bench/floor), dev-server reload latency, search cost per query
// (requests and bytes, under Node) and query time in headless Chromium.
//
// Run from the repository root (make bench does):
//
//	go run ./cmd/medkb-bench [-sizes 1000,10000] [-runs 3] [-small-runs 7] [-work DIR] [-medkb PATH] [-seed 1] [-readme README.md]
//	    [-search-only [-index-only] [-pagefind-up-to N]] [-mem-cap GiB] [-results FILE] [-merge FILES]
//
// With -readme, the block between the "medkb-bench:begin" and
// "medkb-bench:end" marker lines of that file is replaced by this run's
// build rows (medkb, the floor, Hugo, Hugo + Pagefind: wall, CPU, peak RSS,
// files) and each size's distance to issue #20's targets.
//
// Each size also times the cold first query of both engines in Chromium on
// a modelled phone link (phone.go). -search-only measures only that (one
// build per size; Hugo + Pagefind up to -pagefind-up-to articles), and
// -index-only makes medkb's index with ./cmd/medkb-bench/searchonly instead
// of a full build, for sizes a loaded machine cannot build in time.
//
// BENCH_LARGE=1 adds a 100,000-article corpus and BENCH_HUGE=1 a
// 1,000,000-article one; from -alone articles on (100,000 by default) medkb
// builds alone, for its time and peak memory. A measured command whose
// resident memory outgrows -mem-cap (12 GiB by default) is stopped, and its
// row says it did not complete under the cap and the peak it reached.
// -results FILE saves a run's measurements; -merge FILES adds the rows of
// earlier runs (the large sizes, run on their own) to the tables and the
// -readme block, naming their source. Tools that are missing (hugo,
// pagefind, node, chromium) or fail show as such in the tables; no number is
// ever estimated. Pagefind is found on PATH or at
// internal/e2e/node_modules/.bin/pagefind.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/medkb/medkb/internal/source"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := mainErr(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// config is the parsed command line.
type config struct {
	sizes     []int
	memoryMB  int // -memory-mb: build.memory_mb of the medkb corpora (0: none)
	runs      int
	work      string
	keepWork  bool
	medkb     string
	seed      int64
	demo      string // the demo site folder (the repository root)
	skipServe bool
	readme    string // a file whose generated block gets the summary tables
	alone     int    // sizes of at least this many articles build with medkb alone; 0: never
	// searchOnly measures only the first-query cost (benchSearchSize);
	// indexOnly makes its medkb index with cmd/medkb-bench/searchonly.
	searchOnly, indexOnly, reuse bool
	pagefindUpTo                 int     // -search-only runs Hugo + Pagefind up to this many articles
	memCapGiB                    float64 // a measured command holding more is stopped; 0: no cap
	phoneRounds                  int     // fresh pages per query on the phone link
	results                      string  // a JSON file to write this run's results to
	merge                        []string
	// serveOnly measures only the dev server's reload event
	// (benchServeSize), serveSaves timed saves per site.
	serveOnly  bool
	serveSaves int
	// profileUpTo: sizes up to this many articles get a profiled build
	// (sizeResult.profile).
	profileUpTo int
	// smallRuns is how many times medkb's steps run at sizes up to
	// smallSize articles (medkbRuns).
	smallRuns int
	// settle is how long the bench waits after it (or an earlier bench)
	// deleted files before the next timed build (see aside.go).
	settle time.Duration
}

// memCapKB is the -mem-cap in KiB, 0 for none.
func (c config) memCapKB() int64 { return int64(c.memCapGiB * (1 << 20)) }

// smallSize is the largest size whose medkb steps run -small-runs times.
const smallSize = 1000

// medkbRuns is how many times medkb's steps (full build, nothing changed,
// one article changed) run at n articles: -runs, or -small-runs when that
// is more and n is at most smallSize. A full build of 1,000 articles takes
// about 2.5 s of CPU, which this shared machine's load moved by up to 0.9 s
// from one build to the next (2.29-3.17 s in session 47, one binary; by
// hand in session 48, the slowest of three builds was slower all over its
// profile, in no part more than the rest); the cost per article compares
// it with the larger sizes, whose builds the same load moves by a few per
// cent. A median of more builds moves less, and they cost seconds.
func (c config) medkbRuns(n int) int {
	if n <= smallSize {
		return max(c.runs, c.smallRuns)
	}
	return c.runs
}

// aloneAt reports whether a corpus of n articles is built by medkb alone.
func (c config) aloneAt(n int) bool { return c.alone > 0 && n >= c.alone }

func parseFlags(args []string, getenv func(string) string, stderr io.Writer) (config, error) {
	cfg := config{phoneRounds: phoneRounds, serveSaves: serveSaves}
	fs := flag.NewFlagSet("medkb-bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sizes := fs.String("sizes", "1000,10000", "comma-separated corpus sizes in articles (BENCH_LARGE=1 adds 100000); \"\": none, rewrite the -readme block from the -merge files")
	fs.IntVar(&cfg.runs, "runs", 3, "runs per step; the tables show medians")
	fs.StringVar(&cfg.work, "work", "", "work folder, its sizes' folders kept afterwards (default: a new temporary folder, removed when the bench ends)")
	fs.StringVar(&cfg.medkb, "medkb", "", "medkb binary (default: go build ./cmd/medkb into the work folder)")
	fs.Int64Var(&cfg.seed, "seed", 1, "corpus seed")
	fs.StringVar(&cfg.demo, "demo", ".", "demo site folder for the dev-server latency")
	fs.IntVar(&cfg.memoryMB, "memory-mb", 0, "give every medkb corpus this memory budget in MiB (build.memory_mb in its medkb.yaml; the rows say so); 0: medkb's default")
	fs.BoolVar(&cfg.skipServe, "skip-serve", false, "skip the dev-server latency measurements")
	fs.IntVar(&cfg.alone, "alone", 100_000, "corpora of this many articles or more are built by medkb alone (full, nothing changed, one article changed: time and peak memory; no floor, Hugo, Pagefind or search cost); 0: every tool at every size")
	fs.BoolVar(&cfg.searchOnly, "search-only", false, "measure only the first query: per size generate the corpus, build it once (medkb, and Hugo + Pagefind up to -pagefind-up-to articles), then each engine's cold first-query cost under Node and in Chromium on the modelled phone link (150 ms RTT, 1.6 Mbit/s, HTTP/2); no rebuilds, floor or loopback timings")
	fs.BoolVar(&cfg.serveOnly, "serve-only", false, "measure only the dev server: per size generate the medkb corpus, start medkb serve on it (its one build), then time a warm-up save and -serve-saves more of one article, each from the file write to the \"event: reload\" on /__medkb/events (watch, debounce, rebuild); no Hugo, floor, rebuilds or search costs")
	fs.IntVar(&cfg.serveSaves, "serve-saves", serveSaves, "timed saves per site for the dev server's reload event, after the warm-up save")
	fs.BoolVar(&cfg.indexOnly, "index-only", false, "with -search-only: make medkb's index with ./cmd/medkb-bench/searchonly (medkb's build up to Markdown, then the same search index the full build writes; no pages, feeds or checks) instead of a full medkb build")
	fs.BoolVar(&cfg.reuse, "reuse", false, "with -search-only and -work: build nothing, measure the first query on the sites an earlier -search-only run left in the work folder (merge that run's -results for its build rows)")
	fs.IntVar(&cfg.pagefindUpTo, "pagefind-up-to", 10_000, "with -search-only: build Hugo + Pagefind for sizes up to this many articles (Hugo + Pagefind at 100,000 took 31 min on this machine)")
	fs.Float64Var(&cfg.memCapGiB, "mem-cap", 12, "stop a measured command (medkb, the floor, Hugo, Pagefind, searchonly) whose resident memory with its children exceeds this many `GiB`; its row then says it did not complete under the cap and the peak reached (0: no cap)")
	fs.StringVar(&cfg.results, "results", "", "write this run's measurements to this JSON `file` after each size (for -merge)")
	merge := fs.String("merge", "", "comma-separated JSON `files` of earlier runs (-results): their rows fill the sizes and steps this run did not measure, in the printed tables and the -readme block, each named with its source; FILE:search takes only a file's search figures (first query on the phone link, search cost under Node), which replace those of the files before it")
	fs.IntVar(&cfg.profileUpTo, "profile-up-to", 100_000, "after the timed runs, build sizes up to this many articles once more with --cpuprofile and report where the CPU went (0: none)")
	fs.IntVar(&cfg.smallRuns, "small-runs", 7, "run medkb's steps this many times at sizes up to 1,000 articles, when more than -runs: a build there takes about 2.5 s of CPU, which a shared machine's load moves by up to a third, and the cost per article compares it with the larger sizes")
	fs.DurationVar(&cfg.settle, "settle", recentFree, "after the bench deletes files (only when a size needs the disk they hold, or an earlier bench's at its end), wait until this long has passed before the next timed build: on ext4 without a journal a file created within six minutes of a deletion scans past the freed inodes (see cmd/medkb-bench/aside.go); 0: no wait")
	fs.StringVar(&cfg.readme, "readme", "", "rewrite the generated block (between medkb-bench marker lines) of this Markdown `file` with the build rows and targets of this run")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	if cfg.runs < 1 {
		return cfg, fmt.Errorf("-runs %d: want at least 1", cfg.runs)
	}
	for _, s := range strings.Split(*sizes, ",") {
		if *sizes == "" {
			break // -sizes "": measure nothing, rewrite -readme from -merge
		}
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return cfg, fmt.Errorf("-sizes: %q is not a positive number", s)
		}
		cfg.sizes = append(cfg.sizes, n)
	}
	if getenv("BENCH_LARGE") == "1" && !slices.Contains(cfg.sizes, 100_000) {
		cfg.sizes = append(cfg.sizes, 100_000)
	}
	if getenv("BENCH_HUGE") == "1" && !slices.Contains(cfg.sizes, 1_000_000) {
		cfg.sizes = append(cfg.sizes, 1_000_000)
	}
	if cfg.indexOnly && !cfg.searchOnly {
		return cfg, errors.New("-index-only needs -search-only")
	}
	if cfg.reuse && (!cfg.searchOnly || cfg.work == "") {
		return cfg, errors.New("-reuse needs -search-only and the -work folder of an earlier -search-only run")
	}
	if cfg.serveOnly && cfg.searchOnly {
		return cfg, errors.New("-serve-only and -search-only measure different things: run them separately")
	}
	if cfg.serveSaves < 1 {
		return cfg, fmt.Errorf("-serve-saves %d: want at least 1", cfg.serveSaves)
	}
	if cfg.memCapGiB < 0 {
		return cfg, fmt.Errorf("-mem-cap %g: want 0 (no cap) or more", cfg.memCapGiB)
	}
	if cfg.searchOnly || cfg.serveOnly {
		cfg.skipServe = true // -serve-only measures the reload event per size, not on the demo site
	}
	if cfg.serveOnly {
		cfg.runs = 1 // one server, its saves the samples: what -results records
	}
	if *merge != "" {
		cfg.merge = strings.Split(*merge, ",")
	}
	if len(cfg.sizes) == 0 && (cfg.readme == "" || len(cfg.merge) == 0) {
		return cfg, errors.New(`-sizes "" measures nothing: it rewrites the -readme block from the -merge files, and needs both`)
	}
	cfg.keepWork = cfg.work != ""
	return cfg, nil
}

func mainErr(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	cfg, err := parseFlags(args, getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "medkb-bench:", err)
		return 2
	}
	if err := bench(ctx, cfg, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "medkb-bench:", err)
		return 1
	}
	return 0
}

func bench(ctx context.Context, cfg config, stdout, log io.Writer) error {
	if cfg.work == "" {
		dir, err := os.MkdirTemp("", "medkb-bench-")
		if err != nil {
			return err
		}
		cfg.work = dir
		defer removeTree(dir) // an error leaves a temporary folder: nothing to tell
	} else {
		defer func() {
			if err := finish(cfg.work); err != nil {
				fmt.Fprintln(log, "medkb-bench: deleting what the bench set aside:", err)
			}
		}()
	}
	freed.Lock()
	freed.mark = freedMark()
	freed.Unlock()
	work, err := filepath.Abs(cfg.work)
	if err != nil {
		return err
	}
	cfg.work = work
	if err := os.MkdirAll(cfg.work, 0o755); err != nil {
		return err
	}
	earlier, err := readEarlier(cfg.merge)
	if err != nil {
		return err
	}
	fmt.Fprintf(log, "medkb-bench: work folder %s\n", cfg.work)
	tl := findTools(ctx, cfg.medkb, cfg.work)
	if cfg.indexOnly {
		tl.SearchOnly = findSearchOnly(ctx, cfg.work)
	}

	fmt.Fprintf(stdout, "# medkb benchmark\n\nMachine: %s\n\n", thisMachine())
	for _, t := range []tool{tl.Medkb, tl.Floor, tl.Hugo, tl.Pagefind, tl.Node, tl.Chromium, tl.SearchOnly} {
		if t.Name == "" {
			continue // searchonly, when not asked for
		}
		fmt.Fprintf(stdout, "- %s\n", t.describe())
	}
	results := map[int]*sizeResult{}
	if len(cfg.sizes) == 0 {
		return writeReadme(cfg, withEarlier(results, earlier), log)
	}
	for _, n := range cfg.sizes {
		bench := benchSize
		switch {
		case cfg.searchOnly:
			bench = benchSearchSize
		case cfg.serveOnly:
			bench = benchServeSize
		}
		r, err := bench(ctx, cfg, tl, n, log)
		if err != nil {
			return fmt.Errorf("%d articles: %w", n, err)
		}
		printSize(stdout, r, cfg.runs)
		results[n] = r
		// After every size, so that a long run stopped at a larger size
		// still leaves the sizes it finished.
		if err := writeReadme(cfg, withEarlier(results, earlier), log); err != nil {
			return err
		}
		if cfg.results != "" {
			if err := writeResults(cfg.results, cfg.runs, results); err != nil {
				return err
			}
		}
		if !cfg.keepWork && r.MedkbDir != "" && (n != 10_000 || cfg.skipServe) { // "": the size did not run
			// Set aside for finish, or makeRoom when a larger size needs
			// the disk: a 100,000-article size takes several GB.
			if err := discard(cfg.work, filepath.Dir(r.MedkbDir)); err != nil {
				return err
			}
		}
	}
	if cfg.skipServe {
		return nil
	}
	printServe(stdout, serveAll(ctx, cfg, tl, results, log))
	if _, ok := results[10_000]; !ok {
		return nil
	}
	// The 10,000-article size now has its reload row.
	if err := writeReadme(cfg, withEarlier(results, earlier), log); err != nil {
		return err
	}
	if cfg.results != "" {
		return writeResults(cfg.results, cfg.runs, results)
	}
	return nil
}

// writeReadme rewrites the -readme file's generated block with the sizes
// measured so far and what -merge adds.
func writeReadme(cfg config, results map[int]*sizeResult, log io.Writer) error {
	if cfg.readme == "" {
		return nil
	}
	var summary bytes.Buffer
	printSummary(&summary, thisMachine(), cfg.runs, results)
	if err := rewriteReadme(cfg.readme, summary.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(log, "medkb-bench: rewrote the generated block of %s\n", cfg.readme)
	return nil
}

// serveAll measures reload latency on a copy of the demo site and on the
// generated 10,000-article site, whose result it records as that size's
// reload row.
func serveAll(ctx context.Context, cfg config, tl tools, results map[int]*sizeResult, log io.Writer) []serveResult {
	settle(log, cfg.settle)
	fmt.Fprintln(log, "serve: demo site")
	demo := serveResult{Site: "demo site (copy of " + cfg.demo + ")"}
	if dir, err := copyDemo(cfg.demo, filepath.Join(cfg.work, "demo")); err != nil {
		demo.Cost.Why = err.Error()
	} else if article, err := firstArticle(dir); err != nil {
		demo.Cost.Why = err.Error()
	} else {
		demo.Cost = serveLatency(ctx, tl.Medkb, dir, article, cfg.serveSaves)
	}
	big := serveResult{Site: "generated, 10,000 articles"}
	if r, ok := results[10_000]; !ok {
		big.Cost.Why = "10000 not in -sizes"
	} else if article, err := firstArticle(r.MedkbDir); err != nil {
		big.Cost.Why = err.Error()
	} else {
		fmt.Fprintln(log, "serve: generated 10,000-article site")
		big.Cost = serveLatency(ctx, tl.Medkb, r.MedkbDir, article, cfg.serveSaves)
		r.Reload = big.Cost
	}
	return []serveResult{demo, big}
}

// copyDemo copies the site files of the demo site (never its source code)
// into dst, so that editing an article never touches the repository.
func copyDemo(src, dst string) (string, error) {
	if _, err := os.Stat(filepath.Join(src, "medkb.yaml")); err != nil {
		return "", fmt.Errorf("no demo site: %w", err)
	}
	if err := os.RemoveAll(dst); err != nil {
		return "", err
	}
	for _, name := range append(source.InputFiles(), source.InputDirs()...) {
		from := filepath.Join(src, name)
		info, err := os.Stat(from)
		switch {
		case errors.Is(err, os.ErrNotExist):
			continue
		case err != nil:
			return "", err
		case info.IsDir():
			err = os.CopyFS(filepath.Join(dst, name), os.DirFS(from))
		default:
			err = copyFile(from, filepath.Join(dst, name))
		}
		if err != nil {
			return "", err
		}
	}
	return dst, nil
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o644)
}
