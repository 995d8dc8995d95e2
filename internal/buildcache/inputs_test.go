package buildcache

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
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
