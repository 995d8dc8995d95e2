package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/medkb/medkb/internal/check"
)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

const hard = "Management incorporates pharmacological interventions, pulmonary rehabilitation, vaccination and individualised self-management education, considering comorbidities."

func input() Input {
	art := func(file, next string) check.Page {
		p := check.Page{File: file, URL: "/" + strings.TrimSuffix(file, ".md") + "/", Lang: "en", Title: file, IsArticle: true,
			Audience: "patient", Authors: []string{"writer"}, ReviewedBy: []string{"doc"}, Plain: "You may cough. Use your inhaler.",
			References: []check.Reference{{ID: "a"}}, Langs: []string{"en", "es"}}
		if next != "" {
			p.NextReview = date(next)
		}
		return p
	}
	overdue := art("overdue.md", "2026-11-30")
	today := art("today.md", "2026-12-01")
	in30 := art("in30.md", "2026-12-31")
	in31 := art("in31.md", "2027-01-01")
	in90 := art("in90.md", "2027-03-01")
	in91 := art("in91.md", "2027-03-02")
	in91.Plain, in91.References, in91.Langs = hard, nil, []string{"en"}
	in91.ReviewedBy = []string{"other"}
	draft := art("draft.md", "2026-12-02")
	draft.Draft = true
	gone := art("gone.md", "2026-12-02")
	gone.Withdrawn = true
	es := art("in30.es.md", "")
	es.Lang = "es"
	es.Translation = &check.Translation{OriginalFile: "in30.md", OriginalLastmod: date("2026-10-01"), LastReviewed: date("2026-09-01")}
	return Input{Today: date("2026-12-01"), Languages: []string{"en", "es"}, DefaultLang: "en",
		Names: map[string]string{"doc": "Dr Doc"},
		Pages: []check.Page{overdue, today, in30, in31, in90, in91, draft, gone, es}}
}

func TestBuildListsEachSectionAndPerson(t *testing.T) {
	r := Build(input())
	got := map[string]string{}
	for _, s := range r.Sections {
		var files []string
		for _, it := range s.Items {
			f := it.File
			switch s.ID {
			case Overdue, Due30, Due90:
				f += fmt.Sprintf("(%d)", it.Days)
			case Untranslated:
				f += "(" + strings.Join(it.Missing, ",") + ")"
			case StaleTranslations:
				f += "(" + it.Original + " " + it.Changed + ")"
			}
			files = append(files, f)
		}
		got[s.ID] = strings.Join(files, " ")
	}
	want := map[string]string{
		Overdue:           "overdue.md(-1)",
		Due30:             "today.md(0) in30.md(30)",
		Due90:             "today.md(0) in30.md(30) in31.md(31) in90.md(90)",
		NoSources:         "in91.md",
		Untranslated:      "in91.md(es)",
		StaleTranslations: "in30.es.md(in30.md 2026-10-01)",
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s = %q; want %q", id, got[id], w)
		}
	}
	if rd := r.Sections[3]; rd.ID != Readability || len(rd.Items) != 6 || rd.Items[0].File != "in91.md" || rd.Items[0].Grade <= 8 {
		t.Errorf("readability section = %+v; want the six English patient pages, the hard one first above grade 8", rd)
	}
	var people []string
	for _, p := range r.People {
		var ids []string
		for _, s := range p.Sections {
			ids = append(ids, fmt.Sprintf("%s:%d", s.ID, len(s.Items)))
		}
		people = append(people, p.Role+" "+p.Name+" "+strings.Join(ids, ","))
	}
	wantPeople := []string{
		"author writer overdue:1,due_30:2,due_90:4,readability:6,no_sources:1,untranslated:1,stale_translations:1",
		"reviewer Dr Doc overdue:1,due_30:2,due_90:4,readability:5,stale_translations:1",
		"reviewer other readability:1,no_sources:1,untranslated:1",
	}
	if strings.Join(people, "\n") != strings.Join(wantPeople, "\n") {
		t.Errorf("people =\n%s\nwant\n%s", strings.Join(people, "\n"), strings.Join(wantPeople, "\n"))
	}
}

func TestHTMLEscapesWriterText(t *testing.T) {
	in := input()
	in.Pages[0].Title = `<script>alert(1)</script>`
	html, err := HTML(Build(in), "/css/site.css")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(html, []byte("<script>")) || !bytes.Contains(html, []byte("&lt;script&gt;")) {
		t.Error("a title reached the report page unescaped")
	}
	var text bytes.Buffer
	WriteText(&text, Build(in))
	if !strings.Contains(text.String(), `overdue.md "<script>alert(1)</script>" — due 2026-11-30, 1 days ago`) {
		t.Errorf("text report:\n%s", text.String())
	}
}

func TestGradesAreKeptUntilTheTextChanges(t *testing.T) {
	in := input()
	in.Grades = NewGrades()
	first := Build(in)
	if len(in.Grades.m) != 6 {
		t.Fatalf("memo holds %d pages; want the 6 scored", len(in.Grades.m))
	}
	in.Pages[5].Plain = "You may cough."
	in.Pages[5].Plain += " Use your inhaler. See your nurse. Drink water. Rest at home today."
	second := Build(in)
	if first.Sections[3].Items[0].File != "in91.md" || second.Sections[3].Items[0].File == "in91.md" {
		t.Errorf("an edited page kept its old grade: before %+v, after %+v", first.Sections[3].Items[0], second.Sections[3].Items[0])
	}
}

// BenchmarkBuild10000 makes the report of 10,000 articles as the dev
// server does on a save: every grade but one from the memo.
func BenchmarkBuild10000(b *testing.B) {
	in := Input{Today: date("2026-12-01"), Languages: []string{"en"}, DefaultLang: "en", Grades: NewGrades()}
	for i := range 10000 {
		in.Pages = append(in.Pages, check.Page{File: fmt.Sprintf("content/a/%05d.md", i), URL: fmt.Sprintf("/a/%05d/", i), Lang: "en",
			Title: "Article", IsArticle: true, Audience: "patient", Authors: []string{fmt.Sprintf("w%d", i%20)},
			ReviewedBy: []string{fmt.Sprintf("r%d", i%7)}, NextReview: date("2026-12-01").AddDate(0, 0, i%400-100),
			Plain: strings.Repeat(hard+" You may cough. Use your inhaler.\n", 20)})
	}
	Build(in) // fill the memo
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		in.Pages[i%len(in.Pages)].Plain += "Edited.\n"
		Build(in)
	}
}
