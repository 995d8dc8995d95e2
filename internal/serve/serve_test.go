package serve

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/medkb/medkb/internal/watch"
)

// demoSite is a small site in the shape of the real one.
func demoSite() map[string]string {
	return map[string]string{
		"medkb.yaml":                          "title: Demo\n",
		"content/index.md":                    "# Home\n\nWelcome.\n",
		"content/conditions/index.md":         "# Conditions\n",
		"content/conditions/asthma.md":        "# Asthma\n\nWheezing.\n",
		"content/404.md":                      "# Not found\n\nNo such page.\n",
		"static/css/site.css":                 "body { color: black }\n",
		"static/data.json":                    `{"a": 1}`,
		"static/images/logo.svg":              `<svg xmlns="http://www.w3.org/2000/svg"/>`,
		"themes/default/static/css/theme.css": "main { margin: 0 }\n",
	}
}

func TestEditSendsReloadAndServesNewPage(t *testing.T) {
	h := startServer(t, demoSite(), nil)
	if r := h.get("/conditions/asthma/"); !strings.Contains(r.body, "<p>Wheezing.</p>") {
		t.Fatalf("initial page: %d %q", r.status, r.body)
	}
	s := h.subscribe()
	if s.retry == "" {
		t.Error("stream did not set a retry interval")
	}

	h.write("content/conditions/asthma.md", "# Asthma\n\nWheezing and cough.\n")
	h.waitForPage(s, "/conditions/asthma/", "<p>Wheezing and cough.</p>")

	calls := h.builder.callsSnapshot()
	if calls[0] != nil {
		t.Errorf("first build got changed = %q, want nil (a full build)", calls[0])
	}
	if last := calls[len(calls)-1]; !slices.Contains(last, "content/conditions/asthma.md") {
		t.Errorf("rebuild got changed = %q, want it to name the edited file", last)
	}
	// ready was given the URL, so the server does not print it a second
	// time (medkb serve prints its own "Serving at" line).
	if log := h.logged(); !strings.Contains(log, "rebuilt in ") || strings.Contains(log, h.url) {
		t.Errorf("terminal output lacks the rebuild line, or repeats the URL that ready was given:\n%s", log)
	}
}

func TestAtomicSaveSendsReload(t *testing.T) {
	h := startServer(t, demoSite(), nil)
	s := h.subscribe()
	h.atomicSave("content/index.md", "# Home\n\nSaved atomically.\n")
	h.waitForPage(s, "/", "<p>Saved atomically.</p>")
	for _, changed := range h.builder.callsSnapshot() {
		if slices.Contains(changed, "content/index.md.tmp") {
			t.Errorf("builder saw the editor's temp file: %q", changed)
		}
	}
}

func TestAddAndDeletePagesAndFolders(t *testing.T) {
	h := startServer(t, demoSite(), nil)
	s := h.subscribe()

	h.write("content/tests/hba1c.md", "# HbA1c\n\nA blood test.\n")
	h.waitForPage(s, "/tests/hba1c/", "<p>A blood test.</p>")

	h.removeAll("content/tests")
	s.expect("reload")
	for h.get("/tests/hba1c/").status != http.StatusNotFound {
		s.expect("reload") // the removal reached the server in several bursts
	}

	h.write("content/conditions/copd.md", "# COPD\n")
	h.waitForPage(s, "/conditions/copd/", "<h1>COPD</h1>")
	if err := os.Remove(h.abs("content/conditions/copd.md")); err != nil {
		t.Fatal(err)
	}
	s.expect("reload")
	for h.get("/conditions/copd/").status != http.StatusNotFound {
		s.expect("reload")
	}
}

func TestBuildErrorKeepsLastGoodSiteUntilFixed(t *testing.T) {
	h := startServer(t, demoSite(), nil)
	s := h.subscribe()

	// The message quotes the writer's text, markup included: it must reach
	// the browser as data, never as markup.
	const broken = "# Asthma\n\nok\n{{< figure <img src=x onerror=alert(1)>\n"
	h.write("content/conditions/asthma.md", broken)
	ev := s.expect("error", "reload")
	if strings.ContainsAny(ev.data, "<>") {
		t.Errorf("error event data carries raw markup characters: %s", ev.data)
	}
	msgs := decodeMessages(t, ev.data)
	want := "content/conditions/asthma.md:4:1: unclosed shortcode: {{< figure <img src=x onerror=alert(1)>"
	if !slices.Equal(msgs, []string{want}) {
		t.Errorf("messages = %q, want [%q]", msgs, want)
	}
	if log := h.logged(); !strings.Contains(log, want) {
		t.Errorf("terminal output lacks the error:\n%s", log)
	}

	// The last good site is still served.
	if r := h.get("/conditions/asthma/"); r.status != http.StatusOK || !strings.Contains(r.body, "<p>Wheezing.</p>") {
		t.Errorf("during the failure got %d %q, want the last good page", r.status, r.body)
	}

	// A page loaded now learns about the failure as soon as it connects.
	late := h.subscribe()
	if got := decodeMessages(t, late.expect("error").data); !slices.Equal(got, []string{want}) {
		t.Errorf("late subscriber got %q", got)
	}

	h.write("content/conditions/asthma.md", "# Asthma\n\nFixed.\n")
	for _, stream := range []*sseStream{s, late} {
		stream.expect("ok", "error") // a split save may fail twice first
		stream.expect("reload")
	}
	if r := h.get("/conditions/asthma/"); !strings.Contains(r.body, "<p>Fixed.</p>") {
		t.Errorf("after the fix got %q", r.body)
	}

	// The failure is over: a new page gets no error event. The next event
	// it sees is the reload of the next edit.
	fresh := h.subscribe()
	h.write("content/index.md", "# Home\n\nAgain.\n")
	fresh.expect("reload")
}

func decodeMessages(t *testing.T, data string) []string {
	t.Helper()
	var payload struct {
		Messages []string `json:"messages"`
	}
	if err := json.Unmarshal([]byte(data), &payload); err != nil {
		t.Fatalf("error event data %q: %v", data, err)
	}
	return payload.Messages
}

func TestStylesheetOnlyChangeSendsCSS(t *testing.T) {
	tests := []struct {
		file, url string
	}{
		{"static/css/site.css", "/css/site.css"},
		{"themes/default/static/css/theme.css", "/css/theme.css"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			h := startServer(t, demoSite(), nil)
			s := h.subscribe()
			h.write(tt.file, "body { color: teal }\n")
			ev := s.expect("css")
			var urls []string
			if err := json.Unmarshal([]byte(ev.data), &urls); err != nil || !slices.Equal(urls, []string{tt.url}) {
				t.Fatalf("css event data = %s (%v), want [%q]", ev.data, err, tt.url)
			}
			r := h.get(tt.url)
			if r.body != "body { color: teal }\n" || r.header.Get("Content-Type") != "text/css; charset=utf-8" {
				t.Errorf("GET %s = %q %q", tt.url, r.header.Get("Content-Type"), r.body)
			}

			// A burst that also touches a page needs a full reload.
			h.write(tt.file, "body { color: red }\n")
			s.expect("css")
			h.write("content/index.md", "# Home\n\nChanged.\n")
			s.expect("reload", "css")
		})
	}
}

// TestServeUnderABasePath: a site that says it is served under /guide/
// is served there (the printed address has the path), and a stylesheet
// edit swaps in the stylesheet at its address under /guide/, which the
// browser compares with its <link> elements' addresses.
func TestServeUnderABasePath(t *testing.T) {
	h := startServer(t, demoSite(), func(b *siteBuilder) { b.base = "/guide/" })
	root, ok := strings.CutSuffix(h.url, "guide/")
	if !ok {
		t.Fatalf("Run reported %s, not the site's address under /guide/", h.url)
	}
	site := h.url
	h.url = root // the events are the server's own, at the host's root
	s := h.subscribe()
	h.url = site
	h.write("static/css/site.css", "body { color: teal }\n")
	ev := s.expect("css")
	var urls []string
	if err := json.Unmarshal([]byte(ev.data), &urls); err != nil || !slices.Equal(urls, []string{"/guide/css/site.css"}) {
		t.Errorf("css event data = %s (%v), want [\"/guide/css/site.css\"]", ev.data, err)
	}
	if r := h.get("css/site.css"); r.status != http.StatusOK || r.body != "body { color: teal }\n" {
		t.Errorf("GET /guide/css/site.css = %d %q", r.status, r.body)
	}
	h.url = root
	if r := h.get("css/site.css"); r.status != http.StatusNotFound {
		t.Errorf("GET /css/site.css = %d, want 404: the site is under /guide/", r.status)
	}
	if r := h.get(""); r.status != http.StatusFound || r.header.Get("Location") != "/guide/" {
		t.Errorf("GET / = %d to %q, want a redirect to /guide/", r.status, r.header.Get("Location"))
	}
	h.url = site
}

func TestStylesheetURLs(t *testing.T) {
	tests := []struct {
		name    string
		changes []watch.Change
		want    []string
		ok      bool
	}{
		{"site static", []watch.Change{{Path: "static/css/a.css", Op: watch.Write}}, []string{"/css/a.css"}, true},
		{"theme static", []watch.Change{{Path: "themes/t/static/b.css", Op: watch.Create}}, []string{"/b.css"}, true},
		{"upper-case extension", []watch.Change{{Path: "static/A.CSS", Op: watch.Write}}, []string{"/A.CSS"}, true},
		{"mixed with a page", []watch.Change{{Path: "content/a.md", Op: watch.Write}, {Path: "static/a.css", Op: watch.Write}}, nil, false},
		{"css outside static", []watch.Change{{Path: "layouts/a.css", Op: watch.Write}}, nil, false},
		{"theme css outside static", []watch.Change{{Path: "themes/t/a.css", Op: watch.Write}}, nil, false},
		{"removed stylesheet", []watch.Change{{Path: "static/a.css", Op: watch.Remove}}, nil, false},
		{"renamed stylesheet", []watch.Change{{Path: "static/a.css", Op: watch.Rename}}, nil, false},
		{"empty batch", nil, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := stylesheetURLs(tt.changes)
			if ok != tt.ok || !slices.Equal(got, tt.want) {
				t.Errorf("stylesheetURLs = %q, %v; want %q, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

// rawStatus sends target unmodified (no client-side path cleaning) and
// returns the response status and body.
func rawStatus(t *testing.T, addr, target string) (int, string) {
	t.Helper()
	return hostStatus(t, addr, addr, target)
}

func TestRefusesPathsOutsideTheSite(t *testing.T) {
	h := startServer(t, demoSite(), nil)
	targets := []string{
		"/../medkb.yaml",
		"/css/../../medkb.yaml",
		"/%2e%2e/medkb.yaml",
		"/%2E%2E/medkb.yaml",
		"/css/..%2f..%2fmedkb.yaml",
		"/..%5cmedkb.yaml",
		`/css\..\..\medkb.yaml`,
		"/css/site.css%00.html",
		"/__medkb/../index.html",
	}
	for _, target := range targets {
		status, body := rawStatus(t, h.addr, target)
		if status != http.StatusBadRequest {
			t.Errorf("GET %s = %d, want 400", target, status)
		}
		if strings.Contains(body, "title: Demo") || strings.Contains(body, "Welcome") {
			t.Errorf("GET %s leaked content: %q", target, body)
		}
	}
	// Dot segments that stay inside the site are harmless.
	if status, body := rawStatus(t, h.addr, "/./css/./site.css"); status != http.StatusOK || !strings.Contains(body, "color: black") {
		t.Errorf("GET /./css/./site.css = %d %q", status, body)
	}
}

func TestNotFoundServesTheSite404Page(t *testing.T) {
	h := startServer(t, demoSite(), nil)
	for _, target := range []string{"/no/such/page/", "/missing.css", "/css/site.css/"} {
		r := h.get(target)
		if r.status != http.StatusNotFound || !strings.Contains(r.body, "<p>No such page.</p>") {
			t.Errorf("GET %s = %d %q, want the site's 404 page", target, r.status, r.body)
		}
		if ct := r.header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("GET %s Content-Type = %q", target, ct)
		}
		if strings.Count(r.body, scriptTag) != 1 {
			t.Errorf("GET %s: 404 page lacks the live-reload script", target)
		}
	}
}

func TestNotFoundWithoutA404Page(t *testing.T) {
	site := demoSite()
	delete(site, "content/404.md")
	h := startServer(t, site, nil)
	if r := h.get("/missing/"); r.status != http.StatusNotFound || strings.Contains(r.body, "<") {
		t.Errorf("GET /missing/ = %d %q, want a plain 404", r.status, r.body)
	}
}

func TestNeverListsDirectories(t *testing.T) {
	h := startServer(t, demoSite(), nil)
	notFound := h.get("/no-such-page/").body
	for _, target := range []string{"/css/", "/images/"} { // directories without index.html
		if r := h.get(target); r.status != http.StatusNotFound || r.body != notFound {
			t.Errorf("GET %s = %d %q, want the 404 page and no listing", target, r.status, r.body)
		}
	}
}

func TestRedirectsDirectoryToTrailingSlash(t *testing.T) {
	h := startServer(t, demoSite(), nil)
	r := h.get("/conditions?x=1")
	if r.status != http.StatusFound || r.header.Get("Location") != "/conditions/?x=1" {
		t.Errorf("GET /conditions = %d Location %q, want 302 to /conditions/?x=1", r.status, r.header.Get("Location"))
	}
	if r := h.get("/conditions/"); r.status != http.StatusOK || !strings.Contains(r.body, "<h1>Conditions</h1>") {
		t.Errorf("GET /conditions/ = %d %q", r.status, r.body)
	}
}

func TestResponsesHeadersAndScriptInjection(t *testing.T) {
	h := startServer(t, demoSite(), nil)
	tests := []struct {
		method, target string
		status         int
		ctype          string
		injected       bool
		bodyHas        string
	}{
		{"GET", "/", 200, "text/html; charset=utf-8", true, "<p>Welcome.</p>"},
		{"GET", "/conditions/asthma/", 200, "text/html; charset=utf-8", true, "<h1>Asthma</h1>"},
		{"GET", "/css/site.css", 200, "text/css; charset=utf-8", false, "color: black"},
		{"GET", "/data.json", 200, "application/json", false, `"a": 1`},
		{"GET", "/images/logo.svg", 200, "image/svg+xml", false, "<svg"},
		{"GET", "/__medkb/livereload.js", 200, "text/javascript; charset=utf-8", false, "new EventSource(\"/__medkb/events\")"},
		{"HEAD", "/", 200, "text/html; charset=utf-8", false, ""},
		{"POST", "/", 405, "text/plain; charset=utf-8", false, ""},
		{"GET", "/__medkb/other", 404, "text/plain; charset=utf-8", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.target, func(t *testing.T) {
			r := h.request(tt.method, tt.target)
			if r.status != tt.status {
				t.Errorf("status = %d, want %d", r.status, tt.status)
			}
			if ct := r.header.Get("Content-Type"); ct != tt.ctype {
				t.Errorf("Content-Type = %q, want %q", ct, tt.ctype)
			}
			if cc := r.header.Get("Cache-Control"); cc != "no-store" {
				t.Errorf("Cache-Control = %q, want no-store", cc)
			}
			if got := strings.Count(r.body, scriptTag); got != map[bool]int{true: 1, false: 0}[tt.injected] {
				t.Errorf("script tag appears %d times; injected = %v wanted", got, tt.injected)
			}
			if tt.injected && !strings.HasSuffix(strings.TrimSpace(r.body), scriptTag+"</body></html>") {
				t.Errorf("script not placed before </body>: %q", r.body)
			}
			if !strings.Contains(r.body, tt.bodyHas) {
				t.Errorf("body %q lacks %q", r.body, tt.bodyHas)
			}
			if tt.method == "HEAD" && r.body != "" {
				t.Errorf("HEAD returned a body")
			}
		})
	}
}

func TestContentType(t *testing.T) {
	tests := []struct{ name, want string }{
		{"index.html", "text/html; charset=utf-8"},
		{"INDEX.HTM", "text/html; charset=utf-8"},
		{"css/site.css", "text/css; charset=utf-8"},
		{"js/search.js", "text/javascript; charset=utf-8"},
		{"search.json", "application/json"},
		{"feed.xml", "application/xml; charset=utf-8"},
		{"site.webmanifest", "application/manifest+json"},
		{"logo.svg", "image/svg+xml"},
		{"photo.png", "image/png"},
		{"robots.txt", "text/plain; charset=utf-8"},
		{"blob.unknownext", "application/octet-stream"},
		{"Makefile", "application/octet-stream"},
	}
	for _, tt := range tests {
		if got := contentType(tt.name); got != tt.want {
			t.Errorf("contentType(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestInjectScript(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"before body end", "<html><body><p>x</p></body></html>", "<html><body><p>x</p>" + scriptTag + "</body></html>"},
		{"upper case", "<HTML><BODY>x</BODY></HTML>", "<HTML><BODY>x" + scriptTag + "</BODY></HTML>"},
		{"last body end", "<body><pre>&lt;/body&gt;</pre><!-- </body> --></body>", "<body><pre>&lt;/body&gt;</pre><!-- </body> -->" + scriptTag + "</body>"},
		{"head only", "<html><head><title>x</title></head></html>", "<html><head><title>x</title>" + scriptTag + "</head></html>"},
		{"fragment", "<p>x</p>", "<p>x</p>" + scriptTag},
		{"non-ASCII before", "<body>İstanbul ǅ</body>", "<body>İstanbul ǅ" + scriptTag + "</body>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(injectScript([]byte(tt.in))); got != tt.want {
				t.Errorf("injectScript(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNewerBatchCancelsRunningBuild(t *testing.T) {
	started := make(chan struct{})
	h := startServer(t, demoSite(), func(b *siteBuilder) {
		var blocked bool
		b.hold = func(ctx context.Context, changed []string) error {
			if blocked || !slices.Contains(changed, "content/slow.md") {
				return nil
			}
			blocked = true // only the first build of slow.md blocks
			close(started)
			<-ctx.Done()
			return ctx.Err()
		}
	})
	s := h.subscribe()
	// Atomic saves arrive as a single event each, so the only batch that
	// can cancel the slow build is the one for fast.md.
	h.atomicSave("content/slow.md", "# Slow\n")
	select {
	case <-started:
	case <-time.After(hangGuard):
		t.Fatal("the slow build never started")
	}
	h.atomicSave("content/fast.md", "# Fast\n")
	s.expect("reload")

	// The cancelled build published nothing; the build that replaced it
	// covered both saves.
	if r := h.get("/slow/"); !strings.Contains(r.body, "<h1>Slow</h1>") {
		t.Errorf("/slow/ = %d %q", r.status, r.body)
	}
	calls := h.builder.callsSnapshot()
	cancelled := slices.IndexFunc(calls, func(c []string) bool { return slices.Contains(c, "content/slow.md") })
	if cancelled+1 >= len(calls) {
		t.Fatalf("no build after the cancelled one: %q", calls)
	}
	if next := calls[cancelled+1]; !slices.Equal(next, []string{"content/fast.md", "content/slow.md"}) {
		t.Errorf("replacing build got changed = %q, want both saves", next)
	}
	if err := h.stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	if n := h.builder.maxRunning.Load(); n != 1 {
		t.Errorf("%d builds ran at once, want 1", n)
	}
}

func TestInitialBuildFailureServesErrorPageUntilFixed(t *testing.T) {
	site := demoSite()
	site["content/index.md"] = "# Home\n{{< <b>bold</b>\n"
	h := startServer(t, site, nil)

	r := h.get("/")
	if r.status != http.StatusServiceUnavailable {
		t.Errorf("status = %d, want 503", r.status)
	}
	if !strings.Contains(r.body, "content/index.md:2:1: unclosed shortcode: {{&lt; &lt;b&gt;bold&lt;/b&gt;") {
		t.Errorf("error page lacks the escaped message: %q", r.body)
	}
	if strings.Count(r.body, scriptTag) != 1 {
		t.Errorf("error page lacks the live-reload script: %q", r.body)
	}
	// There is no last good site to speak of.
	if log := h.logged(); strings.Contains(log, "last good site") || !strings.Contains(log, "no site to serve until it is fixed") {
		t.Errorf("terminal log = %q, want it to say no site is served until the error is fixed", log)
	}

	s := h.subscribe()
	s.expect("error")
	h.write("content/index.md", "# Home\n\nFixed.\n")
	s.expect("ok", "error")
	h.waitForPage(s, "/", "<p>Fixed.</p>")
}

func TestShutdownOnCancel(t *testing.T) {
	h := startServer(t, demoSite(), nil)
	s := h.subscribe() // an open event stream must not hold up shutdown
	if err := h.stop(); err != nil {
		t.Fatalf("Run returned %v, want nil", err)
	}
	for range s.events {
	} // the stream ended
	if _, err := net.DialTimeout("tcp", h.addr, hangGuard); err == nil {
		t.Error("still accepting connections after shutdown")
	}
}

func TestRunReportsListenError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	srv, err := New(&siteBuilder{root: t.TempDir()}, Options{Root: t.TempDir(), Port: port, Dirs: testInputDirs})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), hangGuard)
	defer cancel()
	err = srv.Run(ctx, func(string) { t.Error("ready called although listening failed") })
	var opErr *net.OpError
	if !errors.As(err, &opErr) {
		t.Errorf("Run = %v, want the listen error", err)
	}
}

func TestNewRejectsInvalidOptions(t *testing.T) {
	b := &siteBuilder{}
	tests := []struct {
		name string
		b    Builder
		opts Options
	}{
		{"nil builder", nil, Options{Dirs: testInputDirs}},
		{"negative port", b, Options{Port: -1, Dirs: testInputDirs}},
		{"port too large", b, Options{Port: 70000, Dirs: testInputDirs}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := New(tt.b, tt.opts); err == nil {
				t.Error("New succeeded, want an error")
			}
		})
	}
}

func TestRunRefusesNothingToWatch(t *testing.T) {
	s, err := New(&siteBuilder{root: t.TempDir()}, Options{Root: t.TempDir(), Port: 0})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Run(context.Background(), nil); err == nil || !strings.Contains(err.Error(), "no inputs to watch") {
		t.Errorf("Run without Dirs or Files: %v", err)
	}
}

// BenchmarkSaveToEvent measures a save's path through the whole server:
// file write → fsnotify → debounce → rebuild → SSE event received.
func BenchmarkSaveToEvent(b *testing.B) {
	h := startServer(b, demoSite(), nil)
	s := h.subscribe()
	i := 0
	for b.Loop() {
		i++
		h.write("content/conditions/asthma.md", fmt.Sprintf("# Asthma\n\nEdit %d.\n", i))
		s.expect("reload")
	}
}
