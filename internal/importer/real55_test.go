package importer_test

import (
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/importer"
)

// The NHS Data Engineering blog (craig-shenton/nhs-data-engineer, MIT),
// a Jekyll site on GitHub Pages, names its address twice:
//
//	url: "https://craig-shenton.github.io/nhs-data-engineer"
//	baseurl: "/nhs-data-engineer"
//
// GitHub Pages served it under /nhs-data-engineer/ (Jekyll's relative
// links add baseurl alone). The importer joined the two: medkb.yaml's
// base_url was …/nhs-data-engineer/nhs-data-engineer/, so medkb built the
// whole site for an address nobody served, without a word; the posts'
// tables of contents, written as the old site's absolute addresses
// (https://craig-shenton.github.io/nhs-data-engineer/azure-data-factory-templates/#…),
// were not seen as the site's own and kept pointing at the old host; and
// tags.html (permalink: /tags/, a loop over site.tags) asked for a
// redirect from /nhs-data-engineer/nhs-data-engineer/tags/ to itself.
// Its posts credit "author: Craig Robert Shenton, Mattia Ficarelli",
// which became one author of that name. Now base_url is the address the
// pages were served at, with a note at url:; the links are the site's;
// the tags page's note names its address as medkb's topics page's; and
// the two people are two authors, with a note.
func TestImportJekyllURLWithBaseURLPath(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml": "title: NHS Data Engineering\n\n# URL settings\nurl: \"https://craig-shenton.github.io/nhs-data-engineer\"\npermalink: pretty\nbaseurl: \"/nhs-data-engineer\"\n",
		"tags.html":   "---\nlayout: default\ntitle: Tags\npermalink: /tags/\n---\n{% for tag in site.tags %}<h3>{{ tag[0] }}</h3>{% endfor %}\n<h1>Tags in Blog</h1>\n",
		"_posts/2021-09-09-azure-data-factory-templates.md": "---\ntitle: \"Azure Data Factory Templates\"\n" +
			"author: Craig Robert Shenton, Mattia Ficarelli\nlayout: post\npermalink: /azure-data-factory-templates/\ntags: [Azure, Data Factory]\n---\n" +
			"- [SQL Database Ingestion Pipeline](https://craig-shenton.github.io/nhs-data-engineer/azure-data-factory-templates/#sql-database-ingestion-pipeline)\n\n" +
			"## SQL Database Ingestion Pipeline\n\nText.\n",
		"_posts/2021-07-20-data-engineering-resources.md": "---\ntitle: Resources\nauthor: Shenton, Craig\n---\nText.\n",
		"_posts/2021-07-21-nursing.md":                    "---\ntitle: Nursing\nauthor: Jane Doe, RN BSN\n---\nText.\n",
	})
	if _, _, data := readImportedConfig(t, dest); !strings.Contains(string(data), "\nbase_url: https://craig-shenton.github.io/nhs-data-engineer/\n") {
		t.Errorf("medkb.yaml's base_url is not https://craig-shenton.github.io/nhs-data-engineer/:\n%s", data)
	}
	wantNote(t, rep, "_config.yml", 4, importer.Changed, "url: https://craig-shenton.github.io/nhs-data-engineer already ends with baseurl: /nhs-data-engineer: Jekyll served the pages under /nhs-data-engineer/")
	body := readImported(t, dest, "posts/azure-data-factory-templates.md")
	if !strings.Contains(body, "- [SQL Database Ingestion Pipeline](/azure-data-factory-templates/#sql-database-ingestion-pipeline)\n") {
		t.Errorf("the table of contents' link is not the site's own:\n%s", body)
	}
	wantNote(t, rep, "tags.html", 6, importer.Human, "its address /nhs-data-engineer/tags/ is that page's")
	if n := notesContaining(rep, "tags.html", "redirect"); len(n) != 0 {
		t.Errorf("tags.html: a redirect asked for: %+v", n)
	}
	wantNote(t, rep, "2021-09-09-azure-data-factory-templates.md", 3, importer.Changed, "author: Craig Robert Shenton, Mattia Ficarelli is one string, which the old site's templates showed as written, but it names 2 people, each by a full name: credited to each, Craig Robert Shenton and Mattia Ficarelli")
	meta, _ := readImportedMeta(t, dest, "posts/azure-data-factory-templates.md")
	if got := meta["authors"]; len(got.([]any)) != 2 {
		t.Errorf("authors: %v, want two", got)
	}
	meta, _ = readImportedMeta(t, dest, "posts/data-engineering-resources.md")
	if got := meta["authors"]; len(got.([]any)) != 1 {
		t.Errorf("Shenton, Craig: authors %v, want one", got)
	}
	meta, _ = readImportedMeta(t, dest, "posts/nursing.md")
	if got := meta["authors"]; len(got.([]any)) != 1 {
		t.Errorf("Jane Doe, RN BSN: authors %v, want one", got)
	}

	files, _ := build(t, dest)
	page := string(files["azure-data-factory-templates/index.html"])
	if !strings.Contains(page, `href="/nhs-data-engineer/azure-data-factory-templates/#sql-database-ingestion-pipeline"`) {
		t.Errorf("the built page's table of contents does not link under /nhs-data-engineer/:\n%s", page)
	}
}

// NHS England's Data Science technical store (nhsx/AnalyticsUnit, MIT)
// opens each article with its title, written by Liquid:
//
//	<h2> {{page.title}} </h2>
//
// The importer replaced {{page.title}} with an HTML comment and a note
// giving no fix, so 17 pages opened with an empty heading. Now it is
// the page's title, as Liquid wrote it (as HTML: & is &amp;), with a
// note saying medkb's theme shows the title too.
func TestImportJekyllPageTitleInBody(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":               "url: https://nhsx.github.io\nbaseurl: /AnalyticsUnit\ntitle: NHS England DART\n",
		"content/thinking/MCR.md":   "---\nlayout: base\ntitle: Model Class Reliance for Demonstrating Variable Importance \npermalink: MCR.html\n---\n\n<h2> {{page.title}} </h2>\n\nOne of our data science intern projects.\n",
		"content/thinking/tools.md": "---\nlayout: base\ntitle: Tools & requests\n---\n\n<h2> {{ page.title }} </h2>\n",
	})
	if body := readImported(t, dest, "content/mcr.md"); !strings.Contains(body, "\n<h2> Model Class Reliance for Demonstrating Variable Importance </h2>\n") {
		t.Errorf("content/content/mcr.md: the heading is not the page's title:\n%s", body)
	}
	if body := readImported(t, dest, "content/tools.md"); !strings.Contains(body, "\n<h2> Tools &amp; requests </h2>\n") {
		t.Errorf("content/content/tools.md: the heading is not the page's title, as HTML:\n%s", body)
	}
	wantNote(t, rep, "content/thinking/MCR.md", 7, importer.Changed, "{{page.title}} written as the page's title, Model Class Reliance for Demonstrating Variable Importance; medkb's theme shows the title above every page")
	if n := notesContaining(rep, "MCR.md", "cannot be translated"); len(n) != 0 {
		t.Errorf("notes of an untranslated title: %+v", n)
	}
}
