package card

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"testing"
	"time"

	"github.com/medkb/medkb/internal/cputime"
	"github.com/medkb/medkb/internal/golden"
)

var demo = Card{Title: "Type 2 diabetes: symptoms, treatment and living well with it every day", Section: "Conditions",
	Trust: "Medically reviewed by Dr Daniel Okafor, PharmD · 14 September 2026", Site: "Demo Health Library",
	Background: color.RGBA{0xff, 0xff, 0xff, 0xff}, Text: color.RGBA{0x1a, 0x1a, 0x2e, 0xff}, Accent: color.RGBA{0x0b, 0x5c, 0xad, 0xff}}

func TestCardMatchesTheGoldenImage(t *testing.T) {
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	logo, err := os.ReadFile("../../static/images/logo.png")
	if err != nil {
		t.Fatal(err)
	}
	demo := demo
	demo.Logo = logo
	got, err := r.Render(demo)
	if err != nil {
		t.Fatal(err)
	}
	if golden.Update() {
		os.WriteFile("testdata/card.golden.png", got, 0o644)
	}
	want, err := os.ReadFile("testdata/card.golden.png")
	if err != nil {
		t.Fatal(err)
	}
	a, _ := png.Decode(bytes.NewReader(got))
	b, _ := png.Decode(bytes.NewReader(want))
	if a.Bounds() != image.Rect(0, 0, 1200, 630) || b.Bounds() != a.Bounds() {
		t.Fatalf("size %v, golden %v", a.Bounds(), b.Bounds())
	}
	// Tolerance: anti-aliasing may differ slightly across font rasteriser
	// versions; more than 0.5% of pixels off by more than 48 is a change.
	off := 0
	for y := 0; y < 630; y++ {
		for x := 0; x < 1200; x++ {
			if far(a.At(x, y), b.At(x, y), 48) {
				off++
			}
		}
	}
	if off > 1200*630/200 {
		t.Errorf("%d pixels differ from testdata/card.golden.png (make golden, or go test ./internal/card -update, rewrites it)", off)
	}
	if again, _ := r.Render(demo); !bytes.Equal(again, got) {
		t.Error("the same card rendered twice differs")
	}
}

func far(p, q color.Color, tol int) bool {
	r1, g1, b1, _ := p.RGBA()
	r2, g2, b2, _ := q.RGBA()
	d := func(a, b uint32) bool { x := int(a>>8) - int(b>>8); return x > tol || -x > tol }
	return d(r1, r2) || d(g1, g2) || d(b1, b2)
}

func TestCardRefusesTextItCannotDraw(t *testing.T) {
	r, _ := NewRenderer()
	for _, title := range []string{"الربو", "糖尿病", "Asthma 😷"} {
		c := demo
		c.Title = title
		if _, err := r.Render(c); !errors.Is(err, ErrUnsupported) {
			t.Errorf("%q: err = %v, want ErrUnsupported", title, err)
		}
	}
	c := demo
	c.Title = "Diabète, asma y niños — ça va"
	if _, err := r.Render(c); err != nil {
		t.Errorf("Latin with accents: %v", err)
	}
}

func TestKeyChangesWithEveryField(t *testing.T) {
	seen := map[string]bool{Key(demo): true}
	for _, c := range []Card{{Title: "x"}, {Section: "x"}, {Trust: "x"}, {Site: "x"}, {Accent: color.RGBA{1, 2, 3, 4}}, {Logo: []byte{1}}} {
		if k := Key(c); seen[k] {
			t.Errorf("key collision for %+v", c)
		} else {
			seen[k] = true
		}
	}
}

// The logo is drawn in the top right corner, scaled to LogoSize, and the
// section line is shortened so the two never overlap.
func TestCardDrawsTheLogoTopRight(t *testing.T) {
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	red := image.NewRGBA(image.Rect(0, 0, 400, 200)) // 2:1, so 112×56 on the card
	draw := func(img *image.RGBA, c color.RGBA) {
		for i := 0; i < len(img.Pix); i += 4 {
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, c.A
		}
	}
	draw(red, color.RGBA{0xff, 0, 0, 0xff})
	var logo bytes.Buffer
	png.Encode(&logo, red)
	c := demo
	c.Section = "A section name long enough to run under the logo if it were not shortened"
	c.Logo = logo.Bytes()
	b, err := r.Render(c)
	if err != nil {
		t.Fatal(err)
	}
	img, _ := png.Decode(bytes.NewReader(b))
	isRed := func(x, y int) bool {
		r, g, b, _ := img.At(x, y).RGBA()
		return r > 0xf000 && g < 0x1000 && b < 0x1000
	}
	// 112×56 placed at x 992–1104, centred in rows 44–156: rows 72–128.
	for _, p := range []image.Point{{995, 75}, {1100, 125}, {1048, 100}} {
		if !isRed(p.X, p.Y) {
			t.Errorf("no logo pixel at %v", p)
		}
	}
	for _, p := range []image.Point{{985, 100}, {1110, 100}, {1048, 68}, {1048, 132}} {
		if isRed(p.X, p.Y) {
			t.Errorf("logo pixel outside its box at %v", p)
		}
	}
	if CheckLogo(logo.Bytes()) != nil {
		t.Error("CheckLogo refuses a PNG")
	}
	c.Logo = []byte("<svg xmlns='http://www.w3.org/2000/svg'/>")
	if CheckLogo(c.Logo) == nil {
		t.Error("CheckLogo accepts an SVG, which the card cannot draw")
	}
	if _, err := r.Render(c); err == nil {
		t.Error("Render draws an SVG logo it cannot decode")
	}
}

// BenchmarkCards1000 draws the cards of 1,000 articles on one core (the
// demo card with its logo and titles of 20–59 characters) and reports CPU
// milliseconds per card, the unit BenchmarkCardsPeer reports for
// satori/resvg.
func BenchmarkCards1000(b *testing.B) {
	r, err := NewRenderer()
	if err != nil {
		b.Fatal(err)
	}
	logo, err := os.ReadFile("../../static/images/logo.png")
	if err != nil {
		b.Fatal(err)
	}
	var cpu time.Duration
	for b.Loop() {
		start := cputime.Process()
		for i := 0; i < 1000; i++ {
			c := demo
			c.Title = demo.Title[:20+i%40]
			c.Logo = logo
			if _, err := r.Render(c); err != nil {
				b.Fatal(err)
			}
		}
		cpu += cputime.Process() - start
	}
	if cpu > 0 { // where the platform reports process CPU time
		b.ReportMetric(float64(cpu.Microseconds())/float64(b.N)/1e6, "cpu-ms/card")
	}
}

// A card is written as a paletted PNG (a quarter of the CPU and a third
// of the bytes of an RGBA one); an image with more than 256 colours after
// quantising stays RGBA rather than losing colours.
func TestCardsArePalettedUnlessTooColourful(t *testing.T) {
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	b, err := r.Render(demo)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := img.(*image.Paletted); !ok {
		t.Errorf("the demo card decodes as %T, want a paletted PNG", img)
	}
	rainbow := image.NewRGBA(image.Rect(0, 0, 64, 64))
	for i := 0; i < len(rainbow.Pix); i += 4 {
		rainbow.Pix[i], rainbow.Pix[i+1], rainbow.Pix[i+2], rainbow.Pix[i+3] = uint8(i/4%64*4), uint8(i/4/64*4), 0x80, 0xff
	}
	if p := paletted(rainbow, demo.Background); p != nil {
		t.Errorf("4,096 colours fitted in a palette of %d", len(p.Palette))
	}
}
