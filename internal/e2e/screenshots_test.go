package e2e

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// readmeShot returns the file name in screenshots/ of a screenshot, by the
// name screenshot is given, that the README shows; MEDKB_UPDATE_SCREENSHOTS=1
// rewrites these.
func readmeShot(name string) (file string, ok bool) {
	switch name {
	case "home-desktop-light":
		return "home-desktop.jpg", true
	case "article-phone-light":
		return "article-phone.jpg", true
	case "search-desktop-light":
		return "search-desktop.jpg", true
	case "article-desktop-dark":
		return "article-dark-desktop.jpg", true
	case "article-desktop-light":
		return "article-desktop.jpg", true // the side contents list
	case "section-desktop-light":
		return "section-az-desktop.jpg", true
	case "person-desktop-light":
		return "person-desktop.jpg", true
	case "print-heart-attack":
		return "print-preview.jpg", true // the first A4 page, print styles
	}
	return "", false
}

// maxReadmeShot keeps the committed screenshots small.
const maxReadmeShot = 300 << 10

// screenshot saves the whole page as testout/screenshots/NAME.jpg at the
// repository root, and the viewport as a README screenshot when asked to.
func (tb *tab) screenshot(name string) {
	tb.t.Helper()
	full, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(80))
	if err != nil {
		tb.t.Fatalf("screenshot %s: %v", name, err)
	}
	writeOutput(tb.t, filepath.Join(shared.root, "testout", "screenshots", name+".jpg"), full)

	file, ok := readmeShot(name)
	if !ok || os.Getenv("MEDKB_UPDATE_SCREENSHOTS") != "1" {
		return
	}
	quality := int64(80)
	shot := callCDP(tb, page.CaptureScreenshot, page.CaptureScreenshotParams{Format: page.CaptureScreenshotFormatJpeg, Quality: &quality})
	if len(shot.Data) > maxReadmeShot {
		tb.t.Errorf("README screenshot %s is %d KB, more than %d KB", file, len(shot.Data)>>10, maxReadmeShot>>10)
	}
	writeOutput(tb.t, filepath.Join("screenshots", file), shot.Data)
}

// writeOutput writes a file, making its folder first.
func writeOutput(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFileT(t, name, data)
}
