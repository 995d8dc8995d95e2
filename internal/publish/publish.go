// Package publish is the only writer of build output. A Dir sink builds into
// a fresh temporary folder beside the destination and swaps it in only when
// the build succeeds, so a failed or killed build leaves the previous site
// intact; a Mem sink keeps output in memory for the dev server and tests.
//
// What the swap guarantees depends on the platform:
//   - Linux (renameat2 RENAME_EXCHANGE) and macOS on APFS or HFS+
//     (renamex_np RENAME_SWAP): one atomic exchange; at every instant the
//     destination is the complete old site or the complete new one.
//   - Windows, and any filesystem without the exchange (network, FAT,
//     some FUSE): two renames (old site aside to .NAME.medkb-old, new site
//     in). The destination never holds a mix of both, but for the instant
//     between the renames it does not exist; a build killed there leaves
//     the old site aside, and the next build puts it back before anything
//     else. On Windows the swap fails, leaving the old site in place, while
//     another program holds a file of the destination open.
//
// A Patch changes a few files of a published folder in place, for a
// rebuild that knows exactly which files changed; it keeps each file, not
// the whole tree, atomic (see Patch).
//
// A file whose bytes equal the previous build's copy is not written again:
// the new tree gets a hard link to the old file (rsync --link-dest style).
// Unchanged files then cost no disk writes now and no freed blocks when the
// old tree is removed, and keep their modification time, which deploy
// tools and HTTP caches see. The old file is opened beneath the
// destination (with openat2 on Linux, which follows no symlink; through
// an os.Root elsewhere, which follows none out of it) and compared byte
// for byte, and the link is kept only if it names the very file compared.
// No file of the new tree is ever written in place, so the old tree cannot
// change through a shared inode.
//
// Every path is checked before writing: nothing can be written outside the
// destination. A Dir refuses destinations that would destroy the site (the
// source folder, a folder holding content/, an ancestor of the source, the
// filesystem root, a non-empty folder medkb did not create). Concurrent
// builds of one destination are serialised with an exclusive file lock
// (flock on Unix, LockFileEx on Windows; both die with the process). Sinks
// are safe for concurrent Write calls.
package publish

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// Sink receives output files.
type Sink interface {
	// Write writes one file. data is the caller's again once Write
	// returns (a build renders pages into reused buffers), so a sink that
	// keeps it keeps a copy.
	Write(rel string, data []byte) error
	Copy(rel string, r io.Reader) error
}

// Marker is the file that marks a folder as medkb output.
const Marker = ".medkb-output"

// CleanPath validates an output path: relative, slash-separated, without
// parent segments, backslashes or control characters.
func CleanPath(rel string) (string, error) {
	if rel == "" || strings.HasPrefix(rel, "/") || strings.Contains(rel, `\`) {
		return "", fmt.Errorf("output path %q is not a relative path", rel)
	}
	for _, r := range rel {
		if r < 0x20 || r == 0x7f {
			return "", fmt.Errorf("output path %q contains a control character", rel)
		}
	}
	for _, seg := range strings.Split(rel, "/") {
		if seg == ".." || seg == "." || seg == "" {
			return "", fmt.Errorf("output path %q has an empty, . or .. segment", rel)
		}
		if runtime.GOOS == "windows" {
			if err := windowsName(seg); err != nil {
				return "", fmt.Errorf("output path %q: %w", rel, err)
			}
		}
	}
	return rel, nil
}

// windowsName refuses a path segment Windows would not store as written:
// a colon (it names an alternate data stream of another file), a
// character Windows forbids, a trailing dot or space (dropped), or a
// device name such as CON or LPT1 (with any extension).
func windowsName(seg string) error {
	if i := strings.IndexAny(seg, `:*?"<>|`); i >= 0 {
		return fmt.Errorf("%q contains %q, which Windows does not allow in a file name; rename the file or change its slug", seg, seg[i])
	}
	if strings.HasSuffix(seg, ".") || strings.HasSuffix(seg, " ") {
		return fmt.Errorf("%q ends with a dot or space, which Windows drops; rename the file or change its slug", seg)
	}
	base, _, _ := strings.Cut(strings.ToUpper(seg), ".")
	switch strings.TrimRight(base, " ") {
	case "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
		"LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9":
		return fmt.Errorf("%q is a device name on Windows; rename the file or change its slug", seg)
	}
	return nil
}

// Dir writes into a temporary folder and swaps it in on Commit.
type Dir struct {
	dest, tmp string
	lock      *os.File
	prev      *prevTree // the previous build's folder, when there is one to reuse files from
	mu        sync.Mutex
	dirs      map[string]bool
	files     int
	bytes     int64
	reused    int
}

// Stats reports what was written.
func (d *Dir) Stats() (files int, bytes int64) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.files, d.bytes
}

// CheckDestination refuses destinations that would overwrite the site.
func CheckDestination(src, dest string) error {
	absSrc, err := filepath.Abs(src)
	if err != nil {
		return err
	}
	absDest, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	if realSrc, err := filepath.EvalSymlinks(absSrc); err == nil {
		absSrc = realSrc
	}
	if realDest, err := filepath.EvalSymlinks(absDest); err == nil {
		absDest = realDest
	}
	switch {
	case absDest == string(filepath.Separator) || filepath.Dir(absDest) == absDest:
		return fmt.Errorf("refusing to build into the filesystem root %s: choose a folder such as public/", absDest)
	case absDest == absSrc:
		return fmt.Errorf("refusing to build into the source folder %s: choose a folder such as public/", absDest)
	case isWithin(absSrc, absDest):
		return fmt.Errorf("refusing to build into %s: it contains the site itself; choose a folder such as public/", absDest)
	}
	// A content/ folder marks a site's source, unless medkb wrote it: a
	// section named content (an imported Jekyll collection, content/content/)
	// is published at /content/, and the next build must replace it.
	if _, err := os.Stat(filepath.Join(absDest, "content")); err == nil && MarkerText(absDest) == "" {
		return fmt.Errorf("refusing to build into %s: it contains a content/ folder; choose an empty folder", absDest)
	}
	ents, err := os.ReadDir(absDest)
	if err == nil && len(ents) > 0 {
		if _, err := os.Stat(filepath.Join(absDest, Marker)); err != nil {
			return fmt.Errorf("refusing to replace %s: it holds files medkb did not write; choose an empty folder or move them away", absDest)
		}
	}
	return nil
}

// isWithin reports whether p is inside or equal to dir.
func isWithin(p, dir string) bool {
	r, err := filepath.Rel(dir, p)
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) && !filepath.IsAbs(r)
}

// OpenDir prepares a build into dest. lockPath names the lock file; the call
// waits up to wait for another build holding it, then fails. A cancelled ctx
// ends the wait at once with ctx's error.
func OpenDir(ctx context.Context, dest, lockPath string, wait time.Duration) (*Dir, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(lockPath), 0o755); err != nil {
		return nil, err
	}
	lf, err := os.OpenFile(lockPath, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(wait)
	for {
		err = tryLock(lf)
		if err == nil {
			break
		}
		if !errors.Is(err, errLocked) {
			lf.Close()
			return nil, fmt.Errorf("locking %s: %w", lockPath, err)
		}
		if time.Now().After(deadline) {
			lf.Close()
			return nil, fmt.Errorf("another medkb build of this site is running (lock %s); wait for it to finish", lockPath)
		}
		t := time.NewTimer(100 * time.Millisecond)
		select {
		case <-ctx.Done():
			t.Stop()
			lf.Close()
			return nil, ctx.Err()
		case <-t.C:
		}
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		lf.Close()
		return nil, err
	}
	if err := removeStale(parent, filepath.Base(abs)); err != nil {
		lf.Close()
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(abs)+".medkb-tmp-")
	if err != nil {
		lf.Close()
		return nil, err
	}
	// MkdirTemp makes the folder 0700, which a web server running as
	// another user cannot read: the new root gets 0755, or the mode an
	// administrator gave the root it replaces.
	rootMode := fs.FileMode(0o755)
	if st, err := os.Stat(abs); err == nil && st.IsDir() {
		rootMode = st.Mode().Perm()
	}
	if err := os.Chmod(tmp, rootMode); err != nil {
		os.RemoveAll(tmp)
		lf.Close()
		return nil, err
	}
	d := &Dir{dest: abs, tmp: tmp, lock: lf, dirs: map[string]bool{}}
	if err := d.Write(Marker, []byte("This folder is medkb build output; medkb replaces it on every build.\n")); err != nil {
		d.Abort()
		return nil, err
	}
	// Reuse files only from a folder medkb wrote (CheckDestination refuses
	// any other non-empty destination).
	if MarkerText(abs) != "" {
		if p, err := openPrev(abs); err == nil {
			d.prev = p
		}
	}
	return d, nil
}

// Reused returns how many files were linked from the previous build
// rather than written.
func (d *Dir) Reused() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.reused
}

// reuse links the previous build's copy of rel to full when it holds
// exactly the size bytes that same reads from it.
func (d *Dir) reuse(rel, full string, size int64, same func(old io.Reader) bool) bool {
	f, st, ok := d.previous(rel, size, same)
	if !ok {
		return false
	}
	defer f.Close()
	if d.prev.link(rel, full) != nil {
		return false // another filesystem, say: write it
	}
	// The old name may have changed since it was opened: keep the link
	// only if it is the file compared.
	if ln, err := os.Lstat(full); err != nil || !os.SameFile(ln, st) {
		os.Remove(full)
		return false
	}
	return true
}

// previous opens the previous build's copy of rel when it holds exactly
// the size bytes that same reads from it; the caller closes it.
func (d *Dir) previous(rel string, size int64, same func(old io.Reader) bool) (*os.File, fs.FileInfo, bool) {
	if d.prev == nil {
		return nil, nil, false
	}
	f, err := d.prev.open(rel)
	if err != nil {
		return nil, nil, false // absent, or beneath a symlink: write it
	}
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || st.Size() != size || !same(f) {
		f.Close()
		return nil, nil, false
	}
	return f, st, true
}

var chunks = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// sameBytes reports whether old, known to be len(data) bytes long, holds data.
func sameBytes(old io.Reader, data []byte) bool {
	bp := chunks.Get().(*[]byte)
	defer chunks.Put(bp)
	buf := *bp
	for off := 0; off < len(data); {
		n, err := io.ReadFull(old, buf[:min(len(buf), len(data)-off)])
		if err != nil || !bytes.Equal(buf[:n], data[off:off+n]) {
			return false
		}
		off += n
	}
	return true
}

// sameStreams reports whether a and b, both known to be size bytes long,
// hold the same bytes.
func sameStreams(a, b io.Reader, size int64) bool {
	ap, bp := chunks.Get().(*[]byte), chunks.Get().(*[]byte)
	defer chunks.Put(ap)
	defer chunks.Put(bp)
	for size > 0 {
		n := int(min(int64(len(*ap)), size))
		if _, err := io.ReadFull(a, (*ap)[:n]); err != nil {
			return false
		}
		if _, err := io.ReadFull(b, (*bp)[:n]); err != nil {
			return false
		}
		if !bytes.Equal((*ap)[:n], (*bp)[:n]) {
			return false
		}
		size -= int64(n)
	}
	return true
}

// SetMarker replaces the marker's text; the build records its input
// fingerprint there so an unchanged site can skip the next build.
func (d *Dir) SetMarker(text string) error {
	return writeNew(filepath.Join(d.tmp, Marker), []byte(text))
}

// createNew creates a new file at full. A name that exists already may be
// a link into the previous build, which must never be written through: it
// is unlinked first. Creating exclusively makes the common case, a name
// not yet written, one call.
func createNew(full string) (*os.File, error) {
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		if err := os.Remove(full); err != nil {
			return nil, err
		}
		f, err = os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	}
	return f, err
}

// writeNewFile is writeNew through an *os.File, as systems other than
// Unix write (write_other.go).
func writeNewFile(full string, data []byte) error {
	f, err := createNew(full)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// count records one output file of size bytes, linked or written.
func (d *Dir) count(size int64, reused bool) {
	d.mu.Lock()
	d.files++
	d.bytes += size
	if reused {
		d.reused++
	}
	d.mu.Unlock()
}

// MarkerText returns the marker text of an existing destination, or "".
func MarkerText(dest string) string {
	b, err := os.ReadFile(filepath.Join(dest, Marker))
	if err != nil {
		return ""
	}
	return string(b)
}

// removeStale deletes temporary folders left by killed builds, first
// finishing a patch that was committed (its journal written) but not
// applied. A patch that cannot be finished marks the destination
// incomplete, so the next build replaces all of it.
func removeStale(parent, base string) error {
	// A rename-based swap killed between its renames left the old site
	// aside and no destination: put it back.
	dest, old := filepath.Join(parent, base), oldName(filepath.Join(parent, base))
	if _, err := os.Lstat(old); err == nil {
		if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
			if err := os.Rename(old, dest); err != nil {
				return fmt.Errorf("restoring the previous site from %s: %w", old, err)
			}
		} else {
			os.RemoveAll(old)
		}
	}
	ents, _ := os.ReadDir(parent)
	for _, e := range ents {
		if e.IsDir() && strings.HasPrefix(e.Name(), "."+base+".medkb-tmp-") {
			tmp := filepath.Join(parent, e.Name())
			if _, err := os.Lstat(filepath.Join(tmp, journalName)); err == nil {
				if err := rollForward(filepath.Join(parent, base), tmp); err != nil {
					markIncomplete(filepath.Join(parent, base))
				}
			}
			os.RemoveAll(tmp)
		}
	}
	return nil
}

func (d *Dir) prepare(rel string) (string, error) {
	rel, err := CleanPath(rel)
	if err != nil {
		return "", err
	}
	full := filepath.Join(d.tmp, filepath.FromSlash(rel))
	if err := d.mkdir(filepath.Dir(full)); err != nil {
		return "", err
	}
	return full, nil
}

// mkdir creates dir and any missing parents inside the temporary folder.
// It remembers what exists, so most pages cost one mkdir call (their own
// folder) instead of MkdirAll's stat of every level.
func (d *Dir) mkdir(dir string) error {
	d.mu.Lock()
	known := d.dirs[dir]
	d.mu.Unlock()
	if known || dir == d.tmp {
		return nil
	}
	if !strings.HasPrefix(dir, d.tmp+string(filepath.Separator)) {
		return fmt.Errorf("publish: %s is outside the output folder", dir) // CleanPath rules this out
	}
	if err := d.mkdir(filepath.Dir(dir)); err != nil {
		return err
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		// Another writer may have just made it; anything else at that
		// name is an error.
		if fi, serr := os.Lstat(dir); serr != nil || !fi.IsDir() {
			return err
		}
	}
	d.mu.Lock()
	d.dirs[dir] = true
	d.mu.Unlock()
	return nil
}

// Write writes one file.
func (d *Dir) Write(rel string, data []byte) error {
	full, err := d.prepare(rel)
	if err != nil {
		return err
	}
	reused := d.reuse(rel, full, int64(len(data)), func(old io.Reader) bool { return sameBytes(old, data) })
	if !reused {
		if err := writeNew(full, data); err != nil {
			return err
		}
	}
	d.count(int64(len(data)), reused)
	return nil
}

// Copy writes one file from a reader. When r is a file (a static asset)
// equal to the previous build's copy, that copy is linked instead.
func (d *Dir) Copy(rel string, r io.Reader) error {
	full, err := d.prepare(rel)
	if err != nil {
		return err
	}
	if f, ok := r.(*os.File); ok && d.prev != nil {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			if d.reuse(rel, full, st.Size(), func(old io.Reader) bool { return sameStreams(old, f, st.Size()) }) {
				d.count(st.Size(), true)
				return nil
			}
			if _, err := f.Seek(0, io.SeekStart); err != nil {
				return err
			}
		}
	}
	f, err := createNew(full)
	if err != nil {
		return err
	}
	n, err := io.Copy(f, r)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	d.count(n, false)
	return err
}

// Commit swaps the new site in and removes the old one (see the package
// comment for what each platform guarantees).
func (d *Dir) Commit() error {
	defer d.unlock()
	d.closePrev() // Windows cannot rename a folder while a handle to it is open
	if err := syncTree(d.tmp); err != nil {
		return err
	}
	if _, err := os.Lstat(d.dest); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(d.tmp, d.dest); err != nil {
			return err
		}
		return nil
	}
	if err := swap(d.tmp, d.dest); err != nil {
		return fmt.Errorf("swapping in the new site: %w", err)
	}
	return os.RemoveAll(d.tmp)
}

// oldName is where renameSwap parks the previous site for the instant
// between its two renames.
func oldName(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".medkb-old")
}

// renameSwap is the swap where the platform or filesystem cannot exchange
// two names in one step: the old site is renamed aside, the new one into
// place, and the old one to tmp (which Commit then removes). Between the
// first two renames the destination does not exist; a build killed there
// leaves the old site at oldName, which the next OpenDir puts back.
func renameSwap(tmp, dest string) error {
	old := oldName(dest)
	if err := os.RemoveAll(old); err != nil {
		return err
	}
	if err := os.Rename(dest, old); err != nil {
		return fmt.Errorf("%w (on Windows, close any program that has a file of %s open)", err, dest)
	}
	if err := os.Rename(tmp, dest); err != nil {
		if rerr := os.Rename(old, dest); rerr != nil {
			return fmt.Errorf("%w; the previous site is at %s and the next build puts it back", err, old)
		}
		return err
	}
	return os.Rename(old, tmp)
}

// Abort discards the temporary folder; the destination is untouched.
func (d *Dir) Abort() {
	os.RemoveAll(d.tmp)
	d.unlock()
}

func (d *Dir) closePrev() {
	if d.prev != nil {
		d.prev.close()
		d.prev = nil
	}
}

func (d *Dir) unlock() {
	d.closePrev()
	if d.lock != nil {
		unlockFile(d.lock)
		d.lock.Close()
		d.lock = nil
	}
}

// syncTree flushes the new tree's directory so the rename does not expose
// files whose data is not yet on disk after a power loss. Windows cannot
// flush a folder; there it does nothing.
func syncTree(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return syncDir(f)
}

// Mem keeps output in memory. It implements fs.FS for serving. Clone is
// copy-on-write: the clone shares the files it does not change, so a dev
// server's snapshot after one edit costs the files the edit wrote, not the
// site's size.
type Mem struct {
	mu sync.RWMutex
	// base is shared with other Mems and never written; files and gone
	// are this Mem's own changes over it (files written, base files
	// removed).
	base  map[string][]byte
	files map[string][]byte
	gone  map[string]bool
}

// NewMem returns an empty in-memory sink.
func NewMem() *Mem { return &Mem{files: map[string][]byte{}, gone: map[string]bool{}} }

// Write stores one file.
func (m *Mem) Write(rel string, data []byte) error {
	rel, err := CleanPath(rel)
	if err != nil {
		return err
	}
	m.store(rel, bytes.Clone(data)) // the caller may reuse data (Sink)
	return nil
}

// store keeps data, which nothing else holds, as the file rel.
func (m *Mem) store(rel string, data []byte) {
	m.mu.Lock()
	m.files[rel] = data
	delete(m.gone, rel)
	m.mu.Unlock()
}

// Remove deletes one file; removing a missing file is not an error.
func (m *Mem) Remove(rel string) {
	m.mu.Lock()
	delete(m.files, rel)
	if _, ok := m.base[rel]; ok {
		m.gone[rel] = true
	}
	m.mu.Unlock()
}

// Copy stores one file from a reader.
func (m *Mem) Copy(rel string, r io.Reader) error {
	rel, err := CleanPath(rel)
	if err != nil {
		return err
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	m.store(rel, b) // read here: no one else holds it
	return nil
}

// Clone returns a new Mem holding the same files, which later writes to
// either never change in the other. The bytes are shared and never
// modified; so are the unchanged files' entries: m's own changes become a
// shared base when they outgrow a quarter of it (once after a full build,
// then every few hundred edits), else the clone copies only them.
func (m *Mem) Clone() *Mem {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.files) > len(m.base)/4 {
		if len(m.base) > 0 {
			merged := make(map[string][]byte, len(m.base)+len(m.files))
			for k, v := range m.base {
				if !m.gone[k] {
					merged[k] = v
				}
			}
			maps.Copy(merged, m.files)
			m.files = merged
		}
		m.base, m.files, m.gone = m.files, map[string][]byte{}, map[string]bool{}
	}
	return &Mem{base: m.base, files: maps.Clone(m.files), gone: maps.Clone(m.gone)}
}

// get returns the file at name; the caller holds m.mu.
func (m *Mem) get(name string) ([]byte, bool) {
	if b, ok := m.files[name]; ok {
		return b, true
	}
	if m.gone[name] {
		return nil, false
	}
	b, ok := m.base[name]
	return b, ok
}

// each calls fn for every stored file; the caller holds m.mu.
func (m *Mem) each(fn func(name string, data []byte)) {
	for k, v := range m.base {
		if _, over := m.files[k]; !over && !m.gone[k] {
			fn(k, v)
		}
	}
	for k, v := range m.files {
		fn(k, v)
	}
}

// Files returns a snapshot of the stored files.
func (m *Mem) Files() map[string][]byte {
	m.mu.RLock()
	defer m.mu.RUnlock()
	out := make(map[string][]byte, len(m.base)+len(m.files))
	m.each(func(k string, v []byte) { out[k] = v })
	return out
}

// Open implements fs.FS.
func (m *Mem) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	if b, ok := m.get(name); ok {
		return &memFile{name: path.Base(name), r: bytes.NewReader(b), size: int64(len(b))}, nil
	}
	prefix := name + "/"
	if name == "." {
		prefix = ""
	}
	var entries []fs.DirEntry
	seen := map[string]bool{}
	m.each(func(k string, v []byte) {
		if !strings.HasPrefix(k, prefix) {
			return
		}
		rest := strings.TrimPrefix(k, prefix)
		child, _, isDir := strings.Cut(rest, "/")
		if seen[child] {
			return
		}
		seen[child] = true
		e := memEntry{name: child, dir: isDir}
		if !isDir {
			e.size = int64(len(v))
		}
		entries = append(entries, e)
	})
	if len(entries) == 0 && name != "." {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	return &memDir{name: path.Base(name), entries: entries}, nil
}

type memFile struct {
	name string
	r    *bytes.Reader
	size int64
}

func (f *memFile) Stat() (fs.FileInfo, error) { return memEntry{name: f.name, size: f.size}, nil }
func (f *memFile) Read(b []byte) (int, error) { return f.r.Read(b) }
func (f *memFile) Seek(off int64, whence int) (int64, error) {
	return f.r.Seek(off, whence)
}
func (f *memFile) Close() error { return nil }

type memDir struct {
	name    string
	entries []fs.DirEntry
	pos     int
}

func (d *memDir) Stat() (fs.FileInfo, error) { return memEntry{name: d.name, dir: true}, nil }
func (d *memDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.name, Err: fs.ErrInvalid}
}
func (d *memDir) Close() error { return nil }
func (d *memDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.pos:]
	if n <= 0 {
		d.pos = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	if n > len(rest) {
		n = len(rest)
	}
	d.pos += n
	return rest[:n], nil
}

type memEntry struct {
	name string
	dir  bool
	size int64
}

func (e memEntry) Name() string { return e.name }
func (e memEntry) Size() int64  { return e.size }
func (e memEntry) Mode() fs.FileMode {
	if e.dir {
		return fs.ModeDir | 0o755
	}
	return 0o644
}
func (e memEntry) ModTime() time.Time         { return time.Time{} }
func (e memEntry) IsDir() bool                { return e.dir }
func (e memEntry) Sys() any                   { return nil }
func (e memEntry) Type() fs.FileMode          { return e.Mode().Type() }
func (e memEntry) Info() (fs.FileInfo, error) { return e, nil }

// A Patch changes a few files of an existing destination in place, for a
// rebuild that knows exactly which outputs changed (a page body edited):
// swapping in a whole new tree would cost more than the rebuild. Files are
// staged in the Dir's temporary folder; Commit writes a journal there (the
// commit point), then renames each staged file over its destination path
// and removes the files the change drops. Every file is replaced
// atomically, but not the tree: a reader may see some files new and others
// old for the few milliseconds the renames take. A build killed before the
// journal is written leaves the destination untouched; one killed after it
// is rolled forward by the next OpenDir, before anything else happens.
type Patch struct {
	d      *Dir
	mu     sync.Mutex
	writes []string // staged file i is writes[i]
	remove []string
}

// Patch returns a sink that changes the destination in place; use it
// instead of the Dir's own Write, Copy and Commit.
func (d *Dir) Patch() *Patch { return &Patch{d: d} }

const journalName = "journal.json"

// journal is what a committed patch still has to do.
type journal struct {
	Writes []string `json:"writes"` // staged as patch/0, patch/1, …
	Remove []string `json:"remove"`
	Marker string   `json:"marker"`
}

// Write stages one file.
func (p *Patch) Write(rel string, data []byte) error {
	rel, err := CleanPath(rel)
	if err != nil {
		return err
	}
	if rel == Marker {
		return fmt.Errorf("publish: %s is medkb's own file", rel)
	}
	// A file that comes out the same is left alone, date and all, as a
	// full build links it (upload tools then skip it).
	if f, _, same := p.d.previous(rel, int64(len(data)), func(old io.Reader) bool { return sameBytes(old, data) }); same {
		f.Close()
		return nil
	}
	p.mu.Lock()
	n := len(p.writes)
	p.writes = append(p.writes, rel)
	p.mu.Unlock()
	if err := p.d.mkdir(filepath.Join(p.d.tmp, "patch")); err != nil {
		return err
	}
	return writeNew(filepath.Join(p.d.tmp, "patch", fmt.Sprint(n)), data)
}

// Copy stages one file from a reader.
func (p *Patch) Copy(rel string, r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	return p.Write(rel, data)
}

// Remove marks a file of the destination for removal.
func (p *Patch) Remove(rel string) error {
	rel, err := CleanPath(rel)
	if err != nil {
		return err
	}
	p.mu.Lock()
	p.remove = append(p.remove, rel)
	p.mu.Unlock()
	return nil
}

// Written returns how many files were staged (files that came out the
// same as the destination's are not).
func (p *Patch) Written() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.writes)
}

// Commit applies the patch and records marker as the destination's marker
// text; the Dir is done with afterwards.
func (p *Patch) Commit(marker string) error {
	d := p.d
	defer d.unlock()
	if MarkerText(d.dest) == "" {
		d.Abort()
		return fmt.Errorf("publish: %s is not a medkb build to patch", d.dest)
	}
	j := journal{Writes: p.writes, Remove: p.remove, Marker: marker}
	data, err := json.Marshal(j)
	if err == nil {
		err = writeNew(filepath.Join(d.tmp, journalName+".new"), data)
	}
	if err == nil {
		err = syncTree(filepath.Join(d.tmp, "patch"))
		if errors.Is(err, fs.ErrNotExist) {
			err = nil // nothing staged
		}
	}
	if err == nil {
		err = os.Rename(filepath.Join(d.tmp, journalName+".new"), filepath.Join(d.tmp, journalName))
	}
	if err == nil {
		err = syncTree(d.tmp)
	}
	if err != nil {
		os.RemoveAll(d.tmp)
		return err
	}
	if err := rollForward(d.dest, d.tmp); err != nil {
		markIncomplete(d.dest)
		os.RemoveAll(d.tmp)
		return err
	}
	return nil
}

// IncompleteMarker is the marker text of a destination a patch changed only
// in part: it matches no build, so the next one rebuilds everything.
const IncompleteMarker = "medkb: an update of this folder did not finish; the next build replaces it\n"

func markIncomplete(dest string) {
	os.WriteFile(filepath.Join(dest, Marker), []byte(IncompleteMarker), 0o644)
}

// rollForward applies the journal in tmp to dest and removes tmp. Steps
// already done (a staged file already renamed, a file already removed)
// are skipped, so it can run again after being interrupted.
func rollForward(dest, tmp string) error {
	data, err := os.ReadFile(filepath.Join(tmp, journalName))
	if err != nil {
		return err
	}
	var j journal
	if err := json.Unmarshal(data, &j); err != nil {
		return fmt.Errorf("publish: the journal in %s: %w", tmp, err)
	}
	root, err := openBeneath(dest)
	if err != nil {
		return err
	}
	defer root.close()
	for _, rel := range append(slices.Clone(j.Writes), j.Remove...) {
		if _, err := CleanPath(rel); err != nil {
			return fmt.Errorf("publish: the journal in %s: %w", tmp, err)
		}
	}
	for i, rel := range j.Writes {
		staged := filepath.Join(tmp, "patch", fmt.Sprint(i))
		if _, err := os.Lstat(staged); errors.Is(err, fs.ErrNotExist) {
			continue // renamed before an interruption, or replaced by a later write of rel
		}
		if slices.Contains(j.Writes[i+1:], rel) {
			continue // a later write of the same file wins
		}
		if err := root.replace(rel, staged); err != nil {
			return fmt.Errorf("publish: replacing %s: %w", rel, err)
		}
	}
	for _, rel := range j.Remove {
		if slices.Contains(j.Writes, rel) {
			continue
		}
		if err := root.remove(rel); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("publish: removing %s: %w", rel, err)
		}
	}
	if j.Marker != "" {
		if err := writeNew(filepath.Join(tmp, Marker), []byte(j.Marker)); err != nil {
			return err
		}
		if err := os.Rename(filepath.Join(tmp, Marker), filepath.Join(dest, Marker)); err != nil {
			return err
		}
	}
	if err := root.sync(); err != nil {
		return err
	}
	return os.RemoveAll(tmp)
}
