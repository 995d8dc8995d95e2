package check

import (
	"fmt"
	"strings"
	"testing"
)

// full formats diagnostics as "line:col check severity message | hint".
func full(diags []Diagnostic) []string {
	var out []string
	for _, d := range diags {
		out = append(out, fmt.Sprintf("%d:%d %s %s %s | %s", d.Line, d.Col, d.Check, d.Severity, d.Message, d.Hint))
	}
	return out
}

func assertFull(t *testing.T, got []Diagnostic, want ...string) {
	t.Helper()
	g := full(got)
	if strings.Join(g, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(g, "\n"), strings.Join(want, "\n"))
	}
	for _, d := range got {
		if d.File != "content/a/b.md" {
			t.Errorf("file %q", d.File)
		}
	}
}

func TestAuthorReviewingTheirOwnPageIsAnError(t *testing.T) {
	t.Parallel()
	p := &Page{File: "content/a/b.md", TitleLine: 2, ReviewedByLine: 9, Authors: []string{"amorgan", "pnavarro"},
		Reviewers: []Person{{ID: "pnavarro"}}}
	assertFull(t, checkPeople(p),
		`9:0 self-review error "pnavarro" is both author and reviewer | the medical review must be done by a clinician other than the author: change reviewed_by`)
	p.Reviewers = []Person{{ID: "dokafor"}}
	assertFull(t, checkPeople(p))
}

func TestReviewerOfAnotherSpecialtyIsAWarning(t *testing.T) {
	t.Parallel()
	p := &Page{File: "content/a/b.md", ReviewedByLine: 9, Authors: []string{"amorgan"}, Specialty: "Pulmonology",
		Reviewers: []Person{{ID: "dokafor", Specialty: "Pharmacy"}}}
	assertFull(t, checkPeople(p),
		`9:0 reviewer-specialty warning reviewer "dokafor" is in Pharmacy, the article is in Pulmonology | ask a reviewer of the article's specialty, or correct specialty in the front matter or data/authors.yaml`)
	for _, spec := range []string{"pulmonology", ""} {
		p.Reviewers[0].Specialty = spec
		assertFull(t, checkPeople(p))
	}
}

func TestSummaryLength(t *testing.T) {
	t.Parallel()
	p := &Page{File: "content/a/b.md", IsArticle: true, TitleLine: 2, SummaryLine: 3}
	assertFull(t, checkSummary(p),
		`2:0 summary warning article has no summary; lists, search and feeds would show the first words of the body | add summary: with one or two plain sentences that stand on their own`)
	p.Summary = "Asthma."
	assertFull(t, checkSummary(p),
		`3:0 summary warning summary is too short (7 characters; at least 40) | say in one or two sentences what the page tells the reader`)
	p.Summary = strings.Repeat("Asthma makes airways narrow. ", 11)
	assertFull(t, checkSummary(p),
		`3:0 summary warning summary is too long (318 characters; at most 300) | keep it to one or two sentences; link previews cut it near 160 characters`)
	p.Summary = "Asthma is a common long-term condition that makes your airways narrow."
	assertFull(t, checkSummary(p))
	// Markdown and HTML show as typed wherever a summary goes.
	p.Summary = "Asthma is **very common** and [treatable](/conditions/asthma/): see <b>this</b>, `GINA` & more."
	assertFull(t, checkSummary(p),
		`3:0 summary warning summary holds Markdown or HTML, which lists, feeds, search results and link previews show as typed: a summary is plain text | write it as plain text: summary: "Asthma is very common and treatable: see this, GINA & more."`)
	for _, plain := range []string{"Take 2 * 200 mg tablets [if needed] every 4-6 hours, with food.", "Asthma < COPD in older people; 5 > 3 and a_b_c are not markup."} {
		p.Summary = plain
		assertFull(t, checkSummary(p))
	}
	p.IsArticle, p.Summary = false, "" // sections and the home page
	assertFull(t, checkSummary(p))
}

func TestImagesMustExist(t *testing.T) {
	t.Parallel()
	site := Site{Files: map[string]bool{"/images/lungs.png": true, "/a/b/spacer.png": true},
		Pages: []Page{{File: "content/conditions/copd.md", URL: "/conditions/copd/"}}}
	idx := newIndex(site)
	p := &Page{File: "content/a/b.md", URL: "/a/b/", Images: []Image{
		{Src: "/images/lungs.png", Alt: "x", Line: 7},
		{Src: "spacer.png", Alt: "x", Line: 8},
		{Src: "/images/missing.png", Alt: "x", Line: 9},
		{Src: "inhaler%20diagram.png", Alt: "x", Line: 10},
		{Src: "data:image/png;base64,AAAA", Alt: "x", Line: 11},
		{Src: " ", Alt: "share", Line: 12},
		{Src: "/Images/Lungs.PNG", Alt: "x", Line: 13},
		{Src: "/Conditions/COPD", Alt: "x", Line: 14}, // a page is no picture
	}}
	assertFull(t, checkImageFiles(p, idx),
		`9:0 image error image "/images/missing.png" does not exist | put the file at static/images/missing.png or fix the path`,
		`10:0 image error image "inhaler%20diagram.png" does not exist | put the file at static/a/b/inhaler diagram.png or fix the path`,
		`12:0 image error image "share" has no address: nothing in the brackets after its alt text | write the picture's path in the brackets, such as ![A peak flow meter](/images/peak-flow.png), or remove the image`,
		`13:0 image error image "/Images/Lungs.PNG" does not exist | did you mean /images/lungs.png? Letter case matters on the web server, though this computer may not mind`,
		`14:0 image error image "/Conditions/COPD" does not exist | put the file at static/Conditions/COPD or fix the path`)
	// A leaf bundle's pictures sit beside its index.md.
	bundle := &Page{File: "content/a/b/index.md", URL: "/a/b/", Images: []Image{{Src: "spacer.png", Alt: "x", Line: 3}, {Src: "peak.png", Alt: "x", Line: 4}}}
	got := full(checkImageFiles(bundle, idx))
	if want := `4:0 image error image "peak.png" does not exist | put the file at content/a/b/peak.png or fix the path`; len(got) != 1 || got[0] != want {
		t.Errorf("bundle images: got %q, want [%q]", got, want)
	}
}

// An image most readers' browsers do not show — an iPhone's HEIC photo, a
// scanner's TIFF, a PDF — is an error, as a missing one is: Chrome, Edge
// and Firefox show a broken image. Here or on another host; formats every
// browser shows, and data: URLs, are fine.
func TestImagesInFormatsBrowsersDoNotShow(t *testing.T) {
	t.Parallel()
	site := Site{Files: map[string]bool{"/images/rash.heic": true, "/images/scan.tif": true, "/images/a.webp": true, "/images/b.avif": true, "/images/c.svg": true}}
	p := &Page{File: "content/a/b.md", URL: "/a/b/", Images: []Image{
		{Src: "/images/rash.heic", Alt: "x", Line: 3},
		{Src: "/images/scan.tif", Alt: "x", Line: 4},
		{Src: "https://cdn.example.org/leaflet.PDF", Alt: "x", Line: 5},
		{Src: "/images/a.webp", Alt: "x", Line: 6},
		{Src: "/images/b.avif", Alt: "x", Line: 7},
		{Src: "/images/c.svg", Alt: "x", Line: 8},
		{Src: "/images/gone.heic", Alt: "x", Line: 9}, // missing too: the format is what to fix first
	}}
	const jpeg = "save it as JPEG (a photo) or PNG (a chart or screenshot) and show that file"
	assertFull(t, checkImageFiles(p, newIndex(site)),
		`3:0 image error image "/images/rash.heic" is a HEIC file, which Chrome, Edge and Firefox do not show: most readers would see a broken image | `+jpeg+"; an iPhone saves photos as JPEG with Settings > Camera > Formats > Most Compatible",
		`4:0 image error image "/images/scan.tif" is a TIFF file, which Chrome, Edge and Firefox do not show: most readers would see a broken image | `+jpeg,
		`5:0 image error image "https://cdn.example.org/leaflet.PDF" is a PDF file, which Chrome, Edge and Firefox do not show: most readers would see a broken image | link to the PDF as a document, [Download the leaflet (PDF)](/files/leaflet.pdf), or save its page as a PNG image and show that`,
		`9:0 image error image "/images/gone.heic" is a HEIC file, which Chrome, Edge and Firefox do not show: most readers would see a broken image | `+jpeg+"; an iPhone saves photos as JPEG with Settings > Camera > Formats > Most Compatible")
}
