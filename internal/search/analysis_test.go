package search

import (
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
	"unsafe"
	"weak"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	unicodetok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
)

func TestAnalyzeStemsWordFormsTogether(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lang  string
		words []string
	}{
		{"en", []string{"vaccines", "vaccine", "vaccination", "vaccinations"}},
		{"en", []string{"infection", "infections", "infected"}},
		{"en", []string{"diabetes", "diabetic"}},
		{"en", []string{"patient's", "patient", "patients"}},
		{"es", []string{"vacunas", "vacuna", "vacunación"}},
		{"es", []string{"tratamientos", "tratamiento"}},
		{"ar", []string{"الكتاب", "كتاب"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.words[0], func(t *testing.T) {
			t.Parallel()
			a, err := newAnalyzer(tt.lang)
			if err != nil {
				t.Fatal(err)
			}
			want := a.stems(tt.words[0])
			if len(want) != 1 {
				t.Fatalf("stems(%q) = %q, want one stem", tt.words[0], want)
			}
			for _, w := range tt.words[1:] {
				if got := a.stems(w); !slices.Equal(got, want) {
					t.Errorf("stems(%q) = %q, want %q (same as %q)", w, got, want, tt.words[0])
				}
			}
		})
	}
}

func TestAnalyzeKeepsSurfaceStopWordsAndPositions(t *testing.T) {
	t.Parallel()
	a, err := newAnalyzer("en")
	if err != nil {
		t.Fatal(err)
	}
	got := a.analyze("The Patient's HbA1c rose")
	want := []token{
		{Surface: "the", Stem: "", Pos: 1},
		{Surface: "patient", Stem: "patient", Pos: 2},
		{Surface: "hba1c", Stem: "hba1c", Pos: 3},
		{Surface: "rose", Stem: "rose", Pos: 4},
	}
	if len(got) != len(want) {
		t.Fatalf("analyze = %+v, want %+v", got, want)
	}
	for i := range want {
		g := got[i]
		if g.Surface != want[i].Surface || g.Stem != want[i].Stem || g.Pos != want[i].Pos {
			t.Errorf("token %d = %+v, want %+v", i, g, want[i])
		}
	}
}

func TestChainForLanguages(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lang, wantLang string
		wantIndex      []string
	}{
		{"en", "en", []string{"stop_en", "stemmer_porter"}},
		{"en-GB", "en", []string{"stop_en", "stemmer_porter"}},
		{"", "en", []string{"stop_en", "stemmer_porter"}},
		{"es", "es", []string{"stop_es", "stemmer_es_snowball"}},
		{"fr", "fr", []string{"stop_fr", "stemmer_fr_snowball"}},
		{"ar", "ar", []string{"stop_ar", "normalize_ar", "stemmer_ar"}},
		{"zz", "zz", []string{"stop_en"}}, // bleve's standard analysis
	}
	for _, tt := range tests {
		a, err := newAnalyzer(tt.lang)
		if err != nil {
			t.Fatalf("%s: %v", tt.lang, err)
		}
		if a.chain.Lang != tt.wantLang || !slices.Equal(a.chain.Index, tt.wantIndex) {
			t.Errorf("chain(%q) = %+v, want lang %s index %v", tt.lang, a.chain, tt.wantLang, tt.wantIndex)
		}
	}
}

func TestFoldAndOrder(t *testing.T) {
	t.Parallel()
	if got := fold("Úlcera Gástrica"); got != "ulcera gastrica" {
		t.Errorf("fold = %q", got)
	}
	// U+FF21 sorts after U+10000 by code point but before it in UTF-16.
	if !lessUTF16("\U00010000", "\uff21") {
		t.Error("lessUTF16 must order by UTF-16 code units like JavaScript")
	}
	if key2("diabetes") != "di" || key2("é") != "é" || key2("ñu") != "ñu" {
		t.Error("key2 must return the first two runes")
	}
}

// TestMemoizedAnalysisMatchesBleve holds the per-word memo to bleve's own
// analyzer: the stems and positions analyze returns, the first time and from
// the memo, are the tokens bleve's custom analyzer built from the same chain
// gives for the same text.
func TestMemoizedAnalysisMatchesBleve(t *testing.T) {
	t.Parallel()
	texts := map[string]string{
		"en": "The patients' vaccinations, the patient's vaccine: 2 doses of HbA1c-lowering drugs in 2024. Vaccines!",
		"es": "Las vacunas y la vacunación de los pacientes: tratamientos y tratamiento.",
		"ar": "الكتاب كتاب والكتب في المكتبة والمكتبات للأطفال",
	}
	for lang, text := range texts {
		a, err := newAnalyzer(lang)
		if err != nil {
			t.Fatal(err)
		}
		cache := registry.NewCache()
		bleveAnalyzer, err := cache.DefineAnalyzer("medkb-test", a.chain.analyzerConfig())
		if err != nil {
			t.Fatal(err)
		}
		type stem struct {
			term string
			pos  int
		}
		var want []stem
		for _, tk := range bleveAnalyzer.Analyze([]byte(text)) {
			want = append(want, stem{string(tk.Term), tk.Position})
		}
		for round := 0; round < 2; round++ { // the second round reads the memo
			var got []stem
			for _, tk := range a.analyze(text) {
				if tk.Stem != "" {
					got = append(got, stem{tk.Stem, tk.Pos})
				}
			}
			if !slices.Equal(got, want) || len(want) < 5 {
				t.Errorf("%s round %d: analyze stems %v, bleve %v", lang, round, got, want)
			}
		}
	}
}

// analyzerConfig is the bleve custom-analyzer definition of the chain: the
// reference TestMemoizedAnalysisMatchesBleve holds the analyzer to.
func (c chain) analyzerConfig() map[string]any {
	filters := make([]any, 0, len(c.Surface)+len(c.Index))
	for _, f := range c.Surface {
		filters = append(filters, f)
	}
	for _, f := range c.Index {
		filters = append(filters, f)
	}
	return map[string]any{
		"type":          custom.Name,
		"tokenizer":     unicodetok.Name,
		"token_filters": filters,
	}
}

// stems returns the non-stop stems of text in order.
func (a *analyzer) stems(text string) []string {
	var out []string
	for _, t := range a.analyze(text) {
		if t.Stem != "" {
			out = append(out, t.Stem)
		}
	}
	return out
}

// The memo keeps the words it has seen, not the texts they were read
// from: a word is a slice of its document's text, and a memo key that
// shared it held the whole text (at 100,000 articles, tens of MB of
// bodies at the build's peak). Both the ASCII path and bleve's tokenizer
// are held to it.
func TestMemoDoesNotHoldTheAnalysedText(t *testing.T) {
	a, err := newAnalyzer("en")
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{
		strings.Repeat("Wheezing ", 1<<14) + "Zyxwvutsrq",
		strings.Repeat("Sibilancias ", 1<<14) + "Ñandú", // not ASCII
	} {
		w := a.worker()
		text = strings.Clone(text) // an allocation of its own
		held := weak.Make(unsafe.StringData(text))
		n := 0
		w.each(text, func(token) { n++ })
		if n == 0 {
			t.Fatalf("no words in %.20q…", text)
		}
		text = ""
		runtime.GC()
		runtime.GC()
		if held.Value() != nil {
			t.Errorf("after analysing a %d-word text, the analyser's memo still holds the text", n)
		}
		runtime.KeepAlive(w)
	}
}

// FuzzLessUTF16 holds lessUTF16's rune walk to its definition: the two
// strings encoded as UTF-16 and compared unit by unit (invalid bytes
// read as U+FFFD, as a []rune conversion reads them).
func FuzzLessUTF16(f *testing.F) {
	for _, s := range [][2]string{
		{"\U00010000", "\uff21"}, {"a", "ab"}, {"ab", "a"}, {"", "a"}, {"a", "a"}, {"\U0001F600x", "\U0001F601"},
		{"\ue000", "\U0010FFFF"}, {"\xff", "\ufffd"}, {"é", "e\u0301"}, {"\U0001F600", "\U0001F600"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		ua, ub := utf16.Encode([]rune(a)), utf16.Encode([]rune(b))
		want := slices.Compare(ua, ub) < 0
		if got := lessUTF16(a, b); got != want {
			t.Fatalf("lessUTF16(%q, %q) = %v, want %v", a, b, got, want)
		}
	})
}
