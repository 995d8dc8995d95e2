package feed

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

// benchFeed is a realistic feed: 20 items with about 8 KB of HTML each.
func benchFeed(format Format) Feed {
	f := smallFeed(format)
	paragraph := `<p>Asthma is a <a href="https://health.example.org/glossary/#chronic">chronic</a> disease of the airways &amp; lungs. ` +
		`Symptoms include wheeze, cough and <em>shortness of breath</em>.</p>` + "\n"
	content := strings.Repeat(paragraph, 8*1024/len(paragraph))
	template := f.Items[0]
	f.Items = make([]Item, 20)
	for i := range f.Items {
		it := template
		it.Published = time.Date(2024, 1, 1+i, 8, 0, 0, 0, time.UTC)
		it.Updated = it.Published.Add(48 * time.Hour)
		it.ID = ItemID("https://health.example.org/", it.Published, fmt.Sprintf("/conditions/c%d/", i))
		it.Link = fmt.Sprintf("https://health.example.org/conditions/c%d/", i)
		it.ContentHTML = content
		f.Items[i] = it
	}
	return f
}

func BenchmarkWrite(b *testing.B) {
	for _, format := range Formats() {
		b.Run(string(format), func(b *testing.B) {
			f := benchFeed(format)
			b.SetBytes(int64(len(write(b, f, format))))
			b.ReportAllocs()
			for b.Loop() {
				if err := Write(io.Discard, f, format); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWriteEveryFormat writes one feed in every format, as a site
// with feeds.formats [rss, atom, json] does for each of its feeds.
func BenchmarkWriteEveryFormat(b *testing.B) {
	f := benchFeed(RSS)
	b.ReportAllocs()
	for b.Loop() {
		p, err := Prepare(f)
		if err != nil {
			b.Fatal(err)
		}
		for _, format := range Formats() {
			if err := p.Write(io.Discard, format, selfURL(format)); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkAbsolutizeHTML(b *testing.B) {
	paragraph := []byte(`<p>See <a href="../copd/">COPD</a> and <img src="img/x.png" srcset="img/x-2.png 2x" alt="x">.</p>` + "\n")
	html := make([]byte, 0, 8*1024)
	for len(html) < 8*1024 {
		html = append(html, paragraph...)
	}
	b.SetBytes(int64(len(html)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := AbsolutizeHTML(html, "https://health.example.org/conditions/asthma/"); err != nil {
			b.Fatal(err)
		}
	}
}
