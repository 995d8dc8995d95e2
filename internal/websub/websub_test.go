package websub

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// hub is a loopback WebSub hub that checks each publish request.
type hub struct {
	t        *testing.T
	mu       sync.Mutex
	got      []string
	failures map[string]int // topic → number of 503 answers still to give
	refuse   string         // topic answered 400
}

func (h *hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/x-www-form-urlencoded" {
		h.t.Errorf("hub got %s with Content-Type %q", r.Method, r.Header.Get("Content-Type"))
	}
	if err := r.ParseForm(); err != nil || r.PostForm.Get("hub.mode") != "publish" || len(r.PostForm["hub.url"]) != 1 {
		h.t.Errorf("hub got form %v (%v)", r.PostForm, err)
	}
	topic := r.PostForm.Get("hub.url")
	h.mu.Lock()
	defer h.mu.Unlock()
	if topic == h.refuse {
		http.Error(w, "hub.url is not a topic of this hub", http.StatusBadRequest)
		return
	}
	if h.failures[topic] > 0 {
		h.failures[topic]--
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return
	}
	h.got = append(h.got, topic)
	w.WriteHeader(http.StatusNoContent)
}

func TestPingNotifiesChangedFeedsOnceWithRetries(t *testing.T) {
	h := &hub{t: t, failures: map[string]int{"https://s.test/atom.xml": 2}}
	srv := httptest.NewServer(h)
	defer srv.Close()
	statePath := filepath.Join(t.TempDir(), ".medkb", "websub.json")
	n := &Notifier{Hub: srv.URL, Client: srv.Client(), Retries: 3, Backoff: time.Millisecond}
	ping := func(feeds map[string][]byte) ([]string, error) {
		return n.Ping(context.Background(), statePath, feeds)
	}
	feeds := map[string][]byte{"https://s.test/index.xml": []byte("<rss>1</rss>"), "https://s.test/atom.xml": []byte("<feed>1</feed>")}
	if _, err := ping(feeds); err != nil {
		t.Fatalf("first ping: %v", err)
	}
	if !slices.Equal(h.got, []string{"https://s.test/atom.xml", "https://s.test/index.xml"}) {
		t.Fatalf("hub got %q", h.got)
	}
	h.got = nil
	if changed, err := ping(feeds); err != nil || len(changed) != 0 || len(h.got) != 0 {
		t.Fatalf("unchanged feeds were sent again: %q, %v", h.got, err)
	}
	feeds["https://s.test/index.xml"] = []byte("<rss>2</rss>")
	h.refuse = "https://s.test/tags/x/index.xml"
	feeds[h.refuse] = []byte("<rss>x</rss>")
	_, err := ping(feeds)
	if !slices.Equal(h.got, []string{"https://s.test/index.xml"}) {
		t.Errorf("hub got %q; want only the changed feed", h.got)
	}
	var e *Error
	if !errors.As(err, &e) || e.Topic != h.refuse || e.Attempts != 1 || !strings.Contains(err.Error(), "400 Bad Request: hub.url is not a topic of this hub") {
		t.Fatalf("err = %v; want the refused topic, after one attempt (a 4xx is not retried), with the hub's answer", err)
	}
	h.got, h.refuse = nil, ""
	if _, err := ping(feeds); err != nil || !slices.Equal(h.got, []string{"https://s.test/tags/x/index.xml"}) {
		t.Errorf("the refused feed is not sent again on the next ping: %q, %v", h.got, err)
	}
}

func TestPingGivesUpWithAClearError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down for maintenance", http.StatusBadGateway)
	}))
	defer srv.Close()
	n := &Notifier{Hub: srv.URL, Client: srv.Client(), Retries: 2, Backoff: time.Millisecond}
	ok, err := n.Notify(context.Background(), []string{"https://s.test/index.xml"})
	var e *Error
	if len(ok) != 0 || !errors.As(err, &e) || e.Attempts != 3 || !strings.Contains(err.Error(), "502 Bad Gateway: down for maintenance") || !strings.Contains(err.Error(), "feeds.websub_hub") {
		t.Errorf("ok = %q, err = %v", ok, err)
	}
	if _, err := (&Notifier{Hub: "ftp://hub"}).Notify(context.Background(), nil); err == nil || !strings.Contains(err.Error(), "feeds.websub_hub") {
		t.Errorf("a non-http hub: err = %v", err)
	}
}
