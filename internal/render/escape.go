package render

import "strings"

// html/template's escaping, for the markup this package writes in Go
// (metatags.go, lists.go): each function writes a plain string as
// html/template writes it in one context of the default theme, and
// TestEscapersMatchHTMLTemplate holds each to html/template's own output
// on hostile values. Only what html/template does to a plain string is
// here; typed values (template.HTML, template.URL) never reach it.

// attrEscaper is html/template's escaping of a plain string in HTML text
// or in a quoted attribute value (its htmlReplacementTable): NUL and the
// five HTML specials, and '+', which it escapes against UTF-7 sniffing.
var attrEscaper = strings.NewReplacer(
	"\x00", "\uFFFD",
	`"`, "&#34;",
	"&", "&amp;",
	"'", "&#39;",
	"+", "&#43;",
	"<", "&lt;",
	">", "&gt;",
)

// writeText writes s as html/template writes {{ . }} in HTML text or in a
// quoted attribute value.
func writeText(b *strings.Builder, s string) { attrEscaper.WriteString(b, s) }

// writeHref writes s as html/template writes a whole quoted href value,
// href="{{ . }}": filtered (a scheme other than http, https or mailto
// becomes "#ZgotmplZ"), normalized and attribute-escaped.
func writeHref(b *strings.Builder, s string) {
	if !safeURL(s) {
		s = "#ZgotmplZ"
	}
	writeURL(b, s, true)
}

// safeURL is html/template's isSafeURL.
func safeURL(s string) bool {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") {
		return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
	}
	return true
}

// writeURL writes s as html/template writes a value inside a quoted URL
// attribute after its start: normalized (norm: where the value continues
// a path, as href="/tags/{{ . }}/") or fully percent-encoded (!norm: in
// a query or fragment, as href="#{{ . }}"), then attribute-escaped. It is
// html/template's processURLOnto followed by its attrEscaper in one pass:
// the percent-encoding leaves only '&' and '+' for the attribute escaper.
func writeURL(b *strings.Builder, s string, norm bool) {
	const hex = "0123456789abcdef"
	for i := 0; i < len(s); i++ {
		c := s[i]
		var keep bool
		switch c {
		case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']':
			keep = norm
		case '-', '.', '_', '~':
			keep = true
		case '%':
			// A valid escape is kept when normalizing (html/template
			// checks i+2 < len(s): one that ends the string is encoded).
			keep = norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])
		default:
			keep = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		}
		switch {
		case !keep:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		case c == '&':
			b.WriteString("&amp;")
		case c == '+':
			b.WriteString("&#43;")
		default:
			b.WriteByte(c)
		}
	}
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
