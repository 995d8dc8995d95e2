package markdown

import (
	"bytes"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// closeCitationGapsByByte is closeCitationGaps as it was written first, a
// byte at a time: the definition the run-at-a-time version keeps.
func closeCitationGapsByByte(s []byte) []byte {
	if bytes.IndexByte(s, citeMark) < 0 {
		return s
	}
	out := s[:0]
	for i := 0; i < len(s); i++ {
		if s[i] != citeMark {
			out = append(out, s[i])
			continue
		}
		j := i + 1
		for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == citeMark) {
			j++
		}
		r, _ := utf8.DecodeRune(s[j:])
		if j == len(s) || r == '\n' || unicode.IsPunct(r) && !strings.ContainsRune("([{¿¡\"'“‘«", r) {
			for len(out) > 0 && (out[len(out)-1] == ' ' || out[len(out)-1] == '\t') {
				out = out[:len(out)-1]
			}
			i = j - 1
		}
	}
	return out
}

var citeGapSeeds = []string{
	"", "no marks at all", "\x00", "stroke \x00.", "stroke \x00 and more", "a \x00\x00 \x00, b",
	"x \x00\n y", "end \x00", "\x00 start", "open \x00 (paren", "quote \x00 «q»", "tab\t\x00\t; z",
	"a \x00 b \x00. c \x00\x00", "é \x00… ü", "\x00\x00\x00", "  \x00  \x00  ", "bad \xff\x00\xfe.",
}

// TestCloseCitationGapsMatchesByteLoop: moving the text between marks a
// run at a time removes what the byte-at-a-time loop removed.
func TestCloseCitationGapsMatchesByteLoop(t *testing.T) {
	for _, s := range citeGapSeeds {
		got := string(closeCitationGaps([]byte(s)))
		want := string(closeCitationGapsByByte([]byte(s)))
		if got != want {
			t.Errorf("closeCitationGaps(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzCloseCitationGaps(f *testing.F) {
	for _, s := range citeGapSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := string(closeCitationGaps([]byte(s)))
		want := string(closeCitationGapsByByte([]byte(s)))
		if got != want {
			t.Fatalf("closeCitationGaps(%q) = %q, want %q", s, got, want)
		}
	})
}
