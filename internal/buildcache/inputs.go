package buildcache

import (
	"context"
	"crypto/sha256"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/medkb/medkb/internal/source"
)

// InputsFile is the name, in the cache folder, of the remembered hashes of
// HashInputs.
const InputsFile = "inputs.bin"

// statSettle is how much older than the moment it was hashed a file's
// modification time must be before its recorded hash is trusted on size
// and time alone. A file written within the clock's granularity of being
// hashed could change again without its time changing (git's "racy"
// index entries); such files are hashed again every time.
const statSettle = 2 * time.Second

// HashInputs returns the SHA-256 of every file below the folders dirs and
// of the files files (all relative to root; missing ones are skipped), by
// site-relative, slash-separated path. Hidden folders and node_modules are
// left out.
//
// With cacheDir set, each file's hash is remembered with its size,
// modification time and inode, like git's index: a file whose stat is
// unchanged (and that was not modified around the time it was hashed) is
// not read again, so an unchanged site of 10,000 articles costs a directory
// walk instead of reading every file. A cancelled ctx stops the walk and the
// hashing, and HashInputs returns ctx's error.
func HashInputs(ctx context.Context, root string, dirs, files []string, cacheDir string) (map[string][sha256.Size]byte, error) {
	out, _, err := HashInputsLater(ctx, root, dirs, files, cacheDir, nil)
	return out, err
}

// HashInputsLater is HashInputs, except that it does not read the files
// it would have to read whose site-relative path later accepts: it
// returns them in a Pending, whose Finish takes their hashes from the
// caller (who reads them anyway) and saves the stat cache. Until then the
// map lacks them. A first build reads each Markdown file to parse it, so
// reading it once more only to hash it beforehand would be a pass over
// the whole content (10,009 files at 10,000 bench articles) for nothing
// when there is no earlier build to compare the hashes with. Pending is
// nil when no file was left.
func HashInputsLater(ctx context.Context, root string, dirs, files []string, cacheDir string, later func(rel string) bool) (map[string][sha256.Size]byte, *Pending, error) {
	type input struct {
		path string
		info fs.FileInfo
	}
	var inputs []input
	for _, d := range dirs {
		top := filepath.Join(root, d)
		err := filepath.WalkDir(top, func(p string, e fs.DirEntry, err error) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err != nil {
				if os.IsNotExist(err) && p == top {
					return fs.SkipDir
				}
				return err
			}
			if e.IsDir() && (e.Name() == "node_modules" || (strings.HasPrefix(e.Name(), ".") && p != top)) {
				return fs.SkipDir
			}
			if !e.IsDir() && (e.Type().IsRegular() || e.Type()&fs.ModeSymlink != 0) { // never a pipe, socket or device
				inputs = append(inputs, input{path: p})
			}
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	// The walk reads folders; each file's stat is a system call of its
	// own, and they are made side by side (the calls wait on the file
	// system more than they compute: 10,000 files took about 63 ms of CPU
	// one by one, a third of a build with nothing changed).
	err := parallelN(len(inputs), statWorkers, func(i int) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		info, err := os.Lstat(inputs[i].path)
		if os.IsNotExist(err) {
			return nil // removed since the walk: left out below
		}
		inputs[i].info = info
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	inputs = slices.DeleteFunc(inputs, func(in input) bool { return in.info == nil })
	for _, f := range files {
		p := filepath.Join(root, f)
		info, err := os.Lstat(p)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		inputs = append(inputs, input{p, info})
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	sort.Slice(inputs, func(i, j int) bool { return inputs[i].path < inputs[j].path })

	cache := loadStatCache(cacheDir)
	// Sized at once: grown entry by entry, the map of the 10,000-article
	// bench site's inputs was rehashed as it grew, 12 of the 127 ms of CPU
	// samples a nothing-changed build took (fifteen builds' profiles; their
	// wall and CPU times, alternated with the code before, moved within
	// noise).
	next := make(statCache, len(inputs))
	now := time.Now()
	all := make([]hashed, len(inputs))
	var stale []int // inputs to read and hash
	var left []hashed
	for i, in := range inputs {
		rel, _ := filepath.Rel(root, in.path)
		all[i] = hashed{rel: filepath.ToSlash(rel), st: statOf(in.info)}
		if sum, ok := cache[all[i].rel].match(all[i].st); ok {
			all[i].sum = sum
			all[i].st.Hashed = cache[all[i].rel].Stat.Hashed
		} else if later != nil && later(all[i].rel) {
			// Stamped with now, before the caller reads it: a change
			// after the stat above shows in the next build's stat.
			all[i].st.Hashed = now.UnixNano()
			all[i].gone = true // not in out until Finish
			left = append(left, all[i])
		} else {
			stale = append(stale, i)
		}
	}
	// A first build reads every input; on two cores hashing them side by
	// side halves the wait before the build starts.
	err = parallel(len(stale), func(k int) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		in := &all[stale[k]]
		sum, err := hashFile(inputs[stale[k]].path)
		var special *source.NotRegularError
		switch {
		case os.IsNotExist(err), errors.As(err, &special):
			in.gone = true
		case err != nil:
			return err
		}
		in.sum, in.st.Hashed = sum, now.UnixNano()
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	out := make(map[string][sha256.Size]byte, len(all))
	for _, in := range all {
		if in.gone {
			continue
		}
		next[in.rel] = statEntry{Stat: in.st, Sum: in.sum}
		out[in.rel] = in.sum
	}
	changed := len(stale) > 0 || len(next) != len(cache)
	if left != nil {
		return out, &Pending{root: root, cacheDir: cacheDir, left: left, next: next, out: out, changed: changed}, nil
	}
	if changed {
		next.save(cacheDir) // an unchanged site writes nothing
	}
	return out, nil, nil
}

// Paths returns the site-relative paths of the inputs p holds, unhashed.
func (p *Pending) Paths() []string {
	out := make([]string, len(p.left))
	for i, in := range p.left {
		out[i] = in.rel
	}
	return out
}

// Pending holds the inputs HashInputsLater left unhashed.
type Pending struct {
	root, cacheDir string
	left           []hashed
	next           statCache
	out            map[string][sha256.Size]byte
	changed        bool // next differs from the cache as loaded, left aside
}

// Finish adds the inputs left to the map HashInputsLater returned, each
// with its hash in read (the caller's, of the bytes it read) or, for one
// read does not hold, its bytes' hash now (one removed since is left out),
// and saves the stat cache. A cancelled ctx stops it with ctx's error.
func (p *Pending) Finish(ctx context.Context, read map[string][sha256.Size]byte) error {
	err := parallel(len(p.left), func(k int) error {
		in := &p.left[k]
		if sum, ok := read[in.rel]; ok {
			in.sum, in.gone = sum, false
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		sum, err := hashFile(filepath.Join(p.root, filepath.FromSlash(in.rel)))
		var special *source.NotRegularError
		switch {
		case os.IsNotExist(err), errors.As(err, &special):
			return nil // still gone
		case err != nil:
			return err
		}
		in.sum, in.gone = sum, false
		return nil
	})
	if err != nil {
		return err
	}
	for _, in := range p.left {
		if !in.gone {
			p.next[in.rel] = statEntry{Stat: in.st, Sum: in.sum}
			p.out[in.rel] = in.sum
		}
	}
	p.next.save(p.cacheDir)
	return nil
}

// Abandon saves the stat cache without the inputs left, for a caller
// that will not call Finish (its build failed): the files hashed before
// it are not read again by the next try.
func (p *Pending) Abandon() {
	if p.changed {
		p.next.save(p.cacheDir)
	}
}

// hashed is an input's stat and hash.
type hashed struct {
	rel  string
	st   fileStat
	sum  [sha256.Size]byte
	gone bool // removed since the walk (or, left for Pending, not hashed yet)
}

// statWorkers is how many stat calls HashInputs makes at once.
const statWorkers = 8

// parallel runs fn for 0..n-1 on all cores, stopping at the first error.
func parallel(n int, fn func(i int) error) error {
	return parallelN(n, runtime.GOMAXPROCS(0), fn)
}

// parallelN runs fn for 0..n-1 in workers goroutines, stopping at the
// first error.
func parallelN(n, workers int, fn func(i int) error) error {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
		next  int
	)
	for range min(n, workers) {
		wg.Go(func() {
			for {
				mu.Lock()
				i := next
				next++
				stop := first != nil || i >= n
				mu.Unlock()
				if stop {
					return
				}
				if err := fn(i); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	return first
}

// hashFile hashes a regular file's bytes; a link to a named pipe must
// not block.
func hashFile(path string) ([sha256.Size]byte, error) { return source.HashRegular(path) }

// fileStat is what says a file is unchanged without reading it.
type fileStat struct {
	Size, ModNs, Ino int64
	Mode             uint32
	Hashed           int64 // when the hash was taken (Unix ns)
}

func statOf(info fs.FileInfo) fileStat {
	return fileStat{Size: info.Size(), ModNs: info.ModTime().UnixNano(), Ino: inode(info), Mode: uint32(info.Mode())}
}

type statEntry struct {
	Stat fileStat
	Sum  [sha256.Size]byte
}

// match returns the recorded hash when st describes the same, settled file.
func (e statEntry) match(st fileStat) ([sha256.Size]byte, bool) {
	was := e.Stat
	same := was.Hashed != 0 && was.Size == st.Size && was.ModNs == st.ModNs && was.Ino == st.Ino && was.Mode == st.Mode
	if !same || st.ModNs > was.Hashed-int64(statSettle) {
		return [sha256.Size]byte{}, false
	}
	return e.Sum, true
}

// statCache maps a site-relative path to its last hash.
type statCache map[string]statEntry

func loadStatCache(dir string) statCache {
	if dir == "" {
		return nil
	}
	data, err := os.ReadFile(filepath.Join(dir, InputsFile))
	if err != nil {
		return nil
	}
	d := &decoder{b: data}
	if d.str() != statFileVersion || d.str() != Version {
		return nil // unreadable or older: every file is hashed again
	}
	n := d.int()
	if d.err != nil || n > len(d.b) {
		return nil
	}
	c := make(statCache, n)
	for range n {
		rel := d.str()
		var e statEntry
		e.Stat.Size, e.Stat.ModNs, e.Stat.Ino = int64(d.sint()), int64(d.sint()), int64(d.sint())
		e.Stat.Mode, e.Stat.Hashed = uint32(d.sint()), int64(d.sint())
		if d.err != nil || len(d.b) < len(e.Sum) {
			return nil
		}
		copy(e.Sum[:], d.b)
		d.b = d.b[len(e.Sum):]
		c[rel] = e
	}
	if d.err != nil || len(d.b) != 0 {
		return nil
	}
	return c
}

// statFileVersion changes with the layout of InputsFile; the file also
// carries Version, as every file of the cache does.
const statFileVersion = "inputs-2" // inputs-2: this package's codec, not gob (gob grew a map of 10,000 entries as it decoded: about 37 ms, now 13)

// save writes the cache atomically; failing to save only costs speed.
func (c statCache) save(dir string) {
	if dir == "" {
		return
	}
	e := &encoder{b: make([]byte, 0, 80*len(c))}
	e.str(statFileVersion)
	e.str(Version)
	e.int(len(c))
	for _, rel := range slices.Sorted(maps.Keys(c)) {
		en := c[rel]
		e.str(rel)
		e.sint(int(en.Stat.Size))
		e.sint(int(en.Stat.ModNs))
		e.sint(int(en.Stat.Ino))
		e.sint(int(en.Stat.Mode))
		e.sint(int(en.Stat.Hashed))
		e.b = append(e.b, en.Sum[:]...)
	}
	writeAtomic(dir, InputsFile, e.b)
	os.Remove(filepath.Join(dir, "inputs.gob")) // the format before inputs-2
}
