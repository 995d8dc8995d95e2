package benchgen

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"math/rand/v2"
)

// Photo returns a photo-like JPEG of w×h pixels: smooth light and colour
// gradients under fine sensor-like noise, which JPEG compresses about as
// badly as a real phone photo (4000×3000 at quality 90 is about 5 MB).
// The same seed gives the same bytes.
func Photo(seed uint64, w, h, quality int) []byte {
	const noise = 12
	r := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	img := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	fx, fy := 2*math.Pi/float64(w), 2*math.Pi/float64(h)
	sx, cy := make([]float64, w), make([]float64, h)
	for x := range w {
		sx[x] = 60 * math.Sin(float64(x)*fx*1.3)
	}
	for y := range h {
		cy[y] = math.Cos(float64(y) * fy * 0.7)
	}
	ripple := make([]float64, w+h)
	for i := range ripple {
		ripple[i] = 24 * math.Sin(float64(i)*fx*9)
	}
	for y := range h {
		row := img.Y[y*img.YStride:]
		for x := range w {
			row[x] = clamp(128 + sx[x]*cy[y] + ripple[x+y] + r.NormFloat64()*noise)
		}
	}
	for y := range (h + 1) / 2 {
		for x := range (w + 1) / 2 {
			i := img.COffset(2*x, 2*y)
			img.Cb[i] = clamp(128 + 30*math.Sin(float64(2*x)*fx*2) + r.NormFloat64()*6)
			img.Cr[i] = clamp(128 + 30*math.Cos(float64(2*y)*fy*3) + r.NormFloat64()*6)
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: quality}); err != nil {
		panic(err) // encoding to memory does not fail
	}
	return b.Bytes()
}

func clamp(v float64) uint8 {
	return color.Gray{Y: uint8(max(0, min(255, math.Round(v))))}.Y
}
