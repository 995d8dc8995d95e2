package buildcache

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/medkb/medkb/internal/page"
)

func body(k string, n int) *Markdown {
	return &Markdown{HTML: strings.Repeat("<p>"+k+"</p>", n), Emergency: "<p>call " + k + "</p>", Plain: k + " text",
		TOC: []page.Heading{{Level: 2, ID: k, Text: k}}, Summary: k + " summary"}
}

// wantText checks that key's body reads back as m's, whole and plain.
func wantText(t *testing.T, c *Markdowns, key string, m *Markdown) {
	t.Helper()
	got, err := c.Text(tkey(key))
	if err != nil || got.HTML != m.HTML || got.Emergency != m.Emergency || got.Plain != m.Plain {
		t.Fatalf("Text(%s) = %.40q, %q, %q, %v; want %.40q, %q, %q", key, got.HTML, got.Emergency, got.Plain, err, m.HTML, m.Emergency, m.Plain)
	}
	if p, err := c.Plain(tkey(key)); err != nil || p != m.Plain {
		t.Fatalf("Plain(%s) = %q, %v; want %q", key, p, err, m.Plain)
	}
}

// savedEntries puts n small entries, k0 to k(n-1), into the cache of dir
// and saves it, and returns them.
func savedEntries(dir string, n int) map[string]*Markdown {
	c := loaded(dir)
	want := map[string]*Markdown{}
	for i := range n {
		k := "k" + strconv.Itoa(i)
		want[k] = body(k, 5)
		c.Put(tkey(k), want[k])
	}
	c.Save()
	return want
}

// loaded returns the cache of dir as a build loads it.
func loaded(dir string) *Markdowns {
	c := NewMarkdown(dir)
	c.Load()
	return c
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	return out
}

// The Log holds what a build reads of every page; the bodies are in a
// body file of their own, read back only when asked for, in this build
// (after Save too, as the pages of a build read them) and the next, whose
// entries come back without them.
func TestMarkdownsKeepBodiesOutOfTheLog(t *testing.T) {
	dir := t.TempDir()
	c := loaded(dir)
	want := map[string]*Markdown{"a": body("a", 50), "b": body("b", 50), "c": body("c", 3)}
	for k, m := range want {
		c.Put(tkey(k), m)
	}
	for k, m := range want {
		wantText(t, c, k, m) // the last are still pending
	}
	c.Save()
	for k, m := range want {
		wantText(t, c, k, m)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"markdown-bodies.1.bin", "markdown.bin"}) {
		t.Fatalf("cache folder holds %v", got)
	}
	log, err := os.ReadFile(filepath.Join(dir, "markdown.bin"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(log, []byte("<p>a</p>")) || !bytes.Contains(log, []byte("a summary")) {
		t.Fatalf("markdown.bin (%d bytes) holds a body, or not the summary", len(log))
	}

	next := loaded(dir)
	if _, err := next.Plain(tkey("a")); err != ErrNotFound {
		t.Fatalf("Plain before Get: %v; want ErrNotFound (a build reads the bodies of the entries it got)", err)
	}
	for k, m := range want {
		got, ok := next.Get(tkey(k))
		if !ok || got.HTML != "" || got.Plain != "" || got.Summary != m.Summary || !reflect.DeepEqual(got.TOC, m.TOC) {
			t.Fatalf("next build: Get(%s) = %+v, %v; want the entry without its body", k, got, ok)
		}
		wantText(t, next, k, m)
	}
	if next.InMemory() {
		t.Error("a cache with a folder says its values hold their bodies")
	}
	// A body added by the next build is appended to the same file.
	d := body("d", 10)
	next.Put(tkey("d"), d)
	next.Save()
	third := loaded(dir)
	for k, m := range map[string]*Markdown{"a": want["a"], "d": d} {
		if _, ok := third.Get(tkey(k)); !ok {
			t.Fatalf("third build: no %s", k)
		}
		wantText(t, third, k, m)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"markdown-bodies.1.bin", "markdown.bin"}) {
		t.Fatalf("after an append the cache folder holds %v", got)
	}

	mem := NewMarkdown("") // the dev server's: values held whole
	mem.Load()
	mem.Put(tkey("a"), want["a"])
	if got, ok := mem.Get(tkey("a")); !ok || got != want["a"] || !mem.InMemory() {
		t.Fatalf("without a folder: Get = %p, %v; want the value put, held", got, ok)
	}
	wantText(t, mem, "a", want["a"])
}

// Once the bodies no entry uses outweigh the live ones, Save copies the
// live ones to a new body file and removes the old; the pages of the
// build still read their bodies, and the next build finds them.
func TestMarkdownsCopyLiveBodiesAwayFromGarbage(t *testing.T) {
	dir := t.TempDir()
	c := loaded(dir)
	big := map[string]*Markdown{}
	for _, k := range []string{"a", "b", "c", "d"} {
		big[k] = body(k, 100_000) // 800 KB each: past compactAbove together
		c.Put(tkey(k), big[k])
	}
	c.Save()

	next := loaded(dir)
	next.Get(tkey("a")) // b, c and d are no longer used
	e := body("e", 10)
	next.Put(tkey("e"), e)
	next.Save()
	if got := names(t, dir); !slices.Equal(got, []string{"markdown-bodies.2.bin", "markdown.bin"}) {
		t.Fatalf("after most bodies went unused the cache folder holds %v; want a second body file alone", got)
	}
	st, err := os.Stat(filepath.Join(dir, "markdown-bodies.2.bin"))
	if err != nil {
		t.Fatal(err)
	}
	if st.Size() > 900_000 {
		t.Errorf("the new body file is %d bytes; want a's body and e's alone", st.Size())
	}
	wantText(t, next, "a", big["a"]) // the build's pages read on
	wantText(t, next, "e", e)

	third := loaded(dir)
	for k, m := range map[string]*Markdown{"a": big["a"], "e": e} {
		if _, ok := third.Get(tkey(k)); !ok {
			t.Fatalf("third build: no %s", k)
		}
		wantText(t, third, k, m)
	}
	if _, ok := third.Get(tkey("b")); ok {
		t.Error("an entry the last build did not use survived")
	}
}

// Load removes the body files no entry points to (a build killed before
// its Log was saved leaves one); an entry whose body file is gone or cut
// short is not found, and a body file that holds something else at an
// entry's place is an error naming the cache, never another page's body.
func TestMarkdownsLoadCopesWithWhatItFinds(t *testing.T) {
	dir := t.TempDir()
	c := loaded(dir)
	c.Put(tkey("a"), body("a", 5))
	c.Put(tkey("b"), body("b", 5))
	c.Save()
	stray := filepath.Join(dir, "markdown-bodies.7.bin")
	if err := os.WriteFile(stray, []byte("left by a killed build"), 0o600); err != nil {
		t.Fatal(err)
	}
	others := []string{"7.bin", "markdown-bodies.07.bin", "markdown-bodies.7.bin.txt", "markdown-bodies.x.bin"}
	for _, name := range others {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("not ours"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	next := loaded(dir)
	if _, err := os.Stat(stray); !os.IsNotExist(err) {
		t.Fatalf("a body file no entry points to was kept: %v", err)
	}
	for _, name := range others {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("Load removed %s, not a body file's name: %v", name, err)
		}
	}
	if _, ok := next.Get(tkey("a")); !ok {
		t.Fatal("Load lost an entry")
	}

	// b's body swapped for a's: read back, it is refused.
	path := filepath.Join(dir, "markdown-bodies.1.bin")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ka, kb := tkey("a"), tkey("b")
	i, j := bytes.Index(data, ka[:]), bytes.Index(data, kb[:])
	if i < 0 || j < 0 {
		t.Fatalf("bodies not found in %q", data)
	}
	copy(data[j:j+len(ka)], ka[:]) // b's record now starts with a's key
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	third := loaded(dir)
	if _, ok := third.Get(tkey("b")); !ok {
		t.Fatal("no b")
	}
	if _, err := third.Text(tkey("b")); err == nil || !strings.Contains(err.Error(), "another page") || !strings.Contains(err.Error(), "build cache") {
		t.Fatalf("reading a body that is not b's: %v; want an error naming the build cache", err)
	}
	// The damaged file is removed: the next build, in another process,
	// renders its pages again rather than failing on b the same way.
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("the damaged body file is still there: %v", err)
	}
	third.Save()
	fourth := loaded(dir)
	for _, k := range []string{"a", "b"} {
		if _, ok := fourth.Get(tkey(k)); ok {
			t.Errorf("%s, whose body file was removed, was found", k)
		}
	}
}

// A body file that lost its end (a crash before the data reached the
// disk): the entries before the cut are found, those past it are not,
// and nothing is appended to the file, so that bodies written later do
// not stand in for the lost ones, in the next build or the one after
// (a Log of many records is appended to, not rewritten, and keeps the
// lost entries' records).
func TestMarkdownsDoNotAppendToAFileCutShort(t *testing.T) {
	dir := t.TempDir()
	want := savedEntries(dir, 20)
	path := filepath.Join(dir, "markdown-bodies.1.bin")
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, st.Size()-10); err != nil { // k19's body cut
		t.Fatal(err)
	}
	for build := range 3 {
		next := loaded(dir)
		for i := range 19 {
			k := "k" + strconv.Itoa(i)
			if _, ok := next.Get(tkey(k)); !ok {
				t.Fatalf("build %d: %s, before the cut, lost", build, k)
			}
			wantText(t, next, k, want[k])
		}
		if _, ok := next.Get(tkey("k19")); ok {
			t.Fatalf("build %d: k19, cut off, found", build)
		}
		next.Put(tkey("new"+strconv.Itoa(build)), body("new", 50))
		next.Save()
	}
	if after, err := os.Stat(path); err != nil || after.Size() != st.Size()-10 {
		t.Errorf("the file cut short: %v, %v; want %d bytes, as cut", after, err, st.Size()-10)
	}
}

// A body damaged in place cannot be read back in the build that reads it
// (package body renders it again), whether the cache was saved before or
// after, and reads back in every build after, which puts it again.
func TestMarkdownsHealADamagedBody(t *testing.T) {
	for _, order := range []string{"read, then save", "save, then read"} {
		t.Run(order, func(t *testing.T) {
			dir := t.TempDir()
			want := savedEntries(dir, 20)
			path := filepath.Join(dir, "markdown-bodies.1.bin")
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			k5, k6 := tkey("k5"), tkey("k6")
			copy(data[bytes.Index(data, k5[:]):], k6[:]) // k5's body now says it is k6's
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			for build := range 3 {
				next := loaded(dir)
				for k, m := range want {
					if _, ok := next.Get(tkey(k)); !ok {
						next.Put(tkey(k), m)
					}
				}
				if order == "save, then read" {
					next.Save()
				}
				_, err := next.Text(tkey("k5"))
				if (err != nil) != (build == 0) {
					t.Fatalf("build %d: reading k5: %v; want an error in the first build alone", build, err)
				}
				var damaged *DamagedError
				if err != nil && (!errors.As(err, &damaged) || damaged.Key != tkey("k5") || damaged.File != path) {
					t.Errorf("build %d: reading k5: %#v; want a *DamagedError naming k5 and %s", build, err, path)
				}
				if err != nil {
					// Read again (the page's other reader, beside the
					// first or after it): the same damage, not "no such
					// body", which would stand as an error.
					_, again := next.Text(tkey("k5"))
					_, plain := next.Plain(tkey("k5"))
					for _, e := range []error{again, plain} {
						if d := (*DamagedError)(nil); !errors.As(e, &d) || d != damaged {
							t.Errorf("build %d: reading k5 again: %v; want the same *DamagedError", build, e)
						}
					}
				}
				if build > 0 {
					wantText(t, next, "k5", want["k5"])
				}
				if order == "read, then save" {
					next.Save()
				}
			}
		})
	}
}

// Generation numbers past maxGen, in a damaged Log or a file name not the
// cache's, neither overflow nor stop the cache from working.
func TestMarkdownsRefuseImpossibleGenerations(t *testing.T) {
	dir := t.TempDir()
	c := loaded(dir)
	c.heads.Put(tkey("z"), &Markdown{body: bodyAt{gen: math.MaxInt}})
	c.Save()
	stray := filepath.Join(dir, "markdown-bodies.9223372036854775807.bin")
	if err := os.WriteFile(stray, []byte("not ours"), 0o600); err != nil {
		t.Fatal(err)
	}
	for build := range 2 {
		next := loaded(dir)
		if _, ok := next.Get(tkey("z")); ok {
			t.Fatalf("build %d: an entry of an impossible generation was found", build)
		}
		for i := range 40 {
			next.Put(tkey("k"+strconv.Itoa(i)), body("k", 1000))
		}
		next.Save()
		if next.broken || next.top != 1 {
			t.Fatalf("build %d: broken %v, generation %d; want one body file, working", build, next.broken, next.top)
		}
	}
	if got := names(t, dir); !slices.Equal(got, []string{"markdown-bodies.1.bin", "markdown-bodies.9223372036854775807.bin", "markdown.bin"}) {
		t.Fatalf("cache folder holds %v", got)
	}
}

// A body file that cannot be written breaks the cache for the build: the
// bodies not written are read from memory, and Save leaves the cache on
// disk as the last build saved it.
func TestMarkdownsKeepBodiesTheyCannotWrite(t *testing.T) {
	dir := t.TempDir()
	c := loaded(dir)
	a := body("a", 5)
	c.Put(tkey("a"), a)
	c.Save()
	before := names(t, dir)
	logBefore, _ := os.ReadFile(filepath.Join(dir, "markdown.bin"))

	next := loaded(dir)
	next.Get(tkey("a"))
	next.files[next.gen].Close() // every write to it fails now
	want := map[string]*Markdown{}
	for _, k := range []string{"x", "y", "z"} {
		want[k] = body(k, spillBatch/20) // 105 KB: a batch, written (and failing) at the third
		next.Put(tkey(k), want[k])
	}
	if !next.broken {
		t.Fatal("a failed write went unnoticed")
	}
	for k, m := range want {
		wantText(t, next, k, m)
	}
	next.Save()
	for k, m := range want {
		wantText(t, next, k, m)
	}
	logAfter, _ := os.ReadFile(filepath.Join(dir, "markdown.bin"))
	if got := names(t, dir); !slices.Equal(got, before) || !bytes.Equal(logAfter, logBefore) {
		t.Fatalf("a broken cache changed what was on disk: %v, log %d bytes (was %v, %d)", got, len(logAfter), before, len(logBefore))
	}
	// The next build of the process starts over from the disk, and saves.
	next.Load()
	if next.broken || len(next.pending) != 0 {
		t.Fatalf("the next build starts broken (%v) with %d bytes pending", next.broken, len(next.pending))
	}
	if _, ok := next.Get(tkey("a")); !ok {
		t.Fatal("the next build lost what was on disk")
	}
	w := body("w", 5)
	next.Put(tkey("w"), w)
	next.Save()
	third := loaded(dir)
	for k, m := range map[string]*Markdown{"a": a, "w": w} {
		if _, ok := third.Get(tkey(k)); !ok {
			t.Fatalf("after the build that could write, no %s", k)
		}
		wantText(t, third, k, m)
	}
}

// An entry whose body file lost its end, or is gone, stays lost though
// the build appends bodies again before it asks (a rebuild renders pages
// in any order): generation numbers are never used twice, and what the
// entry pointed to is not revived by bytes written since.
func TestMarkdownsDoNotReviveLostBodies(t *testing.T) {
	for _, lose := range []string{"cut", "removed"} {
		t.Run(lose, func(t *testing.T) {
			dir := t.TempDir()
			c := loaded(dir)
			a := body("a", 5)
			c.Put(tkey("a"), a)
			c.Put(tkey("b"), body("b", 5))
			c.Save()
			path := filepath.Join(dir, "markdown-bodies.1.bin")
			st, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if lose == "cut" {
				err = os.Truncate(path, st.Size()-10)
			} else {
				err = os.Remove(path)
			}
			if err != nil {
				t.Fatal(err)
			}
			for build := range 3 { // a build that could not heal it would fail each time
				next := loaded(dir)
				next.Put(tkey("c"+strconv.Itoa(build)), body("c", 50))
				if _, ok := next.Get(tkey("b")); ok {
					t.Fatalf("build %d: b found, its body lost", build)
				}
				if _, ok := next.Get(tkey("a")); ok != (lose == "cut") {
					t.Fatalf("build %d: a found %v", build, ok)
				} else if ok {
					wantText(t, next, "a", a)
				}
				next.Save()
			}
		})
	}
}

// Offsets that do not fit in a file (a damaged markdown.bin) leave the
// entry not found, rather than a panic or a failed build.
func TestMarkdownsRefuseImpossibleOffsets(t *testing.T) {
	dir := t.TempDir()
	c := loaded(dir)
	c.Put(tkey("a"), body("a", 1))
	c.heads.Put(tkey("k"), &Markdown{body: bodyAt{gen: 1, at: 1 << 62, n: 1 << 62}}) // as a damaged file decodes
	c.heads.Put(tkey("j"), &Markdown{body: bodyAt{gen: 1, at: 3, n: -1}})
	c.Get(tkey("a"))
	c.Save()
	next := loaded(dir)
	for _, k := range []string{"k", "j"} {
		if _, ok := next.Get(tkey(k)); ok {
			t.Errorf("%s found, its body outside the file", k)
		}
	}
}

// Builds in one process (the dev server's Builder with a folder, the
// tests'): bodies read beside Save and after it, entries kept by the
// builds that use them, garbage copied away, and the body files removed
// by one Save closed by the next, none left open after.
func TestMarkdownsAcrossBuildsInOneProcess(t *testing.T) {
	dir := t.TempDir()
	c := NewMarkdown(dir)
	want := map[string]*Markdown{}
	for i := range 40 {
		k := "k" + strconv.Itoa(i)
		want[k] = body(k, 20_000) // 180 KB
	}
	for build := range 6 {
		c.Load()
		var used []string
		var wg sync.WaitGroup
		for i := range 40 {
			if (i+build)%3 == 0 {
				continue
			}
			k := "k" + strconv.Itoa(i)
			used = append(used, k)
			wg.Go(func() {
				if _, ok := c.Get(tkey(k)); !ok {
					c.Put(tkey(k), want[k])
				}
			})
		}
		wg.Wait()
		var rd sync.WaitGroup
		for _, k := range used {
			rd.Go(func() {
				for range 3 {
					if got, err := c.Text(tkey(k)); err != nil || got.HTML != want[k].HTML || got.Plain != want[k].Plain {
						t.Errorf("build %d: Text(%s): %v", build, k, err)
					}
				}
			})
		}
		c.Save()
		rd.Wait()
		if build > 0 && len(c.retired) == 0 && len(c.files) > 1 {
			t.Errorf("build %d: %d body files for 27 live bodies of 40", build, len(c.files))
		}
	}
	if c.top < 2 {
		t.Errorf("%d generations in 6 builds; want the garbage copied away", c.top)
	}
	next := loaded(dir)
	for i := range 40 {
		k := "k" + strconv.Itoa(i)
		// An entry the last build did not use may stay behind (Log), and
		// is then found whole.
		if _, ok := next.Get(tkey(k)); ok {
			wantText(t, next, k, want[k])
		} else if (i+5)%3 != 0 {
			t.Errorf("after the last build, %s (used by it) not found", k)
		}
	}
	// A last build using every entry: nothing to copy away, and the files
	// the Save before removed are closed.
	c.Load()
	for k, m := range want {
		if _, ok := c.Get(tkey(k)); !ok {
			c.Put(tkey(k), m)
		}
	}
	c.Save()
	if len(c.retired) != 0 {
		t.Fatalf("a Save with no garbage to copy removed %d body files", len(c.retired))
	}
	if runtime.GOOS == "linux" {
		ents, _ := os.ReadDir("/proc/self/fd")
		for _, e := range ents {
			if l, err := os.Readlink("/proc/self/fd/" + e.Name()); err == nil && strings.Contains(l, "markdown-bodies") && strings.HasSuffix(l, "(deleted)") {
				t.Errorf("a removed body file is still open: %s", l)
			}
		}
	}
}

// Put keeps whole, for its build, an entry it has no body file for (the
// folder cannot be made); a later build of the process that can write
// reads the body it put, not the held one.
func TestMarkdownsHeldEntriesLastTheirBuild(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "cache")
	if err := os.WriteFile(dir, nil, 0o600); err != nil { // MkdirAll fails
		t.Fatal(err)
	}
	c := loaded(dir)
	old := body("k", 3)
	c.Put(tkey("k"), old)
	c.Put(tkey("m"), body("m", 3)) // not put again below
	wantText(t, c, "k", old)
	c.Save()
	wantText(t, c, "k", old) // its build's pages read on
	if err := os.Remove(dir); err != nil {
		t.Fatal(err)
	}
	c.Load()
	if _, ok := c.Get(tkey("k")); ok {
		t.Fatal("a held entry was found by the next build")
	}
	neu := body("k", 3)
	neu.HTML = "<p>new</p>"
	c.Put(tkey("k"), neu)
	wantText(t, c, "k", neu)
	c.Save()
	if len(c.held) != 0 {
		t.Errorf("%d entries still held", len(c.held))
	}
}
