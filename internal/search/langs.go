package search

import "slices"

// Blank imports register bleve's analyzers, stop words and stemmers for every
// language bleve supports (Polish needs an extra module and is left out), so
// chainFor can find them by name.
import (
	_ "github.com/blevesearch/bleve/v2/analysis/lang/ar"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/bg"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/ca"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/ckb"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/cs"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/da"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/de"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/el"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/en"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/es"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/eu"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/fa"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/fi"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/fr"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/ga"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/gl"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/hi"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/hr"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/hu"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/hy"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/id"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/in"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/it"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/nl"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/no"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/pt"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/ro"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/ru"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/sv"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/tr"
)

// filler lists, by language, the words of a question that carry no subject
// ("can I take ibuprofen", "how do I know if I have diabetes"): the query
// engines drop them when a query has other words. Stop words are left out
// of the lists the manifest carries (they are dropped anyway).
var filler = map[string][]string{
	"en": {"can", "could", "would", "should", "will", "may", "might", "must", "i", "im", "i'm", "know", "tell",
		"get", "getting", "got", "need", "want", "help", "mean", "means", "meaning", "take", "taking", "feel",
		"like", "okay", "ok", "please", "anyone", "someone", "really"},
	"es": {"puedo", "puede", "debo", "debe", "saber", "sé", "tengo", "tomar", "quiero", "necesito"},
}

// fillerWords returns the filler words of lang that are not stop words, sorted.
func fillerWords(lang string, stop []string) []string {
	var out []string
	for _, w := range filler[lang] {
		if _, isStop := slices.BinarySearch(stop, w); !isStop {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return out
}
