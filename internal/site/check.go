package site

import (
	"maps"
	"sync"

	"github.com/medkb/medkb/internal/check"
	"github.com/medkb/medkb/internal/check/phi"
	"github.com/medkb/medkb/internal/checkset"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/searchset"
	"github.com/medkb/medkb/internal/source"
	"github.com/medkb/medkb/internal/staticset"
	"github.com/medkb/medkb/internal/theme"
)

// check runs the content checks over the rendered site. Errors stop the
// build (the new output is then never swapped in); warnings are reported.
func (bd *build) check() error { return bd.checkFiles(nil) }

// checkFiles runs the checks (package checkset); when only is set, the
// diagnostics of those files are made anew (the caller keeps the others)
// and the other pages take part only as link targets.
func (bd *build) checkFiles(only map[string]bool) error {
	if only == nil || bd.linkFiles == nil {
		bd.linkFiles = check.IndexPaths(bd.lastWritten, bd.written.Paths(), searchset.Paths(bd.cfg, bd.site), bd.unparsed)
	}
	sources := bd.sources(only)
	if only == nil || bd.contentFiles == nil {
		bd.contentFiles = []check.ContentFile{}
		var rels []string
		for _, f := range bd.static.ContentFiles(bd.site.AllPages(), bd.site.AllDrafts()) {
			if by, ok := bd.written.Owner(f.Rel); ok && by != "static/"+f.Rel {
				continue // not published: something else writes its path (an error says so)
			}
			bd.contentFiles = append(bd.contentFiles, check.ContentFile{File: f.File, Rel: f.Rel})
			rels = append(rels, f.Rel)
		}
		set, static := bd.theme, bd.static
		bd.mentions = sync.OnceValue(func() map[string]bool { return mentioned(set, static, rels) })
	}
	c := checkset.Run(checkset.Input{Config: bd.cfg, Site: bd.site, Today: bd.today(), Facts: bd.facts, Files: bd.linkFiles,
		ContentFiles: bd.contentFiles, Mentioned: func([]string) map[string]bool { return bd.mentions() },
		Last: bd.checked, Only: only, PageURLs: bd.pageURLSet(), Drafts: bd.b.opts.Drafts, Source: func(file string) func() []byte {
			if f := sources[file]; f != nil {
				return f.Reader(bd.b.opts.Source)
			}
			return bd.fileOf(file).Reader(bd.b.opts.Source) // a link target the last check did not see
		},
		Identifiers: func(file string) ([]phi.Finding, bool) {
			f := sources[file]
			if f == nil {
				return nil, false
			}
			ids, ok := bd.scans[f]
			return ids, ok
		}})
	if only == nil {
		bd.res.CheckOverrides, bd.checked = c.Overrides, c.View
		if err := bd.makeReport(bd.sink); err != nil {
			return err
		}
	}
	bd.addDiags(c.Diagnostics...)
	return nil
}

// mentioned reports which of rels (output paths) the site's layouts
// (set) or its static files that can hold addresses (HTML, CSS, scripts,
// XML and SVG, JSON: staticset.Files.Mentions) name, for the unlinked-file
// check: a link a template or a static page writes is a link.
func mentioned(set *theme.Set, static *staticset.Files, rels []string) map[string]bool {
	out := set.Mentions(rels)
	var rest []string
	for _, r := range rels {
		if !out[r] {
			rest = append(rest, r)
		}
	}
	if len(rest) > 0 {
		maps.Copy(out, static.Mentions(rest))
	}
	return out
}

// sources returns the source files of only, or of every page when only is
// nil, by path.
func (bd *build) sources(only map[string]bool) map[string]*source.File {
	out := map[string]*source.File{}
	for _, f := range bd.files {
		if only == nil || only[f.Path] {
			out[f.Path] = f
		}
	}
	return out
}

// recordChecked refreshes the check view of edited pages: their anchors
// may have changed, and later incremental checks of other pages link to
// them.
func (bd *build) recordChecked(pages []*page.Page) {
	files := map[string]bool{}
	for _, p := range pages {
		files[p.File] = true
	}
	sources := bd.sources(files)
	var cps []check.Page
	for _, p := range pages {
		cps = append(cps, bd.checkPage(p, sources[p.File], false))
	}
	bd.checked = bd.checked.With(cps)
}

// checkPage is the checks' view of p (package checkset).
func (bd *build) checkPage(p *page.Page, f *source.File, draft bool) check.Page {
	return checkset.Page(p, f.Reader(bd.b.opts.Source), draft, bd.facts, bd.checked)
}

// withLinkers returns files and the source files of the pages that link to
// a page of files, whose checks an edit to files must run again. A
// command-line patch runs once: it scans the pages' links. The dev server
// edits again and again: it indexes them at its first edit and updates
// the index with each (checkset.Links).
func (bd *build) withLinkers(files map[string]bool) map[string]bool {
	if bd.once {
		return checkset.Linkers(bd.site.AllPages(), files)
	}
	if bd.links == nil {
		bd.links = checkset.NewLinks(bd.site.AllPages())
	}
	return bd.links.Linkers(bd.site.AllPages(), files)
}
