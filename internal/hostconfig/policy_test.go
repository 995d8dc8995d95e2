package hostconfig

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/config"
)

func TestClassAndTypeOfEveryKindOfOutput(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		rel   string
		class Class
		ctype string
	}{
		{"search/postings/3.870448a85cde.json", Hashed, "application/json"},
		{"es/search/docs/0.30a8b7483ee5.json", Hashed, "application/json"},
		{"search/manifest.json", Revalidate, "application/json"},
		{"conditions/asthma/index.html", Revalidate, "text/html; charset=utf-8"},
		{"index.xml", Revalidate, "application/xml; charset=utf-8"},
		{"conditions/atom.xml", Revalidate, "application/xml; charset=utf-8"},
		{"feed.json", Revalidate, "application/feed+json"},
		{"feed.xsl", Revalidate, "text/xsl; charset=utf-8"},
		{"css/site.css", Revalidate, "text/css; charset=utf-8"},
		{"search/search.js", Revalidate, "text/javascript; charset=utf-8"},
		{"robots.txt", Revalidate, "text/plain; charset=utf-8"},
		{"images/logo.png", Other, "image/png"},
		{"images/icon.svg", Other, "image/svg+xml"},
		{"search/index.wasm", Other, "application/wasm"},
	} {
		if got := Classify(c.rel); got != c.class {
			t.Errorf("Classify(%q) = %d, want %d", c.rel, got, c.class)
		}
		if got := ContentType(c.rel); got != c.ctype {
			t.Errorf("ContentType(%q) = %q, want %q", c.rel, got, c.ctype)
		}
	}
	if Compressible("image/png") || !Compressible("application/feed+json") || !Compressible("text/html; charset=utf-8") {
		t.Error("Compressible: png must not be, feeds and HTML must be")
	}
}

func testPolicy(t *testing.T) Policy {
	t.Helper()
	cfg, err := config.Parse([]byte("headers: {X-Frame-Options: DENY}\ncache_control: {other: \"public, max-age=60\"}\n"))
	if err != nil {
		t.Fatal(err)
	}
	p := FromConfig(cfg)
	p.Redirects = []Redirect{{From: "/old page/", To: "/new/"}}
	p.NotFound = []NotFound{{Prefix: "/es/", Page: "/es/404.html"}, {Prefix: "/", Page: "/404.html"}}
	return p
}

func TestNetlifyFiles(t *testing.T) {
	t.Parallel()
	p := testPolicy(t)
	h := string(p.Netlify())
	for _, want := range []string{"/*\n  Content-Security-Policy: " + CSP + "\n", "  X-Frame-Options: DENY\n",
		"/search/*/*\n  Cache-Control: public, max-age=31536000, immutable\n"} {
		if !strings.Contains(h, want) {
			t.Errorf("_headers lacks %q:\n%s", want, h)
		}
	}
	r := string(p.NetlifyRedirects())
	if !strings.Contains(r, "\n/old%20page/ /new/ 301!\n") || !strings.Contains(r, "\n/es/* /es/404.html 404\n") {
		t.Errorf("_redirects:\n%s", r)
	}
}

func TestS3WebsiteRules(t *testing.T) {
	t.Parallel()
	p := testPolicy(t)
	data, err := p.S3Website()
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		ErrorDocument struct{ Key string }
		RoutingRules  []struct {
			Condition struct{ KeyPrefixEquals string }
			Redirect  struct{ ReplaceKeyWith, HttpRedirectCode string }
		}
	}
	if err := json.Unmarshal(data, &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.ErrorDocument.Key != "404.html" || len(cfg.RoutingRules) != 1 ||
		cfg.RoutingRules[0].Condition.KeyPrefixEquals != "old page/" || cfg.RoutingRules[0].Redirect.ReplaceKeyWith != "new/" {
		t.Fatalf("s3-website.json:\n%s", data)
	}
	for i := 0; i < 60; i++ {
		p.Redirects = append(p.Redirects, Redirect{From: "/a/", To: "/b/"})
	}
	if data, err := p.S3Website(); err == nil || strings.Count(string(data), "KeyPrefixEquals") != 50 {
		t.Errorf("61 aliases: err %v, %d rules; want an error and the first 50", err, strings.Count(string(data), "KeyPrefixEquals"))
	}
}
