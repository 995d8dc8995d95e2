package theme

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/medkb/medkb/internal/cputime"
)

// BenchmarkMethodCalls executes a page of twenty {{ if .On }} on page
// data, loaded untyped (each a method found by name, as text/template
// does) and typed (each a call of the method as a function, methods.go):
// no escaper is involved, so the two differ by that alone. An article
// page of the default theme makes about a dozen such calls.
func BenchmarkMethodCalls(b *testing.B) {
	fs := fstest.MapFS{
		"layouts/baseof.html": {Data: []byte(`{{ block "main" . }}{{ end }}`)},
		"layouts/page.html":   {Data: []byte(`{{ define "main" }}` + strings.Repeat(`{{ if .On }}x{{ end }}`, 20) + `{{ end }}`)},
	}
	layers := []Layer{{Name: "t", FS: fs}}
	for _, c := range []struct {
		name string
		dot  reflect.Type
	}{{"method", nil}, {"function", reflect.TypeFor[*benchData]()}} {
		s, err := LoadTyped(layers, []string{"en"}, "en", nil, c.dot)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(c.name, func(b *testing.B) {
			var buf bytes.Buffer
			d := &benchData{}
			b.ReportAllocs()
			start := cputime.Process()
			for b.Loop() {
				buf.Reset()
				if err := s.RenderTo(&buf, "en", "page", d); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cputime.Process()-start)/float64(b.N), "cpu-ns/op")
		})
	}
}

type benchData struct{}

func (*benchData) On() bool { return true }
