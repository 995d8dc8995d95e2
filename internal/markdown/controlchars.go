package markdown

import (
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
func (p *page) checkControlChars() {
	src := p.src
	lastLine := 0
	for at := 0; at < len(src); at++ {
		c := src[at]
		if c >= 0x20 && c != 0x7F && c != 0xC2 || c == '\t' || c == '\n' || c == '\f' || c == '\r' {
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
		hint := "delete it: it is no letter or sign"
		switch {
		case r == 0x0B:
			hint = "write a line break or a space instead: a vertical tab is what Word's line break (Shift+Enter) becomes when pasted"
		case r >= 0x80:
			hint = fmt.Sprintf("delete it: it is no letter or sign (Windows-1252, from which it usually comes, has none at %#x)", r)
			if w := charmap.Windows1252.DecodeByte(byte(r)); w != utf8.RuneError && w != r {
				hint = fmt.Sprintf("write the character it stands for, %c (Windows-1252's %#x), or delete it where the text has that character beside it already", w, r)
			}
		}
		p.diags = append(p.diags, Diagnostic{File: p.ctx.File, Line: line, Col: col, Severity: SeverityWarning, Check: RuleControlChar,
			Message: fmt.Sprintf("control character U+%04X in the text: HTML forbids it and browsers show nothing or a box in its place", r),
			Hint:    hint})
	}
}
