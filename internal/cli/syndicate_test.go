package cli

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestNewArticleAndFixIDsPinFeedIDs(t *testing.T) {
	t.Parallel()
	site := newSite(t, nil)
	if code, _, errOut := run(t, site, "new", "article", "conditions/gout"); code != ExitOK {
		t.Fatalf("new article: %s", errOut)
	}
	b, _ := os.ReadFile(filepath.Join(site, "content/conditions/gout.md"))
	if !regexp.MustCompile(`(?m)^id: "tag:health\.example\.org,\d{4}:conditions-gout"$`).Match(b) {
		t.Errorf("new article has no full id under id_base:\n%s", b)
	}
	// An article written without an id gets its current one pinned.
	writeFiles(t, site, map[string]string{"content/conditions/cough.md": "---\n# a comment\ntitle: \"Cough\"\ndate: 2025-01-02\n---\nText.\n"})
	code, out, errOut := run(t, site, "fix", "ids")
	if code != ExitOK || !strings.Contains(out, `content/conditions/cough.md: id: "tag:health.example.org,`) {
		t.Fatalf("fix ids: exit %d\n%s%s", code, out, errOut)
	}
	b, _ = os.ReadFile(filepath.Join(site, "content/conditions/cough.md"))
	if !regexp.MustCompile(`^---\n# a comment\ntitle: "Cough"\nid: "tag:health\.example\.org,\d{4}:conditions/cough\.md"\ndate: 2025-01-02\n---\nText\.\n$`).Match(b) {
		t.Errorf("fix ids edited more than one line:\n%s", b)
	}
	if code, out, _ := run(t, site, "fix", "ids"); code != ExitOK || !strings.Contains(out, "pinned 0 of") {
		t.Errorf("a second fix ids changed something: %s", out)
	}
}

// pingHub is a WebSub hub on loopback that records the hub.url of every
// publish notification it receives.
type pingHub struct {
	*httptest.Server
	mu   sync.Mutex
	urls []string
}

func newPingHub(t *testing.T) *pingHub {
	h := &pingHub{}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		h.mu.Lock()
		h.urls = append(h.urls, r.PostForm.Get("hub.url"))
		h.mu.Unlock()
		w.WriteHeader(http.StatusAccepted)
	}))
	t.Cleanup(h.Close)
	return h
}

// pinged returns the feeds notified so far.
func (h *pingHub) pinged() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.urls)
}

func TestPingTellsTheHubOnlyAboutChangedFeeds(t *testing.T) {
	t.Parallel()
	hub := newPingHub(t)
	site := newSite(t, nil)
	if code, _, _ := run(t, site, "ping", "--hub", hub.URL); code != ExitError {
		t.Errorf("ping before a build: exit %d, want %d", code, ExitError)
	}
	if code, out, errOut := run(t, site, "build", "--quiet"); code != ExitOK {
		t.Fatalf("build: %s%s", out, errOut)
	}
	code, out, errOut := run(t, site, "ping", "--hub", hub.URL)
	if code != ExitOK || len(hub.pinged()) == 0 || !strings.Contains(out, "(0 unchanged)") {
		t.Fatalf("first ping: exit %d, hub got %d, %s%s", code, len(hub.pinged()), out, errOut)
	}
	first := len(hub.pinged())
	if !contains(hub.pinged(), "https://health.example.org/index.xml") || !contains(hub.pinged(), "https://health.example.org/feed.json") {
		t.Errorf("hub got %q", hub.pinged())
	}
	if code, out, _ := run(t, site, "ping", "--hub", hub.URL); code != ExitOK || len(hub.pinged()) != first || !strings.Contains(out, "of 0 changed feeds") {
		t.Errorf("second ping sent again: %d requests, %s", len(hub.pinged())-first, out)
	}
	if code, _, errOut := run(t, site, "ping"); code != ExitUsage || !strings.Contains(errOut, "feeds.websub_hub") {
		t.Errorf("ping without a hub: exit %d, %s", code, errOut)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
