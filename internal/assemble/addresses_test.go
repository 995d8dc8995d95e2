package assemble

import (
	"testing"
	"unsafe"

	"github.com/medkb/medkb/internal/page"
)

// A page's three addresses are one string: the output path and the
// absolute address are parts of it, and the site-rooted address is the
// end of the absolute one when it is that; the values are as given.
func TestSetAddressesHoldsOneString(t *testing.T) {
	for _, c := range []struct {
		rel, abs, out string
		shared        bool // rel is the end of abs
	}{
		{"/conditions/asthma/", "https://example.org/conditions/asthma/", "conditions/asthma/index.html", true},
		{"/guide/conditions/asthma/", "https://org.github.io/guide/conditions/asthma/", "guide/conditions/asthma/index.html", true},
		{"/", "https://example.org/", "index.html", true},
		{"https://elsewhere.example/x/", "https://elsewhere.example/x/", "https://elsewhere.example/x/", true},
		{"/a/", "https://example.org/b/", "a/index.html", false},
	} {
		var p page.Page
		// Copies, so that nothing the test holds shares the bytes.
		rel, abs, out := string([]byte(c.rel)), string([]byte(c.abs)), string([]byte(c.out))
		setAddresses(&p, rel, abs, out)
		if p.RelPermalink != c.rel || p.Permalink != c.abs || p.OutputPath != c.out {
			t.Errorf("setAddresses(%q, %q, %q): %q, %q, %q", c.rel, c.abs, c.out, p.RelPermalink, p.Permalink, p.OutputPath)
			continue
		}
		start := unsafe.StringData(p.Permalink)
		if unsafe.StringData(p.OutputPath) != (*byte)(unsafe.Add(unsafe.Pointer(start), len(p.Permalink))) {
			t.Errorf("%s: the output path is a string of its own, not the end of the page's one string", c.rel)
		}
		inAbs := unsafe.StringData(p.RelPermalink) == (*byte)(unsafe.Add(unsafe.Pointer(start), len(p.Permalink)-len(p.RelPermalink)))
		if inAbs != c.shared {
			t.Errorf("%s: the site-rooted address shares the absolute one's bytes: %v, want %v", c.rel, inAbs, c.shared)
		}
		if n := testing.AllocsPerRun(50, func() { setAddresses(&p, rel, abs, out) }); n != 1 {
			t.Errorf("%s: %v allocations, want 1", c.rel, n)
		}
	}
}
