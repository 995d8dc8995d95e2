//go:build !linux

package publish

import (
	"os"
	"path/filepath"
)

// prevTree is the previous build's folder as an os.Root: a file is opened
// only if it resolves inside the folder (a symlink may be followed, but
// only to another file of the folder, which is then compared like any
// other).
type prevTree struct {
	root *os.Root
	dest string
}

func openPrev(dest string) (*prevTree, error) {
	r, err := os.OpenRoot(dest)
	if err != nil {
		return nil, err
	}
	return &prevTree{root: r, dest: dest}, nil
}

func (p *prevTree) open(rel string) (*os.File, error) { return p.root.Open(rel) }

// link makes full a hard link to rel of the folder. The caller keeps the
// link only if it names the very file compared (os.SameFile).
func (p *prevTree) link(rel, full string) error {
	return os.Link(filepath.Join(p.dest, filepath.FromSlash(rel)), full)
}

func (p *prevTree) close() { p.root.Close() }
