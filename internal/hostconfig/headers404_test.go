package hostconfig_test

import (
	"slices"
	"testing"

	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/hostconfig"
	"github.com/medkb/medkb/internal/mediatype"
)

// TestHeadersLeaveAMissingFilesTypeToThe404Page: Netlify and Cloudflare
// Pages apply a _headers rule to the address asked for, whether a file
// is there or not, and send their 404 page with the rule's headers. A
// `/*.css` rule with Content-Type: text/css sent the 404 page of a
// missing /x.css as text/css (shown as its HTML source), of a missing
// /x.png as image/png (a broken image). The file (read by the hosts'
// documented rules, headerRules) now sets no Content-Type at the
// address of a missing file of the common kinds, so the host sends its
// 404 page as HTML; a missing page's address (ending in /) gets
// text/html, the 404 page's own type. The kinds whose type the hosts
// may give otherwise keep their rule (and a missing one its type).
func TestHeadersLeaveAMissingFilesTypeToThe404Page(t *testing.T) {
	t.Parallel()
	cfg, err := config.Parse([]byte("title: A\nbase_url: https://health.example.org/guide/\n"))
	if err != nil {
		t.Fatal(err)
	}
	rules := headerRules(t, string(hostconfig.FromConfig(cfg).Netlify()))
	for _, u := range []string{"/guide/x.css", "/guide/css/missing.css", "/guide/x.js", "/guide/images/gone.png",
		"/guide/a/b.jpg", "/guide/x.svg", "/guide/x.woff2", "/guide/leaflet.pdf", "/guide/x.html", "/guide/robots.txt", "/guide/x.wasm"} {
		if got := rules.headers(u)["Content-Type"]; got != nil {
			t.Errorf("_headers sets Content-Type %q at %s, where a missing file gets the 404 page", got, u)
		}
	}
	html := mediatype.Of("index.html")
	if got := rules.headers("/guide/missing/page/")["Content-Type"]; !slices.Equal(got, []string{html}) {
		t.Errorf("a missing page's address gets Content-Type %q, want the 404 page's %q", got, html)
	}
	for _, rel := range []string{"index.xml", "es/feed.xsl", "site.webmanifest", "js/app.mjs", "js/app.js.map"} {
		want := mediatype.Of(rel)
		if got := rules.headers("/guide/" + rel)["Content-Type"]; !hostconfig.HeadersSetType(rel) || !slices.Equal(got, []string{want}) {
			t.Errorf("%s gets Content-Type %q (HeadersSetType %v), want medkb serve's %q", rel, got, hostconfig.HeadersSetType(rel), want)
		}
	}
}
