package checkset

import (
	"fmt"
	"runtime"
	"testing"
	"time"
	"unsafe"

	"github.com/medkb/medkb/internal/assemble"
	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/page"
)

// TestRunKeepsOneViewOfEachPage: the view a full run keeps (for rebuilds
// and the editor's report) is the pages the checks ran over, not a second
// copy of them by file, and a page's ids are the ones Facts recorded,
// not a copy; at 100,000 articles each copy cost about 100 MB. Not
// parallel: it reads the heap's size.
func TestRunKeepsOneViewOfEachPage(t *testing.T) {
	cfg, err := config.Parse([]byte("title: x\n"))
	if err != nil {
		t.Fatal(err)
	}
	const n = 2000
	facts := NewFacts()
	var pages []*page.Page
	html := `<main id="main"><h1 id="title">T</h1>`
	for i := range 20 {
		html += fmt.Sprintf(`<h2 id="part-%d">Part</h2>`, i)
	}
	html += `</main><footer class="site-footer"><a href="/about/">About</a></footer>`
	for i := range n {
		p := linking(fmt.Sprintf("content/a%04d.md", i), fmt.Sprintf("/a%04d/", i), "/a0000/#part-3")
		p.Lang, p.Meta.Title = "en", fmt.Sprintf("Page %d", i)
		facts.Record(p, []byte(html))
		pages = append(pages, p)
	}
	in := Input{Config: cfg, Site: &assemble.Site{Config: cfg, Langs: []*assemble.Lang{{Pages: pages}}},
		Today: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), Source: func(string) func() []byte { return nil },
		Facts: facts, Files: map[string]bool{}}
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	before := ms.HeapAlloc
	view := Run(in).View
	runtime.GC()
	runtime.ReadMemStats(&ms)
	per := (int64(ms.HeapAlloc) - int64(before)) / n
	t.Logf("%d bytes a page", per)
	if view.Len() != n {
		t.Fatalf("the view holds %d pages; want %d", view.Len(), n)
	}
	cp, _ := view.Get("content/a0001.md")
	if len(cp.IDs) != 22 || unsafe.SliceData(cp.IDs) != unsafe.SliceData(facts.ids[pages[1]]) {
		t.Errorf("the view's ids of a page (%d) are a copy of those Facts recorded", len(cp.IDs))
	}
	if max := int64(unsafe.Sizeof(cp)) + 256; per > max {
		t.Errorf("the view keeps %d bytes a page; want at most %d (one check.Page and its small lists)", per, max)
	}
	runtime.KeepAlive(in)
}
