// Package doi reads Digital Object Identifiers as writers give them in a
// reference's doi: field — bare (10.1056/NEJMoa2034577), with a "doi:"
// prefix, or as a resolver address (https://doi.org/10.1056/…) — and
// makes the one address each resolves at. It is a leaf: the citation list
// (package markdown/citation) and the structured data (package page's
// Reference.Link, written by package render) link a DOI the same way.
package doi

import (
	"net/url"
	"regexp"
	"strings"
)

// Normalize strips a "doi:" or resolver prefix and surrounding space.
func Normalize(doi string) string {
	doi = strings.TrimSpace(doi)
	for _, p := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"} {
		if len(doi) >= len(p) && strings.EqualFold(doi[:len(p)], p) {
			return strings.TrimSpace(doi[len(p):])
		}
	}
	return doi
}

// shape is a DOI's: the directory indicator 10, a registrant code of
// digits (with subdivisions after dots), a slash and a suffix.
var shape = regexp.MustCompile(`^10\.[0-9]+(\.[0-9]+)*/.+$`)

// Valid reports whether a normalized DOI has a DOI's shape.
func Valid(doi string) bool { return shape.MatchString(doi) }

// URL returns the resolver address of doi as written (Normalize), or ""
// when it is not shaped as a DOI.
func URL(doi string) string {
	d := Normalize(doi)
	if !Valid(d) {
		return ""
	}
	u := url.URL{Scheme: "https", Host: "doi.org", Path: "/" + d}
	return u.String()
}
