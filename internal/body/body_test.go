package body

import (
	"strings"
	"testing"
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
