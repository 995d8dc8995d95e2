package site

import (
	"fmt"
	"html/template"
	"image"
	_ "image/gif" // card images may be GIF
	_ "image/jpeg"
	_ "image/png"
	"io"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/medkb/medkb/internal/assemble"
	"github.com/medkb/medkb/internal/body"
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/feedset"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/render"
	"github.com/medkb/medkb/internal/sitemap"
	"github.com/medkb/medkb/internal/source"
)

// funcs are the template functions besides T and date (see package theme).
func funcs() template.FuncMap {
	return template.FuncMap{
		"slugify":   assemble.Slugify,
		"hasPrefix": strings.HasPrefix,
		"join":      strings.Join,
		"lower":     strings.ToLower,
	}
}

func (bd *build) renderer(ls *assemble.Lang) *render.Renderer {
	return &render.Renderer{Site: bd.site, Theme: bd.theme, Today: bd.renderToday(), Glossary: bd.data.Glossary,
		Data: bd.data.All, ImageSize: bd.imageSize, Card: bd.card, CSS: []string{"/css/site.css", "/css/highlight.css"}, URLs: bd.urls}
}

// prepareRenderers makes each language's page renderer and returns the
// extra data of its feeds page.
func (bd *build) prepareRenderers() map[*assemble.Lang]*render.Data {
	bd.urls = map[string]bool{}
	for _, p := range bd.allPages() {
		bd.urls[p.RelPermalink] = true
	}
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
	type job struct {
		ls *assemble.Lang
		p  *page.Page
	}
	var jobs []job
	for _, ls := range bd.site.Langs {
		for _, p := range ls.Pages {
			jobs = append(jobs, job{ls, p})
		}
	}
	feedsExtra := bd.prepareRenderers()
	renderers := bd.renderers
	if err := parallel(bd.ctx, len(jobs), func(i int) error {
		j := jobs[i]
		var extra *render.Data
		if j.p.Kind == page.KindFeeds {
			extra = feedsExtra[j.ls]
		}
		html, err := renderers[j.ls].Page(j.ls, j.p, extra)
		if err != nil {
			return err
		}
		bd.facts.Record(j.p, html)
		return bd.write(j.p.OutputPath, j.p.Name(), html)
	}); err != nil {
		return err
	}
	if err := bd.renderDrafts(); err != nil {
		return err
	}
	for _, ls := range bd.site.Langs {
		for _, a := range ls.Aliases {
			html, err := renderers[ls].Alias(ls, a)
			if err != nil {
				return err
			}
			if err := bd.write(a.OutputPath, a.File, html); err != nil {
				return err
			}
		}
	}
	return bd.writeRoot()
}

// renderDrafts renders the drafts a build leaves out, writing nothing:
// their checks read the rendered page (element ids, footer links) like a
// published page's.
func (bd *build) renderDrafts() error {
	for _, ls := range bd.site.Langs {
		r := bd.renderers[ls]
		if err := parallel(bd.ctx, len(ls.Drafts), func(i int) error {
			p := ls.Drafts[i]
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

// writeRoot gives a site whose default language lives under /CODE/ a root
// page that redirects there and a root 404.html, as hosts expect both.
func (bd *build) writeRoot() error {
	if !bd.cfg.DefaultLanguageInSubdir {
		return nil
	}
	def := bd.cfg.DefaultLanguage().Code
	for _, ls := range bd.site.Langs {
		if ls.Language.Code != def {
			continue
		}
		html, err := bd.renderers[ls].Alias(ls, assemble.Alias{From: "/", OutputPath: "index.html", To: ls.Home})
		if err != nil {
			return err
		}
		if err := bd.write("index.html", "(redirect to the default language)", html); err != nil {
			return err
		}
		nf, err := bd.renderers[ls].Page(ls, ls.NotFound, nil)
		if err != nil {
			return err
		}
		return bd.write("404.html", "(root 404 page)", nf)
	}
	return nil
}

// indexStatic lists static files: the theme's, then the site's (which win).
func (bd *build) indexStatic() (err error) {
	bd.static, err = source.StaticFiles(bd.b.opts.Source, bd.cfg.Theme, bd.cfg.Ignore...)
	return err
}

// openStatic opens the static file at rel (no leading slash).
func (bd *build) openStatic(rel string) (io.ReadCloser, error) {
	s, ok := bd.static[rel]
	if !ok {
		return nil, fs.ErrNotExist
	}
	return openStatic(s)
}

func openStatic(s source.Static) (io.ReadCloser, error) {
	if s.FS != nil {
		return s.FS.Open(s.Path)
	}
	return source.OpenRegular(s.Abs)
}

// imageInfo is a static image's pixel size and byte length.
type imageInfo struct {
	w, h   int
	length int64
	ok     bool
}

// imageSizes holds the static images' sizes, read once each.
type imageSizes struct {
	mu sync.Mutex
	m  map[string]imageInfo
}

// imageSize reports a static image's size; rel is root-relative. Every
// page's preview tags and every feed item ask, mostly for the same default
// card, so each image is opened and decoded once per build.
func (bd *build) imageSize(rel string) (w, h int, length int64, ok bool) {
	if w, h, n, ok := bd.cards.Size(rel); ok {
		return w, h, n, true
	}
	c := bd.images
	c.mu.Lock()
	info, seen := c.m[rel]
	c.mu.Unlock()
	if !seen {
		info = bd.readImageSize(rel)
		c.mu.Lock()
		if c.m == nil {
			c.m = map[string]imageInfo{}
		}
		c.m[rel] = info
		c.mu.Unlock()
	}
	return info.w, info.h, info.length, info.ok
}

func (bd *build) readImageSize(rel string) imageInfo {
	s, found := bd.static[strings.TrimPrefix(rel, "/")]
	if !found {
		return imageInfo{}
	}
	f, err := openStatic(s)
	if err != nil {
		return imageInfo{}
	}
	defer f.Close()
	cfg, _, err := image.DecodeConfig(f)
	if err != nil {
		return imageInfo{length: s.Size, ok: true}
	}
	return imageInfo{cfg.Width, cfg.Height, s.Size, true}
}

// staticName is how diagnostics name a static file: its path from the
// site root, or in the embedded default theme.
func (bd *build) staticName(s source.Static) string {
	if s.FS != nil {
		return "themes/default/" + s.Path
	}
	if rel, err := filepath.Rel(bd.b.opts.Source, s.Abs); err == nil {
		return filepath.ToSlash(rel)
	}
	return s.Abs
}

func (bd *build) isThemeStatic(s source.Static) bool {
	return strings.HasPrefix(bd.staticName(s), "themes/")
}

// staticClash is the error for a static or theme file whose output path a
// page, an alias or a generated file already claimed: the page would
// silently replace the file (an article with url: /css/site.css served
// its HTML as the stylesheet). It names both, at the page's url, slug or
// aliases line when a page claimed it.
func (bd *build) staticClash(rel, by string, s source.Static) error {
	name := bd.staticName(s)
	d := &diag.Diagnostic{File: name, Severity: diag.Error,
		Message: fmt.Sprintf("%s and %s both write %s", by, name, rel),
		Hint:    "give the page another url, slug or alias, or rename the file"}
	for _, p := range bd.allPages() {
		if p.File != by {
			continue
		}
		d.File, d.Line = p.File, 1
		for _, key := range []string{"url", "aliases", "slug"} {
			if n := p.Meta.Lines[key]; n > 0 {
				d.Line = n
				break
			}
		}
		break
	}
	return d
}

// draftBundles returns the folders (absolute) of leaf bundles whose every
// page is a draft left out of the build: their pictures and files are not
// published before the page is.
func (bd *build) draftBundles() []string {
	dirs := map[string]bool{} // folder → some page of it is built
	for _, ls := range bd.site.Langs {
		for _, group := range []struct {
			pages []*page.Page
			built bool
		}{{ls.Drafts, false}, {ls.Pages, true}} {
			for _, p := range group.pages {
				if p.File == "" || p.Kind != page.KindPage || !strings.HasPrefix(filepath.Base(p.File), "index.") {
					continue
				}
				dir := filepath.Join(bd.b.opts.Source, filepath.FromSlash(filepath.Dir(p.File)))
				dirs[dir] = dirs[dir] || group.built
			}
		}
	}
	var out []string
	for dir, built := range dirs {
		if !built {
			out = append(out, dir+string(filepath.Separator))
		}
	}
	return out
}

func inAny(abs string, dirs []string) bool {
	for _, d := range dirs {
		if strings.HasPrefix(abs, d) {
			return true
		}
	}
	return false
}

func (bd *build) copyStatic() error {
	rels := make([]string, 0, len(bd.static))
	for rel := range bd.static {
		rels = append(rels, rel)
	}
	sort.Strings(rels)
	hidden := bd.draftBundles()
	for _, rel := range rels {
		s := bd.static[rel]
		if s.Abs != "" && len(hidden) > 0 && inAny(s.Abs, hidden) {
			continue // a file of a draft leaf bundle is published with the page
		}
		if by, ok := bd.written.owner(rel); ok {
			if strings.HasPrefix(by, "(") && bd.isThemeStatic(s) {
				continue // generated output wins over a theme file of the same name
			}
			return bd.staticClash(rel, by, s)
		}
		if err := bd.written.claim(rel, "static/"+rel); err != nil {
			return &diag.Diagnostic{File: "static/" + rel, Severity: diag.Error, Message: err.Error(), Hint: "rename the static file"}
		}
		f, err := openStatic(s)
		if err != nil {
			return err
		}
		err = bd.sink.Copy(rel, f)
		f.Close()
		if err != nil {
			return err
		}
		bd.mu.Lock()
		bd.res.Files++
		bd.res.Bytes += s.Size
		bd.mu.Unlock()
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
	var entries []sitemap.Entry
	for _, ls := range bd.site.Langs {
		for _, p := range ls.Pages {
			if !p.InSitemap(bd.today()) {
				continue
			}
			e := sitemap.Entry{URL: p.Permalink, Lastmod: p.Updated()}
			if len(p.Translations) > 0 {
				for _, q := range append([]*page.Page{p}, p.Translations...) {
					e.Alternates = append(e.Alternates, sitemap.Alternate{Lang: q.Lang, URL: q.Permalink})
				}
				for _, q := range append([]*page.Page{p}, p.Translations...) {
					if q.Original == nil {
						e.Alternates = append(e.Alternates, sitemap.Alternate{Lang: "x-default", URL: q.Permalink})
					}
				}
			}
			entries = append(entries, e)
		}
	}
	b, err := sitemap.Write(entries)
	if err != nil {
		return err
	}
	if err := bd.write("sitemap.xml", "(sitemap)", b); err != nil {
		return err
	}
	return bd.write("robots.txt", "(robots.txt)", sitemap.Robots(bd.cfg.AbsURL("/sitemap.xml")))
}
