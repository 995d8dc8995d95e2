package benchgen_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"go.yaml.in/yaml/v3"

	"github.com/medkb/medkb/internal/benchgen"
)

const testArticles = 50

// article is the front matter the tests check, decoded by yaml.v3.
type article struct {
	Title        string   `yaml:"title"`
	ID           string   `yaml:"id"`
	Summary      string   `yaml:"summary"`
	Date         string   `yaml:"date"`
	Lastmod      string   `yaml:"lastmod"`
	Draft        bool     `yaml:"draft"`
	Tags         []string `yaml:"tags"`
	Authors      []string `yaml:"authors"`
	ReviewedBy   []string `yaml:"reviewed_by"`
	LastReviewed string   `yaml:"last_reviewed"`
	Audience     string   `yaml:"audience"`
	Specialty    string   `yaml:"specialty"`
	About        []struct {
		Name  string `yaml:"name"`
		ICD10 string `yaml:"icd10"`
	} `yaml:"about"`
	References []struct {
		ID        string `yaml:"id"`
		Title     string `yaml:"title"`
		Publisher string `yaml:"publisher"`
		Year      int    `yaml:"year"`
		URL       string `yaml:"url"`
		DOI       string `yaml:"doi"`
	} `yaml:"references"`

	path string // slash path under content/, e.g. "conditions/asthma.md"
	body string
}

// site generates a medkb corpus and parses every article in it.
func site(t testing.TB, o benchgen.Options) (dir string, arts map[string]*article) {
	t.Helper()
	dir = t.TempDir()
	st, err := benchgen.WriteMedkb(dir, o)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != o.Articles {
		t.Fatalf("Stats.Articles = %d, want %d", st.Articles, o.Articles)
	}
	arts = map[string]*article{}
	content := filepath.Join(dir, "content")
	err = filepath.WalkDir(content, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == "_index.md" {
			return err
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(content, name)
		a := parseArticle(t, filepath.ToSlash(rel), data)
		arts[a.path] = a
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != o.Articles {
		t.Fatalf("found %d article files, want %d", len(arts), o.Articles)
	}
	return dir, arts
}

func parseArticle(t testing.TB, rel string, data []byte) *article {
	t.Helper()
	rest, ok := bytes.CutPrefix(data, []byte("---\n"))
	fm, body, ok2 := bytes.Cut(rest, []byte("\n---\n"))
	if !ok || !ok2 {
		t.Fatalf("%s: no YAML front matter", rel)
	}
	a := &article{path: rel, body: string(body)}
	if err := yaml.Unmarshal(fm, a); err != nil {
		t.Fatalf("%s: front matter: %v", rel, err)
	}
	return a
}

func treeHash(t testing.TB, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(name)
		rel, _ := filepath.Rel(dir, name)
		h.Write([]byte(filepath.ToSlash(rel) + "\x00"))
		h.Write(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func TestSameSeedSameBytes(t *testing.T) {
	t.Parallel()
	o := benchgen.Options{Articles: testArticles, Seed: 42}
	a, _ := site(t, o)
	b, _ := site(t, o)
	if ha, hb := treeHash(t, a), treeHash(t, b); ha != hb {
		t.Errorf("two generations with seed 42 differ: %s vs %s", ha, hb)
	}
	c, _ := site(t, benchgen.Options{Articles: testArticles, Seed: 43})
	if treeHash(t, a) == treeHash(t, c) {
		t.Error("seeds 42 and 43 gave identical corpora")
	}
}

func TestHugoCorpusHasSameContentAndData(t *testing.T) {
	t.Parallel()
	o := benchgen.Options{Articles: testArticles, Seed: 7}
	md := t.TempDir()
	hu := t.TempDir()
	if _, err := benchgen.WriteMedkb(md, o); err != nil {
		t.Fatal(err)
	}
	st, err := benchgen.WriteHugo(hu, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, sub := range []string{"content", "data", "static"} {
		if a, b := treeHash(t, filepath.Join(md, sub)), treeHash(t, filepath.Join(hu, sub)); a != b {
			t.Errorf("%s/ differs between the medkb and Hugo corpora", sub)
		}
	}
	for _, name := range []string{"hugo.toml", "layouts/_default/baseof.html", "layouts/_default/single.html",
		"layouts/_default/list.html", "layouts/_default/taxonomy.html", "layouts/_default/term.html",
		"layouts/index.html", "layouts/partials/header.html", "layouts/partials/footer.html"} {
		if _, err := os.Stat(filepath.Join(hu, name)); err != nil {
			t.Errorf("Hugo site lacks %s: %v", name, err)
		}
	}
	if _, err := os.Stat(filepath.Join(hu, "medkb.yaml")); err == nil {
		t.Error("Hugo site has a medkb.yaml")
	}
	if st.Files != countFiles(t, hu) {
		t.Errorf("Stats.Files = %d, found %d files", st.Files, countFiles(t, hu))
	}
}

func countFiles(t testing.TB, dir string) int {
	t.Helper()
	n := 0
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return err
	})
	return n
}

var (
	fenceRE    = regexp.MustCompile("(?s)```.*?```")
	linkDestRE = regexp.MustCompile(`\]\([^)]*\)`)
	markerRE   = regexp.MustCompile(`\[(@[^\]]*|![A-Z-]+)\]`)
	letterRE   = regexp.MustCompile(`[A-Za-z]`)
	linkRE     = regexp.MustCompile(`\]\((/[^)#]*)(#[^)]*)?\)`)
	citationRE = regexp.MustCompile(`\[(@[^\]]+)\]`)
)

// words counts the words of a Markdown body: tokens with a letter, outside
// code blocks, link destinations, citations and callout markers.
func words(body string) int {
	s := fenceRE.ReplaceAllString(body, " ")
	s = linkDestRE.ReplaceAllString(s, "] ")
	s = markerRE.ReplaceAllString(s, " ")
	n := 0
	for _, f := range strings.Fields(s) {
		if letterRE.MatchString(f) {
			n++
		}
	}
	return n
}

func TestBodiesHaveRealisticShape(t *testing.T) {
	t.Parallel()
	_, arts := site(t, benchgen.Options{Articles: testArticles, Seed: 1})
	for _, a := range arts {
		if n := words(a.body); n < 500 || n > 1500 {
			t.Errorf("%s: %d words, want 500–1500", a.path, n)
		}
		h2 := 0
		for _, line := range strings.Split(a.body, "\n") {
			if strings.HasPrefix(line, "## ") {
				h2++
			}
		}
		if h2 < 3 || h2 > 7 {
			t.Errorf("%s: %d ## headings, want 3–7", a.path, h2)
		}
		if !regexp.MustCompile(`(?m)^> \[!(NOTE|SEE-A-DOCTOR|EMERGENCY)\]$`).MatchString(a.body) {
			t.Errorf("%s: no callout", a.path)
		}
	}
}

func TestLinksTargetArticlesAndHeadings(t *testing.T) {
	t.Parallel()
	_, arts := site(t, benchgen.Options{Articles: testArticles, Seed: 3})
	md := goldmark.New(goldmark.WithExtensions(extension.Table), goldmark.WithParserOptions(parser.WithAutoHeadingID()))
	ids := map[string]string{} // rendered HTML per article, for anchors
	anchors := 0
	for _, a := range arts {
		links := linkRE.FindAllStringSubmatch(a.body, -1)
		if len(links) < 2 || len(links) > 5 {
			t.Errorf("%s: %d internal links, want 2–5", a.path, len(links))
		}
		for _, l := range links {
			target := strings.Trim(l[1], "/") + ".md"
			ta, ok := arts[target]
			if !ok {
				t.Errorf("%s: link %s has no article", a.path, l[1])
				continue
			}
			if ta == a {
				t.Errorf("%s: links to itself", a.path)
			}
			if l[2] == "" {
				continue
			}
			anchors++
			html, ok := ids[target]
			if !ok {
				var buf bytes.Buffer
				if err := md.Convert([]byte(ta.body), &buf); err != nil {
					t.Fatal(err)
				}
				html = buf.String()
				ids[target] = html
			}
			if !regexp.MustCompile(`<h[23] id="` + regexp.QuoteMeta(l[2][1:]) + `">`).MatchString(html) {
				t.Errorf("%s: anchor %s%s is no heading of the target", a.path, l[1], l[2])
			}
		}
	}
	if anchors == 0 {
		t.Error("no link carries a #heading anchor")
	}
}

func TestEveryReferenceCitedAndEveryCitationListed(t *testing.T) {
	t.Parallel()
	_, arts := site(t, benchgen.Options{Articles: testArticles, Seed: 5})
	for _, a := range arts {
		listed := map[string]bool{}
		for _, r := range a.References {
			listed[r.ID] = true
		}
		cited := map[string]bool{}
		for _, m := range citationRE.FindAllStringSubmatch(a.body, -1) {
			for _, key := range strings.Split(m[1], ";") {
				cited[strings.TrimPrefix(strings.TrimSpace(key), "@")] = true
			}
		}
		for id := range cited {
			if !listed[id] {
				t.Errorf("%s: cites @%s, which is not in references", a.path, id)
			}
		}
		for id := range listed {
			if !cited[id] {
				t.Errorf("%s: reference %s is never cited", a.path, id)
			}
		}
	}
}

func TestFrontMatterFollowsSchema(t *testing.T) {
	t.Parallel()
	dir, arts := site(t, benchgen.Options{Articles: testArticles, Seed: 9})
	data, err := os.ReadFile(filepath.Join(dir, "data", "authors.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var authors map[string]struct {
		Name        string `yaml:"name"`
		Credentials string `yaml:"credentials"`
	}
	if err := yaml.Unmarshal(data, &authors); err != nil {
		t.Fatalf("authors.yaml: %v", err)
	}
	if len(authors) < 15 || len(authors) > 25 {
		t.Errorf("%d authors, want about 20", len(authors))
	}
	titles := map[string]bool{}
	for _, a := range arts {
		if a.Title == "" || a.Summary == "" || a.Draft || a.Specialty == "" {
			t.Errorf("%s: empty title, summary or specialty, or a draft: %+v", a.path, a)
		}
		if titles[a.Title] {
			t.Errorf("%s: title %q used twice", a.path, a.Title)
		}
		titles[a.Title] = true
		if want := strings.ReplaceAll(strings.TrimSuffix(a.path, ".md"), "/", "-"); a.ID != want {
			t.Errorf("%s: id %q, want %q", a.path, a.ID, want)
		}
		date, lastmod, reviewed := day(t, a.Date), day(t, a.Lastmod), day(t, a.LastReviewed)
		if lastmod.Before(date) || reviewed.Before(date) || reviewed.After(lastmod) {
			t.Errorf("%s: dates out of order: date %s lastmod %s last_reviewed %s", a.path, a.Date, a.Lastmod, a.LastReviewed)
		}
		if len(a.Tags) < 2 || len(a.Tags) > 6 {
			t.Errorf("%s: %d tags, want 2–6", a.path, len(a.Tags))
		}
		for _, id := range slices.Concat(a.Authors, a.ReviewedBy) {
			if _, ok := authors[id]; !ok {
				t.Errorf("%s: author %q not in data/authors.yaml", a.path, id)
			}
		}
		if len(a.Authors) == 0 || len(a.ReviewedBy) == 0 || slices.Contains(a.Authors, a.ReviewedBy[0]) {
			t.Errorf("%s: authors %v reviewed by %v", a.path, a.Authors, a.ReviewedBy)
		}
		if a.Audience != "patient" && a.Audience != "professional" {
			t.Errorf("%s: audience %q", a.path, a.Audience)
		}
		if len(a.About) == 0 || !regexp.MustCompile(`^[A-Z]\d\d(\.\d+)?$`).MatchString(a.About[0].ICD10) {
			t.Errorf("%s: about %+v lacks an ICD-10 code", a.path, a.About)
		}
		if n := len(a.References); n < 2 || n > 6 {
			t.Errorf("%s: %d references, want 2–6", a.path, n)
		}
		for _, r := range a.References {
			if r.ID == "" || r.Title == "" || r.Publisher == "" || r.Year < 1990 || (r.URL == "") == (r.DOI == "") {
				t.Errorf("%s: reference %+v needs id, title, publisher, year and exactly one of url, doi", a.path, r)
			}
		}
	}
}

func day(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatalf("date %q: %v", s, err)
	}
	return d
}

func TestRefusesBadOptionsAndNonEmptyDir(t *testing.T) {
	t.Parallel()
	full := t.TempDir()
	if err := os.WriteFile(filepath.Join(full, "keep.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		dir  string
		o    benchgen.Options
	}{
		{"no articles", t.TempDir(), benchgen.Options{Articles: 0}},
		{"too many sections", t.TempDir(), benchgen.Options{Articles: 5, Sections: 13}},
		{"negative sections", t.TempDir(), benchgen.Options{Articles: 5, Sections: -1}},
		{"non-empty dir", full, benchgen.Options{Articles: 5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := benchgen.WriteMedkb(tt.dir, tt.o); err == nil {
				t.Error("WriteMedkb succeeded, want an error")
			}
		})
	}
}

// TestHugoBuildsTheCorpus runs the real Hugo on a generated site: the
// layouts must render every page kind. Without Hugo it fails, saying how
// to install it: skipped, it would leave the bench's peer unchecked.
func TestHugoBuildsTheCorpus(t *testing.T) {
	t.Parallel()
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		t.Fatal("hugo is not installed: run `make deps` (internal/e2e/install.sh installs Debian's hugo package, 0.111.3 on bookworm, as root; otherwise apt-get install hugo)")
	}
	dir := t.TempDir()
	if _, err := benchgen.WriteHugo(dir, benchgen.Options{Articles: testArticles, Seed: 11}); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(hugo, "--quiet", "-d", "public")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, out)
	}
	pages := 0
	filepath.WalkDir(filepath.Join(dir, "public"), func(name string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(name, ".html") {
			pages++
		}
		return err
	})
	if pages < testArticles+8 {
		t.Errorf("hugo wrote %d HTML pages, want at least %d", pages, testArticles+8)
	}
	for _, name := range []string{"index.xml", "sitemap.xml", "conditions/index.html", "tags/index.html"} {
		if _, err := os.Stat(filepath.Join(dir, "public", name)); err != nil {
			t.Errorf("hugo output lacks %s", name)
		}
	}
}

func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		if _, err := benchgen.WriteMedkb(b.TempDir(), benchgen.Options{Articles: 1000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestMedkbArticlesReadsBackEveryArticle: the articles the benchmarks
// measure are every article written, front matter cut off the body only.
func TestMedkbArticlesReadsBackEveryArticle(t *testing.T) {
	arts, err := benchgen.MedkbArticles(t.TempDir(), benchgen.Options{Articles: 30, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 30 {
		t.Fatalf("%d articles read back, want 30", len(arts))
	}
	for _, a := range arts {
		if !bytes.HasPrefix(a.Source, []byte("---\n")) || !bytes.HasSuffix(a.Source, a.Body) ||
			bytes.Contains(a.Body[:min(len(a.Body), 200)], []byte("title:")) || len(bytes.TrimSpace(a.Body)) == 0 {
			t.Errorf("%s: body %.80q is not the Markdown after the front matter", a.Path, a.Body)
		}
	}
}
