package site

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"time"

	"github.com/medkb/medkb/internal/assemble"
	"github.com/medkb/medkb/internal/checkset"
	"github.com/medkb/medkb/internal/frontmatter"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/phase"
	"github.com/medkb/medkb/internal/publish"
	"github.com/medkb/medkb/internal/render"
	"github.com/medkb/medkb/internal/searchset"
	"github.com/medkb/medkb/internal/source"
)

// Rebuild makes a new snapshot of the site after the files in changed
// (paths relative to the site root) were edited, from the last good one,
// which it never changes: a rebuild that fails leaves nothing behind but
// its diagnostics, and its changes join the next call's (every rebuild
// starts from the last good snapshot, so it must redo whatever changed
// since). When source.Classify finds every change to be an edit to the
// body of an existing article — the common case while writing — it copies
// the site graph, re-renders those pages and the feeds that list them,
// re-runs their checks (and those of the pages linking to them), and then
// updates the search index (a delta beside the last full build's index,
// package searchset).
// Any other change falls back to a full Build, as does a first call.
// Result.Rendered counts the Markdown bodies rendered, so tests can see how
// much work was done.
func (b *Builder) Rebuild(ctx context.Context, changed []string) (*publish.Mem, *Result, error) {
	if changed != nil {
		changed = slices.Compact(slices.Sorted(slices.Values(slices.Concat(b.failed, changed))))
	}
	mem, res, ok, err := b.rebuildBodies(ctx, changed)
	if !ok {
		mem = publish.NewMem()
		res, err = b.Build(ctx, mem)
	}
	if err != nil {
		b.failed = changed
		if changed == nil {
			// A full rebuild failed: what changed since the last good one
			// is unknown, so the next one is full too.
			b.last, b.lastFS = nil, nil
		}
		return nil, res, err
	}
	b.failed = nil
	return mem, res, nil
}

// rebuildBodies is the fast path; ok is false when it does not apply.
func (b *Builder) rebuildBodies(ctx context.Context, changed []string) (*publish.Mem, *Result, bool, error) {
	last := b.last
	if last == nil || b.lastFS == nil || len(changed) == 0 {
		return nil, nil, false, nil
	}
	type edit struct {
		page *page.Page   // in the last snapshot
		file *source.File // the new version
		body []byte
		line int
	}
	var edits []edit
	files := map[string]bool{}
	for _, c := range changed {
		files[filepath.ToSlash(c)] = true
	}
	if !last.delta.Fits(files) {
		return nil, nil, false, nil // the search delta is full: a full build folds it in
	}
	for _, c := range changed {
		c = filepath.ToSlash(c)
		p, was := last.site.PageOf(c), last.fileOf(c)
		if source.Classify(c) != source.ClassContent || p == nil || was == nil || !p.IsArticle() {
			return nil, nil, false, nil
		}
		f, ok := was.BodyEdit(b.opts.Source)
		if !ok {
			return nil, nil, false, nil
		}
		r, err := frontmatter.Parse(c, f.Data)
		if err != nil || r.Meta.Summary == "" {
			// A page without its own summary takes it from the body,
			// which other pages list. A parse error: the full build
			// reports it.
			return nil, nil, false, nil
		}
		edits = append(edits, edit{p, f, r.Body, r.BodyLine})
	}

	// The new snapshot: the edited pages and files are copies, everything
	// else — config, theme, data, static files, output paths, other pages,
	// the output files the edit does not rewrite, the check view — is
	// shared with the last one, read-only (assemble.Site.Edit,
	// publish.Mem.Clone, checkset.View.With). The parsed files are not
	// carried: only SaveState reads them, after a full build.
	var edited []*page.Page
	for _, e := range edits {
		edited = append(edited, e.page)
	}
	site, pages := last.site.Edit(edited)
	next := *last.snap
	next.site, next.parsed, next.files = site, nil, slices.Clone(last.files)
	for i, f := range next.files {
		for _, e := range edits {
			if e.file.Path == f.Path {
				next.files[i] = e.file
			}
		}
	}
	r := last.res
	bd := &build{b: b, ctx: ctx, facts: checkset.NewFacts(), rebuilding: true, snap: &next,
		outcome: outcome{res: &Result{Languages: r.Languages, Pages: r.Pages, Articles: r.Articles, Sections: r.Sections, Tags: r.Tags,
			Aliases: r.Aliases, CheckOverrides: r.CheckOverrides, BasePath: r.BasePath}}}
	bd.urls = last.urls // a body edit moves no page
	bd.renderers = map[*assemble.Lang]*render.Renderer{}
	for _, ls := range site.Langs {
		bd.renderers[ls] = bd.renderer(ls)
	}
	for i, p := range pages {
		p.Body, p.BodyLine = edits[i].body, edits[i].line
	}
	mem := b.lastFS.Clone()
	bd.sink = mem
	ed := bd.bodyEdit(pages)
	bd.diags = checkset.Keep(last.diags, ed.files, ed.recheck)
	kept := len(bd.diags) // in order already
	steps := append([]phase.Step{{Name: "markdown", Run: func() error { return bd.renderMarkdownOf(pages) }}}, bd.bodySteps(ed)...)
	start := time.Now()
	if err := bd.run(steps); err != nil {
		// A step before "check" failed: a Go error from rendering the
		// Markdown, a page's template (a site's own layout) or a feed.
		// "check", the last step, returns no error for an edit
		// (checkFiles with only set). Say so, as a full build does, or
		// these errors pass for all the page's problems. What the
		// Markdown and the checks report stops the rebuild below, after
		// the checks.
		bd.stoppedBeforeChecks()
		return nil, bd.res, true, err
	}
	bd.diags.SortFrom(kept)
	bd.res.Diagnostics = bd.reported()
	if err := bd.diags.Err(); err != nil {
		return nil, bd.res, true, err
	}
	// Only a rebuild that succeeded touches the search index.
	err := bd.run([]phase.Step{bd.searchDelta(last.delta, pages, b.opts.DeferSearch, func(name string) error { mem.Remove(name); return nil })})
	if errors.Is(err, searchset.ErrNeedsFullBuild) {
		return nil, nil, false, nil
	}
	if err != nil {
		return nil, bd.res, true, err
	}
	bd.res.Phases = append(bd.res.Phases, Phase{Name: "total", Dur: time.Since(start)})
	bd.recordChecked(pages)
	bd.links = bd.links.With(pages)
	if err := bd.makeReport(mem); err != nil {
		return nil, bd.res, true, err
	}
	bd.rebuilding = false
	b.last, b.lastFS = bd, mem
	return mem, bd.res, true, nil
}

// searchDelta is the step that puts the edited pages into the search
// delta after from (package searchset) and writes it, or with deferred
// leaves it to the caller in Result.PendingSearch.
func (bd *build) searchDelta(from searchset.Delta, pages []*page.Page, deferred bool, remove func(string) error) phase.Step {
	return phase.Step{Name: "search", Run: func() error {
		delta, err := from.With(bd.cfg, pages, bd.today())
		if err != nil {
			return err
		}
		bd.delta = delta
		pending, err := bd.delta.Pending(bd.cfg, bd.site, bd.searchBase)
		if err != nil || deferred {
			bd.res.PendingSearch = pending
			return err
		}
		bd.res.SearchShards, err = searchset.WriteDeltas(pending, &bd.delta, bd.sink.Write, remove)
		return err
	}}
}

// bodyEdit is what both incremental paths work out from the edited pages.
type bodyEdit struct {
	pages   []*page.Page
	touched map[*page.Page]bool
	files   map[string]bool // the edited pages' source files
	recheck map[string]bool // those and the files of the pages linking to them
}

func (bd *build) bodyEdit(pages []*page.Page) bodyEdit {
	e := bodyEdit{pages: pages, touched: map[*page.Page]bool{}, files: map[string]bool{}}
	for _, p := range pages {
		e.touched[p], e.files[p.File] = true, true
	}
	e.recheck = bd.withLinkers(e.files)
	return e
}

// bodySteps re-renders the edited pages and the feeds that list them, and
// checks the edited pages and those linking to them. The search index is
// updated after them, once the rebuild is known to succeed.
func (bd *build) bodySteps(e bodyEdit) []phase.Step {
	return []phase.Step{
		{Name: "pages", Run: func() error { return bd.renderPagesOf(e.pages, nil) }},
		{Name: "feeds", Run: func() error { return bd.writeFeedsOf(e.touched) }},
		{Name: "check", Run: func() error { return bd.checkFiles(e.recheck) }},
	}
}
