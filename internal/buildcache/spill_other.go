//go:build !linux

package buildcache

import (
	"errors"
	"os"
)

// newSpill makes a temporary spill file in dir (Log unlinks it); it
// cannot be named later (see spill_linux.go).
func newSpill(dir, pattern string) (f *os.File, linkable bool, err error) {
	f, err = os.CreateTemp(dir, pattern)
	return f, false, err
}

func linkSpill(*os.File, string) error { return errors.ErrUnsupported }
