package site

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/medkb/medkb/internal/browsertest"
	"github.com/medkb/medkb/internal/mediatype"
)

// TestFeedsOpenAsReadablePagesInChromium opens the demo's RSS and Atom
// feeds in headless Chromium, served with the site's Content-Security-Policy,
// and checks the page the feed stylesheet makes of them. With
// MEDKB_UPDATE_SCREENSHOTS=1 it rewrites the README screenshot.
func TestFeedsOpenAsReadablePagesInChromium(t *testing.T) {
	files, _ := buildMem(t, New(Options{Source: "../..", Now: fixedNow}))
	var mu sync.Mutex
	var requested []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		requested = append(requested, r.URL.Path)
		mu.Unlock()
		name := strings.TrimPrefix(r.URL.Path, "/")
		if name == "" || strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		b, ok := files[name]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'")
		// As medkb serve, medkb deploy and the host configs send them
		// (package mediatype: feeds application/xml, their stylesheet
		// text/xsl), with nosniff, which they all send. Chromium applies
		// the stylesheet whatever its type (text/plain too, tried once).
		w.Header().Set("Content-Type", mediatype.Of(name))
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Write(b)
	}))
	defer srv.Close()
	// chromedp waits for an element that never appears until its context
	// ends: this bound only turns such a wait into a failure naming the
	// feed. It is generous (a loaded machine stalls a browser for a minute
	// or more; 60 s could fail a test that was only slow) and asserts
	// nothing about speed.
	ctx, cancel := context.WithTimeout(browsertest.Start(t, chromedp.WindowSize(1280, 900)), 5*time.Minute)
	defer cancel()
	for _, feedPath := range []string{"/index.xml", "/atom.xml", "/es/atom.xml"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+feedPath), chromedp.WaitVisible(`.feed-items li`)); err != nil {
			t.Fatalf("%s: %v", feedPath, err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](`({
			h1: document.querySelector("h1").textContent,
			notice: document.querySelector("#feed-about-title").textContent,
			address: document.querySelector(".feed-address").textContent,
			items: document.querySelectorAll(".feed-items li a").length,
			firstHref: document.querySelector(".feed-items li a").href,
			border: getComputedStyle(document.querySelector(".feed-about")).borderTopWidth,
			lang: document.documentElement.lang,
			foreign: performance.getEntriesByType("resource").map(e => e.name).filter(n => !n.startsWith(location.origin)),
		})`))
		if err != nil {
			t.Fatal(err)
		}
		wantNotice, wantLang, wantTitle := "This is a web feed", "en", "Demo Health Library"
		if strings.HasPrefix(feedPath, "/es/") {
			// The Spanish feed carries the site's Spanish title (medkb.yaml).
			wantNotice, wantLang, wantTitle = "Esto es un canal de noticias (feed)", "es", "Biblioteca de Salud de Demostración"
		}
		if got["h1"] != wantTitle || got["notice"] != wantNotice || got["lang"] != wantLang ||
			got["address"] != "https://health.example.org"+feedPath || got["items"].(float64) < 3 ||
			!strings.HasPrefix(got["firstHref"].(string), "https://health.example.org/") ||
			got["border"] != "2px" || len(got["foreign"].([]any)) != 0 {
			t.Errorf("%s rendered as %v", feedPath, got)
		}
		if feedPath == "/index.xml" && os.Getenv("MEDKB_UPDATE_SCREENSHOTS") == "1" {
			shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join("..", "e2e", "screenshots", "feed-desktop.png"), shot, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	mu.Lock()
	defer mu.Unlock()
	for _, p := range requested {
		switch p {
		case "/index.xml", "/atom.xml", "/es/atom.xml", "/feed.xsl", "/es/feed.xsl", "/feed.css", "/favicon.ico":
		default:
			t.Errorf("the feed page requested %s", p)
		}
	}
}
