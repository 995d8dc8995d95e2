package markdown

import (
	"encoding/binary"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// checkControlChars reports, once a line, a control character in the
// page's text, which HTML forbids (the Nu Html Checker's "Forbidden code
// point") and browsers show as nothing or a box: a C1 control (U+0080 to
// U+009F), a C0 control other than tab, line feed, form feed and carriage
// return, or DEL. A C1 control is nearly always a Windows-1252 character
// that an editor or a conversion garbled: HealthCare.gov's 2013 Markdown
// had "you'll" with a U+0092 (Windows-1252's ’) after the apostrophe, and
// "theyÂll" where the ’ had been converted twice; the hint names the
// character it stood for. A vertical tab is Word's line break (Shift+Enter)
// pasted; the others come from copying out of PDFs and terminals. The page
// is still built as written. In UTF-8 a C1 control is the two bytes C2 80
// to C2 9F, so only bytes below 0x20, 0x7F and 0xC2 are looked at closely.
//
// Eight bytes are looked at in one step (controlWord), and only the bytes
// of a word it flags one by one (controlStart): a page has a line feed in
// about one word in ten and little else to look at closely.
// BenchmarkControlChar, a 7,000-byte article, 6 runs each in one session: 5.9
// µs byte by byte, 3.0 µs a word at a time.
func (p *page) checkControlChars() {
	src := p.src
	lastLine := 0
	for at := 0; at < len(src); at++ {
		if at+8 <= len(src) && !controlWord(binary.LittleEndian.Uint64(src[at:])) {
			at += 7
			continue
		}
		c := src[at]
		if !controlStart[c] {
			continue
		}
		r, start := rune(c), at
		if c == 0xC2 {
			var size int
			r, size = utf8.DecodeRune(src[at:])
			if r < 0x80 || r > 0x9F {
				continue
			}
			at += size - 1
		}
		line, col := p.lineCol(start)
		if line == lastLine {
			continue
		}
		lastLine = line
		p.diags = append(p.diags, Diagnostic{File: p.ctx.File, Line: line, Col: col, Severity: SeverityWarning, Check: RuleControlChar,
			Message: fmt.Sprintf("control character U+%04X in the text: HTML forbids it and browsers show nothing or a box in its place", r),
			Hint:    controlHint(r)})
	}
}

// controlHint is the control-char rule's fix for the control character r:
// the Windows-1252 character a C1 control stood for.
func controlHint(r rune) string {
	switch {
	case r == 0x0B:
		return "write a line break or a space instead: a vertical tab is what Word's line break (Shift+Enter) becomes when pasted"
	case r >= 0x80:
		if w := charmap.Windows1252.DecodeByte(byte(r)); w != utf8.RuneError && w != r {
			return fmt.Sprintf("write the character it stands for, %c (Windows-1252's %#x), or delete it where the text has that character beside it already", w, r)
		}
		return fmt.Sprintf("delete it: it is no letter or sign (Windows-1252, from which it usually comes, has none at %#x)", r)
	}
	return "delete it: it is no letter or sign"
}

// FrontMatterControlChar is the control-char rule's warning for a control
// character r in the front matter value key ("title", "references:
// title") starting at line and col of file (col 0: not known), which
// package frontmatter finds (a writer's title pasted from Word is as
// garbled as the body's text, and shows in the page's heading, its tab,
// search results and feeds). Written as a YAML escape ("\x92"), the
// character is just as forbidden once read.
func FrontMatterControlChar(file string, line, col int, key string, r rune) Diagnostic {
	hint := controlHint(r)
	if r == 0x0B {
		hint = "write a space instead: a vertical tab is what Word's line break (Shift+Enter) becomes when pasted"
	}
	return Diagnostic{File: file, Line: line, Col: col, Severity: SeverityWarning, Check: RuleControlChar,
		Message: fmt.Sprintf("control character U+%04X in %s: HTML forbids it and browsers show nothing or a box in its place", r, key),
		Hint:    hint}
}

// controlStart holds the bytes checkControlChars looks at closely: C0
// controls other than tab, line feed, form feed and carriage return, DEL,
// and 0xC2, the first byte of a C1 control in UTF-8.
var controlStart = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = c != '\t' && c != '\n' && c != '\f' && c != '\r'
	}
	t[0x7F], t[0xC2] = true, true
	return t
}()

// controlWord reports whether the eight bytes of x may hold a byte below
// 0x20, 0x7F or 0xC2 (a line feed counts: controlStart tells): the
// "has a byte less than n" and "has a zero byte" tests of Sean Anderson's
// Bit Twiddling Hacks, which never miss such a byte.
func controlWord(x uint64) bool {
	const ones, high = 0x0101010101010101, 0x8080808080808080
	del, c2 := x^(ones*0x7F), x^(ones*0xC2)
	return ((x-ones*0x20)&^x|(del-ones)&^del|(c2-ones)&^c2)&high != 0
}
