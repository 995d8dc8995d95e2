package e2e

import (
	"os"
	"path/filepath"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// readmeShots are the screenshots, by the name screenshot is given, that the
// README shows; MEDKB_UPDATE_SCREENSHOTS=1 rewrites them in screenshots/.
var readmeShots = map[string]string{
	"home-desktop-light":   "home-desktop.jpg",
	"article-phone-light":  "article-phone.jpg",
	"search-desktop-light": "search-desktop.jpg",
	"article-desktop-dark": "article-dark-desktop.jpg",
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
	writeFile(tb, filepath.Join(shared.root, "testout", "screenshots", name+".jpg"), full)

	file, ok := readmeShots[name]
	if !ok || os.Getenv("MEDKB_UPDATE_SCREENSHOTS") != "1" {
		return
	}
	quality := int64(80)
	shot := callCDP(tb, page.CaptureScreenshot, page.CaptureScreenshotParams{Format: page.CaptureScreenshotFormatJpeg, Quality: &quality})
	if len(shot.Data) > maxReadmeShot {
		tb.t.Errorf("README screenshot %s is %d KB, more than %d KB", file, len(shot.Data)>>10, maxReadmeShot>>10)
	}
	writeFile(tb, filepath.Join("screenshots", file), shot.Data)
}

func writeFile(tb *tab, name string, data []byte) {
	tb.t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		tb.t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		tb.t.Fatal(err)
	}
}
