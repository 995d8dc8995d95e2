package buildstate_test

import (
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/buildstate"
	"github.com/medkb/medkb/internal/check"
	"github.com/medkb/medkb/internal/checkset"
	"github.com/medkb/medkb/internal/cputime"
)

// linkTargets returns n pages as link targets, sorted by file, each with
// a few element ids, as a bench article has them.
func linkTargets(n int) []check.Page {
	out := make([]check.Page, n)
	for i := range out {
		file := fmt.Sprintf("content/conditions/article-%06d.md", i)
		out[i] = check.Page{File: file, URL: "/conditions/article-" + fmt.Sprint(i) + "/", Lang: "en",
			Title: "Article " + fmt.Sprint(i), IDs: []string{"overview", "symptoms", "treatment", "references"}}
	}
	return out
}

func saveBody(t testing.TB, dir string, body buildstate.Body) {
	t.Helper()
	if err := buildstate.SaveFull(dir, buildstate.Head{Build: "b1"}, body, &buildstate.State{Marker: "m1"}); err != nil {
		t.Fatal(err)
	}
}

// TestBodyGivesItsPagesBackSortedByFile checks that the base's pages (more
// than one chunk of them) come back from Load as they were saved, in
// order by file, so that a patch's check view (checkset.SortedView) keeps
// them as they are instead of a second, sorted copy, and finds each.
func TestBodyGivesItsPagesBackSortedByFile(t *testing.T) {
	dir := t.TempDir()
	pages := linkTargets(2500)
	written := []string{"index.html", "conditions/index.html", "search/index.json"}
	saveBody(t, dir, buildstate.Body{Written: written, Checked: pages})
	st := buildstate.Load(dir)
	if st == nil {
		t.Fatal("Load: no state")
	}
	body := st.Body()
	if body == nil {
		t.Fatal("Body: unreadable")
	}
	if !reflect.DeepEqual(body.Checked, pages) || !slices.Equal(body.Written, written) {
		t.Fatalf("Body gave %d pages and %v; want the %d saved, in order, and %v", len(body.Checked), body.Written, len(pages), written)
	}
	v := checkset.SortedView(body.Checked)
	for _, p := range pages {
		if got, ok := v.Get(p.File); !ok || got.Title != p.Title {
			t.Fatalf("the view of the loaded pages gave %q, %v for %s; want %q", got.Title, ok, p.File, p.Title)
		}
	}
}

// TestBodyOutOfOrderIsUnreadable checks that a base whose pages are not
// in order by file (no build writes one: a damaged or foreign file) loads
// as unreadable, so that the next build is a full one, rather than as a
// view whose search misses pages that are there (and reports links to
// them as broken).
func TestBodyOutOfOrderIsUnreadable(t *testing.T) {
	for _, tc := range []struct {
		name  string
		pages func([]check.Page)
	}{
		{"reversed", slices.Reverse[[]check.Page]},
		{"one twice", func(p []check.Page) { p[1].File = p[0].File }},
		{"in a later chunk", func(p []check.Page) { p[1500].File = strings.Replace(p[1500].File, "article-0", "article-", 1) }},
		{"at a chunk's start", func(p []check.Page) { p[1023], p[1024] = p[1024], p[1023] }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			pages := linkTargets(2000)
			tc.pages(pages)
			saveBody(t, dir, buildstate.Body{Checked: pages})
			st := buildstate.Load(dir)
			if st == nil {
				t.Fatal("Load: no state (the head is fine)")
			}
			if body := st.Body(); body != nil {
				t.Errorf("Body gave %d pages out of order; want none (unreadable)", len(body.Checked))
			}
		})
	}
}

// BenchmarkPatchCheckView loads the base of a 100,000-page site as a
// one-article patch does (buildstate.Load, State.Body) and makes its
// check view, reporting the heap they keep (retained-MiB, after a
// collection) and the CPU it took (cpu-ns/op). The pages as a map, which
// the view copied into a sorted slice while the map stayed with the body
// to the patch's end, kept 144 MiB; the sorted slice the view keeps, 71.
func BenchmarkPatchCheckView(b *testing.B) {
	dir := b.TempDir()
	saveBody(b, dir, buildstate.Body{Checked: linkTargets(100_000)})
	var ms runtime.MemStats
	var retained uint64
	b.ReportAllocs()
	start := cputime.Process()
	for b.Loop() {
		runtime.GC()
		runtime.ReadMemStats(&ms)
		before := ms.HeapAlloc
		st := buildstate.Load(dir)
		body := st.Body()
		v := checkset.SortedView(body.Checked).With(nil)
		runtime.GC()
		runtime.ReadMemStats(&ms)
		retained += ms.HeapAlloc - before
		runtime.KeepAlive(st)
		runtime.KeepAlive(v)
	}
	b.ReportMetric(float64(cputime.Process()-start)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(retained)/float64(b.N)/(1<<20), "retained-MiB")
}
