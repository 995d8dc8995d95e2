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
	"strings"
	"sync"
	"time"
)

const (
	serveSamples   = 5
	serveStartWait = 10 * time.Minute // a 10,000-article site builds before it serves
	reloadWait     = 10 * time.Minute // a rebuild of a large site can take minutes
)

// serveLatency starts `medkb serve` on site, connects to its event stream and,
// serveSamples times, appends a line to article and measures the time until
// an "event: reload" line arrives. The article is restored afterwards.
func serveLatency(ctx context.Context, medkb tool, site, article string) ([]time.Duration, error) {
	if !medkb.ok() {
		return nil, errors.New(medkb.missing())
	}
	orig, err := os.ReadFile(article)
	if err != nil {
		return nil, err
	}
	defer os.WriteFile(article, orig, 0o644)

	port, err := freePort()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	srv, err := startServe(ctx, medkb.Path, site, port)
	if err != nil {
		return nil, err
	}
	defer srv.stop()

	events, err := subscribe(ctx, srv.url+"__medkb/events")
	if err != nil {
		return nil, err
	}
	var samples []time.Duration
	for i := range serveSamples {
		time.Sleep(300 * time.Millisecond) // let the previous rebuild settle
		drain(events)
		edited := append(bytes.Clone(orig), fmt.Sprintf("\nEdited by medkb-bench, sample %d.\n", i+1)...)
		start := time.Now()
		if err := os.WriteFile(article, edited, 0o644); err != nil {
			return samples, err
		}
		if err := waitEvent(ctx, events, "reload", reloadWait); err != nil {
			return samples, fmt.Errorf("sample %d: %w", i+1, err)
		}
		samples = append(samples, time.Since(start))
	}
	return samples, nil
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
// closes events when the stream ends.
func readEvents(ctx context.Context, r io.Reader, events chan<- string) {
	defer close(events)
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		name, ok := strings.CutPrefix(sc.Text(), "event:")
		if !ok {
			continue
		}
		select {
		case events <- strings.TrimSpace(name):
		case <-ctx.Done():
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
