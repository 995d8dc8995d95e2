package check

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/medkb/medkb/internal/check/phi"
	"github.com/medkb/medkb/internal/check/readability"
)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// checksOf returns "check:severity:line" for each diagnostic, for compact
// comparisons.
func checksOf(diags []Diagnostic) []string {
	out := make([]string, len(diags))
	for i, d := range diags {
		out[i] = d.Check + ":" + string(d.Severity) + ":" + strconv.Itoa(d.Line)
	}
	return out
}

func assertChecks(t *testing.T, got []Diagnostic, want ...string) {
	t.Helper()
	g := checksOf(got)
	if strings.Join(g, " ") != strings.Join(want, " ") {
		t.Errorf("diagnostics = %v, want %v\n%+v", g, want, got)
	}
	for _, d := range got {
		if d.Hint == "" || d.Message == "" || d.File == "" {
			t.Errorf("diagnostic without file, message or hint: %+v", d)
		}
	}
}

func TestCheckImages(t *testing.T) {
	p := &Page{File: "a.md", Images: []Image{
		{Src: "/a.png", Alt: "A peak flow meter", Line: 3},
		{Src: "/b.png", Alt: "", Line: 5},
		{Src: "/c.png", Alt: "   ", Line: 8},
		{Src: "/d.jpg", Alt: "IMG_1234.JPG", Line: 10},
		{Src: "/e.png", Alt: "image", Line: 11},
		{Src: "/f.png", Alt: "Photo 2", Line: 12},
		{Src: "/g.png", Alt: "Foto", Line: 13},
		// Descriptions that merely contain such words, or a file's name
		// inside a sentence, are descriptions.
		{Src: "/h.png", Alt: "Photo of a spacer attached to an inhaler", Line: 14},
		{Src: "/i.png", Alt: "A diagram of the lungs, from lungs.png in the leaflet", Line: 15},
		{Src: "/j.png", Alt: "X-ray image", Line: 16},
		{Src: "/k.png", Alt: "ALT", Line: 17}, // the liver test
		{Src: "/l.png", Alt: "radiografía.png", Line: 18},
		{Src: "/m.jpg", Alt: "DSC_0042", Line: 19},
		{Src: "/n.png", Alt: "alt", Line: 20},
		{Src: "/o.png", Alt: "Logo", Line: 21},
		// A raw <img alt="">: decorative, by the writer's choice.
		{Src: "/p.png", Alt: "", Line: 22, Decorative: true},
		// A raw <img alt=" "> or alt="&nbsp;": neither decorative nor described.
		{Src: "/q.png", Alt: "\u00a0", Line: 23},
	}}
	assertChecks(t, checkImages(p), "alt-text:error:5", "alt-text:warning:8",
		"alt-text:warning:10", "alt-text:warning:11", "alt-text:warning:12", "alt-text:warning:13",
		"alt-text:warning:18", "alt-text:warning:19", "alt-text:warning:20", "alt-text:warning:23")
}

func TestCheckReview(t *testing.T) {
	now := date("2026-06-15")
	good := Page{File: "a.md", Audience: "patient", IsArticle: true, ReviewLine: 12, TitleLine: 2,
		LastReviewed: date("2025-06-01"), NextReview: date("2027-06-01"), ReviewedBy: []string{"dokafor"}}
	tests := []struct {
		name   string
		edit   func(p *Page)
		want   []string
		inMsgs string
	}{
		{"complete and current", func(p *Page) {}, nil, ""},
		{"overdue", func(p *Page) { p.NextReview = date("2026-06-14") }, []string{"review-overdue:warning:12"}, "review overdue since 2026-06-14"},
		{"due today is not overdue", func(p *Page) { p.NextReview = now.Add(5 * time.Hour) }, nil, ""},
		{"no reviewer", func(p *Page) { p.ReviewedBy = []string{" "} }, []string{"no-reviewer:warning:12"}, "no clinical reviewer"},
		{"no last review", func(p *Page) { p.LastReviewed = time.Time{} }, []string{"no-reviewer:warning:12"}, "no last review date"},
		{"falls back to the title line", func(p *Page) { p.ReviewLine = 0; p.ReviewedBy = nil }, []string{"no-reviewer:warning:2"}, ""},
		{"overdue points at next_review", func(p *Page) { p.NextReview, p.NextReviewLine = date("2026-06-14"), 13 }, []string{"review-overdue:warning:13"}, ""},
		// One missing fact, one warning: never reviewed is neither two
		// no-reviewer warnings nor also "overdue".
		{"never reviewed", func(p *Page) {
			p.ReviewedBy, p.LastReviewed, p.ReviewLine, p.NextReview, p.NextReviewLine = nil, time.Time{}, 0, date("2025-01-01"), 5
		}, []string{"no-reviewer:warning:2"}, "no reviewed_by and no last_reviewed"},
		{"professional pages are exempt", func(p *Page) { p.Audience = "professional"; p.ReviewedBy = nil; p.NextReview = date("2020-01-01") }, nil, ""},
		{"patient section page: only overdue", func(p *Page) {
			p.IsArticle = false
			p.ReviewedBy = nil
			p.NextReview = date("2020-01-01")
		}, []string{"review-overdue:warning:12"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := good
			tt.edit(&p)
			got := checkReview(&p, now)
			assertChecks(t, got, tt.want...)
			if tt.inMsgs != "" && (len(got) == 0 || !strings.Contains(got[0].Message, tt.inMsgs)) {
				t.Errorf("messages %+v do not contain %q", got, tt.inMsgs)
			}
		})
	}
}

// TestNeverReviewedPageGetsOneWarning runs every check on a patient
// article that was never reviewed, carries an old next_review and is a
// translation whose original changed: one warning says it, not four.
func TestNeverReviewedPageGetsOneWarning(t *testing.T) {
	t.Parallel()
	p := Page{File: "content/a.es.md", URL: "/es/a/", Lang: "es", Title: "Asma", TitleLine: 2, Audience: "patient", IsArticle: true,
		Date: date("2024-01-01"), NextReview: date("2025-01-01"), NextReviewLine: 6, Summary: strings.Repeat("Una frase clara. ", 4),
		References:  []Reference{{ID: "x"}},
		Translation: &Translation{OriginalFile: "content/a.md", OriginalLastmod: date("2026-01-01")}}
	var review []string
	for _, d := range Run(Site{Now: date("2026-06-15"), Pages: []Page{p}}) {
		if d.Check == "no-reviewer" || d.Check == "review-overdue" || d.Check == "translation" {
			review = append(review, fmt.Sprintf("%s:%d %s %s", d.File, d.Line, d.Check, d.Hint))
		}
	}
	want := "content/a.es.md:2 no-reviewer after a clinician's review, add reviewed_by: with the reviewer's author id and last_reviewed: YYYY-MM-DD; as a translation, review it against content/a.md"
	if len(review) != 1 || review[0] != want {
		t.Errorf("review findings = %q\nwant [%q]", review, want)
	}
	// Reviewed once (by someone), the stale translation is its own fact.
	p.LastReviewed = date("2025-06-01")
	p.ReviewedBy = []string{"dokafor"}
	p.Translation = &Translation{OriginalFile: "content/a.md", OriginalLastmod: date("2026-01-01"), LastReviewed: p.LastReviewed}
	var checks []string
	for _, d := range Run(Site{Now: date("2026-06-15"), Pages: []Page{p}}) {
		checks = append(checks, d.Check)
	}
	if strings.Join(checks, " ") != "translation review-overdue" {
		t.Errorf("checks of a reviewed, stale, overdue translation = %v, want [translation review-overdue]", checks)
	}
}

func TestCheckReferences(t *testing.T) {
	tests := []struct {
		name string
		page Page
		want []string
	}{
		{"patient article without references", Page{File: "a.md", Audience: "patient", IsArticle: true, TitleLine: 2}, []string{"no-references:warning:2"}},
		{"with references", Page{File: "a.md", Audience: "patient", IsArticle: true, References: []Reference{{ID: "x"}}}, nil},
		{"professional", Page{File: "a.md", Audience: "professional", IsArticle: true}, nil},
		{"patient section page", Page{File: "a.md", Audience: "patient"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assertChecks(t, checkReferences(&tt.page), tt.want...) })
	}
}

func TestCheckDate(t *testing.T) {
	dated := time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		page Page
		want []string
	}{
		{"undated article", Page{File: "a.md", IsArticle: true, Audience: "patient", TitleLine: 2}, []string{"no-date:error:2"}},
		{"undated professional article", Page{File: "a.md", IsArticle: true, Audience: "professional"}, []string{"no-date:error:1"}},
		{"dated article", Page{File: "a.md", IsArticle: true, Audience: "patient", Date: dated}, nil},
		{"undated site page (contact, policy)", Page{File: "contact.md", IsArticle: true}, nil},
		{"undated section page", Page{File: "_index.md"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assertChecks(t, checkDate(&tt.page), tt.want...) })
	}
}

// A lastmod before the page's date (by day) is a warning at lastmod's
// line; the same day, a later one, or either missing says nothing.
func TestCheckDateOrder(t *testing.T) {
	tests := []struct {
		name string
		page Page
		want []string
	}{
		{"a year too early", Page{File: "a.md", Date: date("2025-05-01"), Modified: date("2024-05-01"), ModifiedLine: 6}, []string{"date-order:warning:6"}},
		{"no line: the title's", Page{File: "a.md", Date: date("2025-05-01"), Modified: date("2025-04-30"), TitleLine: 2}, []string{"date-order:warning:2"}},
		{"same day, earlier hour", Page{File: "a.md", Date: date("2025-05-01").Add(20 * time.Hour), Modified: date("2025-05-01").Add(time.Hour)}, nil},
		{"later", Page{File: "a.md", Date: date("2025-05-01"), Modified: date("2026-01-01")}, nil},
		{"no lastmod", Page{File: "a.md", Date: date("2025-05-01")}, nil},
		{"no date", Page{File: "a.md", Modified: date("2025-05-01")}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assertChecks(t, checkDateOrder(&tt.page), tt.want...) })
	}
}

// An article dated after today is on the site from this build: a
// warning at the date's line; today's date, a past one, no date and a
// page that is not an article say nothing.
func TestCheckFuture(t *testing.T) {
	now := time.Date(2026, 6, 1, 15, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		page Page
		want []string
	}{
		{"tomorrow", Page{File: "a.md", IsArticle: true, Published: date("2026-06-02"), PublishedLine: 4}, []string{"future-date:warning:4"}},
		{"years ahead, no line", Page{File: "a.md", IsArticle: true, Published: date("2030-01-01"), TitleLine: 2}, []string{"future-date:warning:2"}},
		{"today", Page{File: "a.md", IsArticle: true, Published: date("2026-06-01")}, nil},
		{"past", Page{File: "a.md", IsArticle: true, Published: date("2020-01-01")}, nil},
		{"undated", Page{File: "a.md", IsArticle: true}, nil},
		{"section page", Page{File: "_index.md", Published: date("2030-01-01")}, nil},
		{"lastmod ahead", Page{File: "a.md", Published: date("2020-01-01"), Modified: date("2027-01-01"), ModifiedLine: 6}, []string{"future-date:warning:6"}},
		{"lastmod today", Page{File: "a.md", Modified: date("2026-06-01")}, nil},
		{"reviewed ahead, a section page", Page{File: "_index.md", LastReviewed: date("2026-06-02"), ReviewLine: 7}, []string{"future-date:warning:7"}},
		{"all three ahead", Page{File: "a.md", IsArticle: true, Published: date("2027-01-01"), PublishedLine: 3, Modified: date("2027-01-01"), ModifiedLine: 4, LastReviewed: date("2027-01-01"), ReviewLine: 5},
			[]string{"future-date:warning:3", "future-date:warning:4", "future-date:warning:5"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assertChecks(t, checkFuture(&tt.page, now), tt.want...) })
	}
	got := checkFuture(&Page{File: "a.md", IsArticle: true, Published: date("2030-01-01")}, now)
	if len(got) != 1 || got[0].Message != "dated 2030-01-01, in the future: the page is on the site from this build, and joins the feeds only on that day" ||
		got[0].Hint != "to keep it off the site until then, set draft: true and remove it on 2030-01-01; or correct the date" {
		t.Errorf("diagnostic = %+v", got)
	}
}

func TestCheckSourceAge(t *testing.T) {
	p := &Page{File: "a.md", References: []Reference{
		{ID: "new", Year: 2024, Line: 10},
		{ID: "limit", Year: 2021, Line: 11}, // 2026-2021 = 5: allowed
		{ID: "old", Year: 2020, Line: 12},   // 6 years
		{ID: "undated", Year: 0, Line: 13},
		{ID: "this-year", Year: 2026, Line: 14},
		{ID: "typo", Year: 2031, Line: 15}, // 2013, typed backwards
	}}
	got := checkSourceAge(p, date("2026-01-01"), 5)
	assertChecks(t, got, "source-age:warning:12", "source-age:warning:15")
	if len(got) == 2 && (!strings.Contains(got[0].Message, `"old" is from 2020, 6 years old (limit 5)`) ||
		got[1].Message != `reference "typo" is from 2031, a year that has not come` || got[1].Hint != "write the year the source was published") {
		t.Errorf("diagnostics = %+v", got)
	}
}

const hardText = `Chronic obstructive pulmonary disease is a progressive inflammatory condition characterised by persistent respiratory symptoms and airflow limitation attributable to airway and alveolar abnormalities.
Management incorporates pharmacological interventions, pulmonary rehabilitation, vaccination and individualised self-management education, considering comorbidities.`

const easyText = `Asthma makes it hard to breathe. Your airways get tight and sore.
You may cough or wheeze. Your chest may feel tight.
Use your blue inhaler when you feel bad. It works fast.
See your nurse once a year. Bring your inhaler with you.`

func TestCheckReadability(t *testing.T) {
	tests := []struct {
		name string
		page Page
		want []string
	}{
		{"hard patient page", Page{File: "a.md", Audience: "patient", Lang: "en", TitleLine: 2, Plain: hardText}, []string{"readability:warning:2"}},
		{"easy patient page", Page{File: "a.md", Audience: "patient", Plain: easyText}, nil},
		{"professional page", Page{File: "a.md", Audience: "professional", Plain: hardText}, nil},
		{"non-English page is skipped", Page{File: "a.md", Audience: "patient", Lang: "fr", Plain: hardText}, nil},
		{"regional English is scored", Page{File: "a.md", Audience: "patient", Lang: "en-GB", Plain: hardText}, []string{"readability:warning:1"}},
		{"too short to score", Page{File: "a.md", Audience: "patient", Plain: "Pulmonary rehabilitation considerations."}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertChecks(t, checkReadability(&tt.page, 8, new(readability.Counter)), tt.want...)
		})
	}
}

func TestReadabilityPointsAtTheHardestParagraph(t *testing.T) {
	src := "---\ntitle: COPD\nsummary: Management incorporates care\n---\n" + // front matter is not searched
		"Asthma makes it hard to breathe. Your airways get tight and sore.\n\n" + // line 5
		"## Treatment\n\n" +
		"Management incorporates [pharmacological](/glossary/) interventions, pulmonary rehabilitation, vaccination and individualised self-management education, considering comorbidities.\n" // line 9
	p := &Page{File: "content/copd.md", Audience: "patient", Lang: "en", TitleLine: 2, Source: SourceBytes([]byte(src)),
		Plain: "Asthma makes it hard to breathe. Your airways get tight and sore.\nTreatment\n" +
			"Management incorporates pharmacological interventions, pulmonary rehabilitation, vaccination and individualised self-management education, considering comorbidities.\n" +
			"Chronic obstructive pulmonary disease is a progressive inflammatory condition characterised by persistent respiratory symptoms and airflow limitation."}
	got := checkReadability(p, 8, new(readability.Counter))
	if len(got) != 1 || got[0].Line != 9 || !strings.Contains(got[0].Message, "the hardest paragraph") {
		t.Fatalf("got %+v; want one readability warning at line 9, the hardest paragraph", got)
	}
	// Front matter below a blank line, with spaces after its delimiters
	// (read as front matter, as Hugo reads it), is not searched either.
	p.Source = SourceBytes([]byte("\n---  \n" + strings.TrimPrefix(strings.Replace(src, "\n---\n", "\n--- \n", 1), "---\n")))
	if got := checkReadability(p, 8, new(readability.Counter)); len(got) != 1 || got[0].Line != 10 {
		t.Fatalf("got %+v; want one readability warning at line 10, the hardest paragraph below a blank first line", got)
	}
	// The page's last block is not in the source (a partial's text, say):
	// it is never blamed, and the score still covers the whole page.
	p.Source = SourceBytes([]byte("---\ntitle: COPD\n---\nSomething else.\n"))
	if got := checkReadability(p, 8, new(readability.Counter)); len(got) != 1 || got[0].Line != 2 {
		t.Fatalf("got %+v; want the title line when no paragraph is found", got)
	}
	// A file that cannot be read again (it changed since the build read
	// it): the title line is blamed.
	p.Source = func() []byte { return nil }
	if got := checkReadability(p, 8, new(readability.Counter)); len(got) != 1 || got[0].Line != 2 {
		t.Fatalf("got %+v; want the title line when the file cannot be read again", got)
	}
}

func TestReadabilityMessageNamesBothScoresAndTarget(t *testing.T) {
	p := &Page{File: "a.md", Audience: "patient", Plain: hardText}
	got := checkReadability(p, 8, new(readability.Counter))
	if len(got) != 1 {
		t.Fatalf("got %+v", got)
	}
	s := readability.Analyze(hardText)
	for _, want := range []string{
		"Flesch–Kincaid", "SMOG", "target is grade 8",
		fmt.Sprintf("%.1f", s.FKGrade), fmt.Sprintf("%.1f", s.SMOG),
	} {
		if !strings.Contains(got[0].Message, want) {
			t.Errorf("message %q does not contain %q", got[0].Message, want)
		}
	}
	if !strings.Contains(got[0].Hint, `"pharmacological"`) {
		t.Errorf("hint %q does not name a long word from the text", got[0].Hint)
	}
}

func TestCheckIdentifiers(t *testing.T) {
	p := &Page{File: "content/a.md", Source: SourceBytes([]byte("---\ntitle: A\n---\nCall 020 7946 0958 or mail jo@nhs.net.\n"))}
	got := checkIdentifiers(p, nil)
	if len(got) != 2 {
		t.Fatalf("got %+v, want two findings", got)
	}
	want := Diagnostic{File: "content/a.md", Line: 4, Col: 6, Severity: Error, Check: "identifier",
		Message: "possible patient identifier (phone number): *** **** **58"}
	got[0].Hint = ""
	if got[0] != want {
		t.Errorf("got %+v, want %+v", got[0], want)
	}
	if strings.Contains(got[1].Message, "jo@") || !strings.Contains(got[1].Message, "j***@nhs.net") {
		t.Errorf("email not masked: %q", got[1].Message)
	}
	// An organisation's public details, listed in identifiers.allow, are
	// not reported, whatever their spacing; other numbers still are.
	got = checkIdentifiers(p, []string{"020-7946-0958", "JO@nhs.net"})
	if len(got) != 0 {
		t.Errorf("allowed details reported: %+v", got)
	}
	got = checkIdentifiers(p, []string{"020 7946 0000"})
	if len(got) != 2 {
		t.Errorf("an allow list of other numbers hid findings: %+v", got)
	}
	// The allow marker works in front matter as a YAML comment.
	fm := &Page{File: "content/b.md", Source: SourceBytes([]byte("---\ntitle: B\nsummary: Call 020 7946 0958 # medkb:allow-identifier\n---\nText.\n"))}
	if got := checkIdentifiers(fm, nil); len(got) != 0 {
		t.Errorf("marker in front matter ignored: %+v", got)
	}
	// A file that changed since the build read it is not passed as clean.
	gone := &Page{File: "content/c.md", Source: func() []byte { return nil }}
	if got := checkIdentifiers(gone, nil); len(got) != 1 || got[0].Severity != Error || !strings.Contains(got[0].Message, "not scanned") {
		t.Errorf("a file not scanned: got %+v, want one error saying so", got)
	}
}

// TestScannedIdentifiersAreNotReadAgain checks that a page whose source
// the build scanned when it read it (Page.Scanned) is reported from those
// findings, the allow list applied, without reading the file again; and
// that a page not scanned still is read and scanned.
func TestScannedIdentifiersAreNotReadAgain(t *testing.T) {
	src := []byte("---\ntitle: A\n---\nCall 020 7946 0958 or mail jo@nhs.net.\n")
	reads := 0
	read := func() []byte { reads++; return src }
	scanned := &Page{File: "content/a.md", Source: read, Identifiers: phi.Scan(src), Scanned: true}
	fresh := &Page{File: "content/a.md", Source: read}
	got, want := checkIdentifiers(scanned, nil), checkIdentifiers(fresh, nil)
	if reads != 1 {
		t.Errorf("the source was read %d times, want once (for the page not scanned)", reads)
	}
	if len(got) != 2 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("from the build's scan:\n%+v\nfrom reading the file:\n%+v", got, want)
	}
	if got := checkIdentifiers(scanned, []string{"020 7946 0958"}); len(got) != 1 || !strings.Contains(got[0].Message, string(phi.Email)) {
		t.Errorf("allow list over the build's scan: got %+v, want the e-mail address alone", got)
	}
	// Scanned and clean: nothing, and no read, even of a file that changed.
	clean := &Page{File: "content/b.md", Source: func() []byte { reads++; return nil }, Scanned: true}
	if got := checkIdentifiers(clean, nil); len(got) != 0 || reads != 1 {
		t.Errorf("a clean scanned page: got %+v after %d reads, want nothing and no read", got, reads)
	}
}

// TestIdentifierHintsFitTheKind checks that each finding's hint fits what
// was found: "your organisation's public contact (a helpline, an
// address)" was the hint of an IP address in a server set-up and of a
// name in a link text too.
func TestIdentifierHintsFitTheKind(t *testing.T) {
	src := []byte("---\ntitle: A\n---\n" +
		"Call 020 7946 0958 for an appointment.\n" +
		"Set `INTERFACE` to `81.2.69.142` on the patient records server.\n" +
		"Our patient John Smith had a cough.\n" +
		"MRN: 1234567\n")
	got := checkIdentifiers(&Page{File: "content/a.md", Source: func() []byte { return src }}, nil)
	want := []struct {
		kind    phi.Kind
		in, out string
	}{
		{phi.Phone, "public contact (a helpline", ""},
		{phi.IPAddress, "192.0.2.1", "helpline"},
		{phi.Name, "not a person (a heading", "helpline"},
		{phi.MRN, "made-up value", "helpline"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d findings, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		d := got[i]
		if !strings.Contains(d.Message, string(w.kind)) || !strings.Contains(d.Hint, w.in) ||
			(w.out != "" && strings.Contains(d.Hint, w.out)) || !strings.Contains(d.Hint, phi.AllowMarker) {
			t.Errorf("finding %d: %s\n\thint: %s\nwant a %s whose hint has %q and the marker, not %q", i, d.Message, d.Hint, w.kind, w.in, w.out)
		}
	}
}

func TestCheckTranslation(t *testing.T) {
	tests := []struct {
		name string
		tr   *Translation
		want []string
		msg  string
	}{
		{"not a translation", nil, nil, ""},
		{"up to date", &Translation{OriginalFile: "a.md", OriginalLastmod: date("2025-01-01"), OriginalLastReviewed: date("2025-01-01"), LastReviewed: date("2025-02-01")}, nil, ""},
		{"original edited later", &Translation{OriginalFile: "a.md", OriginalLastmod: date("2025-03-01"), LastReviewed: date("2025-02-01")},
			[]string{"translation:warning:4"}, "original changed on 2025-03-01 (translation last reviewed: 2025-02-01)"},
		{"original re-reviewed later", &Translation{OriginalFile: "a.md", OriginalLastmod: date("2025-01-01"), OriginalLastReviewed: date("2025-04-01"), LastReviewed: date("2025-02-01")},
			[]string{"translation:warning:4"}, "original changed on 2025-04-01"},
		{"never reviewed", &Translation{OriginalFile: "a.md", OriginalLastmod: date("2025-01-01")},
			[]string{"translation:warning:4"}, "last reviewed: never"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &Page{File: "fr/a.md", ReviewLine: 4, Translation: tt.tr}
			got := checkTranslation(p)
			assertChecks(t, got, tt.want...)
			if tt.msg == "" {
				return
			}
			if len(got) != 1 || !strings.HasPrefix(got[0].Message, "translation out of date: ") || !strings.Contains(got[0].Message, tt.msg) {
				t.Errorf("got %+v, want a message containing %q", got, tt.msg)
			}
		})
	}
}

// A page whose text the build dropped is read back through Text; when that
// fails the page is not silently passed: the readability check says its
// grade was not checked.
func TestReadabilityReadsTheTextBackOrSaysItCouldNot(t *testing.T) {
	p := &Page{File: "a.md", Audience: "patient", TitleLine: 2, Text: func() (string, error) { return hardText, nil }}
	assertChecks(t, checkReadability(p, 8, new(readability.Counter)), "readability:warning:2")
	p.Text = func() (string, error) { return "", errors.New("spill file gone") }
	got := checkReadability(p, 8, new(readability.Counter))
	if len(got) != 1 || got[0].Severity != Error || !strings.Contains(got[0].Message, "could not be read back") || !strings.Contains(got[0].Message, "spill file gone") {
		t.Fatalf("got %+v; want one error saying the text could not be read back, with the cause", got)
	}
}
