package importer_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/importer"
)

// HealthCare.gov's 2013 Jekyll source (CMS, public domain) keeps its
// Spanish questions in _posts/questions/es/ with lang: es and
// categories: [question, es], under permalink: /:categories/:title, so
// Jekyll served them at /question/es/young-adults-aca, outside /es/; a
// Spanish quick-answer blurb without categories was at
// /qat-blurb-veterans, the English one's address too. The importer wrote
// url: //question/es/young-adults-aca/ ("/" put before an address it
// expected under /es/), which medkb check refused as absolute: 52 errors
// and no build. Now the page moves to /es/question/es/young-adults-aca/,
// where medkb publishes a page in es, links to the old address follow it,
// and a note says the old address needs a web-server redirect (medkb
// reads a Spanish page's aliases under /es/); where another page already
// has the new address (a Spanish draft at /es/question/x beside a page in
// es at /question/x, as HealthCare.gov's "am-i-eligible-to-get-insurance"
// question), a note names both for a person to choose.
func TestImportJekyllTranslationServedOutsideItsLanguageFolder(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml": "title: HealthCare.gov\nurl: https://www.healthcare.gov\npermalink: /:categories/:title\n",
		"_posts/questions/2013-05-31-young-adults-aca.md":          "---\ntitle: Young adults\nlang: en\ncategories:\n  - question\n---\nYou can stay on a parent's plan.\n",
		"_posts/questions/es/2013-05-31-young-adults-aca.md":       "---\ntitle: Jóvenes adultos\nlang: es\ncategories:\n  - question\n  - es\n---\nPuede estar cubierto bajo el plan de sus padres.\n",
		"_posts/quick-answers/2013-06-01-qat-blurb-veterans.md":    "---\ntitle: Health Coverage for Veterans\nlang: en\n---\nLearn more about veterans.\n",
		"_posts/quick-answers/es/2013-06-01-qat-blurb-veterans.md": "---\ntitle: Cobertura de Salud para Veteranos\nlang: es\n---\nConsiga más información.\n",
		"_posts/articles/es/2013-06-02-women.md":                   "---\ntitle: Mujeres\nlang: es\ncategories: es\n---\nVea [jóvenes adultos](/question/es/young-adults-aca).\n",
	})
	if got := readImported(t, dest, "questions/young-adults-aca.es.md"); !strings.Contains(got, "url: /question/es/young-adults-aca/\n") {
		t.Errorf("content/questions/young-adults-aca.es.md: want url: /question/es/young-adults-aca/ (under /es/ as medkb reads it):\n%s", got)
	}
	if got := readImported(t, dest, "articles/women.es.md"); !strings.Contains(got, "[jóvenes adultos](/es/question/es/young-adults-aca/)") {
		t.Errorf("content/articles/women.es.md: want the link at the page's new address:\n%s", got)
	}
	wantNoteWith(t, rep, "_posts/questions/es/2013-05-31-young-adults-aca.md", importer.Human,
		"the old address /question/es/young-adults-aca is not under /es/", "now at /es/question/es/young-adults-aca/",
		"nginx: location = /question/es/young-adults-aca { return 301 /es/question/es/young-adults-aca/; }")
	wantNoteWith(t, rep, "_posts/quick-answers/es/2013-06-01-qat-blurb-veterans.md", importer.Changed,
		"the old address /qat-blurb-veterans, which Jekyll gave this page (lang: es) and _posts/quick-answers/2013-06-01-qat-blurb-veterans.md alike",
		"this page is now at /es/qat-blurb-veterans/")
	built, _ := build(t, dest)
	for page, text := range map[string]string{
		"es/question/es/young-adults-aca/index.html": "Jóvenes adultos",
		"question/young-adults-aca/index.html":       "Young adults",
		"es/qat-blurb-veterans/index.html":           "Cobertura de Salud para Veteranos",
		"qat-blurb-veterans/index.html":              "Health Coverage for Veterans",
	} {
		if got := string(built[page]); !strings.Contains(got, text) {
			t.Errorf("/%s does not show %q", page, text)
		}
	}
	// An English-folder question in Spanish, and a Spanish draft at its
	// new address: both are reported, for a person to choose.
	_, rep = importJekyll(t, map[string]string{
		"_config.yml": "title: HealthCare.gov\npermalink: /:categories/:title\n",
		"_posts/questions/2013-06-03-am-i-eligible.md":    "---\ntitle: ¿Soy elegible?\nlang: es\ncategories: question\n---\nLos requisitos son.\n",
		"_posts/questions/es/2013-06-03-am-i-eligible.md": "---\npublished: \"false\"\ntitle: Test\nlang: es\ncategories:\n  - es\n  - question\n---\nTest.\n",
	})
	wantNoteWith(t, rep, "_posts/questions/2013-06-03-am-i-eligible.md", importer.Human,
		"the old address /question/am-i-eligible is not under /es/", "its place there, /es/question/am-i-eligible/, is _posts/questions/es/2013-06-03-am-i-eligible.md's: give one of them another url:")
}

// HealthCare.gov has 43 Spanish pages that Jekyll served outside /es/
// (39 questions at /question/es/…, a glossary term, the Spanish header and
// footer): the import asked for each one's web-server redirect in a note
// of its own, 43 of the 128 lines it printed. Pages of one language that
// need the redirect are now one note at _config.yml listing every old
// address and its new one, and each page a change note (--verbose) naming
// that list; a single page keeps its own note (above).
func TestImportJekyllRedirectsOutsideTheLanguageFolderAreOneNote(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml": "title: HealthCare.gov\nurl: https://www.healthcare.gov\npermalink: /:categories/:title\n",
		"_posts/questions/es/2013-05-31-young-adults-aca.md": "---\ntitle: Jóvenes adultos\nlang: es\ncategories:\n  - question\n  - es\n---\nPuede estar cubierto.\n",
		"_posts/questions/es/2013-05-31-pre-existing.md":     "---\ntitle: Condiciones preexistentes\nlang: es\ncategories:\n  - question\n  - es\n---\nNo le pueden negar cobertura.\n",
		"_posts/questions/es/2013-05-31-dental.md":           "---\ntitle: Cobertura dental\nlang: es\ncategories:\n  - question\n  - es\n---\nLa cobertura dental.\n",
	})
	if n := notesContaining(rep, "", "is not under /es/"); len(n) != 3 {
		t.Errorf("%d notes on single pages outside /es/, want 3 (one change note each):\n%v", len(n), n)
	}
	for _, n := range notesContaining(rep, "", "is not under /es/") {
		if n.Severity != importer.Changed || !strings.Contains(n.Message, "the redirect is in the list noted at _config.yml") {
			t.Errorf("a page's note asks a person, or names no list: %v", n)
		}
	}
	wantNoteWith(t, rep, "_config.yml", importer.Human, "3 pages in es (lang: es) were served outside /es/",
		"/question/es/young-adults-aca → /es/question/es/young-adults-aca/",
		"/question/es/pre-existing → /es/question/es/pre-existing/",
		"/question/es/dental → /es/question/es/dental/")
	if got := rep.Count(importer.Human); got != 1 {
		t.Errorf("%d notes need a human, want 1 (the list of redirects):\n%v", got, rep.Notes)
	}
	built, _ := build(t, dest)
	if got := string(built["es/question/es/dental/index.html"]); !strings.Contains(got, "Cobertura dental") {
		t.Errorf("/es/question/es/dental/ does not show the page")
	}
}

// HealthCare.gov's Spanish glossary term "prevention"
// (_posts/glossary/es/2013-06-17-prevention.md) and two Spanish questions
// have published: false: Jekyll wrote no file for them, yet the import
// listed their addresses outside /es/ among the web-server redirects to
// add (42 where 39 were served), and said of a Spanish article sharing
// its address with the English one that Jekyll served "the one it wrote
// last". A page Jekyll never published (published: false, or a post in
// _drafts/) gets a change note saying no redirect is needed instead, and
// is left out of the list; an English page Jekyll never published does
// not keep the address from the Spanish one it served there.
func TestImportJekyllUnpublishedPageOutsideItsLanguageFolderNeedsNoRedirect(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml": "title: HealthCare.gov\nurl: https://www.healthcare.gov\npermalink: /:categories/:title\n",
		"_posts/questions/es/2013-05-31-young-adults-aca.md": "---\ntitle: Jóvenes adultos\nlang: es\ncategories:\n  - question\n  - es\n---\nPuede estar cubierto.\n",
		"_posts/questions/es/2013-05-31-dental.md":           "---\ntitle: Cobertura dental\nlang: es\ncategories:\n  - question\n  - es\n---\nLa cobertura dental.\n",
		"_posts/glossary/es/2013-06-17-prevention.md":        "---\ntitle: Prevención\npublished: false\nlang: es\ncategories: glossary\n---\nServicios preventivos.\n",
		"_drafts/questions/es/women.md":                      "---\ntitle: Mujeres\nlang: es\ncategories:\n  - question\n  - es\n---\nBorrador.\n",
		"_posts/articles/2013-06-27-how-much.md":             "---\ntitle: How much will it cost?\nlang: en\n---\nPrices.\n",
		"_posts/articles/es/2013-06-27-how-much.md":          "---\ntitle: ¿Cuánto costará?\npublished: false\nlang: es\n---\nPrecios.\n",
		// The other way round: Jekyll served the Spanish page at /cost.
		"_posts/articles/2013-06-27-cost.md":    "---\ntitle: Cost\npublished: false\nlang: en\n---\nPrices.\n",
		"_posts/articles/es/2013-06-27-cost.md": "---\ntitle: Costo\nlang: es\n---\nPrecios.\n",
	})
	list := notesContaining(rep, "_config.yml", "pages in es (lang: es) were served outside /es/")
	if len(list) != 1 || !strings.HasPrefix(list[0].Message, "3 pages in es") || !strings.Contains(list[0].Message, "/cost → /es/cost/") {
		t.Fatalf("want one list of 3 redirects at _config.yml, /cost's among them, got %v", list)
	}
	for _, old := range []string{"/glossary/prevention", "/question/es/women", "/how-much"} {
		if strings.Contains(list[0].Message, old+" →") {
			t.Errorf("the list of redirects names %s, which Jekyll never published: %s", old, list[0].Message)
		}
	}
	wantNoteWith(t, rep, "_posts/glossary/es/2013-06-17-prevention.md", importer.Changed,
		"the address /glossary/prevention, which Jekyll made for this page (lang: es), is not under /es/", "now at /es/glossary/prevention/",
		"Jekyll never published the page (it has published: false), so the old site served nothing at /glossary/prevention and no redirect from it is needed")
	wantNoteWith(t, rep, "_drafts/questions/es/women.md", importer.Changed,
		"Jekyll never published the page (it is in _drafts/)")
	wantNoteWith(t, rep, "_posts/articles/es/2013-06-27-how-much.md", importer.Changed,
		"the address /how-much, which Jekyll made for this page", "Jekyll never published the page (it has published: false)")
	if n := notesContaining(rep, "", "serving the one it wrote last"); len(n) != 0 {
		t.Errorf("a page Jekyll never wrote is said to share an address it served: %v", n)
	}
	build(t, dest)
}

// HealthCare.gov's home page is a post, _posts/0001-01-01-home.md with
// permalink: / (and _posts/es/0001-01-01-home.md with permalink: /es/ and
// lang: es), and the site has no index.html. Each was imported as an
// article at url: /, beside the home page the importer made (empty), so
// medkb check reported two pages writing index.html (and es/index.html)
// and the build stopped, the home page's own text in an article nobody
// would reach. Now each is its language's home page, with a note.
func TestImportJekyllPostAtSlashIsTheHomePage(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":                  "title: HealthCare.gov\nurl: https://www.healthcare.gov\npermalink: /:categories/:title\n",
		"_posts/0001-01-01-home.md":    "---\npublished: true\nlayout: home\nlang: en\npermalink: /\ntitle: Health Insurance Marketplace\n---\n\n# The Health Insurance Marketplace is coming soon\n\nA new way to get affordable coverage launches October 1.\n\n- [What is the Marketplace?](/what-is-the-marketplace)\n",
		"_posts/es/0001-01-01-home.md": "---\npublished: true\nlayout: home\nlang: es\npermalink: /es/\ntitle: Mercado de Seguros Médicos\n---\n\n# El Mercado de Seguros está por comenzar\n\nEl 1 de octubre comienza una manera nueva.\n",
		"_posts/articles/2013-06-01-what-is-the-marketplace.md":    "---\ntitle: What is the Marketplace?\n---\nA new way to find coverage.\n",
		"_posts/articles/es/2013-06-01-what-is-the-marketplace.md": "---\ntitle: ¿Qué es el Mercado?\nlang: es\ncategories: es\n---\nUna manera nueva.\n",
	})
	wantImported(t, dest, map[string]bool{"posts/home.md": false, "posts/home.es.md": false, "es/home.es.md": false})
	if got := readImported(t, dest, "_index.md"); !strings.Contains(got, "A new way to get affordable coverage launches October 1.") || strings.Contains(got, "url:") {
		t.Errorf("content/_index.md: want the old home page's text and no url:\n%s", got)
	}
	if got := readImported(t, dest, "_index.es.md"); !strings.Contains(got, "El 1 de octubre comienza una manera nueva.") || strings.Contains(got, "url:") {
		t.Errorf("content/_index.es.md: want the old Spanish home page's text and no url:\n%s", got)
	}
	wantNoteWith(t, rep, "_posts/0001-01-01-home.md", importer.Changed, "served at /, the address of the home page: imported as the home page, content/_index.md")
	wantNoteWith(t, rep, "_posts/es/0001-01-01-home.md", importer.Changed, "served at /es/, the address of the home page: imported as the home page, content/_index.es.md")
	if n := notesContaining(rep, "_posts/es/0001-01-01-home.md", "the home page is at /;"); len(n) != 0 {
		t.Errorf("the Spanish home page's permalink: /es/ is said to be another address than its own: %+v", n)
	}
	built, _ := build(t, dest)
	for page, text := range map[string]string{
		"index.html":    "A new way to get affordable coverage launches October 1.",
		"es/index.html": "El 1 de octubre comienza una manera nueva.",
	} {
		if got := string(built[page]); !strings.Contains(got, text) {
			t.Errorf("/%s does not show %q", page, text)
		}
	}
}

// HealthCare.gov keeps its Spanish pages in folders named es: es/blog/
// (the Spanish blog's page, layout: blog-index), es/chat/ (a page alone
// in its folder), _posts/es/ (Spanish posts). The importer made es a
// section: content/es/_index.md, an English page at /es/, the Spanish
// home page's address (two pages writing es/index.html), and
// es/blog/index.html an article at /es/blog/, where medkb makes the
// Spanish blog's page (three feed name clashes). Now a language's folder
// is no section: the pages go to the section of the next folder (posts
// for _posts/es/), and a page at the address of a section's page in its
// language becomes that page (content/blog/_index.es.md), or, alone in
// its folder, an article there (content/pages/chat.es.md), as the
// default language's already did.
func TestImportJekyllLanguageFolderIsNoSection(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":                           "title: HealthCare.gov\nurl: https://www.healthcare.gov\npermalink: /:categories/:title\n",
		"_posts/es/2013-06-15-accessibility.md": "---\ntitle: Accesibilidad\nlang: es\ncategories: es\n---\nEl sitio es accesible.\n",
		"_posts/blog/2013-06-21-welcome.md":     "---\ntitle: Welcome\ncategories: blog\n---\nWelcome to the blog.\n",
		"_posts/blog/es/2013-06-21-welcome.md":  "---\ntitle: Bienvenidos\nlang: es\ncategories:\n  - es\n  - blog\n---\nBienvenidos al blog.\n",
		"blog/index.html":                       "---\ntitle: Health Care Blog\ncategories: blog\n---\n<p>News from the Marketplace.</p>\n",
		"es/blog/index.html":                    "---\nlayout: blog-index\ntitle: Blog del Cuidado de Salud\nlang: es\ncategories:\n  - es\n---\n<p>Noticias del Mercado.</p>\n",
		"chat/index.html":                       "---\nlayout: chat\ntitle: Chat\n---\n<p>Chat with us.</p>\n",
		"es/chat/index.html":                    "---\nlayout: chat\ntitle: Charlar\nlang: es\n---\n<p>Charle con nosotros.</p>\n",
	})
	wantImported(t, dest, map[string]bool{
		"es/_index.md": false, "posts/accessibility.es.md": true,
		"blog/_index.es.md": true, "pages/chat.es.md": true, "pages/chat.md": true,
	})
	wantNoteWith(t, rep, "es/blog/index.html", importer.Changed, "served at /es/blog/, the address of the page medkb makes for the section blog: imported as that page, content/blog/_index.es.md")
	wantNoteWith(t, rep, "es/chat/index.html", importer.Changed, "the only page of the folder es/chat/, served at /es/chat/: imported as the article content/pages/chat.es.md")
	if got := readImported(t, dest, "pages/chat.es.md"); !strings.Contains(got, "url: /chat/\n") || !strings.Contains(got, "Charle con nosotros.") {
		t.Errorf("content/pages/chat.es.md: want the Spanish chat page at /chat/ (under /es/):\n%s", got)
	}
	built, _ := build(t, dest)
	for page, text := range map[string]string{
		"es/accessibility/index.html": "El sitio es accesible.",
		"es/blog/index.html":          "Noticias del Mercado.",
	} {
		if got := string(built[page]); !strings.Contains(got, text) {
			t.Errorf("/%s does not show %q", page, text)
		}
	}
}

// HealthCare.gov's robots.txt kept crawlers out of /api/ and /es/. The
// importer copied it to static/robots.txt, where medkb refuses it (medkb
// writes robots.txt itself): an error of medkb check, a build that
// stops, and not a word in the import's notes about the rules. Now the
// file is left out with a note naming each rule medkb's robots.txt does
// not keep (a Hugo site's static/robots.txt too, which Hugo copied, and
// a sitemap.xml without front matter, which medkb refuses as well).
func TestImportOldRobotsTxtIsNotCopied(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":     "title: HealthCare.gov\nurl: https://www.healthcare.gov\n",
		"robots.txt":      "# robots.txt for healthcare.gov\nUser-agent: *\n# Directories\nDisallow: /api/\nDisallow: /es/\nSitemap: https://www.healthcare.gov/sitemap.xml\n",
		"es/robots.txt":   "User-agent: *\nDisallow: /es/\n",
		"about.md":        "---\ntitle: About\ndate: 2013-06-01\n---\nAbout the site.\n",
		"images/logo.png": "png",
	})
	if _, err := os.Stat(filepath.Join(dest, "static", "robots.txt")); err == nil {
		t.Error("static/robots.txt was copied: medkb writes robots.txt itself and refuses it")
	}
	if _, err := os.Stat(filepath.Join(dest, "static", "es", "robots.txt")); err != nil {
		t.Errorf("static/es/robots.txt, an ordinary file below the root, was not copied: %v", err)
	}
	wantNoteWith(t, rep, "robots.txt", importer.Human, "not imported: medkb writes robots.txt itself",
		"the old one's rules are gone: Disallow: /api/ (User-agent: *); Disallow: /es/ (User-agent: *);",
		"have the web server answer /robots.txt with the old file")
	build(t, dest)

	dest, rep = importHugo(t, map[string]string{
		"hugo.toml":          "title = \"Clinic\"\nbaseURL = \"https://clinic.example.org/\"\n",
		"content/about.md":   "---\ntitle: About\ndate: 2024-01-02\n---\nAbout the clinic.\n",
		"static/robots.txt":  "User-agent: *\nAllow: /\nSitemap: https://clinic.example.org/sitemap.xml\n",
		"static/sitemap.xml": "<?xml version=\"1.0\"?><urlset></urlset>\n",
	})
	wantNoteWith(t, rep, "static/sitemap.xml", importer.Changed, "not imported: medkb writes sitemap.xml itself")
	if _, err := os.Stat(filepath.Join(dest, "static", "robots.txt")); err == nil {
		t.Error("Hugo's static/robots.txt was copied: medkb writes robots.txt itself and refuses it")
	}
	wantNoteWith(t, rep, "static/robots.txt", importer.Changed, "not imported: medkb writes robots.txt itself, letting crawlers read every page and naming the sitemap, as the old one did")
	build(t, dest)
}

// HealthCare.gov's glossary has two posts for "Deductible" at
// /glossary/deductible: 2013-06-05-deductible.md, published, and
// 2013-06-07-deductible.md, published: false. medkb publishes the first
// there; its link check took the address for the draft (the file it met
// first, deductible-2.md), so each of the 13 links to the term was an
// error, "points to draft page", and the build stopped. A link to an
// address a published page has is now that page's.
func TestImportedDraftBesideAPublishedPageAtItsAddress(t *testing.T) {
	t.Parallel()
	dest, _ := importJekyll(t, map[string]string{
		"_config.yml": "title: HealthCare.gov\nurl: https://www.healthcare.gov\npermalink: /:categories/:title\n",
		"_posts/glossary/2013-06-05-deductible.md": "---\npublished: \"true\"\ntitle: Deductible\ncategories:\n  - glossary\n---\nThe amount you owe before your plan begins to pay.\n",
		"_posts/glossary/2013-06-07-deductible.md": "---\npublished: false\ntitle: Deductible\ncategories:\n  - glossary\n---\nThe amount you owe before your plan begins to pay.\n",
		"_posts/articles/2013-06-10-save-money.md": "---\ntitle: How can I save money?\n---\nMind your [deductible](/glossary/deductible).\n",
	})
	built, diags := build(t, dest) // a draft-link error stops it
	wantNoDiagnostics(t, diags, "draft-link")
	if got := string(built["glossary/deductible/index.html"]); !strings.Contains(got, "The amount you owe") {
		t.Errorf("/glossary/deductible/ does not show the published term:\n%s", got)
	}
}

// Seven of HealthCare.gov's questions hold C1 control characters in
// their UTF-8 text ("you'\u0092ll", "they\u00c2\u0092ll"): the import
// keeps the text as the old site had it, and medkb published each
// character into its pages unreported, where the Nu Html Checker found
// 46 "Forbidden code point" errors. medkb check now names each line
// with the character it stood for.
func TestImportedControlCharacterIsReported(t *testing.T) {
	t.Parallel()
	dest, _ := importJekyll(t, map[string]string{
		"_config.yml": "title: HealthCare.gov\nurl: https://www.healthcare.gov\npermalink: /:categories/:title\n",
		"_posts/questions/2013-06-01-is-my-state-running-its-own-marketplace.md": "---\ntitle: \"Is my state running the Marketplace?\"\ncategories:\n  - question\n---\n\nSome states are running the Marketplaces. If your state does, you'\u0092ll use your state'\u0092s Marketplace website instead of this one.\n",
	})
	_, diags := build(t, dest)
	var got []string
	for _, d := range diags {
		if d.Check == "control-char" {
			got = append(got, fmt.Sprintf("%s:%d %s", d.File, d.Line, d.Message))
		}
	}
	page := readImported(t, dest, "questions/is-my-state-running-its-own-marketplace.md")
	line := strings.Count(page[:strings.Index(page, "Some states")], "\n") + 1
	want := fmt.Sprintf("content/questions/is-my-state-running-its-own-marketplace.md:%d control character U+0092 in the text", line)
	if len(got) != 1 || !strings.HasPrefix(got[0], want) {
		t.Errorf("control-char diagnostics %q, want one starting %q", got, want)
	}
}

// Jekyll reads a singular category: as one category, spaces and all
// (Utils.pluralized_array_from_hash): category: Child Health put a post
// under /child%20health/ (the folder "child health"). Its tag was right
// already, but the post's old address took the two words for two
// categories, /child/health/2023/…/, so the alias kept for its old .html
// address redirected an address the old site never had and links to the
// real one went to links.external_paths.
func TestImportJekyllSingularCategoryWithSpacesIsOneFolderOfTheAddress(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":                    "title: Clinic\nurl: https://clinic.example.org\n",
		"_posts/2023-08-02-growth.md":    "---\ntitle: Growth charts\ncategory: Child Health\n---\nWeigh and measure.\n",
		"_posts/2023-08-03-see-chart.md": "---\ntitle: See the charts\n---\nSee [the charts](/child%20health/2023/08/02/growth.html).\n",
	})
	got := readImported(t, dest, "posts/growth.md")
	if !strings.Contains(got, "- /child health/2023/08/02/growth.html\n") || strings.Contains(got, "/child/health/") {
		t.Errorf("content/posts/growth.md: want the alias /child health/2023/08/02/growth.html (Jekyll's folder \"child health\"):\n%s", got)
	}
	if got := readImported(t, dest, "posts/see-chart.md"); !strings.Contains(got, "[the charts](/child%20health/2023/08/02/growth/)") {
		t.Errorf("content/posts/see-chart.md: want the link at the post's address:\n%s", got)
	}
	if n := notesContaining(rep, "", "links.external_paths"); len(n) != 0 {
		t.Errorf("the link to the post's old address is taken for another system's: %+v", n)
	}
}

// Hugo 0.155 began reading a leading-slash alias of a translated page
// (/viejo/ on a page in es) from the language's root, /es/viejo/, where
// earlier Hugo served it from the server's, /viejo/. The import could
// not tell which Hugo built the site, so its note named both readings.
// Now it reads the version from the site's build files (netlify.toml's
// HUGO_VERSION, a GitHub workflow's hugo-version:, .tool-versions) or the
// lowest module.hugoVersion.min allows, and follows that Hugo: from
// 0.155 the alias is kept with a note of the change; before, it is left
// out (medkb would read it from /es/, where the old site had no page)
// with the web-server redirect to add; unknown, both readings stay named.
func TestImportHugoAliasOfATranslationFollowsTheSitesHugoVersion(t *testing.T) {
	t.Parallel()
	site := func(extra map[string]string) map[string]string {
		files := map[string]string{
			"hugo.toml":                       "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\ndefaultContentLanguage = 'en'\n[languages.en]\n[languages.es]\n",
			"content/conditions/asthma.md":    "---\ntitle: Asthma\ndate: 2024-01-01\n---\nText.\n",
			"content/conditions/asthma.es.md": "---\ntitle: Asma\ndate: 2024-01-01\naliases: [/viejo/]\n---\nTexto.\n",
		}
		for k, v := range extra {
			files[k] = v
		}
		return files
	}
	es := "content/conditions/asthma.es.md"
	for _, tc := range []struct {
		name     string
		extra    map[string]string
		severity string
		note     string
		redirect bool // at es/viejo/
	}{
		{"netlify.toml before 0.155", map[string]string{"netlify.toml": "[build.environment]\n  HUGO_VERSION = \"0.128.0\"\n"},
			importer.Human, "alias /viejo/ left out: Hugo 0.128.0 (netlify.toml) served it at /viejo/, from the server's root (Hugo before 0.155), and medkb reads an alias of a page in es from /es/, where the old site had no page: add a redirect from /viejo/ to /es/conditions/asthma/ on the web server", false},
		{"workflow from 0.155", map[string]string{".github/workflows/hugo.yml": "jobs:\n  deploy:\n    steps:\n      - uses: peaceiris/actions-hugo@v3\n        with:\n          hugo-version: '0.156.0'\n"},
			importer.Changed, "alias /viejo/ redirects from /es/viejo/, where Hugo 0.156.0 (.github/workflows/hugo.yml) served it: an alias of a page in es is read from /es/ (Hugo 0.155 and later), as medkb reads it", true},
		{"module.hugoVersion.min", map[string]string{"hugo.toml": "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\ndefaultContentLanguage = 'en'\n[languages.en]\n[languages.es]\n[module.hugoVersion]\nmin = '0.155.0'\n"},
			importer.Changed, "alias /viejo/ redirects from /es/viejo/, where Hugo 0.155.0 or later (hugo.toml (module.hugoVersion.min)) served it", true},
		{"no version", map[string]string{".github/workflows/hugo.yml": "      - uses: peaceiris/actions-hugo@v3\n        with:\n          hugo-version: 'latest'\n"},
			importer.Human, "alias /viejo/ redirects from /es/viejo/, where Hugo 0.155 and later served it (an alias of a page in es is read from /es/); Hugo before 0.155 served it at /viejo/", true},
	} {
		dest, rep := importHugo(t, site(tc.extra))
		var found bool
		for _, n := range notesContaining(rep, es, "alias /viejo/") {
			found = found || n.Severity == tc.severity && strings.Contains(n.Message, tc.note)
		}
		if !found {
			t.Errorf("%s: want a %s note %q; notes: %+v", tc.name, tc.severity, tc.note, notesContaining(rep, es, "alias"))
		}
		files, _ := build(t, dest)
		if got := len(files["es/viejo/index.html"]) > 0; got != tc.redirect {
			t.Errorf("%s: a redirect at /es/viejo/: %v, want %v", tc.name, got, tc.redirect)
		}
	}
}

// HealthCare.gov keeps its footer links and interface words in posts that
// are all front matter, _posts/site-translations/0100-01-01-footer.yml,
// which its layouts read through site.tags.translations. Each was noted
// "Jekyll made this file from a template (it has front matter), and medkb
// writes its own styles, scripts, sitemap and feeds", which is not what
// the file is, and the fix it gave (make it again in the theme or under
// static/) is not where such words go in medkb. The note now says what
// the file was and where its content goes.
func TestImportJekyllDataPostIsNotedAsData(t *testing.T) {
	t.Parallel()
	_, rep := importJekyll(t, map[string]string{
		"_config.yml": "title: HealthCare.gov\nurl: https://www.healthcare.gov\n",
		"_posts/site-translations/0100-01-01-footer.yml": "---\npublished: true\nen:\n  footer:\n    linksbottom-left:\n      - item: Glossary\n        link: /glossary\n---\n",
		"css/all.css": "---\n---\n@import \"main\";\n",
	})
	wantNoteWith(t, rep, "_posts/site-translations/0100-01-01-footer.yml", importer.Human,
		"not imported: a post that is not Markdown or HTML (.yml), whose front matter the old site's templates read as data",
		"put what readers still need in medkb's menu (menu: in medkb.yaml, each entry a name and a url), the theme's words (i18n/LANG.yaml) or a page")
	if n := notesContaining(rep, "_posts/site-translations/0100-01-01-footer.yml", "medkb writes its own styles"); len(n) != 0 {
		t.Errorf("the data post is said to be a template-made file: %+v", n)
	}
	wantNoteWith(t, rep, "css/all.css", importer.Human, "not imported: Jekyll made this file from a template")
}
