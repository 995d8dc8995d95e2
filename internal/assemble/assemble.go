// Package assemble turns parsed content files into the site graph: pages
// with permalinks and output paths, sections, the tags taxonomy, aliases,
// translations and the generated pages (search, glossary, feeds, 404).
//
// Sections nest to any depth: content/conditions/heart/_index.md is a
// section whose parent is the nearest folder above with a section (the
// top-level one is made when it has no _index.md); an article belongs to
// the nearest section at or above its folder, a leaf bundle
// (conditions/heart/angina/index.md) to the one above its own folder.
// Lang.Sections holds the top-level sections (menus, the home page,
// search filters), Lang.Subsections the others; Page.Sections lists a
// section's children, and Page.Section stays the top-level folder.
//
// It validates what only the whole site can: unknown author ids, duplicate
// output paths, aliases that shadow pages, a translation_of that names no
// page and two files claiming the same translation; a draft left out of
// the build whose address or alias clashes with another's is a warning
// (a build with drafts, as medkb serve makes, stops on it), and what else
// such a build would say of the draft (no title, an unknown author id,
// an invalid url: or slug:, a bad reference, a second front matter
// block, a "?" in its file name, a translation another file claims, a
// withdrawal without a reason) is in Site.DraftErrors:
// the drafts alone are claimed and grouped against the published pages,
// as a build with drafts would, not the whole site again. A url: or
// alias whose last part has a dot is a folder's address unless it names
// an HTML file (aliasFolder); a url: naming another kind of file (.pdf)
// is an error. A page may exist in
// one language only (content/x.es.md with no x.md, or x.md a draft): it is
// published in its language and links only to versions that exist; a
// published translation whose translation_of names a draft is published
// so, warned of at its translation_of line.
// A content page at the address of a generated page (a section named
// glossary/, people/ or tags/, an article at /tags/x/) wins: the generated
// page is not built, and Site.Warnings names both. Every problem is a diagnostic
// naming the file and line. Assemble does no I/O and no rendering; the
// returned Site is read-only afterwards and safe to share.
package assemble

import (
	"cmp"
	"fmt"
	"net/url"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/pathclaim"
	"github.com/medkb/medkb/internal/source"
	"github.com/medkb/medkb/internal/uri"
)

// Parsed is a content file with its decoded front matter.
type Parsed struct {
	File     *source.File
	Meta     page.Meta
	Body     []byte
	BodyLine int
	// Markdown, when set, reads the body again (Body is then nil): see
	// page.Page.SetMarkdownSource.
	Markdown *source.Tail
}

// Drop releases the file's bytes once it is parsed (source.File.Release);
// the body is then read again from the site at root when it is rendered
// (Markdown, source.File.Tail), only while the file is the version parsed.
// A body that is not the end of the file's bytes stays held.
func (pf *Parsed) Drop(root string) {
	if t, ok := pf.File.Tail(root, pf.Body); ok && pf.Body != nil {
		pf.Body, pf.Markdown = nil, t
	}
	pf.File.Release()
}

// Hold is Drop for a caller that holds the body until it is rendered:
// Markdown hands out the body itself the first time, without reading the
// file again, and reads it again after that (source.File.HeldTail). drop
// lets go of the body if nothing has read it; it is nil when there is
// nothing to let go of (a body that is not the end of the file's bytes
// stays held, as with Drop).
func (pf *Parsed) Hold(root string) (drop func()) {
	if t, ok := pf.File.HeldTail(root, pf.Body); ok && pf.Body != nil {
		pf.Body, pf.Markdown, drop = nil, t, t.Drop
	}
	pf.File.Release()
	return drop
}

// Input is everything assembling needs.
type Input struct {
	Config  *config.Config
	Files   []Parsed
	Authors map[string]page.Author
	Drafts  bool
	// Today decides expiry (see page.Page.Listed): an expired or
	// withdrawn page is rendered but listed nowhere.
	Today time.Time
	// RelatedOnly, when set, limits the related-pages lists to the
	// articles of these source files, for a rebuild that renders only
	// them: at 100,000 articles the lists of all pages take over a second.
	RelatedOnly map[string]bool
}

// Site is the assembled site: one Lang per configured language.
type Site struct {
	Config  *config.Config
	Langs   []*Lang
	Authors map[string]page.Author
	// Today is the date expiry was decided on (Input.Today).
	Today time.Time
	// Warnings are problems that do not stop the build: a content page
	// at the address of a generated page (the content page wins).
	Warnings diag.List
	// DraftErrors are the errors of its own a draft left out of the
	// build would have once published (a build with drafts, as medkb
	// serve makes, stops on them): no title, every error of one page's
	// own (an unknown author id, an invalid url: or slug:, a bad
	// reference, a second front matter block, a "?" or "#" in its file
	// name), a translation another file
	// claims or whose translation_of names no page, a withdrawal without
	// a reason or whose replaced_by is no page to send a reader to. They
	// are errors as a build with drafts reports them; the caller says
	// them as the draft's warnings. A draft's clashes with other pages
	// are in Warnings (DraftsHint).
	DraftErrors diag.List
}

// Lang is the part of the site in one language.
type Lang struct {
	Language config.Language
	Prefix   string // "" or "/es"
	Home     *page.Page
	Sections []*page.Page // the top-level sections
	// Subsections are the sections nested in others, at any depth
	// (content/conditions/heart/_index.md); each is on its parent's
	// Sections, and its Parent is that section.
	Subsections []*page.Page
	Articles    []*page.Page // published regular pages, newest first
	Drafts      []*page.Page // draft pages left out of the build (for checks)
	// DraftAliases are the aliases of Drafts that a build with drafts
	// would publish (draftClashes claimed them), for the checks that
	// warn of what such a build would stop on: a static file at one's
	// address. Their To is the draft as assembled (Site.Edit does not
	// copy them).
	DraftAliases []Alias
	// Unlisted are regular pages rendered at their URL but listed nowhere:
	// withdrawn pages (rendered as tombstones) and expired pages.
	Unlisted []*page.Page
	Tags     []*Tag
	TagsPage *page.Page
	Search   *page.Page
	Glossary *page.Page
	Feeds    *page.Page
	NotFound *page.Page
	// People are the pages of the authors, reviewers and translators of
	// data/authors.yaml, by id.
	People  []*page.Page
	Pages   []*page.Page // every page to render, in a stable order
	Aliases []Alias

	tagBySlug map[string]*Tag
}

// Tag is one term of the tags taxonomy.
type Tag struct {
	Name, Slug string
	Page       *page.Page
	Pages      []*page.Page
}

// Alias is an old URL redirecting to a page.
type Alias struct {
	From, OutputPath string
	To               *page.Page
	File             string
	Line             int
}

// Assemble builds the site graph. When it finds errors it returns them
// (as diag.Errs) together with the whole site, which leaves out what each
// error is about (a page without a title or whose address another page
// has, an invalid alias, an unknown author id on a page's byline) so that
// a build can go on to check everything else in the same run.
func Assemble(in Input) (*Site, error) {
	a := &assembler{in: in, cfg: in.Config, byLang: map[string]*Lang{}, outputs: pathclaim.New[string](len(in.Files)),
		lines: make(map[string]int, len(in.Files)), yielded: map[*page.Page]bool{}, aliased: map[string]bool{}}
	s := &Site{Config: in.Config, Authors: in.Authors, Today: in.Today}
	for _, l := range in.Config.Languages {
		ls := &Lang{Language: l, Prefix: in.Config.LangPrefix(l.Code)}
		a.byLang[l.Code] = ls
		s.Langs = append(s.Langs, ls)
	}
	a.pages()
	a.translations()
	for _, ls := range s.Langs {
		a.structure(ls)
	}
	if !in.Drafts {
		a.draftClashes(s.Langs)
		a.draftTranslations()
		for _, ls := range s.Langs {
			a.draftReplacements(ls)
		}
	}
	a.errs.Sort()
	a.warns.Sort()
	a.draftErrs.Sort()
	s.Warnings, s.DraftErrors = a.warns, a.draftErrs
	return s, a.errs.Err()
}

type assembler struct {
	in     Input
	cfg    *config.Config
	byLang map[string]*Lang
	errs   diag.List
	warns  diag.List
	// outputs holds each output path claimed, with the file that claimed
	// it: one path cannot be written twice, nor be both a file and a
	// folder (pathclaim's rule, folderClash).
	outputs *pathclaim.Set[string]
	aliased map[string]bool // output paths claimed by an alias
	lines   map[string]int  // output path → the line that claimed it
	// yielded are generated pages not built because a content page has
	// their address.
	yielded map[*page.Page]bool
	byKey   map[string]map[string]*page.Page
	trust   map[string]bool // trust page URLs, without a language prefix
	// credited holds each list of people once (by language, field and
	// ids): most pages name the same few authors and reviewers, and a
	// copy of their records per page cost about 550 bytes an article.
	credited map[string][]page.Author
	named    map[string]bool // folder and file names checkNames reported
	// published are the drafts left out of the build that a build with
	// drafts would publish (they have a title), in file order, with
	// their key among translations (byKey); draftErrs are the errors
	// such a build would report about them (Site.DraftErrors).
	published []draft
	draftErrs diag.List
	// draftOriginals are the drafts of the default language that a build
	// with drafts would publish (published), by translation key
	// (byKey's): a published translation whose translation_of names one
	// is published alone, warned of (translations). One such a build
	// leaves out too (no title, an invalid url:) is no page to name.
	draftOriginals map[string]string
	// atGenerated are the drafts at a generated page's address, which a
	// build with drafts gives them (draftClaim).
	atGenerated []*page.Page
}

// draft is a draft left out of the build and its translation key.
type draft struct {
	p   *page.Page
	key string
}

func (a *assembler) errorf(file string, line int, hint, format string, args ...any) {
	a.errs = append(a.errs, diag.Errorf(file, line, hint, format, args...))
}

// claim records that file (at line; alias when it is a redirect of
// file's, not its page) writes output path out. It is false, with an
// error, when something else writes out, or a folder out is in, or
// something inside a folder named out (folderClash): the caller leaves
// out what wanted out.
func (a *assembler) claim(out, file string, line int, alias bool) bool {
	if prev, ok := a.outputs.Owner(out); ok {
		a.errorf(file, line, "give one of them another slug or url", "%s is also written by %s (both would be %s)", file, prev, out)
		return false
	}
	if a.folderClash(out, file, line, alias) {
		return false
	}
	a.outputs.Add(out, file)
	a.lines[out] = line
	return true
}

// pages creates a page per content file and fills in what one file decides.
func (a *assembler) pages() {
	a.byKey = map[string]map[string]*page.Page{}
	a.trust = map[string]bool{}
	for _, l := range a.cfg.Languages {
		// A language's own trust pages (/es/acerca/) count as its
		// pages do: without their language prefix.
		prefix := a.cfg.LangPrefix(l.Code)
		for _, u := range a.cfg.In(l.Code).TrustPages.Map() {
			if c, err := CleanURL(u); err == nil {
				c = aliasFolder(c) // as permalink publishes a url: with a dot
				a.trust[c] = true
				if prefix != "" && strings.HasPrefix(c, prefix+"/") {
					a.trust[strings.TrimPrefix(c, prefix)] = true
				}
			}
		}
	}
	// The pages in one allocation, not one each (a Page is 1.2 KiB): a
	// one-article rebuild assembles every page of the site.
	slab := make([]page.Page, len(a.in.Files))
	for i, f := range a.in.Files {
		lang := f.File.Lang
		if lang == "" {
			lang = a.cfg.DefaultLanguage().Code
		}
		ls := a.byLang[lang]
		p := &slab[i]
		*p = page.Page{File: f.File.Path, Lang: lang, Meta: f.Meta, Body: f.Body, BodyLine: f.BodyLine, Section: f.File.Section}
		if f.Markdown != nil {
			p.SetMarkdownSource(f.Markdown)
		}
		// A draft left out of the build is checked like a published
		// page, every error of its own (an unknown author id, an
		// invalid url: or slug:, a bad reference or audience, a second
		// front matter block, a "?" in its file name, no title) one of
		// the drafts' (Site.DraftErrors), said as its warnings.
		leftOut, from := p.Meta.Draft && !a.in.Drafts, len(a.errs)
		a.people(p)
		a.dates(p)
		a.secondBlock(p)
		for _, w := range p.Meta.YAMLWarnings {
			a.warns = append(a.warns, diag.Diagnostic{File: p.File, Line: w.Line, Severity: diag.Warning, Message: w.Message, Hint: w.Hint})
		}
		if leftOut {
			// Not published, but checked like a published page: it has
			// its kind and URL (never claimed) and, below, its parent.
			switch {
			case f.File.IsIndex() && f.File.Dir() == "":
				p.Kind = page.KindHome
			case f.File.IsIndex():
				p.Kind = page.KindSection
			default:
				p.Kind = page.KindPage
			}
			ls.Drafts = append(ls.Drafts, p)
			titled := a.required(p)
			addressed := a.permalink(ls, p, f.File)
			a.asDraftErrs(from)
			if addressed && titled {
				key := translationKey(f.File, &p.Meta)
				a.published = append(a.published, draft{p, key})
				if _, ok := a.draftOriginals[key]; !ok && lang == a.cfg.DefaultLanguage().Code {
					if a.draftOriginals == nil {
						a.draftOriginals = map[string]string{}
					}
					a.draftOriginals[key] = p.File
				}
			}
			continue
		}
		if !a.required(p) {
			continue
		}
		switch {
		case f.File.IsIndex() && f.File.Dir() == "":
			p.Kind = page.KindHome
		case f.File.IsIndex():
			p.Kind = page.KindSection
		default:
			p.Kind = page.KindPage
		}
		if !a.permalink(ls, p, f.File) {
			continue // an error: the page is left out
		}
		switch {
		case p.Kind == page.KindHome:
			ls.Home = p
		case p.Kind == page.KindSection && strings.Contains(f.File.Dir(), "/"):
			ls.Subsections = append(ls.Subsections, p)
		case p.Kind == page.KindSection:
			ls.Sections = append(ls.Sections, p)
		}
		p.Trust = a.trust[strings.TrimPrefix(p.RelPermalink, ls.Prefix)]
		if p.Kind == page.KindPage {
			if p.Listed(a.in.Today) {
				ls.Articles = append(ls.Articles, p)
			} else {
				ls.Unlisted = append(ls.Unlisted, p)
			}
		}
		key := translationKey(f.File, &p.Meta)
		group := a.byKey[key]
		if group == nil {
			group = map[string]*page.Page{}
			a.byKey[key] = group
		}
		if prev, ok := group[lang]; ok {
			a.errorf(p.File, 1, "keep one file per language for each article",
				"%s and %s both claim the %s version of %s", prev.File, p.File, lang, key)
			continue
		}
		group[lang] = p
	}
}

// translationKey is what groups the language versions of an article
// (byKey): its translation_of, else its file's folder and name.
func translationKey(f *source.File, m *page.Meta) string {
	if m.TranslationOf == "" {
		return f.Dir() + "/" + f.Base
	}
	key := strings.Trim(strings.TrimSuffix(m.TranslationOf, ".md"), "/")
	if !strings.Contains(key, "/") {
		key = "/" + key
	}
	return key
}

// asDraftErrs moves the errors recorded since a.errs held from of them
// to the drafts' (Site.DraftErrors).
func (a *assembler) asDraftErrs(from int) {
	a.draftErrs = append(a.draftErrs, a.errs[from:]...)
	a.errs = a.errs[:from]
}

// required reports whether p has the front matter every published page
// needs (a title), and records an error naming the file when it has not: a
// page without one would be published with no title, author or reviewer.
func (a *assembler) required(p *page.Page) bool {
	if hasTitle(p) {
		return true
	}
	if p.Meta.Lines.Len() == 0 && p.BodyLine <= 1 {
		a.errorf(p.File, 1, "start the file with a front matter block: a line ---, then title: …, author: …, reviewer: …, then a line ---",
			"the page has no front matter, so it would be published with no title, author or reviewer")
		return false
	}
	a.errorf(p.File, 1, "add title: … to the front matter", "the front matter has no title")
	return false
}

func (a *assembler) people(p *page.Page) {
	for _, field := range []struct {
		key string
		ids []string
		dst *[]page.Author
	}{{"authors", p.Meta.Authors, &p.Authors}, {"reviewed_by", p.Meta.ReviewedBy, &p.Reviewers}, {"translators", p.Meta.Translators, &p.Translators}} {
		if len(field.ids) == 0 {
			continue
		}
		key := p.Lang + "\x00" + field.key + "\x00" + strings.Join(field.ids, "\x00")
		if list, ok := a.credited[key]; ok {
			*field.dst = list // shared: nothing changes a page's people once assembled
			continue
		}
		known := true
		for _, id := range field.ids {
			au, ok := a.in.Authors[id]
			if !ok {
				a.errorf(p.File, p.Meta.Lines.Of(field.key), "add "+id+" to data/authors.yaml or fix the id",
					"unknown author id %q in %s", id, field.key)
				known = false
				continue
			}
			au.Profile = a.cfg.LangPrefix(p.Lang) + PeoplePath(id)
			*field.dst = append(*field.dst, au)
		}
		if known { // each page naming an unknown id says so
			*field.dst = slices.Clip(*field.dst)
			if a.credited == nil {
				a.credited = map[string][]page.Author{}
			}
			a.credited[key] = *field.dst
		}
	}
}

// PeoplePath is the site path of the people page of author id, without a
// language prefix.
func PeoplePath(id string) string { return "/people/" + url.PathEscape(id) + "/" }

// peoplePages gives every author, reviewer and translator of
// data/authors.yaml a page listing what they wrote, reviewed and
// translated in the language, newest first.
func (a *assembler) peoplePages(ls *Lang) {
	ids := make([]string, 0, len(a.in.Authors))
	for id := range a.in.Authors {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	byID := map[string]*page.Page{}
	for _, id := range ids {
		au := a.in.Authors[id]
		au.ID, au.Profile = id, ls.Prefix+PeoplePath(id)
		p := a.generated(ls, page.KindPerson, PeoplePath(id), au.Name)
		p.Person, p.Parent = &au, ls.Home
		byID[id] = p
		ls.People = append(ls.People, p)
	}
	for _, art := range ls.Articles {
		for _, c := range []struct {
			role string
			ids  []string
			date time.Time
		}{{"written", art.Meta.Authors, art.Updated()}, {"reviewed", art.Meta.ReviewedBy, art.Meta.LastReviewed.Time},
			{"translated", art.Meta.Translators, art.Updated()}} {
			for _, id := range c.ids {
				if p := byID[id]; p != nil {
					p.Credits = append(p.Credits, page.Credit{Page: art, Role: c.role, Date: c.date})
				}
			}
		}
	}
	for _, p := range ls.People {
		slices.SortStableFunc(p.Credits, func(x, y page.Credit) int { return y.Date.Compare(x.Date) })
	}
}

func (a *assembler) dates(p *page.Page) {
	m := &p.Meta
	if m.Lastmod.IsZero() {
		m.Lastmod = m.Date
	}
	if !m.NextReview.IsZero() {
		p.NextReview = m.NextReview.Time
	} else if !m.LastReviewed.IsZero() {
		p.NextReview = a.cfg.ReviewInterval.AddTo(m.LastReviewed.Time)
	}
	switch m.Audience {
	case "", "patient", "professional":
	default:
		a.errorf(p.File, m.Lines.Of("audience"), "audience is patient or professional", "unknown audience %q", m.Audience)
	}
	for _, r := range m.References {
		switch {
		case r.ID == "":
			a.errorf(p.File, r.Line, "give each reference an id to cite it with [@id]", "reference without an id")
		case r.DOI == "" && r.PMID == "" && r.URL == "":
			a.errorf(p.File, r.Line, "add a doi, pmid or url so readers can find the source",
				"reference %q has neither doi, pmid nor url", r.ID)
		}
	}
}

// permalink computes the page URL and output path and claims the path.
func (a *assembler) permalink(ls *Lang, p *page.Page, f *source.File) bool {
	line := p.Meta.Lines.Of("url")
	var u string
	switch {
	case p.Meta.URL != "":
		clean, err := CleanURL(p.Meta.URL)
		if err != nil {
			a.errorf(p.File, line, "write url as a path inside the site, such as /conditions/asthma/", "invalid url: %v", err)
			return false
		}
		if kind, ext := fileType(clean); kind != "" {
			a.errorf(p.File, line, notAPageHint(clean, kind, ext),
				"url %s names %s file, but a page is published as HTML: sent as %s file, the page would be a download or an error in the browser", p.Meta.URL, kind, kind)
			return false
		}
		u = ls.Prefix + aliasFolder(clean)
	case p.Kind == page.KindHome:
		u = ls.Prefix + "/"
	case p.Kind == page.KindSection:
		u = ls.Prefix + "/" + f.Dir() + "/"
	default:
		slug := ""
		if p.Meta.Slug != "" {
			s, err := CleanSlug(p.Meta.Slug)
			if err != nil {
				a.errorf(p.File, p.Meta.Lines.Of("slug"), "use letters, digits and hyphens, such as asthma-in-children", "invalid slug: %v", err)
				return false
			}
			slug = s
		}
		u = articleURL(ls.Prefix, f, slug)
	}
	if p.Meta.URL == "" && p.Kind != page.KindHome {
		a.checkNames(p, f, u)
	}
	setAddresses(p, u, a.cfg.AbsURL(u), OutputPath(u))
	if p.Meta.Draft && !a.in.Drafts {
		return true
	}
	return a.claim(p.OutputPath, p.File, PermalinkLine(p), false)
}

// setAddresses sets p's address rel, its absolute address abs and its
// output path out, held in one string rather than three: every page's
// addresses are kept for the whole build, and each string is one more
// object for every collection to find and mark. rel is the end of abs
// (the site's base URL, then rel) and shares its bytes; when it is not
// (an address the base URL does not end as rel starts), it keeps its
// own.
func setAddresses(p *page.Page, rel, abs, out string) {
	all := abs + out
	p.Permalink, p.OutputPath = all[:len(abs)], all[len(abs):]
	p.RelPermalink = rel
	if strings.HasSuffix(p.Permalink, rel) {
		p.RelPermalink = p.Permalink[len(p.Permalink)-len(rel):]
	}
}

// checkNames reports a folder or file name that makes page p's address
// u (at f, with no url in its front matter) one a reader's browser does
// not open as it is written: "?" or "#" (What is COPD?.md) starts a query
// or a fragment, so the page cannot be opened at its address at all (an
// error); a space or a character a URI does not allow (Heart Failure.md)
// is percent-encoded in every link, /conditions/Heart%20Failure/, and
// mangled where people copy the address (a warning). A folder's name is
// reported once, at the first page under it; a file's, once for all its
// languages. Names Hugo would have lowered and hyphenated keep their
// letter case and hyphens here: addresses already published stay put.
func (a *assembler) checkNames(p *page.Page, f *source.File, u string) {
	if strings.IndexFunc(u, badInAddress) < 0 {
		return // nearly every page: one pass over its address, nothing made
	}
	dir := f.Dir()
	var segs []string // the names the address is made of, outermost first
	if dir != "" {
		segs = strings.Split(dir, "/")
	}
	if p.Kind != page.KindSection && !f.IsBundle() && !f.IsIndex() {
		segs = append(segs, f.Base)
	}
	if p.Meta.Slug != "" && p.Kind != page.KindSection && len(segs) > 0 {
		segs = segs[:len(segs)-1] // the slug replaces the file's (or bundle folder's) name
	}
	for i, seg := range segs {
		bad := strings.IndexFunc(seg, func(r rune) bool { return r == '?' || r == '#' })
		isErr := bad >= 0
		if !isErr {
			bad = strings.IndexFunc(seg, badInAddress)
		}
		if bad < 0 {
			continue
		}
		folder := i < len(segs)-1 || p.Kind == page.KindSection || f.IsBundle() && p.Meta.Slug == ""
		where := path.Join(append([]string{"content"}, segs[:i+1]...)...)
		if !folder {
			where = path.Join("content", dir, f.Base) // one report for every language's file
		}
		if a.named[where] {
			return
		}
		if a.named == nil {
			a.named = map[string]bool{}
		}
		a.named[where] = true
		what, fix := "file", "rename the file "+Slugify(seg)+path.Ext(f.Rel)+", or set slug: "+Slugify(seg)
		if folder {
			what, fix = "folder", "rename the folder "+Slugify(seg)
		}
		c, _ := utf8.DecodeRuneInString(seg[bad:])
		if isErr {
			a.errorf(p.File, 0, fix, "the %s name %q puts %q in the page's address %s, where a browser reads it as the start of a %s: the page cannot be opened at its address",
				what, seg, string(c), u, map[rune]string{'?': "query", '#': "fragment"}[c])
			return
		}
		fix += " (and list the old address under aliases if the page is published already)"
		char := fmt.Sprintf("%q", string(c))
		if unicode.IsSpace(c) {
			char = "a space"
		}
		a.warns = append(a.warns, diag.Diagnostic{File: p.File, Severity: diag.Warning,
			Message: fmt.Sprintf("the %s name %q puts %s in the page's address %s: links to it read %s", what, seg, char, u, uri.URI(u)),
			Hint:    fix})
		return
	}
}

// badInAddress reports a character that a name must not put in an
// address as it is: "?" and "#" end its path, a space and the others
// are percent-encoded in every link.
func badInAddress(r rune) bool {
	return r == '?' || r == '#' || unicode.IsSpace(r) || strings.ContainsRune("\"<>\\^`{|}", r)
}

// DefaultURL is the address file f's page has when its front matter sets
// no url or slug (as permalink gives it): for a file whose front matter
// could not be read.
func DefaultURL(cfg *config.Config, f *source.File) string {
	lang := f.Lang
	if lang == "" {
		lang = cfg.DefaultLanguage().Code
	}
	prefix := cfg.LangPrefix(lang)
	switch {
	case f.IsIndex() && f.Dir() == "":
		return prefix + "/"
	case f.IsIndex():
		return prefix + "/" + f.Dir() + "/"
	}
	return articleURL(prefix, f, "")
}

// articleURL is the address of the article f of the language at prefix:
// its folder and its name, or slug when that is not "" (a bundle,
// content/conditions/asthma/index.md, is /conditions/asthma/).
func articleURL(prefix string, f *source.File, slug string) string {
	name, dir := f.Base, f.Dir()
	if f.IsBundle() {
		dir, name = path.Split(dir)
		dir = strings.TrimSuffix(dir, "/")
	}
	if slug != "" {
		name = slug
	}
	if dir != "" {
		dir = "/" + dir
	}
	return prefix + dir + "/" + name + "/"
}

// lineOr returns line when it is known (> 0), else fallback.
func lineOr(line, fallback int) int {
	if line > 0 {
		return line
	}
	return fallback
}

// PermalinkLine is the line that decided a page's URL: url, else slug,
// else the file's first line.
func PermalinkLine(p *page.Page) int {
	for _, key := range []string{"url", "slug"} {
		if n := p.Meta.Lines.Of(key); n > 0 {
			return n
		}
	}
	return 1
}

// translations links pages in other languages to their originals.
func (a *assembler) translations() {
	def := a.cfg.DefaultLanguage().Code
	keys := make([]string, 0, len(a.byKey))
	for k := range a.byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		group := a.byKey[k]
		orig := group[def]
		var all []*page.Page
		for _, l := range a.cfg.Languages {
			if p := group[l.Code]; p != nil {
				all = append(all, p)
			}
		}
		for _, p := range all {
			// A page may exist in one language only (x.es.md alone, or
			// with its original still a draft): it is published in its
			// language, with links to the versions that exist. Only a
			// translation_of naming no page is an error; one naming a
			// draft left out of the build, a warning: the translation is
			// published alone until its original is.
			if p.Lang != def && orig == nil && p.Kind == page.KindPage && p.Meta.TranslationOf != "" {
				line := lineOr(p.Meta.Lines.Of("translation_of"), 1)
				if d, ok := a.draftOriginals[k]; ok {
					a.warns = append(a.warns, diag.Diagnostic{File: p.File, Line: line, Severity: diag.Warning,
						Message: fmt.Sprintf("translation_of %q names a draft, %s: this translation is published alone, with no link to the original, until the original is published", p.Meta.TranslationOf, d),
						Hint:    "publish the original (take draft: true off " + d + "), or make this page a draft too until the original is ready"})
				} else {
					a.errorf(p.File, line, translationOfHint(p.Lang), translationOfMsg, p.Meta.TranslationOf, def)
				}
			}
			if p != orig {
				p.Original = orig
			}
			for _, q := range all {
				if q != p {
					p.Translations = append(p.Translations, q)
				}
			}
		}
	}
}

// draftTranslations reports, as the drafts' errors (Site.DraftErrors),
// what translations and pages would report of the drafts a build with
// drafts would publish: a draft claiming a language's version of an
// article that a published page, or a draft before it, claims (a
// build with drafts reports it at the later file: here at the draft,
// naming the published page first), and a draft translation whose
// translation_of names no page of the default language, published or
// draft. Only the drafts are grouped: the published pages' groups are
// byKey, made once.
func (a *assembler) draftTranslations() {
	if len(a.published) == 0 {
		return
	}
	from := len(a.errs)
	byKey := map[string]map[string]*page.Page{} // the drafts', as byKey
	for _, d := range a.published {
		p := d.p
		prev := a.byKey[d.key][p.Lang]
		if prev == nil {
			prev = byKey[d.key][p.Lang]
		}
		if prev != nil {
			a.errorf(p.File, 1, "keep one file per language for each article",
				"%s and %s both claim the %s version of %s", prev.File, p.File, p.Lang, d.key)
			continue
		}
		if byKey[d.key] == nil {
			byKey[d.key] = map[string]*page.Page{}
		}
		byKey[d.key][p.Lang] = p
	}
	// Every draft's translation_of, the one another file claims too: a
	// build with drafts checks the one it keeps, which may be either.
	def := a.cfg.DefaultLanguage().Code
	for _, d := range a.published {
		p := d.p
		if p.Lang != def && p.Kind == page.KindPage && p.Meta.TranslationOf != "" && a.byKey[d.key][def] == nil && byKey[d.key][def] == nil {
			a.errorf(p.File, lineOr(p.Meta.Lines.Of("translation_of"), 1), translationOfHint(p.Lang), translationOfMsg, p.Meta.TranslationOf, def)
		}
	}
	a.asDraftErrs(from)
}

// translationOfHint and translationOfMsg are the error of a translation
// whose translation_of names no page in the default language.
func translationOfHint(lang string) string {
	return "set translation_of to the original's path inside content/, such as conditions/asthma, or remove it to publish the page in " + lang + " only"
}

const translationOfMsg = "translation_of %q names no page in the default language (%s)"

// structure builds sections, lists, tags, aliases and generated pages.
func (a *assembler) structure(ls *Lang) {
	sortByDate(ls.Articles)
	if ls.Home == nil {
		ls.Home = a.generated(ls, page.KindHome, "/", a.cfg.In(ls.Language.Code).Title)
	}
	// Sections by folder inside content/ ("conditions", "conditions/heart").
	bySection := map[string]*page.Page{}
	for _, s := range slices.Concat(ls.Sections, ls.Subsections) {
		bySection[folder(s)] = s
	}
	// parentOf is the section of the nearest folder above dir that has
	// one, making the top-level section when it has no _index.md.
	parentOf := func(dir, top string) *page.Page {
		for d := dir; d != "" && d != "."; d = path.Dir(d) {
			if s := bySection[d]; s != nil {
				return s
			}
		}
		if top == "" {
			return nil
		}
		s := a.generated(ls, page.KindSection, "/"+top+"/", titleCase(top))
		s.Section = top
		bySection[top] = s
		ls.Sections = append(ls.Sections, s)
		return s
	}
	for _, s := range ls.Subsections {
		parent := parentOf(path.Dir(folder(s)), s.Section)
		s.Parent = parent
		parent.Sections = append(parent.Sections, s)
	}
	for _, p := range ls.Articles {
		s := parentOf(folder(p), p.Section)
		if s == nil {
			p.Parent = ls.Home
			continue
		}
		p.Parent = s
		s.Pages = append(s.Pages, p)
	}
	for _, p := range slices.Concat(ls.Unlisted, ls.Drafts) {
		p.Parent = ls.Home
		for d := folder(p); d != "" && d != "."; d = path.Dir(d) {
			if s := bySection[d]; s != nil && s != p {
				p.Parent = s
				break
			}
		}
	}
	sortByWeight(ls.Sections)
	for _, s := range ls.Sections {
		s.Parent = ls.Home
	}
	for _, s := range slices.Concat(ls.Sections, ls.Subsections) {
		sortByWeight(s.Pages)
		sortByWeight(s.Sections)
	}
	ls.Home.Sections = ls.Sections
	ls.Home.Pages = ls.Articles

	a.tags(ls)
	if a.in.RelatedOnly != nil {
		relatedOf(ls, func(p *page.Page) bool { return a.in.RelatedOnly[p.File] })
	} else {
		related(ls)
	}
	if a.cfg.Search.Disabled {
		// search.disabled: no search page (render gives themes an empty
		// SearchURL); the address stays free for a writer's page.
		ls.Search = a.unclaimed(ls, page.KindSearch, "/search/", "Search")
		a.yielded[ls.Search] = true
	} else {
		ls.Search = a.generated(ls, page.KindSearch, "/search/", "Search")
	}
	ls.Glossary = a.generated(ls, page.KindGlossary, "/glossary/", "Glossary")
	ls.Feeds = a.generated(ls, page.KindFeeds, "/feeds/", "Feeds")
	ls.NotFound = a.generated(ls, page.Kind404, "/404.html", "Page not found")
	for _, p := range []*page.Page{ls.Search, ls.Glossary, ls.Feeds, ls.NotFound} {
		p.Parent = ls.Home
	}
	a.peoplePages(ls)

	ls.Pages = append(ls.Pages, ls.Home)
	ls.Pages = append(ls.Pages, ls.Sections...)
	ls.Pages = append(ls.Pages, ls.Subsections...)
	ls.Pages = append(ls.Pages, ls.Articles...)
	ls.Pages = append(ls.Pages, ls.Unlisted...)
	if ls.TagsPage != nil {
		ls.Pages = append(ls.Pages, ls.TagsPage)
	}
	for _, t := range ls.Tags {
		ls.Pages = append(ls.Pages, t.Page)
	}
	ls.Pages = append(ls.Pages, ls.Search, ls.Glossary, ls.Feeds, ls.NotFound)
	ls.Pages = append(ls.Pages, ls.People...)
	if len(a.yielded) > 0 {
		ls.Pages = slices.DeleteFunc(ls.Pages, func(p *page.Page) bool { return a.yielded[p] })
	}
	a.aliases(ls)
	a.replacements(ls)
}

// folder is the folder inside content/ a page belongs to: a section's own
// folder, an article's folder, and for a leaf bundle
// (conditions/croup/index.md) the folder above its own. Generated pages
// give their section's name.
func folder(p *page.Page) string {
	if p.File == "" {
		return p.Section
	}
	rel := strings.TrimPrefix(p.File, "content/")
	dir := path.Dir(rel)
	if dir == "." {
		return ""
	}
	if p.Kind != page.KindSection && strings.HasPrefix(path.Base(rel), "index.") && strings.Contains(dir, "/") {
		dir = path.Dir(dir)
	}
	return dir
}

// replacements resolves each withdrawn page's replaced_by: a path of the
// site must name a page that is published and listed (a tombstone must not
// send a patient to another tombstone or a 404); an absolute http(s) URL is
// kept as written.
func (a *assembler) replacements(ls *Lang) {
	byURL := pagesByURL(ls)
	for _, p := range ls.Unlisted {
		if p.Meta.Withdrawn == nil {
			continue
		}
		a.withdrawnReason(p)
		if target := a.replacement(ls, p, byURL, nil); target != nil {
			p.Replacement = target
		}
	}
}

// draftReplacements reports, as the drafts' errors (Site.DraftErrors),
// what replacements would report of a withdrawn draft a build with
// drafts would publish, whose replaced_by may then name a published
// page or another draft; and, as warnings (DraftsHint), a published
// withdrawn page whose replaced_by names a generated page's address
// that a withdrawn or expired draft would take.
func (a *assembler) draftReplacements(ls *Lang) {
	var byURL, drafts map[string]*page.Page // made for the first withdrawn draft: nearly every site has none
	index := func() {
		if byURL == nil {
			byURL, drafts = pagesByURL(ls), map[string]*page.Page{}
			for _, d := range a.published {
				if _, ok := drafts[d.p.RelPermalink]; !ok && d.p.Lang == ls.Language.Code {
					drafts[d.p.RelPermalink] = d.p // the first in file order has the address
				}
			}
		}
	}
	from := len(a.errs)
	for _, d := range a.published {
		p := d.p
		if p.Lang != ls.Language.Code || p.Kind != page.KindPage || p.Meta.Withdrawn == nil || p.Listed(a.in.Today) {
			continue
		}
		index()
		a.withdrawnReason(p)
		a.replacement(ls, p, byURL, drafts) // a draft's Replacement stays unset: it is not rendered
	}
	a.asDraftErrs(from)
	var unlisted []*page.Page // the withdrawn and expired drafts at generated pages' addresses
	for _, p := range a.atGenerated {
		if p.Lang == ls.Language.Code && p.IsArticle() && !p.Listed(a.in.Today) && hasTitle(p) {
			unlisted = append(unlisted, p)
		}
	}
	if len(unlisted) == 0 {
		return
	}
	index()
	for _, p := range unlisted {
		byURL[p.RelPermalink] = p // it wins over the generated page
	}
	from = len(a.errs)
	for _, p := range ls.Unlisted {
		if p.Meta.Withdrawn != nil && p.Replacement != nil && p.Replacement.File == "" {
			a.replacement(ls, p, byURL, nil)
		}
	}
	for _, d := range a.errs[from:] {
		d.Severity, d.Hint = diag.Warning, strings.TrimSpace(d.Hint+" "+DraftsHint)
		a.warns = append(a.warns, d)
	}
	a.errs = a.errs[:from]
}

// pagesByURL returns the pages of ls by their address.
func pagesByURL(ls *Lang) map[string]*page.Page {
	byURL := make(map[string]*page.Page, len(ls.Pages))
	for _, p := range ls.Pages {
		byURL[p.RelPermalink] = p
	}
	return byURL
}

// withdrawnReason reports a withdrawn page p without a reason.
func (a *assembler) withdrawnReason(p *page.Page) {
	if strings.TrimSpace(p.Meta.Withdrawn.Reason) == "" {
		a.errorf(p.File, p.Meta.Lines.Of("withdrawn"), "say in withdrawn.reason why the page was withdrawn; patients with a bookmark read it",
			"withdrawn page without a reason")
	}
}

// replacement returns the page withdrawn page p's replaced_by names,
// among byURL, or among drafts (nil for none) where byURL has none or a
// generated page, or nil, reporting a replaced_by that names no page, or
// one withdrawn or expired.
func (a *assembler) replacement(ls *Lang, p *page.Page, byURL, drafts map[string]*page.Page) *page.Page {
	w := p.Meta.Withdrawn
	line := p.Meta.Lines.Of("withdrawn")
	if w.ReplacedBy == "" || strings.HasPrefix(w.ReplacedBy, "https://") || strings.HasPrefix(w.ReplacedBy, "http://") {
		return nil
	}
	clean, err := CleanURL(w.ReplacedBy)
	if err != nil {
		a.errorf(p.File, line, "write replaced_by as a page's path, such as /conditions/asthma/", "invalid withdrawn.replaced_by: %v", err)
		return nil
	}
	clean = aliasFolder(clean) // as permalink publishes a url: with a dot
	find := func(m map[string]*page.Page) *page.Page {
		if p := m[ls.Prefix+clean]; p != nil {
			return p
		}
		return m[clean]
	}
	target := find(byURL)
	if d := find(drafts); d != nil && (target == nil || target.File == "") {
		target = d // a draft's page wins over a generated one, as a published page's does
	}
	switch {
	case target == nil:
		a.errorf(p.File, line, "point replaced_by at a published page's URL, such as /conditions/asthma/",
			"withdrawn.replaced_by %q is not a page of the site", w.ReplacedBy)
	case target.IsArticle() && !target.Listed(a.in.Today):
		a.errorf(p.File, line, "point replaced_by at a page that is neither withdrawn nor expired",
			"withdrawn.replaced_by %q is itself withdrawn or expired", w.ReplacedBy)
	default:
		return target
	}
	return nil
}

func (a *assembler) generated(ls *Lang, kind page.Kind, u, title string) *page.Page {
	p := a.unclaimed(ls, kind, u, title)
	if file, taken := a.outputs.Owner(p.OutputPath); taken && !strings.HasPrefix(file, generatedPrefix) {
		// The writer's page wins: a section named glossary/, people/ or
		// tags/ is theirs to have. Said once, with both names.
		name := generatedName(kind)
		a.warns = append(a.warns, diag.Diagnostic{File: file, Line: lineOr(a.lines[p.OutputPath], 1), Severity: diag.Warning,
			Message: fmt.Sprintf("%s is published at %s, the address of medkb's generated %s: your page is kept and the generated one is not built", file, p.RelPermalink, name),
			Hint:    "to have medkb's " + name + " as well, give your page another address: rename its folder or set url: in its front matter"})
		a.yielded[p] = true
		return p
	}
	a.claim(p.OutputPath, generatedPrefix+string(kind)+" page)", 0, false)
	return p
}

// unclaimed returns a generated page that has not claimed its address.
func (a *assembler) unclaimed(ls *Lang, kind page.Kind, u, title string) *page.Page {
	p := &page.Page{Kind: kind, Lang: ls.Language.Code, Meta: page.Meta{Title: title, Lines: page.MakeLines(0)}}
	p.RelPermalink = ls.Prefix + u
	p.Permalink = a.cfg.AbsURL(p.RelPermalink)
	p.OutputPath = OutputPath(p.RelPermalink)
	return p
}

// generatedPrefix starts the name under which a generated page claims its
// output path.
const generatedPrefix = "(generated "

// generatedName names a generated page in messages.
func generatedName(k page.Kind) string {
	switch k {
	case page.KindTaxonomy:
		return "topics page (the list of tags)"
	case page.KindTerm:
		return "topic page (a tag's list)"
	case page.Kind404:
		return "page-not-found page"
	case page.KindPerson:
		return "people page (an author's profile)"
	case page.KindGlossary:
		return "glossary page"
	}
	return string(k) + " page"
}

func (a *assembler) tags(ls *Lang) {
	a.checkTags(ls)
	groupTags(ls)
	if len(ls.Tags) == 0 {
		return
	}
	ls.TagsPage = a.generated(ls, page.KindTaxonomy, "/tags/", "Topics")
	ls.TagsPage.Parent = ls.Home
	for _, t := range ls.Tags {
		t.Page = a.generated(ls, page.KindTerm, "/tags/"+t.Slug+"/", t.Name)
		t.Page.Term = t.Name
		t.Page.Pages = t.Pages
		t.Page.Parent = ls.TagsPage
		ls.TagsPage.Pages = append(ls.TagsPage.Pages, t.Page)
	}
}

// secondBlock reports a second front matter block at the top of a page's
// body (page.SecondBlock): its keys are not read (a summary, tags, a
// review date the writer believes set), and it is published as text: a
// YAML block under a horizontal line (usually a heading: the closing ---
// underlines it), a TOML block as a paragraph starting "+++". An error, as
// an unknown key is: what the writer wrote is lost. The page is still
// built and checked, so that the run reports everything else about it.
func (a *assembler) secondBlock(p *page.Page) {
	b := p.Meta.SecondBlock
	if b == nil {
		return
	}
	shown, rewrite, asText := "as text under a horizontal line", "", "; if it is meant as page text, write its first line as *** instead of ---"
	if b.Delim == "+++" {
		shown, asText = "as text", ""
	}
	switch {
	case b.Delim == "+++" && b.FrontMatterDelim == "---":
		rewrite = ", written as YAML (key: value),"
	case b.Delim == "---" && b.FrontMatterDelim == "+++":
		rewrite = ", written as TOML (key = value),"
	}
	a.errorf(p.File, b.Line,
		fmt.Sprintf("move these keys into the front matter at the top (lines %d–%d)%s and delete this block (lines %d–%d)%s",
			b.FrontMatterLine, b.FrontMatterEnd, rewrite, b.Line, b.EndLine, asText),
		"a second front matter block (%s) below the front matter: its keys are not read, and the page shows them %s",
		strings.Join(b.Keys, ", "), shown)
}

// checkTags warns about the tags an article names that are not what its
// writer meant, and leaves the article's tags as its pages, feeds and
// search show them: tags written as one text with a comma in it ("tags:
// gout, joints" is one value, so one tag, gout-joints; a comma inside a
// list's item had to be quoted, as in MeSH's "Arthritis, Rheumatoid", and
// is meant); a tag with no letter or digit, which has no address and is
// left out; and a tag written twice ("Asthma" and "asthma", "heart
// disease" and "heart-disease" have one address), kept once, as first
// written. Spaces around a tag are dropped without a word: they change
// neither its address nor how it reads.
func (a *assembler) checkTags(ls *Lang) {
	slugOf := map[string]string{} // by tag name: a site has far fewer tags than articles name
	var slugs []string            // the article's tags' slugs so far: a few
	for _, p := range ls.Articles {
		slugs = slugs[:0]
		var kept []string // nil while the tags are kept as written
		for i, name := range p.Meta.Tags {
			trimmed := strings.TrimSpace(name)
			slug, ok := slugOf[trimmed]
			if !ok {
				slug = Slugify(trimmed)
				slugOf[trimmed] = slug
			}
			var msg, hint string
			first := slices.Index(slugs, slug)
			switch {
			case slug == "":
				msg = fmt.Sprintf("tag %q has no letter or digit, so it has no page: it is left out", name)
				hint = "write the tag as a word, or remove it"
			case first >= 0:
				msg = fmt.Sprintf("tag %q is tag %q again (both are %s/tags/%s/): the page lists it once", trimmed, keptTag(p.Meta.Tags, kept, first), ls.Prefix, slug)
				hint = "remove one of the two from tags"
			case p.Meta.TagsText && strings.Contains(name, ","):
				parts := strings.Split(name, ",")
				for i := range parts {
					parts[i] = strings.TrimSpace(parts[i])
				}
				msg = fmt.Sprintf("tag %q has a comma in it: it is one tag, listed at %s/tags/%s/", name, ls.Prefix, slug)
				hint = "for " + strconv.Itoa(len(parts)) + " tags, write tags: [" + strings.Join(parts, ", ") + "]"
			}
			if msg != "" {
				a.warns = append(a.warns, diag.Diagnostic{File: p.File, Line: lineOr(p.Meta.Lines.Of("tags"), 1), Severity: diag.Warning,
					Message: msg, Hint: hint})
			}
			drop := slug == "" || first >= 0
			if kept == nil && (drop || trimmed != name) {
				kept = make([]string, 0, len(p.Meta.Tags))
				kept = append(kept, p.Meta.Tags[:i]...)
			}
			if drop {
				continue
			}
			slugs = append(slugs, slug)
			if kept != nil {
				kept = append(kept, trimmed)
			}
		}
		if kept != nil {
			// A new slice: the parsed front matter may be shared with the
			// build cache.
			p.Meta.Tags = kept
		}
	}
}

// keptTag is the tag kept at index i of an article's kept tags: kept
// when the tags changed already, else the tags as written.
func keptTag(tags, kept []string, i int) string {
	if kept != nil {
		return kept[i]
	}
	return tags[i]
}

// groupTags fills ls.Tags (by slug) and ls.tagBySlug from the articles'
// tags; each article is on a tag's list once.
func groupTags(ls *Lang) {
	byTag := map[string]*Tag{}
	slugs := map[string]string{} // tag name → slug: a site has far fewer tags than articles name
	var seen []string            // the article's slugs so far: a few
	for _, p := range ls.Articles {
		seen = seen[:0]
		for _, name := range p.Meta.Tags {
			slug, ok := slugs[name]
			if !ok {
				slug = Slugify(name)
				slugs[name] = slug
			}
			if slug == "" || slices.Contains(seen, slug) {
				continue
			}
			seen = append(seen, slug)
			t := byTag[slug]
			if t == nil {
				t = &Tag{Name: name, Slug: slug}
				byTag[slug] = t
				ls.Tags = append(ls.Tags, t)
			}
			t.Pages = append(t.Pages, p)
		}
	}
	sort.Slice(ls.Tags, func(i, j int) bool { return ls.Tags[i].Slug < ls.Tags[j].Slug })
	ls.tagBySlug = byTag
}

func (a *assembler) aliases(ls *Lang) {
	for _, p := range ls.Pages {
		ls.Aliases = append(ls.Aliases, a.pageAliases(ls, p)...)
	}
}

// pageAliases claims the output paths of page p's aliases and returns
// those it could claim, reporting the others.
func (a *assembler) pageAliases(ls *Lang, p *page.Page) []Alias {
	var kept []Alias
	seen := map[string]bool{} // this page's aliases, by output path
	for _, al := range p.Meta.Aliases {
		line := p.Meta.Lines.Of("aliases")
		if msg, hint := a.badAlias(p, al); msg != "" {
			a.errorf(p.File, line, hint, "%s", msg)
			continue
		}
		clean, err := CleanURL(al)
		if err != nil {
			a.errorf(p.File, line, "write aliases as old paths inside the site, such as /old/asthma/", "invalid alias: %v", err)
			continue
		}
		from := aliasFrom(ls.Prefix, aliasFolder(clean))
		out := OutputPath(from)
		switch {
		case out == p.OutputPath:
			// Nothing to redirect: the page is there itself.
			a.warns = append(a.warns, diag.Diagnostic{File: p.File, Line: line, Severity: diag.Warning,
				Message: fmt.Sprintf("alias %s is the page's own address, so it redirects nowhere", al),
				Hint:    "remove it from aliases"})
			continue
		case strings.EqualFold(out, p.OutputPath):
			// On a host or disk that does not mind letter case (macOS,
			// Windows, many object stores behind a CDN) the redirect
			// would overwrite the page with a redirect to itself.
			a.warns = append(a.warns, diag.Diagnostic{File: p.File, Line: line, Severity: diag.Warning,
				Message: fmt.Sprintf("alias %s differs from the page's own address only in letter case: where letter case does not count, its redirect would replace the page", al),
				Hint:    "remove it from aliases; links with other letter case are reported by medkb check"})
			continue
		case seen[out]:
			a.warns = append(a.warns, diag.Diagnostic{File: p.File, Line: line, Severity: diag.Warning,
				Message: fmt.Sprintf("alias %s is listed twice (with or without its trailing slash or index.html, it is one address)", al),
				Hint:    "remove one of them"})
			continue
		}
		seen[out] = true
		if prev, taken := a.outputs.Owner(out); taken {
			a.aliasTaken(p, al, line, prev, out)
			continue
		}
		if !a.claim(out, p.File, line, true) {
			continue
		}
		a.aliased[out] = true
		kept = append(kept, Alias{From: from, OutputPath: out, To: p, File: p.File, Line: line})
	}
	return kept
}

// DraftsHint ends the hint of a problem that only a build with drafts
// has (draftClashes).
const DraftsHint = "(a warning while drafts are left out: medkb serve, which shows drafts, and medkb build --drafts stop on it)"

// draftClashes reports, as warnings, the addresses a build with drafts
// would stop on (medkb serve shows drafts; medkb build --drafts): a
// left-out draft, or one of its aliases, at the output path of a page,
// an alias or another draft, or a file where another needs a folder.
// Without drafts the draft claims nothing (permalink), so medkb check
// said nothing and the preview an editor opens failed. The drafts are
// claimed after every published page and generated page, so each clash
// is reported at the draft's line, naming the other, but for a
// published page's alias at a draft's address, reported at the alias
// as a build with drafts does (the alias is what to remove); a draft
// at a generated page's address is not one (its page would win, as a
// published page's does). As in a build with drafts, every draft's
// address is claimed before any alias, and a draft's aliases are
// claimed whether its address clashed or not (such a build may claim
// the draft's address first, in file order). The aliases claimed are
// each language's DraftAliases; nothing claimed here changes the site.
func (a *assembler) draftClashes(langs []*Lang) {
	from := len(a.errs)
	// A draft without a title first lets the others claim what a build
	// with drafts, which leaves it out, gives them.
	for _, titled := range []bool{true, false} {
		for _, ls := range langs {
			for _, p := range ls.Drafts {
				if p.OutputPath == "" || hasTitle(p) != titled {
					continue // an invalid url: reported already
				}
				a.draftClaim(p)
			}
		}
		for _, ls := range langs {
			for _, p := range ls.Drafts {
				if p.OutputPath != "" && hasTitle(p) == titled {
					ls.DraftAliases = append(ls.DraftAliases, a.pageAliases(ls, p)...)
				}
			}
		}
	}
	for _, d := range a.errs[from:] {
		d.Severity, d.Hint = diag.Warning, strings.TrimSpace(d.Hint+" "+DraftsHint)
		a.warns = append(a.warns, d)
	}
	a.errs = a.errs[:from]
}

// hasTitle reports whether p has a title, as a published page must.
func hasTitle(p *page.Page) bool { return strings.TrimSpace(p.Meta.Title) != "" }

// draftClaim claims draft p's address as a build with drafts would,
// which claims every page's address before any alias or generated page:
// a published alias at the address, or at a file or folder the address
// needs, gives it up to the draft, reported at the alias (or at the one
// of the two written as a file, as folderClash says); a generated page
// gives its address up without a word (the draft's page wins, as a
// published page's does); a published page keeps its own.
func (a *assembler) draftClaim(p *page.Page) {
	out := p.OutputPath
	for {
		by, ok := a.blocker(out)
		switch {
		case ok && by == out && strings.HasPrefix(a.owner(by), generatedPrefix):
			a.unclaim(by)
			a.atGenerated = append(a.atGenerated, p)
			continue
		case ok && a.aliased[by]:
			if by == out {
				a.aliasAtDraft(p)
			} else {
				a.folderClash(out, p.File, PermalinkLine(p), false)
			}
			a.unclaim(by)
			continue
		}
		a.claim(out, p.File, PermalinkLine(p), false) // reports what else blocks it
		return
	}
}

// blocker returns the claimed output path that keeps out from being
// claimed (claim): out itself, a folder above it claimed as a file, or
// an output inside a folder named out.
func (a *assembler) blocker(out string) (string, bool) {
	by, _, ok := a.outputs.Blocker(out)
	return by, ok
}

// owner returns the file that claimed output path out, or "".
func (a *assembler) owner(out string) string {
	file, _ := a.outputs.Owner(out)
	return file
}

// unclaim takes back the claim of output path out (an alias's a draft
// takes: draftClaim).
func (a *assembler) unclaim(out string) {
	a.outputs.Remove(out)
	delete(a.lines, out)
	delete(a.aliased, out)
}

// aliasAtDraft reports the published alias at draft p's address as a
// build with drafts does, which claims p's address first and then finds
// the alias's taken: at the alias's line, naming p.
func (a *assembler) aliasAtDraft(p *page.Page) {
	for _, ls := range a.byLang {
		for _, al := range ls.Aliases {
			if al.OutputPath != p.OutputPath {
				continue
			}
			written := al.From // as written in aliases, found below
			for _, w := range al.To.Meta.Aliases {
				if c, err := CleanURL(w); err == nil && OutputPath(aliasFrom(ls.Prefix, aliasFolder(c))) == al.OutputPath {
					written = w
					break
				}
			}
			a.aliasAtPage(al.File, al.Line, written, p.File)
			return
		}
	}
}

// aliasFrom is the address an alias (clean, after aliasFolder) of a
// page of the language at prefix redirects: clean in the language,
// unless it names the language's prefix itself.
func aliasFrom(prefix, clean string) string {
	if prefix != "" && strings.HasPrefix(clean, prefix+"/") {
		return clean
	}
	return prefix + clean
}

// aliasFolder returns the address an alias's redirect, or a page whose
// url: names no other kind of file (fileType), is written at: a folder's
// (/releases/4.9.0/, written releases/4.9.0/index.html) unless the
// address names an HTML file (/old/asthma.html). CleanURL reads a last
// part with a dot as a file's name, but HTML written as a file named
// 4.9.0 or leaflet.pdf is served as a download, not a page; Hugo
// publishes every alias not ending in .html as a folder (a page's url:
// with a dot it writes as a file, which is what this avoids), and hosts
// answer the address without the slash from the folder.
func aliasFolder(clean string) string {
	if strings.HasSuffix(clean, "/") {
		return clean
	}
	switch strings.ToLower(path.Ext(clean)) {
	case ".html", ".htm", ".xhtml":
		return clean
	}
	return clean + "/"
}

// badAlias says what is wrong with alias al of page p, with the fix, when
// it is not an address a redirect can answer: one not from the site's
// root (Hugo read "../x" and "x/y" from the page's folder; medkb's
// aliases are old addresses such as /old/asthma/, and reading it as one
// would redirect another address than the writer meant), or one with a
// #fragment or ?query (a browser never sends the fragment, and a static
// host serves a file whatever the query). "" when it is none of these.
func (a *assembler) badAlias(p *page.Page, al string) (msg, hint string) {
	if strings.HasPrefix(al, "//") || strings.Contains(al, "://") || strings.ContainsAny(al, "%\\") ||
		strings.ContainsFunc(al, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return "", "" // CleanURL's: absolute, encoded or control characters
	}
	if i := strings.IndexAny(al, "#?"); i >= 0 {
		what, why := "a #fragment", "a browser never sends the part after #, so no redirect can be made for it"
		if al[i] == '?' {
			what, why = "a ?query", "a static host serves the same file whatever the query"
		}
		rest := al[:i]
		fix := "remove the alias"
		if c, err := CleanURL(rest); err == nil && rest != "" && strings.HasPrefix(rest, "/") {
			switch prev, taken := a.outputs.Owner(OutputPath(c)); {
			case OutputPath(c) == p.OutputPath:
				fix = "remove the alias: without " + al[i:] + " it is the page's own address"
			case taken && !strings.HasPrefix(prev, generatedPrefix):
				fix = "remove the alias: without " + al[i:] + " it is the address of " + prev
			default:
				fix = "write it without " + al[i:] + ", as " + c
			}
		}
		return fmt.Sprintf("alias %q has %s: a redirect answers an address, and %s", al, what, why), fix
	}
	if !strings.HasPrefix(al, "/") {
		hint := "write the old address from the site's root, such as /old/asthma/"
		if p.RelPermalink != "" {
			if c, err := CleanURL(path.Join(path.Dir(strings.TrimSuffix(p.RelPermalink, "/")), al)); err == nil {
				hint = "write the old address from the site's root: read from this page's folder it is " + c
			}
		}
		return fmt.Sprintf("alias %q is relative: an alias is an old address of the page, written from the site's root with a leading /", al), hint
	}
	return "", ""
}

// aliasTaken reports alias al of p, at line, whose output path out prev
// already claimed: another page's address or alias, or a generated page.
func (a *assembler) aliasTaken(p *page.Page, al string, line int, prev, out string) {
	switch {
	case prev == p.File:
		a.errorf(p.File, line, "remove one of them", "alias %s is also another alias of this page (both redirect %s)", al, out)
	case strings.HasPrefix(prev, generatedPrefix):
		a.errorf(p.File, line, "remove the alias: medkb builds its own page at that address",
			"alias %s is the address of medkb's %s", al, strings.TrimSuffix(strings.TrimPrefix(prev, generatedPrefix), ")"))
	case a.aliased[out]:
		a.errorf(p.File, line, "keep the alias on the one page the old address should now lead to, and remove it from the other",
			"alias %s is also an alias of %s (line %d): one address cannot redirect to two pages", al, prev, a.lines[out])
	default:
		a.aliasAtPage(p.File, line, al, prev)
	}
}

// aliasAtPage is the error for alias al, at file's line, at the address
// of the page of file prev.
func (a *assembler) aliasAtPage(file string, line int, al, prev string) {
	a.errorf(file, line, "remove the alias: the address is "+prev+"'s now, and a redirect there would replace that page",
		"alias %s is the address of %s", al, prev)
}

func sortByDate(ps []*page.Page) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i].Meta.Date.Time, ps[j].Meta.Date.Time
		if !a.Equal(b) {
			return a.After(b)
		}
		return ps[i].RelPermalink < ps[j].RelPermalink
	})
}

func sortByWeight(ps []*page.Page) {
	// Lowercase each title once, not in every comparison: a section of
	// 12,500 articles made 400,000 comparisons.
	type keyed struct {
		p     *page.Page
		title string
	}
	ks := make([]keyed, len(ps))
	for i, p := range ps {
		ks[i] = keyed{p, strings.ToLower(p.Meta.Title)}
	}
	slices.SortStableFunc(ks, func(x, y keyed) int {
		a, b := x.p.Meta.Weight, y.p.Meta.Weight
		if a != b {
			if a == 0 || b == 0 {
				if b == 0 {
					return -1
				}
				return 1
			}
			return cmp.Compare(a, b)
		}
		if c := strings.Compare(x.title, y.title); c != 0 {
			return c
		}
		return strings.Compare(x.p.RelPermalink, y.p.RelPermalink)
	})
	for i, k := range ks {
		ps[i] = k.p
	}
}

func titleCase(s string) string {
	s = strings.ReplaceAll(path.Base(s), "-", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// Today returns the date used for review notices: the config's today when
// set, else the given clock time truncated to a day.
func Today(cfg *config.Config, now time.Time) time.Time {
	if cfg.Today != "" {
		t, _ := time.Parse("2006-01-02", cfg.Today)
		return t
	}
	return now.UTC().Truncate(24 * time.Hour)
}

// FeedID returns the permanent identity of a page for feeds: its front
// matter id, or else its first permalink (the oldest alias when aliases
// record a move, since the first alias is where the page first lived).
//
// The alias is cleaned (CleanURL) as it was when feed ids were first
// made, not read as the address its redirect is published at: an alias
// with a dot in its last part (/releases/4.9.0) is published as a
// folder's, /releases/4.9.0/ (aliasFolder, since md-39), and a
// translation's alias under its language's prefix (/es/old/x/), while the
// id keeps /releases/4.9.0 and /old/x/. An id is a name, never fetched,
// and feed readers and autoposters know each article by it: made to
// agree with the address, it would change for every article whose first
// alias is such, and each would be posted again. medkb fix ids pins the
// id as it is (TestFeedIDKeepsTheAliasAsWritten).
func FeedID(p *page.Page) string {
	if p.Meta.ID != "" {
		return p.Meta.ID
	}
	if len(p.Meta.Aliases) > 0 {
		if c, err := CleanURL(p.Meta.Aliases[0]); err == nil {
			return c
		}
	}
	return p.RelPermalink
}
