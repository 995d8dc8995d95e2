package search

import (
	"fmt"
	"io/fs"
	"maps"
	"path"
	"reflect"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/medkb/medkb/internal/yamlsyntax"
)

// TestEmbeddedTablesParse parses every table embedded in medkb
// (synonyms/*.yaml and classes/*.yaml, a language added later included)
// with the parser BuiltinSynonyms and builtinClasses use at run time. No
// site can supply or replace these tables (a site's own synonyms are
// data/synonyms.yaml, which sitedata reads and explains with file and
// line), so a malformed one is medkb's bug: this test reports it, with
// its file, line and fix, before a medkb that would panic on it is built.
// yamlsyntax.Check's findings (a key written twice, a tag or an anchor
// YAML drops) fail it too: a table holds plain text only.
func TestEmbeddedTablesParse(t *testing.T) {
	t.Parallel()
	parsers := map[string]func(name string, data []byte) error{
		"synonyms": func(name string, data []byte) error { _, err := parseSynonyms(name, data); return err },
		"classes":  func(name string, data []byte) error { _, err := parseClasses(name, data); return err },
	}
	tables := 0
	for dir, parse := range parsers {
		names, err := fs.Glob(synonymFiles, dir+"/*.yaml")
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range names {
			tables++
			data, err := synonymFiles.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			if err := parse(name, data); err != nil {
				if p, ok := yamlsyntax.Explain(data, 0, err); ok {
					t.Errorf("%s:%d: %s; fix: %s", name, p.Line, p.Message, p.Hint)
				} else if strings.Contains(err.Error(), "yaml: ") {
					t.Errorf("%v; fix the table's YAML there", err)
				} else {
					t.Error(err) // medkb's own message, with its fix
				}
				continue
			}
			var root yaml.Node
			if err := yaml.Unmarshal(data, &root); err != nil {
				t.Fatal(err)
			}
			for _, p := range yamlsyntax.Check(&root, data, 0) {
				t.Errorf("%s:%d: %s; fix: %s", name, p.Line, p.Message, p.Hint)
			}
			// What a build calls reads it.
			lang := strings.TrimSuffix(path.Base(name), ".yaml")
			var n int
			if dir == "synonyms" {
				groups, err := BuiltinSynonyms(lang)
				n = len(groups)
				if err != nil {
					t.Error(err)
				}
			} else {
				cs, err := builtinClasses(lang)
				n = len(cs)
				if err != nil {
					t.Error(err)
				}
			}
			if n == 0 {
				t.Errorf("%s: nothing read from it", name)
			}
		}
	}
	if tables < 3 {
		t.Fatalf("%d embedded tables; want synonyms/en.yaml, synonyms/es.yaml and classes/en.yaml at least", tables)
	}
}

// A malformed table's error names its file and line and says what to write.
func TestParseClassesReportsLine(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ src, want string }{
		{"painkiller: [ibuprofen]\nwater pill: []\n", "classes.yaml:2: class \"water pill\" needs at least one member"},
		{"painkiller: [ibuprofen]\n\"\": [x]\n", "classes.yaml:2: a class needs a name"},
		{"painkiller: [ibuprofen]\npainkiller: [paracetamol]\n", "already defined at line 1"},
	} {
		_, err := parseClasses("classes.yaml", []byte(tt.src))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: err = %v, want %q", tt.src, err, tt.want)
		}
	}
}

func TestBuiltinSynonymsParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lang      string
		minGroups int
		mustHave  [][]string
	}{
		{"en", 300, [][]string{
			{"heart attack", "myocardial infarction", "mi"},
			{"high blood pressure", "hypertension"},
			{"copd", "chronic obstructive pulmonary disease"},
			{"hba1c", "a1c"},
			{"heartburn", "gerd", "acid reflux"},
			{"water pill", "diuretic"},
			{"stroke", "cva"},
			{"sugar diabetes", "diabetes mellitus"},
		}},
		{"es", 50, [][]string{{"infarto", "ataque al corazón"}, {"presión alta", "hipertensión"},
			{"gelocatil", "paracetamol"}, {"nolotil", "metamizol"}, {"adiro", "ácido acetilsalicílico"}, {"sintrom", "acenocumarol"}}},
	}
	for _, tt := range tests {
		groups, err := BuiltinSynonyms(tt.lang)
		if err != nil {
			t.Fatal(err)
		}
		if len(groups) < tt.minGroups {
			t.Errorf("%s: %d groups, want at least %d", tt.lang, len(groups), tt.minGroups)
		}
		for _, want := range tt.mustHave {
			if !slices.ContainsFunc(groups, func(g []string) bool { return containsAll(g, want) }) {
				t.Errorf("%s: no group contains %q", tt.lang, want)
			}
		}
		for _, g := range groups {
			for _, p := range g {
				if p != strings.ToLower(p) {
					t.Errorf("%s: phrase %q is not lowercase", tt.lang, p)
				}
			}
		}
	}
	if groups, err := BuiltinSynonyms("xx"); groups != nil || err != nil {
		t.Error("a language without a table must have no synonyms")
	}
}

func containsAll(g, want []string) bool {
	for _, w := range want {
		if !slices.Contains(g, w) {
			return false
		}
	}
	return true
}

func TestParseSynonymsReportsLine(t *testing.T) {
	t.Parallel()
	for _, src := range []string{"- [a, b]\n- [lonely]\n", "- [a, b]\n- [Same, same ]\n"} {
		_, err := parseSynonyms("syn.yaml", []byte(src))
		if err == nil || !strings.Contains(err.Error(), "syn.yaml:2: a synonym group needs at least two different phrases") {
			t.Errorf("%q: err = %v, want syn.yaml:2: position", src, err)
		}
	}
}

func TestSynonymTableRemoveAndExtra(t *testing.T) {
	t.Parallel()
	groups, err := synonymTable("en", [][]string{{" Brain Fog ", "cognitive  impairment"}, {"lonely"}}, [][]string{{"MI"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range groups {
		if slices.Contains(g, "mi") {
			t.Errorf("group %q should have been removed", g)
		}
	}
	if !slices.ContainsFunc(groups, func(g []string) bool { return slices.Equal(g, []string{"brain fog", "cognitive impairment"}) }) {
		t.Error("extra group missing or not normalised")
	}
	if slices.ContainsFunc(groups, func(g []string) bool { return slices.Contains(g, "lonely") }) {
		t.Error("one-phrase group kept")
	}
}

func TestFindSpansMultiWord(t *testing.T) {
	t.Parallel()
	docs := []Doc{{URL: "/a/", Title: "Heart attack and myocardial infarction, MI",
		Body: "High blood pressure, hypertension, blood pressure, bp, symptoms."}}
	files := mustBuild(t, docs, Options{Lang: "en", Synonyms: [][]string{{"heart attack", "myocardial infarction", "mi"},
		{"high blood pressure", "hypertension"}, {"blood pressure", "bp"}}})
	e, err := OpenEngine(FilesReader(files))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query string
		want  []string // "start-end:first alternative"
	}{
		{"heart attack symptoms", []string{"0-2:myocardial infarction"}},
		{"heart attacks", []string{"0-2:myocardial infarction"}},          // matched by stem
		{"symptoms of high blood pressure", []string{"2-5:hypertension"}}, // longest phrase wins
		{"blood pressure", []string{"0-2:bp"}},
		{"MI", []string{"0-1:heart attack"}},
		{"attack heart", nil},
	}
	for _, tt := range tests {
		p, err := e.plan(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range p.spans {
			var words []string
			for _, w := range s.alts[0] {
				words = append(words, w[0])
			}
			got = append(got, fmt.Sprintf("%d-%d:%s", s.start, s.end, strings.Join(words, " ")))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: spans %q, want %q", tt.query, got, tt.want)
		}
	}
}

// The groups and classes the vocabulary shards of a query's words hold are
// all the query can match: on the judged suite's pages, every query (and
// typos of its words), planned without the hot vocabulary, finds the same
// synonym spans, with the same alternatives, in them as in the whole
// synonym table.
func TestVocabularyShardsHoldTheSynonymsTheirWordsMatch(t *testing.T) {
	t.Parallel()
	docs := relevanceDocs(t)
	urls := map[string]bool{}
	for _, d := range docs {
		urls[d.URL] = true
	}
	files := mustBuild(t, docs, Options{Lang: "en", BasePath: "/search/"})
	shards, err := OpenEngine(FilesReader(files))
	if err != nil {
		t.Fatal(err)
	}
	whole, err := OpenEngine(FilesReader(files))
	if err != nil {
		t.Fatal(err)
	}
	shards.hot, whole.hot = nil, nil // every query reads the vocabulary shards
	whole.wholeSynonyms = true
	queries := []string{"heart attak", "hart attack", "myocardial infarcton", "water pil", "high blod pressure", "sugar diabetis", "side efects", "paracetamol", "mi", "bp", "hypertention"}
	for _, j := range judgments(t, urls) {
		queries = append(queries, j.typed())
	}
	spans := 0
	for _, q := range queries {
		a, err := shards.plan(q)
		if err != nil {
			t.Fatal(err)
		}
		b, err := whole.plan(q)
		if err != nil {
			t.Fatal(err)
		}
		spans += len(b.spans)
		if !reflect.DeepEqual(a.spans, b.spans) {
			t.Errorf("%q: the shards' synonyms give spans %v, the whole table %v", q, a.spans, b.spans)
		}
		if !maps.Equal(a.paths, b.paths) {
			t.Errorf("%q: the shards' synonyms read %v, the whole table %v", q, a.paths, b.paths)
		}
	}
	if spans < 20 {
		t.Fatalf("only %d synonym spans in %d queries: the test shows little", spans, len(queries))
	}
}

// A group goes to the shard that owns its phrase's first word and to every
// shard holding a word of that word's stem: a query word of the stem
// ("infarct", the stem of "infarction") reads the second, not the first.
func TestSynonymShardsFollowTheFirstWordAndItsStem(t *testing.T) {
	t.Parallel()
	c := &termIndex{surfaces: map[string]string{"angina": "angina", "infarct": "infarct", "infarction": "infarct", "ischaemia": "ischaemia"}}
	words := []vocabWord{{"angina", "angina"}, {"infarct", "infarct"}, {"infarction", "infarction"}, {"ischaemia", "ischaemia"}}
	shards := [][2]int{{0, 2}, {2, 4}} // angina infarct | infarction ischaemia
	syn := &synonymFile{
		Groups:  [][][][2]string{{{{"infarction", "infarct"}}, {{"myocardial", "myocardi"}, {"infarction", "infarct"}}}},
		Classes: [][2][][][2]string{{{{{"angina", "angina"}}}, {{{"chest", "chest"}, {"pain", "pain"}}}}},
	}
	groups, classes := synonymShards(c, words, shards, syn)
	// "infarction" and "myocardial" (no word of the index) are owned by
	// shard 1; the stem's word "infarct" sits in shard 0.
	if !slices.Equal(groups[0], []int{0}) || !slices.Equal(groups[1], []int{0}) {
		t.Errorf("group shards %v; want the group in both", groups)
	}
	// A class goes by its members only: "angina", shard 0.
	if !slices.Equal(classes[0], []int{0}) || len(classes[1]) != 0 {
		t.Errorf("class shards %v; want shard 0 only", classes)
	}
}
