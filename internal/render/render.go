// Package render turns assembled pages into HTML through the theme: it
// prepares the plain data each template sees (navigation, breadcrumbs,
// trust details, social preview tags, feed links, translations) and the
// page's schema.org JSON-LD, then executes the page kind's layout. Funcs
// are the template functions a theme is loaded with.
//
// Some markup is written in Go rather than by the theme, because
// html/template costs a reflective call for every value it escapes (three
// for an href): the head's tags about the page — title, description,
// canonical, robots, refresh and alternate links, meta and feed tags
// (Data.HeadTags, MetaTags, FeedTags) — and its stylesheet links, once a
// language (SiteData.CSSLinks); the article page's lists — breadcrumbs,
// table of contents, tags, share links, related articles (Data.CrumbItems,
// TOCItems, TagLinks, ShareItems, RelatedItems; lists.go) — its review
// dates, review notice and trust box (Data.ReviewDateItems, ReviewNotice,
// TrustItems, with the theme's strings and date format), and the
// footer's printed-from line (Data.PrintedFrom). Writing those lists with template loops took 45 % of an
// article page's template time on the bench corpus. Each is written byte for byte as the template loop
// it replaced, escaped as html/template escapes it there (escape.go), and
// held to it by a test; the data stays in Data for a theme that writes
// its own loops, and the list methods cost nothing when it does. The
// site-wide header, menu and footer are the theme's, written once per
// language by partialCached (package theme), and so is a page's card
// (Data.Card): the theme's card partial, written once per build and
// language and reused by every listing that shows the page (its tags'
// pages, the home page), which took the tag pages' time down by a third.
// Caching the person partial of bylines the same way (by the person's
// details) was measured and dropped: hashing the details cost what the
// partial did. The feeds a page advertises and their <link> tags are
// made once per section, tag or site (feedsOf).
//
// Render never reads files or the clock: the caller passes the date used
// for "review overdue" notices. A Renderer is safe for concurrent use.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/medkb/medkb/internal/assemble"
	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/theme"
)

// Today is the date pages show the overdue notice against at build time
// (Renderer.Today). Output depends on the clock only through expiry: it
// is zero unless medkb.yaml sets today:, and /js/site.js shows the notice
// in the browser once the page's next review date has passed, so a page
// built long ago still warns.
func Today(cfg *config.Config, now time.Time) time.Time {
	if cfg.Today == "" {
		return time.Time{}
	}
	return assemble.Today(cfg, now)
}

// Funcs are the template functions besides T and date (see package theme).
func Funcs() template.FuncMap {
	return template.FuncMap{
		"slugify":   assemble.Slugify,
		"hasPrefix": strings.HasPrefix,
		"join":      strings.Join,
		"lower":     strings.ToLower,
	}
}

// Renderer renders pages of one site.
type Renderer struct {
	Site     *assemble.Site
	Theme    *theme.Set
	Today    time.Time
	Glossary []page.GlossaryTerm
	Data     map[string]any
	// ImageSize reports the pixel size and byte length of a published
	// static image ("/images/card.png"); ok is false when it does not exist.
	ImageSize func(rel string) (w, h int, length int64, ok bool)
	// Card returns the root-relative URL of a page's generated social
	// card, or "" to use the site default; nil means no cards.
	Card func(p *page.Page) string
	CSS  []string // stylesheet URLs (root-relative)
	// URLs holds every page URL of the site, so links to site pages can
	// point at the page's own language when it exists there.
	URLs map[string]bool

	siteMu    sync.Mutex
	siteCache map[*assemble.Lang]*SiteData
	feeds     sync.Map // feedsKey → pageFeeds (see feedsOf)
}

// Crumb is one breadcrumb.
type Crumb struct{ Title, URL string }

// Alternate is a language version of the page (the page itself has
// Current set).
type Alternate struct {
	Lang, Name, URL, Permalink string
	Dir                        string // ltr | rtl
	Current                    bool
}

// Untranslated is a site language the page does not exist in: the note
// saying so, in that language, and the language's home page.
type Untranslated struct {
	Lang, Name, Home string // the language's code, name and home page
	// Text and HomeText say so ("This page is not available in
	// English.", "Go to the English home page") in the language TextLang,
	// written in direction Dir: the language's own where the theme has
	// its strings.
	Text, HomeText, TextLang, Dir string
}

// FeedLink is one feed a page advertises.
type FeedLink struct {
	Format, Type, Title, URL, Path string
	Abs                            string // the full address a reader app subscribes to
}

// Meta is one <meta> tag; Property for Open Graph, Name otherwise.
type Meta struct{ Property, Name, Content string }

// Share is a plain share link.
type Share struct{ Name, URL string }

// Data is what every template sees as dot.
type Data struct {
	Site        *SiteData
	Page        *page.Page
	Lang        config.Language
	Title       string // for <title>
	Description string
	Canonical   string
	JSONLD      template.JS
	Meta        []Meta
	// Meta as markup is MetaTags (a method; a theme may range over Meta).
	// FeedTags is Feeds as <link rel="alternate"> markup, a newline
	// before each (the default theme's head writes it).
	FeedTags    template.HTML
	Crumbs      []Crumb
	Alternates  []Alternate
	XDefault    string
	Feeds       []FeedLink
	Overdue     bool
	Today       time.Time
	Tags        []*assemble.Tag
	Share       []Share
	ReportURL   string
	Glossary    []page.GlossaryTerm
	Sections    []*page.Page
	Recent      []*page.Page
	AliasTarget string
	AllFeeds    []FeedGroup
	// NoIndex asks search engines not to index the page: a withdrawn
	// page's tombstone, an expired page.
	NoIndex bool
	// Withdrawn is set on a withdrawn page's tombstone.
	Withdrawn *Withdrawn
	// AZ files a section page's pages under the letters of the
	// language's "az.letters" string (see groupAZ).
	AZ AZ[*page.Page]
	// GlossaryAZ files the glossary page's terms the same way.
	GlossaryAZ AZ[page.GlossaryTerm]
	// ByTitle is a tag page's pages sorted by title in the language's
	// collation.
	ByTitle []*page.Page
	// OwnFeeds are the feeds of this section or tag page itself, only
	// in the formats the build writes for it (a subset of Feeds).
	OwnFeeds []FeedLink
	// Untranslated lists the site's other languages the page is not in
	// (nil on a single-language site).
	Untranslated []Untranslated
}

// Withdrawn is what a tombstone page says: when, why and where to go.
type Withdrawn struct {
	Date                           time.Time
	Reason                         string
	ReplacedByURL, ReplacedByTitle string
}

// FeedGroup lists the feeds of one page (site, section or tag) for the
// feeds page.
type FeedGroup struct {
	Title string
	Links []FeedLink
}

// SiteData is the site-wide part of Data.
type SiteData struct {
	// Title, Description and Disclaimer are the language's own where
	// medkb.yaml gives them (config.Config.In).
	Title, Description, BaseURL, Disclaimer string
	Publisher                               config.Publisher
	Trust                                   []Crumb // trust pages in footer order
	Menu                                    []Crumb
	Languages                               []config.Language
	CSS                                     []string
	// CSSLinks is CSS as <link rel="stylesheet"> tags, a newline before
	// each (the default theme's head writes it; a theme may range over
	// CSS).
	CSSLinks    template.HTML
	Home        string
	SearchURL   string
	GlossaryURL string
	FeedsURL    string
	TagsURL     string
	Data        map[string]any
	Config      *config.Config

	// partials caches the theme's partialCached output and the cards
	// (Data.Card) for the language and this Renderer's build.
	partials *theme.PartialCache
	theme    *theme.Set
}

// PartialCache implements theme.PartialCacher: the site-wide chrome a
// theme writes with partialCached is rendered once per language.
func (d *Data) PartialCache() *theme.PartialCache { return d.Site.partials }

// cardKey is where Data.Card caches a page's card.
type cardKey struct{ p *page.Page }

// GoPartials are the theme partials this package executes itself rather
// than through a template's call (Card), for theme.Set.Unused.
var GoPartials = []string{cardPartial}

const cardPartial = "card"

// Card is the theme's card partial (layouts/_partials/card.html) for p,
// written once per build and language and reused by every listing that
// shows p: an article is a card on each of its tags' pages and may be one
// on the home page. The partial sees p as dot, as {{ template "card" . }}
// does; its output must depend on p alone, as the default theme's does.
func (d *Data) Card(p *page.Page) (template.HTML, error) {
	return d.Site.partials.Do(cardKey{p}, func() (template.HTML, error) {
		return d.Site.theme.Partial(d.Lang.Code, cardPartial, p)
	})
}

// Cards is Card of each of ps, each after a newline: a listing's cards
// in one call. The term and home pages called Card once per card from a
// template loop, reflective calls and escaping around a cached string
// (BenchmarkListings: 50 cards in 117 µs against 37).
//
// The cards are gathered first and written into a string made to size: a
// listing's string grown by appending was made about twice over (a
// section of 10,000 articles lists them all; 463 MB of a 100,000-article
// build's pages phase).
func (d *Data) Cards(ps []*page.Page) (template.HTML, error) {
	cards := make([]template.HTML, len(ps))
	n := 0
	for i, p := range ps {
		c, err := d.Card(p)
		if err != nil {
			return "", err
		}
		cards[i] = c
		n += 1 + len(c)
	}
	var b strings.Builder
	b.Grow(n)
	for _, c := range cards {
		b.WriteByte('\n')
		b.WriteString(string(c))
	}
	return template.HTML(b.String()), nil
}

// MenuCurrent names the menu entries the page is under, for the theme's
// cached menu: each entry's URL that begins the page's, followed by
// "=page" when it is the page itself and "=true" otherwise (the
// aria-current values). Pages with the same MenuCurrent show the same menu.
func (d *Data) MenuCurrent() string {
	var b strings.Builder
	for _, m := range d.Site.Menu {
		if strings.HasPrefix(d.Page.RelPermalink, m.URL) {
			b.WriteString(m.URL)
			if d.Page.RelPermalink == m.URL {
				b.WriteString("=page ")
			} else {
				b.WriteString("=true ")
			}
		}
	}
	return b.String()
}

// LocalizeTitles gives the generated pages (search, glossary, feeds, topics,
// 404) their titles in the language's UI strings. Call it once before
// rendering: pages read each other's titles (breadcrumbs), so rendering
// itself never changes a page.
func LocalizeTitles(ls *assemble.Lang, th *theme.Set) {
	for _, p := range []*page.Page{ls.TagsPage, ls.Search, ls.Glossary, ls.Feeds, ls.NotFound} {
		if p == nil {
			continue
		}
		key := "kind." + string(p.Kind)
		if s := th.String(ls.Language.Code, key); s != key {
			p.Meta.Title = s
		}
	}
}

// Page renders one page to HTML.
func (r *Renderer) Page(ls *assemble.Lang, p *page.Page, extra *Data) ([]byte, error) {
	var buf bytes.Buffer
	if err := r.PageTo(&buf, ls, p, extra); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WithdrawnLayout is the layout of a withdrawn page's tombstone.
const WithdrawnLayout = "withdrawn"

// Layout returns the layout file (without .html) a page renders with: its
// kind's, the one its layout front matter names, or the tombstone of a
// withdrawn page, whatever layout it had.
func Layout(p *page.Page) string {
	switch {
	case p.Meta.IsWithdrawn():
		return WithdrawnLayout
	case p.Meta.Layout != "":
		return p.Meta.Layout
	}
	return string(p.Kind)
}

// PageTo renders one page to HTML like Page, appending it to buf, for a
// caller that reuses its buffers (a build renders every page into a few;
// a buffer for every page was 310 MiB at 10,000 bench articles). After an
// error buf holds part of a page.
func (r *Renderer) PageTo(buf *bytes.Buffer, ls *assemble.Lang, p *page.Page, extra *Data) error {
	d := r.data(ls, p)
	if extra != nil {
		d.AliasTarget = extra.AliasTarget
		d.AllFeeds = extra.AllFeeds
	}
	layout := Layout(p)
	// The template reads the body (Content, Emergency) once, held in
	// memory only while it runs (page.Page.Hold).
	release, err := p.Hold()
	if err != nil {
		return fmt.Errorf("%s: %w", orGenerated(p), err)
	}
	defer release()
	body, _ := p.Content()
	// The page is its content plus the theme's chrome (about 12 KB for the
	// default theme's article pages).
	buf.Grow(len(body) + 16<<10)
	if err := r.Theme.RenderTo(buf, ls.Language.Code, layout, d); err != nil {
		return fmt.Errorf("%s: %w", orGenerated(p), err)
	}
	return nil
}

// Alias renders a redirect page from an old URL.
func (r *Renderer) Alias(ls *assemble.Lang, a assemble.Alias) ([]byte, error) {
	var buf bytes.Buffer
	if err := r.AliasTo(&buf, ls, a); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// AliasTo renders the redirect page of alias a like Alias, appending it
// to buf, for a caller that reuses its buffers.
func (r *Renderer) AliasTo(buf *bytes.Buffer, ls *assemble.Lang, a assemble.Alias) error {
	d := r.data(ls, a.To)
	d.AliasTarget = a.To.RelPermalink
	return r.Theme.RenderTo(buf, ls.Language.Code, "alias", d)
}

// Root renders the pages a site whose default language lives under /CODE/
// (medkb.yaml default_language_in_subdir) needs at its root, as hosts
// expect both: index.html, redirecting to the default language's home,
// and 404.html, that language's 404 page. Both are nil for other sites.
func (r *Renderer) Root() (index, notFound []byte, err error) {
	if !r.Site.Config.DefaultLanguageInSubdir {
		return nil, nil, nil
	}
	def := r.Site.Config.DefaultLanguage().Code
	for _, ls := range r.Site.Langs {
		if ls.Language.Code != def {
			continue
		}
		if index, err = r.Alias(ls, assemble.Alias{From: "/", OutputPath: "index.html", To: ls.Home}); err != nil {
			return nil, nil, err
		}
		notFound, err = r.Page(ls, ls.NotFound, nil)
		return index, notFound, err
	}
	return nil, nil, nil
}

func orGenerated(p *page.Page) string {
	if p.File != "" {
		return p.File
	}
	return "generated " + string(p.Kind) + " page " + p.RelPermalink
}

// site returns the site-wide template data of a language, computed once.
func (r *Renderer) site(ls *assemble.Lang) *SiteData {
	r.siteMu.Lock()
	defer r.siteMu.Unlock()
	if sd := r.siteCache[ls]; sd != nil {
		return sd
	}
	if r.siteCache == nil {
		r.siteCache = map[*assemble.Lang]*SiteData{}
	}
	sd := r.newSite(ls)
	r.siteCache[ls] = sd
	return sd
}

func (r *Renderer) newSite(ls *assemble.Lang) *SiteData {
	cfg := r.Site.Config
	local := cfg.In(ls.Language.Code)
	sd := &SiteData{Title: local.Title, Description: local.Description, BaseURL: cfg.BaseURL, Disclaimer: local.Disclaimer, Publisher: cfg.Publisher,
		Languages: cfg.Languages, CSS: r.CSS, CSSLinks: cssLinks(r.CSS), Home: ls.Home.RelPermalink,
		GlossaryURL: ls.Glossary.RelPermalink, FeedsURL: ls.Feeds.RelPermalink, Data: r.Data, Config: cfg,
		partials: &theme.PartialCache{}, theme: r.Theme}
	if ls.TagsPage != nil {
		sd.TagsURL = ls.TagsPage.RelPermalink
	}
	if !cfg.Search.Disabled { // else no search page, box or script
		sd.SearchURL = ls.Search.RelPermalink
	}
	trust := local.TrustPages
	for _, t := range []struct{ key, u string }{{"trust.about", trust.About}, {"trust.editorial_policy", trust.EditorialPolicy},
		{"trust.advertising_policy", trust.AdvertisingPolicy}, {"trust.privacy", trust.Privacy}, {"trust.contact", trust.Contact}} {
		if t.u != "" {
			sd.Trust = append(sd.Trust, Crumb{Title: r.Theme.String(ls.Language.Code, t.key), URL: r.localize(ls, t.u)})
		}
	}
	if len(cfg.Menu) > 0 {
		for _, m := range cfg.Menu {
			sd.Menu = append(sd.Menu, Crumb{Title: m.Name, URL: r.localize(ls, m.URL)})
		}
	} else {
		for _, s := range ls.Sections {
			if trust.About != "" && s.RelPermalink == r.localize(ls, trust.About) {
				continue
			}
			sd.Menu = append(sd.Menu, Crumb{Title: s.Meta.Title, URL: s.RelPermalink})
		}
	}
	return sd
}

// localize puts a root-relative site URL under the language prefix when
// the page exists in that language.
func (r *Renderer) localize(ls *assemble.Lang, u string) string {
	if ls.Prefix == "" || !strings.HasPrefix(u, "/") || strings.HasPrefix(u, ls.Prefix+"/") {
		return u
	}
	if r.URLs != nil && !r.URLs[ls.Prefix+u] {
		return u
	}
	return ls.Prefix + u
}

func (r *Renderer) data(ls *assemble.Lang, p *page.Page) *Data {
	cfg := r.Site.Config
	site := r.site(ls)
	d := &Data{Site: site, Page: p, Lang: ls.Language, Canonical: p.Permalink, Today: r.Today,
		Description: p.Summary(), Tags: ls.Tags, Glossary: r.Glossary, Sections: ls.Sections}
	if d.Description == "" {
		d.Description = site.Description
	}
	d.Title = p.Meta.Title
	if p.Kind != page.KindHome {
		d.Title = p.Meta.Title + " | " + site.Title
	}
	if p.Kind == page.KindTerm {
		d.Title = r.Theme.String(ls.Language.Code, "tag.title") + ": " + p.Meta.Title + " | " + site.Title
	}
	if p.Kind == page.KindHome {
		n := len(ls.Articles)
		if n > 6 {
			n = 6
		}
		d.Recent = ls.Articles[:n]
	}
	d.Crumbs = crumbs(p)
	d.Alternates, d.XDefault = alternates(p)
	if d.Alternates == nil && p.File == "" {
		d.Alternates, d.XDefault = r.generatedAlternates(ls, p)
	}
	r.languageNames(d.Alternates)
	d.Untranslated = r.untranslated(ls, d.Alternates)
	d.Feeds, d.FeedTags = r.feedsOf(ls, p)
	r.lists(ls, p, d)
	if p.IsArticle() && !p.NextReview.IsZero() && !r.Today.IsZero() && p.NextReview.Before(r.Today) {
		d.Overdue = true
	}
	d.Meta = r.social(ls, p)
	d.Share = share(p)
	d.ReportURL = reportURL(cfg.ReportProblem, p)
	d.JSONLD = r.jsonLD(ls, p, d.Crumbs)
	if p.IsArticle() && !p.Listed(r.Site.Today) {
		d.NoIndex = true
	}
	if w := p.Meta.Withdrawn; w != nil {
		d.Withdrawn = &Withdrawn{Date: w.Date.Time, Reason: w.Reason, ReplacedByURL: w.ReplacedBy, ReplacedByTitle: w.ReplacedBy}
		if q := p.Replacement; q != nil {
			d.Withdrawn.ReplacedByURL, d.Withdrawn.ReplacedByTitle = q.RelPermalink, q.Meta.Title
		}
		d.Share, d.ReportURL = nil, ""
	}
	return d
}

// generatedAlternates returns the language versions of a generated page
// (home, search, glossary, feeds, topics, 404): the page of the same kind
// in every language.
func (r *Renderer) generatedAlternates(ls *assemble.Lang, p *page.Page) ([]Alternate, string) {
	same := func(l *assemble.Lang) *page.Page {
		for _, q := range []*page.Page{l.Home, l.Search, l.Glossary, l.Feeds, l.TagsPage, l.NotFound} {
			if q != nil && q.Kind == p.Kind && q.File == "" {
				return q
			}
		}
		return nil
	}
	if same(ls) != p || len(r.Site.Langs) < 2 {
		return nil, ""
	}
	var out []Alternate
	xdef := ""
	for _, l := range r.Site.Langs {
		if q := same(l); q != nil {
			out = append(out, Alternate{Lang: l.Language.Code, URL: q.RelPermalink, Permalink: q.Permalink, Current: q == p})
			if l.Language.Default {
				xdef = q.Permalink
			}
		}
	}
	if len(out) < 2 {
		return nil, ""
	}
	return out, xdef
}

// languageNames fills in each alternate's language name and direction, in
// the order of medkb.yaml's languages.
func (r *Renderer) languageNames(alts []Alternate) {
	order := map[string]int{}
	for i, l := range r.Site.Config.Languages {
		order[l.Code] = i
	}
	for i := range alts {
		if l, ok := r.Site.Config.Lang(alts[i].Lang); ok {
			alts[i].Name, alts[i].Dir = l.Name, l.Direction
		}
	}
	slices.SortStableFunc(alts, func(a, b Alternate) int { return order[a.Lang] - order[b.Lang] })
}

// untranslated returns the site's languages the page is not in, each with
// its note in that language (falling back to the page's language, then
// English, for a language the theme has no strings for).
func (r *Renderer) untranslated(ls *assemble.Lang, alts []Alternate) []Untranslated {
	if len(r.Site.Langs) < 2 {
		return nil
	}
	has := map[string]bool{ls.Language.Code: true}
	for _, a := range alts {
		has[a.Lang] = true
	}
	var out []Untranslated
	for _, l := range r.Site.Langs {
		code := l.Language.Code
		if has[code] {
			continue
		}
		str := func(key string) (string, string) {
			for _, c := range []string{code, ls.Language.Code, "en"} {
				if s := r.Theme.String(c, key); s != key {
					return s, c
				}
			}
			return key, code
		}
		text, in := str("lang.unavailable")
		home, _ := str("lang.home")
		u := Untranslated{Lang: code, Name: l.Language.Name, Home: l.Home.RelPermalink, Text: text, HomeText: home, TextLang: in, Dir: l.Language.Direction}
		if in != code {
			// The note is in another language than the one it names.
			if o, ok := r.Site.Config.Lang(in); ok {
				u.Dir = o.Direction
			} else {
				u.Dir = "ltr"
			}
		}
		out = append(out, u)
	}
	return out
}

// crumbs are the pages from the site's home down to p, p last: filled
// from the end of a slice made to size (prepending made a slice at
// every level).
func crumbs(p *page.Page) []Crumb {
	n := 0
	for q := p; q != nil; q = q.Parent {
		n++
	}
	if n == 0 {
		return nil
	}
	out := make([]Crumb, n)
	for q := p; q != nil; q = q.Parent {
		n--
		out[n] = Crumb{Title: q.Meta.Title, URL: q.RelPermalink}
	}
	return out
}

func alternates(p *page.Page) ([]Alternate, string) {
	if len(p.Translations) == 0 {
		return nil, ""
	}
	all := append([]*page.Page{p}, p.Translations...)
	var out []Alternate
	xdef := ""
	for _, q := range all {
		out = append(out, Alternate{Lang: q.Lang, URL: q.RelPermalink, Permalink: q.Permalink, Current: q == p})
		if q.Original == nil {
			xdef = q.Permalink
		}
	}
	return out, xdef
}

// feedOwner is the section or tag page whose feeds p advertises besides
// the site's: p itself, an article's section, or nil.
func feedOwner(cfg *config.Config, p *page.Page) *page.Page {
	switch {
	case p.Kind == page.KindSection && cfg.Feeds.SectionFeeds(), p.Kind == page.KindTerm && cfg.Feeds.TagFeeds():
		return p
	case p.Kind == page.KindPage && p.Parent != nil && p.Parent.Kind == page.KindSection && cfg.Feeds.SectionFeeds():
		return p.Parent
	}
	return nil
}

// feedLinksOf lists the feeds of owner (a section or tag page, or nil)
// that its level publishes, then the site's, in the formats each asks for.
func feedLinksOf(cfg *config.Config, ls *assemble.Lang, owner *page.Page) []FeedLink {
	title := cfg.In(ls.Language.Code).Title
	var out []FeedLink
	if owner != nil {
		level := config.FeedSection
		if owner.Kind == page.KindTerm {
			level = config.FeedTag
		}
		out = append(out, Feeds(cfg, level, owner.RelPermalink, owner.Meta.Title+" – "+title)...)
	}
	return append(out, Feeds(cfg, config.FeedSite, ls.Home.RelPermalink, title)...)
}

// feedsKey is the language and feed owner (see feedOwner) of the feeds
// pages advertise.
type feedsKey struct {
	ls    *assemble.Lang
	owner *page.Page
}

// pageFeeds are the feeds pages advertise and their <link> tags.
type pageFeeds struct {
	links []FeedLink
	tags  template.HTML
}

// feedsOf returns the feeds p advertises (its section's or tag's first,
// then the site's) and their feedTags, made once per language
// and feed owner: every article of a section advertises the same feeds.
// The slice is shared by those pages' Data; templates only read it.
func (r *Renderer) feedsOf(ls *assemble.Lang, p *page.Page) ([]FeedLink, template.HTML) {
	key := feedsKey{ls, feedOwner(r.Site.Config, p)}
	if v, ok := r.feeds.Load(key); ok {
		f := v.(pageFeeds)
		return f.links, f.tags
	}
	links := feedLinksOf(r.Site.Config, ls, key.owner)
	f := pageFeeds{links: links, tags: feedTags(links)}
	r.feeds.Store(key, f)
	return f.links, f.tags
}

// FeedLevel is the level of the feeds a list page owns: its section's or
// tag's, else the site's (the home page).
func FeedLevel(p *page.Page) config.FeedLevel {
	switch p.Kind {
	case page.KindSection:
		return config.FeedSection
	case page.KindTerm:
		return config.FeedTag
	}
	return config.FeedSite
}

// Feeds returns the feed files of a list page at dir ("/", "/conditions/")
// whose feeds are of the given level: one per format the site writes
// there (config.Feeds.FormatsOf), so a page advertises only feeds that
// exist.
func Feeds(cfg *config.Config, level config.FeedLevel, dir, title string) []FeedLink {
	var out []FeedLink
	for _, f := range cfg.Feeds.FormatsOf(level) {
		switch f {
		case "rss":
			out = append(out, FeedLink{Format: f, Type: "application/rss+xml", Title: title + " (RSS)", URL: dir + "index.xml"})
		case "atom":
			out = append(out, FeedLink{Format: f, Type: "application/atom+xml", Title: title + " (Atom)", URL: dir + "atom.xml"})
		case "json":
			out = append(out, FeedLink{Format: f, Type: "application/feed+json", Title: title + " (JSON Feed)", URL: dir + "feed.json"})
		}
	}
	for i := range out {
		out[i].Path = strings.TrimPrefix(out[i].URL, "/")
		out[i].Abs = cfg.AbsURL(out[i].URL)
	}
	return out
}

func share(p *page.Page) []Share {
	if !p.IsArticle() {
		return nil
	}
	u := url.QueryEscape(p.Permalink)
	t := url.QueryEscape(p.Meta.Title)
	return []Share{
		{"Email", "mailto:?subject=" + strings.ReplaceAll(t, "+", "%20") + "&body=" + u},
		{"Facebook", "https://www.facebook.com/sharer/sharer.php?u=" + u},
		{"LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?url=" + u},
		{"X", "https://x.com/intent/post?url=" + u + "&text=" + t},
		{"Bluesky", "https://bsky.app/intent/compose?text=" + t + "+" + u}, // QueryEscape(title + " " + permalink)
		{"Mastodon", "https://mastodonshare.com/?url=" + u + "&text=" + t},
	}
}

func reportURL(base string, p *page.Page) string {
	if base == "" {
		return ""
	}
	if strings.HasPrefix(base, "mailto:") {
		subj := url.PathEscape("Problem with page: " + p.Meta.Title)
		body := url.PathEscape("Page: " + p.Permalink + "\n\nWhat is wrong:\n")
		sep := "?"
		if strings.Contains(base, "?") {
			sep = "&"
		}
		return base + sep + "subject=" + subj + "&body=" + body
	}
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + "page=" + url.QueryEscape(p.Permalink)
}

// lists fills the A–Z indexes and sorted lists of list pages.
func (r *Renderer) lists(ls *assemble.Lang, p *page.Page, d *Data) {
	code := ls.Language.Code
	// The language's letters, for the two A–Z pages (not on every
	// article).
	alphabet := func() []string {
		a := strings.Fields(r.Theme.String(code, "az.letters"))
		if len(a) == 1 && a[0] == "az.letters" {
			return nil // a theme without the string: letters as found
		}
		return a
	}
	switch p.Kind {
	case page.KindSection:
		d.AZ = SectionAZ(code, alphabet(), p.Pages)
	case page.KindGlossary:
		d.GlossaryAZ = GlossaryAZ(code, alphabet(), r.Glossary)
	case page.KindTerm:
		d.ByTitle = SectionAZ(code, nil, p.Pages).Flat()
	}
	if p.Kind == page.KindSection || p.Kind == page.KindTerm {
		for _, f := range d.Feeds {
			if strings.HasPrefix(f.URL, p.RelPermalink) {
				d.OwnFeeds = append(d.OwnFeeds, f)
			}
		}
	}
}
