package site

import (
	"bytes"
	"context"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/frontmatter"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/publish"
	"github.com/medkb/medkb/internal/search"
	"github.com/medkb/medkb/internal/source"
)

// Rebuild updates the last in-memory build after the files in changed
// (paths relative to the site root) were edited. When every change is an
// edit to the body of existing articles — their front matter, and so the
// site's structure, unchanged: the common case while writing — it
// re-renders only those pages and the feeds that list them, updates the
// search index shards holding them (the dev server keeps each language's
// index in memory; without one the index is built anew), and re-runs the
// checks of those pages. Anything else falls
// back to a full Build, as does a first call. Result.Rendered counts the
// Markdown bodies rendered, so tests can see how much work was done.
func (b *Builder) Rebuild(ctx context.Context, changed []string) (*publish.Mem, *Result, error) {
	if mem, res, ok, err := b.rebuildBodies(ctx, changed); ok {
		return mem, res, err
	}
	mem := publish.NewMem()
	res, err := b.Build(ctx, mem)
	return mem, res, err
}

// rebuildBodies is the fast path; ok is false when it does not apply.
func (b *Builder) rebuildBodies(ctx context.Context, changed []string) (*publish.Mem, *Result, bool, error) {
	last := b.last
	if last == nil || b.lastFS == nil || len(changed) == 0 {
		return nil, nil, false, nil
	}
	parsed := map[string]page.Meta{}
	for _, pf := range last.parsed {
		parsed[pf.File.Path] = pf.Meta
	}
	byFile := map[string]*page.Page{}
	for _, p := range last.allPages() {
		if p.File != "" {
			byFile[p.File] = p
		}
	}
	type edit struct {
		p    *page.Page
		data []byte // the whole file
		body []byte
		line int
	}
	var edits []edit
	for _, c := range changed {
		c = filepath.ToSlash(c)
		p := byFile[c]
		if p == nil || !p.IsArticle() || !strings.HasPrefix(c, "content/") {
			return nil, nil, false, nil
		}
		data, err := source.ReadRegular(filepath.Join(b.opts.Source, filepath.FromSlash(c))) // never blocks on a named pipe
		if err != nil {
			return nil, nil, false, nil
		}
		r, err := frontmatter.Parse(c, data)
		if err != nil {
			return nil, nil, false, nil // the full build reports it
		}
		// The front matter as parsed, before assembling filled in defaults.
		if !bodyOnly(r.Meta, metaHash(parsed[c])) {
			return nil, nil, false, nil
		}
		edits = append(edits, edit{p, data, r.Body, r.BodyLine})
	}

	bd := &build{b: b, ctx: ctx, cfg: last.cfg, files: last.files, parsed: last.parsed, data: last.data,
		site: last.site, theme: last.theme, static: last.static, written: last.written, facts: last.facts,
		urls: last.urls, renderers: last.renderers, rebuilding: true, checked: last.checked, searchIdx: last.searchIdx,
		res: &Result{Languages: last.res.Languages, Pages: last.res.Pages, Articles: last.res.Articles,
			Sections: last.res.Sections, Tags: last.res.Tags, Aliases: last.res.Aliases}}
	mem := b.lastFS.Clone()
	bd.sink = mem
	var pages []*page.Page
	data := map[string][]byte{}
	for _, e := range edits {
		e.p.Body, e.p.BodyLine = e.body, e.line
		pages = append(pages, e.p)
		data[e.p.File] = e.data
	}
	for _, f := range bd.files {
		if d, ok := data[f.Path]; ok {
			f.Data = d
		}
	}
	ed := bd.bodyEdit(pages)
	bd.diags = ed.keep(last.diags)
	steps := append([]phase{{name: "markdown", run: func() error { return bd.renderMarkdownOf(pages) }}},
		bd.bodySteps(ed, func() error {
			pending := bd.pendingSearch(pages, ed.langs)
			if b.opts.DeferSearch {
				bd.res.PendingSearch = pending
				return nil
			}
			return bd.applySearch(mem, pending)
		})...)
	start := time.Now()
	if err := bd.run(steps); err != nil {
		return nil, bd.res, true, err
	}
	bd.diags.Sort()
	bd.res.Diagnostics = bd.diags
	bd.res.Phases = append(bd.res.Phases, Phase{Name: "total", Dur: time.Since(start)})
	if err := bd.diags.Err(); err != nil {
		return nil, bd.res, true, err
	}
	bd.recordChecked(pages)
	if err := bd.makeReport(mem); err != nil {
		return nil, bd.res, true, err
	}
	bd.rebuilding = false
	b.last, b.lastFS = bd, mem
	return mem, bd.res, true, nil
}

// bodyOnly reports whether front matter m, against the hash of the front
// matter its page was last built from, makes the edit one to the body
// alone, which the incremental paths (Rebuild, Patch) apply. A page
// without its own summary takes it from the body, which other pages list:
// only pages with a summary qualify.
func bodyOnly(m page.Meta, was string) bool { return m.Summary != "" && metaHash(m) == was }

// bodyEdit is what both incremental paths work out from the edited pages.
type bodyEdit struct {
	pages   []*page.Page
	touched map[*page.Page]bool
	langs   map[string]bool
	files   map[string]bool // the edited pages' source files
	recheck map[string]bool // those and the files of the pages linking to them
}

func (bd *build) bodyEdit(pages []*page.Page) bodyEdit {
	e := bodyEdit{pages: pages, touched: map[*page.Page]bool{}, langs: map[string]bool{}, files: map[string]bool{}}
	for _, p := range pages {
		e.touched[p], e.langs[p.Lang], e.files[p.File] = true, true, true
	}
	e.recheck = bd.withLinkers(e.files)
	return e
}

// keep returns the diagnostics of the last build that an incremental
// rebuild carries over: all but the edited pages', which are made anew,
// and the checks' of the pages linking to them, which run again.
func (e bodyEdit) keep(last diag.List) diag.List {
	var out diag.List
	for _, d := range last {
		if !e.files[d.File] && !(e.recheck[d.File] && isCheckDiag(d)) {
			out = append(out, d)
		}
	}
	return out
}

// bodySteps re-renders the edited pages and the feeds that list them, runs
// search, and checks the edited pages and those linking to them.
func (bd *build) bodySteps(e bodyEdit, search func() error) []phase {
	return []phase{
		{name: "pages", run: func() error { return bd.renderPagesOf(e.pages) }},
		{name: "feeds", run: func() error { return bd.writeFeedsOf(e.touched) }},
		{name: "search", run: search},
		{name: "check", run: func() error { return bd.checkFiles(e.recheck) }},
	}
}

// applySearch builds the pending indexes now and brings mem's index files
// in line with them: mem may hold files of an update whose rebuild failed
// later, so it is matched to the whole index, not to a change alone.
func (bd *build) applySearch(mem *publish.Mem, pending []PendingSearch) error {
	have := mem.Files()
	for _, p := range pending {
		files, err := p.Build()
		if err != nil {
			return &diag.Diagnostic{File: "(search index " + p.Dir + ")", Severity: diag.Error, Message: err.Error()}
		}
		for name, data := range files {
			if !sameBytes(have[name], data) {
				bd.res.SearchShards++
				if err := mem.Write(name, data); err != nil {
					return err
				}
			}
		}
		for name := range have {
			if _, kept := files[name]; !kept {
				if rel, ok := strings.CutPrefix(name, p.Dir); ok && search.IsIndexFile(rel) {
					mem.Remove(name)
				}
			}
		}
	}
	return nil
}

// sameBytes reports equal contents, at once for the same slice (an index
// hands back the bytes of the files it did not rewrite).
func sameBytes(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	return len(a) == 0 || &a[0] == &b[0] || bytes.Equal(a, b)
}

func stripLines(m page.Meta) page.Meta {
	m.Lines = nil
	refs := make([]page.Reference, len(m.References))
	for i, r := range m.References {
		r.Line = 0
		refs[i] = r
	}
	m.References = refs
	return m
}

// renderPagesOf re-renders the HTML of the given pages.
func (bd *build) renderPagesOf(pages []*page.Page) error {
	for _, p := range pages {
		for _, ls := range bd.site.Langs {
			if ls.Language.Code != p.Lang {
				continue
			}
			html, err := bd.renderers[ls].Page(ls, p, nil)
			if err != nil {
				return err
			}
			bd.facts.record(p, html)
			if err := bd.write(p.OutputPath, pageName(p), html); err != nil {
				return err
			}
		}
	}
	return nil
}

// PendingSearch is a search index a deferred rebuild did not build: a
// snapshot of its documents, safe to build on another goroutine while the
// Builder goes on. When the dev server keeps the language's index, Docs are
// only the edited pages, and Build updates that index by shard.
type PendingSearch struct {
	Dir     string // output folder, such as "search/" or "es/search/"
	Docs    []search.Doc
	Options search.Options
	index   *search.Incremental
}

// Build builds or updates the index and returns all its files; paths
// include Dir. Pending updates of one index must be built one at a time,
// in order (MergePending combines waiting ones).
func (p PendingSearch) Build() (map[string][]byte, error) {
	var files []search.File
	if p.index != nil {
		if _, err := p.index.Update(p.Docs); err != nil {
			return nil, err
		}
		files = p.index.Files()
	} else {
		var err error
		if files, _, err = search.Build(p.Docs, p.Options); err != nil {
			return nil, err
		}
	}
	out := make(map[string][]byte, len(files))
	for _, f := range files {
		out[p.Dir+f.Path] = f.Data
	}
	return out, nil
}

// MergePending returns the pending indexes of a newer rebuild, carrying
// over the edits of an older list that was never built: a newer full build
// of a language replaces older work; updates of the same kept index join,
// the newer version of a page winning.
func MergePending(older, newer []PendingSearch) []PendingSearch {
	out := slices.Clone(newer)
	for _, o := range older {
		i := slices.IndexFunc(out, func(n PendingSearch) bool { return n.Dir == o.Dir })
		switch {
		case i < 0:
			out = append(out, o)
		case o.index != nil && out[i].index == o.index:
			docs := slices.Clone(out[i].Docs)
			for _, d := range o.Docs {
				if !slices.ContainsFunc(docs, func(n search.Doc) bool { return n.URL == d.URL }) {
					docs = append(docs, d)
				}
			}
			out[i].Docs = docs
		}
	}
	return out
}

func (bd *build) pendingSearch(pages []*page.Page, langs map[string]bool) []PendingSearch {
	if bd.cfg.Search.Disabled {
		return nil
	}
	var in *SearchInput
	var out []PendingSearch
	for _, ls := range bd.site.Langs {
		if !langs[ls.Language.Code] {
			continue
		}
		dir := strings.TrimPrefix(ls.Search.RelPermalink, "/")
		if ix := bd.searchIdx[ls.Language.Code]; ix != nil {
			var docs []search.Doc
			for _, p := range pages {
				if p.Lang == ls.Language.Code && p.InSearch(bd.today()) {
					docs = append(docs, searchDoc(p))
				}
			}
			out = append(out, PendingSearch{Dir: dir, Docs: docs, index: ix})
			continue
		}
		if in == nil {
			in = bd.searchInput()
		}
		sl := in.Langs[ls.Language.Code]
		out = append(out, PendingSearch{Dir: dir, Docs: sl.Docs, Options: sl.Options})
	}
	return out
}
