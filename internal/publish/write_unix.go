//go:build unix

package publish

import (
	"errors"
	"io/fs"
	"os"

	"golang.org/x/sys/unix"
)

// writeNew writes data to a new file at full (see createNew) with plain
// open, write and close calls: an *os.File costs a failed poller
// registration and fcntl calls besides (see source.openRegularFile), and
// a build writes every page through here.
func writeNew(full string, data []byte) error {
	fd, err := openNew(full)
	if errors.Is(err, fs.ErrExist) {
		if err := os.Remove(full); err != nil {
			return err
		}
		fd, err = openNew(full)
	}
	if err != nil {
		return &fs.PathError{Op: "open", Path: full, Err: err}
	}
	for len(data) > 0 {
		n, err := unix.Write(fd, data)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			unix.Close(fd)
			return &fs.PathError{Op: "write", Path: full, Err: err}
		}
		data = data[n:]
	}
	if err := unix.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: full, Err: err}
	}
	return nil
}

// openNew creates full, which must not exist, for writing.
func openNew(full string) (int, error) {
	for {
		fd, err := unix.Open(full, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, 0o644)
		if err != unix.EINTR {
			return fd, err
		}
	}
}
