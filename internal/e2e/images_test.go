package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"golang.org/x/tools/txtar"

	"github.com/medkb/medkb/internal/benchgen"
)

// figureSite is a small site whose article shows a 1600×1200 photo as a
// figure (the photo itself is written by the test).
const figureSite = `
-- medkb.yaml --
title: "Figure Health"
base_url: "https://health.test/"
-- data/authors.yaml --
jdoe:
  name: "Jane Doe"
  credentials: "MD"
rev:
  name: "Rita Reviewer"
  credentials: "PharmD"
-- content/_index.md --
---
title: "Figure Health"
summary: "Home."
---
Welcome.
-- content/conditions/_index.md --
---
title: "Conditions"
summary: "Illnesses explained."
---
-- content/conditions/eczema.md --
---
title: "Eczema"
summary: "Eczema makes skin dry, itchy and sore."
date: 2025-03-04
authors: [jdoe]
reviewed_by: [rev]
last_reviewed: 2025-09-01
audience: patient
---
Eczema makes the skin dry and itchy. It often starts in childhood.

![Dry, red patches of skin on the inside of an elbow](/images/eczema.jpg "Eczema often appears in skin folds, such as the inside of the elbow")

Moisturise every day, even when the skin looks clear.
`

// TestPhoneGetsAResizedPhoto opens an article with a figure on a
// 390×844 phone at device pixel ratio 3: the browser must pick a resized
// copy from the srcset (never the 1600 px original, whose address the page
// does not carry), at most 1440 px wide; a 1280 px desktop at ratio 1
// takes the 960 px copy. The page has no axe-core violation and no Nu Html
// Checker error.
func TestPhoneGetsAResizedPhoto(t *testing.T) {
	t.Parallel()
	src, public := t.TempDir(), filepath.Join(t.TempDir(), "public")
	for _, f := range txtar.Parse([]byte(figureSite)).Files {
		writeTestFile(t, filepath.Join(src, filepath.FromSlash(f.Name)), f.Data)
	}
	writeTestFile(t, filepath.Join(src, "static", "images", "eczema.jpg"), benchgen.Photo(7, 1600, 1200, 85))
	if err := buildSite(src, public); err != nil {
		t.Fatal(err)
	}
	html, err := os.ReadFile(filepath.Join(public, "conditions", "eczema", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(html), "<figcaption>Eczema often appears in skin folds") || strings.Contains(string(html), "/images/eczema.jpg") {
		t.Fatalf("the page has no figure, or links the original:\n%s", html)
	}
	srv := serveDir(public)
	defer srv.Close()

	type chosen struct {
		Current       string
		Natural       int // CSS px: the copy's pixels over its density
		Pixels        int // the decoded copy's own width in pixels
		Bytes         int // bytes the copy took over the network
		Width, Height float64
		Original      bool
	}
	// Each viewport gets its own tab, and so its own hang guard: on a
	// loaded machine the phone half alone (with axe-core) can take a
	// minute, and one deadline for both halves ran out once in CI.
	look := func(tb *tab, name string, v chromedp.Action[chromedp.Void]) chosen {
		tb.do("setting the "+name+" viewport", v)
		// Not open: a lazy image's request may wait, in flight, until the
		// image is scrolled near the viewport, so the page is idle only
		// after that.
		tb.navigate("/conditions/eczema/")
		// Scrolled to at every poll: a lazy image loads only near the
		// viewport, and the page's layout may still move after the first
		// scroll (styles, fonts), leaving it outside.
		if err := tb.eventually(`(i => (i.scrollIntoView({block: "center"}), i.complete && i.naturalWidth > 0))(document.querySelector("figure img"))`, 30*time.Second); err != nil {
			t.Fatalf("%s: the photo did not load: %v", name, err)
		}
		tb.waitIdle()
		return eval[chosen](tb, `(async i => ({current: i.currentSrc, natural: i.naturalWidth,
			pixels: (await createImageBitmap(await (await fetch(i.currentSrc)).blob())).width,
			bytes: performance.getEntriesByName(i.currentSrc)[0].encodedBodySize,
			width: i.getBoundingClientRect().width, height: i.getBoundingClientRect().height,
			original: performance.getEntriesByType("resource").some(e => e.name.endsWith("/images/eczema.jpg"))}))(document.querySelector("figure img"))`)
	}

	tb := newTab(t, srv.URL)
	phone := look(tb, "phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(3)))
	// 358 CSS px × 3 = 1074 device px: the 1440 px copy, drawn at its
	// density (naturalWidth 358).
	if !strings.HasSuffix(phone.Current, ".1440w.jpg") || !strings.Contains(phone.Current, "/images/eczema.") ||
		phone.Pixels != 1440 || phone.Natural > 1440 || phone.Original {
		t.Errorf("phone: currentSrc %s, %d px (naturalWidth %d), original fetched %v; want the 1440 px copy", phone.Current, phone.Pixels, phone.Natural, phone.Original)
	}
	if phone.Width < 300 || phone.Width > 390 || phone.Height < phone.Width*0.7 || phone.Height > phone.Width*0.8 {
		t.Errorf("phone: the photo is drawn %vx%v CSS px; want the body's width at 4:3", phone.Width, phone.Height)
	}
	tb.requireAxe("phone, article with a figure")
	tb.requireClean("phone, article with a figure")

	t.Logf("phone: %+v", phone)
	tb = newTab(t, srv.URL)
	desk := look(tb, "desktop", chromedp.EmulateViewport(1280, 900, chromedp.EmulateScale(1)))
	if !strings.HasSuffix(desk.Current, ".960w.jpg") || desk.Pixels != 960 || desk.Original {
		t.Errorf("desktop: currentSrc %s, original fetched %v; want the 960 px copy", desk.Current, desk.Original)
	}
	t.Logf("desktop: %+v", desk)
	tb.requireClean("desktop, article with a figure")

	for _, m := range runVNU(t, filepath.Join(public, "conditions", "eczema")) {
		t.Errorf("conditions/eczema/index.html:%d: %s: %s\n    %s", m.LastLine, m.Type, m.Message, strings.TrimSpace(m.Extract))
	}
}

func writeTestFile(t *testing.T, p string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
