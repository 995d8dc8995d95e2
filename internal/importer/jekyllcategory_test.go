package importer_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/importer"
)

// Jekyll's singular category: (category: "manual" on USAID-OHA-SI's
// posts, MIT) is a category as categories: are: it shapes the post's
// address and puts it on site.categories.manual, which the site's list
// pages loop over. It was kept under params:, so the post was on no
// topic page and a page listing site.categories.manual was sent to
// /posts/. Now it is one of the post's tags, whole (Jekyll does not
// split it at spaces), beside those of categories:, and the listing goes
// to /tags/manual/; on a section's page it is left out with the note
// categories: get.
func TestImportJekyllSingularCategoryIsATag(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":                      "title: Clinic\nurl: https://clinic.example.org\n",
		"_posts/2023-08-01-r_setup.md":     "---\ntitle: Installing R\ncategory: \"manual\"\ncategories: setup\n---\nInstall R.\n",
		"_posts/2023-08-02-flu.md":         "---\ntitle: Flu clinic\ncategory: Clinic news\n---\nOpen.\n",
		"manuals.html":                     "---\ntitle: Manuals\n---\n{% for post in site.categories.manual %}\n<a href=\"{{ post.url }}\">{{ post.title }}</a>\n{% endfor %}\n",
		"guides/index.md":                  "---\ntitle: Guides\ncategory: guides\n---\nOur guides.\n",
		"guides/fever.md":                  "---\ntitle: Fever\ndate: 2024-01-02\n---\nRest.\n",
		"_posts/2023-08-03-see-manuals.md": "---\ntitle: See the manuals\n---\nSee [the manuals]({% link manuals.html %}).\n",
	})
	for name, want := range map[string]string{
		"posts/r-setup.md": "tags:\n    - manual\n    - setup\n",
		"posts/flu.md":     "tags:\n    - Clinic news\n",
	} {
		if got := readImported(t, dest, name); !strings.Contains(got, want) || strings.Contains(got, "category:") {
			t.Errorf("content/%s: want %q and no category: under params:\n%s", name, want, got)
		}
	}
	if n := notesContaining(rep, "", `"category"`); len(n) != 0 {
		t.Errorf("category: is said to be kept under params: %+v", n)
	}
	wantNoteWith(t, rep, "manuals.html", importer.Human, "the page lists the posts of category manual", "as medkb's topic page /tags/manual/ does itself")
	if got := readImported(t, dest, "posts/see-manuals.md"); !strings.Contains(got, "[the manuals](/tags/manual/)") {
		t.Errorf("content/posts/see-manuals.md: want the link at /tags/manual/:\n%s", got)
	}
	wantNote(t, rep, "guides/index.md", 3, importer.Changed, "category: guides left out of a section's page: medkb's topic pages (/tags/) list articles")
	built, _ := build(t, dest)
	for page, title := range map[string]string{"tags/manual/index.html": "Installing R", "tags/clinic-news/index.html": "Flu clinic"} {
		if got := string(built[page]); !strings.Contains(got, title) {
			t.Errorf("/%s does not list %q:\n%s", page, title, got)
		}
	}
}

// HealthCare.gov's 2013 Jekyll source (CMS, public domain; the site's
// LICENSE.txt) writes one glossary word's categories as a quoted JSON
// list, categories: "[\"glossary\"]" (_posts/glossary/es/
// 2013-06-17-prevention.md), where its 355 other words write a YAML
// list. Jekyll split the string at spaces: one category, ["glossary"],
// brackets and quotes and all, in the address
// /%5B%22glossary%22%5D/prevencion under permalink: /:categories/:title.
// The importer made an address part and a topic of it too. Now the
// string is read as the list its writer meant: the word is at
// /glossary/…, tagged glossary, as its neighbours; a note at its line
// says so, with the address Jekyll served when the post was published
// (the real one, published: false, was not: no address is named).
func TestImportJekyllListInAStringIsTheList(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml": "title: HealthCare.gov\nurl: https://www.healthcare.gov\npermalink: /:categories/:title\n",
		"_posts/glossary/2013-06-17-prevention.md": "---\ntitle: Prevention\nlang: en\ncategories:\n- glossary\n---\nActivities to prevent illness.\n",
		"_posts/glossary/2013-06-17-prevencion.md": "---\ntitle: Prevención\nlayout: \"glossary-word\"\ncategories: \"[\\\"glossary\\\"]\"\n---\nActividades para prevenir enfermedades.\n",
		"_posts/glossary/2013-06-18-copago.md":     "---\npublished: false\ntitle: Copago\ncategories: \"[\\\"glossary\\\", \\\"es\\\"]\"\n---\nUna cantidad fija.\n",
	})
	for name, want := range map[string]string{
		"glossary/prevencion.md": "url: /glossary/prevencion/\n",
		"glossary/copago.md":     "url: /glossary/es/copago/\n",
	} {
		got := readImported(t, dest, name)
		if !strings.Contains(got, want) || !strings.Contains(got, "tags:\n    - glossary\n") || strings.Contains(got, `[\"`) || strings.Contains(got, `["`) {
			t.Errorf("content/%s: want %q and the tag glossary, no brackets or quotes:\n%s", name, want, got)
		}
	}
	wantNote(t, rep, "2013-06-17-prevencion.md", 4, importer.Changed, `categories: "[\"glossary\"]" is a string holding a list: Jekyll split it at spaces and read one category, ["glossary"], brackets and quotes and all, and served the page at /%5B%22glossary%22%5D/prevencion; it is at /glossary/prevencion/ now (if that address was published, add a permanent redirect from it on the web server); imported as the list its writer meant, [glossary]: write it as a list in YAML (categories: [glossary])`)
	wantNote(t, rep, "2013-06-18-copago.md", 4, importer.Changed, `read the words ["glossary",, "es"], brackets and quotes and all; imported as the list its writer meant, [glossary, es]`)
	build(t, dest)
}

// Hugo reads a string in tags: or categories: as one term, whatever it
// holds (ToStringSlicePreserveString): "[\"asthma\", \"copd\"]" was the
// term ["asthma", "copd"], brackets and quotes and all, and "lungs,
// breathing" the term "lungs, breathing". The importer split such a
// string at its commas, or else its spaces, without a word (the JSON one
// into the tags ["asthma" and "copd"]), and "heart disease", one term in
// Hugo, into two. Now a
// string holding a list, or commas, is the list its writer meant, with a
// changed note at its line saying what Hugo made of it; any other string
// is the one term Hugo made of it. A comma after one word ("cardiology,")
// is taken for a separator too.
func TestImportHugoListInAStringIsTheList(t *testing.T) {
	t.Parallel()
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml":                   "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\n",
		"content/conditions/copd.md":  "---\ntitle: COPD\ndate: 2024-01-01\ntags: \"[\\\"asthma\\\", \\\"copd\\\"]\"\ncategories: \"lungs, breathing\"\n---\nText.\n",
		"content/conditions/heart.md": "---\ntitle: Heart\ndate: 2024-01-01\ntags: heart disease\ncategories: \"cardiology,\"\n---\nText.\n",
		"content/conditions/toml.md":  "+++\ntitle = 'Toml'\ndate = 2024-01-01\ntags = '[\"lungs\"]'\n+++\nText.\n",
	})
	for name, want := range map[string]string{
		"conditions/copd.md":  "tags:\n    - asthma\n    - copd\n    - lungs\n    - breathing\n",
		"conditions/heart.md": "tags:\n    - heart disease\n    - cardiology\n",
		"conditions/toml.md":  "tags:\n    - lungs\n",
	} {
		if got := readImported(t, dest, name); !strings.Contains(got, want) || strings.Contains(got, `["`) || strings.Contains(got, "cardiology,") {
			t.Errorf("content/%s: want\n%s\nno quotes or brackets:\n%s", name, want, got)
		}
	}
	wantNote(t, rep, "content/conditions/copd.md", 4, importer.Changed, `tags: "[\"asthma\", \"copd\"]" is a string holding a list: Hugo reads a string there as one term and listed the page under ["asthma", "copd"], brackets and quotes and all; imported as the list its writer meant, [asthma, copd]: write it as a list (tags: [asthma, copd])`)
	wantNote(t, rep, "content/conditions/copd.md", 5, importer.Changed, `categories: "lungs, breathing" is a string: Hugo reads a string there as one term and listed the page under "lungs, breathing", commas and all; imported as the list its writer meant, [lungs, breathing], one category at each comma: write it as a list (categories: [lungs, breathing]), or, if "lungs, breathing" is one category, as categories: ["lungs, breathing"]`)
	wantNote(t, rep, "content/conditions/toml.md", 4, importer.Changed, `tags: "[\"lungs\"]" is a string holding a list`)
	wantNote(t, rep, "content/conditions/heart.md", 5, importer.Changed, `categories: "cardiology," is a string: Hugo reads a string there as one term and listed the page under "cardiology,", commas and all; imported as the list its writer meant, [cardiology]`)
	if n := notesContaining(rep, "content/conditions/heart.md", "tags: "); len(n) != 0 {
		t.Errorf("a note on tags: heart disease, which Hugo read as the term imported: %v", n)
	}
	build(t, dest)
}

// Jekyll splits a string of tags or categories at spaces
// (Utils.pluralized_array_from_hash, Document#merge_categories!: Ruby's
// String#split): tags: "heart disease, diabetes" were the tags "heart",
// "disease," and "diabetes", and categories: "Conditions, Lungs" put the
// post at /conditions,/lungs/…. The importer split such a string at its
// commas without a word. Now it still does, as its writer plainly meant,
// with a note at each line naming what Jekyll read and, for categories,
// the address Jekyll served; a string without commas is split at spaces,
// as Jekyll did, without a note.
func TestImportJekyllCommasInATagString(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":                  "title: Repro clinic\nurl: https://example.org\n",
		"_posts/2022-03-01-asthma.md":  "---\ntitle: Asthma\ncategories: \"Conditions, Lungs\"\ntags: \"heart disease, diabetes\"\n---\nText.\n",
		"_posts/2022-03-02-inhaler.md": "---\ntitle: Inhaler\ntags: asthma inhaler\n---\nText.\n",
	})
	meta, _ := readImportedMeta(t, dest, "posts/asthma.md")
	if got := fmt.Sprint(meta["tags"]); got != "[Conditions Lungs heart disease diabetes]" {
		t.Errorf("asthma's tags: %s, want [Conditions Lungs heart disease diabetes]", got)
	}
	if got := fmt.Sprint(meta["url"]); got != "/conditions/lungs/2022/03/01/asthma/" {
		t.Errorf("asthma's url: %s", got)
	}
	wantNote(t, rep, "2022-03-01-asthma.md", 3, importer.Changed, `categories: "Conditions, Lungs" is a string: Jekyll split it at spaces, not at commas, and read the categories "Conditions," and "Lungs", commas and all, and served the page at /conditions,/lungs/2022/03/01/asthma.html; it is at /conditions/lungs/2022/03/01/asthma/ now`)
	wantNote(t, rep, "2022-03-01-asthma.md", 4, importer.Changed, `tags: "heart disease, diabetes" is a string: Jekyll split it at spaces, not at commas, and read the tags "heart", "disease," and "diabetes", commas and all; imported as`)
	wantNote(t, rep, "2022-03-01-asthma.md", 4, importer.Changed, `imported as the list its writer meant, [heart disease, diabetes], one tag at each comma: write it as a list in YAML (tags: [heart disease, diabetes])`)
	meta, _ = readImportedMeta(t, dest, "posts/inhaler.md")
	if got := fmt.Sprint(meta["tags"]); got != "[asthma inhaler]" || len(meta["tags"].([]any)) != 2 {
		t.Errorf("inhaler's tags: %s, want the two tags asthma and inhaler", got)
	}
	if n := notesContaining(rep, "2022-03-02-inhaler.md", "tags:"); len(n) != 0 {
		t.Errorf("notes of a tag string Jekyll split as its writer meant: %+v", n)
	}
	build(t, dest)
}
