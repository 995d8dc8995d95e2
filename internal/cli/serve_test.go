package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a goroutine-safe writer for the server's output.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type sse struct {
	event, data string
}

// subscribe reads the server's event stream into a channel.
func subscribe(t *testing.T, ctx context.Context, url string) <-chan sse {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, "GET", url+"__medkb/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	ch := make(chan sse, 64)
	go func() {
		defer resp.Body.Close()
		defer close(ch)
		sc := bufio.NewScanner(resp.Body)
		var ev sse
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event:"):
				ev.event = strings.TrimSpace(strings.TrimPrefix(line, "event:"))
			case strings.HasPrefix(line, "data:"):
				ev.data = strings.TrimSpace(strings.TrimPrefix(line, "data:"))
			case line == "" && ev.event != "":
				ch <- ev
				ev = sse{}
			}
		}
	}()
	return ch
}

// hangGuard bounds each wait of these tests for something medkb is
// expected to do (print its address after the first build, send an
// event, rebuild the search index, shut down, stop a build on a signal):
// a broken medkb then fails the test, naming what it waited for, instead
// of stalling the suite until go test's -timeout (10 minutes). It is
// generous on purpose: on a loaded machine a small site's build has
// taken two minutes (session 51), and the 5 to 60 s waits these tests had
// could fail a medkb that was only slow. Nothing here asserts speed.
const hangGuard = 5 * time.Minute

// waitFor returns the first event of the given kind, failing after
// hangGuard.
func waitFor(t *testing.T, ch <-chan sse, kind string) sse {
	t.Helper()
	timeout := time.After(hangGuard)
	for {
		select {
		case ev, ok := <-ch:
			if !ok {
				t.Fatalf("event stream closed while waiting for %q", kind)
			}
			if ev.event == kind {
				return ev
			}
		case <-timeout:
			t.Fatalf("no %q event within %s", kind, hangGuard)
		}
	}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestServeRebuildsReloadsAndRecovers(t *testing.T) {
	site := newSite(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- Main(ctx, Env{Stdout: &out, Stderr: &errOut, Dir: site}, []string{"serve", "--port", "0", "--allowed-host", "kb.test", "--allowed-host", "docs.test"})
	}()
	defer func() {
		cancel()
		select {
		case code := <-done:
			if code != ExitOK {
				t.Errorf("serve exited %d after Ctrl-C:\n%s", code, errOut.String())
			}
		case <-time.After(hangGuard):
			t.Error("serve did not shut down")
		}
	}()
	urlRe := regexp.MustCompile(`Serving at (http://127\.0\.0\.1:\d+/)`)
	var url string
	for deadline := time.Now().Add(hangGuard); url == "" && time.Now().Before(deadline); {
		if m := urlRe.FindStringSubmatch(out.String()); m != nil {
			url = m[1]
		}
		time.Sleep(50 * time.Millisecond)
	}
	if url == "" {
		t.Fatalf("serve printed no URL:\n%s\n%s", out.String(), errOut.String())
	}
	events := subscribe(t, ctx, url)
	article := filepath.Join(site, "content/conditions/example.md")
	src, _ := os.ReadFile(article)

	t.Run("edit", func(t *testing.T) {
		_, manifest := get(t, url+"search/manifest.json")
		if err := os.WriteFile(article, append(src, []byte("\nFreshly edited sentence about zygomycosis.\n")...), 0o644); err != nil {
			t.Fatal(err)
		}
		waitFor(t, events, "reload")
		code, body := get(t, url+"conditions/example/")
		if code != 200 || !strings.Contains(body, "Freshly edited sentence about zygomycosis.") {
			t.Errorf("edited page not served: %d", code)
		}
		if !strings.Contains(body, "/__medkb/livereload.js") {
			t.Error("serve mode does not inject the live-reload script")
		}
		// The search index follows shortly after the reload.
		for deadline := time.Now().Add(hangGuard); ; {
			if _, m := get(t, url+"search/manifest.json"); m != manifest {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("the search index was not updated within %s of the edit", hangGuard)
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	t.Run("an i18n edit rebuilds with the new string", func(t *testing.T) {
		// The site's i18n/ folder overrides the theme's strings; creating
		// it and editing it must both rebuild (serve once ignored i18n/).
		if err := os.MkdirAll(filepath.Join(site, "i18n"), 0o755); err != nil {
			t.Fatal(err)
		}
		for _, text := range []string{"Jump straight to the article", "Go to the article text"} {
			if err := os.WriteFile(filepath.Join(site, "i18n/en.yaml"), []byte("skip: \""+text+"\"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			waitFor(t, events, "reload")
			if _, body := get(t, url+"conditions/example/"); !strings.Contains(body, text) {
				t.Errorf("the page does not show the edited string %q", text)
			}
		}
	})
	t.Run("atomic save through rename", func(t *testing.T) {
		tmp := article + ".tmp"
		os.WriteFile(tmp, append(src, []byte("\nSaved through a rename.\n")...), 0o644)
		if err := os.Rename(tmp, article); err != nil {
			t.Fatal(err)
		}
		waitFor(t, events, "reload")
		if _, body := get(t, url+"conditions/example/"); !strings.Contains(body, "Saved through a rename.") {
			t.Error("rename-saved change not served")
		}
	})
	t.Run("add and delete a page and a folder", func(t *testing.T) {
		os.MkdirAll(filepath.Join(site, "content/tests"), 0o755)
		page := "---\ntitle: \"Blood test\"\nsummary: \"A new page.\"\n---\nNew page body.\n"
		os.WriteFile(filepath.Join(site, "content/tests/blood.md"), []byte(page), 0o644)
		waitFor(t, events, "reload")
		if code, body := get(t, url+"tests/blood/"); code != 200 || !strings.Contains(body, "New page body.") {
			t.Fatalf("new page in a new folder not served: %d", code)
		}
		os.RemoveAll(filepath.Join(site, "content/tests"))
		waitFor(t, events, "reload")
		if code, _ := get(t, url+"tests/blood/"); code != 404 {
			t.Errorf("deleted page still served: %d", code)
		}
	})
	t.Run("broken front matter shows the error, fix recovers", func(t *testing.T) {
		os.WriteFile(article, []byte("---\ntitle: Broken\ndate: 2024-13-45\n---\nBody\n"), 0o644)
		ev := waitFor(t, events, "error")
		if !strings.Contains(ev.data, "content/conditions/example.md:3") {
			t.Errorf("error event lacks file:line: %s", ev.data)
		}
		if code, body := get(t, url+"conditions/example/"); code != 200 || !strings.Contains(body, "Saved through a rename.") {
			t.Errorf("last good page not served during the error: %d", code)
		}
		os.WriteFile(article, src, 0o644)
		waitFor(t, events, "ok")
	})
	t.Run("only its own host names are answered", func(t *testing.T) {
		addr := strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/")
		_, port, _ := net.SplitHostPort(addr)
		for host, want := range map[string]string{
			"evil.example:" + port: " 403 ",
			"localhost:" + port:    " 200 ",
			"kb.test:" + port:      " 200 ",
			"docs.test:" + port:    " 200 ",
		} {
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(conn, "GET /conditions/example/ HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", host)
			resp, _ := io.ReadAll(conn)
			conn.Close()
			if status := strings.SplitN(string(resp), "\r\n", 2)[0]; !strings.Contains(status, want) {
				t.Errorf("Host %s: %s, want%s", host, status, want)
			}
		}
	})
	t.Run("paths escaping the root are refused", func(t *testing.T) {
		host := strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/")
		for _, p := range []string{"/../medkb.yaml", "/%2e%2e/medkb.yaml", "/..%2fmedkb.yaml", "/conditions/..\\..\\medkb.yaml"} {
			conn, err := net.Dial("tcp", host)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", p, host)
			resp, _ := io.ReadAll(conn)
			conn.Close()
			status := strings.SplitN(string(resp), "\r\n", 2)[0]
			if !strings.Contains(status, " 400 ") && !strings.Contains(status, " 404 ") {
				t.Errorf("GET %s: %s", p, status)
			}
			if strings.Contains(string(resp), "base_url") {
				t.Errorf("GET %s leaked medkb.yaml", p)
			}
		}
	})
}

// startServe runs `medkb serve --port 0 args…` on site until the test ends
// and returns its URL and terminal output.
func startServe(t *testing.T, site string, args ...string) (string, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- Main(ctx, Env{Stdout: &out, Stderr: &errOut, Dir: site}, append([]string{"serve", "--port", "0"}, args...))
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(hangGuard):
			t.Error("serve did not shut down")
		}
	})
	urlRe := regexp.MustCompile(`Serving at (http://127\.0\.0\.1:\d+/\S*)`) // with the site's path
	for deadline := time.Now().Add(hangGuard); time.Now().Before(deadline); {
		if m := urlRe.FindStringSubmatch(out.String()); m != nil {
			return m[1], &errOut
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("serve printed no URL:\n%s\n%s", out.String(), errOut.String())
	return "", nil
}

const hardParagraph = "Management incorporates pharmacological interventions, pulmonary rehabilitation, vaccination and individualised self-management education, considering comorbidities and multidisciplinary coordination requirements."

func TestServeShowsWarningsAndDrafts(t *testing.T) {
	site := newSite(t, map[string]string{
		"content/conditions/croup.md": "---\ntitle: \"Croup\"\nsummary: \"A barking cough.\"\ndraft: true\n---\nCroup gives children a barking cough.\n",
	})
	url, terminal := startServe(t, site)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := subscribe(t, ctx, url)
	waitFor(t, events, "warnings") // the current list, replayed on connecting

	if code, body := get(t, url+"conditions/croup/"); code != 200 || !strings.Contains(body, `<p class="draft-banner"><strong>Draft</strong>`) {
		t.Errorf("serve does not show the draft with its banner: %d", code)
	}

	gradeRe := regexp.MustCompile(`<code>content/conditions/example.md</code>[^<]*</td><td>[^<]*</td><td>[^<]*</td><td> — grade ([0-9.]+)</td>`)
	reportGrade := func() string {
		code, body := get(t, url+"_medkb/report/")
		m := gradeRe.FindStringSubmatch(body)
		if code != 200 || m == nil {
			t.Fatalf("GET /_medkb/report/ = %d, without the example's readability row:\n%s", code, body)
		}
		return m[1]
	}
	before := reportGrade()

	article := filepath.Join(site, "content/conditions/example.md")
	src, _ := os.ReadFile(article)
	line := strings.Count(string(src), "\n") + 2 // after a blank line
	if err := os.WriteFile(article, append(src, []byte("\n"+hardParagraph+"\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	for {
		ev := waitFor(t, events, "warnings")
		var data struct {
			Warnings []struct {
				URL, File, Check, Message, Hint string
				Line                            int
			}
		}
		if err := json.Unmarshal([]byte(ev.data), &data); err != nil {
			t.Fatal(err)
		}
		found := false
		for _, w := range data.Warnings {
			if w.Check == "readability" && w.File == "content/conditions/example.md" {
				if w.URL != "/conditions/example/" || w.Line != line || w.Hint == "" {
					t.Errorf("readability warning = %+v; want url /conditions/example/, line %d and a hint", w, line)
				}
				found = true
			}
		}
		if found {
			break
		}
	}
	want := fmt.Sprintf("content/conditions/example.md:%d: warning: reading grade ", line)
	for deadline := time.Now().Add(hangGuard); !strings.Contains(terminal.String(), want); {
		if time.Now().After(deadline) {
			t.Fatalf("terminal lacks %q:\n%s", want, terminal.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	for l := range strings.Lines(terminal.String()) {
		if strings.Contains(l, want) && !strings.HasSuffix(l, "[readability]\n") {
			t.Errorf("the warning is not one line ending with its check name: %q", l)
		}
	}

	if after := reportGrade(); after == before {
		t.Errorf("the report page still gives the example grade %s after the edit", after)
	}

	t.Run("without drafts, the 404 says it is a draft", func(t *testing.T) {
		url, _ := startServe(t, site, "--drafts=false")
		code, body := get(t, url+"conditions/croup/")
		if code != 404 || !strings.Contains(body, "content/conditions/croup.md is a draft (draft: true)") ||
			!strings.Contains(body, "Restart it without --drafts=false") {
			t.Errorf("GET a draft without drafts: %d, no draft hint:\n%s", code, body)
		}
		if code, body := get(t, url+"conditions/nothing/"); code != 404 || strings.Contains(body, "is a draft") {
			t.Errorf("GET a missing page: %d, or a draft hint", code)
		}
	})
}

// TestServeSaysWhenChecksDidNotRun: a build that stops before the page
// checks (an unknown layout) says so below its errors, as medkb build and
// check do, in the terminal, in the error event the overlay shows (one
// message of its own) and, escaped, on the page shown while nothing has
// built; the rebuild after the fix, which runs the checks, no longer says
// it. Before, serve showed the layout error alone and the writer could
// take it for all the site's problems.
func TestServeSaysWhenChecksDidNotRun(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := run(t, dir, "new", "site", "s"); code != ExitOK {
		t.Fatal(errOut)
	}
	site := filepath.Join(dir, "s")
	page := filepath.Join(site, "content/conditions/r&d.md") // & is escaped on the page
	head := "---\ntitle: \"Research\"\nsummary: \"How research is done.\"\n"
	if err := os.WriteFile(page, []byte(head+"layout: nosuch\n---\nResearch is careful work.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	const notChecked = "the page checks (links, anchors, images, alt text, reviews, sources, readability, identifiers, duplicate titles) did not run: " +
		"the build stopped at the error at content/conditions/r&d.md:4; fix that error and run medkb check again to see the rest"
	url, terminal := startServe(t, site)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := subscribe(t, ctx, url)
	messages := func(ev sse) []string {
		t.Helper()
		var data struct{ Messages []string }
		if err := json.Unmarshal([]byte(ev.data), &data); err != nil {
			t.Fatal(err)
		}
		return data.Messages
	}

	// The failure is replayed to a tab that connects while it lasts.
	if got := messages(waitFor(t, events, "error")); !slices.Contains(got, notChecked) || !strings.Contains(got[0], `content/conditions/r&d.md:4: error: layout "nosuch" does not exist`) {
		t.Errorf("error event messages:\n%s\nwant the layout error, then %q", strings.Join(got, "\n"), notChecked)
	}
	if !strings.Contains(terminal.String(), "\n  "+notChecked+"\n") {
		t.Errorf("terminal lacks %q:\n%s", notChecked, terminal.String())
	}
	if code, body := get(t, url); code != 503 || !strings.Contains(body, html.EscapeString(notChecked)) || strings.Contains(body, "r&d.md:4;") {
		t.Errorf("GET / before any good build = %d; want 503 and the sentence, escaped:\n%s", code, body)
	}

	// The layout fixed, the checks run and find a broken link: the
	// sentence is gone.
	if err := os.WriteFile(page, []byte(head+"---\nSee [the trials](/nowhere/).\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got := messages(waitFor(t, events, "error"))
	if slices.Contains(got, notChecked) || !strings.Contains(strings.Join(got, "\n"), `content/conditions/r&d.md:5: error: broken link "/nowhere/"`) {
		t.Errorf("error event after the layout fix:\n%s\nwant the link error from the checks, and no %q", strings.Join(got, "\n"), notChecked)
	}
	if err := os.WriteFile(page, []byte(head+"---\nResearch is careful work.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, events, "ok")
	if code, _ := get(t, url+"conditions/r&d/"); code != 200 {
		t.Errorf("GET the fixed page = %d, want 200", code)
	}
}

// TestServeUnderTheSitesPath: a site whose base_url has a path is served
// under it, as its host serves it: the printed address has the path, the
// host's root redirects there, the pages, their assets and the editor's
// report are there with their addresses under it, an address outside it
// is not found, and the warnings the browser matches against its own
// address carry the path.
func TestServeUnderTheSitesPath(t *testing.T) {
	site := newSite(t, map[string]string{
		"content/conditions/croup.md": "---\ntitle: \"Croup\"\nsummary: \"A barking cough.\"\n---\nCroup gives children a barking cough.\n",
	})
	yaml := filepath.Join(site, "medkb.yaml")
	src, err := os.ReadFile(yaml)
	if err != nil {
		t.Fatal(err)
	}
	src = regexp.MustCompile(`(?m)^base_url:.*$`).ReplaceAll(src, []byte("base_url: https://org.github.io/guide/"))
	if err := os.WriteFile(yaml, src, 0o644); err != nil {
		t.Fatal(err)
	}
	url, _ := startServe(t, site)
	root, ok := strings.CutSuffix(url, "guide/")
	if !ok {
		t.Fatalf("serve printed %s, not the address under /guide/", url)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(root)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/guide/" {
		t.Errorf("GET / = %d to %q, want a redirect to /guide/", resp.StatusCode, resp.Header.Get("Location"))
	}
	if code, body := get(t, url+"conditions/croup/"); code != 200 || !strings.Contains(body, `<script src="/guide/js/site.js" defer></script>`) ||
		!strings.Contains(body, `data-base="/guide/search/"`) {
		t.Errorf("GET /guide/conditions/croup/ = %d, without its addresses under /guide/:\n%s", code, body)
	}
	if code, _ := get(t, url+"js/site.js"); code != 200 {
		t.Errorf("GET /guide/js/site.js = %d", code)
	}
	if code, _ := get(t, root+"js/site.js"); code != 404 {
		t.Errorf("GET /js/site.js = %d, want 404: the site is under /guide/", code)
	}
	if code, body := get(t, url+"_medkb/report/"); code != 200 || !strings.Contains(body, `href="/guide/css/site.css"`) {
		t.Errorf("GET /guide/_medkb/report/ = %d, without its stylesheet under /guide/", code)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ev := waitFor(t, subscribe(t, ctx, root), "warnings")
	var data struct{ Warnings []struct{ URL, File string } }
	if err := json.Unmarshal([]byte(ev.data), &data); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, w := range data.Warnings {
		if w.File == "content/conditions/croup.md" {
			found = true
			if w.URL != "/guide/conditions/croup/" {
				t.Errorf("warning of %s has url %q, want /guide/conditions/croup/", w.File, w.URL)
			}
		}
	}
	if !found {
		t.Errorf("no warning of content/conditions/croup.md in %s", ev.data)
	}
}

// TestServeUnderTheSitesPathWithAddressesWrittenWithIt: medkb.yaml's
// site-rooted addresses written with the site's path (a trust page, a
// menu entry, publisher.logo) are, in `medkb serve` as in `medkb build`,
// site-wide warnings at their lines in the warnings event, and the pages
// the server answers link them under /guide/ once; nothing the server
// sends (pages, the report, the events) has /guide/guide/, before an
// edit and after the rebuild it makes.
func TestServeUnderTheSitesPathWithAddressesWrittenWithIt(t *testing.T) {
	site := newSite(t, nil)
	yaml := filepath.Join(site, "medkb.yaml")
	src, err := os.ReadFile(yaml)
	if err != nil {
		t.Fatal(err)
	}
	text := regexp.MustCompile(`(?m)^base_url:.*$`).ReplaceAllString(string(src), "base_url: https://org.github.io/guide/")
	text = regexp.MustCompile(`(?m)^  editorial_policy: /about/editorial-policy/$`).ReplaceAllString(text, "  editorial_policy: /guide/about/editorial-policy/")
	text = regexp.MustCompile(`(?m)^publisher:\n  name: (.*)\n`).ReplaceAllString(text, "publisher:\n  name: $1\n  logo: /guide/images/favicon.png\n")
	text += "menu:\n  - name: Conditions\n    url: /guide/conditions/\n"
	lineOf := func(s string) int {
		i := strings.Index(text, s)
		if i < 0 {
			t.Fatalf("medkb.yaml has no %q:\n%s", s, text)
		}
		return strings.Count(text[:i], "\n") + 1
	}
	want := map[int]string{
		lineOf("  editorial_policy: /guide/"): `trust_pages.editorial_policy "/guide/about/editorial-policy/" starts with the site's path /guide/`,
		lineOf("  logo: /guide/"):             `publisher.logo "/guide/images/favicon.png" starts with the site's path /guide/`,
		lineOf("  - name: Conditions"):        `url "/guide/conditions/" of menu entry "Conditions" starts with the site's path /guide/`,
	}
	if err := os.WriteFile(yaml, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	url, _ := startServe(t, site)
	root, _ := strings.CutSuffix(url, "guide/")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := subscribe(t, ctx, root)

	check := func(when string, ev sse) {
		t.Helper()
		if strings.Contains(ev.data, "guide/guide") {
			t.Errorf("%s: the warnings event has /guide/guide/: %s", when, ev.data)
		}
		var data struct {
			Warnings []struct {
				URL, File, Message, Hint string
				Line                     int
			}
		}
		if err := json.Unmarshal([]byte(ev.data), &data); err != nil {
			t.Fatal(err)
		}
		for line, msg := range want {
			if !slices.ContainsFunc(data.Warnings, func(w struct {
				URL, File, Message, Hint string
				Line                     int
			}) bool {
				return w.File == "medkb.yaml" && w.Line == line && w.URL == "" && strings.HasPrefix(w.Message, msg)
			}) {
				t.Errorf("%s: no site-wide warning at medkb.yaml:%d saying %s in %s", when, line, msg, ev.data)
			}
		}
		for _, w := range data.Warnings {
			if strings.Contains(w.Message, "a layout?") {
				t.Errorf("%s: medkb.yaml's addresses also reported as a page's: %s: %s", when, w.File, w.Message)
			}
		}
		for _, p := range []string{"", "conditions/example/", "about/editorial-policy/", "_medkb/report/"} {
			code, body := get(t, url+p)
			if code != 200 || strings.Contains(body, "guide/guide") {
				t.Errorf("%s: GET /guide/%s = %d, with /guide/guide/ %d times", when, p, code, strings.Count(body, "guide/guide"))
			}
			if p == "conditions/example/" {
				for _, s := range []string{`href="/guide/about/editorial-policy/"`, `href="/guide/conditions/"`, `"https://org.github.io/guide/images/favicon.png"`} {
					if !strings.Contains(body, s) {
						t.Errorf("%s: GET /guide/%s has no %s", when, p, s)
					}
				}
			}
		}
	}
	check("first build", waitFor(t, events, "warnings"))

	article := filepath.Join(site, "content/conditions/example.md")
	src, err = os.ReadFile(article)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(article, append(src, "\nOne more sentence about the example.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	check("after an edit", waitFor(t, events, "warnings")) // sent before the reload

}
