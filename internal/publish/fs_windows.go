package publish

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"

	"golang.org/x/sys/windows"
)

var errLocked = errors.New("locked by another process")

// tryLock takes an exclusive LockFileEx lock on the first byte of f
// without waiting. Windows drops it when the process dies.
func tryLock(f *os.File) error {
	ol := new(windows.Overlapped)
	err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) || errors.Is(err, windows.ERROR_IO_PENDING) {
		return errLocked
	}
	return err
}

func unlockFile(f *os.File) {
	windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, new(windows.Overlapped))
}

// syncDir does nothing: Windows cannot flush a folder (NTFS journals its
// metadata).
func syncDir(*os.File) error { return nil }

// beneath changes files of a destination through an os.Root, which
// refuses any path that resolves outside it. Windows has no rename
// relative to a folder handle: the parent is created and checked through
// the root, then the staged file is renamed by path.
type beneath struct {
	root *os.Root
	dest string
}

func openBeneath(dest string) (*beneath, error) {
	r, err := os.OpenRoot(dest)
	if err != nil {
		return nil, err
	}
	return &beneath{root: r, dest: dest}, nil
}

func (b *beneath) close()      { b.root.Close() }
func (b *beneath) sync() error { return nil }

func (b *beneath) replace(rel, staged string) error {
	if parent := path.Dir(rel); parent != "." {
		if err := b.root.MkdirAll(parent, 0o755); err != nil {
			return err
		}
		if fi, err := b.root.Lstat(parent); err != nil || !fi.IsDir() {
			return fmt.Errorf("publish: %s is not a folder of the destination", parent)
		}
	}
	return os.Rename(staged, filepath.Join(b.dest, filepath.FromSlash(rel)))
}

func (b *beneath) remove(rel string) error { return b.root.Remove(rel) }
