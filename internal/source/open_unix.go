//go:build unix

package source

import (
	"io"
	"io/fs"
	"os"
	"syscall"
)

// openNoBlock opens path read-only without waiting for a writer when it is
// a named pipe (O_NONBLOCK has no effect on regular files).
func openNoBlock(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}

// openRegularFile opens path for reading as openRegular does (never
// waiting on a named pipe, refusing anything not regular with a
// *NotRegularError), and returns the file's size; the file is read with
// plain read calls and closed with close.
//
// It does not make an *os.File: on Linux os.OpenFile registers every file
// with the runtime's network poller (an epoll_ctl that fails for a regular
// file), sets its blocking mode (fcntl) and gives it a cleanup for the
// collector. strace of a cold 10,000-article build counted 43,765 failed
// epoll_ctl and 54,856 fcntl calls beside its 43,847 opens, and a build
// reads each Markdown file up to twice (its front matter, its body again
// when rendering; a third time, for its hash, when an earlier build is
// to be compared with). BenchmarkReadFiles compares the two:
// reading 1,000 files of 6.5 KB took 0.69× the time of os.ReadFile.
func openRegularFile(path string) (io.ReadCloser, int64, error) {
	var fd int
	err := ignoringEINTR(func() (err error) {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
		return err
	})
	if err != nil {
		return nil, 0, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	var st syscall.Stat_t
	if err := ignoringEINTR(func() error { return syscall.Fstat(fd, &st) }); err != nil {
		syscall.Close(fd)
		return nil, 0, &fs.PathError{Op: "stat", Path: path, Err: err}
	}
	if m := uint32(st.Mode) & syscall.S_IFMT; m != syscall.S_IFREG {
		syscall.Close(fd)
		return nil, 0, &NotRegularError{Path: path, Kind: kindOf(typeMode(m))}
	}
	return &fdFile{fd: fd, path: path}, st.Size, nil
}

// typeMode is the fs.FileMode type bits of a stat's S_IFMT bits.
func typeMode(m uint32) fs.FileMode {
	switch m {
	case syscall.S_IFIFO:
		return fs.ModeNamedPipe
	case syscall.S_IFSOCK:
		return fs.ModeSocket
	case syscall.S_IFCHR:
		return fs.ModeDevice | fs.ModeCharDevice
	case syscall.S_IFBLK:
		return fs.ModeDevice
	case syscall.S_IFDIR:
		return fs.ModeDir
	}
	return fs.ModeIrregular
}

// fdFile reads an open file descriptor.
type fdFile struct {
	fd   int
	path string
}

func (f *fdFile) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	var n int
	err := ignoringEINTR(func() (err error) {
		n, err = syscall.Read(f.fd, p)
		return err
	})
	if err != nil {
		return 0, &fs.PathError{Op: "read", Path: f.path, Err: err}
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

func (f *fdFile) Close() error {
	if err := syscall.Close(f.fd); err != nil {
		return &fs.PathError{Op: "close", Path: f.path, Err: err}
	}
	return nil
}

// ignoringEINTR calls fn again while it fails with EINTR, as package os
// does: Go's signal handlers ask the kernel to restart interrupted calls,
// but some file systems (FUSE, NFS) return EINTR all the same.
func ignoringEINTR(fn func() error) error {
	for {
		if err := fn(); err != syscall.EINTR {
			return err
		}
	}
}
