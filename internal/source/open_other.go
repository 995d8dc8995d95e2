//go:build !unix

package source

import (
	"io"
	"os"
)

// openNoBlock opens path read-only. Systems other than Unix have no named
// pipes in the file tree.
func openNoBlock(path string) (*os.File, error) { return os.Open(path) }

// openRegularFile is openRegular, returning the file's size.
func openRegularFile(path string) (io.ReadCloser, int64, error) {
	f, st, err := openRegular(path)
	if err != nil {
		return nil, 0, err
	}
	return f, st.Size(), nil
}
