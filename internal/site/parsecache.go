package site

import (
	"crypto/sha256"
	"path/filepath"

	"github.com/medkb/medkb/internal/assemble"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/source"
)

// parseCache keeps parsed front matter by the hash of the whole source
// file, on disk beside the Markdown cache (frontmatter.bin, a recordLog):
// YAML parsing is most of what a rebuild of a large site spends before
// rendering anything. An entry is a pure function of the file's bytes, so
// a hit is exactly what parsing would give. A nil *parseCache (no cache
// folder) does nothing.
type parseCache struct{ log *recordLog[*parsedEntry] }

// parsedEntry is one parsed file; the body is the file's bytes from Skip
// on (only files whose body is such a suffix are cached).
type parsedEntry struct {
	Meta     page.Meta
	BodyLine int
	Skip     int
}

// parseCacheVersion changes with the front matter format and parsing.
const parseCacheVersion = "fm-2" // fm-2: front matter is validated against its schema

// parseCache returns the Builder's cache, loading it on first use; nil
// without a cache folder.
func (b *Builder) parseCache() *parseCache {
	if b.opts.CacheDir == "" {
		return nil
	}
	b.mdMu.Lock()
	defer b.mdMu.Unlock()
	if b.parsed == nil {
		b.parsed = &parseCache{newRecordLog(filepath.Join(b.opts.CacheDir, "frontmatter.bin"), parseCacheVersion, encodeParsed, decodeParsed)}
		b.parsed.log.load()
	}
	return b.parsed
}

// get returns the cached parse of f, and the key to put it under when
// there is none (the file is hashed once either way).
func (c *parseCache) get(f *source.File) (pf assemble.Parsed, key string, ok bool) {
	if c == nil {
		return assemble.Parsed{}, "", false
	}
	sum := sha256.Sum256(f.Data)
	key = string(sum[:])
	e, ok := c.log.get(key)
	if !ok || e.Skip > len(f.Data) {
		return assemble.Parsed{}, key, false
	}
	return assemble.Parsed{File: f, Meta: e.Meta, Body: f.Data[e.Skip:], BodyLine: e.BodyLine}, key, true
}

// put caches pf, the parse of the file get gave key for.
func (c *parseCache) put(key string, pf assemble.Parsed) {
	if c == nil || !cacheable(&pf.Meta) {
		return
	}
	data := pf.File.Data
	skip := len(data) - len(pf.Body)
	if skip < 0 || (len(pf.Body) > 0 && &data[skip] != &pf.Body[0]) {
		return // the body is not the file's tail (a normalised file)
	}
	c.log.put(key, &parsedEntry{Meta: pf.Meta, BodyLine: pf.BodyLine, Skip: skip})
}

func (c *parseCache) save() {
	if c != nil {
		c.log.save()
	}
}
