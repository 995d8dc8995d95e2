package basepath

import (
	"slices"
	"testing"
)

func TestHTMLPrefixesSiteRootedAddresses(t *testing.T) {
	for in, want := range map[string]string{
		`<a href="/conditions/asthma/">A</a>`:        `<a href="/guide/conditions/asthma/">A</a>`,
		`<a href='/x/#top' class=a>`:                 `<a href='/guide/x/#top' class=a>`,
		`<a href=/x/>`:                               `<a href=/guide/x/>`,
		`<A HREF = " /x/">`:                          `<A HREF = " /guide/x/">`,
		`<a href="//cdn.example.org/x">`:             `<a href="//cdn.example.org/x">`,
		`<a href="https://example.org/x">`:           `<a href="https://example.org/x">`,
		`<a href="#main">`:                           `<a href="#main">`,
		`<a href="img/a.png">`:                       `<a href="img/a.png">`,
		`<a title="/not/an/address" href="/y/">`:     `<a title="/not/an/address" href="/guide/y/">`,
		`<script src="/js/site.js" defer></script>`:  `<script src="/guide/js/site.js" defer></script>`,
		`<script>var u = "<a href='/x/'>";</script>`: `<script>var u = "<a href='/x/'>";</script>`,
		`<img src="/images/a.png" srcset="/images/a-1x.png 1x, a.png 2x,/images/b.png 3x">`: `<img src="/guide/images/a.png" srcset="/guide/images/a-1x.png 1x, a.png 2x,/guide/images/b.png 3x">`,
		`<form action="/search/" data-base="/search/">`:                                     `<form action="/guide/search/" data-base="/guide/search/">`,
		`<meta http-equiv="refresh" content="0; url=/new/">`:                                `<meta http-equiv="refresh" content="0; url=/guide/new/">`,
		`<meta content="0; url=/new/" http-equiv="refresh">`:                                `<meta content="0; url=/guide/new/" http-equiv="refresh">`,
		`<meta property="og:url" content="0; url=/new/">`:                                   `<meta property="og:url" content="0; url=/new/">`,
		`<!-- <a href="/x/"> --><p>/x/</p><br/><img src="/a"/>`:                             `<!-- <a href="/x/"> --><p>/x/</p><br/><img src="/guide/a"/>`,
		`<svg><use xlink:href="/i.svg#a"/></svg>`:                                           `<svg><use xlink:href="/guide/i.svg#a"/></svg>`,
	} {
		if got := string(HTML([]byte(in), "/guide/")); got != want {
			t.Errorf("HTML(%s)\n got %s\nwant %s", in, got, want)
		}
		if got := string(HTML([]byte(in), "/")); got != in {
			t.Errorf("HTML(%s, \"/\") = %s, want it unchanged", in, got)
		}
	}
}

func TestPrefix(t *testing.T) {
	for _, c := range []struct{ base, in, want string }{
		{"/guide/", "/conditions/", "/guide/conditions/"},
		{"/guide/", "/", "/guide/"},
		{"/guide/", "//cdn/x", "//cdn/x"},
		{"/guide/", "https://x/", "https://x/"},
		{"/guide/", "a/", "a/"},
		{"/", "/conditions/", "/conditions/"},
	} {
		if got := Prefix(c.base, c.in); got != c.want {
			t.Errorf("Prefix(%q, %q) = %q, want %q", c.base, c.in, got, c.want)
		}
	}
}

func TestRewriteReportsAddressesThatHadThePath(t *testing.T) {
	out, doubled := Rewrite([]byte(`<a href="/guide/conditions/">a</a><img src="/x.png" srcset="/guide/a.png 2x"><a href="/guidelines/">`), "/guide/", nil)
	if want := `<a href="/guide/guide/conditions/">a</a><img src="/guide/x.png" srcset="/guide/guide/a.png 2x"><a href="/guide/guidelines/">`; string(out) != want {
		t.Errorf("Rewrite = %s, want %s", out, want)
	}
	if want := []string{"/guide/conditions/", "/guide/a.png"}; !slices.Equal(doubled, want) {
		t.Errorf("doubled = %q, want %q", doubled, want)
	}
}

func TestAddressesOfStaticFiles(t *testing.T) {
	urls := func(fs []Found) []string {
		var out []string
		for _, f := range fs {
			out = append(out, f.URL)
		}
		return out
	}
	if _, fs := StaticAddresses("a.html", []byte(`<a href="/x/">x</a><a href="y/"><img src="//cdn/a.png" srcset="/b.png 2x">`)); !slices.Equal(urls(fs), []string{"/x/", "/b.png"}) {
		t.Errorf("HTML addresses = %q, want %q", urls(fs), []string{"/x/", "/b.png"})
	}
	css := `body{background:url(/images/a.png)} @import "/css/b.css"; .c{background:url('img/c.png')} .d{background:url(//cdn/d.png)} .e{background:url( "/e.svg" )}`
	if _, fs := StaticAddresses("a.css", []byte(css)); !slices.Equal(urls(fs), []string{"/images/a.png", "/css/b.css", "/e.svg"}) {
		t.Errorf("CSS addresses = %q, want %q", urls(fs), []string{"/images/a.png", "/css/b.css", "/e.svg"})
	}
	// Lines are counted once per file however many addresses it has, and
	// an address after another on the same line has that line.
	if _, fs := StaticAddresses("b.html", []byte("<a href=\"/a/\">\n\n<a href=\"/b/\"><a href=\"/c/\">\n<img src=\"/d.png\">")); !slices.Equal(fs, []Found{{"/a/", 1}, {"/b/", 3}, {"/c/", 3}, {"/d.png", 4}}) {
		t.Errorf("HTML addresses with lines = %v", fs)
	}
}

// TestRewriteLeavesAnAddressWrittenWithThePath: an address with the path
// already in it that names a page only without it is left where the
// writer pointed it; one of the site's own (a section named like the
// path) is prefixed, and one that names nothing either way too.
func TestRewriteLeavesAnAddressWrittenWithThePath(t *testing.T) {
	known := func(u string) bool {
		return u == "/conditions/asthma/" || u == "/guide/tools/" || u == "/images/a.png"
	}
	out, had := Rewrite([]byte(`<a href="/guide/conditions/asthma/#causes">a</a><a href="/guide/tools/">t</a><img src="/guide/images/a.png"><a href="/guide/nothing/">n</a><a href="/about/">`), "/guide/", known)
	if want := `<a href="/guide/conditions/asthma/#causes">a</a><a href="/guide/guide/tools/">t</a><img src="/guide/images/a.png"><a href="/guide/guide/nothing/">n</a><a href="/guide/about/">`; string(out) != want {
		t.Errorf("Rewrite =\n%s\nwant\n%s", out, want)
	}
	if want := []string{"/guide/conditions/asthma/#causes", "/guide/images/a.png", "/guide/nothing/"}; !slices.Equal(had, want) {
		t.Errorf("had = %q, want %q", had, want)
	}
	for in, want := range map[string]string{"/guide/x/": "/x/", "/guide/": "/", "/guide": "/", "/guide#a": "/#a", "/guidelines/": "/guidelines/", "/x/": "/x/"} {
		if got := Strip("/guide/", in); got != want {
			t.Errorf("Strip(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestStaticAddresses reads each kind of static file a build copies as
// it is and finds its site-rooted addresses with their lines, and
// nothing in a script's other strings, a JSON file that is no manifest,
// or relative and protocol-relative addresses.
func TestStaticAddresses(t *testing.T) {
	for _, c := range []struct {
		name, src string
		kind      Kind
		want      []Found
	}{
		{"a.html", "<p>\n<a href=\"/x/\">x</a> <img src=\"a.png\" srcset=\"/b.png 2x\">", HTMLFile, []Found{{"/x/", 2}, {"/b.png", 2}}},
		{"a.css", "a{}\nb{background:url(/i.png)}", CSSFile, []Found{{"/i.png", 2}}},
		{"js/site.js", "var parts = path.split(\"/\");\nfetch('/search/index.json').then(f)\nconst u = `/api/${id}`, cdn = \"//cdn.example.org/x.js\", rel = 'img/a.png', re = /\\/x\\//;\n// '/not closed\nlocation.href = \"/about/\";\nload(cdn + \"/dist/katex.js\"); if (\"/a/b\" != re.source || \"/./\"[m](x)) {}\ns.replace(/\"/g,\"&quot;\")", ScriptFile,
			[]Found{{"/search/index.json", 2}, {"/api/", 3}, {"/about/", 5}}},
		{"feed.xsl", "<?xml version=\"1.0\"?>\n<?xml-stylesheet type=\"text/xsl\" href=\"/feed.xsl\"?>\n<link rel=\"stylesheet\" href='/feed.css'/><use xlink:href=\"/i.svg#a\"/><a href=\"//cdn/x\"/><a href=\"rel.html\"/>", XMLFile,
			[]Found{{"/feed.xsl", 2}, {"/feed.css", 3}, {"/i.svg#a", 3}}},
		{"site.webmanifest", "{\n  \"name\": \"/not/an/address\",\n  \"start_url\": \"/\",\n  \"scope\": \"./\",\n  \"icons\": [{\"src\": \"\\/images\\/icon.png\", \"sizes\": \"192x192\"}, {\"src\": \"icon-2.png\"}],\n  \"shortcuts\": [{\"name\": \"Search\", \"url\": \"/search/\", \"icons\": [{\"src\": \"/s.png\"}]}]\n}", ManifestFile,
			[]Found{{"/", 3}, {"/images/icon.png", 5}, {"/search/", 6}, {"/s.png", 6}}},
		{"manifest.json", `{"icons": [{"src": "/a.png"}]}`, ManifestFile, []Found{{"/a.png", 1}}},
		{"Patient.json", `{"resourceType": "Patient", "url": "/Patient/1"}`, NotScanned, nil},
		{"a.png", "/x/", NotScanned, nil},
	} {
		kind, got := StaticAddresses(c.name, []byte(c.src))
		if kind != c.kind || !slices.Equal(got, c.want) {
			t.Errorf("StaticAddresses(%s) = %v, %v; want %v, %v", c.name, kind, got, c.kind, c.want)
		}
	}
}
