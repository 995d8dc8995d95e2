package markdown

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// checkControlChars reports, once a line, a C1 control character
// (U+0080 to U+009F) in the page's text, which HTML forbids (the Nu Html
// Checker's "Forbidden code point") and browsers show as nothing or a
// box. It is nearly always a Windows-1252 character that an editor or a
// conversion garbled: HealthCare.gov's 2013 Markdown had "you'll" with a
// U+0092 (Windows-1252's ’) after the apostrophe, and "theyÂll" where
// the ’ had been converted twice. The page is still built as written;
// the hint names the character it stood for. In UTF-8 each is the two
// bytes C2 80 to C2 9F, so a page without a C2 byte is not searched.
func (p *page) checkControlChars() {
	src := p.src
	lastLine := 0
	for off := 0; ; {
		i := bytes.IndexByte(src[off:], 0xC2)
		if i < 0 {
			return
		}
		at := off + i
		r, size := utf8.DecodeRune(src[at:])
		off = at + max(size, 1)
		if r < 0x80 || r > 0x9F {
			continue
		}
		line, col := p.lineCol(at)
		if line == lastLine {
			continue
		}
		lastLine = line
		hint := fmt.Sprintf("delete it: it is no letter or sign (Windows-1252, from which it usually comes, has none at %#x)", r)
		if w := charmap.Windows1252.DecodeByte(byte(r)); w != utf8.RuneError && w != r {
			hint = fmt.Sprintf("write the character it stands for, %c (Windows-1252's %#x), or delete it where the text has that character beside it already", w, r)
		}
		p.diags = append(p.diags, Diagnostic{File: p.ctx.File, Line: line, Col: col, Severity: SeverityWarning, Check: RuleControlChar,
			Message: fmt.Sprintf("control character U+%04X in the text: HTML forbids it and browsers show nothing or a box in its place", r),
			Hint:    hint})
	}
}
