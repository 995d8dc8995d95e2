package search

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func openTestIndex(t *testing.T, dir string, opts Options) *Index {
	t.Helper()
	ix, err := OpenIndex(dir, opts)
	if err != nil {
		t.Fatalf("OpenIndex: %v", err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func hitURLs(hits []Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.URL
	}
	return out
}

func TestIndexUpdateIsIncremental(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "search-en")
	ix, err := OpenIndex(dir, Options{Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	docs := handDocs()
	steps := []struct {
		name                    string
		docs                    []Doc
		added, updated, deleted int
	}{
		{"first", docs, len(docs), 0, 0},
		{"unchanged", docs, 0, 0, 0},
		{"one edited, one removed, one new", func() []Doc {
			d := slices.Clone(docs[:len(docs)-1])
			d[0].Body += " Aspirin is given early."
			return append(d, Doc{URL: "/new/", Title: "New page"})
		}(), 1, 1, 1},
	}
	for _, s := range steps {
		a, u, d, err := ix.Update(s.docs)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if a != s.added || u != s.updated || d != s.deleted {
			t.Errorf("%s: added/updated/deleted = %d/%d/%d, want %d/%d/%d", s.name, a, u, d, s.added, s.updated, s.deleted)
		}
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	// Reopening keeps the hashes: nothing to do.
	ix = openTestIndex(t, dir, Options{Lang: "en"})
	if a, u, d, err := ix.Update(steps[2].docs); err != nil || a+u+d != 0 {
		t.Errorf("after reopen: %d/%d/%d, %v; want no work", a, u, d, err)
	}
	hits, err := ix.Search("aspirin", 5)
	if err != nil || len(hits) != 1 || hits[0].URL != docs[0].URL {
		t.Errorf("edited text not searchable: %v %v", hitURLs(hits), err)
	}
}

func TestIndexLanguageChangeRebuilds(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "idx")
	ix, err := OpenIndex(dir, Options{Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := ix.Update(handDocs()); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	es := openTestIndex(t, dir, Options{Lang: "es"})
	a, _, _, err := es.Update(handDocs())
	if err != nil || a != len(handDocs()) {
		t.Errorf("after a language change every doc must be re-added: added %d, %v", a, err)
	}
}

func TestIndexSearch(t *testing.T) {
	t.Parallel()
	ix := openTestIndex(t, filepath.Join(t.TempDir(), "idx"), Options{Lang: "en"})
	if _, _, _, err := ix.Update(testCorpus()); err != nil {
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
		hits, err := ix.Search(tt.query, 5)
		if err != nil {
			t.Fatalf("%q: %v", tt.query, err)
		}
		if len(hits) == 0 || hits[0].URL != tt.wantFirst {
			t.Errorf("%q: hits %v, want %s first", tt.query, hitURLs(hits), tt.wantFirst)
			continue
		}
		if hits[0].Title == "" || hits[0].Excerpt == "" {
			t.Errorf("%q: hit lacks title or excerpt: %+v", tt.query, hits[0])
		}
	}
	hits, err := ix.Search(`"flow blood"`, 5)
	if err != nil || len(hits) != 0 {
		t.Errorf("phrase in the wrong order matched: %v", hitURLs(hits))
	}
	hits, _ = ix.Search("tetanus", 5)
	if len(hits) != 1 || !strings.Contains(hits[0].Excerpt, "tetanus") {
		t.Errorf("excerpt should be the sentence with the word: %+v", hits)
	}
}
