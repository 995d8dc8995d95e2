package serve

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/medkb/medkb/internal/browsertest"
)

// newBrowser starts a headless Chromium for the test.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	return browsertest.Start(t, chromedp.WindowSize(800, 600))
}

// browserDo runs chromedp actions, failing the test on error.
func browserDo(t *testing.T, ctx context.Context, step string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", step, err)
	}
}

// evaluate runs a JavaScript expression in the page and decodes its value.
func evaluate[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// poll waits until the JavaScript expression is truthy.
func poll(expr string) chromedp.Action[chromedp.Void] {
	return chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(hangGuard))
}

// pollAcrossReload is poll for a page that reloads meanwhile: a reload
// aborts a running poll, which is then started again on the new page.
func pollAcrossReload(t *testing.T, ctx context.Context, expr string) {
	t.Helper()
	deadline := time.Now().Add(hangGuard)
	for {
		err := chromedp.Do(ctx, poll(expr))
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("poll %s: %v", expr, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// waitForSubscribers waits until n pages listen to the event stream, so
// that a change made afterwards is sure to reach them.
func (h *harness) waitForSubscribers(n int) {
	h.tb.Helper()
	deadline := time.Now().Add(hangGuard)
	for {
		h.srv.hub.mu.Lock()
		got := len(h.srv.hub.subs)
		h.srv.hub.mu.Unlock()
		if got >= n {
			return
		}
		if time.Now().After(deadline) {
			h.tb.Fatalf("%d event subscribers, want %d", got, n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestLiveReloadScriptInBrowser drives the injected script in a real
// browser: stylesheet swap without reload, error overlay filled as text,
// recovery with reload and scroll position kept.
func TestLiveReloadScriptInBrowser(t *testing.T) {
	ctx := newBrowser(t)
	site := demoSite()
	site["content/conditions/asthma.md"] = "# Asthma\n\n" + strings.Repeat("Wheezing and cough.\n\n", 300)
	h := startServer(t, site, nil)

	browserDo(t, ctx, "load page",
		chromedp.Navigate(h.url+"conditions/asthma/"),
		chromedp.WaitReady("body"),
	)
	h.waitForSubscribers(1)
	evaluate[float64](t, ctx, `window.medkbMarker = "same page"; window.scrollTo(0, 1200); window.scrollY`)

	// A stylesheet edit is applied without reloading the page.
	h.write("static/css/site.css", "body { color: rgb(1, 2, 3) }\n")
	browserDo(t, ctx, "stylesheet swap",
		poll(`getComputedStyle(document.body).color === "rgb(1, 2, 3)"`),
		poll(`document.querySelectorAll("link[rel=stylesheet]").length === 1`),
	)
	if marker := evaluate[string](t, ctx, `String(window.medkbMarker)`); marker != "same page" {
		t.Errorf("page reloaded on a stylesheet-only change")
	}

	// A build error shows the overlay; its text is the message verbatim,
	// and the markup inside it stays text.
	const broken = `{{< figure <img src=x onerror="window.medkbPwned=1">`
	h.write("content/conditions/asthma.md", "# Asthma\n\n"+broken+"\n")
	type overlayState struct {
		Text      string `json:"text"`
		Images    int    `json:"images"`
		Modal     string `json:"modal"`
		Label     string `json:"label"`
		Pwned     bool   `json:"pwned"`
		Reloaded  bool   `json:"reloaded"`
		Paragraph bool   `json:"paragraph"`
	}
	browserDo(t, ctx, "error overlay", poll(`document.querySelector('[role="alertdialog"] pre') !== null`))
	overlay := evaluate[overlayState](t, ctx, `(() => {
		const box = document.querySelector('[role="alertdialog"]');
		return {
			text: box.querySelector("pre").textContent,
			images: box.querySelectorAll("img").length,
			modal: box.getAttribute("aria-modal"),
			label: box.getAttribute("aria-label"),
			pwned: window.medkbPwned === 1,
			reloaded: window.medkbMarker !== "same page",
			paragraph: document.body.textContent.includes("Wheezing and cough."),
		};
	})()`)
	wantText := "content/conditions/asthma.md:3:1: unclosed shortcode: " + broken
	if overlay.Text != wantText {
		t.Errorf("overlay text = %q, want %q", overlay.Text, wantText)
	}
	if overlay.Images != 0 || overlay.Pwned {
		t.Errorf("the message was rendered as markup: %+v", overlay)
	}
	if overlay.Modal != "false" || overlay.Label != "Build error" {
		t.Errorf("overlay aria-modal=%q aria-label=%q", overlay.Modal, overlay.Label)
	}
	if overlay.Reloaded || !overlay.Paragraph {
		t.Errorf("the failed build replaced the last good page: %+v", overlay)
	}

	// The fix removes the overlay and reloads, keeping the scroll position.
	h.write("content/conditions/asthma.md", "# Asthma\n\n"+strings.Repeat("Fixed text.\n\n", 300))
	pollAcrossReload(t, ctx, `document.readyState === "complete" && document.body.textContent.includes("Fixed text.") && window.scrollY > 0`)
	if evaluate[bool](t, ctx, `document.querySelector('[role="alertdialog"]') !== null`) {
		t.Error("overlay still shown after the fix")
	}
	if y := evaluate[float64](t, ctx, `window.scrollY`); y != 1200 {
		t.Errorf("scrollY after reload = %v, want 1200", y)
	}
}
