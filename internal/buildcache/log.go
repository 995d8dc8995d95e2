package buildcache

import (
	"github.com/medkb/medkb/internal/bufpool"

	"bufio"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// Log is an on-disk cache of values by key, kept as a log: a version
// string, then records (key and value) to the end of the file. Loading
// maps the file and decodes in place (see codec.go): strings are views of
// the mapping, never copied, and only what a build reads is paged in. A
// build appends the values it added; values it did not use stay behind as
// garbage until they outweigh the live records, and only then is the file
// rewritten (temp file and rename). So a small change costs a few appended
// records, not a rewrite of the whole cache (the front matter cache is
// 115 MB at 100,000 pages). A record cut short by a killed build ends the log
// there; the next save rewrites the file. Failing to load or save only
// costs speed.
//
// A Log with a file holds no value it is given: Put encodes the record
// and appends it to a spill file beside the log (unnamed, or unlinked
// where the system allows), a batch of records at a time (pending), Get
// reads it back from there, and Save copies the records into the log, or
// on Linux, when the spill holds the whole log (a first build), names the
// spill file the log (nameSpill). So a build's memory does not grow with
// the values it puts (at most spillBatch bytes of records wait to be
// written); a Log without a file (the dev server's) keeps its values.
type Log[V any] struct {
	path, version string
	encode        func(*encoder, V)
	decode        func(*decoder) V

	mu      sync.Mutex
	loaded  bool
	entries map[Key]V
	used    map[Key]bool
	// inFile holds the size of each entry's record in the file; an entry
	// not in it was added since and is appended by save.
	inFile map[Key]int
	size   int64 // the file's length as loaded or last written; 0: none
	torn   bool  // the file ends in a damaged record

	spill         *os.File           // the records Put wrote, nil until the first
	spillLinkable bool               // spill can be given the log's name (nameSpill)
	spillSize     int64              // its length, pending records included
	spilled       map[Key]spillEntry // where each is, by key
	// pending holds the last records put, which end the spill file but are
	// not written to it yet: they are written spillBatch bytes at a time,
	// or when one of them is read or the Log saved (flushPending).
	pending []byte
}

// spillBatch is how many bytes of records Put gathers before it writes
// them to the spill file: one system call for some fifteen bodies instead
// of one each (a 10,000-article build made 20,020 pwrite calls for its
// Markdown and parse caches, 582 now).
const spillBatch = 256 << 10

// spillEntry is a record in a spill file (the current one, or one that
// Save made the log).
type spillEntry struct {
	f  *os.File
	at int64
	n  int
}

func newLog[V any](path, version string, encode func(*encoder, V), decode func(*decoder) V) *Log[V] {
	return &Log[V]{path: path, version: version, encode: encode, decode: decode,
		entries: map[Key]V{}, used: map[Key]bool{}, inFile: map[Key]int{}, spilled: map[Key]spillEntry{}}
}

// dropEvery is how many bytes of a mapped log Load decodes before it
// gives their pages back (dropResident); a variable for the tests.
var dropEvery = 32 << 20

// Load reads the file once; a log without a path (no cache folder) stays
// in memory. A nil Log (no cache at all) does nothing. It first removes
// what a killed build left beside the file (removeLeftovers).
func (c *Log[V]) Load() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.loaded || c.path == "" {
		c.loaded = true
		return
	}
	c.loaded = true
	removeLeftovers(c.path)
	data, err := mapFile(c.path)
	if err != nil || len(data) == 0 {
		return
	}
	d := &decoder{b: data, mapped: fileMapped}
	if d.str() != c.version || d.err != nil {
		unmapFile(data) // another version: rebuilt, then rewritten
		return
	}
	dropped := 0 // data[:dropped] is given back (dropResident)
	pageSize := os.Getpagesize()
	for len(d.b) > 0 {
		before := len(d.b)
		key := d.key()
		v := c.decode(d)
		if d.err != nil {
			c.torn = true // keep the records before it
			break
		}
		c.entries[key] = v
		c.inFile[key] = before - len(d.b) // a later copy of a key wins; the earlier is garbage
		// Give back what was decoded as the decoding goes, so that no
		// more than dropEvery bytes of the file are resident at once.
		if at := len(data) - len(d.b); at-dropped > dropEvery {
			at -= at % pageSize
			dropResident(data[dropped:at])
			dropped = at
		}
	}
	c.size = int64(len(data))
	dropResident(data[dropped:])
	if len(c.used) == 0 {
		c.used = make(map[Key]bool, len(c.entries)) // a build uses most of them
	}
}

// leftovers are the endings of the files a Log makes beside its file for
// a while, named after it ("markdown.bin.*.tmp"): a rewrite's temporary
// file (rewrite), a spill's link name before its rename (linkSpill), a
// named spill file where the system cannot unlink an open one. A build
// killed at the wrong moment leaves one behind, as large as the log (1.4
// GB at 100,000 pages).
var leftovers = []string{".tmp", ".link", ".spill"}

// removeLeftovers removes the files a killed build left beside the log at
// path (leftovers). Only `medkb build` keeps a cache folder, under the
// site's build lock, so no other build is writing them; were one to, it
// would lose its rewrite or its named spill, which costs it speed only.
func removeLeftovers(path string) {
	dir, base := filepath.Split(path)
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		name := e.Name()
		if e.Type().IsRegular() && strings.HasPrefix(name, base+".") &&
			slices.ContainsFunc(leftovers, func(end string) bool { return strings.HasSuffix(name, end) }) {
			os.Remove(filepath.Join(dir, name))
		}
	}
}

// Get returns the value of key, false when there is none (or its spilled
// record cannot be read back: see Fetch).
func (c *Log[V]) Get(key Key) (V, bool) {
	v, err := c.Fetch(key)
	return v, err == nil
}

// ErrNotFound is Fetch's error for a key the Log does not hold.
var ErrNotFound = errors.New("not in the build cache")

// Fetch returns the value of key: ErrNotFound when there is none, another
// error when its record was spilled (see Log) and cannot be read back.
// Safe for concurrent use; a spilled value is decoded anew by each call.
func (c *Log[V]) Fetch(key Key) (V, error) {
	v, sp, err := c.lookup(key)
	if err != nil || sp.f == nil {
		return v, err
	}
	return c.readBack(key, sp, make([]byte, sp.n))
}

// Use calls use with the value of key, as Fetch returns it, and returns
// Fetch's errors without calling it. A spilled value is decoded from a
// buffer that is used again once use returns, so use must copy whatever
// of it it keeps (a string it holds would change under it). A reader
// that wants one part of a large value (the plain text of a body, a
// third of its record) then allocates that part only: reading whole
// records back was 400 MiB of what a 10,000-article build allocated.
func (c *Log[V]) Use(key Key, use func(V)) error {
	v, sp, err := c.lookup(key)
	if err != nil {
		return err
	}
	if sp.f == nil {
		use(v)
		return nil
	}
	bp := bufpool.Get()
	defer bufpool.Put(bp)
	if v, err = c.readBack(key, sp, bp.Sized(sp.n)); err == nil {
		use(v)
	}
	return err
}

// lookup returns key's value when the Log holds it, or where its record
// was spilled (f nil when it was not), or ErrNotFound; it marks key used.
func (c *Log[V]) lookup(key Key) (V, spillEntry, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if sp, ok := c.spilled[key]; ok && c.isPending(sp) {
		c.flushPending()
	}
	v, ok := c.entries[key]
	sp, spilled := c.spilled[key]
	switch {
	case ok:
		c.used[key] = true
		return v, spillEntry{}, nil
	case spilled:
		c.used[key] = true
		return v, sp, nil
	}
	return v, spillEntry{}, ErrNotFound
}

// readBack reads the spilled record sp into b (sp.n bytes) and decodes it:
// the value's strings are views of b.
func (c *Log[V]) readBack(key Key, sp spillEntry, b []byte) (V, error) {
	var v V
	if _, err := sp.f.ReadAt(b, sp.at); err != nil {
		return v, fmt.Errorf("reading back %s from the build cache: %w", key, err)
	}
	d := &decoder{b: b}
	d.key()
	v = c.decode(d)
	if d.err != nil {
		return v, fmt.Errorf("reading back %s from the build cache: %w", key, d.err)
	}
	return v, nil
}

// InMemory reports whether the Log holds key's value in memory: loaded
// from the file (a view of its mapping) or put into a Log without a file.
func (c *Log[V]) InMemory(key Key) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.entries[key]
	return ok
}

// Put adds key's value: held in memory by a Log without a file, else
// encoded, appended to the spill file (a batch at a time: see
// spillRecord) and dropped; if a write fails, the records it held are
// held in memory after all.
func (c *Log[V]) Put(key Key, v V) {
	var rec []byte
	if c.path != "" {
		e := recordBuffers.Get().(*encoder)
		defer recordBuffers.Put(e)
		e.b = e.b[:0]
		e.key(key)
		c.encode(e, v)
		rec = e.b
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.used[key] = true
	delete(c.inFile, key)
	if rec != nil && c.spillRecord(key, rec) == nil {
		delete(c.entries, key)
		return
	}
	delete(c.spilled, key)
	c.entries[key] = v
}

// recordBuffers are the encoders Put makes a record in: the record is
// copied to the pending records before Put returns, so its buffer is used
// again (a build's Markdown records, some 17 KB each, grown from nothing
// each time, were 6 % of all it allocated at 10,000 bench articles).
var recordBuffers = sync.Pool{New: func() any { return new(encoder) }}

// spillRecord appends rec to the spill file, making it first if need be:
// to the pending records, written once they reach spillBatch bytes. An
// error means that write failed, and every pending record, rec's too, is
// held in memory instead (flushPending).
func (c *Log[V]) spillRecord(key Key, rec []byte) error {
	if c.spill == nil {
		if err := os.MkdirAll(filepath.Dir(c.path), 0o755); err != nil {
			return err
		}
		f, linkable, err := newSpill(filepath.Dir(c.path), filepath.Base(c.path)+".*.spill")
		if err != nil {
			return err
		}
		// It starts as a log does, so that Save can make it the log.
		e := &encoder{}
		e.str(c.version)
		if _, err := f.WriteAt(e.b, 0); err != nil {
			f.Close()
			if !linkable {
				os.Remove(f.Name())
			}
			return err
		}
		// A named one is unlinked now where the system allows it (an open
		// file lives on), else when the Log is collected.
		if linkable || os.Remove(f.Name()) == nil {
			runtime.AddCleanup(c, func(f *os.File) { f.Close() }, f)
		} else {
			runtime.AddCleanup(c, func(f *os.File) { f.Close(); os.Remove(f.Name()) }, f)
		}
		c.spill, c.spillLinkable, c.spillSize = f, linkable, int64(len(e.b))
	}
	c.spilled[key] = spillEntry{f: c.spill, at: c.spillSize, n: len(rec)}
	c.spillSize += int64(len(rec))
	c.pending = append(c.pending, rec...)
	if len(c.pending) >= spillBatch {
		return c.flushPending() // on failure Put holds its value too
	}
	return nil
}

// isPending reports whether sp is one of the pending records.
func (c *Log[V]) isPending(sp spillEntry) bool {
	return sp.f == c.spill && sp.at >= c.spillSize-int64(len(c.pending))
}

// flushPending writes the pending records to the spill file. If that
// fails, they are decoded and held in memory instead, as Put holds a
// value it could not spill (their strings are views of the pending
// buffer, which is then left to them).
func (c *Log[V]) flushPending() error {
	if len(c.pending) == 0 {
		return nil
	}
	start := c.spillSize - int64(len(c.pending))
	_, err := c.spill.WriteAt(c.pending, start)
	if err == nil {
		c.pending = c.pending[:0]
		if cap(c.pending) > 2*spillBatch {
			c.pending = nil // grown by a record larger than a batch: not kept
		}
		return nil
	}
	for key, sp := range c.spilled {
		if !c.isPending(sp) {
			continue
		}
		d := &decoder{b: c.pending[sp.at-start : sp.at-start+int64(sp.n)]}
		d.key()
		if v := c.decode(d); d.err == nil {
			c.entries[key] = v
		}
		delete(c.spilled, key)
	}
	c.spillSize, c.pending = start, nil
	return err
}

// nameSpill makes the spill file the log when every live record is in it
// and most of it is live (a first build, or one that rendered every page
// anew): Save then names the file (linkSpill) instead of copying its
// records, which at 1,000,000 bench articles would need 15.7 GB more disk
// for the copies. The records stay where they are, now in the log; the
// next Put starts a new spill file.
func (c *Log[V]) nameSpill() bool {
	if c.spill == nil || !c.spillLinkable || len(c.entries) > 0 {
		return false
	}
	live := int64(0)
	for _, sp := range c.spilled {
		if sp.f != c.spill {
			return false
		}
		live += int64(sp.n)
	}
	if 2*live < c.spillSize || linkSpill(c.spill, c.path) != nil {
		return false
	}
	c.inFile = make(map[Key]int, len(c.spilled))
	for k, sp := range c.spilled {
		c.inFile[k] = sp.n
	}
	c.size, c.torn = c.spillSize, false
	c.spill, c.spillLinkable, c.spillSize = nil, false, 0
	return true
}

// Save drops the entries the last build did not use and brings the file up
// to date, appending or rewriting it (see Log), and reports whether the
// file now holds the entries kept, as they are now (a Log without a file:
// true). A nil Log does nothing.
func (c *Log[V]) Save() bool {
	if c == nil {
		return true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.flushPending()
	live := int64(0)
	var fresh []Key
	for _, k := range slices.Concat(slices.Collect(maps.Keys(c.entries)), slices.Collect(maps.Keys(c.spilled))) {
		switch n, ok := c.inFile[k]; {
		case !c.used[k]:
			delete(c.entries, k)
			delete(c.spilled, k)
			delete(c.inFile, k)
		case ok:
			live += int64(n)
		default:
			fresh = append(fresh, k)
		}
	}
	c.used = map[Key]bool{}
	compact := c.size == 0 || c.torn || 2*live < c.size
	if c.path == "" || (len(fresh) == 0 && !compact) {
		return true
	}
	if os.MkdirAll(filepath.Dir(c.path), 0o755) != nil {
		return false
	}
	slices.SortFunc(fresh, compareKeys)
	if !compact && c.appendRecords(fresh) == nil {
		return true
	}
	if compact && c.nameSpill() {
		return true
	}
	return c.rewrite()
}

// record appends key's record to e: a held value encoded, a spilled one
// copied from the spill file.
func (c *Log[V]) record(e *encoder, key Key) (int, error) {
	before := len(e.b)
	if sp, ok := c.spilled[key]; ok {
		e.b = slices.Grow(e.b, sp.n)[:before+sp.n]
		if _, err := sp.f.ReadAt(e.b[before:], sp.at); err != nil {
			e.b = e.b[:before]
			return 0, err
		}
		return sp.n, nil
	}
	e.key(key)
	c.encode(e, c.entries[key])
	return len(e.b) - before, nil
}

// appendRecords appends the records of keys in one write, when the file
// is still the one the log knows.
func (c *Log[V]) appendRecords(keys []Key) error {
	f, err := os.OpenFile(c.path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || st.Size() != c.size {
		return errors.New("the cache file changed") // rewritten by another build
	}
	w := bufio.NewWriterSize(f, 1<<20)
	e := &encoder{}
	sizes := make([]int, len(keys))
	for i, k := range keys {
		if sizes[i], err = c.record(e, k); err != nil {
			return err // the file is as it was
		}
		if len(e.b) > 512<<10 {
			if _, err := w.Write(e.b); err != nil {
				c.torn = true
				return err
			}
			e.b = e.b[:0]
		}
	}
	if _, err := w.Write(e.b); err != nil {
		c.torn = true
		return err
	}
	if err := w.Flush(); err != nil {
		c.torn = true
		return err
	}
	written := int64(0)
	for i, k := range keys {
		c.inFile[k] = sizes[i]
		written += int64(sizes[i])
	}
	c.size += written
	return nil
}

// rewrite writes every entry to a new file and renames it over the old,
// and reports whether it did (an entry it could not read back is left
// out: the next build renders it again).
func (c *Log[V]) rewrite() bool {
	tmp, err := os.CreateTemp(filepath.Dir(c.path), filepath.Base(c.path)+".*.tmp")
	if err != nil {
		return false
	}
	w := bufio.NewWriterSize(tmp, 1<<20)
	e := &encoder{}
	e.str(c.version)
	size := int64(0)
	inFile := make(map[Key]int, len(c.entries))
	keys := slices.Concat(slices.Collect(maps.Keys(c.entries)), slices.Collect(maps.Keys(c.spilled)))
	slices.SortFunc(keys, compareKeys)
	for _, k := range keys {
		n, rerr := c.record(e, k)
		if rerr != nil {
			continue // not kept: the next build renders it again
		}
		inFile[k] = n
		if len(e.b) > 512<<10 {
			if _, err = w.Write(e.b); err != nil {
				break
			}
			size += int64(len(e.b))
			e.b = e.b[:0]
		}
	}
	if err == nil {
		_, err = w.Write(e.b)
		size += int64(len(e.b))
	}
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp.Name())
		return false
	}
	if os.Rename(tmp.Name(), c.path) != nil {
		return false
	}
	c.inFile, c.size, c.torn = inFile, size, false
	return true
}

// Forget drops key's entry: not found again, not saved.
func (c *Log[V]) Forget(key Key) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.entries, key)
	delete(c.spilled, key)
	delete(c.inFile, key)
	delete(c.used, key)
}

// each calls fn with every entry loaded from the file or held in memory
// (not those spilled since Load); for Markdowns.Load.
func (c *Log[V]) each(fn func(key Key, v V)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, v := range c.entries {
		fn(k, v)
	}
}
