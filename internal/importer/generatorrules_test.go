package importer_test

// What the old generator read its own way and the import must read as
// it did: a file not in UTF-8, a post's two-digit year, the not-found
// page (and links to it), a listing of the posts through a variable.

import (
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/importer"
)

// A Hugo content file saved in Windows-1252 (“RStudio Desktop” as the
// bytes 0x93 and 0x94) was imported as it was, without a line, and
// medkb check then left the page out. It is read as a Jekyll file is
// (toUTF8): written in UTF-8 with a note naming the encoding, and one
// that is not Windows-1252 either is kept as it is, for a person. Hugo
// published such a page, so it stays published.
func TestImportHugoFileNotInUTF8(t *testing.T) {
	t.Parallel()
	line := "you can then select \x93RStudio Desktop\x94 and then \x93Install\x94."
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml":                "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\n",
		"content/guides/_index.md": "---\ntitle: Guides\n---\n",
		"content/guides/setup.md":  "---\ntitle: Setup\ndate: 2023-08-01\n---\nFirst line.\n" + line + "\n",
		"content/guides/plain.md":  "---\ntitle: Plain\ndate: 2023-08-01\n---\nPlain text.\n",
	})
	wantNote(t, rep, "content/guides/setup.md", 6, importer.Changed, "not UTF-8 (from this line): read as Windows-1252")
	if n := notesContaining(rep, "content/guides/plain.md", "UTF-8"); len(n) != 0 {
		t.Errorf("a UTF-8 file is noted: %v", n)
	}
	want := "you can then select “RStudio Desktop” and then “Install”."
	got := readImported(t, dest, "guides/setup.md")
	if !strings.Contains(got, want) || strings.Contains(got, "draft") {
		t.Errorf("content/guides/setup.md: want %q in UTF-8, published:\n%s", want, got)
	}
	files, _ := build(t, dest)
	if page := string(files["guides/setup/index.html"]); !strings.Contains(page, "“RStudio Desktop”") {
		t.Errorf("guides/setup/index.html does not show the text:\n%s", page)
	}

	// 0x81 is no character in Windows-1252: kept as it is, for a person.
	_, rep = importHugo(t, map[string]string{
		"hugo.toml":      "title = 'Clinic'\n",
		"content/odd.md": "---\ntitle: Odd\n---\nA\x81B\n",
	})
	wantNote(t, rep, "content/odd.md", 4, importer.Human, "neither UTF-8 nor Windows-1252")
}

// Jekyll reads a post whose file name starts with a year of two digits
// (Document::DATE_FILENAME_MATCHER: \d{2,4}-\d{1,2}-\d{1,2}-), and Ruby's
// Time.parse makes 21 2021 and 98 1998. Such a post was read as undated:
// a draft, with a note saying Jekyll never published it, which it did.
// It is dated as Jekyll dated it, at its old address, with a note; a
// front matter date still wins, without the note.
func TestImportJekyllTwoDigitYearPostName(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":                 "title: Clinic\nurl: https://clinic.example.org\n",
		"_posts/21-06-11-inhaler.md":  "---\ntitle: Inhaler\n---\nText.\n",
		"_posts/98-1-5-old.md":        "---\ntitle: Old\n---\nText.\n",
		"_posts/21-06-12-dated.md":    "---\ntitle: Dated\ndate: 2021-07-01\n---\nText.\n",
		"_posts/2021-06-13-normal.md": "---\ntitle: Normal\n---\nText.\n",
	})
	for name, want := range map[string]string{
		"posts/inhaler.md": `date: "2021-06-11"`,
		"posts/old.md":     `date: "1998-01-05"`,
		"posts/dated.md":   `date: "2021-07-01"`,
	} {
		got := readImported(t, dest, name)
		if !strings.Contains(got, want) || strings.Contains(got, "draft") {
			t.Errorf("content/%s: want %s, published:\n%s", name, want, got)
		}
	}
	wantNoteWith(t, rep, "_posts/21-06-11-inhaler.md", importer.Changed, "the year 21 of the file name is 2021", "dated 2021-06-11")
	wantNoteWith(t, rep, "_posts/98-1-5-old.md", importer.Changed, "the year 98 of the file name is 1998")
	for _, f := range []string{"_posts/21-06-12-dated.md", "_posts/2021-06-13-normal.md"} {
		if n := notesContaining(rep, f, "of the file name is"); len(n) != 0 {
			t.Errorf("%s: a note on the file name's year: %v", f, n)
		}
	}
	if n := notesContaining(rep, "_posts/21-06-11-inhaler.md", "not published by Jekyll"); len(n) != 0 {
		t.Errorf("the post is said to be unpublished: %v", n)
	}
	files, _ := build(t, dest)
	for _, p := range []string{"2021/06/11/inhaler/index.html", "1998/01/05/old/index.html", "2021/07/01/dated/index.html"} {
		if !strings.Contains(string(files[p]), "Text.") {
			t.Errorf("%s is not published at the post's old address", p)
		}
	}
}

// A Jekyll site's not-found page (nhs-pycom/nhs.pycom, MIT: 404.md with
// permalink: /404.html; USAID-OHA-SI/usaid-oha-si.github.io, MIT:
// 404.html) came in as an article at /404/, a draft for want of a date,
// which no visitor to a missing address would see. medkb writes its own
// not-found page at /404.html: the old page's words become its text
// (notfound.text in i18n/en.yaml) and its title the page's title
// (kind.404), a link to the home page is the page's own, and other links
// are named in a note for a person.
func TestImportJekyllNotFoundPageIsMedkbs(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml": "title: Clinic\nurl: https://clinic.example.org\n",
		"404.md": "---\nlayout: center\npermalink: /404.html\n---\n\n# 404\n\nSorry, we can't seem to find this page.\n\n" +
			"<div class=\"mt3\">\n  <a href=\"{{ site.baseurl }}/\" class=\"button\">Home</a>\n</div>\n",
		"about.md":                  "---\ntitle: About\n---\nAbout us.\n",
		"_posts/2022-01-28-dose.md": "---\ntitle: Dose\n---\nText.\n",
	})
	wantNoteWith(t, rep, "404.md", importer.Changed, "the old site's not-found page (/404.html): not imported as a page",
		`notfound.text in i18n/en.yaml): "404 Sorry, we can't seem to find this page."`, "its link to the home page is medkb's page's own")
	if n := notesContaining(rep, "404.md", ""); len(n) != 1 {
		t.Errorf("want the one note on 404.md, got %v", n)
	}
	wantImported(t, dest, map[string]bool{"pages/404.md": false, "pages/about.md": true})
	files, _ := build(t, dest)
	if page := string(files["404.html"]); !strings.Contains(page, "Sorry, we can&#39;t seem to find this page.") {
		t.Errorf("404.html does not have the old page's text:\n%s", page)
	}
	if _, ok := files["404/index.html"]; ok {
		t.Error("the old not-found page is published at /404/")
	}

	dest, rep = importJekyll(t, map[string]string{
		"_config.yml": "title: Clinic\n",
		"404.html": "--- \npermalink: /404.html \ntitle: Lost?\n---\n<style>h1 { color: red }</style>\n<h1>Page not found :(</h1>\n" +
			"<p>Try the <a href=\"/conditions/\">conditions</a> list.</p>\n",
		"about.md": "---\ntitle: About\n---\nAbout us.\n",
	})
	wantNoteWith(t, rep, "404.html", importer.Human, `"Page not found :( Try the conditions list."`, "its title is that page's title (kind.404", `links are not carried ("/conditions/")`)
	files, _ = build(t, dest)
	if page := string(files["404.html"]); !strings.Contains(page, "Lost?") || !strings.Contains(page, "Try the conditions list.") || strings.Contains(page, "color: red") {
		t.Errorf("404.html does not have the old page's title and text:\n%s", page)
	}

	// USAID-OHA-SI/usaid-oha-si.github.io's 404.html (MIT), and a link
	// to the home page inside a sentence, whose words stay as text
	// (removing them left "Go back or .").
	_, rep = importJekyll(t, map[string]string{
		"_config.yml": "title: Clinic\n",
		"404.html": "--- \npermalink: /404.html \nlayout: default \n---\n\n<div class=\"content container\">\n    <div class=\"row\">\n" +
			"        <div class=\"col-12 text-center\">\n            <h1 class=\"display-1 font-weight-bolder\">404</h1>\n\n" +
			"            <p><strong>Page not found :(</strong></p>\n\n            <p>The requested page could not be found.</p>\n\n" +
			"        </div>\n    </div>\n</div>\n",
		"about.md": "---\ntitle: About\n---\nAbout us.\n",
	})
	wantNoteWith(t, rep, "404.html", importer.Changed, `"404 Page not found :( The requested page could not be found."`)
	_, rep = importJekyll(t, map[string]string{
		"_config.yml": "title: Clinic\n",
		"404.md":      "---\npermalink: /404.html\n---\nNot here. Go back or <a href=\"{{ site.baseurl }}/\">start again</a>.\n\n[Home](/)\n",
		"about.md":    "---\ntitle: About\n---\nAbout us.\n",
	})
	wantNoteWith(t, rep, "404.md", importer.Changed, `"Not here. Go back or start again."`, "its link to the home page is medkb's page's own")
}

// A Hugo site's content/404.md came in as an article, content/pages/404.md
// at /404/ (a draft for want of a date), and a ref to it from another
// page was a link to that draft, an error of medkb check. It is read as
// a Jekyll site's 404.md is (notFoundPage): its words and title are
// those of medkb's not-found page, /404.html, its keys not noted one by
// one (author: too), its shortcodes named as links; links and refs to
// it, and to its old address /404/, lead to /404.html. A Jekyll
// {% link 404.md %} (a dead link with a note before) leads there too.
func TestImportNotFoundPageAndLinksToIt(t *testing.T) {
	t.Parallel()
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml": "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\n",
		"content/404.md": "---\ntitle: Not found\nlayout: plain\n---\nSorry, this page is gone. See the [guides]({{< ref \"/guides\" >}}) " +
			"or [start again]({{< relref \"/\" >}}).\n",
		"content/guides/_index.md": "---\ntitle: Guides\n---\n",
		"content/guides/setup.md": "---\ntitle: Setup\ndate: 2023-08-01\n---\nSee [lost]({{< ref \"404.md\" >}}), [old](/404/) " +
			"and [own](/404.html#top).\n",
	})
	wantNoteWith(t, rep, "content/404.md", importer.Human, "the old site's not-found page (content/404.md, at /404/): not imported as a page",
		`notfound.text in i18n/en.yaml): "Sorry, this page is gone. See the guides or start again."`, "its title is that page's title (kind.404",
		"its link to the home page is medkb's page's own", `links are not carried ("{{< ref \"/guides\" >}}")`)
	if n := notesContaining(rep, "content/404.md", ""); len(n) != 1 {
		t.Errorf("want the one note on content/404.md, got %v", n)
	}
	wantNote(t, rep, "content/guides/setup.md", 5, importer.Changed, "link to /404/, the old site's not-found page, now goes to medkb's, /404.html")
	if n := notesContaining(rep, "content/guides/setup.md", "404.md"); len(n) != 0 {
		t.Errorf("the ref to 404.md is noted: %v", n)
	}
	wantImported(t, dest, map[string]bool{"pages/404.md": false, "guides/setup.md": true})
	if got := readImported(t, dest, "guides/setup.md"); !strings.Contains(got, "See [lost](/404.html), [old](/404.html) and [own](/404.html#top).") {
		t.Errorf("the links do not lead to /404.html:\n%s", got)
	}
	if cfg := readNewSiteFile(t, dest, "medkb.yaml"); strings.Contains(cfg, "404") {
		t.Errorf("medkb.yaml names 404:\n%s", cfg)
	}
	files, diags := build(t, dest)
	wantNoDiagnostics(t, diags, "link", "draft-link")
	if page := string(files["404.html"]); !strings.Contains(page, "Not found") || !strings.Contains(page, "Sorry, this page is gone.") {
		t.Errorf("404.html does not have the old page's title and text:\n%s", page)
	}
	if _, ok := files["404/index.html"]; ok {
		t.Error("the old not-found page is published at /404/")
	}

	dest, rep = importJekyll(t, map[string]string{
		"_config.yml": "title: Clinic\n",
		"404.md":      "---\npermalink: /404.html\n---\nGone.\n",
		"about.md":    "---\ntitle: About\n---\nIf a page is gone you see [this]({% link 404.md %}).\n",
	})
	if n := notesContaining(rep, "about.md", "404"); len(n) != 0 {
		t.Errorf("the link to 404.md is noted: %v", n)
	}
	if got := readImported(t, dest, "pages/about.md"); !strings.Contains(got, "[this](/404.html)") {
		t.Errorf("{%% link 404.md %%} does not lead to /404.html:\n%s", got)
	}
	_, diags = build(t, dest)
	wantNoDiagnostics(t, diags, "link")
}

// A Jekyll page that lists the posts through a variable
// (USAID-OHA-SI/usaid-oha-si.github.io, MIT: learn/index.html has
// {% assign recent_posts = site.posts | sort: 'date' | reverse %} then
// {% for post in recent_posts %}) was imported as a page with its loop
// commented out, a note for a person at each tag. It is a list of the
// posts, as {% for post in site.posts %} is: not imported, its address
// redirects to /posts/. A variable holding a number of posts or groups
// of them is no such list.
func TestImportJekyllListingThroughAVariable(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml": "title: Clinic\nurl: https://clinic.example.org\n",
		"archive.html": "---\ntitle: Archive\n---\n{% assign recent = site.posts | sort: 'date' | reverse %}\n<ul>\n" +
			"{% for post in recent %}<li><a href=\"{{ post.url }}\">{{ post.title }}</a></li>{% endfor %}\n</ul>\n",
		"count.html":                "---\ntitle: Count\n---\n<p>Our charts.</p>\n{% assign n = site.posts | size %}{% for i in n %}{{ i }}{% endfor %}\n",
		"_posts/2022-01-28-dose.md": "---\ntitle: Dose\n---\nText.\n",
	})
	wantNoteWith(t, rep, "archive.html", importer.Changed, "{% for post in recent %}", "not imported as a page", "its address /archive/ redirects to /posts/")
	wantImported(t, dest, map[string]bool{"pages/archive.md": false, "pages/count.md": true})
	files, _ := build(t, dest)
	if len(files["archive.html"]) == 0 {
		t.Error("the old address /archive.html does not redirect")
	}
}

// A Jekyll page that lists the posts of a category
// ({% for post in site.categories.news %}) or of every category
// ({% for category in site.categories %}) was imported as a page with
// its loops commented out, a note for a person at each tag. Jekyll's
// categories are medkb's tags: such a page is not imported, links to it
// go to the topic page medkb makes (/tags/news/, /tags/), and the note
// gives the web server's redirect for its old address (aliases lead to
// pages only). A category no imported post has is a list of the posts.
func TestImportJekyllListingOfACategory(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml": "title: Clinic\n",
		"news.html": "---\ntitle: News\n---\n<p>Our news.</p>\n" +
			"{% for post in site.categories.news %}<a href=\"{{ post.url }}\">{{ post.title }}</a>{% endfor %}\n",
		"topics.html": "---\ntitle: Topics\n---\n{% for category in site.categories %}<h2>{{ category[0] }}</h2>" +
			"{% for post in site.categories[category[0]] %}{{ post.title }}{% endfor %}{% endfor %}\n",
		"gone.html": "---\ntitle: Gone\n---\n{% for post in site.categories['events'] %}{{ post.title }}{% endfor %}\n",
		"learn.html": "---\ntitle: Learn\n---\n{% for category in site.categories %}{{ category[0] }}{% endfor %}\n" +
			"{% for post in site.posts %}{{ post.title }}{% endfor %}\n",
		"_posts/2022-01-28-flu.md": "---\ntitle: Flu\ncategories: [news]\n---\nSee [all]({% link topics.html %}), [news]({% link news.html %}) and [gone]({% link gone.html %}).\n",
	})
	wantNoteWith(t, rep, "news.html", importer.Human, "lists the posts of category news with a Liquid loop ({% for post in site.categories.news %}), as medkb's topic page /tags/news/ does itself",
		`its own text ("Our news.") is not imported`, "add a permanent redirect from /news.html to /tags/news/")
	wantNoteWith(t, rep, "topics.html", importer.Human, "lists the posts by category with a Liquid loop ({% for category in site.categories %}), as medkb's page of topics /tags/ does itself",
		"add a permanent redirect from /topics.html to /tags/")
	wantNoteWith(t, rep, "learn.html", importer.Changed, "{% for post in site.posts %}", "its address /learn/ redirects to /posts/")
	wantNoteWith(t, rep, "gone.html", importer.Changed, "{% for post in site.categories['events'] %}", "its address /gone/ redirects to /posts/")
	for _, f := range []string{"news.html", "topics.html", "gone.html"} {
		if n := notesContaining(rep, f, "commented out"); len(n) != 0 {
			t.Errorf("%s: Liquid is commented out: %v", f, n)
		}
	}
	wantImported(t, dest, map[string]bool{"pages/news.md": false, "pages/topics.md": false, "pages/gone.md": false})
	if got := readImported(t, dest, "posts/flu.md"); !strings.Contains(got, "See [all](/tags/), [news](/tags/news/) and [gone](/posts/).") {
		t.Errorf("the links do not lead to the topic pages:\n%s", got)
	}
	files, diags := build(t, dest)
	wantNoDiagnostics(t, diags, "link")
	if !strings.Contains(string(files["tags/news/index.html"]), "Flu") {
		t.Error("/tags/news/ does not list the post")
	}
}

// A link to a page that listed the posts (not imported) written with
// the old site's address, as USAID-OHA-SI's site (MIT) wrote
// https://usaid-oha-si.github.io//learn/categories/#rbbs, put /learn/
// under links.external_paths, as if another system served it, and the
// link led nowhere once the site moved. It goes where a {% link %} to the
// page goes, with a note: the page of every category's #rbbs to the
// topic page /tags/rbbs/ (an anchor of a category no post has to /tags/),
// the list of the posts to /posts/ without the old page's anchor; a link
// written /learn/… too.
func TestImportJekyllOwnHostLinkToAListing(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml": "title: Clinic\nurl: https://clinic.example.org/\nbaseurl: /\n",
		"categories.html": "---\ntitle: Categories\npermalink: /learn/categories/\n---\n" +
			"{% for category in site.categories %}<h5 id=\"{{ category[0] }}\">{{ category[0] }}</h5>{% endfor %}\n",
		"learn.html": "---\ntitle: Learn\npermalink: /learn/\n---\n{% for post in site.posts %}{{ post.title }}{% endfor %}\n",
		"_posts/2022-01-31-setup.md": "---\ntitle: Setup\ncategories: [corps, rbbs]\n---\n" +
			"All of it is under the [rbbs category](https://clinic.example.org//learn/categories/#rbbs), " +
			"[gone](https://clinic.example.org/learn/categories/#nothing), [recent](https://clinic.example.org/learn/#recent) " +
			"and [here](/learn/categories/#corps).\n",
	})
	got := readImported(t, dest, "posts/setup.md")
	want := "under the [rbbs category](/tags/rbbs/), [gone](/tags/), [recent](/posts/) and [here](/tags/corps/)."
	if !strings.Contains(got, want) {
		t.Errorf("want %q:\n%s", want, got)
	}
	wantNoteWith(t, rep, "_posts/2022-01-31-setup.md", importer.Changed, "link to https://clinic.example.org//learn/categories/#rbbs, the old site's page categories.html that listed the posts (not imported), now goes to /tags/rbbs/")
	wantNoteWith(t, rep, "_posts/2022-01-31-setup.md", importer.Changed, "#nothing is left out: no imported post is in that category")
	wantNoteWith(t, rep, "_posts/2022-01-31-setup.md", importer.Changed, "now goes to /posts/, where medkb lists them; its anchor #recent is left out")
	if cfg := readNewSiteFile(t, dest, "medkb.yaml"); strings.Contains(cfg, "/learn/") {
		t.Errorf("/learn/ is under links.external_paths:\n%s", cfg)
	}
	_, diags := build(t, dest)
	wantNoDiagnostics(t, diags, "link", "anchor")
}

// Jekyll reads the posts of every _posts folder, and a post in
// news/_posts/ is in the category news (the folders above _posts are
// its first categories): site.categories.news lists it, and its address
// (/:categories/…) starts with /news/. Such a post was imported as a
// page at /news/_posts/2024-03-01-clinic-opens/, undated (a draft),
// without the tag, and the /tags/news/ a listing of site.categories.news
// was sent to listed nothing.
func TestImportJekyllPostsInAFolderAreInItsCategory(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":                            "title: Clinic\n",
		"news/_posts/2024-03-01-clinic-opens.md": "---\ntitle: Clinic opens\ncategories: [events]\n---\nWe open.\n",
		"_posts/2024-03-02-flu.md":               "---\ntitle: Flu\n---\nSee [the news]({% link news.html %}).\n",
		"news.html":                              "---\ntitle: News\n---\n{% for post in site.categories.news %}{{ post.title }}{% endfor %}\n",
	})
	got := readImported(t, dest, "news/clinic-opens.md")
	for _, want := range []string{"date: \"2024-03-01\"", "url: /events/news/2024/03/01/clinic-opens/", "- events\n    - news\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("content/news/clinic-opens.md: want %q:\n%s", want, got)
		}
	}
	wantNoteWith(t, rep, "news/_posts/2024-03-01-clinic-opens.md", importer.Changed, "category of each folder above _posts (news): tagged news")
	// news.html (/news.html, medkb's /news/) is where medkb makes the
	// section news's page, which lists the post: links go there, and
	// /news.html redirects there (TestImportJekyllCategoryListingAtItsSectionsAddress).
	wantNoteWith(t, rep, "news.html", importer.Changed, "is the page medkb makes for the section news/", "links to it stay there")
	if got := readImported(t, dest, "posts/flu.md"); !strings.Contains(got, "[the news](/news/)") {
		t.Errorf("the link does not lead to /news/:\n%s", got)
	}
	files, diags := build(t, dest)
	wantNoDiagnostics(t, diags, "link")
	if !strings.Contains(string(files["tags/news/index.html"]), "Clinic opens") {
		t.Error("/tags/news/ does not list the post of news/_posts/")
	}
	if !strings.Contains(string(files["news/index.html"]), "Clinic opens") || len(files["news.html"]) == 0 {
		t.Error("/news/ does not list the post of news/_posts/, or /news.html does not redirect there")
	}
}
