package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/medkb/medkb/internal/cli"
)

// hangGuard bounds the browser work of one test, so that a page that never
// settles fails its test instead of stalling the suite. It guards against
// hangs; it is not an assertion on speed.
const hangGuard = 2 * time.Minute

// depsHint ends every message about a missing tool.
const depsHint = "run `make deps` (internal/e2e/install.sh installs Chromium, checks Java and runs `npm ci` for the pinned axe-core and vnu-jar)"

// suite is what TestMain prepares once for every test of the package.
type suite struct {
	root   string      // repository root: the demo site's source
	public string      // the demo site, built by the real medkb build
	site   *siteServer // serves public on a loopback port

	axe    string // source of axe.min.js; empty when axeErr is set
	axeErr error

	browser    context.Context // the shared Chromium; nil when browserErr is set
	browserErr error
}

// shared is written once by TestMain before any test runs and only read
// afterwards, so tests may read it from parallel goroutines.
var shared *suite

func TestMain(m *testing.M) {
	os.Exit(runSuite(m))
}

// runSuite builds and serves the demo site, starts Chromium, runs the tests
// and cleans up. A site that does not build stops the whole package: no test
// could mean anything without it.
func runSuite(m *testing.M) int {
	s, cleanup, err := newSuite()
	defer cleanup()
	if err != nil {
		fmt.Fprintf(os.Stderr, "FAIL e2e setup: %v\n", err)
		return 1
	}
	shared = s
	return m.Run()
}

func newSuite() (*suite, func(), error) {
	var cleanups []func()
	cleanup := func() {
		for i := len(cleanups) - 1; i >= 0; i-- {
			cleanups[i]()
		}
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		return nil, cleanup, err
	}
	tmp, err := os.MkdirTemp("", "medkb-e2e-")
	if err != nil {
		return nil, cleanup, err
	}
	cleanups = append(cleanups, func() { os.RemoveAll(tmp) })

	public := filepath.Join(tmp, "public")
	if err := buildSite(root, public); err != nil {
		return nil, cleanup, err
	}
	s := &suite{root: root, public: public, site: serveDir(public)}
	cleanups = append(cleanups, s.site.Close)
	s.axe, s.axeErr = readAxe()

	profile := filepath.Join(tmp, "chromium-profile")
	browser, stop, err := startBrowser(profile)
	cleanups = append(cleanups, stop)
	s.browser, s.browserErr = browser, err
	return s, cleanup, nil
}

// buildSite runs `medkb build` in process, as the CLI would.
func buildSite(source, dest string) error {
	var stdout, stderr bytes.Buffer
	env := cli.Env{Stdout: &stdout, Stderr: &stderr, Dir: source}
	args := []string{"build", "--source", source, "--destination", dest, "--quiet"}
	if code := cli.Main(context.Background(), env, args); code != cli.ExitOK {
		return fmt.Errorf("medkb %s: exit code %d\n%s%s", strings.Join(args, " "), code, stdout.String(), stderr.String())
	}
	return nil
}

// axePath is where `npm ci` (install.sh) puts axe-core.
const axePath = "node_modules/axe-core/axe.min.js"

func readAxe() (string, error) {
	b, err := os.ReadFile(axePath)
	if err != nil {
		return "", fmt.Errorf("axe-core is missing (%w): %s", err, depsHint)
	}
	return string(b), nil
}

// chromiumPath finds Debian's Chromium.
func chromiumPath() (string, error) {
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("Chromium is not installed")
}

// startBrowser starts one headless Chromium with a fresh profile. The
// returned stop func ends it and is safe to call when starting failed.
func startBrowser(profile string) (context.Context, func(), error) {
	exe, err := chromiumPath()
	if err != nil {
		return nil, func() {}, fmt.Errorf("%w: %s", err, depsHint)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox, // the tests run as root in CI
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(profile),
		// Chromium makes its singleton socket's folder in TMPDIR and, killed
		// rather than closed, leaves it there: keep it beside the profile.
		chromedp.Env("TMPDIR="+filepath.Dir(profile)),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	stop := func() { cancelCtx(); cancelAlloc() }
	if err := chromedp.Do(ctx); err != nil {
		return nil, stop, fmt.Errorf("starting %s: %w; %s", exe, err, depsHint)
	}
	return ctx, stop, nil
}

// siteServer serves a built site the way a static host does: files as they
// are, folders through their index.html, and 404.html with status 404 for
// anything else. It listens on 127.0.0.1 only.
type siteServer struct {
	srv  *httptest.Server
	URL  string // http://127.0.0.1:PORT, no trailing slash
	Host string // 127.0.0.1:PORT
}

func serveDir(dir string) *siteServer {
	fsys := os.DirFS(dir)
	files := http.FileServerFS(fsys)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !exists(fsys, r.URL.Path) {
			serveNotFound(w, r, fsys)
			return
		}
		files.ServeHTTP(w, r)
	}))
	return &siteServer{srv: srv, URL: srv.URL, Host: srv.Listener.Addr().String()}
}

// Close stops the server.
func (s *siteServer) Close() { s.srv.Close() }

// exists reports whether urlPath names a file, or a folder with an index.html.
func exists(fsys fs.FS, urlPath string) bool {
	name := strings.TrimPrefix(path.Clean("/"+urlPath), "/")
	if name == "" {
		name = "."
	}
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return false
	}
	if info.IsDir() {
		_, err = fs.Stat(fsys, path.Join(name, "index.html"))
		return err == nil
	}
	return true
}

func serveNotFound(w http.ResponseWriter, r *http.Request, fsys fs.FS) {
	body, err := fs.ReadFile(fsys, "404.html")
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	w.Write(body)
}
