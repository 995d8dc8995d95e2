package site_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/publish"
	"github.com/medkb/medkb/internal/site"
)

// newSite copies testdata/security/base into a temporary folder and writes
// overlay on top (slash-separated paths relative to the site root).
func newSite(t *testing.T, overlay map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	base := filepath.Join("testdata", "security", "base")
	if err := os.CopyFS(dir, os.DirFS(base)); err != nil {
		t.Fatalf("copying the base site: %v", err)
	}
	for rel, body := range overlay {
		writeFile(t, filepath.Join(dir, filepath.FromSlash(rel)), []byte(body))
	}
	return dir
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// buildMem builds dir into memory. It sets no deadline, as buildDir does
// not: a wall-clock deadline (60 s until session 54) failed a build that
// was only slow on a loaded machine, and it could not catch the blow-up it
// was meant to: a parser stuck expanding an alias bomb or a deep nesting
// never looks at the context, so the build returns only when the parser
// does. The tests' assertions are on what the build returns (an error
// naming the file, escaped output); a build that never returns is stopped
// by go test's -timeout, with every goroutine's stack.
func buildMem(t *testing.T, dir string) (map[string][]byte, *site.Result, error) {
	t.Helper()
	mem := publish.NewMem()
	res, err := site.New(site.Options{Source: dir}).Build(t.Context(), mem)
	return mem.Files(), res, err
}

// mustBuild builds dir into memory and fails the test on a build error.
func mustBuild(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files, res, err := buildMem(t, dir)
	if err != nil {
		t.Fatalf("build failed: %v\n%v", err, res.Diagnostics)
	}
	return files
}

// sortedKeys returns the output paths in order, for stable messages.
func sortedKeys(files map[string][]byte) []string {
	keys := make([]string, 0, len(files))
	for k := range files {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// yamlQuote writes s as a single-quoted YAML scalar.
func yamlQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// hostile is every payload in one string; each field gets it behind its own
// label so a leak names the field it came from.
const hostile = `<script>alert(1)</script> "><img src=x onerror=alert(1)> </script><script>alert(1)</script> javascript:alert(1) ]]> {{ .Site }}`

func evil(field string) string { return field + " " + hostile }

// dangerous are byte sequences that may appear in no output file: each is
// a payload that escaped its context.
var dangerous = []string{
	"<script>alert(",
	"<img src=x",
	"</script><script>",
}

// scriptURL matches a javascript: URL in an attribute, quoted or not.
var scriptURL = regexp.MustCompile(`(?i)(href|src|action|formaction|content)\s*=\s*["']?\s*javascript:`)

func hostileSite(t *testing.T) string {
	t.Helper()
	q := func(field string) string { return yamlQuote(evil(field)) }
	article := "---\n" +
		"title: " + q("title") + "\n" +
		"summary: " + q("summary") + "\n" +
		"description: " + q("description") + "\n" +
		"date: 2024-03-04\n" +
		"tags: [" + q("tag") + ", lungs]\n" +
		"authors: [mallory]\n" +
		"reviewed_by: [editor]\n" +
		"last_reviewed: 2024-09-01\n" +
		"next_review: 2027-09-01\n" +
		"audience: patient\n" +
		"image: /images/card.png\n" +
		"image_alt: " + q("image_alt") + "\n" +
		"sponsor: " + q("sponsor") + "\n" +
		"funding: " + q("funding") + "\n" +
		"about:\n  - name: " + q("about") + "\n    icd10: J45\n" +
		"references:\n" +
		"  - id: evil\n" +
		"    title: " + q("ref-title") + "\n" +
		"    publisher: " + q("ref-publisher") + "\n" +
		"    year: 2024\n" +
		"    url: https://example.org/ref\n" +
		"---\n" +
		"The body cites a source [@evil]. A glossary word: wheeze.\n"
	authors := "editor:\n  name: Dr Test Editor\n  credentials: MD\n" +
		"reviewer:\n  name: Dr Test Reviewer\n" +
		"mallory:\n" +
		"  name: " + q("author-name") + "\n" +
		"  credentials: " + q("author-credentials") + "\n" +
		"  role: " + q("author-role") + "\n" +
		"  bio: " + q("author-bio") + "\n" +
		"  url: https://example.org/mallory\n" +
		"  conflicts: " + q("author-conflicts") + "\n"
	glossary := "- term: wheeze\n  definition: " + q("glossary-definition") + "\n" +
		"- term: " + q("glossary-term") + "\n  definition: plain\n"
	// A 1×1 PNG so the image path resolves.
	png := "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
	return newSite(t, map[string]string{
		"content/conditions/hostile.md": article,
		"data/authors.yaml":             authors,
		"data/glossary.yaml":            glossary,
		"static/images/card.png":        png,
	})
}

func TestHostileFrontMatterIsEscapedEverywhere(t *testing.T) {
	files := mustBuild(t, hostileSite(t))
	page, ok := files["conditions/hostile/index.html"]
	if !ok {
		t.Fatalf("no conditions/hostile/index.html; outputs: %v", sortedKeys(files))
	}

	t.Run("no raw payload in any file", func(t *testing.T) {
		for _, name := range sortedKeys(files) {
			data := files[name]
			if strings.HasSuffix(name, "feed.json") {
				// A JSON Feed keeps < and > literal by design (it is
				// served as application/feed+json and never inlined):
				// its titles are plain text, so only its HTML fields
				// must be free of markup that runs.
				data = jsonFeedHTML(t, name, data)
			}
			for _, d := range dangerous {
				if i := bytes.Index(data, []byte(d)); i >= 0 {
					t.Errorf("%s: raw %q at byte %d: …%s…", name, d, i, excerpt(data, i))
				}
			}
			if loc := scriptURL.FindIndex(data); loc != nil {
				t.Errorf("%s: javascript: URL in an attribute: …%s…", name, excerpt(data, loc[0]))
			}
		}
	})

	t.Run("every field reaches the output", func(t *testing.T) {
		// Fields that never reach any output would make the scan above
		// vacuous; each must show up escaped somewhere.
		for _, field := range []string{"title", "summary", "tag", "image_alt", "sponsor", "funding", "about",
			"ref-title", "ref-publisher", "author-name", "author-credentials", "author-role",
			"glossary-term", "glossary-definition"} {
			if !anyFileHas(files, field+" &lt;script", field+` \u003cscript`, field+" <script") {
				t.Errorf("field %s appears in no output file", field)
			}
		}
	})

	t.Run("page shows the payload as text", func(t *testing.T) {
		// html/template escapes < > " but leaves braces alone: the
		// literal {{ .Site }} proves the title was never executed.
		for _, want := range []string{
			"title &lt;script&gt;alert(1)&lt;/script&gt;",
			"{{ .Site }}",
			"author-name &lt;script&gt;",
			"ref-title &lt;script&gt;",
			"ref-publisher &lt;script&gt;",
		} {
			if !bytes.Contains(page, []byte(want)) {
				t.Errorf("page lacks escaped text %q", want)
			}
		}
	})

	t.Run("JSON-LD round-trips", func(t *testing.T) {
		blocks := jsonLDBlocks(t, page)
		if len(blocks) == 0 {
			t.Fatal("page has no JSON-LD block")
		}
		var strs []string
		for _, b := range blocks {
			var v any
			if err := json.Unmarshal(b, &v); err != nil {
				t.Fatalf("JSON-LD is not valid JSON: %v\n%s", err, b)
			}
			strs = append(strs, stringsIn(v)...)
		}
		for _, field := range []string{"title", "author-name", "about"} {
			if !containsString(strs, evil(field)) {
				t.Errorf("JSON-LD has no string equal to %q", evil(field))
			}
		}
	})

	t.Run("feeds parse and keep the title", func(t *testing.T) {
		parser := gofeed.NewParser()
		var n int
		for _, name := range sortedKeys(files) {
			if !isFeed(name) {
				continue
			}
			n++
			data := files[name]
			if strings.HasSuffix(name, ".xml") {
				if err := wellFormedXML(data); err != nil {
					t.Errorf("%s: not well-formed XML: %v", name, err)
				}
			}
			f, err := parser.Parse(bytes.NewReader(data))
			if err != nil {
				t.Errorf("%s: gofeed: %v", name, err)
				continue
			}
			for _, it := range f.Items {
				if strings.HasPrefix(it.Title, "title ") && it.Title != evil("title") {
					t.Errorf("%s: item title %q, want %q", name, it.Title, evil("title"))
				}
			}
			if !feedHasTitle(f, evil("title")) && strings.HasPrefix(name, "index") {
				t.Errorf("%s: site feed has no item titled %q", name, evil("title"))
			}
		}
		if n == 0 {
			t.Fatal("no feeds written")
		}
	})

	t.Run("search index is valid JSON", func(t *testing.T) {
		var n int
		for _, name := range sortedKeys(files) {
			if !strings.HasPrefix(name, "search/") || !strings.HasSuffix(name, ".json") {
				continue
			}
			n++
			if !json.Valid(files[name]) {
				t.Errorf("%s is not valid JSON", name)
			}
			if bytes.Contains(bytes.ToLower(files[name]), []byte("<script")) {
				t.Errorf("%s contains a raw <script", name)
			}
		}
		if n == 0 {
			t.Fatal("no search index files written")
		}
	})

	t.Run("sitemap is well-formed", func(t *testing.T) {
		sm, ok := files["sitemap.xml"]
		if !ok {
			t.Fatal("no sitemap.xml")
		}
		if err := wellFormedXML(sm); err != nil {
			t.Fatalf("sitemap.xml: %v", err)
		}
	})
}

// jsonFeedHTML returns the content_html fields of a JSON Feed, joined.
func jsonFeedHTML(t *testing.T, name string, data []byte) []byte {
	t.Helper()
	var f struct {
		Items []struct {
			ContentHTML string `json:"content_html"`
		} `json:"items"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Errorf("%s: not valid JSON: %v", name, err)
		return nil
	}
	var b bytes.Buffer
	for _, it := range f.Items {
		b.WriteString(it.ContentHTML)
	}
	return b.Bytes()
}

func anyFileHas(files map[string][]byte, needles ...string) bool {
	for _, data := range files {
		for _, n := range needles {
			if bytes.Contains(data, []byte(n)) {
				return true
			}
		}
	}
	return false
}

// consumedHTML returns the HTML a browser or feed reader interprets in an
// output file: the page itself, or every item's content in a feed.
func consumedHTML(t *testing.T, name string, data []byte) string {
	t.Helper()
	switch {
	case strings.HasSuffix(name, ".html"):
		return string(data)
	case isFeed(name):
		f, err := gofeed.NewParser().Parse(bytes.NewReader(data))
		if err != nil {
			t.Errorf("%s: gofeed: %v", name, err)
			return ""
		}
		var b strings.Builder
		for _, it := range f.Items {
			b.WriteString(it.Content)
			b.WriteString(it.Description)
		}
		return b.String()
	}
	return ""
}

func excerpt(data []byte, i int) string {
	lo, hi := max(0, i-60), min(len(data), i+60)
	return string(data[lo:hi])
}

var ldRe = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

func jsonLDBlocks(t *testing.T, page []byte) [][]byte {
	t.Helper()
	var out [][]byte
	for _, m := range ldRe.FindAllSubmatch(page, -1) {
		out = append(out, m[1])
	}
	return out
}

// stringsIn collects every string value in a decoded JSON value.
func stringsIn(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, stringsIn(e)...)
		}
		return out
	case map[string]any:
		var out []string
		for _, e := range x {
			out = append(out, stringsIn(e)...)
		}
		return out
	}
	return nil
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func isFeed(name string) bool {
	base := name[strings.LastIndex(name, "/")+1:]
	return base == "index.xml" || base == "atom.xml" || base == "feed.json"
}

func feedHasTitle(f *gofeed.Feed, title string) bool {
	for _, it := range f.Items {
		if it.Title == title {
			return true
		}
	}
	return false
}

// wellFormedXML reads every token of data with encoding/xml.
func wellFormedXML(data []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// Unused-import guards for helpers added in later tests.
var (
	_ = diag.Error
	_ fs.FileMode
)

// config returns the base site's medkb.yaml with extra appended.
func config(t *testing.T, extra string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "security", "base", "medkb.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b) + extra
}

// article returns a valid article with extra front matter lines and body.
func article(extra, body string) string {
	return "---\ntitle: Test article\nsummary: A test article.\ndate: 2024-03-04\n" +
		"authors: [editor]\nreviewed_by: [reviewer]\nlast_reviewed: 2024-09-01\nnext_review: 2027-09-01\n" +
		"audience: patient\n" + extra + "---\n" + body
}

// mainHTML returns the page's <main> element, where the body renders.
func mainHTML(t *testing.T, page []byte) string {
	t.Helper()
	s := string(page)
	i, j := strings.Index(s, "<main"), strings.LastIndex(s, "</main>")
	if i < 0 || j < i {
		t.Fatalf("page has no <main> element:\n%s", s)
	}
	return s[i:j]
}

func TestRawHTMLInMarkdown(t *testing.T) {
	const body = "Intro paragraph.\n\n" +
		"<script>alert(1)</script>\n\n" +
		"<details><summary>More</summary>Hidden text.</details>\n\n" +
		"<p onclick=\"alert(2)\">Click</p>\n\n" +
		"<a href=\"javascript:alert(3)\">raw link</a>\n\n" +
		"<img src=\"x\" onerror=\"alert(4)\" alt=\"raw image\">\n\n" +
		"[md link](javascript:alert(5)) and [upper](JaVaScRiPt:alert(6)) and [data link](data:text/html;base64,PHNjcmlwdD5hbGVydCg3KTwvc2NyaXB0Pg==)\n\n" +
		"![md image](data:image/png;base64,iVBORw0KGgo=)\n\n" +
		"![svg image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoOCk+)\n"
	// Never, whatever the configuration.
	never := []string{"<script>alert", "onclick", "onerror", "javascript:", "data:text/html", "data:image/svg+xml"}
	tests := []struct {
		name        string
		markup      string
		want, avoid []string
	}{
		{
			name:   "default drops raw HTML",
			markup: "",
			want:   []string{"Intro paragraph.", "md link"},
			avoid:  []string{"<details>", "data:image/png"},
		},
		{
			name:   "unsafe sanitizes raw HTML",
			markup: "markup: {unsafe: true}\n",
			want:   []string{"<details>", "<summary>More</summary>", "Hidden text.", "raw link", `alt="raw image"`},
			avoid:  []string{"data:image/png"},
		},
		{
			name:   "allow_data_urls allows data:image only",
			markup: "markup: {allow_data_urls: true}\n",
			want:   []string{`src="data:image/png;base64,iVBORw0KGgo="`},
			avoid:  []string{"<details>"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := newSite(t, map[string]string{
				"medkb.yaml":                config(t, tc.markup),
				"content/conditions/raw.md": article("", body),
				"static/conditions/raw/x":   "the raw <img src=x> exists: the image check passes", // rule image
			})
			files := mustBuild(t, dir)
			main := mainHTML(t, files["conditions/raw/index.html"])
			for _, s := range tc.want {
				if !strings.Contains(main, s) {
					t.Errorf("body lacks %q:\n%s", s, main)
				}
			}
			for _, s := range append(tc.avoid, never...) {
				if strings.Contains(strings.ToLower(main), strings.ToLower(s)) {
					t.Errorf("body contains %q:\n%s", s, main)
				}
			}
			// Feeds carry the body too, escaped once more in XML; check
			// the HTML a feed reader would see after unescaping.
			for _, name := range sortedKeys(files) {
				html := strings.ToLower(consumedHTML(t, name, files[name]))
				for _, s := range never {
					if strings.Contains(html, s) {
						t.Errorf("%s: HTML contains %q", name, s)
					}
				}
			}
		})
	}
}

// listTree returns every path under root, relative and slash-separated.
func listTree(t *testing.T, root string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// buildDir builds src into dest the way `medkb build` does: check the
// destination, take the lock, build into a temporary folder and commit only
// on success. Unlike buildMem it sets no deadline: its callers' sites are
// small and hold no blow-up, and on a loaded machine a wall-clock deadline
// failed a build that was only slow (TestPathsCannotLeaveTheDestination's
// first build once passed 60 s at load average 12, and the test then said
// that the error named no file). A build that hangs is stopped by go
// test's -timeout, with every goroutine's stack.
func buildDir(t *testing.T, src, dest string) (*site.Result, error) {
	t.Helper()
	if err := publish.CheckDestination(src, dest); err != nil {
		return nil, err
	}
	dir, err := publish.OpenDir(t.Context(), dest, filepath.Join(src, ".medkb", "build.lock"), time.Minute)
	if err != nil {
		return nil, err
	}
	res, err := site.New(site.Options{Source: src}).Build(t.Context(), dir)
	if err != nil {
		dir.Abort()
		return res, err
	}
	return res, dir.Commit()
}

// hasDiag reports whether err carries an error diagnostic at file:line
// whose message mentions want.
func hasDiag(err error, file string, line int, want string) bool {
	for _, d := range diag.From(err) {
		if d.File == file && d.Line == line && strings.Contains(d.Message, want) {
			return true
		}
	}
	return false
}

func TestPathsCannotLeaveTheDestination(t *testing.T) {
	hostile := []string{
		"../escape",
		"../../escape/",
		"/../../etc/passwd",
		"https://evil.example/",
		"//evil.example/x/",
		"%2e%2e/escape/",
		"%2E%2E/%2e%2e/escape/",
		"/a%2fb/",
		"/a%5c..%5cb/",
		`..\..\escape`,
		"/a/\x00/",
		"/a/\x01/",
		"/./a/",
	}
	const keyLine = 10 // article() puts the extra front matter on line 10
	for _, key := range []string{"slug", "url", "aliases"} {
		for _, value := range hostile {
			if key == "slug" && strings.HasPrefix(value, "/") && !strings.Contains(value, "..") {
				continue // a slug starting with / is refused for the /, tested below
			}
			t.Run(key+"="+value, func(t *testing.T) {
				root := t.TempDir()
				src := filepath.Join(root, "site")
				if err := os.CopyFS(src, os.DirFS(newSite(t, map[string]string{
					"content/conditions/evil.md": article(key+": "+strconv.Quote(value)+"\n", "Body.\n"),
				}))); err != nil {
					t.Fatal(err)
				}
				before := listTree(t, root)
				_, err := buildDir(t, src, filepath.Join(root, "out", "public"))
				if err == nil {
					t.Fatalf("%s %q: build succeeded, want an error", key, value)
				}
				if !hasDiag(err, "content/conditions/evil.md", keyLine, "") {
					t.Errorf("error does not name content/conditions/evil.md:%d:\n%v", keyLine, err)
				}
				for p := range listTree(t, root) {
					if !before[p] && !strings.HasPrefix(p, "site/.medkb") && p != "out" {
						t.Errorf("failed build left %s behind", p)
					}
				}
			})
		}
	}
}

func TestSymlinksOutsideTheSiteAreRefused(t *testing.T) {
	tests := []struct {
		name, link string // link is where the symlink goes, relative to the site
		target     func(outside string) string
	}{
		{"content file", "content/conditions/leak.md", func(o string) string { return filepath.Join(o, "secret.md") }},
		{"content folder", "content/leak", func(o string) string { return o }},
		{"content root", "content", func(o string) string { return o }},
		{"static file", "static/leak.txt", func(o string) string { return filepath.Join(o, "secret.md") }},
		{"data file", "data/leak.yaml", func(o string) string { return filepath.Join(o, "secret.yaml") }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			outside := t.TempDir()
			writeFile(t, filepath.Join(outside, "secret.md"), []byte(article("", "TOP-SECRET-OUTSIDE\n")))
			writeFile(t, filepath.Join(outside, "secret.yaml"), []byte("secret: TOP-SECRET-OUTSIDE\n"))
			dir := newSite(t, nil)
			link := filepath.Join(dir, filepath.FromSlash(tc.link))
			if err := os.RemoveAll(link); err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(tc.target(outside), link); err != nil {
				t.Fatal(err)
			}
			files, _, err := buildMem(t, dir)
			if err == nil {
				t.Fatalf("build succeeded, want a refusal of the link %s", tc.link)
			}
			found := false
			for _, d := range diag.From(err) {
				if d.File == tc.link && strings.Contains(d.Message, "outside the site") {
					found = true
				}
			}
			if !found {
				t.Errorf("error does not name %s as a link outside the site:\n%v", tc.link, err)
			}
			if anyFileHas(files, "TOP-SECRET-OUTSIDE") {
				t.Error("a file from outside the site reached the output")
			}
		})
	}
}

// billionLaughs is a YAML alias bomb: nine levels of nine-fold aliases
// expand to 9^9 strings when decoded naively.
const billionLaughs = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
`

func TestMalformedInput(t *testing.T) {
	const file = "content/conditions/bad.md"
	deepList := strings.Repeat("- ", 10000) + "deep\n"
	deepQuote := strings.Repeat(">", 10000) + " deep\n"
	tests := []struct {
		name    string
		overlay map[string]string
		// Either the build fails with an error at errFile:errLine whose
		// message contains errMsg…
		errFile string
		errLine int
		errMsg  string
		// …or it succeeds and the page holds want.
		want string
	}{
		{name: "invalid UTF-8", overlay: map[string]string{file: article("", "line one\nbad \xff\xfe byte\n")},
			errFile: file, errLine: 12, errMsg: "byte 0xff is not UTF-8"},
		{name: "NUL byte", overlay: map[string]string{file: article("", "one\ntwo\nNUL\x00here\n")},
			errFile: file, errLine: 13, errMsg: "NUL"},
		{name: "BOM", overlay: map[string]string{file: "\ufeff" + article("", "Body after a BOM.\n")},
			want: "Body after a BOM."},
		{name: "CRLF", overlay: map[string]string{file: strings.ReplaceAll(article("tags: [crlf-tag]\n", "Line one\nline two.\n"), "\n", "\r\n")},
			want: "crlf-tag"},
		{name: "front matter never closes", overlay: map[string]string{file: "---\ntitle: Open\nsummary: never closed\n\nBody.\n"},
			errFile: file, errLine: 1, errMsg: "never closes"},
		{name: "invalid date", overlay: map[string]string{file: strings.Replace(article("", "Body.\n"), "date: 2024-03-04", "date: 2024-13-45", 1)},
			errFile: file, errLine: 4, errMsg: "2024-13-45"},
		{name: "unknown author", overlay: map[string]string{file: strings.Replace(article("", "Body.\n"), "authors: [editor]", "authors: [nobody]", 1)},
			errFile: file, errLine: 5, errMsg: "nobody"},
		{name: "reference without doi, pmid or url", overlay: map[string]string{file: article("references:\n  - id: bare\n    title: A source\n", "Cites [@bare].\n")},
			errFile: file, errLine: 11, errMsg: "neither doi, pmid nor url"},
		{name: "alias bomb in front matter", overlay: map[string]string{file: "---\ntitle: Bomb\nparams:\n  " + strings.ReplaceAll(billionLaughs, "\n", "\n  ") + "\n---\nBody.\n"},
			errFile: file, errMsg: "alias"},
		{name: "alias bomb in authors.yaml", overlay: map[string]string{"data/authors.yaml": "editor:\n  name: Ed\n" + billionLaughs},
			errFile: "data/authors.yaml", errMsg: "alias"},
		{name: "10,000-deep list", overlay: map[string]string{file: article("", deepList)},
			want: "Test article"},
		{name: "10,000-deep block quote", overlay: map[string]string{file: article("", deepQuote)},
			want: "Test article"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files, res, err := buildMem(t, newSite(t, tc.overlay))
			if tc.errFile != "" {
				if err == nil {
					t.Fatal("build succeeded, want an error")
				}
				if !hasDiag(err, tc.errFile, tc.errLine, tc.errMsg) && !(tc.errLine == 0 && hasDiagAnyLine(err, tc.errFile, tc.errMsg)) {
					t.Errorf("want an error at %s:%d mentioning %q, got:\n%v", tc.errFile, tc.errLine, tc.errMsg, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("build failed: %v\n%v", err, res.Diagnostics)
			}
			if page := files["conditions/bad/index.html"]; !bytes.Contains(page, []byte(tc.want)) {
				t.Errorf("page lacks %q", tc.want)
			}
		})
	}
}

func hasDiagAnyLine(err error, file, want string) bool {
	for _, d := range diag.From(err) {
		if d.File == file && strings.Contains(d.Message, want) {
			return true
		}
	}
	return false
}

func TestFiftyMegabyteFile(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and builds a 50 MB file")
	}
	// Paragraphs of plain words: realistic for a huge pasted document.
	para := strings.Repeat("Asthma makes the airways narrow and swollen. ", 20) + "\n\n"
	body := strings.Repeat(para, 50<<20/len(para)+1)
	dir := newSite(t, map[string]string{"content/conditions/huge.md": article("", body)})
	files, res, err := buildMem(t, dir)
	if err != nil {
		// A size limit is acceptable only if the error says so.
		if !hasDiagAnyLine(err, "content/conditions/huge.md", "limit") {
			t.Fatalf("build failed without naming a size limit: %v\n%v", err, res.Diagnostics)
		}
		return
	}
	if page := files["conditions/huge/index.html"]; len(page) < 50<<20 {
		t.Errorf("page is %d bytes, want the whole 50 MB body", len(page))
	}
}

func TestDuplicateOutputPathsNameBothFiles(t *testing.T) {
	tests := []struct {
		name    string
		overlay map[string]string
		a, b    string
	}{
		{
			name: "two urls",
			overlay: map[string]string{
				"content/conditions/one.md": article("url: /same/\n", "One.\n"),
				"content/conditions/two.md": article("url: /same/\n", "Two.\n"),
			},
			a: "content/conditions/one.md", b: "content/conditions/two.md",
		},
		{
			name: "slug against file name",
			overlay: map[string]string{
				"content/conditions/one.md": article("slug: asthma\n", "One.\n"),
			},
			a: "content/conditions/asthma.md", b: "content/conditions/one.md",
		},
		{
			name: "alias against page",
			overlay: map[string]string{
				"content/conditions/one.md": article("aliases: [/conditions/asthma/]\n", "One.\n"),
			},
			a: "content/conditions/asthma.md", b: "content/conditions/one.md",
		},
		{
			// The page's HTML silently replaced the theme's stylesheet;
			// a page's url: naming a stylesheet is now an error of its
			// own, before any file is claimed.
			name: "url against a theme file",
			overlay: map[string]string{
				"content/conditions/one.md": article("url: /css/site.css\n", "One.\n"),
			},
			a: "content/conditions/one.md", b: "url /css/site.css names a stylesheet file",
		},
		{
			name: "alias against a static file",
			overlay: map[string]string{
				"static/leaflets/index.html": "<p>Leaflets</p>",
				"content/conditions/one.md":  article("aliases: [/leaflets/]\n", "One.\n"),
			},
			a: "content/conditions/one.md", b: "static/leaflets/index.html",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := buildMem(t, newSite(t, tc.overlay))
			if err == nil {
				t.Fatal("build succeeded, want a duplicate output error")
			}
			found := false
			for _, d := range diag.From(err) {
				text := d.File + " " + d.Message
				if strings.Contains(text, tc.a) && strings.Contains(text, tc.b) && d.Line > 0 {
					found = true
				}
			}
			if !found {
				t.Errorf("no error naming both %s and %s with a line:\n%v", tc.a, tc.b, err)
			}
		})
	}
}

// demoSite is the repository root: the demo site medkb ships with.
const demoSite = "../.."

func TestDemoBuildIsReproducible(t *testing.T) {
	build := func(now time.Time) map[string][]byte {
		t.Helper()
		mem := publish.NewMem()
		// No deadline: the demo holds no blow-up, and a wall-clock one
		// fails a build that is only slow on a loaded machine (buildDir).
		if res, err := site.New(site.Options{Source: demoSite, Now: now}).Build(t.Context(), mem); err != nil {
			t.Fatalf("build at %s: %v\n%v", now, err, res.Diagnostics)
		}
		return mem.Files()
	}
	// Two clocks a day and a few hours apart, in different zones.
	a := build(time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC))
	b := build(time.Date(2026, 11, 21, 23, 30, 0, 0, time.FixedZone("X", 5*3600)))
	for _, name := range sortedKeys(a) {
		if _, ok := b[name]; !ok {
			t.Errorf("%s: only in the first build", name)
			continue
		}
		if !bytes.Equal(a[name], b[name]) {
			i := firstDiff(a[name], b[name])
			t.Errorf("%s differs at byte %d:\n  first:  …%s…\n  second: …%s…", name, i, excerpt(a[name], i), excerpt(b[name], i))
		}
	}
	for name := range b {
		if _, ok := a[name]; !ok {
			t.Errorf("%s: only in the second build", name)
		}
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func TestDemoIsSecureByDefault(t *testing.T) {
	files := mustBuild(t, demoSite)
	const siteHost = "health.example.org"

	t.Run("_headers", func(t *testing.T) {
		h := string(files["_headers"])
		for _, want := range []string{"Content-Security-Policy:", "script-src 'self'", "Referrer-Policy: strict-origin-when-cross-origin"} {
			if !strings.Contains(h, want) {
				t.Errorf("_headers lacks %q:\n%s", want, h)
			}
		}
		if strings.Contains(h, "unsafe-inline") {
			t.Errorf("_headers allows unsafe-inline:\n%s", h)
		}
	})

	var pages int
	for _, name := range sortedKeys(files) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		for _, problem := range pageProblems(files[name], siteHost) {
			t.Errorf("%s: %s", name, problem)
		}
	}
	if pages < 50 {
		t.Errorf("only %d HTML pages checked; the demo has more", pages)
	}
}

// pageProblems lists the ways page breaks the secure defaults: CSP meta,
// no inline script or style, safe external links, no third-party assets.
func pageProblems(page []byte, siteHost string) []string {
	var out []string
	z := html.NewTokenizer(bytes.NewReader(page))
	csp := false
	inScript := false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt == html.TextToken && inScript && len(bytes.TrimSpace(z.Text())) > 0 {
			out = append(out, "inline script")
		}
		if tt == html.EndTagToken {
			inScript = false
			continue
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		attr := func(k string) string {
			for _, a := range tok.Attr {
				if a.Key == k {
					return a.Val
				}
			}
			return ""
		}
		for _, a := range tok.Attr {
			if a.Key == "style" {
				out = append(out, "style= attribute on <"+tok.Data+">")
			}
			if strings.HasPrefix(a.Key, "on") {
				out = append(out, a.Key+"= handler on <"+tok.Data+">")
			}
		}
		switch tok.Data {
		case "style":
			out = append(out, "<style> element")
		case "meta":
			if strings.EqualFold(attr("http-equiv"), "Content-Security-Policy") {
				c := attr("content")
				csp = strings.Contains(c, "script-src 'self'") && !strings.Contains(c, "unsafe-inline")
				if !csp {
					out = append(out, "weak CSP: "+c)
				}
			}
		case "script":
			// Only JSON-LD may be inline; it is data, not code.
			inScript = attr("src") == "" && attr("type") != "application/ld+json"
			out = append(out, foreignAsset("script src", attr("src"), siteHost)...)
		case "img", "source", "audio", "video", "iframe":
			out = append(out, foreignAsset(tok.Data+" src", attr("src"), siteHost)...)
		case "link":
			if rel := attr("rel"); strings.Contains(rel, "stylesheet") || strings.Contains(rel, "icon") ||
				strings.Contains(rel, "preload") || strings.Contains(rel, "modulepreload") {
				out = append(out, foreignAsset("link "+rel, attr("href"), siteHost)...)
			}
		case "a":
			if host := hostOf(attr("href")); host != "" && host != siteHost {
				rel := " " + attr("rel") + " "
				if !strings.Contains(rel, " noopener ") || !strings.Contains(rel, " noreferrer ") {
					out = append(out, fmt.Sprintf("external link %s without rel=\"noopener noreferrer\" (rel=%q)", attr("href"), attr("rel")))
				}
			}
		}
	}
	if !csp {
		out = append(out, "no CSP meta tag with script-src 'self'")
	}
	return out
}

// hostOf returns the host of an absolute http(s) or protocol-relative URL.
func hostOf(ref string) string {
	u, err := url.Parse(strings.TrimSpace(ref))
	if err != nil || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	return u.Host
}

func foreignAsset(what, ref, siteHost string) []string {
	if host := hostOf(ref); host != "" && host != siteHost {
		return []string{fmt.Sprintf("%s loads %s from another host", what, ref)}
	}
	return nil
}

func TestUnsafeMarkupKeepsSecureDefaults(t *testing.T) {
	const body = "Text with [a Markdown link](https://other.example/md) and more.\n\n" +
		"<a href=\"https://other.example/raw\" target=\"_blank\">raw external link</a>\n\n" +
		"<span style=\"color:red\">styled</span>\n\n" +
		"<style>body{display:none}</style>\n\n" +
		"<img src=\"https://tracker.example/pixel.png\" alt=\"tracker\">\n\n" +
		"<iframe src=\"https://other.example/frame\"></iframe>\n\n" +
		"<link rel=\"stylesheet\" href=\"https://cdn.example/x.css\">\n\n" +
		"![Markdown image](https://tracker.example/md.png)\n\n" +
		"| Left | Centre | Right |\n|:-----|:------:|------:|\n| a | b | c |\n"
	tests := []struct{ markup string }{{""}, {"markup: {unsafe: true}\n"}}
	for _, tc := range tests {
		t.Run(strings.TrimSpace("config "+tc.markup), func(t *testing.T) {
			files := mustBuild(t, newSite(t, map[string]string{
				"medkb.yaml":                config(t, tc.markup),
				"content/conditions/raw.md": article("", body),
				"static/conditions/raw/x":   "the raw <img src=x> exists: the image check passes", // rule image
			}))
			page, ok := files["conditions/raw/index.html"]
			if !ok {
				t.Fatal("no conditions/raw/index.html")
			}
			for _, problem := range pageProblems(page, "health.example.org") {
				t.Error(problem)
			}
		})
	}
}

func TestAuthorURLMustBeAWebAddress(t *testing.T) {
	authors := "editor:\n  name: Dr Test Editor\n  credentials: MD\n  url: 'javascript:alert(1)'\n"
	_, _, err := buildMem(t, newSite(t, map[string]string{"data/authors.yaml": authors}))
	if !hasDiag(err, "data/authors.yaml", 4, "not an http(s) address") {
		t.Fatalf("want an error at data/authors.yaml:4, got: %v", err)
	}
}
