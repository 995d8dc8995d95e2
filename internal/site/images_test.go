package site

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/publish"
)

// The build reads the pixel size of every local image in a page body and
// hands it to templates, which can then reserve the image's space.
func TestBodyImagesCarryTheirPixelSize(t *testing.T) {
	t.Parallel()
	body := "\n![A peak flow meter](/images/meter.png)\n\n![A spacer](spacer.png)\n\n![Gone](/images/missing.png)\n"
	extra := `-- layouts/_partials/footer.html --
<footer class="site-footer"><p class="sizes">{{ range .Page.Images }}[{{ .Src }} {{ .Width }}x{{ .Height }}]{{ end }}</p>
<ul>{{ range .Site.Trust }}<li><a href="{{ .URL }}">{{ .Title }}</a></li>{{ end }}</ul></footer>
`
	dir := writeSite(t, baseSite+extra)
	asthma := filepath.Join(dir, "content", "conditions", "asthma.md")
	src, err := os.ReadFile(asthma)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(asthma, append(src, body...), 0o644); err != nil {
		t.Fatal(err)
	}
	writePNG(t, filepath.Join(dir, "static", "images", "meter.png"), 40, 30)
	writePNG(t, filepath.Join(dir, "static", "conditions", "asthma", "spacer.png"), 7, 5)
	res, err := New(Options{Source: dir, Now: fixedNow}).Build(t.Context(), publish.NewMem())
	if err == nil {
		t.Fatal("the missing image was not reported")
	}
	var found bool
	for _, d := range res.Diagnostics.Errors() {
		if d.Check == "image" && d.File == "content/conditions/asthma.md" && strings.Contains(d.Message, "/images/missing.png") {
			found = true
		} else if d.Check == "image" {
			t.Errorf("unexpected %v", d)
		}
	}
	if !found {
		t.Fatalf("no image error for /images/missing.png: %v", res.Diagnostics)
	}
	// Without the missing image the page builds, with the sizes.
	if err := os.WriteFile(asthma, append(src, strings.Replace(body, "![Gone](/images/missing.png)\n", "", 1)...), 0o644); err != nil {
		t.Fatal(err)
	}
	files, _ := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	mustContain(t, files, "conditions/asthma/index.html",
		`<p class="sizes">[/images/meter.png 40x30][spacer.png 7x5]</p>`)
}

func writePNG(t *testing.T, p string, w, h int) {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
