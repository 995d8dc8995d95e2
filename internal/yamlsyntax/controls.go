package yamlsyntax

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/encoding/charmap"
)

// IsControl reports whether r is a control character HTML forbids in
// text (the Nu Html Checker's "Forbidden code point"), as package
// markdown's control-char rule has it for a page's body: a C0 control
// other than tab, line feed, form feed and carriage return, DEL, or a C1
// control (U+0080 to U+009F), nearly always a Windows-1252 character
// garbled (U+0092 for ’).
func IsControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\f' && r != '\r' || r >= 0x7F && r <= 0x9F
}

// Raw in YAML, every control character but tab, line feed and carriage
// return is refused by yaml.v3 with "control characters are not
// allowed" and no line, and the whole file is lost to one pasted
// apostrophe; U+0085, which it lets through, it reads as a line break,
// so Windows-1252's … became a new line. HideControls writes each such
// character c as U+E000+c, a private-use character YAML reads as any
// letter (one character for one, so every line and column stays), and
// ShowControls puts it back in the parsed values, where FindControls
// finds it, to be reported at its value. Source that holds a private-use
// character of that range already is left as it is (and fails as
// before: Explain then names the control character's line and column).
const hiddenBase = 0xE000

// HideControls returns src with the control characters yaml.v3 refuses
// or misreads hidden, and whether it hid any (src itself when not).
func HideControls(src []byte) ([]byte, bool) {
	at := bytes.IndexFunc(src, func(r rune) bool { return yamlRefuses(r) || isHidden(r) })
	if at < 0 {
		return src, false
	}
	out := make([]byte, 0, len(src)+16)
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case isHidden(r):
			return src, false
		case yamlRefuses(r):
			out = utf8.AppendRune(out, hiddenBase+r)
		default:
			out = append(out, src[i:i+size]...)
		}
		i += size
	}
	return out, true
}

// yamlRefuses reports whether yaml.v3 refuses r written raw, or
// (U+0085) reads it as a line break.
func yamlRefuses(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0x7F && r <= 0x9F
}

func isHidden(r rune) bool { return r >= hiddenBase && r <= hiddenBase+0x9F }

// ShowControls puts back the characters HideControls hid in every
// scalar of n (keys too).
func ShowControls(n *yaml.Node) {
	if n.Kind == yaml.ScalarNode && strings.ContainsFunc(n.Value, isHidden) {
		n.Value = strings.Map(func(r rune) rune {
			if isHidden(r) {
				return r - hiddenBase
			}
			return r
		}, n.Value)
	}
	for _, c := range n.Content {
		ShowControls(c)
	}
}

// Control is a control character in a value that starts at Line and Col
// (Col 0: not known); Key names the value: its top-level key and, for a
// nested value, the innermost key above it ("references: title"); empty
// for an item of a top-level list without one; "a key" for a key.
type Control struct {
	Line, Col int
	Key       string
	Rune      rune
}

// FindControls returns the control characters (IsControl) in the values
// of n, once a value, top-level and nested, at each value's line and
// column (offset is added to the lines), written raw (read back by
// ShowControls) or as a YAML escape ("\x92"). A key holding one is
// reported at the key.
func FindControls(n *yaml.Node, offset int) []Control {
	var out []Control
	var walk func(n *yaml.Node, top, inner string)
	walk = func(n *yaml.Node, top, inner string) {
		switch n.Kind {
		case yaml.ScalarNode:
			if i := strings.IndexFunc(n.Value, IsControl); i >= 0 {
				r, _ := utf8.DecodeRuneInString(n.Value[i:])
				key := top
				if inner != "" && inner != top {
					key = top + ": " + inner
				}
				out = append(out, Control{Line: offset + n.Line, Col: n.Column, Key: key, Rune: r})
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if i := strings.IndexFunc(k.Value, IsControl); i >= 0 {
					r, _ := utf8.DecodeRuneInString(k.Value[i:])
					out = append(out, Control{Line: offset + k.Line, Col: k.Column, Key: "a key", Rune: r})
				}
				if top == "" {
					walk(v, k.Value, "")
				} else {
					walk(v, top, k.Value)
				}
			}
		case yaml.AliasNode: // its target is walked where it is
		default: // documents, sequences
			for _, c := range n.Content {
				walk(c, top, inner)
			}
		}
	}
	walk(n, "", "")
	return out
}

// StoodFor is the Windows-1252 character a C1 control r most likely
// stood for (U+0092: ’), the text an editor or a conversion garbled; ok
// is false for any other control, and for the five C1 controls
// Windows-1252 has no character at.
func StoodFor(r rune) (rune, bool) {
	if r < 0x80 || r > 0x9F {
		return 0, false
	}
	w := charmap.Windows1252.DecodeByte(byte(r))
	return w, w != utf8.RuneError && w != r
}

// Problem is the error of a control character in a value of a file medkb
// reads as configuration or data (medkb.yaml, data/*.yaml), whose values
// reach every page that shows them: HTML forbids it, so it is refused
// there, with the character it most likely stood for.
func (c Control) Problem() Problem {
	in := "a value"
	if c.Key != "" {
		in = c.Key
	}
	msg := fmt.Sprintf("control character U+%04X in %s: HTML forbids it, and browsers show nothing or a box in its place", c.Rune, in)
	return Problem{Line: c.Line, Col: c.Col, Message: msg, Hint: controlFix(c.Rune)}
}

// controlFix is the edit that removes the control character r.
func controlFix(r rune) string {
	if w, ok := StoodFor(r); ok {
		return fmt.Sprintf("write the character it stands for, %c (Windows-1252's %#x: the text was converted from Windows-1252 wrongly), or delete it where the text has that character beside it already", w, r)
	}
	switch r {
	case 0x0B:
		return "write a space instead: a vertical tab is what Word's line break (Shift+Enter) becomes when pasted"
	case 0x00:
		return "delete it: a NUL is no letter or sign (it comes from copying binary data)"
	}
	return "delete it: it is no letter or sign"
}

// Encoding finds what in src keeps it from being read as UTF-8 text
// (offset is added to its lines), which yaml.v3 reports without a line
// ("invalid leading UTF-8 octet") or reads without a word:
//
//   - a file saved as UTF-16 (a byte order mark FF FE or FE FF, or a NUL
//     byte beside its first character), which Windows editors call
//     "Unicode": medkb reads YAML in UTF-8 only;
//   - a byte that is not UTF-8, at its line and column, with the
//     Windows-1252 character it most likely is (0x92: ’);
//   - a byte order mark (U+FEFF, invisible) after the file's start, where
//     two files were joined or text pasted with it: yaml.v3 reads it as
//     part of the key or value it stands before.
//
// ok is false when src is UTF-8 (a byte order mark at its start, which
// yaml.v3 skips, included).
func Encoding(src []byte, offset int) (p Problem, ok bool) {
	return encoding(src, offset, "YAML files", true)
}

// TextEncoding is Encoding for a content file (front matter and
// Markdown): the same messages for a file saved as UTF-16 and for a byte
// that is not UTF-8, at its line and column, but a byte order mark after
// the start is no problem of its own there (Markdown shows U+FEFF as
// nothing; the front matter's YAML is checked as a YAML file's).
func TextEncoding(src []byte, offset int) (p Problem, ok bool) {
	return encoding(src, offset, "content files", false)
}

// encoding is Encoding and TextEncoding: what names the files medkb
// reads as UTF-8, and bom whether a byte order mark after the start is
// reported.
func encoding(src []byte, offset int, what string, bom bool) (p Problem, ok bool) {
	const fix = "save the file as UTF-8 (in VS Code: click the encoding in the status bar, then Save with Encoding, UTF-8; in Notepad: Save as, Encoding UTF-8)"
	if bytes.HasPrefix(src, []byte{0xFF, 0xFE}) || bytes.HasPrefix(src, []byte{0xFE, 0xFF}) ||
		len(src) >= 2 && (src[0] == 0) != (src[1] == 0) {
		return Problem{Line: offset + 1, Col: 1,
			Message: "the file is saved as UTF-16 (two bytes a character, which Windows editors call Unicode); medkb reads " + what + " as UTF-8",
			Hint:    fix}, true
	}
	body := bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if utf8.Valid(body) && (!bom || !bytes.Contains(body, []byte("\xef\xbb\xbf"))) {
		return Problem{}, false
	}
	line, col := 1, 1
	for i := 0; i < len(body); {
		r, size := utf8.DecodeRune(body[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			msg := fmt.Sprintf("byte %#x is not UTF-8: the file is saved in another encoding", body[i])
			if w := charmap.Windows1252.DecodeByte(body[i]); body[i] >= 0x80 && w != utf8.RuneError && !IsControl(w) {
				msg += fmt.Sprintf(", most likely Windows-1252, in which it is %c", w)
			}
			return Problem{Line: offset + line, Col: col, Message: msg, Hint: fix}, true
		case r == 0xFEFF && bom:
			return Problem{Line: offset + line, Col: col,
				Message: "a byte order mark (U+FEFF, an invisible character that only a file's start may hold) is read as part of the text after it: two files were joined here, or text pasted with it",
				Hint:    "delete it: put the cursor before the first character after it, press Backspace once, and check that nothing visible went"}, true
		case r == '\n':
			line, col = line+1, 0
		}
		col++
		i += size
	}
	return Problem{}, false
}

// control finds the character yaml.v3 refused as a control character
// in src (one HideControls left: beside a private-use character of the
// range it writes, or in a file that does not hide them), at its line
// and column.
func control(src []byte, offset int) (Problem, bool) {
	line, col := 1, 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case yamlRefuses(r) && r != 0x85:
			return Problem{Line: offset + line, Col: col,
				Message: fmt.Sprintf("control character U+%04X: YAML does not allow it, and HTML forbids it", r),
				Hint:    controlFix(r)}, true
		case r == 0xFFFE, r == 0xFFFF:
			return Problem{Line: offset + line, Col: col,
				Message: fmt.Sprintf("character U+%04X, which Unicode reserves as no letter or sign: YAML does not allow it", r),
				Hint:    "delete it: it is no letter or sign"}, true
		case r == '\n':
			line, col = line+1, 0
		}
		col++
		i += size
	}
	return Problem{}, false
}
