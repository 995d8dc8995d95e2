package feed

import (
	"strings"
	"unicode/utf8"
)

// SanitizeXMLText returns s without the characters XML 1.0 forbids: C0
// control characters other than tab, newline and carriage return, U+FFFE
// and U+FFFF, surrogate code points, and bytes that are not valid UTF-8.
// Everything else, including a genuine U+FFFD, is kept. When s is already
// clean it is returned as is, without allocating.
func SanitizeXMLText(s string) string {
	first := firstForbidden(s)
	if first < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:first])
	for i := first; i < len(s); {
		r, width := utf8.DecodeRuneInString(s[i:])
		if allowedInXML(r, width) {
			b.WriteString(s[i : i+width])
		}
		i += width
	}
	return b.String()
}

// firstForbidden returns the byte offset of the first character of s that
// XML 1.0 forbids, or -1.
func firstForbidden(s string) int {
	for i := 0; i < len(s); {
		// ASCII first: feed items carry whole articles, scanned once per
		// feed and format.
		if c := s[i]; c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return i
			}
			i++
			continue
		}
		r, width := utf8.DecodeRuneInString(s[i:])
		if !allowedInXML(r, width) {
			return i
		}
		i += width
	}
	return -1
}

// allowedInXML reports whether the rune r, decoded from width bytes, is a
// Char in the XML 1.0 grammar. A RuneError of width 1 is an invalid byte.
func allowedInXML(r rune, width int) bool {
	switch {
	case r == utf8.RuneError && width == 1:
		return false
	case r == '\t', r == '\n', r == '\r':
		return true
	case r < 0x20:
		return false
	case r <= 0xD7FF:
		return true
	case r < 0xE000: // surrogates; unreachable from valid UTF-8, kept for clarity
		return false
	case r <= 0xFFFD:
		return true
	case r <= 0xFFFF: // U+FFFE, U+FFFF
		return false
	default:
		return r <= utf8.MaxRune
	}
}
