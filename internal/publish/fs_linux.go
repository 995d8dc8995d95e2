package publish

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// prevTree is the previous build's folder, held open: files are opened
// beneath it with openat2, which refuses any symlink and any escape.
type prevTree struct{ dir *os.File }

func openPrev(dest string) (*prevTree, error) {
	f, err := os.Open(dest)
	if err != nil {
		return nil, err
	}
	return &prevTree{dir: f}, nil
}

// open opens rel beneath the folder, following no symlink; without
// openat2 (Linux before 5.6) it fails and the file is written anew.
func (p *prevTree) open(rel string) (*os.File, error) {
	fd, err := unix.Openat2(int(p.dir.Fd()), rel, &unix.OpenHow{
		Flags:   unix.O_RDONLY | unix.O_CLOEXEC | unix.O_NOFOLLOW,
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS,
	})
	if err != nil {
		return nil, err
	}
	return os.NewFile(uintptr(fd), rel), nil
}

// link makes full a hard link to rel beneath the folder.
func (p *prevTree) link(rel, full string) error {
	return unix.Linkat(int(p.dir.Fd()), rel, unix.AT_FDCWD, full, 0)
}

func (p *prevTree) close() { p.dir.Close() }

// swap exchanges the two names in one step (renameat2 RENAME_EXCHANGE): at
// every instant dest is the complete old site or the complete new one.
// Filesystems without the exchange (some network and FUSE ones) get
// renameSwap.
func swap(tmp, dest string) error {
	err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, dest, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EOPNOTSUPP) {
		return renameSwap(tmp, dest)
	}
	return err
}
