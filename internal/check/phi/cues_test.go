package phi

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestCuesAreTheirPhrases holds the one-pass gates to what they stand
// for, a search for each phrase, on 50,000 lines made of the phrases'
// pieces and near misses: hasHonorific to "Mr", "Ms", "Miss" or "Mx",
// hasPatientCue to "my/our patient/client", hasAgeCue's year test to
// "year-old" or "year old".
func TestCuesAreTheirPhrases(t *testing.T) {
	t.Parallel()
	pieces := []string{"M", "Mr", "Ms", "Mi", "Mis", "Miss", "Mx", "m", "r", "s", "x", "i", "my", "my ", "our", "our ", "ou", "y ",
		"patient", "patien", "client", "clien", "t", "year", "years", "-", " ", "old", "ol", "d", "a", "é", "(", "1"}
	r := rand.New(rand.NewPCG(5, 6))
	for range 50000 {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		line := b.String()
		lower := []byte(strings.ToLower(line))
		if got, want := hasHonorific(line), strings.Contains(line, "Mr") || strings.Contains(line, "Ms") ||
			strings.Contains(line, "Miss") || strings.Contains(line, "Mx"); got != want {
			t.Errorf("hasHonorific(%q) = %v, want %v", line, got, want)
		}
		if got, want := hasPatientCue(lower), bytes.Contains(lower, []byte("my patient")) || bytes.Contains(lower, []byte("our patient")) ||
			bytes.Contains(lower, []byte("my client")) || bytes.Contains(lower, []byte("our client")); got != want {
			t.Errorf("hasPatientCue(%q) = %v, want %v", lower, got, want)
		}
		// hasAgeCue's other tests pass on none of these lines but those
		// with "ge" or a "(" before a digit: the year test decides the rest.
		if !strings.Contains(line, "ge") && !strings.Contains(line, "(1") {
			if got, want := hasAgeCue(line), strings.Contains(line, "year-old") || strings.Contains(line, "year old"); got != want {
				t.Errorf("hasAgeCue(%q) = %v, want %v", line, got, want)
			}
		}
	}
}
