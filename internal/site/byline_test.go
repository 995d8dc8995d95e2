package site

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

func TestArticleBylineForLinkPreviews(t *testing.T) {
	dir := writeSite(t, baseSite)
	files, _ := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	mustContain(t, files, "conditions/asthma/index.html", `<meta name="author" content="Jane Doe">`, `<meta property="article:author" content="Jane Doe">`)
	m := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`).FindSubmatch(files["conditions/asthma/index.html"])
	if m == nil {
		t.Fatal("no JSON-LD")
	}
	var graph []map[string]any
	if err := json.Unmarshal(m[1], &graph); err != nil {
		t.Fatalf("JSON-LD: %v", err)
	}
	for _, o := range graph {
		if o["@type"] == "WebPage" {
			a, _ := o["author"].([]any)
			if len(a) == 1 && strings.Contains(a[0].(map[string]any)["name"].(string), "Jane Doe") {
				return
			}
			t.Fatalf("WebPage entry author = %v", o["author"])
		}
	}
	t.Errorf("no WebPage entry in %s", m[1])
}
