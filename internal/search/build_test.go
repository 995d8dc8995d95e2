package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestBuildIsDeterministic(t *testing.T) {
	t.Parallel()
	docs := testCorpus()
	a := mustBuild(t, docs, Options{Lang: "en"})
	// Same documents in another order, with a fresh slice.
	rev := make([]Doc, len(docs))
	for i, d := range docs {
		rev[len(docs)-1-i] = d
	}
	b := mustBuild(t, rev, Options{Lang: "en"})
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Fatalf("file %d differs: %s vs %s", i, a[i].Path, b[i].Path)
		}
	}
}

func TestBuildFilesAreValidJSONAndHashed(t *testing.T) {
	t.Parallel()
	files, st, err := Build(testCorpus(), Options{Lang: "en", BasePath: "/search/"})
	if err != nil {
		t.Fatal(err)
	}
	if st.Docs != len(testCorpus()) || st.Files != len(files) || st.Terms == 0 {
		t.Errorf("stats = %+v", st)
	}
	var total int64
	for _, f := range files {
		total += int64(len(f.Data))
		if !json.Valid(f.Data) {
			t.Errorf("%s: invalid JSON", f.Path)
		}
		if f.Path != "manifest.json" && strings.Count(f.Path, ".") != 2 {
			t.Errorf("%s: want <name>.<hash>.json", f.Path)
		}
	}
	if total != st.Bytes {
		t.Errorf("Stats.Bytes = %d, files hold %d", st.Bytes, total)
	}
}

func TestBuildShardsAreBounded(t *testing.T) {
	t.Parallel()
	docs := syntheticDocs(1500)
	// Add many distinct words so the vocabulary needs several shards.
	for i := range docs {
		docs[i].Body += uniqueWords(i)
	}
	files := mustBuild(t, docs, Options{Lang: "en"})
	tails := tailShards(t, files)
	if len(tails) == 0 {
		t.Error("no list has a tail: the corpus should have lists longer than their heads")
	}
	counts := map[string]int{}
	for _, f := range files {
		kind := strings.SplitN(f.Path, "/", 2)[0]
		counts[kind]++
		switch kind {
		case "vocab":
			var sh vocabShard
			mustUnmarshal(t, f, &sh)
			if len(sh.Words) > maxVocabShardWords {
				t.Errorf("%s: %d words > %d", f.Path, len(sh.Words), maxVocabShardWords)
			}
		case "postings":
			var sh map[string]json.RawMessage
			mustUnmarshal(t, f, &sh)
			lists, target := len(sh), targetColdShard
			if _, ok := sh[entriesKey]; ok {
				lists, target = lists-1, targetFirstQueryShard
				if _, ok := sh[tailsKey]; ok {
					lists--
				}
			} else if tails[shardNumber(f.Path)] != nil {
				target = targetTailShard
			}
			if lists > 1 && len(f.Data) > 2*target {
				t.Errorf("%s: %d bytes for %d lists", f.Path, len(f.Data), lists)
			}
		case "docs":
			var bundle []docEntry
			mustUnmarshal(t, f, &bundle)
			if len(bundle) == 0 || len(bundle) > docsPerBundle || len(f.Data) > docsPerBundle*8<<10 {
				t.Errorf("%s: %d bytes, %d documents", f.Path, len(f.Data), len(bundle))
			}
			for _, e := range bundle {
				if e.URL == "" {
					t.Errorf("%s: a document without URL", f.Path)
				}
			}
		}
	}
	if counts["vocab"] < 2 || counts["postings"] < 2 || counts["docs"] < 10 {
		t.Errorf("shard counts %v: corpus should need several of each", counts)
	}
	// The manifest holds the hot vocabulary, bounded in words.
	m := fileNamed(t, files, "manifest.json")
	var hot struct {
		Hot hotVocab `json:"hot"`
	}
	mustUnmarshal(t, m, &hot)
	if len(hot.Hot.Words) == 0 || len(hot.Hot.Words) > maxHotWords || len(m.Data) > 80<<10 {
		t.Errorf("manifest is %d bytes with %d hot words", len(m.Data), len(hot.Hot.Words))
	}
}

// uniqueWords returns words that occur only in document i.
func uniqueWords(i int) string {
	var b strings.Builder
	for k := range 5 {
		n := i*5 + k
		b.WriteString(" q")
		for n > 0 {
			b.WriteByte(byte('a' + n%26))
			n /= 26
		}
	}
	return b.String()
}

func mustUnmarshal(t *testing.T, f File, v any) {
	t.Helper()
	if err := json.Unmarshal(f.Data, v); err != nil {
		t.Fatalf("%s: %v", f.Path, err)
	}
}

func TestBuildStoresMarkupAsData(t *testing.T) {
	t.Parallel()
	files := mustBuild(t, handDocs(), Options{Lang: "en"})
	const title = `<img src=x onerror=alert(1)>`
	inBundle, inShard := false, false
	for _, f := range files {
		if bytes.Contains(f.Data, []byte("<img")) || bytes.Contains(f.Data, []byte("<script")) {
			t.Errorf("%s holds raw markup; want JSON-escaped \\u003c", f.Path)
		}
		var entries []docEntry
		switch {
		case strings.HasPrefix(f.Path, "docs/"):
			mustUnmarshal(t, f, &entries)
		case strings.HasPrefix(f.Path, "postings/"):
			var sh struct {
				E map[string]docEntry `json:"#e"`
			}
			mustUnmarshal(t, f, &sh)
			for _, e := range sh.E {
				entries = append(entries, e)
			}
		}
		for _, d := range entries {
			if d.URL == "/guides/xss/" {
				inBundle = inBundle || strings.HasPrefix(f.Path, "docs/")
				inShard = inShard || strings.HasPrefix(f.Path, "postings/")
				if d.Title != title {
					t.Errorf("%s: title round-trips as %q", f.Path, d.Title)
				}
			}
		}
	}
	if !inBundle || !inShard {
		t.Errorf("XSS document in a bundle: %v, in a postings shard's entries: %v; want both", inBundle, inShard)
	}
}

func TestBuildRejectsBadURLs(t *testing.T) {
	t.Parallel()
	tests := map[string][]Doc{
		"empty URL":     {{Title: "x"}},
		"duplicate URL": {{URL: "/a/"}, {URL: "/a/"}},
	}
	for name, docs := range tests {
		if _, _, err := Build(docs, Options{}); err == nil || !strings.Contains(err.Error(), strings.Split(name, " ")[0]) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

func TestBuildManifest(t *testing.T) {
	t.Parallel()
	files := mustBuild(t, handDocs(), Options{Lang: "en"})
	m := decodeManifest(t, files)
	if m.Lang != "en" || m.Docs != len(handDocs()) || m.Synonyms == "" || m.Facets == "" {
		t.Errorf("manifest = %+v", m)
	}
	hasThe := false
	for _, w := range m.StopWords {
		hasThe = hasThe || w == "the"
	}
	if !hasThe {
		t.Error("stop words must include \"the\"")
	}
	for i := 1; i < len(m.Vocab); i++ {
		if !lessUTF16(m.Vocab[i-1][1], m.Vocab[i][0]) {
			t.Errorf("vocab shards %d and %d overlap", i-1, i)
		}
	}
}

func TestBuildSynonymsShipOnlyUsefulGroups(t *testing.T) {
	t.Parallel()
	files := mustBuild(t, handDocs(), Options{Lang: "en", Synonyms: [][]string{{"zzz unknown", "yyy unknown"}}})
	var syn synonymFile
	mustUnmarshal(t, fileNamed(t, files, decodeManifest(t, files).Synonyms), &syn)
	hasMI := false
	for _, g := range syn.Groups {
		for _, ph := range g {
			if len(ph) == 2 && ph[0][0] == "myocardial" && ph[1][0] == "infarction" {
				hasMI = true
			}
			if ph[0][0] == "zzz" {
				t.Error("a group with no indexed phrase was shipped")
			}
		}
	}
	if !hasMI {
		t.Error("the heart attack / myocardial infarction group is missing")
	}
	// A phrase of several words is read by its phrase list.
	if syn.Postings["=myocardi infarct"] == "" {
		t.Error("no postings path for the phrase list of myocardial infarction")
	}
}

func TestRelativeDir(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ from, to, want string }{
		{"/es/search/", "/search/", "../../search/"},
		{"/docs/es/search/", "/docs/search/", "../../search/"},
		{"/search/", "/search/en/", "en/"},
		{"/", "/search/", "search/"},
		{"/es/search/", "/", "../../"},
		{"", "/search/", "/search/"},
		{"/es/search/", "search/", "search/"},
	} {
		if got := relativeDir(tt.from, tt.to); got != tt.want {
			t.Errorf("relativeDir(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}

// TestEntriesCarryOneSentencePerTerm: a document at the top of a list
// carries, in its postings shard, the first of its sentences that holds
// the term and no other (the excerpt of a one-word query; a second
// sentence per term cost 2 KiB a query at 10,000 articles).
func TestEntriesCarryOneSentencePerTerm(t *testing.T) {
	t.Parallel()
	docs := []Doc{{
		URL: "/a/", Title: "Wheezing",
		Body: "Zafirlukast eases wheezing. Wheezing eases with zafirlukast.",
	}}
	files := mustBuild(t, docs, Options{Lang: "en"})
	found := false
	for _, f := range files {
		if !strings.HasPrefix(f.Path, "postings/") {
			continue
		}
		var sh struct {
			E map[string]docEntry `json:"#e"`
		}
		mustUnmarshal(t, f, &sh)
		if _, ok := sh.E["0"]; !ok || !bytes.Contains(f.Data, []byte(`"zafirlukast":`)) {
			continue
		}
		found = true
		// Every stem of the second sentence is in the first.
		if got := sh.E["0"].Sentences; !slices.Equal(got, []string{"Zafirlukast eases wheezing."}) {
			t.Errorf("%s: entry sentences %q; want only the first that holds each term", f.Path, got)
		}
	}
	if !found {
		t.Fatal("no postings shard carries zafirlukast's list with the document's entry")
	}
}

// TestEntriesRideOnlyWithFirstQueryLists: a postings shard carries the
// result entries of the top documents of the lists a query of hot words
// reads (the manifest's hot stems) and of no other list, and holds either
// such lists only or other lists only; the results of a rarer word come
// from the bundles, whole. At 1,000 bench articles, entries
// on every list made the index 1.9× Pagefind's in gzip bytes.
func TestEntriesRideOnlyWithFirstQueryLists(t *testing.T) {
	t.Parallel()
	docs := testCorpus()
	for i := range docs {
		docs[i].Body = uniqueWords(i) + ". " + docs[i].Body // words of one page only: never hot
	}
	files := mustBuild(t, docs, Options{Lang: "en"})
	var m struct {
		Hot    hotVocab     `json:"hot"`
		HotSyn *hotSynonyms `json:"hotSynonyms"`
	}
	mustUnmarshal(t, fileNamed(t, files, "manifest.json"), &m)
	hot := m.Hot.lists(m.HotSyn)
	tails := tailShards(t, files)
	cold := 0
	for _, f := range files {
		if !strings.HasPrefix(f.Path, "postings/") {
			continue
		}
		var sh map[string]json.RawMessage
		mustUnmarshal(t, f, &sh)
		n := shardNumber(f.Path)
		want := map[string]bool{}
		kinds := map[bool]int{} // lists by hotness
		for k, v := range sh {
			if k == entriesKey || k == tailsKey {
				continue
			}
			if tails[n][k] {
				cold++ // a tail: with the other lists
				kinds[false]++
				continue
			}
			kinds[hot[k]]++
			if !hot[k] {
				cold++
				continue
			}
			for _, d := range slices.Concat(topDocs(v, entriesPerList), titleDocs(v, titleEntriesPerList)) {
				want[strconv.Itoa(int(d))] = true
			}
		}
		var entries map[string]json.RawMessage
		if e, ok := sh[entriesKey]; ok {
			if err := json.Unmarshal(e, &entries); err != nil {
				t.Fatalf("%s: %v", f.Path, err)
			}
		}
		// A query of hot words reads shards of hot lists only: a rarer
		// list (or a facet's) would be bytes it never uses.
		if len(kinds) > 1 {
			t.Errorf("%s mixes %d hot lists with %d others", f.Path, kinds[true], kinds[false])
		}
		if got := slices.Sorted(maps.Keys(entries)); !slices.Equal(got, slices.Sorted(maps.Keys(want))) {
			t.Errorf("%s carries entries of documents %v; want the top %d of its hot lists, %v", f.Path, got, entriesPerList, slices.Sorted(maps.Keys(want)))
		}
	}
	if cold == 0 {
		t.Fatal("every list is hot: the test shows nothing")
	}
	e, err := OpenEngine(FilesReader(files))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []int{0, 7, len(docs) - 1} {
		word := strings.Fields(uniqueWords(k))[0]
		res, err := e.Search(word+" ", 10, Filter{}) // a word, not a prefix

		if err != nil {
			t.Fatal(err)
		}
		want := docs[k]
		if len(res) != 1 || res[0].URL != want.URL || res[0].Title != want.Title || !strings.Contains(res[0].Excerpt, "<mark>"+word+"</mark>") {
			t.Errorf("%q: %+v; want %s, %q, its sentence with the word marked", word, res, want.URL, want.Title)
		}
	}
}

// tailShards returns the stems of the tails of the first-query lists, by
// the number of the shard holding them (the shards' "#t").
func tailShards(t *testing.T, files []File) map[int]map[string]bool {
	t.Helper()
	tails := map[int]map[string]bool{}
	for _, f := range files {
		var sh map[string]json.RawMessage
		if !strings.HasPrefix(f.Path, "postings/") || json.Unmarshal(f.Data, &sh) != nil || sh[tailsKey] == nil {
			continue
		}
		var refs map[string]int
		if err := json.Unmarshal(sh[tailsKey], &refs); err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		for stem, n := range refs {
			if tails[n] == nil {
				tails[n] = map[string]bool{}
			}
			tails[n][stem] = true
		}
	}
	return tails
}

func TestSplitListKeepsScoresAndMovesPositionsToTheTail(t *testing.T) {
	t.Parallel()
	list := []byte(`[[4,900,2,1,5],[7,800,0,3],[1,700,0,2,9,4],[3,600,1,8]]`)
	tests := []struct {
		n, scored  int
		head, tail string
	}{
		{2, 1000, `[[4,900,2,1,5],[7,800,0,3],[1,700,0],[3,600,1]]`, `[[1,700,0,2,9,4],[3,600,1,8]]`},
		{2, 3, `[[4,900,2,1,5],[7,800,0,3],[1,700,0]]`, `[[1,700,0,2,9,4],[3,600,1,8]]`},
		{1, 1000, `[[4,900,2,1,5],[7,800,0],[1,700,0],[3,600,1]]`, `[[7,800,0,3],[1,700,0,2,9,4],[3,600,1,8]]`},
		{4, 1000, string(list), ""},
		{9, 1000, string(list), ""},
	}
	for _, tt := range tests {
		head, tail := splitList(list, tt.n, tt.scored)
		if string(head) != tt.head || string(tail) != tt.tail {
			t.Errorf("splitList(%d, %d) = %s, %s; want %s, %s", tt.n, tt.scored, head, tail, tt.head, tt.tail)
		}
	}
}

// TestFirstQueryListsOfASynonymGroupShareAShard: the stems a query of hot
// words reads together (a synonym group's) are packed into one shard, not
// each into the shard its place in stem order gives it.
func TestFirstQueryListsOfASynonymGroupShareAShard(t *testing.T) {
	t.Parallel()
	files := mustBuild(t, testCorpus(), Options{Lang: "en"})
	var m struct {
		Hot hotVocab `json:"hot"`
	}
	mustUnmarshal(t, fileNamed(t, files, "manifest.json"), &m)
	shard := map[string]float64{}
	for _, s := range m.Hot.Stems {
		shard[s[0].(string)] = s[2].(float64)
	}
	for _, group := range [][]string{{"blood", "pressur"}, {"myocardi", "infarct"}} {
		for _, stem := range group {
			n, ok := shard[stem]
			if !ok || n < 0 {
				t.Fatalf("%q is not a hot stem with postings (%v)", stem, n)
			}
			if n != shard[group[0]] {
				t.Errorf("%q is in shard %v, %q in %v: want one shard for %v", stem, n, group[0], shard[group[0]], group)
			}
		}
	}
}

// TestSmallFirstQueryListsShareShards: on a small site every first-query
// list is a few hundred bytes; a shard for each would be hundreds of
// files (the demo site's Spanish index had 430 for 8 lists' worth).
func TestSmallFirstQueryListsShareShards(t *testing.T) {
	t.Parallel()
	files := mustBuild(t, testCorpus(), Options{Lang: "en"})
	shards, lists := 0, 0
	for _, f := range files {
		if !strings.HasPrefix(f.Path, "postings/") {
			continue
		}
		var sh map[string]json.RawMessage
		mustUnmarshal(t, f, &sh)
		if _, ok := sh[entriesKey]; !ok {
			continue
		}
		shards++
		for k := range sh {
			if k != entriesKey && k != tailsKey {
				lists++
			}
		}
	}
	if lists < 20 || shards*3 > lists {
		t.Errorf("%d first-query lists in %d shards: want at least 20 lists, three or more a shard on a corpus this small", lists, shards)
	}
}

// titleDocs picks a list's title postings, the shortest titles first, then
// the best scores, whatever their depth in the list.
func TestTitleDocsPutsShortestTitlesFirst(t *testing.T) {
	t.Parallel()
	list := []byte(`[[7,900,0,1],[3,800,4,2,5],[9,700,0],[5,300,2],[8,200,1,9],[2,200,1],[4,100,3]]`)
	if got, want := titleDocs(list, 3), []int32{2, 8, 5}; !slices.Equal(got, want) {
		t.Errorf("titleDocs = %v, want %v (titles of 1 stem by score then document, then 2 stems)", got, want)
	}
	if got := titleDocs([]byte(`[[1,5,0],[2,4,0]]`), 5); len(got) != 0 {
		t.Errorf("titleDocs of a list without title postings = %v", got)
	}
}

// classDocs is a site where two members of the built-in class "blood
// pressure medicine" each have a list too large to share a first-query
// shard, and one page holds the class's name: the class's phrase list is
// small and read with either member's.
func classDocs() []Doc {
	var docs []Doc
	for _, member := range []string{"diuretic", "thiazide"} {
		for i := range 300 {
			docs = append(docs, Doc{URL: fmt.Sprintf("/%s/%03d/", member, i), Title: fmt.Sprintf("Taking a %s, note %d", member, i),
				Summary: fmt.Sprintf("How a %s lowers blood pressure, what to expect in the first weeks and when to call your clinic (note %d).", member, i),
				Body:    strings.Repeat(fmt.Sprintf("A %s makes the kidneys pass more salt and water, so the %s lowers blood pressure over weeks. ", member, member), 20+i%5)})
		}
	}
	return append(docs, Doc{URL: "/medicines/blood-pressure/", Title: "Blood pressure medicines",
		Summary: "The kinds of blood pressure medicine and how they work.",
		Body:    "Each blood pressure medicine works in its own way. Your doctor chooses one with you."})
}

// TestSmallListsAreCopiedWhereTheyAreRead: a query for a member of a class
// reads the class's phrase list too; where the member's list fills a
// shard of its own, the phrase list (one page) is copied into that shard,
// the manifest names the copy, and both front ends read the member's
// shard alone, with the same results as from the phrase's own shard.
func TestSmallListsAreCopiedWhereTheyAreRead(t *testing.T) {
	t.Parallel()
	node := nodeBinary(t)
	files := mustBuild(t, classDocs(), Options{Lang: "en"})
	var m struct {
		Hot       hotVocab `json:"hot"`
		Postings  []string `json:"postings"`
		PostGroup int      `json:"postingsGroup"`
	}
	mustUnmarshal(t, fileNamed(t, files, "manifest.json"), &m)
	byPath := map[string]map[string]json.RawMessage{}
	for _, f := range files {
		if strings.HasPrefix(f.Path, "postings/") {
			var sh map[string]json.RawMessage
			mustUnmarshal(t, f, &sh)
			byPath[f.Path] = sh
		}
	}
	path := func(n float64) string {
		return postingsPath(int(n), m.Postings[int(n)/m.PostGroup])
	}
	shard := map[string]string{}
	for _, s := range m.Hot.Stems {
		if n, ok := s[2].(float64); ok && n >= 0 {
			shard[s[0].(string)] = path(n)
		}
	}
	const phrase = "=blood pressur medicin"
	if shard["diuret"] == "" || shard["thiazid"] == "" || shard[phrase] == "" {
		t.Fatalf("want hot lists for diuret, thiazid and %q: %v", phrase, shard)
	}
	if shard["diuret"] == shard["thiazid"] {
		t.Fatalf("the members' lists share %s: the corpus no longer tests copies", shard["diuret"])
	}
	copies := map[string][]string{}
	for _, row := range m.Hot.Copies {
		for _, n := range row[1:] {
			copies[m.Hot.Stems[row[0]][0].(string)] = append(copies[m.Hot.Stems[row[0]][0].(string)], path(float64(n)))
		}
	}
	own := shard[phrase]
	member := "diuret"
	if own == shard[member] {
		member = "thiazid"
	}
	if !slices.Contains(copies[phrase], shard[member]) {
		t.Fatalf("%q (in %s) is not copied into %s, the shard of %q: copies %v", phrase, own, shard[member], member, copies)
	}
	for stem, paths := range copies {
		for _, p := range paths {
			if !bytes.Equal(byPath[p][stem], byPath[shard[stem]][stem]) {
				t.Errorf("the copy of %q in %s differs from its list in %s", stem, p, shard[stem])
			}
		}
	}
	// The copy carries the entry of the phrase's page.
	var entries map[string]json.RawMessage
	if err := json.Unmarshal(byPath[shard[member]][entriesKey], &entries); err != nil {
		t.Fatal(err)
	}
	var list [][]int
	if err := json.Unmarshal(byPath[own][phrase], &list); err != nil || len(list) == 0 {
		t.Fatalf("%q: %v %v", phrase, list, err)
	}
	if _, ok := entries[strconv.Itoa(list[0][0])]; !ok {
		t.Errorf("%s holds a copy of %q without the entry of its document %d", shard[member], phrase, list[0][0])
	}

	// Both front ends read the member's shard alone, and agree.
	word := map[string]string{"diuret": "diuretic", "thiazid": "thiazide"}[member]
	cases := []jsCase{{Q: word}, {Q: word + " blood pressure"}, {Q: "blood pressure medicine"}}
	js := runJS(t, node, writeFiles(t, files), cases)
	e, err := OpenEngine(FilesReader(files))
	if err != nil {
		t.Fatal(err)
	}
	compareEngines(t, "copies", e, cases, js)
	var read []string
	for _, f := range js[0].Files {
		if strings.HasPrefix(f, "postings/") {
			read = append(read, f)
		}
	}
	if !slices.Equal(read, []string{shard[member]}) {
		t.Errorf("search.js read %v for %q; want only %s", read, word, shard[member])
	}
	p, err := e.plan(word)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.paths[phrase]; got != shard[member] {
		t.Errorf("the Go plan for %q reads %q from %q; want the copy in %s", word, phrase, got, shard[member])
	}
	if r := js[0].Results; len(r) == 0 || !slices.ContainsFunc(r, func(r struct {
		URL     string  `json:"url"`
		Score   float64 `json:"score"`
		Excerpt string  `json:"excerpt"`
		Lang    string  `json:"lang"`
	}) bool {
		return r.URL == "/medicines/blood-pressure/"
	}) {
		t.Errorf("%q does not offer the class's page: %v", word, r)
	}
}

// copyLists copies a small list into the shard of each list it has an
// edge to, strongest edges first, at most maxCopies times; never a large
// list, never into its own shard.
func TestCopyListsCopiesOnlySmallListsAlongEdges(t *testing.T) {
	t.Parallel()
	var lists []firstQueryList
	sizes := map[int]int{}
	add := func(stem string, size int) int {
		lists = append(lists, firstQueryList{stem: stem})
		sizes[len(lists)-1] = size
		return len(lists) - 1
	}
	small := add("=small phrase", 600)
	big := add("=big phrase", maxCopiedList+1)
	own := add("neighbour", 30<<10)
	var shards [][]int
	shards = append(shards, []int{small, own}) // the small list's own shard, with a neighbour
	var edges []affinityEdge
	for i := range maxCopies + 5 {
		m := add(fmt.Sprintf("member%02d", i), 30<<10)
		shards = append(shards, []int{m})
		edges = append(edges, affinityEdge{"=small phrase", lists[m].stem, 1000 - i}, affinityEdge{"=big phrase", lists[m].stem, 1000 - i})
	}
	shards[1] = append(shards[1], big)
	edges = append(edges, affinityEdge{"=small phrase", "neighbour", 5})
	size := sizeOf(sizes)
	out := copyLists(lists, shards, edges, size)
	if len(out) != len(shards) {
		t.Fatalf("%d rows for %d shards", len(out), len(shards))
	}
	copies := 0
	for si, extra := range out {
		for _, i := range extra {
			switch {
			case i == big:
				t.Errorf("the list over maxCopiedList was copied into shard %d", si)
			case i == small && si == 0:
				t.Error("the small list was copied into its own shard")
			case i == small:
				copies++
				if si > maxCopies { // shards 1..maxCopies hold the strongest edges' members
					t.Errorf("shard %d got a copy before a stronger edge's shard", si)
				}
			}
		}
	}
	if copies != maxCopies {
		t.Errorf("the small list has %d copies; want maxCopies (%d)", copies, maxCopies)
	}
}

// A shard takes at most maxCopiedInto bytes of copies, however many small
// lists it has edges to.
func TestCopyListsBoundWhatAShardTakes(t *testing.T) {
	t.Parallel()
	lists := []firstQueryList{{stem: "hub"}}
	sizes := map[int]int{0: 30 << 10}
	shards := [][]int{{0}}
	var edges []affinityEdge
	for i := range 20 {
		lists = append(lists, firstQueryList{stem: fmt.Sprintf("=small %02d", i)})
		sizes[len(lists)-1] = 2 << 10
		shards = append(shards, []int{len(lists) - 1})
		edges = append(edges, affinityEdge{"hub", lists[len(lists)-1].stem, 100 - i})
	}
	size := sizeOf(sizes)
	out := copyLists(lists, shards, edges, size)
	if got := size(out[0]); got > maxCopiedInto || got < maxCopiedInto-(2<<10) {
		t.Errorf("the hub's shard took %d bytes of copies (%d lists); want as many as fit in %d", got, len(out[0]), maxCopiedInto)
	}
}

// sizeOf sizes a group of lists as the sum of the given sizes, by index.
func sizeOf(sizes map[int]int) func(members []int) int {
	return func(members []int) int {
		n := 0
		for _, i := range members {
			n += sizes[i]
		}
		return n
	}
}
