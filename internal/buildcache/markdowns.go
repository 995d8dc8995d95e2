package buildcache

import (
	"bufio"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/medkb/medkb/internal/bufpool"
)

// Markdowns is the Markdown cache. What a build reads of every page (the
// contents list, links, images, citations, glossary terms, diagnostics,
// the automatic summary) is a Log (markdown.bin, some 1 KiB a page); the
// bodies (HTML, emergency callouts, plain text: some 15 KiB a page, which
// a build reads only for the pages it writes) are records of body files
// beside it (markdown-bodies.N.bin), and each Log entry says where its
// body lies (bodyAt). So loading the cache reads the small file alone
// (8.2 MB at 10,000 bench articles, beside 139 MB of bodies): a
// one-article rebuild there no longer maps in a 144 MB file to step over
// the bodies in it. Its Markdown cache load went from 122 to 43 ms of CPU
// (CPU profiles of six rebuilds each), the whole rebuild from 0.94 to
// 0.75 s of CPU and 0.65 to 0.56 s of wall time (means of 8, the two
// binaries alternated); on this project's virtual machine touching the
// pages of a mapped file costs more than reading what it needs
// (mapping 144 MB and reading one byte in every 14 KB took 64-150 ms).
//
// A build appends the bodies it renders to the newest body file (a batch
// at a time, like Log's spill), and Save then saves the Log, whose new
// entries point there. Bodies no entry uses stay behind as garbage until
// they outweigh the live ones; Save then copies the live bodies into a
// new body file (the next generation), saves the Log pointing there, and
// only once that is done removes the older files. A build killed between
// leaves a body file no entry points to, which the next Load removes; a
// body file written in part ends in a body no entry points to.
// Generation numbers are never used twice, so an entry can point only to
// the file it was written for. Load drops the entries whose body file is
// missing or too short for them (and appends nothing more to a file cut
// short), and each body starts with its key, so a body read back is
// known to be the one asked for; one that is not (a file damaged in
// place) is an error to the caller (package body renders that page
// again) and has its file removed, and the next build renders the file's
// pages again. Without a cache folder (the dev server) the Log holds
// whole values and there are no body files.
//
// Safe for concurrent Get, Put, Text and Plain; Load and Save are called
// once per build, around them (Load first, every build: it starts a
// cache that failed to write over).
type Markdowns struct {
	heads *Log[*Markdown]
	dir   string // "": everything in memory

	mu     sync.Mutex
	loaded bool
	files  map[int]*os.File // the body files by generation, open to read and write
	sizes  map[int]int64    // their lengths, pending bodies included
	gen    int              // the generation Put appends to; 0: none yet
	top    int              // the highest generation seen or pointed to: the next is top+1
	// pending holds the last bodies put, which end file gen but are not
	// written to it yet (spillBatch bytes at a time, or when one of them
	// is read or the cache saved).
	pending []byte
	// where says where the body of each entry got or put lies (Text reads
	// it from there, during Save too), and in which build: the entries of
	// this one (build) are the ones Save keeps.
	where map[Key]placed
	build int
	// broken: writing a body file failed. The bodies not written stay in
	// pending, read from there; Save keeps the cache on disk as it was,
	// and the next Load starts over from it.
	broken bool
	// held are the entries put while there was no body file to put their
	// bodies in (it could not be made): kept whole, for their build only.
	held map[Key]heldEntry
	// retired are the body files the last Save removed, open until the
	// next, for the pages of its build reading from them.
	retired []*os.File
	// lost are the bodies found damaged (readBody), until put again: a
	// later read of one, by a reader that found it beside the first or
	// after it, is told the same, not that there is no such body.
	lost map[Key]*DamagedError
}

type heldEntry struct {
	m     *Markdown
	build int
}

// bodyAt is where a body lies: n bytes at offset at of body file gen (0:
// none).
type bodyAt struct {
	gen int
	at  int64
	n   int
}

// placed is where a body lies, and the build that last got or put it.
type placed struct {
	bodyAt
	build int
}

const bodiesPrefix, bodiesSuffix = "markdown-bodies.", ".bin"

func (s *Markdowns) bodyPath(gen int) string {
	return filepath.Join(s.dir, bodiesPrefix+strconv.Itoa(gen)+bodiesSuffix)
}

// bodyGen returns the generation of a body file by its name.
func bodyGen(name string) (int, bool) {
	num, ok := strings.CutPrefix(name, bodiesPrefix)
	if !ok {
		return 0, false
	}
	if num, ok = strings.CutSuffix(num, bodiesSuffix); !ok {
		return 0, false
	}
	gen, err := strconv.Atoi(num)
	return gen, err == nil && validGen(gen) && strconv.Itoa(gen) == num
}

// maxGen is the largest generation number: a Log record or a file name
// beyond it is damaged, or not the cache's.
const maxGen = 1 << 30

func validGen(gen int) bool { return gen > 0 && gen <= maxGen }

// Load reads the Log and opens the body files its entries point to,
// removing the others (left by a killed build), and drops the entries
// whose body file is missing or too short for them. Once only, unless
// the last build failed to write a body file: then it starts over from
// what is on disk. A nil cache does nothing.
func (s *Markdowns) Load() {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.broken {
		s.reset()
	}
	if s.loaded {
		return
	}
	s.loaded = true
	s.heads.Load()
	if s.dir == "" {
		return
	}
	refs := map[int]bool{}
	n := 0
	s.heads.each(func(_ Key, m *Markdown) {
		if validGen(m.body.gen) {
			refs[m.body.gen] = true
			s.top = max(s.top, m.body.gen)
		}
		n++
	})
	s.where = make(map[Key]placed, n) // a build gets most of them
	ents, _ := os.ReadDir(s.dir)
	for _, e := range ents {
		gen, ok := bodyGen(e.Name())
		if !ok || !e.Type().IsRegular() {
			continue
		}
		s.top = max(s.top, gen)
		path := filepath.Join(s.dir, e.Name())
		if !refs[gen] {
			os.Remove(path)
			continue
		}
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		if err != nil {
			continue
		}
		st, err := f.Stat()
		if err != nil {
			f.Close()
			continue
		}
		s.keep(gen, f, st.Size())
	}
	// An entry whose body file is gone is dropped; one that runs past its
	// file's end (a file that lost its end) too, and nothing more is
	// appended to that file, so that bytes written later cannot stand in
	// for the body it lost.
	var lost []Key
	cut := map[int]bool{}
	s.heads.each(func(key Key, m *Markdown) {
		switch {
		case s.files[m.body.gen] == nil:
			lost = append(lost, key)
		case !within(m.body, s.sizes[m.body.gen]):
			lost = append(lost, key)
			cut[m.body.gen] = true
		}
	})
	for _, key := range lost {
		s.heads.Forget(key)
	}
	if cut[s.gen] {
		s.gen = 0 // the first Put makes a new file
	}
}

// reset forgets everything but what is on disk, for Load to read again
// at the start of a build, when the last build's pages have stopped
// reading its files; s.mu is held.
func (s *Markdowns) reset() {
	for _, f := range slices.Concat(slices.Collect(maps.Values(s.files)), s.retired) {
		f.Close()
	}
	fresh := NewMarkdown(s.dir)
	s.heads, s.loaded, s.broken = fresh.heads, false, false
	s.files, s.sizes, s.gen, s.top, s.pending = fresh.files, fresh.sizes, 0, 0, nil
	s.where, s.held, s.retired = fresh.where, fresh.held, nil
}

// within reports whether the body at lies inside a file of size bytes.
func within(at bodyAt, size int64) bool {
	return at.at >= 0 && at.n >= 0 && at.at <= size && int64(at.n) <= size-at.at
}

// keep adds body file gen, of size bytes, open as f; s.mu is held.
func (s *Markdowns) keep(gen int, f *os.File, size int64) {
	s.files[gen], s.sizes[gen] = f, size
	s.gen, s.top = max(s.gen, gen), max(s.top, gen)
	runtime.AddCleanup(s, func(f *os.File) { f.Close() }, f)
}

// Get returns what a build reads of key's entry, false when there is
// none. Its body (HTML, Emergency, Plain) is there only when InMemory;
// otherwise Text and Plain read it back. The value is the cache's own.
func (s *Markdowns) Get(key Key) (*Markdown, bool) {
	if s.dir == "" {
		return s.heads.Get(key)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.heads.Get(key)
	if !ok {
		return nil, false
	}
	s.where[key] = placed{m.body, s.build}
	return m, true
}

// InMemory reports whether the values Get returns hold their bodies: in
// a cache without a folder (the dev server's).
func (s *Markdowns) InMemory() bool { return s.dir == "" }

// Put adds key's entry. With a cache folder its body is appended to the
// newest body file (a batch at a time) and the entry keeps where.
func (s *Markdowns) Put(key Key, m *Markdown) {
	if s.dir == "" {
		s.heads.Put(key, m)
		return
	}
	e := recordBuffers.Get().(*encoder)
	defer recordBuffers.Put(e)
	e.b = e.b[:0]
	encodeBody(e, key, m)
	s.mu.Lock()
	delete(s.lost, key)
	at, err := s.appendBody(e.b)
	if err != nil {
		s.held[key] = heldEntry{m, s.build}
		s.mu.Unlock()
		return
	}
	delete(s.held, key)
	s.where[key] = placed{at, s.build}
	s.mu.Unlock()
	// The Log encodes the rest on the caller's core, beside the others.
	head := *m
	head.HTML, head.Emergency, head.Plain, head.body = "", "", "", at
	s.heads.Put(key, &head)
}

// appendBody adds body to the pending bodies of the newest body file,
// making one first if there is none, and writes them once they reach
// spillBatch bytes; s.mu is held.
func (s *Markdowns) appendBody(body []byte) (bodyAt, error) {
	if s.gen == 0 {
		if err := os.MkdirAll(s.dir, 0o755); err != nil {
			return bodyAt{}, err
		}
		f, err := s.create()
		if err != nil {
			return bodyAt{}, err
		}
		s.keep(s.top, f, 0)
		s.gen = s.top
	}
	at := bodyAt{gen: s.gen, at: s.sizes[s.gen], n: len(body)}
	s.sizes[s.gen] += int64(len(body))
	s.pending = append(s.pending, body...)
	if len(s.pending) >= spillBatch {
		s.flush()
	}
	return at, nil
}

// create makes the body file of the next generation, s.top after it
// (whether or not it could be made: a number is tried once); s.mu is
// held.
func (s *Markdowns) create() (*os.File, error) {
	if s.top >= maxGen {
		return nil, errors.New("no generation number left")
	}
	s.top++
	return os.OpenFile(s.bodyPath(s.top), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
}

// flush writes the pending bodies; on failure they stay pending and the
// cache is broken; s.mu is held.
func (s *Markdowns) flush() {
	if len(s.pending) == 0 || s.broken {
		return
	}
	if _, err := s.files[s.gen].WriteAt(s.pending, s.sizes[s.gen]-int64(len(s.pending))); err != nil {
		s.broken = true
		return
	}
	s.pending = s.pending[:0]
	if cap(s.pending) > 2*spillBatch {
		s.pending = nil // grown by a body larger than a batch: not kept
	}
}

// Text returns the body of key's entry, got or put by this build: a
// value whose HTML, Emergency and Plain are set (views of one new buffer,
// or the entry itself when the cache holds it whole).
func (s *Markdowns) Text(key Key) (*Markdown, error) {
	if m, ok := s.whole(key); ok {
		return m, nil
	}
	m := &Markdown{}
	err := s.readBody(key, nil, func(b []byte) error { return decodeBody(b, key, m) })
	return m, err
}

// Plain returns the plain text of key's entry, got or put by this build,
// in a string of its own: the body is read into a buffer used again, so
// the search index and the checks, which read nothing else of it,
// allocate a third of what reading the body does.
func (s *Markdowns) Plain(key Key) (string, error) {
	if m, ok := s.whole(key); ok {
		return m.Plain, nil
	}
	bp := bufpool.Get()
	defer bufpool.Put(bp)
	var plain string
	err := s.readBody(key, bp.Sized, func(b []byte) error {
		var m Markdown
		err := decodeBody(b, key, &m)
		plain = strings.Clone(m.Plain)
		return err
	})
	return plain, err
}

// whole returns key's entry when the cache holds it whole: every entry of
// a cache without a folder, and those Put had no body file for.
func (s *Markdowns) whole(key Key) (*Markdown, bool) {
	if s.dir == "" {
		return s.heads.Get(key)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	h, ok := s.held[key]
	return h.m, ok
}

// readBody reads key's body from its body file, or from the pending
// bodies, into a buffer of its size (from buffer, nil: a new one) and
// hands it to decode. A body file a body cannot be read back from is
// removed (damaged), and the error is a *DamagedError.
func (s *Markdowns) readBody(key Key, buffer func(int) []byte, decode func([]byte) error) error {
	if buffer == nil {
		buffer = func(n int) []byte { return make([]byte, n) }
	}
	s.mu.Lock()
	p, ok := s.where[key]
	if !ok {
		lost := s.lost[key]
		s.mu.Unlock()
		if lost != nil {
			return lost
		}
		return ErrNotFound
	}
	at := p.bodyAt
	b := buffer(at.n)
	if start := s.sizes[at.gen] - int64(len(s.pending)); at.gen == s.gen && at.at >= start {
		copy(b, s.pending[at.at-start:]) // not written yet
		s.mu.Unlock()
		return decode(b)
	}
	f := s.files[at.gen]
	s.mu.Unlock()
	_, err := f.ReadAt(b, at.at)
	if err == nil {
		err = decode(b)
	}
	if err != nil {
		lost := &DamagedError{Key: key, File: s.bodyPath(at.gen), Err: err}
		s.damaged(lost, at.gen)
		return lost
	}
	return nil
}

// DamagedError is Text's and Plain's error for a body that could not be
// read back from its file (cut short or damaged in place since it was
// written). The cache has removed the file, so the next build renders
// its pages again; this one has to render the page itself.
type DamagedError struct {
	Key  Key
	File string
	Err  error
}

func (e *DamagedError) Error() string {
	return fmt.Sprintf("reading back %.12s… from the build cache (%s): %v; the file is removed, and the next build renders its pages again", e.Key, e.File, e.Err)
}

func (e *DamagedError) Unwrap() error { return e.Err }

// damaged drops the key of lost, whose body in file gen could not be
// read back, and removes the file, so that the next build, in this
// process or another, renders its pages again instead of failing on it:
// the file stays open for the bodies this build still reads from it, and
// nothing more is appended to it.
func (s *Markdowns) damaged(lost *DamagedError, gen int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := lost.Key
	if s.lost == nil {
		s.lost = map[Key]*DamagedError{}
	}
	s.lost[key] = lost
	delete(s.where, key)
	s.heads.Forget(key)
	os.Remove(s.bodyPath(gen))
	if s.gen == gen {
		s.flush() // the pending bodies are gen's
		s.gen = 0
	}
}

// Save drops the entries the build did not use and saves the rest for the
// next build: its bodies written, the garbage in the body files copied
// away once it outweighs the live bodies, then the Log. A nil cache does
// nothing; a broken one (a body file could not be written) keeps what it
// had on disk.
func (s *Markdowns) Save() {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dir == "" {
		s.heads.Save()
		return
	}
	for _, f := range s.retired { // the last build's pages are done
		f.Close()
	}
	s.retired = nil
	s.flush()
	if s.broken {
		return
	}
	live, total := int64(0), int64(0)
	for _, p := range s.where {
		if p.build == s.build {
			live += int64(p.n)
		}
	}
	for _, n := range s.sizes {
		total += n
	}
	var old []int
	if total > 2*live && total > compactAbove {
		old = s.compact()
	}
	// Once the Log points to the new body file alone, the old ones go. If
	// it could not be saved, the Log on disk still points to them, and
	// the new one is the one the next Load removes.
	if s.heads.Save() {
		s.drop(old...)
	}
	maps.DeleteFunc(s.where, func(_ Key, p placed) bool { return p.build != s.build })
	maps.DeleteFunc(s.held, func(_ Key, h heldEntry) bool { return h.build != s.build })
	s.build++
}

// drop removes body files; s.mu is held. They stay open until the next
// Save (retired): the pages of the build may be reading a body from one
// (where it is not removed while open, as on Windows, the next Load
// removes it).
func (s *Markdowns) drop(gens ...int) {
	for _, gen := range gens {
		os.Remove(s.bodyPath(gen))
		s.retired = append(s.retired, s.files[gen])
		delete(s.files, gen)
		delete(s.sizes, gen)
	}
}

// compactAbove is the size of body files below which their garbage is
// left (a few articles' worth).
const compactAbove = 1 << 20

// compact copies the live bodies into a new body file and points their
// entries there; it returns the generations the entries no longer use
// (none when copying failed: the entries point where they did); s.mu is
// held.
func (s *Markdowns) compact() []int {
	f, err := s.create()
	if err != nil {
		return nil
	}
	gen := s.top
	var keys []Key
	for k, p := range s.where {
		if p.build == s.build {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, compareKeys)
	w := bufio.NewWriterSize(f, 1<<20)
	moved := make(map[Key]placed, len(keys))
	size := int64(0)
	var buf []byte
	for _, k := range keys {
		at := s.where[k]
		buf = slices.Grow(buf[:0], at.n)[:at.n]
		if _, err = s.files[at.gen].ReadAt(buf, at.at); err != nil {
			break
		}
		if _, err = w.Write(buf); err != nil {
			break
		}
		moved[k] = placed{bodyAt{gen: gen, at: size, n: at.n}, s.build}
		size += int64(at.n)
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil
	}
	old := slices.Collect(maps.Keys(s.files))
	for _, k := range keys {
		m, ok := s.heads.Get(k)
		if !ok {
			continue
		}
		head := *m
		head.body = moved[k].bodyAt
		s.heads.Put(k, &head)
	}
	s.keep(gen, f, size)
	maps.Copy(s.where, moved)
	return old
}
