package buildcache

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// A first build's spill file holds the whole log: Save names it the log
// instead of copying its records (at 1,000,000 articles the copy needed
// 15.7 GB more disk), and the Log goes on working: what it held reads
// back, a later Put goes to a new spill file and the next Save appends it.
func TestSaveNamesTheSpillFileTheLog(t *testing.T) {
	dir := t.TempDir()
	c := newTestLog(dir)
	c.Load()
	for i := range 50 {
		c.Put(tkey(fmt.Sprint("k", i)), &Markdown{HTML: fmt.Sprintf("<p>%d</p>", i)})
	}
	c.Put(tkey("k7"), &Markdown{HTML: "<p>seven</p>"}) // an earlier record of k7 is garbage now
	requireLinkable(t, c)
	spill := inodeOf(t, c.spill)
	c.Save()
	path := filepath.Join(dir, "markdown.bin")
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := inode(st); got != spill {
		t.Fatalf("markdown.bin is inode %d, the spill file was %d: its records were copied", got, spill)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("cache folder holds %v; want markdown.bin alone", ents)
	}
	if got, err := c.Fetch(tkey("k7")); err != nil || got.HTML != "<p>seven</p>" {
		t.Fatalf("after Save, Fetch(k7) = %+v, %v", got, err)
	}
	c.Put(tkey("new"), &Markdown{HTML: "<p>new</p>"})
	if c.spill == nil || inodeOf(t, c.spill) == spill {
		t.Fatal("a Put after Save wrote into the file that is now the log")
	}
	for i := range 50 {
		c.Get(tkey(fmt.Sprint("k", i))) // used by this build too
	}
	c.Save()
	if st2, err := os.Stat(path); err != nil || inode(st2) != spill || st2.Size() <= st.Size() {
		t.Fatalf("the second Save did not append to the named log: %v, %v", st2, err)
	}

	next := newTestLog(dir)
	next.Load()
	for k, want := range map[string]string{"k0": "<p>0</p>", "k7": "<p>seven</p>", "k49": "<p>49</p>", "new": "<p>new</p>"} {
		if got, ok := next.Get(tkey(k)); !ok || got.HTML != want || !next.InMemory(tkey(k)) {
			t.Fatalf("next build: Get(%s) = %+v, %v; want %s from the mapped log", k, got, ok, want)
		}
	}
}

// A spill file that is mostly records the build replaced is not named:
// Save rewrites the log from the live records only.
func TestSaveRewritesAMostlyDeadSpill(t *testing.T) {
	dir := t.TempDir()
	c := newTestLog(dir)
	c.Load()
	c.Put(tkey("a"), &Markdown{HTML: "<p>a</p>"})
	for i := range 30 {
		c.Put(tkey("tmp"), &Markdown{HTML: fmt.Sprintf("<p>draft %d</p>", i)})
	}
	requireLinkable(t, c)
	spill := inodeOf(t, c.spill)
	c.Save()
	st, err := os.Stat(filepath.Join(dir, "markdown.bin"))
	if err != nil {
		t.Fatal(err)
	}
	if inode(st) == spill {
		t.Fatal("a spill file of mostly replaced records was named the log")
	}
	next := newTestLog(dir)
	next.Load()
	if n := len(next.entries); n != 2 {
		t.Errorf("the rewritten log holds %d records; want the 2 live ones", n)
	}
	if got, ok := next.Get(tkey("tmp")); !ok || got.HTML != "<p>draft 29</p>" {
		t.Errorf("Get(tmp) = %+v, %v; want the last draft", got, ok)
	}
}

// requireLinkable fails the test when the spill file cannot be named:
// the file system of the test's folder has no O_TMPFILE (Linux 3.11 and
// later have it for ext4, xfs, btrfs and tmpfs), and a build there copies.
func requireLinkable(t *testing.T, c *Log[*Markdown]) {
	t.Helper()
	if !c.spillLinkable {
		t.Fatal("the spill file was made without O_TMPFILE: Save would copy it (is the test's temporary folder on a file system without O_TMPFILE?)")
	}
}

func inodeOf(t *testing.T, f *os.File) int64 {
	t.Helper()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	return inode(st)
}
