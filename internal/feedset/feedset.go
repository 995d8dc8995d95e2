// Package feedset is the set of feeds a site publishes and what each one
// lists: the site feed of every language, its section and tag feeds
// (feeds.section_feeds, feeds.tag_feeds), in every format of
// feeds.formats, with the stylesheet that turns a feed opened in a browser
// into a page on how to subscribe. The rules of eligibility, dating, the
// window and the permanent ids are in rules.go; package feed encodes the
// result.
//
// It reads no file but the site feed the last build published (the
// window's anchor) and keeps no state between calls: the site graph, the
// theme's strings and the static files come in a Site, the outputs go out
// through Site.Write, and warnings come back as diagnostics; what a later
// Write of an edit's pages may reuse comes back as Entries, which the
// caller passes in again (Site.Last). Write is safe
// for concurrent use when Site's functions are; it does not change the
// pages it is given.
package feedset

import (
	"bytes"
	"fmt"
	"github.com/medkb/medkb/internal/basepath"
	"html"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/medkb/medkb/internal/assemble"
	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/feed"
	"github.com/medkb/medkb/internal/imaging"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/render"
	"github.com/medkb/medkb/internal/theme"
	"github.com/medkb/medkb/internal/uri"
)

// Site is what the feeds are made from.
type Site struct {
	Config *config.Config
	Site   *assemble.Site
	Theme  *theme.Set
	Now    time.Time // the clock: an entry dated later is not listed yet
	Today  time.Time // the date that decides whether a review is overdue
	// HasStatic reports whether the site has a static file at rel (a path
	// relative to the site's root, without a leading slash).
	HasStatic func(rel string) bool
	// Known reports whether the site has a page or static file at a
	// site-rooted address (basepath.Rewrite); nil: every address is
	// served under the base path.
	Known func(u string) bool
	// ImageSize reports an image's pixel size and byte length; rel is
	// root-relative.
	ImageSize func(rel string) (w, h int, length int64, ok bool)
	// Card returns the URL of p's generated social card, or "".
	Card func(p *page.Page) string
	// Write writes one output file; by names what wrote it, for clashes.
	Write func(path, by string, data []byte) error
	// Source is the site's folder; Dest, when set, the folder the last
	// build was published to, whose site feed holds the window's anchor
	// (rules.go).
	Source, Dest string
	// Last, for a Write of touched pages, is what the previous Write
	// returned for the site before the edit (nil: gather them again).
	Last *Entries
}

// Entries is what a site's feeds list before any window, per language:
// gathering and sorting every article's entries is most of the feeds'
// cost at a body edit, which changes none of what decides them (dates,
// URLs, eligibility). A Write of touched pages given the last Entries
// reuses them, with the touched pages' new versions in place of their
// previous ones; it never changes the Entries it is given.
type Entries struct {
	now    time.Time
	byLang map[string]langEntries
}

type langEntries struct {
	all    []entry
	byFile map[string][]int // indexes into all of each source file's entries
}

func newLangEntries(all []entry) langEntries {
	le := langEntries{all: all, byFile: make(map[string][]int, len(all))}
	for i, e := range all {
		le.byFile[e.p.File] = append(le.byFile[e.p.File], i)
	}
	return le
}

// of returns the entries of a language: the last ones with the touched
// pages put in, when they were made with the same clock.
func (es *Entries) of(ls *assemble.Lang, now time.Time, touched map[*page.Page]bool) langEntries {
	last, ok := langEntries{}, false
	if es != nil && touched != nil && es.now.Equal(now) {
		last, ok = es.byLang[ls.Language.Code]
	}
	if !ok {
		return newLangEntries(entries(ls, now))
	}
	le := langEntries{all: slices.Clone(last.all), byFile: last.byFile}
	for p := range touched {
		for _, i := range le.byFile[p.File] {
			le.all[i].p = p
		}
	}
	return le
}

// pages returns the entries of ps, newest first.
func (le langEntries) pages(ps []*page.Page) []entry {
	var out []entry
	for _, p := range ps {
		for _, i := range le.byFile[p.File] {
			out = append(out, le.all[i])
		}
	}
	sortEntries(out)
	return out
}

// writer is one Write call.
type writer struct {
	Site
	idBase string // feeds.id_base, checked
	warns  diag.List
	dupes  map[*page.Page]bool // articles whose feed id an older one has (checkUniqueIDs)
}

// Write writes the site, section and tag feeds of every language, or,
// when touched is not nil, only the feeds that list any of the touched
// pages within their window (an edit to those pages' bodies, which
// changes no other feed). A full write also writes the stylesheets and
// returns the warnings about the feeds' configuration (rules.go); the
// warnings come back even with an error.
//
// An item's updated date is the page's lastmod: a medical review that
// changes nothing in the text changes last_reviewed only, never lastmod,
// so autoposters do not repost the article; a review with a change_note
// is announced by an item of its own.
//
// The Entries returned are for the next Write of touched pages (Site.Last).
func Write(s Site, touched map[*page.Page]bool) (diag.List, *Entries, error) {
	w := &writer{Site: s}
	es, err := w.write(touched)
	return w.warns, es, err
}

func (w *writer) write(touched map[*page.Page]bool) (*Entries, error) {
	if err := w.parseIDBase(touched == nil); err != nil {
		return nil, err
	}
	if touched == nil {
		w.checkUniqueIDs()
		if err := w.writeStylesheets(); err != nil {
			return nil, err
		}
	}
	cfg := w.Config
	made := &Entries{now: w.Now, byLang: map[string]langEntries{}}
	for _, ls := range w.Site.Site.Langs {
		le := w.Last.of(ls, w.Now, touched)
		made.byLang[ls.Language.Code] = le
		all := w.withoutDupes(le.all)
		prev := w.previousFeed(ls, w.Now)
		cut := cutoff(cfg, all, prev)
		if touched == nil {
			w.windowWarnings(ls, all, cut)
			w.deletedWarnings(ls, prev)
		}
		// A rebuild of touched pages (a body edit, which changes no
		// image, date, section or tag) checks, and looks for the lists
		// of, those pages only: its cost is theirs, not the site's.
		checked := ls.Articles
		var sections map[*page.Page]bool
		var tags map[string]bool
		if touched != nil {
			checked, sections, tags = nil, map[*page.Page]bool{}, map[string]bool{}
			for p := range touched {
				checked = append(checked, p)
				sections[p.Parent] = true
				for _, t := range p.Meta.Tags {
					tags[assemble.Slugify(t)] = true
				}
			}
		}
		if err := w.checkImages(checked); err != nil {
			return nil, err
		}
		// Items are made lazily: only entries within some feed's window are
		// rendered as items, so feed work does not grow with the site. Each
		// is prepared and encoded once for all the feeds that list it
		// (feed.Entry).
		items := map[itemKey]*feed.Entry{}
		type list struct {
			page    *page.Page
			title   string
			entries []entry
			summary bool
		}
		summaryOnly := cfg.Feeds.Content == "summary"
		limit := cfg.Feeds.Limit
		siteTitle := cfg.In(ls.Language.Code).Title
		lists := []list{{ls.Home, siteTitle, window(all, cut, limit), summaryOnly}}
		if cfg.Feeds.SectionFeeds() {
			for _, s := range slices.Concat(ls.Sections, ls.Subsections) {
				if sections != nil && !sections[s] {
					continue
				}
				lists = append(lists, list{s, s.Meta.Title + " – " + siteTitle, window(filterEntries(all, func(p *page.Page) bool { return p.Parent == s }), cut, limit), summaryOnly})
			}
		}
		if cfg.Feeds.TagFeeds() {
			for _, t := range ls.Tags {
				if tags != nil && !tags[t.Slug] {
					continue
				}
				// A tag's entries come from its own pages: making them costs
				// the tag's size, not the site's.
				es := w.withoutDupes(le.pages(t.Pages))
				lists = append(lists, list{t.Page, t.Name + " – " + siteTitle, window(es, cut, limit), cfg.Feeds.TagContent == "summary"})
			}
		}
		// Every list's feed is written, even with no entries (a section of
		// trust pages, a tag whose articles are all older than the cut-off):
		// its page advertises it, and a reader who subscribes early gets the
		// next article.
		for _, l := range lists {
			if touched != nil && !listsAny(l.entries, touched) {
				continue
			}
			if err := w.writeFeed(ls, l.page, l.title, l.entries, l.summary, items); err != nil {
				return nil, err
			}
		}
	}
	return made, nil
}

// Groups lists every feed of a language, for the feeds page.
func Groups(cfg *config.Config, th *theme.Set, ls *assemble.Lang) []render.FeedGroup {
	groups := []render.FeedGroup{{Title: th.String(ls.Language.Code, "feeds.site"), Links: render.Feeds(cfg, config.FeedSite, ls.Home.RelPermalink, cfg.In(ls.Language.Code).Title)}}
	if cfg.Feeds.SectionFeeds() {
		for _, s := range slices.Concat(ls.Sections, ls.Subsections) {
			if len(s.Pages) > 0 {
				groups = append(groups, render.FeedGroup{Title: s.Meta.Title, Links: render.Feeds(cfg, config.FeedSection, s.RelPermalink, s.Meta.Title)})
			}
		}
	}
	if cfg.Feeds.TagFeeds() {
		for _, t := range ls.Tags {
			groups = append(groups, render.FeedGroup{Title: th.String(ls.Language.Code, "tag.title") + ": " + t.Name,
				Links: render.Feeds(cfg, config.FeedTag, t.Page.RelPermalink, t.Name)})
		}
	}
	return groups
}

// stylesheetURL is where a language's feed stylesheet is served: a
// root-relative path, since browsers apply XSLT only from the feed's origin.
func stylesheetURL(cfg *config.Config, ls *assemble.Lang) string {
	return cfg.BasePath() + strings.TrimPrefix(ls.Prefix+"/", "/") + "feed.xsl"
}

// writeStylesheets writes feed.css and one feed.xsl per language, which
// turn a feed opened in a browser into a page explaining how to subscribe
// (feed.Stylesheet).
func (w *writer) writeStylesheets() error {
	if err := w.Write("feed.css", "(feed stylesheet)", feed.StylesheetCSS); err != nil {
		return err
	}
	cfg, th := w.Config, w.Theme
	for _, ls := range w.Site.Site.Langs {
		lang := ls.Language.Code
		dir := ls.Language.Direction
		if dir == "" {
			dir = "ltr"
		}
		xsl, err := feed.Stylesheet(feed.StylesheetText{Lang: lang, Dir: dir, CSS: cfg.BasePath() + "feed.css",
			Notice: th.String(lang, "feed.xsl_notice"), HowTo: th.String(lang, "feed.xsl_howto"),
			Address: th.String(lang, "feed.xsl_address"), Home: th.String(lang, "feed.xsl_home"),
			Recent: th.String(lang, "feed.xsl_recent")})
		if err != nil {
			return err
		}
		if err := w.Write(strings.TrimPrefix(stylesheetURL(cfg, ls), cfg.BasePath()), "(feed stylesheet)", xsl); err != nil {
			return err
		}
	}
	return nil
}

// checkImages reports a card image that does not exist or is in a format
// most browsers and link previews do not show (imaging.Unshown), for
// every page (not only those within a feed's limit).
func (w *writer) checkImages(ps []*page.Page) error {
	cfg := w.Config
	if cfg.DefaultImage != "" && !w.HasStatic(strings.TrimPrefix(cfg.DefaultImage, "/")) {
		return &diag.Diagnostic{File: "medkb.yaml", Line: cfg.Lines["default_image"], Severity: diag.Error,
			Message: fmt.Sprintf("default_image %s does not exist", cfg.DefaultImage), Hint: "put the image under static/ or fix the path"}
	}
	var errs diag.List
	for _, p := range ps {
		if format, ok := imaging.Unshown(p.Meta.Image); ok {
			errs = append(errs, diag.Errorf(p.File, p.Meta.Lines.Of("image"), imaging.UnshownHint(format),
				"image %s is a %s file, which link previews, feed readers and most browsers do not show", p.Meta.Image, format))
			continue
		}
		if img := p.Meta.Image; img != "" && !w.HasStatic(strings.TrimPrefix(img, "/")) {
			if bare := basepath.Strip(cfg.BasePath(), img); bare != img && w.HasStatic(strings.TrimPrefix(bare, "/")) {
				// The site's path written in: link previews and feeds
				// would ask for /guide/guide/images/a.png. The build
				// reads such an image: without the path, with a warning,
				// before it gets here, unless the site has a folder
				// named like its path (package site, frontMatterPaths).
				errs = append(errs, diag.Errorf(p.File, p.Meta.Lines.Of("image"), "write "+bare+": medkb adds "+cfg.BasePath(),
					"image %s starts with the site's path %s, which medkb adds to the image's address itself", img, cfg.BasePath()))
				continue
			}
			errs = append(errs, diag.Errorf(p.File, p.Meta.Lines.Of("image"), "put the image under static"+path.Clean("/"+img)+" or fix the path",
				"image %s does not exist", img))
		}
	}
	return errs.Err()
}

// itemKey identifies a feed item made from an entry with full or summary content.
type itemKey struct {
	p       *page.Page
	kind    entryKind
	summary bool
}

func (w *writer) writeFeed(ls *assemble.Lang, owner *page.Page, title string, entries []entry, summary bool, items map[itemKey]*feed.Entry) error {
	cfg := w.Config
	f := feed.Feed{Title: title, Description: owner.Summary(), Link: owner.Permalink, Lang: ls.Language.Code,
		Copyright: "© " + cfg.Publisher.Name, Generator: "medkb", Hub: cfg.Feeds.WebSubHub,
		Authors: []feed.Person{{Name: cfg.Publisher.Name, URL: cfg.Publisher.URL}}}
	if f.Description == "" {
		f.Description = cfg.In(ls.Language.Code).Description
	}
	if f.Description == "" {
		f.Description = title
	}
	if w.HasStatic("images/favicon.png") {
		f.Icon = cfg.AbsURL("/images/favicon.png")
	}
	if cfg.Publisher.Logo != "" {
		f.Logo = cfg.AbsURL(cfg.Publisher.Logo)
	}
	f.Stylesheet = stylesheetURL(cfg, ls)
	for _, e := range entries {
		key := itemKey{e.p, e.kind, summary}
		fe, ok := items[key]
		if !ok {
			it, err := w.item(ls, e, summary)
			if err != nil {
				return err
			}
			if fe, err = feed.NewEntry(it); err != nil {
				return &diag.Diagnostic{File: e.p.File, Severity: diag.Error, Message: "feed item: " + err.Error()}
			}
			items[key] = fe
		}
		f.Entries = append(f.Entries, fe)
		if u := fe.Updated(); u.After(f.Updated) {
			f.Updated = u
		}
	}
	if f.Updated.IsZero() {
		f.Updated = owner.Updated()
	}
	if f.Updated.IsZero() {
		// A feed with no item yet (a language whose pages are all
		// drafts): dated by the site's newest article in any language,
		// else its newest page of any kind, else, when no page of the
		// site has a date (every article a draft, as an import leaves a
		// site), the day of the build, which changes nothing a reader
		// gets from an empty feed. Atom needs an updated date; failing
		// the build here was an error at content/_index.md about a
		// feed's internals.
		f.Updated = w.newest(func(l *assemble.Lang) []*page.Page { return l.Articles })
	}
	if f.Updated.IsZero() {
		f.Updated = w.newest(func(l *assemble.Lang) []*page.Page { return l.Pages })
	}
	if f.Updated.IsZero() {
		f.Updated = w.Today
	}
	links := render.Feeds(cfg, render.FeedLevel(owner), owner.RelPermalink, title)
	f.Alternates = map[feed.Format]string{}
	for _, l := range links {
		f.Alternates[feed.Format(l.Format)] = cfg.AbsURL(l.URL)
	}
	var prepared *feed.Prepared // once for every format (only the self URL differs)
	for _, l := range links {
		self := cfg.AbsURL(l.URL)
		if prepared == nil {
			f.SelfURL = self
			p, err := feed.Prepare(f)
			if err != nil {
				return &diag.Diagnostic{File: owner.Name(), Severity: diag.Error, Message: "feed " + l.URL + ": " + err.Error()}
			}
			prepared = p
		}
		var buf bytes.Buffer
		if err := prepared.Write(&buf, feed.Format(l.Format), self); err != nil {
			return &diag.Diagnostic{File: owner.Name(), Severity: diag.Error, Message: "feed " + l.URL + ": " + err.Error()}
		}
		if err := w.Write(l.Path, "feed of "+owner.Name(), buf.Bytes()); err != nil {
			d := diag.From(err)[0]
			d.Message = "feed name clash: " + d.Message
			return &d
		}
	}
	return nil
}

func (w *writer) item(ls *assemble.Lang, e entry, summary bool) (feed.Item, error) {
	cfg, th, p := w.Config, w.Theme, e.p
	it := feed.Item{ID: w.entryID(e), Title: p.Meta.Title,
		Link: p.Permalink, Summary: p.Summary(), Tags: p.Meta.Tags, Published: e.pub, Updated: p.Updated()}
	if e.kind != entryArticle {
		it.Updated = e.pub
	}
	for _, a := range p.Authors {
		it.Authors = append(it.Authors, feed.Person{Name: personName(a), URL: a.URL})
	}
	var content string
	switch {
	case summary:
		content = "<p>" + html.EscapeString(p.Summary()) + "</p>"
	case e.kind == entryArticle:
		t, err := p.Text()
		if err != nil {
			return feed.Item{}, &diag.Diagnostic{File: p.File, Severity: diag.Error, Message: "feed item: " + err.Error()}
		}
		content = string(t.Emergency) + string(t.Content)
	}
	switch e.kind {
	case entryUpdate:
		it.Title = fmt.Sprintf(th.String(ls.Language.Code, "feed.updated"), p.Meta.Title, p.Meta.ChangeNote)
		it.Summary = p.Meta.ChangeNote
		content = "<p>" + html.EscapeString(p.Meta.ChangeNote) + "</p>"
	case entryWithdrawn:
		reason := p.Meta.Withdrawn.Reason
		it.Title = fmt.Sprintf(th.String(ls.Language.Code, "feed.withdrawn"), p.Meta.Title, reason)
		it.Summary = reason
		content = "<p>" + html.EscapeString(reason) + "</p>"
		if r := p.Meta.Withdrawn.ReplacedBy; r != "" {
			content += `<p><a href="` + html.EscapeString(r) + `">` + th.HTML(ls.Language.Code, "feed.replaced_by") + `</a></p>`
		}
	}
	it.Trust = w.trust(p, e.kind)
	footer := w.trustFooter(ls, it.Trust)
	if footer == "" {
		footer = "<hr>"
	}
	content += footer + w.attribution(ls, p)
	// Site-rooted addresses (a writer's "/conditions/asthma/", the trust
	// pages') are served under the base path (package basepath) before
	// they are resolved against the page's absolute URL.
	served, _ := basepath.Rewrite([]byte(content), cfg.BasePath(), w.Known)
	abs, err := feed.ReaderHTML(served, uri.URI(p.Permalink))
	if err != nil {
		return it, &diag.Diagnostic{File: p.File, Severity: diag.Error, Message: "feed content: " + err.Error()}
	}
	it.ContentHTML = string(abs)
	img, alt, line := p.Meta.Image, p.Meta.ImageAlt, p.Meta.Lines.Of("image")
	if img == "" {
		img, alt, line = cfg.DefaultImage, cfg.DefaultImageAlt, 0
		if c := w.Card(p); c != "" {
			img, alt = c, p.Meta.Title
		}
	}
	if img != "" {
		width, height, length, ok := w.ImageSize(img)
		if !ok {
			file := p.File
			if line == 0 {
				file = "medkb.yaml"
				line = cfg.Lines["default_image"]
			}
			return it, &diag.Diagnostic{File: file, Line: line, Severity: diag.Error,
				Message: fmt.Sprintf("image %s does not exist", img), Hint: "put the image under static/ (static" + path.Clean("/"+img) + ") or fix the path"}
		}
		it.Image = &feed.Image{URL: cfg.AbsURL(img), Alt: alt, Length: length, Width: width, Height: height}
	}
	return it, nil
}

func personName(a page.Author) string {
	if a.Credentials != "" {
		return a.Name + ", " + a.Credentials
	}
	return a.Name
}

// trust is what an item carries of p's medical provenance.
func (w *writer) trust(p *page.Page, kind entryKind) *feed.Trust {
	t := &feed.Trust{Kind: [...]string{"article", "update", "withdrawn"}[kind], LastReviewed: p.Meta.LastReviewed.Time, NextReview: p.NextReview}
	for _, a := range p.Authors {
		t.Authors = append(t.Authors, feed.Credited{Name: a.Name, Credentials: a.Credentials, URL: a.URL})
	}
	for _, a := range p.Reviewers {
		t.Reviewers = append(t.Reviewers, feed.Credited{Name: a.Name, Credentials: a.Credentials, URL: a.URL})
	}
	if !t.NextReview.IsZero() && t.NextReview.Before(w.Today) {
		t.Overdue = true
	}
	return t
}

// trustFooter shows readers who wrote and reviewed the item, when, when
// the next review is due and whether it is overdue.
func (w *writer) trustFooter(ls *assemble.Lang, t *feed.Trust) string {
	th, lang := w.Theme, ls.Language.Code
	names := func(cs []feed.Credited) string {
		var out []string
		for _, c := range cs {
			n := c.Name
			if c.Credentials != "" {
				n += ", " + c.Credentials
			}
			out = append(out, n)
		}
		return strings.Join(out, "; ")
	}
	// theme.HTML escapes the translated string and its arguments alike.
	var parts []string
	if len(t.Authors) > 0 {
		parts = append(parts, th.HTML(lang, "feed.written_by", names(t.Authors)))
	}
	if len(t.Reviewers) > 0 && !t.LastReviewed.IsZero() {
		parts = append(parts, th.HTML(lang, "feed.reviewed_by", names(t.Reviewers), th.FormatDate(lang, t.LastReviewed)))
	}
	if !t.NextReview.IsZero() {
		parts = append(parts, th.HTML(lang, "feed.next_review", th.FormatDate(lang, t.NextReview)))
	}
	if t.Overdue {
		parts = append(parts, "<strong>"+th.HTML(lang, "feed.overdue")+"</strong>")
	}
	if len(parts) == 0 {
		return ""
	}
	return `<hr><p class="trust"><small>` + strings.Join(parts, " ") + `</small></p>`
}

// attribution is the provenance line that ends every item's content.
func (w *writer) attribution(ls *assemble.Lang, p *page.Page) string {
	th, lang := w.Theme, ls.Language.Code
	siteTitle := w.Config.In(lang).Title
	var text string
	if !p.Meta.LastReviewed.IsZero() {
		text = th.HTML(lang, "feed.attribution", siteTitle, th.FormatDate(lang, p.Meta.LastReviewed.Time))
	} else {
		text = th.HTML(lang, "feed.attribution_unreviewed", siteTitle)
	}
	return `<p class="attribution"><small>` + text + ` <a href="` + html.EscapeString(p.RelPermalink) + `">` + html.EscapeString(p.Permalink) + `</a></small></p>`
}

// newest returns the latest Updated of the pages of of every language,
// zero when none has a date.
func (w *writer) newest(of func(*assemble.Lang) []*page.Page) time.Time {
	var t time.Time
	for _, l := range w.Site.Site.Langs {
		for _, p := range of(l) {
			if p.Updated().After(t) {
				t = p.Updated()
			}
		}
	}
	return t
}
