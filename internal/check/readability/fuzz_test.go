package readability

import (
	"math"
	"strings"
	"testing"
)

// FuzzReadability checks that Analyze never panics and that its counts stay
// internally consistent on arbitrary input. Seeds live in
// testdata/fuzz/FuzzReadability.
func FuzzReadability(f *testing.F) {
	f.Add("The cat sat on the mat.")
	f.Fuzz(func(t *testing.T, text string) {
		s := Analyze(text)
		if s.Hardest != "" && Analyze(s.Hardest).FKGrade != s.HardestGrade {
			t.Fatalf("hardest block %q: grade %v, scored alone %v", s.Hardest, s.HardestGrade, Analyze(s.Hardest).FKGrade)
		}
		for block := range strings.SplitSeq(text, "\n") {
			ascii := true
			for i := 0; i < len(block); i++ {
				ascii = ascii && block[i] < 0x80
			}
			if ascii {
				assertSameScan(t, block)
			}
		}
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
