package importer_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/importer"
	"github.com/medkb/medkb/internal/publish"
	"github.com/medkb/medkb/internal/site"
)

// readImported returns a file the import wrote under content/.
func readImported(t *testing.T, dest, name string) string {
	t.Helper()
	return readNewSiteFile(t, dest, "content/"+name)
}

// wantNote checks that rep has exactly one note of severity on file
// (a suffix) at line containing text.
func wantNote(t *testing.T, rep *importer.Report, file string, line int, severity, text string) {
	t.Helper()
	n := notesContaining(rep, file, text)
	if len(n) != 1 || n[0].Line != line || n[0].Severity != severity {
		t.Errorf("want one %s note %q at %s:%d, got %+v", severity, text, file, line, n)
	}
}

// A nested section's list page with text of its own becomes an article
// of its top section at its own address, with its text, so links to it
// and its anchors keep working; one that is only a list of its pages
// (shortcodes) is not imported, with a note a person sees, and links
// to it go to the top section. The imported site builds with no broken
// link and the nested page's text on its page.
func TestImportHugoNestedSectionPages(t *testing.T) {
	t.Parallel()
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml":                            "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\n",
		"content/_index.md":                    "---\ntitle: Home\n---\nWelcome.\n",
		"content/guide/_index.md":              "---\ntitle: Guide\n---\n",
		"content/guide/Dosing/_index.md":       "---\ntitle: Dosing reference\ndate: 2024-01-01\nweight: 3\n---\nParacetamol: adults 500 mg to 1 g every 4 to 6 hours.\n\n## Table\n\nAt most 4 g in 24 hours.\n",
		"content/guide/Dosing/child.md":        "---\ntitle: Children\ndate: 2024-01-01\n---\nSee the [reference](/guide/dosing/), [its table](/guide/dosing/#table), [by ref]({{< ref \"guide/dosing\" >}}) and [the ref's table]({{< ref \"guide/dosing#table\" >}}).\n\nAlso [all lists](/guide/lists/).\n",
		"content/guide/lists/_index.md":        "---\ntitle: Lists\nmenu: main\n---\n{{< subpages >}}\n\n<!-- a comment -->\n",
		"content/guide/lists/one.md":           "---\ntitle: One\ndate: 2024-01-01\n---\nBack to [the lists]({{< ref \"guide/lists\" >}}).\n",
		"content/guide/lists/empty/_index.md":  "---\ntitle: Empty\n---\n",
		"content/guide/lists/empty/inside.md":  "---\ntitle: Inside\ndate: 2024-01-01\n---\nText.\n",
		"content/guide/figures/_index.md":      "---\ntitle: Figures\ndate: 2024-01-01\n---\n{{< figure src=\"/chart.png\" alt=\"A dosing chart\" >}}\n",
		"static/chart.png":                     png1x1,
		"content/guide/figures/more/detail.md": "---\ntitle: Detail\ndate: 2024-01-01\n---\nSee [the figures](../../).\n",
	})
	dosing := readImported(t, dest, "guide/dosing.md")
	for _, want := range []string{"title: Dosing reference", "url: /guide/dosing/", "weight: 3", "Paracetamol: adults 500 mg", "## Table\n\nAt most 4 g in 24 hours."} {
		if !strings.Contains(dosing, want) {
			t.Errorf("the nested section page lacks %q:\n%s", want, dosing)
		}
	}
	wantNote(t, rep, "content/guide/Dosing/_index.md", 0, importer.Changed, "the list page of nested section guide/Dosing has text of its own: imported as an article of section guide at its address /guide/dosing/")
	// A figure is text of its own: the page becomes an article with the image.
	figures := readImported(t, dest, "guide/figures.md")
	if !strings.Contains(figures, "url: /guide/figures/") || !strings.Contains(figures, "![A dosing chart](/chart.png)") {
		t.Errorf("the nested section page with a figure:\n%s", figures)
	}
	child := readImported(t, dest, "guide/dosing-child.md")
	for _, want := range []string{"[reference](/guide/dosing/)", "[its table](/guide/dosing/#table)", "[by ref](/guide/dosing/)", "[the ref's table](/guide/dosing/#table)", "[all lists](/guide/)"} {
		if !strings.Contains(child, want) {
			t.Errorf("child.md lacks the link %s:\n%s", want, child)
		}
	}
	// Pure list pages: not imported, each with a note shown without
	// --verbose (human), naming what it held and where links go.
	wantImported(t, dest, map[string]bool{"guide/lists.md": false, "guide/lists-empty.md": false, "guide/lists-one.md": true, "guide/lists-empty-inside.md": true})
	wantNote(t, rep, "content/guide/lists/_index.md", 0, importer.Human, "not imported: the list page of nested section guide/lists has no text of its own (only the shortcodes subpages, which medkb cannot translate)")
	wantNote(t, rep, "content/guide/lists/_index.md", 0, importer.Human, "links to /guide/lists/ go to /guide/")
	wantNote(t, rep, "content/guide/lists/empty/_index.md", 0, importer.Human, "not imported: the list page of nested section guide/lists/empty has no text,")
	wantNote(t, rep, "content/guide/Dosing/child.md", 7, importer.Changed, "link to /guide/lists/, the list page of a nested section, now goes to /guide/")
	// A ref to a pure list page goes where a link to it goes.
	if one := readImported(t, dest, "guide/lists-one.md"); !strings.Contains(one, "[the lists](/guide/)") {
		t.Errorf("the ref to a list page that was not imported:\n%s", one)
	}
	// Its main menu entry leads to the top section, as its links do.
	cfg, _, _ := readImportedConfig(t, dest)
	if len(cfg.Menu) != 1 || cfg.Menu[0].Name != "Lists" || cfg.Menu[0].URL != "/guide/" {
		t.Errorf("the menu entry of the list page not imported: %+v, want Lists at /guide/", cfg.Menu)
	}
	if n := notesContaining(rep, "", "names no page"); len(n) != 0 {
		t.Errorf("refs left unresolved: %+v", n)
	}

	files, diags := build(t, dest)
	for _, d := range diags {
		if d.Check == "link" {
			t.Errorf("the imported site has a bad link: %s", d)
		}
	}
	page := string(files["guide/dosing/index.html"])
	if !strings.Contains(page, "Paracetamol: adults 500 mg") || !strings.Contains(page, `id="table"`) {
		t.Errorf("the nested section page's text is not on its page /guide/dosing/:\n%s", page)
	}
	if !strings.Contains(string(files["guide/dosing/child/index.html"]), `href="/guide/dosing/#table"`) {
		t.Errorf("child's link to the nested page's anchor is not on its page")
	}
}

// Refs and relrefs resolve as Hugo's pageFinder resolves them: sections
// (with or without an _index file), the home page, trailing and leading
// slashes, .md extensions, a language in the file name, a lang
// argument, a language prefix, anchors, unquoted arguments, paths
// relative to the page (first: "dup" is the page's neighbour) and names
// alone; a section's own text has its
// refs resolved too. A ref that names no page, or names two, keeps a
// checkable address (never #) and has a note naming the file, the line
// and the ref.
func TestImportHugoRefsResolveAsHugoFindsThem(t *testing.T) {
	t.Parallel()
	other := "[a]({{< ref \"guide/page#dose\" >}}) [b]({{< ref \"guide/page/\" >}}) [c]({{% ref page %}}) [d]({{< ref \"guide\" >}}) [e]({{< ref \"/\" >}}) [f]({{< ref \"guide/page.md#dose\" >}})\n" +
		"[g]({{< relref \"/news\" >}}) [h]({{< ref \"#top\" >}}) [i]({{< ref \"../news/item\" >}}) [j]({{< ref \"item\" >}}) [k]({{< ref \"Guide/Page\" >}}) [l]({{< ref `page.md` >}})\n" +
		"[m]({{< ref \"guide/page.es.md\" >}}) [n]({{< ref path=\"guide/page\" lang=\"es\" >}}) [o]({{< ref \"/es/guide/page\" >}}) [p]({{< ref \"./page\" >}}) [q]({{< ref \"news/bundle/index.md\" >}}) [r]({{< ref \"/guide/_index.md\" >}})\n" +
		"[missing]({{< ref \"guide/missing#x\" >}}) [twice]({{< ref \"dup\" >}}) [gone]({{% ref gone %}})\n"
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml":                    "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\ndefaultContentLanguage = 'en'\n[languages.en]\n[languages.es]\n",
		"content/_index.md":            "---\ntitle: Home\n---\nStart at [the guide]({{< ref \"guide\" >}}).\n\n[Twice]({{< ref \"dup\" >}}).\n",
		"content/guide/_index.md":      "---\ntitle: Guide\n---\nRead [the page]({{< ref \"page\" >}}).\n",
		"content/guide/other.md":       "---\ntitle: Other\ndate: 2024-01-01\n---\n" + other,
		"content/guide/page.md":        "---\ntitle: Page\ndate: 2024-01-01\n---\n## Dose\n\ntext\n",
		"content/guide/page.es.md":     "---\ntitle: Página\ndate: 2024-01-01\n---\nVea [la otra]({{< ref \"other\" >}}) y [esta]({{< ref \"page\" >}}).\n",
		"content/guide/dup.md":         "---\ntitle: Dup\ndate: 2024-01-01\n---\nOne.\n",
		"content/news/item.md":         "---\ntitle: Item\ndate: 2024-01-01\n---\nNews.\n",
		"content/news/dup.md":          "---\ntitle: Dup\ndate: 2024-01-01\n---\nTwo.\n",
		"content/news/bundle/index.md": "---\ntitle: Bundle\ndate: 2024-01-01\n---\nSee [the item]({{< ref \"item\" >}}) and [mine]({{< ref \"../bundle/index.md\" >}}).\n",
	})
	body := readImported(t, dest, "guide/other.md")
	for _, want := range []string{
		"[a](/guide/page/#dose)", "[b](/guide/page/)", "[c](/guide/page/)", "[d](/guide/)", "[e](/)", "[f](/guide/page/#dose)",
		"[g](/news/)", "[h](#top)", "[i](/news/item/)", "[j](/news/item/)", "[k](/guide/page/)", "[l](/guide/page/)",
		"[m](/es/guide/page/)", "[n](/es/guide/page/)", "[o](/es/guide/page/)", "[p](/guide/page/)", "[q](/news/bundle/)", "[r](/guide/)",
		"[missing](/guide/missing/#x)", "[twice](/guide/dup/)", "[gone](/gone/)",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("other.md lacks %s:\n%s", want, body)
		}
	}
	if strings.Contains(body, "](#)") || strings.Contains(body, "##") {
		t.Errorf("a ref became # or ##:\n%s", body)
	}
	if es := readImported(t, dest, "guide/page.es.md"); !strings.Contains(es, "[la otra](/guide/other/)") || !strings.Contains(es, "[esta](/es/guide/page/)") {
		t.Errorf("the Spanish page's refs (its own language first, else the default one):\n%s", es)
	}
	if b := readImported(t, dest, "news/bundle.md"); !strings.Contains(b, "[the item](/news/item/)") || !strings.Contains(b, "[mine](/news/bundle/)") {
		t.Errorf("the leaf bundle's refs:\n%s", b)
	}
	// The home and section pages' own text: refs resolved, no placeholder left.
	if home := readImported(t, dest, "_index.md"); !strings.Contains(home, "[the guide](/guide/)") || !strings.Contains(home, "[Twice](/dup/)") {
		t.Errorf("the home page's ref:\n%s", home)
	}
	if guide := readImported(t, dest, "guide/_index.md"); !strings.Contains(guide, "[the page](/guide/page/)") {
		t.Errorf("the section page's ref (from its own folder):\n%s", guide)
	}
	wantNote(t, rep, "content/guide/other.md", 8, importer.Human, `{{< ref "guide/missing#x" >}} names no page of the Hugo site (Hugo reports REF_NOT_FOUND and links to nothing): the link points at /guide/missing/`)
	wantNote(t, rep, "content/_index.md", 6, importer.Human, `{{< ref "dup" >}} is ambiguous: 2 pages are named dup (/guide/dup, /news/dup)`)
	wantNote(t, rep, "content/guide/other.md", 8, importer.Human, `{{% ref gone %}} names no page of the Hugo site`)
	if n := notesContaining(rep, "", "REF_NOT_FOUND"); len(n) != 3 {
		t.Errorf("want 3 notes of refs that name no page, got %+v", n)
	}
	// A dead ref's address is the link check's to report, not the old
	// site's: no note about it as a link, no external path.
	if n := notesContaining(rep, "", "link to /guide/missing/"); len(n) != 0 {
		t.Errorf("the dead ref was noted twice: %+v", n)
	}
	if n := notesContaining(rep, "", "external_paths"); len(n) != 0 {
		t.Errorf("a dead ref's address was sent to the old site: %+v", n)
	}

	// The build stops at the broken links, and at nothing else.
	res, err := site.New(site.Options{Source: dest}).Build(context.Background(), publish.NewMem())
	if err == nil || res == nil {
		t.Fatalf("the build with 3 dead refs succeeded (%v): the links are not checkable", err)
	}
	broken := map[string]bool{}
	for _, d := range res.Diagnostics {
		if d.Severity == diag.Error && d.Check != "link" {
			t.Errorf("the imported site has an error: %s", d)
		}
		if d.Check == "link" {
			broken[d.Message] = true
		}
	}
	for _, want := range []string{`broken link "/guide/missing/#x"`, `broken link "/dup/"`, `broken link "/gone/"`} {
		found := false
		for m := range broken {
			found = found || strings.HasPrefix(m, want)
		}
		if !found {
			t.Errorf("the build does not report %s; link diagnostics: %v", want, broken)
		}
	}
	if len(broken) != 3 {
		t.Errorf("want only the 3 dead refs reported, got %v", broken)
	}
}

// A Hugo site's content folders hold images beside the pages that show
// them, not only in leaf bundles: in a folder named as a page
// (conditions/asthma.md, conditions/asthma/peak-flow.png), in a section's
// folder, in a translation's mount. Hugo publishes them at their path in
// content (a branch bundle's files); they were not imported, and each
// page that showed one had a broken image (medic/cht-docs: 0 of 894).
func TestImportHugoPublishesContentFilesWhereHugoDoes(t *testing.T) {
	t.Parallel()
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml": "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\ndefaultContentLanguage = 'en'\n" +
			"[languages.en]\ncontentDir = 'content/en'\n[languages.es]\ncontentDir = 'content/es'\n",
		"content/en/conditions/_index.md":            "---\ntitle: Conditions\n---\n",
		"content/en/conditions/banner.png":           png1x1,
		"content/en/conditions/asthma.md":            "---\ntitle: Asthma\ndate: 2024-01-02\n---\n![A peak flow meter](peak-flow.png)\n\n![The banner](/conditions/banner.png)\n\n[The leaflet](/conditions/asthma/leaflet.pdf)\n",
		"content/en/conditions/asthma/peak-flow.png": png1x1,
		"content/en/conditions/asthma/leaflet.pdf":   "%PDF-1.4\n",
		"content/en/conditions/copd/index.md":        "---\ntitle: COPD\ndate: 2024-01-02\n---\n![A spacer](spacer.png)\n",
		"content/en/conditions/copd/spacer.png":      png1x1,
		"content/en/conditions/legacy.html":          "---\ntitle: Legacy\n---\n<p>Old page.</p>\n",
		"content/es/conditions/asma.md":              "---\ntitle: Asma\ndate: 2024-01-02\n---\n![Un medidor](medidor.png)\n",
		"content/es/conditions/asma/medidor.png":     png1x1,
	})
	for _, want := range []string{"static/conditions/banner.png", "static/conditions/asthma/peak-flow.png", "static/conditions/asthma/leaflet.pdf",
		"static/conditions/copd/spacer.png", "static/es/conditions/asma/medidor.png"} {
		if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(want))); err != nil {
			t.Errorf("%s was not copied: %v", want, err)
		}
	}
	// The leaf bundle's file goes with its page, once; the page Hugo
	// would render from HTML is named.
	if _, err := os.Stat(filepath.Join(dest, "static", "conditions", "legacy.html")); err == nil {
		t.Error("an .html content page was copied as a static file")
	}
	if n := notesContaining(rep, "content/en/conditions/legacy.html", "Hugo renders this file as a page"); len(n) != 1 || n[0].Severity != importer.Human {
		t.Errorf("the .html content page's note: %+v", n)
	}
	files, diags := build(t, dest)
	wantNoDiagnostics(t, diags, "image", "link")
	for _, want := range []string{"conditions/asthma/peak-flow.png", "conditions/banner.png", "conditions/asthma/leaflet.pdf", "conditions/copd/spacer.png", "es/conditions/asma/medidor.png"} {
		if _, ok := files[want]; !ok {
			t.Errorf("%s not published", want)
		}
	}
}

// A ref with an anchor inside it and another after the shortcode made
// /guide/page/#dose#timing in Hugo, an anchor no heading has: the link
// keeps one, the one after the shortcode (as Jekyll's link tags do),
// with a note naming the other; one anchor, inside or after, is kept as
// it is, with no note. The imported site builds with no bad link or
// anchor.
func TestImportHugoRefWithTwoAnchorsKeepsOne(t *testing.T) {
	t.Parallel()
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml":             "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\n",
		"content/guide/page.md": "---\ntitle: Page\ndate: 2024-01-01\n---\n## Dose\n\nOnce.\n\n## Timing\n\nMornings.\n",
		"content/guide/links.md": "---\ntitle: Links\ndate: 2024-01-01\n---\n## Top\n\n" +
			"[both]({{< ref \"guide/page#dose\" >}}#timing) [self]({{< relref \"#top\" >}}#notes)\n\n" +
			"[after]({{< ref \"guide/page\" >}}#dose) [inside]({{< ref \"guide/page#timing\" >}})\n\n## Notes\n",
	})
	got := readImported(t, dest, "guide/links.md")
	if strings.Contains(got, "#dose#") || strings.Contains(got, "#top#") {
		t.Errorf("two anchors kept:\n%s", got)
	}
	for _, want := range []string{"[both](/guide/page/#timing)", "[self](#notes)", "[after](/guide/page/#dose)", "[inside](/guide/page/#timing)"} {
		if !strings.Contains(got, want) {
			t.Errorf("links.md lacks %q:\n%s", want, got)
		}
	}
	wantNote(t, rep, "content/guide/links.md", 7, importer.Human, `{{< ref "guide/page#dose" >}}#timing has two anchors: Hugo linked to the page's address followed by #dose#timing`)
	wantNote(t, rep, "content/guide/links.md", 7, importer.Human, `{{< relref "#top" >}}#notes has two anchors`)
	if n := notesContaining(rep, "content/guide/links.md", "two anchors"); len(n) != 2 {
		t.Errorf("want 2 notes of two anchors, got %+v", n)
	}
	_, diags := build(t, dest)
	wantNoDiagnostics(t, diags, "link", "anchor")
}

// Hugo's slug: replaces the last part of a page's address (url: wins
// over it). The import kept the file's path, so the page moved and the
// links to it broke. Now the page is at Hugo's address, with a note at
// the slug's line; a leaf bundle's files go under it; links and refs to
// the page lead there. The imported site builds with no broken link.
func TestImportHugoSlugGivesThePageHugosAddress(t *testing.T) {
	t.Parallel()
	page := func(fm, body string) string {
		return "---\ntitle: Page\ndate: 2024-01-01\n" + fm + "---\n" + body + "\n"
	}
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml":                          "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\n",
		"content/conditions/technique.md":    page("slug: inhaler\n", "## Steps\n\nShake it."),
		"content/conditions/chart/index.md":  page("slug: Peak Flow\n", "![Chart](chart.svg)"),
		"content/conditions/chart/chart.svg": `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>`,
		"content/conditions/both.md":         page("slug: ignored\nurl: /kept/\n", "Both."),
		"content/conditions/asthma.md": page("", "[a](/conditions/inhaler/) [b]({{< ref \"technique.md\" >}}) [c](../inhaler/#steps)"+
			" [d]({{< relref \"chart\" >}}) [e](/kept/)"),
	})
	for name, url := range map[string]string{"conditions/inhaler.md": "/conditions/inhaler/", "conditions/peak-flow.md": "/conditions/peak-flow/", "conditions/ignored.md": "/kept/"} {
		if fm, _ := readImportedMeta(t, dest, name); fm["url"] != url {
			t.Errorf("%s: url %v, want %s", name, fm["url"], url)
		}
	}
	body := readImported(t, dest, "conditions/asthma.md")
	for _, want := range []string{"[a](/conditions/inhaler/)", "[b](/conditions/inhaler/)", "[c](/conditions/inhaler/#steps)", "[d](/conditions/peak-flow/)", "[e](/kept/)"} {
		if !strings.Contains(body, want) {
			t.Errorf("asthma.md lacks %s:\n%s", want, body)
		}
	}
	wantNote(t, rep, "content/conditions/technique.md", 4, importer.Changed, "slug: inhaler: the page is at /conditions/inhaler/, the address Hugo gave it (the slug replaces the last part of /conditions/technique/")
	wantNote(t, rep, "content/conditions/chart/index.md", 4, importer.Changed, "slug: Peak Flow: the page is at /conditions/peak-flow/")
	if n := notesContaining(rep, "content/conditions/both.md", "slug"); len(n) > 0 {
		t.Errorf("slug: beside url: (which wins) is noted: %v", n)
	}
	if n := notesContaining(rep, "", "link to"); len(n) > 0 {
		t.Errorf("a link to a page with a slug is noted as not found: %v", n)
	}
	files, diags := build(t, dest)
	wantNoDiagnostics(t, diags, "link", "image")
	for _, p := range []string{"conditions/inhaler/index.html", "conditions/peak-flow/index.html", "conditions/peak-flow/chart.svg", "kept/index.html"} {
		if _, ok := files[p]; !ok {
			t.Errorf("%s is not published", p)
		}
	}
}

// A link to a Markdown file of the Hugo site (as writers who preview in
// an editor link, /building/reference/app-settings/_index.md in
// medic/cht-docs) named a file the import moved: a nested section's
// _index.md becomes an article, a leaf bundle's index.md a page, every
// nested file a file of its top section. Each is now written as the path
// to the new file from the linking page's new file (so it still opens in
// an editor's preview and leads to the page when medkb builds it), its
// anchor kept, with a verbose note; one whose file no page came from is
// kept as written with a note a person sees (on a draft here, whose
// broken link is a warning, so the site builds). Paths are read from the
// content folder (contentDir here) or the linking file's own folder. The
// imported site builds with no broken link or anchor but that one.
func TestImportHugoLinksToMarkdownFilesFollowTheirPages(t *testing.T) {
	t.Parallel()
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml":                      "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\ncontentDir = 'docs'\n",
		"docs/_index.md":                 "---\ntitle: Home\n---\nStart at [the guide](guide/_index.md).\n",
		"docs/guide/_index.md":           "---\ntitle: Guide\n---\n## Overview\n\nRead [dosing](reference/dosing.md).\n",
		"docs/guide/reference/_index.md": "---\ntitle: Reference\ndate: 2024-01-01\n---\n## Settings\n\nText.\n",
		"docs/guide/reference/dosing.md": "---\ntitle: Dosing\ndate: 2024-01-01\n---\n## Adults\n\n500 mg.\n",
		"docs/guide/lists/_index.md":     "---\ntitle: Lists\n---\n{{< subpages >}}\n",
		"docs/guide/lists/one.md":        "---\ntitle: One\ndate: 2024-01-01\n---\nOne.\n",
		"docs/news/chart/index.md":       "---\ntitle: Chart\ndate: 2024-01-01\n---\n## Peak flow\n\nChart.\n",
		"docs/news/item.md": "---\ntitle: Item\ndate: 2024-01-01\n---\n" +
			"[a](/guide/reference/_index.md#settings) [b](../guide/reference/dosing.md#adults) [c](chart/index.md#peak-flow)\n\n" +
			"[d](/guide/lists/_index.md) [e](/guide/_index.md#overview) `[code](/guide/gone.md)` [ref][r]\n\n" +
			"[r]: /guide/reference/dosing.md\n",
		"docs/news/draft.md": "---\ntitle: Draft\ndraft: true\ndate: 2024-01-01\n---\n[f](/guide/gone.md)\n",
	})
	item := readImported(t, dest, "news/item.md")
	for _, want := range []string{"[a](../guide/reference.md#settings)", "[b](../guide/reference-dosing.md#adults)", "[c](chart.md#peak-flow)",
		"[d](../guide/_index.md)", "[e](../guide/_index.md#overview)", "`[code](/guide/gone.md)`", "[r]: ../guide/reference-dosing.md\n"} {
		if !strings.Contains(item, want) {
			t.Errorf("item.md lacks %s:\n%s", want, item)
		}
	}
	if draft := readImported(t, dest, "news/draft.md"); !strings.Contains(draft, "[f](/guide/gone.md)") {
		t.Errorf("the link to a file no page came from is not kept as written:\n%s", draft)
	}
	if home := readImported(t, dest, "_index.md"); !strings.Contains(home, "[the guide](guide/_index.md)") {
		t.Errorf("the home page's link to a section's file:\n%s", home)
	}
	if guide := readImported(t, dest, "guide/_index.md"); !strings.Contains(guide, "[dosing](reference-dosing.md)") {
		t.Errorf("the section page's link to a nested file:\n%s", guide)
	}
	wantNote(t, rep, "docs/news/item.md", 5, importer.Changed, "link to the Markdown file /guide/reference/_index.md#settings (imported as content/guide/reference.md) written as ../guide/reference.md#settings")
	wantNote(t, rep, "docs/news/item.md", 9, importer.Changed, "link to the Markdown file /guide/reference/dosing.md (imported as content/guide/reference-dosing.md) written as ../guide/reference-dosing.md")
	wantNote(t, rep, "docs/news/draft.md", 6, importer.Human, "link to /guide/gone.md names the Markdown file guide/gone.md, which no imported page comes from")
	if n := notesContaining(rep, "", "no imported page has this address"); len(n) != 0 {
		t.Errorf("links to Markdown files noted as missing pages: %+v", n)
	}
	files, diags := build(t, dest)
	var bad []string
	for _, d := range diags {
		if d.Check == "link" || d.Check == "anchor" {
			bad = append(bad, d.String())
		}
	}
	if len(bad) != 1 || !strings.Contains(bad[0], `"/guide/gone.md"`) || !strings.Contains(bad[0], "warning") {
		t.Errorf("want one broken link, the draft's to /guide/gone.md; got %q", bad)
	}
	page := string(files["news/item/index.html"])
	for _, want := range []string{`href="/guide/reference/#settings"`, `href="/guide/reference/dosing/#adults"`, `href="/news/chart/#peak-flow"`, `href="/guide/#overview"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the built page lacks %s:\n%s", want, page)
		}
	}
}
