package buildcache

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"

	"golang.org/x/sys/unix"
)

// newSpill opens a spill file in dir with no name (O_TMPFILE): nothing is
// left behind by a killed build, and Save can give it the log's name
// (linkSpill) instead of copying its records. A file system without
// O_TMPFILE gets a temporary file (Log unlinks it), which cannot be named.
func newSpill(dir, pattern string) (f *os.File, linkable bool, err error) {
	f, err = os.OpenFile(dir, os.O_RDWR|unix.O_TMPFILE|unix.O_CLOEXEC, 0o600) // as os.CreateTemp's, which a rewritten log has
	if err == nil {
		return f, true, nil
	}
	f, err = os.CreateTemp(dir, pattern)
	return f, false, err
}

// linkSpill gives the spill file f the name path: linked under a new,
// random name beside it (through /proc, as an unprivileged process can),
// then renamed over path, so a reader sees the old file or the whole new
// one.
func linkSpill(f *os.File, path string) error {
	proc := fmt.Sprintf("/proc/self/fd/%d", f.Fd())
	for range 10 {
		tmp := fmt.Sprintf("%s.%d.link", path, rand.Uint64())
		err := unix.Linkat(unix.AT_FDCWD, proc, unix.AT_FDCWD, tmp, unix.AT_SYMLINK_FOLLOW)
		runtime.KeepAlive(f)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("naming the spill file %s: %w", filepath.Base(tmp), err)
		}
		if err := os.Rename(tmp, path); err != nil {
			os.Remove(tmp)
			return err
		}
		return nil
	}
	return errors.New("naming the spill file: no free name")
}
