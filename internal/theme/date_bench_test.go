package theme

import (
	"os"
	"testing"
	"testing/fstest"
	"time"
)

// BenchmarkFormatDate formats 1,000 dates in the default theme's English
// and Spanish, as a build does a few times on every page and feed item
// (the date template function is the same code).
func BenchmarkFormatDate(b *testing.B) {
	fs := fstest.MapFS{"layouts/baseof.html": {Data: []byte(`{{ block "main" . }}{{ end }}`)}}
	for _, k := range Kinds {
		fs["layouts/"+k+".html"] = &fstest.MapFile{Data: []byte(`{{ define "main" }}{{ end }}`)}
	}
	for _, lang := range []string{"en", "es"} {
		data, err := os.ReadFile("../../themes/default/i18n/" + lang + ".yaml")
		if err != nil {
			b.Fatal(err)
		}
		fs["i18n/"+lang+".yaml"] = &fstest.MapFile{Data: data}
	}
	s, err := Load([]Layer{{Name: "t", FS: fs}}, []string{"en", "es"}, "en", nil)
	if err != nil {
		b.Fatal(err)
	}
	day := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		for i := range 500 {
			s.FormatDate("en", day.AddDate(0, 0, i))
			s.FormatDate("es", day.AddDate(0, 0, i))
		}
	}
}
