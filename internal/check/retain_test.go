package check

import (
	"fmt"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"
)

// TestRunKeepsNoPageTextAfterItsChecks checks that what a page's Source and
// Text readers return is garbage once Run is done with the page: a build
// of a large site reads each page's source and text back one page at a
// time, and a diagnostic, memo or result that slices into them would keep
// every page's bytes alive until the run ends. Each is read once a page.
func TestRunKeepsNoPageTextAfterItsChecks(t *testing.T) {
	const pages = 64
	// One worker: the reader below then collects garbage while no other
	// page is being checked, so what is live is what Run keeps.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	var freed, loaded, maxLive atomic.Int64
	// track returns a fresh copy of s whose collection is counted; every
	// 8th read first collects the garbage and records how many of the
	// earlier reads are still live.
	track := func(s string) []byte {
		if loaded.Load()%8 == 7 {
			runtime.GC()
			time.Sleep(5 * time.Millisecond) // finalizers run on their own goroutine
			runtime.GC()
			time.Sleep(5 * time.Millisecond)
			if live := loaded.Load() - freed.Load(); live > maxLive.Load() {
				maxLive.Store(live)
			}
		}
		b := []byte(s)
		loaded.Add(1)
		runtime.SetFinalizer(&b[0], func(*byte) { freed.Add(1) })
		return b
	}
	hard := "Pharmacological bronchodilatation notwithstanding, exacerbations characteristically necessitate " +
		"multidisciplinary reconsideration of maintenance immunomodulatory pharmacotherapy and comprehensive " +
		"reassessment of inhalational administration methodology by appropriately credentialled practitioners."
	site := Site{Now: time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC), ReadabilityTarget: 8}
	for i := range pages {
		plain := fmt.Sprintf("Asthma page %d.\n%s\nCall 07700 900%03d if you are worried.", i, hard, i)
		src := "---\ntitle: Asthma\n---\n" + strings.ReplaceAll(plain, "\n", "\n\n") + "\nEmail nurse.jones@nhs.net.\n"
		site.Pages = append(site.Pages, Page{File: fmt.Sprintf("content/a%d.md", i), URL: fmt.Sprintf("/a%d/", i), Lang: "en",
			Title: fmt.Sprintf("Asthma %d", i), TitleLine: 2, Audience: "patient", IsArticle: true,
			Source: func() []byte { return track(src) },
			Text: func() (string, error) {
				b := track(plain)
				return unsafe.String(&b[0], len(b)), nil
			}})
	}
	diags := Run(site)
	var readability, identifier int
	for _, d := range diags {
		switch d.Check {
		case "readability":
			readability++
		case "identifier":
			identifier++
		}
	}
	if readability != pages || identifier < pages {
		t.Fatalf("got %d readability and %d identifier findings over %d pages; the test no longer exercises those checks", readability, identifier, pages)
	}
	if want := int64(2 * pages); loaded.Load() != want {
		t.Errorf("the checks read sources and texts %d times over %d pages, want %d: each page's source and text once", loaded.Load(), pages, want)
	}
	// The worker holds at most the page's text and source being checked.
	if bound := int64(2); maxLive.Load() > bound {
		t.Errorf("up to %d sources and texts were live at once during Run (bound %d): a page's must be dropped once it is checked", maxLive.Load(), bound)
	}
	for range 10 {
		runtime.GC()
		if freed.Load() == loaded.Load() {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if kept := loaded.Load() - freed.Load(); kept > 0 {
		t.Errorf("%d of the %d sources and texts the checks read are still live after Run; each page's must be dropped once it is checked", kept, loaded.Load())
	}
	runtime.KeepAlive(diags)
	runtime.KeepAlive(site)
}
