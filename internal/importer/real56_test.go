package importer_test

import (
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/importer"
)

// The Community Health Toolkit's documentation (medic/cht-docs, a Hugo
// site; AGPL-3.0, so none of its text is kept here: the page below is
// written for this test in its shape) lists, among a page's old
// addresses, three of its own headings:
//
//	aliases:
//	  - /technical-overview/data/db-schema/
//	  - /technical-overview/data/db-schema/#tasks
//
// Hugo wrote a redirect page for each into a folder named "#tasks",
// which no browser asks for (the part after # is never sent). The
// importer kept the three, and medkb check stopped the imported site on
// each ("alias has a #fragment"). Now each is left out with a note at
// its line, saying what the address before the # is: the page's own
// (nothing lost), an alias already, or one to add.
func TestImportHugoAliasWithAFragmentIsLeftOutWithANote(t *testing.T) {
	t.Parallel()
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml": "baseURL = 'https://docs.example.org/'\ntitle = 'Health worker docs'\n",
		"content/data/db-schema.md": "---\ntitle: Database schema\ndate: 2024-01-02\nurl: /data/db-schema/\naliases:\n" +
			"  - /core/db-schema/\n  - /data/db-schema/#tasks\n  - /core/db-schema/#targets\n  - /old/schema/#contacts\n---\nText.\n",
	})
	got := readImported(t, dest, "data/db-schema.md")
	if strings.Contains(got, "#") || !strings.Contains(got, "- /core/db-schema/\n") {
		t.Errorf("content/data/db-schema.md: want the alias /core/db-schema/ alone:\n%s", got)
	}
	for _, want := range []struct{ sev, text string }{
		{importer.Changed, "alias /data/db-schema/#tasks left out: a browser never sends the part after # (#tasks), so the old site's redirect for it was never reached, and no redirect can answer it; /data/db-schema/ is the page's own address, so nothing is lost"},
		{importer.Changed, "alias /core/db-schema/#targets left out: a browser never sends the part after # (#targets), so the old site's redirect for it was never reached, and no redirect can answer it; /core/db-schema/ is an alias of the page already"},
		{importer.Human, "alias /old/schema/#contacts left out: a browser never sends the part after # (#contacts), so the old site's redirect for it was never reached, and no redirect can answer it; add /old/schema/ to aliases: if visitors come to the page by that address"},
	} {
		n := notesContaining(rep, "content/data/db-schema.md", want.text)
		if len(n) != 1 || n[0].Severity != want.sev || n[0].Line != 5 {
			t.Errorf("notes %+v; want one %s note at line 5: %s", n, want.sev, want.text)
		}
	}
	build(t, dest) // fails on an error: an alias with a fragment was one
}
