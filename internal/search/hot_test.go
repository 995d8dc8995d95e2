package search

import (
	"encoding/json"
	"slices"
	"testing"
)

// TestHotVocabularyResolvesAsTheShards holds a query planned from the
// manifest's hot vocabulary to the same results and scores as the same
// query planned from the vocabulary shards and the synonym table (the
// manifest without its hot vocabulary).
func TestHotVocabularyResolvesAsTheShards(t *testing.T) {
	t.Parallel()
	// Every word of the hand-written pages is hot; only some of the test
	// corpus's are. The results are the same either way.
	for name, docs := range map[string][]Doc{"hand": handDocs(), "corpus": testCorpus()} {
		t.Run(name, func(t *testing.T) { testHotVocabulary(t, mustBuild(t, docs, Options{Lang: "en"}), name == "hand") })
	}
	// Over a delta segment the writer brings the hot vocabulary over the
	// delta's words: an accented form of a hot word ("ásthma", a stem of
	// its own), longer words that start hot words ("asthmaplan" for
	// "asth…"), a word only the delta holds ("montelukast").
	t.Run("delta", func(t *testing.T) {
		base, baseFiles := mustBase(t, testCorpus())
		edited := editedAsthma(t)
		edited.Body += " Ásthma asthmaplan wheezingly montelukastic."
		delta, err := base.Delta([]Doc{edited})
		if err != nil {
			t.Fatal(err)
		}
		testHotVocabulary(t, slices.Concat(filesOf(baseFiles), delta), false)
	})
}

func testHotVocabulary(t *testing.T, files []File, allHot bool) {
	read := FilesReader(files)
	hot, err := OpenEngine(read)
	if err != nil {
		t.Fatal(err)
	}
	if hot.hot == nil || len(hot.hot.words) == 0 {
		t.Fatal("the manifest has no hot vocabulary")
	}
	cold, err := OpenEngine(func(p string) ([]byte, error) {
		data, err := read(p)
		if p != "manifest.json" || err != nil {
			return data, err
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, err
		}
		delete(m, "hot")
		delete(m, "hotSynonyms")
		return json.Marshal(m)
	})
	if err != nil {
		t.Fatal(err)
	}
	queries := []string{"asthma", "asth", "heart attack", "high blood pressure", "high blood pressure ", "hyper",
		"blood", "treatment ", "pain relief for children", `"blood pressure"`, "vaccine side effects", "water pill", "mi",
		"asthma ", "wheezing", "wheez", "montelukast", "reliever inhaler", "ásthma"}
	planned := 0
	for _, q := range queries {
		p, err := hot.plan(q)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.shards) == 1 && p.shards[0] == hot.hot.shard {
			planned++
		}
		want, err := cold.Search(q, 1000, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		got, err := hot.Search(q, 1000, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Errorf("%q: %d results from the hot vocabulary, %d from the shards", q, len(got), len(want))
			continue
		}
		for i := range got {
			if got[i].URL != want[i].URL || got[i].Score != want[i].Score {
				t.Errorf("%q #%d: hot %s %.2f, shards %s %.2f", q, i, got[i].URL, got[i].Score, want[i].URL, want[i].Score)
			}
		}
	}
	// Words no page holds ("attack", "pill") and prefixes ("asth") are
	// not hot.
	if allHot && planned < 6 {
		t.Errorf("only %d of %d queries planned from the hot vocabulary", planned, len(queries))
	}
	if p, err := hot.plan("asthma"); err != nil || len(p.shards) != 1 || p.shards[0] != hot.hot.shard {
		t.Errorf(`"asthma" is not planned from the hot vocabulary (%v)`, err)
	}
}

// TestHotSynonymsNameOwnStemsByIndex: a synonym phrase word that is its
// own stem ("asthma") is written as the stem's index alone, and only such
// a word; the engine reads it back as [word, stem].
func TestHotSynonymsNameOwnStemsByIndex(t *testing.T) {
	t.Parallel()
	files := mustBuild(t, handDocs(), Options{Lang: "en"})
	var m struct {
		Hot struct {
			Stems [][3]any `json:"s"`
		} `json:"hot"`
		HotSyn struct {
			Groups [][][]any `json:"g"`
		} `json:"hotSynonyms"`
	}
	mustUnmarshal(t, fileNamed(t, files, "manifest.json"), &m)
	bare := 0
	for _, g := range m.HotSyn.Groups {
		for _, ph := range g {
			for _, w := range ph {
				switch w := w.(type) {
				case float64:
					bare++
				case []any:
					r, _ := w[1].(float64)
					if r >= 0 && w[0] == m.Hot.Stems[int(r)][0] {
						t.Errorf("phrase word %v is its own stem; want the index alone", w)
					}
				default:
					t.Errorf("phrase word %v: want [surface, index] or an index", w)
				}
			}
		}
	}
	if bare == 0 {
		t.Error("no phrase word written as a bare stem index")
	}
	e, err := OpenEngine(FilesReader(files))
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range e.hot.synonyms.Groups {
		for _, ph := range g {
			for _, w := range ph {
				if w[0] == "" {
					t.Errorf("engine read a phrase word without surface: %v", ph)
				}
			}
		}
	}
}

// TestHotWordOfOneStemIsItsIndex: a hot word with one exact stem and no
// longer words is written as the stem's index, and reads back as
// [[index], none].
func TestHotWordOfOneStemIsItsIndex(t *testing.T) {
	t.Parallel()
	var m struct {
		Hot struct {
			Words map[string]json.RawMessage `json:"w"`
		} `json:"hot"`
	}
	files := mustBuild(t, handDocs(), Options{Lang: "en"})
	mustUnmarshal(t, fileNamed(t, files, "manifest.json"), &m)
	bare := 0
	for f, raw := range m.Hot.Words {
		var w hotWord
		if err := json.Unmarshal(raw, &w); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		var i int
		isIndex := json.Unmarshal(raw, &i) == nil
		if isIndex {
			bare++
		}
		if one := len(w[0]) == 1 && w[1] == nil; one != isIndex {
			t.Errorf("%s written %s; want the index alone exactly when it has one stem and no longer words", f, raw)
		}
	}
	if bare == 0 {
		t.Error("no hot word written as its stem's index")
	}
}

// TestHotSynonymsKeepOnlyUsablePhrases: a phrase of the manifest's hot
// synonyms has no word that is neither a stop word, a stem some page
// holds, nor a hot word (such a phrase can neither match a query of hot
// words nor serve as an alternative), and the queries plan as before.
func TestHotSynonymsKeepOnlyUsablePhrases(t *testing.T) {
	t.Parallel()
	files := mustBuild(t, testCorpus(), Options{Lang: "en"})
	var m struct {
		Hot    hotVocab    `json:"hot"`
		HotSyn hotSynonyms `json:"hotSynonyms"`
	}
	mustUnmarshal(t, fileNamed(t, files, "manifest.json"), &m)
	phrases := 0
	check := func(ph []any) {
		phrases++
		for _, w := range ph {
			surface, r := "", -1.0
			switch w := w.(type) {
			case float64:
				r = w
				surface = m.Hot.Stems[int(r)][0].(string)
			case []any:
				surface, _ = w[0].(string)
				r, _ = w[1].(float64)
			}
			if _, hot := m.Hot.Words[fold(surface)]; r >= 0 && m.Hot.Stems[int(r)][2].(float64) < 0 && !hot {
				t.Errorf("phrase %v: %q is no hot word and no page holds its stem", ph, surface)
			}
		}
	}
	for _, g := range m.HotSyn.Groups {
		for _, ph := range g {
			check(ph)
		}
	}
	for _, c := range m.HotSyn.Classes {
		for _, ph := range slices.Concat(c[0], c[1]) {
			check(ph)
		}
	}
	if phrases < 20 {
		t.Fatalf("%d hot synonym phrases: the test shows little", phrases)
	}
}

// TestPlanReadsOnlyUsableAlternatives: a query reads the postings of its
// own words and of the synonym alternatives that can match, and no list
// of an alternative with a stem no page holds.
func TestPlanReadsOnlyUsableAlternatives(t *testing.T) {
	t.Parallel()
	e, err := OpenEngine(FilesReader(mustBuild(t, testCorpus(), Options{Lang: "en"})))
	if err != nil {
		t.Fatal(err)
	}
	spans := 0
	for _, q := range []string{"heart attack", "high blood pressure", "heart attak", "water pill", "diabetis", "mi", "amoxicilin"} {
		p, err := e.plan(q)
		if err != nil {
			t.Fatal(err)
		}
		used := map[string]bool{}
		for _, u := range p.units {
			for _, c := range u.cands {
				used[c.stem] = true
			}
			for _, w := range u.words {
				for _, c := range w.cands {
					used[c.stem] = true
				}
			}
			for _, a := range slices.Concat(u.alts, []alt{{terms: u.terms}}) {
				if a.key != "" {
					used[a.key] = true // a phrase list is all that is read of it
					continue
				}
				for _, tm := range a.terms {
					used[tm.stem] = true
				}
			}
			if u.kind == 's' {
				spans++
			}
		}
		for stem := range p.paths {
			if !used[stem] {
				t.Errorf("%q reads the postings of %q, which no unit of the query scores", q, stem)
			}
		}
	}
	if spans == 0 {
		t.Fatal("no query matched a synonym span")
	}
}
