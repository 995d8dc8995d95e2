package e2e

import (
	"strings"
	"testing"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
)

// TestCheckersCatchDefects breaks a good page in the browser, one defect at
// a time, and checks that the suite's checks report each defect: a check
// that cannot fail would let every page pass.
func TestCheckersCatchDefects(t *testing.T) {
	tests := []struct {
		name  string
		plant string                 // JavaScript that adds the defect
		noCSP bool                   // the site's CSP would block the defect
		found func(tb *tab) []string // what the check reports afterwards
		want  string                 // in one of the reports
	}{
		{
			name:  "console error",
			plant: `console.error('planted console error')`,
			found: settledProblems,
			want:  "console.error: planted console error",
		},
		{
			name:  "uncaught exception",
			plant: `setTimeout(() => { throw new Error('planted exception'); })`,
			found: settledProblems,
			want:  "planted exception",
		},
		{
			name:  "missing file",
			plant: `fetch('/planted-missing.json').catch(() => {})`,
			found: settledProblems,
			want:  "HTTP 404 for " + shared.site.URL + "/planted-missing.json",
		},
		{
			name: "request to another host",
			// Another loopback address: refused at once, never on the network.
			plant: `fetch('http://127.0.0.2:9/planted').catch(() => {})`,
			noCSP: true,
			found: settledProblems,
			want:  "request to another host: http://127.0.0.2:9/planted",
		},
		{
			name:  "image without text alternative",
			plant: `document.querySelector('main').append(Object.assign(document.createElement('img'), {src: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=', id: 'planted'}))`,
			found: func(tb *tab) []string {
				var s []string
				for _, v := range tb.axeViolations() {
					s = append(s, v.String())
				}
				return s
			},
			want: "axe image-alt",
		},
		{
			name:  "content wider than a phone",
			plant: `(() => { const d = document.createElement('div'); d.id = 'planted'; d.style.width = '900px'; d.style.height = '1px'; document.querySelector('main').append(d); })()`,
			found: func(tb *tab) []string {
				return eval[overflow](tb, measureOverflow).Wide
			},
			want: "div#planted",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tb := newTab(t, shared.site.URL)
			tb.setViewport(phone)
			if tt.noCSP {
				callCDP(tb, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: true})
			}
			tb.open("/")
			if p := tb.log.take(); len(p) > 0 {
				t.Fatalf("the page was not clean before the defect was planted: %v", p)
			}
			eval[any](tb, tt.plant)
			found := tt.found(tb)
			if !strings.Contains(strings.Join(found, "\n"), tt.want) {
				t.Errorf("after planting %s, the check reported %q; want %q in it", tt.name, found, tt.want)
			}
		})
	}
}

// settledProblems waits for the page's requests and returns what the page
// log caught.
func settledProblems(tb *tab) []string {
	tb.t.Helper()
	tb.waitIdle()
	eval[any](tb, `new Promise(r => setTimeout(r, 0))`) // let a planted timer run
	tb.waitIdle()
	return tb.log.take()
}

// TestPageLogRecord feeds browser events to a page log directly.
func TestPageLogRecord(t *testing.T) {
	const host = "127.0.0.1:8080"
	const page404 = "http://127.0.0.1:8080/missing/"
	request := func(id, url string) *network.EventRequestWillBeSent {
		return &network.EventRequestWillBeSent{RequestID: network.RequestID(id), Request: &network.Request{URL: url}}
	}
	tests := []struct {
		name   string
		events []any
		want   []string // substrings of the problems, in order; none for a clean page
	}{
		{name: "same host", events: []any{request("1", "http://127.0.0.1:8080/css/site.css")}},
		{name: "data URL", events: []any{request("1", "data:image/png;base64,AAAA")}},
		{name: "other host", events: []any{request("1", "https://cdn.example.org/x.js")}, want: []string{"request to another host: https://cdn.example.org/x.js"}},
		{name: "other port", events: []any{request("1", "http://127.0.0.1:9999/x.js")}, want: []string{"another host"}},
		{
			name:   "404 of a resource",
			events: []any{&network.EventResponseReceived{Response: &network.Response{URL: "http://127.0.0.1:8080/x.png", Status: 404}}},
			want:   []string{"HTTP 404 for http://127.0.0.1:8080/x.png"},
		},
		{
			name: "deliberate 404 of the page itself",
			events: []any{
				&network.EventResponseReceived{Response: &network.Response{URL: page404, Status: 404}},
				&cdplog.EventEntryAdded{Entry: &cdplog.Entry{Source: cdplog.EntrySourceNetwork, Level: cdplog.EntryLevelError, URL: page404, Text: "Failed to load resource"}},
			},
		},
		{
			name:   "failed request",
			events: []any{request("7", "http://127.0.0.1:8080/a.js"), &network.EventLoadingFailed{RequestID: "7", ErrorText: "net::ERR_CONNECTION_RESET"}},
			want:   []string{"request failed: http://127.0.0.1:8080/a.js: net::ERR_CONNECTION_RESET"},
		},
		{
			name:   "request aborted by the page",
			events: []any{request("7", "http://127.0.0.1:8080/a.js"), &network.EventLoadingFailed{RequestID: "7", ErrorText: "net::ERR_ABORTED", Canceled: true}},
		},
		{
			name:   "console.error and console.log",
			events: []any{consoleCall(runtime.ConsoleAPICalledTypeError, "bad"), consoleCall(runtime.ConsoleAPICalledTypeLog, "fine")},
			want:   []string{"console.error: bad"},
		},
		{
			name:   "uncaught exception",
			events: []any{&runtime.EventExceptionThrown{ExceptionDetails: &runtime.ExceptionDetails{Text: "Uncaught", URL: "http://127.0.0.1:8080/a.js", Exception: &runtime.RemoteObject{Description: "TypeError: x is null"}}}},
			want:   []string{"uncaught exception: Uncaught TypeError: x is null (http://127.0.0.1:8080/a.js:1:1)"},
		},
		{
			name:   "CSP violation in the browser log",
			events: []any{&cdplog.EventEntryAdded{Entry: &cdplog.Entry{Source: cdplog.EntrySourceSecurity, Level: cdplog.EntryLevelError, Text: "Refused to execute inline script"}}},
			want:   []string{"browser log error (security): Refused to execute inline script"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newPageLog(host)
			l.allowStatus(page404)
			for _, ev := range tt.events {
				l.record(ev)
			}
			got := l.take()
			if len(got) != len(tt.want) {
				t.Fatalf("problems %q, want %d matching %q", got, len(tt.want), tt.want)
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("problem %d = %q, want it to contain %q", i, got[i], w)
				}
			}
		})
	}
}

func consoleCall(typ runtime.ConsoleAPICalledType, text string) *runtime.EventConsoleAPICalled {
	return &runtime.EventConsoleAPICalled{Type: typ, Args: []*runtime.RemoteObject{{Type: runtime.RemoteObjectTypeString, Value: []byte(`"` + text + `"`)}}}
}

// TestFocusIndicated checks the rule for a visible focus indicator.
func TestFocusIndicated(t *testing.T) {
	tests := []struct {
		name string
		f    focusState
		want bool
	}{
		{"outline", focusState{OutlineStyle: "solid", OutlineWidth: 3, BoxShadow: "none"}, true},
		{"zero-width outline", focusState{OutlineStyle: "solid", OutlineWidth: 0, BoxShadow: "none"}, false},
		{"no outline", focusState{OutlineStyle: "none", OutlineWidth: 3, BoxShadow: "none"}, false},
		{"shadow", focusState{OutlineStyle: "none", BoxShadow: "rgb(0, 0, 0) 0px 0px 0px 3px"}, true},
	}
	for _, tt := range tests {
		if got := tt.f.Indicated(); got != tt.want {
			t.Errorf("%s: Indicated() = %v, want %v", tt.name, got, tt.want)
		}
	}
}
