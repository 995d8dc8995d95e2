package site

import (
	"html"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/medkb/medkb/internal/check"
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/markdown"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/source"
)

// check runs the content checks over the rendered site. Errors stop the
// build (the new output is then never swapped in); warnings are reported.
func (bd *build) check() error { return bd.checkFiles(nil) }

// checkFiles runs the checks; when only is set, the diagnostics of those
// files are made anew (the caller keeps the others) and the other pages
// take part only as link targets.
func (bd *build) checkFiles(only map[string]bool) error {
	in := check.Site{BaseURL: bd.cfg.BaseURL, ConfigFile: "medkb.yaml", Files: map[string]bool{}, TrustPages: bd.cfg.TrustPages.Map(),
		Now: bd.today(), ReadabilityTarget: bd.cfg.ReadabilityTarget, SourceMaxAge: bd.cfg.SourceMaxAge.Years,
		AllowIdentifiers: bd.cfg.Identifiers.Allow, ExternalPaths: bd.cfg.Links.ExternalPaths}
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
	bd.written.mu.Lock()
	for p := range bd.written.paths {
		in.Files["/"+p] = true
	}
	bd.written.mu.Unlock()
	for _, p := range bd.searchPaths() {
		in.Files["/"+p] = true
	}
	sources := map[string]*source.File{}
	for _, f := range bd.files {
		sources[f.Path] = f
	}
	targets := bd.linkTargets(only)
	for _, ls := range bd.site.Langs {
		for _, p := range ls.Pages {
			if p.File == "" {
				continue
			}
			if only != nil && !only[p.File] {
				// Unchanged: only a page the changed ones link to matters,
				// as a link target, from the last full check.
				if !targets[p.RelPermalink] {
					continue
				}
				if cp, ok := bd.checked[p.File]; ok {
					in.Pages = append(in.Pages, check.Page{File: cp.File, URL: cp.URL, Lang: cp.Lang, Title: cp.Title, IDs: cp.IDs, FooterLinks: cp.FooterLinks,
						Draft: cp.Draft, Withdrawn: cp.Withdrawn, ReplacedBy: cp.ReplacedBy})
					continue
				}
			}
			in.Pages = append(in.Pages, bd.checkPage(p, sources[p.File], false))
		}
		for _, p := range ls.Drafts {
			in.Pages = append(in.Pages, bd.checkPage(p, sources[p.File], true))
		}
	}
	sort.Slice(in.Pages, func(i, j int) bool { return in.Pages[i].File < in.Pages[j].File })
	if only == nil {
		bd.checked = make(map[string]check.Page, len(in.Pages))
		for _, cp := range in.Pages {
			bd.checked[cp.File] = cp
		}
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

// recordChecked refreshes the check view of edited pages: their anchors
// may have changed, and later incremental checks of other pages link to
// them.
func (bd *build) recordChecked(pages []*page.Page) {
	sources := map[string]*source.File{}
	for _, f := range bd.files {
		sources[f.Path] = f
	}
	for _, p := range pages {
		bd.checked[p.File] = bd.checkPage(p, sources[p.File], false)
	}
}

// linkTargets returns the page URLs the pages of the given files link to
// (nil when files is nil).
func (bd *build) linkTargets(files map[string]bool) map[string]bool {
	if files == nil {
		return nil
	}
	out := map[string]bool{}
	for _, p := range bd.allPages() {
		if files[p.File] {
			for _, dest := range linkDests(p) {
				out[dest] = true
			}
		}
	}
	return out
}

// withLinkers returns files and the source files of the pages that link to
// a page of files: an edit may remove an anchor they point at, so their
// checks must run again.
func (bd *build) withLinkers(files map[string]bool) map[string]bool {
	if bd.links == nil {
		bd.links = newLinkIndex(bd.allPages())
	}
	out := maps.Clone(files)
	for _, p := range bd.allPages() {
		if files[p.File] {
			for _, f := range bd.links.base[p.RelPermalink] {
				out[f] = true
			}
			for _, f := range bd.links.added[p.RelPermalink] {
				out[f] = true
			}
		}
	}
	return out
}

// linkIndex maps a site path to the source files of the pages linking to
// it, for withLinkers: scanning every page's links at each rebuild cost
// 30 ms at 10,000 articles. A rebuild shares its last snapshot's base,
// which nothing changes, and adds the links of the pages it re-rendered
// (with); a body edit changes no other page's links. A link an edit
// removed stays listed, which costs at most one check run again.
type linkIndex struct {
	base, added map[string][]string
}

func newLinkIndex(pages []*page.Page) *linkIndex {
	ix := &linkIndex{base: map[string][]string{}}
	for _, p := range pages {
		if p.File != "" {
			addLinks(ix.base, p)
		}
	}
	return ix
}

// with returns an index that also holds the current links of pages.
func (ix *linkIndex) with(pages []*page.Page) *linkIndex {
	if ix == nil {
		return nil // built when first needed, from the pages as they are then
	}
	out := &linkIndex{base: ix.base, added: make(map[string][]string, len(ix.added))}
	for dest, files := range ix.added {
		out.added[dest] = slices.Clone(files)
	}
	for _, p := range pages {
		addLinks(out.added, p)
	}
	return out
}

func addLinks(m map[string][]string, p *page.Page) {
	for _, dest := range linkDests(p) {
		if fs := m[dest]; !slices.Contains(fs, p.File) {
			m[dest] = append(fs, p.File)
		}
	}
}

// linkDests returns the site paths a page's links point at, each with and
// without its trailing slash; links elsewhere are left out.
func linkDests(p *page.Page) []string {
	var out []string
	for _, l := range p.Links {
		dest, _, _ := strings.Cut(l.Dest, "#")
		dest, _, _ = strings.Cut(dest, "?")
		if dest == "" || strings.Contains(dest, ":") {
			continue
		}
		if !strings.HasPrefix(dest, "/") {
			dest = path.Join(p.RelPermalink, dest)
		}
		dest = strings.TrimSuffix(path.Clean(dest), "/index.html")
		out = append(out, dest, strings.TrimSuffix(dest, "/")+"/")
	}
	return out
}

func (bd *build) checkPage(p *page.Page, f *source.File, draft bool) check.Page {
	cp := check.Page{File: p.File, URL: p.RelPermalink, Lang: p.Lang, Title: p.Meta.Title, TitleLine: p.Meta.Lines["title"],
		Slug: p.Meta.Slug, Draft: draft || p.Meta.Draft, Audience: p.Meta.Audience, IsArticle: p.IsArticle(),
		Date: p.Meta.Date.Time, LastReviewed: p.Meta.LastReviewed.Time, NextReview: p.NextReview, ReviewLine: p.Meta.Lines["last_reviewed"],
		ReviewedBy: p.Meta.ReviewedBy, Plain: p.Plain, Withdrawn: p.Meta.IsWithdrawn(),
		Expires: p.Meta.Expires.Time, ExpiresLine: p.Meta.Lines["expires"], Authors: p.Meta.Authors, Langs: []string{p.Lang},
		ReviewedByLine: p.Meta.Lines["reviewed_by"], Specialty: p.Meta.Specialty,
		Summary: p.Meta.Summary, SummaryLine: p.Meta.Lines["summary"]}
	if _, given := p.Meta.Lines["summary"]; !given {
		cp.Summary = "" // markdown filled in an automatic excerpt
	}
	for _, r := range p.Reviewers {
		cp.Reviewers = append(cp.Reviewers, check.Person{ID: r.ID, Name: r.Name, Specialty: r.Specialty})
	}
	for _, q := range p.Translations {
		cp.Langs = append(cp.Langs, q.Lang)
	}
	if w := p.Meta.Withdrawn; w != nil {
		cp.ReplacedBy = w.ReplacedBy
		if q := p.Replacement; q != nil {
			cp.ReplacedBy = q.RelPermalink
		}
	}
	if f != nil {
		cp.Source = f.Data
	}
	for _, r := range p.Meta.References {
		cp.References = append(cp.References, check.Reference{ID: r.ID, Year: r.Year, Line: r.Line})
	}
	for _, l := range p.Links {
		cp.Links = append(cp.Links, check.Link{Dest: l.Dest, Line: l.Line})
	}
	for _, im := range p.Images {
		cp.Images = append(cp.Images, check.Image{Src: im.Src, Alt: im.Alt, Line: im.Line})
	}
	bd.facts.mu.Lock()
	ids, rendered := bd.facts.ids[p]
	for _, id := range ids {
		cp.IDs = append(cp.IDs, html.UnescapeString(id))
	}
	cp.FooterLinks = bd.facts.footer[p]
	bd.facts.mu.Unlock()
	if last, ok := bd.checked[p.File]; !rendered && ok {
		// Not rendered by this build (a page checked again because it
		// links to an edited one): its HTML is the last build's.
		cp.IDs, cp.FooterLinks = last.IDs, last.FooterLinks
	}
	if o := p.Original; o != nil && p.IsArticle() {
		cp.Translation = &check.Translation{OriginalFile: o.File, OriginalLastmod: o.Updated(),
			OriginalLastReviewed: o.Meta.LastReviewed.Time, LastReviewed: p.Meta.LastReviewed.Time}
	}
	return cp
}

// isCheckDiag reports whether d came from the content checks (check.Run),
// rather than from reading, assembling or rendering Markdown.
func isCheckDiag(d diag.Diagnostic) bool {
	return d.Check != "" && d.Check != "markdown" && !markdown.IsRule(d.Check)
}
