package glossary

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestFoldASCII holds the ASCII shortcuts of fold and isWord to the
// Unicode definitions they skip.
func TestFoldASCII(t *testing.T) {
	for r := rune(-1); r < utf8.RuneSelf; r++ {
		least := r
		if r >= 0 {
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				least = min(least, f)
			}
		}
		if got := fold(r); got != least {
			t.Errorf("fold(%q) = %q, want %q", r, got, least)
		}
		want := r >= 0 && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r))
		if got := isWord(r); got != want {
			t.Errorf("isWord(%q) = %v, want %v", r, got, want)
		}
	}
}
