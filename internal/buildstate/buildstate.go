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
//     base, and the marker of the base it extends.
//
// A missing, damaged or mismatched file (another Version, a base another
// full build wrote) loads as nil: the next build is a full one. Failing to
// save only costs speed. It reads and writes only those two files and
// knows nothing of how a patch is made. A State is used by one build at a
// time.
package buildstate

import (
	"bufio"
	"crypto/sha256"
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
	Version = "state-5" // state-5: search.Base.Phrases (index format 5); state-4: Body.Counts is a Counts
)

// Head is the first value of the base: whether a change can be patched.
type Head struct {
	Version string
	Build   string            // the full build's marker, which the State names
	Metas   map[string]string // article file → its source.FrontMatterKey
}

// Body is the base's second value, which a patch needs only after
// re-reading the site.
type Body struct {
	Written []string              // every output path
	Checked map[string]check.Page // every page, as a link target only
	Counts  Counts
	Search  map[string]*search.Base
}

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
	Inputs           map[string][sha256.Size]byte
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
	if err := buildcache.Save(dir, baseName, head, body); err != nil {
		return err
	}
	st.Base = head.Build
	return Save(dir, st)
}

// Save saves st in dir, over the base it names.
func Save(dir string, st *State) error {
	st.Version = Version
	return buildcache.Save(dir, name, st)
}

// Load loads the State saved in dir and the head of its base, and starts
// decoding the base's body; nil when either is missing, unreadable, of
// another Version, or they do not belong together.
func Load(dir string) *State {
	if dir == "" {
		return nil
	}
	var st State
	if !buildcache.Load(filepath.Join(dir, name), &st) || st.Version != Version {
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
		var body Body
		if dec.Decode(&body) != nil || body.Checked == nil {
			st.bodies <- nil
			return
		}
		st.bodies <- &body
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

// Meta returns the front matter key (source.FrontMatterKey) the base
// holds for an article's file, "" for a file that was not an article.
func (st *State) Meta(file string) string { return st.head.Metas[file] }

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
		if source.Classify(rel) != source.ClassContent || st.Meta(rel) == "" {
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
