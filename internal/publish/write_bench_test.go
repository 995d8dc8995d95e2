package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkWriteNew writes 1,000 new pages of 20 KB as a build does,
// beside the same writes through an *os.File (writeNewFile): compare the
// sub-benchmarks of one run. Each iteration writes into a fresh folder;
// removing the last one is outside the timer.
func BenchmarkWriteNew(b *testing.B) {
	data := make([]byte, 20_000)
	for i := range data {
		data[i] = 'a' + byte(i%26)
	}
	for _, bc := range []struct {
		name  string
		write func(string) error
	}{
		{"writeNew", func(p string) error { return writeNew(p, data) }},
		{"os.File", func(p string) error { return writeNewFile(p, data) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			root := b.TempDir()
			b.SetBytes(int64(1000 * len(data)))
			n := 0
			for b.Loop() {
				b.StopTimer()
				dir := filepath.Join(root, fmt.Sprint(n))
				n++
				if err := os.Mkdir(dir, 0o755); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				for i := range 1000 {
					if err := bc.write(filepath.Join(dir, fmt.Sprintf("%d.html", i))); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				os.RemoveAll(dir)
				b.StartTimer()
			}
		})
	}
}
