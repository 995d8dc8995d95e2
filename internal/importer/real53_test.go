package importer_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/importer"
)

// CoronaCheck.nl's Jekyll source (minvws/nl-covid19-coronacheck-website,
// EUPL-1.2) leaves its guidepost pages out of the offline build with
// exclude: entries written without the extension, "en/guidepost" and
// "en/guidepost-in-app": Jekyll leaves out every file and folder whose
// path starts with an entry (EntryFilter#glob_include?), so neither
// en/guidepost.md nor en/guidepost-in-app.md was published. The importer
// compared whole paths only: it imported both, each with the alias
// /guidepost (redirect_from), and medkb build --drafts stopped on one
// address redirecting to two pages. Now exclude: leaves out what Jekyll
// left out, patterns (*) included, and a line names the pages.
func TestImportJekyllExcludeMatchesAsJekyllDoes(t *testing.T) {
	t.Parallel()
	page := "---\nlayout: content\nlang: en\ntitle: Guidepost\nredirect_from:\n    - /guidepost\n---\nCan't make a certificate with CoronaCheck? Read what you can do.\n"
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":                "title: CoronaCheck\nexclude:\n  - en/faq.md\n  - en/guidepost\n  - en/guidepost-in-app\n  - \"*.bak.md\"\n  - print-portal/\n",
		"en/guidepost.md":            page,
		"en/guidepost-in-app.md":     page,
		"en/faq.md":                  "---\ntitle: FAQ\n---\nQuestions.\n",
		"en/privacy.md":              "---\ntitle: Privacy\n---\nYour data.\n",
		"en/old.bak.md":              "---\ntitle: Old\n---\nOld.\n",
		"print-portal/index.html":    "---\ntitle: Print\n---\n<p>Print</p>\n",
		"print-portal/help/howto.md": "---\ntitle: How to print\n---\nPrint it.\n",
		"print-portals.md":           "---\ntitle: Print portals\n---\nKept: print-portal/ leaves out the folder only.\n",
	})
	for _, gone := range []string{"en/guidepost.md", "en/guidepost-in-app.md", "en/faq.md", "en/old.bak.md", "print-portal/howto.md", "print-portal/_index.md"} {
		if _, err := os.Stat(filepath.Join(dest, "content", gone)); err == nil {
			t.Errorf("content/%s imported, though exclude: left it out of the old site", gone)
		}
	}
	readImported(t, dest, "en/privacy.md")
	readImported(t, dest, "pages/print-portals.md")
	wantNoteWith(t, rep, "_config.yml", importer.Changed, "6 pages not imported, as Jekyll did not publish them: exclude: lists them",
		"en/faq.md", "en/guidepost-in-app.md", "en/guidepost.md", "en/old.bak.md", "print-portal/ (2)")
	build(t, dest)
}

// CoronaCheck.nl keeps its questions and answers in Jekyll collections
// (_questions/en/…, 106 documents, and six more collections), published
// as pages at /:categories/:name/ by the configuration the live site was
// built with, _config-3g.yml (jekyll build --config), and shown only
// through loops over site.questions by its _config.yml, the offline one,
// which also excludes them. The importer read neither collections: nor
// the other configuration files and skipped every folder starting with _
// without a line: the site's questions, its main content, vanished
// unmentioned. Now each collection not imported has a line saying
// why and what to do (since session 58 one Jekyll published is imported,
// with a line saying where), a collection exclude:
// lists is named in exclude:'s line, and each other _config file is
// named as not read.
func TestImportJekyllCollectionsAndOtherConfigsAreNamed(t *testing.T) {
	t.Parallel()
	question := "---\ntitle: How does the CoronaCheck app work?\n---\nAs a visitor, you get vaccinated or tested for coronavirus.\n"
	_, rep := importJekyll(t, map[string]string{
		"_config.yml": "title: CoronaCheck\ncollections:\n  questions:\n    output: true\n    permalink: /:categories/:name/\n" +
			"  faqcategories:\n    output: false\n  announcements:\n    output: false\nexclude:\n  - _announcements\n",
		"_config-3g.yml": "collections:\n  questions:\n    output: true\n",
		"_questions/en/1-1-hoe-werkt-de-coronacheck-app.md": question,
		"_questions/nl/1-1-hoe-werkt-de-coronacheck-app.md": question,
		"_faqcategories/en/01-hoe-werkt-coronacheck.md":     "---\ntitle: How CoronaCheck works\n---\n",
		"_announcements/en/01-announcement.md":              "---\ntitle: Busy\n---\nIt is busy.\n",
		"en/privacy.md":                                     "---\ntitle: Privacy\n---\nYour data.\n",
	})
	// Session 58: a collection Jekyll published is imported (real58_test.go).
	wantNoteWith(t, rep, "_config.yml", importer.Changed, "the collection questions (_questions/, 2 documents), which Jekyll published (output: true): imported as the section questions", "permalink: /:categories/:name/")
	wantNoteWith(t, rep, "_config.yml", importer.Human, "the collection faqcategories (_faqcategories/, 1 document) is not imported", "Jekyll did not publish its documents as pages (output: false)", "through site.faqcategories")
	wantNoteWith(t, rep, "_config.yml", importer.Changed, "1 page not imported", "_announcements/ (1, the collection announcements)")
	wantNoteWith(t, rep, "_config-3g.yml", importer.Human, "not read: the importer reads _config.yml", "jekyll build --config _config-3g.yml")
	// The team then copies _config-3g.yml over _config.yml: the copy
	// left beside it is the configuration read, and gets no line.
	cfg := "title: CoronaCheck\ncollections:\n  questions:\n    output: true\n"
	_, rep = importJekyll(t, map[string]string{"_config.yml": cfg, "_config-3g.yml": cfg, "en/privacy.md": "---\ntitle: Privacy\n---\nYour data.\n"})
	if n := notesContaining(rep, "_config-3g.yml", "not read"); len(n) != 0 {
		t.Errorf("_config-3g.yml, the same as _config.yml, named as not read: %v", n)
	}
}

// CoronaCheck.nl's sorry/ folder holds index.html, the page shown when
// the app is too busy, without front matter (Jekyll copied it as it
// was, to /sorry/index.html), and readme.md, which the importer took for
// a page of a section sorry. medkb copied the one to static/ and made
// the other section's page at the same address: medkb check reported
// "content/sorry/_index.md and static/sorry/index.html both write
// sorry/index.html" and the build stopped. Now the page goes in pages,
// its address kept, with a line; the copied file keeps /sorry/.
func TestImportJekyllStaticFolderIndexIsNoSection(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":      "title: CoronaCheck\n",
		"sorry/index.html": "<!DOCTYPE html>\n<html lang=\"nl\"><head><title>Sorry</title></head><body><p>Het is erg druk.</p></body></html>\n",
		"sorry/readme.md":  "---\ntitle: Sorry-page\ndate: 2021-06-01\n---\nThe file in this folder is shown when there is too much traffic within the app.\n",
		"en/privacy.md":    "---\ntitle: Privacy\ndate: 2021-06-01\n---\nYour data.\n",
	})
	if got := readImported(t, dest, "pages/readme.md"); !strings.Contains(got, "url: /sorry/readme/\n") {
		t.Errorf("content/pages/readme.md: want its old address kept:\n%s", got)
	}
	if _, err := os.Stat(filepath.Join(dest, "content", "sorry")); err == nil {
		t.Errorf("content/sorry/ made: a section's page at /sorry/, the address of the copied sorry/index.html")
	}
	wantNoteWith(t, rep, "sorry/readme.md", importer.Changed, "in pages, not in a section sorry", "served /sorry/ from sorry/index.html")
	built, _ := build(t, dest)
	if got := string(built["sorry/index.html"]); !strings.Contains(got, "Het is erg druk.") {
		t.Errorf("/sorry/index.html is not the old site's file:\n%s", got)
	}
	if got := string(built["sorry/readme/index.html"]); !strings.Contains(got, "too much traffic") {
		t.Errorf("/sorry/readme/ does not show the page")
	}
}

// CoronaCheck.nl's accessibility statement is titled
// "Toegankelijkheids&shy;verklaring": Jekyll's templates wrote the title
// into the page as HTML (Liquid does not escape), so the long Dutch word
// could break at the soft hyphen. medkb writes a title as text, so the
// imported page's heading, its <title> and its search result read
// "Toegankelijkheids&shy;verklaring" as typed. Now a Jekyll title's
// character references become the characters, with a line.
func TestImportJekyllTitleCharacterReferences(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":                       "title: CoronaCheck\nlang: nl\n",
		"nl/toegankelijkheidsverklaring.md": "---\nlang: nl\ntitle: Toegankelijkheids&shy;verklaring\ndate: 2021-06-01\n---\nCoronaCheck moet voor iedereen toegankelijk zijn.\n",
		"nl/vragen.md":                      "---\nlang: nl\ntitle: Vragen &amp; antwoorden\ndate: 2021-06-01\n---\nVeelgestelde vragen.\n",
	})
	wantNoteWith(t, rep, "nl/toegankelijkheidsverklaring.md", importer.Changed, "title: &shy;: the old site's templates wrote the title into the page as HTML", "now the character itself")
	built, _ := build(t, dest)
	for page, want := range map[string]string{
		"nl/toegankelijkheidsverklaring/index.html": "<h1>Toegankelijkheids\u00adverklaring</h1>",
		"nl/vragen/index.html":                      "<h1>Vragen &amp; antwoorden</h1>",
	} {
		got := string(built[page])
		if !strings.Contains(got, want) || strings.Contains(got, "&amp;shy;") || strings.Contains(got, "&amp;amp;") {
			t.Errorf("/%s: want %q, and no reference shown as typed", page, want)
		}
	}
}

// CoronaCheck.nl writes its phone numbers and its links to the
// government's pages from a data file, in the page's language:
// "call their back office on {{ site.data.links.phone-ggd[page.lang] }}",
// _data/links.yml holding phone-ggd: {nl: …, en: …}. Each came in as an
// HTML comment (150 on the site's live configuration), the sentence left
// without the number it named. Now a data value that is text is written
// in its place, in the page's language, with a line; an expression with
// a filter, or a value that is no text, is still reported.
func TestImportJekyllDataValuesAreWrittenIn(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":     "title: CoronaCheck\nlang: nl\n",
		"_data/links.yml": "phone-ggd:\n  nl: '<a href=\"tel:08005090\">0800-5090</a>'\n  en: '<a href=\"tel:08005090\">0800-5090</a> (from abroad +31 20 0000000)'\nhelpdesk: 'helpdesk@coronacheck.nl'\nlist:\n  - a\n",
		"nl/wegwijzer.md": "---\nlang: nl\ntitle: Wegwijzer\ndate: 2022-01-01\n---\nBel de GGD op {{ site.data.links.phone-ggd[page.lang] }} of mail {{ site.data.links.helpdesk }}.\n\nLijst: {{ site.data.links.list }}. Klein: {{ site.data.links.helpdesk | upcase }}.\n",
		"en/guidepost.md": "---\nlang: en\ntitle: Guidepost\ndate: 2022-01-01\n---\nCall the GGD on {{ site.data.links.phone-ggd[page.lang] }}.\n",
	})
	if got := readImported(t, dest, "nl/wegwijzer.md"); !strings.Contains(got, "Bel de GGD op <a href=\"tel:08005090\">0800-5090</a> of mail helpdesk@coronacheck.nl.") {
		t.Errorf("content/nl/wegwijzer.md: want the Dutch number and the address written in:\n%s", got)
	}
	if got := readImported(t, dest, "en/guidepost.en.md"); !strings.Contains(got, "(from abroad +31 20 0000000)") {
		t.Errorf("content/en/guidepost.en.md: want the English value:\n%s", got)
	}
	wantNoteWith(t, rep, "nl/wegwijzer.md", importer.Changed, "{{ site.data.links.phone-ggd[page.lang] }} written as the text it made, from _data/links.yml")
	wantNoteWith(t, rep, "nl/wegwijzer.md", importer.Human, "{{ site.data.links.list }} cannot be translated")
	wantNoteWith(t, rep, "nl/wegwijzer.md", importer.Human, "{{ site.data.links.helpdesk | upcase }} cannot be translated")
}
