package hostconfig_test

// The generated nginx, Caddy and Apache configs, served by the real servers
// (Debian packages nginx-light, caddy and apache2, which
// internal/e2e/install.sh installs)
// on loopback, asked with a real HTTP client.

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/medkb/medkb/internal/cli"
	"github.com/medkb/medkb/internal/hostconfig"
	"github.com/medkb/medkb/internal/mediatype"
)

// builtDemo builds the demo site at the repository root into a temp folder
// and returns the folder holding public/ and .medkb/server/.
func builtDemo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"content", "static", "data", "medkb.yaml"} {
		src := filepath.Join("..", "..", name)
		if err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(filepath.Join("..", ".."), p)
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dir, rel), 0o755)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
		}); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if code := cli.Main(context.Background(), cli.Env{Stdout: &out, Stderr: &out, Dir: dir, Getenv: os.Getenv}, []string{"build", "--quiet"}); code != 0 {
		t.Fatalf("medkb build: exit %d\n%s", code, out.String())
	}
	return dir
}

// handedOut holds the addresses freePort has given: the kernel may give
// a port it just freed again, and the servers start in parallel
// subtests, so without it two could be given one port. Then one
// server's readiness check connected to the other's freePort listener,
// which was closed at once ("connection reset by peer", seen under
// load).
var handedOut = struct {
	sync.Mutex
	addrs map[string]bool
}{addrs: map[string]bool{}}

func freePort(t *testing.T) string {
	t.Helper()
	handedOut.Lock()
	defer handedOut.Unlock()
	for {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		l.Close()
		if !handedOut.addrs[addr] {
			handedOut.addrs[addr] = true
			return addr
		}
	}
}

func need(t *testing.T, program, pkg string) string {
	t.Helper()
	for _, p := range []string{program, "/usr/sbin/" + program, "/usr/bin/" + program} {
		if full, err := exec.LookPath(p); err == nil {
			return full
		}
	}
	t.Fatalf("%s is not installed: run bash internal/e2e/install.sh (Debian package %s)", program, pkg)
	return ""
}

// serve starts a server and waits until addr accepts connections.
func serve(t *testing.T, addr string, cmd *exec.Cmd) {
	t.Helper()
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			t.Logf("%s output:\n%s", cmd.Path, logs.String())
		}
	})
	deadline := time.Now().Add(15 * time.Second)
	for {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not listen on %s:\n%s", cmd.Path, addr, logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestGeneratedServerConfigs(t *testing.T) {
	dir := builtDemo(t)
	public := filepath.Join(dir, "public")
	// A .well-known file is part of the site, although its folder starts with a dot.
	os.MkdirAll(filepath.Join(public, ".well-known"), 0o755)
	os.WriteFile(filepath.Join(public, ".well-known", "security.txt"), []byte("Contact: mailto:security@example.org\n"), 0o644)
	extraFiles(t, public)
	server := filepath.Join(dir, filepath.FromSlash(hostconfig.PrivateDir))
	for _, name := range []string{"nginx.conf", "Caddyfile", "s3-website.json", "Caddyfile.bucket", "cloudfront-function.js"} {
		if _, err := os.Stat(filepath.Join(public, name)); err == nil {
			t.Errorf("%s is inside public/, where a web server would publish it", name)
		}
	}

	// Netlify and Cloudflare Pages are not here: their _headers file is
	// read by its documented rules (headerRules), for every file of the
	// built site.
	t.Run("_headers", func(t *testing.T) {
		t.Parallel()
		data, err := os.ReadFile(filepath.Join(public, "_headers"))
		if err != nil {
			t.Fatal(err)
		}
		rules := headerRules(t, string(data))
		err = filepath.WalkDir(public, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel := filepath.ToSlash(strings.TrimPrefix(p, public+string(filepath.Separator)))
			if hostconfig.Hidden(rel) {
				return nil
			}
			urls := []string{"/" + rel}
			if path.Base(rel) == "index.html" {
				urls = append(urls, "/"+strings.TrimSuffix(rel, "index.html"))
			}
			for _, u := range urls {
				h := rules.headers(u)
				if len(h["Cache-Control"]) > 1 {
					t.Errorf("_headers: %s gets %d Cache-Control values, which the hosts join: %q", u, len(h["Cache-Control"]), h["Cache-Control"])
				}
				got, want := h["Content-Type"], mediatype.Of(rel)
				switch {
				case (!mediatype.Fixed(rel) || !hostconfig.HeadersSetType(rel)) && len(got) == 0:
					// The host's own type, for a kind medkb has none of its
					// own for, or one the hosts type as standard themselves.
				case len(got) != 1 || got[0] != want:
					t.Errorf("_headers: %s gets Content-Type %q, want %q (medkb serve's)", u, got, want)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})

	t.Run("nginx", func(t *testing.T) {
		t.Parallel()
		bin := need(t, "nginx", "nginx-light")
		addr := freePort(t)
		prefix := t.TempDir()
		conf := fmt.Sprintf(`daemon off;
master_process off;
pid %[1]s/nginx.pid;
error_log stderr;
events {}
http {
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path %[1]s/body;
    proxy_temp_path %[1]s/proxy;
    fastcgi_temp_path %[1]s/fastcgi;
    uwsgi_temp_path %[1]s/uwsgi;
    scgi_temp_path %[1]s/scgi;
    server {
        listen %[2]s;
        root %[3]s;
        include %[4]s;
    }
}
`, prefix, addr, public, filepath.Join(server, "nginx.conf"))
		os.WriteFile(filepath.Join(prefix, "nginx.conf"), []byte(conf), 0o644)
		serve(t, addr, exec.Command(bin, "-p", prefix, "-c", filepath.Join(prefix, "nginx.conf"), "-e", "stderr"))
		checkServed(t, "http://"+addr, public)
	})

	t.Run("apache", func(t *testing.T) {
		t.Parallel()
		bin := need(t, "apache2", "apache2")
		addr := freePort(t)
		run := t.TempDir()
		// Apache's workers run as an unprivileged user, which must read the site.
		for p := public; p != filepath.Dir(os.TempDir()); p = filepath.Dir(p) {
			os.Chmod(p, 0o755)
		}
		filepath.WalkDir(public, func(p string, d os.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				os.Chmod(p, 0o755)
			}
			return nil
		})
		mods := "/usr/lib/apache2/modules/"
		conf := fmt.Sprintf(`LoadModule mpm_prefork_module %[1]smod_mpm_prefork.so
LoadModule authz_core_module %[1]smod_authz_core.so
LoadModule dir_module %[1]smod_dir.so
LoadModule mime_module %[1]smod_mime.so
LoadModule headers_module %[1]smod_headers.so
LoadModule alias_module %[1]smod_alias.so
ServerName localhost
Listen %[2]s
PidFile %[3]s/httpd.pid
ErrorLog /dev/stderr
User nobody
Group nogroup
TypesConfig /etc/mime.types
DirectoryIndex index.html
DocumentRoot %[4]s
<Directory %[4]s>
    AllowOverride FileInfo
    Require all granted
</Directory>
`, mods, addr, run, public)
		os.WriteFile(filepath.Join(run, "httpd.conf"), []byte(conf), 0o644)
		serve(t, addr, exec.Command(bin, "-X", "-d", run, "-f", filepath.Join(run, "httpd.conf")))
		checkServed(t, "http://"+addr, public)
	})

	t.Run("caddy", func(t *testing.T) {
		t.Parallel()
		bin := need(t, "caddy", "caddy")
		addr := freePort(t)
		home := t.TempDir()
		conf := fmt.Sprintf(`{
	admin off
	auto_https off
}
http://%s {
	root * %s
	import %s
}
`, addr, public, filepath.Join(server, "Caddyfile"))
		os.WriteFile(filepath.Join(home, "Caddyfile"), []byte(conf), 0o644)
		cmd := exec.Command(bin, "run", "--config", filepath.Join(home, "Caddyfile"), "--adapter", "caddyfile")
		cmd.Env = append(os.Environ(), "HOME="+home, "XDG_DATA_HOME="+home, "XDG_CONFIG_HOME="+home)
		serve(t, addr, cmd)
		checkServed(t, "http://"+addr, public)
	})
}

// checkServed asks a server for the demo site and checks what it answers.
func checkServed(t *testing.T, base, public string) {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(p string) (*http.Response, []byte) {
		t.Helper()
		resp, err := client.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp, body
	}
	file := func(rel string) []byte {
		b, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	security := map[string]string{
		"Content-Security-Policy": hostconfig.CSP,
		"Referrer-Policy":         "strict-origin-when-cross-origin",
		"X-Content-Type-Options":  "nosniff",
		"Permissions-Policy":      "camera=(), microphone=(), geolocation=(), interest-cohort=()",
	}
	shard := ""
	entries, _ := os.ReadDir(filepath.Join(public, "search", "postings"))
	if len(entries) > 0 {
		shard = "/search/postings/" + entries[0].Name()
	}
	for _, c := range []struct {
		path, status, cache string
		body                []byte
	}{
		{"/", "200 OK", "public, max-age=0, must-revalidate", file("index.html")},
		{"/conditions/asthma/", "200 OK", "public, max-age=0, must-revalidate", file("conditions/asthma/index.html")},
		{"/es/", "200 OK", "public, max-age=0, must-revalidate", file("es/index.html")},
		{"/index.xml", "200 OK", "public, max-age=0, must-revalidate", file("index.xml")},
		{"/search/manifest.json", "200 OK", "public, max-age=0, must-revalidate", file("search/manifest.json")},
		{shard, "200 OK", "public, max-age=31536000, immutable", file(shard[1:])},
		{"/images/logo.png", "200 OK", "public, max-age=86400", file("images/logo.png")},
		{"/no/such/page/", "404 Not Found", "", file("404.html")},
		{"/es/no-such-page/", "404 Not Found", "", file("es/404.html")},
		{"/.medkb-output", "404 Not Found", "", nil},
		{"/.htaccess", "404 Not Found", "", nil},
		{"/_headers", "404 Not Found", "", nil},
		{"/.well-known/security.txt", "200 OK", "public, max-age=0, must-revalidate", []byte("Contact: mailto:security@example.org\n")},
	} {
		resp, body := get(c.path)
		if resp.Status != c.status {
			t.Errorf("GET %s: %s, want %s", c.path, resp.Status, c.status)
			continue
		}
		for k, v := range security {
			if got := resp.Header.Get(k); got != v {
				t.Errorf("GET %s: %s: %q, want %q", c.path, k, got, v)
			}
		}
		if c.cache != "" && resp.Header.Get("Cache-Control") != c.cache {
			t.Errorf("GET %s: Cache-Control %q, want %q", c.path, resp.Header.Get("Cache-Control"), c.cache)
		}
		if c.body != nil && !bytes.Equal(body, c.body) {
			t.Errorf("GET %s: the body is not public/'s file (%d bytes, want %d)", c.path, len(body), len(c.body))
		}
	}
	// Every kind of file medkb publishes is sent with the Content-Type
	// medkb serve sends (mediatype.Of): the feeds, their stylesheet,
	// feed.json, the search index, and the kinds extraFiles adds.
	for _, p := range contentTypePaths(t, public) {
		resp, _ := get(p)
		want := mediatype.Of(strings.TrimSuffix(p, "/") + map[bool]string{true: "/index.html"}[strings.HasSuffix(p, "/")])
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %s, want 200 OK", p, resp.Status)
			continue
		}
		if got := resp.Header.Values("Content-Type"); len(got) != 1 || got[0] != want {
			t.Errorf("GET %s: Content-Type %q, want %q (medkb serve's)", p, got, want)
		}
	}
	// A missing file of such a kind is the 404 page, an HTML page, sent
	// as one: not with the type of the address asked for.
	for _, p := range []string{"/no/such/style.css", "/es/no/such/feed.json", "/no/such/feed.xsl", "/no/such/page.html"} {
		resp, _ := get(p)
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %s, want 404 Not Found", p, resp.Status)
		}
		if got, want := resp.Header.Values("Content-Type"), mediatype.Of("404.html"); len(got) != 1 || got[0] != want {
			t.Errorf("GET %s (404): Content-Type %q, want %q, the 404 page's", p, got, want)
		}
	}
	resp, _ := get("/conditions/hypertension/")
	if resp.StatusCode != http.StatusMovedPermanently || !strings.HasSuffix(resp.Header.Get("Location"), "/conditions/high-blood-pressure/") {
		t.Errorf("GET /conditions/hypertension/ (an alias): %s, Location %q; want a 301 to /conditions/high-blood-pressure/", resp.Status, resp.Header.Get("Location"))
	}
	if resp.Header.Get("Content-Security-Policy") != hostconfig.CSP {
		t.Errorf("the alias's redirect lacks the security headers: %v", resp.Header)
	}
}

// extraKinds are the kinds of file medkb can publish that the demo site
// has none of (a theme's fonts, a web app manifest, a static file of
// each kind mediatype names), written into public/ by extraFiles.
var extraKinds = []string{
	"fonts/body.woff2", "fonts/body.woff", "site.webmanifest", "favicon.ico",
	"images/photo.jpg", "images/photo.jpeg", "images/photo.webp", "images/photo.avif", "images/anim.gif",
	"js/module.mjs", "js/app.js.map", "app.wasm", "leaflets/asthma.pdf", "old/page.htm",
}

func extraFiles(t *testing.T, public string) {
	t.Helper()
	for _, rel := range extraKinds {
		p := filepath.Join(public, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// contentTypePaths are the URL paths of one file of each kind the built
// demo site (and extraFiles) holds: a page, the feeds (RSS index.xml,
// atom.xml, feed.json), the feed stylesheet, the search manifest, a
// hashed shard, the scripts and stylesheets, the sitemap, robots.txt,
// pictures.
func contentTypePaths(t *testing.T, public string) []string {
	t.Helper()
	seen := map[string]bool{}
	var out []string
	err := filepath.WalkDir(public, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, public+string(filepath.Separator)))
		if hostconfig.Hidden(rel) {
			return nil
		}
		kind := strings.ToLower(filepath.Ext(rel))
		switch base := filepath.Base(rel); {
		case base == "feed.json", base == "manifest.json", base == "atom.xml", base == "index.xml", base == "sitemap.xml":
			kind = base
		case strings.Contains(rel, "search/") && kind == ".json":
			kind = "shard"
		}
		if seen[kind] {
			return nil
		}
		seen[kind] = true
		if strings.HasSuffix(rel, "/index.html") {
			rel = strings.TrimSuffix(rel, "index.html")
		}
		out = append(out, "/"+rel)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{".html", "feed.json", "atom.xml", "index.xml", ".xsl", "manifest.json", "shard", ".css", ".js", ".png", ".svg", ".txt", ".woff2", ".webmanifest"} {
		if !seen[k] {
			t.Errorf("no file of kind %s in the built site", k)
		}
	}
	return out
}

// headerRule is a rule of a _headers file: a URL path pattern and the
// headers it sets.
type headerRule struct {
	re      *regexp.Regexp
	headers [][2]string
}

type headerRuleList []headerRule

// headerRules parses a _headers file as Netlify and Cloudflare Pages
// document it: a line starting with / is a URL path pattern, in which *
// (a splat) matches any characters, / included, and :name one path
// segment; the indented Name: value lines below it are its headers; #
// starts a comment.
func headerRules(t *testing.T, data string) headerRuleList {
	t.Helper()
	var rules headerRuleList
	for i, line := range strings.Split(data, "\n") {
		switch trimmed := strings.TrimSpace(line); {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
		case strings.HasPrefix(line, "/"):
			var re strings.Builder
			re.WriteString("^")
			for _, part := range regexp.MustCompile(`\*|:[A-Za-z]+|[^*:]+`).FindAllString(trimmed, -1) {
				switch {
				case part == "*":
					re.WriteString(".*")
				case strings.HasPrefix(part, ":"):
					re.WriteString("[^/]+")
				default:
					re.WriteString(regexp.QuoteMeta(part))
				}
			}
			re.WriteString("$")
			rules = append(rules, headerRule{re: regexp.MustCompile(re.String())})
		case line != trimmed && len(rules) > 0:
			name, value, ok := strings.Cut(trimmed, ":")
			if !ok {
				t.Fatalf("_headers line %d: %q is neither a path nor Name: value", i+1, line)
			}
			rules[len(rules)-1].headers = append(rules[len(rules)-1].headers, [2]string{http.CanonicalHeaderKey(strings.TrimSpace(name)), strings.TrimSpace(value)})
		default:
			t.Fatalf("_headers line %d: %q is neither a path nor an indented header", i+1, line)
		}
	}
	return rules
}

// headers returns the values each header gets at URL path u: every
// matching rule's, in order (the hosts join them with ", ").
func (rules headerRuleList) headers(u string) map[string][]string {
	out := map[string][]string{}
	for _, r := range rules {
		if r.re.MatchString(u) {
			for _, h := range r.headers {
				out[h[0]] = append(out[h[0]], h[1])
			}
		}
	}
	return out
}
