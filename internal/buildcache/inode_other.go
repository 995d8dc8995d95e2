//go:build !unix

package buildcache

import "io/fs"

// inode is 0 where the platform does not expose one; size and time decide.
func inode(fs.FileInfo) int64 { return 0 }
