package search

import (
	"os/exec"
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

func TestSearchJS(t *testing.T) {
	t.Parallel()
	node := nodeBinary(t)
	en := writeFiles(t, mustBuild(t, testCorpus(), Options{Lang: "en", BasePath: "/search/"}))
	es := writeFiles(t, mustBuild(t, spanishDocs(), Options{Lang: "es", BasePath: "/es/search/"}))
	cmd := exec.Command(node, "--test", "--test-reporter=spec", "testdata/search.test.mjs")
	cmd.Env = append(cmd.Environ(), "MEDKB_INDEX_EN="+en, "MEDKB_INDEX_ES="+es, "NO_COLOR=1")
	cmd.WaitDelay = time.Second
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node --test: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}
