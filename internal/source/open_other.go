//go:build !unix

package source

import "os"

// openNoBlock opens path read-only. Systems other than Unix have no named
// pipes in the file tree.
func openNoBlock(path string) (*os.File, error) { return os.Open(path) }
