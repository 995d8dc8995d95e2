//go:build unix

package source

import (
	"os"
	"syscall"
)

// openNoBlock opens path read-only without waiting for a writer when it is
// a named pipe (O_NONBLOCK has no effect on regular files).
func openNoBlock(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
