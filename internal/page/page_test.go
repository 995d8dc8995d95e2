package page

import (
	"strings"
	"testing"
)

var wordCases = []string{
	"", " ", "one", " two  words ", "tab\tnew\nline\rcr\vvt\fff",
	"non\u00a0breaking and\u2003em\u3000ideographic\u0085nel",
	"ünïcödé wörds — and dashes…", "bad \xff utf8 \xe2\x82 cut",
}

// TestWordsMatchesFields holds Words to the definition it replaces.
func TestWordsMatchesFields(t *testing.T) {
	for _, s := range wordCases {
		if got, want := wordsOf(s), len(strings.Fields(s)); got != want {
			t.Errorf("Words of %q = %d, want %d", s, got, want)
		}
	}
}

func FuzzWords(f *testing.F) {
	for _, s := range wordCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := wordsOf(s), len(strings.Fields(s)); got != want {
			t.Fatalf("Words of %q = %d, want %d", s, got, want)
		}
	})
}

func wordsOf(s string) int {
	p := &Page{}
	p.SetText(Text{Plain: s})
	n, err := p.Words()
	if err != nil {
		panic(err)
	}
	return n
}
