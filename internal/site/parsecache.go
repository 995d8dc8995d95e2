package site

import (
	"bufio"
	"crypto/sha256"
	"encoding/gob"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/medkb/medkb/internal/assemble"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/source"
)

// parseCache keeps parsed front matter by the hash of the whole source
// file, on disk beside the Markdown cache: YAML parsing is most of what a
// rebuild of a large site spends before rendering anything. An entry is a
// pure function of the file's bytes, so a hit is exactly what parsing
// would give.
type parseCache struct {
	dir     string
	mu      sync.Mutex
	entries map[[sha256.Size]byte]*parsedEntry
	used    map[[sha256.Size]byte]bool
	dirty   bool
}

// parsedEntry is one parsed file; the body is the file's last len(data) -
// Skip bytes (only files whose body is such a suffix are cached).
type parsedEntry struct {
	Meta     page.Meta
	BodyLine int
	Skip     int
}

const parseCacheName = "frontmatter.gob"

func init() {
	// Front matter params decode from YAML into these.
	gob.Register(map[string]any{})
	gob.Register([]any{})
	gob.Register(time.Time{})
}

// parseCache returns the Builder's cache, loading it on first use; nil
// without a cache folder (its methods then do nothing).
func (b *Builder) parseCache() *parseCache {
	if b.opts.CacheDir == "" {
		return nil
	}
	b.mdMu.Lock()
	defer b.mdMu.Unlock()
	if b.parsed == nil {
		b.parsed = &parseCache{dir: b.opts.CacheDir, entries: map[[sha256.Size]byte]*parsedEntry{}, used: map[[sha256.Size]byte]bool{}}
		b.parsed.load()
	}
	return b.parsed
}

func (c *parseCache) load() {
	f, err := os.Open(filepath.Join(c.dir, parseCacheName))
	if err != nil {
		return
	}
	defer f.Close()
	var v struct {
		Version string
		Entries map[[sha256.Size]byte]*parsedEntry
	}
	if gob.NewDecoder(bufio.NewReader(f)).Decode(&v) == nil && v.Version == cacheVersion {
		c.entries = v.Entries
	}
}

func (c *parseCache) get(f *source.File) (assemble.Parsed, bool) {
	if c == nil {
		return assemble.Parsed{}, false
	}
	sum := sha256.Sum256(f.Data)
	c.mu.Lock()
	e := c.entries[sum]
	if e != nil {
		c.used[sum] = true
	}
	c.mu.Unlock()
	if e == nil || e.Skip > len(f.Data) {
		return assemble.Parsed{}, false
	}
	return assemble.Parsed{File: f, Meta: e.Meta, Body: f.Data[e.Skip:], BodyLine: e.BodyLine}, true
}

func (c *parseCache) put(f *source.File, pf assemble.Parsed) {
	if c == nil {
		return
	}
	skip := len(f.Data) - len(pf.Body)
	if skip < 0 || (len(pf.Body) > 0 && &f.Data[skip] != &pf.Body[0]) {
		return // the body is not the file's tail (a normalised file)
	}
	sum := sha256.Sum256(f.Data)
	c.mu.Lock()
	c.entries[sum] = &parsedEntry{Meta: pf.Meta, BodyLine: pf.BodyLine, Skip: skip}
	c.used[sum] = true
	c.dirty = true
	c.mu.Unlock()
}

// save drops entries the build did not use and writes the cache when it
// changed; failing only costs speed.
func (c *parseCache) save() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.entries {
		if !c.used[k] {
			delete(c.entries, k)
			c.dirty = true
		}
	}
	c.used = map[[sha256.Size]byte]bool{}
	if !c.dirty {
		return
	}
	err := saveGob(c.dir, parseCacheName, struct {
		Version string
		Entries map[[sha256.Size]byte]*parsedEntry
	}{cacheVersion, c.entries})
	if err == nil {
		c.dirty = false
	} else {
		os.Remove(filepath.Join(c.dir, parseCacheName))
	}
}
