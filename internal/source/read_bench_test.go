package source

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkReadFiles reads the same 1,000 files of 6.5 KB (the bench
// corpus's mean article) as a build does, beside os.ReadFile, the floor:
// compare the sub-benchmarks of one run (see openRegularFile).
func BenchmarkReadFiles(b *testing.B) {
	dir := b.TempDir()
	data := make([]byte, 6500)
	for i := range data {
		data[i] = 'a' + byte(i%26)
	}
	paths := make([]string, 1000)
	for i := range paths {
		paths[i] = filepath.Join(dir, fmt.Sprintf("%d.md", i))
		if err := os.WriteFile(paths[i], data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	for _, bc := range []struct {
		name string
		read func(string) error
	}{
		{"ReadRegular", func(p string) error { _, err := ReadRegular(p); return err }},
		{"os.ReadFile", func(p string) error { _, err := os.ReadFile(p); return err }},
		{"HashRegular", func(p string) error { _, err := HashRegular(p); return err }},
		{"os.ReadFile+sha256", func(p string) error { b, err := os.ReadFile(p); sha256.Sum256(b); return err }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(paths) * len(data)))
			for b.Loop() {
				for _, p := range paths {
					if err := bc.read(p); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
