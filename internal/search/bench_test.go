package search

import "testing"

func BenchmarkBuild(b *testing.B) {
	docs := append(handDocs(), syntheticDocs(1000)...)
	var st Stats
	for b.Loop() {
		var err error
		if _, st, err = Build(docs, Options{Lang: "en"}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(st.Bytes), "index-bytes")
	b.ReportMetric(float64(st.Files), "files")
}
