package highlight

import (
	"bytes"
	"encoding/xml"
	"maps"
	"slices"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/styles"
)

// TestStylesMatchChroma holds styles_gen.go to chroma's styles package:
// the same names, each style the same (as chroma serialises it and as the
// stylesheet it gives), and the same fallback. After a chroma upgrade that
// changes a style it fails until go generate is run.
func TestStylesMatchChroma(t *testing.T) {
	t.Parallel()
	var ours []string
	for _, s := range styleXML {
		ours = append(ours, s.name)
	}
	if !slices.IsSorted(ours) {
		t.Fatalf("styleXML is not sorted by name (style's search needs it): %v", ours)
	}
	theirs := slices.Sorted(maps.Keys(styles.Registry))
	if !slices.Equal(ours, theirs) {
		t.Fatalf("styles_gen.go has styles %v, chroma has %v: run go generate", ours, theirs)
	}
	f := newFormatter()
	for _, name := range theirs {
		got, err := style(name)
		if err != nil {
			t.Fatalf("style(%q): %v", name, err)
		}
		want := styles.Registry[name]
		if g, w := marshal(t, got), marshal(t, want); g != w {
			t.Errorf("style %q:\n got %s\nwant %s\nrun go generate", name, g, w)
		}
		var g, w bytes.Buffer
		if err := f.WriteCSS(&g, got); err != nil {
			t.Fatal(err)
		}
		if err := f.WriteCSS(&w, want); err != nil {
			t.Fatal(err)
		}
		if g.String() != w.String() {
			t.Errorf("style %q: stylesheet differs from chroma's:\n got %s\nwant %s", name, g.String(), w.String())
		}
	}
	if got, want := marshal(t, fallbackStyle()), marshal(t, styles.Fallback); got != want {
		t.Errorf("fallback style:\n got %s\nwant %s", got, want)
	}
}

func marshal(t *testing.T, s *chroma.Style) string {
	t.Helper()
	b, err := xml.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
