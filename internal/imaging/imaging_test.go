package imaging

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/image/draw"

	"github.com/medkb/medkb/internal/benchgen"
)

func encode(t testing.TB, format string, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	var err error
	switch format {
	case "png":
		err = png.Encode(&b, img)
	case "jpeg":
		err = jpeg.Encode(&b, img, &jpeg.Options{Quality: 95})
	case "gif":
		err = gif.Encode(&b, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// halves returns a w×h image whose left half is red and right half blue.
func halves(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{200, 0, 0, 255}
			if x >= w/2 {
				c = color.RGBA{0, 0, 200, 255}
			}
			img.Set(x, y, c)
		}
	}
	return img
}

// withOrientation inserts an EXIF APP1 segment with the given orientation
// after a JPEG's SOI marker, as a phone camera writes it (big-endian TIFF).
func withOrientation(jpg []byte, o byte) []byte {
	tiff := []byte{'M', 'M', 0, 42, 0, 0, 0, 8, // header, IFD0 at 8
		0, 1, // one entry
		0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, o, 0, 0, // Orientation SHORT 1 = o
		0, 0, 0, 0} // no next IFD
	seg := append([]byte("Exif\x00\x00"), tiff...)
	n := len(seg) + 2
	app1 := append([]byte{0xFF, 0xE1, byte(n >> 8), byte(n)}, seg...)
	out := append([]byte{}, jpg[:2]...)
	out = append(out, app1...)
	return append(out, jpg[2:]...)
}

func TestMeasureReadsHeadersOfEveryFormat(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		data []byte
		want Size
	}{
		{"a.png", encode(t, "png", halves(40, 30)), Size{40, 30, "png"}},
		{"a.jpg", encode(t, "jpeg", halves(64, 32)), Size{64, 32, "jpeg"}},
		{"turned.jpg", withOrientation(encode(t, "jpeg", halves(64, 32)), 6), Size{32, 64, "jpeg"}},
		{"flipped.jpg", withOrientation(encode(t, "jpeg", halves(64, 32)), 3), Size{64, 32, "jpeg"}},
		{"a.gif", encode(t, "gif", image.NewPaletted(image.Rect(0, 0, 9, 7), []color.Color{color.Black})), Size{9, 7, "gif"}},
		{"a.svg", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="120px" height="80"/>`), Size{120, 80, "svg"}},
		{"box.SVG", []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 150"><rect/></svg>`), Size{300, 150, "svg"}},
		{"half.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="600" viewBox="0,0,300,150"></svg>`), Size{600, 300, "svg"}},
	}
	for _, c := range cases {
		got, err := Measure(c.name, c.data)
		if err != nil || got != c.want {
			t.Errorf("Measure(%s) = %+v, %v; want %+v", c.name, got, err, c.want)
		}
	}
}

func TestMeasureExplainsWhatItCannotRead(t *testing.T) {
	t.Parallel()
	cases := []struct{ name, data, want string }{
		{"a.png", "not an image at all", "not a PNG, JPEG, GIF or WebP image"},
		{"a.svg", `<svg xmlns="http://www.w3.org/2000/svg" width="50%"/>`, "no width and height in pixels and no viewBox"},
		{"a.svg", `<html><svg/></html>`, "its root element is <html>"},
		{"a.svg", ``, "not an SVG image"},
	}
	for _, c := range cases {
		if _, err := Measure(c.name, []byte(c.data)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Measure(%s, %q) error = %v; want it to say %q", c.name, c.data, err, c.want)
		}
	}
}

func TestWidthsNeverUpscale(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		width int
		want  []int
	}{{300, nil}, {480, nil}, {481, []int{480, 481}}, {1200, []int{480, 960, 1200}},
		{1440, []int{480, 960, 1440}}, {1441, []int{480, 960, 1440}}, {4000, []int{480, 960, 1440}}} {
		if got := Widths(c.width); !equal(got, c.want) {
			t.Errorf("Widths(%d) = %v, want %v", c.width, got, c.want)
		}
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// A phone photo stored landscape with EXIF orientation 6 (turn 90°
// clockwise to view) becomes an upright portrait variant without EXIF:
// the file's left half (red) is the variant's top.
func TestResizeTurnsAPhonePhotoUpright(t *testing.T) {
	t.Parallel()
	data := withOrientation(encode(t, "jpeg", halves(1000, 500)), 6)
	vs, err := Resize(data, Widths(500))
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 2 || vs[0].Width != 480 || vs[0].Height != 960 || vs[1].Width != 500 || vs[1].Height != 1000 {
		t.Fatalf("variants = %d, want 480×960 and 500×1000", len(vs))
	}
	img, format, err := image.Decode(bytes.NewReader(vs[0].Data))
	if err != nil || format != "jpeg" {
		t.Fatalf("variant decodes as %q: %v", format, err)
	}
	if b := img.Bounds(); b.Dx() != 480 || b.Dy() != 960 {
		t.Fatalf("variant is %v", b)
	}
	if o := Orientation(vs[0].Data); o != 1 {
		t.Errorf("variant keeps orientation %d; it must carry none", o)
	}
	red := func(c color.Color) bool { r, _, b, _ := c.RGBA(); return r > 2*b }
	if !red(img.At(240, 100)) || red(img.At(240, 860)) {
		t.Errorf("top %v, bottom %v: want red on top, blue below", img.At(240, 100), img.At(240, 860))
	}
}

func TestResizeKeepsPNGAndItsTransparency(t *testing.T) {
	t.Parallel()
	src := image.NewNRGBA(image.Rect(0, 0, 1000, 400))
	for x := range 500 {
		for y := range 400 {
			src.Set(x, y, color.NRGBA{0, 90, 112, 255})
		}
	}
	vs, err := Resize(encode(t, "png", src), []int{480, 960})
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 2 || vs[0].Height != 192 || vs[1].Height != 384 {
		t.Fatalf("variants = %d, want 480×192 and 960×384", len(vs))
	}
	img, format, err := image.Decode(bytes.NewReader(vs[0].Data))
	if err != nil || format != "png" {
		t.Fatalf("variant decodes as %q: %v", format, err)
	}
	if _, _, _, a := img.At(400, 100).RGBA(); a != 0 {
		t.Errorf("the transparent right half has alpha %d", a)
	}
	if vs[0].Format != "png" || vs[1].Format != "png" {
		t.Errorf("formats %s, %s; a PNG with transparency stays PNG", vs[0].Format, vs[1].Format)
	}
	if _, err := Resize(encode(t, "png", src), []int{1440}); err == nil {
		t.Error("a 1440 px variant of a 1000 px image was made; nothing is upscaled")
	}
	if _, err := Resize(encode(t, "gif", image.NewPaletted(image.Rect(0, 0, 900, 9), []color.Color{color.Black})), []int{480}); err != ErrFormat {
		t.Errorf("GIF resize error = %v, want ErrFormat", err)
	}
}

// A photo saved as PNG gets JPEG copies (a tenth of the bytes); an opaque
// diagram of flat colours stays PNG, where JPEG would be larger and blur
// its edges.
func TestPhotoPNGBecomesJPEGAndDiagramStaysPNG(t *testing.T) {
	t.Parallel()
	photo, err := jpeg.Decode(bytes.NewReader(benchgen.Photo(2, 800, 600, 95)))
	if err != nil {
		t.Fatal(err)
	}
	vs, err := Resize(encode(t, "png", photo), []int{480, 800})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		if _, format, err := image.DecodeConfig(bytes.NewReader(v.Data)); v.Format != "jpeg" || format != "jpeg" || err != nil {
			t.Errorf("%d px copy of a photo PNG: %s, decodes as %s (%v); want JPEG", v.Width, v.Format, format, err)
		}
	}
	vs, err = Resize(encode(t, "png", halves(800, 300)), []int{480, 800})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		if _, format, err := image.DecodeConfig(bytes.NewReader(v.Data)); v.Format != "png" || format != "png" || err != nil {
			t.Errorf("%d px copy of a diagram: %s, decodes as %s (%v); want PNG", v.Width, v.Format, format, err)
		}
	}
}

// hugePNG returns a 1×1 PNG whose header claims w×h pixels: what a decoder
// would allocate for is the header's size.
func hugePNG(t *testing.T, w, h uint32) []byte {
	b := encode(t, "png", image.NewGray(image.Rect(0, 0, 1, 1)))
	ihdr := b[8+8 : 8+8+13] // signature, length and type, then the data
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	binary.BigEndian.PutUint32(b[8+8+13:], crc32.ChecksumIEEE(b[8+4:8+8+13]))
	return b
}

func TestResizeRefusesWhatWouldTakeGigabytes(t *testing.T) {
	t.Parallel()
	data := hugePNG(t, 20000, 20000)
	if s, err := Measure("huge.png", data); err != nil || s.Width != 20000 {
		t.Fatalf("Measure = %+v, %v", s, err)
	}
	if _, err := Resize(data, []int{480}); err != ErrTooLarge {
		t.Errorf("Resize error = %v, want ErrTooLarge", err)
	}
}

func TestOrientationIgnoresWhatIsNotEXIF(t *testing.T) {
	t.Parallel()
	jpg := encode(t, "jpeg", halves(8, 8))
	for _, data := range [][]byte{nil, []byte("\xFF\xD8"), jpg, jpg[:20], withOrientation(jpg, 9), withOrientation(jpg, 0)} {
		if o := Orientation(data); o != 1 {
			t.Errorf("Orientation = %d, want 1", o)
		}
	}
	for o := byte(1); o <= 8; o++ {
		if got := Orientation(withOrientation(jpg, o)); got != int(o) {
			t.Errorf("Orientation = %d, want %d", got, o)
		}
	}
}

// BenchmarkScale compares ways to scale the ~5 MB photo (decoded outside
// the timer) to 1440 px: x/image/draw's Catmull-Rom straight from 4000 px
// costs about 6 s (its kernel spans ~11 source pixels each way), so
// Resize first halves by 2×2 averaging, then applies Catmull-Rom; the
// approximate bilinear scaler is the fast, aliasing alternative.
func BenchmarkScale(b *testing.B) {
	src, err := jpeg.Decode(bytes.NewReader(benchgen.Photo(1, 4000, 3000, 90)))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("HalveThenCatmullRom", func(b *testing.B) {
		for b.Loop() {
			from := toRGBA(src)
			for from.Bounds().Dx() >= 2*1440 {
				from = halve(from)
			}
			dst := image.NewRGBA(image.Rect(0, 0, 1440, 1080))
			draw.CatmullRom.Scale(dst, dst.Bounds(), from, from.Bounds(), draw.Src, nil)
		}
	})
	b.Run("ApproxBiLinear", func(b *testing.B) {
		for b.Loop() {
			dst := image.NewRGBA(image.Rect(0, 0, 1440, 1080))
			draw.ApproxBiLinear.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
		}
	})
}

// BenchmarkResize is Resize on the ~5 MB photo: decode, three scales,
// three encodes; it reports the bytes of each variant.
func BenchmarkResize(b *testing.B) {
	photo := benchgen.Photo(1, 4000, 3000, 90)
	var vs []Variant
	for b.Loop() {
		var err error
		if vs, err = Resize(photo, Steps()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(photo)), "original-bytes")
	for _, v := range vs {
		b.ReportMetric(float64(len(v.Data)), strconv.Itoa(v.Width)+"w-bytes")
	}
}
