package site

import (
	"slices"

	"github.com/medkb/medkb/internal/body"
	"github.com/medkb/medkb/internal/markdown"
	"github.com/medkb/medkb/internal/page"
)

// renderMarkdown renders every page body (package body), reusing cached
// results whose inputs have not changed. Drafts left out of the build are
// rendered too: they are checked like published pages.
func (bd *build) renderMarkdown() error {
	defer bd.dropHeld()
	return bd.renderMarkdownOf(bd.heldFirst(slices.Concat(bd.site.AllPages(), bd.site.AllDrafts())))
}

// heldFirst orders pages for the Markdown phase: those whose bodies the
// parse phase held (releaseFile) first, each group in its own order. A
// held body is freed as it is rendered, so the held bodies are let go in
// the phase's first part, not across all of it, and the collector works
// against a smaller heap for the rest. In page order, at 100,000 bench
// articles (budget 1,367 MiB, a sixth of it held), the held bodies were
// 230 MB of the 735 MB live heap as the phase began, 134 MB halfway and
// 27 MB in its last quarter (heap profiles every fourth collection). When
// every body is held (10,000 articles under the default budget) or none
// is, the order is the pages' own.
func (bd *build) heldFirst(pages []*page.Page) []*page.Page {
	held := make(map[string]bool)
	for i, drop := range bd.held {
		if drop != nil {
			held[bd.files[i].Path] = true
		}
	}
	if len(held) == 0 {
		return pages
	}
	out := make([]*page.Page, 0, len(pages))
	for _, p := range pages {
		if held[p.File] {
			out = append(out, p)
		}
	}
	if len(out) == len(pages) {
		return pages
	}
	for _, p := range pages {
		if !held[p.File] {
			out = append(out, p)
		}
	}
	return out
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
