package search

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestEngineSearch(t *testing.T) {
	t.Parallel()
	dir := writeFiles(t, mustBuild(t, testCorpus(), Options{Lang: "en"}))
	// Read from disk, as `medkb search --index public/search/` does.
	e, err := OpenEngine(FSReader(os.DirFS(dir)))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query, wantFirst string
	}{
		{"asthma", "/conditions/asthma/"},
		{"heart attack", "/conditions/myocardial-infarction/"},
		{"MI", "/conditions/myocardial-infarction/"},
		{"myocardial infarction", "/conditions/myocardial-infarction/"},
		{"high blood pressure", "/conditions/hypertension/"},
		{"diabetis", "/conditions/diabetes/"},
		{"asthama", "/conditions/asthma/"},
		{"vaccination", "/guides/vaccines/"},
		{`"blood flow to part"`, "/conditions/myocardial-infarction/"},
		{"acid reflux", "/guides/heartburn/"},
	}
	for _, tt := range tests {
		hits, err := e.Search(tt.query, 5, Filter{})
		if err != nil {
			t.Fatalf("%q: %v", tt.query, err)
		}
		if len(hits) == 0 || hits[0].URL != tt.wantFirst {
			t.Errorf("%q: hits %v, want %s first", tt.query, hits, tt.wantFirst)
			continue
		}
		if hits[0].Title == "" || hits[0].Excerpt == "" {
			t.Errorf("%q: hit lacks title or excerpt: %+v", tt.query, hits[0])
		}
	}
	hits, err := e.Search(`"flow blood"`, 5, Filter{})
	if err != nil || len(hits) != 0 {
		t.Errorf("phrase in the wrong order matched: %v", hits)
	}
	hits, _ = e.Search("tetanus", 5, Filter{})
	if len(hits) != 1 || !strings.Contains(hits[0].Excerpt, "<mark>tetanus</mark>") {
		t.Errorf("excerpt should be the sentence with the word marked: %+v", hits)
	}
	hits, _ = e.Search("script test", 5, Filter{})
	if len(hits) == 0 || hits[0].URL != "/guides/xss/" || strings.Contains(hits[0].Excerpt, "<script") {
		t.Errorf("excerpt must be escaped: %+v", hits)
	}
	if s, _ := e.Suggest("amoxicilin asthama"); len(s) == 0 || s[0] != "amoxicillin asthma" {
		t.Errorf("Suggest = %q, want both typos corrected first (amoxicillin from the synonym table)", s)
	}
}

func TestOpenEngineErrors(t *testing.T) {
	t.Parallel()
	if _, err := OpenEngine(FSReader(os.DirFS(t.TempDir()))); err == nil || !strings.Contains(err.Error(), "manifest.json") {
		t.Errorf("empty directory: err = %v, want one naming manifest.json", err)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "manifest.json"), []byte(`{"version": 1}`), 0o644)
	if _, err := OpenEngine(FSReader(os.DirFS(dir))); err == nil || !strings.Contains(err.Error(), "rebuild") {
		t.Errorf("old format: err = %v, want a hint to rebuild", err)
	}
}

func TestProfessionalPagesRankBelowPatientPages(t *testing.T) {
	t.Parallel()
	body := "Spirometry measures how much air you breathe out and how fast."
	docs := []Doc{
		{URL: "/a/pro/", Title: "Spirometry", Audience: "professional", Body: body},
		{URL: "/b/patient/", Title: "Spirometry", Audience: "patient", Body: body},
		{URL: "/c/staff/", Title: "Spirometry", Audience: "staff", Body: body},
		{URL: "/a/policy/", Title: "Spirometry", Secondary: true, Body: body}, // a trust page
	}
	e, err := OpenEngine(FilesReader(mustBuild(t, docs, Options{Lang: "en"})))
	if err != nil {
		t.Fatal(err)
	}
	hits, err := e.Search("spirometry air", 5, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 4 || hits[0].URL != "/b/patient/" || hits[2].URL != "/a/pro/" || hits[2].Audience != "professional" {
		t.Fatalf("hits = %+v: want the patient page first, then the trust page and the others (ties by URL), with their audience", hits)
	}
	for _, h := range hits[1:] {
		if h.Score >= hits[0].Score {
			t.Errorf("%s scores %v, the patient page %v: want it lower", h.URL, h.Score, hits[0].Score)
		}
	}

}

func TestRankingRewardsMeaning(t *testing.T) {
	t.Parallel()
	docs := []Doc{
		{URL: "/scattered/", Title: "Leaflet one", Body: "Drink water every day. Swallow each pill whole."},
		{URL: "/adjacent/", Title: "Leaflet two", Body: "Water tablets help the kidneys remove salt. Drink every day."},
		{URL: "/smoking/", Title: "Smoking", Body: "Smoking harms you. Pregnancy is mentioned once."},
		{URL: "/smoking-in-pregnancy/", Title: "Substance use", Body: "Smoking during pregnancy harms the baby."},
		{URL: "/metformin/", Title: "Metformin", Body: "Metformin lowers blood sugar. Alcohol and metformin together can be harmful."},
		{URL: "/alcohol/", Title: "Alcohol", Body: "Alcohol can harm the liver. You can drink less."},
	}
	e, err := OpenEngine(FilesReader(mustBuild(t, docs, Options{Lang: "en", Synonyms: [][]string{{"water pill", "water tablet", "diuretic"}}})))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ query, first, why string }{
		{"water pill ", "/adjacent/", "a synonym phrase beats both words apart"},
		{"can i drink alcohol with metformin ", "/metformin/", "filler dropped, the page on the medicine first"},
	} {
		hits, err := e.Search(tt.query, 5, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 || hits[0].URL != tt.first {
			t.Errorf("%q: %+v: want %s first (%s)", tt.query, hits, tt.first, tt.why)
		}
	}
	// Both words adjacent beat both words apart; the page titled "Smoking"
	// is not the page about smoking in pregnancy, so it gets no title bonus.
	hits, _ := e.Search("smoking pregnancy ", 5, Filter{})
	if len(hits) < 2 || hits[0].Score >= jsTitleBonus/100 {
		t.Errorf("smoking pregnancy: %+v: want no whole-title bonus", hits)
	}
	hits, _ = e.Search("smoking ", 5, Filter{})
	if len(hits) == 0 || hits[0].URL != "/smoking/" || hits[0].Score < jsTitleBonus/100 {
		t.Errorf("smoking: %+v: want the page titled Smoking first, with the bonus", hits)
	}
}

// A medicine class is one way: "water pill" (a member) also finds the page
// titled with its class, ranked first as a page whose title a synonym of
// the query is, while a search for the class does not bring the page that
// only mentions water pills.
func TestClassMemberFindsClassPage(t *testing.T) {
	t.Parallel()
	docs := []Doc{
		{URL: "/edema/", Title: "Edema", Body: "Swelling can be treated with a diuretic, also called a water pill. Drink water."},
		{URL: "/bp-medicines/", Title: "Blood pressure medicines", Body: "Some remove extra fluid and salt from the body. Others relax blood vessels."},
		{URL: "/bp/", Title: "High blood pressure", Body: "Blood pressure medicines lower your numbers."},
	}
	e, err := OpenEngine(FilesReader(mustBuild(t, docs, Options{Lang: "en"})))
	if err != nil {
		t.Fatal(err)
	}
	hits, err := e.Search("water pill ", 5, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) < 3 || hits[0].URL != "/bp-medicines/" || !slices.ContainsFunc(hits, func(r Result) bool { return r.URL == "/edema/" }) {
		t.Errorf("water pill: %+v: want the class page (classes/en.yaml) first, and the page naming water pills", hits)
	}
	hits, _ = e.Search("blood pressure medicine ", 5, Filter{})
	for _, h := range hits {
		if h.URL == "/edema/" {
			t.Errorf("blood pressure medicine: %+v: a class must not match the pages of its members", hits)
		}
	}
}

func TestBuiltinClassesParse(t *testing.T) {
	t.Parallel()
	cs, err := builtinClasses("en")
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(cs, func(c class) bool { return slices.Equal(c.broader, []string{"blood pressure medicine"}) })
	if i < 0 || !slices.Contains(cs[i].members, "water pill") || !slices.Contains(cs[i].members, "diuretic") {
		t.Fatalf("builtinClasses(en) = %q: want water pill and diuretic in blood pressure medicine", cs)
	}
	if cs, err := builtinClasses("xx"); cs != nil || err != nil {
		t.Error("a language without a table must have no classes")
	}
}

// Spanish brand names (synonyms/es.yaml) find the page about the active
// ingredient in a Spanish index.
func TestSpanishBrandFindsGeneric(t *testing.T) {
	t.Parallel()
	e, err := OpenEngine(FilesReader(mustBuild(t, spanishDocs(), Options{Lang: "es"})))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"gelocatil ", "tylenol ", "apiretal"} {
		hits, err := e.Search(q, 5, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 || hits[0].URL != "/es/paracetamol/" {
			t.Errorf("%q: %+v: want /es/paracetamol/ first (synonyms/es.yaml brand group)", q, hits)
		}
	}
}

// openSiteEngine opens the Spanish index of a site written by writeSite
// from disk, with the fallback its manifest names, as medkb search --index
// does.
func openSiteEngine(t *testing.T, root string) *Engine {
	t.Helper()
	dir := filepath.Join(root, "es", "search")
	e, err := OpenEngine(FSReader(os.DirFS(dir)))
	if err != nil {
		t.Fatal(err)
	}
	fbDir, lang := e.Fallback()
	if fbDir != "../../search/" || lang != "en" {
		t.Fatalf("Fallback() = %q, %q: want ../../search/, en", fbDir, lang)
	}
	fb, err := OpenEngine(FSReader(os.DirFS(filepath.Join(dir, filepath.FromSlash(fbDir)))))
	if err != nil {
		t.Fatal(err)
	}
	e.SetFallback(fb)
	return e
}

// A Spanish query with few results offers the default language's pages
// after its own, labelled; one with enough results does not.
func TestCrossLanguageFallback(t *testing.T) {
	t.Parallel()
	es := append(spanishDocs(),
		Doc{URL: "/es/asma-infantil/", Title: "Asma infantil", Lang: "es", Body: "El asma en niños."},
		Doc{URL: "/es/inhaladores/", Title: "Inhaladores", Lang: "es", Body: "Los inhaladores tratan el asma."})
	e := openSiteEngine(t, writeSite(t, siteEnglish(), es))
	hits, err := e.Search("infarto ", 10, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) < 2 || hits[0].URL != "/es/infarto/" || hits[0].Lang != "es" || hits[0].Language != "" {
		t.Fatalf("infarto: %+v: want the Spanish page first, unlabelled", hits)
	}
	i := slices.IndexFunc(hits, func(r Result) bool { return r.URL == "/conditions/heart-attack/" })
	if i < 1 || hits[i].Lang != "en" || hits[i].Language != "English" {
		t.Errorf("infarto: %+v: want the English heart-attack page offered after the Spanish ones, labelled English", hits)
	}
	hits, err = e.Search("asma ", 10, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hits {
		if h.Lang != "es" {
			t.Errorf("asma: %+v: three Spanish results need no fallback", hits)
		}
	}
	if len(hits) != 3 {
		t.Errorf("asma: %d results, want the 3 Spanish pages", len(hits))
	}
}

// TestFirstQueryReadsTailsOnlyForMoreResults: a query ranks over the
// heads of its hot lists (the best postings with positions, the others'
// scores) and reads a list's tail only when the heads give fewer results
// than asked for: a quoted phrase of common words, most of whose pages
// are deep in both lists, then answers as whole lists do.
func TestFirstQueryReadsTailsOnlyForMoreResults(t *testing.T) {
	t.Parallel()
	files := mustBuild(t, append(handDocs(), syntheticDocs(600)...), Options{Lang: "en"})
	tails := map[string]bool{} // paths of the shards holding tails
	for n := range tailShards(t, files) {
		for _, f := range files {
			if shardNumber(f.Path) == n {
				tails[f.Path] = true
			}
		}
	}
	if len(tails) == 0 {
		t.Fatal("no list has a tail: the corpus shows nothing")
	}
	read := FilesReader(files)
	var tailReads []string
	var mu sync.Mutex
	heads, err := OpenEngine(func(p string) ([]byte, error) {
		if tails[p] {
			mu.Lock()
			tailReads = append(tailReads, p)
			mu.Unlock()
		}
		return read(p)
	})
	if err != nil {
		t.Fatal(err)
	}
	whole, err := OpenEngine(read)
	if err != nil {
		t.Fatal(err)
	}
	whole.SetWholeLists(true)

	if _, err := heads.Search("treatment ", 10, Filter{}); err != nil {
		t.Fatal(err)
	}
	if len(tailReads) > 0 {
		t.Errorf(`"treatment": read tails %v, want none (its head has 10 results)`, tailReads)
	}
	const phrase, limit = `"care plan"`, 50
	got, err := heads.Search(phrase, limit, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := whole.Search(phrase, limit, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(tailReads) == 0 {
		t.Errorf("%s: read no tail, want the tails: its heads hold fewer than %d pages", phrase, limit)
	}
	if len(want) < limit/2 || !slices.EqualFunc(got, want, func(a, b Result) bool { return a.URL == b.URL && a.Score == b.Score }) {
		t.Errorf("%s: %d results, whole lists %d; want the same", phrase, len(got), len(want))
	}
}
