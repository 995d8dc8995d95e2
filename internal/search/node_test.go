package search

import (
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"
)

// spanishDocs is a small Spanish site.
func spanishDocs() []Doc {
	return []Doc{
		{URL: "/es/vacunas/", Title: "Vacunas", Lang: "es", Body: "Las vacunas protegen a los niños. Las vacunas son seguras."},
		{URL: "/es/infarto/", Title: "Infarto de miocardio", Lang: "es", Body: "El infarto de miocardio ocurre cuando se bloquea una arteria coronaria."},
		{URL: "/es/ulcera/", Title: "Úlcera gástrica", Lang: "es", Body: "Una úlcera gástrica es una llaga en el estómago."},
		{URL: "/es/asma/", Title: "Asma", Lang: "es", Body: "El asma estrecha las vías respiratorias."},
		{URL: "/es/paracetamol/", Title: "Paracetamol", Lang: "es", Body: "El paracetamol alivia el dolor y baja la fiebre."},
	}
}

// nodeBinary returns the node executable; the browser tests need it, so its
// absence fails the test rather than skipping it.
func nodeBinary(t testing.TB) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is required for the search.js tests: %v", err)
	}
	return node
}

// deepDocs puts the best answer to "zebra quokka" last in both words'
// postings lists: thirty pages say one of the words twenty times each, one
// page says both once. With half the query matched, the single-word pages
// score below it, so a search that stopped reading the lists as soon as it
// had enough results would miss it.
func deepDocs() []Doc {
	var docs []Doc
	for i := range 30 {
		for _, w := range []string{"zebra", "quokka"} {
			docs = append(docs, Doc{URL: fmt.Sprintf("/%s/%02d/", w, i), Title: fmt.Sprintf("Animal page %d", i),
				Body: strings.Repeat(w+" ", 20) + "lives in the wild."})
		}
	}
	return append(docs, Doc{URL: "/both/", Title: "Animal page", Body: "A zebra met a quokka and they lived in the wild for years."})
}

// longListDocs are 40 notes on zebras, fewer mentions from one to the
// next: the lists of "note" and "zebra" both rank them in document order,
// so the last 20 are below the documents a postings shard carries.
func longListDocs() []Doc {
	var docs []Doc
	for i := range 40 {
		docs = append(docs, Doc{URL: fmt.Sprintf("/n/%02d/", i), Title: "Note", Body: strings.Repeat("zebra ", 40-i)})
	}
	return docs
}

// filesOf lists an index's files; a later file of the same path wins when
// they are written out, as the delta's manifest does.
func filesOf(m map[string][]byte) []File {
	var out []File
	for _, p := range sortedKeys(m) {
		out = append(out, File{Path: p, Data: m[p]})
	}
	return out
}

func TestSearchJS(t *testing.T) {
	t.Parallel()
	node := nodeBinary(t)
	en := writeFiles(t, published(mustBuild(t, testCorpus(), Options{Lang: "en", BasePath: "/search/"})))
	es := writeFiles(t, mustBuild(t, spanishDocs(), Options{Lang: "es", BasePath: "/es/search/"}))
	deep := writeFiles(t, mustBuild(t, deepDocs(), Options{Lang: "en", BasePath: "/search/"}))
	long := writeFiles(t, mustBuild(t, longListDocs(), Options{Lang: "en", BasePath: "/search/"}))
	// The asthma page edited: a delta over the base, and a full build of
	// the edited site to hold it to.
	base, baseFiles := mustBase(t, testCorpus())
	files, err := base.Delta([]Doc{editedAsthma(t)})
	if err != nil {
		t.Fatal(err)
	}
	delta := writeFiles(t, published(slices.Concat(filesOf(baseFiles), files)))
	edited := slices.Clone(testCorpus())
	for i, d := range edited {
		if d.URL == "/conditions/asthma/" {
			edited[i] = editedAsthma(t)
		}
	}
	full := writeFiles(t, mustBuild(t, edited, Options{Lang: "en", BasePath: "/search/"}))
	cmd := exec.Command(node, "--test", "--test-reporter=spec", "testdata/search.test.mjs")
	site := writeSite(t, siteEnglish(), spanishDocs())
	cmd.Env = append(cmd.Environ(), "MEDKB_INDEX_EN="+en, "MEDKB_INDEX_ES="+es, "MEDKB_INDEX_DEEP="+deep, "MEDKB_INDEX_LONG="+long, "MEDKB_INDEX_SITE="+site,
		"MEDKB_INDEX_DELTA="+delta, "MEDKB_INDEX_EDITED="+full, "NO_COLOR=1")
	cmd.WaitDelay = time.Second
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node --test: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}
