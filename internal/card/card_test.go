package card

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"testing"

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
	for _, c := range []Card{{Title: "x"}, {Section: "x"}, {Trust: "x"}, {Site: "x"}, {Accent: color.RGBA{1, 2, 3, 4}}} {
		if k := Key(c); seen[k] {
			t.Errorf("key collision for %+v", c)
		} else {
			seen[k] = true
		}
	}
}

func BenchmarkCards1000(b *testing.B) {
	r, err := NewRenderer()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		for i := 0; i < 1000; i++ {
			c := demo
			c.Title = demo.Title[:20+i%40]
			if _, err := r.Render(c); err != nil {
				b.Fatal(err)
			}
		}
	}
}
