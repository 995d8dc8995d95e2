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
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/medkb/medkb/internal/cli"
	"github.com/medkb/medkb/internal/hostconfig"
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
	server := filepath.Join(dir, filepath.FromSlash(hostconfig.PrivateDir))
	for _, name := range []string{"nginx.conf", "Caddyfile", "s3-website.json", "Caddyfile.bucket", "cloudfront-function.js"} {
		if _, err := os.Stat(filepath.Join(public, name)); err == nil {
			t.Errorf("%s is inside public/, where a web server would publish it", name)
		}
	}

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
	resp, _ := get("/conditions/hypertension/")
	if resp.StatusCode != http.StatusMovedPermanently || !strings.HasSuffix(resp.Header.Get("Location"), "/conditions/high-blood-pressure/") {
		t.Errorf("GET /conditions/hypertension/ (an alias): %s, Location %q; want a 301 to /conditions/high-blood-pressure/", resp.Status, resp.Header.Get("Location"))
	}
	if resp.Header.Get("Content-Security-Policy") != hostconfig.CSP {
		t.Errorf("the alias's redirect lacks the security headers: %v", resp.Header)
	}
}
