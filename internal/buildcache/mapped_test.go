//go:build unix

package buildcache

import (
	"os"
	"path/filepath"
	"testing"
)

// Mapped counts a mapped cache file's bytes from mapFile to unmapFile,
// resident or not.
func TestMappedCountsMappedFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache.bin")
	if err := os.WriteFile(path, make([]byte, 3<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	before := Mapped()
	b, err := mapFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dropResident(b)
	if got := Mapped() - before; got != 3<<20 {
		t.Errorf("Mapped grew by %d bytes with a 3 MiB file mapped, want %d", got, 3<<20)
	}
	unmapFile(b)
	if got := Mapped() - before; got != 0 {
		t.Errorf("Mapped is %d bytes over what it was once the file is unmapped, want 0", got)
	}
}
