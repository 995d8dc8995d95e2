// Package browsertest starts the headless Chromium a test drives with
// chromedp: found on PATH, in a TMPDIR of its own, stopped when the test
// ends. Import it only from _test.go files (it fails the test it is given).
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"testing"

	"github.com/chromedp/chromedp"
)

// names are the Chromium binaries looked for on PATH, in order.
var names = []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"}

// Start returns a chromedp context on a new headless Chromium, run with
// chromedp's default options, no sandbox and opts. Chromium and its
// TMPDIR go when t ends. t fails when no Chromium is installed: make deps
// installs it, and a browser test that skips would hide that.
func Start(t testing.TB, opts ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	var browser string
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			browser = p
			break
		}
	}
	if browser == "" {
		t.Fatalf("Chromium is required (one of %v on PATH; make deps installs it)", names)
	}
	// Chromium makes its singleton socket's folder in TMPDIR and leaves it
	// when the allocator kills it, so TMPDIR is a folder of the test's own:
	// a short one, not t.TempDir() (named after the test), as the socket's
	// path in it, 46 bytes more, must stay under Linux's limit of 107.
	tmp, err := os.MkdirTemp("", "cr")
	if err != nil {
		t.Fatal(err)
	}
	all := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(browser), chromedp.NoSandbox, chromedp.Env("TMPDIR="+tmp))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), append(all, opts...)...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
		os.RemoveAll(tmp)
	})
	return ctx
}
