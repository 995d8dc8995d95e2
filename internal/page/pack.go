package page

import "strings"

// Pack copies the page's own text values (not the tags, people and
// publishers the front matter parser shares between pages) into one
// string and points each at its part of it. A YAML decoder makes each
// value a string of its own, and every page's record is kept for the
// whole build: at 100,000 bench articles these were 2.0 million of the
// 7.6 million objects live at the peak, each one more for the collector
// to find and mark at every collection (such a build collects about 90
// times). One string a page holds the same bytes.
func (m *Meta) Pack() {
	var at [64]*string
	ps := at[:0]
	ps = append(ps, &m.Title, &m.ID, &m.Summary, &m.Description, &m.Slug, &m.URL, &m.Layout, &m.Image, &m.ImageAlt,
		&m.Funding, &m.Sponsor, &m.TranslationOf, &m.ChangeNote, &m.Emergency)
	for i := range m.Aliases {
		ps = append(ps, &m.Aliases[i])
	}
	for i := range m.About {
		c := &m.About[i]
		ps = append(ps, &c.Name, &c.ICD10, &c.SNOMED)
	}
	for i := range m.References {
		r := &m.References[i]
		ps = append(ps, &r.ID, &r.Title, &r.DOI, &r.PMID, &r.URL)
	}
	if w := m.Withdrawn; w != nil {
		ps = append(ps, &w.Reason, &w.ReplacedBy)
	}
	packStrings(ps)
	packLists(&m.Tags, &m.Authors, &m.ReviewedBy, &m.Translators, &m.Aliases)
}

// packLists moves the lists into one backing array, each a full slice
// expression of it (so an append to one copies it rather than writing
// over the next): a front matter's tags, people and aliases were four or
// five arrays a page.
func packLists(ls ...*[]string) {
	n, k := 0, 0
	for _, l := range ls {
		if len(*l) > 0 {
			n += len(*l)
			k++
		}
	}
	if k < 2 {
		return
	}
	all := make([]string, 0, n)
	for _, l := range ls {
		if len(*l) == 0 {
			continue
		}
		from := len(all)
		all = append(all, *l...)
		*l = all[from:len(all):len(all)]
	}
}

// PackBody does for what rendering a body found (its headings, links and
// images, kept with the page for the whole build) what Meta.Pack does for
// the front matter: at 100,000 bench articles, heading ids and link
// destinations were another million live objects. The cited sources' ids
// are not packed: they are the front matter's reference ids, already in
// the string Meta.Pack made, and a copy would only add one.
func PackBody(toc []Heading, links []Link, images []Image) {
	var at [128]*string
	ps := at[:0]
	for i := range toc {
		ps = append(ps, &toc[i].ID, &toc[i].Text)
	}
	for i := range links {
		ps = append(ps, &links[i].Dest, &links[i].Written)
	}
	for i := range images {
		ps = append(ps, &images[i].Src, &images[i].Alt)
	}
	packStrings(ps)
}

// packStrings points each of ps, in order, at its part of one new string
// holding them all; empty values stay "".
func packStrings(ps []*string) {
	n, k := 0, 0
	for _, p := range ps {
		if *p != "" {
			n += len(*p)
			k++
		}
	}
	if k < 2 {
		return
	}
	var b strings.Builder
	b.Grow(n)
	for _, p := range ps {
		b.WriteString(*p)
	}
	all, from := b.String(), 0
	for _, p := range ps {
		if *p == "" {
			continue
		}
		to := from + len(*p)
		*p = all[from:to]
		from = to
	}
}
