package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	htmlpkg "html"
	"io/fs"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/medkb/medkb/internal/basepath"
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/publish"
	"github.com/medkb/medkb/internal/report"
	"github.com/medkb/medkb/internal/searchset"
	"github.com/medkb/medkb/internal/serve"
	"github.com/medkb/medkb/internal/site"
	"github.com/medkb/medkb/internal/source"
)

const serveUsage = `Usage: medkb serve [flags]

Builds the site in memory, serves it and rebuilds on every save. The browser
reloads by itself (CSS changes swap in without a reload); a build error shows
as an overlay on the page and in the terminal until you fix it (with a line
saying so when it stopped the build before the page checks ran), and the
check warnings of the page you look at (readability, review, sources…) show
in a panel you can dismiss, one line each in the terminal. Drafts are built,
with a DRAFT banner; --drafts=false previews the published site. Binds to
the loopback address only, unless you pass --bind. It answers only requests
whose Host header is localhost, 127.0.0.1, [::1], the bind address (any
address when bound to 0.0.0.0) or a name given with --allowed-host, so a
web page on another name cannot read the site by rebinding its DNS.

Examples:
  medkb serve
  medkb serve --port 8080 --drafts=false --open
  medkb serve --bind 0.0.0.0     # visible to other machines on your network
  medkb serve --bind 0.0.0.0 --allowed-host laptop.lan

Flags:
`

// memBuilder adapts site.Builder to the dev server: every build goes into a
// fresh in-memory sink; the Markdown cache carries over between builds, and
// an edit to an article's body re-renders only what shows it. The search
// index follows just after the browser has reloaded, so the reload does not
// wait for it: the edit's search delta (searchset.Pending, the same update
// `medkb build` writes) is built in the background and swapped in when
// ready.
type memBuilder struct {
	b     *site.Builder
	logf  func(format string, args ...any)
	last  *liveFS
	warns []serve.Warning // the last successful build's

	// One search index is built at a time, on one core, leaving the other
	// for the next rebuild; a newer request takes over one still waiting,
	// with its edits (searchset.MergePending).
	mu      sync.Mutex
	waiting *searchJob
	running bool
}

type searchJob struct {
	live *liveFS
	jobs []searchset.Pending
}

func (m *memBuilder) Build(ctx context.Context, changed []string) (fs.FS, error) {
	mem, res, err := m.b.Rebuild(ctx, changed)
	if err != nil {
		if res != nil && len(res.Diagnostics.Errors()) > 0 {
			err = &diag.Errs{List: res.Diagnostics.Errors()}
		}
		if res != nil && res.NotChecked != "" {
			// The build stopped before the page checks: say so below the
			// errors, as medkb build and check do, or the writer takes
			// them for all the page's problems. The server shows each
			// line of the error in the terminal and in the overlay (as
			// text), and the next build's error or success replaces it.
			err = errors.Join(err, errors.New(res.NotChecked))
		}
		return nil, err
	}
	urls := m.b.PageURLs()
	m.warns = nil // the server keeps the last list: never reuse it
	for _, d := range res.Diagnostics.Warnings() {
		m.warns = append(m.warns, serve.Warning{URL: urls[d.File], File: d.File, Line: d.Line, Col: d.Col,
			Check: d.Check, Message: d.Message, Hint: d.Hint})
	}
	live := &liveFS{base: mem, drafts: m.b.UnbuiltDrafts(), report: res.ReportInput, basePath: res.BasePath}
	if len(res.PendingSearch) > 0 {
		if m.last != nil {
			// Until this edit's index is ready, the last finished one is
			// newer than the index in the base snapshot.
			live.over.Store(m.last.over.Load())
		}
		m.queueSearch(&searchJob{live, res.PendingSearch})
	}
	m.last = live
	return live, nil
}

// Warnings returns the last successful build's warnings (serve.Warner).
func (m *memBuilder) Warnings() []serve.Warning { return m.warns }

func (m *memBuilder) queueSearch(j *searchJob) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.waiting != nil {
		// The waiting edits were never applied: keep them.
		j.jobs = searchset.MergePending(m.waiting.jobs, j.jobs)
	}
	m.waiting = j
	if !m.running {
		m.running = true
		go m.searchWorker()
	}
}

func (m *memBuilder) searchWorker() {
	for {
		m.mu.Lock()
		j := m.waiting
		m.waiting = nil
		if j == nil {
			m.running = false
			m.mu.Unlock()
			return
		}
		m.mu.Unlock()
		m.buildSearch(j.live, j.jobs)
	}
}

func (m *memBuilder) buildSearch(live *liveFS, jobs []searchset.Pending) {
	start := time.Now()
	over := publish.NewMem()
	for _, j := range jobs {
		files, err := j.Build()
		if err != nil {
			m.logf("search index: %v", err)
			return
		}
		for k, v := range files {
			over.Write(k, v)
		}
	}
	live.over.Store(over)
	m.logf("search index updated in %s", time.Since(start).Round(time.Millisecond))
}

// liveFS serves a build's output with a search index swapped in later.
type liveFS struct {
	base   *publish.Mem
	over   atomic.Pointer[publish.Mem]
	drafts map[string]string // URL path → source file of drafts left out
	// basePath is the path the site is served under (serve.BasePather).
	basePath string

	// The editor's report page (site.ReportPath), rendered on first
	// request from the build's snapshot (whose input is made then too).
	report     func() *report.Input
	reportOnce sync.Once
	reportPage *publish.Mem
}

// reportFile renders the report page once; nil when there is none.
func (l *liveFS) reportFile() (fs.File, error) {
	l.reportOnce.Do(func() {
		in := l.report()
		if in == nil {
			return
		}
		html, err := report.HTML(report.Build(*in), "/css/site.css")
		if err != nil {
			html = []byte("report: " + htmlpkg.EscapeString(err.Error()))
		}
		html = basepath.HTML(html, l.BasePath()) // its links and stylesheet, as the pages'
		l.reportPage = publish.NewMem()
		l.reportPage.Write(site.ReportPath, html)
	})
	if l.reportPage == nil {
		return nil, fs.ErrNotExist
	}
	return l.reportPage.Open(site.ReportPath)
}

// BasePath is the path the site is served under (serve.BasePather).
func (l *liveFS) BasePath() string {
	if l.basePath == "" {
		return "/"
	}
	return l.basePath
}

// NotFoundHint tells the dev server's 404 that a draft lives at urlPath
// (serve.NotFoundHinter).
func (l *liveFS) NotFoundHint(urlPath string) string {
	file, ok := l.drafts[urlPath]
	if !ok {
		file, ok = l.drafts[urlPath+"/"]
	}
	if !ok {
		return ""
	}
	return file + " is a draft (draft: true), and this server was started with --drafts=false. " +
		"Restart it without --drafts=false to see drafts, or remove draft: true to publish the page."
}

func (l *liveFS) Open(name string) (fs.File, error) {
	if name == site.ReportPath {
		if f, err := l.reportFile(); err == nil {
			return f, nil
		}
	}
	if o := l.over.Load(); o != nil {
		if f, err := o.Open(name); err == nil {
			if st, err := f.Stat(); err == nil && !st.IsDir() {
				return f, nil
			}
			f.Close()
		}
	}
	return l.base.Open(name)
}

func runServe(ctx context.Context, env Env, args []string) int {
	var f buildFlags
	var port int
	var bind string
	var open bool
	var hosts hostList
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	f.register(fs, env)
	// The dev server shows drafts (with a DRAFT banner): writers preview
	// what they are writing. --drafts=false previews the published site.
	f.drafts = true
	if d := fs.Lookup("drafts"); d != nil {
		d.DefValue = "true"
		d.Usage = "include pages marked draft: true, with a DRAFT banner (--drafts=false to preview the published site)"
	}
	fs.IntVar(&port, "port", 1313, "port to listen on (0 picks a free one)")
	fs.IntVar(&port, "p", 1313, "shorthand for --port")
	fs.StringVar(&bind, "bind", "127.0.0.1", "address to listen on")
	fs.Var(&hosts, "allowed-host", "a further host name the server answers to (repeatable)")
	fs.BoolVar(&open, "open", false, "open the site in the default browser")
	if code, ok := parseFlags(env, fs, serveUsage, args); !ok {
		return code
	}
	src, err := filepath.Abs(f.source)
	if err != nil {
		return fail(env, err)
	}
	b := site.New(site.Options{Source: src, Drafts: f.drafts, BaseURL: f.baseURL, Serve: true, DeferSearch: true})
	logf := func(format string, a ...any) { fmt.Fprintf(env.Stderr, format+"\n", a...) }
	srv, err := serve.New(&memBuilder{b: b, logf: logf}, serve.Options{Bind: bind, Port: port, Root: src, Logf: logf,
		AllowedHosts: hosts, Dirs: source.InputDirs(), Files: source.InputFiles()})
	if err != nil {
		return fail(env, err)
	}
	err = srv.Run(ctx, func(url string) {
		fmt.Fprintf(env.Stdout, "Serving at %s (press Ctrl-C to stop)\n", url)
		if open {
			openBrowser(url)
		}
	})
	if err != nil {
		return fail(env, err)
	}
	return ExitOK
}

// hostList is the repeatable --allowed-host flag.
type hostList []string

func (h *hostList) String() string { return strings.Join(*h, ",") }

func (h *hostList) Set(v string) error {
	if v == "" || strings.ContainsAny(v, ":/ ") && !strings.HasPrefix(v, "[") {
		return fmt.Errorf("%q is not a host name (give the name alone, without scheme or port)", v)
	}
	*h = append(*h, v)
	return nil
}

func openBrowser(url string) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	_ = cmd.Start()
}
