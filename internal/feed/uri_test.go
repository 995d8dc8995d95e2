package feed

import (
	"slices"
	"testing"
)

func TestCheckURIsAppliesTheW3CRules(t *testing.T) {
	doc := `<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
<link>https://example.org/es/tags/azúcar/</link>
<atom:link href="https://example.org/ok%C3%BA/" rel="self"/>
<item><guid isPermaLink="false">tag:example.org,2024:a#withdrawn</guid><link>https://example.org/a/</link></item>
<item><guid isPermaLink="false">tag:Example.org,24:a</guid><enclosure url="https://example.org/a b.png" length="0" type="image/png"/></item>
<item><guid isPermaLink="false">any text is fine</guid></item>
</channel></rss>`
	bad, err := CheckURIs([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"link: https://example.org/es/tags/azúcar/", "guid: tag:Example.org,24:a", "enclosure@url: https://example.org/a b.png"}
	if !slices.Equal(bad, want) {
		t.Errorf("bad = %q, want %q", bad, want)
	}
}
