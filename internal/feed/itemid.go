package feed

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/idna"
)

// ItemID returns the permanent ID of a feed item as a tag URI (RFC 4151):
//
//	ItemID("https://health.example.org/", 2024-03-04, "/conditions/asthma/")
//	  == "tag:health.example.org,2024-03-04:/conditions/asthma/"
//
// The tagging authority is the host of baseURL (lower-cased, port dropped,
// internationalised names in their ASCII form; a bare host without scheme is
// accepted). The date is published's calendar date in UTC. permanentID is
// the page's front matter id or, failing that, its FIRST permalink path —
// when aliases record a move the caller passes the oldest one. Characters a
// tag URI does not allow are percent-encoded; valid %XX escapes are kept.
//
// The result depends on nothing else, so it never changes when a title,
// slug or URL changes. Changing the site's host or the publication date does
// change it; callers that move domains should keep passing the old baseURL.
func ItemID(baseURL string, published time.Time, permanentID string) string {
	var b strings.Builder
	b.WriteString("tag:")
	b.WriteString(taggingAuthority(baseURL))
	b.WriteByte(',')
	b.WriteString(published.UTC().Format(time.DateOnly))
	b.WriteByte(':')
	writeTagSpecific(&b, permanentID)
	return b.String()
}

// taggingAuthority extracts the DNS name of baseURL for a tag URI.
func taggingAuthority(baseURL string) string {
	baseURL = strings.TrimSpace(baseURL)
	u, err := url.Parse(baseURL)
	if err != nil || u.Host == "" {
		u, err = url.Parse("//" + baseURL)
		if err != nil {
			return strings.ToLower(baseURL)
		}
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if ascii, err := idna.Lookup.ToASCII(host); err == nil {
		return ascii
	}
	return host
}

// writeTagSpecific writes s as the "specific" part of a tag URI:
// *( pchar / "/" / "?" ), percent-encoding every other byte.
func writeTagSpecific(b *strings.Builder, s string) {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case allowedInTagSpecific(c):
			b.WriteByte(c)
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteString(s[i : i+3])
			i += 2
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&0xF])
		}
	}
}

// allowedInTagSpecific reports whether c may appear literally in the
// specific part of a tag URI: unreserved, sub-delims, ":", "@", "/", "?".
func allowedInTagSpecific(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~!$&'()*+,;=:@/?", c) >= 0
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// ParseIDBase checks and normalises the id_base setting: the fixed
// "tag:AUTHORITY,DATE:" prefix of every derived item id. It accepts the
// full prefix or its middle ("health.example.org,2024"); DATE is YYYY,
// YYYY-MM or YYYY-MM-DD, a day on which the site owned AUTHORITY (RFC 4151).
// Because the date is the site's, not each article's, a corrected article
// date no longer changes an id; because the host is written here, a move to
// another domain keeps every id when id_base keeps the old host.
func ParseIDBase(s string) (string, error) {
	body := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(s), "tag:"), ":")
	authority, date, ok := strings.Cut(body, ",")
	if !ok || authority == "" || strings.ContainsAny(authority, "/:?#[]@ ") {
		return "", fmt.Errorf("id_base %q is not tag:HOST,DATE: (such as tag:health.example.org,2024:)", s)
	}
	okDate := false
	for _, layout := range []string{"2006", "2006-01", "2006-01-02"} {
		if _, err := time.Parse(layout, date); err == nil && len(date) == len(layout) {
			okDate = true
		}
	}
	if !okDate {
		return "", fmt.Errorf("id_base %q: the date %q is not YYYY, YYYY-MM or YYYY-MM-DD", s, date)
	}
	return "tag:" + taggingAuthority(authority) + "," + date + ":", nil
}

// BaseID returns the derived id of an item under an id_base prefix (from
// ParseIDBase): the prefix followed by permanentID, percent-encoded as in
// ItemID. It depends on nothing but its two arguments.
func BaseID(idBase, permanentID string) string {
	var b strings.Builder
	b.WriteString(idBase)
	writeTagSpecific(&b, strings.TrimPrefix(permanentID, "/"))
	return b.String()
}

// IsFullID reports whether a front matter id is a complete URI (a tag:,
// urn: or http(s): identifier, as `medkb fix ids` and `medkb new article`
// write), which is used verbatim as the item id, rather than a short name
// that is combined with the site's id base.
func IsFullID(id string) bool {
	scheme, rest, ok := strings.Cut(id, ":")
	if !ok || rest == "" || len(scheme) < 2 || strings.ContainsAny(id, " \t\n") {
		return false
	}
	for i, c := range scheme {
		letter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if !letter && (i == 0 || !('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	_, err := url.Parse(id)
	return err == nil
}
