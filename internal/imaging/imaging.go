// Package imaging measures the images a page shows and makes the smaller
// copies a phone downloads instead of the original.
//
// Measure reads an image's displayed size from its headers only (PNG,
// JPEG, GIF, WebP through image.DecodeConfig; SVG from the root element's
// width and height, or its viewBox), turned by the JPEG's EXIF orientation
// so that a portrait phone photo measures portrait. Widths says which
// variant widths an image gets (the Steps narrower than the image and,
// below the widest step, its own width: nothing is upscaled). Resize decodes a JPEG or PNG once, applies
// its EXIF orientation to the pixels (the variants carry no EXIF, so no
// reader can turn them twice) and encodes one copy per width: JPEG stays
// JPEG at Quality; PNG stays PNG (diagrams and screenshots keep their
// sharp edges and their transparency) unless it is an opaque photo whose
// JPEG is under half the PNG's size (measured on a 1440 px copy: a photo
// 4.7 MB as PNG, 0.48 MB as JPEG; a flat diagram 6 KB as PNG, 28 KB as
// JPEG).
//
// The package does no I/O beyond the bytes it is given and imports no other
// medkb package; naming, caching and writing the variants is the caller's
// business. Output is deterministic: the same bytes and widths give the
// same variants. All functions are safe for concurrent use.
package imaging

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // Measure reads GIF headers
	"image/jpeg"
	"image/png"
	"math"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/image/draw"
	_ "golang.org/x/image/webp" // Measure reads WebP headers
)

// Steps returns the variant widths in pixels, narrowest first: a phone at
// DPR 1, 2 and 3 across the theme's reading measure (1440 also covers the
// 42rem measure on a DPR 2 desktop).
func Steps() []int { return []int{480, 960, 1440} }

// Quality is the JPEG quality of the variants.
const Quality = 80

// Version names the variant encoding; callers put it in their cache keys,
// so a change here invalidates variants made before.
const Version = "img-3" // img-3: PNG copies at the default compression; img-2: photo PNGs become JPEG

// MaxPixels bounds the images Resize decodes (width × height): a larger
// one would take gigabytes of memory. Phone cameras make 12–50 megapixels.
const MaxPixels = 64 << 20

// ErrTooLarge is returned by Resize for an image over MaxPixels.
var ErrTooLarge = fmt.Errorf("imaging: the image has more than %d megapixels", MaxPixels>>20)

// ErrFormat is returned by Resize for an image it does not resize (GIF,
// WebP, SVG: their size is still measured).
var ErrFormat = errors.New("imaging: only JPEG and PNG images are resized")

// Size is an image's displayed size in pixels, after EXIF orientation.
type Size struct {
	Width, Height int
	Format        string // "jpeg", "png", "gif", "webp" or "svg"
}

// Measure returns the displayed size of an image from its headers; name
// (the file name) tells SVG apart. An SVG without width, height or a
// viewBox has no size: Measure returns an error saying so.
func Measure(name string, data []byte) (Size, error) {
	if strings.EqualFold(extension(name), ".svg") {
		return measureSVG(data)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return Size{}, fmt.Errorf("not a PNG, JPEG, GIF or WebP image the build can read (%v)", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return Size{}, fmt.Errorf("the %s image is %d×%d pixels", format, cfg.Width, cfg.Height)
	}
	s := Size{Width: cfg.Width, Height: cfg.Height, Format: format}
	if format == "jpeg" && Orientation(data) >= 5 {
		s.Width, s.Height = s.Height, s.Width
	}
	return s, nil
}

// Widths returns the variant widths for an image of the given displayed
// width: every step narrower than it, then, when it is no wider than the
// widest step, its own width (a re-encoded, upright copy, so that the
// original is never what a page links). An image no wider than the
// narrowest step gets none: the original is small enough.
func Widths(width int) []int {
	steps := Steps()
	if width <= steps[0] {
		return nil
	}
	var out []int
	for _, w := range steps {
		if w < width {
			out = append(out, w)
		}
	}
	if width <= steps[len(steps)-1] {
		out = append(out, width)
	}
	return out
}

// Variant is one resized copy.
type Variant struct {
	Width, Height int
	Format        string // "jpeg" or "png"
	Data          []byte
}

// Resize decodes a JPEG or PNG, turns it upright by its EXIF orientation
// and returns one copy per width (each no wider than the image), encoded
// in the image's own format, but for a photo saved as PNG (see the package
// comment), whose copies are JPEG. Widths wider than the image are
// refused.
func Resize(data []byte, widths []int) ([]Variant, error) {
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(data)); err == nil && int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return nil, ErrTooLarge
	}
	src, format, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	if format != "jpeg" && format != "png" {
		return nil, ErrFormat
	}
	o := 1
	if format == "jpeg" {
		o = Orientation(data)
	}
	b := src.Bounds()
	dispW, dispH := b.Dx(), b.Dy()
	if o >= 5 {
		dispW, dispH = dispH, dispW
	}
	for _, w := range widths {
		if w <= 0 || w > dispW {
			return nil, fmt.Errorf("imaging: width %d is not within the image's %d pixels", w, dispW)
		}
	}
	// Widest first: each copy is scaled from the one before (or from the
	// image, halved by 2×2 averaging while it is over twice as wide), so
	// the Catmull-Rom kernel never spans more than a few source pixels.
	order := append([]int(nil), widths...)
	sort.Sort(sort.Reverse(sort.IntSlice(order)))
	from := toRGBA(src)
	made := map[int]Variant{}
	to := "" // the copies' format, for a PNG once decided
	for _, w := range order {
		h := max(1, int(math.Round(float64(dispH)*float64(w)/float64(dispW))))
		sw, sh := w, h // in the file's orientation
		if o >= 5 {
			sw, sh = h, w
		}
		for from.Bounds().Dx() >= 2*sw && from.Bounds().Dy() >= 2*sh {
			from = halve(from)
		}
		dst := image.NewRGBA(image.Rect(0, 0, sw, sh))
		draw.CatmullRom.Scale(dst, dst.Bounds(), from, from.Bounds(), draw.Src, nil)
		from = dst
		img := orient(dst, o)
		var data []byte
		switch {
		case format == "jpeg" || to == "jpeg":
			data, err = encodeJPEG(img)
		case to == "":
			// The widest copy of a PNG decides for all: an opaque PNG whose
			// JPEG is under half its size is a photo, and its copies are
			// JPEG; a diagram or screenshot stays PNG.
			to = "png"
			if data, err = encodePNG(img); err == nil && dst.Opaque() {
				if j, jerr := encodeJPEG(img); jerr == nil && 2*len(j) < len(data) {
					data, to = j, "jpeg"
				}
			}
		default:
			data, err = encodePNG(img)
		}
		if err != nil {
			return nil, err
		}
		f := format
		if to != "" {
			f = to
		}
		made[w] = Variant{Width: w, Height: h, Format: f, Data: data}
	}
	out := make([]Variant, len(widths))
	for i, w := range widths {
		out[i] = made[w]
	}
	return out, nil
}

func encodeJPEG(img image.Image) ([]byte, error) {
	var b bytes.Buffer
	err := jpeg.Encode(&b, img, &jpeg.Options{Quality: Quality})
	return b.Bytes(), err
}

// encodePNG writes img with Go's default compression. BestCompression
// made the first build of a site with many screenshots take minutes: on
// 40 of cht-docs' PNG screenshots (6.8 MB) it took 7.3× as long as the
// default for files 1.9 % smaller (151 s against 21 s on a loaded
// machine, 4.85 MB against 4.94 MB).
func encodePNG(img image.Image) ([]byte, error) {
	var b bytes.Buffer
	err := (&png.Encoder{CompressionLevel: png.DefaultCompression}).Encode(&b, img)
	return b.Bytes(), err
}

// toRGBA returns img as *image.RGBA (premultiplied, so averaging weighs
// transparent pixels right).
func toRGBA(img image.Image) *image.RGBA {
	if m, ok := img.(*image.RGBA); ok && m.Bounds().Min == (image.Point{}) {
		return m
	}
	b := img.Bounds()
	m := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(m, m.Bounds(), img, b.Min, draw.Src)
	return m
}

// halve returns m at half its width and height, each pixel the average of
// a 2×2 block (an odd last row or column is dropped).
func halve(m *image.RGBA) *image.RGBA {
	w, h := m.Bounds().Dx()/2, m.Bounds().Dy()/2
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		r0 := m.Pix[2*y*m.Stride:]
		r1 := m.Pix[(2*y+1)*m.Stride:]
		o := out.Pix[y*out.Stride:]
		for x := range w {
			i := 8 * x
			for c := range 4 {
				o[4*x+c] = uint8((int(r0[i+c]) + int(r0[i+4+c]) + int(r1[i+c]) + int(r1[i+4+c]) + 2) / 4)
			}
		}
	}
	return out
}

// orient returns img turned upright for EXIF orientation o (1–8).
func orient(img *image.RGBA, o int) image.Image {
	if o <= 1 || o > 8 {
		return img
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := range h {
		for x := range w {
			var dx, dy int
			switch o {
			case 2: // mirrored
				dx, dy = w-1-x, y
			case 3: // upside down
				dx, dy = w-1-x, h-1-y
			case 4: // upside down, mirrored
				dx, dy = x, h-1-y
			case 5: // transposed
				dx, dy = y, x
			case 6: // turned 90° clockwise to view
				dx, dy = h-1-y, x
			case 7: // transversed
				dx, dy = h-1-y, w-1-x
			case 8: // turned 90° anticlockwise to view
				dx, dy = y, w-1-x
			}
			dst.Set(dx, dy, img.At(b.Min.X+x, b.Min.Y+y))
		}
	}
	return dst
}

// Orientation returns the EXIF orientation (1–8) of a JPEG, 1 when it has
// none or it cannot be read.
func Orientation(data []byte) int {
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return 1
	}
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xFF {
			return 1
		}
		marker := data[i+1]
		if marker == 0xDA || marker == 0xD9 { // image data: no EXIF before it
			return 1
		}
		n := int(data[i+2])<<8 | int(data[i+3])
		if n < 2 || i+2+n > len(data) {
			return 1
		}
		seg := data[i+4 : i+2+n]
		if marker == 0xE1 && bytes.HasPrefix(seg, []byte("Exif\x00\x00")) {
			return tiffOrientation(seg[6:])
		}
		i += 2 + n
	}
	return 1
}

// tiffOrientation reads tag 0x0112 of IFD0 of a TIFF header.
func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 1
	}
	var u16 func([]byte) int
	var u32 func([]byte) int
	switch string(t[:2]) {
	case "II":
		u16 = func(b []byte) int { return int(b[0]) | int(b[1])<<8 }
		u32 = func(b []byte) int { return u16(b) | u16(b[2:])<<16 }
	case "MM":
		u16 = func(b []byte) int { return int(b[0])<<8 | int(b[1]) }
		u32 = func(b []byte) int { return u16(b)<<16 | u16(b[2:]) }
	default:
		return 1
	}
	ifd := u32(t[4:])
	if ifd < 8 || ifd+2 > len(t) {
		return 1
	}
	count := u16(t[ifd:])
	for k := range count {
		e := ifd + 2 + 12*k
		if e+12 > len(t) {
			return 1
		}
		if u16(t[e:]) == 0x0112 && u16(t[e+2:]) == 3 { // SHORT
			if o := u16(t[e+8:]); o >= 1 && o <= 8 {
				return o
			}
			return 1
		}
	}
	return 1
}

// measureSVG reads the size of an SVG's root element.
func measureSVG(data []byte) (Size, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	for {
		tok, err := d.Token()
		if err != nil {
			return Size{}, fmt.Errorf("not an SVG image the build can read (%v)", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if se.Name.Local != "svg" {
			return Size{}, fmt.Errorf("not an SVG image: its root element is <%s>", se.Name.Local)
		}
		var w, h float64
		var box []string
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "width":
				w = svgLength(a.Value)
			case "height":
				h = svgLength(a.Value)
			case "viewBox":
				box = strings.FieldsFunc(a.Value, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' || r == '\n' })
			}
		}
		if (w == 0 || h == 0) && len(box) == 4 {
			bw, err1 := strconv.ParseFloat(box[2], 64)
			bh, err2 := strconv.ParseFloat(box[3], 64)
			if err1 == nil && err2 == nil && bw > 0 && bh > 0 {
				switch {
				case w == 0 && h == 0:
					w, h = bw, bh
				case w == 0:
					w = h * bw / bh
				default:
					h = w * bh / bw
				}
			}
		}
		if w <= 0 || h <= 0 {
			return Size{}, errors.New("the SVG gives no width and height in pixels and no viewBox")
		}
		return Size{Width: int(math.Round(w)), Height: int(math.Round(h)), Format: "svg"}, nil
	}
}

// svgLength reads "120", "120px" or "120.5"; other units (%, em, cm) are
// not pixel sizes and read as 0.
func svgLength(v string) float64 {
	v = strings.TrimSuffix(strings.TrimSpace(v), "px")
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f <= 0 || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0
	}
	return f
}

func extension(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 && !strings.ContainsRune(name[i:], '/') {
		return name[i:]
	}
	return ""
}
