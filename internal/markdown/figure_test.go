package markdown_test

import (
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/markdown"
)

// sized answers every image with a fixed size and two variants, and
// records what it was asked.
func sized(asked *[]string) func(string) (markdown.LocalImage, bool) {
	return func(dest string) (markdown.LocalImage, bool) {
		*asked = append(*asked, dest)
		if !strings.HasSuffix(dest, ".jpg") {
			return markdown.LocalImage{}, false
		}
		v := strings.TrimSuffix(dest, ".jpg")
		return markdown.LocalImage{Width: 4000, Height: 3000, Src: v + ".960w.jpg",
			Srcset: v + ".480w.jpg 480w, " + v + ".960w.jpg 960w", Sizes: "(max-width: 44rem) calc(100vw - 2rem), 42rem"}, true
	}
}

func TestLocalImagesGetTheirSizeAndVariants(t *testing.T) {
	t.Parallel()
	var asked []string
	src := "Before ![A chest X-ray](/images/xray.jpg) after.\n\n![Unknown](/images/unknown.png)\n\n" +
		"![Remote](https://example.org/a.jpg)\n\n<img src=\"/images/raw.jpg\" alt=\"raw\">\n"
	res := render(t, markdown.New(markdown.Options{}), src, markdown.Context{File: "a.md", Images: sized(&asked)})
	assertContains(t, res.HTML,
		`<p>Before <img src="/images/xray.960w.jpg" alt="A chest X-ray" loading="lazy" decoding="async" width="4000" height="3000" `+
			`srcset="/images/xray.480w.jpg 480w, /images/xray.960w.jpg 960w" sizes="(max-width: 44rem) calc(100vw - 2rem), 42rem"> after.</p>`,
		`<img src="/images/unknown.png" alt="Unknown" loading="lazy" decoding="async"></p>`)
	if strings.Join(asked, " ") != "/images/xray.jpg /images/unknown.png" {
		t.Errorf("looked up %q; want the two local Markdown images, in order", asked)
	}
	// The checks see the image as written, not its variant.
	if len(res.Images) != 2 || res.Images[0].Src != "/images/xray.jpg" || res.Images[0].Line != 1 {
		t.Errorf("Images = %+v", res.Images)
	}
}

func TestTitledImageAloneIsAFigure(t *testing.T) {
	t.Parallel()
	var asked []string
	src := "# Page\n\n![Inhaler & spacer <b>](/images/spacer.jpg \"Fit the <spacer> & \\\"shake\\\" it\")\n\n" +
		"Inline ![icon](/i.png \"a tooltip\") stays.\n\n![No title](/n.png)\n\n> ![Quoted](/q.png \"In a quote\")\n"
	res := render(t, markdown.New(markdown.Options{}), src, markdown.Context{File: "a.md", Images: sized(&asked)})
	assertContains(t, res.HTML,
		"<figure>\n"+`<img src="/images/spacer.960w.jpg" alt="Inhaler &amp; spacer " loading="lazy"`,
		"\n<figcaption>Fit the &lt;spacer&gt; &amp; &quot;shake&quot; it</figcaption>\n</figure>\n",
		`<p>Inline <img src="/i.png" alt="icon" title="a tooltip"`,
		`<p><img src="/n.png" alt="No title"`,
		"<blockquote>\n<figure>\n<img src=\"/q.png\" alt=\"Quoted\"",
		"<figcaption>In a quote</figcaption>")
	assertNotContains(t, res.HTML, `title="Fit`, `<p><figure>`, `<spacer>`)
	if !strings.Contains(res.Plain, `Fit the <spacer> & "shake" it`) {
		t.Errorf("the caption is not in the plain text: %q", res.Plain)
	}
	if len(res.Images) != 4 || res.Images[0].Line != 3 || res.Images[3].Line != 9 {
		t.Errorf("Images = %+v", res.Images)
	}
}

// With raw HTML kept, the sanitizer keeps the figure and the variant
// attributes, and refuses a srcset that reaches another host.
func TestSanitizerKeepsFiguresAndLocalSrcsets(t *testing.T) {
	t.Parallel()
	var asked []string
	src := "![X-ray](/images/xray.jpg \"Caption\")\n\n<div>raw</div>\n\n" +
		"<img src=\"/a.png\" alt=\"a\" srcset=\"//evil.example/a.png 480w\">\n\n" +
		"<img src=\"/b.png\" alt=\"b\" srcset=\"https://evil.example/b.png 480w, /b.png 960w\">\n\n" +
		"<img src=\"/c.png\" alt=\"c\" srcset=\"/c.480w.png 480w,c.960w.png 960w\" sizes=\"42rem\">\n"
	res := render(t, markdown.New(markdown.Options{Unsafe: true}), src, markdown.Context{File: "a.md", Images: sized(&asked)})
	assertContains(t, res.HTML, "<figure>",
		`srcset="/images/xray.480w.jpg 480w, /images/xray.960w.jpg 960w" sizes="(max-width: 44rem) calc(100vw - 2rem), 42rem"`,
		"<figcaption>Caption</figcaption>", `srcset="/c.480w.png 480w,c.960w.png 960w" sizes="42rem"`)
	assertNotContains(t, res.HTML, "evil.example")
	var warned int
	for _, d := range res.Diagnostics {
		if strings.Contains(d.Message, "srcset") {
			warned++
		}
	}
	if warned != 2 {
		t.Errorf("%d srcset warnings, want 2: %v", warned, res.Diagnostics)
	}
}
