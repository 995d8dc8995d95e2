package imaging

import "testing"

func TestUnshownNamesFormatsBrowsersDoNotShow(t *testing.T) {
	for name, want := range map[string]string{
		"/images/rash.heic": "HEIC", "IMG_0042.HEIC": "HEIC", "scan.tif": "TIFF", "scan.TIFF": "TIFF",
		"chart.pdf": "PDF", "x-ray.dng": "camera raw (DNG)", "https://cdn.example.org/a/b.jxl": "JPEG XL",
		"a.jpg": "", "a.JPEG": "", "a.png": "", "a.gif": "", "a.webp": "", "a.avif": "", "a.svg": "", "a.bmp": "", "favicon.ico": "", "noext": "", "a.heic/": "",
	} {
		got, ok := Unshown(name)
		if got != want || ok != (want != "") {
			t.Errorf("Unshown(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
}
