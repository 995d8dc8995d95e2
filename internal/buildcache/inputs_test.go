package buildcache

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestHashFileMatchesSHA256 reads files shorter and longer than its buffer.
func TestHashFileMatchesSHA256(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{0, 1, 64<<10 - 1, 64 << 10, 200_003} {
		data := make([]byte, n)
		for i := range data {
			data[i] = byte(i * 7)
		}
		p := filepath.Join(dir, fmt.Sprint(n))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := hashFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if want := sha256.Sum256(data); got != want {
			t.Errorf("%d bytes: hashFile = %x, want %x", n, got, want)
		}
	}
}

// The stat cache reads back what it saved, and a file cut short or of
// another format reads as no cache at all.
func TestStatCacheRoundTripsAndRefusesDamage(t *testing.T) {
	dir := t.TempDir()
	c := statCache{
		"content/a.md": {Stat: fileStat{Size: 10, ModNs: -5, Ino: 1 << 40, Mode: 0o644, Hashed: 1_700_000_000_000_000_000}, Sum: sha256.Sum256([]byte("a"))},
		"content/é.md": {Stat: fileStat{Size: 0, Mode: uint32(os.ModeSymlink | 0o777)}, Sum: sha256.Sum256(nil)},
		"static/x.png": {Sum: sha256.Sum256([]byte("x"))},
	}
	c.save(dir)
	if got := loadStatCache(dir); !reflect.DeepEqual(got, c) {
		t.Fatalf("loaded %+v; want %+v", got, c)
	}
	data, err := os.ReadFile(filepath.Join(dir, InputsFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range [][]byte{data[:len(data)-1], append(data[:len(data):len(data)], 0), []byte("junk")} {
		if err := os.WriteFile(filepath.Join(dir, InputsFile), bad, 0o644); err != nil {
			t.Fatal(err)
		}
		if got := loadStatCache(dir); got != nil {
			t.Errorf("a damaged file (%d bytes) loaded as %d entries; want none", len(bad), len(got))
		}
	}
}

// HashInputsLater leaves the stale files later accepts to the caller,
// whose hashes Finish takes as they are; it hashes one the caller did not
// read, and then the map and the stat cache are those HashInputs makes.
func TestHashInputsLaterTakesTheCallersHashes(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{"content/a.md": "---\ntitle: A\n---\nAlpha.\n", "content/b.md": "---\ntitle: B\n---\nBeta.\n",
		"content/img.png": "PNG", "data/x.yaml": "x: 1\n", "medkb.yaml": "title: T\n"}
	old := time.Now().Add(-time.Hour)
	for rel, data := range files {
		p := filepath.Join(root, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	dirs, top := []string{"content", "data"}, []string{"medkb.yaml"}
	want, err := HashInputs(t.Context(), root, dirs, top, "")
	if err != nil {
		t.Fatal(err)
	}
	cacheDir := filepath.Join(root, ".medkb", "cache")
	isMarkdown := func(rel string) bool { return strings.HasSuffix(rel, ".md") }
	// A build that fails abandons its Pending: what was hashed before it
	// is remembered, what was left is not.
	abandoned := filepath.Join(root, ".medkb", "abandoned")
	if _, p, err := HashInputsLater(t.Context(), root, dirs, top, abandoned, isMarkdown); err != nil || p == nil {
		t.Fatalf("HashInputsLater: %v, %v", p, err)
	} else {
		p.Abandon()
	}
	if c := loadStatCache(abandoned); len(c) != 3 || c["data/x.yaml"].Sum != want["data/x.yaml"] || c["content/a.md"].Stat.Hashed != 0 {
		t.Errorf("after Abandon the stat cache holds %v; want the 3 files hashed before the build", c)
	}
	got, p, err := HashInputsLater(t.Context(), root, dirs, top, cacheDir, isMarkdown)
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	if p != nil {
		for _, in := range p.left {
			left = append(left, in.rel)
		}
	}
	if !reflect.DeepEqual(left, []string{"content/a.md", "content/b.md"}) {
		t.Fatalf("left %v, want the two Markdown files", left)
	}
	if _, ok := got["content/a.md"]; ok || len(got) != 3 {
		t.Errorf("before Finish the map holds %d files, a.md among them: %v; want the 3 others", len(got), ok)
	}
	if _, err := os.Stat(filepath.Join(cacheDir, InputsFile)); err == nil {
		t.Error("the stat cache was saved before Finish")
	}
	// The caller's hash is taken as it is, not checked against the file:
	// a marked one shows it was not read again.
	marked := sha256.Sum256([]byte("what the build read"))
	if err := p.Finish(t.Context(), map[string][sha256.Size]byte{"content/a.md": marked}); err != nil {
		t.Fatal(err)
	}
	if got["content/a.md"] != marked {
		t.Errorf("a.md = %x, want the caller's hash", got["content/a.md"])
	}
	got["content/a.md"] = want["content/a.md"]
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after Finish: %v\nwant %v", got, want)
	}
	// The stat cache now vouches for b.md, hashed by Finish: an edit that
	// keeps its size and time goes unseen, as for any file it remembers.
	b := filepath.Join(root, "content", "b.md")
	if err := os.WriteFile(b, []byte(strings.ToUpper(files["content/b.md"])), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(b, old, old); err != nil {
		t.Fatal(err)
	}
	again, err := HashInputs(t.Context(), root, dirs, top, cacheDir)
	if err != nil {
		t.Fatal(err)
	}
	if again["content/b.md"] != want["content/b.md"] || again["content/a.md"] != marked {
		t.Errorf("the stat cache Finish saved gave b.md %x, a.md %x; want the hashes it recorded", again["content/b.md"], again["content/a.md"])
	}
}
