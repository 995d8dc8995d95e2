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
// block group and skips each one freed recently (the kernel's
// recently_deleted check reads that inode's deletion time: see
// recentFree), so a build that follows the deletion of its previous
// output creates each file past thousands of such inodes. perf on a 10,000-article medkb build measured
// 12.6 s of kernel time right after the previous public/ was deleted and
// 5.4 s after waiting 75 s; a 1,000-article build, 0.3 s of system time.
// Hugo, Pagefind and the floor paid the same, in proportion to the files
// they create and delete. No user pays it on a fresh clone, and Hugo writes
// over its public/ in place.
//
// So the bench deletes nothing while it measures. setAside renames a
// tool's earlier output (one directory entry) into the size's trash
// folder; when a size is done, its folder (with that trash) goes the same
// way into the work folder's trash, as does what an earlier bench left in
// the work folder (discard). The bench deletes that trash at its end
// (finish), and before then only when the next size would not fit the
// disk beside it (makeRoom), and settle then waits until what it deleted
// is no longer recent before the next timed build.

// recentFree is how long settle waits after a deletion: ext4 treats a
// freed inode as recently deleted for 60 s, or 360 s while its inode table
// block is dirty (fs/ext4/ialloc.c, RECENTCY_MIN and RECENTCY_DIRTY). A
// build that follows the deletion creates files in those blocks and
// dirties them again, so only the longer bound holds; 10 s more for the
// clock's granularity (i_dtime is in whole seconds).
const recentFree = 6*time.Minute + 10*time.Second

// freed records when the bench last deleted a large tree, in this process
// (at) and, when mark is set (the bench sets it, tests do not), in a file
// whose modification time every bench process on the machine updates and
// reads: one bench's deletion at its end falls on the next one's builds.
var freed struct {
	sync.Mutex
	at   time.Time
	mark string
}

// freedMark is the file bench processes record their deletions in.
func freedMark() string { return filepath.Join(os.TempDir(), "medkb-bench-freed") }

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
	defer freed.Unlock()
	freed.at = time.Now()
	if freed.mark != "" {
		// The tree is gone whether or not the mark is written: a mark
		// that cannot be (another user's, in a shared folder) is said,
		// not returned as a failed deletion.
		if werr := os.WriteFile(freed.mark, []byte(freed.at.Format(time.RFC3339)+"\n"), 0o644); werr != nil {
			fmt.Fprintf(os.Stderr, "medkb-bench: a later bench will not know to wait after this deletion: %v\n", werr)
		}
	}
	return err
}

// lastFreed is when this bench, or one before it, last deleted a tree.
func lastFreed() time.Time {
	freed.Lock()
	at, mark := freed.at, freed.mark
	freed.Unlock()
	if mark == "" {
		return at
	}
	if fi, err := os.Stat(mark); err == nil && fi.ModTime().After(at) {
		return fi.ModTime()
	}
	return at
}

// settle sleeps until wait has passed since the bench last deleted a tree
// (at most wait; not at all when wait is 0), saying so on log.
func settle(log io.Writer, wait time.Duration) {
	at := lastFreed()
	if at.IsZero() {
		return
	}
	if d := wait - time.Since(at); d > 0 {
		fmt.Fprintf(log, "waiting %v for the inodes the bench freed to stop counting as recently deleted\n", d.Round(time.Second))
		time.Sleep(d)
	}
}

// trashDir is where setAside moves what the bench is done with: a name
// of the bench's own, since a -work folder may be the user's.
const trashDir = "medkb-bench-trash"

// setAside moves path, when it exists, into the trash folder of base,
// under a name no other run uses.
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

// discard sets a size's folder aside into the work folder's trash.
func discard(work, dir string) error { return setAside(work, dir) }

// makeRoom returns fits's answer (checkDisk for the next size) once fits
// has been asked after deleting every trash folder (finish: the work
// folder's and those of the sizes kept in place, the 10,000-article one
// for the dev server or every one under -work), when the first answer was
// an error and there was trash to delete (settle then waits).
func makeRoom(work string, fits func() error, log io.Writer) error {
	err := fits()
	if err == nil {
		return nil
	}
	trashes, gerr := trashFolders(work)
	if gerr != nil {
		return gerr
	}
	if len(trashes) == 0 {
		return err
	}
	fmt.Fprintf(log, "deleting what the bench set aside, to make room (%v)\n", err)
	if err := finish(work); err != nil {
		return err
	}
	return fits()
}

// trashFolders returns the trash folders under work that exist: each
// size folder's (n1000/…) and the work folder's.
func trashFolders(work string) ([]string, error) {
	found, err := filepath.Glob(filepath.Join(work, "n[0-9]*", trashDir))
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(work, trashDir)); err == nil {
		found = append(found, filepath.Join(work, trashDir))
	}
	return found, nil
}

// finish deletes what the bench set aside: the work folder's trash and
// each size folder's.
func finish(work string) error {
	trashes, err := trashFolders(work)
	if err != nil {
		return err
	}
	for _, dir := range trashes {
		if err := removeTree(dir); err != nil {
			return err
		}
	}
	return nil
}
