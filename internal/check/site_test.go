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
