package check

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func render(diags []Diagnostic) []string {
	var lines []string
	for _, d := range diags {
		lines = append(lines, fmt.Sprintf("%s:%d:%d %s %s", d.File, d.Line, d.Col, d.Severity, d.Check))
	}
	return lines
}

func TestLevelsSetPerSiteAndPerPage(t *testing.T) {
	t.Parallel()
	site := demoSite()
	// The site turns source-age into an error and summary off; the asthma
	// page turns summary back on as an error, alt-text off and the
	// review-overdue warning into an error. The draft sets link to error:
	// a draft's errors stay warnings.
	site.Levels = map[string]Level{"source-age": LevelError, "summary": LevelOff, "identifier": LevelWarning}
	site.Pages[0].Levels = map[string]Level{"summary": LevelError, "alt-text": LevelOff, "review-overdue": LevelError}
	site.Pages[1].Levels = map[string]Level{"link": LevelError, "no-reviewer": LevelOff}
	want := []string{
		"content/conditions/asthma.md:2:0 error summary",
		"content/conditions/asthma.md:4:7 warning identifier",
		"content/conditions/asthma.md:9:0 error review-overdue",
		"content/conditions/asthma.md:14:0 error source-age",
		"content/conditions/asthma.md:20:0 error link",
		"content/conditions/asthma.md:21:0 error draft-link",
		"content/drafts/x.md:1:0 warning no-date",
		"content/drafts/x.md:1:0 warning no-references",
		// identifier stays an error on a draft unless the site lowers it.
		"content/drafts/x.md:1:1 warning identifier",
		"content/drafts/x.md:3:0 warning link",
	}
	if got := render(Run(site)); !reflect.DeepEqual(got, want) {
		t.Errorf("Run =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestLevelsApplyToSiteWideChecks(t *testing.T) {
	t.Parallel()
	site := demoSite()
	dup := site.Pages[2]
	dup.File, dup.URL = "content/about-us.md", "/about-us/"
	site.Pages = append(site.Pages, dup)
	count := func() int {
		n := 0
		for _, d := range Run(site) {
			if d.Check == "duplicate-title" {
				n++
			}
		}
		return n
	}
	if n := count(); n != 1 {
		t.Fatalf("duplicate-title findings = %d, want 1", n)
	}
	// The finding is on content/about.md (content/about-us.md sorts first).
	site.Pages[3].Levels = map[string]Level{"duplicate-title": LevelOff}
	if n := count(); n != 1 {
		t.Errorf("duplicate-title findings with the other page's off = %d, want 1", n)
	}
	site.Pages[2].Levels = map[string]Level{"duplicate-title": LevelOff}
	if n := count(); n != 0 {
		t.Errorf("duplicate-title findings with the page's off = %d, want 0", n)
	}
	site.Pages[2].Levels, site.Pages[3].Levels = nil, nil
	site.Levels = map[string]Level{"duplicate-title": LevelOff}
	if n := count(); n != 0 {
		t.Errorf("duplicate-title findings with the site's off = %d, want 0", n)
	}
}

func TestOverridesGroupPagesByCheckAndLevel(t *testing.T) {
	t.Parallel()
	site := Site{Levels: map[string]Level{"summary": LevelOff, "readability": LevelError}, Pages: []Page{
		{File: "content/b.md", Levels: map[string]Level{"readability": LevelOff}},
		{File: "content/a.md", Levels: map[string]Level{"readability": LevelOff, "source-age": LevelError}},
		{File: "content/c.md"},
	}}
	got := Overrides(site)
	want := []Override{
		{Check: "readability", Level: LevelError, Site: true},
		{Check: "summary", Level: LevelOff, Site: true},
		{Check: "readability", Level: LevelOff, Files: []string{"content/a.md", "content/b.md"}},
		{Check: "source-age", Level: LevelError, Files: []string{"content/a.md"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Overrides = %+v, want %+v", got, want)
	}
}

// TestCodesNameEveryCheck reads the package's sources: every Check name a
// diagnostic is made with must be in Codes (so check: can set it), and
// every code must be used.
func TestCodesNameEveryCheck(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`Check: +"([a-z-]+)"`)
	used := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllSubmatch(src, -1) {
			used[string(m[1])] = true
		}
	}
	codes := Codes()
	for c := range used {
		if !slices.Contains(codes, c) {
			t.Errorf("check %q is made but missing from Codes", c)
		}
	}
	for _, c := range codes {
		if !used[c] {
			t.Errorf("Codes lists %q, which no check makes", c)
		}
	}
	if !slices.IsSorted(codes) {
		t.Errorf("Codes is not sorted: %v", codes)
	}
}

// A site-wide check set in a page's front matter never applies (none of
// its findings is about the page): a warning at the page's check: line
// says so, whatever level it was given; a page check beside it does not.
func TestSiteWideCheckSetInAPage(t *testing.T) {
	p := Page{File: "content/conditions/asthma.md", URL: "/conditions/asthma/", Title: "Asthma", CheckLine: 6,
		Levels: map[string]Level{"unlinked-file": LevelOff, "readability": LevelOff, "trust-page": LevelError}}
	var got []string
	for _, d := range checkSiteWideLevels(&p) {
		got = append(got, fmt.Sprintf("%d %s %s | %s", d.Line, d.Severity, d.Message, d.Hint))
	}
	want := []string{
		"6 warning check: trust-page in this page's front matter has no effect: trust-page is a check of the whole site (its findings are about medkb.yaml or files that are no page), not of one page | set it in medkb.yaml instead (check: {trust-page: error}), or remove it from this page",
		"6 warning check: unlinked-file in this page's front matter has no effect: unlinked-file is a check of the whole site (its findings are about medkb.yaml or files that are no page), not of one page | set it in medkb.yaml instead (check: {unlinked-file: off}), or remove it from this page",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Through Run: the warning survives the page's own off level.
	site := Site{BaseURL: "https://health.example.org/", Pages: []Page{p}}
	n := 0
	for _, d := range Run(site) {
		if d.Line == 6 && strings.Contains(d.Message, "has no effect") {
			n++
		}
	}
	if n != 2 {
		t.Errorf("Run reported %d site-wide-level warnings, want 2", n)
	}
}
