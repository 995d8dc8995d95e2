package buildcache

import (
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"testing"
)

// A Log with a file holds none of the values it is given: each is written
// to the spill file at once and read back when asked for, and Save puts
// them in the log, which the next build loads. A Log without a file (the
// dev server's) keeps them.
func TestLogWithAFileKeepsNoValueInMemory(t *testing.T) {
	dir := t.TempDir()
	c := NewMarkdown(dir)
	c.Load()
	want := map[string]*Markdown{}
	for _, k := range []string{"b", "a", "c"} {
		m := &Markdown{HTML: "<p>" + k + "</p>", Plain: k + " text", Cited: []string{k}}
		want[k] = m
		c.Put(k, m)
		if c.InMemory(k) {
			t.Fatalf("%s is held in memory after Put", k)
		}
	}
	if n := len(c.entries); n != 0 {
		t.Fatalf("%d values held in memory; want none", n)
	}
	for k, m := range want {
		got, err := c.Fetch(k)
		if err != nil || !reflect.DeepEqual(got, m) {
			t.Fatalf("Fetch(%s) = %+v, %v; want %+v", k, got, err, m)
		}
	}
	if _, err := c.Fetch("missing"); err != ErrNotFound {
		t.Fatalf("Fetch of a missing key: %v; want ErrNotFound", err)
	}
	c.Save()
	// The spill file is not left in the cache folder (Windows removes it
	// only once it is closed).
	if ents, _ := os.ReadDir(dir); runtime.GOOS != "windows" && (len(ents) != 1 || ents[0].Name() != "markdown.bin") {
		t.Errorf("cache folder holds %v; want markdown.bin alone", ents)
	}
	// Still readable after Save, as the pages of the build read it.
	if got, err := c.Fetch("a"); err != nil || got.HTML != "<p>a</p>" {
		t.Fatalf("after Save, Fetch(a) = %+v, %v", got, err)
	}

	next := NewMarkdown(dir)
	next.Load()
	for k, m := range want {
		got, ok := next.Get(k)
		if !ok || !reflect.DeepEqual(got, m) || !next.InMemory(k) {
			t.Fatalf("next build: Get(%s) = %+v, %v; want %+v, from the mapped file", k, got, ok, m)
		}
	}
	// A record added by the next build is appended after the loaded ones.
	next.Put("d", &Markdown{HTML: "<p>d</p>"})
	next.Save()
	third := NewMarkdown(dir)
	third.Load()
	if got, ok := third.Get("d"); !ok || got.HTML != "<p>d</p>" {
		t.Fatalf("appended record: %+v, %v", got, ok)
	}
	if got, ok := third.Get("b"); !ok || got.HTML != "<p>b</p>" {
		t.Fatalf("earlier record after an append: %+v, %v", got, ok)
	}

	mem := NewMarkdown("")
	mem.Load()
	mem.Put("a", want["a"])
	if got, ok := mem.Get("a"); !ok || got != want["a"] || !mem.InMemory("a") {
		t.Fatalf("a Log without a file: Get = %p, %v; want the value put, held", got, ok)
	}
}

// Load removes what a build killed while rewriting or naming the log left
// beside it, and nothing else.
func TestLoadRemovesWhatAKilledBuildLeft(t *testing.T) {
	dir := t.TempDir()
	c := NewMarkdown(dir)
	c.Load()
	c.Put("a", &Markdown{HTML: "<p>a</p>"})
	c.Save()
	left := []string{"markdown.bin.123.tmp", "markdown.bin.9876543210.link", "markdown.bin.42.spill"}
	kept := []string{"markdown.bin", "frontmatter.bin.7.tmp", "markdown.binary.1.tmp", "notes.tmp", "markdown.bin.1.tmp.txt"}
	for _, name := range append(left, kept[1:]...) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("left"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	next := NewMarkdown(dir)
	next.Load()
	if got, ok := next.Get("a"); !ok || got.HTML != "<p>a</p>" {
		t.Fatalf("the log itself: Get(a) = %+v, %v", got, ok)
	}
	var names []string
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		names = append(names, e.Name())
	}
	slices.Sort(kept)
	if !slices.Equal(names, kept) {
		t.Errorf("after Load the cache folder holds %v; want %v", names, kept)
	}
}
