package e2e

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/medkb/medkb/internal/cli"
)

// TestServeLiveReload runs `medkb serve` on a copy of the demo site and
// watches an article in the browser while its file changes: a new body
// shows without a manual reload, broken front matter shows an error overlay
// naming the file, and the fix removes it.
// rebuildWait bounds each wait for the served page to follow a change
// of the article: a rebuild of the demo site and a reload, under a
// second on a quiet machine. It guards against a rebuild that never
// comes, not a slow one: under the race detector with every package's
// tests running, 10 s was once too short for the rebuild after broken
// front matter (session 54's CI; the test alone passed three times
// under -race).
const rebuildWait = time.Minute

func TestServeLiveReload(t *testing.T) {
	t.Parallel()
	site := copyDemoSite(t)
	base := startServe(t, site)

	tb := newTab(t, base)
	tb.setViewport(desktop)
	tb.navigate("/conditions/asthma/")
	if err := tb.eventually(`document.querySelector('main h1')?.textContent.trim() === 'Asthma'`, rebuildWait); err != nil {
		t.Fatalf("the served article did not show: %v", err)
	}
	tb.requireClean("medkb serve: /conditions/asthma/")

	article := filepath.Join(site, "content", "conditions", "asthma.md")
	original, err := os.ReadFile(article)
	if err != nil {
		t.Fatal(err)
	}
	const marker = "Live reload marker from the e2e test."
	writeFileT(t, article, append(bytes.Clone(original), "\n"+marker+"\n"...))
	if err := tb.eventually(`document.body.innerText.includes(`+jsString(marker)+`)`, rebuildWait); err != nil {
		t.Fatalf("after the article changed, the page did not show the new text: %v", err)
	}

	broken := strings.Replace(string(original), `title: "Asthma"`, `title: [unclosed`, 1)
	if broken == string(original) {
		t.Fatal(`the demo article has no line title: "Asthma" to break`)
	}
	writeFileT(t, article, []byte(broken))
	const overlay = `document.querySelector('[role="alertdialog"]')`
	if err := tb.eventually(overlay+`?.textContent.includes('asthma.md') ?? false`, rebuildWait); err != nil {
		t.Fatalf("broken front matter showed no error overlay naming asthma.md: %v; overlay: %s", err, tryEval(tb, overlay+`?.outerHTML ?? 'none'`))
	}

	writeFileT(t, article, original)
	if err := tb.eventually(overlay+` === null && !document.body.innerText.includes(`+jsString(marker)+`)`, rebuildWait); err != nil {
		t.Fatalf("after the fix the error overlay stayed, or the page kept the old text: %v", err)
	}
}

// copyDemoSite copies the demo site's sources (not its output) into a
// temporary folder.
func copyDemoSite(t *testing.T) string {
	t.Helper()
	site := t.TempDir()
	for _, dir := range []string{"content", "data", "static"} {
		if err := os.CopyFS(filepath.Join(site, dir), os.DirFS(filepath.Join(shared.root, dir))); err != nil {
			t.Fatal(err)
		}
	}
	config, err := os.ReadFile(filepath.Join(shared.root, "medkb.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	writeFileT(t, filepath.Join(site, "medkb.yaml"), config)
	return site
}

// startServe runs `medkb serve` in process on a free loopback port until the
// test ends and returns the URL it serves at, without a trailing slash.
func startServe(t *testing.T, site string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdout, w := io.Pipe()
	var stderr lockedBuffer
	exit := make(chan int, 1)
	go func() {
		env := cli.Env{Stdout: w, Stderr: &stderr, Dir: site}
		exit <- cli.Main(ctx, env, []string{"serve", "--source", site, "--port", "0"})
		w.Close()
	}()
	t.Cleanup(func() {
		cancel()
		if code := <-exit; code != cli.ExitOK {
			t.Errorf("medkb serve exited with code %d\n%s", code, stderr.String())
		}
	})

	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if rest, ok := strings.CutPrefix(sc.Text(), "Serving at "); ok {
				urls <- strings.TrimSuffix(strings.Fields(rest)[0], "/")
				break
			}
		}
		io.Copy(io.Discard, stdout) // keep the server from blocking on its output
	}()
	select {
	case u := <-urls:
		return u
	case code := <-exit:
		exit <- code
		t.Fatalf("medkb serve exited with code %d before serving\n%s", code, stderr.String())
	case <-time.After(hangGuard):
		t.Fatalf("medkb serve printed no \"Serving at\" line\n%s", stderr.String())
	}
	return ""
}

// lockedBuffer is a bytes.Buffer safe for one writer and one reader at a time.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func writeFileT(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
