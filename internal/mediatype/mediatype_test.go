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

// TestKindsIsTheTable: the host configs declare Kinds, so it must hold
// every extension Of answers for itself, with Of's type, once each.
func TestKindsIsTheTable(t *testing.T) {
	t.Parallel()
	kinds := Kinds()
	if len(kinds) != len(types) {
		t.Fatalf("Kinds has %d entries, the table %d", len(kinds), len(types))
	}
	for i, k := range kinds {
		if i > 0 && kinds[i-1].Ext >= k.Ext {
			t.Errorf("Kinds is not sorted by extension: %s after %s", k.Ext, kinds[i-1].Ext)
		}
		if !Fixed("a"+k.Ext) || Of("a"+k.Ext) != k.Type {
			t.Errorf("Kinds says %s is %s; Of says %s", k.Ext, k.Type, Of("a"+k.Ext))
		}
	}
	if Of(FeedJSON) != FeedJSONType || !Fixed("es/"+FeedJSON) {
		t.Errorf("Of(%s) = %s, want %s", FeedJSON, Of(FeedJSON), FeedJSONType)
	}
}
