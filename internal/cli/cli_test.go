package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

// repoRoot is the demo site at the repository root.
func repoRoot(t testing.TB) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

func run(t testing.TB, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Main(context.Background(), Env{Stdout: &out, Stderr: &errOut, Dir: dir, Getenv: func(string) string { return "" }}, args)
	return code, out.String(), errOut.String()
}

// runEnv is run with the environment variables vars (all others unset).
func runEnv(t testing.TB, dir string, vars map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Main(context.Background(), Env{Stdout: &out, Stderr: &errOut, Dir: dir, Getenv: func(k string) string { return vars[k] }}, args)
	return code, out.String(), errOut.String()
}

// newSite runs medkb new site in a temporary folder, writes files over
// the skeleton it made (see writeFiles) and returns the site's folder.
// The folder's parent is the test's own temporary folder, free for
// anything else the test makes (a deploy target, a log).
func newSite(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if code, _, errOut := run(t, dir, "new", "site", "clinic"); code != ExitOK {
		t.Fatalf("new site: exit %d: %s", code, errOut)
	}
	site := filepath.Join(dir, "clinic")
	writeFiles(t, site, files)
	return site
}

// writeFiles writes each file of files, a slash-separated path relative to
// root, with its text, making the folders it needs.
func writeFiles(t testing.TB, root string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestHelpOnEveryCommand(t *testing.T) {
	t.Parallel()
	for _, c := range commands() {
		code, out, _ := run(t, t.TempDir(), c.name, "--help")
		if code != ExitOK {
			t.Errorf("%s --help exit %d", c.name, code)
		}
		if !strings.Contains(out, "Usage") || (c.name != "version" && !strings.Contains(out, "Example")) {
			t.Errorf("%s --help lacks usage or examples:\n%s", c.name, out)
		}
	}
	if code, _, errOut := run(t, t.TempDir(), "frobnicate"); code != ExitUsage || !strings.Contains(errOut, "unknown command") {
		t.Errorf("unknown command: exit %d, %q", code, errOut)
	}
	if code, out, _ := run(t, t.TempDir(), "version"); code != ExitOK || !strings.HasPrefix(out, "medkb ") {
		t.Errorf("version: exit %d, %q", code, out)
	}
}

// A command given the wrong words says what was wrong on its first line,
// before the usage, and exits 2.
func TestUsageMistakesAreNamed(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"new"}, "medkb: new needs what to make: site DIR, or article SECTION/NAME"},
		{[]string{"new", "conditions/asthma"}, `medkb: new makes a site or an article, not "conditions/asthma"; did you mean medkb new article conditions/asthma?`},
		{[]string{"new", "page", "x"}, `medkb: new makes a site or an article, not "page"`},
		{[]string{"new", "article"}, "medkb: new article needs SECTION/NAME, such as conditions/asthma"},
		{[]string{"new", "site"}, "medkb: new site needs the site's folder"},
		{[]string{"new", "article", "conditions/Heart", "Attack"}, "medkb: new article takes one name, got 2 (conditions/Heart, Attack): a name with spaces is one name in quotes"},
		{[]string{"import"}, "medkb: import needs the tool the old site was made with (hugo or jekyll) and its folder"},
		{[]string{"import", "hugo"}, `medkb: import needs the old site's folder after "hugo"`},
		{[]string{"import", "hugo", "a", "b", "c"}, "medkb: import takes the tool, the old site's folder and at most a new folder, got 4: hugo, a, b, c"},
		{[]string{"fix"}, "medkb: fix needs what to fix: ids"},
		{[]string{"fix", "links"}, `medkb: fix knows ids, not "links"`},
		{[]string{"search"}, "medkb: search needs words to search for"},
	} {
		code, _, errOut := run(t, t.TempDir(), c.args...)
		first, _, _ := strings.Cut(errOut, "\n")
		if code != ExitUsage || !strings.HasPrefix(first, c.want) || !strings.Contains(errOut, "Usage") {
			t.Errorf("medkb %s: exit %d, first line %q; want exit %d, %q, then the usage", strings.Join(c.args, " "), code, first, ExitUsage, c.want)
		}
	}
}

func TestNewSiteBuildsAtOnce(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if code, _, errOut := run(t, dir, "new", "site", "clinic", "--title", "Riverside Clinic"); code != ExitOK {
		t.Fatalf("new site: exit %d: %s", code, errOut)
	}
	site := filepath.Join(dir, "clinic")
	code, out, errOut := run(t, site, "build", "--quiet")
	if code != ExitOK {
		t.Fatalf("building the new site: exit %d\n%s%s", code, out, errOut)
	}
	for _, f := range []string{"index.html", "conditions/example/index.html", "about/editorial-policy/index.html", "sitemap.xml", "index.xml", "search/search.js"} {
		if _, err := os.Stat(filepath.Join(site, "public", f)); err != nil {
			t.Errorf("new site output lacks %s", f)
		}
	}
	home, _ := os.ReadFile(filepath.Join(site, "public", "index.html"))
	if !strings.Contains(string(home), "Riverside Clinic") {
		t.Error("the title given to new site is not on the home page")
	}
	if code, _, _ := run(t, dir, "new", "site", "clinic"); code == ExitOK {
		t.Error("new site into a non-empty folder succeeded")
	}

	if code, _, errOut := run(t, site, "new", "article", "conditions/asthma"); code != ExitOK {
		t.Fatalf("new article: exit %d: %s", code, errOut)
	}
	art, err := os.ReadFile(filepath.Join(site, "content/conditions/asthma.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"title:", "summary:", "date:", "authors:", "reviewed_by:", "last_reviewed:", "next_review:", "audience:", "references:", "draft: true"} {
		if !strings.Contains(string(art), key) {
			t.Errorf("new article lacks %s", key)
		}
	}
	// A draft article with empty fields still builds.
	if code, _, errOut := run(t, site, "build", "--quiet"); code != ExitOK {
		t.Errorf("build after new article: exit %d: %s", code, errOut)
	}
	if code, _, _ := run(t, site, "new", "article", "../escape"); code == ExitOK {
		t.Error("new article ../escape succeeded")
	}
	// A name typed as words is the page's title; its file, the page's
	// address, is made of them as the build makes addresses: a space
	// would be %20 in every link and a "?" would make the page unreachable.
	for typed, want := range map[string]struct{ file, title string }{
		"conditions/Heart Attack Care": {"content/conditions/heart-attack-care.md", `title: "Heart Attack Care"`},
		`conditions/what is "COPD"?`:   {"content/conditions/what-is-copd.md", `title: "What is \"COPD\"?"`},
		"conditions/niños-sanos":       {"content/conditions/niños-sanos.md", `title: "Niños sanos"`},
	} {
		code, out, errOut := run(t, site, "new", "article", typed)
		if code != ExitOK || !strings.Contains(out, "Created "+want.file) {
			t.Errorf("new article %q: exit %d, %s%s; want %s", typed, code, out, errOut, want.file)
			continue
		}
		art, _ := os.ReadFile(filepath.Join(site, filepath.FromSlash(want.file)))
		if !strings.Contains(string(art), want.title) {
			t.Errorf("new article %q: %s lacks %s:\n%s", typed, want.file, want.title, art)
		}
	}
	if code, _, _ := run(t, site, "build", "--quiet"); code != ExitOK {
		t.Error("build after new articles named with words failed")
	}
	if code, _, errOut := run(t, site, "new", "article", "conditions/???"); code == ExitOK || !strings.Contains(errOut, "has no letter or digit") {
		t.Errorf("new article conditions/???: exit %d, %s; want an error", code, errOut)
	}
}

func TestBuildErrorNamesFileLineAndKeepsPublic(t *testing.T) {
	t.Parallel()
	site := newSite(t, nil)
	if code, _, errOut := run(t, site, "build", "--quiet"); code != ExitOK {
		t.Fatal(errOut)
	}
	before, _ := os.ReadFile(filepath.Join(site, "public/conditions/example/index.html"))
	writeFiles(t, site, map[string]string{"content/conditions/bad.md": "---\ntitle: Bad\ndate: 2024-13-45\n---\nBody\n"})
	code, _, errOut := run(t, site, "build")
	if code != ExitError {
		t.Fatalf("exit %d; want %d", code, ExitError)
	}
	if !strings.Contains(errOut, "content/conditions/bad.md:3: error:") || !strings.Contains(errOut, "hint:") {
		t.Errorf("error does not name file:line with a hint:\n%s", errOut)
	}
	after, _ := os.ReadFile(filepath.Join(site, "public/conditions/example/index.html"))
	if !bytes.Equal(before, after) {
		t.Error("public/ changed after a failed build")
	}
}

func TestBuildRefusesDangerousDestinations(t *testing.T) {
	t.Parallel()
	site := newSite(t, nil)
	dir := filepath.Dir(site)
	for _, dest := range []string{site, dir, "/", filepath.Join(site, "content")} {
		if code, _, errOut := run(t, site, "build", "--destination", dest); code == ExitOK || !strings.Contains(errOut, "refusing") {
			t.Errorf("build --destination %s: exit %d, %q", dest, code, errOut)
		}
	}
	if _, err := os.Stat(filepath.Join(site, "content/conditions/example.md")); err != nil {
		t.Error("the site was damaged")
	}
}

func TestCheckReportsAsJSONWithExitCodes(t *testing.T) {
	t.Parallel()
	code, out, errOut := run(t, repoRoot(t), "check", "--format", "json")
	if code != ExitOK {
		t.Fatalf("check on the demo site: exit %d\n%s%s", code, out, errOut)
	}
	var rep struct {
		Diagnostics []struct {
			File, Check, Severity string
			Line                  int
		}
		Errors, Warnings int
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("check --format json output does not parse: %v\n%s", err, out)
	}
	var overdue, translation bool
	for _, d := range rep.Diagnostics {
		overdue = overdue || (d.Check == "review-overdue" && strings.HasSuffix(d.File, "urinary-tract-infection.md") && d.Line > 0)
		translation = translation || (d.Check == "translation" && strings.HasSuffix(d.File, "high-blood-pressure.es.md"))
	}
	if !overdue || !translation {
		t.Errorf("demo site check misses the overdue review (%v) or the out-of-date translation (%v): %+v", overdue, translation, rep.Diagnostics)
	}
	if code, _, _ := run(t, repoRoot(t), "check", "--strict"); code != ExitError {
		t.Errorf("check --strict with warnings: exit %d; want %d", code, ExitError)
	}
	if code, _, _ := run(t, repoRoot(t), "check", "--format", "yaml"); code != ExitUsage {
		t.Errorf("check --format yaml: exit %d; want %d", code, ExitUsage)
	}
}

func TestUnchangedSiteIsNotRebuilt(t *testing.T) {
	t.Parallel()
	site := newSite(t, nil)
	if code, out, errOut := run(t, site, "build"); code != ExitOK || !strings.Contains(out, "Built in") {
		t.Fatalf("first build: %d %s %s", code, out, errOut)
	}
	if _, out, _ := run(t, site, "build"); !strings.Contains(out, "Nothing changed") {
		t.Errorf("second build of an unchanged site rebuilt:\n%s", out)
	}
	if _, out, _ := run(t, site, "build", "--force"); !strings.Contains(out, "Built in") {
		t.Errorf("--force did not rebuild:\n%s", out)
	}
	if _, out, _ := run(t, site, "build", "--drafts"); !strings.Contains(out, "Built in") {
		t.Errorf("a build with other options was skipped:\n%s", out)
	}
	p := filepath.Join(site, "content/conditions/example.md")
	b, _ := os.ReadFile(p)
	os.WriteFile(p, append(b, []byte("\nChanged.\n")...), 0o644)
	if _, out, _ := run(t, site, "build"); !strings.Contains(out, "Built in") {
		t.Errorf("a content change was not rebuilt:\n%s", out)
	}
	os.Remove(filepath.Join(site, "public", "index.html"))
	os.WriteFile(filepath.Join(site, "public", ".medkb-output"), []byte("tampered"), 0o644)
	if _, out, _ := run(t, site, "build"); !strings.Contains(out, "Built in") {
		t.Errorf("a damaged public/ was not rebuilt:\n%s", out)
	}
}

// Every build prints the warnings that apply to the site as it is: the
// first, a second with nothing changed (skipped, the first's warnings
// given back from the build state), one after a one-article edit
// (patched in place: the unchanged page's warning kept) and a skip
// after that, each with the same count line and exit code.
func TestEveryBuildPrintsTheSitesWarnings(t *testing.T) {
	t.Parallel()
	// A heading two levels down from the one above is a warning at its
	// line, in each of two articles.
	article := func(name string) string {
		return "---\ntitle: \"" + name + "\"\nsummary: \"A sample article about " + name + ", written for this test.\"\ndate: 2026-01-05\n" +
			"authors: [writer]\nreviewed_by: [editor]\nlast_reviewed: 2026-01-05\nnext_review: 2029-01-05\naudience: patient\n" +
			"references:\n  - id: who\n    title: \"WHO fact sheets\"\n    url: https://www.who.int/news-room/fact-sheets\n---\n" +
			"Each fact comes from a source [@who].\n\n## When to get help\n\nSee a doctor.\n\n#### Deep\n\nText.\n"
	}
	site := newSite(t, map[string]string{
		"content/conditions/alpha.md": article("Alpha"),
		"content/conditions/beta.md":  article("Beta"),
	})
	want := []string{
		"content/conditions/alpha.md:21:1: warning: heading level skips from h2 to h4",
		"content/conditions/beta.md:21:1: warning: heading level skips from h2 to h4",
	}
	countLine := regexp.MustCompile(`(?m)^  Warnings +(\d+)$`)
	var count string
	build := func(what, says string) {
		t.Helper()
		code, out, errOut := run(t, site, "build")
		if code != ExitOK || !strings.Contains(out, says) {
			t.Fatalf("%s: exit %d; want %d and %q\n%s%s", what, code, ExitOK, says, out, errOut)
		}
		for _, w := range want {
			if !strings.Contains(errOut, w) {
				t.Errorf("%s: the warning %q was not printed:\n%s", what, w, errOut)
			}
		}
		m := countLine.FindStringSubmatch(out)
		switch {
		case m == nil:
			t.Errorf("%s: no Warnings count line:\n%s", what, out)
		case count == "":
			count = m[1]
		case m[1] != count:
			t.Errorf("%s: %s warnings counted; the first build counted %s", what, m[1], count)
		}
	}
	build("first build", "Built in")
	build("second build, nothing changed", "Nothing changed")
	p := filepath.Join(site, "content/conditions/alpha.md")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, append(b, "\nMore text.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	build("build after a one-article edit", "rewritten in place")
	build("build after that, nothing changed", "Nothing changed")
	// --quiet prints only errors, skipped or not.
	if code, out, errOut := run(t, site, "build", "--quiet"); code != ExitOK || out != "" || errOut != "" {
		t.Errorf("build --quiet, nothing changed: exit %d, printed\n%s%s\nwant nothing", code, out, errOut)
	}
}

func TestSearchFromTheTerminal(t *testing.T) {
	t.Parallel()
	code, out, errOut := run(t, repoRoot(t), "search", "heart attack", "--limit", "2", "--json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var hits []struct{ URL, Title string }
	if err := json.Unmarshal([]byte(out), &hits); err != nil {
		t.Fatalf("--json output does not parse: %v\n%s", err, out)
	}
	if len(hits) != 2 || hits[0].URL != "/conditions/heart-attack/" {
		t.Errorf("hits = %+v; want 2 with the heart attack article first", hits)
	}
	if code, out, _ := run(t, repoRoot(t), "search", "--lang", "es", "presión arterial"); code != ExitOK || !strings.Contains(out, "/es/conditions/high-blood-pressure/") {
		t.Errorf("Spanish search: exit %d\n%s", code, out)
	}
	// No Spanish page is about heart attacks: the English one is offered,
	// labelled with its language.
	code, out, errOut = run(t, repoRoot(t), "search", "--lang", "es", "infarto")
	if code != ExitOK || !regexp.MustCompile(`/conditions/heart-attack/ .*\[English\]`).MatchString(out) {
		t.Errorf("Spanish search for infarto: exit %d\n%s%s\nwant the English heart-attack page, labelled English", code, out, errOut)
	}
}

func TestSearchWaterPillFindsTheDiureticsPage(t *testing.T) {
	t.Parallel()
	// The demo's Metformin page says "tablets … with a drink of water": both
	// words, apart; the blood pressure page says "water tablets (diuretics)".
	code, out, errOut := run(t, repoRoot(t), "search", "--json", "water pill")
	var hits []struct{ URL string }
	if err := json.Unmarshal([]byte(out), &hits); code != ExitOK || err != nil || len(hits) == 0 || hits[0].URL != "/conditions/high-blood-pressure/" {
		t.Errorf("exit %d, hits %+v (%v, %s): want the high blood pressure page first", code, hits, err, errOut)
	}
	if _, out, _ := run(t, repoRoot(t), "search", "writing guide"); strings.Contains(out, "/about/writing-guide/") {
		t.Errorf("the writer's guide (search: false) was found:\n%s", out)
	}
}

func TestSearchSuggestsASpelling(t *testing.T) {
	t.Parallel()
	code, out, errOut := run(t, repoRoot(t), "search", "metfromin")
	if code != ExitOK || !strings.HasPrefix(out, `Did you mean "metformin"?`) {
		t.Errorf("exit %d, output:\n%s%s\nwant a first line suggesting metformin", code, out, errOut)
	}
	// No page names amoxicillin; the synonym table knows it, and its class.
	code, out, _ = run(t, repoRoot(t), "search", "amoxicilin")
	if code != ExitOK || !strings.HasPrefix(out, `Did you mean "amoxicillin"?`) || !strings.Contains(out, "/conditions/urinary-tract-infection/") {
		t.Errorf("exit %d, output:\n%s\nwant amoxicillin suggested and the page on antibiotics for UTIs", code, out)
	}
}

func TestSearchReadsAPublishedIndex(t *testing.T) {
	t.Parallel()
	site := newSite(t, nil)
	if code, out, errOut := run(t, site, "build", "--quiet"); code != ExitOK {
		t.Fatalf("build: exit %d\n%s%s", code, out, errOut)
	}
	fromSource := func(args ...string) string {
		_, out, _ := run(t, site, append([]string{"search", "--json"}, args...)...)
		return out
	}
	index := filepath.Join(site, "public", "search")
	for _, q := range []string{"example", "sample article", "exampel"} {
		if a, b := fromSource(q), fromSource("--index", index, q); a != b || !strings.Contains(a, "url") {
			t.Errorf("%q: the published index answers\n%s\nthe sources\n%s", q, b, a)
		}
	}
	// A folder without an index is named, with the folder to give instead
	// when the index is inside it (the published site's root).
	for _, c := range []struct{ dir, hint string }{
		{filepath.Join(site, "public"), "hint: give " + index + ", the index folder in it"},
		{filepath.Join(site, "content"), "hint: give the folder of a published index"},
	} {
		code, _, errOut := run(t, site, "search", "--index", c.dir, "example")
		if code != ExitUsage || !strings.Contains(errOut, "medkb: error: "+c.dir+" holds no search index") || !strings.Contains(errOut, c.hint) {
			t.Errorf("--index %s: exit %d\n%s\nwant exit %d naming the folder and %q", c.dir, code, errOut, ExitUsage, c.hint)
		}
	}
}

func TestNewSiteWiresTheSchemasForEditors(t *testing.T) {
	t.Parallel()
	site := newSite(t, nil)
	b, err := os.ReadFile(filepath.Join(site, ".vscode", "settings.json"))
	if err != nil {
		t.Fatal(err)
	}
	var settings struct {
		Schemas map[string]string `json:"yaml.schemas"`
	}
	if err := json.Unmarshal(b, &settings); err != nil {
		t.Fatal(err)
	}
	if len(settings.Schemas) < 4 {
		t.Fatalf("yaml.schemas has %d entries", len(settings.Schemas))
	}
	for schemaFile, glob := range settings.Schemas {
		if _, err := os.Stat(filepath.Join(site, schemaFile)); err != nil {
			t.Errorf("yaml.schemas names %s for %s, which new site did not write", schemaFile, glob)
		}
	}
	// The modelines point at files that exist, relative to the file.
	for _, f := range []string{"medkb.yaml", "data/authors.yaml"} {
		data, err := os.ReadFile(filepath.Join(site, f))
		if err != nil {
			t.Fatal(err)
		}
		first, _, _ := strings.Cut(string(data), "\n")
		target, ok := strings.CutPrefix(first, "# yaml-language-server: $schema=")
		if !ok {
			t.Errorf("%s: first line %q is not a yaml-language-server modeline", f, first)
			continue
		}
		if _, err := os.Stat(filepath.Join(site, filepath.Dir(f), target)); err != nil {
			t.Errorf("%s: modeline points at %s: %v", f, target, err)
		}
	}
	// The skeleton passes every check, warnings included.
	if code, out, errOut := run(t, site, "check", "--strict"); code != ExitOK {
		t.Errorf("check --strict on a new site: exit %d\n%s%s", code, out, errOut)
	}
	// medkb schema writes the same files again, elsewhere on request.
	code, out, errOut := run(t, site, "schema", "--out", "s2")
	if code != ExitOK || strings.Count(out, ".schema.json") != 8 {
		t.Fatalf("schema: exit %d\n%s%s", code, out, errOut)
	}
	a, _ := os.ReadFile(filepath.Join(site, "schema", "article.schema.json"))
	b2, _ := os.ReadFile(filepath.Join(site, "s2", "article.schema.json"))
	if len(a) == 0 || !bytes.Equal(a, b2) {
		t.Errorf("medkb schema and new site wrote different article schemas")
	}
}

// A medkb built without -X (go install …@v0.3.0, or go build in a clone)
// reports, and fingerprints its builds with, what the go command stamped
// in: an upgrade must not skip a build as "nothing changed".
func TestVersionFromBuildInfo(t *testing.T) {
	t.Parallel()
	rev := []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "1a2b3c4d5e6f7a8b9c0d"}}
	for _, c := range []struct {
		v    string
		bi   *debug.BuildInfo
		ok   bool
		want string
	}{
		{"v1.2.0", &debug.BuildInfo{Main: debug.Module{Version: "v9.9.9"}}, true, "v1.2.0"}, // set at link time: kept
		{defaultVersion, &debug.BuildInfo{Main: debug.Module{Version: "v0.3.0"}}, true, defaultVersion + "+v0.3.0"},
		{defaultVersion, &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: rev}, true, defaultVersion + "+1a2b3c4d5e6f"},
		{defaultVersion, &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: append(rev, debug.BuildSetting{Key: "vcs.modified", Value: "true"})}, true,
			defaultVersion + "+1a2b3c4d5e6f-modified"},
		{defaultVersion, &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, true, defaultVersion},
		{defaultVersion, nil, false, defaultVersion},
	} {
		if got := versionFrom(c.v, c.bi, c.ok); got != c.want {
			t.Errorf("versionFrom(%q, %+v) = %q, want %q", c.v, c.bi, got, c.want)
		}
	}
}

// Every version in the fingerprint comes with the executable's id: where
// it does not name one build of medkb (a source archive, -buildvcs=false,
// a tree with changes) and where it seems to (a release, a clean commit,
// any version -X set), so that another medkb builds again rather than
// replaying the last one's messages as "nothing changed".
func TestFingerprintVersionTellsBuildsApart(t *testing.T) {
	t.Parallel()
	sum := func(s string) func() (string, error) { return func() (string, error) { return s, nil } }
	for _, c := range []struct{ v, want string }{
		{"v1.2.0", "v1.2.0+exe.abc"},
		{defaultVersion + "+v0.3.0", defaultVersion + "+v0.3.0+exe.abc"},
		{defaultVersion + "+1a2b3c4d5e6f", defaultVersion + "+1a2b3c4d5e6f+exe.abc"},
		{defaultVersion, defaultVersion + "+exe.abc"},
		{defaultVersion + "+1a2b3c4d5e6f-modified", defaultVersion + "+1a2b3c4d5e6f-modified+exe.abc"},
		{"bf54d5c", "bf54d5c+exe.abc"}, // make's VERSION: git describe --tags --always --dirty
		{"bf54d5c-dirty", "bf54d5c-dirty+exe.abc"},
		{"dev", "dev+exe.abc"},
	} {
		if got := withExecutableID(c.v, sum("abc")); got != c.want {
			t.Errorf("withExecutableID(%q) = %q, want %q", c.v, got, c.want)
		}
	}
	if got := withExecutableID(defaultVersion, func() (string, error) { return "", errors.New("no executable") }); got != defaultVersion {
		t.Errorf("without an id: %q, want %q", got, defaultVersion)
	}
	// The real id: this test binary's Go build ID, as the go command
	// reads it.
	id, err := executableID()
	if err != nil || len(id) != 64 {
		t.Fatalf("executableID() = %q, %v; want 64 hex digits", id, err)
	}
	exe, _ := os.Executable()
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Fatalf("go tool buildid: %v", err)
	}
	f, err := elf.Open(exe)
	if err != nil {
		return // Mach-O, PE: the id is read from the build ID's text, checked above only for its form
	}
	defer f.Close()
	note, _ := f.Section(".note.go.buildid").Data()
	if !bytes.Contains(note, bytes.TrimSpace(out)) {
		t.Fatalf("the note read does not hold the build ID %s", out)
	}
	if want := sha256.Sum256(note); id != hex.EncodeToString(want[:]) {
		t.Errorf("executableID() = %s, want the SHA-256 of the build ID note", id)
	}
}

// Searching the sources leaves drafts out, as the site does: an imported
// site's pages are drafts until reviewed, so an editor searching it saw
// "No results" for every query, with no word why. Now the count of drafts
// left out follows, with --drafts; with it, the draft is found.
func TestSearchSaysDraftsWereLeftOut(t *testing.T) {
	t.Parallel()
	site := newSite(t, map[string]string{
		"content/conditions/gout.md": "---\ntitle: Gout\nsummary: Gout is a painful swelling of a joint, often the big toe, caused by crystals.\ndraft: true\n---\nGout causes sudden pain and swelling in a joint.\n",
	})
	code, out, errOut := run(t, site, "search", "gout")
	if code != ExitOK || !strings.Contains(out, `No results for "gout".`) ||
		!strings.Contains(out, "1 draft page was not searched: add --drafts to search them too.") {
		t.Errorf("exit %d, output:\n%s%s\nwant no results and the draft named", code, out, errOut)
	}
	code, out, errOut = run(t, site, "search", "--drafts", "gout")
	if code != ExitOK || !strings.Contains(out, "/conditions/gout/") || strings.Contains(out, "draft page") {
		t.Errorf("--drafts: exit %d, output:\n%s%s\nwant the gout page", code, out, errOut)
	}
}

// One page whose front matter has an error stopped the terminal search of
// the whole site, so an editor could search none of the other pages. Now
// the pages that parse are searched; the error comes first on stderr, with
// its file, line and fix, as medkb build gives it, then how many pages were
// left out, and the exit status is 1 although pages were found (as
// ripgrep's is on an error beside its matches).
func TestSearchGoesOnWithoutPagesWithErrors(t *testing.T) {
	t.Parallel()
	site := newSite(t, map[string]string{
		"content/conditions/gout.md":   "---\ntitle: Gout\nsummary: Gout is a painful swelling of a joint, often the big toe, caused by crystals.\n---\nGout causes sudden pain and swelling in a joint.\n",
		"content/conditions/broken.md": "---\ntitle: \"Gout and diet\nsummary: What to eat with gout.\n---\nGout and food.\n",
	})
	_, _, buildErr := run(t, site, "build", "--quiet")
	wantErr := "content/conditions/broken.md:2: error: front matter: the quote opened in the value of title on line 2 never closes"
	if !strings.Contains(buildErr, wantErr) {
		t.Fatalf("medkb build does not give the error the test expects:\n%s", buildErr)
	}
	for _, args := range [][]string{{"gout"}, {"--json", "gout"}} {
		code, out, errOut := run(t, site, append([]string{"search"}, args...)...)
		if code != ExitError || !strings.Contains(out, "/conditions/gout/") {
			t.Errorf("search %v: exit %d, output:\n%s%s\nwant exit %d and the gout page found", args, code, out, errOut, ExitError)
		}
		if strings.Contains(out, "broken") || strings.Contains(out, "error") {
			t.Errorf("search %v: stdout has the page with errors or its error:\n%s", args, out)
		}
		if !strings.Contains(errOut, "medkb: "+wantErr) || !strings.Contains(errOut, `hint: end the value with a closing "`) ||
			!strings.HasSuffix(errOut, "medkb: 1 page was left out of this search for the errors above: fix them to search it too (medkb build will not publish the site until then)\n") {
			t.Errorf("search %v: stderr\n%s\nwant the error as medkb build gives it, with its hint, then the page counted", args, errOut)
		}
	}
	// Fixed, the page is searched and the exit status is 0.
	writeFiles(t, site, map[string]string{"content/conditions/broken.md": "---\ntitle: \"Gout and diet\"\nsummary: What to eat with gout.\n---\nGout and food.\n"})
	code, out, errOut := run(t, site, "search", "gout")
	if code != ExitOK || !strings.Contains(out, "/conditions/broken/") || errOut != "" {
		t.Errorf("fixed: exit %d, output:\n%s%s\nwant exit 0 and both pages", code, out, errOut)
	}
}
