package render

import "strings"

// html/template's escaping, for the markup this package writes in Go
// (metatags.go, lists.go): each function writes a plain string as
// html/template writes it in one context of the default theme, and
// TestEscapersMatchHTMLTemplate holds each to html/template's own output
// on hostile values. Only what html/template does to a plain string is
// here; typed values (template.HTML, template.URL) never reach it.

// textEscapes is html/template's escaping of a plain string in HTML text
// or in a quoted attribute value (its htmlReplacementTable), by byte: NUL
// and the five HTML specials, and '+', which it escapes against UTF-7
// sniffing; "" for a byte written as it is.
var textEscapes = [256]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

// writeText writes s as html/template writes {{ . }} in HTML text or in a
// quoted attribute value: a run of unchanged bytes at a time (a
// strings.Replacer did the same through an io.Writer, a call per run).
func writeText(b *strings.Builder, s string) {
	run := 0 // s[run:i] is written as it is
	for i := 0; i < len(s); i++ {
		if e := textEscapes[s[i]]; e != "" {
			b.WriteString(s[run:i])
			b.WriteString(e)
			run = i + 1
		}
	}
	b.WriteString(s[run:])
}

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
// html/template's processURLOnto followed by its attribute escaper in one pass:
// the percent-encoding leaves only '&' and '+' for the attribute escaper.
// Bytes that pass unchanged are written a run at a time (share links
// are long, and written on every article page).
func writeURL(b *strings.Builder, s string, norm bool) {
	const hex = "0123456789abcdef"
	class := &urlClasses[0]
	if norm {
		class = &urlClasses[1]
	}
	run := 0 // s[run:i] passes unchanged
	for i := 0; i < len(s); i++ {
		c := s[i]
		k := class[c]
		if k == urlKeep || k == urlPercent && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			// A valid escape is kept when normalizing (html/template
			// checks i+2 < len(s): one that ends the string is encoded).
			continue
		}
		b.WriteString(s[run:i])
		run = i + 1
		switch k {
		case urlAmp:
			b.WriteString("&amp;")
		case urlPlus:
			b.WriteString("&#43;")
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	b.WriteString(s[run:])
}

// What writeURL does with a byte (urlClasses).
const (
	urlEncode  = iota // percent-encoded
	urlKeep           // written as it is
	urlAmp            // kept, then attribute-escaped: &amp;
	urlPlus           // kept, then attribute-escaped: &#43;
	urlPercent        // kept when it starts a valid escape, else encoded
)

// urlClasses are writeURL's classes of each byte: [0] in a query or
// fragment, [1] when normalizing.
var urlClasses = func() (t [2][256]uint8) {
	for norm := range 2 {
		for c := range 256 {
			k := uint8(urlEncode)
			switch c {
			case '!', '#', '$', '*', ',', '/', ':', ';', '=', '?', '@', '[', ']':
				if norm == 1 {
					k = urlKeep
				}
			case '&':
				if norm == 1 {
					k = urlAmp
				}
			case '+':
				if norm == 1 {
					k = urlPlus
				}
			case '%':
				if norm == 1 {
					k = urlPercent
				}
			case '-', '.', '_', '~':
				k = urlKeep
			default:
				if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
					k = urlKeep
				}
			}
			t[norm][c] = k
		}
	}
	return t
}()

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
