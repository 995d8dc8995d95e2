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
// hasPatientCue to "my/our patient/client", hasAgeCue to "age"/"aged"
// as a word before " " and a digit, "(" before a digit, "year-old" or
// "year old" (ageCueByPhrases).
func TestCuesAreTheirPhrases(t *testing.T) {
	t.Parallel()
	pieces := []string{"M", "Mr", "Ms", "Mi", "Mis", "Miss", "Mx", "m", "r", "s", "x", "i", "my", "my ", "our", "our ", "ou", "y ",
		"patient", "patien", "client", "clien", "t", "year", "years", "-", " ", "old", "ol", "d", "a", "é", "(", "1",
		"age", "Age", "aged", "ge", "g", "e", " 4", "page", "(7", "x"}
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
		if got, want := hasAgeCue(line, hasDigit(line)), ageCueByPhrases(line); got != want {
			t.Errorf("hasAgeCue(%q) = %v, want %v", line, got, want)
		}
	}
}

// ageCueByPhrases is hasAgeCue as it was written before it was told
// whether the line has a digit, with a search for each phrase.
func ageCueByPhrases(line string) bool {
	for i := strings.Index(line, "ge"); i >= 0; {
		if i >= 1 && (line[i-1] == 'a' || line[i-1] == 'A') && (i == 1 || !isLetter(line[i-2])) {
			after := strings.TrimPrefix(line[i+2:], "d")
			if len(after) > 1 && after[0] == ' ' && isDigit(after[1]) {
				return true
			}
		}
		j := strings.Index(line[i+2:], "ge")
		if j < 0 {
			break
		}
		i += 2 + j
	}
	if strings.Contains(line, "year-old") || strings.Contains(line, "year old") {
		return true
	}
	for i := strings.IndexByte(line, '('); i >= 0 && i+1 < len(line); {
		if isDigit(line[i+1]) {
			return true
		}
		j := strings.IndexByte(line[i+1:], '(')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}
