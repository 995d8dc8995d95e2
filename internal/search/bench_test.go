package search

import (
	"context"
	"fmt"
	"testing"
)

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

// BenchmarkQueryCost reports the requests and bytes of a cold query at
// several corpus sizes (the time per op is Node's, not the browser's).
func BenchmarkQueryCost(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		files, _, err := Build(append(handDocs(), syntheticDocs(n)...), Options{Lang: "en"})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			var c []Cost
			for b.Loop() {
				if c, err = QueryCosts(context.Background(), files, []string{"asthma inhaler", "heart attack", "diabetis"}); err != nil {
					b.Fatal(err)
				}
			}
			var req, gz int64
			for _, x := range c {
				req += int64(x.Requests)
				gz += x.GzipBytes
			}
			b.ReportMetric(float64(req)/float64(len(c)), "requests/query")
			b.ReportMetric(float64(gz)/float64(len(c)), "gzip-bytes/query")
		})
	}
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
