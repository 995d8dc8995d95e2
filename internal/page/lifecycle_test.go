package page

import (
	"testing"
	"time"
)

func TestListedSearchSitemapAndFeedPredicates(t *testing.T) {
	day := func(s string) Date {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return Date{d}
	}
	yes, no := true, false
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name                        string
		p                           Page
		listed, search, sitemap, fd bool
	}{
		{"article", Page{Kind: KindPage}, true, true, true, true},
		{"expires tomorrow", Page{Kind: KindPage, Meta: Meta{Expires: day("2026-12-02")}}, true, true, true, true},
		{"expires today", Page{Kind: KindPage, Meta: Meta{Expires: day("2026-12-01")}}, false, false, false, false},
		{"withdrawn", Page{Kind: KindPage, Meta: Meta{Withdrawn: &Withdrawal{Reason: "unsafe"}}}, false, false, false, false},
		{"trust page", Page{Kind: KindPage, Trust: true}, true, false, true, false},
		{"trust page, search: true, feed: true", Page{Kind: KindPage, Trust: true, Meta: Meta{Search: &yes, Feed: &yes}}, true, true, true, false},
		{"search: false", Page{Kind: KindPage, Meta: Meta{Search: &no}}, true, false, true, true},
		{"sitemap: false", Page{Kind: KindPage, Meta: Meta{Sitemap: &no}}, true, true, false, true},
		{"feed: false", Page{Kind: KindPage, Meta: Meta{Feed: &no}}, true, true, true, false},
		{"section", Page{Kind: KindSection}, true, true, true, false},
		{"404", Page{Kind: Kind404}, true, true, false, false},
		{"search page", Page{Kind: KindSearch}, true, true, false, false},
	}
	for _, tt := range tests {
		p := tt.p
		if got := [4]bool{p.Listed(now), p.InSearch(now), p.InSitemap(now), p.InFeed(now)}; got != [4]bool{tt.listed, tt.search, tt.sitemap, tt.fd} {
			t.Errorf("%s: listed, search, sitemap, feed = %v; want %v", tt.name, got, [4]bool{tt.listed, tt.search, tt.sitemap, tt.fd})
		}
	}
}

func TestFediverseURL(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"@pnavarro@social.example.org": "https://social.example.org/@pnavarro",
		"pnavarro@social.example.org":  "https://social.example.org/@pnavarro",
		"@pnavarro":                    "",
		"@a@b@c":                       "",
		"@a@host/path":                 "",
		"":                             "",
	} {
		if got := (Author{Fediverse: in}).FediverseURL(); got != want {
			t.Errorf("FediverseURL(%q) = %q, want %q", in, got, want)
		}
	}
}
