package buildcache

import (
	"bufio"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"
)

// Log is an on-disk cache of values by key, kept as a log: a version
// string, then records (key and value) to the end of the file. Loading
// maps the file and decodes in place (see codec.go): strings are views of
// the mapping, never copied, and only what a build reads is paged in. A
// build appends the values it added; values it did not use stay behind as
// garbage until they outweigh the live records, and only then is the file
// rewritten (temp file and rename). So a small change costs a few appended
// records, not a rewrite of the whole cache (the Markdown cache is 1.4 GB
// at 100,000 pages). A record cut short by a killed build ends the log
// there; the next save rewrites the file. Failing to load or save only
// costs speed.
type Log[V any] struct {
	path, version string
	encode        func(*encoder, V)
	decode        func(*decoder) V

	mu      sync.Mutex
	loaded  bool
	entries map[string]V
	used    map[string]bool
	// inFile holds the size of each entry's record in the file; an entry
	// not in it was added since and is appended by save.
	inFile map[string]int
	size   int64 // the file's length as loaded or last written; 0: none
	torn   bool  // the file ends in a damaged record
}

func newLog[V any](path, version string, encode func(*encoder, V), decode func(*decoder) V) *Log[V] {
	return &Log[V]{path: path, version: version, encode: encode, decode: decode,
		entries: map[string]V{}, used: map[string]bool{}, inFile: map[string]int{}}
}

// Load reads the file once; a log without a path (no cache folder) stays
// in memory. A nil Log (no cache at all) does nothing.
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
	data, err := mapFile(c.path)
	if err != nil || len(data) == 0 {
		return
	}
	d := &decoder{b: data}
	if d.str() != c.version || d.err != nil {
		unmapFile(data) // another version: rebuilt, then rewritten
		return
	}
	for len(d.b) > 0 {
		before := len(d.b)
		key := d.str()
		v := c.decode(d)
		if d.err != nil {
			c.torn = true // keep the records before it
			break
		}
		c.entries[key] = v
		c.inFile[key] = before - len(d.b) // a later copy of a key wins; the earlier is garbage
	}
	c.size = int64(len(data))
}

func (c *Log[V]) Get(key string) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.entries[key]
	if ok {
		c.used[key] = true
	}
	return v, ok
}

func (c *Log[V]) Put(key string, v V) {
	c.mu.Lock()
	c.entries[key] = v
	c.used[key] = true
	delete(c.inFile, key)
	c.mu.Unlock()
}

// Save drops the entries the last build did not use and brings the file up
// to date, appending or rewriting it (see Log). A nil Log does nothing.
func (c *Log[V]) Save() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	live := int64(0)
	var fresh []string
	for k := range c.entries {
		switch n, ok := c.inFile[k]; {
		case !c.used[k]:
			delete(c.entries, k)
			delete(c.inFile, k)
		case ok:
			live += int64(n)
		default:
			fresh = append(fresh, k)
		}
	}
	c.used = map[string]bool{}
	compact := c.size == 0 || c.torn || 2*live < c.size
	if c.path == "" || (len(fresh) == 0 && !compact) {
		return
	}
	if os.MkdirAll(filepath.Dir(c.path), 0o755) != nil {
		return
	}
	slices.Sort(fresh)
	if !compact && c.appendRecords(fresh) == nil {
		return
	}
	c.rewrite()
}

func (c *Log[V]) record(e *encoder, key string) int {
	before := len(e.b)
	e.str(key)
	c.encode(e, c.entries[key])
	return len(e.b) - before
}

// appendRecords appends the records of keys in one write, when the file
// is still the one the log knows.
func (c *Log[V]) appendRecords(keys []string) error {
	f, err := os.OpenFile(c.path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || st.Size() != c.size {
		return errors.New("the cache file changed") // rewritten by another build
	}
	e := &encoder{}
	sizes := make([]int, len(keys))
	for i, k := range keys {
		sizes[i] = c.record(e, k)
	}
	if _, err := f.Write(e.b); err != nil {
		c.torn = true
		return err
	}
	for i, k := range keys {
		c.inFile[k] = sizes[i]
	}
	c.size += int64(len(e.b))
	return nil
}

// rewrite writes every entry to a new file and renames it over the old.
func (c *Log[V]) rewrite() {
	tmp, err := os.CreateTemp(filepath.Dir(c.path), filepath.Base(c.path)+".*.tmp")
	if err != nil {
		return
	}
	w := bufio.NewWriterSize(tmp, 1<<20)
	e := &encoder{}
	e.str(c.version)
	size := int64(0)
	inFile := make(map[string]int, len(c.entries))
	for _, k := range slices.Sorted(maps.Keys(c.entries)) {
		inFile[k] = c.record(e, k)
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
		return
	}
	if os.Rename(tmp.Name(), c.path) == nil {
		c.inFile, c.size, c.torn = inFile, size, false
	}
}
