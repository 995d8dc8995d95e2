package markdown

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestUniqueIDs(t *testing.T) {
	t.Parallel()
	s := newIDSet()
	s.take("dose-2") // an id an extension emitted
	var got []string
	for _, base := range []string{"dose", "dose", "dose-1", "dose", "dose", "other", "dose-1"} {
		got = append(got, s.unique(base))
	}
	want := []string{"dose", "dose-1", "dose-1-1", "dose-3", "dose-4", "other", "dose-1-2"}
	if !slices.Equal(got, want) {
		t.Errorf("ids = %q, want %q", got, want)
	}
}

// The work of unique is linear in the number of headings whatever their
// texts: before, N identical headings cost N²/2 probes (8 KB of "## Dose"
// lines took seconds).
func TestUniqueIDsLinearWork(t *testing.T) {
	t.Parallel()
	const n = 20000
	shapes := map[string]func(i int) string{
		"identical":        func(int) string { return "dose" },
		"suffixed-first":   func(i int) string { return fmt.Sprintf("dose-%d", n-i) },
		"alternating":      func(i int) string { return []string{"dose", fmt.Sprintf("dose-%d", i/2+1)}[i%2] },
		"two-bases-nested": func(i int) string { return []string{"dose", "dose-1"}[i%2] },
	}
	for name, base := range shapes {
		s := newIDSet()
		seen := map[string]bool{}
		for i := range n {
			id := s.unique(base(i))
			if seen[id] {
				t.Fatalf("%s: id %q handed out twice", name, id)
			}
			seen[id] = true
		}
		if s.probes > 3*n {
			t.Errorf("%s: %d probes for %d headings, want at most %d", name, s.probes, n, 3*n)
		}
	}
}

// Columns asked in document order along one long line cost the bytes
// between them: before, each position counted the runes from the start of
// its line, so 10,000 citations on one line scanned ~N²/2 bytes.
func TestColumnsLinearWork(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("first line\n")
	const n = 10000
	for range n {
		b.WriteString("é[@x] ")
	}
	src := []byte(b.String())
	p := newPage(src, Context{LineOffset: 5}, false)
	for i := range n {
		off := 11 + i*len("é[@x] ") + len("é")
		line, col := p.lineCol(off)
		if line != 6 || col != i*6+2 {
			t.Fatalf("lineCol(%d) = %d:%d, want 6:%d", off, line, col, i*6+2)
		}
	}
	if p.colWork > len(src) {
		t.Errorf("scanned %d bytes for %d columns on a %d-byte line", p.colWork, n, len(src))
	}
	// Out-of-order positions still come out right.
	if line, col := p.lineCol(3); line != 5 || col != 4 {
		t.Errorf("lineCol(3) = %d:%d, want 5:4", line, col)
	}
	if line, col := p.lineCol(11 + len("é[@x] ")); line != 6 || col != 7 {
		t.Errorf("lineCol back on line 6 = %d:%d, want 6:7", line, col)
	}
}

// slugOfLowered is Slug as first written: the text lowered whole by
// strings.ToLower, then its runes sorted.
func slugOfLowered(s string) string {
	s = strings.ToLower(s)
	var b strings.Builder
	dash := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case unicode.IsSpace(r) || unicode.Is(unicode.Pd, r):
			dash = true
		}
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}

var slugSeeds = []string{
	"", "Dose", "How to use your INHALER", "Ärzte – Über uns", "İstanbul KELVIN K", "ΣΊΣΥΦΟΣ",
	"bad \xff\xfe utf8", "Ⱥ lower is longer", "  --  ", "snake_case and 42 things!", "ǅemal", "\u0130\u0049",
}

// TestSlugLowersAsToLower: lowering each rune as it is read gives the
// slug that lowering the whole text first gave.
func TestSlugLowersAsToLower(t *testing.T) {
	t.Parallel()
	for _, s := range slugSeeds {
		if got, want := Slug(s), slugOfLowered(s); got != want {
			t.Errorf("Slug(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzSlug(f *testing.F) {
	for _, s := range slugSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Slug(s), slugOfLowered(s); got != want {
			t.Fatalf("Slug(%q) = %q, want %q", s, got, want)
		}
	})
}
