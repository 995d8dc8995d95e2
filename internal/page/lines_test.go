package page

import (
	"fmt"
	"maps"
	"sync"
	"testing"
)

// TestLinesIsAMapOfKeyLines: Lines answers as the map it replaced would,
// keeps keys in the order set (a line set again replaces the old), tells
// absent from empty, and LinesOf gives equal Lines for equal maps.
func TestLinesIsAMapOfKeyLines(t *testing.T) {
	var l Lines
	if !l.Absent() || l.Len() != 0 || l.Of("title") != 0 {
		t.Fatalf("zero Lines: absent %v, len %d, title %d", l.Absent(), l.Len(), l.Of("title"))
	}
	l = MakeLines(2)
	if l.Absent() {
		t.Error("MakeLines(2) is absent, want empty")
	}
	want := map[string]int{"title": 2, "date": 3, "tags": 7, "a key no other test uses": 1 << 30}
	for _, k := range []string{"title", "date", "tags", "a key no other test uses"} {
		l.Set(k, want[k])
	}
	l.Set("date", 4)
	want["date"] = 4
	if l.Len() != len(want) {
		t.Errorf("Len %d, want %d", l.Len(), len(want))
	}
	for k, n := range want {
		if got, ok := l.Line(k); !ok || got != n {
			t.Errorf("Line(%q) = %d, %v; want %d, true", k, got, ok, n)
		}
	}
	if n, ok := l.Line("summary"); ok || n != 0 {
		t.Errorf("Line(summary) = %d, %v for a key not set", n, ok)
	}
	if n, ok := l.Line("a key never set on any page"); ok || n != 0 {
		t.Errorf("Line of a key no page has = %d, %v", n, ok)
	}
	var order []string
	got := map[string]int{}
	for k, n := range l.All() {
		order = append(order, k)
		got[k] = n
	}
	if !maps.Equal(got, want) || fmt.Sprint(order) != "[title date tags a key no other test uses]" {
		t.Errorf("All yields %v in order %v, want %v in the order set", got, order, want)
	}
	a, b := LinesOf(map[string]int{"x": 1, "y": 2, "z": 3}), LinesOf(map[string]int{"z": 3, "y": 2, "x": 1})
	if fmt.Sprint(a.packed) != fmt.Sprint(b.packed) || a.Of("y") != 2 {
		t.Errorf("LinesOf of equal maps: %v and %v", a.packed, b.packed)
	}
	if !LinesOf(nil).Absent() || LinesOf(map[string]int{}).Absent() {
		t.Error("LinesOf(nil) must be absent and LinesOf of an empty map not")
	}
}

// TestLinesNumbersKeysOnceAcrossGoroutines: pages parsed on every core
// add keys at once; each key gets one number (run with -race).
func TestLinesNumbersKeysOnceAcrossGoroutines(t *testing.T) {
	var wg sync.WaitGroup
	lines := make([]Lines, 8)
	for g := range lines {
		wg.Go(func() {
			for i := range 50 {
				lines[g].Set(fmt.Sprintf("concurrent-key-%d", i), g*100+i)
			}
		})
	}
	wg.Wait()
	for g, l := range lines {
		for i := range 50 {
			if n := l.Of(fmt.Sprintf("concurrent-key-%d", i)); n != g*100+i {
				t.Fatalf("goroutine %d key %d: line %d, want %d", g, i, n, g*100+i)
			}
		}
	}
	if id1, _ := keyID("concurrent-key-7", false); lines[0].packed[7]>>32 != uint64(id1) || lines[5].packed[7]>>32 != uint64(id1) {
		t.Error("one key got two numbers")
	}
}

// BenchmarkLinesAgainstMap gives the bytes a page's key lines take, as
// Lines and as the map[string]int it replaced, for a bench article's 14
// keys (go test -bench LinesAgainstMap -benchmem ./internal/page/).
func BenchmarkLinesAgainstMap(b *testing.B) {
	keys := []string{"title", "id", "summary", "date", "lastmod", "draft", "tags", "authors", "reviewed_by",
		"last_reviewed", "audience", "specialty", "about", "references"}
	b.Run("map", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			m := make(map[string]int, len(keys))
			for i, k := range keys {
				m[k] = i + 2
			}
			benchMap = m
		}
	})
	b.Run("Lines", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			l := MakeLines(len(keys))
			for i, k := range keys {
				l.Set(k, i+2)
			}
			benchLines = l
		}
	})
}

var (
	benchMap   map[string]int
	benchLines Lines
)
