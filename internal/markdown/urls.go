package markdown

import (
	"strings"
)

// urlScheme returns the lower-case scheme of dest the way a browser sees
// it: leading spaces and control characters are ignored and tabs and
// newlines inside are removed. It returns "" for relative URLs.
func urlScheme(dest string) string {
	s := strings.TrimLeftFunc(dest, func(r rune) bool { return r <= ' ' })
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, s)
	i := strings.IndexByte(s, ':')
	if i <= 0 {
		return ""
	}
	for j, c := range s[:i] {
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !letter && (j == 0 || !(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return ""
		}
	}
	return strings.ToLower(s[:i])
}

// blockedURL reports why dest must not become a link or image source, or
// "" when it is allowed.
func blockedURL(dest string, allowData bool) string {
	switch urlScheme(dest) {
	case "javascript", "vbscript":
		return urlScheme(dest) + ": URLs are never allowed"
	case "data":
		if allowData && isDataImage(dest) {
			return ""
		}
		if allowData {
			return "only data:image/ URLs are allowed"
		}
		return "data: URLs are not allowed (see the AllowDataURLs option)"
	}
	return ""
}

func isDataImage(dest string) bool {
	s := strings.ToLower(strings.TrimSpace(dest))
	return strings.HasPrefix(s, "data:image/")
}

// isExternal reports whether dest leaves the site: absolute http(s) URLs
// and protocol-relative ones.
func isExternal(dest string) bool {
	switch urlScheme(dest) {
	case "http", "https":
		return true
	case "":
		return strings.HasPrefix(strings.TrimSpace(dest), "//")
	}
	return false
}
