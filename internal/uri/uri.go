// Package uri writes an address as an RFC 3986 URI, for the outputs that
// need one (feeds, the sitemap): a page's address is kept as its writer's
// file and folder names make it, with spaces or accents in it, and HTML
// links are encoded by html/template, but a URL in XML or JSON is written
// as it is held.
package uri

import (
	"net/url"
	"strings"

	"golang.org/x/net/idna"
)

// URI returns the URI form of an IRI such as a page URL with an accented
// path (https://example.org/es/tags/azúcar/ becomes
// https://example.org/es/tags/az%C3%BAcar/): every byte that RFC 3986 does
// not allow literally is percent-encoded as UTF-8, valid %XX escapes and
// reserved characters are kept, and an internationalised host is written
// in its ASCII (Punycode) form. RSS 2.0 requires URIs, JSON Feed's URLs
// are format "uri", Atom consumers are not all IRI-aware (package feed
// passes every URL it carries through URI), and a sitemap's <loc> must be
// a URI (RFC 3986) as well. An ASCII URI is returned as is.
func URI(s string) string {
	if u, err := url.Parse(s); err == nil && u.Host != "" {
		host := u.Hostname()
		if ascii, err := idna.Lookup.ToASCII(host); err == nil && ascii != host {
			i := strings.Index(s, host)
			s = s[:i] + ascii + s[i+len(host):]
		}
	}
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) ||
			c > 0x20 && c < 0x7f && c != '%' && strings.IndexByte("\"<>\\^`{|}[]", c) < 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&0xF])
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
