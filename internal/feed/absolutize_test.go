package feed

import (
	"strings"
	"testing"
)

func TestAbsolutizeHTML(t *testing.T) {
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
			got, err := AbsolutizeHTML([]byte(tc.in), page)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("AbsolutizeHTML(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestAbsolutizeHTMLLeavesOtherBytesAlone(t *testing.T) {
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
		got, err := AbsolutizeHTML([]byte(in), "https://health.example.org/a/")
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != in {
			t.Errorf("AbsolutizeHTML changed bytes it had no reason to touch\n got %q\nwant %q", got, in)
		}
	}
}

func TestAbsolutizeHTMLRejectsRelativePageURL(t *testing.T) {
	t.Parallel()
	for _, page := range []string{"/conditions/asthma/", "health.example.org/a/", "", "https://%zz/"} {
		if _, err := AbsolutizeHTML([]byte(`<a href="x">x</a>`), page); err == nil || !strings.Contains(err.Error(), "page URL") {
			t.Errorf("AbsolutizeHTML with page URL %q: error = %v, want a page URL error", page, err)
		}
	}
}

// FuzzAbsolutizeHTML checks that absolutizing never fails on arbitrary
// input and is idempotent: once every URL is absolute, nothing changes.
func FuzzAbsolutizeHTML(f *testing.F) {
	for _, seed := range []string{
		`<a href="x">x</a>`, `<img srcset="a.jpg 1x, b.jpg 2x" src=c.png>`,
		`<video poster=../p.jpg controls>`, `<a href="#f">`, `<script><a href="x"></script>`,
		`<a href="a b?c=d&amp;e">`, `<img srcset=",,a.jpg,,">`, `<a href=" /x ">`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		const page = "https://health.example.org/a/b/"
		once, err := AbsolutizeHTML(in, page)
		if err != nil {
			t.Fatalf("AbsolutizeHTML(%q): %v", in, err)
		}
		twice, err := AbsolutizeHTML(once, page)
		if err != nil {
			t.Fatalf("second AbsolutizeHTML(%q): %v", once, err)
		}
		if string(once) != string(twice) {
			t.Errorf("not idempotent for %q:\n once %q\ntwice %q", in, once, twice)
		}
	})
}
