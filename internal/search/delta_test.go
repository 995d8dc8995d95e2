package search

import (
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// editedAsthma is the asthma page of testCorpus with a new body: it drops
// "reliever", "inhaler" and "minutes" and brings "montelukast", a word no
// other page uses.
func editedAsthma(t testing.TB) Doc {
	t.Helper()
	for _, d := range testCorpus() {
		if d.URL == "/conditions/asthma/" {
			d.Body = "Asthma causes wheezing and shortness of breath. Montelukast is a tablet that prevents attacks at night."
			return d
		}
	}
	t.Fatal("testCorpus has no asthma page")
	return Doc{}
}

func mustBase(t testing.TB, docs []Doc) (*Base, map[string][]byte) {
	t.Helper()
	ix, err := NewIncremental(docs, Options{Lang: "en", BasePath: "/search/"})
	if err != nil {
		t.Fatal(err)
	}
	return ix.Base(), ix.files
}

func decodeDelta(t testing.TB, files []File) (delta, manifest) {
	t.Helper()
	var m manifest
	if len(files) != 1 || files[0].Path != "manifest.json" {
		t.Fatalf("Delta wrote %d files, want the manifest alone", len(files))
	}
	if err := json.Unmarshal(files[0].Data, &m); err != nil {
		t.Fatalf("manifest.json: %v", err)
	}
	if m.Delta == nil {
		t.Fatal("the manifest holds no delta segment")
	}
	return *m.Delta, m
}

// A delta of a page as the base has it must give the page the postings the
// full build gave it: the same statistics, the same scores and positions.
func TestDeltaOfAnUnchangedPageMatchesItsBasePostings(t *testing.T) {
	docs := testCorpus()
	base, baseFiles := mustBase(t, docs)
	var page Doc
	for _, d := range docs {
		if d.URL == "/conditions/hypertension/" {
			page = d
		}
	}
	files, err := base.Delta([]Doc{page})
	if err != nil {
		t.Fatal(err)
	}
	d, _ := decodeDelta(t, files)
	num := -1
	for i, u := range base.URLs {
		if u == page.URL {
			num = i
		}
	}
	if len(d.Void) != 1 || d.Void[0] != num {
		t.Fatalf("void %v, want [%d]", d.Void, num)
	}
	if len(d.Lists) < 10 {
		t.Fatalf("only %d postings lists for a whole page", len(d.Lists))
	}
	phrases := 0
	for stem, raw := range d.Lists {
		var got [][]int
		if err := json.Unmarshal(raw, &got); err != nil {
			t.Fatal(err)
		}
		if isPhraseKey(stem) {
			// A phrase list: the page's posting as the base's list has it.
			phrases++
			if !slices.Contains(base.Phrases, stem) {
				t.Fatalf("phrase %q is in the delta but not the base", stem)
			}
			var want []int
			for path, data := range baseFiles {
				var shard map[string]json.RawMessage
				if !strings.HasPrefix(path, "postings/") || json.Unmarshal(data, &shard) != nil || shard[stem] == nil {
					continue
				}
				var list [][]int
				if err := json.Unmarshal(shard[stem], &list); err != nil {
					t.Fatal(err)
				}
				for _, p := range list {
					if p[0] == num {
						want = p
					}
				}
			}
			if len(got) != 1 || !slices.Equal(got[0], want) {
				t.Errorf("%q: delta %v, base %v", stem, got, want)
			}
			continue
		}
		bs, ok := base.Stems[stem]
		if !ok {
			t.Fatalf("%q is in the delta but not the base", stem)
		}
		var shard map[string]json.RawMessage
		var list [][]int
		if err := json.Unmarshal(baseFiles[base.Paths[bs.Path]], &shard); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(shard[stem], &list); err != nil {
			t.Fatal(err)
		}
		if n, ok := tailOf(t, shard, stem); ok {
			// The head keeps the positions of its best postings only: the
			// whole list is the head's full postings and the tail.
			list = slices.DeleteFunc(list, func(p []int) bool { return len(p) <= 3 })
			for path, data := range baseFiles {
				if shardNumber(path) == n {
					var tail map[string][][]int
					if err := json.Unmarshal(data, &tail); err != nil {
						t.Fatal(err)
					}
					list = append(list, tail[stem]...)
				}
			}
		}
		var want []int
		for _, p := range list {
			if p[0] == num {
				want = p
			}
		}
		if len(got) != 1 || !slices.Equal(got[0], want) {
			t.Errorf("%q: delta %v, base %v", stem, got, want)
		}
	}
	// Every word of the page is in the base's vocabulary, with the same
	// stem and statistics: the delta lists none of them again.
	if len(d.Vocab.Words) != 0 || len(d.Vocab.Terms) != 0 {
		t.Errorf("the delta of an unchanged page lists %d words, %d stems; want none", len(d.Vocab.Words), len(d.Vocab.Terms))
	}
	if phrases == 0 {
		t.Error("the delta holds no phrase list: the page holds \"high blood pressure\"")
	}
	var entry docEntry
	if err := json.Unmarshal(d.Entries[strconv.Itoa(num)], &entry); err != nil || entry.URL != page.URL {
		t.Fatalf("entry %+v, %v", entry, err)
	}
}

func TestDeltaMarksWordsOnlyItHolds(t *testing.T) {
	base, _ := mustBase(t, testCorpus())
	files, err := base.Delta([]Doc{editedAsthma(t)})
	if err != nil {
		t.Fatal(err)
	}
	d, _ := decodeDelta(t, files)
	tm, ok := d.Vocab.Terms["montelukast"]
	if !ok {
		t.Fatalf("no montelukast in the delta's words: %v", d.Vocab.Words)
	}
	if d.Vocab.Postings[tm[1]] != DeltaOnly || tm[0] != 1 {
		t.Errorf("montelukast: df %d, path %q; want 1, %q", tm[0], d.Vocab.Postings[tm[1]], DeltaOnly)
	}
	// "wheezing" is in the base's vocabulary: its shard lists it, with the
	// base's path and statistics.
	if _, ok := d.Vocab.Terms["wheez"]; ok || slices.ContainsFunc(d.Vocab.Words, func(w [2]string) bool { return w[0] == "wheezing" }) {
		t.Errorf("the delta lists wheezing, a word of the base: %v", d.Vocab.Words)
	}
}

func TestDeltaRefusesANewPage(t *testing.T) {
	base, _ := mustBase(t, testCorpus())
	_, err := base.Delta([]Doc{{URL: "/new/", Title: "New", Body: "A page the base never had."}})
	if !errors.Is(err, ErrNeedsFullBuild) {
		t.Fatalf("Delta of a new page: %v, want ErrNeedsFullBuild", err)
	}
}

// A page without one indexed word still makes a delta search.js can read.
func TestDeltaOfAPageWithoutWords(t *testing.T) {
	base, _ := mustBase(t, testCorpus())
	files, err := base.Delta([]Doc{{URL: "/conditions/asthma/", Title: "—", Body: "… !"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f.Path != "manifest.json" && !strings.Contains(string(f.Data), `"v":{"p":[],"t":{},"w":[]}`) {
			t.Errorf("%s: %s; want empty arrays and object, not null", f.Path, f.Data)
		}
	}
}

// tailOf returns the number of the shard that holds the tail of stem's
// list in a first-query shard.
func tailOf(t *testing.T, shard map[string]json.RawMessage, stem string) (int, bool) {
	t.Helper()
	var tails map[string]int
	if raw, ok := shard[tailsKey]; ok {
		if err := json.Unmarshal(raw, &tails); err != nil {
			t.Fatal(err)
		}
	}
	n, ok := tails[stem]
	return n, ok
}
