package site

import (
	"bytes"
	"image/png"
	"regexp"
	"strings"
	"testing"
)

func TestArticlesGetTheirOwnSocialCard(t *testing.T) {
	site := strings.Replace(baseSite, "trust_pages: {about: /about/}\n", "trust_pages: {about: /about/}\nsocial_cards: true\n", 1)
	site = strings.Replace(site, "title: \"COPD\"\n", "title: \"COPD\"\nimage: /images/card-default.png\nimage_alt: \"Lungs\"\n", 1)
	site += "-- content/conditions/rtl.md --\n---\ntitle: \"الربو\"\ndate: 2025-02-01\n---\nنص.\n"
	dir := writeSite(t, site)
	files, res := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	og := regexp.MustCompile(`<meta property="og:image" content="https://health\.test(/cards/[0-9a-f]{20}\.png)">`)
	m := og.FindSubmatch(files["conditions/asthma/index.html"])
	if m == nil {
		t.Fatalf("asthma has no generated card in og:image (%v)", res.Diagnostics)
	}
	cardPath := strings.TrimPrefix(string(m[1]), "/")
	img, err := png.Decode(bytes.NewReader(files[cardPath]))
	if err != nil || img.Bounds().Dx() != 1200 || img.Bounds().Dy() != 630 {
		t.Fatalf("%s: %v %v", cardPath, err, img)
	}
	mustContain(t, files, "conditions/asthma/index.html", `<meta property="og:image:width" content="1200">`, `<meta property="og:image:alt" content="Asthma">`)
	mustContain(t, files, "conditions/copd/index.html", `<meta property="og:image" content="https://health.test/images/card-default.png">`, `content="Lungs"`)
	mustContain(t, files, "conditions/rtl/index.html", `<meta property="og:image" content="https://health.test/images/card-default.png">`)
	mustContain(t, files, "index.xml", `<enclosure url="https://health.test/`+cardPath+`"`)

	// The card's URL follows what it shows.
	edit(t, dir, "content/conditions/asthma.md", `title: "Asthma"`, `title: "Asthma in adults"`)
	files, _ = buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	if m2 := og.FindSubmatch(files["conditions/asthma/index.html"]); m2 == nil || string(m2[1]) == string(m[1]) {
		t.Errorf("a retitled article keeps its old card URL")
	}
}
