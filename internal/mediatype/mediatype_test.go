package mediatype

import "testing"

func TestOf(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, want string
		fixed      bool
	}{
		{"conditions/asthma/index.html", "text/html; charset=utf-8", true},
		{"OLD/PAGE.HTM", "text/html; charset=utf-8", true},
		{"index.xml", "application/xml; charset=utf-8", true},
		{"es/feed.xsl", "text/xsl; charset=utf-8", true},
		{"es/feed.json", "application/feed+json", true},
		{"search/manifest.json", "application/json", true},
		{"cards/0a1b.png", "image/png", true},
		{"site.webmanifest", "application/manifest+json", true},
		{"blob.unknownext", "application/octet-stream", false},
		{"Makefile", "application/octet-stream", false},
	} {
		if got := Of(c.name); got != c.want {
			t.Errorf("Of(%q) = %q, want %q", c.name, got, c.want)
		}
		if got := Fixed(c.name); got != c.fixed {
			t.Errorf("Fixed(%q) = %v, want %v", c.name, got, c.fixed)
		}
	}
}
