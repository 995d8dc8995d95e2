package buildcache

import (
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// A Log with a file holds none of the values it is given: each is written
// to the spill file at once and read back when asked for, and Save puts
// them in the log, which the next build loads. A Log without a file (the
// dev server's) keeps them.
func TestLogWithAFileKeepsNoValueInMemory(t *testing.T) {
	dir := t.TempDir()
	c := newTestLog(dir)
	c.Load()
	want := map[string]*Markdown{}
	for _, k := range []string{"b", "a", "c"} {
		m := &Markdown{HTML: "<p>" + k + "</p>", Plain: k + " text", Cited: []string{k}}
		want[k] = m
		c.Put(tkey(k), m)
		if c.InMemory(tkey(k)) {
			t.Fatalf("%s is held in memory after Put", k)
		}
	}
	if n := len(c.entries); n != 0 {
		t.Fatalf("%d values held in memory; want none", n)
	}
	for k, m := range want {
		got, err := c.Fetch(tkey(k))
		if err != nil || !reflect.DeepEqual(got, m) {
			t.Fatalf("Fetch(%s) = %+v, %v; want %+v", k, got, err, m)
		}
	}
	if _, err := c.Fetch(tkey("missing")); err != ErrNotFound {
		t.Fatalf("Fetch of a missing key: %v; want ErrNotFound", err)
	}
	c.Save()
	// The spill file is not left in the cache folder (Windows removes it
	// only once it is closed).
	if ents, _ := os.ReadDir(dir); runtime.GOOS != "windows" && (len(ents) != 1 || ents[0].Name() != "markdown.bin") {
		t.Errorf("cache folder holds %v; want markdown.bin alone", ents)
	}
	// Still readable after Save, as the pages of the build read it.
	if got, err := c.Fetch(tkey("a")); err != nil || got.HTML != "<p>a</p>" {
		t.Fatalf("after Save, Fetch(a) = %+v, %v", got, err)
	}

	next := newTestLog(dir)
	next.Load()
	for k, m := range want {
		got, ok := next.Get(tkey(k))
		if !ok || !reflect.DeepEqual(got, m) || !next.InMemory(tkey(k)) {
			t.Fatalf("next build: Get(%s) = %+v, %v; want %+v, from the mapped file", k, got, ok, m)
		}
	}
	// A record added by the next build is appended after the loaded ones.
	next.Put(tkey("d"), &Markdown{HTML: "<p>d</p>"})
	next.Save()
	third := newTestLog(dir)
	third.Load()
	if got, ok := third.Get(tkey("d")); !ok || got.HTML != "<p>d</p>" {
		t.Fatalf("appended record: %+v, %v", got, ok)
	}
	if got, ok := third.Get(tkey("b")); !ok || got.HTML != "<p>b</p>" {
		t.Fatalf("earlier record after an append: %+v, %v", got, ok)
	}

	mem := newTestLog("")
	mem.Load()
	mem.Put(tkey("a"), want["a"])
	if got, ok := mem.Get(tkey("a")); !ok || got != want["a"] || !mem.InMemory(tkey("a")) {
		t.Fatalf("a Log without a file: Get = %p, %v; want the value put, held", got, ok)
	}
}

// Load removes what a build killed while rewriting or naming the log left
// beside it, and nothing else.
func TestLoadRemovesWhatAKilledBuildLeft(t *testing.T) {
	dir := t.TempDir()
	c := newTestLog(dir)
	c.Load()
	c.Put(tkey("a"), &Markdown{HTML: "<p>a</p>"})
	c.Save()
	left := []string{"markdown.bin.123.tmp", "markdown.bin.9876543210.link", "markdown.bin.42.spill"}
	kept := []string{"markdown.bin", "frontmatter.bin.7.tmp", "markdown.binary.1.tmp", "notes.tmp", "markdown.bin.1.tmp.txt"}
	for _, name := range append(left, kept[1:]...) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("left"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	next := newTestLog(dir)
	next.Load()
	if got, ok := next.Get(tkey("a")); !ok || got.HTML != "<p>a</p>" {
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

// Use hands a spilled value to its caller decoded from a buffer it uses
// again, so reading one part of a large record back allocates next to
// nothing, where Fetch allocates the whole record each time; both give
// the same value, and a held value is handed over as it is.
func TestUseReadsSpilledRecordsIntoAReusedBuffer(t *testing.T) {
	c := newTestLog(t.TempDir())
	c.Load()
	big := &Markdown{HTML: strings.Repeat("<p>Drink water.</p>", 4000), Plain: "Drink water."} // 76 KB
	c.Put(tkey("k"), big)
	var got string
	if err := c.Use(tkey("k"), func(m *Markdown) {
		got = strings.Clone(m.Plain)
		if !reflect.DeepEqual(m, big) {
			t.Errorf("Use gave %.60q…; want the value put", m.HTML)
		}
	}); err != nil || got != big.Plain {
		t.Fatalf("Use: %q, %v", got, err)
	}
	perCall := func(read func()) uint64 {
		// One P while measuring: sync.Pool keeps a buffer per P, and a
		// goroutine moved to another P between reads (on a loaded
		// machine, often) finds that P's slot empty and allocates.
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
		read() // warm the pool
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		const n = 50
		for range n {
			read()
		}
		runtime.ReadMemStats(&after)
		return (after.TotalAlloc - before.TotalAlloc) / n
	}
	use := perCall(func() { c.Use(tkey("k"), func(m *Markdown) { got = strings.Clone(m.Plain) }) })
	fetch := perCall(func() { c.Fetch(tkey("k")) })
	// Half the record: under the race detector sync.Pool drops a quarter
	// of what it is given, so Use then reads into a new buffer now and again.
	if fetch < uint64(len(big.HTML)) || use > uint64(len(big.HTML))/2 {
		t.Fatalf("bytes allocated per read: Use %d, Fetch %d; want Use well under the %d-byte record, Fetch over it", use, fetch, len(big.HTML))
	}
	if err := c.Use(tkey("missing"), func(*Markdown) { t.Error("use called for a missing key") }); err != ErrNotFound {
		t.Fatalf("Use of a missing key: %v; want ErrNotFound", err)
	}

	mem := newTestLog("") // the dev server's: values held
	mem.Put(tkey("k"), big)
	if err := mem.Use(tkey("k"), func(m *Markdown) {
		if m != big {
			t.Error("a held value is not handed over as it is")
		}
	}); err != nil {
		t.Fatal(err)
	}
}

// Put gathers spilled records and writes them spillBatch bytes at a time:
// a record not written yet is written when it is read, and when the
// write fails the records it held are kept in memory, readable as before.
func TestPutWritesRecordsInBatches(t *testing.T) {
	c := newTestLog(t.TempDir())
	c.Load()
	size := func() int64 {
		st, err := c.spill.Stat()
		if err != nil {
			t.Fatal(err)
		}
		return st.Size()
	}
	want := map[string]*Markdown{}
	put := func(k string, n int) {
		m := &Markdown{HTML: strings.Repeat("<p>"+k+"</p>", n), Plain: k}
		want[k] = m
		c.Put(tkey(k), m)
	}
	put("a", 10)
	put("b", 10)
	header := size()
	if header >= c.spillSize {
		t.Fatalf("spill file %d bytes after two small records; want the header alone, %d bytes logical", header, c.spillSize)
	}
	if got, err := c.Fetch(tkey("a")); err != nil || !reflect.DeepEqual(got, want["a"]) {
		t.Fatalf("Fetch of a pending record: %+v, %v", got, err)
	}
	if size() != c.spillSize {
		t.Fatalf("after reading a pending record the file is %d bytes; want %d, all written", size(), c.spillSize)
	}
	put("c", spillBatch/8) // past the batch on its own
	if size() != c.spillSize {
		t.Fatalf("after a batch's worth the file is %d bytes; want %d", size(), c.spillSize)
	}

	put("d", 10)
	put("e", 10)
	c.spill.Close() // the next write fails
	put("f", spillBatch/8)
	for _, k := range []string{"d", "e", "f"} {
		if !c.InMemory(tkey(k)) {
			t.Errorf("%s is not held in memory after its write failed", k)
		}
	}
	for _, k := range []string{"d", "e", "f"} {
		if got, err := c.Fetch(tkey(k)); err != nil || !reflect.DeepEqual(got, want[k]) {
			t.Fatalf("Fetch(%s) after a failed write: %.40q…, %v", k, got.HTML, err)
		}
	}
}
