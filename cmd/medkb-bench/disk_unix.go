//go:build unix

package main

import "syscall"

// diskFree is the space available to this user on the file system of
// dir, in bytes; ok false when it cannot be read.
func diskFree(dir string) (int64, bool) {
	var st syscall.Statfs_t
	if syscall.Statfs(dir, &st) != nil {
		return 0, false
	}
	return int64(st.Bavail) * int64(st.Bsize), true
}
