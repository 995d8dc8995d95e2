package site

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/medkb/medkb/internal/source"
)

// inputDirs and inputFiles are everything a build reads from a site.
var (
	inputDirs  = []string{"content", "data", "static", "layouts", "i18n", "themes"}
	inputFiles = []string{"medkb.yaml"}
)

// statSettle is how much older than the moment it was hashed a file's
// modification time must be before its recorded hash is trusted on size
// and time alone. A file written within the clock's granularity of being
// hashed could change again without its time changing (git's "racy"
// index entries); such files are hashed again every time.
const statSettle = 2 * time.Second

// Inputs are a build's fingerprint and the hash of each input file.
type Inputs struct {
	Sum   string
	Files map[string][sha256.Size]byte // site-relative, slash-separated path → SHA-256
}

// Fingerprint hashes every input of a build — the site's files (by content),
// the build options and the medkb version — so that a build whose inputs
// have not changed since the last one can be skipped; it also returns each
// input file's hash, which a rebuild compares with the last build's to
// find what changed. version should change with every medkb release (the
// default theme is embedded in the binary).
//
// With opts.CacheDir set, each file's hash is remembered with its size,
// modification time and inode, like git's index: a file whose stat is
// unchanged (and that was not modified around the time it was hashed) is
// not read again, so an unchanged site of 10,000 articles costs a directory
// walk instead of reading every file.
func Fingerprint(opts Options, version string) (Inputs, error) {
	h := sha256.New()
	io.WriteString(h, buildKey(opts, version))
	type input struct {
		path string
		info fs.FileInfo
	}
	var inputs []input
	for _, d := range inputDirs {
		root := filepath.Join(opts.Source, d)
		err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				if os.IsNotExist(err) && p == root {
					return fs.SkipDir
				}
				return err
			}
			if e.IsDir() && (e.Name() == "node_modules" || (strings.HasPrefix(e.Name(), ".") && p != root)) {
				return fs.SkipDir
			}
			if !e.IsDir() && (e.Type().IsRegular() || e.Type()&fs.ModeSymlink != 0) { // never a pipe, socket or device
				info, err := e.Info()
				if err != nil {
					return err
				}
				inputs = append(inputs, input{p, info})
			}
			return nil
		})
		if err != nil {
			return Inputs{}, err
		}
	}
	for _, f := range inputFiles {
		p := filepath.Join(opts.Source, f)
		info, err := os.Lstat(p)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return Inputs{}, err
		}
		inputs = append(inputs, input{p, info})
	}
	sort.Slice(inputs, func(i, j int) bool { return inputs[i].path < inputs[j].path })

	cache := loadStatCache(opts.CacheDir)
	next := statCache{}
	now := time.Now()
	type hashed struct {
		rel  string
		st   fileStat
		sum  [sha256.Size]byte
		gone bool // removed since the walk
	}
	all := make([]hashed, len(inputs))
	var stale []int // inputs to read and hash
	for i, in := range inputs {
		rel, _ := filepath.Rel(opts.Source, in.path)
		all[i] = hashed{rel: filepath.ToSlash(rel), st: statOf(in.info)}
		if sum, ok := cache[all[i].rel].match(all[i].st); ok {
			all[i].sum = sum
			all[i].st.Hashed = cache[all[i].rel].Stat.Hashed
		} else {
			stale = append(stale, i)
		}
	}
	// A first build reads every input; on two cores hashing them side by
	// side halves the wait before the build starts.
	err := parallel(context.Background(), len(stale), func(k int) error {
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
		return Inputs{}, err
	}
	files := make(map[string][sha256.Size]byte, len(all))
	for _, in := range all {
		if in.gone {
			continue
		}
		next[in.rel] = statEntry{Stat: in.st, Sum: in.sum}
		files[in.rel] = in.sum
		fmt.Fprintf(h, "%s\x00%x\x00", in.rel, in.sum)
	}
	rehashed := len(stale) > 0 // the cache must be saved
	if rehashed || len(next) != len(cache) {
		next.save(opts.CacheDir) // an unchanged site writes nothing
	}
	return Inputs{Sum: hex.EncodeToString(h.Sum(nil)), Files: files}, nil
}

// buildKey is everything other than the input files that decides a
// build's output: the medkb version, the cache format, the options and
// the day (pages show review notices that fall due with the date — the UTC
// day, unless medkb.yaml fixes "today" — so a new day is a new build).
func buildKey(opts Options, version string) string {
	return fmt.Sprintf("medkb %s\x00%s\x00drafts=%v\x00base=%s\x00day=%s\x00", version, cacheVersion, opts.Drafts, opts.BaseURL, buildDay(opts))
}

// buildDay is the UTC day a build with opts renders.
func buildDay(opts Options) string {
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	return now.UTC().Format(time.DateOnly)
}

func hashFile(path string) ([sha256.Size]byte, error) {
	var sum [sha256.Size]byte
	f, err := source.OpenRegular(path) // a link to a named pipe must not block
	if err != nil {
		return sum, err
	}
	defer f.Close()
	buf := hashBufs.Get().(*[]byte)
	defer hashBufs.Put(buf)
	h := sha256.New()
	for {
		// Read by hand: io.Copy would take os.File's WriteTo, which
		// allocates a 32 KiB buffer for every file.
		n, err := f.Read(*buf)
		h.Write((*buf)[:n])
		if err == io.EOF {
			break
		}
		if err != nil {
			return sum, err
		}
	}
	h.Sum(sum[:0])
	return sum, nil
}

var hashBufs = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

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

const statCacheName = "inputs.gob"

func loadStatCache(dir string) statCache {
	var c statFile
	if dir == "" || !loadGob(filepath.Join(dir, statCacheName), &c) || c.Version != cacheVersion {
		return nil // unreadable or older: every file is hashed again
	}
	return c.Files
}

type statFile struct {
	Version string
	Files   statCache
}

// save writes the cache atomically; failing to save only costs speed.
func (c statCache) save(dir string) {
	if dir != "" {
		saveGob(dir, statCacheName, statFile{cacheVersion, c})
	}
}
