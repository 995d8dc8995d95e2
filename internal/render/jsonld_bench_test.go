package render

import (
	"testing"
	"time"

	"github.com/medkb/medkb/internal/assemble"
	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/page"
)

// BenchmarkJSONLD makes the structured data of an article shaped like the
// bench corpus's (cmd/medkb-bench): two authors, a reviewer, a condition
// with its ICD-10 code, four references, three breadcrumbs.
func BenchmarkJSONLD(b *testing.B) {
	cfg, err := config.Parse([]byte("title: Bench\nbase_url: https://bench.example.org/\n" +
		"publisher: {name: Bench Trust, url: https://bench.example.org/about/, logo: /images/card-default.png}\n" +
		"default_image: /images/card-default.png\n"))
	if err != nil {
		b.Fatal(err)
	}
	r := &Renderer{Site: &assemble.Site{Config: cfg}}
	day := func(y, m, d int) page.Date {
		return page.Date{Time: time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)}
	}
	author := func(name string) page.Author {
		return page.Author{Name: name, Credentials: "MBBS", Role: "General practitioner", URL: "https://bench.example.org/people/" + name + "/"}
	}
	p := &page.Page{Kind: page.KindPage, Lang: "en", RelPermalink: "/conditions/acne-and-diet/",
		Permalink: "https://bench.example.org/conditions/acne-and-diet/",
		Meta: page.Meta{Title: "Acne and diet", Summary: "Acne: what you eat and your skin.", Date: day(2022, 8, 7),
			Lastmod: day(2024, 1, 13), LastReviewed: day(2023, 10, 26), Audience: "patient", Specialty: "Dermatology",
			About: []page.Condition{{Name: "Acne", ICD10: "L70"}},
			References: []page.Reference{
				{ID: "a", Title: "Long-term follow up of acne", Publisher: "The Lancet", Year: 2023, DOI: "10.1016/S0140-6736(23)30770-8"},
				{ID: "b", Title: "About acne", Publisher: "CDC", Year: 2023, URL: "https://www.cdc.gov/acne/about/"},
				{ID: "c", Title: "Acne", Publisher: "NHS", Year: 2023, URL: "https://www.nhs.uk/conditions/acne/"},
				{ID: "d", Title: "Quality of life in people with acne", Publisher: "BMJ", Year: 2024, DOI: "10.1136/bmj.a1796"},
			}},
		Authors: []page.Author{author("ifischer"), author("rlindqvist")}, Reviewers: []page.Author{author("unakamura")}}
	crumbs := []Crumb{{"Home", "/"}, {"Conditions", "/conditions/"}, {"Acne and diet", "/conditions/acne-and-diet/"}}
	ls := &assemble.Lang{Language: cfg.DefaultLanguage()}
	b.ReportAllocs()
	for b.Loop() {
		r.jsonLD(ls, p, crumbs)
	}
}
