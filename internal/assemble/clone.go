package assemble

import "github.com/medkb/medkb/internal/page"

// Clone returns a copy of the site graph for a rebuild to change while s
// stays as it was (the dev server serves s until the rebuild succeeds):
// every page is a copy, and every link between pages — parents, lists,
// sections, tags, related pages, translations, aliases — leads to the
// copies. Front matter, config and authors are shared: a rebuild replaces
// them, it never edits them in place. pageOf maps a page of s to its copy.
func (s *Site) Clone() (c *Site, pageOf func(*page.Page) *page.Page) {
	copies := map[*page.Page]*page.Page{}
	add := func(p *page.Page) {
		if p != nil && copies[p] == nil {
			q := *p
			copies[p] = &q
		}
	}
	for _, ls := range s.Langs {
		for _, list := range [][]*page.Page{ls.Pages, ls.Drafts, ls.Sections, ls.Articles,
			{ls.Home, ls.TagsPage, ls.Search, ls.Glossary, ls.Feeds, ls.NotFound}} {
			for _, p := range list {
				add(p)
			}
		}
		for _, t := range ls.Tags {
			add(t.Page)
		}
	}
	one := func(p *page.Page) *page.Page {
		if q, ok := copies[p]; ok {
			return q
		}
		return p // nil, or a page outside the graph
	}
	list := func(ps []*page.Page) []*page.Page {
		if ps == nil {
			return nil
		}
		out := make([]*page.Page, len(ps))
		for i, p := range ps {
			out[i] = one(p)
		}
		return out
	}
	for _, q := range copies {
		q.Parent, q.Original = one(q.Parent), one(q.Original)
		q.Pages, q.Sections, q.Related, q.Translations = list(q.Pages), list(q.Sections), list(q.Related), list(q.Translations)
	}
	c = &Site{Config: s.Config, Authors: s.Authors}
	for _, ls := range s.Langs {
		l := *ls
		l.Home, l.TagsPage, l.Search, l.Glossary, l.Feeds, l.NotFound = one(ls.Home), one(ls.TagsPage), one(ls.Search), one(ls.Glossary), one(ls.Feeds), one(ls.NotFound)
		l.Sections, l.Articles, l.Drafts, l.Pages = list(ls.Sections), list(ls.Articles), list(ls.Drafts), list(ls.Pages)
		l.Tags = make([]*Tag, len(ls.Tags))
		l.tagBySlug = make(map[string]*Tag, len(ls.Tags))
		for i, t := range ls.Tags {
			nt := &Tag{Name: t.Name, Slug: t.Slug, Page: one(t.Page), Pages: list(t.Pages)}
			l.Tags[i], l.tagBySlug[t.Slug] = nt, nt
		}
		l.Aliases = make([]Alias, len(ls.Aliases))
		for i, a := range ls.Aliases {
			a.To = one(a.To)
			l.Aliases[i] = a
		}
		c.Langs = append(c.Langs, &l)
	}
	return c, one
}
