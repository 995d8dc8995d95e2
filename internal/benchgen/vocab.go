package benchgen

import (
	_ "embed"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
)

// wordsTxt is the rank-ordered vocabulary; see the header of words.txt for
// its provenance and licence.
//
//go:embed words.txt
var wordsTxt string

// zipfExponent is the s in P(rank r) ∝ 1/r^s; 1.07 is close to what English
// text shows.
const zipfExponent = 1.07

// vocabulary samples words with Zipf-distributed ranks. It is immutable after
// newVocabulary and safe for concurrent use; randomness comes from the caller.
type vocabulary struct {
	words []string
	cdf   []float64 // cdf[i] = P(rank <= i+1), cdf[len-1] == 1
	guide []int     // guide[k] = first i with cdf[i] >= k/len(guide)
}

func newVocabulary() *vocabulary {
	var words []string
	for _, line := range strings.Split(wordsTxt, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		words = append(words, line)
	}
	cdf := make([]float64, len(words))
	var sum float64
	for i := range words {
		sum += 1 / math.Pow(float64(i+1), zipfExponent)
		cdf[i] = sum
	}
	for i := range cdf {
		cdf[i] /= sum
	}
	cdf[len(cdf)-1] = 1
	guide := make([]int, 4*len(words))
	for k := range guide {
		guide[k] = sort.SearchFloat64s(cdf, float64(k)/float64(len(guide)))
	}
	return &vocabulary{words: words, cdf: cdf, guide: guide}
}

// word returns one word; rank r is drawn with probability ∝ 1/r^1.07.
func (v *vocabulary) word(r *rand.Rand) string {
	u := r.Float64()
	i := v.guide[int(u*float64(len(v.guide)))]
	for v.cdf[i] < u {
		i++
	}
	return v.words[i]
}
