//go:build unix

package publish

import (
	"errors"
	"fmt"
	"os"
	"path"
	"strings"

	"golang.org/x/sys/unix"
)

var errLocked = errors.New("locked by another process")

// tryLock takes an exclusive flock on f without waiting. The kernel drops
// it when the process dies, so a killed build never leaves a stale lock.
func tryLock(f *os.File) error {
	err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
	if errors.Is(err, unix.EWOULDBLOCK) {
		return errLocked
	}
	return err
}

func unlockFile(f *os.File) { unix.Flock(int(f.Fd()), unix.LOCK_UN) }

func syncDir(f *os.File) error { return f.Sync() }

// beneath changes files of a destination through descriptors, never
// following a symlink: a link planted in the destination cannot send a
// write outside it.
type beneath struct{ root *os.File }

func openBeneath(dest string) (*beneath, error) {
	f, err := os.Open(dest)
	if err != nil {
		return nil, err
	}
	return &beneath{root: f}, nil
}

func (b *beneath) close()      { b.root.Close() }
func (b *beneath) sync() error { return b.root.Sync() }

// replace renames the file staged over rel.
func (b *beneath) replace(rel, staged string) error {
	dir, base, err := b.openParent(rel)
	if err != nil {
		return err
	}
	defer unix.Close(dir)
	return unix.Renameat(unix.AT_FDCWD, staged, dir, base)
}

// remove unlinks rel.
func (b *beneath) remove(rel string) error {
	dir, base, err := b.openParent(rel)
	if err != nil {
		return err
	}
	defer unix.Close(dir)
	return unix.Unlinkat(dir, base, 0)
}

// openParent opens the folder that holds rel (a CleanPath: no "..", no
// empty segment), creating missing folders. Each segment is opened alone
// with O_NOFOLLOW, so no symlink is ever followed.
func (b *beneath) openParent(rel string) (int, string, error) {
	parent, base := path.Split(rel)
	parent = strings.TrimSuffix(parent, "/")
	fd, err := unix.Dup(int(b.root.Fd()))
	if err != nil {
		return -1, "", err
	}
	if parent == "" {
		return fd, base, nil
	}
	const flags = unix.O_RDONLY | unix.O_DIRECTORY | unix.O_CLOEXEC | unix.O_NOFOLLOW
	for _, seg := range strings.Split(parent, "/") {
		next, err := unix.Openat(fd, seg, flags, 0)
		if errors.Is(err, unix.ENOENT) {
			if err = unix.Mkdirat(fd, seg, 0o755); err == nil || errors.Is(err, unix.EEXIST) {
				next, err = unix.Openat(fd, seg, flags, 0)
			}
		}
		unix.Close(fd)
		if err != nil {
			return -1, "", fmt.Errorf("publish: %s is not a folder of the destination: %w", parent, err)
		}
		fd = next
	}
	return fd, base, nil
}
