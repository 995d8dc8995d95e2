package body

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSummaryFallsBackToOpeningText(t *testing.T) {
	if got := autoSummary("Short text.", 200); got != "Short text." {
		t.Errorf("autoSummary(short) = %q", got)
	}
	long := strings.Repeat("word ", 100)
	got := autoSummary(long, 50)
	if len(got) > 50+len("…") || !strings.HasSuffix(got, "word…") {
		t.Errorf("autoSummary(long) = %q", got)
	}
}

// TestSummaryJoinsOnlyWhatItKeeps holds autoSummary, which stops joining
// words once it has more than max bytes, to the summary of the whole text
// joined first (how it was made before, but for where it cuts one long
// word: see the next test), on texts around the boundary.
func TestSummaryJoinsOnlyWhatItKeeps(t *testing.T) {
	whole := func(plain string, max int) string {
		text := strings.Join(strings.Fields(plain), " ")
		if len(text) <= max {
			return text
		}
		cut := strings.LastIndexByte(text[:max], ' ')
		if cut <= 0 {
			cut = max
			for cut > 0 && !utf8.RuneStart(text[cut]) { // see TestSummaryCutsOneLongWordBetweenCharacters
				cut--
			}
		}
		return strings.TrimRight(text[:cut], ",;:") + "…"
	}
	texts := []string{
		"",
		"   \n\t ",
		"Asthma is a common lung condition that causes occasional breathing difficulties.",
		"  Asthma,\n\nis   a\tcommon lung; condition: that causes occasional breathing difficulties.  ",
		strings.Repeat("inhaler, ", 40),
		strings.Repeat("é ", 60),
	}
	for _, plain := range texts {
		for max := 1; max <= len(plain)+2; max++ {
			want := whole(plain, max)
			if got := autoSummary(plain, max); got != want {
				t.Fatalf("autoSummary(%q, %d) = %q, joining the whole text gives %q", plain, max, got, want)
			}
		}
	}
}

// TestSummaryCutsOneLongWordBetweenCharacters: a first word longer than
// max is cut, never inside a character's UTF-8 bytes.
func TestSummaryCutsOneLongWordBetweenCharacters(t *testing.T) {
	got := autoSummary("ééééé more", 5) // é is two bytes: byte 5 is inside the third
	if got != "éé…" {
		t.Errorf("autoSummary = %q, want %q", got, "éé…")
	}
	if !utf8.ValidString(got) {
		t.Errorf("autoSummary = %q: not valid UTF-8", got)
	}
}
