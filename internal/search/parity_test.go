package search

import (
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"sync"
	"testing"
)

// jsCase is one query of a parity run: what search.js's search() and
// suggest() are called with.
type jsCase struct {
	Q        string `json:"q"`
	Limit    int    `json:"limit,omitempty"`
	Section  string `json:"section,omitempty"`
	Audience string `json:"audience,omitempty"`
	Tag      string `json:"tag,omitempty"`
}

// jsAnswer is what search.js answered to one case.
type jsAnswer struct {
	Results []struct {
		URL     string  `json:"url"`
		Score   float64 `json:"score"`
		Excerpt string  `json:"excerpt"`
		Lang    string  `json:"lang"`
	} `json:"results"`
	Suggestions []string `json:"suggestions"`
	Files       []string `json:"files"` // fetched by search(), relative to the index folder
}

// parityCases covers what the query language has: words, typos of each
// kind, prefixes while typing, stems, synonym phrases (one and several
// words, by surface and by stem), quoted phrases (present, absent, out of
// order), stop words, unknown words, possessives, accents, numbers, facet
// filters and limits.
var parityCases = []jsCase{
	{Q: "asthma"}, {Q: "asthma "}, {Q: "asth"}, {Q: "as"}, {Q: "a"}, {Q: "diabetes"},
	{Q: "hypertension"}, {Q: "myocardial infarction"}, {Q: "myocard"}, {Q: "vaccines for adults"},
	{Q: "heartburn and acid reflux"}, {Q: "living with gout"}, {Q: "treating migraine"},
	{Q: "understanding eczema"}, {Q: "children and epilepsy"}, {Q: "heart attack"}, {Q: "heart attacks "},
	{Q: "MI"}, {Q: "high blood pressure"}, {Q: "high blood pressure "}, {Q: "blood pressure"},
	{Q: "diabetis"}, {Q: "asthama"}, {Q: "hypretension"}, {Q: "epilepsey"}, {Q: "pnuemonia"},
	{Q: "vaccination"}, {Q: "vacunación"}, {Q: "blood flow"}, {Q: "inhaler wheezing"},
	{Q: "uric crystals toe"}, {Q: "liver jaundice"}, {Q: "seizures brain medication"},
	{Q: "vision surgery"}, {Q: "bones fracture calcium"}, {Q: "skin rash itching"},
	{Q: "cough fever antibiotics"}, {Q: `"blood glucose"`}, {Q: `"blood flow to part"`},
	{Q: `"flow blood"`}, {Q: `"reliever inhaler" airways`}, {Q: `asthma "tetanus booster"`},
	{Q: `"unbalanced quote`}, {Q: "the of and"}, {Q: "what is asthma"}, {Q: "zzzzqqq"},
	{Q: "patient's inhaler"}, {Q: "HbA1c"}, {Q: "hba1"}, {Q: "angiotensin converting enzyme inhibitor "},
	{Q: "ace inhibitor"}, {Q: "stomach acid flows"}, {Q: "gastroesophageal"}, {Q: "tetanus"},
	{Q: "ÚLCERA"}, {Q: "Diabetes Mellitus"}, {Q: "chest pain arm"}, {Q: "part 2"},
	{Q: "asthma", Limit: 3}, {Q: "treatment", Limit: 25}, {Q: "treatment", Section: "guides"},
	{Q: "asthma", Audience: "patient"}, {Q: "pain", Tag: "cardiology"},
	{Q: "heart", Section: "conditions", Audience: "clinician"}, {Q: "wheezing", Section: "nosuch"},
	// filler, synonyms reached through a typo, brands, Spanish names,
	// adjacency and whole-title rules
	{Q: "can i take antibiotics "}, {Q: "how do i know if i have asthma "}, {Q: "amoxicilin "},
	{Q: "water pill "}, {Q: "lipitor"}, {Q: "infarto "}, {Q: "heart attak "}, {Q: "asthma inhaler wheezing "},
	{Q: "blood flow heart "}, {Q: "reflux acid "}, {Q: "gout toe "}, {Q: "understanding gout "},
}

// TestEngineMatchesSearchJS runs the same queries through the Go engine
// (what `medkb search` answers with) and through search.js under Node
// (the source, and the minified module a site publishes), over the same
// index files, and requires the same URLs in the same order,
// the same scores, excerpts and spelling suggestions.
func TestEngineMatchesSearchJS(t *testing.T) {
	t.Parallel()
	node := nodeBinary(t)
	base, baseFiles := mustBase(t, testCorpus())
	deltaFiles, err := base.Delta([]Doc{editedAsthma(t)})
	if err != nil {
		t.Fatal(err)
	}
	indexes := []struct {
		name  string
		files []File
		cases []jsCase
	}{
		{"en", mustBuild(t, testCorpus(), Options{Lang: "en", BasePath: "/search/"}), parityCases},
		{"es", mustBuild(t, spanishDocs(), Options{Lang: "es"}), []jsCase{{Q: "vacuna"}, {Q: "infarto"},
			{Q: "ulcera gastrica"}, {Q: "asma "}, {Q: "miocardio"}, {Q: "vacunas son"}, {Q: "estomago"},
			{Q: "gelocatil "}, {Q: "nolotil "}, {Q: "tylenol"}}},
		{"deep", mustBuild(t, deepDocs(), Options{Lang: "en"}), []jsCase{{Q: "zebra quokka"}, {Q: "zebra quokka", Limit: 1}}},
		// Lists longer than their heads: a quoted phrase of common words
		// reads the tails (see TestFirstQueryReadsTailsOnlyForMoreResults).
		{"tails", mustBuild(t, append(handDocs(), syntheticDocs(600)...), Options{Lang: "en"}), []jsCase{{Q: `"care plan"`, Limit: 50},
			{Q: `"care plan"`, Section: "guides", Limit: 20}, {Q: "care plan ", Limit: 30}, {Q: "treatment "}}},
		{"delta", slices.Concat(filesOf(baseFiles), deltaFiles), []jsCase{{Q: "asthma"}, {Q: "zebrafishology"},
			{Q: "reliever inhaler"}, {Q: "spacer device"}, {Q: "wheezing"}, {Q: "heart attack"}}},
	}
	total := 0
	for _, ix := range indexes {
		// The source module, then the one a site publishes (minified,
		// the manifest written in).
		for _, files := range [][]File{ix.files, published(ix.files)} {
			js := runJS(t, node, writeFiles(t, files), ix.cases)
			e, err := OpenEngine(FilesReader(ix.files))
			if err != nil {
				t.Fatal(err)
			}
			total += compareEngines(t, ix.name, e, ix.cases, js)
		}
	}
	// Cross-language: a Spanish index read from disk with the English one
	// it falls back to, in both engines.
	root := writeSite(t, siteEnglish(), spanishDocs())
	cases := []jsCase{{Q: "infarto "}, {Q: "infarto", Limit: 2}, {Q: "asma "}, {Q: "heart attak "}, {Q: "zzzzqqq"}}
	total += compareEngines(t, "es→en", openSiteEngine(t, root), cases, runJS(t, node, filepath.Join(root, "es", "search"), cases))
	if total < 50 {
		t.Fatalf("only %d parity queries", total)
	}
	t.Logf("%d queries: identical results, scores, excerpts and suggestions", total)
}

// compareEngines holds e's answers to cases to search.js's (js): the same
// URLs in the same order, with the same scores, excerpts and languages,
// and the same suggestions. It returns the number of cases.
func compareEngines(t *testing.T, name string, e *Engine, cases []jsCase, js []jsAnswer) int {
	t.Helper()
	var (
		mu    sync.Mutex
		reads []string
	)
	record := func(e *Engine, prefix string) {
		read := e.read
		e.read = func(p string) ([]byte, error) {
			mu.Lock()
			reads = append(reads, path.Join(prefix, p))
			mu.Unlock()
			return read(p)
		}
		t.Cleanup(func() { e.read = read })
	}
	record(e, "")
	if e.fb != nil {
		dir, _ := e.Fallback()
		record(e.fb, dir)
	}
	// The Go engine reads a manifest when it is opened, search.js on its
	// first query: the other files are compared.
	indexFiles := func(paths []string) []string {
		paths = slices.DeleteFunc(slices.Clone(paths), func(p string) bool { return path.Base(p) == "manifest.json" })
		slices.Sort(paths)
		return slices.Compact(paths)
	}
	for i, c := range cases {
		limit := c.Limit
		if limit == 0 {
			limit = 10
		}
		mu.Lock()
		reads = reads[:0]
		mu.Unlock()
		got, err := e.Search(c.Q, limit, Filter{Section: c.Section, Audience: c.Audience, Tag: c.Tag})
		if err != nil {
			t.Fatalf("%s %q: %v", name, c.Q, err)
		}
		// Both engines cache what they read, so each case reads what the
		// cases before it did not; the same files, then, in both.
		mu.Lock()
		goFiles := indexFiles(reads)
		mu.Unlock()
		jsFiles := indexFiles(js[i].Files)
		if !slices.Equal(goFiles, jsFiles) {
			t.Errorf("%s %+v: files read:\n go %v\n js %v", name, c, goFiles, jsFiles)
		}
		want := js[i].Results
		var gu, wu []string
		for _, r := range got {
			gu = append(gu, r.URL)
		}
		for _, r := range want {
			wu = append(wu, r.URL)
		}
		if !slices.Equal(gu, wu) {
			t.Errorf("%s %+v:\n go %v\n js %v", name, c, gu, wu)
			continue
		}
		for k := range got {
			if math.Abs(got[k].Score-want[k].Score) > 1e-9 || got[k].Excerpt != want[k].Excerpt || got[k].Lang != want[k].Lang {
				t.Errorf("%s %q #%d %s:\n go %.2f %s %s\n js %.2f %s %s", name, c.Q, k+1, gu[k],
					got[k].Score, got[k].Lang, got[k].Excerpt, want[k].Score, want[k].Lang, want[k].Excerpt)
			}
		}
		sug, err := e.Suggest(c.Q)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(sug, js[i].Suggestions) && !(len(sug) == 0 && len(js[i].Suggestions) == 0) {
			t.Errorf("%s %q: suggestions go %q, js %q", name, c.Q, sug, js[i].Suggestions)
		}
	}
	return len(cases)
}

// runJS answers cases with search.js under Node over the index in dir.
func runJS(t testing.TB, node, dir string, cases []jsCase) []jsAnswer {
	t.Helper()
	qf := filepath.Join(t.TempDir(), "cases.json")
	data, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(qf, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, "testdata/parity.mjs", dir, qf).Output()
	if err != nil {
		t.Fatalf("node parity.mjs: %v", err)
	}
	var res []jsAnswer
	if err := json.Unmarshal(out, &res); err != nil || len(res) != len(cases) {
		t.Fatalf("parity output (%d answers for %d cases): %v\n%s", len(res), len(cases), err, out)
	}
	return res
}
