package site

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
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

// publisher.logo is drawn on every card; a logo the card cannot draw (an
// SVG) is one warning at medkb.yaml's publisher line, not one per card.
func TestCardsCarryThePublisherLogo(t *testing.T) {
	withCards := strings.Replace(baseSite, "trust_pages: {about: /about/}\n", "trust_pages: {about: /about/}\nsocial_cards: true\n", 1)
	og := regexp.MustCompile(`<meta property="og:image" content="https://health\.test/(cards/[0-9a-f]{20}\.png)">`)
	cardOf := func(site string, logo []byte) ([]byte, *Result) {
		t.Helper()
		dir := writeSite(t, site)
		if logo != nil {
			if err := os.MkdirAll(filepath.Join(dir, "static", "images"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "static", "images", "logo"+map[bool]string{true: ".svg", false: ".png"}[bytes.HasPrefix(logo, []byte("<svg"))]), logo, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		files, res := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
		m := og.FindSubmatch(files["conditions/asthma/index.html"])
		if m == nil {
			t.Fatalf("asthma has no generated card (%v)", res.Diagnostics)
		}
		return files[string(m[1])], res
	}
	plain, _ := cardOf(withCards, nil)
	logo, err := os.ReadFile("../../static/images/logo.png")
	if err != nil {
		t.Fatal(err)
	}
	pngSite := strings.Replace(withCards, "social_cards: true\n", "social_cards: true\npublisher: {name: \"Test Trust\", logo: /images/logo.png}\n", 1)
	withLogo, _ := cardOf(pngSite, logo)
	a, _ := png.Decode(bytes.NewReader(plain))
	b, _ := png.Decode(bytes.NewReader(withLogo))
	// The logo's teal disc fills the top right corner (x 992–1104, y 44–156).
	at := func(img image.Image) color.RGBA { return color.RGBAModel.Convert(img.At(1048, 60)).(color.RGBA) }
	white, teal := at(a), at(b)
	if white != (color.RGBA{0xff, 0xff, 0xff, 0xff}) || teal.R > 0x40 || teal.G < 0x40 || teal.B < 0x40 {
		t.Errorf("the card's top right corner is %v with the logo and %v without", teal, white)
	}

	svgSite := strings.Replace(pngSite, "/images/logo.png", "/images/logo.svg", 1)
	_, res := cardOf(svgSite, []byte("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 1 1'/>"))
	var warned []string
	for _, d := range res.Diagnostics {
		if d.Check == "cards" {
			warned = append(warned, d.String())
			if d.File != "medkb.yaml" || d.Line != 5 || !strings.Contains(d.Message, "/images/logo.svg") {
				t.Errorf("logo warning at the wrong place or without the file: %v", d)
			}
		}
	}
	if len(warned) != 1 {
		t.Errorf("want one warning about the SVG logo, got %d: %v", len(warned), warned)
	}
}
