package e2e

import (
	"fmt"
	"net/http"
	"testing"
)

// phone390 is the phone of issue 18: an iPhone 12–15 sized viewport.
var phone390 = viewport{name: "phone-390", width: 390, height: 844}

// textSizes are the browser text sizes WCAG 1.4.4 and 1.4.10 ask content to
// survive, as percentages of the default root font size.
var textSizes = []int{100, 130, 200}

// setTextSize sets the root font size as a browser's text zoom does, so that
// everything sized in rem and em grows with it.
func (tb *tab) setTextSize(percent int) {
	tb.t.Helper()
	eval[bool](tb, fmt.Sprintf(`(document.documentElement.style.setProperty('font-size', '%d%%'), true)`, percent))
}

// TestReflow (WCAG 1.4.10) opens every page kind on a 390×844 phone and
// checks that at 100 %, 130 % and 200 % text size the page does not scroll
// sideways: document.documentElement.scrollWidth equals innerWidth. The
// failure names the outermost elements that stick out.
func TestReflow(t *testing.T) {
	for _, k := range pageKinds() {
		t.Run(k.name, func(t *testing.T) {
			t.Parallel()
			tb := newTab(t, shared.site.URL)
			tb.setViewport(phone390)
			if k.status != http.StatusOK {
				tb.log.allowStatus(shared.site.URL + k.path)
			}
			tb.open(k.path)
			if k.ready != "" {
				tb.waitFor(k.ready, k.name+" page scripts", searchState)
			}
			for _, size := range textSizes {
				tb.setTextSize(size)
				o := eval[overflow](tb, measureOverflow)
				if o.Scroll != o.Inner {
					t.Errorf("%s at %d%% text on a %dpx phone: scrollWidth %d, innerWidth %d; sticking out: %v",
						k.path, size, phone390.width, o.Scroll, o.Inner, o.Wide)
				}
			}
			tb.requireClean(k.path)
		})
	}
}
