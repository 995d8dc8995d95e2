package site

import (
	"context"
	"strings"
	"time"

	"github.com/medkb/medkb/internal/assemble"
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/feedset"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/search"
)

// today is the date the checks use for "review overdue", and the date
// that decides expiry (page.Page.Listed): the clock, or today: in
// medkb.yaml.
func (bd *build) today() time.Time { return assemble.Today(bd.cfg, bd.b.opts.Now) }

// renderToday is the date pages use to show the overdue notice at build
// time. Output depends on the clock only through expiry: it is zero
// unless medkb.yaml sets today:, and /js/site.js shows the notice in the
// browser once the page's next review date has passed, so a page built
// long ago still warns.
func (bd *build) renderToday() time.Time {
	if bd.cfg.Today == "" {
		return time.Time{}
	}
	return assemble.Today(bd.cfg, bd.b.opts.Now)
}

// writeFeeds writes the site, section and tag feeds of every language
// (package feedset).
func (bd *build) writeFeeds() error { return bd.writeFeedsOf(nil) }

// writeFeedsOf writes the feeds that list any of the touched pages within
// their window, or every feed when touched is nil.
func (bd *build) writeFeedsOf(touched map[*page.Page]bool) error {
	warns, err := feedset.Write(bd.feedSite(), touched)
	bd.addDiags(warns...)
	return err
}

func (bd *build) feedSite() feedset.Site {
	return feedset.Site{Config: bd.cfg, Site: bd.site, Theme: bd.theme, Now: bd.b.opts.Now, Today: bd.today(),
		HasStatic: func(rel string) bool { _, ok := bd.static[rel]; return ok },
		ImageSize: bd.imageSize, Card: bd.card, Write: bd.write}
}

// writeSearch writes the browser modules and one search index per
// language under /LANG/search/.
func (bd *build) writeSearch() error {
	if bd.cfg.Search.Disabled {
		return nil
	}
	for _, a := range search.Assets() {
		if err := bd.write("search/"+a.Path, "(search assets)", a.Data); err != nil {
			return err
		}
	}
	in := bd.searchInput()
	for _, ls := range bd.site.Langs {
		sl := in.Langs[ls.Language.Code]
		base := sl.Options.BasePath
		ix, err := cancellable(bd.ctx, func() (*search.Incremental, error) { return search.NewIncremental(sl.Docs, sl.Options) })
		if err != nil {
			return &diag.Diagnostic{File: "(search index " + ls.Language.Code + ")", Severity: diag.Error, Message: err.Error()}
		}
		files, stats := ix.Files(), ix.Stats()
		// Kept for the deltas of later rebuilds (and in the build state).
		bd.mu.Lock()
		if bd.searchBase == nil {
			bd.searchBase = map[string]*search.Base{}
		}
		bd.searchBase[ls.Language.Code] = ix.Base()
		bd.mu.Unlock()
		bd.mu.Lock()
		bd.res.SearchBytes += stats.Bytes
		bd.mu.Unlock()
		dir := strings.TrimPrefix(base, "/")
		for _, f := range files {
			if err := bd.write(dir+f.Path, "(search index)", f.Data); err != nil {
				return err
			}
		}
	}
	return nil
}

// searchPaths returns the fixed names among the search files: the browser
// modules and each language's manifest. The checks, which run alongside the
// search phase, count them as link targets before they are written; the
// other search files have content-hashed names no page can link to.
func (bd *build) searchPaths() []string {
	if bd.cfg.Search.Disabled {
		return nil
	}
	var out []string
	for _, a := range search.Assets() {
		out = append(out, "search/"+a.Path)
	}
	for _, ls := range bd.site.Langs {
		out = append(out, strings.TrimPrefix(ls.Search.RelPermalink, "/")+"manifest.json")
	}
	return out
}

// SearchLang is the search input of one language.
type SearchLang struct {
	Docs    []search.Doc
	Options search.Options
}

// SearchInput is what the search index of every language is built from.
type SearchInput struct {
	DefaultLang string
	Langs       map[string]SearchLang
}

// SearchInput runs the build up to Markdown rendering, writing nothing, and
// returns the search documents and options per language (for the terminal
// search command's bleve index).
func (b *Builder) SearchInput(ctx context.Context) (*SearchInput, error) {
	bd := newBuild(b, ctx, nil)
	if err := bd.run(bd.phasesThrough("markdown")); err != nil {
		return nil, err
	}
	return bd.searchInput(), nil
}

// searchDoc is what the search index holds of an article, with the names
// of the conditions it is about.
func searchDoc(p *page.Page) search.Doc {
	d := search.Doc{URL: p.RelPermalink, Title: p.Meta.Title, Section: p.Section, Summary: p.Summary(),
		Audience: p.Meta.Audience, Lang: p.Lang, Tags: p.Meta.Tags, Glossary: p.Glossary, Body: p.Plain, Date: p.Meta.Date.Time}
	for _, c := range p.Meta.About {
		if c.Name != "" {
			d.About = append(d.About, c.Name)
		}
	}
	if p.Parent != nil {
		d.SectionTitle = p.Parent.Meta.Title
	}
	for _, h := range p.TOC {
		d.Headings = append(d.Headings, h.Text)
	}
	return d
}

// searchDoc is searchDoc with the site's knowledge: the trust pages
// (about, policies, contact) rank below patient pages.
func (bd *build) searchDoc(p *page.Page) search.Doc {
	d := searchDoc(p)
	for _, u := range bd.cfg.TrustPages.Map() {
		if u == p.RelPermalink {
			d.Secondary = true
		}
	}
	return d
}

func (bd *build) searchInput() *SearchInput {
	out := &SearchInput{DefaultLang: bd.cfg.DefaultLanguage().Code, Langs: map[string]SearchLang{}}
	for _, ls := range bd.site.Langs {
		docs := make([]search.Doc, 0, len(ls.Articles))
		for _, p := range ls.Articles {
			if p.InSearch(bd.today()) {
				docs = append(docs, bd.searchDoc(p))
			}
		}
		groups := append([][]string(nil), bd.data.synonyms.Groups...)
		if ls.Language.Code == out.DefaultLang {
			for _, g := range bd.data.glossary {
				if len(g.Synonyms) > 0 {
					groups = append(groups, append([]string{g.Term}, g.Synonyms...))
				}
			}
		}
		out.Langs[ls.Language.Code] = SearchLang{Docs: docs, Options: search.Options{Lang: ls.Language.Code,
			Synonyms: groups, RemoveSynonyms: bd.data.synonyms.Remove, BasePath: ls.Search.RelPermalink}}
	}
	return out
}

// cancellable runs fn, which cannot be interrupted (building a search index
// takes seconds on a large site and takes no context), and returns its
// result, or ctx's error as soon as ctx is done: a signal or a newer
// rebuild then need not wait for it. An abandoned fn runs to its end in
// the background and its result is dropped; it writes nothing.
func cancellable[T any](ctx context.Context, fn func() (T, error)) (T, error) {
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := fn()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}
