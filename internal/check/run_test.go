package check

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/medkb/medkb/internal/cputime"
)

// demoSite is a small site with one problem of each kind.
func demoSite() Site {
	footer := []string{"/about/"}
	return Site{
		BaseURL:    "https://health.example.org/",
		ConfigFile: "medkb.yaml",
		Now:        date("2026-06-15"),
		TrustPages: map[string]string{"about": "/about/"},
		Files:      map[string]bool{"/img/peak-flow.png": true},
		Pages: []Page{
			{
				File: "content/conditions/asthma.md", URL: "/conditions/asthma/", Lang: "en",
				Title: "Asthma", TitleLine: 2, Slug: "asthma", Audience: "patient", IsArticle: true,
				Date: date("2023-06-01"), LastReviewed: date("2024-01-01"), NextReview: date("2026-01-01"), ReviewLine: 9,
				ReviewedBy:  []string{"dokafor"},
				References:  []Reference{{ID: "bts-2019", Year: 2019, Line: 14}},
				Plain:       easyText,
				Source:      SourceBytes([]byte("---\ntitle: Asthma\n---\nEmail nurse.jones@nhs.net for help.\n")),
				Links:       []Link{{Dest: "/conditions/copd/", Line: 20}, {Dest: "/drafts/x/", Line: 21}, {Dest: "#symptoms", Line: 22}},
				Images:      []Image{{Src: "/img/peak-flow.png", Alt: "", Line: 25}},
				IDs:         []string{"symptoms"},
				FooterLinks: footer,
			},
			{
				File: "content/drafts/x.md", URL: "/drafts/x/", Draft: true, Audience: "patient", IsArticle: true,
				Source: SourceBytes([]byte("MRN: 1234567\n")),
				Links:  []Link{{Dest: "/nowhere/", Line: 3}}, // checked, reported as a warning while draft
			},
			{
				File: "content/about.md", URL: "/about/", Title: "About", TitleLine: 2, FooterLinks: footer,
			},
		},
	}
}

func TestRun(t *testing.T) {
	got := Run(demoSite())
	want := []string{
		"content/conditions/asthma.md:2:0 warning summary",
		"content/conditions/asthma.md:4:7 error identifier",
		"content/conditions/asthma.md:9:0 warning review-overdue",
		"content/conditions/asthma.md:14:0 warning source-age",
		"content/conditions/asthma.md:20:0 error link",
		"content/conditions/asthma.md:21:0 error draft-link",
		"content/conditions/asthma.md:25:0 error alt-text",
		// The draft is checked like a published page; its errors are
		// warnings, but for patient identifiers.
		"content/drafts/x.md:1:0 warning no-date",
		"content/drafts/x.md:1:0 warning no-references",
		// One missing fact (no review at all), one warning.
		"content/drafts/x.md:1:0 warning no-reviewer",
		"content/drafts/x.md:1:0 warning summary",
		"content/drafts/x.md:1:1 error identifier",
		"content/drafts/x.md:3:0 warning link",
	}
	var lines []string
	for _, d := range got {
		lines = append(lines, fmt.Sprintf("%s:%d:%d %s %s", d.File, d.Line, d.Col, d.Severity, d.Check))
	}
	if !reflect.DeepEqual(lines, want) {
		t.Errorf("Run =\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	for _, d := range got {
		if d.File == "content/drafts/x.md" && d.Check == "link" && !strings.HasSuffix(d.Hint, DraftHint) {
			t.Errorf("the draft's link warning does not say it is an error once published: %q", d.Hint)
		}
	}
}

func TestRunDefaults(t *testing.T) {
	site := demoSite()
	site.Pages[0].References[0].Year = 2020 // 6 years: over the default 5
	site.Pages[0].Plain = hardText          // over the default grade 8
	var checks []string
	for _, d := range Run(site) {
		checks = append(checks, d.Check)
	}
	joined := strings.Join(checks, " ")
	if !strings.Contains(joined, "source-age") || !strings.Contains(joined, "readability") {
		t.Errorf("checks = %v, want source-age and readability from default limits", checks)
	}
	site.SourceMaxAge, site.ReadabilityTarget = 10, 40
	for _, d := range Run(site) {
		if d.Check == "source-age" || d.Check == "readability" {
			t.Errorf("unexpected %+v with relaxed limits", d)
		}
	}
}

func TestRunDoesNotModifyInput(t *testing.T) {
	site := demoSite()
	before := fmt.Sprintf("%+v", site)
	Run(site)
	if after := fmt.Sprintf("%+v", site); after != before {
		t.Error("Run modified its input")
	}
}

func TestRunIsDeterministic(t *testing.T) {
	site := demoSite()
	site.TrustPages = map[string]string{"about": "/about/", "privacy": "/p/", "contact": "/c/", "editorial_policy": "/e/"}
	first := Run(site)
	for range 20 {
		if got := Run(site); !reflect.DeepEqual(got, first) {
			t.Fatalf("Run is not deterministic:\n%+v\n%+v", got, first)
		}
	}
}

func TestSort(t *testing.T) {
	diags := []Diagnostic{
		{File: "b.md", Line: 1, Check: "link"},
		{File: "a.md", Line: 10, Check: "link"},
		{File: "a.md", Line: 2, Col: 5, Check: "url"},
		{File: "a.md", Line: 2, Col: 5, Check: "anchor", Message: "y"},
		{File: "a.md", Line: 2, Col: 5, Check: "anchor", Message: "x"},
		{File: "", Check: "trust-page"},
	}
	Sort(diags)
	var got []string
	for _, d := range diags {
		got = append(got, fmt.Sprintf("%s:%d:%d:%s:%s", d.File, d.Line, d.Col, d.Check, d.Message))
	}
	want := []string{":0:0:trust-page:", "a.md:2:5:anchor:x", "a.md:2:5:anchor:y", "a.md:2:5:url:", "a.md:10:0:link:", "b.md:1:0:link:"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Sort = %v, want %v", got, want)
	}
}

// BenchmarkRun measures Run over a synthetic site of 1,000 patient pages
// that link to each other, cite references and carry prose.
func BenchmarkRun(b *testing.B) {
	site := syntheticSite(1000)
	b.ReportAllocs()
	defer cputime.PerOp(b)()
	for b.Loop() {
		Run(site)
	}
}

func syntheticSite(n int) Site {
	site := Site{
		BaseURL:    "https://health.example.org/",
		Now:        time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC),
		TrustPages: map[string]string{"about": "/about/", "privacy": "/privacy/"},
		Files:      map[string]bool{"/search/": true, "/feed.xml": true},
	}
	footer := []string{"/about/", "/privacy/"}
	site.Pages = append(site.Pages,
		Page{File: "content/about.md", URL: "/about/", Title: "About", FooterLinks: footer},
		Page{File: "content/privacy.md", URL: "/privacy/", Title: "Privacy", FooterLinks: footer})
	body := strings.Repeat(easyText+"\n"+hardText+"\n", 3)
	for i := range n {
		url := fmt.Sprintf("/conditions/c%d/", i)
		src := fmt.Sprintf("---\ntitle: Condition %d\nlast_reviewed: 2026-01-01\nreferences:\n  - id: r%d\n    doi: 10.1000/%d\n---\n%s\n", i, i, i, body)
		site.Pages = append(site.Pages, Page{
			File: fmt.Sprintf("content/conditions/c%d.md", i), URL: url, Lang: "en",
			Title: fmt.Sprintf("Condition %d", i), TitleLine: 2, Slug: fmt.Sprintf("c%d", i),
			Audience: "patient", IsArticle: true,
			LastReviewed: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), NextReview: time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC),
			ReviewedBy: []string{"dokafor"}, References: []Reference{{ID: fmt.Sprintf("r%d", i), Year: 2019, Line: 5}},
			Plain: body, Source: SourceBytes([]byte(src)),
			Links: []Link{
				{Dest: fmt.Sprintf("/conditions/c%d/#symptoms", (i+1)%n), Line: 9},
				{Dest: "../c0/", Line: 10},
				{Dest: "https://www.nhs.uk/conditions/", Line: 11},
				{Dest: "/search/?q=x", Line: 12},
			},
			Images:      []Image{{Src: "/img/x.png", Alt: "A diagram", Line: 13}},
			IDs:         []string{"symptoms", "treatment"},
			FooterLinks: footer,
		})
	}
	return site
}
