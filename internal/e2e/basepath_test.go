package e2e

import (
	"errors"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestSiteUnderABasePath builds the demo site with a base_url that has a
// path (a GitHub project page, https://example.github.io/guide/) and
// serves it the way such a host does: under /guide/ only. Its pages load
// with every script, stylesheet and image (a request to the host's root
// would fail: requireClean), and search finds an article and links to it
// under /guide/, with the index the build wrote.
func TestSiteUnderABasePath(t *testing.T) {
	src := t.TempDir()
	for _, name := range []string{"content", "data", "static", "layouts", "i18n", "themes"} {
		err := os.CopyFS(filepath.Join(src, name), os.DirFS(filepath.Join(shared.root, name)))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			t.Fatal(err)
		}
	}
	cfg, err := os.ReadFile(filepath.Join(shared.root, "medkb.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg = regexp.MustCompile(`(?m)^base_url:.*$`).ReplaceAll(cfg, []byte("base_url: https://example.github.io/guide/"))
	if err := os.WriteFile(filepath.Join(src, "medkb.yaml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	public := filepath.Join(t.TempDir(), "public")
	if err := buildSite(src, public); err != nil {
		t.Fatal(err)
	}
	fsys := os.DirFS(public)
	files := http.FileServerFS(fsys)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rest, ok := strings.CutPrefix(r.URL.Path, "/guide/")
		if !ok {
			http.NotFound(w, r) // the host's root is not the site's
			return
		}
		r = r.Clone(r.Context())
		r.URL.Path = "/" + rest
		if !exists(fsys, r.URL.Path) {
			serveNotFound(w, r, fsys)
			return
		}
		files.ServeHTTP(w, r)
	}))
	defer srv.Close()

	tb := newTab(t, srv.URL)
	tb.setViewport(desktop)
	if status := tb.open("/guide/conditions/asthma/"); status != http.StatusOK {
		t.Fatalf("GET /guide/conditions/asthma/ = %d", status)
	}
	tb.requireClean("an article under /guide/")
	tb.open("/guide/search/?q=asthma")
	tb.waitFor(searchDone, "search results", searchState)
	got := eval[[]string](tb, searchResults)
	if len(got) == 0 || got[0] != "/guide/conditions/asthma/" {
		t.Errorf("search for asthma under /guide/: results %v, want /guide/conditions/asthma/ first", got)
	}
	if i := slices.IndexFunc(got, func(p string) bool { return !strings.HasPrefix(p, "/guide/") }); i >= 0 {
		t.Errorf("search result %s is outside /guide/", got[i])
	}
	tb.requireClean("search under /guide/")
}
