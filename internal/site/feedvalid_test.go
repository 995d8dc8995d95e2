package site

import (
	"bytes"
	"fmt"
	"html"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/medkb/medkb/internal/feed"
)

// accentSite is a multilingual fixture whose tags, section and host need
// percent-encoding in every URI.
const accentSite = `
-- medkb.yaml --
title: "Santé"
base_url: "https://santé.example/"
languages:
  - {code: fr, name: Français, default: true}
  - {code: es, name: Español}
feeds:
  id_base: "tag:santé.example,2024:"
  tag_formats: [rss, atom, json]  # the tags' RSS too, for its URI rules
-- content/_index.md --
---
title: "Santé"
---
-- content/maladies/_index.md --
---
title: "Maladies"
---
-- content/maladies/diabète.md --
---
title: "Le diabète"
date: 2025-03-04
tags: [sucre dans le sang, "maladies chroniques", "l'œil"]
---
Texte.
-- content/maladies/diabète.es.md --
---
title: "La diabetes"
date: 2025-03-05
tags: [azúcar en la sangre, niños pequeños]
---
Texto.
`

// checkFeeds asserts that every feed in files passes the W3C Feed
// Validator's URI rules (RSS, Atom) or the JSON Feed 1.1 schema, with
// formats asserted, and returns how many feeds it checked.
func checkFeeds(t *testing.T, files map[string][]byte) int {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	// The library's "uri" accepts any string net/url parses, IRIs
	// included; RFC 3986 (which format "uri" names) allows only ASCII
	// unreserved and reserved characters and %XX escapes, as ajv checks.
	c.RegisterFormat(&jsonschema.Format{Name: "uri", Validate: func(v any) error {
		s, ok := v.(string)
		if !ok {
			return nil
		}
		return rfc3986(s)
	}})
	schema, err := c.Compile("testdata/jsonfeed-1.1.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range files {
			if !yield(k) {
				return
			}
		}
	}) {
		switch path.Base(name) {
		case "index.xml", "atom.xml":
			if name == "sitemap.xml" {
				continue
			}
			bad, err := feed.CheckURIs(files[name])
			if err != nil {
				t.Errorf("%s: %v", name, err)
			}
			for _, b := range bad {
				t.Errorf("%s: W3C URI rule fails: %s", name, b)
			}
			n++
		case "feed.json":
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(files[name]))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if err := schema.Validate(inst); err != nil {
				t.Errorf("%s: JSON Feed 1.1 schema: %v", name, err)
			}
			n++
		}
	}
	return n
}

// rfc3986 returns an error unless s is an absolute URI as RFC 3986 allows
// it: ASCII unreserved and reserved characters and %XX escapes only.
func rfc3986(s string) error {
	if u, err := url.Parse(s); err != nil || !u.IsAbs() {
		return fmt.Errorf("%q is not an absolute URI", s)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' && i+2 < len(s) && isHexDigit(s[i+1]) && isHexDigit(s[i+2]) {
			continue
		}
		if c <= ' ' || c >= 0x7f || strings.IndexByte("\"<>\\^`{|}%", c) >= 0 {
			return fmt.Errorf("%q: byte %d (%q) is not allowed in a URI (RFC 3986)", s, i, c)
		}
	}
	return nil
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func TestEveryFeedPassesTheW3CURIRulesAndTheJSONFeedSchema(t *testing.T) {
	demo, _ := buildMem(t, New(Options{Source: "../..", Now: fixedNow}))
	if n := checkFeeds(t, demo); n < 30 {
		t.Errorf("checked %d demo feeds; want every site, section and tag feed", n)
	}
	files, _ := buildMem(t, New(Options{Source: writeSite(t, accentSite), Now: fixedNow}))
	checkFeeds(t, files)
	mustContain(t, files, "es/tags/az\u00facar-en-la-sangre/index.xml",
		"<link>https://xn--sant-epa.example/es/tags/az%C3%BAcar-en-la-sangre/</link>")
	if !strings.Contains(string(files["feed.json"]), `"url": "https://xn--sant-epa.example/maladies/diab%C3%A8te/"`) {
		t.Errorf("feed.json item url is not percent-encoded:\n%s", files["feed.json"])
	}
}

// The sitemap protocol asks for URIs (RFC 3986): an address with an
// accent in its host or path, or a space from a file name ("mal de
// tête.md"), was written in <loc> and the alternates' href as it is held.
func TestSitemapAddressesAreURIs(t *testing.T) {
	site := accentSite + `-- content/maladies/mal de tête.md --
---
title: "Mal de tête"
date: 2025-03-06
---
Texte.
`
	files, _ := buildMem(t, New(Options{Source: writeSite(t, site), Now: fixedNow}))
	sm := string(files["sitemap.xml"])
	addrs := regexp.MustCompile(`<loc>([^<]*)</loc>|href="([^"]*)"`).FindAllStringSubmatch(sm, -1)
	if len(addrs) < 8 {
		t.Fatalf("%d addresses in the sitemap, want every page's and the alternates':\n%s", len(addrs), sm)
	}
	for _, m := range addrs {
		a := html.UnescapeString(m[1] + m[2])
		if err := rfc3986(a); err != nil {
			t.Errorf("sitemap: %v", err)
		}
	}
	for _, want := range []string{
		"<loc>https://xn--sant-epa.example/maladies/mal%20de%20t%C3%AAte/</loc>",
		`hreflang="es" href="https://xn--sant-epa.example/es/maladies/diab%C3%A8te/"`,
	} {
		if !strings.Contains(sm, want) {
			t.Errorf("sitemap lacks %s:\n%s", want, sm)
		}
	}
}
