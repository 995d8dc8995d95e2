// Package card draws an article's social card: the 1200×630 PNG that link
// previews (Mastodon, Bluesky, LinkedIn, Facebook, messaging apps) show.
// A card carries the article title, its section, the medical-review line
// ("Medically reviewed by <name> · <date>"), the site name and logo and the
// theme's colours, drawn with the Go fonts (golang.org/x/image/font/gofont,
// BSD-licensed, embedded in the binary) through
// golang.org/x/image/font/opentype.
//
// Render never guesses at text it cannot draw: when a string holds a
// character the font has no glyph for, or a right-to-left script (which
// this renderer does not shape), it returns ErrUnsupported and the caller
// keeps the site's default card. Output is deterministic: the same Card
// gives the same bytes, and Key names those bytes (callers cache cards
// by it). The package does no I/O and imports no other medkb package; a
// Renderer is safe for concurrent use.
package card

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	_ "image/gif"  // logos may be GIF
	_ "image/jpeg" // or JPEG
	"image/png"
	"strings"
	"sync"
	"unicode"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Width and Height are the card size in pixels (the Open Graph 1.91:1).
const Width, Height = 1200, 630

// version changes whenever the drawing changes, so cached cards are redrawn.
const version = "card-2"

// ErrUnsupported means the card's text cannot be drawn faithfully; the
// caller uses its default card instead.
var ErrUnsupported = errors.New("card: text the card font cannot draw")

// Card is what one card shows. Colours are the theme's. Logo, when set,
// is the site's logo as PNG, JPEG or GIF bytes, drawn in the top right
// corner (scaled to LogoSize, keeping its aspect ratio).
type Card struct {
	Title, Section, Trust, Site string
	Background, Text, Accent    color.RGBA
	Logo                        []byte
}

// LogoSize is the largest side of the logo on a card, in pixels.
const LogoSize = 112

// Key is a content hash of c and the drawing version: equal keys, equal PNGs.
func Key(c Card) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%s\x00%v%v%v\x00", version, c.Title, c.Section, c.Trust, c.Site, c.Background, c.Text, c.Accent)
	h.Write(c.Logo)
	return hex.EncodeToString(h.Sum(nil))[:20]
}

// CheckLogo reports whether logo bytes can be drawn on a card (PNG, JPEG
// or GIF), so a caller can warn once instead of once per card.
func CheckLogo(logo []byte) error {
	if _, _, err := image.DecodeConfig(bytes.NewReader(logo)); err != nil {
		return fmt.Errorf("card: the logo is not a PNG, JPEG or GIF image: %w", err)
	}
	return nil
}

// Renderer draws cards. Make one with NewRenderer and share it.
type Renderer struct {
	regular, bold *opentype.Font

	mu    sync.Mutex
	logos map[[sha256.Size]byte]image.Image // scaled logos, by the source bytes' hash
}

// NewRenderer parses the embedded fonts.
func NewRenderer() (*Renderer, error) {
	reg, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return nil, fmt.Errorf("card: %w", err)
	}
	b, err := opentype.Parse(gobold.TTF)
	if err != nil {
		return nil, fmt.Errorf("card: %w", err)
	}
	return &Renderer{regular: reg, bold: b}, nil
}

// Render draws c as a PNG, or returns ErrUnsupported.
func (r *Renderer) Render(c Card) ([]byte, error) {
	for _, s := range []string{c.Title, c.Section, c.Trust, c.Site} {
		if err := r.supported(s); err != nil {
			return nil, err
		}
	}
	img := image.NewRGBA(image.Rect(0, 0, Width, Height))
	draw.Draw(img, img.Bounds(), image.NewUniform(c.Background), image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(0, 0, 24, Height), image.NewUniform(c.Accent), image.Point{}, draw.Src)
	const left, right = 96, Width - 96
	sectionRight := right
	if len(c.Logo) > 0 {
		logo, err := r.logo(c.Logo)
		if err != nil {
			return nil, err
		}
		b := logo.Bounds()
		at := image.Pt(right-b.Dx(), 44+(LogoSize-b.Dy())/2)
		draw.Draw(img, b.Add(at), logo, b.Min, draw.Over)
		sectionRight = right - LogoSize - 32
	}
	faces := map[string]font.Face{}
	face := func(f *opentype.Font, size float64) (font.Face, error) {
		k := fmt.Sprintf("%p/%v", f, size)
		if fc, ok := faces[k]; ok {
			return fc, nil
		}
		fc, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
		faces[k] = fc
		return fc, err
	}
	text := func(f *opentype.Font, size float64, col color.RGBA, s string, y, right int) error {
		fc, err := face(f, size)
		if err != nil {
			return err
		}
		d := font.Drawer{Dst: img, Src: image.NewUniform(col), Face: fc, Dot: fixed.P(left, y)}
		d.DrawString(fit(fc, s, right-left))
		return nil
	}
	if err := text(r.bold, 34, c.Accent, strings.ToUpper(c.Section), 130, sectionRight); err != nil {
		return nil, err
	}
	title, err := face(r.bold, 72)
	if err != nil {
		return nil, err
	}
	lines := wrap(title, c.Title, right-left, 3)
	y := 230
	for _, l := range lines {
		d := font.Drawer{Dst: img, Src: image.NewUniform(c.Text), Face: title, Dot: fixed.P(left, y)}
		d.DrawString(l)
		y += 86
	}
	draw.Draw(img, image.Rect(left, Height-150, right, Height-146), image.NewUniform(c.Accent), image.Point{}, draw.Src)
	if err := text(r.regular, 28, c.Text, c.Trust, Height-96, right); err != nil {
		return nil, err
	}
	if err := text(r.bold, 30, c.Accent, c.Site, Height-48, right); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	var src image.Image = img
	if p := paletted(img, c.Background); p != nil {
		src = p
	}
	if err := enc.Encode(&out, src); err != nil {
		return nil, fmt.Errorf("card: %w", err)
	}
	return out.Bytes(), nil
}

// paletted returns img with at most 256 colours, or nil when it has more.
// A card is flat colour and anti-aliased text: its colours fit a palette
// once each channel keeps its top five bits (a step of 8 in 255, below
// what the eye sees in anti-aliasing), and a paletted PNG is written
// without the per-row filter search that costs an RGBA PNG most of its
// encoding time (about half of a card's CPU) and is a third of the size.
func paletted(img *image.RGBA, bg color.RGBA) *image.Paletted {
	const mask = 0xf8
	key := func(r, g, b uint8) uint32 { return uint32(r&mask)<<16 | uint32(g&mask)<<8 | uint32(b&mask) }
	bgKey := key(bg.R, bg.G, bg.B)
	index := map[uint32]uint8{bgKey: 0}
	pal := color.Palette{color.RGBA{bg.R, bg.G, bg.B, 0xff}}
	out := image.NewPaletted(img.Bounds(), nil)
	pix := img.Pix
	for i, j := 0, 0; i < len(pix); i, j = i+4, j+1 {
		k := key(pix[i], pix[i+1], pix[i+2])
		if k == bgKey {
			continue // out.Pix is zero: the background
		}
		n, ok := index[k]
		if !ok {
			if len(pal) == 256 {
				return nil
			}
			n = uint8(len(pal))
			index[k] = n
			pal = append(pal, color.RGBA{pix[i], pix[i+1], pix[i+2], 0xff})
		}
		out.Pix[j] = n
	}
	out.Palette = pal
	return out
}

// logo decodes and scales a logo once per distinct image.
func (r *Renderer) logo(src []byte) (image.Image, error) {
	sum := sha256.Sum256(src)
	r.mu.Lock()
	defer r.mu.Unlock()
	if img, ok := r.logos[sum]; ok {
		return img, nil
	}
	img, _, err := image.Decode(bytes.NewReader(src))
	if err != nil {
		return nil, fmt.Errorf("card: the logo is not a PNG, JPEG or GIF image: %w", err)
	}
	b := img.Bounds()
	w, h := LogoSize, LogoSize
	if b.Dx() > b.Dy() {
		h = max(1, LogoSize*b.Dy()/b.Dx())
	} else {
		w = max(1, LogoSize*b.Dx()/b.Dy())
	}
	scaled := image.NewRGBA(image.Rect(0, 0, w, h))
	xdraw.CatmullRom.Scale(scaled, scaled.Bounds(), img, b, xdraw.Src, nil)
	if r.logos == nil {
		r.logos = map[[sha256.Size]byte]image.Image{}
	}
	r.logos[sum] = scaled
	return scaled, nil
}

// supported reports ErrUnsupported for right-to-left text or a rune the
// fonts have no glyph for.
func (r *Renderer) supported(s string) error {
	var buf sfnt.Buffer
	for _, ru := range s {
		if unicode.IsSpace(ru) {
			continue
		}
		if unicode.In(ru, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana, unicode.Nko) {
			return fmt.Errorf("%w: right-to-left text %q", ErrUnsupported, s)
		}
		for _, f := range []*opentype.Font{r.regular, r.bold} {
			if gi, err := f.GlyphIndex(&buf, ru); err != nil || gi == 0 {
				return fmt.Errorf("%w: %q in %q", ErrUnsupported, ru, s)
			}
		}
	}
	return nil
}

// wrap breaks s into at most max lines of width w, ending the last with
// an ellipsis when the text is longer.
func wrap(f font.Face, s string, w, max int) []string {
	var lines []string
	line := ""
	words := strings.Fields(s)
	for i, word := range words {
		try := strings.TrimSpace(line + " " + word)
		if font.MeasureString(f, try).Ceil() <= w || line == "" {
			line = try
			continue
		}
		lines = append(lines, line)
		line = word
		if len(lines) == max-1 {
			rest := strings.Join(words[i:], " ")
			lines = append(lines, fit(f, rest, w))
			return lines
		}
	}
	if line != "" {
		lines = append(lines, fit(f, line, w))
	}
	return lines
}

// fit shortens s with an ellipsis until it is at most w wide.
func fit(f font.Face, s string, w int) string {
	if font.MeasureString(f, s).Ceil() <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && font.MeasureString(f, string(r)+"…").Ceil() > w {
		r = r[:len(r)-1]
	}
	return strings.TrimSpace(string(r)) + "…"
}
