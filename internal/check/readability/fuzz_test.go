package readability

import (
	"math"
	"testing"
)

// FuzzReadability checks that Analyze never panics and that its counts stay
// internally consistent on arbitrary input. Seeds live in
// testdata/fuzz/FuzzReadability.
func FuzzReadability(f *testing.F) {
	f.Add("The cat sat on the mat.")
	f.Fuzz(func(t *testing.T, text string) {
		s := Analyze(text)
		if s.Words < 0 || s.Sentences < 0 || s.Polysyllables > s.Words {
			t.Fatalf("inconsistent counts %+v", s)
		}
		if s.Words > 0 && (s.Sentences == 0 || s.Syllables < s.Words) {
			t.Fatalf("words without sentences or syllables: %+v", s)
		}
		for _, v := range []float64{s.FKGrade, s.FleschEase, s.SMOG} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("non-finite score in %+v", s)
			}
		}
	})
}
