package site

import (
	"sort"

	"github.com/medkb/medkb/internal/check"
	"github.com/medkb/medkb/internal/checkset"
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/markdown"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/searchset"
	"github.com/medkb/medkb/internal/source"
)

// check runs the content checks over the rendered site. Errors stop the
// build (the new output is then never swapped in); warnings are reported.
func (bd *build) check() error { return bd.checkFiles(nil) }

// checkFiles runs the checks; when only is set, the diagnostics of those
// files are made anew (the caller keeps the others) and the other pages
// take part only as link targets.
func (bd *build) checkFiles(only map[string]bool) error {
	in := check.Site{BaseURL: bd.cfg.BaseURL, ConfigFile: "medkb.yaml", TrustPages: bd.cfg.TrustPages.Map(),
		Now: bd.today(), ReadabilityTarget: bd.cfg.ReadabilityTarget, SourceMaxAge: bd.cfg.SourceMaxAge.Years,
		AllowIdentifiers: bd.cfg.Identifiers.Allow, ExternalPaths: bd.cfg.Links.ExternalPaths, Levels: checkset.Levels(bd.cfg.Check)}
	if in.SourceMaxAge == 0 {
		in.SourceMaxAge = 5
	}
	in.Disclaimer = bd.cfg.Disclaimer
	for _, l := range bd.cfg.Languages {
		local := bd.cfg.In(l.Code)
		in.Languages = append(in.Languages, check.Language{Code: l.Code, Name: l.Name, Line: bd.cfg.Lines["languages."+l.Code],
			Default: l.Default, OwnDisclaimer: local.OwnDisclaimer})
		if own := l.TrustPages.Map(); len(own) > 0 {
			if in.LangTrustPages == nil {
				in.LangTrustPages = map[string]map[string]string{}
			}
			in.LangTrustPages[l.Code] = own
		}
	}
	if only == nil || bd.linkFiles == nil {
		files := map[string]bool{}
		for _, p := range bd.written.Paths() {
			files["/"+p] = true
		}
		for _, p := range searchset.Paths(bd.cfg, bd.site) {
			files["/"+p] = true
		}
		bd.linkFiles = check.IndexFiles(files)
	}
	in.Files, in.FilesIndexed = bd.linkFiles, true
	sources := bd.sources(only)
	targets := checkset.Targets(bd.allPages(), only)
	for _, ls := range bd.site.Langs {
		for _, group := range []struct {
			pages []*page.Page
			draft bool
		}{{ls.Pages, false}, {ls.Drafts, true}} {
			for _, p := range group.pages {
				if p.File == "" {
					continue
				}
				if only != nil && !only[p.File] {
					// Unchanged: only a page the changed ones link to
					// matters, as a link target, from the last check.
					if !targets[p.RelPermalink] {
						continue
					}
					if cp, ok := bd.checked.Get(p.File); ok {
						in.Pages = append(in.Pages, check.Page{File: cp.File, URL: cp.URL, Lang: cp.Lang, Title: cp.Title, IDs: cp.IDs,
							FooterLinks: cp.FooterLinks, Draft: cp.Draft, Withdrawn: cp.Withdrawn, ReplacedBy: cp.ReplacedBy})
						continue
					}
					sources = bd.sources(nil)
				}
				in.Pages = append(in.Pages, bd.checkPage(p, sources[p.File], group.draft))
			}
		}
	}
	sort.Slice(in.Pages, func(i, j int) bool { return in.Pages[i].File < in.Pages[j].File })
	if only == nil {
		bd.res.CheckOverrides = check.Overrides(in)
		checked := make(map[string]check.Page, len(in.Pages))
		for _, cp := range in.Pages {
			checked[cp.File] = cp
		}
		bd.checked = checkset.NewView(checked)
		if err := bd.makeReport(bd.sink); err != nil {
			return err
		}
	}
	for _, d := range check.Run(in) {
		if only != nil && !only[d.File] {
			continue
		}
		bd.addDiags(diag.Diagnostic{File: d.File, Line: d.Line, Col: d.Col, Severity: diag.Severity(d.Severity),
			Check: d.Check, Message: d.Message, Hint: d.Hint})
	}
	return nil
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
	var src []byte
	if f != nil {
		src = f.Data
	}
	return checkset.Page(p, src, draft, bd.facts, bd.checked)
}

// withLinkers returns files and the source files of the pages that link to
// a page of files, whose checks an edit to files must run again.
func (bd *build) withLinkers(files map[string]bool) map[string]bool {
	if bd.links == nil {
		bd.links = checkset.NewLinks(bd.allPages())
	}
	return bd.links.Linkers(bd.allPages(), files)
}

// isCheckDiag reports whether d came from the content checks (check.Run),
// rather than from reading, assembling or rendering Markdown.
func isCheckDiag(d diag.Diagnostic) bool {
	return d.Check != "" && d.Check != "markdown" && !markdown.IsRule(d.Check)
}
