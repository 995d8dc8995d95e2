package buildcache

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestCachesOfHexKeysAreAnotherVersion loads the cache files the medkb
// before Key wrote, their keys 64-character hex strings (testdata/hexkeys,
// from a build of a small site: markdown.bin of md-45, frontmatter.bin of
// fm-15): each is another version, ignored whole — no entry read, and not
// taken for a file of this version that ends in a damaged record (torn),
// whose records before the damage would be read as this format. Saving
// after a Put writes the file anew, in this version.
func TestCachesOfHexKeysAreAnotherVersion(t *testing.T) {
	checkIgnored(t, "markdown.bin", func(dir string) *Log[*Markdown] { return NewMarkdown(dir).heads }, &Markdown{Summary: "new"})
	checkIgnored(t, "frontmatter.bin", NewFrontMatter, &FrontMatter{Skip: 3})
}

func checkIgnored[V any](t *testing.T, name string, open func(dir string) *Log[V], v V) {
	t.Helper()
	old, err := os.ReadFile(filepath.Join("testdata", "hexkeys", name))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), old, 0o600); err != nil {
		t.Fatal(err)
	}
	l := open(dir)
	l.Load()
	if len(l.entries) != 0 || l.torn || l.size != 0 {
		t.Errorf("%s of hex keys: %d entries read, torn %v, size %d; want it ignored as another version", name, len(l.entries), l.torn, l.size)
	}
	l.Put(tkey("k"), v)
	if !l.Save() {
		t.Fatalf("%s: Save failed", name)
	}
	data, err := os.ReadFile(filepath.Join(dir, name))
	e := &encoder{}
	e.str(l.version)
	if err != nil || !bytes.HasPrefix(data, e.b) {
		t.Errorf("%s after Save: %.20q, %v; want it rewritten, starting with %q", name, data, err, l.version)
	}
	again := open(dir)
	if again.Load(); len(again.entries) != 1 {
		t.Errorf("%s after Save: %d entries; want the one put", name, len(again.entries))
	}
}
