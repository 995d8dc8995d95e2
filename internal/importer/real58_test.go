package importer_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/medkb/medkb/internal/importer"
)

// BCDA's site keeps every page in Jekyll collections: _config.yml's
// collections: publishes _pages/ at /:path:output_ext and _announcements/
// at Jekyll's default /:collection/:path:output_ext (output: true). The
// importer read no collection and said only "not imported: move the
// files into a folder whose name has no _": the fixture's pages had to
// be moved by hand. Now each collection Jekyll published is a section of
// its name, each document at the address Jekyll gave it (url:, its .html
// address an alias), with one line at the collection's line of
// _config.yml.
func TestImportJekyllBCDACollectionsArePages(t *testing.T) {
	t.Parallel()
	dest, rep := importBCDA(t, importer.Options{})
	for file, want := range map[string][3]string{
		"pages/get-a-bearer-token.md":                {"How to Get a Bearer Token", "/api-documentation/get-a-bearer-token/", "/api-documentation/get-a-bearer-token.html"},
		"announcements/whats-new-on-bcda-cms-gov.md": {"What's new on BCDA.cms.gov", "/announcements/whats-new-on-bcda-cms-gov/", "/announcements/whats-new-on-bcda-cms-gov.html"},
	} {
		meta, _ := readImportedMeta(t, dest, file)
		if meta["title"] != want[0] || meta["url"] != want[1] || !slices.Contains(stringList(meta["aliases"]), want[2]) {
			t.Errorf("content/%s: title %q, url %q, aliases %v; want %q, %q and the old address %s", file, meta["title"], meta["url"], meta["aliases"], want[0], want[1], want[2])
		}
	}
	wantNote(t, rep, "_config.yml", 12, importer.Changed, "the collection pages (_pages/, 1 document), which Jekyll published (output: true): imported as the section pages (content/pages/), each document at the address Jekyll gave it (permalink: /:path:output_ext)")
	wantNote(t, rep, "_config.yml", 16, importer.Changed, "the collection announcements (_announcements/, 1 document), which Jekyll published (output: true): imported as the section announcements")
	if n := notesContaining(rep, "", "is not imported: Jekyll published"); len(n) != 0 {
		t.Errorf("a published collection named as not imported: %v", n)
	}
	build(t, dest)
}

// A site shaped like the U.S. Web Design System's team sites: its
// collections under collections_dir:, a team whose members are pages at
// /:collection/:name/ with a photo beside each (copied as it was, by
// the same pattern), guides in folders at Jekyll's default address,
// defaults: given by type: to each collection, and a collection of data
// (output: false), named at its line of _config.yml.
func TestImportJekyllCollectionsDirDefaultsAndFiles(t *testing.T) {
	t.Parallel()
	cfg := "title: Clinic\nurl: https://clinic.example.org\ncollections_dir: site_collections\ncollections:\n" +
		"  team:\n    output: true\n    permalink: /:collection/:name/\n" +
		"  guides:\n    output: true\n" +
		"  faqs:\n    output: false\n" +
		"defaults:\n  - scope:\n      type: team\n    values:\n      description: A member of the clinic's team\n" +
		"  - scope:\n      type: guides\n    values:\n      permalink: /help/:path/\n" +
		"  - scope:\n      type: faqs\n    values:\n      layout: faq\n"
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":                                 cfg,
		"site_collections/_team/Ada_Lovelace.md":      "---\ntitle: Ada Lovelace\ndate: 2024-01-02\n---\nAda runs the asthma clinic.\n",
		"site_collections/_team/img/ada.png":          "PNG",
		"site_collections/_guides/asthma/inhalers.md": "---\ntitle: Using an inhaler\ndate: 2024-01-03\n---\nShake it first.\n",
		"site_collections/_guides/asthma/spacer.md":   "---\ntitle: Using a spacer\ndate: 2024-01-04\npermalink: /spacer.html\n---\nAttach it.\n",
		"site_collections/_faqs/opening-hours.md":     "---\ntitle: When are you open?\n---\nEvery day.\n",
		"_team/stray.md":                              "---\ntitle: Stray\n---\nNot in collections_dir: Jekyll did not read it.\n",
		"about.md":                                    "---\ntitle: About\ndate: 2024-01-01\n---\nThe clinic.\n",
	})
	for file, want := range map[string][2]string{
		"team/ada-lovelace.md": {"/team/ada-lovelace/", ""},
		"guides/inhalers.md":   {"/help/asthma/inhalers/", ""},
		"guides/spacer.md":     {"/spacer/", "/spacer.html"},
	} {
		meta, _ := readImportedMeta(t, dest, file)
		if meta["url"] != want[0] || want[1] != "" && !slices.Contains(stringList(meta["aliases"]), want[1]) {
			t.Errorf("content/%s: url %q, aliases %v; want %q and alias %q", file, meta["url"], meta["aliases"], want[0], want[1])
		}
	}
	if meta, _ := readImportedMeta(t, dest, "team/ada-lovelace.md"); meta["summary"] != "A member of the clinic's team" {
		t.Errorf("content/team/ada-lovelace.md: summary %q, want the description: defaults: gave type: team", meta["summary"])
	}
	if _, err := os.Stat(filepath.Join(dest, "static", "team", "ada.png")); err != nil {
		t.Errorf("the team's photo is not at static/team/ada.png, where Jekyll copied it (/:collection/:name/ less its /, and .png): %v", err)
	}
	if _, err := os.Stat(filepath.Join(dest, "content", "faqs")); err == nil {
		t.Error("the faqs collection (output: false) was imported as pages")
	}
	wantNote(t, rep, "_config.yml", 10, importer.Human, "the collection faqs (site_collections/_faqs/, 1 document) is not imported: Jekyll did not publish its documents as pages (output: false)")
	wantNote(t, rep, "_config.yml", 5, importer.Changed, "the collection team (site_collections/_team/, 1 document), which Jekyll published (output: true): imported as the section team")
	if n := notesContaining(rep, "", "applied to no page"); len(n) != 1 {
		t.Errorf("defaults: items applied to no page: %v, want the one of faqs only", n)
	}
	wantNoteWith(t, rep, "_config.yml", importer.Changed, "defaults: the item for type faqs (values: layout) applied to no page", "type faqs is a collection's that Jekyll did not publish (output: false)")
	build(t, dest)
}

// stringList is a front matter list as strings.
func stringList(v any) []string {
	var out []string
	if l, ok := v.([]any); ok {
		for _, x := range l {
			out = append(out, fmt.Sprint(x))
		}
	}
	return out
}
