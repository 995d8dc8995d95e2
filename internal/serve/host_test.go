package serve

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// hostStatus sends GET target to addr with the given Host header and returns
// the status and body.
func hostStatus(t *testing.T, addr, host, target string) (int, string) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, hangGuard)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(hangGuard))
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, host)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Header.Get("Content-Type") != "text/event-stream; charset=utf-8" {
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	// The event stream never ends: its first line is enough (and closing
	// its body would drain it, so the deferred conn.Close ends it).
	line, _ := bufio.NewReader(resp.Body).ReadString('\n')
	return resp.StatusCode, line
}

// A page on a rebinding name (evil.example resolving to 127.0.0.1) must not
// read the dev site, its drafts or its event stream.
func TestRefusesRebindingHost(t *testing.T) {
	h := startServer(t, demoSite(), func(b *siteBuilder) {})
	_, port, _ := net.SplitHostPort(h.addr)
	targets := []string{"/", "/conditions/asthma/", "/css/site.css", eventsPath, scriptPath, "/no-such-page"}
	refused := []string{
		"evil.example:" + port,
		"evil.example",
		"localhost.evil.example:" + port,
		"127.0.0.1.evil.example:" + port,
		"localhost:1", // another port: another origin
		"",
	}
	for _, host := range refused {
		for _, target := range targets {
			status, body := hostStatus(t, h.addr, host, target)
			if status != http.StatusForbidden {
				t.Errorf("Host %q GET %s = %d, want 403", host, target, status)
			}
			if strings.Contains(body, "Wheezing") || strings.Contains(body, "Welcome") || strings.Contains(body, "retry:") {
				t.Errorf("Host %q GET %s leaked the site: %q", host, target, body)
			}
		}
	}
	allowed := []string{"127.0.0.1:" + port, "localhost:" + port, "LocalHost:" + port, "[::1]:" + port}
	for _, host := range allowed {
		for _, target := range targets[:5] {
			if status, body := hostStatus(t, h.addr, host, target); status != http.StatusOK {
				t.Errorf("Host %q GET %s = %d %q, want 200", host, target, status, body)
			}
		}
	}
}

func TestAllowedHostOption(t *testing.T) {
	h := startServer(t, demoSite(), func(b *siteBuilder) {})
	_, port, _ := net.SplitHostPort(h.addr)
	if status, _ := hostStatus(t, h.addr, "kb.test:"+port, "/"); status != http.StatusForbidden {
		t.Fatalf("kb.test before it was allowed = %d, want 403", status)
	}
	s, err := New(&siteBuilder{}, Options{AllowedHosts: []string{"KB.test", "docs.local."}})
	if err != nil {
		t.Fatal(err)
	}
	s.port.Store(int64(1313))
	tests := []struct {
		host string
		want bool
	}{
		{"kb.test:1313", true},
		{"docs.local:1313", true},
		{"docs.local.:1313", true},
		{"kb.test:1314", false},
		{"kb.test.evil.example:1313", false},
		{"127.0.0.1:1313", true},
		{"[::1]:1313", true},
		{"localhost:1313", true},
		{"10.0.0.5:1313", false}, // not the bind address
	}
	for _, tt := range tests {
		if got := s.hostAllowed(tt.host); got != tt.want {
			t.Errorf("hostAllowed(%q) = %v, want %v", tt.host, got, tt.want)
		}
	}
}

func TestAllHostsBindAcceptsAddressLiterals(t *testing.T) {
	s, err := New(&siteBuilder{}, Options{Bind: "0.0.0.0"})
	if err != nil {
		t.Fatal(err)
	}
	s.port.Store(int64(1313))
	for host, want := range map[string]bool{
		"192.168.1.20:1313": true, // another machine on the network, by address
		"[fe80::1]:1313":    true,
		"localhost:1313":    true,
		"laptop.lan:1313":   false, // a name must be allowed with --allowed-host
		"evil.example:1313": false,
	} {
		if got := s.hostAllowed(host); got != want {
			t.Errorf("bind 0.0.0.0: hostAllowed(%q) = %v, want %v", host, got, want)
		}
	}
}
