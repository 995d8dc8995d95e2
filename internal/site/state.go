package site

import (
	"context"
	"errors"
	"maps"
	"slices"
	"time"

	"github.com/medkb/medkb/internal/buildstate"
	"github.com/medkb/medkb/internal/checkset"
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/phase"
	"github.com/medkb/medkb/internal/publish"
	"github.com/medkb/medkb/internal/searchset"
	"github.com/medkb/medkb/internal/source"
)

// The build state lets `medkb build` apply an edit to article bodies the
// way the dev server does (rebuild.go), without the dev server's
// long-lived memory. After every build into a folder, SaveState records
// beside the Markdown cache what the fast path cannot cheaply redo
// (package buildstate). Patch then
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

// stateOptions is what, besides the inputs, the state must share with a
// build to patch it: the build's key and the destination.
func stateOptions(o Options, version string) string { return buildKey(o, version) + "dest=" + o.Dest }

// SaveState records the last build for Patch (package buildstate). marker
// is the text the destination's marker now holds; in the inputs the build
// was made from. Without a cache folder it does nothing; failing to save
// only makes the next edit a full build.
func (b *Builder) SaveState(marker string, in Inputs, version string) error {
	bd := b.last
	if bd == nil || b.opts.CacheDir == "" {
		return nil
	}
	st := bd.state
	full := st == nil
	if full {
		st = &buildstate.State{}
	}
	st.Options, st.Marker, st.Inputs, st.Diags = stateOptions(b.opts, version), marker, in.Files, bd.diags
	if !full {
		return buildstate.Save(b.opts.CacheDir, st)
	}
	head := buildstate.Head{Build: marker, Metas: buildstate.Hashes{}}
	r := bd.res
	body := buildstate.Body{Search: bd.searchBase,
		Counts: buildstate.Counts{Pages: r.Pages, Articles: r.Articles, Sections: r.Sections, Tags: r.Tags, Aliases: r.Aliases,
			Languages: r.Languages, Files: r.Files, Bytes: r.Bytes, SearchBytes: r.SearchBytes}}
	sources := bd.sources(nil)
	for _, p := range bd.site.AllPages() {
		if f := sources[p.File]; f != nil && p.IsArticle() {
			head.Metas[p.File] = f.MetaKey()
		}
	}
	body.Checked = bd.checked.Sorted()
	for i, cp := range body.Checked {
		body.Checked[i] = checkset.LinkTarget(cp)
	}
	body.Written = bd.written.Paths()
	return buildstate.SaveFull(b.opts.CacheDir, head, body, st)
}

// Patch applies the change from the build the saved state describes to
// the inputs in, when every changed file is an article whose body alone
// changed; the destination, whose marker is destMarker, must be that
// build's output. ok false means the change needs a full build; nothing
// was staged then. With ok true, a non-nil error means the change does not
// build (the diagnostics are in the Result) and sink must be discarded;
// otherwise the caller commits sink and calls SaveState.
func (b *Builder) Patch(ctx context.Context, sink *publish.Patch, in Inputs, destMarker, version string) (res *Result, ok bool, err error) {
	st := buildstate.Load(b.opts.CacheDir)
	defer func() {
		if !ok {
			st.Abandon()
		}
	}()
	if st == nil || st.Marker != destMarker || st.Options != stateOptions(b.opts, version) {
		return nil, false, nil
	}
	files := st.BodyEdits(in, b.opts.Source)
	if files == nil {
		return nil, false, nil
	}

	// The caches of parsed front matter and rendered bodies are read
	// beside the walk, the theme and assembling, which keep one core
	// busy, rather than on the way (Load is once only, and parse and
	// Render wait for it): 1.10 -> 1.04 s for a one-article rebuild at
	// 10,000 articles, medians of 9. A full build after a refused patch
	// uses what they loaded.
	go b.parsed.Load()
	go b.bodies.Load()
	bd := newBuild(b, ctx, sink)
	bd.relatedOnly, bd.known, bd.once = files, in.Files, true
	if err := bd.runThrough("markdown"); err != nil {
		return nil, false, nil // the full build reports it
	}
	start := time.Now()
	// The files as the phases read them, which an editor may have saved
	// again since they were checked above.
	for _, pf := range bd.parsed {
		if files[pf.File.Path] && (source.ClassifyContent(st.Meta(pf.File.Path), pf.File.Data) != source.ClassBody || pf.Meta.Summary == "") {
			return nil, false, nil // a page without its own summary takes it from the body, which others list
		}
	}
	body := st.Body()
	if body == nil {
		return nil, false, nil
	}
	var pages []*page.Page
	for _, p := range bd.site.AllPages() {
		if files[p.File] {
			if !p.IsArticle() {
				return nil, false, nil
			}
			pages = append(pages, p)
		}
	}
	ed := bd.bodyEdit(pages)
	// The phases made every page's diagnostics; the edited pages'
	// Markdown diagnostics are taken from them, the checks' come from
	// the steps below, everything else from the last build, which Keep
	// leaves the edited pages' front matter diagnostics in (a body edit
	// cannot change them).
	fresh := bd.diags
	bd.diags = checkset.Keep(st.Diags, ed.files, ed.recheck)
	for _, d := range fresh {
		if files[d.File] && checkset.FromMarkdown(d) {
			bd.diags = append(bd.diags, d)
		}
	}
	// The checks look links up among the last build's files as well as
	// those the phases above claimed (image copies): not claimed too,
	// which cost a one-article rebuild at 10,000 articles a lock and a
	// map insertion for each of 40,000 paths. The patch's own writes
	// replace files of the last build and claim nothing (rebuilding).
	bd.lastWritten = slices.Concat(body.Written, slices.Collect(maps.Values(st.Delta.Deltas)))
	bd.checked = checkset.SortedView(body.Checked).With(slices.Collect(maps.Values(st.Checked)))
	bd.rebuilding, bd.state = true, st
	bd.prepareRenderers()
	err = bd.run(bd.bodySteps(ed))
	// A step before "check" failed ("check", the last step, returns no
	// error for an edit): what the build printed is not all the page's
	// problems (stoppedBeforeChecks, below).
	beforeChecks := err != nil
	if err == nil && bd.diags.Err() == nil { // a failed patch writes no search delta
		bd.searchBase = body.Search
		if err = bd.run([]phase.Step{bd.searchDelta(st.Delta, pages, false, sink.Remove)}); err == nil {
			st.Delta = bd.delta
		}
	}
	if errors.Is(err, searchset.ErrNeedsFullBuild) {
		return nil, false, nil
	}
	c := body.Counts
	res = &Result{Pages: c.Pages, Articles: c.Articles, Sections: c.Sections, Tags: c.Tags, Aliases: c.Aliases,
		Languages: c.Languages, Files: c.Files, Bytes: c.Bytes, SearchBytes: c.SearchBytes}
	res.Files += len(st.Delta.Deltas)
	res.Rendered, res.Cached, res.Patched = bd.res.Rendered, bd.res.Cached, sink.Written()
	res.ImagesResized, res.ImagesReused = bd.res.ImagesResized, bd.res.ImagesReused
	res.Phases = append(bd.res.Phases, Phase{Name: "patch", Dur: time.Since(start)})
	bd.res = res
	bd.diags.Sort()
	bd.res.Diagnostics = bd.reported()
	if err != nil {
		// bd.run put the error's diagnostics in the Result res replaced:
		// without them medkb build printed "Build failed" and no error.
		if bd.ctx.Err() == nil {
			bd.res.Diagnostics = slices.Concat(bd.res.Diagnostics, diag.From(err))
			bd.res.Diagnostics.Sort()
		}
		if beforeChecks {
			bd.stoppedBeforeChecks()
		}
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
