package markdown

import (
	"strings"
	"testing"
)

// The control-char rule looks at eight bytes at a time (controlWord) and
// must find what a byte-by-byte scan finds: every byte value, and every
// C1 control, at every offset within and across words, near the end of
// the page too (its last bytes are fewer than a word), beside the letters
// that share a byte with a control (Â, U+00C2) and a line feed.
func TestControlCharsFoundAtEveryOffset(t *testing.T) {
	t.Parallel()
	var chars []string
	for b := range 0x80 {
		chars = append(chars, string(rune(b)))
	}
	for r := rune(0x80); r <= 0xFF; r++ {
		chars = append(chars, string(r)) // C1 controls (C2 80 to C2 9F), Â, é…
	}
	for _, ch := range chars {
		for before := range 18 {
			for _, after := range []string{"", "x", "Âge\nsecond line", strings.Repeat("y", 17)} {
				src := strings.Repeat("a", before) + ch + after
				p := newPage([]byte(src), Context{}, false)
				p.checkControlChars()
				want := byteByByte([]byte(src))
				var got []int
				for _, d := range p.diags {
					got = append(got, d.Col)
				}
				if len(got) != len(want) || len(got) == 1 && got[0] != want[0] {
					t.Errorf("%q: columns %v, a byte-by-byte scan finds %v", src, got, want)
				}
			}
		}
	}
}

// byteByByte is the control-char rule's first form, which looked at every
// byte: the columns of the controls on the page's first line (the pages
// of the test have one control at most).
func byteByByte(src []byte) []int {
	var cols []int
	runes := 0
	for at := 0; at < len(src) && src[at] != '\n'; at++ {
		c := src[at]
		if c&0xC0 != 0x80 {
			runes++
		}
		if c >= 0x20 && c != 0x7F && c != 0xC2 || c == '\t' || c == '\f' || c == '\r' {
			continue
		}
		if c == 0xC2 && (at+1 >= len(src) || src[at+1] < 0x80 || src[at+1] > 0x9F) {
			continue
		}
		cols = append(cols, runes)
	}
	return cols
}
