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
				if err := writeFeed(io.Discard, f, format); err != nil {
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

// BenchmarkReaderHTML cleans and absolutizes an article's HTML for a feed
// item in one pass; BenchmarkCleanThenAbsolutize is the same in two.
func BenchmarkReaderHTML(b *testing.B) {
	html := itemHTML()
	b.SetBytes(int64(len(html)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReaderHTML(html, "https://health.example.org/conditions/asthma/"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCleanThenAbsolutize(b *testing.B) {
	html := itemHTML()
	b.SetBytes(int64(len(html)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := cleanThenAbsolutize(html, "https://health.example.org/conditions/asthma/"); err != nil {
			b.Fatal(err)
		}
	}
}

// itemHTML is about 8 KB of an article body as medkb renders it: heading
// wrappers with anchors, glossary terms with their tooltips, links to
// other pages.
func itemHTML() []byte {
	section := `<div class="heading"><h2 id="symptoms">Symptoms</h2><a class="anchor" href="#symptoms" aria-label="Link to this section">#</a></div>
<p>Asthma is a <a class="term" href="/glossary/#chronic" aria-describedby="gl-1">chronic</a><span class="term-def" role="tooltip" id="gl-1">Lasting a long time.</span> disease of the airways. See <a href="../copd/">COPD</a> and <a href="/living-well/exercise/#warm-up">warming up</a>.</p>
<ul><li>Wheeze and cough, <em>worse at night</em>.</li><li>Shortness of breath <a href="#triggers">after triggers</a>.</li></ul>
`
	var html []byte
	for len(html) < 8*1024 {
		html = append(html, section...)
	}
	return html
}
