package importer_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/importer"
	"github.com/medkb/medkb/internal/publish"
	"github.com/medkb/medkb/internal/site"
)

// With collections_dir: set, Jekyll reads posts only from the _posts
// folders inside it (Reader#outside_configured_directory?): the top-level
// _posts/ and news/_posts/ were never published, and the importer read
// them as posts all the same. Now they are left out with a note naming
// the folder, how many posts it holds and where to move it; the posts of
// my_collections/_posts/ come in, in the categories of the folders
// between collections_dir and _posts (news), not in my_collections.
func TestImportJekyllPostsOnlyInsideCollectionsDir(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml": "title: Clinic\nurl: https://clinic.example.org\ncollections_dir: my_collections\n",
		"my_collections/_posts/2024-01-02-flu-clinic.md":     "---\ntitle: Flu clinic opens\n---\nCome in.\n",
		"my_collections/news/_posts/2024-01-05-new-hours.md": "---\ntitle: New hours\n---\nOpen later.\n",
		"_posts/2023-05-06-old.md":                           "---\ntitle: Old post\n---\nJekyll never read this.\n",
		"_posts/2023-05-07-older.md":                         "---\ntitle: Older post\n---\nNor this.\n",
		"news/_posts/2023-06-01-stray.md":                    "---\ntitle: Stray\n---\nNor this.\n",
		"about.md":                                           "---\ntitle: About\ndate: 2024-01-01\n---\nThe clinic.\n",
	})
	wantImported(t, dest, map[string]bool{
		"posts/flu-clinic.md": true,
		"posts/old.md":        false,
		"posts/older.md":      false,
		"news/stray.md":       false,
		"posts/stray.md":      false,
	})
	wantNote(t, rep, "_posts", 0, importer.Human, "not imported: 2 posts that Jekyll did not read: collections_dir: my_collections is set in _config.yml")
	wantNoteWith(t, rep, "news/_posts", importer.Human, "not imported: 1 post that Jekyll did not read", "move this folder to my_collections/news/_posts")
	var hours string
	_ = filepath.WalkDir(filepath.Join(dest, "content"), func(p string, e os.DirEntry, err error) error {
		if err == nil && e.Name() == "new-hours.md" {
			hours = p
		}
		return nil
	})
	if hours == "" {
		t.Fatal("my_collections/news/_posts/2024-01-05-new-hours.md was not imported")
	}
	r, _ := filepath.Rel(filepath.Join(dest, "content"), hours)
	meta, _ := readImportedMeta(t, dest, filepath.ToSlash(r))
	if tags := stringList(meta["tags"]); !slices.Contains(tags, "news") || slices.Contains(tags, "my_collections") {
		t.Errorf("content/%s: tags %v, want news (the folder above _posts inside collections_dir) and not my_collections", r, tags)
	}
	build(t, dest)
}

// Jekyll dates a collection's document by its file name, as it does a
// post (2024-02-03-spacer.md is of 3 February 2024), and one with no date
// at all by the time of each build (site.time), and publishes both. The
// importer made both drafts with "no publication date": the dated one
// is now dated as Jekyll dated it, and the undated one's note says
// that Jekyll published it dated by the build, that medkb does not
// invent a date, and the fixes (date:, --undated-date, --map for the
// date under another key).
func TestImportJekyllCollectionDocumentDates(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":                  "title: Clinic\nurl: https://clinic.example.org\ncollections:\n  guides:\n    output: true\n",
		"_guides/inhalers.md":          "---\ntitle: Using an inhaler\n---\nShake it first.\n",
		"_guides/nebuliser.md":         "---\ntitle: Using a nebuliser\nreviewed_date: 2023-04-05\npublished_date: 2023-03-02\n---\nFill it.\n",
		"_guides/2024-02-03-spacer.md": "---\ntitle: Spacer\n---\nAttach it.\n",
		"about.md":                     "---\ntitle: About\ndate: 2024-01-01\n---\nThe clinic.\n",
	})
	meta, _ := readImportedMeta(t, dest, "guides/2024-02-03-spacer.md")
	if d := fmt.Sprint(meta["date"]); !strings.HasPrefix(d, "2024-02-03") || meta["draft"] != nil || meta["url"] != "/guides/2024-02-03-spacer/" {
		t.Errorf("content/guides/2024-02-03-spacer.md: date %v, draft %v, url %v; want 2024-02-03 from its file name, as Jekyll dated it, published at /guides/2024-02-03-spacer/", meta["date"], meta["draft"], meta["url"])
	}
	if n := notesContaining(rep, "_guides/2024-02-03-spacer.md", "date"); len(n) != 0 {
		t.Errorf("notes on the date of a document dated by its file name: %v", n)
	}
	meta, _ = readImportedMeta(t, dest, "guides/inhalers.md")
	if meta["date"] != nil || meta["draft"] != true {
		t.Errorf("content/guides/inhalers.md: date %v, draft %v; want no date (none is invented) and a draft", meta["date"], meta["draft"])
	}
	wantNote(t, rep, "_guides/inhalers.md", 0, importer.Human, "no date: Jekyll published this document of the collection guides with the time of each build as its date (site.time), which is no date medkb can keep: imported as a draft, so it is not published; add date: YYYY-MM-DD")
	wantNoteWith(t, rep, "_guides/nebuliser.md", importer.Human, "no date: Jekyll published this document of the collection guides", "--undated-date", "--map KEY=date", "--map published_date=date")
	build(t, dest)
}

// A Hugo site's theme (theme: in the configuration, a folder of themes/)
// and its module imports on disk (in themes/ or vendored in _vendor/)
// add their content/, data/ and static/ to the site's, the site's own
// winning at the same path; module mounts whose target is static or data
// replace the default folders. The importer read none of it: the theme's
// pages, data and files were missing without a word. Now they come in as
// the site's, with one note per module saying what came from it; a
// module Hugo fetched from its path is named with what to do; a default
// folder the mounts replace is named as not read.
func TestImportHugoThemeAndModuleMounts(t *testing.T) {
	t.Parallel()
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml": "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\ntheme = 'care'\n" +
			"[[module.mounts]]\nsource = 'content'\ntarget = 'content'\n" +
			"[[module.mounts]]\nsource = 'assets/img'\ntarget = 'static/images'\n" +
			"[[module.mounts]]\nsource = 'shared'\ntarget = 'data'\n" +
			"[[module.imports]]\npath = 'github.com/clinic/leaflets'\n" +
			"[[module.imports]]\npath = 'github.com/clinic/remote'\n",
		"content/conditions/asthma.md":                                   "---\ntitle: Asthma\ndate: 2024-01-02\n---\nAsthma text. ![Logo](/images/logo.png)\n",
		"content/about.md":                                               "---\ntitle: About us\ndate: 2024-01-03\n---\nThe site's own about page.\n",
		"assets/img/logo.png":                                            png1x1,
		"static/old.txt":                                                 "not mounted: Hugo did not publish it",
		"shared/glossary.yaml":                                           "- term: COPD\n  definition: Chronic obstructive pulmonary disease.\n",
		"themes/care/content/about.md":                                   "---\ntitle: About (theme)\ndate: 2020-01-01\n---\nThe theme's about page, hidden by the site's.\n",
		"themes/care/content/privacy.md":                                 "---\ntitle: Privacy\ndate: 2023-05-06\n---\nHow we use your data.\n",
		"themes/care/static/css/care.css":                                "body{}",
		"themes/care/static/images/logo.png":                             "the theme's logo, hidden by the site's",
		"themes/care/data/glossary.yaml":                                 "- term: Theme\n  definition: hidden by the site's glossary.\n",
		"themes/care/data/footer.yaml":                                   "links:\n  - name: Contact\n",
		"themes/care/layouts/partials/footer.html":                       "{{ range .Site.Data.footer.links }}{{ .name }}{{ end }}",
		"themes/care/hugo.toml":                                          "[[module.mounts]]\nsource = 'assets/icons'\ntarget = 'static/icons'\n",
		"_vendor/github.com/clinic/leaflets/content/leaflets/inhaler.md": "---\ntitle: Inhaler leaflet\ndate: 2022-02-03\n---\nShake it.\n",
		"_vendor/github.com/clinic/leaflets/static/leaflets/inhaler.pdf": "%PDF-1.4",
	})
	wantImported(t, dest, map[string]bool{"conditions/asthma.md": true, "pages/privacy.md": true, "leaflets/inhaler.md": true})
	if meta, _ := readImportedMeta(t, dest, "pages/about.md"); meta["title"] != "About us" {
		t.Errorf("content/pages/about.md: title %q, want the site's own About us (the site wins over its theme)", meta["title"])
	}
	for name, want := range map[string]string{
		"static/images/logo.png":      png1x1,
		"static/css/care.css":         "body{}",
		"static/leaflets/inhaler.pdf": "%PDF-1.4",
	} {
		if b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name))); err != nil || string(b) != want {
			t.Errorf("%s: %q, %v; want %q", name, b, err, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "static", "old.txt")); err == nil {
		t.Error("static/old.txt imported, though the static mount replaced static/ and Hugo did not publish it")
	}
	if g := readNewSiteFile(t, dest, "data/glossary.yaml"); !strings.Contains(g, "COPD") || strings.Contains(g, "hidden") {
		t.Errorf("data/glossary.yaml, want the mounted shared/glossary.yaml's COPD and not the theme's:\n%s", g)
	}
	wantNote(t, rep, "themes/care/data/footer.yaml", 0, importer.Human, "not imported: a data file Hugo's templates read as .Site.Data.footer")
	wantNoteWith(t, rep, "hugo.toml", importer.Changed, "care: Hugo published its files with the site's own", "1 content file (themes/care/content/)", "1 data file (themes/care/data/)", "1 static file (themes/care/static/, under static/)")
	wantNoteWith(t, rep, "hugo.toml", importer.Changed, "github.com/clinic/leaflets: Hugo published its files", "1 content file (_vendor/github.com/clinic/leaflets/content/)", "1 static file")
	wantNote(t, rep, "themes/care/hugo.toml", 0, importer.Human, "the module mounts of care are not read: the importer reads the module's own content/, data/ and static/ folders only")
	wantNote(t, rep, "hugo.toml", 0, importer.Human, "module import github.com/clinic/remote is not read: it is not a folder of themes/ or _vendor/, so Hugo fetched it from its path when it built the site")
	wantNote(t, rep, "hugo.toml", 0, importer.Human, "static/ (1 file) is not imported: the module mounts whose target is static (assets/img → static/images) replace it")
	if n := notesContaining(rep, "hugo.toml", "Hugo settings medkb does not read are left out: theme"); len(n) != 0 {
		t.Errorf("theme named as a setting left out: %v", n)
	}
	build(t, dest)
}

// digital.gov's content/_index.md is front matter with layout: home and
// no title: Hugo's home page took the site's title, and the importer
// wrote a home page without one, which medkb check refused ("front
// matter has no title"). Now it has the site's title (a language's home
// page, its language's), with a note.
func TestImportHugoHomePageWithoutTitleTakesTheSiteTitle(t *testing.T) {
	t.Parallel()
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml": "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\ndefaultContentLanguage = 'en'\n" +
			"[languages.en]\nweight = 1\n[languages.es]\ntitle = 'Clínica'\nweight = 2\n",
		"content/_index.md":               "---\nlayout: home\n---\n",
		"content/_index.es.md":            "---\nlayout: home\n---\n",
		"content/conditions/asthma.md":    "---\ntitle: Asthma\ndate: 2024-01-02\n---\nText.\n",
		"content/conditions/asthma.es.md": "---\ntitle: Asma\ndate: 2024-01-02\n---\nTexto.\n",
	})
	for file, want := range map[string]string{"_index.md": "Clinic", "_index.es.md": "Clínica"} {
		if meta, _ := readImportedMeta(t, dest, file); meta["title"] != want {
			t.Errorf("content/%s: title %q, want %q", file, meta["title"], want)
		}
	}
	wantNote(t, rep, "content/_index.md", 0, importer.Changed, `the home page has no title: given the site's, "Clinic"`)
	build(t, dest)
}

// TestImportHugoDigitalGov imports a cut of the real Hugo source of
// digital.gov (testdata/hugo-digitalgov: its configuration with module
// mounts and theme: digital.gov, five content files, five data files and
// its theme's templates that read them and two of its static files),
// and holds what comes in, what becomes a note, and that the result
// builds, medkb check reporting only the site's own broken links (refs
// to pages the cut leaves out).
func TestImportHugoDigitalGov(t *testing.T) {
	t.Parallel()
	dest := filepath.Join(t.TempDir(), "site")
	rep, err := importer.Run(importer.Options{From: importer.Hugo, Source: filepath.Join("testdata", "hugo-digitalgov"), Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	// In: the home page (with the site's title, which Hugo gave it),
	// the articles, the guide's list page with text as an article at its
	// address, and the theme's static files.
	for file, title := range map[string]string{
		"_index.md": "Digital.gov",
		"resources/cdc-clear-communication-index.md":                                     "The CDC Clear Communication Index",
		"guides/mobile-principles.md":                                                    "Eight principles of mobile-friendliness",
		"news/digitalgov-monthly-theme-how-data-and-code-improve-government-services.md": "DigitalGov Monthly Theme: How Data and Code Improve Government Services",
	} {
		if meta, _ := readImportedMeta(t, dest, file); meta["title"] != title {
			t.Errorf("content/%s: title %q, want %q", file, meta["title"], title)
		}
	}
	if meta, _ := readImportedMeta(t, dest, "guides/mobile-principles.md"); !slices.Contains(stringList(meta["aliases"]), "/resources/mobile/principles/") {
		t.Errorf("content/guides/mobile-principles.md: aliases %v, want its old addresses kept", meta["aliases"])
	}
	for _, f := range []string{"static/img/digit-100.svg", "static/img/clock-icon.png"} {
		if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(f))); err != nil {
			t.Errorf("the theme's %s was not imported: %v", f, err)
		}
	}
	wantNote(t, rep, "config.yml", 0, importer.Changed, "digital.gov: Hugo published its files with the site's own, which win at the same path: imported as the site's, 2 static files (themes/digital.gov/static/, under static/)")
	wantNote(t, rep, "content/_index.md", 0, importer.Changed, `the home page has no title: given the site's, "Digital.gov"`)
	// Notes: each data file, with the theme's templates that read it;
	// the author's list page; the guide's picture, a key of
	// data/images/ that the theme's templates made a URL of.
	wantNoteWith(t, rep, "data/sitewide_alert.yml", importer.Human, "not imported: a data file Hugo's templates read as .Site.Data.sitewide_alert", "themes/digital.gov/layouts/partials/core/sitewide-alert.html:1")
	wantNoteWith(t, rep, "data/usa_identifier.yml", importer.Human, "not imported: a data file", "themes/digital.gov/layouts/partials/core/usa-identifier.html:4")
	wantNoteWith(t, rep, "data/job_board.yml", importer.Human, "not imported: a data file", "a list of 1 entry", "themes/digital.gov/layouts/job-board/list.html:45")
	wantNoteWith(t, rep, "data/images/guide-mobile-principles.yml", importer.Human, "not imported: a data file Hugo's templates read as .Site.Data.images.guide-mobile-principles", "themes/digital.gov/layouts/partials/api/primary_image.html:2")
	wantNoteWith(t, rep, "data/guidenav/mobile-principles.yml", importer.Human, "not imported: a data file")
	wantNoteWith(t, rep, "content/authors/aaron-meyers/_index.md", importer.Human, "not imported: the list page of nested section authors/aaron-meyers has no text")
	wantNote(t, rep, "content/guides/mobile-principles/_index.md", 21, importer.Human, "image: guide-mobile-principles is the page's picture, but no file of that name is in the page's bundle or the static folder")
	if n := notesContaining(rep, "config.yml", "Hugo settings medkb does not read are left out"); len(n) != 1 || strings.Contains(n[0].Message, "theme") {
		t.Errorf("want theme and themesDir read, not listed as settings left out: %v", n)
	}
	// The build stops on the site's own mistakes only: the refs of the
	// news post to posts the cut leaves out (Hugo's REF_NOT_FOUND, each
	// a note), and the guide's link to a resource the cut leaves out,
	// which medkb check reports as broken links.
	res, err := site.New(site.Options{Source: dest}).Build(context.Background(), publish.NewMem())
	if res == nil {
		t.Fatalf("the imported site does not build: %v", err)
	}
	links := 0
	for _, d := range res.Diagnostics {
		switch {
		case d.Severity != diag.Error:
		case d.Check == "link" && strings.HasPrefix(d.File, "content/news/"):
			links++
		case d.Check == "link" && strings.Contains(d.Message, "https://digital.gov/resources/delivering-digital-first-public-experience/"):
			// the guide's link to a resource the cut leaves out
		default:
			t.Errorf("the imported site reports %s", d)
		}
	}
	news := "content/news/2015/03/2015-03-10-digitalgov-monthly-theme-how-data-and-code-improve-government-services.md"
	if refs := len(notesContaining(rep, news, "names no page of the Hugo site")); links != refs || refs != 11 {
		t.Errorf("%d broken links reported in the news post, %d refs to no page noted; want 11 of each", links, refs)
	}
}

// digital.gov links its topics' pages (the list pages of the nested
// sections topics/NAME/, which are not imported) by their whole address,
// https://digital.gov/topics/plain-language/: the importer's note said
// links to them go to /topics/, but only site-rooted links did, and medkb
// check reported 197 broken links in the imported site. A link to a
// nested section's list page written with the old site's host now goes
// to the section too, with the same note.
func TestImportHugoWholeAddressOfANestedListPageGoesToItsSection(t *testing.T) {
	t.Parallel()
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml":                               "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\n",
		"content/topics/_index.md":                "---\ntitle: Topics\n---\n",
		"content/topics/plain-language/_index.md": "---\ntitle: Plain language\n---\n",
		"content/topics/plain-language/words.md":  "---\ntitle: Words\ndate: 2024-03-05\n---\nShort words.\n",
		"content/conditions/asthma.md":            "---\ntitle: Asthma\ndate: 2024-03-05\n---\nSee [plain language](https://clinic.example.org/topics/plain-language/) and [words](https://clinic.example.org/topics/plain-language/words/).\n",
	})
	body := readNewSiteFile(t, dest, "content/conditions/asthma.md")
	if !strings.Contains(body, "[plain language](/topics/)") || !strings.Contains(body, "[words](https://clinic.example.org/topics/plain-language/words/)") {
		t.Errorf("content/conditions/asthma.md: want the list page's link sent to /topics/ and the page's kept:\n%s", body)
	}
	wantNote(t, rep, "content/conditions/asthma.md", 5, importer.Changed, "link to https://clinic.example.org/topics/plain-language/, the list page of a nested section, now goes to /topics/")
	_, diags := build(t, dest)
	for _, d := range diags {
		if d.Check == "link" {
			t.Errorf("the imported site reports %s", d)
		}
	}
}
