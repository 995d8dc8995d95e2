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

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// The modelled phone link of issue #20's first-query target: 150 ms round
// trip, 1.6 Mbit/s, HTTP/2. Chromium emulates it (DevTools
// Network.emulateNetworkConditionsByRule: every request waits at least
// phoneRTT for its response headers, and all responses share
// phoneBytesPerSec) while a loopback server speaks HTTP/2 over TLS and
// gzips text the way a static host does.
const (
	phoneRTT         = 150 * time.Millisecond
	phoneBytesPerSec = 1_600_000 / 8
	// phoneRounds is how many fresh pages time each query on the phone
	// link; the tables show medians.
	phoneRounds = 3
)

// phoneModelMs is the stated model of a query's time on the phone link:
// one round trip per dependent round of requests, plus every byte at the
// link's rate (no slow start, no connection set-up: the page that runs the
// query already has its connection).
func phoneModelMs(rounds int, bytes int64) float64 {
	return float64(rounds)*float64(phoneRTT.Milliseconds()) + 1000*float64(bytes)/phoneBytesPerSec
}

// phoneQuery is what one cold query cost in Chromium on the phone link:
// everything the page fetched from importing the search module to having
// the results (the module and what it imports included).
type phoneQuery struct {
	Query     string
	Ms        float64 // measured in the page with performance.now(), median of phoneRounds
	Requests  int
	Rounds    int   // dependent rounds (see netRounds)
	WireBytes int64 // bytes received, gzip-compressed where the server compresses, headers and framing included
	Results   int
	Top       string
	Protocol  string // of the responses, "h2" when HTTP/2 carried them all
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

// netRequest is one request the page made, with DevTools' monotonic times
// in seconds.
type netRequest struct {
	URL        string
	Sent, Done float64 // Done: 0 while the response is still arriving
	Failed     bool
	Bytes      int64
	Protocol   string
}

// netRounds returns the number of dependent rounds of reqs: a request is
// one round after the latest round among the requests that had finished
// when it was sent (round 1 when none had). searchcost.mjs counts the same
// way under Node; on a link with a round-trip time, each round costs at
// least one.
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

// netLog records the requests of one tab from DevTools' network events.
// Its note method runs on the tab's event goroutine.
type netLog struct {
	mu   sync.Mutex
	reqs map[network.RequestID]*netRequest
}

func newNetLog() *netLog { return &netLog{reqs: map[network.RequestID]*netRequest{}} }

func (l *netLog) note(ev any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		if e.Request == nil || strings.HasPrefix(e.Request.URL, "data:") {
			return
		}
		l.reqs[e.RequestID] = &netRequest{URL: e.Request.URL, Sent: e.Timestamp.Float64()}
	case *network.EventResponseReceived:
		if r := l.reqs[e.RequestID]; r != nil && e.Response != nil {
			r.Protocol = e.Response.Protocol
		}
	case *network.EventLoadingFinished:
		if r := l.reqs[e.RequestID]; r != nil {
			r.Done, r.Bytes = e.Timestamp.Float64(), int64(e.EncodedDataLength)
		}
	case *network.EventLoadingFailed:
		if r := l.reqs[e.RequestID]; r != nil {
			r.Done, r.Failed = e.Timestamp.Float64(), true
		}
	}
}

// reset forgets every request seen so far.
func (l *netLog) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	clear(l.reqs)
}

// settled returns the requests once each has finished or failed (DevTools'
// events can trail the page's promise by a few milliseconds), or an error
// naming one still open after wait.
func (l *netLog) settled(wait time.Duration) ([]netRequest, error) {
	deadline := time.Now().Add(wait)
	for {
		l.mu.Lock()
		var out []netRequest
		open := ""
		for _, r := range l.reqs {
			out = append(out, *r)
			if r.Done == 0 {
				open = r.URL
			}
		}
		l.mu.Unlock()
		if open == "" {
			return out, nil
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("request %s did not finish within %v of the query", open, wait)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// measurePhone times benchQueries cold on the phone link for each site in
// one headless Chromium, each query in rounds fresh pages (the bench uses
// phoneRounds). The result has one phoneCost per site, in order.
func measurePhone(ctx context.Context, chromium tool, rounds int, sites ...searchSite) []phoneCost {
	out := make([]phoneCost, len(sites))
	if !chromium.ok() {
		for i := range out {
			out[i].Why = "not measured: chromium " + chromium.missing()
		}
		return out
	}
	for i, s := range sites {
		out[i].Why = s.Why
	}
	if !slices.ContainsFunc(sites, func(s searchSite) bool { return s.Why == "" }) {
		return out
	}
	browser, stop, err := startChromium(ctx, chromium.Path)
	defer stop()
	for i, s := range sites {
		switch {
		case s.Why != "":
		case err != nil:
			out[i].Why = "not measured: " + tail(firstLine(err.Error(), nil), 200)
		default:
			out[i] = phoneSite(browser, s, rounds)
		}
	}
	return out
}

// phoneSite serves the site over HTTP/2 on a loopback port and runs every
// query cold, rounds times, each in a fresh browser context.
func phoneSite(browser context.Context, s searchSite, rounds int) phoneCost {
	srv := serveSiteH2(s.Public)
	defer srv.Close()
	pc := phoneCost{Queries: make([]phoneQuery, len(benchQueries))}
	for i, q := range benchQueries {
		var ms []float64
		for range rounds {
			pq, err := phoneQueryOnce(browser, srv.URL, s, q)
			if err != nil {
				return phoneCost{Why: "failed: " + tail(firstLine(err.Error(), nil), 200)}
			}
			if pq.Results == 0 && q == sanityQuery {
				return phoneCost{Why: fmt.Sprintf("failed: no results for %q, the site or its index is broken", q)}
			}
			if pq.Protocol != "h2" {
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

// phoneQueryOnce runs q in a fresh browser context (empty cache) whose
// link is throttled to the phone's once the blank page has loaded, and
// returns its time and the requests it made. DevTools watches the network
// here, unlike the loopback timings: its cost is a few milliseconds
// against round trips of 150.
func phoneQueryOnce(browser context.Context, origin string, s searchSite, q string) (phoneQuery, error) {
	ctx, cancel := context.WithTimeout(browser, perQuery)
	defer cancel()
	log := newNetLog()
	tab, cancelTab, err := openBlank(ctx, origin, chromedp.WithListener(log.note))
	if err != nil {
		return phoneQuery{}, err
	}
	defer cancelTab()
	link := network.EmulateNetworkConditionsByRuleParams{MatchedNetworkConditions: []*network.Conditions{{
		Latency: float64(phoneRTT.Milliseconds()), DownloadThroughput: phoneBytesPerSec, UploadThroughput: phoneBytesPerSec,
	}}}
	if _, err := chromedp.Call(tab, network.EmulateNetworkConditionsByRule, link); err != nil {
		return phoneQuery{}, fmt.Errorf("emulating the phone link: %w", err)
	}
	log.reset()
	r, err := runQuery(tab, s, q)
	if err != nil {
		return phoneQuery{}, err
	}
	reqs, err := log.settled(5 * time.Second)
	if err != nil {
		return phoneQuery{}, err
	}
	pq := phoneQuery{Query: q, Ms: r.Ms, Requests: len(reqs), Rounds: netRounds(reqs), Results: r.Results, Top: r.Top}
	var protocols []string
	for _, req := range reqs {
		if req.Failed {
			return phoneQuery{}, fmt.Errorf("%q: request %s failed", q, req.URL)
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

// serveSiteH2 serves dir over HTTP/2 (TLS with httptest's self-signed
// certificate, which the bench's Chromium accepts on loopback), plus the
// blank page, gzip-compressing text files for clients that accept it, as
// a static host or CDN does.
func serveSiteH2(dir string) *loopbackServer {
	files := http.FileServer(http.Dir(dir))
	gz := &gzipCache{dir: dir, data: map[string][]byte{}}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == blankPath {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, blankPage)
			return
		}
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") && gz.serve(w, r) {
			return
		}
		files.ServeHTTP(w, r)
	}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	return &loopbackServer{URL: srv.URL, close: srv.Close}
}

// compressible are the extensions a static host gzips. Pagefind's index
// files are gzip-compressed already and are sent as they are.
var compressible = []string{".js", ".mjs", ".json", ".html", ".css", ".xml", ".txt", ".svg"}

// gzipCache compresses each text file once (level 6, as gzipStats counts)
// and keeps it for later requests.
type gzipCache struct {
	dir  string
	mu   sync.Mutex
	data map[string][]byte
}

// serve writes the compressed file of r's path and reports true, or
// reports false when the path is not a compressible file under dir.
func (g *gzipCache) serve(w http.ResponseWriter, r *http.Request) bool {
	p := path.Clean("/" + r.URL.Path)
	ext := path.Ext(p)
	if !slices.Contains(compressible, ext) {
		return false
	}
	g.mu.Lock()
	body, ok := g.data[p]
	g.mu.Unlock()
	if !ok {
		raw, err := os.ReadFile(filepath.Join(g.dir, filepath.FromSlash(p)))
		if err != nil {
			return false
		}
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, 6)
		zw.Write(raw)
		zw.Close()
		body = buf.Bytes()
		g.mu.Lock()
		g.data[p] = body
		g.mu.Unlock()
	}
	h := w.Header()
	h.Set("Content-Type", orDefault(mime.TypeByExtension(ext), "application/octet-stream"))
	h.Set("Content-Encoding", "gzip")
	h.Set("Vary", "Accept-Encoding")
	w.Write(body)
	return true
}
