package phi

import (
	"bytes"
	"fmt"
	"testing"
)

// phiShapes are inputs that once made scanners superlinear: long lines of
// digits, many candidates on one line, lines without spaces (issue #25).
var phiShapes = []struct {
	name string
	unit func(i int) string
}{
	{"phones-one-line", func(int) string { return "call 020 7946 0958 or " }},
	{"digits-no-spaces", func(int) string { return "0123456789" }},
	{"digit-groups", func(int) string { return "12-34 " }},
	{"emails-one-line", func(i int) string { return fmt.Sprintf("a%d@nhs.net ", i) }},
	{"at-signs", func(int) string { return "a@a@a." }},
	{"dots-no-spaces", func(int) string { return "1.2.3.4." }},
	{"street-words", func(int) string { return "12 Main Main Main " }},
	{"urls", func(i int) string { return fmt.Sprintf("https://example.org/%d ", i) }},
	{"many-lines", func(int) string { return "Born 01/02/1990\n" }},
}

func buildShape(unit func(int) string, n int) []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < n; i++ {
		b.WriteString(unit(i))
	}
	return b.Bytes()
}

// BenchmarkScanShapes scans each shape at 10 KB … 8 MB and reports
// ns/byte, flat when Scan is linear in its input.
func BenchmarkScanShapes(b *testing.B) {
	for _, s := range phiShapes {
		for _, size := range []struct {
			name string
			n    int
		}{{"10KB", 10 << 10}, {"100KB", 100 << 10}, {"1MB", 1 << 20}, {"8MB", 8 << 20}} {
			b.Run(s.name+"/"+size.name, func(b *testing.B) {
				src := buildShape(s.unit, size.n)
				b.SetBytes(int64(len(src)))
				for b.Loop() {
					Scan(src)
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(src)), "ns/byte")
			})
		}
	}
}

// Columns of many findings on one long line with multi-byte text before
// each: each column counts the runes before it exactly once.
func TestColumnsOnALongLine(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	const n = 2000
	for range n {
		b.WriteString("Café ☎ 020 7946 0958, ")
	}
	got := Scan(b.Bytes())
	if len(got) != n {
		t.Fatalf("%d findings, want %d", len(got), n)
	}
	unit := len([]rune("Café ☎ 020 7946 0958, "))
	for i, f := range got {
		if want := i*unit + len([]rune("Café ☎ ")) + 1; f.Line != 1 || f.Col != want || f.Kind != Phone {
			t.Fatalf("finding %d = %+v, want 1:%d phone", i, f, want)
		}
	}
}
