package checkset

import (
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/medkb/medkb/internal/assemble"
	"github.com/medkb/medkb/internal/check"
	"github.com/medkb/medkb/internal/check/phi"
	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/markdown"
	"github.com/medkb/medkb/internal/page"
)

// Input is what a check run of a built site reads.
type Input struct {
	Config *config.Config
	Site   *assemble.Site
	Today  time.Time
	// Source returns what reads a content file's bytes, by path (nil for
	// none; see check.Page.Source).
	Source func(file string) func() []byte
	// Identifiers, when set, returns the identifier scan of a content
	// file's bytes the build made when it read them (see
	// check.Page.Identifiers); false: the checks read the file and scan it.
	Identifiers func(file string) ([]phi.Finding, bool)
	Facts       *Facts
	// Files are the published paths as check.IndexFiles made them.
	Files map[string]bool
	// Last is the view of the last check, nil before the first.
	Last *View
	// Only, when set, limits the run to the pages of those files: their
	// diagnostics are made anew, and the other pages take part only as
	// link targets (from Last) of theirs.
	Only map[string]bool
	// PageURLs holds the address of every page the build renders, the
	// set its renderers localize the menu against (check.Site.PageURLs).
	PageURLs map[string]bool
	// Drafts says the build publishes drafts (check.Site.DraftsBuilt).
	Drafts bool
	// ContentFiles are the files of content/ the build publishes as they
	// are, for the unlinked-file check; Mentioned, which of them (output
	// paths) the site's layouts and static files name (see
	// check.Unlinked).
	ContentFiles []check.ContentFile
	Mentioned    func(rels []string) map[string]bool
}

// Checked is what a run found.
type Checked struct {
	Diagnostics diag.List
	// View is every page's view, for a full run (Only nil); else nil.
	View *View
	// Overrides are the check settings, medkb.yaml's then the pages', for
	// a full run.
	Overrides []check.Override
}

// Run runs the content checks (check.Run) over the site.
func Run(in Input) Checked {
	cfg := in.Config
	site := check.Site{BaseURL: cfg.BaseURL, DraftsBuilt: in.Drafts, ConfigFile: config.FileName, TrustPages: cfg.TrustPages.Map(), PageURLs: in.PageURLs,
		Now: in.Today, ReadabilityTarget: cfg.ReadabilityTarget, SourceMaxAge: cfg.SourceMaxAge.Years,
		AllowIdentifiers: cfg.Identifiers.Allow, ExternalPaths: cfg.Links.ExternalPaths, Levels: Levels(cfg.Check),
		Disclaimer: cfg.Disclaimer, Files: in.Files, FilesIndexed: true}
	if site.SourceMaxAge == 0 {
		site.SourceMaxAge = 5
	}
	for i, m := range cfg.Menu {
		site.Menu = append(site.Menu, check.MenuLink{Name: m.Name, URL: m.URL, Line: cfg.Lines["menu."+strconv.Itoa(i)]})
	}
	prefixes := map[string]string{}
	for _, ls := range in.Site.Langs {
		prefixes[ls.Language.Code] = ls.Prefix
	}
	for _, l := range cfg.Languages {
		site.Languages = append(site.Languages, check.Language{Code: l.Code, Name: l.Name, Line: cfg.Lines["languages."+l.Code], Prefix: prefixes[l.Code],
			Default: l.Default, OwnDisclaimer: cfg.In(l.Code).OwnDisclaimer})
		if own := l.TrustPages.Map(); len(own) > 0 {
			if site.LangTrustPages == nil {
				site.LangTrustPages = map[string]map[string]string{}
			}
			site.LangTrustPages[l.Code] = own
		}
	}
	var all []*page.Page
	for _, ls := range in.Site.Langs {
		all = append(all, ls.Pages...)
	}
	targets := Targets(all, in.Only)
	// The menu is on every page, so a check of some pages checks it
	// again too (Keep drops its last diagnostics), with the pages it
	// leads to.
	var menuTargets map[string]bool
	if in.Only != nil && len(site.Menu) > 0 {
		menuTargets = check.MenuTargets(site)
	}
	if in.Only == nil {
		n := 0
		for _, ls := range in.Site.Langs {
			n += len(ls.Pages) + len(ls.Drafts)
		}
		site.Pages = make([]check.Page, 0, n) // kept by the view: sized once, not grown
	}
	for _, ls := range in.Site.Langs {
		for _, group := range []struct {
			pages []*page.Page
			draft bool
		}{{ls.Pages, false}, {ls.Drafts, true}} {
			for _, p := range group.pages {
				if p.File == "" {
					continue
				}
				if in.Only != nil && !in.Only[p.File] {
					if !targets[p.RelPermalink] && !menuTargets[check.TargetKey(p.RelPermalink)] {
						continue
					}
					if cp, ok := in.Last.Get(p.File); ok {
						site.Pages = append(site.Pages, check.Page{File: cp.File, URL: cp.URL, Lang: cp.Lang, Title: cp.Title, IDs: cp.IDs,
							FooterLinks: cp.FooterLinks, Draft: cp.Draft, Withdrawn: cp.Withdrawn, ReplacedBy: cp.ReplacedBy})
						continue
					}
				}
				cp := Page(p, in.Source(p.File), group.draft, in.Facts, in.Last)
				if in.Identifiers != nil {
					cp.Identifiers, cp.Scanned = in.Identifiers(p.File)
				}
				site.Pages = append(site.Pages, cp)
			}
		}
	}
	sort.Slice(site.Pages, func(i, j int) bool { return site.Pages[i].File < site.Pages[j].File })
	var out Checked
	if in.Only == nil {
		out.Overrides = check.Overrides(site)
		// The checks only read site.Pages: the view keeps them.
		out.View = sortedView(site.Pages)
	}
	for _, d := range slices.Concat(check.Run(site), unlinked(in)) {
		if in.Only != nil && !in.Only[d.File] && !check.FromMenu(d.Message) && d.Check != check.CheckUnlinked {
			continue
		}
		out.Diagnostics = append(out.Diagnostics, diag.Diagnostic{File: d.File, Line: d.Line, Col: d.Col, Severity: diag.Severity(d.Severity),
			Check: d.Check, Message: d.Message, Hint: d.Hint})
	}
	return out
}

// Keep returns the diagnostics of the last build that a rebuild of the
// edited files carries over: all but those it makes anew, which are the
// edited pages' Markdown diagnostics (FromMarkdown) and checks' and the
// checks' of recheck (the pages linking to them), and the unlinked-file
// check's, which every run makes for the whole site. An edited page's other
// diagnostics stay: a rebuild edits bodies only, and they are about its
// front matter (the site's assembly warned about its tags; the feeds, that
// it moved without an id, which a rebuild's feeds do not say again).
func Keep(last diag.List, edited, recheck map[string]bool) diag.List {
	var out diag.List
	for _, d := range last {
		fromCheck := checkCodes[d.Check]
		remade := edited[d.File] && (FromMarkdown(d) || fromCheck) || recheck[d.File] && fromCheck || fromCheck && d.File == config.FileName && check.FromMenu(d.Message) ||
			d.Check == check.CheckUnlinked
		if !remade {
			out = append(out, d)
		}
	}
	return out
}

// FromMarkdown reports whether the Markdown renderer made d (package body
// gives each of its diagnostics its rule, or "markdown").
func FromMarkdown(d diag.Diagnostic) bool { return d.Check == "markdown" || markdown.IsRule(d.Check) }

// checkCodes are the names check.Run's diagnostics carry: its checks'
// (check.Codes) and the site-wide checks a page's front matter sets to no
// effect, which it warns of under their names (third-party's findings
// are staticset's, but that warning is check.Run's).
var checkCodes = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range slices.Concat(check.Codes(), check.SiteWideChecks) {
		m[c] = true
	}
	return m
}()
