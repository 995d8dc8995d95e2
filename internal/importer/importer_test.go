package importer_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/importer"
	"github.com/medkb/medkb/internal/publish"
	"github.com/medkb/medkb/internal/site"
	"go.yaml.in/yaml/v3"
)

// build builds the imported site into memory and returns its files and
// diagnostics; a build error fails the test.
func build(t *testing.T, dir string) (map[string][]byte, []diag.Diagnostic) {
	t.Helper()
	mem := publish.NewMem()
	res, err := site.New(site.Options{Source: dir}).Build(context.Background(), mem)
	if err != nil {
		var msgs []string
		if res != nil {
			for _, d := range res.Diagnostics {
				msgs = append(msgs, d.String())
			}
		}
		t.Fatalf("the imported site does not build: %v\n%s", err, strings.Join(msgs, "\n"))
	}
	return mem.Files(), res.Diagnostics
}

// importHugo imports the Hugo site of files into a new folder, failing
// the test on an error, and returns the folder and the report.
func importHugo(t *testing.T, files map[string]string) (string, *importer.Report) {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "site")
	rep, err := importer.Run(importer.Options{From: importer.Hugo, Source: writeTree(t, files), Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	return dest, rep
}

// wantImported checks which files of content/ the import at dest wrote:
// want[name] true for written, false for not.
func wantImported(t *testing.T, dest string, want map[string]bool) {
	t.Helper()
	for name, w := range want {
		if _, err := os.Stat(filepath.Join(dest, "content", filepath.FromSlash(name))); (err == nil) != w {
			t.Errorf("content/%s imported: %v, want %v", name, err == nil, w)
		}
	}
}

func notesContaining(rep *importer.Report, file, text string) []importer.Note {
	var out []importer.Note
	for _, n := range rep.Notes {
		if strings.HasSuffix(n.File, file) && strings.Contains(n.Message, text) {
			out = append(out, n)
		}
	}
	return out
}

var (
	mdImageRe = regexp.MustCompile(`!\[([^\]]*)\]\(`)
	mdLinkRe  = regexp.MustCompile(`[^!]\[[^\]]*\]\(([^)\s]+)`)
)

// TestImportJekyllHealthCareGov imports real public content — the 2013
// Jekyll source of HealthCare.gov, English and Spanish, with placeholder
// dates, helpline numbers, raw HTML and Liquid — builds it, and holds that
// nothing was lost without a note.
func TestImportJekyllHealthCareGov(t *testing.T) {
	t.Parallel()
	src := filepath.Join("testdata", "jekyll-healthcare.gov")
	dest := filepath.Join(t.TempDir(), "site")
	rep, err := importer.Run(importer.Options{From: importer.Jekyll, Source: src, Dest: dest, UndatedDate: "2013-10-01",
		KeyMap: map[string]string{"meta-description": "description", "bite": "summary"}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Pages != 12 || rep.Files != 2 {
		t.Errorf("imported %d pages and %d files, want 12 (the 12 posts) and 2 (an image and LICENSE.txt)", rep.Pages, rep.Files)
	}
	files, diags := build(t, dest)
	for _, d := range diags {
		if d.Severity == diag.Error {
			t.Errorf("error in the imported site: %s", d)
		}
	}

	var html strings.Builder
	for name, b := range files {
		if strings.HasSuffix(name, ".html") {
			html.Write(b)
		}
	}
	out := html.String()
	// No placeholder year reaches a page or a feed.
	for name, b := range files {
		if strings.Contains(string(b), "0001-0") || strings.Contains(string(b), " 0001") {
			t.Errorf("%s shows the placeholder year 0001", name)
		}
	}
	// Every image's alt text and every link of the source survives, or a
	// note names it.
	err = filepath.WalkDir(filepath.Join(src, "_posts"), func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, _ := os.ReadFile(p)
		for _, m := range mdImageRe.FindAllStringSubmatch(string(b), -1) {
			if !strings.Contains(out, `alt="`+m[1]+`"`) {
				t.Errorf("%s: alt text %q lost", p, m[1])
			}
		}
		for _, m := range mdLinkRe.FindAllStringSubmatch(string(b), -1) {
			dest := m[1]
			if strings.Contains(dest, "://") || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "mailto:") {
				if !strings.Contains(out, `href="`+dest) {
					t.Errorf("%s: link %s lost", p, dest)
				}
				continue
			}
			path := strings.TrimSuffix(strings.SplitN(dest, "#", 2)[0], "/")
			if !strings.Contains(out, `href="`+path+`/"`) && !strings.Contains(out, `href="`+path) &&
				len(notesContaining(rep, "", "link to "+path)) == 0 {
				t.Errorf("%s: link %s neither kept nor reported", p, dest)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	// Every raw-HTML element and every anchor survives, or a warning at
	// its line names what was removed.
	var pages []importedPage
	err = filepath.WalkDir(filepath.Join(src, "_posts"), func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		slug := strings.TrimSuffix(e.Name()[len("2006-01-02-"):], ".md")
		imported, output := slug+".md", slug+"/index.html"
		if filepath.Base(filepath.Dir(p)) == "es" {
			imported, output = slug+".es.md", "es/"+output
		}
		m, _ := filepath.Glob(filepath.Join(dest, "content", "*", imported))
		if len(m) != 1 {
			t.Errorf("%s: imported as %v, want one content/*/%s", p, m, imported)
			return nil
		}
		rel, _ := filepath.Rel(dest, m[0])
		pages = append(pages, importedPage{source: p, imported: filepath.ToSlash(rel), output: output})
		return nil
	})
	if err != nil || len(pages) != 12 {
		t.Fatalf("%d pages to compare (%v), want 12", len(pages), err)
	}
	// The fixture's raw HTML: four <br/>, two button links (type= and an
	// empty href removed), a <script> removed; one id; two links to an
	// anchor of a page the import did not bring.
	want := lossCounts{raw: 7, warned: 4, ids: 1, anchorLinks: 2}
	if got := assertNoSilentLoss(t, rep, dest, pages, files, diags); got != want {
		t.Errorf("compared %+v, want %+v", got, want)
	}

	// The Spanish pages are translations of the English ones, under /es/.
	if es := string(files["es/can-i-keep-my-own-doctor/index.html"]); !strings.Contains(es, `lang="es"`) || !strings.Contains(es, "¿Puedo quedarme con mi médico?") {
		t.Errorf("the Spanish translation is missing or not Spanish")
	}
	// The help centre's helplines are the organisation's public numbers:
	// listed for a person to confirm, and not reported as patient data.
	if n := notesContaining(rep, "help-center.md", "identifiers.allow"); len(n) != 2 || n[0].Line != 25 || n[1].Line != 27 || n[0].Severity != importer.Human {
		t.Errorf("helpline notes = %+v, want two at line 25 and 27", n)
	}
	cfg, _ := os.ReadFile(filepath.Join(dest, "medkb.yaml"))
	for _, want := range []string{"1-800-318-2596", "unsafe: true", "- /glossary/", "base_url: https://www.healthcare.gov/"} {
		if !strings.Contains(string(cfg), want) {
			t.Errorf("medkb.yaml lacks %q:\n%s", want, cfg)
		}
	}
	// Keys medkb has no use for are kept under params, and said so.
	if n := notesContaining(rep, "", `"seo-keywords"`); len(n) != 1 {
		t.Errorf("seo-keywords notes = %+v", n)
	}
	page, _ := os.ReadFile(filepath.Join(dest, "content", "articles", "help-center.md"))
	for _, want := range []string{"seo-keywords: help center, insurance help, assistance", "url: /help-center/",
		"summary: ", "authors:\n    - publisher", "date: \"2013-10-01\""} {
		if !strings.Contains(string(page), want) {
			t.Errorf("help-center.md lacks %q:\n%s", want, page)
		}
	}
	if strings.Contains(string(page), "{{") {
		t.Errorf("Liquid left in help-center.md:\n%s", page)
	}
}

func TestImportUndatedArticlesAreDraftsWithANote(t *testing.T) {
	t.Parallel()
	src := filepath.Join("testdata", "jekyll-healthcare.gov")
	dest := filepath.Join(t.TempDir(), "site")
	rep, err := importer.Run(importer.Options{From: importer.Jekyll, Source: src, Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Drafts != 8 {
		t.Errorf("%d drafts, want the 8 posts dated 0001-02-01", rep.Drafts)
	}
	if n := notesContaining(rep, "0001-02-01-help-center.md", "no publication date"); len(n) != 1 || n[0].Severity != importer.Human {
		t.Errorf("notes = %+v", n)
	}
	files, _ := build(t, dest)
	if _, ok := files["help-center/index.html"]; ok {
		t.Error("an undated article was published")
	}
	if _, ok := files["how-much-will-marketplace-insurance-cost/index.html"]; !ok {
		t.Error("a dated article was not published")
	}
	// The importer never writes over a site.
	if _, err := importer.Run(importer.Options{From: importer.Jekyll, Source: src, Dest: dest}); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("import into a non-empty folder: %v", err)
	}
}

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// A 1×1 PNG.
const png1x1 = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"

func TestImportHugo(t *testing.T) {
	t.Parallel()
	src := writeTree(t, map[string]string{
		"hugo.toml":                    "baseURL = 'https://clinic.example.org/'\ntitle = 'Riverside Clinic'\nlanguageCode = 'en-gb'\n[params]\ndescription = 'Health information'\n",
		"content/_index.md":            "---\ntitle: Home\n---\nWelcome.\n",
		"content/conditions/_index.md": "+++\ntitle = 'Conditions'\n+++\n",
		"content/conditions/asthma/index.md": "+++\ntitle = 'Asthma'\ndate = 2024-03-05T10:00:00Z\npublishDate = 2024-03-06\nexpiryDate = 2030-01-01\nauthor = 'Dr Jane Smith'\ncategories = ['lungs']\ntoc = true\n+++\n" +
			"Asthma narrows the airways.\n\n{{< figure src=\"peak-flow.png\" alt=\"A peak flow meter\" caption=\"Peak flow\" >}}\n\nSee [COPD]({{< ref \"conditions/lungs/copd.md\" >}}).\n\n{{< youtube abc123 >}}\n\n*[COPD]: chronic obstructive pulmonary disease\n",
		"content/conditions/asthma/peak-flow.png": png1x1,
		"content/conditions/lungs/copd.md":        "---\ntitle: COPD\ndate: 2018-10-6\ndescription: A long-term lung disease.\n---\nCOPD makes breathing hard. Back to [asthma](/conditions/asthma/).\n",
		"content/conditions/lungs/copd.es.md":     "---\ntitle: EPOC\ndate: 2019-01-02\n---\nLa EPOC dificulta la respiración.\n",
	})
	dest := filepath.Join(t.TempDir(), "site")
	rep, err := importer.Run(importer.Options{From: importer.Hugo, Source: src, Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	asthma, _ := os.ReadFile(filepath.Join(dest, "content", "conditions", "asthma.md"))
	for _, want := range []string{"publish_date: \"2024-03-06\"", "expires: \"2030-01-01\"", "authors:\n    - dr-jane-smith",
		"tags:\n    - lungs", "![A peak flow meter](/conditions/asthma/peak-flow.png \"Peak flow\")", "[COPD](/conditions/lungs/copd/)",
		"<!-- medkb import: {{< youtube abc123 >}} -->", "toc: true"} {
		if !strings.Contains(string(asthma), want) {
			t.Errorf("asthma.md lacks %q:\n%s", want, asthma)
		}
	}
	if strings.Contains(string(asthma), "*[COPD]") {
		t.Errorf("the abbreviation line stayed in the body")
	}
	for _, c := range []struct{ file, text string }{
		{"asthma/index.md", "shortcode youtube cannot be translated"},
		{"asthma/index.md", "abbreviation COPD moved to the glossary"},
		{"lungs/copd.md", "nested section conditions/lungs flattened"},
	} {
		if len(notesContaining(rep, c.file, c.text)) == 0 {
			t.Errorf("no note %q for %s: %v", c.text, c.file, rep.Notes)
		}
	}
	if n := notesContaining(rep, "asthma/index.md", "youtube"); len(n) != 1 || n[0].Line != 16 {
		t.Errorf("the youtube note is not at line 16, once: %+v", n)
	}
	files, diags := build(t, dest)
	for _, d := range diags {
		if d.Severity == diag.Error {
			t.Errorf("error in the imported site: %s", d)
		}
	}
	for _, want := range []string{"conditions/asthma/index.html", "conditions/asthma/peak-flow.png", "conditions/lungs/copd/index.html", "es/conditions/lungs/copd/index.html"} {
		if _, ok := files[want]; !ok {
			t.Errorf("%s not published", want)
		}
	}
	if !strings.Contains(string(files["conditions/asthma/index.html"]), `alt="A peak flow meter"`) {
		t.Error("the figure's alt text was lost")
	}
	gl, _ := os.ReadFile(filepath.Join(dest, "data", "glossary.yaml"))
	if !strings.Contains(string(gl), "chronic obstructive pulmonary disease") {
		t.Errorf("glossary.yaml = %s", gl)
	}
}

// TestImportVAGovHealthPages imports a second real source — seven VA.gov
// mental-health pages, a Metalsmith tree of Markdown pages with raw-HTML
// expanders, scripts, crisis-line numbers and a lastupdate: date — builds
// it with zero errors, and compares every raw-HTML element, anchor and
// link of the source with the output or a warning or note naming it.
func TestImportVAGovHealthPages(t *testing.T) {
	t.Parallel()
	src := filepath.Join("testdata", "vagov-content")
	dest := filepath.Join(t.TempDir(), "site")
	rep, err := importer.Run(importer.Options{From: importer.Jekyll, Source: src, Dest: dest,
		KeyMap: map[string]string{"lastupdate": "date"}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Pages != 7 || rep.Drafts != 0 {
		t.Errorf("imported %d pages, %d drafts; want 7 dated pages", rep.Pages, rep.Drafts)
	}
	files, diags := build(t, dest)
	for _, d := range diags {
		if d.Severity == diag.Error {
			t.Errorf("error in the imported site: %s", d)
		}
	}
	for name, b := range files {
		if strings.Contains(string(b), "0001-0") || strings.Contains(string(b), " 0001") {
			t.Errorf("%s shows the placeholder year 0001", name)
		}
	}
	var pages []importedPage
	root := filepath.Join(src, "health-care")
	err = filepath.WalkDir(root, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		pages = append(pages, importedPage{source: p,
			imported: "content/health-care/" + e.Name(),
			output:   strings.TrimSuffix(filepath.ToSlash(rel), ".md") + "/index.html"})
		return nil
	})
	if err != nil || len(pages) != 7 {
		t.Fatalf("%d pages to compare (%v), want 7", len(pages), err)
	}
	// 366 raw elements; 29 removals warned (onclick, <button>, <script>,
	// markdown=“1”); 28 ids (expanders, accordions); 2 in-page anchor links.
	want := lossCounts{raw: 366, warned: 29, ids: 28, anchorLinks: 2}
	if got := assertNoSilentLoss(t, rep, dest, pages, files, diags); got != want {
		t.Errorf("compared %+v, want %+v", got, want)
	}
	// Every link of the source is a link of its page (raw hrefs removed
	// with a warning aside), or a note names it.
	for _, pg := range pages {
		hrefs := map[string]bool{}
		for _, n := range elementsOf(t, files[pg.output]) {
			if v, ok := attrOf(n, "href"); ok {
				hrefs[v] = true
			}
		}
		for _, l := range parseMarkdownFile(t, pg.source).links {
			if hrefs[l] || strings.HasPrefix(l, "#") && hrefs[pg.output] {
				continue
			}
			path := strings.TrimSuffix(strings.SplitN(l, "#", 2)[0], "/")
			if !strings.Contains(l, ":") && (hrefs[path+"/"] || len(notesContaining(rep, "", "link to "+path)) > 0) {
				continue
			}
			if !warnedAtAny(diags, "attribute href on <a> removed", l) {
				t.Errorf("%s: link %s is neither on %s nor named by a warning or note", pg.source, l, pg.output)
			}
		}
	}
	// The Veterans Crisis Line: its numbers are the organisation's, listed
	// for a person to confirm, and its text-line link survives.
	cfg, _ := os.ReadFile(filepath.Join(dest, "medkb.yaml"))
	for _, want := range []string{"1-800-273-8255", "1-800-799-4889"} {
		if !strings.Contains(string(cfg), want) {
			t.Errorf("medkb.yaml lacks the crisis line %q", want)
		}
	}
	page := string(files["health-care/health-needs-conditions/mental-health/suicide-prevention/index.html"])
	for _, want := range []string{`href="sms:838255"`, `href="tel:+1-800-273-8255"`, "2017-06-28"} {
		if !strings.Contains(page, want) {
			t.Errorf("the suicide prevention page lacks %s", want)
		}
	}
}

// warnedAtAny reports whether a warning's message contains both texts.
func warnedAtAny(diags []diag.Diagnostic, a, b string) bool {
	for _, d := range diags {
		if d.Severity == diag.Warning && strings.Contains(d.Message, a) && strings.Contains(d.Message, b) {
			return true
		}
	}
	return false
}

// TestImportHugoSiteAsHugoSeesIt imports a Hugo site laid out as larger
// Hugo sites are (Hugo's own documentation among them): configuration in
// config/_default/ (languages.toml, module.toml), English content mounted
// from content/en and Spanish from content/es by contentDir, a headless
// bundle of snippets under a cascade of build.render: never, a section
// that renders its own page over its cascade, and a headless leaf bundle.
// Pages come in at the addresses Hugo gives them, refs resolve within a
// page's language, what Hugo does not render is left out with one note
// naming it, and a link to a missing page of an imported section is noted
// as broken rather than handed to links.external_paths.
func TestImportHugoSiteAsHugoSeesIt(t *testing.T) {
	t.Parallel()
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml":                       "baseURL = 'https://clinic.example.org/'\ntitle = 'Overridden by config/_default/'\n[module.hugoVersion]\nmin = '0.120.0'\n",
		"config/_default/hugo.toml":       "title = 'Riverside Clinic'\ndefaultContentLanguage = 'EN'\n",
		"config/_default/languages.toml":  "[languages]\n[languages.EN]\nweight = 1\n[languages.es]\nweight = 2\ncontentDir = 'content/es'\n",
		"config/_default/params.yaml":     "sizes: {100: small}\nlimit: .inf\n",
		"config/_default/module.toml":     "[[mounts]]\nsource = 'content/en'\ntarget = 'content'\nlang = 'en'\n[[mounts]]\nsource = 'content/es'\ntarget = 'content'\n[mounts.sites.matrix]\nlanguages = ['es']\n[[mounts]]\nsource = 'content/shared'\ntarget = 'content/shared'\n[mounts.sites.matrix]\nlanguages = ['**']\n",
		"content/en/_index.md":            "---\ntitle: Home\ncascade:\n  - target: {kind: '{taxonomy,term}'}\n    build: {render: never}\n---\nWelcome.\n",
		"content/en/conditions/_index.md": "---\ntitle: Conditions\n---\n",
		"content/en/conditions/asthma.md": "---\ntitle: Asthma\ndate: 2024-03-05\n---\nSee [COPD]({{< ref \"conditions/copd.md\" >}}) and [rabies](/conditions/rabies/).\n\n[Home](/), [all conditions](/conditions/), [en español](/es/).\n\nIn a template, `[x](/conditions/missing/)` is an example:\n\n```md\n[y](/conditions/also-missing/)\n```\n",
		"content/en/conditions/copd.md":   "---\ntitle: COPD\ndate: 2024-03-05\n---\nCOPD makes breathing hard. Read the [leaflet] and the [guide]({{< param guide >}}#dose).\n\n[leaflet]: <{{% eturl copd %}}>\n",
		"content/en/conditions/gout.md":   "---\ntitle: Gout\ndate: 2024-03-05\nheadless: true\n---\nHeadless means nothing to a page that is not a leaf bundle's.\n",
		"content/en/conditions/fever.md":  "---\ntitle: Fever\ndate: 2024-03-05\nbuild: {render: link}\n---\nLinked to, never rendered.\n",
		"content/es/_index.md":            "---\ntitle: Inicio\n---\nBienvenida.\n",
		"content/es/conditions/_index.md": "---\ntitle: Enfermedades\n---\n",
		"content/shared/_index.es.md":     "---\ntitle: Notas\ncascade: {build: {render: never}}\n---\n",
		"content/shared/note.es.md":       "---\ntitle: Nota\ndate: 2024-03-05\n---\nPara todos.\n",
		"content/es/conditions/asthma.md": "---\ntitle: Asma\ndate: 2024-03-05\n---\nVea [EPOC]({{< ref \"conditions/copd.md\" >}}).\n",
		"content/es/conditions/copd.md":   "---\ntitle: EPOC\ndate: 2024-03-05\n---\nLa EPOC dificulta la respiración.\n",
		"content/shared/note.md":          "---\ntitle: Shared note\ndate: 2024-03-05\n---\nFor every language.\n",
		"content/en/_common/_index.md":    "---\ncascade:\n  build:\n    render: never\n    list: never\n---\n",
		"content/en/_common/warning.md":   "---\n---\nCall 999 in an emergency.\n",
		"content/en/glossary/_index.md":   "---\ntitle: Glossary\nbuild:\n  render: always\ncascade:\n  build:\n    render: never\n---\nTerms.\n",
		"content/en/glossary/copd.md":     "---\ntitle: COPD\n---\nChronic obstructive pulmonary disease.\n",
		"content/en/images/index.md":      "---\nheadless: true\n---\n",
		"content/LICENSE.md":              "Not content: no mount reads it.\n",
	})
	cfg, _ := os.ReadFile(filepath.Join(dest, "medkb.yaml"))
	for _, want := range []string{"Riverside Clinic", "https://clinic.example.org/", "code: es"} {
		if !strings.Contains(string(cfg), want) {
			t.Errorf("medkb.yaml lacks %q (config/_default/ merged over hugo.toml):\n%s", want, cfg)
		}
	}
	if strings.Contains(string(cfg), "languages\n") && strings.Contains(string(cfg), "code: languages") || strings.Contains(string(cfg), "**") {
		t.Errorf("medkb.yaml has a language named by a wrapper key or a glob:\n%s", cfg)
	}
	if strings.Contains(string(cfg), "external_paths") {
		t.Errorf("medkb.yaml hands a path to another system, though the whole Hugo site came in:\n%s", cfg)
	}
	en, _ := os.ReadFile(filepath.Join(dest, "content", "conditions", "asthma.md"))
	es, _ := os.ReadFile(filepath.Join(dest, "content", "conditions", "asthma.es.md"))
	if !strings.Contains(string(en), "[COPD](/conditions/copd/)") {
		t.Errorf("the English ref does not lead to the English page:\n%s", en)
	}
	if !strings.Contains(string(es), "[EPOC](/es/conditions/copd/)") {
		t.Errorf("the Spanish ref does not lead to the Spanish page:\n%s", es)
	}
	// A shortcode where a link's address goes becomes # (a comment there
	// would break the link and show as text), with a note at its line;
	// the anchor after it goes with it (not "##dose").
	copd, _ := os.ReadFile(filepath.Join(dest, "content", "conditions", "copd.md"))
	if !strings.Contains(string(copd), "[guide](#)") || !strings.Contains(string(copd), "[leaflet]: <#>") || strings.Contains(string(copd), "<!--") || strings.Contains(string(copd), "##") {
		t.Errorf("shortcodes as link addresses:\n%s", copd)
	}
	for _, line := range []int{5, 7} {
		found := false
		for _, n := range notesContaining(rep, "content/en/conditions/copd.md", "makes a link's address") {
			found = found || n.Line == line
		}
		if !found {
			t.Errorf("no note at copd.md:%d for the shortcode making a link's address: %v", line, rep.Notes)
		}
	}
	for _, gone := range []string{"en", "common", "_common", "images"} {
		if _, err := os.Stat(filepath.Join(dest, "content", gone)); err == nil {
			t.Errorf("content/%s imported: a content folder's name, or content Hugo does not render", gone)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "content", "glossary", "_index.md")); err != nil {
		t.Errorf("the glossary's own page, which renders over its cascade, was not imported: %v", err)
	}
	// Imported: a headless page that is no leaf bundle's, the English
	// pages beside a Spanish never-cascade, the pages a targeted cascade
	// names (with a note), the shared mount's page (by its file name's
	// language); not: the Spanish pages under the cascade, the render:
	// link page.
	wantImported(t, dest, map[string]bool{"conditions/gout.md": true, "conditions/asthma.md": true, "conditions/asthma.es.md": true,
		"conditions/fever.md": false, "shared/note.md": true, "shared/note.es.md": false, "_index.es.md": true})
	for _, c := range []struct{ file, text string }{
		{"content/en/_index.md", "a cascade with a target (kind, path, sites or environment) sets build options"},
		{"content/shared/_index.es.md", "not imported: Hugo does not render these 2 pages (build.render: never in the cascade of content/shared/_index.es.md)"},
		{"content/en/conditions/fever.md", "fever.md: build.render: link"},
		{"config/_default/module.toml", "module mount content/shared is for the languages **"},
		{"content/en/_common/_index.md", "not imported: Hugo does not render these 2 pages (build.render: never in the cascade of content/en/_common/_index.md)"},
		{"content/en/glossary/copd.md", "not imported: Hugo does not render this page (build.render: never in the cascade of content/en/glossary/_index.md)"},
		{"content/en/images/index.md", "headless: true"},
		{"content/en/conditions/asthma.md", "link to /conditions/rabies/: no imported page has this address, and /conditions/ holds imported pages"},
	} {
		if len(notesContaining(rep, c.file, c.text)) != 1 {
			t.Errorf("want one note %q for %s: %v", c.text, c.file, rep.Notes)
		}
	}
	if n := notesContaining(rep, "_common/_index.md", "content/en/_common/warning.md"); len(n) != 1 {
		t.Errorf("the note does not name the snippet left out: %v", n)
	}
	// One note for the one broken link, at its line; none for the list
	// pages medkb makes or for links in code.
	if n := notesContaining(rep, "content/en/conditions/asthma.md", "link to"); len(n) != 1 || n[0].Line != 5 {
		t.Errorf("link notes for asthma.md: %+v; want one, for /conditions/rabies/ at line 5", n)
	}
	if len(notesContaining(rep, "LICENSE.md", "")) != 0 {
		t.Errorf("a file outside the mounted folders was read: %v", notesContaining(rep, "LICENSE.md", ""))
	}

	// The new site builds; its one error is the broken link, at its line.
	mem := publish.NewMem()
	res, err := site.New(site.Options{Source: dest}).Build(context.Background(), mem)
	if res == nil {
		t.Fatalf("the imported site does not build: %v", err)
	}
	var errs []string
	for _, d := range res.Diagnostics {
		if d.Severity == diag.Error {
			errs = append(errs, d.String())
		}
	}
	if len(errs) != 1 || !strings.Contains(errs[0], "content/conditions/asthma.md:") || !strings.Contains(errs[0], `broken link "/conditions/rabies/"`) {
		t.Errorf("errors building the imported site: %q; want only the broken link to /conditions/rabies/ in asthma.md", errs)
	}
}

// TestImportHugoEdgesOfTheContentTree holds the importer to Hugo on what
// a first version got wrong: file-name languages are the site's
// languages (".en" of the default language too; ".sv", not configured,
// stays in the name with a note), a leaf bundle's other Markdown files
// are its resources, not pages, fences open and close as CommonMark says
// (an inline ```code``` span at a line's start is no fence; ``` inside
// ~~~ does not close it; a fence in a list item is indented), and links
// in reference definitions and in the home and section pages' own text
// are checked like the others.
func TestImportHugoEdgesOfTheContentTree(t *testing.T) {
	t.Parallel()
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml":                          "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\ndefaultContentLanguage = 'en'\ndisableAliases = true\n[languages.en]\n[languages.es]\n",
		"content/_index.md":                  "---\ntitle: Home\n---\nStart with [the missing page](/conditions/missing-home/).\n",
		"content/conditions/_index.en.md":    "---\ntitle: Conditions\ncascade: [{target: {path: '/conditions/x'}, build: {render: always}}]\n---\nSee [all](/conditions/).\n",
		"content/conditions/asthma.md":       "---\ntitle: Asthma\ndate: 2024-03-05\n---\n```hugo``` starts a line but is a code span.\n\n{{< youtube abc >}}\n\n~~~md\n```\n[in code](/conditions/in-code/)\n~~~\n\n- A list item:\n\n    ```md\n    [indented code](/conditions/indented/)\n    ```\n\nRead the [leaflet].\n\n[leaflet]: /conditions/gone/ \"Leaflet\"\n\n[^1]: The footnote is not a link.\n",
		"content/conditions/asthma.sv.md":    "---\ntitle: Astma\ndate: 2024-03-05\n---\nSwedish is not configured.\n",
		"content/conditions/flu/index.en.md": "---\ntitle: Flu\ndate: 2024-03-05\n---\n![Chart](chart.png)\n",
		"content/conditions/flu/chart.png":   png1x1,
		"content/snippets/index.md":          "---\nheadless: true\n---\n",
		"content/snippets/warn.md":           "---\n---\nCall 999.\n",
		"content/conditions/COPD.md":         "---\ntitle: COPD\ndate: 2024-03-05\naliases: [/copd/]\n---\nBack to [asthma](/conditions/asthma/); Hugo lowers [this address](/conditions/copd/). See [all lung conditions](/conditions/lungs/#list).\n",
		"content/conditions/lungs/_index.md": "---\ntitle: Lungs\n---\n",
		"content/conditions/lungs/cough.md":  "---\ntitle: Cough\ndate: 2024-03-05\n---\nCoughing.\n",
	})
	wantImported(t, dest, map[string]bool{"conditions/_index.md": true, "conditions/flu.md": true, "conditions/asthma-sv.md": true,
		"conditions/asthma.sv.md": false, "conditions/index-en.md": false, "snippets/warn.md": false})
	if _, err := os.Stat(filepath.Join(dest, "static", "conditions", "flu", "chart.png")); err != nil {
		t.Errorf("the en bundle's image was not copied: %v", err)
	}
	// Hugo lowers page addresses: COPD.md is at /conditions/copd/.
	copd, _ := os.ReadFile(filepath.Join(dest, "content", "conditions", "copd.md"))
	if !strings.Contains(string(copd), "url: /conditions/copd/") {
		t.Errorf("COPD.md's address is not Hugo's lowered one:\n%s", copd)
	}
	if n := notesContaining(rep, "COPD.md", "link to /conditions/copd/"); len(n) != 0 {
		t.Errorf("a link to the lowered address was noted: %+v", n)
	}
	// A nested section's list page is not kept: links to it go to the
	// section that lists its pages.
	if !strings.Contains(string(copd), "[all lung conditions](/conditions/#list)") {
		t.Errorf("the link to a nested section's list page was not sent to its section:\n%s", copd)
	}
	if n := notesContaining(rep, "COPD.md", "link to /conditions/lungs/, the list page of a nested section, now goes to /conditions/"); len(n) != 1 || n[0].Line != 6 {
		t.Errorf("notes for the nested section link: %+v; want one at line 6", n)
	}
	asthma, _ := os.ReadFile(filepath.Join(dest, "content", "conditions", "asthma.md"))
	if !strings.Contains(string(asthma), "<!-- medkb import: {{< youtube abc >}} -->") {
		t.Errorf("the shortcode after an inline ```code``` span was left raw:\n%s", asthma)
	}
	for _, c := range []struct {
		file, text string
		line       int
	}{
		{"content/_index.md", "link to /conditions/missing-home/", 4},
		{"content/conditions/asthma.md", "link to /conditions/gone/", 22},
		{"content/conditions/asthma.md", "shortcode youtube cannot be translated", 7},
		{"content/conditions/_index.en.md", "a cascade with a target", 3},
		{"content/conditions/asthma.sv.md", "ends in .sv, which is not one of the site's languages (en, es)", 0},
		{"content/snippets/warn.md", "a page resource of the leaf bundle content/snippets/index.md", 0},
		{"hugo.toml", "disableAliases is set: Hugo wrote no redirect pages for the aliases of 1 page (", 0},
	} {
		n := notesContaining(rep, c.file, c.text)
		if len(n) != 1 || n[0].Line != c.line {
			t.Errorf("want one note %q at %s:%d, got %+v", c.text, c.file, c.line, n)
		}
	}
	if n := notesContaining(rep, "asthma.md", "/conditions/asthma/The"); len(n) != 0 {
		t.Errorf("a footnote was read as a link's definition: %+v", n)
	}
	for _, code := range []string{"in-code", "indented"} {
		if n := notesContaining(rep, "asthma.md", "/conditions/"+code+"/"); len(n) != 0 {
			t.Errorf("a link in code was noted: %+v", n)
		}
	}
}

// TestImportHugoMenusAndSettings: the main menu (from a configuration
// file in a subfolder named for its key and language, and from pages'
// front matter) becomes medkb.yaml's menu in Hugo's order; what medkb's
// one level of navigation cannot show, and every setting the importer
// does not read, is noted.
func TestImportHugoMenusAndSettings(t *testing.T) {
	t.Parallel()
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml": "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\ndefaultContentLanguage = 'en'\ngoogleAnalytics = 'G-1'\ntheme = 'ananke'\n" +
			"[params]\ndescription = 'Care near you.'\nlogo = 'logo.png'\n[module]\n[[module.imports]]\npath = 'github.com/x/docs'\n" +
			"[languages.en]\nlanguageName = 'English'\n[languages.ar]\nlanguageName = 'العربية'\nlanguageDirection = 'rtl'\ntitle = 'العيادة'\n" +
			"[menus]\n[[menus.footer]]\nname = 'Privacy'\nurl = '/privacy/'\n",
		"config/_default/navigation/menus.en.toml": "[[main]]\nname = 'Charity'\nurl = 'https://charity.example.org/'\nweight = 30\n" +
			"[[main]]\nname = 'All conditions'\npageRef = '/conditions'\nweight = 10\npre = '<i class=\"icon\"></i>'\n" +
			"[[main]]\nname = 'Wheeze'\npageRef = '/conditions/asthma'\nparent = 'All conditions'\n" +
			"[[main]]\nname = 'Gone'\npageRef = '/conditions/gone'\nweight = 5\n" +
			"[[main]]\nname = 'Unweighted'\nurl = '/conditions/asthma/'\n",
		"config/_default/menus.ar.toml":   "[[main]]\nname = 'الحالات'\npageRef = '/conditions'\n",
		"content/_index.md":               "---\ntitle: Home\n---\nWelcome.\n",
		"content/conditions/_index.md":    "---\ntitle: Conditions\n---\n",
		"content/conditions/asthma.md":    "---\ntitle: Asthma\ndate: 2024-03-05\nmenu:\n  main:\n    weight: 20\n    name: Asthma care\n---\nBreathing.\n",
		"content/conditions/flu.md":       "---\ntitle: Flu\nlinkTitle: Flu and colds\ndate: 2024-03-05\nmenu: [main, sidebar]\nweight: 1\n---\nFever.\n",
		"content/conditions/asthma.ar.md": "---\ntitle: الربو\ndate: 2024-03-05\nmenu: main\n---\nالتنفس.\n",
	})
	cfg, got, data := readImportedConfig(t, dest)
	// By weight (unweighted last, then by name): Flu and colds 1 (its
	// page's weight), All conditions 10, Asthma care 20, Charity 30; then
	// Unweighted. Not: the child, the entry whose page is missing, other
	// menus, the translation's.
	want := []string{"Flu and colds /conditions/flu/", "All conditions /conditions/", "Asthma care /conditions/asthma/", "Charity https://charity.example.org/", "Unweighted /conditions/asthma/"}
	if !slices.Equal(got, want) {
		t.Errorf("menu:\n%q\nwant\n%q\nmedkb.yaml:\n%s", got, want, data)
	}
	langs := map[string]string{}
	for _, l := range cfg.Languages {
		langs[l.Code] = l.Name + "|" + l.Direction + "|" + l.Title
	}
	if langs["en"] != "English||" || langs["ar"] != "العربية|rtl|العيادة" {
		t.Errorf("languages: %v; want each language's name, direction and title", langs)
	}
	for _, c := range []struct{ file, text string }{
		{"config/_default/navigation/menus.en.toml", `main menu entry "Gone": pageRef /conditions/gone names no imported page`},
		{"config/_default/navigation/menus.en.toml", `1 child entries are not imported ("Wheeze" under "All conditions")`},
		{"config/_default/navigation/menus.en.toml", "the pre, post and params of 1 entries are left out"},
		{"config/_default/menus.ar.toml", "the ar menus (main) are not imported"},
		{"hugo.toml", `menu "footer" (1 entries) is not imported`},
		{"content/conditions/flu.md", `menu "sidebar", which 1 page puts itself in with its front matter, is not imported`},
		{"content/conditions/asthma.ar.md", "main in a translation is not imported"},
		{"hugo.toml", "googleAnalytics is left out: medkb's pages load nothing from another host"},
		{"hugo.toml", "theme ananke is not read: it is not a folder of themes/ or _vendor/"},
		{"hugo.toml", "site params are left out but description (logo)"},
		{"hugo.toml", "module import github.com/x/docs is not read: it is not a folder of themes/ or _vendor/, so Hugo fetched it from its path"},
	} {
		if n := notesContaining(rep, c.file, c.text); len(n) != 1 {
			t.Errorf("want one note %q for %s, got %d: %v", c.text, c.file, len(n), rep.Notes)
		}
	}
	if n := notesContaining(rep, "", "front matter key \"menu\""); len(n) != 0 {
		t.Errorf("menu front matter was kept under params as well: %v", n)
	}

	// The imported site builds without an error: every menu link leads to
	// a published page.
	mem := publish.NewMem()
	res, err := site.New(site.Options{Source: dest}).Build(context.Background(), mem)
	if res == nil {
		t.Fatalf("the imported site does not build: %v", err)
	}
	for _, d := range res.Diagnostics {
		if d.Severity == diag.Error {
			t.Errorf("building the imported site: %s", d)
		}
	}
}

// TestImportHugoMenuEdges: Hugo's other ways of filling a menu and naming
// its pages — sectionPagesMenu, a language's own configuration file,
// pageRefs to tags, to a nested section and to a page whose name has a
// dot, both menu and menus keys, a draft target — and the settings that
// change addresses or where files are.
func TestImportHugoMenuEdges(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		"hugo.toml": "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\ndefaultContentLanguage = 'en'\nsectionPagesMenu = 'main'\n" +
			"staticDir = 'assets/static'\nuglyURLs = true\n" +
			"[[menu.main]]\nname = 'A tags'\npageRef = '/tags/Lungs'\nweight = 50\n" +
			"[[menus.main]]\nname = 'B heart'\npageRef = '/conditions/heart'\nweight = 51\n" +
			"[[menus.main]]\nname = 'C release'\npageRef = '/news/v0.1'\nweight = 52\n" +
			"[[menus.main]]\nname = 'D draft'\npageRef = '/news/soon'\nweight = 53\n" +
			"[[menus.main]]\nname = 'E reindex'\npageRef = '/news/re'\nweight = 54\n" +
			"[[menus.main]]\nname = 'All conditions'\nidentifier = 'conditions'\npageRef = '/conditions'\nweight = 60\n",
		"config/_default/languages.ar.toml":  "languageName = 'العربية'\nlanguageDirection = 'rtl'\n[params]\nlogo = 'ar.png'\n",
		"assets/static/images/logo.png":      png1x1,
		"content/_index.md":                  "---\ntitle: Home\n---\nWelcome.\n",
		"content/conditions/_index.md":       "---\ntitle: Conditions\nweight: 2\n---\n",
		"content/conditions/asthma.md":       "---\ntitle: Asthma\ndate: 2024-03-05\ntags: [Lungs]\n---\nBreathing.\n",
		"content/conditions/heart/_index.md": "---\ntitle: Heart\n---\n",
		"content/conditions/heart/angina.md": "---\ntitle: Angina\ndate: 2024-03-05\n---\nChest pain.\n",
		"content/news/_index.md":             "---\ntitle: News\nweight: 1\n---\n",
		"content/Drugs-List/_index.md":       "---\ntitle: Drugs\nweight: 3\n---\nNo pages yet.\n",
		"content/news/v0.1.md":               "---\ntitle: Release 0.1\ndate: 2024-03-05\n---\nFirst.\n",
		"content/news/soon.md":               "---\ntitle: Soon\ndate: 2024-03-05\ndraft: true\n---\nNot yet.\n",
		"content/news/reindex.md":            "---\ntitle: Reindex\ndate: 2024-03-05\n---\nAgain.\n",
		"content/conditions/asthma.ar.md":    "---\ntitle: الربو\ndate: 2024-03-05\n---\nالتنفس.\n",
	}
	dest, rep := importHugo(t, files)
	cfg, got, data := readImportedConfig(t, dest)
	// The sections by their weights (News 1, Drugs 3: a section with no
	// pages, at medkb's lower-case address), then the configured entries
	// from both keys, menu's first, the one with the conditions section's
	// identifier in place of that section's; not the draft, not reindex
	// for "re".
	want := []string{"News /news/", "Drugs /drugs-list/", "A tags /tags/lungs/", "B heart /conditions/", "C release /news/v0.1/", "All conditions /conditions/"}
	if !slices.Equal(got, want) {
		t.Errorf("menu:\n%q\nwant\n%q\nmedkb.yaml:\n%s", got, want, data)
	}
	for _, l := range cfg.Languages {
		if l.Code == "ar" && (l.Name != "العربية" || l.Direction != "rtl") {
			t.Errorf("ar from languages.ar.toml: %+v", l)
		}
	}
	for _, c := range []struct{ file, text string }{
		{"hugo.toml", `main menu entry "D draft" leads to content/news/soon.md, imported as a draft: left out of the menu`},
		{"hugo.toml", `main menu entry "E reindex": pageRef /news/re names no imported page`},
		{"hugo.toml", "uglyURLs is set"},
		{"config/_default/languages.ar.toml", "the ar params are left out (logo)"},
	} {
		if n := notesContaining(rep, c.file, c.text); len(n) != 1 {
			t.Errorf("want one note %q for %s, got %d: %v", c.text, c.file, len(n), rep.Notes)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "static", "images", "logo.png")); err != nil {
		t.Errorf("the file of staticDir was not copied: %v", err)
	}
	// Deterministic: the same menu on every import.
	for range 3 {
		d2, _ := importHugo(t, files)
		again, _ := os.ReadFile(filepath.Join(d2, "medkb.yaml"))
		if string(again) != string(data) {
			t.Fatalf("a second import wrote another medkb.yaml:\n%s\nfirst:\n%s", again, data)
		}
	}
	// A footer menu alone is not the site's navigation.
	footer, rep := importHugo(t, map[string]string{
		"hugo.toml":         "title = 'Clinic'\n[[menus.footer]]\nname = 'Privacy'\nurl = '/privacy/'\n",
		"content/_index.md": "---\ntitle: Home\n---\nWelcome.\n",
	})
	if data, _ := os.ReadFile(filepath.Join(footer, "medkb.yaml")); strings.Contains(string(data), "menu:") {
		t.Errorf("a footer menu became the main navigation:\n%s", data)
	}
	if n := notesContaining(rep, "hugo.toml", `menu "footer" (1 entries) is not imported`); len(n) != 1 {
		t.Errorf("no note for the footer menu: %v", rep.Notes)
	}
}

// A Hugo site with its default language in a folder of its own
// (defaultContentLanguageInSubdir) keeps those addresses: medkb.yaml says
// default_language_in_subdir, and a link to /en/… (or /en, or a tag's
// page) is a link to the imported site, not to another system; a page
// not imported is served elsewhere under /en/legacy/, never all of /en/.
func TestImportHugoDefaultLanguageInSubdir(t *testing.T) {
	t.Parallel()
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml":                          "baseURL = 'https://c.example.org/'\ntitle = 'C'\ndefaultContentLanguage = 'en'\ndefaultContentLanguageInSubdir = true\n[languages.en]\n[languages.es]\n",
		"content/conditions/asthma.md":       "---\ntitle: Asthma\ndate: 2024-01-01\ntags: [Lungs]\n---\nSee [COPD](/en/conditions/copd/) and [gone](/en/conditions/gone/).\n\n[Home](/en), [lungs](/en/tags/lungs/), [by category](/categories/lungs/), [old](/en/legacy/thing/), [heart](/en/conditions/heart/).\n",
		"content/conditions/heart/_index.md": "---\ntitle: Heart\n---\n",
		"content/conditions/heart/angina.md": "---\ntitle: Angina\ndate: 2024-01-01\n---\nChest pain.\n",
		"content/conditions/copd.md":         "---\ntitle: COPD\ndate: 2024-01-01\n---\nLungs.\n",
		"content/conditions/asthma.es.md":    "---\ntitle: Asma\ndate: 2024-01-01\n---\nVea [EPOC](/es/conditions/copd/).\n",
	})
	cfg, _ := os.ReadFile(filepath.Join(dest, "medkb.yaml"))
	if !strings.Contains(string(cfg), "default_language_in_subdir: true") {
		t.Errorf("medkb.yaml:\n%s\nwant default_language_in_subdir", cfg)
	}
	asthma, _ := os.ReadFile(filepath.Join(dest, "content", "conditions", "asthma.md"))
	if !strings.Contains(string(asthma), "[COPD](/en/conditions/copd/)") {
		t.Errorf("asthma.md:\n%s", asthma)
	}
	for _, want := range []string{"[Home](/en)", "[lungs](/en/tags/lungs/)", "[by category](/tags/lungs/)", "[heart](/en/conditions/)"} {
		if !strings.Contains(string(asthma), want) {
			t.Errorf("asthma.md lacks %s:\n%s", want, asthma)
		}
	}
	// /en/legacy/ is the one path served elsewhere; never /en/ or /tags/.
	links, _, _ := readImportedConfig(t, dest)
	if !slices.Equal(links.Links.ExternalPaths, []string{"/en/legacy/"}) {
		t.Errorf("external_paths %q; want only /en/legacy/", links.Links.ExternalPaths)
	}
	if n := notesContaining(rep, "content/conditions/asthma.md", "link to /en/conditions/gone/: no imported page has this address, and /en/conditions/ holds imported pages"); len(n) != 1 {
		t.Errorf("want one broken-link note for /en/conditions/gone/: %v", rep.Notes)
	}
}

// importedConfig is what the tests read of the medkb.yaml an import wrote.
type importedConfig struct {
	Menu      []struct{ Name, URL string }
	Languages []struct{ Code, Name, Direction, Title string }
	Links     struct {
		ExternalPaths []string `yaml:"external_paths"`
	}
}

// readImportedConfig decodes dest's medkb.yaml; menu lists its menu's
// entries as "name url".
func readImportedConfig(t *testing.T, dest string) (cfg importedConfig, menu []string, data []byte) {
	t.Helper()
	data, _ = os.ReadFile(filepath.Join(dest, "medkb.yaml"))
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatal(err)
	}
	for _, m := range cfg.Menu {
		menu = append(menu, m.Name+" "+m.URL)
	}
	return cfg, menu, data
}

// TestImportAllowsOnlyContactDetails imports pages of medic/cht-docs (short
// excerpts, AGPL-3.0, quoted under its licence): the
// identifiers.allow list the import writes (from phi.Scan, the check's
// own detection) takes the organisation's public e-mail address, and not
// an image named "icon-healthcare-warning@2x.png" (an e-mail address
// before), the screen coordinates "swipe 300 300 500 1000" (a phone
// number before), the SSH git remote "git@github.com:your-username/…" or
// the placeholder "test@test.com" (e-mail addresses before), which the
// check does not report either; the imported site builds.
func TestImportAllowsOnlyContactDetails(t *testing.T) {
	t.Parallel()
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml":         "baseURL = 'https://docs.example.org/'\ntitle = 'Docs'\n",
		"content/_index.md": "---\ntitle: Home\n---\nWelcome.\n",
		"content/resources.md": "---\ntitle: \"resources/\"\ndate: 2024-03-05\n---\n" +
			"Add icons to the `resources` folder, and include them by name in the `resources.json` file as the following example:\n\n" +
			"```json\n {\n    \"icon-risk\": \"icon-healthcare-warning@2x.png\",\n    \"icon-treatment\": \"icon-healthcare-medicine@2x.png\"\n }\n```\n\n" +
			"```shell\n./\n    resources.json\n    /resources\n        icon-healthcare-warning@2x.png\n```\n\n" +
			"```shell\ngit remote set-url origin git@github.com:your-username/your_repo.git\n```\n\n" +
			"- SSO Email Address: `test@test.com` (must match email from prior step)\n\n" +
			"Questions? Write to support@medic.org.\n",
		"content/tests.md": "---\ntitle: Apdex automation tests\ndate: 2024-03-05\n---\n" +
			"  - Scroll down: `adb shell input swipe 500 1000 300 300`\n  - Scroll up: `adb shell input swipe 300 300 500 1000`\n",
	})
	cfg, _ := os.ReadFile(filepath.Join(dest, "medkb.yaml"))
	var c struct {
		Identifiers struct{ Allow []string } `yaml:"identifiers"`
	}
	if err := yaml.Unmarshal(cfg, &c); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(c.Identifiers.Allow, []string{"support@medic.org"}) {
		t.Errorf("identifiers.allow = %q, want the support address alone", c.Identifiers.Allow)
	}
	if n := notesContaining(rep, "", "identifiers.allow"); len(n) != 1 {
		t.Errorf("identifiers.allow notes = %+v, want one", n)
	}
	build(t, dest)
}
