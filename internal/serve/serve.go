// Package serve is the development server behind `medkb serve`: it builds a
// site, serves the result over HTTP and rebuilds it when its sources change,
// telling open browser tabs to reload.
//
// What it does:
//   - Run performs a full build, listens (loopback by default), watches the
//     site's inputs (Options.Dirs and Options.Files: the caller passes the
//     site layout's one list, package source's) through package watch and
//     rebuilds once per debounced burst of changes.
//     A newer burst cancels a build still running; its changes are folded
//     into the next build, and at most one build runs at a time.
//   - Requests are served from the last successful build's fs.FS, swapped
//     atomically, so a rebuild never blocks or tears a response. A failed
//     build keeps the last good site online; its messages go to the terminal
//     (Options.Logf) and, as an "error" event, to every browser, including
//     tabs that connect while the build is still broken.
//   - Browsers learn about builds from Server-Sent Events at /__medkb/events,
//     consumed by /__medkb/livereload.js, which is injected into every HTML
//     response. Events: "reload" (data {}), "css" (data: JSON array of the
//     changed stylesheets' URL paths), "error" (data: {"messages": [...]},
//     one line of the build error each), "ok" (data {}, the failure is
//     over) and "warnings" (see Warner; data {"warnings": [...]}, the last
//     good build's warnings, replayed to tabs that connect later). Streams start with a retry field and carry a keep-alive comment
//     every 15 s. A burst that only edits
//     stylesheets below static/ or themes/*/static/ sends "css" so pages swap
//     their stylesheets without reloading.
//   - A Builder that is also a Warner reports each good build's warnings:
//     new ones as one terminal line each, all of them to browsers, where
//     the live-reload script shows the current page's in a dismissible
//     panel. A built site that is a NotFoundHinter adds a sentence to the
//     404 page (a draft left out says how to see it).
//
// Host policy: every response, the event stream and the live-reload
// script included, requires a Host header naming this server — "localhost",
// "127.0.0.1", "[::1]", the bind address, or a name in Options.AllowedHosts —
// with the port it listens on; anything else gets 403. A web page whose
// name resolves to 127.0.0.1 (DNS rebinding) sends its own name as the
// Host, so it cannot read the dev site, its drafts or its build messages.
// When bound to all interfaces (0.0.0.0 or ::), any IP address literal is
// accepted too: other machines reach the server by its address, and a page
// served from an address literal is already the server's own origin.
//
// What it never does: list directories; serve a path containing "..",
// a backslash or a NUL (400); accept methods other than GET and HEAD;
// let responses be cached (Cache-Control: no-store); put build messages
// into a page as markup (they travel as JSON and are shown with
// textContent, or HTML-escaped on the "not built yet" page and in a 404
// hint); write the live-reload script anywhere but into responses of this
// server, so built sites never contain it. The /__medkb/ URL prefix is reserved;
// /__medkb/card/PAGE answers with the image PAGE's og:image names (its
// social card), for writers to preview link previews.
//
// Concurrency: a Server's handler is safe for concurrent use; Run may be
// called once.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/medkb/medkb/internal/watch"
)

// Builder produces the site. It is implemented by the site builder and
// called from one goroutine at a time.
type Builder interface {
	// Build (re)builds the site. changed == nil means a full build;
	// otherwise it lists the root-relative, slash-separated paths of the
	// files and directories that changed (possibly removed). It returns the
	// complete output as an fs.FS (paths like "index.html",
	// "conditions/asthma/index.html", "css/site.css") that must stay
	// unchanged afterwards, since it is served until the next successful
	// build; or an error whose Error() text starts with "file:line:col: "
	// where known (one problem per line when several). Build should return
	// promptly once ctx is cancelled.
	Build(ctx context.Context, changed []string) (fs.FS, error)
}

// Options configure a Server. The zero value is usable.
type Options struct {
	Bind     string                           // address to listen on; "" means 127.0.0.1
	Port     int                              // 0 picks a free port (the CLI passes 1313)
	Root     string                           // site root to watch; "" means the working directory
	Debounce time.Duration                    // quiet period that ends a burst; 0 means watch.DefaultDebounce
	Logf     func(format string, args ...any) // terminal output; nil discards it
	// Dirs and Files name the top-level folders and files below Root that
	// the site is built from, and so are watched. The server keeps no list
	// of its own: the CLI passes the site layout's (source.InputDirs and
	// source.InputFiles). Run needs one of them.
	Dirs, Files []string
	// AllowedHosts are further host names (no port) the Host header may
	// name, compared without case and without a trailing dot.
	AllowedHosts []string
}

const (
	shutdownTimeout   = 5 * time.Second
	readHeaderTimeout = 10 * time.Second
)

// Server is the development server. Create one with New.
type Server struct {
	builder Builder
	opts    Options
	// state is read by every request and replaced only by the goroutine
	// that runs builds (never two at once).
	state   atomic.Pointer[buildState]
	hub     *hub
	handler http.Handler

	hosts map[string]bool // allowed Host names, lower case, no trailing dot
	anyIP bool            // bound to all interfaces: any address literal
	port  atomic.Int64    // the port listened on; 0 until Run listens

	running  atomic.Bool
	stopOnce sync.Once
	stopping chan struct{} // closed on shutdown; ends event streams
}

// buildState is what the latest finished build left behind.
type buildState struct {
	site     fs.FS     // the last good output; nil until a build succeeds
	errors   []string  // the latest build's messages; nil when it succeeded
	warnings []Warning // the last good build's warnings (see Warner)
}

// New returns a Server that builds with b. It does not build or listen;
// Run does.
func New(b Builder, opts Options) (*Server, error) {
	if b == nil {
		return nil, errors.New("serve: nil Builder")
	}
	if opts.Port < 0 || opts.Port > 65535 {
		return nil, fmt.Errorf("serve: port %d out of range", opts.Port)
	}
	if opts.Bind == "" {
		opts.Bind = "127.0.0.1"
	}
	if opts.Root == "" {
		opts.Root = "."
	}
	if opts.Debounce <= 0 {
		opts.Debounce = watch.DefaultDebounce
	}
	if opts.Logf == nil {
		opts.Logf = func(string, ...any) {}
	}
	s := &Server{
		builder:  b,
		opts:     opts,
		hub:      newHub(),
		stopping: make(chan struct{}),
	}
	s.hosts, s.anyIP = allowedHosts(opts.Bind, opts.AllowedHosts)
	s.state.Store(&buildState{})
	s.handler = http.HandlerFunc(s.serveHTTP)
	return s, nil
}

// Handler returns the server's HTTP handler: the built site, the event
// stream and the live-reload script. Until Run's first successful build it
// answers site requests with 503.
func (s *Server) Handler() http.Handler { return s.handler }

// Run builds the site, starts listening, calls ready (if not nil) with the
// site's URL, else logs it, then serves and rebuilds until ctx is done. It then shuts the
// HTTP server down gracefully and returns nil, or the error that stopped it
// early. A failed initial build does not stop Run: the server waits for a
// fix.
func (s *Server) Run(ctx context.Context, ready func(url string)) error {
	if !s.running.CompareAndSwap(false, true) {
		return errors.New("serve: Run called twice")
	}
	if len(s.opts.Dirs) == 0 && len(s.opts.Files) == 0 {
		return errors.New("serve: no inputs to watch (Options.Dirs, Options.Files)")
	}
	w, err := watch.New(s.opts.Root, s.opts.Dirs, s.opts.Files, s.opts.Debounce)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer w.Close()

	s.rebuild(ctx, nil)
	if ctx.Err() != nil {
		return nil
	}

	srv, served, url, err := s.listen()
	if err != nil {
		return err
	}
	if st := s.state.Load(); st.site != nil {
		url = strings.TrimSuffix(url, "/") + basePathOf(st.site) // where the site is
	}
	if ready != nil {
		ready(url) // the caller says where (medkb serve's "Serving at" line)
	} else {
		s.opts.Logf("serving at %s (Ctrl-C to stop)", url)
	}
	stopRebuilding := s.startRebuilding(ctx, w)
	defer stopRebuilding()

	select {
	case <-ctx.Done():
		return s.shutdown(srv, served)
	case err := <-served:
		s.stopStreams()
		return fmt.Errorf("serve: %w", err)
	}
}

// listen starts the HTTP server on the configured address. served receives
// what http.Server.Serve returns.
func (s *Server) listen() (srv *http.Server, served <-chan error, url string, err error) {
	addr := net.JoinHostPort(s.opts.Bind, strconv.Itoa(s.opts.Port))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, nil, "", fmt.Errorf("serve: %w", err)
	}
	s.port.Store(int64(ln.Addr().(*net.TCPAddr).Port))
	srv = &http.Server{Handler: s.handler, ReadHeaderTimeout: readHeaderTimeout}
	srv.RegisterOnShutdown(s.stopStreams)
	result := make(chan error, 1)
	go func() { result <- srv.Serve(ln) }()
	return srv, result, siteURL(ln.Addr()), nil
}

// startRebuilding runs the rebuild loop in the background; the returned
// function stops it and waits until no build is running.
func (s *Server) startRebuilding(ctx context.Context, w *watch.Watcher) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.rebuildLoop(ctx, w)
	}()
	return func() { cancel(); <-done }
}

// shutdown stops srv gracefully: it stops accepting, ends the event streams
// and waits (bounded) for requests in flight.
func (s *Server) shutdown(srv *http.Server, served <-chan error) error {
	ctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		// A connection still busy after the grace period (a loaded machine,
		// a browser mid-request) is closed: Ctrl-C always ends the server.
		s.opts.Logf("closing connections still open after %s", shutdownTimeout)
		if cerr := srv.Close(); cerr != nil {
			return fmt.Errorf("serve: shutdown: %w", errors.Join(err, cerr))
		}
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

func (s *Server) stopStreams() { s.stopOnce.Do(func() { close(s.stopping) }) }

// siteURL is the address to print and open: loopback or the bound host,
// "localhost" when bound to all interfaces.
func siteURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String() + "/"
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// allowedHosts returns the names a Host header may carry for a server bound
// to bind, and whether any IP address literal is allowed too.
func allowedHosts(bind string, extra []string) (map[string]bool, bool) {
	hosts := map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true}
	hosts[normalHost(bind)] = true
	for _, h := range extra {
		hosts[normalHost(h)] = true
	}
	ip := net.ParseIP(bind)
	return hosts, ip != nil && ip.IsUnspecified()
}

// normalHost lower-cases a host name and drops a trailing dot and the
// brackets around an IPv6 literal.
func normalHost(h string) string {
	h = strings.TrimSuffix(strings.ToLower(h), ".")
	return strings.TrimSuffix(strings.TrimPrefix(h, "["), "]")
}

// hostAllowed reports whether a request's Host header names this server
// under the Host policy (see the package comment).
func (s *Server) hostAllowed(hostport string) bool {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		// No port: only right for a server on the default HTTP port.
		host, port = hostport, "80"
	}
	if want := s.port.Load(); want != 0 && port != strconv.FormatInt(want, 10) {
		return false
	}
	host = normalHost(host)
	if host == "" {
		return false
	}
	if s.hosts[host] {
		return true
	}
	return s.anyIP && net.ParseIP(host) != nil
}
