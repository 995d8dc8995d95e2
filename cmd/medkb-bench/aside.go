package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Deleting a site's output right before building it again made every build
// in the bench pay for the deletion. On an ext4 file system without a
// journal (this machine's), creating a file scans the free inodes of its
// block group and skips each one freed in the last minute or so (the kernel's
// recently_deleted check reads that inode's deletion time), so a build that
// follows the deletion of its previous output creates each file past
// thousands of such inodes. perf on a 10,000-article medkb build measured
// 12.6 s of kernel time right after the previous public/ was deleted and
// 5.4 s after waiting 75 s; a 1,000-article build, 0.3 s of system time.
// Hugo, Pagefind and the floor paid the same, in proportion to the files
// they create and delete. No user pays it on a fresh clone, and Hugo writes
// over its public/ in place.
//
// So the bench never deletes a tool's output between runs: setAside renames
// it (one directory entry) into the size's trash folder, which is deleted
// when the size is done, and settle waits until what was deleted is no
// longer recent before the next size's first timed build.

// recentFree is how long the bench waits after deleting: ext4 treats a
// freed inode as recently deleted for 60 s, or 360 s while its inode table
// block is still dirty (not yet written back, which the kernel's writeback
// usually does within 30 s). So 70 s is a heuristic, not a bound: perf
// put about 1 % of a build's samples in recently_deleted and the block
// lookups under it 70–75 s after a deletion, 4–11 % right after one.
const recentFree = 70 * time.Second

// freed records when the bench last deleted a large tree.
var freed struct {
	sync.Mutex
	at time.Time
}

// removeTree deletes dir and, when it existed, notes the time for settle.
// It refuses a path that is not absolute: the bench's folders all are,
// and an empty one (a size that did not run has no corpus folder) would
// name the current folder, the repository the bench runs in.
func removeTree(dir string) error {
	if !filepath.IsAbs(dir) {
		return fmt.Errorf("refusing to delete %q: not an absolute path", dir)
	}
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	err := os.RemoveAll(dir)
	freed.Lock()
	freed.at = time.Now()
	freed.Unlock()
	return err
}

// settle sleeps until wait has passed since the bench last deleted a tree
// (at most wait; not at all when wait is 0), saying so on log.
func settle(log io.Writer, wait time.Duration) {
	freed.Lock()
	at := freed.at
	freed.Unlock()
	if at.IsZero() {
		return
	}
	if d := wait - time.Since(at); d > 0 {
		fmt.Fprintf(log, "waiting %v for the inodes the bench freed to stop counting as recently deleted\n", d.Round(time.Second))
		time.Sleep(d)
	}
}

// trashDir is where setAside moves a size's earlier outputs.
const trashDir = "trash"

// setAside moves path, when it exists, into the trash folder of the size's
// work folder base, under a name no other run uses.
func setAside(base, path string) error {
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	trash := filepath.Join(base, trashDir)
	if err := os.MkdirAll(trash, 0o755); err != nil {
		return err
	}
	dst, err := os.MkdirTemp(trash, filepath.Base(path)+"-")
	if err != nil {
		return err
	}
	return os.Rename(path, filepath.Join(dst, filepath.Base(path)))
}

// emptyTrash deletes what setAside moved aside in base.
func emptyTrash(base string) error {
	return removeTree(filepath.Join(base, trashDir))
}
