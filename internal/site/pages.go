package site

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/medkb/medkb/internal/basepath"

	"github.com/medkb/medkb/internal/assemble"
	"github.com/medkb/medkb/internal/body"
	"github.com/medkb/medkb/internal/bufpool"
	"github.com/medkb/medkb/internal/check"
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/feedset"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/parallel"
	"github.com/medkb/medkb/internal/render"
	"github.com/medkb/medkb/internal/sitemap"
	"github.com/medkb/medkb/internal/staticset"
	"github.com/medkb/medkb/internal/theme"
)

func (bd *build) renderer(ls *assemble.Lang) *render.Renderer {
	return &render.Renderer{Site: bd.site, Theme: bd.theme, Today: render.Today(bd.cfg, bd.b.opts.Now), Glossary: bd.data.Glossary,
		Data: bd.data.All, ImageSize: bd.imageSize, Card: bd.card, CSS: []string{"/css/site.css", "/css/highlight.css"}, URLs: bd.urls}
}

// pageURLSet returns the address of every page the build renders, which
// the renderers localize links against and the menu check with them;
// made once a site (a body edit keeps the last build's: it moves no
// page).
func (bd *build) pageURLSet() map[string]bool {
	if bd.urls == nil {
		bd.urls = map[string]bool{}
		for _, p := range bd.site.AllPages() {
			bd.urls[p.RelPermalink] = true
		}
	}
	return bd.urls
}

// prepareRenderers makes each language's page renderer and returns the
// extra data of its feeds page.
func (bd *build) prepareRenderers() map[*assemble.Lang]*render.Data {
	bd.pageURLSet()
	bd.renderers = map[*assemble.Lang]*render.Renderer{}
	feedsExtra := map[*assemble.Lang]*render.Data{}
	for _, ls := range bd.site.Langs {
		render.LocalizeTitles(ls, bd.theme)
		bd.renderers[ls] = bd.renderer(ls)
		feedsExtra[ls] = &render.Data{AllFeeds: feedset.Groups(bd.cfg, bd.theme, ls)}
	}
	return feedsExtra
}

func (bd *build) renderPages() error {
	bd.staticClashes()
	ds := bd.checkLayouts()
	if ds.Err() != nil {
		return &diag.Errs{List: ds}
	}
	bd.addDiags(ds...)
	if err := bd.renderPagesOf(bd.site.AllPages(), bd.prepareRenderers()); err != nil {
		return err
	}
	if err := bd.renderDrafts(); err != nil {
		return err
	}
	if err := bd.renderAliases(); err != nil {
		return err
	}
	if err := bd.writeRoot(); err != nil {
		return err
	}
	bd.reportDoubled()
	return nil
}

// renderAliases renders and writes every language's alias pages on all
// cores, each in a buffer of the pool, as renderPagesOf does pages. A
// site has about one alias an article (an address it had before), and
// they were rendered one after the other, each in a buffer of its own.
func (bd *build) renderAliases() error {
	type alias struct {
		ls *assemble.Lang
		a  assemble.Alias
	}
	var all []alias
	for _, ls := range bd.site.Langs {
		for _, a := range ls.Aliases {
			all = append(all, alias{ls, a})
		}
	}
	return parallel.For(bd.ctx, len(all), 0, func(_, i int) error {
		ls, a := all[i].ls, all[i].a
		buf := bufpool.Get()
		defer bufpool.Put(buf) // written (publish.Sink copies what it keeps) and reused
		if err := bd.renderers[ls].AliasTo(&buf.Buffer, ls, a); err != nil {
			return err
		}
		return bd.writeHTML(a.OutputPath, a.File, buf.Bytes())
	})
}

// checkLayouts reports, in one pass over the pages:
//   - every page whose layout front matter names a layout neither the
//     site nor its theme has, at the key's line (rendering would stop at
//     the first of them, naming the layout file it lacks and not the page
//     that asked for it). A draft's is a warning, as its other errors are
//     (check.WhileDraft), and renderDrafts leaves it out;
//   - a warning for each layout file of the site's own layer that no
//     page renders with, besides those medkb renders its own pages with
//     (medkbLayouts, which a site may make before it has such a page).
//     Hugo's folders (_default/, partials/, shortcodes/) and its
//     index.html get a hint saying where medkb looks; they were read and
//     then never used.
func (bd *build) checkLayouts() diag.List {
	var out diag.List
	used := medkbLayouts()
	pages := bd.site.AllPages()
	for i, p := range slices.Concat(pages, bd.site.AllDrafts()) {
		used[render.Layout(p)] = true
		if !bd.layoutUnknown(p) {
			continue
		}
		l := p.Meta.Layout
		d := diag.Diagnostic{File: p.File, Line: p.Meta.Lines.Of("layout"), Severity: diag.Error,
			Message: fmt.Sprintf("layout %q does not exist: neither the site nor its theme has layouts/%s.html", l, l),
			Hint:    "name one of " + strings.Join(bd.pageLayouts(), ", ") + ", add layouts/" + l + ".html, or remove the layout key"}
		if i >= len(pages) { // a draft left out of the build
			d.Severity, d.Hint = diag.Warning, d.Hint+" "+check.DraftHint
		}
		out = append(out, d)
	}
	for name, file := range bd.theme.OwnLayouts() {
		if used[name] {
			continue
		}
		hint := "name it in a page's layout: front matter, rename it after the page kind it is for (" + strings.Join(theme.Kinds, ", ") + "), or delete it"
		switch rest, hugo := strings.CutPrefix(name, "partials/"); {
		case hugo:
			hint = "medkb's partials are in layouts/_partials/: move it to layouts/_partials/" + rest + ".html"
		case strings.HasPrefix(name, "_default/"):
			hint = "_default/ is Hugo's folder; medkb's layouts are named after page kinds, in layouts/ itself: page.html for articles, section.html, home.html, term.html, taxonomy.html, and the frame around them, baseof.html"
		case strings.HasPrefix(name, "shortcodes/"):
			hint = "medkb runs no shortcodes: write what it showed in Markdown in the pages that call it (medkb check names them)"
		case name == "index":
			hint = "medkb's home page layout is layouts/home.html"
		}
		out = append(out, diag.Diagnostic{File: file, Severity: diag.Warning,
			Message: fmt.Sprintf("layout %q is never used: no page renders with it, so this file changes no page", name), Hint: hint})
	}
	out.Sort()
	return out
}

// layoutUnknown reports whether p renders with the layout its front
// matter names and the theme has no such layout.
func (bd *build) layoutUnknown(p *page.Page) bool {
	l := p.Meta.Layout
	return l != "" && render.Layout(p) == l && !bd.theme.Has(l)
}

// medkbLayouts are the layouts medkb renders its own pages with: each page
// kind's (theme.Kinds), a person's page and a withdrawn page's tombstone.
func medkbLayouts() map[string]bool {
	m := map[string]bool{string(page.KindPerson): true, render.WithdrawnLayout: true}
	for _, k := range theme.Kinds {
		m[k] = true
	}
	return m
}

// pageLayouts are the layouts an article's front matter may name: page
// and the theme's others, not those medkb gives its own pages.
func (bd *build) pageLayouts() []string {
	own := medkbLayouts()
	own[string(page.KindPage)] = false
	var out []string
	for _, l := range bd.theme.Layouts() {
		if !own[l] {
			out = append(out, l)
		}
	}
	return out
}

// renderPagesOf renders and writes pages on all cores; feedsExtra is the
// extra data of each language's feeds page (nil: a rebuild renders none).
func (bd *build) renderPagesOf(pages []*page.Page, feedsExtra map[*assemble.Lang]*render.Data) error {
	langs := map[string]*assemble.Lang{}
	for _, ls := range bd.site.Langs {
		langs[ls.Language.Code] = ls
	}
	return parallel.For(bd.ctx, len(pages), 0, func(_, i int) error {
		p, ls := pages[i], langs[pages[i].Lang]
		var extra *render.Data
		if p.Kind == page.KindFeeds {
			extra = feedsExtra[ls]
		}
		buf := bufpool.Get()
		defer bufpool.Put(buf) // written (publish.Sink copies what it keeps) and reused
		if err := bd.renderers[ls].PageTo(&buf.Buffer, ls, p, extra); err != nil {
			return err
		}
		html := buf.Bytes()
		bd.facts.Record(p, html) // keeps copies of what it needs
		return bd.writeHTML(p.OutputPath, p.Name(), html)
	})
}

// renderDrafts renders the drafts a build leaves out, writing nothing:
// their checks read the rendered page (element ids, footer links) like a
// published page's.
func (bd *build) renderDrafts() error {
	for _, ls := range bd.site.Langs {
		r := bd.renderers[ls]
		if err := parallel.For(bd.ctx, len(ls.Drafts), 0, func(_, i int) error {
			p := ls.Drafts[i]
			if bd.layoutUnknown(p) {
				return nil // checkLayouts warned
			}
			html, err := r.Page(ls, p, nil)
			if err != nil {
				return err
			}
			bd.facts.Record(p, html)
			return nil
		}); err != nil {
			return err
		}
	}
	return nil
}

// writeRoot writes the root pages of a site whose default language lives
// under /CODE/ (render.Renderer.Root).
func (bd *build) writeRoot() error {
	index, notFound, err := bd.renderers[bd.site.Langs[0]].Root()
	if err != nil || index == nil {
		return err
	}
	if err := bd.writeHTML("index.html", "(redirect to the default language)", index); err != nil {
		return err
	}
	return bd.writeHTML("404.html", "(root 404 page)", notFound)
}

// writeHTML writes a rendered page with its site-rooted addresses served
// under the site's base path (package basepath), after the checks have
// read it as rendered: they check the addresses as written.
func (bd *build) writeHTML(path, by string, html []byte) error {
	out, doubled := basepath.Rewrite(html, bd.cfg.BasePath(), bd.ownAddress)
	if len(doubled) > 0 {
		bd.mu.Lock()
		if bd.doubled == nil {
			bd.doubled = map[string][]string{}
		}
		for _, u := range doubled {
			bd.doubled[u] = append(bd.doubled[u], by)
		}
		bd.mu.Unlock()
	}
	return bd.write(path, by, out)
}

// ownAddress reports whether the site-rooted address u (its fragment and
// query aside) names one of the site's pages or static files, which is
// what basepath.Rewrite asks of an address with the base path in it.
func (bd *build) ownAddress(u string) bool {
	p, _, _ := strings.Cut(u, "#")
	p, _, _ = strings.Cut(p, "?")
	if p == "" {
		return false
	}
	if bd.urls[p] || bd.urls[p+"/"] || bd.urls[strings.TrimSuffix(p, "index.html")] {
		return true
	}
	return bd.static != nil && bd.static.Has(strings.TrimPrefix(p, "/"))
}

// reportDoubled warns of each site-rooted address a page wrote with the
// base path already in it (/guide/conditions/ under /guide/): a layout or
// a link that wrote the path medkb adds. writeHTML left one that names a
// page or file without the path as it was written, where that page is
// served; any other it served as /guide/guide/conditions/, which does not
// exist. An address of one of the site's own pages (a section named like
// the path) is not one of them. A Markdown link is also reported, at its
// line, by the link check, and not here; this warning names the page
// for the addresses a layout wrote.
func (bd *build) reportDoubled() {
	base := bd.cfg.BasePath()
	// The addresses each page's own Markdown wrote (links, images, raw
	// HTML), which the link check reports at their lines.
	var written map[string]map[string]bool
	if len(bd.doubled) > 0 {
		written = map[string]map[string]bool{}
		for _, p := range bd.site.AllPages() {
			m := map[string]bool{}
			for _, l := range p.Links {
				m[l.Dest] = true
			}
			for _, im := range p.Images {
				m[im.Src] = true
			}
			written[p.File] = m
		}
	}
	for u, by := range bd.doubled {
		by = slices.DeleteFunc(by, func(f string) bool { return written[f][u] })
		if len(by) == 0 {
			continue
		}
		// Content files first, then medkb's own pages ("(root 404 page)").
		slices.SortFunc(by, func(a, b string) int {
			own := func(s string) int {
				if strings.HasPrefix(s, "(") {
					return 1
				}
				return 0
			}
			return cmp.Or(cmp.Compare(own(a), own(b)), cmp.Compare(a, b))
		})
		by = slices.Compact(by)
		also := ""
		if len(by) > 1 {
			also = fmt.Sprintf(" (and so do %d other pages: a layout?)", len(by)-1)
		}
		root := basepath.Strip(base, u)
		went := fmt.Sprintf("so the link goes to %s, which does not exist", basepath.Prefix(base, u))
		if bd.ownAddress(root) {
			went = fmt.Sprintf("medkb left it as written, where %s is served", root)
		}
		bd.addDiags(diag.Diagnostic{File: by[0], Severity: diag.Warning, Check: "links",
			Message: fmt.Sprintf("the page links to %s%s, which already starts with the site's path %s: medkb adds the path to every site-rooted address; %s", u, also, base, went),
			Hint:    fmt.Sprintf("write the address as on a site at the root of its host, %s (in Markdown and in layouts alike); medkb adds %s as it writes the page", root, base)})
	}
}

// staticClashes reports the static files that cannot be published
// beside the content pages and aliases (staticset.Clashes), before any
// page is written, each at the page's front matter line; copyStatic
// leaves them out.
func (bd *build) staticClashes() {
	var outs []staticset.Output
	for _, ls := range bd.site.Langs {
		for _, p := range ls.Pages {
			if p.File != "" {
				outs = append(outs, staticset.Output{Path: p.OutputPath, Address: p.RelPermalink, File: p.File, Line: assemble.PermalinkLine(p)})
			}
		}
		for _, a := range ls.Aliases {
			outs = append(outs, staticset.Output{Path: a.OutputPath, Address: a.From, File: a.File, Line: a.Line, Alias: true})
		}
	}
	ds, reported := bd.static.Clashes(outs, bd.site.AllPages(), bd.site.AllDrafts())
	bd.staticReported = reported
	bd.addDiags(ds...)
	bd.addDiags(bd.draftStaticClashes()...)
}

// draftStaticClashes returns, as warnings (assemble.DraftsHint), the
// static files a build with drafts (medkb serve, medkb build --drafts)
// would stop on: a file at the address of a draft left out of this
// build or of one of its aliases, or a file where a draft needs a
// folder, or in a folder of a draft's name (staticset.Clashes, given
// the drafts' outputs alone). The static file is published as usual
// (it is not one Copy leaves out).
func (bd *build) draftStaticClashes() diag.List {
	var outs []staticset.Output
	for _, ls := range bd.site.Langs {
		for _, p := range ls.Drafts {
			if p.OutputPath != "" && p.File != "" {
				outs = append(outs, staticset.Output{Path: p.OutputPath, Address: p.RelPermalink, File: p.File, Line: assemble.PermalinkLine(p)})
			}
		}
		for _, a := range ls.DraftAliases {
			outs = append(outs, staticset.Output{Path: a.OutputPath, Address: a.From, File: a.File, Line: a.Line, Alias: true})
		}
	}
	if len(outs) == 0 {
		return nil
	}
	ds, _ := bd.static.Clashes(outs, bd.site.AllPages(), bd.site.AllDrafts())
	for i := range ds {
		ds[i].Severity, ds[i].Hint = diag.Warning, ds[i].Hint+" "+assemble.DraftsHint
	}
	return ds
}

// copyStatic copies the static files (package staticset) and writes the
// highlighting stylesheet and the hosts' configuration.
func (bd *build) copyStatic() error {
	if err := bd.static.Copy(staticset.Sink{Owner: bd.written.Owner, Claim: bd.written.Claim, Copy: bd.sink.Copy,
		Copied: func(n int64) { bd.count(1, n) }, Reported: bd.staticReported}, bd.site.AllPages(), bd.site.AllDrafts()); err != nil {
		var clashes *diag.Errs
		if !errors.As(err, &clashes) {
			return err
		}
		// Static files whose paths something else writes: reported,
		// and the checks after this phase still run.
		bd.addDiags(clashes.List...)
	}
	rooted, third := bd.static.Scan(bd.cfg.BasePath())
	bd.addDiags(rooted...)
	for _, d := range third {
		// A check medkb.yaml can set (check: {third-party: off}), as the
		// page checks are.
		sev, keep := check.Level(bd.cfg.Check[staticset.CheckThirdParty]).Apply(check.Severity(d.Severity))
		if keep {
			d.Severity = diag.Severity(sev)
			bd.addDiags(d)
		}
	}
	css, err := bd.b.bodies.Markdown(body.Options(bd.cfg)).HighlightCSS()
	if err != nil {
		return err
	}
	if err := bd.write("css/highlight.css", "(chroma stylesheet)", css); err != nil {
		return err
	}
	return bd.writeHostConfig()
}

func (bd *build) writeSitemap() error {
	entries := sitemap.Entries(bd.site.AllPages(), bd.today())
	b, err := sitemap.Write(entries)
	if err != nil {
		return err
	}
	if err := bd.write("sitemap.xml", "(sitemap)", b); err != nil {
		return err
	}
	if base := bd.cfg.BasePath(); base != "/" {
		// Written all the same (a copy for the host's root), but said.
		bd.addDiags(diag.Diagnostic{File: "medkb.yaml", Line: bd.cfg.Lines["base_url"], Severity: diag.Warning, Check: "hosting",
			Message: "the site is served under " + base + ", and crawlers read robots.txt only at the root of a host, so they never read " + bd.cfg.AbsURL("/robots.txt") + " or find the sitemap through it",
			Hint:    "nothing to do unless the host's root is yours: there, add the line \"Sitemap: " + bd.cfg.AbsURL("/sitemap.xml") + "\" to its robots.txt; otherwise submit the sitemap to search engines (Google Search Console, Bing Webmaster Tools)"})
	}
	return bd.write("robots.txt", "(robots.txt)", sitemap.Robots(bd.cfg.AbsURL("/sitemap.xml")))
}
