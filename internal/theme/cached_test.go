package theme

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

type cachedData struct {
	Name, Menu string
	cache      *PartialCache
}

func (d *cachedData) PartialCache() *PartialCache { return d.cache }

func cachedSite(main string) fstest.MapFS {
	fsys := fstest.MapFS{
		"layouts/baseof.html":           {Data: []byte(`{{ block "main" . }}{{ end }}`)},
		"layouts/_partials/chrome.html": {Data: []byte(`<p title="{{ .Name }}">{{ .Name }} & {{ T "hi" }}</p>{{ if .Menu }}<a href="{{ .Menu }}">m</a>{{ end }}`)},
		"i18n/en.yaml":                  {Data: []byte(`hi: "Tom's <hello>"`)},
	}
	for _, k := range Kinds {
		fsys["layouts/"+k+".html"] = &fstest.MapFile{Data: []byte(main)}
	}
	return fsys
}

// partialCached writes what {{ template }} writes, then serves that
// output to every page with the same variants — and renders anew for new
// variants, for a new cache (the next build), and for data with no cache.
func TestPartialCachedWritesOnceAndPerVariant(t *testing.T) {
	t.Parallel()
	s, err := Load([]Layer{{Name: "t", FS: cachedSite(`{{ define "main" }}[{{ partialCached "chrome" . .Menu }}]|[{{ template "chrome" . }}]{{ end }}`)}}, []string{"en"}, "en", nil)
	if err != nil {
		t.Fatal(err)
	}
	page := func(d any) (cached, direct string) {
		t.Helper()
		out, err := s.Render("en", "page", d, 0)
		if err != nil {
			t.Fatal(err)
		}
		c, dir, _ := strings.Cut(string(out), "|")
		return c, dir
	}
	cache := &PartialCache{}
	c, d := page(&cachedData{Name: `<b>"A"</b>`, Menu: "/a b/", cache: cache})
	if c != d || !strings.Contains(c, `title="&lt;b&gt;&#34;A&#34;&lt;/b&gt;"`) || !strings.Contains(c, "Tom&#39;s &lt;hello&gt;") || !strings.Contains(c, `href="/a%20b/"`) {
		t.Fatalf("partialCached wrote %s, template wrote %s", c, d)
	}
	// Same variant, other data: the cached output, by the contract.
	if c2, _ := page(&cachedData{Name: "B", Menu: "/a b/", cache: cache}); c2 != c {
		t.Errorf("same variant rendered again: %s", c2)
	}
	// Another variant renders.
	if c3, d3 := page(&cachedData{Name: "C", Menu: "/c/", cache: cache}); c3 != d3 {
		t.Errorf("new variant: cached %s, direct %s", c3, d3)
	}
	// Another build (a new cache) and data without a cache render.
	if c4, d4 := page(&cachedData{Name: "D", Menu: "/a b/", cache: &PartialCache{}}); c4 != d4 {
		t.Errorf("new cache: cached %s, direct %s", c4, d4)
	}
	if c5, d5 := page(map[string]string{"Name": "E", "Menu": "/a b/"}); c5 != d5 {
		t.Errorf("no cache: %s, direct %s", c5, d5)
	}
}

// A template that parses but fails on a page's data (an index out of
// range) is reported at its line with a hint about the data, not about
// the syntax; a syntax error still gets the syntax hint.
func TestTemplateErrorHints(t *testing.T) {
	t.Parallel()
	s, err := Load([]Layer{{Name: "t", FS: cachedSite(`{{ define "main" }}
{{ index .Tags 5 }}{{ end }}`)}}, []string{"en"}, "en", nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Render("en", "page", struct{ Tags []string }{}, 0)
	if err == nil || !strings.Contains(err.Error(), "page.html:2") || !strings.Contains(err.Error(), "index out of range") ||
		!strings.Contains(err.Error(), "failed on this page's data") || strings.Contains(err.Error(), "syntax") {
		t.Errorf("executing: %v; want page.html:2, the index error and the hint about the page's data", err)
	}
	_, err = Load([]Layer{{Name: "t", FS: cachedSite(`{{ define "main" }}
{{ if }}{{ end }}`)}}, []string{"en"}, "en", nil)
	if err == nil || !strings.Contains(err.Error(), "fix the template syntax") {
		t.Errorf("parsing: %v; want the syntax hint", err)
	}
}

// cacheKey writes a string variant itself and any other as %v: the key
// fmt wrote for every variant, so pages share and part entries as before.
func TestCacheKeyIsTheNameAndEachVariantAsPrinted(t *testing.T) {
	t.Parallel()
	for _, vs := range [][]any{nil, {"/conditions/=page "}, {""}, {"a", 2, nil, struct{ X string }{"y"}, []string{"p", "q"}}} {
		want := "site-nav"
		for _, v := range vs {
			want += fmt.Sprintf("\x00%v", v)
		}
		if got := cacheKey("site-nav", vs); got != want {
			t.Errorf("cacheKey(%q) = %q, want %q", vs, got, want)
		}
	}
}
