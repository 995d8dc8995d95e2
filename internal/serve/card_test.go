package serve

import (
	"net/http"
	"strings"
	"testing"
)

func TestCardPreviewServesThePagesOGImage(t *testing.T) {
	files := map[string]string{
		"layouts/page.html": `<!doctype html><html><head><title>{{ .Title }}</title>` +
			`<meta property="og:image" content="https://health.test/kb/cards/abc.png"></head><body>{{ .Content }}</body></html>`,
		"content/conditions/asthma.md": "# Asthma\n\nWheezing.\n",
		"static/cards/abc.png":         "\x89PNG card bytes",
	}
	h := startServer(t, files, nil)
	r := h.get("/__medkb/card/conditions/asthma/")
	if r.status != http.StatusOK || r.body != "\x89PNG card bytes" || r.header.Get("Content-Type") != "image/png" {
		t.Errorf("card preview: %d %q %q", r.status, r.header.Get("Content-Type"), r.body)
	}
	if r := h.get("/__medkb/card/conditions/none/"); r.status != http.StatusNotFound || !strings.Contains(r.body, "no page at /conditions/none") {
		t.Errorf("missing page: %d %q", r.status, r.body)
	}
}
