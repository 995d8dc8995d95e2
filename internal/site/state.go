package site

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/medkb/medkb/internal/buildcache"
	"github.com/medkb/medkb/internal/check"
	"github.com/medkb/medkb/internal/checkset"
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/publish"
	"github.com/medkb/medkb/internal/search"
	"github.com/medkb/medkb/internal/searchset"
	"github.com/medkb/medkb/internal/source"
)

// The build state lets `medkb build` apply an edit to article bodies the
// way the dev server does (rebuild.go), without the dev server's
// long-lived memory. After every build into a folder, SaveState records
// beside the Markdown cache what the fast path cannot cheaply redo: the
// hash of every input file, each article's front matter (hashed), every
// output path, the checks' view of every page as a link target, the
// diagnostics, and what a search delta needs of each index (the large
// part, state-base.gob, only after a full build; a patch rewrites only the
// small state.gob, which names the base it extends). Patch then
// re-reads and re-assembles the site (with the front matter and Markdown
// caches), but renders only the edited pages and the feeds that list them,
// checks only those pages, puts the edited pages in a search delta segment
// (search/delta.go) and changes those few files of the published folder in
// place (publish.Patch). Anything else — a front matter edit, a new or
// removed file, a change outside content/, other options, another
// destination or day, more than searchset.MaxDeltaDocs pages edited since the last
// full build — is a full build, which folds the delta in.
//
// The pages that link to an edited one are checked again (an edit may
// remove an anchor they point at). What a patch does not redo, and so
// leaves as the last full build made it: other pages' search scores, which
// keep that build's statistics.

const (
	stateName    = "state.gob"
	stateVersion = "state-3"
)

// stateBase is what a full build leaves for the patches after it
// (state-base.gob); it stays as written until the next full build. The
// file is two gob values: the head, which says whether a change can be
// patched, then the body, which a patch needs only after re-reading the
// site and decodes meanwhile (0.9 s at 100,000 articles).
type stateBase struct {
	stateHead
	body chan *stateBody // delivers the body once, nil if it is unreadable
	file *os.File        // closed to abandon decoding the body
}

type stateHead struct {
	Version string
	Build   string            // the full build's marker, which the small state names
	Metas   map[string]string // article file → its source.FrontMatterKey
}

type stateBody struct {
	Written []string              // every output path
	Checked map[string]check.Page // every page, as a link target only
	Counts  Result                // counts only
	Search  map[string]*search.Base
}

// buildState is the small part (state.gob), rewritten by every build: a
// patch leaves the large base alone.
type buildState struct {
	Version, Options string
	Marker           string // the destination's marker after the build
	Base             string // the Build of the stateBase this extends
	Inputs           map[string][sha256.Size]byte
	Diags            diag.List
	Delta            searchset.Delta
	Checked          map[string]check.Page // edited pages, over the base's view

	base *stateBase
	body *stateBody // the base's body, once Patch has it
}

const baseName = "state-base.gob"

// stateOptions is what, besides the inputs, the state must share with a
// build to patch it: the build's key and the destination.
func stateOptions(o Options, version string) string { return buildKey(o, version) + "dest=" + o.Dest }

// SaveState records the last build for Patch. marker is the text the
// destination's marker now holds; in the inputs the build was made from.
// Without a cache folder it does nothing; failing to save only makes the
// next edit a full build.
func (b *Builder) SaveState(marker string, in Inputs, version string) error {
	bd := b.last
	if bd == nil || b.opts.CacheDir == "" {
		return nil
	}
	st := bd.state
	if st == nil { // a full build
		head := stateHead{Version: stateVersion, Build: marker, Metas: map[string]string{}}
		body := stateBody{Checked: make(map[string]check.Page, bd.checked.Len()), Search: bd.searchBase}
		articles := map[string]bool{}
		for _, p := range bd.allPages() {
			if p.File != "" && p.IsArticle() {
				articles[p.File] = true
			}
		}
		for _, pf := range bd.parsed {
			if articles[pf.File.Path] {
				head.Metas[pf.File.Path] = source.FrontMatterKey(pf.File.Data)
			}
		}
		bd.checked.Each(func(cp check.Page) { body.Checked[cp.File] = checkset.LinkTarget(cp) })
		bd.written.mu.Lock()
		for p := range bd.written.paths {
			body.Written = append(body.Written, p)
		}
		bd.written.mu.Unlock()
		slices.Sort(body.Written)
		body.Counts = bd.res.counts()
		// The small state names the base only once the base is saved.
		os.Remove(filepath.Join(b.opts.CacheDir, stateName))
		if err := buildcache.Save(b.opts.CacheDir, baseName, head, body); err != nil {
			return err
		}
		st = &buildState{Base: marker}
	}
	st.Version, st.Options, st.Marker, st.Inputs, st.Diags = stateVersion, stateOptions(b.opts, version), marker, in.Files, bd.diags
	return buildcache.Save(b.opts.CacheDir, stateName, st)
}

// counts returns r's counts of pages and output, without timings,
// diagnostics or work done.
func (r *Result) counts() Result {
	return Result{Pages: r.Pages, Articles: r.Articles, Sections: r.Sections, Tags: r.Tags, Aliases: r.Aliases,
		Languages: r.Languages, Files: r.Files, Bytes: r.Bytes, SearchBytes: r.SearchBytes}
}

// loadState loads the saved state and the head of its base, and starts
// decoding the base's body; nil when either is missing, unreadable, of
// another version, or they do not belong together.
func loadState(dir string) *buildState {
	if dir == "" {
		return nil
	}
	var st buildState
	if !buildcache.Load(filepath.Join(dir, stateName), &st) || st.Version != stateVersion {
		return nil
	}
	f, err := os.Open(filepath.Join(dir, baseName))
	if err != nil {
		return nil
	}
	dec := gob.NewDecoder(bufio.NewReaderSize(f, 1<<20))
	base := &stateBase{body: make(chan *stateBody, 1), file: f}
	if dec.Decode(&base.stateHead) != nil || base.Version != stateVersion || base.Build != st.Base {
		f.Close()
		return nil
	}
	go func() {
		defer f.Close()
		var body stateBody
		if dec.Decode(&body) != nil || body.Checked == nil {
			base.body <- nil
			return
		}
		base.body <- &body
	}()
	st.base = base
	// gob leaves empty maps nil.
	if st.Delta.Deltas == nil {
		st.Delta.Deltas = map[string]string{}
	}
	if st.Checked == nil {
		st.Checked = map[string]check.Page{}
	}
	return &st
}

// abandon stops decoding the base's body, for a change Patch will not
// apply.
func (st *buildState) abandon() {
	if st != nil && st.base != nil {
		st.base.file.Close()
	}
}

// Patch applies the change from the build the saved state describes to
// the inputs in, when every changed file is an article whose body alone
// changed; the destination, whose marker is destMarker, must be that
// build's output. ok false means the change needs a full build; nothing
// was staged then. With ok true, a non-nil error means the change does not
// build (the diagnostics are in the Result) and sink must be discarded;
// otherwise the caller commits sink and calls SaveState.
func (b *Builder) Patch(ctx context.Context, sink *publish.Patch, in Inputs, destMarker, version string) (res *Result, ok bool, err error) {
	st := loadState(b.opts.CacheDir)
	defer func() {
		if !ok {
			st.abandon()
		}
	}()
	if st == nil || st.Marker != destMarker || st.Options != stateOptions(b.opts, version) || len(in.Files) != len(st.Inputs) {
		return nil, false, nil
	}
	files := map[string]bool{}
	for rel, sum := range in.Files {
		old, known := st.Inputs[rel]
		switch {
		case !known:
			return nil, false, nil
		case old == sum:
			continue
		}
		if source.Classify(rel) != source.ClassContent || st.base.Metas[rel] == "" {
			return nil, false, nil // not an article, or not a page at all
		}
		data, err := source.ReadRegular(filepath.Join(b.opts.Source, filepath.FromSlash(rel))) // never blocks on a named pipe
		if err != nil || source.ClassifyContent(st.base.Metas[rel], data) != source.ClassBody {
			return nil, false, nil
		}
		files[rel] = true
	}
	if len(files) == 0 || !st.Delta.Fits(files) {
		return nil, false, nil
	}

	bd := newBuild(b, ctx, sink)
	bd.relatedOnly = files
	if err := bd.run(bd.phasesThrough("markdown")); err != nil {
		return nil, false, nil // the full build reports it
	}
	start := time.Now()
	// The files as the phases read them, which an editor may have saved
	// again since they were checked above.
	for _, pf := range bd.parsed {
		if files[pf.File.Path] && (source.ClassifyContent(st.base.Metas[pf.File.Path], pf.File.Data) != source.ClassBody || pf.Meta.Summary == "") {
			return nil, false, nil // a page without its own summary takes it from the body, which others list
		}
	}
	if st.body = <-st.base.body; st.body == nil {
		return nil, false, nil
	}
	var pages []*page.Page
	for _, p := range bd.allPages() {
		if files[p.File] {
			if !p.IsArticle() {
				return nil, false, nil
			}
			pages = append(pages, p)
		}
	}
	ed := bd.bodyEdit(pages)
	// The phases made every page's diagnostics; the edited pages' are
	// kept, the others come from the last build.
	fresh := bd.diags
	bd.diags = ed.keep(st.Diags)
	for _, d := range fresh {
		if files[d.File] {
			bd.diags = append(bd.diags, d)
		}
	}
	for _, p := range st.body.Written {
		bd.written.paths[p] = "(the last build)"
	}
	for _, p := range st.Delta.Deltas {
		bd.written.paths[p] = "(the last build)"
	}
	bd.checked = checkset.NewView(st.body.Checked).With(slices.Collect(maps.Values(st.Checked)))
	bd.rebuilding, bd.state = true, st
	bd.prepareRenderers()
	err = bd.run(bd.bodySteps(ed))
	if err == nil && bd.diags.Err() == nil { // a failed patch writes no search delta
		bd.searchBase = st.body.Search
		err = bd.run([]phase{{name: "search", run: func() error {
			d := st.Delta.With(bd.cfg, pages, bd.today())
			pending, err := d.Pending(bd.cfg, bd.site, bd.searchBase)
			if err == nil {
				bd.res.SearchShards, err = searchset.WriteDeltas(pending, &d, bd.sink.Write, sink.Remove)
			}
			st.Delta = d
			return err
		}}})
	}
	if errors.Is(err, searchset.ErrNeedsFullBuild) {
		return nil, false, nil
	}
	res = new(Result)
	*res = st.body.Counts
	res.Files += len(st.Delta.Deltas)
	res.Rendered, res.Cached, res.Patched = bd.res.Rendered, bd.res.Cached, sink.Written()
	res.ImagesResized, res.ImagesReused = bd.res.ImagesResized, bd.res.ImagesReused
	res.Phases = append(bd.res.Phases, Phase{Name: "patch", Dur: time.Since(start)})
	bd.res = res
	bd.diags.Sort()
	bd.res.Diagnostics = bd.diags
	if err != nil {
		return bd.res, true, err
	}
	if err := bd.diags.Err(); err != nil {
		return bd.res, true, err
	}
	bd.recordChecked(pages)
	for _, p := range pages {
		cp, _ := bd.checked.Get(p.File)
		st.Checked[p.File] = checkset.LinkTarget(cp)
	}
	bd.rebuilding = false
	b.last = bd
	return bd.res, true, nil
}
