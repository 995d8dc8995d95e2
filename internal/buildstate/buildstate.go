// Package buildstate is a build's fingerprint (Fingerprint: the hash of
// every input, which lets `medkb build` skip an unchanged site) and the
// saved state of the last build into a folder,
// from which `medkb build` applies an edit to article bodies in place
// instead of building everything (site.Patch): what a patch cannot cheaply
// redo. It lives beside the caches (buildcache.Save, Load) in two files:
//
//   - state-base.gob, written by a full build only: the Head (the build's
//     marker and each article's front matter key, enough to tell whether a
//     change is a body edit) then the Body (every output path, the checks'
//     view of every page as a link target, the counts, what a search delta
//     needs of each index) — the large part, which Load decodes in the
//     background while the caller re-reads the site (0.9 s at 100,000
//     articles);
//   - state.gob, the State, rewritten by every build: the input hashes,
//     the diagnostics, the search delta and the pages patched since the
//     base, and the marker of the base it extends. A build skipped
//     because nothing changed reads the diagnostics back (Diags) and
//     prints them again.
//
// A missing, damaged or mismatched file (another Version, a base another
// full build wrote) loads as nil: the next build is a full one. Failing to
// save only costs speed. It reads and writes only those two files and
// knows nothing of how a patch is made. A State is used by one build at a
// time.
package buildstate

import (
	"bufio"
	"encoding/gob"
	"os"
	"path/filepath"

	"github.com/medkb/medkb/internal/buildcache"
	"github.com/medkb/medkb/internal/check"
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/search"
	"github.com/medkb/medkb/internal/searchset"
	"github.com/medkb/medkb/internal/source"
)

const (
	name     = "state.gob"
	baseName = "state-base.gob"
	// Version changes with the format of either file.
	Version = "state-10" // state-10: Head.Metas holds the front matter keys as 32 bytes each (Hashes), not hex; state-9: state.gob starts with a stamp (Version, Marker, Diags) that a skipped build reads alone; state-8: the body's pages one byte string (LinkTargets); state-7: Head.Metas and State.Inputs one byte string each (codec.go); state-6: the body in chunks (bodyHead); state-5: search.Base.Phrases (index format 5); state-4: Body.Counts is a Counts
)

// Head is the first value of the base: whether a change can be patched.
type Head struct {
	Version string
	Build   string // the full build's marker, which the State names
	Metas   Hashes // article file → its source.FrontMatterKey
}

// Body is the base's second value, which a patch needs only after
// re-reading the site.
type Body struct {
	Written []string // every output path
	// Checked is every page, as a link target only, sorted by file: the
	// form checkset.SortedView keeps, which the chunks are written in.
	// As a map, a patch held the pages twice to its end (the map and the
	// view's sorted copy: 73 MiB more live heap at 100,000 articles, a
	// check.Page being 672 bytes).
	Checked []check.Page
	Counts  Counts
	Search  map[string]*search.Base
}

// The body is saved as a bodyHead and then its lists in chunks, each its
// own gob message: gob reads a message into one buffer that it grows by
// appending 10 MB at a time, and the body of a 100,000-article site as one
// message (90 MB) cost a one-article patch 2 s of copying.
type bodyHead struct {
	Counts           Counts
	Search           map[string]*search.Base
	Written, Checked int // the chunks of each that follow, in that order
}

const (
	writtenChunk = 8192 // paths
	checkedChunk = 1024 // pages
)

// bodyValues returns what SaveFull writes of b after the head.
func bodyValues(b Body) []any {
	written := chunks(b.Written, writtenChunk)
	checked := chunks(b.Checked, checkedChunk)
	out := []any{bodyHead{Counts: b.Counts, Search: b.Search, Written: len(written), Checked: len(checked)}}
	for _, w := range written {
		out = append(out, w)
	}
	for _, pages := range checked {
		c := checkedPages{Files: make([]string, len(pages)), Pages: pages}
		for i, p := range pages {
			c.Files[i] = p.File
		}
		out = append(out, c)
	}
	return out
}

// checkedPages is a chunk of Body.Checked.
type checkedPages struct {
	Files []string
	Pages LinkTargets
}

func chunks[T any](s []T, n int) [][]T {
	var out [][]T
	for len(s) > 0 {
		k := min(n, len(s))
		out = append(out, s[:k])
		s = s[k:]
	}
	return out
}

// decodeBody reads what bodyValues wrote; ok false when it cannot, or
// when its pages are not in order by file, each under its own file name
// (a view searches them by file).
func decodeBody(dec *gob.Decoder) (*Body, bool) {
	var h bodyHead
	if dec.Decode(&h) != nil || h.Written < 0 || h.Checked < 0 {
		return nil, false
	}
	// Sized for the chunks the head announces (the last may be short),
	// so that neither list is copied as it grows.
	b := &Body{Counts: h.Counts, Search: h.Search,
		Written: make([]string, 0, min(h.Written, maxChunks)*writtenChunk),
		Checked: make([]check.Page, 0, min(h.Checked, maxChunks)*checkedChunk)}
	for range h.Written {
		var w []string
		if dec.Decode(&w) != nil {
			return nil, false
		}
		b.Written = append(b.Written, w...)
	}
	for range h.Checked {
		// The chunk's pages are decoded straight into the list's spare
		// room (LinkTargets.GobDecode fills the slice it is given when it
		// is large enough): decoded into a slice of their own and then
		// appended, every page was made twice, the first copy garbage at
		// once (a check.Page is 672 bytes: 67 MB of fresh memory at
		// 100,000 articles).
		at := len(b.Checked)
		c := checkedPages{Pages: LinkTargets(b.Checked[at:at])}
		if dec.Decode(&c) != nil || len(c.Files) != len(c.Pages) {
			return nil, false
		}
		if n := len(c.Pages); n > 0 && cap(b.Checked)-at >= n && &b.Checked[:at+1][at] == &c.Pages[0] {
			b.Checked = b.Checked[:at+n]
		} else {
			b.Checked = append(b.Checked, c.Pages...)
		}
		for i, f := range c.Files {
			if b.Checked[at+i].File != f || at+i > 0 && b.Checked[at+i-1].File >= f {
				return nil, false
			}
		}
	}
	return b, true
}

// maxChunks bounds the chunks decodeBody sizes its lists for, so that a
// damaged head cannot make it allocate without end: past it (a site of
// more than some 8 million pages) they grow as they are read.
const maxChunks = 1 << 13

// Counts are a full build's counts of pages and output.
type Counts struct {
	Pages, Articles, Sections, Tags, Aliases, Languages, Files int
	Bytes, SearchBytes                                         int64
}

// State is the small part, rewritten by every build: a patch leaves the
// base alone.
type State struct {
	Version, Options string
	Marker           string // the destination's marker after the build
	Base             string // the Build of the base this extends
	Inputs           Hashes
	Diags            diag.List
	Delta            searchset.Delta
	Checked          map[string]check.Page // patched pages, over the base's view

	head   Head
	bodies chan *Body // delivers the body once, nil if it is unreadable
	file   *os.File   // closed to abandon decoding the body
	body   *Body
	got    bool
}

// SaveFull saves a full build's base and then st (whose Base it sets), in
// dir: the State names the base only once the base is saved.
func SaveFull(dir string, head Head, body Body, st *State) error {
	os.Remove(filepath.Join(dir, name))
	head.Version = Version
	if err := buildcache.Save(dir, baseName, append([]any{head}, bodyValues(body)...)...); err != nil {
		return err
	}
	st.Base = head.Build
	return Save(dir, st)
}

// stamp is what state.gob holds first: enough for a build skipped
// because nothing changed (Diags), which reads it alone. The State
// follows, without its Diags. Decoding the whole State for the skip
// decoded every input's hash too: 11 MB at 100,000 articles, 0.17 s of
// CPU and 30 MiB more than the skip took before.
type stamp struct {
	Version, Marker string
	Diags           diag.List
}

// Save saves st in dir, over the base it names.
func Save(dir string, st *State) error {
	st.Version = Version
	rest := *st
	rest.Diags = nil
	return buildcache.Save(dir, name, stamp{st.Version, st.Marker, st.Diags}, &rest)
}

// loadState decodes the State saved in dir (its stamp, then the rest),
// reporting false when it is missing, unreadable or of another Version.
func loadState(dir string, st *State) bool {
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		return false
	}
	defer f.Close()
	var sp stamp
	dec := gob.NewDecoder(bufio.NewReader(f))
	if dec.Decode(&sp) != nil || sp.Version != Version || dec.Decode(st) != nil || st.Version != Version {
		return false
	}
	st.Diags = sp.Diags
	return true
}

// Load loads the State saved in dir and the head of its base, and starts
// decoding the base's body; nil when either is missing, unreadable, of
// another Version, or they do not belong together.
func Load(dir string) *State {
	if dir == "" {
		return nil
	}
	var st State
	if !loadState(dir, &st) {
		return nil
	}
	f, err := os.Open(filepath.Join(dir, baseName))
	if err != nil {
		return nil
	}
	dec := gob.NewDecoder(bufio.NewReaderSize(f, 1<<20))
	if dec.Decode(&st.head) != nil || st.head.Version != Version || st.head.Build != st.Base {
		f.Close()
		return nil
	}
	st.bodies, st.file = make(chan *Body, 1), f
	go func() {
		defer f.Close()
		body, ok := decodeBody(dec)
		if !ok {
			st.bodies <- nil
			return
		}
		st.bodies <- body
	}()
	// gob leaves empty maps nil.
	if st.Delta.Deltas == nil {
		st.Delta.Deltas = map[string]string{}
	}
	if st.Checked == nil {
		st.Checked = map[string]check.Page{}
	}
	return &st
}

// Diags returns the diagnostics of the last build saved in dir when that
// build wrote marker (a destination's marker: the fingerprint of every
// input and option that decides what a build makes and says), for a
// build skipped because nothing changed, which says what that build
// said; ok false when dir holds no state of that build (none saved,
// another Version, another build's since). Only the State's stamp is
// read: not the rest of the State, not its base. A marker names its inputs whatever the destination, so the
// state of the same inputs built into another folder says the same.
func Diags(dir, marker string) (diags diag.List, ok bool) {
	if dir == "" {
		return nil, false
	}
	var sp stamp
	if !buildcache.Load(filepath.Join(dir, name), &sp) || sp.Version != Version || sp.Marker != marker {
		return nil, false
	}
	return sp.Diags, true
}

// Meta returns the front matter key (source.FrontMatterKey) the base
// holds for an article's file, the zero Sum for a file that was not an
// article.
func (st *State) Meta(file string) source.Sum { return st.head.Metas[file] }

// Body waits for the base's body; nil when it is unreadable.
func (st *State) Body() *Body {
	if !st.got {
		st.body, st.got = <-st.bodies, true
	}
	return st.body
}

// Abandon stops decoding the base's body, for a change that will not be
// patched. A nil State is fine.
func (st *State) Abandon() {
	if st != nil && st.file != nil {
		st.file.Close()
	}
}

// BodyEdits returns the files of the site at root whose change from the
// state's inputs to in is an edit to an article's body alone, read
// again from disk (never blocking on a named pipe); nil when any change
// is something else — a file added or removed, a front matter edit, a
// change outside content/ — or there are more edits than the search
// delta takes (searchset.Delta.Fits), or none: a patch cannot apply it.
func (st *State) BodyEdits(in Inputs, root string) map[string]bool {
	if len(in.Files) != len(st.Inputs) {
		return nil
	}
	files := map[string]bool{}
	for rel, sum := range in.Files {
		old, known := st.Inputs[rel]
		switch {
		case !known:
			return nil
		case old == sum:
			continue
		}
		if source.Classify(rel) != source.ClassContent || st.Meta(rel).IsZero() {
			return nil // not an article, or not a page at all
		}
		data, err := source.ReadRegular(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil || source.ClassifyContent(st.Meta(rel), data) != source.ClassBody {
			return nil
		}
		files[rel] = true
	}
	if len(files) == 0 || !st.Delta.Fits(files) {
		return nil
	}
	return files
}
