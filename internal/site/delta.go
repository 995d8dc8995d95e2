package site

import (
	"errors"
	"maps"
	"slices"
	"strings"

	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/search"
)

// The one way an incremental rebuild — the dev server's Rebuild or the
// command line's Patch — updates the search index: a delta segment beside
// the last full build's index (search.Base.Delta; search.js merges the two
// at query time). The delta carries every page edited since that full
// build, so each rebuild replaces the last delta whole; past maxDeltaDocs
// pages, which every query's first search fetches, the change is a full
// build, which folds them into the index.

// searchDelta is what a snapshot's search index holds beyond the last
// full build's: per language, the documents of the pages edited since and
// the output path of the delta file that carries them. A rebuild makes a
// new one (with) and never changes the last snapshot's.
type searchDelta struct {
	Edited map[string][]search.Doc // language → pages in its delta
	Deltas map[string]string       // language → the delta file's output path
	Files  map[string]bool         // the source files of the pages in the deltas
}

// fits reports whether the delta can take the edited files too.
func (d searchDelta) fits(files map[string]bool) bool {
	n := len(d.Files)
	for f := range files {
		if !d.Files[f] {
			n++
		}
	}
	return n <= maxDeltaDocs
}

// with returns a copy of d holding the current documents of pages, made
// by doc.
func (d searchDelta) with(pages []*page.Page, doc func(*page.Page) search.Doc) searchDelta {
	out := searchDelta{Edited: map[string][]search.Doc{}, Deltas: maps.Clone(d.Deltas), Files: maps.Clone(d.Files)}
	if out.Deltas == nil {
		out.Deltas = map[string]string{}
	}
	if out.Files == nil {
		out.Files = map[string]bool{}
	}
	for lang, docs := range d.Edited {
		out.Edited[lang] = slices.Clone(docs)
	}
	for _, p := range pages {
		pd := doc(p)
		docs := out.Edited[p.Lang]
		if i := slices.IndexFunc(docs, func(o search.Doc) bool { return o.URL == pd.URL }); i >= 0 {
			docs[i] = pd
		} else {
			docs = append(docs, pd)
		}
		out.Edited[p.Lang], out.Files[p.File] = docs, true
	}
	return out
}

// searchable returns the pages that go into the search index (a page
// left out of it is not in the base either, and stays out of the delta).
func (bd *build) searchable(pages []*page.Page) []*page.Page {
	var out []*page.Page
	for _, p := range pages {
		if p.InSearch(bd.today()) {
			out = append(out, p)
		}
	}
	return out
}

// PendingSearch is the search update of a rebuild that deferred it
// (Options.DeferSearch): the delta of one language, safe to build on
// another goroutine while the Builder goes on.
type PendingSearch struct {
	Dir  string       // output folder, such as "search/" or "es/search/"
	Docs []search.Doc // every page edited since the last full build
	lang string
	base *search.Base
}

// Build returns the files of the delta: the delta segment and a manifest
// naming it, with paths that include Dir. Every PendingSearch carries all
// the edits since the full build, so a newer one replaces an older one
// (MergePending).
func (p PendingSearch) Build() (map[string][]byte, error) {
	files, err := p.base.Delta(p.Docs)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]byte, len(files))
	for _, f := range files {
		out[p.Dir+f.Path] = f.Data
	}
	return out, nil
}

// MergePending returns the pending updates of a newer rebuild with those of
// an older list that was never built and that the newer one does not
// replace (another language's).
func MergePending(older, newer []PendingSearch) []PendingSearch {
	out := slices.Clone(newer)
	for _, o := range older {
		if !slices.ContainsFunc(out, func(n PendingSearch) bool { return n.Dir == o.Dir }) {
			out = append(out, o)
		}
	}
	return out
}

// pendingSearch returns the delta of every language that has edited pages
// (not only the languages of this rebuild's pages: a deferred update
// replaces every delta it was given).
func (bd *build) pendingSearch(d searchDelta) ([]PendingSearch, error) {
	if bd.cfg.Search.Disabled {
		return nil, nil
	}
	var out []PendingSearch
	for _, ls := range bd.site.Langs {
		code := ls.Language.Code
		if len(d.Edited[code]) == 0 {
			continue
		}
		base := bd.searchBase[code]
		if base == nil {
			return nil, errNeedsFullBuild
		}
		out = append(out, PendingSearch{Dir: strings.TrimPrefix(ls.Search.RelPermalink, "/"), Docs: d.Edited[code], lang: code, base: base})
	}
	return out, nil
}

// writeSearch builds the pending deltas now, writes them with write and
// removes each language's previous delta file with remove, recording the
// new paths in d.
func (bd *build) writeDeltas(pending []PendingSearch, d *searchDelta, write func(string, []byte) error, remove func(string) error) error {
	for _, p := range pending {
		files, err := p.Build()
		if errors.Is(err, search.ErrNeedsFullBuild) {
			return errNeedsFullBuild
		}
		if err != nil {
			return &diag.Diagnostic{File: "(search index " + p.lang + ")", Severity: diag.Error, Message: err.Error()}
		}
		var delta string
		for _, name := range slices.Sorted(maps.Keys(files)) {
			if err := write(name, files[name]); err != nil {
				return err
			}
			bd.res.SearchShards++
			if name != p.Dir+"manifest.json" {
				delta = name
			}
		}
		if old := d.Deltas[p.lang]; old != "" && old != delta {
			if err := remove(old); err != nil {
				return err
			}
		}
		d.Deltas[p.lang] = delta
	}
	return nil
}
