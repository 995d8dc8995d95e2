package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// hangGuard only keeps a broken test from hanging; no assertion depends on it.
const hangGuard = 15 * time.Second

// harness runs a real Server on a loopback port over a real source tree.
type harness struct {
	tb      testing.TB
	root    string
	builder *siteBuilder
	srv     *Server
	url     string // "http://127.0.0.1:port/"
	addr    string // "127.0.0.1:port"
	client  *http.Client

	stopOnce sync.Once
	cancel   context.CancelFunc
	runErr   chan error

	logMu sync.Mutex
	logs  []string
}

// startServer writes files (relative path → content) into a new site root
// and runs a Server for it. configure, if not nil, adjusts the builder
// before the first build.
func startServer(tb testing.TB, files map[string]string, configure func(*siteBuilder)) *harness {
	tb.Helper()
	h := &harness{
		tb:     tb,
		root:   tb.TempDir(),
		runErr: make(chan error, 1),
		client: &http.Client{
			Timeout:       hangGuard,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
	}
	for p, body := range files {
		h.write(p, body)
	}
	h.builder = &siteBuilder{root: h.root}
	if configure != nil {
		configure(h.builder)
	}
	srv, err := New(h.builder, Options{Root: h.root, Logf: h.logf, Dirs: testInputDirs, Files: testInputFiles})
	if err != nil {
		tb.Fatal(err)
	}
	h.srv = srv
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	ready := make(chan string, 1)
	go func() { h.runErr <- srv.Run(ctx, func(url string) { ready <- url }) }()
	select {
	case h.url = <-ready:
	case err := <-h.runErr:
		tb.Fatalf("Run returned before ready: %v", err)
	case <-time.After(hangGuard):
		tb.Fatal("server not ready")
	}
	h.addr = strings.TrimSuffix(strings.TrimPrefix(h.url, "http://"), "/")
	tb.Cleanup(func() {
		if err := h.stop(); err != nil {
			tb.Errorf("Run: %v", err)
		}
	})
	return h
}

// stop cancels Run's context and returns what Run returned.
func (h *harness) stop() error {
	var err error
	h.stopOnce.Do(func() {
		h.cancel()
		select {
		case err = <-h.runErr:
		case <-time.After(hangGuard):
			err = fmt.Errorf("Run did not return after cancel")
		}
	})
	return err
}

func (h *harness) logf(format string, args ...any) {
	h.logMu.Lock()
	defer h.logMu.Unlock()
	h.logs = append(h.logs, fmt.Sprintf(format, args...))
}

func (h *harness) logged() string {
	h.logMu.Lock()
	defer h.logMu.Unlock()
	return strings.Join(h.logs, "\n")
}

func (h *harness) abs(rel string) string { return filepath.Join(h.root, filepath.FromSlash(rel)) }

func (h *harness) write(rel, body string) {
	h.tb.Helper()
	if err := os.MkdirAll(filepath.Dir(h.abs(rel)), 0o755); err != nil {
		h.tb.Fatal(err)
	}
	if err := os.WriteFile(h.abs(rel), []byte(body), 0o644); err != nil {
		h.tb.Fatal(err)
	}
}

// atomicSave saves the way most editors do: a temp file renamed over the
// target.
func (h *harness) atomicSave(rel, body string) {
	h.tb.Helper()
	h.write(rel+".tmp", body)
	if err := os.Rename(h.abs(rel+".tmp"), h.abs(rel)); err != nil {
		h.tb.Fatal(err)
	}
}

func (h *harness) removeAll(rel string) {
	h.tb.Helper()
	if err := os.RemoveAll(h.abs(rel)); err != nil {
		h.tb.Fatal(err)
	}
}

type response struct {
	status int
	header http.Header
	body   string
}

func (h *harness) request(method, target string) response {
	h.tb.Helper()
	req, err := http.NewRequest(method, h.url+strings.TrimPrefix(target, "/"), nil)
	if err != nil {
		h.tb.Fatal(err)
	}
	resp, err := h.client.Do(req)
	if err != nil {
		h.tb.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		h.tb.Fatal(err)
	}
	return response{status: resp.StatusCode, header: resp.Header, body: string(body)}
}

func (h *harness) get(target string) response {
	h.tb.Helper()
	return h.request(http.MethodGet, target)
}

// sseStream is a browser's view of /__medkb/events.
type sseStream struct {
	tb     testing.TB
	retry  string
	events chan event
}

// subscribe connects to the event stream. When it returns, the server has
// registered the subscriber: the response headers are only sent after that.
func (h *harness) subscribe() *sseStream {
	h.tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, h.url+"__medkb/events", nil)
	if err != nil {
		h.tb.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.tb.Fatal(err)
	}
	h.tb.Cleanup(func() { cancel(); resp.Body.Close() })
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		h.tb.Fatalf("events Content-Type = %q", ct)
	}
	s := &sseStream{tb: h.tb, events: make(chan event, 64)}
	r := bufio.NewReader(resp.Body)
	first, err := r.ReadString('\n')
	if err != nil || !strings.HasPrefix(first, "retry: ") {
		h.tb.Fatalf("stream starts with %q, %v; want a retry field", first, err)
	}
	s.retry = strings.TrimSpace(strings.TrimPrefix(first, "retry: "))
	go s.read(r)
	return s
}

// read parses the stream into events until it ends, then closes s.events.
func (s *sseStream) read(r *bufio.Reader) {
	defer close(s.events)
	var ev event
	var data []string
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		line = strings.TrimSuffix(line, "\n")
		switch {
		case line == "":
			if ev.name != "" {
				ev.data = strings.Join(data, "\n")
				s.events <- ev
			}
			ev, data = event{}, nil
		case strings.HasPrefix(line, ":"): // comment
		case strings.HasPrefix(line, "event: "):
			ev.name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			data = append(data, strings.TrimPrefix(line, "data: "))
		}
	}
}

// next returns the next event, skipping events named in skip.
func (s *sseStream) next(skip ...string) event {
	s.tb.Helper()
	timeout := time.After(hangGuard)
	for {
		select {
		case ev, ok := <-s.events:
			if !ok {
				s.tb.Fatal("event stream ended")
			}
			if !slices.Contains(skip, ev.name) {
				return ev
			}
		case <-timeout:
			s.tb.Fatal("no event")
		}
	}
}

// expect returns the next event, which must be called name; events named
// in skip may come first.
func (s *sseStream) expect(name string, skip ...string) event {
	s.tb.Helper()
	ev := s.next(skip...)
	if ev.name != name {
		s.tb.Fatalf("got event %q (data %s), want %q", ev.name, ev.data, name)
	}
	return ev
}

// waitForPage waits until target's body contains want, fetching it again
// after each reload event (a save can reach the server in more than one
// burst, each with its own reload).
func (h *harness) waitForPage(s *sseStream, target, want string) response {
	h.tb.Helper()
	for {
		s.expect("reload")
		if r := h.get(target); strings.Contains(r.body, want) {
			return r
		}
	}
}

// testInputDirs and testInputFiles are what the test sites are built from;
// the CLI passes the real site layout's list (package source).
var (
	testInputDirs  = []string{"content", "data", "static", "layouts", "i18n", "themes"}
	testInputFiles = []string{"medkb.yaml"}
)
