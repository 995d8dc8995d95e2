package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// searchSite is one built site whose search module the browser times.
type searchSite struct {
	Engine string // "medkb" or "pagefind": how the page calls the module
	Public string // the site's output folder, served as the web root
	Module string // URL path of the search module, e.g. /search/search.js
	// Tapped: before the query the page calls the module's documented
	// load-ahead function, as its search box does when a reader taps it
	// (medkb's warm(), Pagefind's init()).
	Tapped bool
	Why    string // non-empty: the site was not built, and why
}

// browserQuery is what one query took inside the page.
type browserQuery struct {
	Query  string
	ColdMs float64 // first query in a fresh browser context
	WarmMs float64 // the same query again in the same page
	// SecondMs is this query run in a page that has just answered the
	// previous query of the list: a reader's second, different search,
	// with the module loaded and some but not all of its files cached.
	SecondMs float64
	Results  int
	Top      string
}

// browserCost is the outcome for one engine on one site.
type browserCost struct {
	Why     string // non-empty: not measured, and why
	Queries []browserQuery
}

func (bc browserCost) ok() bool { return bc.Why == "" && len(bc.Queries) > 0 }

// medians are the median cold, warm and second-query times over the
// queries.
func (bc browserCost) medians() (cold, warm, second float64) {
	cs := make([]float64, len(bc.Queries))
	ws := make([]float64, len(bc.Queries))
	ss := make([]float64, len(bc.Queries))
	for i, q := range bc.Queries {
		cs[i], ws[i], ss[i] = q.ColdMs, q.WarmMs, q.SecondMs
	}
	return median(cs), median(ws), median(ss)
}

const (
	// blankPath is the page the queries run in: empty, so that no theme
	// script (a search box that preloads the index, say) skews the cold
	// time. Its name cannot clash with a generated page.
	blankPath = "/__medkb-bench-blank.html"
	blankPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>medkb-bench</title>` +
		`<link rel="icon" href="data:,"></head><body></body></html>`
	// warmRepeats is how often the warm query runs; its time is the median,
	// as one run of a millisecond or less is at the mercy of a GC pause.
	warmRepeats = 3
	// browserRounds is how many fresh pages time each query cold and as a
	// second query; the tables show medians, as one page on a shared
	// machine swings by a third from run to run.
	browserRounds = 3
	// sanityQuery must find something on every generated corpus: an engine
	// that finds nothing for it is broken, and its fast empty answers must
	// not be reported as a speed.
	sanityQuery = "asthma"
	queryLimit  = 10
	perQuery    = time.Minute
)

// findChromium looks for the browser where internal/e2e and the search UI
// test do.
func findChromium(ctx context.Context) tool {
	t := tool{Name: "chromium"}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			t.Path, t.Version = p, chromiumVersion(ctx, p)
			return t
		}
	}
	return t
}

// chromiumVersion reads stdout only: Debian's launcher script can print
// shell warnings on stderr before the version.
func chromiumVersion(ctx context.Context, path string) string {
	out, err := exec.CommandContext(ctx, path, "--version").Output()
	if err != nil {
		return "unknown version"
	}
	return firstLine(string(out), nil)
}

// measureBrowser times benchQueries on each site in one headless Chromium.
// The result has one browserCost per site, in order.
func measureBrowser(ctx context.Context, chromium tool, sites ...searchSite) []browserCost {
	return eachSiteInChromium(ctx, chromium, sites, func(why string) browserCost { return browserCost{Why: why} }, timeSite)
}

// eachSiteInChromium measures each site in one headless Chromium, started
// only when some site was built. A site that was not built, or a Chromium
// that is missing or does not start, gets notMeasured with the reason
// instead. The result has one T per site, in order.
func eachSiteInChromium[T any](ctx context.Context, chromium tool, sites []searchSite, notMeasured func(why string) T, measure func(browser context.Context, s searchSite) T) []T {
	out := make([]T, len(sites))
	if !chromium.ok() {
		for i := range out {
			out[i] = notMeasured("not measured: chromium " + chromium.missing())
		}
		return out
	}
	for i, s := range sites {
		out[i] = notMeasured(s.Why)
	}
	if !slices.ContainsFunc(sites, func(s searchSite) bool { return s.Why == "" }) {
		return out // nothing was built: no need for a browser
	}
	browser, stop, err := startChromium(ctx, chromium.Path)
	defer stop()
	for i, s := range sites {
		switch {
		case s.Why != "":
		case err != nil:
			out[i] = notMeasured("not measured: " + failure(err))
		default:
			out[i] = measure(browser, s)
		}
	}
	return out
}

// startChromium starts a headless Chromium with the flags internal/e2e uses.
// The returned stop func is safe to call when starting failed.
func startChromium(ctx context.Context, exe string) (context.Context, func(), error) {
	// Chromium makes its singleton socket's folder in TMPDIR and, killed
	// rather than closed, leaves it there: give it a folder stop removes.
	tmp, err := os.MkdirTemp("", "medkb-bench-chromium-")
	if err != nil {
		return nil, func() {}, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.Env("TMPDIR="+tmp),
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox, // make bench may run as root, as CI does
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		// Every request to another host goes to a proxy that is not there
		// (port 9, discard), so nothing leaves the machine; Chromium never
		// proxies loopback, where the sites are served.
		chromedp.ProxyServer("http://127.0.0.1:9"),
		// The phone-link timings serve HTTP/2 over TLS on loopback with a
		// self-signed certificate (serveSiteH2).
		chromedp.Flag("ignore-certificate-errors", true),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	browser, cancelBrowser := chromedp.NewContext(allocCtx)
	stop := func() { cancelBrowser(); cancelAlloc(); os.RemoveAll(tmp) }
	if err := chromedp.Do(browser); err != nil {
		return nil, stop, fmt.Errorf("starting %s: %w", exe, err)
	}
	return browser, stop, nil
}

// timeSite serves the site on a loopback port, checks that its module
// contacts no other host, then times every query, each in a fresh browser
// context.
func timeSite(browser context.Context, s searchSite) browserCost {
	srv, err := serveSite(s.Public)
	if err != nil {
		return browserCost{Why: "failed: " + err.Error()}
	}
	defer srv.Close()
	if err := checkHosts(browser, srv.URL, s); err != nil {
		return browserCost{Why: "failed: " + failure(err)}
	}
	n := len(benchQueries)
	bc := browserCost{Queries: make([]browserQuery, n)}
	cold, warm, second := make([][]float64, n), make([][]float64, n), make([][]float64, n)
	for round := range browserRounds {
		for i, q := range benchQueries {
			next := (i + 1) % n
			bq, secondOfNext, err := timeQuery(browser, srv.URL, s, q, benchQueries[next])
			if err != nil {
				return browserCost{Why: "failed: " + failure(err)}
			}
			if bq.Results == 0 && q == sanityQuery {
				return browserCost{Why: fmt.Sprintf("failed: no results for %q, the site or its index is broken", q)}
			}
			if round == 0 {
				bc.Queries[i] = bq
			}
			cold[i] = append(cold[i], bq.ColdMs)
			warm[i] = append(warm[i], bq.WarmMs)
			second[next] = append(second[next], secondOfNext)
		}
	}
	for i := range bc.Queries {
		bc.Queries[i].ColdMs, bc.Queries[i].WarmMs, bc.Queries[i].SecondMs = median(cold[i]), median(warm[i]), median(second[i])
	}
	return bc
}

// loopbackServer serves one site folder on 127.0.0.1.
type loopbackServer struct {
	URL   string // http://127.0.0.1:PORT (https:// for HTTP/2), no trailing slash
	close func()
}

func (s *loopbackServer) Close() { s.close() }

// serveSite serves dir as it is, plus the blank page, the way a static host
// would (without compression: on loopback the bytes cost no time).
func serveSite(dir string) (*loopbackServer, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	files := http.FileServer(http.Dir(dir))
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == blankPath {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, blankPage)
			return
		}
		files.ServeHTTP(w, r)
	})}
	go srv.Serve(ln) // returns ErrServerClosed on Close
	return &loopbackServer{URL: "http://" + ln.Addr().String(), close: func() { srv.Close() }}, nil
}

// openBlank opens the blank page of origin in a new browser context, which
// has its own empty cache and connections. Cancel the returned context to
// close it.
func openBlank(ctx context.Context, origin string, opts ...chromedp.ContextOption) (context.Context, context.CancelFunc, error) {
	tab, cancel := chromedp.NewContext(ctx, append(opts, chromedp.WithNewBrowserContext())...)
	if err := chromedp.Do(tab, chromedp.Navigate(origin+blankPath)); err != nil {
		cancel()
		return nil, nil, err
	}
	return tab, cancel, nil
}

// checkHosts runs every query once, with DevTools watching the requests,
// and fails if the page requested a host other than origin's. The timed
// runs cannot watch: on a 50-article site, DevTools' network events slowed
// medkb's cold queries by a quarter and Pagefind's by a tenth. Any such
// request fails at the absent proxy in both passes, so nothing leaves the
// machine.
func checkHosts(browser context.Context, origin string, s searchSite) error {
	ctx, cancel := context.WithTimeout(browser, perQuery)
	defer cancel()
	hosts := &foreignHosts{origin: origin}
	tab, cancelTab, err := openBlank(ctx, origin, chromedp.WithListener(hosts.note))
	if err != nil {
		return err
	}
	defer cancelTab()
	for _, q := range benchQueries {
		if _, err = runQuery(tab, s, q); err != nil {
			break
		}
	}
	// Report the other host rather than the error its absence caused.
	if h := hosts.list(); len(h) > 0 {
		return fmt.Errorf("%s requested other hosts: %s", s.Module, strings.Join(h, ", "))
	}
	return err
}

// timeQuery runs q once in a fresh browser context (cold: the module's
// import and its first fetches included), then warmRepeats more times in
// the same page (warm), then next once in that page: next's time as a
// second query.
func timeQuery(browser context.Context, origin string, s searchSite, q, next string) (bq browserQuery, secondOfNext float64, err error) {
	ctx, cancel := context.WithTimeout(browser, perQuery)
	defer cancel()
	tab, cancelTab, err := openBlank(ctx, origin)
	if err != nil {
		return browserQuery{}, 0, err
	}
	defer cancelTab()
	// chromedp turns network events on for every tab; see checkHosts.
	if _, err := chromedp.Call(tab, network.Disable, cdp.Empty{}); err != nil {
		return browserQuery{}, 0, err
	}
	cold, err := runQuery(tab, s, q)
	if err != nil {
		return browserQuery{}, 0, err
	}
	warm := make([]float64, warmRepeats)
	for i := range warm {
		r, err := runQuery(tab, s, q)
		if err != nil {
			return browserQuery{}, 0, err
		}
		warm[i] = r.Ms
	}
	second, err := runQuery(tab, s, next)
	if err != nil {
		return browserQuery{}, 0, err
	}
	return browserQuery{Query: q, ColdMs: cold.Ms, WarmMs: median(warm), Results: cold.Results, Top: cold.Top}, second.Ms, nil
}

// runQuery runs q once in the page of tab.
func runQuery(tab context.Context, s searchSite, q string) (pageResult, error) {
	script, err := queryScript(s, q)
	if err != nil {
		return pageResult{}, err
	}
	r, err := chromedp.Run(tab, chromedp.Evaluate[pageResult](script, chromedp.EvalAwaitPromise))
	if err != nil {
		return pageResult{}, fmt.Errorf("%s %q: %w", s.Module, q, err)
	}
	return r, nil
}

// pageResult is what queryScript returns.
type pageResult struct {
	Ms      float64 `json:"ms"`
	Results int     `json:"results"`
	Top     string  `json:"top"`
}

// queryScript is the expression the page evaluates: import the module and
// run one query as a search UI would, timed with performance.now(). For
// Pagefind that includes loading the data of the top results, which a UI
// needs to show them and which medkb's results already carry.
func queryScript(s searchSite, q string) (string, error) {
	args, err := json.Marshal(map[string]any{"engine": s.Engine, "module": s.Module, "query": q, "limit": queryLimit})
	if err != nil {
		return "", err
	}
	return `(async (a) => {
  const start = performance.now();
  const m = await import(a.module);
  let results, top;
  if (a.engine === "pagefind") {
    const s = await m.search(a.query);
    const data = await Promise.all(s.results.slice(0, a.limit).map((r) => r.data()));
    results = data.length;
    top = data[0]?.meta?.title ?? "";
  } else {
    const hits = await m.search(a.query, { limit: a.limit });
    results = hits.length;
    top = hits[0]?.title ?? "";
  }
  return { ms: performance.now() - start, results, top };
})(` + string(args) + `)`, nil
}

// foreignHosts collects the hosts other than origin's that a tab requests.
// Its note method runs on the tab's event goroutine.
type foreignHosts struct {
	origin string
	mu     sync.Mutex
	seen   []string
}

func (f *foreignHosts) note(ev any) {
	e, ok := ev.(*network.EventRequestWillBeSent)
	if !ok || e.Request == nil {
		return
	}
	host := e.Request.URL
	if u, err := url.Parse(host); err == nil {
		if u.Scheme == "data" || u.Scheme+"://"+u.Host == f.origin {
			return // data: is the blank page's empty icon
		}
		host = orDefault(u.Host, host)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if !slices.Contains(f.seen, host) {
		f.seen = append(f.seen, host)
	}
}

func (f *foreignHosts) list() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.seen)
}
