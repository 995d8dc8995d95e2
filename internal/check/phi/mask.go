package phi

import (
	"strings"
	"unicode"
)

// maskTail replaces every letter and digit with '*' except the last keep
// of them; separators and spaces stay so the shape remains recognisable.
func maskTail(s string, keep int) string {
	total := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			total++
		}
	}
	var b strings.Builder
	seen := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			seen++
			if seen <= total-keep {
				b.WriteByte('*')
				continue
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// maskAll hides every letter and digit.
func maskAll(s string) string { return maskTail(s, 0) }

// maskEmail keeps the first character of the local part and the domain:
// "jane.doe@gmail.com" becomes "j***@gmail.com".
func maskEmail(s string) string {
	at := strings.LastIndexByte(s, '@')
	if at <= 0 {
		return maskAll(s)
	}
	first := []rune(s[:at])[0]
	return string(first) + "***" + s[at:]
}
