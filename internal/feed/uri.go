package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// The URI rules of the W3C Feed Validator (github.com/w3c/feedvalidator,
// src/feedvalidator/uri.py and validators.py: rfc2396_full_re, tag_re,
// urn_re), ported to Go so that tests can assert that every feed passes
// them without Python or a network.
var (
	w3cFullURI = regexp.MustCompile(`^[a-zA-Z][0-9a-zA-Z+\-.]*:(//)?[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,#]+$`)
	w3cTag     = regexp.MustCompile(`^tag:([a-z0-9\-._]+?@)?[a-z0-9.\-]+?,\d{4}(-\d{2}(-\d{2})?)?:[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,]*(#[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,]*)?$`)
	w3cURN     = regexp.MustCompile(`^[Uu][Rr][Nn]:[a-zA-Z0-9][a-zA-Z0-9-]{1,31}:([a-zA-Z0-9()+,.:=@;$_!*'\-]|%[0-9A-Fa-f]{2})+$`)
)

// w3cValidURI applies the validator's check for a fully qualified URI.
func w3cValidURI(v string) bool {
	switch strings.ToLower(strings.SplitN(v, ":", 2)[0]) {
	case "tag":
		return w3cTag.MatchString(v)
	case "urn":
		return w3cURN.MatchString(v)
	}
	return w3cFullURI.MatchString(v)
}

// uriElements are the RSS and Atom elements whose text must be a URI;
// uriAttrs the attributes (by element) that must be.
var (
	uriElements = map[string]bool{"link": true, "docs": true, "url": true, "comments": true, "id": true, "icon": true, "logo": true, "uri": true, "guid": true}
	uriAttrs    = map[string]string{"link": "href", "enclosure": "url", "source": "url", "generator": "uri", "content": "src"}
)

// CheckURIs reports every value of an RSS or Atom document that the W3C
// Feed Validator's URI rules reject (an RSS guid with isPermaLink="false"
// is checked only when it claims the tag: or urn: scheme), as
// "element: value" strings in document order. Prepared.Write's output always passes.
func CheckURIs(doc []byte) ([]string, error) {
	var bad []string
	d := xml.NewDecoder(bytes.NewReader(doc))
	var stack []xml.StartElement
	var text strings.Builder
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return bad, nil
		}
		if err != nil {
			return bad, fmt.Errorf("feed: check URIs: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, t)
			text.Reset()
			if attr, ok := uriAttrs[t.Name.Local]; ok {
				for _, a := range t.Attr {
					if a.Name.Local == attr && a.Name.Space == "" && !w3cValidURI(a.Value) {
						bad = append(bad, t.Name.Local+"@"+attr+": "+a.Value)
					}
				}
			}
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			el := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			v := strings.TrimSpace(text.String())
			text.Reset()
			if !uriElements[el.Name.Local] || v == "" {
				continue
			}
			if el.Name.Local == "guid" && !strings.HasPrefix(v, "tag:") && !strings.HasPrefix(v, "urn:") {
				permalink := true
				for _, a := range el.Attr {
					if a.Name.Local == "isPermaLink" && a.Value == "false" {
						permalink = false
					}
				}
				if !permalink {
					continue
				}
			}
			if !w3cValidURI(v) {
				bad = append(bad, el.Name.Local+": "+v)
			}
		}
	}
}
