package site

import (
	"github.com/medkb/medkb/internal/assemble"
	"github.com/medkb/medkb/internal/body"
	"github.com/medkb/medkb/internal/bufpool"
	"github.com/medkb/medkb/internal/feedset"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/phase"
	"github.com/medkb/medkb/internal/render"
	"github.com/medkb/medkb/internal/sitemap"
	"github.com/medkb/medkb/internal/staticset"
)

func (bd *build) renderer(ls *assemble.Lang) *render.Renderer {
	return &render.Renderer{Site: bd.site, Theme: bd.theme, Today: render.Today(bd.cfg, bd.b.opts.Now), Glossary: bd.data.Glossary,
		Data: bd.data.All, ImageSize: bd.imageSize, Card: bd.card, CSS: []string{"/css/site.css", "/css/highlight.css"}, URLs: bd.urls}
}

// prepareRenderers makes each language's page renderer and returns the
// extra data of its feeds page.
func (bd *build) prepareRenderers() map[*assemble.Lang]*render.Data {
	bd.urls = map[string]bool{}
	for _, p := range bd.site.AllPages() {
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
	if err := bd.renderPagesOf(bd.site.AllPages(), bd.prepareRenderers()); err != nil {
		return err
	}
	if err := bd.renderDrafts(); err != nil {
		return err
	}
	for _, ls := range bd.site.Langs {
		for _, a := range ls.Aliases {
			html, err := bd.renderers[ls].Alias(ls, a)
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

// renderPagesOf renders and writes pages on all cores; feedsExtra is the
// extra data of each language's feeds page (nil: a rebuild renders none).
func (bd *build) renderPagesOf(pages []*page.Page, feedsExtra map[*assemble.Lang]*render.Data) error {
	langs := map[string]*assemble.Lang{}
	for _, ls := range bd.site.Langs {
		langs[ls.Language.Code] = ls
	}
	return phase.Parallel(bd.ctx, len(pages), func(i int) error {
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
		return bd.write(p.OutputPath, p.Name(), html)
	})
}

// renderDrafts renders the drafts a build leaves out, writing nothing:
// their checks read the rendered page (element ids, footer links) like a
// published page's.
func (bd *build) renderDrafts() error {
	for _, ls := range bd.site.Langs {
		r := bd.renderers[ls]
		if err := phase.Parallel(bd.ctx, len(ls.Drafts), func(i int) error {
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

// writeRoot writes the root pages of a site whose default language lives
// under /CODE/ (render.Renderer.Root).
func (bd *build) writeRoot() error {
	index, notFound, err := bd.renderers[bd.site.Langs[0]].Root()
	if err != nil || index == nil {
		return err
	}
	if err := bd.write("index.html", "(redirect to the default language)", index); err != nil {
		return err
	}
	return bd.write("404.html", "(root 404 page)", notFound)
}

// copyStatic copies the static files (package staticset) and writes the
// highlighting stylesheet and the hosts' configuration.
func (bd *build) copyStatic() error {
	if err := bd.static.Copy(staticset.Sink{Owner: bd.written.Owner, Claim: bd.written.Claim, Copy: bd.sink.Copy,
		Copied: func(n int64) { bd.count(1, n) }}, bd.site.AllPages(), bd.site.AllDrafts()); err != nil {
		return err
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
	return bd.write("robots.txt", "(robots.txt)", sitemap.Robots(bd.cfg.AbsURL("/sitemap.xml")))
}
