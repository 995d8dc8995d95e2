package feed

import (
	"strings"
	"testing"
)

// TestReaderHTMLMakesURLsAbsolute: a feed reader shows an item outside the
// site, so every relative reference must resolve against the page.
func TestReaderHTMLMakesURLsAbsolute(t *testing.T) {
	t.Parallel()
	const page = "https://health.example.org/conditions/asthma/"
	tests := []struct {
		name, in, want string
	}{
		{"relative", `<img src="img/lungs.png" alt="Lungs">`,
			`<img src="https://health.example.org/conditions/asthma/img/lungs.png" alt="Lungs">`},
		{"root-relative", `<a href="/glossary/#fev1">FEV1</a>`,
			`<a href="https://health.example.org/glossary/#fev1">FEV1</a>`},
		{"dot segments", `<a href="../copd/">COPD</a>`,
			`<a href="https://health.example.org/conditions/copd/">COPD</a>`},
		{"fragment", `<a href="#treatment">Treatment</a>`,
			`<a href="https://health.example.org/conditions/asthma/#treatment">Treatment</a>`},
		{"query only", `<a href="?page=2">next</a>`,
			`<a href="https://health.example.org/conditions/asthma/?page=2">next</a>`},
		{"poster and source", `<video poster="p.jpg"><source src="v.mp4" type="video/mp4"></video>`,
			`<video poster="https://health.example.org/conditions/asthma/p.jpg"><source src="https://health.example.org/conditions/asthma/v.mp4" type="video/mp4"></video>`},
		{"srcset", `<img srcset="a-480.jpg 480w, /b-800.jpg 800w,https://cdn.example.net/c.jpg 2x">`,
			`<img srcset="https://health.example.org/conditions/asthma/a-480.jpg 480w, https://health.example.org/b-800.jpg 800w, https://cdn.example.net/c.jpg 2x">`},
		{"srcset without descriptors", `<img srcset="a.jpg, b.jpg 2x">`,
			`<img srcset="https://health.example.org/conditions/asthma/a.jpg, https://health.example.org/conditions/asthma/b.jpg 2x">`},
		{"srcset URL runs to whitespace, commas included", `<img srcset="c_fill,w_80/a.jpg 1x">`,
			`<img srcset="https://health.example.org/conditions/asthma/c_fill,w_80/a.jpg 1x">`},
		{"srcset data URL keeps its comma", `<img srcset="data:image/png;base64,AAAA 1x, b.png 2x">`,
			`<img srcset="data:image/png;base64,AAAA 1x, https://health.example.org/conditions/asthma/b.png 2x">`},
		{"entities in value re-escaped", `<a href="search?q=a&amp;b=1">s</a>`,
			`<a href="https://health.example.org/conditions/asthma/search?q=a&amp;b=1">s</a>`},
		{"self-closing tag and upper case", `<IMG SRC='x.png'/>`,
			`<img src="https://health.example.org/conditions/asthma/x.png"/>`},
		{"other attributes survive", `<a class=ext title="A &quot;b&quot;" href=x>x</a>`,
			`<a class="ext" title="A &#34;b&#34;" href="https://health.example.org/conditions/asthma/x">x</a>`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReaderHTML([]byte(tc.in), page)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("ReaderHTML(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestReaderHTMLLeavesOtherBytesAlone(t *testing.T) {
	t.Parallel()
	for _, in := range []string{
		`<a href="https://other.example/x">abs</a>`,
		`<a href="HTTP://OTHER.example/X">abs upper-case scheme</a>`,
		`<img src="//cdn.example.net/x.png">`,
		`<a href="mailto:clinic@example.org?subject=Hi%20there">mail</a>`,
		`<a href="tel:+15551234">call</a>`,
		`<img src="data:image/gif;base64,R0lGOD==">`,
		`<a href="">empty</a>`,
		`<a name=top>no URL attribute</a>`,
		`<p CLASS=x>  odd   spacing &amp; entities &eacute; </p><!-- <a href="rel"> -->`,
		`<script>var s = '<a href="rel">';</script><style>a{background:url(x.png)}</style>`,
		`<!DOCTYPE html><br><hr/>text with < and > & stray`,
		"<p>unclosed <b>tags <i>and\ttabs\r\n",
	} {
		got, err := ReaderHTML([]byte(in), "https://health.example.org/a/")
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != in {
			t.Errorf("ReaderHTML changed bytes it had no reason to touch\n got %q\nwant %q", got, in)
		}
	}
}

func TestReaderHTMLRejectsRelativePageURL(t *testing.T) {
	t.Parallel()
	for _, page := range []string{"/conditions/asthma/", "health.example.org/a/", "", "https://%zz/"} {
		if _, err := ReaderHTML([]byte(`<a href="x">x</a>`), page); err == nil || !strings.Contains(err.Error(), "page URL") {
			t.Errorf("ReaderHTML with page URL %q: error = %v, want a page URL error", page, err)
		}
	}
}
