package importer_test

import (
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
