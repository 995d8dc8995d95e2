package importer_test

import (
	"context"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/importer"
	"github.com/medkb/medkb/internal/publish"
	"github.com/medkb/medkb/internal/site"
)

// jekyllSite is a Jekyll source tree with the pieces the importer once
// dropped or mangled: .html pages with front matter, a feed template, a
// page listing the posts, a stylesheet template and highlight blocks.
var jekyllSite = map[string]string{
	"_config.yml": "title: Repro clinic\nurl: https://example.org\npermalink: pretty\n",
	"faq.html": `---
layout: default
title: Frequently asked questions
date: 2022-01-05
---
<div class="faq">

    <h2>Can I take it with food?</h2>
    <p>Yes, with "plain" food. See <a href="{{ site.baseurl }}/contact/">contact</a>.</p>
{% include faq-footer.html %}

<pre>
first line

    indented after a blank line
</pre>
</div>
`,
	"contact.html": "---\ntitle: Contact\ndate: 2022-01-05\n---\n<p>Phone the clinic.</p>\n",
	"blog.html": `---
layout: default
title: Blog
---
<h2>Latest posts</h2>
{% for post in site.posts %}
  <a href="{{ post.url }}">{{ post.title }}</a>
{% endfor %}
`,
	"feed.xml":        "---\nlayout: null\n---\n<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>{% for post in site.posts %}{% endfor %}</channel></rss>\n",
	"css/style.scss":  "---\n---\n@import \"main\";\n",
	"index.html":      "---\ntitle: Home\n---\n<p><img src=\"assets/logo.png\" alt=\"Logo\"></p>\n",
	"assets/logo.png": png1x1,
	"plain.html":      "<p>No front matter: Jekyll copies this file as it is.</p>\n",
	"_posts/2022-03-01-workflow.md": `---
title: Our workflow
---
Save the token in the repository's secrets.

{% highlight yml linenos %}
# a comment, not a heading
name: "Publish"
token: ${{ secrets.GITHUB_TOKEN }}
path: {{ site.baseurl }}/out
{% raw %}shown: {{ page.title }}{% endraw %}

last: 'line'
{% endhighlight %}

Write {% raw %}{{ page.title }}{% endraw %} in a template, and this:

{% raw %}
{% if page.draft %}
{{ page.title }}
{% endif %}
{% endraw %}

Done.
`,
}

// wantCode is the highlight block's code as medkb's page must hold it: as
// written, {{ site.baseurl }} translated and {% raw %} tags taken out.
const wantCode = `# a comment, not a heading
name: "Publish"
token: ${{ secrets.GITHUB_TOKEN }}
path: /out
shown: {{ page.title }}

last: 'line'
`

func importJekyll(t *testing.T, files map[string]string) (string, *importer.Report) {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "site")
	rep, err := importer.Run(importer.Options{From: importer.Jekyll, Source: writeTree(t, files), Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	return dest, rep
}

// wantNoDiagnostics fails t for each of diags made by one of checks.
func wantNoDiagnostics(t *testing.T, diags []diag.Diagnostic, checks ...string) {
	t.Helper()
	for _, d := range diags {
		if slices.Contains(checks, d.Check) {
			t.Errorf("the imported site reports %s", d)
		}
	}
}

// readNewSiteFile returns the file name (slash-separated) of the new site
// at dest.
func readNewSiteFile(t *testing.T, dest, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// wantNoteWith fails the test unless exactly one note on file has all of texts
// and the severity.
func wantNoteWith(t *testing.T, rep *importer.Report, file, severity string, texts ...string) {
	t.Helper()
	var found []importer.Note
	for _, n := range notesContaining(rep, file, texts[0]) {
		ok := n.File == file && n.Severity == severity
		for _, x := range texts[1:] {
			ok = ok && strings.Contains(n.Message, x)
		}
		if ok {
			found = append(found, n)
		}
	}
	if len(found) != 1 {
		t.Errorf("want one %s note on %s saying %q; notes:\n%v", severity, file, texts, rep.Notes)
	}
}

// TestImportJekyllHTMLPagesAndFeed: Jekyll renders any file with front
// matter. An .html page comes in as a page (its HTML kept, its address,
// its Liquid translated or reported); a page that lists the posts becomes
// an alias of medkb's list; the feed and a stylesheet template are named
// in the summary. Before, all of them were dropped without a line.
func TestImportJekyllHTMLPagesAndFeed(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, jekyllSite)

	faq := readNewSiteFile(t, dest, "content/pages/faq.md")
	for _, want := range []string{"title: Frequently asked questions", "url: /faq/",
		"<h2>Can I take it with food?</h2>", `<a href="/contact/">contact</a>`,
		"<!-- medkb import: {% include faq-footer.html %} -->",
		// The first line after a blank line loses its indentation (it
		// would be code); a blank line in <pre> holds as a comment.
		"\n<h2>Can I take it", "first line\n<!---->\n    indented after a blank line\n</pre>"} {
		if !strings.Contains(faq, want) {
			t.Errorf("content/pages/faq.md lacks %q:\n%s", want, faq)
		}
	}
	if !strings.Contains(readNewSiteFile(t, dest, "content/pages/contact.md"), "<p>Phone the clinic.</p>") {
		t.Error("contact.html not imported")
	}
	wantNoteWith(t, rep, "faq.html", importer.Human, "{% include faq-footer.html %} cannot be translated")
	if cfg := readNewSiteFile(t, dest, "medkb.yaml"); !strings.Contains(cfg, "unsafe: true") {
		t.Errorf("markup.unsafe is not on for the HTML pages:\n%s", cfg)
	}
	if got := readNewSiteFile(t, dest, "static/plain.html"); got != jekyllSite["plain.html"] {
		t.Errorf("plain.html (no front matter) copied as %q", got)
	}

	// The post list: not a page, its address redirects to medkb's list.
	if _, err := os.Stat(filepath.Join(dest, "content", "pages", "blog.md")); err == nil {
		t.Error("blog.html, a list of the posts, was imported as a page")
	}
	if idx := readNewSiteFile(t, dest, "content/posts/_index.md"); !strings.Contains(idx, "aliases:\n    - /blog/") {
		t.Errorf("content/posts/_index.md does not take blog.html's address:\n%s", idx)
	}
	// Its heading is text the old page showed: named for a person.
	wantNoteWith(t, rep, "blog.html", importer.Human, "lists the site's posts", `its own text ("Latest posts") is not imported`, "/blog/ redirects to /posts/")

	// index.html is the home page, at / (not /index/): its relative
	// links are the site's.
	if home := readNewSiteFile(t, dest, "content/_index.md"); !strings.Contains(home, `<img src="assets/logo.png" alt="Logo">`) {
		t.Errorf("index.html is not the home page:\n%s", home)
	}
	if n := notesContaining(rep, "index.html", "/index/"); len(n) > 0 {
		t.Errorf("index.html taken for a page at /index/: %v", n)
	}

	wantNoteWith(t, rep, "feed.xml", importer.Human, "RSS feed /feed.xml is not imported", "redirect from /feed.xml to /index.xml")
	wantNoteWith(t, rep, "css/style.scss", importer.Human, "not imported")
}

// TestImportJekyllFeedPlugin: jekyll-feed writes an Atom feed at
// feed.xml (or feed.path); medkb's Atom feed is /atom.xml, and an old
// atom.xml is kept at its address.
func TestImportJekyllFeedPlugin(t *testing.T) {
	t.Parallel()
	_, rep := importJekyll(t, map[string]string{
		"_config.yml":            "title: A\nbaseurl: /clinic\nplugins:\n  - jekyll-feed\nfeed:\n  path: news.xml\n",
		"atom.xml":               "---\n---\n<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>\n",
		"_posts/2022-01-01-a.md": "---\ntitle: A\n---\nText.\n",
	})
	wantNoteWith(t, rep, "_config.yml", importer.Human, "Atom feed /clinic/news.xml is not imported", "redirect from /clinic/news.xml to /clinic/atom.xml")
	wantNoteWith(t, rep, "atom.xml", importer.Changed, "Atom feed /clinic/atom.xml", "same address")
}

// TestImportJekyllHighlight: {% highlight LANG %} becomes a fenced code
// block with the code as written; before, the tags became comments and
// the code paragraphs (# a heading, curly quotes, {{ }} removed).
// {% raw %} keeps its text from translation, in code and prose.
func TestImportJekyllHighlight(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, jekyllSite)
	post := readNewSiteFile(t, dest, "content/posts/workflow.md")
	if !strings.Contains(post, "\n```yml\n"+wantCode+"```\n") {
		t.Errorf("the highlight block is not a fenced block with the code as written:\n%s", post)
	}
	for _, want := range []string{"Write {{ page.title }} in a template", "\n\n{% if page.draft %}\n{{ page.title }}\n{% endif %}\n\n"} {
		if !strings.Contains(post, want) {
			t.Errorf("the {%% raw %%} text %q is not kept:\n%s", want, post)
		}
	}
	if n := notesContaining(rep, "workflow.md", "cannot be translated"); len(n) > 0 {
		t.Errorf("notes on translated tags: %v", n)
	}
	wantNoteWith(t, rep, "_posts/2022-03-01-workflow.md", importer.Changed, "highlight option linenos dropped")
	wantNoteWith(t, rep, "_posts/2022-03-01-workflow.md", importer.Human, "{{ secrets.GITHUB_TOKEN }} in a highlight block", "kept as written")
}

var (
	preRe = regexp.MustCompile(`(?s)<pre[^>]*>(.*?)</pre>`)
	tagRe = regexp.MustCompile(`<[^>]+>`)
)

// preTexts returns the text of each <pre> of a page (with the newline
// after <pre> that HTML leaves out).
func preTexts(page string) []string {
	var out []string
	for _, m := range preRe.FindAllStringSubmatch(page, -1) {
		out = append(out, html.UnescapeString(tagRe.ReplaceAllString(m[1], "")))
	}
	return out
}

// TestImportJekyllHTMLPageAndCodeBuild builds the imported site: the FAQ
// page shows its HTML, the code block its code, and blog.html's address
// redirects to the posts.
func TestImportJekyllHTMLPageAndCodeBuild(t *testing.T) {
	t.Parallel()
	dest, _ := importJekyll(t, jekyllSite)
	files, diags := build(t, dest)
	for _, d := range diags {
		if d.Severity == diag.Error {
			t.Errorf("error in the imported site: %s", d)
		}
	}
	faq := string(files["faq/index.html"])
	for _, want := range []string{"<h2", "Can I take it with food?</h2>", `href="/contact/"`} {
		if !strings.Contains(faq, want) {
			t.Errorf("faq/index.html lacks %q", want)
		}
	}
	if pres := preTexts(faq); len(pres) != 1 || strings.TrimPrefix(pres[0], "\n") != "first line\n\n    indented after a blank line\n" {
		t.Errorf("faq/index.html <pre> texts = %q", pres)
	}
	post := string(files["2022/03/01/workflow/index.html"]) // permalink: pretty
	if pres := preTexts(post); len(pres) != 1 || pres[0] != wantCode {
		t.Errorf("2022/03/01/workflow/index.html <pre> texts = %q, want the code %q", pres, wantCode)
	}
	if strings.Contains(post, "<h1>a comment") || strings.Contains(post, ">a comment, not a heading</h") {
		t.Error("the code's # comment became a heading")
	}
	if _, ok := files["blog/index.html"]; !ok {
		t.Error("blog.html's address /blog/ has no redirect")
	}
}

// A Jekyll page served without a trailing slash (/inhaler with permalink:
// :title, /about.html) resolved its relative links from its folder:
// assets/img/spacer.png was /assets/img/spacer.png. At its medkb address
// (/inhaler/) the same link would lead to /inhaler/assets/…, so the
// import writes it from the root (nhs-pycom/nhs.pycom: seven images
// broken, and the page's own address sent to links.external_paths). A
// site whose pages end in a slash keeps its relative links as written.
func TestImportJekyllRelativeLinksKeepTheirTargets(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		"_config.yml":                  "title: Clinic\nurl: https://clinic.example.org\npermalink: :title\n",
		"_posts/2022-03-01-inhaler.md": "---\ntitle: Inhaler\n---\n![A spacer](assets/img/spacer.png)\n\nSee the [FAQ](faq.html#dose) and [the spacer page](spacer).\n",
		"_posts/2022-03-02-spacer.md":  "---\ntitle: Spacer\n---\nA spacer.\n",
		"faq.md":                       "---\ntitle: FAQ\ndate: 2022-01-01\n---\n## Dose\n\nBack to [the inhaler](inhaler) and ![a spacer](assets/img/spacer.png).\n",
		"guides/about.md":              "---\ntitle: About\ndate: 2022-01-01\npermalink: /guides/about-us\n---\n![A spacer](../assets/img/spacer.png)\n",
		"assets/img/spacer.png":        png1x1,
	}
	dest, _ := importJekyll(t, files)
	for _, c := range []struct{ file, want string }{
		{"content/posts/inhaler.md", "![A spacer](/assets/img/spacer.png)"},
		{"content/posts/inhaler.md", "[FAQ](/faq/#dose)"},
		{"content/posts/inhaler.md", "[the spacer page](/spacer/)"},
		{"content/pages/faq.md", "[the inhaler](/inhaler/)"},
		{"content/pages/faq.md", "![a spacer](/assets/img/spacer.png)"},
		{"content/guides/about.md", "![A spacer](/assets/img/spacer.png)"},
	} {
		if got := readNewSiteFile(t, dest, c.file); !strings.Contains(got, c.want) {
			t.Errorf("%s lacks %q:\n%s", c.file, c.want, got)
		}
	}
	if cfg, err := os.ReadFile(filepath.Join(dest, "medkb.yaml")); err != nil || strings.Contains(string(cfg), "external_paths") {
		t.Errorf("medkb.yaml lists pages of the site as served elsewhere (%v):\n%s", err, cfg)
	}
	_, diags := build(t, dest)
	wantNoDiagnostics(t, diags, "image", "link", "anchor")
	// Pretty addresses: the old site resolved from the page's own folder,
	// as medkb does; the links stay as written.
	files["_config.yml"] = "title: Clinic\nurl: https://clinic.example.org\npermalink: pretty\n"
	files["_posts/2022-03-01-inhaler.md"] = "---\ntitle: Inhaler\n---\n![A chart](chart.png)\n"
	dest, _ = importJekyll(t, files)
	if got := readNewSiteFile(t, dest, "content/posts/inhaler.md"); !strings.Contains(got, "![A chart](chart.png)") {
		t.Errorf("a relative link of a page with a pretty address was changed:\n%s", got)
	}
}

// Jekyll publishes a file without front matter as it is; the import
// copied only images, documents and HTML, and left the rest (CNAME,
// favicon.ico, scripts) behind without a line. Jekyll's default excludes
// stay out, and a file in _posts that is no post is named.
func TestImportJekyllCopiesFilesWithoutFrontMatter(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":                  "title: Clinic\nurl: https://clinic.example.org\n",
		"CNAME":                        "clinic.example.org\n",
		"favicon.ico":                  "\x00\x00\x01\x00",
		"js/app.js":                    "console.log(1)\n",
		"css/site.css":                 "p { color: red }\n",
		"Gemfile":                      "source 'https://rubygems.org'\n",
		"_posts/notes.txt":             "ideas for posts\n",
		"_posts/2022-03-01-inhaler.md": "---\ntitle: Inhaler\n---\nText.\n",
	})
	for _, name := range []string{"CNAME", "favicon.ico", "js/app.js", "css/site.css"} {
		if _, err := os.Stat(filepath.Join(dest, "static", filepath.FromSlash(name))); err != nil {
			t.Errorf("%s was not copied to static/: %v", name, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "static", "Gemfile")); err == nil {
		t.Error("the Gemfile, which Jekyll excludes, was copied")
	}
	wantNoteWith(t, rep, "_posts/notes.txt", importer.Human, "not imported: a file without front matter in _posts is not a post")
}

// A link written without its https:// (nhs-pycom/nhs.pycom's
// [name](github.com/name)) was resolved as a page of the site and its
// first segment listed under links.external_paths, which silenced the
// link check. It is kept as written, noted, and reported by the build
// with the fix.
func TestImportJekyllWebAddressWithoutScheme(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":                  "title: Clinic\nurl: https://clinic.example.org\npermalink: :title\n",
		"_posts/2022-03-01-inhaler.md": "---\ntitle: Inhaler\n---\nBy [Sam](github.com/sam-example).\n",
	})
	if got := readNewSiteFile(t, dest, "content/posts/inhaler.md"); !strings.Contains(got, "[Sam](github.com/sam-example)") {
		t.Errorf("the link was rewritten:\n%s", got)
	}
	if cfg, _ := os.ReadFile(filepath.Join(dest, "medkb.yaml")); strings.Contains(string(cfg), "github.com") {
		t.Errorf("medkb.yaml lists the host as a path served elsewhere:\n%s", cfg)
	}
	wantNoteWith(t, rep, "_posts/2022-03-01-inhaler.md", importer.Human, "github.com/sam-example looks like a web address without its https://")
	res, err := site.New(site.Options{Source: dest}).Build(context.Background(), publish.NewMem())
	if err == nil {
		t.Fatal("the build reports no broken link")
	}
	found := false
	for _, d := range res.Diagnostics.Errors() {
		found = found || d.Check == "link" && strings.Contains(d.Hint, "write https://github.com/sam-example")
	}
	if !found {
		t.Errorf("no link error with the https:// fix: %v", res.Diagnostics)
	}
}

// Jekyll's link and post_url tags, with the anchor after the tag or in
// its argument, and the address filters: each comes in as the target's
// address with its anchor once. Before, a tag that named no page became
// "#" followed by the anchor written after it ("##dose", an anchor of the
// page itself), and {{ '/about/#team' | relative_url }} an HTML comment
// inside the link. The import builds, and the link check finds each
// anchor.
func TestImportJekyllLinkTagsKeepTheirAnchors(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		"_config.yml":               "title: Clinic\nurl: https://clinic.example.org\npermalink: pretty\n",
		"_posts/2020-01-01-dose.md": "---\ntitle: Dose\n---\n## Dose\n\nTwice a day.\n",
		"about.md":                  "---\ntitle: About\ndate: 2020-01-01\n---\n## Team\n\nUs.\n",
		"assets/leaflet.pdf":        "%PDF-1.4\n",
		"_posts/2020-01-02-links.md": `---
title: Links
---
A [after]({% link _posts/2020-01-01-dose.md %}#dose) and [inside]({% link _posts/2020-01-01-dose.md#dose %}).

B [post]({% post_url 2020-01-01-dose %}#dose) and [post inside]({% post_url 2020-01-01-dose#dose %}).

C [filter]({{ '/about/#team' | relative_url }}), [after filter]({{ "about/" | relative_url }}#team), [absolute]({{ '/about/#team' | absolute_url }}) and [prepend]({{ "/about/" | prepend: site.baseurl }}#team).

D [base]({{ site.baseurl }}{% link about.md %}#team), [leaflet]({% link assets/leaflet.pdf %}) and [ref][r].

E <a href="{% link about.md %}#team">about</a>

[r]: {% link about.md %}#team
`,
	}
	dest, rep := importJekyll(t, files)
	got := readNewSiteFile(t, dest, "content/posts/links.md")
	for _, want := range []string{
		"[after](/2020/01/01/dose/#dose)", "[inside](/2020/01/01/dose/#dose)",
		"[post](/2020/01/01/dose/#dose)", "[post inside](/2020/01/01/dose/#dose)",
		"[filter](/about/#team)", "[after filter](/about/#team)", "[absolute](/about/#team)", "[prepend](/about/#team)",
		"[base](/about/#team)", "[leaflet](/assets/leaflet.pdf)", "[r]: /about/#team", `<a href="/about/#team">`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("links.md lacks %q:\n%s", want, got)
		}
	}
	wantNoteWith(t, rep, "_posts/2020-01-02-links.md", importer.Changed, "{% link _posts/2020-01-01-dose.md#dose %}", "Jekyll takes the anchor for part of the file name")
	wantNoteWith(t, rep, "_posts/2020-01-02-links.md", importer.Changed, "{% post_url 2020-01-01-dose#dose %}", "Jekyll takes the anchor for part of the file name")
	if n := notesContaining(rep, "_posts/2020-01-02-links.md", "names no imported page"); len(n) > 0 {
		t.Errorf("a tag that names a page or file was reported: %v", n)
	}
	_, diags := build(t, dest)
	wantNoDiagnostics(t, diags, "link", "anchor", "url")

	// A heading that does not exist, a tag that names no page and an
	// address Liquid makes at build time: each reported once, with no
	// "##" anchor of the page itself. (Lines are the new file's.)
	files["_posts/2020-01-02-links.md"] = `---
title: Links
---
A [no heading]({% link _posts/2020-01-01-dose.md %}#timing).

B [gone]({% link _posts/gone.md %}#dose) and [gone post]({% post_url 2019-01-01-gone %}#dose).

C [computed]({{ page.next.url }}#dose).
`
	dest, rep = importJekyll(t, files)
	got = readNewSiteFile(t, dest, "content/posts/links.md")
	if strings.Contains(got, "##") {
		t.Errorf("a doubled ## in:\n%s", got)
	}
	for _, want := range []string{"[no heading](/2020/01/01/dose/#timing)", "[gone](/_posts/gone.md#dose)", "[gone post](/_posts/2019-01-01-gone#dose)", "[computed](#)"} {
		if !strings.Contains(got, want) {
			t.Errorf("links.md lacks %q:\n%s", want, got)
		}
	}
	wantNoteWith(t, rep, "_posts/2020-01-02-links.md", importer.Human, "{% link _posts/gone.md %} names no imported page", "/_posts/gone.md#dose")
	wantNoteWith(t, rep, "_posts/2020-01-02-links.md", importer.Human, "{% post_url 2019-01-01-gone %} names no imported page")
	wantNoteWith(t, rep, "_posts/2020-01-02-links.md", importer.Human, "{{ page.next.url }}#dose makes a link's address")
	if cfg := readNewSiteFile(t, dest, "medkb.yaml"); strings.Contains(cfg, "_posts") {
		t.Errorf("a missing page's address was sent to the old site:\n%s", cfg)
	}
	res, err := site.New(site.Options{Source: dest}).Build(context.Background(), publish.NewMem())
	if err == nil {
		t.Fatal("the build reports no broken link")
	}
	var reported []string
	for _, d := range res.Diagnostics.Errors() {
		if d.Check == "link" || d.Check == "anchor" {
			reported = append(reported, d.Check+" "+strconv.Itoa(d.Line)+" "+d.Message)
		}
	}
	slices.Sort(reported)
	want := []string{
		`anchor 9 link "/2020/01/01/dose/#timing": no element with id "timing" on /2020/01/01/dose/`,
		`link 11 broken link "/_posts/2019-01-01-gone#dose": nothing is published at /_posts/2019-01-01-gone`,
		`link 11 broken link "/_posts/gone.md#dose": nothing is published at /_posts/gone.md`,
	}
	if !slices.Equal(reported, want) {
		t.Errorf("the build reports\n%s\nwant\n%s", strings.Join(reported, "\n"), strings.Join(want, "\n"))
	}
}

// A {% link %} to a page that lists the posts (blog.html, which the
// import turns into an alias of medkb's /posts/) goes to /posts/; before,
// it was reported as naming no page and kept /blog.html, a broken link.
// With no post
// imported (no list at /posts/), the link is reported, saying why.
func TestImportJekyllLinkToThePostsListGoesToTheList(t *testing.T) {
	t.Parallel()
	list := "---\ntitle: Blog\n---\n<ul>\n{% for post in site.posts %}\n<li><a href=\"{{ post.url }}\">{{ post.title }}</a></li>\n{% endfor %}\n</ul>\n"
	files := map[string]string{
		"_config.yml":               "title: Clinic\nurl: https://clinic.example.org\npermalink: pretty\n",
		"blog.html":                 list,
		"news/index.html":           list,
		"desk.md":                   "---\ntitle: News desk\ndate: 2020-01-01\n---\nContact us.\n",
		"_posts/2020-01-01-dose.md": "---\ntitle: Dose\n---\nAll [posts]({% link blog.html %}) and the [desk]({% link desk.md %}).\n",
		"about.md":                  "---\ntitle: About\ndate: 2020-01-01\n---\nOur [blog]({% link blog.html %}), [news]({% link news/index.html %}).\n\n<a href=\"{% link blog.html %}\">blog</a>\n",
	}
	dest, rep := importJekyll(t, files)
	if got := readNewSiteFile(t, dest, "content/posts/dose.md"); !strings.Contains(got, "[posts](/posts/)") || !strings.Contains(got, "[desk](/desk/)") {
		t.Errorf("dose.md:\n%s", got)
	}
	got := readNewSiteFile(t, dest, "content/pages/about.md")
	for _, want := range []string{"[blog](/posts/)", "[news](/posts/)", `<a href="/posts/">`} {
		if !strings.Contains(got, want) {
			t.Errorf("about.md lacks %q:\n%s", want, got)
		}
	}
	if n := notesContaining(rep, "", "names no imported page"); len(n) > 0 {
		t.Errorf("a link to the list was reported: %v", n)
	}
	files2, diags := build(t, dest)
	wantNoDiagnostics(t, diags, "link", "anchor")
	if _, ok := files2["blog/index.html"]; !ok {
		t.Error("the old address /blog/ is not published (a redirect to /posts/)")
	}

	// No post: no list at /posts/; the link is reported, with the reason.
	delete(files, "_posts/2020-01-01-dose.md")
	dest, rep = importJekyll(t, files)
	if got := readNewSiteFile(t, dest, "content/pages/about.md"); !strings.Contains(got, "[blog](/blog.html)") {
		t.Errorf("about.md, with no post:\n%s", got)
	}
	if n := notesContaining(rep, "about.md", "{% link blog.html %} names blog.html, a page that lists the posts, not imported since no post was imported: the link points at /blog.html"); len(n) != 2 || n[0].Severity != importer.Human {
		t.Errorf("want two human notes on about.md's links to blog.html, got %+v", n)
	}
}

// {% link index.md %} names the home page, which is not imported as an
// article: it was left as a dead link. Now it leads to medkb's home
// page, /, whether the home is index.md, index.markdown or an
// index.html that lists the posts; a link to a page at the root goes
// to its address; one to no page is reported at its line with the fix.
// The imported site builds with no broken link but the reported one.
func TestImportJekyllLinkToTheHomePage(t *testing.T) {
	t.Parallel()
	about := "---\ntitle: About\ndate: 2020-01-01\n---\n[Home]({% link index.md %}) and [us]({% link about.md %}).\n\n" +
		"[Start]({% link /index.md %}#top) [gone]({% link gone.md %})\n"
	for _, home := range []struct{ name, text string }{
		{"index.md", "---\ntitle: Clinic\n---\nWelcome.\n"},
		{"index.markdown", "---\ntitle: Clinic\n---\nWelcome.\n"},
		{"index.html", "---\ntitle: Clinic\n---\n{% for post in site.posts %}\n<a href=\"{{ post.url }}\">{{ post.title }}</a>\n{% endfor %}\n"},
	} {
		text := strings.ReplaceAll(about, "index.md", home.name)
		dest, rep := importJekyll(t, map[string]string{
			"_config.yml":               "title: Clinic\nurl: https://clinic.example.org\npermalink: pretty\n",
			home.name:                   home.text,
			"about.md":                  text,
			"_posts/2020-01-01-dose.md": "---\ntitle: Dose\n---\n[Home]({% link " + home.name + " %}), [us]({% link about.md %}).\n",
		})
		got := readNewSiteFile(t, dest, "content/pages/about.md")
		for _, want := range []string{"[Home](/)", "[us](/about/)", "[Start](/#top)", "[gone](/gone.md)"} {
			if !strings.Contains(got, want) {
				t.Errorf("%s: about.md lacks %s:\n%s", home.name, want, got)
			}
		}
		if got := readNewSiteFile(t, dest, "content/posts/dose.md"); !strings.Contains(got, "[Home](/)") || !strings.Contains(got, "[us](/about/)") {
			t.Errorf("%s: dose.md:\n%s", home.name, got)
		}
		wantNote(t, rep, "about.md", 7, importer.Human, "{% link gone.md %} names no imported page or file (Jekyll stops the build there): the link points at /gone.md, which medkb check reports as broken; fix the link")
		if n := notesContaining(rep, "", "names no imported page"); len(n) != 1 {
			t.Errorf("%s: want only the link to gone.md reported, got %+v", home.name, n)
		}
		res, err := site.New(site.Options{Source: dest}).Build(context.Background(), publish.NewMem())
		if err == nil || res == nil {
			t.Fatalf("%s: the build with a dead link succeeded (%v)", home.name, err)
		}
		for _, d := range res.Diagnostics {
			if d.Severity == diag.Error && !strings.Contains(d.Message, `"/gone.md"`) {
				t.Errorf("%s: the imported site reports %s", home.name, d)
			}
		}
	}
}

// A folder's own index page (news/index.md, served at /news/) was
// imported as an article at /news/ beside the section page medkb writes
// for the folder's other pages, content/news/_index.md, and the build
// stopped: both would be news/index.html. Now it becomes that section
// page, its text and front matter kept and shown above the list (an
// .html one with its HTML, markup.unsafe on); one alone in its folder
// becomes an article of pages at its address; one Jekyll did not
// publish stays a draft beside the section. Each is noted, links to
// them keep working, and the imported site builds, with drafts too.
func TestImportJekyllFolderIndexIsTheSectionPage(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":      "title: Clinic\nurl: https://clinic.example.org\npermalink: pretty\n",
		"news/index.md":    "---\ntitle: Clinic news\nsummary: What changed at the clinic.\ndate: 2020-01-01\nauthor: Ann Lee\n---\nOur news, by [us]({% link about.md %}).\n",
		"news/flu.md":      "---\ntitle: Flu clinics\ndate: 2020-01-02\n---\nFlu clinics open.\n",
		"guide/index.html": "---\ntitle: Guide\ndate: 2020-01-01\n---\n<p>Read the <b>guide</b> first.</p>\n",
		"guide/dose.md":    "---\ntitle: Dose\ndate: 2020-01-01\n---\nOne a day.\n",
		"contact/index.md": "---\ntitle: Contact\ndate: 2020-01-01\n---\nWrite to us.\n",
		"events/index.md":  "---\ntitle: Events\ndate: 2020-01-01\npublished: false\n---\nNot yet.\n",
		"events/walk.md":   "---\ntitle: Walk\ndate: 2020-01-01\n---\nA walk.\n",
		"about.md": "---\ntitle: About\ndate: 2020-01-01\n---\n[News]({% link news/index.md %}), [again](/news/), [guide]({% link guide/index.html %}), " +
			"[contact]({% link contact/index.md %}) and [flu]({% link news/flu.md %}).\n",
	})
	wantImported(t, dest, map[string]bool{"news/index.md": false, "guide/index.md": false, "contact/index.md": false, "events/index.md": false,
		"pages/contact.md": true, "events/events.md": true})
	news := readImported(t, dest, "news/_index.md")
	for _, want := range []string{"title: Clinic news", "summary: What changed at the clinic.", "Our news, by [us](/about/)."} {
		if !strings.Contains(news, want) {
			t.Errorf("news/_index.md lacks %q:\n%s", want, news)
		}
	}
	if strings.Contains(news, "url:") {
		t.Errorf("news/_index.md keeps url:, the section's own address:\n%s", news)
	}
	if got := readImported(t, dest, "pages/contact.md"); !strings.Contains(got, "url: /contact/") {
		t.Errorf("pages/contact.md:\n%s", got)
	}
	if got := readImported(t, dest, "pages/about.md"); !strings.Contains(got, "[News](/news/), [again](/news/), [guide](/guide/), [contact](/contact/) and [flu](/news/flu/).") {
		t.Errorf("about.md:\n%s", got)
	}
	wantNoteWith(t, rep, "news/index.md", importer.Changed, "served at /news/, the address of the page medkb makes for the section news: imported as that page, content/news/_index.md")
	wantNoteWith(t, rep, "guide/index.html", importer.Changed, "imported as that page, content/guide/_index.md")
	wantNoteWith(t, rep, "contact/index.md", importer.Changed, "the only page of the folder contact/, served at /contact/: imported as the article content/pages/contact.md at the same address")
	wantNoteWith(t, rep, "events/index.md", importer.Changed, "not published by Jekyll", "imported as the draft content/events/events.md (at /events/events/)")
	if _, _, cfg := readImportedConfig(t, dest); !strings.Contains(string(cfg), "unsafe: true") {
		t.Error("markup.unsafe is off: the guide's HTML would be removed")
	}

	files, diags := build(t, dest)
	wantNoDiagnostics(t, diags, "link", "anchor", "duplicate-slug")
	for page, texts := range map[string][]string{
		"news/index.html":    {"Clinic news", "What changed at the clinic.", `Our news, by <a href="/about/">us</a>.`, `href="/news/flu/"`},
		"guide/index.html":   {"Read the <b>guide</b> first.", `href="/guide/dose/"`},
		"contact/index.html": {"Write to us."},
		"events/index.html":  {`href="/events/walk/"`},
	} {
		for _, want := range texts {
			if !strings.Contains(string(files[page]), want) {
				t.Errorf("%s lacks %s", page, want)
			}
		}
	}
	if strings.Contains(string(files["events/index.html"]), "Not yet.") {
		t.Error("the unpublished events/index.md is published at /events/")
	}
	res, err := site.New(site.Options{Source: dest, Drafts: true}).Build(context.Background(), publish.NewMem())
	if err != nil {
		t.Fatalf("the imported site does not build with its drafts: %v %v", err, res.Diagnostics)
	}
}

// A folder index that is the posts' section page or lists the posts:
// posts/index.md becomes content/posts/_index.md and keeps the alias of
// blog.html, a page that listed the posts; news/index.html, a list of
// the posts beside news/flu.md, was made an alias of /posts/ at the
// address of the section news's page, and the build stopped ("alias
// /news/ is the address of content/news/_index.md"). Now the section
// keeps its address and the page's title, links to the page stay at
// /news/, and a note for a person says its text was not imported. The
// imported site builds.
func TestImportJekyllFolderIndexAndThePostsList(t *testing.T) {
	t.Parallel()
	list := "---\ntitle: %s\n---\n{% for post in site.posts %}\n<a href=\"{{ post.url }}\">{{ post.title }}</a>\n{% endfor %}\n"
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":               "title: Clinic\nurl: https://clinic.example.org\npermalink: pretty\n",
		"posts/index.md":            "---\ntitle: All posts\n---\nWhat we wrote.\n",
		"blog.html":                 strings.Replace(list, "%s", "Blog", 1),
		"news/index.html":           strings.Replace(list, "%s", "Clinic news", 1),
		"news/flu.md":               "---\ntitle: Flu clinics\ndate: 2020-01-02\n---\nFlu clinics open.\n",
		"_posts/2020-01-01-dose.md": "---\ntitle: Dose\n---\n[Posts]({% link news/index.html %}), [news](/news/).\n",
	})
	posts := readImported(t, dest, "posts/_index.md")
	for _, want := range []string{"title: All posts", "- /blog/", "What we wrote."} {
		if !strings.Contains(posts, want) {
			t.Errorf("posts/_index.md lacks %q:\n%s", want, posts)
		}
	}
	if got := readImported(t, dest, "news/_index.md"); !strings.Contains(got, "title: Clinic news") {
		t.Errorf("news/_index.md:\n%s", got)
	}
	if got := readImported(t, dest, "posts/dose.md"); !strings.Contains(got, "[Posts](/news/), [news](/news/).") {
		t.Errorf("dose.md:\n%s", got)
	}
	wantNoteWith(t, rep, "news/index.html", importer.Human, "its address /news/ is the page medkb makes for the section news/, which lists that section's pages instead; its title is kept in content/news/_index.md, its text is not")
	files, diags := build(t, dest)
	wantNoDiagnostics(t, diags, "link", "anchor")
	if !strings.Contains(string(files["posts/index.html"]), "What we wrote.") || !strings.Contains(string(files["news/index.html"]), `href="/news/flu/"`) {
		t.Error("the posts' page lacks its text, or the news page its page")
	}
	if _, ok := files["blog/index.html"]; !ok {
		t.Error("the old address /blog/ is not published (a redirect to /posts/)")
	}
}

// The home page's own text had its {% link %} tags left as the
// importer's placeholders ({ref:about.md}), and the build stopped on a
// malformed URL: only the articles' tags were resolved. Now the home
// page's are too, a dead one noted at its line as on an article.
func TestImportJekyllLinksOnTheHomePage(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml": "title: Clinic\nurl: https://clinic.example.org\npermalink: pretty\n",
		"index.md":    "---\ntitle: Clinic\n---\nSee [about]({% link about.md %}).\n\n[Gone]({% link gone.md %})\n",
		"about.md":    "---\ntitle: About\ndate: 2020-01-01\n---\nAbout us.\n",
	})
	if got := readImported(t, dest, "_index.md"); !strings.Contains(got, "See [about](/about/).") || !strings.Contains(got, "[Gone](/gone.md)") {
		t.Errorf("_index.md:\n%s", got)
	}
	wantNote(t, rep, "index.md", 6, importer.Human, "{% link gone.md %} names no imported page or file")
	res, err := site.New(site.Options{Source: dest}).Build(context.Background(), publish.NewMem())
	if res == nil {
		t.Fatal(err)
	}
	for _, d := range res.Diagnostics {
		if d.Severity == diag.Error && !strings.Contains(d.Message, `"/gone.md"`) {
			t.Errorf("the imported site reports %s", d)
		}
	}
}

// A note that names the file a page is written to named the file before
// the import renamed it to keep two pages of a section apart: a folder's
// only page zz/index.md, imported as content/pages/zz.md beside
// pages/zz.md, and an unpublished events/index.md, imported as the draft
// content/events/events.md beside events/events.md, are written as
// zz-2.md and events-2.md. The notes now name those files.
func TestImportJekyllNotesNameTheRenamedFile(t *testing.T) {
	t.Parallel()
	page := func(title, fm string) string {
		return "---\ntitle: " + title + "\ndate: 2020-01-01\n" + fm + "---\nText.\n"
	}
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":      "title: Clinic\nurl: https://clinic.example.org\npermalink: pretty\n",
		"pages/zz.md":      page("Zz", ""),
		"zz/index.md":      page("Zz folder", ""),
		"events/events.md": page("All events", ""),
		"events/index.md":  page("Events", "published: false\n"),
	})
	wantImported(t, dest, map[string]bool{"pages/zz.md": true, "pages/zz-2.md": true, "events/events.md": true, "events/events-2.md": true})
	if got := readImported(t, dest, "pages/zz-2.md"); !strings.Contains(got, "title: Zz folder") {
		t.Fatalf("pages/zz-2.md is not zz/index.md:\n%s", got)
	}
	if got := readImported(t, dest, "events/events-2.md"); !strings.Contains(got, "title: Events") {
		t.Fatalf("events/events-2.md is not events/index.md:\n%s", got)
	}
	wantNoteWith(t, rep, "zz/index.md", importer.Changed, "imported as the article content/pages/zz-2.md at the same address")
	wantNoteWith(t, rep, "events/index.md", importer.Changed, "imported as the draft content/events/events-2.md (at /events/events-2/)")
	build(t, dest)
}

// Jekyll dates a post by its front matter's date when it has one, and the
// post's address follows that date. The import took the file name's date
// for the address, so a post written as 2022-01-31-rbbs-0-setup.md with
// date: 2022-01-28 (as in USAID-OHA-SI/usaid-oha-si.github.io, MIT) moved
// from /corps/rbbs/2022/01/28/… to /corps/rbbs/2022/01/31/… without a
// line, and the site's own links to it broke.
func TestImportJekyllPostAddressFollowsFrontMatterDate(t *testing.T) {
	t.Parallel()
	dest, _ := importJekyll(t, map[string]string{
		"_config.yml":                  "title: Clinic\nurl: https://clinic.example.org\n",
		"_posts/2022-01-31-setup.md":   "---\ntitle: Setup\ndate: 2022-01-28\ncategories: [corps, rbbs]\n---\nSet up.\n",
		"_posts/2022-02-07-next.md":    "---\ntitle: Next\ncategories: [corps, rbbs]\n---\nSee [setup](/corps/rbbs/2022/01/28/setup.html).\n",
		"_posts/2022-02-08-timed.md":   "---\ntitle: Timed\ndate: 2022-02-09 10:00:00 -0500\n---\nTimed.\n",
		"_posts/2022-02-10-undated.md": "---\ntitle: Undated\n---\nBy its file name.\n",
	})
	for file, want := range map[string]string{
		"content/posts/setup.md":   "url: /corps/rbbs/2022/01/28/setup/",
		"content/posts/next.md":    "[setup](/corps/rbbs/2022/01/28/setup/)",
		"content/posts/timed.md":   "url: /2022/02/09/timed/",
		"content/posts/undated.md": "url: /2022/02/10/undated/",
	} {
		if got := readNewSiteFile(t, dest, file); !strings.Contains(got, want) {
			t.Errorf("%s lacks %q:\n%s", file, want, got)
		}
	}
	if cfg := readNewSiteFile(t, dest, "medkb.yaml"); strings.Contains(cfg, "external_paths") {
		t.Errorf("medkb.yaml lists pages of the site as served elsewhere:\n%s", cfg)
	}
	_, diags := build(t, dest)
	wantNoDiagnostics(t, diags, "link")
}

// A Jekyll site with the default permalink served its posts at
// /:categories/:year/:month/:day/:title.html: categories in lower case, a
// space in one written %20, :title the file name as written (case, _).
// The import slugified :title (tables_with_gt became tables-with-gt),
// kept the categories' case, did not find links written with %20, and
// published the page at /…/x/ with nothing at the old /…/x.html: every
// old address and the links to them broke without a line. Found importing
// USAID-OHA-SI/usaid-oha-si.github.io (MIT), whose posts are in the
// category "data viz" and named like 2021-01-12-tables_with_gt_example.md.
func TestImportJekyllPostKeepsItsOldAddress(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":                         "title: Clinic\nurl: https://clinic.example.org\n",
		"_posts/2021-01-12-Tables_with_gt.md": "---\ntitle: Tables\ncategories: [Data Viz]\n---\nTables.\n",
		"_posts/2021-01-13-next.md":           "---\ntitle: Next\ncategories: [data viz]\n---\nSee [tables](/data%20viz/2021/01/12/Tables_with_gt.html) and [again](https://clinic.example.org/data%20viz/2021/01/12/Tables_with_gt.html).\n",
		"about.md":                            "---\ntitle: About\ndate: 2021-01-01\n---\nAbout us.\n",
	})
	for file, want := range map[string]string{
		"content/posts/tables-with-gt.md": "url: /data viz/2021/01/12/Tables_with_gt/",
		"content/posts/next.md":           "[tables](/data%20viz/2021/01/12/Tables_with_gt/)",
		"content/pages/about.md":          "- /about.html",
	} {
		if got := readNewSiteFile(t, dest, file); !strings.Contains(got, want) {
			t.Errorf("%s lacks %q:\n%s", file, want, got)
		}
	}
	wantNoteWith(t, rep, "_posts/2021-01-12-Tables_with_gt.md", importer.Changed, "the old address /data viz/2021/01/12/Tables_with_gt.html is now /data viz/2021/01/12/Tables_with_gt/")
	files, diags := build(t, dest)
	wantNoDiagnostics(t, diags, "link")
	for _, f := range []string{"data viz/2021/01/12/Tables_with_gt.html", "data viz/2021/01/12/Tables_with_gt/index.html", "about.html", "about/index.html"} {
		if _, ok := files[f]; !ok {
			t.Errorf("%s is not published", f)
		}
	}
}

// A link to a missing page under a segment of the address Jekyll made for
// the site's own posts (their category, /corps/) is a broken link: the
// import put /corps/ under links.external_paths, as if another system
// served it, and medkb check then stayed silent about every broken link
// to the site's posts there. Another segment may still be another
// system's (a partial migration). Found importing
// USAID-OHA-SI/usaid-oha-si.github.io (MIT).
func TestImportJekyllPostSegmentsAreNotExternal(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":                "title: Clinic\nurl: https://clinic.example.org\n",
		"_posts/2022-01-28-setup.md": "---\ntitle: Setup\ncategories: [corps]\n---\nSee [the old one](/corps/2021/01/01/gone.html) and [the shop](/legacy/shop.html).\n",
	})
	wantNoteWith(t, rep, "_posts/2022-01-28-setup.md", importer.Human, "link to /corps/2021/01/01/gone.html", "/corps/ holds imported pages")
	cfg := readNewSiteFile(t, dest, "medkb.yaml")
	if strings.Contains(cfg, "/corps/") || !strings.Contains(cfg, "- /legacy/") {
		t.Errorf("want /legacy/ and not /corps/ under links.external_paths:\n%s", cfg)
	}
	// The build (and medkb check) reports the broken link.
	res, err := site.New(site.Options{Source: dest}).Build(context.Background(), publish.NewMem())
	if err == nil || res == nil || !slices.ContainsFunc(res.Diagnostics, func(d diag.Diagnostic) bool {
		return d.Check == "link" && strings.Contains(d.Message, "/corps/2021/01/01/gone.html")
	}) {
		t.Errorf("the broken link to /corps/2021/01/01/gone.html is not reported (%v)", err)
	}
}

// A page that loops over the posts becomes a redirect to /posts/; when
// its address is also the page medkb makes for the section of the pages
// beside it (reference/index.html at /reference/, with
// reference/setup/setup.html), the redirect took that address and the
// imported site did not build ("alias /reference/ is the address of
// content/reference/_index.md"), on a file the user never wrote. Found
// importing USAID-OHA-SI/usaid-oha-si.github.io (MIT), whose
// reference/index.html lists its manual posts.
func TestImportJekyllListingAtASectionsAddress(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":               "title: Clinic\nurl: https://clinic.example.org\n",
		"reference/index.html":      "---\ntitle: Reference Materials\npermalink: /reference/\n---\n<h1>Manuals</h1>\n{% for post in site.posts %}\n<a href=\"{{ post.url }}\">{{ post.title }}</a>\n{% endfor %}\n",
		"reference/setup/setup.md":  "---\ntitle: Setup\ndate: 2023-08-01\n---\nInstall R.\n",
		"_posts/2023-08-01-dose.md": "---\ntitle: Dose\n---\nSee the [reference]({% link reference/index.html %}).\n",
	})
	wantNoteWith(t, rep, "reference/index.html", importer.Human, "its address /reference/ is the page medkb makes for the section reference/", "content/reference/_index.md")
	if got := readNewSiteFile(t, dest, "content/reference/_index.md"); !strings.Contains(got, "title: Reference Materials") {
		t.Errorf("content/reference/_index.md:\n%s", got)
	}
	if got := readNewSiteFile(t, dest, "content/posts/_index.md"); strings.Contains(got, "/reference/") {
		t.Errorf("content/posts/_index.md redirects the section's address:\n%s", got)
	}
	if got := readNewSiteFile(t, dest, "content/posts/dose.md"); !strings.Contains(got, "[reference](/reference/)") {
		t.Errorf("content/posts/dose.md:\n%s", got)
	}
	files, diags := build(t, dest)
	wantNoDiagnostics(t, diags, "link")
	if _, ok := files["reference/index.html"]; !ok {
		t.Error("the section's page /reference/ is not published")
	}
}

// A link written with the old site's own address, to a path no imported
// page has (https://clinic.example.org/glitr/: on a GitHub user site, a
// project site beside it), was left alone by the import, unlike the same
// link written /glitr/, which goes to links.external_paths; medkb check,
// which reads the site's own address as a link inside it, then reported
// the working link as broken. Found importing
// USAID-OHA-SI/usaid-oha-si.github.io (MIT), whose posts link to its
// packages' sites at usaid-oha-si.github.io/glitr/ and nine others.
func TestImportJekyllOwnHostLinkToAnotherSystem(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":               "title: Clinic\nurl: https://clinic.example.org\n",
		"_posts/2022-01-28-dose.md": "---\ntitle: Dose\n---\nThe [package](https://clinic.example.org/glitr/articles/x.html#fonts), [this post](https://clinic.example.org/2022/01/28/dose.html) and [a lost one](https://clinic.example.org/2022/01/01/gone.html).\n",
	})
	wantNoteWith(t, rep, "_posts/2022-01-28-dose.md", importer.Human, "link to https://clinic.example.org/glitr/articles/x.html#fonts", "/glitr/ is listed under links.external_paths")
	if cfg := readNewSiteFile(t, dest, "medkb.yaml"); !strings.Contains(cfg, "- /glitr/") || strings.Contains(cfg, "- /2022/") {
		t.Errorf("want /glitr/, and not /2022/, under links.external_paths:\n%s", cfg)
	}
	res, err := site.New(site.Options{Source: dest}).Build(context.Background(), publish.NewMem())
	if res == nil {
		t.Fatal(err)
	}
	var broken []string
	for _, d := range res.Diagnostics {
		if d.Check == "link" {
			broken = append(broken, d.Message)
		}
	}
	if len(broken) != 1 || !strings.Contains(broken[0], "/2022/01/01/gone.html") {
		t.Errorf("want the link to gone.html reported broken, and no other; got %q", broken)
	}
}

// A link whose address is an e-mail address without mailto: is a page of
// the site to a browser: USAID-OHA-SI/usaid-oha-si.github.io (MIT) has
// "[M/CIO Help Desk](CIO-HELPDESK@usaid.gov)", which the import made a
// link to /manual/2023/08/01/CIO-HELPDESK@usaid.gov, without a line. It
// becomes a mailto: link, with a note at its line, and the site builds
// without a broken link.
func TestImportJekyllEmailLinkBecomesMailto(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":                "title: Clinic\nurl: https://clinic.example.org\n",
		"_posts/2023-08-01-setup.md": "---\ntitle: Setup\n---\nIf that fails, contact the [M/CIO Help Desk](CIO-HELPDESK@usaid.gov).\n",
	})
	wantNote(t, rep, "_posts/2023-08-01-setup.md", 4, importer.Changed, "CIO-HELPDESK@usaid.gov, an e-mail address without mailto:")
	if got := readImported(t, dest, "posts/setup.md"); !strings.Contains(got, "[M/CIO Help Desk](mailto:CIO-HELPDESK@usaid.gov)") {
		t.Errorf("content/posts/setup.md:\n%s", got)
	}
	_, diags := build(t, dest)
	wantNoDiagnostics(t, diags, "link")
}

// Jekyll reads a file of _posts only when it is named
// YYYY-MM-DD-title.EXT; USAID-OHA-SI/usaid-oha-si.github.io (MIT) has
// _posts/2020-12-14_mdv_what-is-a-suburb.md and _posts/r_setup.md, which
// it never published, and the import published them, the first at
// "/data viz/2020-12-14-mdv-what-is-a-suburb/". Each comes in as a draft
// without an old address, with a note a person sees naming the rule and
// the file written (r_setup.md shares its name with a dated post).
func TestImportJekyllPostWithoutDateInItsNameIsADraft(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml": "title: Clinic\nurl: https://clinic.example.org\n",
		"_posts/2020-12-14_mdv_what-is-a-suburb.md": "---\ntitle: Monday Data Viz - What is a Suburb?\ndate: 2020-12-14\ncategories: [data viz]\n---\nA map.\n",
		"_posts/r_setup.md":                         "---\ntitle: Installing R\n---\nInstall R.\n",
		"_posts/2023-08-01-r_setup.md":              "---\ntitle: Installing R\n---\nInstall R.\n",
	})
	wantNoteWith(t, rep, "_posts/2020-12-14_mdv_what-is-a-suburb.md", importer.Human, "not published by Jekyll", "YEAR-MONTH-DAY-title.md", "the draft content/posts/2020-12-14-mdv-what-is-a-suburb.md", "rename it YYYY-MM-DD-2020-12-14_mdv_what-is-a-suburb.md")
	wantNoteWith(t, rep, "_posts/r_setup.md", importer.Human, "not published by Jekyll", "the draft content/posts/r-setup-2.md (at /posts/r-setup-2/)")
	for _, name := range []string{"posts/2020-12-14-mdv-what-is-a-suburb.md", "posts/r-setup-2.md"} {
		got := readImported(t, dest, name)
		if !strings.Contains(got, "draft: true") || strings.Contains(got, "url:") || strings.Contains(got, "aliases:") {
			t.Errorf("content/%s: want a draft without url: or aliases:\n%s", name, got)
		}
	}
	if got := readImported(t, dest, "posts/r-setup.md"); strings.Contains(got, "draft:") || !strings.Contains(got, "url: /2023/08/01/r_setup/") {
		t.Errorf("content/posts/r-setup.md: want the dated post published at its old address\n%s", got)
	}
	files, _ := build(t, dest)
	if _, ok := files["2023/08/01/r_setup/index.html"]; !ok {
		t.Error("the dated post is not published")
	}
	for f := range files {
		if strings.Contains(f, "suburb") || strings.Contains(f, "r-setup-2") {
			t.Errorf("%s is published", f)
		}
	}
}

// A file saved in Windows-1252 (USAID-OHA-SI/usaid-oha-si.github.io, MIT:
// _posts/2023-08-01-r_setup.md writes “RStudio Desktop” with the bytes
// 0x93 and 0x94) was copied as it was, without a line, and medkb check
// then left the page out with an error. It is read as Windows-1252 and
// written in UTF-8, with a note naming the encoding; a post is a draft
// besides, as Jekyll leaves out a post that is not valid UTF-8. A file
// that is not Windows-1252 either is kept as it is, with a note for a
// person.
func TestImportJekyllFileNotInUTF8(t *testing.T) {
	t.Parallel()
	line := "you can then select \x93RStudio Desktop\x94 and then \x93Install\x94."
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":                  "title: Clinic\nurl: https://clinic.example.org\n",
		"setup.md":                     "---\ntitle: Setup\ndate: 2023-08-01\n---\nFirst line.\n" + line + "\n",
		"_posts/2023-08-01-r_setup.md": "---\ntitle: Installing R\n---\n" + line + "\n",
	})
	wantNote(t, rep, "setup.md", 6, importer.Changed, "not UTF-8 (from this line): read as Windows-1252")
	wantNoteWith(t, rep, "_posts/2023-08-01-r_setup.md", importer.Human, "not published by Jekyll", "not UTF-8 (from line 4)", "Windows-1252", "the draft content/posts/r-setup.md")
	want := "you can then select “RStudio Desktop” and then “Install”."
	for _, name := range []string{"pages/setup.md", "posts/r-setup.md"} {
		if got := readImported(t, dest, name); !strings.Contains(got, want) {
			t.Errorf("content/%s: want %q in UTF-8\n%s", name, want, got)
		}
	}
	if got := readImported(t, dest, "posts/r-setup.md"); !strings.Contains(got, "draft: true") {
		t.Errorf("content/posts/r-setup.md is not a draft:\n%s", got)
	}
	files, _ := build(t, dest)
	if page := string(files["setup/index.html"]); !strings.Contains(page, "“RStudio Desktop”") {
		t.Errorf("setup/index.html does not show the text:\n%s", page)
	}

	// 0x81 is no character in Windows-1252: kept as it is, for a person.
	_, rep = importJekyll(t, map[string]string{
		"_config.yml": "title: Clinic\n",
		"odd.md":      "---\ntitle: Odd\n---\nA\x81B\n",
	})
	wantNote(t, rep, "odd.md", 4, importer.Human, "neither UTF-8 nor Windows-1252")
}

// A page that lists the posts is not imported (medkb lists them itself);
// text of its own went with it under a note only --verbose showed. The
// note is for a person when the page (or the home page) has words
// besides the loop and its markup, and stays a change when it has none.
func TestImportJekyllListingsTextIsForAPerson(t *testing.T) {
	t.Parallel()
	_, rep := importJekyll(t, map[string]string{
		"_config.yml":               "title: Clinic\n",
		"index.html":                "---\ntitle: Home\n---\n<p>Guides for the clinic's staff.</p>\n{% for post in site.posts %}<a href=\"{{ post.url }}\">{{ post.title }}</a>{% endfor %}\n",
		"archive.html":              "---\ntitle: Archive\n---\n<ul>\n{% for post in site.posts %}\n<li><a href=\"{{ post.url }}\">{{ post.title }}</a></li>\n{% endfor %}\n</ul>\n",
		"news.html":                 "---\ntitle: News\n---\n<p>Each Monday a new chart: send yours to the team.</p>\n{% for post in site.posts %}{{ post.title }}{% endfor %}\n",
		"_posts/2022-01-28-dose.md": "---\ntitle: Dose\n---\nText.\n",
	})
	wantNoteWith(t, rep, "index.html", importer.Human, "its body is not", `"Guides for the clinic's staff."`)
	wantNoteWith(t, rep, "news.html", importer.Human, `its own text ("Each Monday a new chart: send yours to the team.") is not imported`)
	wantNoteWith(t, rep, "archive.html", importer.Changed, "not imported as a page", "/archive/ redirects to /posts/")
}

// thumbnail: (USAID-OHA-SI/usaid-oha-si.github.io, MIT: 109 posts, such
// as thumbnail: "software-center_r.png") was kept under params:, where
// nothing shows it. It is medkb's image:, the bare file name in the
// folder the old templates showed it from (learn/index.html put
// /assets/img/reference/ or /assets/img/posts/ in front of it) where the
// file is; a name in no such folder stays under params: with a note for
// a person. The imported site builds with the pictures.
func TestImportJekyllThumbnailIsTheImage(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml": "title: Clinic\nurl: https://clinic.example.org\n",
		"learn/index.html": "---\ntitle: Learn\n---\n{% assign recent = site.posts %}{% for post in recent %}\n" +
			"{% if post.thumbnail and post.category == \"manual\" %}\n<img src=\"/assets/img/reference/{{ post.thumbnail }}\" alt=\"{{ post.title }}\">\n" +
			"{% else %}\n<img src=\"{{ site.baseurl }}/assets/img/posts/{{ post.thumbnail }}\" alt=\"{{ post.title }}\">\n{% endif %}{% endfor %}\n",
		"assets/img/reference/software-center_r.png": png1x1,
		"assets/img/posts/20230130_muth_lining.png":  png1x1,
		"_posts/2023-08-01-r_setup.md":               "---\ntitle: Installing R\ncategory: manual\nthumbnail: \"software-center_r.png\"\n---\nInstall R.\n",
		"_posts/2023-01-30-lining.md":                "---\ntitle: Lining\nthumbnail: 20230130_muth_lining.png\n---\nA chart.\n",
		"_posts/2023-02-06-gone.md":                  "---\ntitle: Gone\nthumbnail: 20230206_gone.png\n---\nA chart.\n",
		"_posts/2023-02-07-own.md":                   "---\ntitle: Own\nimage: /assets/img/posts/20230130_muth_lining.png\nthumbnail: x.png\n---\nA chart.\n",
	})
	for name, want := range map[string]string{
		"posts/r-setup.md": "image: /assets/img/reference/software-center_r.png",
		"posts/lining.md":  "image: /assets/img/posts/20230130_muth_lining.png",
		"posts/own.md":     "image: /assets/img/posts/20230130_muth_lining.png",
	} {
		if got := readImported(t, dest, name); !strings.Contains(got, want) || (name != "posts/own.md" && strings.Contains(got, "thumbnail")) {
			t.Errorf("content/%s: want %q and no thumbnail:\n%s", name, want, got)
		}
	}
	wantNote(t, rep, "_posts/2023-08-01-r_setup.md", 4, importer.Changed, "thumbnail: software-center_r.png is medkb's image: /assets/img/reference/software-center_r.png")
	wantNoteWith(t, rep, "_posts/2023-01-30-lining.md", importer.Changed, "from the folder the old site's template learn/index.html:8 put in front of it")
	wantNoteWith(t, rep, "_posts/2023-02-06-gone.md", importer.Human, "thumbnail: 20230206_gone.png is the page's picture", "no file of that name is in /assets/img/reference/, /assets/img/posts/", "kept under params:")
	if got := readImported(t, dest, "posts/gone.md"); strings.Contains(got, "image:") || !strings.Contains(got, "thumbnail: 20230206_gone.png") {
		t.Errorf("content/posts/gone.md: want thumbnail: kept under params: and no image:\n%s", got)
	}
	if got := readImported(t, dest, "posts/own.md"); !strings.Contains(got, "thumbnail: x.png") {
		t.Errorf("content/posts/own.md: want its thumbnail: kept under params: beside its own image:\n%s", got)
	}
	files, _ := build(t, dest)
	if page := string(files["2023/01/30/lining/index.html"]); !strings.Contains(page, "/assets/img/posts/20230130_muth_lining.png") {
		t.Errorf("the post's page does not name its picture:\n%s", page)
	}
}

// A bare image: (image: chart.png) came in as written, which medkb reads
// from the site's root, where the layout showed it from its own folder
// (<img src="/assets/img/posts/{{ page.image }}">): medkb build stopped on
// an image that does not exist. Now it is found in the folder the
// template put in front of it, with a note naming the template's line;
// one found nowhere is kept under params: with a note for a person.
func TestImportJekyllBareImageInTheLayoutsFolder(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":                  "title: Clinic\nurl: https://clinic.example.org\n",
		"_layouts/post.html":           "---\n---\n<h1>{{ page.title }}</h1>\n<img src=\"{{ site.baseurl }}/assets/img/posts/{{ page.image }}\">\n{{ content }}\n",
		"assets/img/posts/chart.png":   png1x1,
		"_posts/2023-01-30-lining.md":  "---\ntitle: Lining\nlayout: post\nimage: chart.png\n---\nA chart.\n",
		"_posts/2023-02-06-missing.md": "---\ntitle: Missing\nlayout: post\nimage: gone.png\n---\nA chart.\n",
	})
	wantNote(t, rep, "_posts/2023-01-30-lining.md", 4, importer.Changed, "image: chart.png is image: /assets/img/posts/chart.png, from the folder the old site's template _layouts/post.html:4 put in front of it")
	wantNoteWith(t, rep, "_posts/2023-02-06-missing.md", importer.Human, "image: gone.png is the page's picture", "no file of that name is in /assets/img/posts/", "kept under params:")
	if got := readImported(t, dest, "posts/lining.md"); !strings.Contains(got, "image: /assets/img/posts/chart.png") {
		t.Errorf("content/posts/lining.md: want image: /assets/img/posts/chart.png\n%s", got)
	}
	files, _ := build(t, dest)
	if page := string(files["2023/01/30/lining/index.html"]); !strings.Contains(page, "/assets/img/posts/chart.png") {
		t.Errorf("the post's page does not name its picture:\n%s", page)
	}
}

// Jekyll reads every file in the site's encoding: (_config.yml), where
// the import guessed Windows-1252 for a file that is not UTF-8, and made
// such a post a draft, as Jekyll leaves out a post that is not valid in
// its encoding. Now a site in ISO-8859-15 has its euro signs (0xA4,
// which Windows-1252 reads as ¤) and its post published, with one note on
// _config.yml; a file that is no text in the site's encoding (0x81 in
// Windows-1252) is kept as it is with a note for a person at its line.
func TestImportJekyllHonoursTheSitesEncoding(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":               "title: Clinic\nurl: https://clinic.example.org\nencoding: ISO-8859-15\n",
		"_posts/2024-01-02-fees.md": "---\ntitle: Fees\n---\nA visit costs 5 \xa4; the caf\xe9 is open.\n",
		"about.md":                  "---\ntitle: About\n---\nOur caf\xe9 takes \xa4.\n",
	})
	wantNote(t, rep, "_config.yml", 3, importer.Changed, "encoding: ISO-8859-15: 2 content files that are not UTF-8 were read as iso-8859-15, as Jekyll read them, and written in UTF-8")
	post := readImported(t, dest, "posts/fees.md")
	if !strings.Contains(post, "A visit costs 5 €; the café is open.") || strings.Contains(post, "draft: true") {
		t.Errorf("content/posts/fees.md: want the text in ISO-8859-15, published:\n%s", post)
	}
	if got := readImported(t, dest, "pages/about.md"); !strings.Contains(got, "Our café takes €.") {
		t.Errorf("content/pages/about.md: want the text in ISO-8859-15:\n%s", got)
	}
	if n := notesContaining(rep, "about.md", "Windows-1252"); len(n) != 0 {
		t.Errorf("a file in the site's encoding is not a guess: %+v", n)
	}

	_, rep = importJekyll(t, map[string]string{
		"_config.yml": "title: Clinic\nencoding: bom|windows-1252\n",
		"about.md":    "---\ntitle: About\n---\nFirst line.\nA byte \x81 that is no character.\n",
	})
	wantNote(t, rep, "about.md", 5, importer.Human, "the file is neither UTF-8 nor windows-1252, the site's encoding (_config.yml's encoding:)")
}

// A page at a section's address that lists the posts of the section's
// category (news/index.html listing site.categories.news beside
// news/_posts/) got a note telling a person to redirect /news/ to
// /tags/news/ on the web server, which would hide the page medkb now
// makes at /news/ for the section news, and links to /news/ were sent to
// /tags/news/. Now /news/ is the section's page, with the listing's
// title, links to it stay there, and the note says so, with no redirect.
// A second site has a news post outside news/: the section's page lists
// only news/'s posts, so links go to the topic page that lists them all.
func TestImportJekyllCategoryListingAtItsSectionsAddress(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		"_config.yml":                   "title: Clinic\nurl: https://clinic.example.org\n",
		"news/index.html":               "---\ntitle: Clinic news\n---\n{% for post in site.categories.news %}\n<a href=\"{{ post.url }}\">{{ post.title }}</a>\n{% endfor %}\n",
		"news/_posts/2024-01-02-flu.md": "---\ntitle: Flu clinic opens\n---\nOpen.\n",
		"_posts/2024-01-03-about.md":    "---\ntitle: About us\n---\nSee the [news](/news/) and [the list]({% link news/index.html %}).\n",
	}
	dest, rep := importJekyll(t, files)
	wantNoteWith(t, rep, "news/index.html", importer.Changed, "its address /news/ is the page medkb makes for the section news/", "links to it stay there", "its title is kept in content/news/_index.md")
	if n := notesContaining(rep, "news/index.html", "redirect"); len(n) != 0 {
		t.Errorf("no redirect is needed at /news/: %+v", n)
	}
	if got := readNewSiteFile(t, dest, "content/news/_index.md"); !strings.Contains(got, "title: Clinic news") {
		t.Errorf("content/news/_index.md:\n%s", got)
	}
	if got := readImported(t, dest, "posts/about.md"); !strings.Contains(got, "See the [news](/news/) and [the list](/news/).") {
		t.Errorf("content/posts/about.md: want both links at /news/:\n%s", got)
	}
	built, diags := build(t, dest)
	wantNoDiagnostics(t, diags, "link")
	if page := string(built["news/index.html"]); !strings.Contains(page, "Clinic news") || !strings.Contains(page, "/news/2024/01/02/flu/") {
		t.Errorf("/news/ is not the section's page listing its post:\n%s", page)
	}

	files["_posts/2024-01-04-covid.md"] = "---\ntitle: Covid\ncategories: [news]\n---\nVaccines.\n"
	dest, rep = importJekyll(t, files)
	wantNoteWith(t, rep, "news/index.html", importer.Changed, "posts of category news outside news/ are listed only on medkb's topic page /tags/news/, where links to it go now")
	if got := readImported(t, dest, "posts/about.md"); !strings.Contains(got, "See the [news](/tags/news/)") {
		t.Errorf("content/posts/about.md: want the link at /tags/news/:\n%s", got)
	}
}

// Liquid the import cannot translate was replaced by an HTML comment
// wherever it stood, also inside an HTML attribute's value or after the
// start of a link's address, where a comment is text: the page published
// id="<!-- medkb import: {{ tagname }} -->" and a link to
// /learn/categories/#<!-- medkb import: {{ category | slugify }} -->.
// Found importing USAID-OHA-SI/usaid-oha-si.github.io (MIT), whose
// tags/index.html has <h5 id="{{ tagname }}">. Now such Liquid is
// removed with a note for a person at its line; an address there is
// still translated. And that page, a loop over site.tags, is medkb's
// page of topics, /tags/, as a loop over site.categories is.
func TestImportJekyllLiquidInsideAttributesAndAddresses(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml": "title: Clinic\nurl: https://clinic.example.org\n",
		"colours.html": "---\ntitle: Colours\ndate: 2024-01-01\n---\n<h5 id=\"{{ tagname }}\">Colours</h5>\n<div class=\"card\"\n     style=\"color: white; background-color:{{ color.hex }};\">White</div>\n" +
			"<a href=\"{{ site.url }}/about/#{{ category | slugify }}\">about</a> <a href=\"{{ '/about/' | relative_url }}\">again</a>\n",
		"about.md":                 "---\ntitle: About\ndate: 2024-01-01\n---\nSee [colours](/colours.html#{{ page.anchor }}) and [topics]({% link tags/index.html %}).\n",
		"tags/index.html":          "---\ntitle: Tags\npermalink: /learn/tags/\n---\n<ul>{% for tag in site.tags %}<li>{{ tag[0] }}</li>{% endfor %}</ul>\n",
		"_posts/2024-01-02-flu.md": "---\ntitle: Flu\ntags: [vaccines]\n---\nText.\n",
	})
	page := readImported(t, dest, "pages/colours.md")
	for _, want := range []string{`<h5 id="">Colours</h5>`, `background-color:;">White`, `<a href="/about/">about</a>`, `<a href="/about/">again</a>`} {
		if !strings.Contains(page, want) {
			t.Errorf("content/pages/colours.md: want %q:\n%s", want, page)
		}
	}
	wantNote(t, rep, "colours.html", 5, importer.Human, "template expression {{ tagname }} stands inside an HTML attribute's value or a link's address")
	wantNote(t, rep, "colours.html", 7, importer.Human, "template expression {{ color.hex }} stands inside")
	wantNote(t, rep, "colours.html", 8, importer.Human, "template expression {{ category | slugify }} stands inside")
	if got := readImported(t, dest, "pages/about.md"); !strings.Contains(got, "See [colours](/colours/) and [topics](/tags/).") {
		t.Errorf("content/pages/about.md:\n%s", got)
	}
	wantNote(t, rep, "about.md", 5, importer.Human, "template expression {{ page.anchor }} stands inside")
	wantNoteWith(t, rep, "tags/index.html", importer.Human, "the page lists the posts by tag with a Liquid loop ({% for tag in site.tags %}), as medkb's page of topics /tags/ does itself")
	built, _ := build(t, dest)
	for name, data := range built {
		if strings.Contains(string(data), "medkb import: {{") && strings.HasSuffix(name, ".html") {
			t.Errorf("%s publishes Liquid as text", name)
		}
	}
}

// A Jekyll page's link to another page's Markdown file, as
// jekyll-relative-links (on by default on GitHub Pages) reads it — from
// the linking file's folder, or from the site's root with "/" — is
// written as the path to the file the page was imported to, from the
// linking page's new file, its anchor kept. The imported site builds with
// the link leading to the page.
func TestImportJekyllLinksToMarkdownFilesFollowTheirPages(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":                   "title: Clinic\n",
		"guides/asthma.md":              "---\ntitle: Asthma\ndate: 2024-01-01\n---\n## Causes\n\nText.\n",
		"_posts/2024-01-02-inhalers.md": "---\ntitle: Inhalers\n---\nSee [asthma](../guides/asthma.md#causes) and [again](/guides/asthma.md).\n",
	})
	body := readImported(t, dest, "posts/inhalers.md")
	for _, want := range []string{"[asthma](../guides/asthma.md#causes)", "[again](../guides/asthma.md)"} {
		if !strings.Contains(body, want) {
			t.Errorf("inhalers.md lacks %s:\n%s", want, body)
		}
	}
	if n := notesContaining(rep, "", "no imported page has this address"); len(n) != 0 {
		t.Errorf("links to Markdown files noted as missing pages: %+v", n)
	}
	files, diags := build(t, dest)
	wantNoDiagnostics(t, diags, "link", "anchor")
	if page := string(files["2024/01/02/inhalers/index.html"]); !strings.Contains(page, `href="/guides/asthma/#causes"`) {
		t.Errorf("the built link:\n%s", page)
	}
}

// TestImportJekyllReadsPublishedNoAsJekyllDoes: Jekyll's YAML (1.1) reads
// published: no as false, so the page was not published; yaml.v3 reads
// the word, which the importer took for a published page, without a note.
func TestImportJekyllReadsPublishedNoAsJekyllDoes(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml": "title: Clinic\nurl: https://clinic.example.org\npermalink: pretty\n",
		"about.md":    "---\ntitle: About\ndate: 2020-01-01\npublished: no\n---\nNot yet.\n",
		"contact.md":  "---\ntitle: Contact\ndate: 2020-01-01\npublished: yes\n---\nWrite to us.\n",
	})
	if got := readImported(t, dest, "pages/about.md"); !strings.Contains(got, "draft: true") {
		t.Errorf("about.md (published: no) is not imported as a draft:\n%s", got)
	}
	if got := readImported(t, dest, "pages/contact.md"); strings.Contains(got, "draft:") {
		t.Errorf("contact.md (published: yes) is imported as a draft:\n%s", got)
	}
	wantNoteWith(t, rep, "about.md", importer.Changed, "published: no is draft: true in medkb")
}
