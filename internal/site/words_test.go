package site

import (
	"strings"
	"testing"
)

var wordCases = []string{
	"", " ", "one", " two  words ", "tab\tnew\nline\rcr\vvt\fff",
	"non\u00a0breaking and\u2003em\u3000ideographic\u0085nel",
	"ünïcödé wörds — and dashes…", "bad \xff utf8 \xe2\x82 cut",
}

// TestWordCountMatchesFields holds wordCount to the definition it replaces.
func TestWordCountMatchesFields(t *testing.T) {
	for _, s := range wordCases {
		if got, want := wordCount(s), len(strings.Fields(s)); got != want {
			t.Errorf("wordCount(%q) = %d, want %d", s, got, want)
		}
	}
}

func FuzzWordCount(f *testing.F) {
	for _, s := range wordCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := wordCount(s), len(strings.Fields(s)); got != want {
			t.Fatalf("wordCount(%q) = %d, want %d", s, got, want)
		}
	})
}
