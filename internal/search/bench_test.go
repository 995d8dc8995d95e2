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

// BenchmarkUpdate edits one page of a 5,000-page index per op, alternating
// two versions of its body, and reports the files each update rewrites.
func BenchmarkUpdate(b *testing.B) {
	docs := append(handDocs(), syntheticDocs(5000)...)
	ix, err := NewIncremental(docs, Options{Lang: "en"})
	if err != nil {
		b.Fatal(err)
	}
	ix.PrepareUpdates()
	d := docs[2]
	bodies := []string{d.Body + " A spacer helps children use an inhaler.", d.Body + " Peak flow readings guide treatment."}
	written, i := 0, 0
	for b.Loop() {
		d.Body = bodies[i%2]
		i++
		ch, err := ix.Update([]Doc{d})
		if err != nil {
			b.Fatal(err)
		}
		written += len(ch.Written)
	}
	b.ReportMetric(float64(written)/float64(i), "files-written/op")
	b.ReportMetric(float64(len(ix.files)), "files")
}
