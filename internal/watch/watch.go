// Package watch reports changes to a site's source files as debounced,
// deduplicated batches.
//
// A Watcher observes a fixed set of top-level directories (recursively,
// including directories created after the Watcher started) and a fixed set of
// top-level files below a root directory, using fsnotify. Every event that
// arrives within the debounce window of the previous one joins the same
// batch; a batch holds each path at most once (the operations seen for it are
// OR-ed together) and is sorted by path.
//
// What it reports: creations, writes, removals and renames of files and
// directories, with paths relative to the root and slash-separated. A
// directory that appears (created or moved in) is walked, and everything
// already inside it is reported as created, so files written before its watch
// was installed are not lost.
//
// What it never reports: chmod-only events; editor temp and backup files
// (*~, .#*, *.swp, *.swx, *.tmp, 4913, .DS_Store, JetBrains ___jb_tmp___ and
// ___jb_old___); anything inside .git, .medkb or node_modules directories or
// the top-level public directory; top-level entries that are not among the
// watched names. An editor's atomic save (write a temp file, rename it onto
// the target) therefore shows up as a Create of the target only.
//
// Delivery never blocks the watcher: while the consumer is not receiving,
// finished batches are merged into the batch waiting to be delivered.
// Errors from the operating system are delivered on Errors in the same way;
// if more than maxQueuedErrors are waiting, older ones are dropped.
//
// Concurrency: a Watcher owns one goroutine. Batches, Errors and Close are
// safe to call from any goroutine; Close is idempotent and closes both
// channels once the goroutine has stopped.
package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// DefaultDebounce is the quiet period used when New is given a
// non-positive debounce. It only has to outlast the gaps between the
// events of one save, which are far shorter: measured with fsnotify on
// Linux, vim's write (WRITE, then CHMOD of the file) spans 0.1–0.4 ms, an
// in-place write as VS Code's (Node's fs.writeFile) is one WRITE, and a
// write to a temporary file renamed onto the target (CREATE, WRITE,
// RENAME of the ignored temporary, CREATE of the target) 1.6 ms. Every
// millisecond of it is added to the dev server's save-to-reload time.
const DefaultDebounce = 10 * time.Millisecond

// maxQueuedErrors bounds the errors kept while nobody reads Errors.
const maxQueuedErrors = 64

// Op describes what happened to a path. Several operations seen within one
// batch are OR-ed together.
type Op uint8

// The operations a Change can carry.
const (
	Create Op = 1 << iota
	Write
	Remove
	Rename
)

// Has reports whether o includes any of the operations in x.
func (o Op) Has(x Op) bool { return o&x != 0 }

// String returns the operations joined by "|", e.g. "CREATE|WRITE".
func (o Op) String() string {
	names := []struct {
		op   Op
		name string
	}{{Create, "CREATE"}, {Write, "WRITE"}, {Remove, "REMOVE"}, {Rename, "RENAME"}}
	var parts []string
	for _, n := range names {
		if o.Has(n.op) {
			parts = append(parts, n.name)
		}
	}
	if len(parts) == 0 {
		return "NONE"
	}
	return strings.Join(parts, "|")
}

// Change is one changed path within a batch.
type Change struct {
	Path string // relative to the root, slash-separated; a file or a directory
	Op   Op
}

// Watcher watches a site's source tree. Create one with New.
type Watcher struct {
	root     string          // absolute
	dirs     map[string]bool // watched top-level directory names
	files    map[string]bool // watched top-level file names
	debounce time.Duration
	maxWait  time.Duration // longest a burst may postpone its batch

	fsw     *fsnotify.Watcher
	watched map[string]bool // absolute directories with a watch; owned by run

	batches chan []Change
	errors  chan error

	closeOnce sync.Once
	done      chan struct{} // closed by Close
	stopped   chan struct{} // closed when run returns
	closeErr  error
}

// New starts watching dirs (recursively) and files below root. Both are
// plain top-level names such as "content" or "medkb.yaml"; any of them may be
// missing at first and is picked up when it appears. A non-positive debounce
// means DefaultDebounce.
func New(root string, dirs, files []string, debounce time.Duration) (*Watcher, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("watch: root %q: %w", root, err)
	}
	if fi, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("watch: root: %w", err)
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("watch: root %s is not a directory", abs)
	}
	dirSet, err := nameSet(dirs)
	if err != nil {
		return nil, err
	}
	fileSet, err := nameSet(files)
	if err != nil {
		return nil, err
	}
	if debounce <= 0 {
		debounce = DefaultDebounce
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	w := &Watcher{
		root:     abs,
		dirs:     dirSet,
		files:    fileSet,
		debounce: debounce,
		maxWait:  max(time.Second, 10*debounce),
		fsw:      fsw,
		watched:  make(map[string]bool),
		batches:  make(chan []Change),
		errors:   make(chan error),
		done:     make(chan struct{}),
		stopped:  make(chan struct{}),
	}
	if err := w.watchInitial(); err != nil {
		fsw.Close()
		return nil, err
	}
	go w.run()
	return w, nil
}

// nameSet validates top-level names and returns them as a set.
func nameSet(names []string) (map[string]bool, error) {
	set := make(map[string]bool, len(names))
	for _, n := range names {
		if n == "" || n == "." || n == ".." || strings.ContainsAny(n, `/\`) {
			return nil, fmt.Errorf("watch: %q is not a top-level name", n)
		}
		set[n] = true
	}
	return set, nil
}

// watchInitial installs the root watch (which notices top-level entries
// appearing, disappearing and being replaced by atomic saves) and the
// recursive watches of the directories that already exist.
func (w *Watcher) watchInitial() error {
	if err := w.addWatch(w.root); err != nil {
		return err
	}
	for d := range w.dirs {
		abs := filepath.Join(w.root, d)
		if fi, err := os.Stat(abs); err != nil || !fi.IsDir() {
			continue // picked up by the root watch once it appears
		}
		if err := w.watchTree(abs, nil); err != nil {
			return err
		}
	}
	return nil
}

// Batches delivers one batch per debounced burst of changes. It is closed
// after Close.
func (w *Watcher) Batches() <-chan []Change { return w.batches }

// Errors delivers errors reported by the operating system, such as running
// out of inotify watches. It is closed after Close.
func (w *Watcher) Errors() <-chan error { return w.errors }

// Close stops watching, waits for the watcher's goroutine to finish and
// closes Batches and Errors. Changes not yet delivered are discarded.
func (w *Watcher) Close() error {
	w.closeOnce.Do(func() {
		close(w.done)
		<-w.stopped
		w.closeErr = w.fsw.Close()
	})
	return w.closeErr
}

// run is the watcher's only goroutine: it turns fsnotify events into
// batches and hands them out without ever blocking on the consumer.
func (w *Watcher) run() {
	defer close(w.stopped)
	defer close(w.batches)
	defer close(w.errors)

	pending := changeSet{} // the burst being debounced
	ready := changeSet{}   // finished bursts not yet delivered
	var readyList []Change
	var errs []error
	var burstStart time.Time
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	var timerC <-chan time.Time

	for {
		var out chan<- []Change
		if len(readyList) > 0 {
			out = w.batches
		}
		var errOut chan<- error
		var firstErr error
		if len(errs) > 0 {
			errOut, firstErr = w.errors, errs[0]
		}

		select {
		case <-w.done:
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			report := func(err error) { errs = queueError(errs, err) }
			if !w.handle(ev, pending.add, report) {
				continue
			}
			if timerC == nil {
				burstStart = time.Now()
			}
			timer.Reset(w.delay(burstStart))
			timerC = timer.C
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			errs = queueError(errs, fmt.Errorf("watch: %w", err))
		case <-timerC:
			timerC = nil
			ready.merge(pending)
			pending = changeSet{}
			readyList = ready.sorted()
		case out <- readyList:
			ready = changeSet{}
			readyList = nil
		case errOut <- firstErr:
			errs = errs[1:]
		}
	}
}

// delay is how long to wait for the burst that started at start to go
// quiet: the debounce window, but never past maxWait after its first event.
func (w *Watcher) delay(start time.Time) time.Duration {
	remaining := w.maxWait - time.Since(start)
	return max(0, min(w.debounce, remaining))
}

func queueError(errs []error, err error) []error {
	if len(errs) >= maxQueuedErrors {
		errs = errs[1:]
	}
	return append(errs, err)
}

// handle applies one fsnotify event: it maintains the directory watches and
// records the relevant changes through record. It reports whether anything
// was recorded.
func (w *Watcher) handle(ev fsnotify.Event, record func(string, Op), report func(error)) bool {
	rel, ok := w.relevant(ev.Name)
	if !ok {
		return false
	}
	op := fromFsnotify(ev.Op)
	if op == 0 {
		return false // chmod-only, or an unportable event we never asked for
	}
	if op.Has(Remove | Rename) {
		w.unwatchTree(ev.Name)
	}
	if op.Has(Create) && w.isWatchedDirTree(rel) {
		if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
			if err := w.watchTree(ev.Name, record); err != nil {
				report(err)
			}
		}
	}
	record(rel, op)
	return true
}

// relevant maps an absolute event path to its root-relative form and
// reports whether it belongs to a watched, non-ignored path.
func (w *Watcher) relevant(name string) (string, bool) {
	rel, err := filepath.Rel(w.root, name)
	rel = filepath.ToSlash(rel)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, "../") {
		return "", false
	}
	top, _, nested := strings.Cut(rel, "/")
	if !w.dirs[top] && (nested || !w.files[top]) {
		return "", false
	}
	return rel, !ignored(rel)
}

// isWatchedDirTree reports whether rel lies in (or is) a watched directory,
// as opposed to being a watched top-level file.
func (w *Watcher) isWatchedDirTree(rel string) bool {
	top, _, _ := strings.Cut(rel, "/")
	return w.dirs[top]
}

func fromFsnotify(o fsnotify.Op) Op {
	var op Op
	if o.Has(fsnotify.Create) {
		op |= Create
	}
	if o.Has(fsnotify.Write) {
		op |= Write
	}
	if o.Has(fsnotify.Remove) {
		op |= Remove
	}
	if o.Has(fsnotify.Rename) {
		op |= Rename
	}
	return op
}

// watchTree adds watches to dir and every non-ignored directory below it.
// When record is not nil, every non-ignored entry found below dir is
// recorded as created: it may have appeared before its watch existed.
func (w *Watcher) watchTree(dir string, record func(string, Op)) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // removed while we walked; its removal is reported
			}
			return fmt.Errorf("watch: %w", err)
		}
		rel, ok := w.relevant(p)
		if !ok {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if record != nil && p != dir {
			record(rel, Create)
		}
		if !d.IsDir() {
			return nil
		}
		return w.addWatch(p)
	})
}

// addWatch watches one directory, tolerating its disappearance.
func (w *Watcher) addWatch(dir string) error {
	if w.watched[dir] {
		return nil
	}
	if err := w.fsw.Add(dir); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return fmt.Errorf("watch: %s: %w", dir, err)
	}
	w.watched[dir] = true
	return nil
}

// unwatchTree drops the watches of a directory that was removed or moved
// away, and of everything below it: after a move the kernel keeps watching
// the moved directories, which would report events under their old paths.
func (w *Watcher) unwatchTree(dir string) {
	prefix := dir + string(filepath.Separator)
	for p := range w.watched {
		if p == dir || strings.HasPrefix(p, prefix) {
			delete(w.watched, p)
			_ = w.fsw.Remove(p) // already gone when the kernel dropped it
		}
	}
}
