package importer_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/importer"
	"go.yaml.in/yaml/v3"
)

// A Hugo section's _index.md kept only its title, summary, description
// and weight: its aliases (old addresses that redirected to it), its
// draft and every other key medkb maps were dropped without a line. Now
// it keeps what medkb gives a section's page (aliases and url too, so
// its old addresses keep working; a draft stays a draft) and notes each
// key it leaves out at its line; keys medkb has no meaning for stay under
// params:, listed as on articles. The home page alike. An alias at the
// address of a page medkb makes itself (cht-docs' home page has /search)
// is left out with a note, as it would stop the build. The import builds
// with the redirects.
func TestImportHugoSectionPageKeepsOrNotesEveryKey(t *testing.T) {
	t.Parallel()
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml":         "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\n",
		"content/_index.md": "---\ntitle: Clinic\naliases: [/start/, /search]\nweight: 3\n---\nWelcome.\n",
		"content/conditions/_index.md": "---\n" +
			"title: Conditions\n" + // 2
			"aliases: [/old-conditions/]\n" + // 3
			"date: 2020-01-01\n" + // 4
			"expiryDate: 2001-01-01\n" + // 5
			"tags: [lungs]\n" + // 6
			"author: Dr Ann Lee\n" + // 7
			"slug: illnesses\n" + // 8
			"relatedContent: [asthma]\n" + // 9
			"cascade:\n  type: docs\n" + // 10
			"---\nAbout conditions.\n",
		"content/conditions/asthma.md": "---\ntitle: Asthma\ndate: 2024-01-01\n---\nText.\n",
		"content/guides/_index.md":     "---\ntitle: Guides\nurl: /how-to/\n---\nGuides.\n",
		"content/guides/inhaler.md":    "---\ntitle: Inhaler\ndate: 2024-01-01\n---\nSee [all guides](/how-to/).\n",
		"content/old/_index.md":        "---\ntitle: Old\ndraft: true\n---\nOld text.\n",
		"content/old/page.md":          "---\ntitle: Page\ndate: 2024-01-01\n---\nText.\n",
	})
	fm, _ := readImportedMeta(t, dest, "conditions/_index.md")
	if a, _ := fm["aliases"].([]any); len(a) != 1 || a[0] != "/old-conditions/" {
		t.Errorf("conditions/_index.md aliases = %v, want [/old-conditions/]", fm["aliases"])
	}
	for _, k := range []string{"date", "expires", "tags", "authors", "slug", "url"} {
		if v, ok := fm[k]; ok {
			t.Errorf("conditions/_index.md has %s: %v", k, v)
		}
	}
	if p, _ := fm["params"].(map[string]any); p["relatedContent"] == nil || p["cascade"] == nil {
		t.Errorf("conditions/_index.md params = %v, want relatedContent and cascade kept", fm["params"])
	}
	const file = "content/conditions/_index.md"
	wantNote(t, rep, file, 4, importer.Changed, "date: 2020-01-01 left out of a section's page")
	wantNote(t, rep, file, 5, importer.Changed, "expiryDate: 2001-01-01 left out of a section's page")
	wantNote(t, rep, file, 6, importer.Changed, "tags: [lungs] left out of a section's page: medkb's topic pages (/tags/) list articles")
	wantNote(t, rep, file, 7, importer.Changed, "author: Dr Ann Lee left out of a section's page: medkb credits authors on articles")
	wantNote(t, rep, file, 8, importer.Changed, "slug: illnesses left out of a section's page")
	for _, k := range []string{"relatedContent", "cascade"} {
		wantNoteWith(t, rep, file, importer.Changed, `front matter key "`+k+`"`, "kept under params:")
	}
	if fm, _ := readImportedMeta(t, dest, "guides/_index.md"); fm["url"] != "/how-to/" {
		t.Errorf("guides/_index.md url = %v, want /how-to/", fm["url"])
	}
	if fm, _ := readImportedMeta(t, dest, "old/_index.md"); fm["draft"] != true {
		t.Errorf("old/_index.md draft = %v, want true", fm["draft"])
	}
	wantNote(t, rep, "content/old/_index.md", 3, importer.Human, "draft: true on a section's page: Hugo 0.123 and later published no page at /old/ but published the section's pages that are not drafts (1: content/old/page.md)")
	home, _ := readImportedMeta(t, dest, "_index.md")
	if a, _ := home["aliases"].([]any); len(a) != 1 || a[0] != "/start/" {
		t.Errorf("_index.md aliases = %v, want [/start/]", home["aliases"])
	}
	wantNote(t, rep, "content/_index.md", 4, importer.Changed, "weight: 3 left out of the home page: the home page is in no list")
	wantNote(t, rep, "content/_index.md", 3, importer.Changed, "alias /search left out: it is the address of medkb's search page")

	if n := notesContaining(rep, "content/guides/inhaler.md", "/how-to/"); len(n) > 0 {
		t.Errorf("the link to the section's url: is noted: %v", n)
	}
	files, diags := build(t, dest)
	wantNoDiagnostics(t, diags, "link", "local-link", "draft-link")
	for _, redirect := range []string{"old-conditions/index.html", "start/index.html"} {
		if len(files[redirect]) == 0 {
			t.Errorf("no redirect at %s", redirect)
		}
	}
	if !strings.Contains(string(files["old-conditions/index.html"]), "/conditions/") {
		t.Errorf("old-conditions/index.html does not lead to /conditions/:\n%s", files["old-conditions/index.html"])
	}
	if !strings.Contains(string(files["how-to/index.html"]), "Guides.") {
		t.Error("the section guides is not at its old address /how-to/")
	}
	if _, ok := files["old/index.html"]; ok && strings.Contains(string(files["old/index.html"]), "Old text.") {
		t.Error("the draft section's text is published")
	}
}

// The scan that lists the old site's public phone numbers and e-mail
// addresses under identifiers.allow went over the articles only: a
// helpline on the home page or a section's page was left for medkb check
// to report as a patient's. Now every page the import writes is scanned,
// each detail with a note at its line, and the check reports none of
// them.
func TestImportListsContactDetailsOfHomeAndSectionPages(t *testing.T) {
	t.Parallel()
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml":                    "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\n",
		"content/_index.md":            "---\ntitle: Clinic\n---\nWelcome.\n\nCall our helpline on 0300 123 4567.\n",
		"content/conditions/_index.md": "---\ntitle: Conditions\n---\nQuestions? Write to nurses@stmarys-clinic.org.uk.\n",
		"content/conditions/asthma.md": "---\ntitle: Asthma\ndate: 2024-01-01\n---\nText.\n",
	})
	_, _, data := readImportedConfig(t, dest)
	var cfg struct {
		Identifiers struct{ Allow []string } `yaml:"identifiers"`
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"0300 123 4567", "nurses@stmarys-clinic.org.uk"} {
		if !slices.Contains(cfg.Identifiers.Allow, want) {
			t.Errorf("identifiers.allow = %q, want %s in it", cfg.Identifiers.Allow, want)
		}
	}
	wantNote(t, rep, "content/_index.md", 6, importer.Human, "listed under identifiers.allow")
	wantNote(t, rep, "content/conditions/_index.md", 4, importer.Human, "listed under identifiers.allow")
	_, diags := build(t, dest)
	wantNoDiagnostics(t, diags, "identifier")
}

// A Jekyll folder's index page that becomes its section's page
// (news/index.md beside news/flu.md) kept every key of its front matter:
// its date, tags and author were written to content/news/_index.md,
// where medkb gives them no meaning, without a line. Now it keeps what a
// section's page has, as a Hugo section's _index.md does, and notes each
// other key at its line (without Hugo's publication dates, which Jekyll
// does not apply to a page); a key medkb has no meaning for stays under
// params:, listed. The import builds, the section's text on its page.
func TestImportJekyllSectionPageKeepsOrNotesEveryKey(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml": "title: Clinic\nurl: https://clinic.example.org\npermalink: pretty\n",
		"news/index.md": "---\n" +
			"title: Clinic news\n" + // 2
			"summary: What changed at the clinic.\n" + // 3
			"date: 2020-01-01\n" + // 4
			"tags: [flu]\n" + // 5
			"author: Ann Lee\n" + // 6
			"permalink: /news/\n" + // 7
			"sidebar: left\n" + // 8
			"redirect_from: [/updates/]\n" + // 9
			"---\nAll our news.\n",
		"news/flu.md": "---\ntitle: Flu clinics\ndate: 2020-01-02\n---\nFlu clinics open.\n",
	})
	fm, _ := readImportedMeta(t, dest, "news/_index.md")
	for _, k := range []string{"date", "tags", "authors", "url", "audience"} {
		if v, ok := fm[k]; ok {
			t.Errorf("news/_index.md has %s: %v", k, v)
		}
	}
	if fm["title"] != "Clinic news" || fm["summary"] != "What changed at the clinic." {
		t.Errorf("news/_index.md title, summary = %v, %v", fm["title"], fm["summary"])
	}
	if a, _ := fm["aliases"].([]any); len(a) != 1 || a[0] != "/updates/" {
		t.Errorf("news/_index.md aliases = %v, want [/updates/]", fm["aliases"])
	}
	if p, _ := fm["params"].(map[string]any); p["sidebar"] != "left" {
		t.Errorf("news/_index.md params = %v, want sidebar kept", fm["params"])
	}
	const file = "news/index.md"
	wantNote(t, rep, file, 4, importer.Changed, "date: 2020-01-01 left out of a section's page: medkb dates articles only, and publishes a section's page as long as the site has it")
	wantNote(t, rep, file, 5, importer.Changed, "tags: [flu] left out of a section's page: medkb's topic pages (/tags/) list articles")
	wantNote(t, rep, file, 6, importer.Changed, "author: Ann Lee left out of a section's page: medkb credits authors on articles")
	wantNoteWith(t, rep, file, importer.Changed, `front matter key "sidebar"`, "kept under params:")
	if n := notesContaining(rep, file, "Hugo"); len(n) > 0 {
		t.Errorf("a note on the Jekyll page speaks of Hugo: %v", n)
	}
	files, diags := build(t, dest)
	wantNoDiagnostics(t, diags, "link", "front-matter", "unknown-key")
	if news := string(files["news/index.html"]); !strings.Contains(news, "All our news.") || !strings.Contains(news, `href="/news/flu/"`) {
		t.Errorf("news/index.html lacks the section's text or its page:\n%s", news)
	}
	if _, ok := files["updates/index.html"]; !ok {
		t.Error("the old address /updates/ does not redirect to the section")
	}
}

// An alias at the address of a page medkb makes itself was left out in
// the default language only: a Spanish page's /es/search, or its
// /glossary/ (which medkb reads as /es/glossary/ on a page in es), or an
// English page's /es/feeds/, was kept, and medkb build stopped (alias
// /es/search is the address of medkb's search page). Now each is left
// out with a note at its line, in every language; the Spanish home
// page's too. Other aliases of those pages are kept and redirect.
func TestImportHugoAliasesAtMedkbsPagesInEveryLanguage(t *testing.T) {
	t.Parallel()
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml":                       "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\ndefaultContentLanguage = 'en'\n[languages.en]\n[languages.es]\n",
		"content/_index.es.md":            "---\ntitle: Clínica\naliases: [/es/search/, /es/inicio/]\n---\nBienvenidos.\n",
		"content/conditions/asthma.md":    "---\ntitle: Asthma\ndate: 2024-01-01\naliases: [/es/feeds/, /old-asthma/]\n---\nText.\n",
		"content/conditions/asthma.es.md": "---\ntitle: Asma\ndate: 2024-01-01\naliases: [/es/search, /glossary/, /es/tags/asma/, /es/viejo/]\n---\nTexto.\n",
	})
	es := "content/conditions/asthma.es.md"
	wantNote(t, rep, es, 4, importer.Changed, "alias /es/search left out: it is the address of medkb's search page of language es")
	wantNote(t, rep, es, 4, importer.Changed, "alias /glossary/ left out: it is the address of medkb's glossary of language es (medkb reads an alias of a page in es from /es/: /es/glossary/)")
	wantNote(t, rep, es, 4, importer.Changed, "alias /es/tags/asma/ left out: it is the address of medkb's topic pages of language es")
	wantNote(t, rep, "content/conditions/asthma.md", 4, importer.Changed, "alias /es/feeds/ left out: it is the address of medkb's list of feeds of language es")
	wantNote(t, rep, "content/_index.es.md", 3, importer.Changed, "alias /es/search/ left out: it is the address of medkb's search page of language es")
	for name, want := range map[string]string{"conditions/asthma.es.md": "/es/viejo/", "conditions/asthma.md": "/old-asthma/", "_index.es.md": "/es/inicio/"} {
		if fm, _ := readImportedMeta(t, dest, name); fmt.Sprint(fm["aliases"]) != "["+want+"]" {
			t.Errorf("%s aliases = %v, want [%s]", name, fm["aliases"], want)
		}
	}
	files, _ := build(t, dest)
	for _, redirect := range []string{"es/viejo/index.html", "old-asthma/index.html", "es/inicio/index.html"} {
		if len(files[redirect]) == 0 {
			t.Errorf("no redirect at %s", redirect)
		}
	}
}

// The home page the import writes when the source has none is made of
// the site's title and description, and was not scanned for contact
// details: a helpline in the description stopped medkb build as a
// possible patient identifier. Nor was any page's front matter (an
// article's summary), which medkb check scans as it scans the text. Now
// both are listed under identifiers.allow, each noted at the line of the
// source that holds it: the configuration's description, the article's
// summary. The import builds without an identifier error.
func TestImportListsContactDetailsOfTheWrittenHomePageAndFrontMatter(t *testing.T) {
	t.Parallel()
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml": "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\n[params]\n" +
			"description = 'Call our helpline on 0300 123 4567 or write to help@stmarys-clinic.org.uk'\n", // 4
		"content/conditions/asthma.md": "---\ntitle: Asthma\ndate: 2024-01-01\n" +
			"summary: Ring the asthma nurses on 0300 999 8888 for advice.\n" + // 4
			"---\nText.\n",
	})
	if home := readImported(t, dest, "_index.md"); !strings.Contains(home, "0300 123 4567") {
		t.Fatalf("the written home page lacks the site's description:\n%s", home)
	}
	_, _, data := readImportedConfig(t, dest)
	var cfg struct {
		Identifiers struct{ Allow []string } `yaml:"identifiers"`
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"0300 123 4567", "help@stmarys-clinic.org.uk", "0300 999 8888"} {
		if !slices.Contains(cfg.Identifiers.Allow, want) {
			t.Errorf("identifiers.allow = %q, want %s in it", cfg.Identifiers.Allow, want)
		}
	}
	wantNoteWith(t, rep, "hugo.toml", importer.Human, "phone number", "listed under identifiers.allow")
	wantNoteWith(t, rep, "hugo.toml", importer.Human, "email address", "listed under identifiers.allow")
	for _, n := range notesContaining(rep, "hugo.toml", "listed under identifiers.allow") {
		if n.Line != 4 {
			t.Errorf("note at line %d, want 4 (the description): %s", n.Line, n)
		}
	}
	wantNote(t, rep, "content/conditions/asthma.md", 4, importer.Human, "phone number")
	_, diags := build(t, dest)
	wantNoDiagnostics(t, diags, "identifier")
}

// A Hugo section whose _index.md is a draft stayed a draft, and the
// note said the old site did not publish it, nothing of its pages: Hugo
// 0.123 and later publish them (each that is not a draft itself) with
// no page at the section's address, medkb publishes them too and lists
// them on a page of its own there. Now the note says what differs: the
// pages published (by their files), the list page the old site did not
// have, the draft-link error a link to it is, and what Hugo 0.65 to
// 0.122 did instead. A section without a page to publish keeps the
// short note. The build publishes the pages, not the draft's text.
func TestImportHugoDraftSectionSaysWhatIsPublished(t *testing.T) {
	t.Parallel()
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml":                    "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\n",
		"content/old/_index.md":        "---\ntitle: Old\ndraft: true\n---\nOld text.\n",
		"content/old/leaflet.md":       "---\ntitle: Leaflet\ndate: 2024-01-01\n---\nLeaflet text.\n",
		"content/old/notes/dose.md":    "---\ntitle: Dose\ndate: 2024-01-01\n---\nDose text.\n",
		"content/old/wip.md":           "---\ntitle: Work in progress\ndate: 2024-01-01\ndraft: true\n---\nNot yet.\n",
		"content/plans/_index.md":      "---\ntitle: Plans\ndraft: true\n---\nPlans.\n",
		"content/plans/idea.md":        "---\ntitle: Idea\ndate: 2024-01-01\ndraft: true\n---\nAn idea.\n",
		"content/conditions/asthma.md": "---\ntitle: Asthma\ndate: 2024-01-01\n---\nText.\n",
	})
	wantNoteWith(t, rep, "content/old/_index.md", importer.Human,
		"Hugo 0.123 and later published no page at /old/ but published the section's pages that are not drafts (2: content/old/leaflet.md, content/old/notes-dose.md)",
		"lists them on a page of its own at /old/, which the old site did not have",
		"each link to /old/ as a link to a draft page",
		"Hugo 0.65 to 0.122 did not publish the section's pages either")
	wantNote(t, rep, "content/plans/_index.md", 3, importer.Human, "the old site did not publish a section's page: kept as draft: true")
	files, _ := build(t, dest)
	for _, page := range []string{"old/leaflet/index.html", "old/notes/dose/index.html"} {
		if len(files[page]) == 0 {
			t.Errorf("%s is not published", page)
		}
	}
	if list := string(files["old/index.html"]); strings.Contains(list, "Old text.") || !strings.Contains(list, `href="/old/leaflet/"`) {
		t.Errorf("old/index.html publishes the draft's text or does not list its pages:\n%s", list)
	}
}

// A Jekyll page served at an .html address keeps it as an alias of its
// medkb address; 404.md's /404.html is the address of medkb's own
// not-found page (404.md is that page's text now: search.md's
// /search.html, medkb's search page, is such an address too), and the published page's alias stopped medkb build
// (alias /404.html is the address of medkb's 404 page), while a note
// said it redirected: the check of aliases at medkb's pages ran on front
// matter only. Now the alias is left out with that check's note, and no
// note says it redirects. The import builds.
func TestImportJekyllOldHTMLAddressAtMedkbsOwnPage(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml": "title: Clinic\nurl: https://clinic.example.org\n",
		"search.md":   "---\ntitle: Search\ndate: 2024-01-01\n---\nSearch here.\n",
		"faq.md":      "---\ntitle: FAQ\ndate: 2024-01-01\n---\nAnswers.\n",
	})
	wantNoteWith(t, rep, "search.md", importer.Changed, "alias /search.html left out: it is the address of medkb's search page")
	if n := notesContaining(rep, "search.md", "redirects there"); len(n) > 0 {
		t.Errorf("a note says /404.html redirects: %v", n)
	}
	wantNoteWith(t, rep, "faq.md", importer.Changed, "the old address /faq.html is now /faq/: /faq.html redirects there")
	files, _ := build(t, dest)
	if len(files["faq.html"]) == 0 {
		t.Error("the old address /faq.html does not redirect")
	}
}

// An author named only on a page that is not an article (a section's
// page, the not-found page, a page that lists the posts) was still
// written to data/authors.yaml, an author of the site with no page, while
// the page's own note said medkb credits authors on articles. Such an
// author is left out, with a note where the page names them; one an
// article credits too is kept.
func TestImportAuthorsOfPagesThatAreNotArticles(t *testing.T) {
	t.Parallel()
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml":                    "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\n",
		"content/conditions/_index.md": "---\ntitle: Conditions\nauthor: Cy Doe\n---\n",
		"content/404.md":               "---\ntitle: Lost\nauthors: [Di Fox, Ann Lee]\n---\nGone.\n",
		"content/conditions/asthma.md": "---\ntitle: Asthma\ndate: 2024-03-05\nauthor: Ann Lee\n---\nText.\n",
	})
	wantNote(t, rep, "content/conditions/_index.md", 3, importer.Changed, `author "Cy Doe" left out of data/authors.yaml: no imported article credits them`)
	// One note says it is left out of the page and of data/authors.yaml.
	if n := notesContaining(rep, "content/conditions/_index.md", "Cy Doe"); len(n) != 1 || !strings.Contains(n[0].Message, "author: Cy Doe left out of a section's page") {
		t.Errorf("want one note on Cy Doe saying both, got %v", n)
	}
	wantNote(t, rep, "content/404.md", 3, importer.Changed, `author "Di Fox" left out of data/authors.yaml`)
	if n := notesContaining(rep, "", "Ann Lee"); len(n) != 0 {
		t.Errorf("an article's author is noted: %v", n)
	}
	var authors map[string]any
	if err := yaml.Unmarshal([]byte(readNewSiteFile(t, dest, "data/authors.yaml")), &authors); err != nil {
		t.Fatal(err)
	}
	if _, ok := authors["ann-lee"]; !ok || len(authors) != 1 {
		t.Errorf("data/authors.yaml: want ann-lee alone, got %v", authors)
	}
	files, _ := build(t, dest)
	if len(files["people/ann-lee/index.html"]) == 0 {
		t.Error("the article's author has no page")
	}

	dest, rep = importJekyll(t, map[string]string{
		"_config.yml":               "title: Clinic\n",
		"blog.html":                 "---\ntitle: Blog\nauthor: Eve Hart\n---\n{% for post in site.posts %}{{ post.title }}{% endfor %}\n",
		"_posts/2022-01-28-dose.md": "---\ntitle: Dose\n---\nText.\n",
	})
	wantNoteWith(t, rep, "blog.html", importer.Changed, `author "Eve Hart" left out of data/authors.yaml`)
	if got := readNewSiteFile(t, dest, "data/authors.yaml"); strings.Contains(got, "Eve Hart") {
		t.Errorf("data/authors.yaml lists the listing's author:\n%s", got)
	}
	build(t, dest)
}
