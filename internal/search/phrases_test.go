package search

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// phraseDocs are pages that hold "myocardial infarction" side by side (in
// the body, in the title), apart, or not at all.
func phraseDocs() []Doc {
	filler := " Muscle needs oxygen. Call an ambulance for chest pain."
	return []Doc{
		{URL: "/a/", Title: "Chest pain", Body: "A myocardial infarction happens when blood stops." + filler},
		{URL: "/b/", Title: "Myocardial infarction", Body: "What happens and how it is treated." + filler},
		{URL: "/c/", Title: "Muscle damage", Body: "Myocardial cells die; an infarction is the dead area." + filler},
		{URL: "/d/", Title: "Angina", Body: "Angina is chest pain from a narrowed artery." + filler},
	}
}

// lists returns every postings list of files by key, heads and tails
// joined as the shards hold them.
func allLists(t *testing.T, files []File) map[string][][]int {
	out := map[string][][]int{}
	for _, f := range files {
		if !strings.HasPrefix(f.Path, "postings/") {
			continue
		}
		var sh map[string]json.RawMessage
		mustUnmarshal(t, f, &sh)
		for k, v := range sh {
			if strings.HasPrefix(k, "#") {
				continue
			}
			var l [][]int
			if err := json.Unmarshal(v, &l); err != nil {
				t.Fatalf("%s %q: %v", f.Path, k, err)
			}
			out[k] = append(out[k], l...)
		}
	}
	return out
}

// planOver builds the index of docs and plans query over it.
func planOver(t *testing.T, docs []Doc, query string) (*Engine, *plan) {
	t.Helper()
	e, err := OpenEngine(FilesReader(mustBuild(t, docs, Options{Lang: "en"})))
	if err != nil {
		t.Fatal(err)
	}
	p, err := e.plan(query)
	if err != nil {
		t.Fatal(err)
	}
	return e, p
}

// A phrase list holds the pages where the phrase's words stand side by
// side, each with the sum of its words' scores and which of them are in
// the title, best first.
func TestPhraseListHoldsThePagesWhereThePhraseStands(t *testing.T) {
	t.Parallel()
	files := mustBuild(t, phraseDocs(), Options{Lang: "en"})
	lists := allLists(t, files)
	key := "=myocardi infarct"
	got := lists[key]
	if len(got) != 2 {
		t.Fatalf("%s: %v, want the postings of /a/ and /b/ (documents 0 and 1)", key, got)
	}
	score := func(stem string, doc int) []int {
		for _, p := range lists[stem] {
			if p[0] == doc && len(p) > pTitle {
				return p
			}
		}
		t.Fatalf("no posting of %q for document %d", stem, doc)
		return nil
	}
	for _, p := range got {
		m, i := score("myocardi", p[0]), score("infarct", p[0])
		if p[pScore] != m[pScore]+i[pScore] {
			t.Errorf("document %d: score %d, want %d + %d", p[0], p[pScore], m[pScore], i[pScore])
		}
		wantMask, wantTitle := 0, 0
		if m[pTitle] > 0 {
			wantMask, wantTitle = wantMask|1, m[pTitle]
		}
		if i[pTitle] > 0 {
			wantMask, wantTitle = wantMask|2, i[pTitle]
		}
		if p[pTitle] != wantTitle || p[pMask] != wantMask {
			t.Errorf("document %d: titleStems %d mask %d, want %d and %d", p[0], p[pTitle], p[pMask], wantTitle, wantMask)
		}
	}
	if got[0][pScore] < got[1][pScore] {
		t.Errorf("%s is not best first: %v", key, got)
	}
	if !slices.ContainsFunc(got, func(p []int) bool { return p[0] == 1 && p[pMask] == 3 }) {
		t.Errorf("the page titled Myocardial infarction has no title mask: %v", got)
	}
}

// A query whose synonym span has an alternative of several words reads
// that alternative's phrase list, not its words' lists, and finds the
// pages that hold the phrase and not those that hold its words apart.
func TestAlternativeIsReadFromItsPhraseList(t *testing.T) {
	t.Parallel()
	e, p := planOver(t, phraseDocs(), "heart attack")
	if _, ok := p.paths["=myocardi infarct"]; !ok {
		t.Errorf("heart attack does not read the phrase list of myocardial infarction: %v", p.paths)
	}
	for _, stem := range []string{"myocardi", "infarct"} {
		if _, ok := p.paths[stem]; ok {
			t.Errorf("heart attack reads the list of %q", stem)
		}
	}
	res, err := e.Search("heart attack", 10, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, r := range res {
		urls = append(urls, r.URL)
	}
	if !slices.Contains(urls, "/a/") || !slices.Contains(urls, "/b/") || slices.Contains(urls, "/c/") {
		t.Errorf("heart attack finds %v; want /a/ and /b/ (myocardial infarction), not /c/ (the words apart)", urls)
	}
	if len(urls) > 0 && urls[0] != "/b/" {
		t.Errorf("heart attack puts %s first; want /b/, whose title is the synonym", urls[0])
	}
}

// A first query of hot words whose synonym span is its phrase's words
// ("heart attack") ranks from the phrase lists alone (phrase-first) when
// they hold as many pages as asked for, and reads its words' lists when
// they give fewer results: then the pages holding the words apart come
// after the pages holding the phrase.
func TestPhraseFirstReadsTheWordsOnlyForMoreResults(t *testing.T) {
	t.Parallel()
	var docs []Doc
	for i := range 6 {
		section := "t"
		if i < 2 {
			section = "s"
		}
		docs = append(docs, Doc{URL: fmt.Sprintf("/together/%d/", i), Title: fmt.Sprintf("Page %d", i), Section: section,
			Body: strings.Repeat("Chest pain can mean a heart attack. ", i+1)})
		docs = append(docs, Doc{URL: fmt.Sprintf("/apart/%d/", i), Title: fmt.Sprintf("Leaflet %d", i), Section: "s",
			Body: strings.Repeat("The heart is a muscle. An attack of gout hurts. ", i+1)})
	}
	e, p := planOver(t, docs, "heart attack")
	for _, stem := range []string{"heart", "attack"} {
		if _, first := p.paths[stem]; first || p.later[stem] == "" {
			t.Errorf("%q: in the first lists %v, later %v; want it later", stem, p.paths, p.later)
		}
	}
	if p.paths["=heart attack"] == "" {
		t.Errorf("the first lists %v lack the phrase list of heart attack", p.paths)
	}
	urls := func(limit int) []string {
		res, err := e.Search("heart attack", limit, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range res {
			out = append(out, r.URL)
		}
		return out
	}
	few := urls(4)
	for _, u := range few {
		if !strings.HasPrefix(u, "/together/") {
			t.Errorf("limit 4: %v; want pages holding the phrase only", few)
			break
		}
	}
	all := urls(12)
	if len(all) != 12 || !strings.HasPrefix(all[5], "/together/") || !strings.HasPrefix(all[6], "/apart/") {
		t.Errorf("limit 12: %v; want the 6 pages holding the phrase, then the 6 holding its words apart", all)
	}
	// A filter leaves the phrase two pages: the words' lists bring two
	// more, after them.
	res, err := e.Search("heart attack", 4, Filter{Section: "s"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range res {
		got = append(got, r.URL)
	}
	if len(got) != 4 || !strings.HasPrefix(got[1], "/together/") || !strings.HasPrefix(got[2], "/apart/") {
		t.Errorf("limit 4 in section s: %v; want its 2 pages holding the phrase, then 2 holding the words apart", got)
	}
}
