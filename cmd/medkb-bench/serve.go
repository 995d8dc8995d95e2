package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"time"
)

const (
	serveSaves     = 15               // timed saves per site, after the warm-up save
	serveStartWait = 10 * time.Minute // a 10,000-article site builds before it serves
	reloadWait     = 10 * time.Minute // a rebuild of a large site can take minutes
	reloadGoal     = 50 * time.Millisecond
)

// reloadCost is the dev server's save → reload event on one site. Each
// sample is timed from just before the article is written (os.WriteFile)
// to the moment the client reads "event: reload" on /__medkb/events:
// medkb serve's file watch, its debounce and the rebuild, and the event's
// trip over loopback — not the browser's fetch or repaint. Warmup is the
// first save after the server has built and started serving, measured
// apart: it pays for what the server's first rebuild sets up.
type reloadCost struct {
	Warmup  time.Duration
	Samples []time.Duration
	Why     string // why there are no samples
}

func (c reloadCost) ok() bool { return c.Why == "" && len(c.Samples) > 0 }

// p90 is the nearest-rank 90th percentile of the samples.
func (c reloadCost) p90() time.Duration {
	s := slices.Sorted(slices.Values(c.Samples))
	return s[max(0, (len(s)*9+9)/10-1)]
}

// serveLatency starts `medkb serve` on site, connects to its event stream
// and, after a warm-up save, saves times appends a line to article and
// measures each save → reload event (reloadCost). The article is restored
// afterwards.
func serveLatency(ctx context.Context, medkb tool, site, article string, saves int) reloadCost {
	if !medkb.ok() {
		return reloadCost{Why: medkb.missing()}
	}
	warmup, samples, err := reloadSamples(ctx, medkb, site, article, saves)
	if err != nil {
		return reloadCost{Why: "failed: " + failure(err)}
	}
	return reloadCost{Warmup: warmup, Samples: samples}
}

func reloadSamples(ctx context.Context, medkb tool, site, article string, saves int) (warmup time.Duration, samples []time.Duration, err error) {
	orig, err := os.ReadFile(article)
	if err != nil {
		return 0, nil, err
	}
	defer os.WriteFile(article, orig, 0o644)

	port, err := freePort()
	if err != nil {
		return 0, nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	srv, err := startServe(ctx, medkb.Path, site, port)
	if err != nil {
		return 0, nil, err
	}
	defer srv.stop()

	events, err := subscribe(ctx, srv.url+"__medkb/events")
	if err != nil {
		return 0, nil, err
	}
	for i := range saves + 1 {
		time.Sleep(300 * time.Millisecond) // let the previous rebuild settle
		drain(events)
		edited := append(bytes.Clone(orig), fmt.Sprintf("\nEdited by medkb-bench, save %d.\n", i)...)
		start := time.Now()
		if err := os.WriteFile(article, edited, 0o644); err != nil {
			return 0, nil, err
		}
		if err := waitEvent(ctx, events, "reload", reloadWait); err != nil {
			return 0, nil, fmt.Errorf("save %d: %w (%s)", i, err, srv.stderr())
		}
		if i == 0 {
			warmup = time.Since(start)
		} else {
			samples = append(samples, time.Since(start))
		}
	}
	return warmup, samples, nil
}

// freePort asks the kernel for a free loopback port.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// server is a running `medkb serve`.
type server struct {
	cmd  *exec.Cmd
	url  string // "http://127.0.0.1:PORT/"
	done chan struct{}
	mu   sync.Mutex
	out  bytes.Buffer // stderr, for error messages
}

func (s *server) stop() {
	s.cmd.Process.Signal(os.Interrupt)
	select {
	case <-s.done:
	case <-time.After(5 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
	}
}

func (s *server) stderr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return tail(s.out.String(), 400)
}

func (s *server) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.out.Write(p)
}

// startServe runs medkb serve and waits for its "Serving at URL" line.
func startServe(ctx context.Context, medkb, site string, port int) (*server, error) {
	s := &server{done: make(chan struct{})}
	s.cmd = exec.CommandContext(ctx, medkb, "serve", "--source", site, "--port", fmt.Sprint(port))
	s.cmd.Stderr = s
	stdout, err := s.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if url, ok := servingURL(sc.Text()); ok {
				select {
				case urls <- url:
				default:
				}
			}
		}
		s.cmd.Wait()
		close(s.done)
	}()
	select {
	case s.url = <-urls:
		return s, nil
	case <-s.done:
		return nil, fmt.Errorf("medkb serve exited: %s", s.stderr())
	case <-time.After(serveStartWait):
		s.stop()
		return nil, fmt.Errorf("medkb serve printed no \"Serving at\" line in %v", serveStartWait)
	}
}

// servingURL extracts the URL from "Serving at http://127.0.0.1:PORT/ …".
func servingURL(line string) (string, bool) {
	_, rest, ok := strings.Cut(line, "Serving at ")
	if !ok {
		return "", false
	}
	url, _, _ := strings.Cut(rest, " ")
	if !strings.HasPrefix(url, "http") {
		return "", false
	}
	if !strings.HasSuffix(url, "/") {
		url += "/"
	}
	return url, true
}

// subscribe opens a Server-Sent Events stream and returns the event names as
// they arrive; it returns once the response headers are in, i.e. connected.
func subscribe(ctx context.Context, url string) (<-chan string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		resp.Body.Close()
		return nil, fmt.Errorf("GET %s: %s, Content-Type %q", url, resp.Status, resp.Header.Get("Content-Type"))
	}
	events := make(chan string, 64)
	go func() {
		defer resp.Body.Close()
		readEvents(ctx, resp.Body, events)
	}()
	return events, nil
}

// readEvents sends the name of every "event:" line of an SSE stream, then
// closes events when the stream ends. Lines may be of any length: a
// 10,000-article site's "warnings" event is one data line of over 64 KiB
// (bufio.Scanner's limit, which once ended the stream there).
func readEvents(ctx context.Context, r io.Reader, events chan<- string) {
	defer close(events)
	br := bufio.NewReader(r)
	for {
		line, err := br.ReadString('\n')
		if name, ok := strings.CutPrefix(line, "event:"); ok {
			select {
			case events <- strings.TrimSpace(name):
			case <-ctx.Done():
				return
			}
		}
		if err != nil {
			return
		}
	}
}

func drain(events <-chan string) {
	for {
		select {
		case _, ok := <-events:
			if !ok {
				return
			}
		default:
			return
		}
	}
}

// waitEvent waits for an event called name; an "error" event (a failed
// rebuild) ends the wait with an error.
func waitEvent(ctx context.Context, events <-chan string, name string, limit time.Duration) error {
	timer := time.NewTimer(limit)
	defer timer.Stop()
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				return errors.New("event stream closed")
			}
			switch ev {
			case name:
				return nil
			case "error":
				return errors.New("the rebuild failed (the server sent an error event)")
			}
		case <-timer.C:
			return fmt.Errorf("no %q event within %v", name, limit)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}
