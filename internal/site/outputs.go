package site

import (
	"context"
	"path/filepath"
	"time"

	"github.com/medkb/medkb/internal/assemble"
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/feedset"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/searchset"
)

// today is the date the checks use for "review overdue", and the date
// that decides expiry (page.Page.Listed): the clock, or today: in
// medkb.yaml.
func (bd *build) today() time.Time { return assemble.Today(bd.cfg, bd.b.opts.Now) }

// writeFeeds writes the site, section and tag feeds of every language
// (package feedset).
func (bd *build) writeFeeds() error { return bd.writeFeedsOf(nil) }

// writeFeedsOf writes the feeds that list any of the touched pages within
// their window, or every feed when touched is nil.
func (bd *build) writeFeedsOf(touched map[*page.Page]bool) error {
	s := bd.feedSite()
	if touched != nil {
		s.Last = bd.feeds // the last snapshot's, which Write only reads
	}
	warns, feeds, err := feedset.Write(s, touched)
	if bd.b.opts.Serve {
		bd.feeds = feeds // only the dev server edits a snapshot it keeps
	}
	bd.addDiags(warns...)
	return err
}

func (bd *build) feedSite() feedset.Site {
	return feedset.Site{Config: bd.cfg, Site: bd.site, Theme: bd.theme, Now: bd.b.opts.Now, Today: bd.today(),
		HasStatic: bd.static.Has, Known: bd.ownAddress,
		ImageSize: bd.imageSize, Card: bd.card, Write: bd.write, Source: bd.b.opts.Source, Dest: bd.b.opts.Dest}
}

// writeSearch writes the browser modules and one search index per
// language (package searchset), keeping each language's base for the
// deltas of later rebuilds (and the build state).
func (bd *build) writeSearch() error {
	in := bd.searchInput()
	if dir := bd.b.opts.CacheDir; dir != "" {
		// Postings past the search builder's memory budget wait on disk,
		// in the cache, never outside it (search.Options.SpillDir).
		for code, l := range in.Langs {
			l.Options.SpillDir = filepath.Join(dir, "tmp")
			in.Langs[code] = l
		}
	}
	w, err := searchset.Write(bd.ctx, bd.cfg, bd.site, in, bd.write)
	bd.mu.Lock()
	bd.searchBase = w.Bases
	bd.res.SearchBytes += w.Bytes
	bd.mu.Unlock()
	return err
}

// SearchInput is what the search index of every language is built from.
type SearchInput = searchset.Input

// SearchInput runs the build up to Markdown rendering, writing nothing, and
// returns the search documents and options per language (for the terminal
// search command). A page whose file could not be read or whose front
// matter has errors is left out of the input, as of every run, and the
// rest is returned all the same, with errs, the error diagnostics the
// build recorded and went past (those pages' and any others: the errors
// medkb build would refuse the site for); in.LeftOut counts those pages.
// err is an error that stopped the build before the input was made (the
// configuration, a theme), and in is then nil.
func (b *Builder) SearchInput(ctx context.Context) (in *SearchInput, errs diag.List, err error) {
	bd := newBuild(b, ctx, nil)
	if err := bd.run(bd.phasesThrough("markdown")); err != nil {
		return nil, nil, err
	}
	in = bd.searchInput()
	for _, ls := range bd.site.Langs {
		in.Drafts += len(ls.Drafts)
	}
	in.LeftOut = len(bd.unparsed)
	errs = bd.reported().Errors()
	errs.Sort()
	return in, errs, nil
}

func (bd *build) searchInput() *SearchInput {
	return searchset.Docs(bd.cfg, bd.site, bd.today(), searchset.Data{Synonyms: bd.data.Synonyms.Groups,
		Remove: bd.data.Synonyms.Remove, Glossary: bd.data.Glossary}, bd.memoryBudget())
}
