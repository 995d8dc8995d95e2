package site

import (
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/medkb/medkb/internal/assemble"
	"github.com/medkb/medkb/internal/buildcache"
	"github.com/medkb/medkb/internal/check"
	"github.com/medkb/medkb/internal/check/phi"
	"github.com/medkb/medkb/internal/checkset"
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/frontmatter"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/parallel"
	"github.com/medkb/medkb/internal/render"
	"github.com/medkb/medkb/internal/sitedata"
	"github.com/medkb/medkb/internal/source"
	"github.com/medkb/medkb/internal/staticset"
	"github.com/medkb/medkb/internal/theme"
	"github.com/medkb/medkb/themes"
)

func (bd *build) parse() error {
	bd.parsed = make([]assemble.Parsed, len(bd.files))
	errs := make([]error, len(bd.files))
	found := make([][]phi.Finding, len(bd.files))
	// drafts are the files refused whose front matter still says draft:
	// true, while the build leaves drafts out (draftLeftOut).
	drafts := make([]bool, len(bd.files))
	bd.held = make([]func(), len(bd.files))
	bd.b.parsed.Load()    // nil without a cache folder
	var held atomic.Int64 // body bytes held for the Markdown phase (releaseFile)
	_ = parallel.For(bd.ctx, len(bd.files), 0, func(_, i int) error {
		f := bd.files[i]
		if pf, ids, ok := bd.parsedUnread(f); ok {
			bd.parsed[i], found[i] = pf, ids
			return nil
		}
		if errs[i] = f.Load(bd.b.opts.Source); errs[i] != nil {
			return nil
		}
		fm, body, err := buildcache.Parse(bd.b.parsed, f.Hash, f.Data, func() (page.Meta, []byte, int, error) {
			r, err := frontmatter.Parse(f.Path, f.Data)
			return r.Meta, r.Body, r.BodyLine, err
		})
		bd.parsed[i], found[i], errs[i] = assemble.Parsed{File: f, Meta: fm.Meta, Body: body, BodyLine: fm.BodyLine}, fm.Identifiers, err
		if drafts[i] = err != nil && !bd.b.opts.Drafts && frontmatter.Draft(f.Data); drafts[i] {
			found[i] = phi.Scan(f.Data) // the page checks will not see it
		}
		bd.held[i] = bd.releaseFile(&bd.parsed[i], &held)
		return nil
	})
	bd.scans = make(map[*source.File][]phi.Finding, len(bd.files))
	kept := bd.parsed[:0]
	for i, e := range errs {
		if e == nil {
			bd.scans[bd.files[i]] = found[i]
			kept = append(kept, bd.parsed[i])
			continue
		}
		ds := leftOut(bd.files[i].Path, diag.From(e))
		if drafts[i] {
			bd.addDiags(draftLeftOut(ds)...)
			for _, d := range check.Identifiers(bd.files[i].Path, found[i], bd.cfg.Identifiers.Allow, checkset.Levels(bd.cfg.Check)) {
				bd.addDiags(diag.Diagnostic{File: d.File, Line: d.Line, Col: d.Col, Severity: diag.Severity(d.Severity), Check: d.Check, Message: d.Message, Hint: d.Hint})
			}
			continue
		}
		bd.addDiags(ds...)
		bd.unparsed = append(bd.unparsed, assemble.OutputPath(assemble.DefaultURL(bd.cfg, bd.files[i])))
	}
	// A file that could not be read or parsed is left out of the site,
	// and the build goes on: every other file's problems are reported in
	// the same run (the build fails at its end, for this file's errors).
	clear(bd.parsed[len(kept):])
	bd.parsed = kept
	return nil
}

// leftOut returns the diagnostics of a content file that could not be read
// or parsed, each naming the file, the first saying once that its page is
// left out of the rest of the run: its other checks do not run. Links to
// its address from other pages are not reported (snap.unparsed).
func leftOut(file string, ds diag.List) diag.List {
	ds = slices.Clone(ds)
	for i := range ds {
		if ds[i].File == "" {
			ds[i].File = file
		}
	}
	if len(ds) > 0 {
		note := "until it is fixed, the page is left out of this run: its links, images, readability and other checks did not run"
		if ds[0].Hint == "" {
			ds[0].Hint = note
		} else {
			ds[0].Hint += "; " + note
		}
	}
	return ds
}

// draftLeftOut returns ds, the errors of a draft's front matter that
// Parse refused (a key the schema does not know, a bad date, a key
// written twice, YAML that does not parse) while the build leaves drafts
// out, as warnings (check.DraftHint): the draft is not published, and
// its errors are its own, as assemble's of a draft are (draftErrors).
// Its patient identifiers are errors still: parse scans the file, as
// the page checks, which leave it out, would have (check.Identifiers).
// frontmatter.Draft decides that the file is a draft from the front
// matter's draft: true, read even when the rest does not parse. Its
// address is not among bd.unparsed: a published page's link to it is
// reported, as a link to a draft is.
func draftLeftOut(ds diag.List) diag.List {
	for i := range ds {
		ds[i].Severity = diag.Warning
		ds[i].Hint = strings.TrimSpace(ds[i].Hint + " " + check.DraftHint)
	}
	return ds
}

// parsedUnread returns f parsed without reading it, and the identifier
// scan of its bytes, when the caller fingerprinted f just before the
// build (known: its hash from the stat cache, as buildcache.HashInputs
// trusts it) and the front matter cache holds that version: the body is
// then read only if its rendering is not cached either
// (page.Page.MarkdownID). The files a patch edits are always read.
func (bd *build) parsedUnread(f *source.File) (assemble.Parsed, []phi.Finding, bool) {
	sum, ok := bd.known[f.Path]
	if !ok || bd.b.parsed == nil || bd.relatedOnly[f.Path] {
		return assemble.Parsed{}, nil, false
	}
	e, ok := bd.b.parsed.Get(sum)
	if !ok || e.MetaKey.IsZero() {
		return assemble.Parsed{}, nil, false
	}
	f.Assume(sum, e.MetaKey)
	return assemble.Parsed{File: f, Meta: e.Meta, BodyLine: e.BodyLine, Markdown: f.TailFrom(bd.b.opts.Source, e.Skip)}, e.Identifiers, true
}

func (bd *build) loadData() (err error) {
	bd.data, err = sitedata.Load(bd.b.opts.Source)
	bd.addDiags(bd.data.Warnings...)
	return err
}

func (bd *build) assemble() error {
	bd.frontMatterPaths() // before the pages' addresses are decided
	s, err := assemble.Assemble(assemble.Input{Config: bd.cfg, Files: bd.parsed, Authors: bd.data.Authors, Drafts: bd.b.opts.Drafts, Today: assemble.Today(bd.cfg, bd.b.opts.Now),
		RelatedOnly: bd.relatedOnly})
	if s == nil {
		return err
	}
	// The site's errors leave out what they are about (Assemble): the
	// build goes on, so one run reports the other pages' problems too,
	// and fails at its end.
	bd.addDiags(diag.From(err)...)
	bd.addDiags(draftErrors(s)...)
	bd.site, bd.pageURLs = s, sync.OnceValue(s.URLs)
	bd.addDiags(s.Warnings...)
	for _, ls := range s.Langs {
		bd.res.Pages += len(ls.Pages)
		bd.res.Articles += len(ls.Articles)
		bd.res.Sections += len(ls.Sections)
		bd.res.Tags += len(ls.Tags)
		bd.res.Aliases += len(ls.Aliases)
	}
	return nil
}

// themeLayers returns the theme's files then the site's overrides, as the
// site layout (package source) places them.
func (bd *build) themeLayers() []theme.Layer {
	var layers []theme.Layer
	for _, l := range source.ThemeLayers(bd.b.opts.Source, bd.cfg.Theme) {
		layers = append(layers, theme.Layer{Name: l.Name, FS: l.FS})
	}
	return layers
}

// defaultKeys are the UI strings of the embedded default theme, which
// medkb's own code may show whatever the site's theme (theme.StrayStrings).
var defaultKeys = sync.OnceValues(func() (map[string]bool, error) { return theme.Keys(themes.Default()) })

func (bd *build) loadTheme() error {
	set, err := theme.LoadTyped(bd.themeLayers(), bd.cfg.Codes(), bd.cfg.DefaultLanguage().Code, render.Funcs(), reflect.TypeFor[*render.Data]())
	if err != nil {
		return err
	}
	bd.theme = set
	bd.addDiags(set.Unused(render.GoPartials...)...)
	known, err := defaultKeys()
	if err != nil {
		return err
	}
	bd.addDiags(set.StrayStrings(known)...)
	bd.addDiags(set.StringWarnings()...)
	bd.static, err = staticset.Index(bd.b.opts.Source, bd.cfg.Theme, bd.cfg.Ignore, bd.b.opts.CacheDir)
	return err
}

// draftErrors returns as warnings (check.DraftHint) the errors of their
// own that the drafts left out would have once published, which a build
// with drafts (medkb serve, medkb build --drafts) stops on: a draft
// without a title, an unknown author id, an invalid url:, a translation
// another file claims, a withdrawal without a reason
// (assemble.Site.DraftErrors); its front matter's are draftLeftOut's. A build without
// --drafts leaves its drafts out before they are asked for a title, so
// these were said only by medkb check --drafts, or by the build after
// draft: true came off: an imported site, every page a draft, checked
// clean and then failed to build. Drafts are checked like published
// pages, their errors warnings. Assemble finds them, and a draft's
// clashes with other pages' addresses (Site.Warnings), in the one
// assembly: the drafts alone are claimed and grouped against the
// published pages (a second assembly of the whole site with its drafts
// cost as much again as the first; BenchmarkAssembleDrafts).
func draftErrors(s *assemble.Site) diag.List {
	out := make(diag.List, 0, len(s.DraftErrors))
	for _, d := range s.DraftErrors {
		d.Severity = diag.Warning
		d.Hint = strings.TrimSpace(d.Hint + " " + check.DraftHint)
		out = append(out, d)
	}
	return out
}
