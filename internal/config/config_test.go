package config

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/medkb/medkb/internal/diag"
)

func TestDefaults(t *testing.T) {
	t.Parallel()
	c, err := Parse([]byte("title: Test\nbase_url: https://health.test\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.BaseURL != "https://health.test/" || c.Language != "en" || len(c.Languages) != 1 || !c.Languages[0].Default {
		t.Errorf("base/language defaults wrong: %+v", c)
	}
	if c.ReviewInterval != (Interval{Years: 3}) || c.ReadabilityTarget != 8 || c.SourceMaxAge != (Interval{Years: 5}) {
		t.Errorf("trust defaults wrong: %+v %v %+v", c.ReviewInterval, c.ReadabilityTarget, c.SourceMaxAge)
	}
	if strings.Join(c.Feeds.Formats, ",") != "rss,atom,json" || c.Feeds.Limit != 20 || c.Feeds.Content != "full" || c.Feeds.TagContent != "summary" {
		t.Errorf("feed defaults wrong: %+v", c.Feeds)
	}
	if c.DefaultImage != "/images/card-default.png" {
		t.Errorf("default image = %q", c.DefaultImage)
	}
}

func TestFeedFormatsPerLevelDefaults(t *testing.T) {
	t.Parallel()
	cases := []struct{ src, site, sections, tags string }{
		{"title: x\n", "rss,atom,json", "rss,atom,json", "atom,json"},
		{"feeds: {formats: [json, rss]}\n", "json,rss", "json,rss", "json"},
		{"feeds: {formats: [rss]}\n", "rss", "rss", "rss"},
		{"feeds: {formats: [atom], section_formats: [rss, json], tag_formats: [rss]}\n", "atom", "rss,json", "rss"},
	}
	for _, c := range cases {
		cfg, err := Parse([]byte(c.src))
		if err != nil {
			t.Fatalf("%q: %v", c.src, err)
		}
		got := [3]string{}
		for i, l := range []FeedLevel{FeedSite, FeedSection, FeedTag} {
			got[i] = strings.Join(cfg.Feeds.FormatsOf(l), ",")
		}
		if got != [3]string{c.site, c.sections, c.tags} {
			t.Errorf("%q: site, section, tag formats = %q; want %q", c.src, got, [3]string{c.site, c.sections, c.tags})
		}
	}
}

func TestLanguages(t *testing.T) {
	t.Parallel()
	c, err := Parse([]byte("languages:\n  - {code: en, name: English}\n  - {code: ar, name: Arabic}\n  - {code: es, name: Español, default: true}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.DefaultLanguage().Code != "es" || c.Language != "es" {
		t.Errorf("default language = %q", c.DefaultLanguage().Code)
	}
	if ar, _ := c.Lang("ar"); ar.Direction != "rtl" {
		t.Errorf("Arabic direction = %q; want rtl by default", ar.Direction)
	}
	if c.LangPrefix("es") != "" || c.LangPrefix("en") != "/en" {
		t.Errorf("prefixes: es %q, en %q", c.LangPrefix("es"), c.LangPrefix("en"))
	}
	e, err := Parse([]byte("languages:\n  - {code: en, emergency: {number: \"+44 (0)20 7946-0000\", label: \"Call us\"}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if e.Languages[0].Emergency != (Emergency{Number: "+44 (0)20 7946-0000", Label: "Call us"}) {
		t.Errorf("emergency number: %+v", e.Languages[0].Emergency)
	}
}

func TestIntervals(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]Interval{"3y": {Years: 3}, "18m": {Months: 18}, "6w": {Days: 42}, "90d": {Days: 90}, " 2Y ": {Years: 2}} {
		got, err := ParseInterval(in)
		if err != nil || got != want {
			t.Errorf("ParseInterval(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "3", "y", "3 years", "-1y"} {
		if _, err := ParseInterval(bad); err == nil {
			t.Errorf("ParseInterval(%q) accepted", bad)
		}
	}
}

func TestInvalidConfigNamesTheLine(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		src  string
		line int
		want string
		hint string // when set, the hint must contain it
	}{
		"bad base_url":           {"title: x\nbase_url: ftp://x\n", 2, "invalid base_url", ""},
		"base_url query":         {"base_url: https://x.test/health/?v=1\n", 1, "has a query or fragment", ""},
		"bad language code":      {"title: x\nlanguages:\n  - {code: English}\n", 2, "invalid language code", ""},
		"two defaults":           {"languages:\n  - {code: en, default: true}\n  - {code: es, default: true}\n", 1, "more than one default", ""},
		"bad feed format":        {"feeds: {formats: [rss, atom03]}\n", 1, "unknown feed format", ""},
		"bad tag feed format":    {"title: x\nfeeds:\n  limit: 5\n  tag_formats: [atom, rdf]\n", 4, `unknown feed format "rdf" in feeds.tag_formats`, ""},
		"feed format twice":      {"feeds:\n  section_formats: [json, json]\n", 2, `"json" listed twice in feeds.section_formats`, ""},
		"bad interval":           {"title: x\n\nreview_interval: soon\n", 3, "invalid interval", "3y, 18m, 6w or 90d"},
		"interval in words":      {"review_interval: 3 years\n", 1, `invalid interval "3 years"`, "write 3y: use one letter"},
		"interval, no unit":      {"review_interval: 3\n", 1, `invalid interval "3"`, "write 3y for 3 years: use one letter for the unit"},
		"interval, a word":       {"review_interval: daily\n", 1, `invalid interval "daily"`, "use one letter for the unit"},
		"upper-case language":    {"languages:\n  - {code: en, default: true}\n  - {code: ES}\n", 1, `invalid language code "ES"`, "lower case: es"},
		"upper-case region":      {"languages:\n  - {code: en, default: true}\n  - {code: PT-BR}\n", 1, `invalid language code "PT-BR"`, "lower case: pt-BR"},
		"yaml syntax":            {"title: [x\n", 1, "", ""},
		"bad ignore glob":        {"title: x\nignore: ['*.psd', '[a-']\n", 2, `invalid ignore pattern "[a-"`, ""},
		"bad publish_unlinked":   {"title: x\npublish_unlinked:\n  - leaflets/*.pdf\n  - '[a-'\n", 4, `invalid publish_unlinked pattern "[a-"`, "leaflets/*.pdf"},
		"empty publish_unlinked": {"title: x\npublish_unlinked: ['/']\n", 2, `invalid publish_unlinked pattern "/"`, ""},
		"emergency number":       {"title: x\nlanguages:\n  - {code: en, emergency: {number: \"nine-nine-nine\"}}\n", 2, "invalid emergency number", ""},
		"emergency label alone":  {"languages:\n  - {code: en, emergency: {label: \"Call now\"}}\n", 1, "invalid emergency number", ""},
		"bad search memory":      {"title: x\nsearch:\n  memory_mb: -5\n", 3, "invalid search.memory_mb -5", ""},
		"tiny search memory":     {"search: {memory_mb: 4}\n", 1, "invalid search.memory_mb 4", ""},
		"bad build memory":       {"title: x\nbuild:\n  memory_mb: -1\n", 3, "invalid build.memory_mb -1", ""},
		"tiny build memory":      {"build: {memory_mb: 64}\n", 1, "invalid build.memory_mb 64", ""},
		"external path /":        {"title: x\nlinks:\n  external_paths: [/forms/, /]\n", 3, `links.external_paths lists "/", which is the whole site`, "no link of the site would be checked"},
		"external path //":       {"links: {external_paths: [\"//\"]}\n", 1, "an address, not a path", "such as /forms/"},
		"external mailto":        {"links: {external_paths: [\"mailto:x@example.org\"]}\n", 1, "an address, not a path", "such as /forms/"},
		"external address":       {"links:\n  external_paths:\n    - https://old.example.org/forms/\n", 2, "an address, not a path", "such as /forms/"},
		"reading ease target":    {"readability_target: 80\n", 1, "readability_target 80 is not a school grade (Flesch–Kincaid, 1 to 18)", "80 looks like a Flesch reading ease score"},
		"negative target":        {"title: x\nreadability_target: -2\n", 2, "readability_target -2 is not a school grade", "such as readability_target: 8"},
		"report e-mail":          {"title: x\nreport_problem: content@health.example.org\n", 2, `report_problem "content@health.example.org" is an e-mail address without mailto:`, "write report_problem: mailto:content@health.example.org"},
		"report text":            {"report_problem: the editors\n", 1, `report_problem "the editors" is not an address every page can link to`, "mailto:"},
	}
	for name, c := range cases {
		_, err := Parse([]byte(c.src))
		var d *diag.Diagnostic
		if !errors.As(err, &d) {
			t.Errorf("%s: error %v is not a diagnostic", name, err)
			continue
		}
		if d.File != FileName || (c.line > 0 && d.Line != c.line) || !strings.Contains(d.Message, c.want) || d.Hint == "" || !strings.Contains(d.Hint, c.hint) {
			t.Errorf("%s: got %s:%d %q (hint %q); want line %d containing %q", name, d.File, d.Line, d.Message, d.Hint, c.line, c.want)
		}
	}
}

func TestCheckLevelsAreValidatedAtTheirPosition(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ src, want, hint string }{
		{"title: x\ncheck:\n  readabilty: off\n", `medkb.yaml:3:3: error: unknown key "readabilty" in check; did you mean "readability"?`, ""},
		// Too far from any name for a guess: the hint lists the names.
		{"title: x\ncheck:\n  sources: error\n", `medkb.yaml:3:3: error: unknown key "sources" in check`, "no-references, no-reviewer, placeholder, readability"},
		{"title: x\ncheck: {readability: silent}\n", `medkb.yaml:2:22: error: check.readability "silent" is not one of error, warning, off`, "error, warning, off"},
	} {
		_, err := Parse([]byte(c.src))
		list := diag.From(err)
		if len(list) != 1 || !strings.HasPrefix(list[0].String(), c.want) || !strings.Contains(list[0].Hint, c.hint) {
			t.Errorf("Parse(%q) = %v\nwant one diagnostic starting %q, hint with %q", c.src, list, c.want, c.hint)
		}
	}
	cfg, err := Parse([]byte("title: x\ncheck: {readability: off, source-age: error}\n"))
	if err != nil || cfg.Check["readability"] != "off" || cfg.Check["source-age"] != "error" {
		t.Errorf("Parse = %v, %v; want check readability off, source-age error", cfg.Check, err)
	}
}

func TestDeployTargetsAreValidatedAtTheirLine(t *testing.T) {
	t.Parallel()
	good := "title: x\ndeploy:\n  targets:\n    - name: production\n      url: s3://bucket/site?region=eu-west-2\n      compress: gzip\n"
	c, err := Parse([]byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if tg, ok := c.Deploy.Target(""); !ok || tg.Name != "production" || tg.Line != 4 || c.Deploy.MaxDeletes != 256 {
		t.Fatalf("target %+v, max_deletes %d", tg, c.Deploy.MaxDeletes)
	}
	if c.CacheControl.Hashed != "public, max-age=31536000, immutable" {
		t.Errorf("default hashed Cache-Control %q", c.CacheControl.Hashed)
	}
	if _, err := Parse([]byte(strings.Replace(good, "compress: gzip", "compress: br", 1))); err != nil {
		t.Errorf("compress: br: %v", err)
	}
	for _, tc := range []struct{ yaml, want string }{
		{"deploy:\n  targets:\n    - name: a\n      url: s3://b\n    - name: staging\n      url: ftp://host/x\n", "medkb.yaml:5: "},
		{"deploy:\n  targets:\n    - name: a\n      url: s3://b\n      compress: zstd\n", "medkb.yaml:3: "},
		{"deploy:\n  targets:\n    - name: a\n      url: s3://KEY:SECRET@b\n", "medkb.yaml:3: "},
		{"title: x\ndeploy:\n  default: nope\n", "medkb.yaml:2: "},
		{"title: x\n\nheaders:\n  \"Bad Header\": x\n", "medkb.yaml:3: "},
	} {
		_, err := Parse([]byte(tc.yaml))
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%q: err = %v, want it at %s", tc.yaml, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), "SECRET") {
			t.Errorf("the error prints the credentials: %v", err)
		}
	}
}

// TestLoadRefusesNamedPipe is a medkb.yaml that is a named pipe: reading
// it would wait for a writer forever, so Load refuses it, naming the file
// and the fix, without opening it.
func TestLoadRefusesNamedPipe(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	makeFifo(t, filepath.Join(dir, FileName))
	type result struct {
		c   *Config
		err error
	}
	done := make(chan result, 1)
	go func() {
		c, err := Load(dir)
		done <- result{c, err}
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(time.Minute): // a watchdog, not a speed assertion
		t.Fatal("Load is blocked reading a named pipe")
	}
	var d *diag.Diagnostic
	if !errors.As(r.err, &d) {
		t.Fatalf("Load = %+v, %v; want a diagnostic", r.c, r.err)
	}
	if d.File != FileName || d.Line != 0 || d.Severity != diag.Error ||
		!strings.Contains(d.Message, "named pipe") || !strings.Contains(d.Message, filepath.Join(dir, FileName)) ||
		!strings.Contains(d.Hint, "ordinary file") {
		t.Errorf("diagnostic = %+v", d)
	}
}

// TestLoadRefusesFolder is a medkb.yaml that is a folder.
func TestLoadRefusesFolder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, FileName), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := Load(dir)
	var d *diag.Diagnostic
	if !errors.As(err, &d) || d.File != FileName || !strings.Contains(d.Message, "is a folder") {
		t.Fatalf("Load = %v, want a diagnostic saying %s is a folder", err, FileName)
	}
}

func TestLanguageSiteStrings(t *testing.T) {
	t.Parallel()
	c, err := Parse([]byte(`title: Health Library
description: Plain health information.
disclaimer: General information, not medical advice.
trust_pages: {about: /about/, privacy: /about/privacy/}
languages:
  - {code: en, default: true}
  - code: es
    title: Biblioteca de salud
    disclaimer: Información general, no consejo médico.
    trust_pages: {about: /es/acerca/}
  - {code: ar}
`))
	if err != nil {
		t.Fatal(err)
	}
	es := c.In("es")
	want := Localized{Title: "Biblioteca de salud", Description: "Plain health information.", Disclaimer: "Información general, no consejo médico.",
		TrustPages: TrustPages{About: "/es/acerca/", Privacy: "/about/privacy/"}, OwnDisclaimer: true}
	if es != want {
		t.Errorf("In(es) = %+v\nwant %+v", es, want)
	}
	if ar := c.In("ar"); ar.Title != "Health Library" || ar.Disclaimer != "General information, not medical advice." || ar.OwnDisclaimer {
		t.Errorf("In(ar) = %+v; want the site-level values and OwnDisclaimer false", ar)
	}
	if en := c.In("en"); !en.OwnDisclaimer || en.TrustPages.About != "/about/" {
		t.Errorf("In(en) = %+v", en)
	}
	if c.Lines["languages.es"] != 7 || c.Lines["languages.ar"] != 11 {
		t.Errorf("language lines: es %d, ar %d; want 7 and 11", c.Lines["languages.es"], c.Lines["languages.ar"])
	}
}

// TestMemoryBudgetSizesTheSearchPostings: build.memory_mb is the build's
// budget (DefaultMemoryMB without it), and a quarter of it holds the
// search postings unless search.memory_mb says otherwise.
func TestMemoryBudgetSizesTheSearchPostings(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		src            string
		articles       int
		budget, search int64
	}{
		{"title: x\n", 0, DefaultMemoryMB << 20, DefaultMemoryMB << 20 / 4},
		{"title: x\n", 10_000, DefaultMemoryMB << 20, DefaultMemoryMB << 20 / 4},
		// A larger site's default grows with it: 14 KiB an article.
		{"title: x\n", 100_000, 100_000 * DefaultMemoryPerArticleKiB << 10, 100_000 * DefaultMemoryPerArticleKiB << 10 / 4},
		{"build: {memory_mb: 2048}\n", 100_000, 2048 << 20, 512 << 20},
		{"build: {memory_mb: 2048}\nsearch: {memory_mb: 64}\n", 0, 2048 << 20, 64 << 20},
	} {
		cfg, err := Parse([]byte(c.src))
		if err != nil {
			t.Fatal(err)
		}
		got := cfg.MemoryBudget(c.articles)
		if search := int64(cfg.SearchMemory(got)); got != c.budget || search != c.search {
			t.Errorf("%q, %d articles: budget %d, search %d; want %d, %d", c.src, c.articles, got, search, c.budget, c.search)
		}
	}
}

// An empty external_paths entry is skipped, as the link check skips it,
// and folders are taken as written.
func TestExternalPathsTakeFoldersAndSkipEmptyEntries(t *testing.T) {
	t.Parallel()
	cfg, err := Parse([]byte("links:\n  external_paths: [~, \"\", /forms/, glossary]\n"))
	if err != nil || !slices.Contains(cfg.Links.ExternalPaths, "/forms/") || !slices.Contains(cfg.Links.ExternalPaths, "glossary") {
		t.Fatalf("Parse: external_paths %q, %v; want the entries accepted", cfg.Links.ExternalPaths, err)
	}
}

// The "Report a problem" address every page links: a mailto: (any case:
// the renderer adds the subject to "mailto:"), a web address or a page of
// the site.
func TestReportProblemAddresses(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"MAILTO:content@health.example.org": "mailto:content@health.example.org",
		"mailto:content@health.example.org": "mailto:content@health.example.org",
		"https://forms.example.org/report":  "https://forms.example.org/report",
		"/contact/":                         "/contact/",
	} {
		c, err := Parse([]byte("report_problem: \"" + in + "\"\n"))
		if err != nil {
			t.Errorf("report_problem %q: %v", in, err)
			continue
		}
		if c.ReportProblem != want {
			t.Errorf("report_problem %q: got %q, %v; want %q", in, c.ReportProblem, err, want)
		}
	}
}

func TestBaseURLWithAPath(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"https://org.github.io/child-health/": "/child-health/",
		"https://org.github.io/child-health":  "/child-health/",
		"https://www.example.org/a/health/":   "/a/health/",
		"https://example.org/Child%20Health/": "/Child%20Health/",
		"https://example.org":                 "/",
		"https://example.org/":                "/",
	} {
		c, err := Parse([]byte("base_url: " + in + "\n"))
		if err != nil {
			t.Errorf("base_url %s: %v", in, err)
			continue
		}
		if got := c.BasePath(); got != want {
			t.Errorf("base_url %s: BasePath() = %q, want %q", in, got, want)
		}
		if got, want := c.AbsURL("/conditions/asthma/"), strings.TrimSuffix(c.BaseURL, "/")+"/conditions/asthma/"; got != want || !strings.HasSuffix(c.BaseURL, "/") {
			t.Errorf("base_url %s: AbsURL = %q, want %q (base_url %q)", in, got, want, c.BaseURL)
		}
	}
}
