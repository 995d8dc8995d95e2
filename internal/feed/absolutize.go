package feed

import (
	"bytes"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// writeAbsolutizedAttrs writes the tag name with attrs, its URL attributes
// made absolute, and returns true, or writes nothing and returns false
// when no attribute changed. attrs is not modified.
func writeAbsolutizedAttrs(out *bytes.Buffer, name string, attrs []html.Attribute, selfClosing bool, base *url.URL) bool {
	var changed []html.Attribute // a copy of attrs from the first change
	for i, a := range attrs {
		if v, ok := absolutizeAttr(base, a.Key, a.Val); ok {
			if changed == nil {
				changed = slices.Clone(attrs)
			}
			changed[i].Val = v
		}
	}
	if changed == nil {
		return false
	}
	out.WriteByte('<')
	out.WriteString(name)
	for _, a := range changed {
		out.WriteByte(' ')
		out.WriteString(a.Key)
		out.WriteString(`="`)
		out.WriteString(html.EscapeString(a.Val))
		out.WriteByte('"')
	}
	if selfClosing {
		out.WriteByte('/')
	}
	out.WriteByte('>')
	return true
}

// absolutizeAttr returns the absolute value of a URL-bearing attribute and
// whether it differs from val.
func absolutizeAttr(base *url.URL, key, val string) (string, bool) {
	var abs string
	switch key {
	case "href", "src", "poster":
		abs = absoluteURL(base, val)
	case "srcset":
		abs = absoluteSrcset(base, val)
	default:
		return val, false
	}
	return abs, abs != val
}

// absoluteURL resolves the reference ref against base, leaving references
// that are empty, protocol-relative, unparsable or already carry a scheme
// exactly as they are.
func absoluteURL(base *url.URL, ref string) string {
	trimmed := strings.TrimSpace(ref)
	if trimmed == "" || strings.HasPrefix(trimmed, "//") {
		return ref
	}
	u, err := url.Parse(trimmed)
	if err != nil || u.Scheme != "" {
		return ref
	}
	return base.ResolveReference(u).String()
}

// absoluteSrcset resolves every image candidate URL of a srcset attribute,
// following the HTML parsing rules: a URL runs to the next whitespace (so
// data: URLs keep their commas), trailing commas end a candidate, and
// descriptors run to the next comma outside parentheses. When no URL
// changes, s is returned unchanged.
func absoluteSrcset(base *url.URL, s string) string {
	var b strings.Builder
	changed := false
	rest := s
	for {
		rest = strings.TrimLeft(rest, " \t\n\r\f,")
		if rest == "" {
			break
		}
		end := strings.IndexAny(rest, " \t\n\r\f")
		if end < 0 {
			end = len(rest)
		}
		ref, descriptor := rest[:end], ""
		rest = rest[end:]
		if strings.HasSuffix(ref, ",") {
			ref = strings.TrimRight(ref, ",")
		} else {
			n := descriptorsEnd(rest)
			descriptor, rest = strings.TrimSpace(rest[:n]), rest[n:]
		}
		abs := absoluteURL(base, ref)
		changed = changed || abs != ref
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(abs)
		if descriptor != "" {
			b.WriteByte(' ')
			b.WriteString(descriptor)
		}
	}
	if !changed {
		return s
	}
	return b.String()
}

// descriptorsEnd returns the index of the first comma in s that is not
// inside parentheses, or len(s).
func descriptorsEnd(s string) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
			}
		case ',':
			if depth == 0 {
				return i
			}
		}
	}
	return len(s)
}

// parseAbsolute parses s and requires a scheme and a host.
func parseAbsolute(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil {
		return nil, err
	}
	if u.Scheme == "" || u.Host == "" {
		return nil, fmt.Errorf("%q is not an absolute URL", s)
	}
	return u, nil
}
