//go:build unix

package buildcache

import (
	"io/fs"
	"syscall"
)

// inode returns the file's inode number: a file replaced by another (an
// editor's save-by-rename) is seen even when size and time match.
func inode(info fs.FileInfo) int64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return int64(st.Ino)
	}
	return 0
}
