package searchset

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/medkb/medkb/internal/assemble"
	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/search"
)

// An incremental rebuild updates the search index one way: a delta
// segment beside the last full build's index (search.Base.Delta;
// search.js merges the two at query time). The delta carries every page
// edited since that full build, so each rebuild replaces the last delta
// whole; past MaxDeltaDocs pages, which every query's first search
// fetches, the change is a full build, which folds them into the index.

// MaxDeltaDocs bounds the pages a search delta carries: each is fetched by
// every query's first search, so past this a full build folds them into
// the index.
const MaxDeltaDocs = 64

// ErrNeedsFullBuild says a delta cannot take the change: the caller makes
// a full build instead.
var ErrNeedsFullBuild = errors.New("the change needs a full build")

// Delta is what a snapshot's search index holds beyond the last full
// build's: per language, the documents of the pages edited since and the
// output path of the delta file that carries them. The build state saves
// it with gob.
type Delta struct {
	Edited map[string][]search.Doc // language → pages in its delta
	Deltas map[string]string       // language → the delta file's output path
	Files  map[string]bool         // the source files of the pages in the deltas
}

// Fits reports whether the delta can take the edited files too.
func (d Delta) Fits(files map[string]bool) bool {
	n := len(d.Files)
	for f := range files {
		if !d.Files[f] {
			n++
		}
	}
	return n <= MaxDeltaDocs
}

// With returns a copy of d holding the current documents of those of
// pages that are in search on today.
func (d Delta) With(cfg *config.Config, pages []*page.Page, today time.Time) (Delta, error) {
	out := Delta{Edited: map[string][]search.Doc{}, Deltas: maps.Clone(d.Deltas), Files: maps.Clone(d.Files)}
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
		if !p.InSearch(today) {
			continue // a page left out of the index is not in the base either
		}
		pd := Doc(cfg, p)
		var err error
		if pd.Body, err = p.Plain(); err != nil {
			return d, fmt.Errorf("%s: %w", p.File, err)
		}
		docs := out.Edited[p.Lang]
		if i := slices.IndexFunc(docs, func(o search.Doc) bool { return o.URL == pd.URL }); i >= 0 {
			docs[i] = pd
		} else {
			docs = append(docs, pd)
		}
		out.Edited[p.Lang], out.Files[p.File] = docs, true
	}
	return out, nil
}

// Pending is the search update of a rebuild that deferred it: the delta of
// one language, safe to build on another goroutine while the build goes on.
type Pending struct {
	Dir  string       // output folder, such as "search/" or "es/search/"
	Docs []search.Doc // every page edited since the last full build
	lang string
	base *search.Base
}

// Build returns the files of the delta: the delta segment and a manifest
// naming it, with paths that include Dir. Every Pending carries all the
// edits since the full build, so a newer one replaces an older one
// (MergePending).
func (p Pending) Build() (map[string][]byte, error) {
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
func MergePending(older, newer []Pending) []Pending {
	out := slices.Clone(newer)
	for _, o := range older {
		if !slices.ContainsFunc(out, func(n Pending) bool { return n.Dir == o.Dir }) {
			out = append(out, o)
		}
	}
	return out
}

// Pending returns the delta of every language that has edited pages (not
// only the languages of this rebuild's pages: a deferred update replaces
// every delta it was given), over bases, the last full build's indexes.
func (d Delta) Pending(cfg *config.Config, site *assemble.Site, bases map[string]*search.Base) ([]Pending, error) {
	if cfg.Search.Disabled {
		return nil, nil
	}
	var out []Pending
	for _, ls := range site.Langs {
		code := ls.Language.Code
		if len(d.Edited[code]) == 0 {
			continue
		}
		base := bases[code]
		if base == nil {
			return nil, ErrNeedsFullBuild
		}
		out = append(out, Pending{Dir: strings.TrimPrefix(ls.Search.RelPermalink, "/"), Docs: d.Edited[code], lang: code, base: base})
	}
	return out, nil
}

// WriteDeltas builds the pending deltas now, writes them with write and
// removes each language's previous delta file with remove, recording the
// new paths in d. It returns the number of files written.
func WriteDeltas(pending []Pending, d *Delta, write func(string, []byte) error, remove func(string) error) (int, error) {
	n := 0
	for _, p := range pending {
		files, err := p.Build()
		if errors.Is(err, search.ErrNeedsFullBuild) {
			return n, ErrNeedsFullBuild
		}
		if err != nil {
			return n, &diag.Diagnostic{File: "(search index " + p.lang + ")", Severity: diag.Error, Message: err.Error()}
		}
		var delta string
		for _, name := range slices.Sorted(maps.Keys(files)) {
			if err := write(name, files[name]); err != nil {
				return n, err
			}
			n++
			m, ok := search.ModuleBeside(search.File{Path: strings.TrimPrefix(name, p.Dir), Data: files[name]})
			if !ok {
				delta = name
				continue
			}
			if err := write(p.Dir+m.Path, m.Data); err != nil {
				return n, err
			}
			n++
		}
		if old := d.Deltas[p.lang]; old != "" && old != delta {
			if err := remove(old); err != nil {
				return n, err
			}
		}
		d.Deltas[p.lang] = delta
	}
	return n, nil
}
