package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// The modelled phone link of issue #20's first-query target: 150 ms round
// trip, 1.6 Mbit/s, HTTP/2. The loopback server that serves the site to
// Chromium is the link (phoneServer): it speaks HTTP/2 over TLS, gzips
// text as a static host does, answers each request one round trip after
// it arrived and sends all response bodies through one shared 1.6 Mbit/s
// pipe. It also counts what it served. Chromium's own emulation (DevTools
// Network.emulateNetworkConditions) was the first choice, but neither it
// nor DevTools' network events see the requests of a Web Worker, where
// Pagefind 1.6 fetches its index.
const (
	phoneRTT         = 150 * time.Millisecond
	phoneBytesPerSec = 1_600_000 / 8
	// phoneRounds is how many fresh pages time each query on the phone
	// link; the tables show medians.
	phoneRounds = 3
	// phoneChunk is the unit the link sends at a time: small enough that
	// responses in flight share the pipe fairly.
	phoneChunk = 1024
)

// phoneModelMs is the stated model of a query's time on the phone link:
// one round trip per dependent round of requests, plus every byte at the
// link's rate (no slow start, no connection set-up: the page that runs the
// query already has its connection).
func phoneModelMs(rounds int, bytes int64) float64 {
	return float64(rounds)*float64(phoneRTT.Milliseconds()) + 1000*float64(bytes)/phoneBytesPerSec
}

// phoneQuery is what one cold query cost in Chromium on the phone link:
// everything the page fetched from the query to its results, in a page
// that has loaded the search module and nothing else.
type phoneQuery struct {
	Query     string
	Ms        float64 // measured in the page with performance.now(), median of phoneRounds
	Requests  int
	Rounds    int   // dependent rounds (see netRounds)
	WireBytes int64 // response bodies sent, gzip-compressed where the server compresses
	Results   int
	Top       string
	Protocol  string // of the requests, "HTTP/2.0" when HTTP/2 carried them all
	// ModuleBytes is what loading the search module cost before the
	// query (the module, what it imports and what it fetches on import).
	ModuleBytes int64
}

// importScript is the expression that loads the search module into the
// page, as a site's page does before a reader types; for a tapped site
// (searchSite.Tapped) it then calls the engine's load-ahead function.
func importScript(s searchSite) string {
	if !s.Tapped {
		return fmt.Sprintf("import(%q).then(() => true)", s.Module)
	}
	ahead := "warm"
	if s.Engine == "pagefind" {
		ahead = "init"
	}
	return fmt.Sprintf("import(%q).then((m) => m.%s()).then(() => true)", s.Module, ahead)
}

// ModelMs is the model's time for the requests the page made.
func (q phoneQuery) ModelMs() float64 { return phoneModelMs(q.Rounds, q.WireBytes) }

// phoneCost is the outcome for one engine on one site.
type phoneCost struct {
	Why     string // non-empty: not measured, and why
	Queries []phoneQuery
}

func (pc phoneCost) ok() bool { return pc.Why == "" && len(pc.Queries) > 0 }

// worst returns the highest value of f over the queries.
func (pc phoneCost) worst(f func(phoneQuery) float64) float64 {
	w := 0.0
	for _, q := range pc.Queries {
		w = max(w, f(q))
	}
	return w
}

// netRequest is one request the page made, as the server saw it: times in
// seconds on the server's clock.
type netRequest struct {
	URL        string
	Sent, Done float64 // arrival, and the response's last byte sent (0 while it is being sent)
	Failed     bool    // not found
	Bytes      int64
	Protocol   string
}

// netRounds returns the number of dependent rounds of reqs: a request is
// one round after the latest round among the requests that had been
// answered when it arrived (round 1 when none had). searchcost.mjs counts
// the same way under Node. On the modelled link a response takes at least
// a round trip, so requests sent side by side arrive long before any of
// them is answered and share a round.
func netRounds(reqs []netRequest) int {
	s := slices.Clone(reqs)
	slices.SortStableFunc(s, func(a, b netRequest) int {
		switch {
		case a.Sent < b.Sent:
			return -1
		case a.Sent > b.Sent:
			return 1
		}
		return 0
	})
	round := make([]int, len(s))
	most := 0
	for i := range s {
		round[i] = 1
		for j := range i {
			if s[j].Done > 0 && s[j].Done <= s[i].Sent {
				round[i] = max(round[i], round[j]+1)
			}
		}
		most = max(most, round[i])
	}
	return most
}

// measurePhone times benchQueries cold on the phone link for each site in
// one headless Chromium, each query in rounds fresh pages (the bench uses
// phoneRounds). The result has one phoneCost per site, in order.
func measurePhone(ctx context.Context, chromium tool, rounds int, sites ...searchSite) []phoneCost {
	return eachSiteInChromium(ctx, chromium, sites, func(why string) phoneCost { return phoneCost{Why: why} },
		func(browser context.Context, s searchSite) phoneCost { return phoneSite(browser, s, rounds) })
}

// phoneSite serves the site over the modelled link and runs every query
// cold, rounds times, each in a fresh browser context.
func phoneSite(browser context.Context, s searchSite, rounds int) phoneCost {
	srv := newPhoneServer(s.Public)
	defer srv.Close()
	pc := phoneCost{Queries: make([]phoneQuery, len(benchQueries))}
	for i, q := range benchQueries {
		var ms []float64
		for range rounds {
			pq, err := phoneQueryOnce(browser, srv, s, q)
			if err != nil {
				return phoneCost{Why: "failed: " + failure(err)}
			}
			if pq.Results == 0 && q == sanityQuery {
				return phoneCost{Why: fmt.Sprintf("failed: no results for %q, the site or its index is broken", q)}
			}
			if pq.Requests > 0 && pq.Protocol != "HTTP/2.0" { // a query after a tap may need no request
				return phoneCost{Why: fmt.Sprintf("failed: %q was carried by %q, not HTTP/2", q, pq.Protocol)}
			}
			if len(ms) == 0 {
				pc.Queries[i] = pq
			}
			ms = append(ms, pq.Ms)
		}
		pc.Queries[i].Ms = median(ms)
	}
	return pc
}

// phoneQueryOnce runs q in a fresh browser context (empty cache) and
// returns its time and what the server served for it.
func phoneQueryOnce(browser context.Context, srv *phoneServer, s searchSite, q string) (phoneQuery, error) {
	ctx, cancel := context.WithTimeout(browser, perQuery)
	defer cancel()
	tab, cancelTab, err := openBlank(ctx, srv.URL)
	if err != nil {
		return phoneQuery{}, err
	}
	defer cancelTab()
	// DevTools' network events are not needed: the server counts.
	if _, err := chromedp.Call(tab, network.Disable, cdp.Empty{}); err != nil {
		return phoneQuery{}, err
	}
	// The page loads the search module first, as a site's search box
	// does (medkb's search-ui.js imports search.js, which carries the
	// manifest, on a tap, and the search page as it opens); what it
	// fetches from then on is the query's.
	srv.reset()
	if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](importScript(s), chromedp.EvalAwaitPromise)); err != nil {
		return phoneQuery{}, fmt.Errorf("importing %s: %w", s.Module, err)
	}
	// A load-ahead function may return before it has fetched (Pagefind's
	// init() starts a Web Worker that loads the index): a tapped page waits
	// for its requests to stop, as a reader's typing would.
	modReqs, err := srv.settled(5 * time.Second)
	if s.Tapped {
		modReqs, err = srv.quiet(tapQuiet, 10*time.Second)
	}
	if err != nil {
		return phoneQuery{}, err
	}
	var pq phoneQuery
	for _, req := range modReqs {
		pq.ModuleBytes += req.Bytes
	}
	srv.reset()
	r, err := runQuery(tab, s, q)
	if err != nil {
		return phoneQuery{}, err
	}
	reqs, err := srv.settled(5 * time.Second)
	if err != nil {
		return phoneQuery{}, err
	}
	pq.Query, pq.Ms, pq.Requests, pq.Rounds, pq.Results, pq.Top = q, r.Ms, len(reqs), netRounds(reqs), r.Results, r.Top
	var protocols []string
	for _, req := range reqs {
		if req.Failed {
			return phoneQuery{}, fmt.Errorf("%q: %s was not found", q, req.URL)
		}
		pq.WireBytes += req.Bytes
		if !slices.Contains(protocols, req.Protocol) {
			protocols = append(protocols, req.Protocol)
		}
	}
	slices.Sort(protocols)
	pq.Protocol = strings.Join(protocols, ", ")
	return pq, nil
}

// phoneServer serves a site folder over HTTP/2 (TLS with httptest's
// self-signed certificate, which the bench's Chromium accepts on loopback)
// through the modelled phone link, and records every request but the
// blank page's. Text files are gzip-compressed (level 6, as gzipStats
// counts) for clients that accept it, as a static host or CDN does;
// Pagefind's index files are compressed already and go as they are.
type phoneServer struct {
	URL string
	dir string
	srv *httptest.Server

	mu       sync.Mutex
	start    time.Time // the server's clock origin, for netRequest times
	reqs     []*netRequest
	linkFree time.Time // when the pipe has sent everything queued so far
	resetAt  float64   // when reset last ran, on the netRequest clock
	gz       map[string][]byte
}

func newPhoneServer(dir string) *phoneServer {
	p := &phoneServer{dir: dir, start: time.Now(), gz: map[string][]byte{}}
	p.srv = httptest.NewUnstartedServer(http.HandlerFunc(p.serve))
	p.srv.EnableHTTP2 = true
	p.srv.StartTLS()
	p.URL = p.srv.URL
	return p
}

func (p *phoneServer) Close() { p.srv.Close() }

// reset forgets the requests recorded so far.
func (p *phoneServer) reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.reqs = nil
	p.resetAt = time.Since(p.start).Seconds()
}

// settled returns the requests once each has been answered (a response
// can still be in the pipe when the page has its results, if the page did
// not need it), or an error naming one still open after wait.
func (p *phoneServer) settled(wait time.Duration) ([]netRequest, error) {
	deadline := time.Now().Add(wait)
	for {
		p.mu.Lock()
		out := make([]netRequest, len(p.reqs))
		open := ""
		for i, r := range p.reqs {
			out[i] = *r
			if r.Done == 0 {
				open = r.URL
			}
		}
		p.mu.Unlock()
		if open == "" {
			return out, nil
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("%s was not answered within %v of the query", open, wait)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// tapQuiet is how long a tapped page must fetch nothing before its query:
// several round trips of the link, so that a request a load-ahead
// function makes in answer to another has been sent.
const tapQuiet = time.Second

// quiet returns the requests once each has been answered and none has
// arrived or finished for the last d, or an error after wait.
func (p *phoneServer) quiet(d, wait time.Duration) ([]netRequest, error) {
	deadline := time.Now().Add(wait)
	for {
		reqs, err := p.settled(time.Until(deadline))
		if err != nil {
			return nil, err
		}
		p.mu.Lock()
		last := p.resetAt
		p.mu.Unlock()
		for _, r := range reqs {
			last = max(last, r.Sent, r.Done)
		}
		p.mu.Lock()
		since := time.Since(p.start).Seconds() - last
		p.mu.Unlock()
		if since >= d.Seconds() {
			return reqs, nil
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("the page was still fetching %v after the tap", wait)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// compressible are the extensions a static host gzips.
var compressible = []string{".js", ".mjs", ".json", ".html", ".css", ".xml", ".txt", ".svg"}

func (p *phoneServer) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == blankPath {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, blankPage)
		return
	}
	rec := &netRequest{URL: r.URL.Path, Protocol: r.Proto}
	p.mu.Lock()
	rec.Sent = time.Since(p.start).Seconds()
	p.reqs = append(p.reqs, rec)
	p.mu.Unlock()
	arrived := time.Now()

	body, gzipped, err := p.file(r.URL.Path, strings.Contains(r.Header.Get("Accept-Encoding"), "gzip"))
	time.Sleep(time.Until(arrived.Add(phoneRTT)))
	status := http.StatusOK
	if err != nil {
		status, body = http.StatusNotFound, []byte("not found")
	}
	h := w.Header()
	h.Set("Content-Type", orDefault(mime.TypeByExtension(path.Ext(r.URL.Path)), "application/octet-stream"))
	if gzipped {
		h.Set("Content-Encoding", "gzip")
		h.Set("Vary", "Accept-Encoding")
	}
	h.Set("Content-Length", fmt.Sprint(len(body)))
	w.WriteHeader(status)
	flusher, _ := w.(http.Flusher)
	for rest := body; len(rest) > 0; {
		n := min(len(rest), phoneChunk)
		time.Sleep(time.Until(p.reserve(n)))
		if _, err := w.Write(rest[:n]); err != nil {
			break
		}
		if flusher != nil {
			flusher.Flush()
		}
		rest = rest[n:]
	}
	p.mu.Lock()
	rec.Done, rec.Bytes, rec.Failed = time.Since(p.start).Seconds(), int64(len(body)), err != nil
	p.mu.Unlock()
}

// reserve books n bytes on the shared pipe and returns when they will have
// been sent.
func (p *phoneServer) reserve(n int) time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	if now := time.Now(); p.linkFree.Before(now) {
		p.linkFree = now
	}
	p.linkFree = p.linkFree.Add(time.Duration(n) * time.Second / phoneBytesPerSec)
	return p.linkFree
}

// file returns the body for a URL path: the file under dir (index.html for
// a folder), gzip-compressed once and kept when gz is allowed and the file
// is text.
func (p *phoneServer) file(urlPath string, gz bool) (body []byte, gzipped bool, err error) {
	clean := path.Clean("/" + urlPath)
	if strings.HasSuffix(urlPath, "/") {
		clean = path.Join(clean, "index.html")
	}
	name := filepath.Join(p.dir, filepath.FromSlash(clean))
	if !gz || !slices.Contains(compressible, path.Ext(clean)) {
		body, err = os.ReadFile(name)
		return body, false, err
	}
	p.mu.Lock()
	body, ok := p.gz[clean]
	p.mu.Unlock()
	if ok {
		return body, true, nil
	}
	raw, err := os.ReadFile(name)
	if err != nil {
		return nil, false, err
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, 6)
	zw.Write(raw)
	zw.Close()
	p.mu.Lock()
	p.gz[clean] = buf.Bytes()
	p.mu.Unlock()
	return buf.Bytes(), true, nil
}
