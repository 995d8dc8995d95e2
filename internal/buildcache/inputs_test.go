package buildcache

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
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
