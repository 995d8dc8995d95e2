//go:build unix

package buildcache

import (
	"os"

	"golang.org/x/sys/unix"
)

// fileMapped: mapFile maps the file (decoder.small copies out of it).
const fileMapped = true

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
	b, err := unix.Mmap(int(f.Fd()), 0, int(st.Size()), unix.PROT_READ, unix.MAP_PRIVATE)
	if err == nil {
		mapped.Add(int64(len(b)))
	}
	return b, err
}

// unmapFile undoes a mapping nothing was decoded from.
func unmapFile(b []byte) {
	if unix.Munmap(b) == nil {
		mapped.Add(-int64(len(b)))
	}
}

// dropResident tells the kernel the process no longer needs the pages of
// a mapping resident: the strings decoded from it stay valid, each page
// read again from the file (the page cache, usually) when it is next
// touched. Decoding a log touches nearly every page of its file, yet a
// build then reads only the bodies it renders into a page: a one-article
// patch at 100,000 articles held the whole 1.4 GB Markdown cache
// resident. The mapping is private and read-only and the file is never
// changed in place, so the pages come back as they were.
func dropResident(b []byte) { unix.Madvise(b, unix.MADV_DONTNEED) }
