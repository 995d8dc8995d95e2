package phi

import (
	"bytes"
	"testing"
	"unicode/utf8"
)

// FuzzIdentifiers checks that Scan never panics, that positions always
// point inside the input and that the allow marker always wins. Seeds
// live in testdata/fuzz/FuzzIdentifiers.
func FuzzIdentifiers(f *testing.F) {
	f.Add([]byte("Call 020 7946 0958 or mail jane@gmail.com"))
	for _, s := range phiShapes { // BenchmarkScanShapes' inputs
		f.Add(buildShape(s.unit, 2<<10))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		lines := bytes.Split(src, []byte("\n"))
		for _, fd := range Scan(src) {
			if fd.Line < 1 || fd.Line > len(lines) {
				t.Fatalf("line %d outside 1..%d", fd.Line, len(lines))
			}
			line := lines[fd.Line-1]
			if fd.Col < 1 || fd.Col > utf8.RuneCount(line) {
				t.Fatalf("col %d outside line %q", fd.Col, line)
			}
			if bytes.Contains(line, []byte(AllowMarker)) {
				t.Fatalf("finding on a line with the allow marker: %q", line)
			}
			if fd.Kind == "" || fd.Masked == "" {
				t.Fatalf("empty kind or mask: %+v", fd)
			}
		}
	})
}
