package importer_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/importer"
)

// Hugo read an alias without a leading slash from the page's folder
// (path.Join(page, "..", alias)): "antiguo" on the Spanish page
// /es/conditions/asthma/ answered at /es/conditions/antiguo. The import
// kept it as written, and medkb build stopped (an alias is written from
// the site's root). Now each is written as the address Hugo served, with
// a note; one that leaves the language's root (../../x on a page in es),
// where medkb publishes no alias of a page in es, is left out with a
// note for a person. An alias with a leading slash on the Spanish page
// is read from /es/, as Hugo 0.155 and later read it; earlier Hugo served
// it from the server's root, which a note for a person names.
func TestImportHugoAliasesAtTheAddressHugoServed(t *testing.T) {
	t.Parallel()
	es := "content/conditions/asthma.es.md"
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml":                    "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\ndefaultContentLanguage = 'en'\n[languages.en]\n[languages.es]\n",
		"content/conditions/asthma.md": "---\ntitle: Asthma\ndate: 2024-01-01\naliases: [old, /older/]\n---\nText.\n",
		es:                             "---\ntitle: Asma\ndate: 2024-01-01\naliases: [antiguo, ../otro/, ../../fuera/, /viejo/, /es/ya/]\n---\nTexto.\n",
	})
	wantNote(t, rep, es, 4, importer.Changed, "alias antiguo is written /es/conditions/antiguo: Hugo read an alias without a leading / from the page's folder")
	wantNote(t, rep, es, 4, importer.Changed, "alias ../otro/ is written /es/otro/")
	wantNote(t, rep, es, 4, importer.Human, "alias ../../fuera/ left out: Hugo read it from the page's folder, /fuera/, outside the address of language es (/es/)")
	wantNote(t, rep, es, 4, importer.Human, "alias /viejo/ redirects from /es/viejo/, where Hugo 0.155 and later served it (an alias of a page in es is read from /es/); Hugo before 0.155 served it at /viejo/, from the server's root: if an older Hugo built the site, add a redirect from /viejo/ to /es/conditions/asthma/")
	wantNote(t, rep, "content/conditions/asthma.md", 4, importer.Changed, "alias old is written /conditions/old:")
	if n := notesContaining(rep, es, "/es/ya/"); len(n) != 0 {
		t.Errorf("an alias under the page's language root needs no note: %+v", n)
	}
	files, _ := build(t, dest)
	for _, redirect := range []string{"es/conditions/antiguo/index.html", "es/otro/index.html", "es/viejo/index.html", "es/ya/index.html", "conditions/old/index.html", "older/index.html"} {
		if len(files[redirect]) == 0 {
			t.Errorf("no redirect at %s", redirect)
		}
	}
	if len(files["fuera/index.html"]) != 0 || len(files["es/fuera/index.html"]) != 0 {
		t.Error("the alias outside the language root was published")
	}
}

// Hugo published every alias that does not end in .html as a folder:
// cht-docs' /apps/guides/hosting/4.x answered at
// apps/guides/hosting/4.x/index.html. The import wrote it with a slash,
// with a note, while medkb read a last part with a dot as a file name;
// medkb now publishes such an alias as a folder itself (assemble's
// aliasFolder), so the import keeps every alias as written, without a
// note, and the site builds with each redirect where Hugo had it, beside
// the alias /apps/guides/hosting/4.x/app-developer of another page.
func TestImportHugoAliasWithADotIsTheFolderHugoPublished(t *testing.T) {
	t.Parallel()
	core := "content/hosting/cht.md"
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml":                            "baseURL = 'https://docs.example.org/'\ntitle = 'Docs'\n",
		core:                                   "---\ntitle: CHT Core\ndate: 2024-01-01\naliases:\n  - /apps/guides/hosting/4.x\n  - /hosting/4.x/\n  - /old/core.html\n---\nText.\n",
		"content/hosting/cht-app-developer.md": "---\ntitle: App developer\ndate: 2024-01-01\naliases:\n  - /apps/guides/hosting/4.x/app-developer\n---\nText.\n",
	})
	if n := notesContaining(rep, "", "alias "); len(n) != 0 {
		t.Errorf("an alias Hugo and medkb publish at one path needs no note: %+v", n)
	}
	if fm, _ := readImportedMeta(t, dest, "hosting/cht.md"); fmt.Sprint(fm["aliases"]) != "[/apps/guides/hosting/4.x /hosting/4.x/ /old/core.html]" {
		t.Errorf("aliases = %v, want them as written", fm["aliases"])
	}
	files, _ := build(t, dest)
	for _, redirect := range []string{"apps/guides/hosting/4.x/index.html", "apps/guides/hosting/4.x/app-developer/index.html", "hosting/4.x/index.html", "old/core.html"} {
		if len(files[redirect]) == 0 {
			t.Errorf("no redirect at %s", redirect)
		}
	}
}

// A bare image: (image: chart.png, no folder) came in as written, which
// medkb reads from the site's root: a leaf bundle's picture, which Hugo's
// templates found among the page's resources, was looked for at
// static/chart.png, and medkb build stopped (image chart.png does not
// exist). Now a file of the bundle is the page's image: at the bundle's
// new folder, with a note; one of static/ is read from the root; one
// found nowhere is kept under params: with a note for a person at its
// line, and the site builds.
func TestImportHugoBareImageIsFoundWhereHugoFoundIt(t *testing.T) {
	t.Parallel()
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml":                           "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\n",
		"content/conditions/asthma/index.md":  "---\ntitle: Asthma\ndate: 2024-01-01\nimage: chart.png\n---\nText.\n",
		"content/conditions/asthma/chart.png": png1x1,
		"content/conditions/copd.md":          "---\ntitle: COPD\ndate: 2024-01-01\nimages: [img/lungs.png, img/other.png]\n---\nText.\n",
		"static/img/lungs.png":                png1x1,
		"content/conditions/flu.md":           "---\ntitle: Flu\ndate: 2024-01-01\nimage: virus.png\n---\nText.\n",
	})
	wantNote(t, rep, "content/conditions/asthma/index.md", 4, importer.Changed, "image: chart.png is a file of the page's bundle: image: /conditions/asthma/chart.png")
	wantNote(t, rep, "content/conditions/flu.md", 4, importer.Human, "image: virus.png is the page's picture, but no file of that name is in the static folder")
	for name, want := range map[string]string{
		"conditions/asthma.md": "/conditions/asthma/chart.png",
		"conditions/copd.md":   "/img/lungs.png",
		"conditions/flu.md":    "<nil>",
	} {
		if fm, _ := readImportedMeta(t, dest, name); fmt.Sprint(fm["image"]) != want {
			t.Errorf("%s image = %v, want %s", name, fm["image"], want)
		}
	}
	if got := readImported(t, dest, "conditions/flu.md"); !strings.Contains(got, "image: virus.png") {
		t.Errorf("content/conditions/flu.md: want image: kept under params:\n%s", got)
	}
	files, _ := build(t, dest)
	if page := string(files["conditions/asthma/index.html"]); !strings.Contains(page, "/conditions/asthma/chart.png") {
		t.Errorf("the page does not name its picture:\n%s", page)
	}
}

// A description or summary with Markdown in it, which the old site's
// templates rendered (medic/cht-docs, AGPL-3.0: description: >
// **Graphics**: Used for custom branding…), is written as plain text,
// with a note: medkb shows a summary as text everywhere, so the marks
// would show in lists, feeds and link previews.
func TestImportHugoSummaryWithMarkdownIsWrittenPlain(t *testing.T) {
	t.Parallel()
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml":                    "baseURL = 'https://docs.example.org/'\ntitle = 'Docs'\n",
		"content/building/graphics.md": "---\ntitle: Graphics\ndate: 2024-01-01\ndescription: >\n  **Graphics**: Used for custom branding, logos, and [icons](/icons/)\n---\nText.\n",
		"content/building/forms.md":    "---\ntitle: Forms\ndate: 2024-01-01\ndescription: \"App forms complete reports, tasks and actions in the app.\"\n---\nText.\n",
	})
	wantNote(t, rep, "content/building/graphics.md", 4, importer.Changed, `summary: its Markdown or HTML is written as plain text ("Graphics: Used for custom branding, logos, and icons")`)
	if got := readImported(t, dest, "building/graphics.md"); !strings.Contains(got, "summary: 'Graphics: Used for custom branding, logos, and icons'") || strings.Contains(got, "**") {
		t.Errorf("graphics.md:\n%s", got)
	}
	if n := notesContaining(rep, "content/building/forms.md", "plain text"); len(n) != 0 {
		t.Errorf("a plain description noted: %+v", n)
	}
	_, diags := build(t, dest)
	for _, d := range diags {
		if strings.Contains(d.Message, "summary holds Markdown") {
			t.Errorf("the imported summary still holds Markdown: %s", d)
		}
	}
}
