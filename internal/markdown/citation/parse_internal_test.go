package citation

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// A line of "[@" that never close costs one scan for "]", not one per
// opening: 20,000 of them on one line searched ~1.6 GB before.
func TestUnclosedCitationsScanLinear(t *testing.T) {
	t.Parallel()
	md := goldmark.New(goldmark.WithExtensions(New()))
	for name, src := range map[string]string{
		"never closed":      strings.Repeat("[@gina2024 ", 20000),
		"closed at the end": strings.Repeat("[@gina2024 ", 20000) + "[@gina2024]",
		"many closed":       strings.Repeat("[@gina2024] and ", 20000),
	} {
		pc := parser.NewContext()
		md.Parser().Parse(text.NewReader([]byte(src)), parser.WithContext(pc))
		c, _ := pc.Get(bracketKey).(*bracketSearch)
		if c == nil {
			t.Fatalf("%s: no search recorded", name)
		}
		if c.scanned > 2*len(src) {
			t.Errorf("%s: scanned %d bytes for a %d-byte line", name, c.scanned, len(src))
		}
	}
	// Still renders the same: the closed one at the end is a citation.
	var buf bytes.Buffer
	if err := md.Convert([]byte("[@a [@b] x"), &buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "[@a ") {
		t.Errorf("unclosed text lost: %s", buf.String())
	}
}
