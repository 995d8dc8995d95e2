package hostconfig

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/assemble"
	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/source"
)

// assembled assembles a site of three languages, the default one under
// /en/ too, whose English article has the given aliases.
func assembled(t *testing.T, aliases []string) (*config.Config, *assemble.Site) {
	t.Helper()
	return assembledAt(t, "https://health.example.org/", aliases)
}

// assembledAt is assembled with the site at baseURL.
func assembledAt(t *testing.T, baseURL string, aliases []string) (*config.Config, *assemble.Site) {
	t.Helper()
	cfg, err := config.Parse([]byte("title: T\nbase_url: " + baseURL + "\ndefault_language_in_subdir: true\n" +
		"languages:\n  - {code: en, name: English, default: true}\n  - {code: es, name: Español}\n  - {code: fr, name: Français}\n"))
	if err != nil {
		t.Fatal(err)
	}
	file := func(rel, lang string) *source.File {
		base, _, _ := strings.Cut(rel[strings.LastIndexByte(rel, '/')+1:], ".")
		f := &source.File{Path: "content/" + rel, Rel: rel, Base: base, Lang: lang}
		if i := strings.IndexByte(rel, '/'); i > 0 {
			f.Section = rel[:i]
		}
		return f
	}
	in := assemble.Input{Config: cfg, Files: []assemble.Parsed{
		{File: file("_index.md", ""), Meta: page.Meta{Title: "Home"}},
		{File: file("conditions/_index.md", ""), Meta: page.Meta{Title: "Conditions"}},
		{File: file("conditions/asthma.md", ""), Meta: page.Meta{Title: "Asthma", Summary: "S", Aliases: aliases}},
	}}
	s, err := assemble.Assemble(in)
	if err != nil {
		t.Fatal(err)
	}
	return cfg, s
}

// TestForSiteGathersRedirectsAndNotFoundPages: every alias of the site is
// a redirect to its page's address, and each language's 404 page serves
// its prefix, the root 404 page the rest, most specific prefix first.
func TestForSiteGathersRedirectsAndNotFoundPages(t *testing.T) {
	t.Parallel()
	cfg, s := assembled(t, []string{"/old/asthma/", "/wheeze/"})
	pol, warns := ForSite(cfg, s)
	if len(warns) != 0 {
		t.Errorf("warnings %v, want none", warns)
	}
	wantR := []Redirect{{From: "/en/old/asthma/", To: "/en/conditions/asthma/"}, {From: "/en/wheeze/", To: "/en/conditions/asthma/"}}
	if !slices.Equal(pol.Redirects, wantR) {
		t.Errorf("redirects %v, want %v", pol.Redirects, wantR)
	}
	wantN := []NotFound{{Prefix: "/fr/", Page: "/fr/404.html"}, {Prefix: "/es/", Page: "/es/404.html"},
		{Prefix: "/en/", Page: "/en/404.html"}, {Prefix: "/", Page: "/404.html"}}
	if !slices.Equal(pol.NotFound, wantN) {
		t.Errorf("404 pages %v, want %v", pol.NotFound, wantN)
	}
	if pol.Headers["Content-Security-Policy"] != CSP {
		t.Errorf("the policy lacks medkb.yaml's headers: %v", pol.Headers)
	}
}

// TestForSiteUnderAPath: a site served under /guide/ has its redirects,
// its 404 pages and Netlify's search rules under /guide/ (a host matches
// the URLs it is asked for), S3's keys too, and Apache's and S3's error
// document is the site's root 404 page there.
func TestForSiteUnderAPath(t *testing.T) {
	t.Parallel()
	cfg, s := assembledAt(t, "https://org.github.io/guide/", []string{"/old/asthma/"})
	pol, _ := ForSite(cfg, s)
	wantR := []Redirect{{From: "/guide/en/old/asthma/", To: "/guide/en/conditions/asthma/"}}
	if !slices.Equal(pol.Redirects, wantR) {
		t.Errorf("redirects %v, want %v", pol.Redirects, wantR)
	}
	wantN := []NotFound{{Prefix: "/guide/fr/", Page: "/guide/fr/404.html"}, {Prefix: "/guide/es/", Page: "/guide/es/404.html"},
		{Prefix: "/guide/en/", Page: "/guide/en/404.html"}, {Prefix: "/guide/", Page: "/guide/404.html"}}
	if !slices.Equal(pol.NotFound, wantN) {
		t.Errorf("404 pages %v, want %v", pol.NotFound, wantN)
	}
	for name, want := range map[string][]string{
		"_redirects":      {"/guide/en/old/asthma/ /guide/en/conditions/asthma/ 301!\n", "/guide/es/* /guide/es/404.html 404\n", "/guide/* /guide/404.html 404\n"},
		"_headers":        {"\n/guide/search/*/*\n", "\n/guide/*/search/manifest.json\n"},
		".htaccess":       {"ErrorDocument 404 /guide/404.html\n", "m#^/guide/es/#"},
		"s3-website.json": {`"Key": "guide/404.html"`, `"KeyPrefixEquals": "guide/en/old/asthma/"`},
		"nginx.conf":      {"served under /guide/", `location = "/guide/en/old/asthma/"`},
		"Caddyfile":       {"served under /guide/", `redir "/guide/en/old/asthma/"`},
	} {
		var data string
		for _, f := range pol.Files() {
			if f.Name == name {
				data = string(f.Data)
			}
		}
		for _, w := range want {
			if !strings.Contains(data, w) {
				t.Errorf("%s lacks %q:\n%s", name, w, data)
			}
		}
		if strings.Contains(data, "guide/guide/") {
			t.Errorf("%s has the path twice:\n%s", name, data)
		}
	}
}

// TestForSiteWarnsPastS3sRoutingRules: 51 aliases are one more than S3's
// website configuration takes; the warning sits at medkb.yaml and counts.
func TestForSiteWarnsPastS3sRoutingRules(t *testing.T) {
	t.Parallel()
	for _, n := range []int{50, 51} {
		var aliases []string
		for i := range n {
			aliases = append(aliases, fmt.Sprintf("/old/%d/", i))
		}
		cfg, s := assembled(t, aliases)
		_, warns := ForSite(cfg, s)
		if n == 50 && len(warns) != 0 {
			t.Errorf("50 aliases: warnings %v, want none", warns)
		}
		if n == 51 && (len(warns) != 1 || warns[0].File != "medkb.yaml" || warns[0].Check != "hosting" ||
			!strings.Contains(warns[0].Message, "51 aliases") || warns[0].Hint == "") {
			t.Errorf("51 aliases: warnings %+v, want one at medkb.yaml", warns)
		}
	}
}
