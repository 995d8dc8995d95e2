package check

import (
	"strings"
	"testing"
)

func TestCheckDuplicateTitles(t *testing.T) {
	pages := []Page{
		{File: "b.md", URL: "/b/", Lang: "en", Title: "Asthma", TitleLine: 2},
		{File: "a.md", URL: "/a/", Lang: "en", Title: "asthma ", TitleLine: 2},
		{File: "c.md", URL: "/fr/c/", Lang: "fr", Title: "Asthma"},           // other language
		{File: "d.md", URL: "/d/", Lang: "en", Title: "Asthma", Draft: true}, // unpublished
		{File: "e.md", URL: "/e/", Lang: "en", Title: ""},
		{File: "f.md", URL: "/f/", Lang: "en", Title: ""},
	}
	got := checkDuplicateTitles(pages)
	assertChecks(t, got, "duplicate-title:warning:2")
	if len(got) == 1 && (got[0].File != "b.md" || !strings.Contains(got[0].Message, "also used by a.md")) {
		t.Errorf("got %+v, want b.md reported against a.md", got[0])
	}
}

func TestCheckDuplicateSlugs(t *testing.T) {
	pages := []Page{
		{File: "content/conditions/asthma.md", URL: "/conditions/asthma/", Slug: "asthma", Lang: "en", TitleLine: 2},
		{File: "content/medications/asthma.md", URL: "/medications/asthma/", Slug: "asthma", Lang: "en", TitleLine: 3},
		{File: "content/fr/conditions/asthma.md", URL: "/fr/conditions/asthma/", Slug: "asthma", Lang: "fr"},
		{File: "content/conditions/zz-copy.md", URL: "/conditions/asthma", Slug: "zz-copy", Lang: "en", TitleLine: 4},
		{File: "content/tests/x.md", URL: "/tests/asthma/", Slug: "asthma", Lang: "en", Draft: true},
	}
	got := checkDuplicateSlugs(pages)
	assertChecks(t, got, "duplicate-slug:error:4", "duplicate-slug:warning:3")
	if len(got) == 2 {
		if !strings.Contains(got[0].Message, "URL /conditions/asthma is also used by content/conditions/asthma.md") {
			t.Errorf("URL clash message = %q", got[0].Message)
		}
		if got[1].File != "content/medications/asthma.md" {
			t.Errorf("slug clash reported on %s, want the medications page", got[1].File)
		}
	}
}

func trustSite() Site {
	footer := []string{"/about/", "/privacy/", "https://health.example.org/contact/"}
	return Site{
		BaseURL:    "https://health.example.org/",
		ConfigFile: "medkb.yaml",
		TrustPages: map[string]string{"about": "/about/", "privacy": "/privacy/", "contact": "/contact/"},
		Pages: []Page{
			{File: "about.md", URL: "/about/", FooterLinks: footer},
			{File: "privacy.md", URL: "/privacy/", FooterLinks: footer},
			{File: "contact.md", URL: "/contact/", FooterLinks: footer},
			{File: "a.md", URL: "/a/", FooterLinks: footer},
		},
	}
}

func TestCheckTrustPages(t *testing.T) {
	tests := []struct {
		name string
		edit func(s *Site)
		want []string // message fragments, in order
	}{
		{"all present and linked", func(s *Site) {}, nil},
		{"missing page", func(s *Site) { s.TrustPages["editorial_policy"] = "/editorial/" },
			[]string{`trust page "editorial_policy" (/editorial/) does not exist`}},
		{"draft page counts as missing", func(s *Site) { s.Pages[1].Draft = true },
			[]string{`trust page "privacy" (/privacy/) does not exist`}},
		{"not in some footers", func(s *Site) {
			for i := range s.Pages {
				s.Pages[i].FooterLinks = []string{"/about/", "/contact/"}
			}
			s.Pages[3].FooterLinks = []string{"/about/index.html", "/privacy", "/contact/"}
		}, []string{`trust page "privacy" (/privacy/) is not linked from the footer of 3 page(s): about.md, contact.md, privacy.md`}},
		{"a language's own trust page replaces the site's on its pages", func(s *Site) {
			esFooter := []string{"/es/acerca/", "/privacy/", "/contact/"}
			s.LangTrustPages = map[string]map[string]string{"es": {"about": "/es/acerca/"}}
			s.Pages = append(s.Pages, Page{File: "acerca.es.md", URL: "/es/acerca/", Lang: "es", FooterLinks: esFooter},
				Page{File: "a.es.md", URL: "/es/a/", Lang: "es", FooterLinks: []string{"/about/", "/privacy/", "/contact/"}})
		}, []string{`trust page "about" (/es/acerca/) is not linked from the footer of 1 page(s): a.es.md`}},
		{"a language's trust page must exist", func(s *Site) {
			s.LangTrustPages = map[string]map[string]string{"es": {"about": "/es/acerca/"}}
		}, []string{`trust page "about" (/es/acerca/) does not exist`}},
		{"names the first few and counts the rest", func(s *Site) {
			for i := range s.Pages {
				s.Pages[i].FooterLinks = nil
			}
		}, []string{
			`"about" (/about/) is not linked from the footer of 4 page(s): a.md, about.md, contact.md, and 1 more`,
			`"contact"`, `"privacy"`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := trustSite()
			tt.edit(&site)
			got := checkTrustPages(site, newIndex(site))
			if len(got) != len(tt.want) {
				t.Fatalf("got %d diagnostics %+v, want %d", len(got), got, len(tt.want))
			}
			for i, d := range got {
				if d.Check != "trust-page" || d.Severity != Error || d.File != "medkb.yaml" || !strings.Contains(d.Message, tt.want[i]) {
					t.Errorf("diagnostic %d = %+v, want trust-page error containing %q", i, d, tt.want[i])
				}
			}
		})
	}
}

func TestCheckLanguageDisclaimers(t *testing.T) {
	site := Site{ConfigFile: "medkb.yaml", Disclaimer: "General information, not medical advice.", Languages: []Language{
		{Code: "en", Name: "English", Line: 7, Default: true},
		{Code: "es", Name: "Español", Line: 8, OwnDisclaimer: true},
		{Code: "ar", Name: "العربية", Line: 9},
	}}
	got := checkLanguageDisclaimers(site)
	if len(got) != 1 {
		t.Fatalf("got %+v; want one warning, for ar", got)
	}
	d := got[0]
	if d.File != "medkb.yaml" || d.Line != 9 || d.Severity != Warning || d.Check != "language-disclaimer" ||
		!strings.Contains(d.Message, `language "ar"`) || !strings.Contains(d.Hint, "translated into العربية to the ar entry under languages:") {
		t.Errorf("got %+v; want a language-disclaimer warning at medkb.yaml:9 naming ar and the fix", d)
	}
	site.Disclaimer = ""
	if got := checkLanguageDisclaimers(site); len(got) != 0 {
		t.Errorf("no site disclaimer: got %+v, want nothing (no text in a wrong language)", got)
	}
}

// The main navigation's links are checked as a page's, each reported at
// its entry's line of medkb.yaml.
func TestCheckMenu(t *testing.T) {
	site := trustSite()
	site.Pages = append(site.Pages, Page{File: "_index.md", URL: "/"}, Page{File: "draft.md", URL: "/draft/", Draft: true}, Page{File: "Case.md", URL: "/conditions/asthma/"})
	site.Files = map[string]bool{"/search/": true, "/leaflet.pdf": true}
	site.ExternalPaths = []string{"/shop/"}
	site.Menu = []MenuLink{
		{"About", "/about/", 3}, {"Search", "/search/", 4}, {"Leaflet", "/leaflet.pdf", 5}, {"Shop", "/shop/cards/", 6},
		{"Charity", "https://charity.example.org/", 7}, {"Home", "https://health.example.org/", 8}, {"Call", "tel:111", 9},
		{"Nowhere", "/nowhere/", 10}, {"Relative", "about/", 11}, {"Draft", "/draft/", 12}, {"Case", "/Conditions/asthma/", 13},
		{"Typo", "https:/charity.example.org", 14}, {"Gone", "https://health.example.org/gone/", 15},
	}
	got := checkMenu(site, newIndex(site))
	want := []struct {
		line      int
		check     string
		fragments []string
	}{
		{10, "link", []string{`menu entry "Nowhere": broken link "/nowhere/"`}},
		{11, "link", []string{`menu entry "Relative": "about/" is a relative address`}},
		{12, "draft-link", []string{`menu entry "Draft": link "/draft/" points to draft page draft.md`}},
		{13, "link", []string{`menu entry "Case": broken link`, "did you mean /conditions/asthma"}},
		{14, "url", []string{`menu entry "Typo": malformed URL`}},
		{15, "link", []string{`menu entry "Gone": broken link "https://health.example.org/gone/"`, "fix the path"}},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d diagnostics, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		d := got[i]
		text := d.Message + " " + d.Hint
		ok := d.File == "medkb.yaml" && d.Line == w.line && d.Check == w.check && d.Severity == Error
		for _, f := range w.fragments {
			ok = ok && strings.Contains(text, f)
		}
		if !ok {
			t.Errorf("diagnostic %d = %+v, want a %s error at medkb.yaml:%d with %q", i, d, w.check, w.line, w.fragments)
		}
	}
}
