package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Viewports the pages are checked at.
var (
	phone   = viewport{name: "phone", width: 375, height: 740}
	desktop = viewport{name: "desktop", width: 1280, height: 800}
)

type viewport struct {
	name          string
	width, height int64
}

// tab is one browser tab of a test, with the log of what went wrong in it.
type tab struct {
	t    *testing.T
	ctx  context.Context
	log  *pageLog
	base string // URL of the server the tab may talk to, no trailing slash
}

// newTab opens a tab of the shared browser for a site served at base. It
// closes when the test ends.
func newTab(t *testing.T, base string) *tab {
	t.Helper()
	if shared.browserErr != nil {
		t.Fatalf("no browser: %v", shared.browserErr)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	log := newPageLog(u.Host)
	tabCtx, cancelTab := chromedp.NewContext(shared.browser, chromedp.WithListener(log.record))
	ctx, cancel := context.WithTimeout(tabCtx, hangGuard)
	t.Cleanup(func() { cancel(); cancelTab() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	return &tab{t: t, ctx: ctx, log: log, base: base}
}

// do runs browser actions, failing the test on error.
func (tb *tab) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, actions...); err != nil {
		tb.t.Fatalf("%s: %v", what, err)
	}
}

// eval runs a JavaScript expression in the tab's page and decodes its value.
func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("evaluating %s: %v", abbreviate(expr), err)
	}
	return v
}

// open loads path from the tab's site, waits until the network is idle and
// returns the HTTP status of the document.
func (tb *tab) open(path string) int64 {
	tb.t.Helper()
	status := tb.navigate(path)
	tb.waitIdle()
	return status
}

// navigate loads path from the tab's site and returns the HTTP status of
// the document, without waiting for the page's later requests.
func (tb *tab) navigate(path string) int64 {
	tb.t.Helper()
	resp, err := chromedp.Run(tb.ctx, chromedp.NavigateResponse(tb.base+path))
	if err != nil {
		tb.t.Fatalf("opening %s: %v", path, err)
	}
	return resp.Status
}

// eventually waits up to within until the JavaScript expression is true,
// across reloads of the page (an evaluation that fails because the page is
// reloading counts as false). It returns the last evaluation error, if any,
// when time runs out.
func (tb *tab) eventually(expr string, within time.Duration) error {
	deadline := time.Now().Add(within)
	var lastErr error
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return nil
		}
		lastErr = err
		select {
		case <-tb.ctx.Done():
			return tb.ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	if lastErr != nil {
		return fmt.Errorf("not true within %v (last error: %w)", within, lastErr)
	}
	return fmt.Errorf("not true within %v", within)
}

// waitIdle waits until no request of the page is in flight for a moment.
func (tb *tab) waitIdle() {
	tb.t.Helper()
	for quiet := 0; quiet < 3; {
		select {
		case <-tb.ctx.Done():
			tb.t.Fatalf("the page never stopped loading: %v; in flight: %v", tb.ctx.Err(), tb.log.inFlight())
		case <-time.After(50 * time.Millisecond):
		}
		if len(tb.log.inFlight()) == 0 {
			quiet++
		} else {
			quiet = 0
		}
	}
}

// waitFor waits until the JavaScript expression is truthy; what names the
// awaited state in the failure message, diag is evaluated for it.
func (tb *tab) waitFor(expr, what, diag string) {
	tb.t.Helper()
	_, err := chromedp.Run(tb.ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(30*time.Second)))
	if err != nil {
		tb.t.Fatalf("waiting for %s: %v; %s", what, err, tryEval(tb, diag))
	}
}

// tryEval returns the value of a diagnostic expression, or why there is none.
func tryEval(tb *tab, expr string) string {
	if expr == "" {
		return ""
	}
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		return fmt.Sprintf("(%s: %v)", abbreviate(expr), err)
	}
	return v
}

// setViewport emulates a screen of the viewport's size (not a touch device,
// so that overflowing content widens the page instead of being zoomed out).
func (tb *tab) setViewport(v viewport) {
	tb.t.Helper()
	tb.do("setting the viewport to "+v.name, chromedp.EmulateViewport(v.width, v.height))
}

// setMedia emulates a CSS media type ("" for screen) and color scheme.
func (tb *tab) setMedia(media, scheme string) {
	tb.t.Helper()
	params := emulation.SetEmulatedMediaParams{
		Media:    media,
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	}
	if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, params); err != nil {
		tb.t.Fatalf("emulating media %q, color scheme %q: %v", media, scheme, err)
	}
}

// requireClean fails the test for every console error, uncaught exception,
// failed request or request to another host the page made since the last
// call; where says which page and state the check is about.
func (tb *tab) requireClean(where string) {
	tb.t.Helper()
	for _, p := range tb.log.take() {
		tb.t.Errorf("%s: %s", where, p)
	}
}

// pageLog records what goes wrong in a tab, from the browser's events. Its
// record method runs on the tab's event loop; the others run on the test's
// goroutine, so every field is guarded by mu.
type pageLog struct {
	host string // the only host the page may request

	mu        sync.Mutex
	urls      map[network.RequestID]string // every request seen
	pending   map[network.RequestID]string // requests still loading
	problems  []string
	allowed4x string // a URL whose 4xx status is deliberate
}

func newPageLog(host string) *pageLog {
	return &pageLog{host: host, urls: map[network.RequestID]string{}, pending: map[network.RequestID]string{}}
}

// allowStatus makes a 4xx status of the document at rawURL deliberate.
func (l *pageLog) allowStatus(rawURL string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.allowed4x = rawURL
}

// take returns the problems seen since the last call.
func (l *pageLog) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	p := l.problems
	l.problems = nil
	return p
}

// inFlight returns the URLs still loading.
func (l *pageLog) inFlight() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var urls []string
	for _, u := range l.pending {
		urls = append(urls, u)
	}
	return urls
}

// record is the tab's event listener: it must return fast and send no
// command to the browser.
func (l *pageLog) record(ev any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError {
			l.problems = append(l.problems, "console.error: "+argsText(ev.Args))
		}
	case *runtime.EventExceptionThrown:
		l.problems = append(l.problems, "uncaught exception: "+exceptionText(ev.ExceptionDetails))
	case *cdplog.EventEntryAdded:
		e := ev.Entry
		if e.Level == cdplog.EntryLevelError && !(e.Source == cdplog.EntrySourceNetwork && e.URL == l.allowed4x) {
			l.problems = append(l.problems, fmt.Sprintf("browser log error (%s): %s %s", e.Source, e.Text, e.URL))
		}
	case *network.EventRequestWillBeSent:
		l.requestStarted(ev)
	case *network.EventResponseReceived:
		if r := ev.Response; r.Status >= 400 && r.URL != l.allowed4x {
			l.problems = append(l.problems, fmt.Sprintf("HTTP %d for %s", r.Status, r.URL))
		}
	case *network.EventLoadingFinished:
		delete(l.pending, ev.RequestID)
	case *network.EventLoadingFailed:
		delete(l.pending, ev.RequestID)
		// A request the page itself aborted (a search superseded by the next
		// keystroke) is not a failure.
		if !ev.Canceled {
			l.problems = append(l.problems, fmt.Sprintf("request failed: %s: %s %s", l.urls[ev.RequestID], ev.ErrorText, ev.BlockedReason))
		}
	}
}

func (l *pageLog) requestStarted(ev *network.EventRequestWillBeSent) {
	raw := ev.Request.URL
	u, err := url.Parse(raw)
	switch {
	case err == nil && u.Scheme == "data":
		return
	case err != nil || u.Host != l.host || (u.Scheme != "http" && u.Scheme != "ws"):
		l.problems = append(l.problems, "request to another host: "+abbreviate(raw))
	}
	l.urls[ev.RequestID] = raw
	l.pending[ev.RequestID] = raw
}

// argsText formats console arguments as the DevTools console shows them.
func argsText(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		var s string
		if a.Type == runtime.RemoteObjectTypeString && json.Unmarshal(a.Value, &s) == nil {
			parts = append(parts, s)
			continue
		}
		if a.Description != "" {
			parts = append(parts, a.Description)
			continue
		}
		parts = append(parts, string(a.Value))
	}
	return strings.Join(parts, " ")
}

func exceptionText(d *runtime.ExceptionDetails) string {
	text := d.Text
	if d.Exception != nil && d.Exception.Description != "" {
		text += " " + d.Exception.Description
	}
	return fmt.Sprintf("%s (%s:%d:%d)", text, d.URL, d.LineNumber+1, d.ColumnNumber+1)
}

// abbreviate shortens long text for failure messages.
func abbreviate(s string) string {
	const max = 160
	if len(s) <= max {
		return s
	}
	return s[:max] + "…"
}

// callCDP sends one protocol command to the tab, failing the test on error.
func callCDP[P, R any](tb *tab, cmd cdp.Command[P, R], params P) R {
	tb.t.Helper()
	r, err := chromedp.Call(tb.ctx, cmd, params)
	if err != nil {
		tb.t.Fatalf("%s: %v", cmd.Method, err)
	}
	return r
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err) // a string always marshals
	}
	return string(b)
}
