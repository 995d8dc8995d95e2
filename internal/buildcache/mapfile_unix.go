//go:build unix

package buildcache

import (
	"os"

	"golang.org/x/sys/unix"
)

// mapFile maps a file read-only. The mapping is never undone: strings
// decoded from it (the Markdown cache's) may live as long as the process.
// medkb replaces cache files by renaming new ones over them, so a mapped
// file's bytes never change underneath it.
func mapFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || st.Size() == 0 {
		return nil, err
	}
	return unix.Mmap(int(f.Fd()), 0, int(st.Size()), unix.PROT_READ, unix.MAP_PRIVATE)
}

// unmapFile undoes a mapping nothing was decoded from.
func unmapFile(b []byte) { unix.Munmap(b) }
