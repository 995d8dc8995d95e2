// Package searchset is what a site's search indexes hold and how they are
// written: the documents of each language's index made from the site
// graph (Docs), the full index files of a build (Write), and the one way
// an incremental rebuild — the dev server's or the command line's patch —
// updates them, a delta beside the last full build's index (delta.go).
// Package search owns the index format and the query engine; this package
// decides which pages go in and what each document says of its page.
//
// It reads no files and keeps no state between calls: outputs go out
// through a write callback. A Delta is a value: With returns a new one and
// never changes its receiver, so a rebuild that fails leaves the last
// snapshot's delta as it was. Safe for concurrent use.
package searchset

import (
	"context"
	"fmt"
	"github.com/medkb/medkb/internal/basepath"
	"strings"
	"sync"
	"time"

	"github.com/medkb/medkb/internal/assemble"
	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/search"
)

// Lang is the search input of one language.
type Lang struct {
	Docs    []search.Doc
	Options search.Options
	// read holds the first failure to read back a document's body
	// (page.Page.Text), which fails the index.
	read *readErr
}

// readErr is the first error of the bodies an index read.
type readErr struct {
	mu    sync.Mutex
	first error
}

func (r *readErr) set(err error) {
	r.mu.Lock()
	if r.first == nil {
		r.first = err
	}
	r.mu.Unlock()
}

func (r *readErr) get() error {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.first
}

// lazyBody has the index read p's body when it needs it (search.Doc.Text)
// rather than every page's at once. The index keeps sentences of the
// pages it ranks highest only as copies (search's ownStrings), so the
// text, which a build reads back into a string of its own
// (page.Page.Plain), is not copied again here.
func lazyBody(d *search.Doc, p *page.Page, errs *readErr) {
	d.Text = func() string {
		plain, err := p.Plain()
		if err != nil {
			errs.set(fmt.Errorf("%s: %w", p.File, err))
		}
		return plain
	}
}

// Input is what the search index of every language is built from.
type Input struct {
	DefaultLang string
	Langs       map[string]Lang
	// Drafts counts the draft pages the build left out, which no index
	// holds (the terminal search says so when it finds nothing).
	Drafts int
	// LeftOut counts the pages the build left out because their file
	// could not be read or its front matter has errors (the terminal
	// search, which runs in spite of them, says so).
	LeftOut int
}

// Data is what data/ adds to the indexes: synonym groups (data/synonyms)
// and the glossary, whose terms and synonyms search as one.
type Data struct {
	Synonyms, Remove [][]string
	Glossary         []page.GlossaryTerm
}

// Docs returns the documents and options of every language's index: the
// articles in search on today (page.InSearch), each index holding in
// memory what the build's memory budget (bytes) allows it
// (config.Config.SearchMemory).
func Docs(cfg *config.Config, site *assemble.Site, today time.Time, data Data, budget int64) *Input {
	def := cfg.DefaultLanguage()
	out := &Input{DefaultLang: def.Code, Langs: map[string]Lang{}}
	// Every other language's index falls back to the default language's
	// (search.Options.Fallback): few results offer its pages, labelled.
	var fallback search.Fallback
	for _, ls := range site.Langs {
		if ls.Language.Code == def.Code {
			fallback = search.Fallback{BasePath: basepath.Prefix(cfg.BasePath(), ls.Search.RelPermalink), Lang: def.Code, Name: def.Name}
		}
	}
	for _, ls := range site.Langs {
		docs := make([]search.Doc, 0, len(ls.Articles))
		errs := &readErr{}
		for _, p := range ls.Articles {
			if p.InSearch(today) {
				d := Doc(cfg, p)
				lazyBody(&d, p, errs)
				docs = append(docs, d)
			}
		}
		groups := append([][]string(nil), data.Synonyms...)
		if ls.Language.Code == out.DefaultLang {
			for _, g := range data.Glossary {
				if len(g.Synonyms) > 0 {
					groups = append(groups, append([]string{g.Term}, g.Synonyms...))
				}
			}
		}
		opts := search.Options{Lang: ls.Language.Code, Synonyms: groups, RemoveSynonyms: data.Remove,
			BasePath: basepath.Prefix(cfg.BasePath(), ls.Search.RelPermalink), MemoryBudget: cfg.SearchMemory(budget)}
		if ls.Language.Code != def.Code {
			opts.Fallback = fallback
		}
		out.Langs[ls.Language.Code] = Lang{Docs: docs, Options: opts, read: errs}
	}
	return out
}

// Doc is what the search index holds of an article, with the names of the
// conditions it is about, but not its body (Body or Text), which the
// caller adds. Its URL is the address the search page opens: the page's,
// under the site's base path (package basepath). The trust pages (about, policies, contact) rank below
// patient pages.
func Doc(cfg *config.Config, p *page.Page) search.Doc {
	d := search.Doc{URL: basepath.Prefix(cfg.BasePath(), p.RelPermalink), Title: p.Meta.Title, Section: p.Section, Summary: p.Summary(),
		Audience: p.Meta.Audience, Lang: p.Lang, Tags: p.Meta.Tags, Glossary: p.Glossary, Date: p.Meta.Date.Time,
		Reviewed: p.Meta.LastReviewed.Time}
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
	for _, u := range cfg.In(p.Lang).TrustPages.Map() {
		if u == p.RelPermalink {
			d.Secondary = true
		}
	}
	return d
}

// Paths returns the fixed names among the search files: the UI module and
// each language's manifest and search module. The checks, which run alongside
// the search phase, count them as link targets before they are written;
// the other search files have content-hashed names no page can link to.
func Paths(cfg *config.Config, site *assemble.Site) []string {
	if cfg.Search.Disabled {
		return nil
	}
	var out []string
	for _, a := range search.Assets() {
		out = append(out, "search/"+a.Path)
	}
	for _, ls := range site.Langs {
		dir := strings.TrimPrefix(ls.Search.RelPermalink, "/")
		out = append(out, dir+"manifest.json", dir+"search.js")
	}
	return out
}

// Written is what Write made: each language's base, which later deltas
// extend, and the bytes of the index files.
type Written struct {
	Bases map[string]*search.Base
	Bytes int64
}

// Write writes the UI module (/search/search-ui.js) and one search index
// per language under /LANG/search/, in the order of site's languages, each
// with its search module (search.js, the manifest written in).
func Write(ctx context.Context, cfg *config.Config, site *assemble.Site, in *Input, write func(path, by string, data []byte) error) (Written, error) {
	var out Written
	if cfg.Search.Disabled {
		return out, nil
	}
	out.Bases = map[string]*search.Base{}
	for _, a := range search.Assets() {
		if err := write("search/"+a.Path, "(search assets)", a.Data); err != nil {
			return out, err
		}
	}
	for _, ls := range site.Langs {
		sl := in.Langs[ls.Language.Code]
		dir := strings.TrimPrefix(ls.Search.RelPermalink, "/") // BasePath has the site's base path
		// Each file is written as the index makes it (search.Write keeps
		// none); once this call has given up on a cancelled build, no
		// more are.
		var mu sync.Mutex
		abandoned := false
		var writeErr error
		emit := func(f search.File) error {
			mu.Lock()
			defer mu.Unlock()
			if abandoned {
				return context.Canceled
			}
			writeErr = write(dir+f.Path, "(search index)", f.Data)
			if m, ok := search.ModuleBeside(f); ok && writeErr == nil {
				writeErr = write(dir+m.Path, "(search assets)", m.Data)
			}
			return writeErr
		}
		type built struct {
			base  *search.Base
			stats search.Stats
		}
		b, err := cancellable(ctx, func() (built, error) {
			base, st, err := search.Write(sl.Docs, sl.Options, emit)
			return built{base, st}, err
		})
		mu.Lock()
		abandoned = abandoned || ctx.Err() != nil
		failed := writeErr
		mu.Unlock()
		if failed != nil || ctx.Err() != nil && err != nil {
			return out, err // a write failed (its error as it came), or the build was cancelled
		}
		if err == nil {
			err = sl.read.get()
		}
		if err != nil {
			return out, &diag.Diagnostic{File: "(search index " + ls.Language.Code + ")", Severity: diag.Error, Message: err.Error()}
		}
		out.Bases[ls.Language.Code] = b.base
		out.Bytes += b.stats.Bytes
	}
	return out, nil
}

// cancellable runs fn, which cannot be interrupted (building a search index
// takes seconds on a large site and takes no context), and returns its
// result, or ctx's error as soon as ctx is done: a signal or a newer
// rebuild then need not wait for it. An abandoned fn runs to its end in
// the background and its result is dropped (Write refuses its files).
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
