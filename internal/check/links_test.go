package check

import (
	"net/url"
	"strings"
	"testing"
)

// linkSite is a small site the link tests resolve against.
func linkSite() Site {
	return Site{
		BaseURL: "https://health.example.org/",
		Pages: []Page{
			{File: "content/conditions/asthma.md", URL: "/conditions/asthma/", IDs: []string{"symptoms", "treatment"}},
			{File: "content/conditions/copd.md", URL: "/conditions/copd/", IDs: []string{"causes"}},
			{File: "content/conditions/_index.md", URL: "/conditions/"},
			{File: "content/drafts/new.md", URL: "/conditions/new-thing/", Draft: true},
			{File: "content/conditions/croup.md", URL: "/conditions/croup/", Withdrawn: true, ReplacedBy: "/conditions/copd/"},
			{File: "content/about.md", URL: "/about.html"},
		},
		Files: map[string]bool{"/images/spacer.png": true, "/search/": true, "/feed.xml": true, "/tags/lungs/index.html": true},
	}
}

func TestCheckLink(t *testing.T) {
	site := linkSite()
	idx := newIndex(site)
	from := &site.Pages[0] // /conditions/asthma/
	tests := []struct {
		dest      string
		wantCheck string // "" means no diagnostic
		wantIn    string // substring of the message
	}{
		// internal, resolving
		{"/conditions/copd/", "", ""},
		{"/conditions/copd", "", ""},
		{"/conditions/copd/index.html", "", ""},
		{"/conditions/copd/?ref=x", "", ""},
		{"../copd/", "", ""},
		{"../", "", ""},
		{"/about.html", "", ""},
		{"/images/spacer.png", "", ""},
		{"/search/?q=asthma", "", ""},
		{"/tags/lungs/", "", ""},
		{"https://health.example.org/conditions/copd/", "", ""},
		{"/conditions/copd/#causes", "", ""},
		{"#symptoms", "", ""},
		{"#top", "", ""},
		{"/images/spacer.png#anything", "", ""},
		// broken
		{"/conditions/missing/", "link", "nothing is published at /conditions/missing"},
		{"missing/", "link", "/conditions/asthma/missing"},
		{"https://health.example.org/nope/", "link", "/nope"},
		{"copd.md", "link", "/conditions/asthma/copd.md"},
		{"", "link", "empty link destination"},
		// anchors
		{"#nope", "anchor", `no element with id "nope" on /conditions/asthma/`},
		{"/conditions/copd/#symptoms", "anchor", `"symptoms" on /conditions/copd/`},
		{"../copd#x", "anchor", `"x"`},
		// a typo of an id of the page: the nearest is named
		{"#sympotms", "anchor", `no element with id "sympotms" on /conditions/asthma/; did you mean "symptoms"?`},
		{"/conditions/asthma/#Treatmnt", "anchor", `no element with id "Treatmnt" on /conditions/asthma/; did you mean "treatment"?`},
		{"/conditions/copd/#causes-", "anchor", `"causes-" on /conditions/copd/; did you mean "causes"?`},
		// drafts
		{"/conditions/new-thing/", "draft-link", "content/drafts/new.md"},
		// withdrawn pages: a warning, not an anchor error on the tombstone
		{"/conditions/croup/", "withdrawn-link", "points to withdrawn page content/conditions/croup.md"},
		{"/conditions/croup/#symptoms", "withdrawn-link", "content/conditions/croup.md"},
		// external: never fetched, only validated
		{"https://www.nhs.uk/conditions/asthma/", "", ""},
		{"http://example.com:8080/x", "", ""},
		{"https://bücher.example/", "", ""},
		{"https://192.0.2.10/x", "", ""},
		{"//cdn.example.com/x.js", "", ""},
		{"mailto:help@example.org", "", ""},
		{"tel:+441234567890", "", ""},
		{"sms:838255", "", ""}, // a crisis text line
		{"sms:", "url", "has nothing after sms:"},
		{"http:/x", "url", "missing host"},
		{"https://", "url", "missing host"},
		{"https://exa mple.com", "url", "contains whitespace"},
		// localhost and private networks: well formed, but readers cannot
		// follow them (medic/cht-docs links http://localhost:9000)
		{"https://localhost/x", "local-link", `leads to the reader's own computer`},
		{"http://localhost:9000", "local-link", `"http://localhost:9000" leads to the reader's own computer`},
		{"http://localhost:9000/#!/mediators", "local-link", "the reader's own computer"},
		{"https://LOCALHOST.:8443", "local-link", "the reader's own computer"},
		{"http://app.localhost/", "local-link", "the reader's own computer"},
		{"http://127.0.0.1:5984/_utils", "local-link", "the reader's own computer"},
		{"http://0.0.0.0:5988/", "local-link", "the reader's own computer"},
		{"http://[::1]:8080/", "local-link", "the reader's own computer"},
		{"//localhost/x.js", "local-link", "the reader's own computer"},
		{"http://10.220.249.15:9399/metrics", "local-link", "a private network"},
		{"https://192.168.68.26/", "local-link", "a private network"},
		{"http://169.254.169.254/latest/", "local-link", "a private network"},
		{"https://myserver/x", "url", `invalid host "myserver"`},
		{"https://localhostx/", "url", `invalid host "localhostx"`},
		{"https://example..com/", "url", "invalid host"},
		{"https://-bad.example.com/", "url", "invalid host"},
		{"https://example.123/", "url", "invalid host"},
		{"https://exa_mple.com/", "url", "invalid host"},
		{"htps://example.com/", "url", `unsupported scheme "htps"`},
		{"javascript:alert(1)", "url", `unsupported scheme "javascript"`},
		{"https://example.com/%zz", "url", "cannot be parsed"},
		{"mailto:", "url", "nothing after mailto:"},
		// An e-mail address without mailto: (USAID-OHA-SI's site, MIT,
		// links [M/CIO Help Desk](CIO-HELPDESK@usaid.gov)): a page of
		// the site to a browser.
		{"CIO-HELPDESK@usaid.gov", "link", `"CIO-HELPDESK@usaid.gov" is an e-mail address without mailto:`},
		{"help.desk+nhs@example.org", "link", "without mailto:"},
		// Copied with a tracker: the link works, the click is told.
		{"https://www.nice.org.uk/guidance/ng80?utm_source=newsletter", "tracked-link", "carries tracking parameters (utm_source)"},
		{"https://www.google.com/url?q=https://www.nhs.uk/", "tracked-link", "goes through a redirect (Google)"},
	}
	for _, tt := range tests {
		t.Run(tt.dest, func(t *testing.T) {
			d, ok := checkLink(from, Link{Dest: tt.dest, Line: 7}, idx)
			if tt.wantCheck == "" {
				if ok {
					t.Fatalf("checkLink(%q) = %+v, want no diagnostic", tt.dest, d)
				}
				return
			}
			if !ok {
				t.Fatalf("checkLink(%q): no diagnostic, want %s", tt.dest, tt.wantCheck)
			}
			severity := Error
			if tt.wantCheck == "withdrawn-link" || tt.wantCheck == "local-link" || tt.wantCheck == "tracked-link" {
				severity = Warning
			}
			if d.Check != tt.wantCheck || d.Severity != severity || !strings.Contains(d.Message, tt.wantIn) || d.Hint == "" {
				t.Errorf("checkLink(%q) = %+v, want %s %s containing %q with a hint", tt.dest, d, severity, tt.wantCheck, tt.wantIn)
			}
		})
	}
}

// A fragment holding "=" is state an old site's script read
// (HealthCare.gov's 2013 "#part=3"): the hint says it is no id, and
// still lists the ids; a plain missing id's hint only lists them.
func TestAnchorHintNamesScriptState(t *testing.T) {
	site := linkSite()
	idx := newIndex(site)
	for dest, want := range map[string]string{
		"/conditions/asthma/#part=3": "#part=3 is not an id but state an old site's script read to open part of a page; link to a heading's id instead or to the page without #fragment; available ids: symptoms, treatment",
		"/conditions/asthma/#part3":  "available ids: symptoms, treatment",
	} {
		d, ok := checkLink(&site.Pages[1], Link{Dest: dest, Line: 3}, idx)
		if !ok || d.Check != "anchor" || d.Hint != want {
			t.Errorf("checkLink(%q) = %+v, %v; want an anchor error with hint %q", dest, d, ok, want)
		}
	}
}

func TestWithdrawnLinkNamesTheReplacement(t *testing.T) {
	site := linkSite()
	d, ok := checkInternal(&site.Pages[0], Link{Dest: "/conditions/croup/"}, &url.URL{Path: "/conditions/croup/"}, newIndex(site))
	if !ok || d.Severity != Warning || d.Hint != "link to its replacement, /conditions/copd/, instead" {
		t.Errorf("got %+v, %v; want a warning whose hint names /conditions/copd/", d, ok)
	}
}

func TestCheckLinksCarriesFileAndLine(t *testing.T) {
	site := linkSite()
	p := site.Pages[0]
	p.Links = []Link{{Dest: "/conditions/copd/", Line: 3}, {Dest: "/gone/", Line: 9}}
	got := checkLinks(&p, newIndex(site))
	if len(got) != 1 || got[0].File != p.File || got[0].Line != 9 {
		t.Fatalf("checkLinks = %+v, want one diagnostic at %s:9", got, p.File)
	}
}

func TestBrokenLinkHints(t *testing.T) {
	site := linkSite()
	site.Pages = append(site.Pages, Page{File: "content/conditions/new.md", URL: "/conditions/new-thing/", Draft: true})
	idx := newIndex(site)
	tests := []struct{ dest, key, want string }{
		// A link to a Markdown file the build did not lead to its page:
		// the hint names the file (read from the linking page's folder,
		// or from content/), or the page's URL for a link it did not lead.
		{"copd.md", "/conditions/copd.md", "content/conditions/copd.md is the file of /conditions/copd/: link to that URL"},
		{"gone.md#causes", "/conditions/gone.md", "content/conditions/gone.md does not exist, or makes no page"},
		{"/treatments/my%20gone.markdown", "/treatments/my gone.markdown", "content/treatments/my gone.markdown does not exist"},
		{"../../../outside.md", "/outside.md", "link to the page's URL (for example /section/page/), or to its Markdown file in content/"},
		{"www.nhs.uk", "/conditions/asthma/www.nhs.uk", "https://"},
		{"/illness/copd/", "/illness/copd", "did you mean /conditions/copd/?"},
		{"/Conditions/COPD/", "/Conditions/COPD", "did you mean /conditions/copd/? Letter case matters on the web server"},
		{"/zzz/", "/zzz", "fix the path"},
		{"/Conditions/New-Thing/", "/Conditions/New-Thing", "fix the path"}, // a draft is not offered
		// A web address without its scheme (nhs-pycom/nhs.pycom links
		// github.com/name): a path of the site to a browser.
		{"github.com/nhs-pycom", "/conditions/asthma/github.com/nhs-pycom", "write https://github.com/nhs-pycom"},
		{"nice.org.uk/guidance/ng80#recs", "/conditions/asthma/nice.org.uk/guidance/ng80", "write https://nice.org.uk/guidance/ng80#recs"},
		// File names are not host names.
		{"leaflet.pdf", "/conditions/asthma/leaflet.pdf", "fix the path"},
		{"spacer/index.html", "/conditions/asthma/spacer/index.html", "fix the path"},
	}
	for _, tt := range tests {
		u, err := url.Parse(tt.dest)
		if err != nil {
			t.Fatal(err)
		}
		if got := brokenHint(&site.Pages[0], tt.dest, u, tt.key, idx); !strings.Contains(got, tt.want) {
			t.Errorf("brokenHint(%q) = %q, want it to contain %q", tt.dest, got, tt.want)
		}
	}
}

// TestBasePathPrefix: under the base path /kb/, an absolute link to the
// site's own address with the path is accepted, while a site-rooted one
// written with the path (which medkb adds itself) is a warning naming
// the link to write; a broken one stays a broken link.
func TestBasePathPrefix(t *testing.T) {
	site := linkSite()
	site.BaseURL = "https://example.github.io/kb/"
	idx := newIndex(site)
	if d, ok := checkLink(&site.Pages[0], Link{Dest: "https://example.github.io/kb/conditions/copd/"}, idx); ok {
		t.Errorf("checkLink of the site's absolute address = %+v, want it accepted", d)
	}
	d, ok := checkLink(&site.Pages[0], Link{Dest: "/kb/conditions/copd/"}, idx)
	if !ok || d.Severity != Warning || d.Hint != "write /conditions/copd/: medkb adds /kb/" {
		t.Errorf("checkLink(/kb/conditions/copd/) = %+v, %v; want a warning whose hint is to write /conditions/copd/", d, ok)
	}
	if d, ok := checkLink(&site.Pages[0], Link{Dest: "/kb/conditions/nothing/"}, idx); !ok || d.Severity != Error || d.Check != "link" {
		t.Errorf("checkLink(/kb/conditions/nothing/) = %+v, %v; want a broken link", d, ok)
	}
	if d, ok := checkLink(&site.Pages[0], Link{Dest: "https://example.github.io/kb/conditions/nothing/"}, idx); !ok || d.Severity != Error || d.Check != "link" {
		t.Errorf("checkLink(https://example.github.io/kb/conditions/nothing/) = %+v, %v; want a broken link", d, ok)
	}
	// Another site on the same host (a GitHub project page beside ours)
	// is not this site's to check.
	if d, ok := checkLink(&site.Pages[0], Link{Dest: "https://example.github.io/other-project/page/"}, idx); ok {
		t.Errorf("checkLink of another project on the host = %+v, want it left alone", d)
	}
}

func TestNormalizePath(t *testing.T) {
	tests := map[string]string{
		"":                 "/",
		"/":                "/",
		"/index.html":      "/",
		"/a/b/":            "/a/b",
		"/a/b":             "/a/b",
		"/a/b/index.html":  "/a/b",
		"a/b/":             "/a/b",
		"/a/./c/../b/":     "/a/b",
		"/a/notindex.html": "/a/notindex.html",
	}
	for in, want := range tests {
		if got := normalizePath(in); got != want {
			t.Errorf("normalizePath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestExternalPathsAreNotCheckedAsPages(t *testing.T) {
	site := linkSite()
	site.ExternalPaths = []string{"/glossary/", "quick-answers"}
	p := site.Pages[0]
	p.Links = []Link{{Dest: "/glossary/co-payment", Line: 3}, {Dest: "/quick-answers/#step-1", Line: 4},
		{Dest: "/quick-answers-old/", Line: 5}, {Dest: "/glossaryx/", Line: 6}}
	got := checkLinks(&p, newIndex(site))
	if len(got) != 2 || got[0].Line != 5 || got[1].Line != 6 {
		t.Fatalf("checkLinks = %+v, want the two links outside the external paths (lines 5 and 6) reported", got)
	}
}

// A hand-written link to an e-mail address without mailto: is reported
// at its line with the fix, not as a missing page with "fix the path".
func TestEmailLinkWithoutMailtoSaysWriteMailto(t *testing.T) {
	site := linkSite()
	p := site.Pages[0]
	p.Links = []Link{{Dest: "CIO-HELPDESK@usaid.gov", Line: 18}, {Dest: "mailto:CIO-HELPDESK@usaid.gov", Line: 19}}
	got := checkLinks(&p, newIndex(site))
	if len(got) != 1 || got[0].File != p.File || got[0].Line != 18 || got[0].Hint != "write mailto:CIO-HELPDESK@usaid.gov" {
		t.Fatalf("checkLinks = %+v, want one diagnostic at %s:18 with the hint write mailto:CIO-HELPDESK@usaid.gov", got, p.File)
	}
}

// A link the build led from a Markdown file to its page is quoted as the
// writer wrote it, with the address it leads to, in the anchor, draft
// and withdrawn messages: the writer searches the file for what they
// typed. Any other link is quoted as it is.
func TestLinkMessagesQuoteWhatWasWritten(t *testing.T) {
	site := linkSite()
	p := site.Pages[0]
	p.Links = []Link{
		{Dest: "/conditions/copd/#nope", Written: "copd.md#nope", Line: 3},
		{Dest: "/conditions/new-thing/", Written: "new.md", Line: 4},
		{Dest: "/conditions/croup/", Written: "../conditions/croup.md", Line: 5},
		{Dest: "/conditions/copd/#gone", Line: 6},
	}
	var got []string
	for _, d := range checkLinks(&p, newIndex(site)) {
		got = append(got, d.Message)
	}
	want := []string{
		`link "copd.md#nope" (to /conditions/copd/#nope): no element with id "nope" on /conditions/copd/`,
		`link "new.md" (to /conditions/new-thing/) points to draft page content/drafts/new.md`,
		`link "../conditions/croup.md" (to /conditions/croup/) points to withdrawn page content/conditions/croup.md`,
		`link "/conditions/copd/#gone": no element with id "gone" on /conditions/copd/`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("messages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
