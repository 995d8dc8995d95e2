package site

import (
	"strings"
	"testing"
)

// TestBadInputIsReportedWithPosition covers the foundation's bad inputs:
// each stops the build with an error naming the file, the line where it can,
// and a hint.
func TestBadInputIsReportedWithPosition(t *testing.T) {
	cases := []struct {
		name, extra, file string
		line              int
		want              string
	}{
		{"invalid front matter", "-- content/conditions/bad.md --\n---\ntitle: Bad\ntags: [unclosed\n---\n", "content/conditions/bad.md", 0, "front matter"},
		{"invalid date", "-- content/conditions/bad.md --\n---\ntitle: Bad\ndate: 2024-13-45\n---\n", "content/conditions/bad.md", 3, `invalid date "2024-13-45"`},
		{"unknown template function", "-- layouts/page.html --\n{{ define \"main\" }}\n<p>{{ nosuchfunc . }}</p>\n{{ end }}\n", "layouts/page.html", 2, `function "nosuchfunc" not defined`},
		{"missing layout", "-- content/conditions/odd.md --\n---\ntitle: Odd\nlayout: nonexistent\n---\n", "content/conditions/odd.md", 3, `layout "nonexistent" does not exist`},
		{"duplicate output path", "-- content/conditions/asthma-2.md --\n---\ntitle: Asthma again\nslug: asthma\n---\n", "content/conditions/asthma.md", 0, "both would be conditions/asthma/index.html"},
		{"unknown author", "-- content/conditions/bad.md --\n---\ntitle: Bad\nauthors: [nobody]\n---\n", "content/conditions/bad.md", 3, `unknown author id "nobody"`},
		{"reference without a link", "-- content/conditions/bad.md --\n---\ntitle: Bad\nreferences:\n  - id: x\n    title: Nowhere\n---\n", "content/conditions/bad.md", 4, "neither doi, pmid nor url"},
		{"unknown citation", "-- content/conditions/bad.md --\n---\ntitle: Bad\n---\nText [@nope].\n", "content/conditions/bad.md", 4, `unknown reference`},
		{"front matter never closes", "-- content/conditions/bad.md --\n---\ntitle: Bad\n", "content/conditions/bad.md", 1, "never closes"},
		{"slug escaping the destination", "-- content/conditions/bad.md --\n---\ntitle: Bad\nslug: ../../etc\n---\n", "content/conditions/bad.md", 0, "invalid slug"},
		{"url escaping the destination", "-- content/conditions/bad.md --\n---\ntitle: Bad\nurl: /../../etc/passwd\n---\n", "content/conditions/bad.md", 3, "invalid url"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			errs := buildErr(t, writeSite(t, baseSite+c.extra))
			for _, d := range errs {
				if strings.HasSuffix(d.File, c.file) && strings.Contains(d.Message, c.want) {
					if c.line > 0 && d.Line != c.line {
						t.Errorf("%s reported at line %d; want %d", c.want, d.Line, c.line)
					}
					if d.Hint == "" {
						t.Errorf("error %q has no hint", d.Message)
					}
					return
				}
			}
			t.Fatalf("no error in %s containing %q; got:\n%v", c.file, c.want, errs)
		})
	}
}

func TestMissingCardImageIsAnError(t *testing.T) {
	t.Parallel()
	extra := "-- content/conditions/pic.md --\n---\ntitle: Pic\ndate: 2025-01-01\nimage: /images/nope.png\n---\nBody.\n"
	errs := buildErr(t, writeSite(t, baseSite+extra))
	if len(errs) != 1 || errs[0].File != "content/conditions/pic.md" || errs[0].Line != 4 || !strings.Contains(errs[0].Message, "/images/nope.png does not exist") {
		t.Fatalf("errors = %v", errs)
	}
}

// A card image in a format link previews, feed readers and most browsers
// do not show (an iPhone's HEIC photo) is an error, as a missing one is,
// even when the file is there.
func TestCardImageInAFormatBrowsersDoNotShowIsAnError(t *testing.T) {
	t.Parallel()
	extra := "-- static/images/rash.heic --\nnot really a photo\n" +
		"-- content/conditions/pic.md --\n---\ntitle: Pic\ndate: 2025-01-01\nimage: /images/rash.heic\n---\nBody.\n"
	errs := buildErr(t, writeSite(t, baseSite+extra))
	if len(errs) != 1 || errs[0].File != "content/conditions/pic.md" || errs[0].Line != 4 ||
		!strings.Contains(errs[0].Message, "/images/rash.heic is a HEIC file") || !strings.Contains(errs[0].Hint, "JPEG") {
		t.Fatalf("errors = %v", errs)
	}
}
