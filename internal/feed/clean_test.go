package feed

import (
	"bytes"
	"strings"
	"testing"
)

func TestReaderHTMLMakesGlossaryTermsAbbrAndDropsAnchorsAndHiddenText(t *testing.T) {
	in := `<div class="heading">
<h2 id="what">What to do</h2>
<a class="anchor" href="#what" aria-label="Link to this section: What to do">#</a>
</div>
<p>You may be <a class="term" href="/glossary/#heart-attack" aria-describedby="gl-1">having a <em>heart attack</em></a><span class="term-def" role="tooltip" id="gl-1">When the blood supply to part of the heart
 muscle is suddenly blocked.</span> now.<span class="visually-hidden"> (opens in a new tab)</span><span aria-hidden="true">→</span></p><p hidden>draft</p>`
	want := "\n<h2 id=\"what\">What to do</h2>\n\n\n<p>You may be <abbr title=\"When the blood supply to part of the heart muscle is suddenly blocked.\">having a <em>heart attack</em></abbr> now.</p>"
	got, err := ReaderHTML([]byte(in), "https://health.example.org/conditions/asthma/")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

func TestReaderHTMLAcceptsAnyDepth(t *testing.T) {
	in := strings.Repeat("<blockquote>", 10000) + `<a class="term" href="/g/#x">x</a><span class="term-def">def</span>` + strings.Repeat("</blockquote>", 10000)
	got, err := ReaderHTML([]byte(in), "https://health.example.org/conditions/asthma/")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(got), `<abbr title="def">x</abbr>`) || len(got) != len(in)-len(`<a class="term" href="/g/#x">x</a><span class="term-def">def</span>`)+len(`<abbr title="def">x</abbr>`) {
		t.Errorf("deep input not cleaned as expected (%d bytes)", len(got))
	}
}

func TestReaderHTMLKeepsEscapes(t *testing.T) {
	in := `<p>a &lt;script&gt;alert(1)&lt;/script&gt; &amp; <a class="term">x &lt;y&gt;</a><span class="term-def">"q" &lt;b&gt;</span></p>`
	want := `<p>a &lt;script&gt;alert(1)&lt;/script&gt; &amp; <abbr title="&#34;q&#34; &lt;b&gt;">x &lt;y&gt;</abbr></p>`
	got, err := ReaderHTML([]byte(in), "https://health.example.org/conditions/asthma/")
	if err != nil || string(got) != want {
		t.Errorf("got %q, %v\nwant %q", got, err, want)
	}
}

// FuzzReaderHTMLIsIdempotent checks that ReaderHTML never fails or panics
// on any input and that its output has nothing left to clean or resolve.
func FuzzReaderHTMLIsIdempotent(f *testing.F) {
	for _, s := range []string{
		`<div class="heading"><h2 id="a">A</h2><a class="anchor" href="#a">#</a></div><p><a class="term">t</a><span class="term-def">d</span></p>`,
		`<p hidden>x</p><span aria-hidden="true">→</span><br><img src=x><a class="term">unclosed`,
		`<a href="x">x</a>`, `<img srcset="a.jpg 1x, b.jpg 2x" src=c.png>`,
		`<video poster=../p.jpg controls>`, `<a href="#f">`, `<script><a href="x"></script>`,
		`<a href="a b?c=d&amp;e">`, `<img srcset=",,a.jpg,,">`, `<a href=" /x ">`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		const page = "https://health.example.org/a/b/"
		once, err := ReaderHTML(in, page)
		if err != nil {
			t.Fatalf("ReaderHTML(%q): %v", in, err)
		}
		twice, err := ReaderHTML(once, page)
		if err != nil {
			t.Fatalf("second ReaderHTML(%q): %v", once, err)
		}
		if !bytes.Equal(once, twice) {
			t.Fatalf("not idempotent:\n%q\n%q\n%q", in, once, twice)
		}
	})
}

// readerHTMLSeeds mix what cleaning and absolutizing each change: terms
// with relative links inside, anchors, hidden elements, unwrapped
// headings, srcset, self-closing tags, script and unclosed elements.
var readerHTMLSeeds = []string{
	`<div class="heading"><h2 id="a">A</h2><a class="anchor" href="#a">#</a></div><p><a class="term" href="../g/#t">t <img src="i.png"/></a><span class="term-def">d <a href="x">x</a></span></p>`,
	`<p hidden><a href="h">x</a></p><span aria-hidden="true">→</span><br><img src=x srcset="a.jpg 1x, b.jpg 2x"><a class="term" href="/g/">unclosed`,
	`<figure><img src="/img/a.jpg" alt="A"/><figcaption><a href="?q=1">q</a></figcaption></figure><video poster=p.jpg controls>`,
	`<script><a href="x"></script><a href="#f">f</a><a href="mailto:a@b.c">m</a><a href=" /x ">s</a>`,
	`<a class="term" href="t"><a class="term" href="u">nested</a></a><span class="term-def">def</span><div class="heading"><a href="z">z`,
}

// TestReaderHTMLIsCleanThenAbsolutize holds the one-pass ReaderHTML to the
// two passes it replaces (reference_test.go), byte for byte.
func TestReaderHTMLIsCleanThenAbsolutize(t *testing.T) {
	t.Parallel()
	for _, in := range readerHTMLSeeds {
		assertReaderHTML(t, []byte(in))
	}
}

func assertReaderHTML(t *testing.T, in []byte) {
	t.Helper()
	const page = "https://health.example.org/conditions/asthma/"
	want, err := cleanThenAbsolutize(in, page)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReaderHTML(in, page)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("ReaderHTML(%q):\n got %q\nwant %q", in, got, want)
	}
}

// FuzzReaderHTML is TestReaderHTMLIsCleanThenAbsolutize on any input.
func FuzzReaderHTML(f *testing.F) {
	for _, s := range readerHTMLSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) { assertReaderHTML(t, in) })
}
