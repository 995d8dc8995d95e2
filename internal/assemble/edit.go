package assemble

import "github.com/medkb/medkb/internal/page"

// Edit returns a new site graph in which each page of edited is replaced by
// a copy, for a rebuild to change the copies' bodies while s stays as it
// was (the dev server serves s until the rebuild succeeds); copies are the
// copies, in edited's order. Everything else is shared with s, which is
// never written: the languages' lists and the tags that hold an edited
// page are new slices leading to the copies, the others are s's.
//
// The sharing is safe for a body edit, the one change a rebuild makes
// without assembling again: a page that is not copied (a section listing
// an edited page, another article relating to it) may still point at the
// edited page's previous version, but everything read through such a
// pointer — title, URL, dates, summary, tags — comes from front matter and
// is the same in both. What a body changes is read through the languages'
// lists and the tags, which lead to the copies: the feeds, the checks and
// the search index. Edit's cost is a scan of those lists, and no page is
// copied but the edited ones.
func (s *Site) Edit(edited []*page.Page) (c *Site, copies []*page.Page) {
	copyOf := make(map[*page.Page]*page.Page, len(edited))
	for _, p := range edited {
		q := *p
		copyOf[p] = &q
		copies = append(copies, &q)
	}
	one := func(p *page.Page) *page.Page {
		if q, ok := copyOf[p]; ok {
			return q
		}
		return p
	}
	// list returns ps itself unless it holds an edited page.
	list := func(ps []*page.Page) []*page.Page {
		for i, p := range ps {
			if _, ok := copyOf[p]; ok {
				out := make([]*page.Page, len(ps))
				copy(out, ps[:i])
				for j := i; j < len(ps); j++ {
					out[j] = one(ps[j])
				}
				return out
			}
		}
		return ps
	}
	cs := *s
	cs.Langs = nil
	c = &cs
	for _, ls := range s.Langs {
		l := *ls
		l.Sections, l.Subsections, l.Articles, l.Drafts = list(ls.Sections), list(ls.Subsections), list(ls.Articles), list(ls.Drafts)
		l.Unlisted, l.People, l.Pages = list(ls.Unlisted), list(ls.People), list(ls.Pages)
		var tags []*Tag
		for i, t := range ls.Tags {
			pages := list(t.Pages)
			if len(pages) == 0 || &pages[0] == &t.Pages[0] {
				continue
			}
			if tags == nil {
				tags = append([]*Tag(nil), ls.Tags...)
				l.tagBySlug = make(map[string]*Tag, len(ls.Tags))
			}
			tags[i] = &Tag{Name: t.Name, Slug: t.Slug, Page: t.Page, Pages: pages}
		}
		if tags != nil {
			l.Tags = tags
			for _, t := range tags {
				l.tagBySlug[t.Slug] = t
			}
		}
		for i, a := range ls.Aliases {
			if _, ok := copyOf[a.To]; ok {
				if &l.Aliases[0] == &ls.Aliases[0] {
					l.Aliases = append([]Alias(nil), ls.Aliases...)
				}
				l.Aliases[i].To = one(a.To)
			}
		}
		c.Langs = append(c.Langs, &l)
	}
	return c, copies
}

// AllPages returns the built pages of every language, in language order.
func (s *Site) AllPages() []*page.Page {
	var out []*page.Page
	for _, ls := range s.Langs {
		out = append(out, ls.Pages...)
	}
	return out
}

// PageOf returns the built page whose source file is file, or nil: a
// scan of the languages' pages, cheaper than an index kept for it.
func (s *Site) PageOf(file string) *page.Page {
	for _, ls := range s.Langs {
		for _, p := range ls.Pages {
			if p.File == file {
				return p
			}
		}
	}
	return nil
}

// URLs maps each content file, drafts included, to its page's URL path
// ("content/conditions/asthma.md" → "/conditions/asthma/").
func (s *Site) URLs() map[string]string {
	out := map[string]string{}
	for _, ls := range s.Langs {
		for _, ps := range [][]*page.Page{ls.Pages, ls.Drafts} {
			for _, p := range ps {
				if p.File != "" {
					out[p.File] = p.RelPermalink
				}
			}
		}
	}
	return out
}

// UnbuiltDrafts maps the URL path of each draft left out of the build to
// its source file.
func (s *Site) UnbuiltDrafts() map[string]string {
	out := map[string]string{}
	for _, ls := range s.Langs {
		for _, p := range ls.Drafts {
			out[p.RelPermalink] = p.File
		}
	}
	return out
}
