package site

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/benchgen"
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/golden"
	"github.com/medkb/medkb/internal/publish"
)

// goldenFiles are the outputs compared byte for byte with testdata/golden.
var goldenFiles = []string{
	"index.html", "conditions/index.html", "conditions/asthma/index.html", "tags/lungs/index.html",
	"tags/index.html", "glossary/index.html", "404.html", "sitemap.xml", "robots.txt",
	"index.xml", "atom.xml", "feed.json", "conditions/index.xml", "_headers",
}

func TestGoldenSite(t *testing.T) {
	dir := writeSite(t, baseSite)
	files, res := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	if res.Articles != 2 || res.Sections != 2 {
		t.Errorf("articles, sections = %d, %d; want 2, 2", res.Articles, res.Sections)
	}
	for _, name := range goldenFiles {
		got, ok := files[name]
		if !ok {
			t.Errorf("%s not written", name)
			continue
		}
		path := filepath.Join("testdata", "golden", filepath.FromSlash(name))
		if golden.Update() {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run make golden to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (make golden rewrites it after an intended change)\n%s", name, path, firstDiff(got, want))
		}
	}
}

func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return "line " + strconv.Itoa(i+1) + ":\n  got:  " + a + "\n  want: " + b
		}
	}
	return ""
}

func TestArticlePageShowsTrustDetails(t *testing.T) {
	dir := writeSite(t, baseSite)
	files, _ := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	mustContain(t, files, "conditions/asthma/index.html",
		`<html lang="en" dir="ltr">`,
		`Written by <bdi><a href="/people/jdoe/">Jane Doe</a>, <bdi>MD</bdi> <span class="role">(<bdi>Respiratory physician</bdi>)</span></bdi>`,
		`Medically reviewed by <bdi><a href="/people/rev/">Rita Reviewer</a>, <bdi>PharmD</bdi></bdi>`,
		`<dt>Page last reviewed:</dt><dd><time datetime="2025-09-01">1 September 2025</time>`,
		// next_review defaults to last_reviewed + 3 years
		`<dt>Next review due:</dt><dd><time datetime="2028-09-01">`,
		`<dt>Last updated:</dt><dd><time datetime="2025-09-10">`,
		`href="https://ginasthma.org/reports/"`,
		`class="callout callout-emergency"`,
		`<link rel="canonical" href="https://health.test/conditions/asthma/">`,
		`<meta property="og:type" content="article">`,
		`<meta property="article:tag" content="lungs">`,
		`<link rel="alternate" type="application/rss&#43;xml" title="Conditions – Test Health (RSS)" href="/conditions/index.xml">`,
		`href="/about/">About us</a>`,
		`class="skip-link" href="#main"`,
	)
	mustNotContain(t, files, "conditions/asthma/index.html", "livereload", "style=")
}

func TestJSONLDDescribesTheMedicalPage(t *testing.T) {
	dir := writeSite(t, baseSite)
	files, _ := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	m := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`).FindSubmatch(files["conditions/asthma/index.html"])
	if m == nil {
		t.Fatal("no JSON-LD")
	}
	var graph []map[string]any
	if err := json.Unmarshal(m[1], &graph); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, m[1])
	}
	page := graph[0]
	checks := map[string]any{"@type": "MedicalWebPage", "headline": "Asthma", "datePublished": "2025-03-04",
		"dateModified": "2025-09-10", "lastReviewed": "2025-09-01", "inLanguage": "en"}
	for k, want := range checks {
		if page[k] != want {
			t.Errorf("JSON-LD %s = %v; want %v", k, page[k], want)
		}
	}
	rb := page["reviewedBy"].([]any)[0].(map[string]any)
	if rb["name"] != "Rita Reviewer" || rb["honorificSuffix"] != "PharmD" {
		t.Errorf("reviewedBy = %v", rb)
	}
	about := page["about"].([]any)[0].(map[string]any)
	codes := about["code"].([]any)
	if codes[0].(map[string]any)["code"] != "J45" || codes[1].(map[string]any)["codingSystem"] != "SNOMED CT" {
		t.Errorf("about codes = %v", codes)
	}
	if graph[1]["@type"] != "BreadcrumbList" {
		t.Errorf("second JSON-LD object is %v; want BreadcrumbList", graph[1]["@type"])
	}
}

func TestRebuildReRendersOnlyChangedMarkdown(t *testing.T) {
	dir := writeSite(t, baseSite)
	b := New(Options{Source: dir, Now: fixedNow})
	_, first := buildMem(t, b)
	if first.Cached != 0 || first.Rendered == 0 {
		t.Fatalf("first build: rendered %d, cached %d", first.Rendered, first.Cached)
	}
	_, second := buildMem(t, b)
	if second.Rendered != 0 {
		t.Errorf("unchanged rebuild rendered %d Markdown bodies; want 0", second.Rendered)
	}
	p := filepath.Join(dir, "content/conditions/copd.md")
	src, _ := os.ReadFile(p)
	if err := os.WriteFile(p, append(src, []byte("\nA new sentence.\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	files, third := buildMem(t, b)
	if third.Rendered != 1 {
		t.Errorf("after editing one article, rendered %d bodies; want 1", third.Rendered)
	}
	mustContain(t, files, "conditions/copd/index.html", "A new sentence.")
}

func TestDiskCacheSurvivesBuilders(t *testing.T) {
	dir := writeSite(t, baseSite)
	cache := filepath.Join(t.TempDir(), "cache")
	buildMem(t, New(Options{Source: dir, Now: fixedNow, CacheDir: cache}))
	_, res := buildMem(t, New(Options{Source: dir, Now: fixedNow, CacheDir: cache}))
	if res.Rendered != 0 || res.Cached == 0 {
		t.Errorf("second process: rendered %d, cached %d; want all from the disk cache", res.Rendered, res.Cached)
	}
}

// Bodies the Markdown cache cannot give back (their file damaged in
// place since the build that wrote it: here every one) are rendered
// again, once each, for the pages and the search index alike, with their
// images' sizes and resized copies: the build that finds them succeeds
// with the same output and a warning for each, and the next one renders
// them before it needs them, the cache having removed their file.
func TestDamagedCachedBodyIsRenderedAgain(t *testing.T) {
	dir := writeSite(t, baseSite)
	appendBody(t, dir, "\n![A peak flow chart](/images/photo.jpg)\n\nInline ![tiny](/images/tiny.png) icon.\n")
	writeFile(t, filepath.Join(dir, "static", "images", "photo.jpg"), benchgen.Photo(3, 1600, 1200, 85))
	writePNG(t, filepath.Join(dir, "static", "images", "tiny.png"), 40, 30)
	cache := filepath.Join(t.TempDir(), "cache")
	want, first := buildMem(t, New(Options{Source: dir, Now: fixedNow, CacheDir: cache}))
	mustContain(t, want, "conditions/asthma/index.html", `width="1600" height="1200" srcset="/images/photo.`, `width="40" height="30"> icon`)
	bodies, err := filepath.Glob(filepath.Join(cache, "markdown-bodies.*.bin"))
	if err != nil || len(bodies) != 1 {
		t.Fatalf("body files %v (%v); want one", bodies, err)
	}
	data, err := os.ReadFile(bodies[0])
	if err != nil {
		t.Fatal(err)
	}
	// Each record is the key, its 32 bytes, then three strings, each its
	// length (a uvarint) and bytes: the HTML, the emergency callouts and
	// the plain text. Every key now names another page.
	records := 0
	for at := 0; at < len(data); records++ {
		if at+32 > len(data) {
			t.Fatalf("record %d at byte %d: no key", records, at)
		}
		data[at] ^= 1
		at += 32
		for field := range 3 {
			n, w := binary.Uvarint(data[at:])
			if w <= 0 || at+w+int(n) > len(data) {
				t.Fatalf("record %d, field %d at byte %d: not a body record", records, field, at)
			}
			at += w + int(n)
		}
	}
	if records != first.Rendered {
		t.Fatalf("%d body records; want one for each of the %d bodies rendered", records, first.Rendered)
	}
	if err := os.WriteFile(bodies[0], data, 0o600); err != nil {
		t.Fatal(err)
	}
	redone := func(res *Result) (files []string) {
		for _, d := range res.Diagnostics {
			if strings.Contains(d.Message, "could not be read back from the build cache") {
				if d.Severity != diag.Warning || !strings.Contains(d.Message, bodies[0]) {
					t.Errorf("%v; want a warning naming %s", d, bodies[0])
				}
				files = append(files, d.File)
			}
		}
		return files
	}
	got, res := buildMem(t, New(Options{Source: dir, Now: fixedNow, CacheDir: cache}))
	if res.Rendered != 0 {
		t.Errorf("with the damage rendered %d bodies before the outputs; want 0 (the damage shows only when a body is read back)", res.Rendered)
	}
	if _, err := os.Stat(bodies[0]); !os.IsNotExist(err) {
		t.Errorf("the damaged body file is still there (%v)", err)
	}
	sameFiles(t, got, want)
	if files := redone(res); len(files) != records || !slices.Contains(files, "content/conditions/asthma.md") {
		t.Errorf("warnings of bodies rendered again: %d, for %v; want one for each of the %d bodies, asthma.md's among them", len(files), files, records)
	}
	got, res = buildMem(t, New(Options{Source: dir, Now: fixedNow, CacheDir: cache}))
	if res.Rendered != first.Rendered {
		t.Errorf("the build after rendered %d bodies; want every one again (%d), their file removed", res.Rendered, first.Rendered)
	}
	if files := redone(res); len(files) != 0 {
		t.Errorf("the build after warned of bodies rendered again: %v", files)
	}
	sameFiles(t, got, want)
}

// The disk cache grows by appending what a build rendered; it is rewritten
// only when it ends in a damaged record or holds more garbage than live
// records.
func TestDiskCacheAppendsAndRewritesWhenItMust(t *testing.T) {
	dir := writeSite(t, baseSite)
	cache := filepath.Join(t.TempDir(), "cache")
	file := filepath.Join(cache, "markdown.bin")
	build := func() *Result {
		_, res := buildMem(t, New(Options{Source: dir, Now: fixedNow, CacheDir: cache}))
		return res
	}
	stat := func() os.FileInfo {
		st, err := os.Stat(file)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	first := build()
	before := stat()
	copd := filepath.Join(dir, "content/conditions/copd.md")
	src, _ := os.ReadFile(copd)
	os.WriteFile(copd, append(src, []byte("\nAn appended sentence.\n")...), 0o644)
	if res := build(); res.Rendered != 1 {
		t.Fatalf("after one edit rendered %d bodies, want 1", res.Rendered)
	}
	after := stat()
	if !os.SameFile(before, after) || after.Size() <= before.Size() {
		t.Errorf("one edit rewrote the cache (same file %v, %d → %d bytes); want a record appended", os.SameFile(before, after), before.Size(), after.Size())
	}
	if res := build(); res.Rendered != 0 || res.Cached != first.Rendered {
		t.Errorf("after the append: rendered %d, cached %d; want 0 and %d", res.Rendered, res.Cached, first.Rendered)
	}
	// A build killed while appending leaves a torn record: it is rendered
	// again and the file rewritten without it.
	if err := os.Truncate(file, after.Size()-3); err != nil {
		t.Fatal(err)
	}
	if res := build(); res.Rendered != 1 {
		t.Errorf("with a torn last record rendered %d bodies, want 1", res.Rendered)
	}
	if os.SameFile(after, stat()) {
		t.Error("a cache ending in a torn record was appended to, not rewritten")
	}
	if res := build(); res.Rendered != 0 {
		t.Errorf("after the rewrite rendered %d bodies, want 0", res.Rendered)
	}
	// Every edit leaves the page's last rendering behind as garbage; once
	// garbage outweighs the live records the file is compacted.
	for i := 0; ; i++ {
		was := stat()
		os.WriteFile(copd, append(src, fmt.Sprintf("\nEdit number %d.\n", i)...), 0o644)
		build()
		now := stat()
		if !os.SameFile(was, now) {
			if now.Size() >= was.Size() {
				t.Errorf("compaction grew the cache: %d → %d bytes", was.Size(), now.Size())
			}
			if i == 0 {
				t.Error("the first edit after a rewrite compacted again; one record of garbage cannot outweigh the rest")
			}
			break
		}
		if i == 200 {
			t.Fatalf("200 edits of one page never compacted the cache (%d bytes)", now.Size())
		}
	}
}

func TestFailedBuildLeavesPublishedSiteIdentical(t *testing.T) {
	dir := writeSite(t, baseSite)
	dest := filepath.Join(t.TempDir(), "public")
	build := func() error {
		d, err := publish.OpenDir(t.Context(), dest, filepath.Join(dir, ".medkb", "lock"), 0)
		if err != nil {
			t.Fatal(err)
		}
		_, err = New(Options{Source: dir, Now: fixedNow}).Build(context.Background(), d)
		if err != nil {
			d.Abort()
			return err
		}
		return d.Commit()
	}
	if err := build(); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dest)
	bad := filepath.Join(dir, "content/conditions/copd.md")
	if err := os.WriteFile(bad, []byte("---\ntitle: [unclosed\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := build(); err == nil {
		t.Fatal("build with broken front matter succeeded")
	}
	after := snapshot(t, dest)
	if len(before) != len(after) {
		t.Fatalf("public/ has %d files after the failed build; had %d", len(after), len(before))
	}
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s changed after a failed build", k)
		}
	}
	if m, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".public.medkb-tmp-*")); len(m) != 0 {
		t.Errorf("temporary folders left behind: %v", m)
	}
}

func snapshot(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		out[strings.TrimPrefix(p, dir)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSiteLayoutsOverrideTheThemeAndReadData(t *testing.T) {
	extra := `-- data/clinic.yaml --
phone_line: "Open 9 to 5"
-- layouts/_partials/footer.html --
<footer class="site-footer"><p class="custom">{{ .Site.Data.clinic.phone_line }}</p>
<ul>{{ range .Site.Trust }}<li><a href="{{ .URL }}">{{ .Title }}</a></li>{{ end }}</ul></footer>
`
	files, _ := buildMem(t, New(Options{Source: writeSite(t, baseSite+extra), Now: fixedNow}))
	mustContain(t, files, "conditions/asthma/index.html", `<p class="custom">Open 9 to 5</p>`, `<h1>Asthma</h1>`)
	mustNotContain(t, files, "conditions/asthma/index.html", "Built with medkb")
}

// The default theme writes the article page's lists with Go methods
// (render.Data.CrumbItems and the others); a site that overrides a
// partial or a layout with its own loops over the same data still gets
// its own markup, and the default's lists stay where it does not.
func TestSiteLoopsOverTheListsTheDefaultThemeWritesInGo(t *testing.T) {
	extra := `-- layouts/_partials/breadcrumbs.html --
<ol class="my-crumbs">{{ range .Crumbs }}<li data-url="{{ .URL }}">{{ .Title }}</li>{{ end }}</ol>
-- layouts/plain.html --
{{ define "main" }}<ul class="my-share">{{ range .Share }}<li>{{ .Name }}</li>{{ end }}</ul>
<ul class="my-related">{{ range .Page.Related }}<li>{{ .Meta.Title }}</li>{{ end }}</ul>
<ul class="my-tags">{{ range .Page.Meta.Tags }}<li>{{ slugify . }}</li>{{ end }}</ul>{{ end }}
`
	site := strings.Replace(baseSite+extra, "tags: [lungs]", "tags: [lungs]\nlayout: plain", 1)
	files, _ := buildMem(t, New(Options{Source: writeSite(t, site), Now: fixedNow}))
	mustContain(t, files, "conditions/asthma/index.html",
		`<ol class="my-crumbs"><li data-url="/">Test Health</li><li data-url="/conditions/">Conditions</li><li data-url="/conditions/asthma/">Asthma</li></ol>`,
		`<p class="tags"><span>Topics:</span> <a href="/tags/lungs/" rel="tag">lungs</a> <a href="/tags/breathing/" rel="tag">breathing</a></p>`,
		`<li><a href="/conditions/copd/">COPD</a></li>`)
	mustContain(t, files, "conditions/copd/index.html", `<ul class="my-share"><li>Email</li><li>Facebook</li>`,
		`<ul class="my-related"><li>Asthma</li></ul>`, `<ul class="my-tags"><li>lungs</li></ul>`)
	mustNotContain(t, files, "conditions/copd/index.html", `class="share"`, `class="related"`)
}

// A card is written once per build (render.Data.Card) and shown by every
// listing: the site's own card partial is the one shown, on the tag pages
// and the home page alike, with the title escaped where it lands.
func TestSiteCardPartialIsEveryListingsCard(t *testing.T) {
	extra := `-- layouts/_partials/card.html --
<li class="my-card" data-title="{{ .Meta.Title }}"><a href="{{ .RelPermalink }}">{{ .Meta.Title }}</a></li>
`
	site := strings.Replace(baseSite+extra, `title: "COPD"`, `title: "COPD <script>alert('x')</script> & co"`, 1)
	files, _ := buildMem(t, New(Options{Source: writeSite(t, site), Now: fixedNow}))
	card := `<li class="my-card" data-title="COPD &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"><a href="/conditions/copd/">COPD &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co</a></li>`
	for _, f := range []string{"tags/lungs/index.html", "index.html"} {
		mustContain(t, files, f, card, `<li class="my-card" data-title="Asthma"><a href="/conditions/asthma/">Asthma</a></li>`)
		mustNotContain(t, files, f, "<script>alert")
	}
	mustNotContain(t, files, "tags/lungs/index.html", `<li class="card">`)
	mustContain(t, files, "tags/breathing/index.html", `<li class="my-card" data-title="Asthma">`)
}

func TestSocialPreviewTags(t *testing.T) {
	site := strings.Replace(baseSite, "  role: \"Respiratory physician\"", "  role: \"Respiratory physician\"\n  fediverse: \"@jane@med.example\"", 1)
	files, _ := buildMem(t, New(Options{Source: writeSite(t, site), Now: fixedNow}))
	mustContain(t, files, "conditions/asthma/index.html",
		`<meta property="og:image" content="https://health.test/images/card-default.png">`,
		`<meta property="og:image:width" content="1200">`,
		`<meta property="og:image:height" content="630">`,
		`<meta property="og:image:alt" content="Test Health">`,
		`<meta name="twitter:card" content="summary_large_image">`,
		`<meta property="article:published_time" content="2025-03-04T00:00:00Z">`,
		`<meta property="article:modified_time" content="2025-09-10T00:00:00Z">`,
		`<meta name="fediverse:creator" content="@jane@med.example">`,
		`<meta property="og:site_name" content="Test Health">`,
		`href="mailto:?subject=Asthma&amp;body=https%3A%2F%2Fhealth.test%2Fconditions%2Fasthma%2F"`,
	)
}

func TestOverdueReviewNotice(t *testing.T) {
	overdue := "-- content/conditions/old.md --\n---\ntitle: Old page\nsummary: Old.\ndate: 2020-01-01\nreviewed_by: [rev]\nlast_reviewed: 2020-01-01\nnext_review: 2021-01-01\n---\nBody.\n"
	// Without today: the notice is in the page, hidden, for /js/site.js to
	// show in the reader's browser; the output does not depend on the clock.
	files, _ := buildMem(t, New(Options{Source: writeSite(t, baseSite+overdue), Now: fixedNow}))
	mustContain(t, files, "conditions/old/index.html", `<p class="notice notice-overdue" data-next-review="2021-01-01" hidden>`)
	// With today: set, the notice is visible in the built page.
	site := strings.Replace(baseSite+overdue, "trust_pages: {about: /about/}", "trust_pages: {about: /about/}\ntoday: \"2026-11-25\"", 1)
	files, _ = buildMem(t, New(Options{Source: writeSite(t, site), Now: fixedNow}))
	mustContain(t, files, "conditions/old/index.html", `<p class="notice notice-overdue" data-next-review="2021-01-01"><strong>This page is due for review.`)
	mustContain(t, files, "conditions/asthma/index.html", `data-next-review="2028-09-01" hidden>`)
}

// TestEmergencyFirst: the front matter's emergency text and the body's
// EMERGENCY callout come directly under the heading, in that order, with a
// tel: link to the language's number where the writer did not give one;
// the feed item keeps them, first.
func TestEmergencyFirst(t *testing.T) {
	site := strings.Replace(baseSite, "audience: patient\n", "audience: patient\nemergency: \"Get help <now> if you cannot breathe.\"\n", 1)
	site = strings.Replace(site, `title: "Test Health"`+"\n", `title: "Test Health"`+"\nlanguages:\n  - {code: en, emergency: {number: \"999\", label: \"Call 999 now\"}}\n", 1)
	files, _ := buildMem(t, New(Options{Source: writeSite(t, site), Now: fixedNow}))
	page := string(files["conditions/asthma/index.html"])
	h1 := strings.Index(page, "<h1>Asthma</h1>")
	fm := strings.Index(page, "<p>Get help &lt;now&gt; if you cannot breathe.</p>")
	body := strings.Index(page, "<p>Call for help if your lips turn blue.</p>")
	byline := strings.Index(page, `class="byline"`)
	if h1 < 0 || fm < h1 || body < fm || byline < body {
		t.Errorf("want heading < front matter emergency < body emergency < byline; got %d, %d, %d, %d", h1, fm, body, byline)
	}
	if n := strings.Count(page, `<a href="tel:999">Call 999 now</a>`); n != 1 {
		t.Errorf("%d tel: links, want 1 (the body's callout already says call)", n)
	}
	if f := string(files["feed.json"]); !strings.Contains(f, "Get help") || strings.Index(f, "Get help") > strings.Index(f, "Asthma is common") {
		t.Errorf("the feed item lacks the emergency text, or has it after the body")
	}
}

// A site's copy of a partial the theme no longer calls (the person
// partial, before the bylines were written in Go) is named in a warning,
// not ignored; the default theme's own partials are all called. A copy
// of the old trust partial, which calls person, fails naming its file,
// line and what to do.
func TestSiteOverridesOfRetiredPartialsAreReported(t *testing.T) {
	person := `-- layouts/_partials/person.html --
<bdi><span class="person">{{ .Name }}</span></bdi>
`
	_, res := buildMem(t, New(Options{Source: writeSite(t, baseSite+person), Now: fixedNow}))
	var unused diag.List
	for _, d := range res.Diagnostics.Warnings() {
		if strings.Contains(d.Message, "never used") {
			unused = append(unused, d)
		}
	}
	if len(unused) != 1 || unused[0].File != "layouts/_partials/person.html" || !strings.Contains(unused[0].Hint, "CHANGELOG.md") {
		t.Fatalf("unused-partial warnings = %v, want one for layouts/_partials/person.html", unused)
	}

	trust := `-- layouts/_partials/trust.html --
<div class="trust">
{{- with .Page.Authors }}
<p class="byline">{{ T "byline.written" }} {{ range $i, $a := . }}{{ if $i }}, {{ end }}{{ template "person" $a }}{{ end }}</p>{{ end }}
</div>
`
	errs := buildErr(t, writeSite(t, baseSite+trust))
	if len(errs) != 1 || errs[0].File != "layouts/_partials/trust.html" || errs[0].Line != 3 ||
		!strings.Contains(errs[0].Message, `no such template "person"`) || !strings.Contains(errs[0].Hint, "layouts/_partials/person.html") || !strings.Contains(errs[0].Hint, "CHANGELOG.md") {
		t.Fatalf("errors = %v, want one at layouts/_partials/trust.html:3 naming the person partial, with a hint", errs)
	}
}

// A layout front matter names that no layer has fails at the key's line
// in every page that names one, with the layouts a page may name; a draft
// left out of the build is warned about, as its other errors are, and
// left out of the drafts' checks. Before, the build stopped at the first
// page rendered, naming the missing layout file and not the page.
func TestUnknownLayoutsAreReportedAtTheirPages(t *testing.T) {
	site := strings.Replace(baseSite, "tags: [lungs, breathing]", "tags: [lungs, breathing]\nlayout: fancy", 1)
	site = strings.Replace(site, "tags: [lungs]\n", "tags: [lungs]\ndraft: true\nlayout: Plain\n", 1)
	res, err := New(Options{Source: writeSite(t, site), Now: fixedNow}).Build(context.Background(), publish.NewMem())
	if err == nil {
		t.Fatal("the build succeeded with a page naming a layout that does not exist")
	}
	type at struct{ pos, severity, msg, hint string }
	var got []at
	for _, d := range res.Diagnostics {
		if strings.Contains(d.Message, "layout") {
			got = append(got, at{d.Pos(), string(d.Severity), d.Message, d.Hint})
		}
	}
	want := []at{
		{"content/conditions/asthma.md:8", "error", `layout "fancy" does not exist: neither the site nor its theme has layouts/fancy.html`,
			"name one of page, plain, add layouts/fancy.html, or remove the layout key"},
		{"content/conditions/copd.md:7", "warning", `layout "Plain" does not exist: neither the site nor its theme has layouts/Plain.html`,
			"name one of page, plain, add layouts/Plain.html, or remove the layout key (a warning while the page is a draft; an error once it is published)"},
	}
	if !slices.Equal(got, want) {
		t.Fatalf("diagnostics = %+v\nwant %+v", got, want)
	}
	// A draft alone: the build goes on, and says so.
	draft := "-- content/conditions/gout.md --\n---\ntitle: Gout\ndraft: true\nlayout: fancy\n---\nGout.\n"
	_, res = buildMem(t, New(Options{Source: writeSite(t, baseSite+draft), Now: fixedNow}))
	if !slices.ContainsFunc(res.Diagnostics.Warnings(), func(d diag.Diagnostic) bool { return d.Pos() == "content/conditions/gout.md:4" }) {
		t.Errorf("the draft's unknown layout is not warned about: %v", res.Diagnostics)
	}
}

// A site's UI string no page shows (a misspelt key of the default theme,
// a language the site lacks) is a warning at its line; the keys the
// default theme and medkb's own code show are not.
func TestSiteStringsNothingShowsAreReported(t *testing.T) {
	extra := `-- i18n/en.yaml --
toc: "In this article"
feed.updated: "Updated: %s"
reviw.overdue: "Review overdue"
-- i18n/de.yaml --
toc: "Inhalt"
`
	_, res := buildMem(t, New(Options{Source: writeSite(t, baseSite+extra), Now: fixedNow}))
	var got []string
	for _, d := range res.Diagnostics.Warnings() {
		if strings.HasPrefix(d.File, "i18n/") {
			got = append(got, d.Pos()+": "+d.Message)
		}
	}
	want := []string{
		`i18n/de.yaml: "de" is not one of the site's languages (en): no page shows these strings`,
		`i18n/en.yaml:3: string "reviw.overdue" is shown nowhere: the theme has no such string and no template calls T "reviw.overdue"; did you mean "review.overdue"?`,
	}
	if !slices.Equal(got, want) {
		t.Fatalf("i18n warnings =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A layout file of the site's own that no page renders with is a warning
// naming it, with where medkb looks for what Hugo keeps in _default/,
// partials/ and index.html; a kind's layout, one a page names, the people
// pages', the tombstone of withdrawn pages (the site has none yet) and a
// layout only a draft names are used.
func TestSiteLayoutsNoPageUsesAreReported(t *testing.T) {
	main := "{{ define \"main\" }}x{{ end }}\n"
	extra := "-- layouts/_default/single.html --\n" + main + "-- layouts/partials/footer.html --\n<footer>x</footer>\n" +
		"-- layouts/index.html --\n" + main + "-- layouts/plain.html --\n" + main +
		"-- layouts/fancy.html --\n{{ define \"main\" }}<div class=\"fancy\">{{ .Page.Content }}</div>{{ end }}\n" +
		"-- layouts/person.html --\n" + main + "-- layouts/glossary.html --\n" + main + "-- layouts/withdrawn.html --\n" + main +
		"-- layouts/draftish.html --\n" + main + "-- layouts/shortcodes/youtube.html --\n<iframe></iframe>\n" +
		"-- content/conditions/gout.md --\n---\ntitle: Gout\ndraft: true\nlayout: draftish\n---\nGout.\n"
	site := strings.Replace(baseSite+extra, "tags: [lungs, breathing]", "tags: [lungs, breathing]\nlayout: fancy", 1)
	files, res := buildMem(t, New(Options{Source: writeSite(t, site), Now: fixedNow}))
	mustContain(t, files, "conditions/asthma/index.html", `<div class="fancy">`)
	var got []string
	for _, d := range res.Diagnostics.Warnings() {
		if strings.HasPrefix(d.File, "layouts/") {
			got = append(got, d.File+": "+d.Hint)
		}
	}
	want := []string{
		"layouts/_default/single.html: _default/ is Hugo's folder; medkb's layouts are named after page kinds, in layouts/ itself: page.html for articles, section.html, home.html, term.html, taxonomy.html, and the frame around them, baseof.html",
		"layouts/index.html: medkb's home page layout is layouts/home.html",
		"layouts/partials/footer.html: medkb's partials are in layouts/_partials/: move it to layouts/_partials/footer.html",
		"layouts/plain.html: name it in a page's layout: front matter, rename it after the page kind it is for (home, section, page, taxonomy, term, search, glossary, feeds, 404, alias), or delete it",
		"layouts/shortcodes/youtube.html: medkb runs no shortcodes: write what it showed in Markdown in the pages that call it (medkb check names them)",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("layout warnings =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
