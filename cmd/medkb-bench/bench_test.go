package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/medkb/medkb/internal/benchgen"
	medkbconfig "github.com/medkb/medkb/internal/config"
)

func TestMedian(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   []int64
		want int64
	}{
		{[]int64{5}, 5},
		{[]int64{3, 1, 2}, 2},
		{[]int64{4, 1, 3, 2}, 2}, // (2+3)/2 in integers
		{[]int64{10, 30}, 20},
	}
	for _, tt := range tests {
		in := slices.Clone(tt.in)
		if got := median(in); got != tt.want {
			t.Errorf("median(%v) = %d, want %d", tt.in, got, tt.want)
		}
		if !slices.Equal(in, tt.in) {
			t.Errorf("median reordered its input: %v", in)
		}
	}
}

func TestMedianSampleTakesEachFieldSeparately(t *testing.T) {
	t.Parallel()
	got := medianSample([]sample{
		{Wall: 3 * time.Second, CPU: 1 * time.Second, MaxRSSKB: 900},
		{Wall: 1 * time.Second, CPU: 3 * time.Second, MaxRSSKB: 100},
		{Wall: 2 * time.Second, CPU: 2 * time.Second, MaxRSSKB: 500},
	})
	if got.Wall != 2*time.Second || got.CPU != 2*time.Second || got.MaxRSSKB != 500 {
		t.Errorf("medianSample = %+v", got)
	}
}

func TestParseFlags(t *testing.T) {
	t.Parallel()
	env := func(large string) func(string) string {
		return func(k string) string {
			if k == "BENCH_LARGE" && large == "1" || k == "BENCH_HUGE" && large == "huge" {
				return "1"
			}
			return ""
		}
	}
	tests := []struct {
		name    string
		args    []string
		large   string
		sizes   []int
		wantErr bool
	}{
		{"defaults", nil, "", []int{1000, 10000}, false},
		{"large adds 100000", nil, "1", []int{1000, 10000, 100000}, false},
		{"large not twice", []string{"-sizes", "100000"}, "1", []int{100000}, false},
		{"huge adds 1000000", nil, "huge", []int{1000, 10000, 1000000}, false},
		{"custom sizes", []string{"-sizes", "50, 200"}, "", []int{50, 200}, false},
		{"bad size", []string{"-sizes", "10,x"}, "", nil, true},
		{"zero runs", []string{"-runs", "0"}, "", nil, true},
		{"stray argument", []string{"now"}, "", nil, true},
		{"no sizes: rewrite from saved runs", []string{"-sizes", "", "-readme", "R.md", "-merge", "a.json"}, "", nil, false},
		{"no sizes and nothing to merge", []string{"-sizes", "", "-readme", "R.md"}, "", nil, true},
		{"serve only", []string{"-serve-only", "-sizes", "10000", "-serve-saves", "20"}, "", []int{10000}, false},
		{"serve only and search only", []string{"-serve-only", "-search-only"}, "", nil, true},
		{"no saves", []string{"-serve-saves", "0"}, "", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := parseFlags(tt.args, env(tt.large), new(strings.Builder))
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if err == nil && !slices.Equal(cfg.sizes, tt.sizes) {
				t.Errorf("sizes = %v, want %v", cfg.sizes, tt.sizes)
			}
			if err == nil && cfg.serveOnly && (cfg.runs != 1 || cfg.serveSaves != 20 || !cfg.skipServe) {
				t.Errorf("-serve-only: runs %d, saves %d, skip the demo serve row %v; want 1, 20, true", cfg.runs, cfg.serveSaves, cfg.skipServe)
			}
		})
	}
}

func TestMedkbRunsMoreAtSmallSizes(t *testing.T) {
	t.Parallel()
	cfg, err := parseFlags(nil, func(string) string { return "" }, new(strings.Builder))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ runs, n, want int }{
		{3, 1000, 7}, {3, 500, 7}, {3, 1001, 3}, {3, 10000, 3}, {9, 1000, 9}, {1, 100000, 1},
	} {
		cfg.runs = c.runs
		if got := cfg.medkbRuns(c.n); got != c.want {
			t.Errorf("-runs %d, -small-runs %d, %d articles: medkb runs %d times, want %d", c.runs, cfg.smallRuns, c.n, got, c.want)
		}
	}
}

// wantIn fails t for each of wants that got (what: the report, the
// summary…) does not contain, showing got.
func wantIn(t testing.TB, what, got string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(got, want) {
			t.Errorf("%s lacks %q:\n%s", what, want, got)
		}
	}
}

func write(t testing.TB, dir, rel, data string) {
	t.Helper()
	name := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestMedkbOutputCountsIndexWithoutAssets(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write(t, dir, "public/index.html", "12345")
	write(t, dir, "public/search/search.js", "0123456789")
	write(t, dir, "public/search/search-ui.js", "0123456789")
	write(t, dir, "public/search/index.html", "0123456789")
	write(t, dir, "public/search/manifest.3f2a.json", "abc")
	write(t, dir, "public/search/vocab/ab.11.json", "abcd")
	s := sample{output: "Phase timings:\n  markdown     3.05679s  16.4%\n  outputs     13.6s  73.3%\n  (outputs ran these side by side; their times overlap)\n    search       1.5231s  72.7%\n"}
	if err := medkbOutput(dir, &s); err != nil {
		t.Fatal(err)
	}
	if s.Files != 6 || s.Bytes != 5+10+10+10+3+4 || s.IndexBytes != 7 {
		t.Errorf("got files %d, bytes %d, index %d; want 6, 42, 7", s.Files, s.Bytes, s.IndexBytes)
	}
	// Each index file gzip-compressed on its own: a gzip header and
	// trailer (18 bytes) plus at least the deflated data.
	if s.IndexGzip < 2*18+7 || s.IndexGzip > 2*18+7+2*8 {
		t.Errorf("index gzip = %d bytes, want the two files compressed one by one", s.IndexGzip)
	}
	if s.IndexBuild != 1523100*time.Microsecond {
		t.Errorf("index build = %v, want the search phase of the trace, 1.5231s", s.IndexBuild)
	}
	if d := tracePhase("Built in 3s\n", "search"); d != 0 {
		t.Errorf("tracePhase without the phase = %v, want 0", d)
	}
	if n, b, err := dirStats(filepath.Join(dir, "missing"), nil); err != nil || n != 0 || b != 0 {
		t.Errorf("dirStats(missing) = %d, %d, %v; want zeros", n, b, err)
	}
}

func TestRunReportsOutputOfFailingCommand(t *testing.T) {
	t.Parallel()
	_, err := run(context.Background(), t.TempDir(), "sh", "-c", "echo broken page; exit 3")
	if err == nil || !strings.Contains(err.Error(), "broken page") {
		t.Errorf("err = %v, want the command's output in it", err)
	}
	// A build that traces its phases and then fails: the table's reason is
	// what it printed last, not its first trace line.
	script := "echo 'markdown 96s (live heap 2940 MiB)'; for i in 1 2 3 4 5; do echo \"trace line $i\"; done; echo 'medkb: public/x/index.html: no space left on device' >&2; exit 1"
	_, err = run(context.Background(), t.TempDir(), "sh", "-c", script)
	var o outcome
	o.fail(err)
	if !strings.HasPrefix(o.Why, "failed: sh: exit status 1: ") || !strings.HasSuffix(o.Why, "no space left on device") || strings.Contains(o.Why, "live heap") {
		t.Errorf("Why = %q, want the command, its status and its last lines", o.Why)
	}
	s, err := run(context.Background(), t.TempDir(), "sh", "-c", "true")
	if err != nil || s.MaxRSSKB <= 0 {
		t.Errorf("run(true) = %+v, %v; want a peak RSS", s, err)
	}
}

func TestMachineParsers(t *testing.T) {
	t.Parallel()
	cpu := "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\nprocessor\t: 1\nmodel name\t: AMD EPYC 7B13\n"
	if got := cpuModel(strings.NewReader(cpu)); got != "AMD EPYC 7B13" {
		t.Errorf("cpuModel = %q", got)
	}
	if got := cpuModel(strings.NewReader("processor : 0\n")); got != "unknown" {
		t.Errorf("cpuModel without a model = %q, want unknown", got)
	}
	mem := "MemTotal:       24576000 kB\nMemFree:        1000 kB\n"
	if got := memTotalKB(strings.NewReader(mem)); got != 24576000 {
		t.Errorf("memTotalKB = %d", got)
	}
}

func TestServingURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		line, want string
		ok         bool
	}{
		{"Serving at http://127.0.0.1:40123/ (press Ctrl-C to stop)", "http://127.0.0.1:40123/", true},
		{"Serving at http://127.0.0.1:1313", "http://127.0.0.1:1313/", true},
		{"Building site…", "", false},
		{"Serving at nowhere", "", false},
	}
	for _, tt := range tests {
		got, ok := servingURL(tt.line)
		if got != tt.want || ok != tt.ok {
			t.Errorf("servingURL(%q) = %q, %v; want %q, %v", tt.line, got, ok, tt.want, tt.ok)
		}
	}
}

// sseServer streams the given events, then ends the stream.
func sseServer(t *testing.T, events ...string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		fmt.Fprint(w, "retry: 500\n\n: keep-alive\n\n")
		w.(http.Flusher).Flush()
		for _, ev := range events {
			fmt.Fprintf(w, "event: %s\ndata: {}\n\n", ev)
			w.(http.Flusher).Flush()
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestWaitEventSeesReloadAmongOtherEvents(t *testing.T) {
	t.Parallel()
	srv := sseServer(t, "ok", "css", "reload")
	events, err := subscribe(context.Background(), srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	if err := waitEvent(context.Background(), events, "reload", time.Minute); err != nil {
		t.Errorf("waitEvent: %v", err)
	}
}

func TestWaitEventFailsOnFailedRebuild(t *testing.T) {
	t.Parallel()
	srv := sseServer(t, "ok", "error", "reload")
	events, err := subscribe(context.Background(), srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	if err := waitEvent(context.Background(), events, "reload", time.Minute); err == nil || !strings.Contains(err.Error(), "rebuild failed") {
		t.Errorf("waitEvent = %v, want a failed-rebuild error", err)
	}
}

func TestWaitEventFailsWhenStreamEndsWithoutReload(t *testing.T) {
	t.Parallel()
	srv := sseServer(t, "ok", "css")
	events, err := subscribe(context.Background(), srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	if err := waitEvent(context.Background(), events, "reload", time.Minute); err == nil {
		t.Error("waitEvent succeeded on a stream with no reload event")
	}
}

func TestSubscribeRejectsNonEventStream(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(srv.Close)
	if _, err := subscribe(context.Background(), srv.URL); err == nil {
		t.Error("subscribe accepted a 404 page")
	}
}

func TestRowNeverInventsNumbers(t *testing.T) {
	t.Parallel()
	got := row("Hugo", outcome{Why: "not installed"}, 1000)
	if !strings.Contains(got, "not installed") || strings.ContainsAny(got, "0123456789") {
		t.Errorf("row for a missing tool = %q", got)
	}
	got = row("medkb", outcome{Samples: []sample{{Wall: 2 * time.Second, CPU: time.Second, MaxRSSKB: 2048, Files: 3, Bytes: 4096}}}, 1000)
	wantIn(t, "row", got, "2.00 s", "1.00 s", "| 500 |", "2.0 MiB", "| 3 |", "4.0 KiB")
}

// TestSearchCostCountsFetchesUnderNode runs the embedded Node script on a
// tiny search module that fetches a manifest once per instance and then,
// in parallel, a shard per query word, and checks the counts the script
// reports.
func TestSearchCostCountsFetchesUnderNode(t *testing.T) {
	t.Parallel()
	nodePath, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("node is required on every machine:", err)
	}
	dir := t.TempDir()
	write(t, dir, "search/manifest.json", `{"docs":["Asthma","Heart attack"]}`) // 34 bytes
	write(t, dir, "search/shard-a.json", `["asthma"]`)                          // 10 bytes
	write(t, dir, "search/shard-h.json", `["heart","high"]`)                    // 16 bytes
	write(t, dir, "search/search.js", `
const base = new URL("./", import.meta.url);
let manifest;
const shards = new Map();
async function json(name) { const r = await fetch(new URL(name, base)); return r.ok ? r.json() : []; }
export async function search(query, { limit = 10 } = {}) {
  manifest ??= await json("manifest.json");
  const words = query.split(" ");
  const missing = [...new Set(words.map((w) => w[0]))].filter((k) => !shards.has(k));
  await Promise.all(missing.map(async (k) => shards.set(k, await json("shard-" + k + ".json"))));
  const out = [];
  for (const w of words) {
    const k = w[0];
    if (shards.get(k).includes(w)) out.push({ title: manifest.docs[k === "a" ? 0 : 1] });
  }
  return out.slice(0, limit);
}
`)
	node := tool{Name: "node", Path: nodePath}
	sc := measureSearch(context.Background(), node, t.TempDir(), "medkb", filepath.Join(dir, "search", "search.js"))
	if sc.Why != "" {
		t.Fatalf("not measured: %s", sc.Why)
	}
	if len(sc.Queries) != len(benchQueries) {
		t.Fatalf("%d queries reported, want %d", len(sc.Queries), len(benchQueries))
	}
	asthma := sc.Queries[0] // previous query in the list: "metformin side effects" (shards m, s, e: missing)
	if asthma.Query != "asthma" || asthma.Cold.Requests != 2 || asthma.Cold.Rounds != 2 || asthma.Cold.Bytes != 34+10 || asthma.Cold.Results != 1 || asthma.Cold.Top != "Asthma" {
		t.Errorf("asthma cold = %+v, want 2 requests in 2 rounds (manifest, then its shard), 44 bytes, top Asthma", asthma.Cold)
	}
	if asthma.Warm.Requests != 1 || asthma.Warm.Rounds != 1 || asthma.Warm.Bytes != 10 {
		t.Errorf("asthma warm = %+v, want only the a shard (1 request in 1 round, 10 bytes)", asthma.Warm)
	}
	heart := sc.Queries[1] // "heart attack" after "asthma": h shard new, a shard cached
	if heart.Warm.Requests != 1 || heart.Warm.Rounds != 1 || heart.Warm.Bytes != 16 || heart.Warm.GzipBytes <= 0 {
		t.Errorf("heart attack warm = %+v, want 1 request of 16 bytes", heart.Warm)
	}
	// "high blood pressure" cold: the manifest (round 1), then the h, b and
	// p shards side by side (round 2; b and p are missing: a 404 is a
	// request too).
	if high := sc.Queries[3]; high.Cold.Requests != 4 || high.Cold.Rounds != 2 {
		t.Errorf("high blood pressure cold = %+v, want 4 requests in 2 rounds", high.Cold)
	}
}

func TestSearchCostSaysWhyWhenModuleMissing(t *testing.T) {
	t.Parallel()
	sc := measureSearch(context.Background(), tool{Name: "node"}, t.TempDir(), "medkb", "/nonexistent/search.js")
	if sc.Why != "node not installed" {
		t.Errorf("Why = %q", sc.Why)
	}
}

func TestPrintBrowserNeverInventsNumbers(t *testing.T) {
	t.Parallel()
	missing := measureBrowser(context.Background(), tool{Name: "chromium"},
		searchSite{Engine: "medkb"}, searchSite{Engine: "pagefind", Why: "pagefind not installed"})
	if missing[0].Why != "not measured: chromium not installed" || missing[1].Why != "not measured: chromium not installed" {
		t.Errorf("without Chromium: %+v", missing)
	}
	var out strings.Builder
	printBrowser(&out, &sizeResult{BrowserMedkb: missing[0], BrowserPF: missing[1]})
	for _, line := range strings.Split(out.String(), "\n") {
		if strings.HasPrefix(line, "| medkb") || strings.HasPrefix(line, "| Pagefind") {
			if !strings.Contains(line, "not measured: chromium not installed") || strings.ContainsAny(line, "0123456789") {
				t.Errorf("row without Chromium = %q", line)
			}
		}
	}
	if !strings.Contains(out.String(), "medkb / Pagefind, query time in Chromium: n/a (not measured: chromium not installed)") {
		t.Errorf("ratio line without Chromium missing from:\n%s", out.String())
	}
}

func TestPrintBrowserMediansAndRatios(t *testing.T) {
	t.Parallel()
	medkb := browserCost{Queries: []browserQuery{
		{Query: "asthma", ColdMs: 30, WarmMs: 1, SecondMs: 5, Results: 10, Top: "Asthma | adults"},
		{Query: "heart attack", ColdMs: 10, WarmMs: 3, SecondMs: 9, Results: 4},
		{Query: "diabetis", ColdMs: 20, WarmMs: 2, SecondMs: 7, Results: 0},
	}}
	pf := browserCost{Queries: []browserQuery{
		{Query: "asthma", ColdMs: 80, WarmMs: 8, SecondMs: 10},
		{Query: "heart attack", ColdMs: 40, WarmMs: 4, SecondMs: 18},
	}}
	if c, w, s := medkb.medians(); c != 20 || w != 2 || s != 7 {
		t.Errorf("medkb medians = %v, %v, %v; want 20, 2, 7", c, w, s)
	}
	if c, w, s := pf.medians(); c != 60 || w != 6 || s != 14 { // even count: mean of the middle two
		t.Errorf("Pagefind medians = %v, %v, %v; want 60, 6, 14", c, w, s)
	}
	var out strings.Builder
	printBrowser(&out, &sizeResult{BrowserMedkb: medkb, BrowserPF: pf})
	wantIn(t, "report", out.String(),
		`| medkb | asthma | 30.0 | 1.0 | 5.0 | 10 | Asthma \| adults |`,
		"| medkb | **median** | **20.0** | **2.0** | **7.0** | – | – |",
		"| Pagefind | **median** | **60.0** | **6.0** | **14.0** | – | – |",
		"- medkb / Pagefind, query time in Chromium (medians): cold 0.33×, warm 0.33×, second 0.50×",
	)
}

// fakeSearch writes a site with search modules that honour the contracts
// the page relies on: medkb's search(query, {limit}) and Pagefind's
// search(query) → {results: [{data()}]}. Both fetch docs.json next to them;
// results says what the medkb module returns ("match", "none" or "leak": the
// matches, after fetching from another host).
func fakeSearch(t *testing.T, results string) string {
	t.Helper()
	dir := t.TempDir()
	docs := `[{"title":"Asthma","words":["asthma"]},{"title":"Heart attack","words":["heart","attack"]}]`
	// Each engine's load-ahead function (warm, init) fetches docs.json
	// before the query, which then fetches nothing; Pagefind's returns
	// first and fetches a moment later.
	match := `
let loaded;
const docs = () => (loaded ??= fetch(new URL("./docs.json", import.meta.url)).then((r) => r.json()));
async function matches(q) {
  return (await docs()).filter((d) => d.words.some((w) => q.split(" ").includes(w)));
}
`
	medkb := match + `export async function warm() { await docs(); }
export async function search(q, { limit = 10 } = {}) {
  if ("` + results + `" === "none") return [];
  if ("` + results + `" === "leak") await fetch("http://medkb-bench.invalid/beacon").catch(() => {});
  return (await matches(q)).slice(0, limit).map((d) => ({ title: d.title, url: "/x/" }));
}
`
	pagefind := match + `export async function options() {}
export async function init() { setTimeout(docs, 300); } // returns before it fetches, as Pagefind's does
export async function search(q) {
  return { results: (await matches(q)).map((d) => ({ data: async () => ({ meta: { title: d.title } }) })) };
}
`
	write(t, dir, "search/docs.json", docs)
	write(t, dir, "search/search.js", medkb)
	write(t, dir, "pagefind/docs.json", docs)
	write(t, dir, "pagefind/pagefind.js", pagefind)
	return dir
}

// TestMeasureBrowserTimesQueriesInChromium drives the real browser, as make
// bench does, on fake engines: it must time both contracts, refuse an
// engine that finds nothing for the sanity query, and catch a module that
// reaches for another host.
func TestMeasureBrowserTimesQueriesInChromium(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	chromium := findChromium(ctx)
	if !chromium.ok() {
		t.Fatal("Chromium is not installed: install the Debian package chromium (run `make deps`: internal/e2e/install.sh installs it)")
	}
	good, none, leak := fakeSearch(t, "match"), fakeSearch(t, "none"), fakeSearch(t, "leak")
	costs := measureBrowser(ctx, chromium,
		searchSite{Engine: "medkb", Public: good, Module: "/search/search.js"},
		searchSite{Engine: "pagefind", Public: good, Module: "/pagefind/pagefind.js"},
		searchSite{Engine: "medkb", Public: none, Module: "/search/search.js"},
		searchSite{Engine: "medkb", Public: leak, Module: "/search/search.js"},
		searchSite{Engine: "pagefind", Why: "pagefind not installed"},
	)
	for i, engine := range []string{"medkb", "Pagefind"} {
		bc := costs[i]
		if !bc.ok() || len(bc.Queries) != len(benchQueries) {
			t.Fatalf("%s: %+v", engine, bc)
		}
		for _, q := range bc.Queries {
			if q.ColdMs <= 0 || q.WarmMs < 0 || q.SecondMs <= 0 {
				t.Errorf("%s %q: cold %v ms, warm %v ms, second %v ms", engine, q.Query, q.ColdMs, q.WarmMs, q.SecondMs)
			}
		}
		if a, h := bc.Queries[0], bc.Queries[1]; a.Results != 1 || a.Top != "Asthma" || h.Results != 1 || h.Top != "Heart attack" {
			t.Errorf("%s: asthma %+v, heart attack %+v", engine, a, h)
		}
	}
	if want := `no results for "asthma"`; !strings.Contains(costs[2].Why, want) {
		t.Errorf("engine without results: Why = %q, want %q", costs[2].Why, want)
	}
	if want := "requested other hosts: medkb-bench.invalid"; !strings.Contains(costs[3].Why, want) {
		t.Errorf("leaking engine: Why = %q, want %q", costs[3].Why, want)
	}
	if costs[4].Why != "pagefind not installed" {
		t.Errorf("site not built: Why = %q", costs[4].Why)
	}
}

// TestFloorRowRunsTheFloorProgram builds the floor program as the bench
// does, times it on a tiny generated corpus like the other tools and checks
// the row and the medkb / floor ratio it adds to the report.
func TestFloorRowRunsTheFloorProgram(t *testing.T) {
	work := t.TempDir()
	t.Chdir(filepath.Join("..", ".."))
	floor := findFloor(t.Context(), work)
	if !floor.ok() {
		t.Fatalf("findFloor: %s", floor.Why)
	}
	r := &sizeResult{Articles: 3, MedkbDir: filepath.Join(work, "n3", "medkb")}
	st, err := benchgen.WriteMedkb(r.MedkbDir, benchgen.Options{Articles: 3, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	r.runFloor(t.Context(), floor)
	if !r.Floor.ok() {
		t.Fatalf("floor step: %s", r.Floor.Why)
	}
	s := r.Floor.median()
	var pages int
	filepath.WalkDir(filepath.Join(r.MedkbDir, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			pages++
		}
		return err
	})
	if s.Files != pages || s.Wall <= 0 || s.CPU <= 0 || s.Bytes == 0 {
		t.Errorf("floor sample %+v, want %d files (corpus %+v), wall, CPU and bytes", s, pages, st)
	}
	if _, err := os.Stat(filepath.Join(work, "n3", "floor", "index.html")); err != nil {
		t.Errorf("the floor's home page: %v", err)
	}
	// A second run does not delete the first one's output before it
	// builds (see aside.go): it moves it into the size's trash, which
	// finish deletes when the bench ends.
	first, err := os.Stat(filepath.Join(work, "n3", "floor", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	r.runFloor(t.Context(), floor)
	if len(r.Floor.Samples) != 2 {
		t.Fatalf("second floor run: %s", r.Floor.Why)
	}
	aside, _ := filepath.Glob(filepath.Join(work, "n3", trashDir, "floor-*", "floor", "index.html"))
	if len(aside) != 1 {
		t.Fatalf("the first run's output in the trash: %v", aside)
	}
	if moved, err := os.Stat(aside[0]); err != nil || !os.SameFile(first, moved) {
		t.Errorf("the trash holds %v (%v), want the first run's file itself", aside[0], err)
	}
	if second, err := os.Stat(filepath.Join(work, "n3", "floor", "index.html")); err != nil || os.SameFile(first, second) {
		t.Errorf("the second run's home page: %v, same file as the first's: %v", err, err == nil && os.SameFile(first, second))
	}
	if err := finish(work); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(work, "n3", trashDir)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("trash after finish: %v", err)
	}
	if _, err := os.Stat(filepath.Join(work, "n3", "floor", "index.html")); err != nil {
		t.Errorf("finish deleted the size's last output: %v", err)
	}
	s = r.Floor.median()
	if !s.SysKnown || s.SysCPU < 0 || s.SysCPU > s.CPU {
		t.Errorf("floor system CPU %v of %v (known %v), want a part of it", s.SysCPU, s.CPU, s.SysKnown)
	}
	r.Full = outcome{Samples: []sample{{Wall: 4 * s.Wall, CPU: 2 * s.CPU, SysCPU: s.CPU / 2, SysKnown: true, MaxRSSKB: 3 * s.MaxRSSKB}}}
	r.Hugo = outcome{Samples: []sample{{Wall: s.Wall, CPU: s.CPU}}} // a run saved before system time was recorded
	var out strings.Builder
	printRatios(&out, r)
	if !strings.Contains(out.String(), "medkb / floor: wall 4.00×, CPU 2.00×") {
		t.Errorf("ratios:\n%s", out.String())
	}
	want := fmt.Sprintf("- system CPU, medians: medkb full build %s of %s (25 %%); floor %s of %s (", durStr(s.CPU/2), durStr(2*s.CPU), durStr(s.SysCPU), durStr(s.CPU))
	if !strings.Contains(out.String(), want) || !strings.Contains(out.String(), "; Hugo not recorded\n") {
		t.Errorf("ratios:\n%s\nwant %q and Hugo not recorded", out.String(), want)
	}
}

func TestTargetsGiveTheDistanceToEachGoal(t *testing.T) {
	t.Parallel()
	s := func(wall, cpu time.Duration, rssKB int64, files int) outcome {
		return outcome{Samples: []sample{{Wall: wall, CPU: cpu, MaxRSSKB: rssKB, Files: files}}}
	}
	r := &sizeResult{Articles: 1000,
		Full:      s(4*time.Second, 10*time.Second, 200<<10, 3000),
		NoChange:  s(40*time.Millisecond, 0, 0, 0),
		OneChange: s(400*time.Millisecond, 0, 0, 0),
		Floor:     s(time.Second, 2*time.Second, 20<<10, 1000),
		Hugo:      s(8*time.Second, 40*time.Second, 400<<10, 2500),
		Pagefind:  outcome{Why: "not installed"},
	}
	r.HugoSearch = outcome{Why: "pagefind not installed"}
	r.SearchMedkb.Queries = make([]struct {
		Query string    `json:"query"`
		Cold  queryCost `json:"cold"`
		Warm  queryCost `json:"warm"`
	}, 2)
	r.SearchMedkb.Queries[0].Cold = queryCost{Requests: 17, Rounds: 4, GzipBytes: 80 << 10}
	r.SearchMedkb.Queries[1].Cold = queryCost{Requests: 3, Rounds: 2, GzipBytes: 32 << 10}
	var b strings.Builder
	printTargets(&b, r)
	got := b.String()
	wantIn(t, "targets", got,
		"| medkb / floor, CPU | 5.00× | ≤ 2.50× | 2.00× too high: needs 50 % less |",
		"| medkb / Hugo, wall | 0.50× | ≤ 0.25× | 2.00× too high: needs 50 % less |",
		"| medkb / Hugo, CPU | 0.25× | ≤ 0.35× | met |",
		"| medkb / Hugo, peak RSS | 0.50× | ≤ 0.25× |",
		"| medkb / Hugo, files written | 1.20× | ≤ 1.30× | met |",
		"| medkb / (Hugo + Pagefind), wall | – | ≤ 0.06× | not measured |",
		"| full / nothing changed, wall | 100.00× | ≥ 50.00× | met |",
		"| full / one article changed, wall | 10.00× | ≥ 15.00× | 1.50× too low |",
		"10.00 ms CPU, 204.8 KiB peak RSS",
		"| medkb search, cold query, requests | 17 requests (costliest of 2 queries) | ≤ 4 requests | 4.25× too high: needs 76 % less |",
		"| medkb search, cold query, dependent rounds | 4 rounds (costliest of 2 queries) | ≤ 2 rounds | 2.00× too high: needs 50 % less |",
		"| medkb search, cold query, gzip KiB | 80 KiB (costliest of 2 queries) | ≤ 64 KiB | 1.25× too high: needs 20 % less |",
	)
}

func TestReadmeBlockIsRewrittenAndNothingElse(t *testing.T) {
	t.Parallel()
	name := filepath.Join(t.TempDir(), "README.md")
	before := "# x\n\nHand text.\n\n" + readmeBegin + "\n\nold table\n\n" + readmeEnd + "\n\nMore hand text.\n"
	os.WriteFile(name, []byte(before), 0o644)
	if err := rewriteReadme(name, []byte("| new | table |\n")); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(name)
	want := "# x\n\nHand text.\n\n" + readmeBegin + "\n\n| new | table |\n\n" + readmeEnd + "\n\nMore hand text.\n"
	if string(got) != want {
		t.Errorf("README =\n%s\nwant\n%s", got, want)
	}
	os.WriteFile(name, []byte("# no markers\n"), 0o644)
	if err := rewriteReadme(name, []byte("x")); err == nil || !strings.Contains(err.Error(), readmeBegin) {
		t.Errorf("error = %v; want one naming the marker lines to add", err)
	}
	if got, _ := os.ReadFile(name); string(got) != "# no markers\n" {
		t.Errorf("a README without markers was changed: %q", got)
	}
}

// TestAloneSizeBuildsWithMedkbOnly runs a size past -alone with the real
// medkb binary and a Hugo that fails the test if it runs: medkb's three
// builds are measured, every other tool says why it did not run, and the
// README summary shows exactly that.
func TestAloneSizeBuildsWithMedkbOnly(t *testing.T) {
	work := t.TempDir()
	t.Chdir(filepath.Join("..", ".."))
	medkb := findMedkb(t.Context(), "", work)
	if !medkb.ok() {
		t.Fatalf("findMedkb: %s", medkb.Why)
	}
	hugo := filepath.Join(work, "hugo")
	os.WriteFile(hugo, []byte("#!/bin/sh\ntouch "+filepath.Join(work, "hugo-ran")+"\n"), 0o755)
	tl := tools{Medkb: medkb, Hugo: tool{Name: "hugo", Path: hugo}, Floor: tool{Name: "floor", Path: hugo}}
	// What an earlier bench left of the size is set aside, not deleted.
	leftover := filepath.Join(work, "n3", "medkb", "left-by-an-earlier-bench")
	os.MkdirAll(leftover, 0o755)
	cfg := config{sizes: []int{3}, runs: 1, smallRuns: 2, work: work, seed: 1, alone: 3, profileUpTo: 3}
	r, err := benchSize(t.Context(), cfg, tl, 3, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Full.ok() || !r.NoChange.ok() || !r.OneChange.ok() {
		t.Fatalf("medkb steps: %q %q %q", r.Full.Why, r.NoChange.Why, r.OneChange.Why)
	}
	// A small size runs medkb's steps -small-runs times, and says so.
	if len(r.Full.Samples) != 2 || len(r.NoChange.Samples) != 2 || len(r.OneChange.Samples) != 2 {
		t.Errorf("medkb's samples at a small size with -small-runs 2: %d, %d, %d; want 2 each",
			len(r.Full.Samples), len(r.NoChange.Samples), len(r.OneChange.Samples))
	}
	var sb strings.Builder
	printSize(&sb, r, cfg.runs)
	wantIn(t, "size report", sb.String(), "Medians of 1 runs (medkb's steps: 2, -small-runs)")
	if aside, _ := filepath.Glob(filepath.Join(work, trashDir, "n3-*", "n3", "medkb", "left-by-an-earlier-bench")); len(aside) != 1 {
		t.Errorf("an earlier bench's folder of the size was not set aside: %v", aside)
	}
	// The profiled build ran and its profile was read (a build of three
	// articles may take no sample: the parts then hold nothing; how they
	// are summed is TestSharesOfSumsSamplesByTheirInnermostPart's).
	if r.Profile.Why != "" || len(r.Profile.Shares) != len(cpuParts)+1 {
		t.Errorf("profile: %+v", r.Profile)
	}
	if _, err := os.Stat(filepath.Join(work, "n3", "cpu.prof")); err != nil {
		t.Errorf("the profile file: %v", err)
	}
	cfg.profileUpTo = 2
	if r.profile(t.Context(), cfg, medkb, io.Discard); !strings.Contains(r.Profile.Why, "above -profile-up-to 2 articles") {
		t.Errorf("a size above -profile-up-to: %+v", r.Profile)
	}
	if _, err := os.Stat(filepath.Join(work, "hugo-ran")); err == nil {
		t.Error("Hugo or the floor ran at a size past -alone")
	}
	if _, err := os.Stat(r.HugoDir); err == nil {
		t.Error("the Hugo corpus was generated at a size past -alone")
	}
	var b strings.Builder
	printSummary(&b, thisMachine(), 1, map[int]*sizeResult{3: r})
	m := r.Full.median()
	wantIn(t, "summary", b.String(),
		fmt.Sprintf("| 3 | medkb build (full) | %s | %s | %s | %d |", durStr(m.Wall), durStr(m.CPU), bytesStr(m.MaxRSSKB*1024), m.Files),
		"| 3 | Hugo | not run: medkb alone from 3 articles (-alone) |",
		"| medkb / Hugo, wall | – | ≤ 0.25× | not measured |",
	)
	if m.Files == 0 || m.MaxRSSKB == 0 {
		t.Errorf("full build sample %+v lacks files or peak RSS", m)
	}
	cfg.readme = filepath.Join(work, "README.md")
	os.WriteFile(cfg.readme, []byte("# x\n"+readmeBegin+"\n"+readmeEnd+"\n"), 0o644)
	if err := writeReadme(cfg, map[int]*sizeResult{3: r}, io.Discard); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(cfg.readme); !strings.Contains(string(got), "| 3 | medkb build (full) |") {
		t.Errorf("README block after the size:\n%s", got)
	}
}

func TestPhoneModelArithmetic(t *testing.T) {
	t.Parallel()
	tests := []struct {
		rounds int
		bytes  int64
		want   float64
	}{
		{0, 0, 0},
		{1, 0, 150},            // one round trip
		{0, 200_000, 1000},     // 1.6 Mbit/s is 200,000 bytes a second
		{2, 20_000, 300 + 100}, // two round trips and 20 KB at 200 bytes a millisecond
		{4, 64 << 10, 600 + 327.68},
	}
	for _, tt := range tests {
		if got := phoneModelMs(tt.rounds, tt.bytes); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("phoneModelMs(%d, %d) = %v, want %v", tt.rounds, tt.bytes, got, tt.want)
		}
	}
}

func TestNetRoundsCountsDependentRequests(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		reqs []netRequest
		want int
	}{
		{"none", nil, 0},
		{"one", []netRequest{{Sent: 1, Done: 2}}, 1},
		{"side by side", []netRequest{{Sent: 1, Done: 3}, {Sent: 1.5, Done: 2}}, 1},
		// The module, then the manifest, then two shards in parallel.
		{"chain", []netRequest{{Sent: 1, Done: 2}, {Sent: 2, Done: 3}, {Sent: 3.5, Done: 4}, {Sent: 3.6, Done: 4.5}}, 3},
		// Sent after the first arrived but while the second was in flight.
		{"overlap", []netRequest{{Sent: 1, Done: 2}, {Sent: 1, Done: 5}, {Sent: 3, Done: 4}}, 2},
		{"unsorted", []netRequest{{Sent: 3, Done: 4}, {Sent: 1, Done: 2}}, 2},
	}
	for _, tt := range tests {
		if got := netRounds(tt.reqs); got != tt.want {
			t.Errorf("%s: netRounds = %d, want %d", tt.name, got, tt.want)
		}
	}
}

// TestMeasurePhoneThrottlesHTTP2InChromium times the fake engines on the
// modelled phone link in the real browser: with the module loaded, each
// cold query fetches docs.json, one request in one round over HTTP/2, and
// the page cannot have its results in less than a round trip and the
// bytes at 1.6 Mbit/s.
func TestMeasurePhoneThrottlesHTTP2InChromium(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	chromium := findChromium(ctx)
	if !chromium.ok() {
		t.Fatal("Chromium is not installed: install the Debian package chromium (run `make deps`: internal/e2e/install.sh installs it)")
	}
	good, none := fakeSearch(t, "match"), fakeSearch(t, "none")
	costs := measurePhone(ctx, chromium, 1,
		searchSite{Engine: "medkb", Public: good, Module: "/search/search.js"},
		searchSite{Engine: "pagefind", Public: good, Module: "/pagefind/pagefind.js"},
		searchSite{Engine: "medkb", Public: none, Module: "/search/search.js"},
		searchSite{Engine: "medkb", Public: good, Module: "/search/search.js", Tapped: true},
		searchSite{Engine: "pagefind", Public: good, Module: "/pagefind/pagefind.js", Tapped: true},
	)
	// After a tap the engine's load-ahead function has fetched docs.json:
	// the query fetches nothing, and what came before it holds docs.json.
	for i, engine := range []string{"medkb", "Pagefind"} {
		tapped := costs[3+i]
		if !tapped.ok() {
			t.Fatalf("%s after a tap: %+v", engine, tapped)
		}
		for j, q := range tapped.Queries {
			cold := costs[i].Queries[j]
			if q.Requests != 0 || q.Rounds != 0 || q.WireBytes != 0 || q.ModuleBytes <= cold.ModuleBytes || q.Results != cold.Results {
				t.Errorf("%s %q after a tap: %d requests, %d rounds, %d bytes, %d before it (cold: %d before it), %d results; want none, docs.json before it",
					engine, q.Query, q.Requests, q.Rounds, q.WireBytes, q.ModuleBytes, cold.ModuleBytes, q.Results)
			}
		}
	}
	for i, engine := range []string{"medkb", "Pagefind"} {
		pc := costs[i]
		if !pc.ok() || len(pc.Queries) != len(benchQueries) {
			t.Fatalf("%s: %+v", engine, pc)
		}
		for _, q := range pc.Queries {
			if q.Requests != 1 || q.Rounds != 1 || q.Protocol != "HTTP/2.0" {
				t.Errorf("%s %q: %d requests in %d rounds over %q, want 1 in 1 over HTTP/2", engine, q.Query, q.Requests, q.Rounds, q.Protocol)
			}
			// docs.json, gzip-compressed: more than its 20 bytes of gzip
			// framing, less than its 91 bytes of JSON plus that framing.
			if q.WireBytes <= 20 || q.WireBytes > 91+20 || q.ModuleBytes <= 100 {
				t.Errorf("%s %q: %d bytes for docs.json, %d for the module", engine, q.Query, q.WireBytes, q.ModuleBytes)
			}
			if q.Ms < q.ModelMs() || q.ModelMs() <= 150 {
				t.Errorf("%s %q: %.0f ms for %d bytes (model %.0f ms), want at least one 150 ms round trip", engine, q.Query, q.Ms, q.WireBytes, q.ModelMs())
			}
		}
		if a := pc.Queries[0]; a.Results != 1 || a.Top != "Asthma" {
			t.Errorf("%s asthma: %+v", engine, a)
		}
	}
	if want := `no results for "asthma"`; !strings.Contains(costs[2].Why, want) {
		t.Errorf("engine without results: Why = %q, want %q", costs[2].Why, want)
	}
}

func TestVMRSSReadsProcStatus(t *testing.T) {
	t.Parallel()
	status := "Name:\tmedkb\nVmPeak:\t 9000 kB\nVmRSS:\t  123456 kB\nRssAnon:\t 100 kB\n"
	if got := vmRSSKB([]byte(status)); got != 123456 {
		t.Errorf("vmRSSKB = %d, want 123456", got)
	}
	if got := vmRSSKB([]byte("Name:\tzombie\n")); got != 0 {
		t.Errorf("vmRSSKB without the line = %d, want 0", got)
	}
}

// TestHelperAllocates is not a test: TestMemCapStopsACommandCleanly runs
// the test binary with it to get a process that holds the MiB given after
// "--" until it is killed.
func TestHelperAllocates(t *testing.T) {
	args := flag.Args()
	if len(args) != 1 {
		return // run as a test: nothing to do
	}
	mib, err := strconv.Atoi(args[0])
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, mib<<20)
	for i := range b {
		b[i] = byte(i) // touch every page, so it is resident
	}
	time.Sleep(time.Minute)
	runtime.KeepAlive(b)
}

// TestMemCapStopsACommandCleanly runs a process that holds 256 MiB under a
// 64 MiB cap: it is killed, the error says it did not complete under the
// cap and how far it got, and a failed step's row says the same. The same
// process under no cap would run for a minute; this takes well under one.
func TestMemCapStopsACommandCleanly(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Fatal("the memory cap reads /proc, which the bench's machine (Linux) has:", err)
	}
	start := time.Now()
	_, err := runCapped(t.Context(), 64<<10, t.TempDir(), os.Args[0], "-test.run=^TestHelperAllocates$", "--", "256")
	var capErr *memCapError
	if !errors.As(err, &capErr) {
		t.Fatalf("err = %v, want a *memCapError", err)
	}
	if capErr.PeakKB <= 64<<10 || capErr.CapKB != 64<<10 || time.Since(start) > 30*time.Second {
		t.Errorf("cap error %+v after %v, want a peak above the 64 MiB cap, reached quickly", capErr, time.Since(start))
	}
	if !strings.HasPrefix(err.Error(), "did not complete under 64.0 MiB: stopped at ") {
		t.Errorf("message %q", err)
	}
	var o outcome
	o.Samples = []sample{{Wall: time.Second}}
	o.fail(err)
	if o.ok() || o.Why != err.Error() {
		t.Errorf("outcome after the cap: %+v", o)
	}
	if _, err := runCapped(t.Context(), 1<<20, t.TempDir(), "sh", "-c", "true"); err != nil {
		t.Errorf("a small command under a 1 GiB cap: %v", err)
	}
}

func TestFlatnessRowComparesCostPerArticle(t *testing.T) {
	t.Parallel()
	full := func(cpu time.Duration) outcome { return outcome{Samples: []sample{{Wall: cpu, CPU: cpu}}} }
	results := map[int]*sizeResult{
		500:     {Articles: 500, Full: full(time.Second)}, // below 1,000: not part of the goal
		1000:    {Articles: 1000, Full: full(5 * time.Second)},
		10000:   {Articles: 10000, Full: full(60 * time.Second)},
		100000:  {Articles: 100000, Full: full(700 * time.Second)},
		1000000: {Articles: 1000000, Full: outcome{Why: "did not complete under 12.0 GiB: stopped at 12.1 GiB resident after 5m0s"}},
	}
	var b strings.Builder
	printFlatness(&b, []int{500, 1000, 10000, 100000, 1000000}, results)
	want := "| medkb full build, CPU per article, highest / lowest size | 1.40× (5.00 ms at 1000 (1 build), 6.00 ms at 10000 (1 build), 7.00 ms at 100000 (1 build)) | ≤ 1.30× | 1.08× too high: needs 7 % less |"
	if !strings.Contains(b.String(), want) {
		t.Errorf("flatness:\n%s\nwant %s", b.String(), want)
	}
	// Just over the goal: the distance is not rounded to nothing.
	results[10000].Full = full(65200 * time.Millisecond)
	b.Reset()
	printFlatness(&b, []int{1000, 10000}, results)
	if want := "| 1.30× (5.00 ms at 1000 (1 build), 6.52 ms at 10000 (1 build)) | ≤ 1.30× | 1.003× too high: needs 0.3 % less |"; !strings.Contains(b.String(), want) {
		t.Errorf("flatness just over the goal:\n%s\nwant %s", b.String(), want)
	}
	// A size built more often (-small-runs) gives its median.
	results[1000].Full = outcome{Samples: []sample{{CPU: 9 * time.Second}, {CPU: 4 * time.Second}, {CPU: 5 * time.Second}}}
	b.Reset()
	printFlatness(&b, []int{1000, 10000}, results)
	if want := "(5.00 ms at 1000 (median of 3), 6.52 ms at 10000 (1 build))"; !strings.Contains(b.String(), want) {
		t.Errorf("flatness with three builds at 1,000:\n%s\nwant %s", b.String(), want)
	}
	results[1000].Full = full(5 * time.Second)
	b.Reset()
	printFlatness(&b, []int{500, 1000}, results)
	if !strings.Contains(b.String(), "not measured (needs full builds at two sizes from 1,000 to 100,000; have: 5.00 ms at 1000 (1 build))") {
		t.Errorf("flatness from one size:\n%s", b.String())
	}
}

func TestPhoneTargetsShowPagefindBeside(t *testing.T) {
	t.Parallel()
	r := &sizeResult{Articles: 10000,
		PhoneMedkb: phoneCost{Queries: []phoneQuery{
			{Query: "asthma", Ms: 900, Requests: 5, Rounds: 3, WireBytes: 40 << 10},
			{Query: "heart attack", Ms: 400, Requests: 3, Rounds: 2, WireBytes: 80 << 10},
		}},
		PhonePF: phoneCost{Queries: []phoneQuery{
			{Query: "asthma", Ms: 1200, Requests: 14, Rounds: 4, WireBytes: 200 << 10},
		}},
	}
	var b strings.Builder
	printTargets(&b, r)
	printPhoneSummary(&b, []int{10000}, map[int]*sizeResult{10000: r})
	wantIn(t, "report", b.String(),
		"| first query in Chromium, requests | 5 requests (costliest of 2 queries; Pagefind 14) | ≤ 4 requests | 1.25× too high: needs 20 % less |",
		"| first query in Chromium, dependent rounds | 3 rounds (costliest of 2 queries; Pagefind 4) | ≤ 2 rounds | 1.50× too high: needs 33 % less |",
		"| first query in Chromium, KiB sent (gzip) | 80 KiB (costliest of 2 queries; Pagefind 200) | ≤ 64 KiB | 1.25× too high: needs 20 % less |",
		"| first query on the phone link, time | 0.9 s (costliest of 2 queries; Pagefind 1.2) | ≤ 0.6 s | 1.50× too high: needs 33 % less |",
		// Each column's highest over the queries; time: the median of 900
		// and 400 ms; model: heart attack's, 2 × 150 ms + 80 KiB at 200
		// bytes a millisecond (asthma's: 3 × 150 + 40 KiB, 655 ms).
		"| 10000 | medkb | full medkb build | 5 | 3 | 80.0 | 650 ms (costliest 900) | 710 ms |",
		"| 10000 | Pagefind | Hugo, then pagefind --site public | 14 | 4 | 200.0 | 1200 ms (costliest 1200) | 1624 ms |",
	)
}

// TestMergeFillsWhatThisRunDidNotMeasure writes an earlier run's results
// with -results' writer and merges them as -merge does: this run's own
// figures win, the earlier run fills the sizes and costs this run lacks,
// a failure under the memory cap is carried over as a result, and the
// block names the source of every merged figure.
func TestMergeFillsWhatThisRunDidNotMeasure(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	full := func(cpu time.Duration) outcome {
		return outcome{Samples: []sample{{Wall: cpu, CPU: cpu, MaxRSSKB: 1 << 20, Files: 7}}}
	}
	phone := phoneCost{Queries: []phoneQuery{{Query: "asthma", Ms: 500, Requests: 4, Rounds: 2, WireBytes: 30 << 10, Results: 10}}}
	capped := "did not complete under 12.0 GiB: stopped at 12.0 GiB resident after 9m0s"
	earlier := map[int]*sizeResult{
		1000:    {Articles: 1000, Full: full(9 * time.Second), PhoneMedkb: phone, Floor: outcome{Why: "not run: -search-only"}},
		100000:  {Articles: 100000, Full: full(400 * time.Second), Hugo: outcome{Why: "not run: medkb alone from 100000 articles (-alone)"}},
		1000000: {Articles: 1000000, Full: outcome{Why: capped}},
	}
	name := filepath.Join(dir, "large.json")
	if err := writeResults(name, 1, earlier); err != nil {
		t.Fatal(err)
	}
	runs, err := readEarlier([]string{name})
	if err != nil {
		t.Fatal(err)
	}
	this := map[int]*sizeResult{1000: {Articles: 1000, Full: full(5 * time.Second), Floor: full(time.Second), PhoneMedkb: phoneCost{Why: "not measured: chromium not installed"}},
		// A -reuse run: its placeholders give way to the earlier run's
		// figures and reasons alike.
		100000: {Articles: 100000, Full: outcome{Why: "not run: -reuse (the first query measured on …)"}, Hugo: outcome{Why: "not run: -reuse (…)"}, PhoneMedkb: phone}}
	all := withEarlier(this, runs)
	if got := all[1000].Full.median().CPU; got != 5*time.Second {
		t.Errorf("1000 full build CPU = %v, want this run's 5s", got)
	}
	if !all[1000].Floor.ok() || !all[1000].PhoneMedkb.ok() {
		t.Errorf("1000: floor %+v, phone %+v; want this run's floor and the earlier phone figures", all[1000].Floor, all[1000].PhoneMedkb)
	}
	if this[1000].PhoneMedkb.ok() || len(this[1000].Merged) > 0 {
		t.Error("withEarlier changed this run's results")
	}
	var b strings.Builder
	printSummary(&b, thisMachine(), 3, all)
	wantIn(t, "summary", b.String(),
		"Medians of 3 runs, all in one bench run, except the figures of saved runs named below the tables.",
		"| 100000 | medkb build (full) | 400.00 s | 400.00 s | 1.0 GiB | 7 |",
		"| 1000000 | medkb build (full) | "+capped+" | – | – | – |",
		"| 100000 | Hugo | not run: medkb alone from 100000 articles (-alone) |",
		"| 1000 | floor (read, goldmark, write) | 1.00 s |", // this run's; the earlier run's "not run" is no measurement
		"- 1000 articles, medkb first query (phone link): from large.json (a separate run on ",
		"- 100000 articles, medkb build (full), Hugo: from large.json",
		"- 1000000 articles, all figures: from large.json",
		"(5.00 ms at 1000 (1 build), 4.00 ms at 100000 (1 build, another run))",
	)
	os.WriteFile(filepath.Join(dir, "bad.json"), []byte("| a table |"), 0o644)
	if _, err := readEarlier([]string{filepath.Join(dir, "bad.json")}); err == nil || !strings.Contains(err.Error(), "bad.json is not a -results file") {
		t.Errorf("bad file: %v", err)
	}
}

// TestMergeSearchReplacesOnlyTheSearchFigures: the first query figures of
// a file merged as FILE:search replace an earlier bench run's (not this
// run's), and its own builds are not taken.
func TestMergeSearchReplacesOnlyTheSearchFigures(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	build := func(cpu time.Duration) outcome {
		return outcome{Samples: []sample{{Wall: cpu, CPU: cpu, MaxRSSKB: 1 << 20, Files: 7}}}
	}
	phone := func(ms float64) phoneCost {
		return phoneCost{Queries: []phoneQuery{{Query: "asthma", Ms: ms, Requests: 1, Rounds: 1, WireBytes: 9 << 10, Results: 10}}}
	}
	bench := map[int]*sizeResult{10000: {Articles: 10000, Full: build(30 * time.Second), PhoneMedkb: phone(700)}}
	later := map[int]*sizeResult{
		10000:  {Articles: 10000, Full: build(60 * time.Second), Hugo: build(50 * time.Second), PhoneMedkb: phone(400)},
		100000: {Articles: 100000, Full: build(600 * time.Second), PhoneMedkb: phone(500)},
	}
	later[10000].IndexBy = indexBySearchOnly
	benchFile, laterFile := filepath.Join(dir, "bench.json"), filepath.Join(dir, "first-query.json")
	if writeResults(benchFile, 3, bench) != nil || writeResults(laterFile, 1, later) != nil {
		t.Fatal("writing the results files")
	}
	runs, err := readEarlier([]string{benchFile, laterFile + ":search"})
	if err != nil {
		t.Fatal(err)
	}
	mine := withEarlier(map[int]*sizeResult{10000: {Articles: 10000, PhoneMedkb: phone(300)}}, runs)
	if ms := mine[10000].PhoneMedkb.Queries[0].Ms; ms != 300 || mine[10000].Full.median().CPU != 30*time.Second {
		t.Errorf("this run's phone figure became %v ms; want its own 300, and the bench file's build", ms)
	}
	all := withEarlier(map[int]*sizeResult{}, runs)
	got := all[10000]
	if got.IndexBy != indexBySearchOnly {
		t.Errorf("10000: the phone figures' index is said to be made by %q; their file says %q", got.IndexBy, indexBySearchOnly)
	}
	if got.PhoneMedkb.Queries[0].Ms != 400 || got.Full.median().CPU != 30*time.Second || got.Hugo.ok() {
		t.Errorf("10000: phone %v ms, full build %v, Hugo %+v; want the later phone figures and the bench's builds only",
			got.PhoneMedkb.Queries[0].Ms, got.Full.median().CPU, got.Hugo)
	}
	if all[100000] != nil {
		t.Error("a size only the search run has was added; its builds are not the bench's")
	}
	if !slices.ContainsFunc(got.Merged, func(m string) bool {
		return strings.HasPrefix(m, "medkb first query (phone link): from first-query.json")
	}) {
		t.Errorf("merged %q, want the phone figures named with their file", got.Merged)
	}
	// Without :search the file only fills what is missing.
	runs, err = readEarlier([]string{benchFile, laterFile})
	if err != nil {
		t.Fatal(err)
	}
	if got := withEarlier(map[int]*sizeResult{}, runs); got[10000].PhoneMedkb.Queries[0].Ms != 700 || !got[10000].Hugo.ok() {
		t.Errorf("without :search: %+v", got[10000])
	}
}

// TestSearchOnlySizeMeasuresTheBuiltIndex runs a -search-only -index-only
// size end to end on a small generated corpus with the real searchonly
// program, search.js under Node and in Chromium on the phone link. Chromium
// must see exactly what Node counted, requests and rounds, whatever the
// index format.
func TestSearchOnlySizeMeasuresTheBuiltIndex(t *testing.T) {
	work := t.TempDir()
	t.Chdir(filepath.Join("..", ".."))
	ctx := t.Context()
	tl := tools{SearchOnly: findSearchOnly(ctx, work), Node: findOnPath(ctx, "node", nil), Chromium: findChromium(ctx),
		Medkb: tool{Name: "medkb", Why: "must not run"}}
	if !tl.SearchOnly.ok() || !tl.Node.ok() || !tl.Chromium.ok() {
		t.Fatalf("tools: %+v (run internal/e2e/install.sh)", tl)
	}
	cfg := config{runs: 1, work: work, seed: 1, searchOnly: true, indexOnly: true, pagefindUpTo: 0, memCapGiB: 4, phoneRounds: 1}
	r, err := benchSearchSize(ctx, cfg, tl, 40, timedLog{t, time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if !r.IndexOnly.ok() || r.IndexOnly.median().IndexBytes == 0 {
		t.Fatalf("searchonly: %+v", r.IndexOnly)
	}
	if r.SearchMedkb.Why != "" || !r.PhoneMedkb.ok() {
		t.Fatalf("Node: %q; phone link: %q", r.SearchMedkb.Why, r.PhoneMedkb.Why)
	}
	for i, q := range r.PhoneMedkb.Queries {
		node := r.SearchMedkb.Queries[i].Cold
		if q.Requests != node.Requests || q.Rounds != node.Rounds || q.Protocol != "HTTP/2.0" || q.Results != node.Results {
			t.Errorf("%q: Chromium %d requests in %d rounds over %q, %d results; Node %d in %d, %d results",
				q.Query, q.Requests, q.Rounds, q.Protocol, q.Results, node.Requests, node.Rounds, node.Results)
		}
		// The same files, gzip-compressed by Go's compress/gzip and by
		// Node's zlib at level 6: within 1 % of each other.
		if d := math.Abs(float64(q.WireBytes-node.GzipBytes)) / float64(node.GzipBytes); d > 0.01 || q.WireBytes == 0 {
			t.Errorf("%q: %d bytes sent, %.1f %% off the %d gzip bytes of the files Node counted", q.Query, q.WireBytes, 100*d, node.GzipBytes)
		}
	}
	want := "not run: -search-only builds Hugo + Pagefind up to 0 articles (-pagefind-up-to)"
	if r.Hugo.Why != want || r.PhonePF.Why != "pagefind "+want {
		t.Errorf("Hugo: %q; Pagefind on the phone link: %q", r.Hugo.Why, r.PhonePF.Why)
	}
	if r.Full.ok() || !strings.HasPrefix(r.Full.Why, "not run: -index-only") {
		t.Errorf("full build: %+v", r.Full)
	}
	if r.IndexBy != indexBySearchOnly {
		t.Errorf("the index is said to be made by %q; want %q", r.IndexBy, indexBySearchOnly)
	}

	// -reuse measures the same site again and builds nothing (under Node
	// only here: the browser's counts equal Node's, checked above).
	cfg.reuse = true
	tl.Chromium = tool{Name: "chromium"}
	again, err := benchSearchSize(ctx, cfg, tl, 40, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if again.SearchMedkb.Why != "" || again.IndexOnly.ok() || again.Full.ok() || !strings.HasPrefix(again.IndexOnly.Why, "not run: -reuse") {
		t.Fatalf("-reuse: Node %q, searchonly %+v, full %+v", again.SearchMedkb.Why, again.IndexOnly, again.Full)
	}
	if again.IndexBy != indexBySearchOnly {
		t.Errorf("-reuse says the index was made by %q; the run that made it said %q", again.IndexBy, indexBySearchOnly)
	}
	for i, q := range again.SearchMedkb.Queries {
		if was := r.SearchMedkb.Queries[i].Cold; q.Cold.Requests != was.Requests || q.Cold.Rounds != was.Rounds || q.Cold.Bytes != was.Bytes {
			t.Errorf("-reuse %q: %+v; the first run %+v", q.Query, q.Cold, was)
		}
	}
	if _, err := benchSearchSize(ctx, config{work: t.TempDir(), searchOnly: true, reuse: true}, tl, 40, io.Discard); err == nil {
		t.Error("-reuse of an empty work folder succeeded")
	}
}

type timedLog struct {
	t     *testing.T
	start time.Time
}

func (l timedLog) Write(p []byte) (int, error) {
	l.t.Logf("%v %s", time.Since(l.start).Round(time.Millisecond), p)
	return len(p), nil
}

func TestCheckDiskRefusesASizeThatWouldFillTheDisk(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	free, ok := diskFree(dir)
	if !ok || free <= 0 {
		t.Fatalf("diskFree(%s) = %d, %v", dir, free, ok)
	}
	if err := checkDisk(dir, 10, true, 3); err != nil {
		t.Errorf("10 articles: %v", err)
	}
	// Runs after the first keep their predecessor's output aside. The
	// boundary is pinned on a fixed free size: the disk's own free space
	// moves while the package's other tests write and delete (CI once
	// failed here when it grew between two calls).
	const disk = 100 << 30
	three := int(disk/(diskPerArticle+2*outputPerArticle)) + 1
	if fitDisk(dir, disk, three, false, 1) != nil || fitDisk(dir, disk, three, false, 3) == nil {
		t.Errorf("%d articles: fit once (%v), not three times (%v)", three, fitDisk(dir, disk, three, false, 1), fitDisk(dir, disk, three, false, 3))
	}
	if fitDisk(dir, disk, three-1, false, 3) != nil {
		t.Errorf("%d articles do not fit three times in %d bytes", three-1, int64(disk))
	}
	// A size twice the disk's free space fails on the real disk however
	// much the other tests free meanwhile.
	huge := int(2*free/diskPerArticle) + 1
	err := checkDisk(dir, huge, false, 1)
	if err == nil || !strings.HasPrefix(err.Error(), "not run: needs about ") || !strings.Contains(err.Error(), dir) {
		t.Fatalf("%d articles: %v, want a not-run error naming the folder", huge, err)
	}
	r := notRun(huge, err.Error())
	var b strings.Builder
	printSummary(&b, thisMachine(), 1, map[int]*sizeResult{huge: r})
	if !strings.Contains(b.String(), fmt.Sprintf("| %d | medkb build (full) | not run: needs about ", huge)) {
		t.Errorf("summary:\n%s", b.String())
	}
}

// TestServeOnlySizeTimesTheReloadEvent runs -serve-only at a tiny size
// with the real medkb serve: a warm-up save and the timed saves each end
// at a real "event: reload", the article is restored, nothing else runs,
// and the row survives -results and -merge into the README block.
func TestServeOnlySizeTimesTheReloadEvent(t *testing.T) {
	work := t.TempDir()
	t.Chdir(filepath.Join("..", ".."))
	medkb := findMedkb(t.Context(), "", work)
	if !medkb.ok() {
		t.Fatalf("findMedkb: %s", medkb.Why)
	}
	hugo := filepath.Join(work, "hugo")
	os.WriteFile(hugo, []byte("#!/bin/sh\ntouch "+filepath.Join(work, "hugo-ran")+"\n"), 0o755)
	tl := tools{Medkb: medkb, Hugo: tool{Name: "hugo", Path: hugo}, Floor: tool{Name: "floor", Path: hugo}}
	cfg := config{sizes: []int{20}, runs: 1, work: work, seed: 1, serveOnly: true, serveSaves: 3, keepWork: true}
	r, err := benchServeSize(t.Context(), cfg, tl, 20, timedLog{t, time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Reload.ok() || len(r.Reload.Samples) != 3 || r.Reload.Warmup <= 0 {
		t.Fatalf("reload: %+v", r.Reload)
	}
	for _, d := range r.Reload.Samples {
		// medkb serve's debounce alone is longer than a millisecond.
		if d < time.Millisecond {
			t.Errorf("sample %v: shorter than the server's debounce", d)
		}
	}
	if r.Full.ok() || r.Full.Why != "not run: -serve-only" || r.Hugo.Why != "not run: -serve-only" {
		t.Errorf("other steps: full %+v, Hugo %+v", r.Full, r.Hugo)
	}
	if _, err := os.Stat(filepath.Join(work, "hugo-ran")); err == nil {
		t.Error("Hugo or the floor ran under -serve-only")
	}
	article, err := firstArticle(r.MedkbDir)
	if err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(article); strings.Contains(string(data), "Edited by medkb-bench") {
		t.Error("the saved article was not restored")
	}

	saved := filepath.Join(work, "serve.json")
	if err := writeResults(saved, 1, map[int]*sizeResult{20: r}); err != nil {
		t.Fatal(err)
	}
	earlier, err := readEarlier([]string{saved})
	if err != nil {
		t.Fatal(err)
	}
	merged := withEarlier(map[int]*sizeResult{}, earlier)
	var b strings.Builder
	printSummary(&b, thisMachine(), 1, merged)
	c := r.Reload
	row := fmt.Sprintf("| 20 | %s | %s | %s | 3 |", msStr(median(c.Samples)), msStr(c.p90()), msStr(c.Warmup))
	if !strings.Contains(b.String(), row) || !strings.Contains(b.String(), "/__medkb/events") {
		t.Errorf("summary lacks the reload row %q:\n%s", row, b.String())
	}
}

func TestReloadP90IsTheNearestRank(t *testing.T) {
	t.Parallel()
	ms := func(xs ...int) reloadCost {
		var c reloadCost
		for _, x := range xs {
			c.Samples = append(c.Samples, time.Duration(x)*time.Millisecond)
		}
		return c
	}
	for _, tt := range []struct {
		c    reloadCost
		want time.Duration
	}{
		{ms(7), 7 * time.Millisecond},
		{ms(10, 1, 9, 2, 8, 3, 7, 4, 6, 5), 9 * time.Millisecond},
		{ms(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1), 14 * time.Millisecond},
	} {
		if got := tt.c.p90(); got != tt.want {
			t.Errorf("p90 of %v = %v, want %v", tt.c.Samples, got, tt.want)
		}
	}
	var b strings.Builder
	printReload(&b, []int{5, 6}, map[int]*sizeResult{5: {Reload: reloadCost{Why: "not run: -search-only"}}, 6: {Reload: reloadCost{Why: "failed: no reload"}}})
	if strings.Contains(b.String(), "| 5 |") || !strings.Contains(b.String(), "| 6 | failed: no reload |") {
		t.Errorf("reload rows: a skipped size shows, or a failed one does not:\n%s", b.String())
	}
}

// TestReadEventsTakesLongLines: a dev server's "warnings" event is one
// data line that grows with the site (68 KiB for a 10,000-article one); an
// event after it still arrives, and the stream's end closes the channel.
func TestReadEventsTakesLongLines(t *testing.T) {
	stream := "retry: 500\n\nevent: warnings\ndata: {\"w\":\"" + strings.Repeat("x", 200<<10) + "\"}\n\nevent: reload\ndata: {}\n\n"
	events := make(chan string, 8)
	readEvents(context.Background(), strings.NewReader(stream), events)
	var got []string
	for name := range events {
		got = append(got, name)
	}
	if want := []string{"warnings", "reload"}; !slices.Equal(got, want) {
		t.Fatalf("events = %q, want %q", got, want)
	}
}

// TestMemoryBudgetGoesIntoTheCorpusAndTheRow: -memory-mb writes
// build.memory_mb into the medkb corpus, where medkb's own configuration
// reads it, and the full-build row names it (also once merged: the
// budget travels with the row).
func TestMemoryBudgetGoesIntoTheCorpusAndTheRow(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "medkb")
	cfg := config{memoryMB: 1400}
	if _, err := cfg.writeMedkb(dir, benchgen.Options{Articles: 3, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	site, err := medkbconfig.Load(dir)
	if err != nil {
		t.Fatalf("medkb cannot read the corpus's configuration: %v", err)
	}
	if got := site.MemoryBudget(3); got != 1400<<20 {
		t.Errorf("budget %d MiB, want 1400", got>>20)
	}
	r := &sizeResult{Articles: 3, Full: outcome{Samples: []sample{{Wall: time.Second, CPU: time.Second, MaxRSSKB: 1 << 20, Files: 9}}, MemoryMB: 1400}}
	this := map[int]*sizeResult{3: {Articles: 3, Full: outcome{Why: "not run: -search-only"}}}
	merged := withEarlier(this, []earlierRun{{Source: "earlier.json", Sizes: map[int]*sizeResult{3: r}}})
	var b strings.Builder
	printSummary(&b, thisMachine(), 1, merged)
	if !strings.Contains(b.String(), "| 3 | medkb build (full, build.memory_mb: 1400) | 1.00 s |") {
		t.Errorf("no row naming the budget in:\n%s", b.String())
	}
}

// TestSettleWaitsOutRecentDeletions: after removeTree, settle sleeps until
// the wait has passed since the deletion, and not at all once it has.
func TestSettleWaitsOutRecentDeletions(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "tree")
	if err := os.MkdirAll(filepath.Join(dir, "a", "b"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := removeTree(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("removeTree left %s: %v", dir, err)
	}
	var log strings.Builder
	start := time.Now()
	settle(&log, 300*time.Millisecond)
	if waited := time.Since(start); waited < 200*time.Millisecond {
		t.Errorf("settle returned after %v, want it to wait out the 300 ms since the deletion", waited)
	}
	if !strings.Contains(log.String(), "recently deleted") {
		t.Errorf("settle said %q", log.String())
	}
	log.Reset()
	settle(&log, 300*time.Millisecond)
	if log.Len() != 0 {
		t.Errorf("settle after the wait had passed said %q", log.String())
	}
}

// TestNothingIsDeletedWhileTheBenchMeasures: a size's folder left by an
// earlier bench, and each finished size, go into the work folder's trash;
// makeRoom deletes that trash only when the next size does not fit beside
// it, and finish deletes every trash at the end. Not parallel: it sets
// where deletions are recorded for other bench processes.
func TestNothingIsDeletedWhileTheBenchMeasures(t *testing.T) {
	work := t.TempDir()
	mark := filepath.Join(t.TempDir(), "freed")
	freed.Lock()
	was := freed.mark
	freed.mark = mark
	freed.Unlock()
	t.Cleanup(func() {
		freed.Lock()
		freed.mark = was
		freed.Unlock()
	})
	size := filepath.Join(work, "n3")
	page := filepath.Join(size, "medkb", "public", "index.html")
	if err := os.MkdirAll(filepath.Dir(page), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(page, []byte("earlier bench"), 0o644)
	before, err := os.Stat(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := discard(work, size); err != nil {
		t.Fatal(err)
	}
	aside, _ := filepath.Glob(filepath.Join(work, trashDir, "n3-*", "n3", "medkb", "public", "index.html"))
	if _, err := os.Stat(size); !errors.Is(err, fs.ErrNotExist) || len(aside) != 1 {
		t.Fatalf("after discard: the size's folder %v, in the trash %v", err, aside)
	}
	if moved, err := os.Stat(aside[0]); err != nil || !os.SameFile(before, moved) {
		t.Errorf("the trash holds %v (%v), want the earlier file itself", aside[0], err)
	}

	var log strings.Builder
	asked := 0
	fits := func() error { asked++; return nil }
	if err := makeRoom(work, fits, &log); err != nil || asked != 1 || log.Len() != 0 {
		t.Fatalf("makeRoom with room: %v, asked %d times, said %q", err, asked, log.String())
	}
	if _, err := os.Stat(aside[0]); err != nil {
		t.Errorf("makeRoom with room deleted the trash: %v", err)
	}
	if _, err := os.Stat(mark); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a deletion was recorded before any: %v", err)
	}

	full := errors.New("not run: needs about 9 GB")
	asked = 0
	kept := filepath.Join(work, "n10", trashDir, "public-1") // a size kept in place (the dev server's)
	os.MkdirAll(kept, 0o755)
	tight := func() error {
		asked++
		if trashes, _ := trashFolders(work); len(trashes) > 0 {
			return full
		}
		return nil
	}
	start := time.Now()
	if err := makeRoom(work, tight, &log); err != nil || asked != 2 {
		t.Fatalf("makeRoom without room: %v, asked %d times", err, asked)
	}
	for _, gone := range []string{filepath.Join(work, trashDir), filepath.Dir(kept)} {
		if _, err := os.Stat(gone); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("makeRoom without room kept %s: %v", gone, err)
		}
	}
	if !strings.Contains(log.String(), "to make room (not run: needs about 9 GB)") {
		t.Errorf("makeRoom said %q", log.String())
	}
	// Another bench process reads the deletion from the mark's time.
	fi, err := os.Stat(mark)
	if err != nil {
		t.Fatalf("the deletion was not recorded for other benches: %v", err)
	}
	if fi.ModTime().Before(start.Add(-time.Second)) {
		t.Errorf("the mark's time %v is before the deletion at %v", fi.ModTime(), start)
	}
	freed.Lock()
	freed.at = time.Time{} // as in a bench process that deleted nothing
	freed.Unlock()
	if at := lastFreed(); !at.Equal(fi.ModTime()) {
		t.Errorf("lastFreed = %v, want the mark's %v", at, fi.ModTime())
	}
	if err := makeRoom(work, func() error { return full }, &log); err != full {
		t.Errorf("makeRoom with no trash and no room = %v, want the size's error", err)
	}

	// finish deletes the work folder's trash and each size's, nothing else.
	os.MkdirAll(filepath.Join(work, "n3", trashDir, "public-1"), 0o755)
	os.MkdirAll(filepath.Join(work, trashDir, "n10-1"), 0o755)
	os.MkdirAll(filepath.Join(work, "n3", "medkb", "content"), 0o755)
	if err := finish(work); err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{filepath.Join(work, "n3", trashDir), filepath.Join(work, trashDir)} {
		if _, err := os.Stat(gone); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("after finish %s: %v", gone, err)
		}
	}
	if _, err := os.Stat(filepath.Join(work, "n3", "medkb", "content")); err != nil {
		t.Errorf("finish deleted a size's corpus: %v", err)
	}
}

// Not parallel: it changes the working folder. removeTree deletes only
// absolute paths: a size that did not run has no corpus folder, and the
// folder of "" is the one the bench runs in, the repository.
func TestRemoveTreeRefusesRelativePaths(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.MkdirAll(filepath.Join("work", "kept"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"", ".", "work", filepath.Dir("")} {
		if err := removeTree(dir); err == nil || !strings.Contains(err.Error(), "not an absolute path") {
			t.Errorf("removeTree(%q) = %v; want a refusal", dir, err)
		}
	}
	if _, err := os.Stat(filepath.Join("work", "kept")); err != nil {
		t.Errorf("a relative folder was deleted: %v", err)
	}
	abs, err := filepath.Abs("work")
	if err != nil {
		t.Fatal(err)
	}
	if err := removeTree(abs); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(abs); !os.IsNotExist(err) {
		t.Errorf("%s is still there (%v)", abs, err)
	}
}
