package site

import (
	"github.com/medkb/medkb/internal/body"
	"github.com/medkb/medkb/internal/markdown"
	"github.com/medkb/medkb/internal/page"
)

// renderMarkdown renders every page body (package body), reusing cached
// results whose inputs have not changed. Drafts left out of the build are
// rendered too: they are checked like published pages.
func (bd *build) renderMarkdown() error {
	defer bd.dropHeld()
	return bd.renderMarkdownOf(append(bd.site.AllPages(), bd.site.AllDrafts()...))
}

// renderMarkdownOf renders the bodies of the given pages.
func (bd *build) renderMarkdownOf(pages []*page.Page) error {
	unbuilt := map[*page.Page]bool{} // drafts rendered for checking only
	for _, p := range bd.site.AllDrafts() {
		unbuilt[p] = true
	}
	images := func(p *page.Page) func(string) (markdown.LocalImage, bool) {
		if unbuilt[p] {
			return nil
		}
		return bd.static.Lookup(p, bd.out())
	}
	st, err := bd.b.bodies.Render(bd.ctx, body.Input{Config: bd.cfg, Site: bd.site, Theme: bd.theme,
		Glossary: bd.data.Glossary, Images: images, SizeImages: func(p *page.Page, imgs []page.Image) []page.Image {
			return bd.static.SizeImages(p, imgs, !unbuilt[p], bd.out())
		}}, pages)
	bd.mu.Lock()
	bd.res.Rendered += st.Rendered
	bd.res.Cached += st.Cached
	bd.mu.Unlock()
	bd.addDiags(st.Diagnostics...)
	return err
}
