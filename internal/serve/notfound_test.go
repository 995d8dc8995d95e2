package serve

import (
	"context"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

// hintingSite is a built site that knows one path is a draft.
type hintingSite struct{ fstest.MapFS }

func (hintingSite) NotFoundHint(p string) string {
	if p == "/conditions/croup" {
		return `content/conditions/croup.md is a draft <b>&</b>`
	}
	return ""
}

type noBuild struct{}

func (noBuild) Build(context.Context, []string) (fs.FS, error) { return nil, nil }

func TestNotFoundCarriesTheSiteHintEscaped(t *testing.T) {
	s, err := New(noBuild{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	site := hintingSite{fstest.MapFS{"404.html": {Data: []byte(`<!DOCTYPE html><html><body><header>H</header><main id="main" tabindex="-1"><h1>Not found</h1></main></body></html>`)}}}
	s.state.Store(&buildState{site: site})
	get := func(path string) (int, string) {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.Host = "localhost" // the dev server answers only its own names
		s.Handler().ServeHTTP(rec, req)
		return rec.Code, rec.Body.String()
	}
	code, body := get("/conditions/croup/")
	want := `<main id="main" tabindex="-1"><p class="medkb-not-found-hint" role="note"><strong>Not built:</strong> content/conditions/croup.md is a draft &lt;b&gt;&amp;&lt;/b&gt;</p>` + "\n<h1>Not found</h1>"
	if code != http.StatusNotFound || !strings.Contains(body, want) || strings.Count(body, scriptTag) != 1 {
		t.Errorf("GET a draft's path = %d\n%s\nwant 404 with\n%s", code, body, want)
	}
	if code, body := get("/conditions/other/"); code != http.StatusNotFound || strings.Contains(body, "medkb-not-found-hint") {
		t.Errorf("GET another missing path = %d with a hint:\n%s", code, body)
	}
}
