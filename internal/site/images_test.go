package site

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/benchgen"
	"github.com/medkb/medkb/internal/diag"
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

// The terminal search builds the index without writing anything: a body
// image wide enough to get resized copies is measured, its copies are
// claimed and dropped (it dereferenced the missing sink and crashed).
func TestSearchInputWithAResizedBodyImage(t *testing.T) {
	t.Parallel()
	dir := writeSite(t, baseSite)
	appendBody(t, dir, "\n![A spacer with a mask](/images/spacer.png)\n")
	writePNG(t, filepath.Join(dir, "static", "images", "spacer.png"), 1452, 900)
	in, errs, err := New(Options{Source: dir, Now: fixedNow}).SearchInput(t.Context())
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	found := false
	for _, d := range in.Langs[in.DefaultLang].Docs {
		found = found || d.URL == "/conditions/asthma/"
	}
	if !found {
		t.Error("the page with the image is not in the search documents")
	}
	// The same site's build writes the resized copies.
	files, _ := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	resized := 0
	for name := range files {
		if strings.HasPrefix(name, "images/spacer.") && name != "images/spacer.png" {
			resized++
		}
	}
	if resized == 0 {
		t.Error("the build wrote no resized copy of the wide image: the search run proves nothing")
	}
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

// appendBody appends Markdown to the asthma page of a written site and
// returns the file line the first appended line lands on.
func appendBody(t *testing.T, dir, body string) int {
	t.Helper()
	asthma := filepath.Join(dir, "content", "conditions", "asthma.md")
	src, err := os.ReadFile(asthma)
	if err != nil {
		t.Fatal(err)
	}
	if len(src) > 0 && src[len(src)-1] != '\n' {
		src = append(src, '\n')
	}
	if err := os.WriteFile(asthma, append(src, body...), 0o644); err != nil {
		t.Fatal(err)
	}
	return bytes.Count(src, []byte("\n")) + 1
}

// hugePNG returns a 1×1 PNG whose header claims w×h pixels.
func hugePNG(t *testing.T, w, h uint32) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 1, 1))); err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()
	binary.BigEndian.PutUint32(data[16:], w) // after the signature and the IHDR length and type
	binary.BigEndian.PutUint32(data[20:], h)
	binary.BigEndian.PutUint32(data[29:], crc32.ChecksumIEEE(data[12:29]))
	return data
}

func writeFile(t *testing.T, p string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

var variantRe = regexp.MustCompile(`/images/photo\.([0-9a-f]{10})\.(\d+)w\.jpg`)

// A large photo reaches the page as resized copies: width and height from
// the file, a srcset of 480/960/1440 px copies written beside it, the
// 1440 px copy as src; the original is linked nowhere. A titled image
// alone in its paragraph is a figure; a file that is not an image is a
// warning at its Markdown line.
func TestBodyPhotoGetsResizedCopiesAndAFigure(t *testing.T) {
	t.Parallel()
	dir := writeSite(t, baseSite)
	line := appendBody(t, dir, "\n![A peak flow chart](/images/photo.jpg \"Peak flow over <two> weeks\")\n\n"+
		"Inline ![tiny](/images/tiny.png) icon and ![Logo](/images/logo.svg).\n\n![Broken](/images/broken.png)\n\n![Cut](/images/cut.jpg)\n\n![Huge](/images/huge.png)\n")
	writeFile(t, filepath.Join(dir, "static", "images", "photo.jpg"), benchgen.Photo(3, 1600, 1200, 85))
	writePNG(t, filepath.Join(dir, "static", "images", "tiny.png"), 40, 30)
	writeFile(t, filepath.Join(dir, "static", "images", "logo.svg"), []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"></svg>`))
	writeFile(t, filepath.Join(dir, "static", "images", "broken.png"), []byte("not a PNG"))
	writeFile(t, filepath.Join(dir, "static", "images", "cut.jpg"), benchgen.Photo(3, 1000, 800, 85)[:3000]) // headers, then cut
	writeFile(t, filepath.Join(dir, "static", "images", "huge.png"), hugePNG(t, 12000, 9000))
	files, res := buildMem(t, New(Options{Source: dir, Now: fixedNow}))

	html := string(files["conditions/asthma/index.html"])
	m := variantRe.FindStringSubmatch(html)
	if m == nil {
		t.Fatalf("no resized copy in the page:\n%s", html)
	}
	v := "/images/photo." + m[1]
	want := "<figure>\n" + `<img src="` + v + `.1440w.jpg" alt="A peak flow chart" loading="lazy" decoding="async" width="1600" height="1200" ` +
		`srcset="` + v + `.480w.jpg 480w, ` + v + `.960w.jpg 960w, ` + v + `.1440w.jpg 1440w" sizes="(max-width: 44rem) calc(100vw - 2rem), 42rem">` +
		"\n<figcaption>Peak flow over &lt;two&gt; weeks</figcaption>\n</figure>"
	if !strings.Contains(html, want) {
		t.Errorf("page lacks\n%s\nin\n%s", want, html)
	}
	if strings.Contains(html, `"/images/photo.jpg"`) || strings.Contains(html, "/images/photo.jpg ") {
		t.Error("the page links the original photo")
	}
	for _, w := range []int{480, 960, 1440} {
		cfg, format, err := image.DecodeConfig(bytes.NewReader(files[strings.TrimPrefix(v, "/")+"."+strconv.Itoa(w)+"w.jpg"]))
		if err != nil || format != "jpeg" || cfg.Width != w || cfg.Height != w*3/4 {
			t.Errorf("the %d px copy is %s %dx%d (%v)", w, format, cfg.Width, cfg.Height, err)
		}
	}
	if res.ImagesResized != 1 || res.ImagesReused != 0 {
		t.Errorf("resized %d, reused %d; want 1 and 0", res.ImagesResized, res.ImagesReused)
	}
	// Small and vector images are only sized.
	for _, w := range []string{
		`<img src="/images/tiny.png" alt="tiny" loading="lazy" decoding="async" width="40" height="30"> icon`,
		`<img src="/images/logo.svg" alt="Logo" loading="lazy" decoding="async" width="120" height="40">`,
		`<img src="/images/broken.png" alt="Broken" loading="lazy" decoding="async">`,
	} {
		if !strings.Contains(html, w) {
			t.Errorf("page lacks %s", w)
		}
	}
	var got []string
	for _, d := range res.Diagnostics {
		if d.Check == "image" {
			if d.Severity != diag.Warning {
				t.Errorf("%v is not a warning", d)
			}
			got = append(got, d.String())
		}
	}
	wants := []string{
		fmt.Sprintf(`content/conditions/asthma.md:%d: warning: image "/images/broken.png" cannot be read: not a PNG, JPEG, GIF or WebP image`, line+5),
		fmt.Sprintf(`content/conditions/asthma.md:%d: warning: image "/images/cut.jpg" cannot be read: its size is readable but its pixels are not`, line+7),
		fmt.Sprintf(`content/conditions/asthma.md:%d: warning: image "/images/huge.png" cannot be read: it is 12000×9000 pixels, more than the 64 megapixels medkb resizes [image]`+
			"\n\thint: export it at most 4000 pixels wide", line+9),
	}
	if len(got) != len(wants) {
		t.Fatalf("image diagnostics %q; want %d", got, len(wants))
	}
	for i, w := range wants {
		if !strings.HasPrefix(got[i], w) {
			t.Errorf("diagnostic %q\nwant it to start %q", got[i], w)
		}
	}
	if !strings.Contains(html, `<img src="/images/cut.jpg" alt="Cut" loading="lazy" decoding="async" width="1000" height="800">`) {
		t.Error("the cut photo is not shown sized, as written")
	}
}

// A phone photo stored sideways (EXIF orientation 6) measures and shows
// upright: width and height are the turned ones, and so is every copy.
func TestSidewaysPhonePhotoIsShownUpright(t *testing.T) {
	t.Parallel()
	dir := writeSite(t, baseSite)
	appendBody(t, dir, "\n![A rash on the forearm](/images/photo.jpg)\n")
	writeFile(t, filepath.Join(dir, "static", "images", "photo.jpg"), exifOrientation(benchgen.Photo(4, 1200, 600, 80), 6))
	files, _ := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	html := string(files["conditions/asthma/index.html"])
	if !strings.Contains(html, `width="600" height="1200"`) {
		t.Errorf("the sideways photo is not sized upright:\n%s", html)
	}
	m := variantRe.FindStringSubmatch(html)
	if m == nil {
		t.Fatal("no resized copy")
	}
	for _, w := range []int{480, 600} {
		cfg, _, err := image.DecodeConfig(bytes.NewReader(files["images/photo."+m[1]+"."+strconv.Itoa(w)+"w.jpg"]))
		if err != nil || cfg.Width != w || cfg.Height != 2*w {
			t.Errorf("the %d px copy is %dx%d (%v); want it upright", w, cfg.Width, cfg.Height, err)
		}
	}
}

// exifOrientation inserts an EXIF segment with orientation o after a
// JPEG's SOI marker, as a phone camera writes it.
func exifOrientation(jpg []byte, o byte) []byte {
	tiff := []byte{'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, o, 0, 0, 0, 0, 0, 0}
	seg := append([]byte("Exif\x00\x00"), tiff...)
	n := len(seg) + 2
	out := append([]byte{0xFF, 0xD8, 0xFF, 0xE1, byte(n >> 8), byte(n)}, seg...)
	return append(out, jpg[2:]...)
}

// A second build with the cache folder decodes no image: the copies come
// from .medkb/cache/images and the page's Markdown from its cache. A
// changed photo (same page) is decoded again and the page re-rendered
// with the new copies' names.
func TestUnchangedImagesAreNotDecodedAgain(t *testing.T) {
	t.Parallel()
	dir := writeSite(t, baseSite)
	appendBody(t, dir, "\n![A peak flow chart](/images/photo.jpg)\n")
	photo := filepath.Join(dir, "static", "images", "photo.jpg")
	writeFile(t, photo, benchgen.Photo(5, 1000, 500, 80))
	opts := Options{Source: dir, Now: fixedNow, CacheDir: filepath.Join(dir, ".medkb", "cache")}
	first, res := buildMem(t, New(opts))
	if res.ImagesResized != 1 || res.ImagesReused != 0 {
		t.Fatalf("first build: resized %d, reused %d; want 1, 0", res.ImagesResized, res.ImagesReused)
	}
	again, res := buildMem(t, New(opts))
	if res.ImagesResized != 0 || res.ImagesReused != 1 || res.Rendered != 0 {
		t.Errorf("second build: resized %d, reused %d, rendered %d; want 0, 1, 0", res.ImagesResized, res.ImagesReused, res.Rendered)
	}
	for name, b := range first {
		if variantRe.MatchString("/"+name) && !bytes.Equal(again[name], b) {
			t.Errorf("%s differs between the builds", name)
		}
	}
	writeFile(t, photo, benchgen.Photo(6, 1000, 500, 80))
	changed, res := buildMem(t, New(opts))
	if res.ImagesResized != 1 || res.Rendered != 1 {
		t.Errorf("after the change: resized %d, rendered %d; want 1, 1", res.ImagesResized, res.Rendered)
	}
	was := variantRe.FindString(string(first["conditions/asthma/index.html"]))
	now := variantRe.FindString(string(changed["conditions/asthma/index.html"]))
	if was == "" || now == "" || was == now {
		t.Errorf("copy names %q then %q; want a new name for new bytes", was, now)
	}
}

// An edit that adds a photo to an article body, published the way
// `medkb build` publishes (a patch when it can), gives the files a full
// build gives: the page with its srcset and the resized copies.
func TestBodyEditAddingAPhotoPublishesItsCopies(t *testing.T) {
	src, arts := generatedSite(t, 12, 5)
	writeFile(t, filepath.Join(src, "static", "images", "photo.jpg"), benchgen.Photo(8, 1000, 500, 80))
	dest := filepath.Join(t.TempDir(), "public")
	if _, _, err := cliBuild(t, src, dest); err != nil {
		t.Fatal(err)
	}
	editBody(t, src, arts[2], "![A peak flow meter on a table](/images/photo.jpg)")
	res, patched, err := cliBuild(t, src, dest)
	if err != nil {
		t.Fatal(err)
	}
	got, want := readTree(t, dest), readTree(t, buildInto(t, src))
	copies := 0
	for p, w := range want {
		if isSearchIndex(p) || p == publish.Marker {
			continue
		}
		if variantRe.MatchString("/" + p) {
			copies++
		}
		if g, ok := got[p]; !ok {
			t.Errorf("%s missing after the edit (patched %v)", p, patched)
		} else if !bytes.Equal(g, w) {
			t.Errorf("%s differs from a full build's (patched %v)", p, patched)
		}
	}
	t.Logf("patched %v, rendered %d", patched, res.Rendered)
	if copies != 3 || res.ImagesResized+res.ImagesReused != 1 {
		t.Errorf("%d copies published, %d resized, %d reused; want 480, 960 and 1000 px copies of one image", copies, res.ImagesResized, res.ImagesReused)
	}
}

// The dev server's rebuild of a body edit that adds a photo serves the
// page with its srcset and the copies it lists.
func TestServeRebuildOfAnAddedPhotoServesItsCopies(t *testing.T) {
	t.Parallel()
	dir := writeSite(t, baseSite)
	writeFile(t, filepath.Join(dir, "static", "images", "photo.jpg"), benchgen.Photo(9, 1000, 500, 80))
	b := New(Options{Source: dir, Now: fixedNow})
	if _, _, err := b.Rebuild(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	appendBody(t, dir, "\n![A peak flow meter](/images/photo.jpg \"Blow as hard as you can\")\n")
	mem, res, err := b.Rebuild(t.Context(), []string{"content/conditions/asthma.md"})
	if err != nil {
		t.Fatal(err)
	}
	if got := phaseNames(res); !strings.HasPrefix(got, "markdown,") {
		t.Fatalf("phases %s; want the incremental path", got)
	}
	files := mem.Files()
	html := string(files["conditions/asthma/index.html"])
	m := variantRe.FindStringSubmatch(html)
	if m == nil || !strings.Contains(html, "<figcaption>Blow as hard as you can</figcaption>") {
		t.Fatalf("the rebuilt page has no figure with copies:\n%s", html)
	}
	for _, w := range []string{"480", "960", "1000"} {
		if _, ok := files["images/photo."+m[1]+"."+w+"w.jpg"]; !ok {
			t.Errorf("the %s px copy is not served", w)
		}
	}
}

// A photo saved as PNG is published as JPEG copies (.jpg), made once and
// read back from the cache folder by the next build.
func TestPhotoSavedAsPNGGetsJPEGCopies(t *testing.T) {
	t.Parallel()
	dir := writeSite(t, baseSite)
	appendBody(t, dir, "\n![A swollen ankle](ankle.png)\n")
	photo, err := jpeg.Decode(bytes.NewReader(benchgen.Photo(10, 700, 500, 95)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, photo); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "static", "conditions", "asthma", "ankle.png"), b.Bytes())
	opts := Options{Source: dir, Now: fixedNow, CacheDir: filepath.Join(dir, ".medkb", "cache")}
	for round, want := range []struct{ resized, reused int }{{1, 0}, {0, 1}} {
		files, res := buildMem(t, New(opts))
		html := string(files["conditions/asthma/index.html"])
		m := regexp.MustCompile(`<img src="ankle\.([0-9a-f]{10})\.700w\.jpg" alt="A swollen ankle" loading="lazy" decoding="async" width="700" height="500" srcset="ankle\.[0-9a-f]{10}\.480w\.jpg 480w, ankle\.[0-9a-f]{10}\.700w\.jpg 700w"`).FindStringSubmatch(html)
		if m == nil {
			t.Fatalf("round %d: no JPEG copies of the PNG photo in\n%s", round, html)
		}
		for _, w := range []string{"480", "700"} {
			if _, format, err := image.DecodeConfig(bytes.NewReader(files["conditions/asthma/ankle."+m[1]+"."+w+"w.jpg"])); format != "jpeg" || err != nil {
				t.Errorf("round %d: the %s px copy is %q (%v)", round, w, format, err)
			}
		}
		if res.ImagesResized != want.resized || res.ImagesReused != want.reused {
			t.Errorf("round %d: resized %d, reused %d; want %d, %d", round, res.ImagesResized, res.ImagesReused, want.resized, want.reused)
		}
	}
}
