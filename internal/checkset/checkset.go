// Package checkset runs the content checks (package check) over a built
// site (Run): each page as a check.Page, with the element ids and footer
// links its rendered HTML shows (Facts), and which pages link to the
// edited ones (Linkers, or the index Links the dev server keeps), so an
// incremental rebuild checks again only the edited pages and those
// linking to them, against the view of the last check (View).
// A View is also what the editor's report is made from (ReportInput).
// It reads no files and renders nothing. Facts is safe for concurrent use;
// a Links or a View is never changed once made (With returns a new one).
package checkset

import (
	"bytes"
	"html"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/medkb/medkb/internal/check"
	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/report"
)

// Facts records, per rendered page, the element ids and footer links the
// checks need. Safe for concurrent use.
//
// It is kept for every page of a site until the checks have run, so it
// holds each id once (most are the theme's: "main", "toc-title") and each
// distinct footer once (every page of a language has the same).
//
// Ids are held once through a table of the build's own (strs), not
// unique.Make: a Facts lives for one build, and unique's concurrent
// table cost 0.3 s of a 10,000-article build's CPU, several times the
// scan that finds the ids.
type Facts struct {
	mu      sync.Mutex
	ids     map[*page.Page][]string
	footer  map[*page.Page][]string
	footers map[string][]string // each distinct footer, by its links joined
	strs    map[string]string   // each id and link once
}

// NewFacts returns an empty record.
func NewFacts() *Facts {
	return &Facts{ids: map[*page.Page][]string{}, footer: map[*page.Page][]string{}, footers: map[string][]string{},
		strs: map[string]string{}}
}

// intern returns b as the string f holds for it, made when new; f.mu is
// held.
func (f *Facts) intern(b []byte) string {
	if s, ok := f.strs[string(b)]; ok { // a lookup by string(b) makes no string
		return s
	}
	s := string(b)
	f.strs[s] = s
	return s
}

// Record notes what p's rendered html shows the checks.
func (f *Facts) Record(p *page.Page, html []byte) {
	f.mu.Lock() // the scans intern what they find
	ids := attrValues(html, ` id="`, f.intern)
	var footer []string
	if i := bytes.Index(html, []byte(`<footer class="site-footer"`)); i >= 0 {
		footer = attrValues(html[i:], ` href="`, f.intern)
	}
	key := strings.Join(footer, "\x00")
	if same, ok := f.footers[key]; ok && footer != nil {
		footer = same
	} else if footer != nil {
		f.footers[key] = footer
	}
	f.ids[p] = ids
	f.footer[p] = footer
	f.mu.Unlock()
}

// attrValues returns the values of every attribute introduced by prefix
// (such as ` id="`; it must end in `="`) in html; a plain scan, much
// cheaper than a regexp on every page of a large site. It looks for each
// '=' and checks the bytes around it: bytes.Index of the prefix tried
// every space of the page as its first byte, 3× slower on a bench
// article. The values are gathered in a pooled scratch slice and the
// result made to size: Facts keeps it for every page until the checks
// have run (grown by appending, a third of it was spare room; counting
// the attributes first was a second pass over every page, 220 ms of a
// 10,000-article build's CPU).
func attrValues(html []byte, prefix string, intern func([]byte) string) []string {
	name, ok := strings.CutSuffix(prefix, `="`)
	if !ok {
		panic("checkset: attrValues prefix " + prefix + ` does not end in ="`)
	}
	sp := attrScratch.Get().(*[]string)
	out := (*sp)[:0]
	for {
		i := bytes.IndexByte(html, '=')
		if i < 0 {
			break
		}
		if i+1 >= len(html) || html[i+1] != '"' || i < len(name) || string(html[i-len(name):i]) != name {
			html = html[i+1:]
			continue
		}
		html = html[i+2:]
		j := bytes.IndexByte(html, '"')
		if j < 0 {
			break
		}
		out = append(out, intern(html[:j]))
		html = html[j+1:]
	}
	var kept []string
	if len(out) > 0 {
		kept = slices.Clone(out)
	}
	clear(out)
	*sp = out
	attrScratch.Put(sp)
	return kept
}

// attrScratch holds attrValues' scratch slices.
var attrScratch = sync.Pool{New: func() any { return new([]string) }}

// linkDests returns the site paths a page's links point at, each with and
// without its trailing slash; links elsewhere are left out.
func linkDests(p *page.Page) []string {
	var out []string
	for _, l := range p.Links {
		if dest, ok := linkPath(p, sitePart(l.Dest)); ok {
			out = append(out, dest, strings.TrimSuffix(dest, "/")+"/")
		}
	}
	return out
}

// sitePart is a link's destination without its fragment and query.
func sitePart(dest string) string {
	dest, _, _ = strings.Cut(dest, "#")
	dest, _, _ = strings.Cut(dest, "?")
	return dest
}

// linkPath resolves dest (a sitePart) against p's URL to a site path,
// without a trailing /index.html; false for an empty dest or one with a
// scheme (a link elsewhere).
func linkPath(p *page.Page, dest string) (string, bool) {
	if dest == "" || strings.Contains(dest, ":") {
		return "", false
	}
	if !strings.HasPrefix(dest, "/") {
		dest = path.Join(p.RelPermalink, dest)
	}
	return strings.TrimSuffix(path.Clean(dest), "/index.html"), true
}

// Links maps a site path to the source files of the pages linking to it,
// for the dev server, which checks edit after edit: a look-up per save
// instead of a scan (Linkers: 6 ms for 10,000 pages of 16 links). A rebuild
// shares its last snapshot's base, which nothing changes, and adds the
// links of the pages it re-rendered (With); a body edit changes no other
// page's links. A link an edit removed stays listed, which costs at most
// one check run again.
type Links struct {
	base, added map[string][]string
}

// NewLinks indexes the links of pages.
func NewLinks(pages []*page.Page) *Links {
	ix := &Links{base: map[string][]string{}}
	for _, p := range pages {
		if p.File != "" {
			addLinks(ix.base, p)
		}
	}
	return ix
}

// With returns an index that also holds the current links of pages; nil
// for a nil index.
func (ix *Links) With(pages []*page.Page) *Links {
	if ix == nil {
		return nil // built when first needed, from the pages as they are then
	}
	out := &Links{base: ix.base, added: make(map[string][]string, len(ix.added))}
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

// Linkers returns what the package's Linkers does, from the index.
func (ix *Links) Linkers(all []*page.Page, files map[string]bool) map[string]bool {
	out := maps.Clone(files)
	for _, p := range all {
		if files[p.File] {
			for _, f := range ix.base[p.RelPermalink] {
				out[f] = true
			}
			for _, f := range ix.added[p.RelPermalink] {
				out[f] = true
			}
		}
	}
	return out
}

// Linkers returns files and the source files of the pages of all that
// link to a page of files: an edit may remove an anchor they point at, so
// their checks must run again. It reads every page's links as they are
// now, but resolves only those that can reach a page of files: a
// destination with no "." in it resolves to a path whose last segment is
// its own last one, so unless it holds the last segment of an edited
// page's URL it cannot name that page. The scan of 10,000 pages of 16
// links is 6 ms, where building the index of every link (Links), which a
// command-line patch used once and threw away, cost 60 ms.
func Linkers(all []*page.Page, files map[string]bool) map[string]bool {
	out := maps.Clone(files)
	targets := map[string]bool{}
	var names []string // the targets' last segments; nil: resolve every link
	filter := true
	for _, p := range all {
		if files[p.File] && p.RelPermalink != "" {
			targets[p.RelPermalink] = true
			name := path.Base(strings.TrimSuffix(p.RelPermalink, "/"))
			if name == "." || name == "/" {
				filter = false // the home page: "/" names it
			}
			names = append(names, name)
		}
	}
	if len(targets) == 0 {
		return out
	}
	reaches := func(dest string) bool {
		if !filter || strings.Contains(dest, ".") {
			return true
		}
		for _, n := range names {
			if strings.Contains(dest, n) {
				return true
			}
		}
		return false
	}
	for _, p := range all {
		if p.File == "" || out[p.File] {
			continue
		}
		for _, l := range p.Links {
			dest := sitePart(l.Dest)
			if !reaches(dest) {
				continue
			}
			if d, ok := linkPath(p, dest); ok && (targets[d] || targets[strings.TrimSuffix(d, "/")+"/"]) {
				out[p.File] = true
				break
			}
		}
	}
	return out
}

// Targets returns the page URLs the pages of the given files link to (nil
// when files is nil).
func Targets(all []*page.Page, files map[string]bool) map[string]bool {
	if files == nil {
		return nil
	}
	out := map[string]bool{}
	for _, p := range all {
		if files[p.File] {
			for _, dest := range linkDests(p) {
				out[dest] = true
			}
		}
	}
	return out
}

// Page is the checks' view of p: src returns its source file (nil for a
// generated page; see check.Page.Source), facts what rendering saw of it, and last the view of
// the last check, whose ids and footer links a page not rendered again
// keeps.
func Page(p *page.Page, src func() []byte, draft bool, facts *Facts, last *View) check.Page {
	cp := check.Page{File: p.File, URL: p.RelPermalink, Lang: p.Lang, Title: p.Meta.Title, TitleLine: p.Meta.Lines.Of("title"),
		Slug: p.Meta.Slug, Draft: draft || p.Meta.Draft, Audience: p.Meta.Audience, IsArticle: p.IsArticle(),
		Date: p.Meta.Date.Time, LastReviewed: p.Meta.LastReviewed.Time, NextReview: p.NextReview, ReviewLine: p.Meta.Lines.Of("last_reviewed"), NextReviewLine: p.Meta.Lines.Of("next_review"),
		ReviewedBy: p.Meta.ReviewedBy, Text: p.Plain, Withdrawn: p.Meta.IsWithdrawn(),
		Expires: p.Meta.Expires.Time, ExpiresLine: p.Meta.Lines.Of("expires"), Authors: p.Meta.Authors, Langs: []string{p.Lang},
		Published: p.Meta.Date.Time, PublishedLine: p.Meta.Lines.Of("date"),
		Modified: p.Meta.Lastmod.Time, ModifiedLine: p.Meta.Lines.Of("lastmod"),
		ReviewedByLine: p.Meta.Lines.Of("reviewed_by"), Specialty: p.Meta.Specialty,
		Summary: p.Meta.Summary, Levels: Levels(p.Meta.Check), CheckLine: p.Meta.Lines.Of("check")}
	if !p.Meta.PublishDate.IsZero() {
		cp.Published, cp.PublishedLine = p.Meta.PublishDate.Time, p.Meta.Lines.Of("publish_date")
	}
	var given bool
	if cp.SummaryLine, given = p.Meta.Lines.Line("summary"); !given {
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
	cp.Source = src
	for _, r := range p.Meta.References {
		cp.References = append(cp.References, check.Reference{ID: r.ID, Year: r.Year, Line: r.Line})
	}
	for _, l := range p.Links {
		cp.Links = append(cp.Links, check.Link{Dest: l.Dest, Line: l.Line, Written: l.Written})
	}
	for _, im := range p.Images {
		cp.Images = append(cp.Images, check.Image{Src: im.Src, Alt: im.Alt, Line: im.Line, Decorative: im.Decorative})
	}
	facts.mu.Lock()
	ids, rendered := facts.ids[p]
	cp.IDs = unescaped(ids)
	cp.FooterLinks = facts.footer[p]
	facts.mu.Unlock()
	if last, ok := last.Get(p.File); !rendered && ok {
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

// unescaped returns ids with their character references decoded, sharing
// ids when none has one (almost always: a copy per page cost 16 bytes an
// id, most of a KiB an article).
func unescaped(ids []string) []string {
	for i, id := range ids {
		if strings.IndexByte(id, '&') >= 0 {
			out := slices.Clone(ids[:i:i])
			for _, id := range ids[i:] {
				out = append(out, html.UnescapeString(id))
			}
			return out
		}
	}
	return ids
}

// LinkTarget is the part of a checked page that other pages' checks read.
func LinkTarget(cp check.Page) check.Page {
	return check.Page{File: cp.File, URL: cp.URL, Lang: cp.Lang, Title: cp.Title, IDs: cp.IDs, FooterLinks: cp.FooterLinks}
}

// Levels converts a check: mapping (medkb.yaml's or a page's, validated
// by the schema) for package check.
func Levels(m map[string]string) map[string]check.Level {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]check.Level, len(m))
	for k, v := range m {
		out[k] = check.Level(v)
	}
	return out
}

// View is the checks' view of every page, by source file: the last full
// check's, and the pages incremental checks made since. A View is never
// changed once made: With returns a new one sharing this one's pages, so
// a rebuild's view costs the pages it checked, not the site's size.
//
// The full check's pages are a slice sorted by file, the one the checks
// ran over (a map of them was a second copy of every page's view: about
// 1 KiB an article).
type View struct {
	base []check.Page // sorted by File
	over map[string]check.Page
}

// NewView returns the view of a full check's pages, by file.
func NewView(pages map[string]check.Page) *View {
	// Sorted by key and copied once: a check.Page is large, and growing
	// and sorting a slice of them moved each one some twenty times (a
	// tenth of a one-article patch at 10,000 pages).
	files := slices.Sorted(maps.Keys(pages))
	base := make([]check.Page, len(files))
	for i, f := range files {
		base[i] = pages[f]
	}
	return &View{base: base}
}

// sortedView returns the view of pages, sorted by file, which it keeps.
func sortedView(pages []check.Page) *View { return &View{base: pages} }

// SortedView returns the view of a full check's pages, sorted by file
// (as View.Sorted gives them), which it keeps and never changes: no copy
// of them, unlike NewView.
func SortedView(pages []check.Page) *View { return sortedView(pages) }

func byFile(a, b check.Page) int { return strings.Compare(a.File, b.File) }

func (v *View) inBase(file string) (int, bool) {
	return slices.BinarySearchFunc(v.base, file, func(cp check.Page, f string) int { return strings.Compare(cp.File, f) })
}

// Get returns the view of the page of file.
func (v *View) Get(file string) (check.Page, bool) {
	if v == nil {
		return check.Page{}, false
	}
	if cp, ok := v.over[file]; ok {
		return cp, true
	}
	if i, ok := v.inBase(file); ok {
		return v.base[i], true
	}
	return check.Page{}, false
}

// Len returns the number of pages in the view.
func (v *View) Len() int {
	if v == nil {
		return 0
	}
	n := len(v.base)
	for f := range v.over {
		if _, ok := v.inBase(f); !ok {
			n++
		}
	}
	return n
}

// Each calls fn for every page of the view, in no particular order.
func (v *View) Each(fn func(check.Page)) {
	if v == nil {
		return
	}
	for _, cp := range v.base {
		if _, ok := v.over[cp.File]; !ok {
			fn(cp)
		}
	}
	for _, cp := range v.over {
		fn(cp)
	}
}

// Sorted returns every page of the view, by file.
func (v *View) Sorted() []check.Page {
	out := make([]check.Page, 0, v.Len())
	v.Each(func(cp check.Page) { out = append(out, cp) })
	slices.SortFunc(out, byFile)
	return out
}

// ReportInput is the editor's report's view of v (report.Build): its
// pages by file, with medkb.yaml's languages and readability target, the
// authors' names by id, the date reviews are due against, and grades, the
// readability scores kept between reports.
func (v *View) ReportInput(cfg *config.Config, authors map[string]page.Author, today time.Time, grades *report.Grades) *report.Input {
	in := report.Input{Pages: v.Sorted(), Today: today, DefaultLang: cfg.DefaultLanguage().Code, Languages: cfg.Codes(),
		Names: map[string]string{}, ReadabilityTarget: cfg.ReadabilityTarget, Grades: grades}
	for id, a := range authors {
		in.Names[id] = a.Name
	}
	return &in
}

// With returns a view in which pages replace those of the same files.
// The pages changed since the full check are copied, and folded into a
// new shared base once they outgrow a quarter of it.
func (v *View) With(pages []check.Page) *View {
	n := &View{over: make(map[string]check.Page, len(pages))}
	if v != nil {
		n.base = v.base
		maps.Copy(n.over, v.over)
	}
	for _, cp := range pages {
		n.over[cp.File] = cp
	}
	if len(n.over) > len(n.base)/4 {
		n.base, n.over = n.Sorted(), nil
	}
	return n
}
