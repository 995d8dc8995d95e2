package site

import (
	"context"
	"fmt"
	"html"
	"path"
	"strings"
	"time"

	"github.com/medkb/medkb/internal/assemble"
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/feed"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/render"
	"github.com/medkb/medkb/internal/search"
)

// today is the date the checks use for "review overdue", and the date
// that decides expiry (page.Page.Listed): the clock, or today: in
// medkb.yaml.
func (bd *build) today() time.Time { return assemble.Today(bd.cfg, bd.b.opts.Now) }

// renderToday is the date pages use to show the overdue notice at build
// time. Output depends on the clock only through expiry: it is zero
// unless medkb.yaml sets today:, and /js/site.js shows the notice in the
// browser once the page's next review date has passed, so a page built
// long ago still warns.
func (bd *build) renderToday() time.Time {
	if bd.cfg.Today == "" {
		return time.Time{}
	}
	return assemble.Today(bd.cfg, bd.b.opts.Now)
}

// writeFeeds writes the site, section and tag feeds of every language.
//
// Which entries a feed lists, when they are dated and what their ids are
// is set out in feedrules.go. An item's updated date is the page's lastmod:
// a medical review that changes nothing in the text changes last_reviewed
// only, never lastmod, so autoposters do not repost the article; a review
// with a change_note is announced by an item of its own.
func (bd *build) writeFeeds() error { return bd.writeFeedsOf(nil) }

// writeFeedsOf writes the feeds that list any of the touched pages within
// their window, or every feed when touched is nil.
func (bd *build) writeFeedsOf(touched map[*page.Page]bool) error {
	now := bd.b.opts.Now
	if err := bd.parseIDBase(touched == nil); err != nil {
		return err
	}
	if touched == nil {
		if err := bd.writeFeedStylesheets(); err != nil {
			return err
		}
	}
	for _, ls := range bd.site.Langs {
		all := bd.feedEntries(ls, now)
		prev := bd.previousFeed(ls, now)
		cut := bd.cutoff(all, prev)
		byPage := make(map[*page.Page][]feedEntry, len(all))
		for _, e := range all {
			byPage[e.p] = append(byPage[e.p], e)
		}
		if touched == nil {
			bd.feedWarnings(ls, all, cut)
			bd.deletedWarnings(ls, prev)
		}
		if err := bd.checkImages(ls.Articles); err != nil {
			return err
		}
		// Items are made lazily: only entries within some feed's window are
		// rendered as items, so feed work does not grow with the site.
		items := map[itemKey]feed.Item{}
		type list struct {
			page    *page.Page
			title   string
			entries []feedEntry
			summary bool
		}
		summaryOnly := bd.cfg.Feeds.Content == "summary"
		limit := bd.cfg.Feeds.Limit
		siteTitle := bd.cfg.In(ls.Language.Code).Title
		lists := []list{{ls.Home, siteTitle, window(all, cut, limit), summaryOnly}}
		if bd.cfg.Feeds.SectionFeeds() {
			for _, s := range ls.Sections {
				lists = append(lists, list{s, s.Meta.Title + " – " + siteTitle, window(filterEntries(all, func(p *page.Page) bool { return p.Parent == s }), cut, limit), summaryOnly})
			}
		}
		if bd.cfg.Feeds.TagFeeds() {
			for _, t := range ls.Tags {
				// A tag's entries come from its own pages: making them costs
				// the tag's size, not the site's.
				es := tagEntries(byPage, t.Pages)
				lists = append(lists, list{t.Page, t.Name + " – " + siteTitle, window(es, cut, limit), bd.cfg.Feeds.TagContent == "summary"})
			}
		}
		for _, l := range lists {
			if len(l.entries) == 0 && l.page != ls.Home {
				continue
			}
			if touched != nil && !listsAny(l.entries, touched) {
				continue
			}
			if err := bd.writeFeed(ls, l.page, l.title, l.entries, l.summary, items); err != nil {
				return err
			}
		}
	}
	return nil
}

// feedStylesheetURL is where a language's feed stylesheet is served: a
// root-relative path, since browsers apply XSLT only from the feed's origin.
func (bd *build) feedStylesheetURL(ls *assemble.Lang) string {
	return bd.cfg.BasePath() + strings.TrimPrefix(ls.Prefix+"/", "/") + "feed.xsl"
}

// writeFeedStylesheets writes feed.css and one feed.xsl per language,
// which turn a feed opened in a browser into a page explaining how to
// subscribe (internal/feed Stylesheet).
func (bd *build) writeFeedStylesheets() error {
	if err := bd.write("feed.css", "(feed stylesheet)", feed.StylesheetCSS); err != nil {
		return err
	}
	for _, ls := range bd.site.Langs {
		lang := ls.Language.Code
		dir := ls.Language.Direction
		if dir == "" {
			dir = "ltr"
		}
		xsl, err := feed.Stylesheet(feed.StylesheetText{Lang: lang, Dir: dir, CSS: bd.cfg.BasePath() + "feed.css",
			Notice: bd.theme.String(lang, "feed.xsl_notice"), HowTo: bd.theme.String(lang, "feed.xsl_howto"),
			Address: bd.theme.String(lang, "feed.xsl_address"), Home: bd.theme.String(lang, "feed.xsl_home"),
			Recent: bd.theme.String(lang, "feed.xsl_recent")})
		if err != nil {
			return err
		}
		if err := bd.write(strings.TrimPrefix(bd.feedStylesheetURL(ls), bd.cfg.BasePath()), "(feed stylesheet)", xsl); err != nil {
			return err
		}
	}
	return nil
}

// tagEntries returns the entries of a tag's pages, newest first.
func tagEntries(byPage map[*page.Page][]feedEntry, ps []*page.Page) []feedEntry {
	var out []feedEntry
	for _, p := range ps {
		out = append(out, byPage[p]...)
	}
	sortEntries(out)
	return out
}

func filterEntries(es []feedEntry, keep func(*page.Page) bool) []feedEntry {
	var out []feedEntry
	for _, e := range es {
		if keep(e.p) {
			out = append(out, e)
		}
	}
	return out
}

// checkImages reports a card image that does not exist, for every page (not
// only those within a feed's limit).
func (bd *build) checkImages(ps []*page.Page) error {
	cfg := bd.cfg
	if cfg.DefaultImage != "" {
		if _, ok := bd.static[strings.TrimPrefix(cfg.DefaultImage, "/")]; !ok {
			return &diag.Diagnostic{File: "medkb.yaml", Line: cfg.Lines["default_image"], Severity: diag.Error,
				Message: fmt.Sprintf("default_image %s does not exist", cfg.DefaultImage), Hint: "put the image under static/ or fix the path"}
		}
	}
	var errs diag.List
	for _, p := range ps {
		if img := p.Meta.Image; img != "" {
			if _, ok := bd.static[strings.TrimPrefix(img, "/")]; !ok {
				errs = append(errs, diag.Errorf(p.File, p.Meta.Lines["image"], "put the image under static"+path.Clean("/"+img)+" or fix the path",
					"image %s does not exist", img))
			}
		}
	}
	return errs.Err()
}

// listsAny reports whether a feed's entries (already windowed) include
// any of the touched pages.
func listsAny(es []feedEntry, touched map[*page.Page]bool) bool {
	for _, e := range es {
		if touched[e.p] {
			return true
		}
	}
	return false
}

// itemKey identifies a feed item made from an entry with full or summary content.
type itemKey struct {
	p       *page.Page
	kind    entryKind
	summary bool
}

func (bd *build) writeFeed(ls *assemble.Lang, owner *page.Page, title string, entries []feedEntry, summary bool, items map[itemKey]feed.Item) error {
	cfg := bd.cfg
	f := feed.Feed{Title: title, Description: owner.Summary(), Link: owner.Permalink, Lang: ls.Language.Code,
		Copyright: "© " + cfg.Publisher.Name, Generator: "medkb", Hub: cfg.Feeds.WebSubHub,
		Authors: []feed.Person{{Name: cfg.Publisher.Name, URL: cfg.Publisher.URL}}}
	if f.Description == "" {
		f.Description = cfg.In(ls.Language.Code).Description
	}
	if f.Description == "" {
		f.Description = title
	}
	if _, ok := bd.static["images/favicon.png"]; ok {
		f.Icon = cfg.AbsURL("/images/favicon.png")
	}
	if cfg.Publisher.Logo != "" {
		f.Logo = cfg.AbsURL(cfg.Publisher.Logo)
	}
	f.Stylesheet = bd.feedStylesheetURL(ls)
	for _, e := range entries {
		key := itemKey{e.p, e.kind, summary}
		it, ok := items[key]
		if !ok {
			var err error
			if it, err = bd.feedItem(ls, e, summary); err != nil {
				return err
			}
			items[key] = it
		}
		f.Items = append(f.Items, it)
		if it.Updated.After(f.Updated) {
			f.Updated = it.Updated
		}
	}
	if f.Updated.IsZero() {
		f.Updated = owner.Updated()
	}
	if f.Updated.IsZero() {
		// A feed with no item yet (a language whose pages are all
		// drafts): dated by the site's newest article in any language.
		for _, l := range bd.site.Langs {
			for _, a := range l.Articles {
				if a.Updated().After(f.Updated) {
					f.Updated = a.Updated()
				}
			}
		}
	}
	links := render.Feeds(cfg, render.FeedLevel(owner), owner.RelPermalink, title)
	f.Alternates = map[feed.Format]string{}
	for _, l := range links {
		f.Alternates[feed.Format(l.Format)] = cfg.AbsURL(l.URL)
	}
	for _, l := range links {
		f.SelfURL = cfg.AbsURL(l.URL)
		var buf strings.Builder
		if err := feed.Write(&buf, f, feed.Format(l.Format)); err != nil {
			return &diag.Diagnostic{File: pageName(owner), Severity: diag.Error, Message: "feed " + l.URL + ": " + err.Error()}
		}
		if err := bd.write(l.Path, "feed of "+pageName(owner), []byte(buf.String())); err != nil {
			d := diag.From(err)[0]
			d.Message = "feed name clash: " + d.Message
			return &d
		}
	}
	return nil
}

func (bd *build) feedItem(ls *assemble.Lang, e feedEntry, summary bool) (feed.Item, error) {
	cfg, p := bd.cfg, e.p
	it := feed.Item{ID: bd.entryID(e), Title: p.Meta.Title,
		Link: p.Permalink, Summary: p.Summary(), Tags: p.Meta.Tags, Published: e.pub, Updated: p.Updated()}
	if e.kind != entryArticle {
		it.Updated = e.pub
	}
	for _, a := range p.Authors {
		it.Authors = append(it.Authors, feed.Person{Name: personName(a), URL: a.URL})
	}
	content := string(p.Emergency) + string(p.Content)
	if summary {
		content = "<p>" + html.EscapeString(p.Summary()) + "</p>"
	}
	switch e.kind {
	case entryUpdate:
		it.Title = fmt.Sprintf(bd.theme.String(ls.Language.Code, "feed.updated"), p.Meta.Title, p.Meta.ChangeNote)
		it.Summary = p.Meta.ChangeNote
		content = "<p>" + html.EscapeString(p.Meta.ChangeNote) + "</p>"
	case entryWithdrawn:
		reason := p.Meta.Withdrawn.Reason
		it.Title = fmt.Sprintf(bd.theme.String(ls.Language.Code, "feed.withdrawn"), p.Meta.Title, reason)
		it.Summary = reason
		content = "<p>" + html.EscapeString(reason) + "</p>"
		if r := p.Meta.Withdrawn.ReplacedBy; r != "" {
			content += `<p><a href="` + html.EscapeString(r) + `">` + bd.theme.HTML(ls.Language.Code, "feed.replaced_by") + `</a></p>`
		}
	}
	it.Trust = bd.trust(p, e.kind)
	footer := bd.trustFooter(ls, p, it.Trust)
	if footer == "" {
		footer = "<hr>"
	}
	content += footer + bd.attribution(ls, p)
	clean, err := feed.ReaderCleanHTML([]byte(content))
	if err != nil {
		return it, &diag.Diagnostic{File: p.File, Severity: diag.Error, Message: "feed content: " + err.Error()}
	}
	abs, err := feed.AbsolutizeHTML(clean, feed.URI(p.Permalink))
	if err != nil {
		return it, &diag.Diagnostic{File: p.File, Severity: diag.Error, Message: "feed content: " + err.Error()}
	}
	it.ContentHTML = string(abs)
	img, alt, line := p.Meta.Image, p.Meta.ImageAlt, p.Meta.Lines["image"]
	if img == "" {
		img, alt, line = cfg.DefaultImage, cfg.DefaultImageAlt, 0
		if c := bd.card(p); c != "" {
			img, alt = c, p.Meta.Title
		}
	}
	if img != "" {
		w, h, length, ok := bd.imageSize(img)
		if !ok {
			file := p.File
			if line == 0 {
				file = "medkb.yaml"
				line = cfg.Lines["default_image"]
			}
			return it, &diag.Diagnostic{File: file, Line: line, Severity: diag.Error,
				Message: fmt.Sprintf("image %s does not exist", img), Hint: "put the image under static/ (static" + path.Clean("/"+img) + ") or fix the path"}
		}
		it.Image = &feed.Image{URL: cfg.AbsURL(img), Alt: alt, Length: length, Width: w, Height: h}
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
func (bd *build) trust(p *page.Page, kind entryKind) *feed.Trust {
	t := &feed.Trust{Kind: [...]string{"article", "update", "withdrawn"}[kind], LastReviewed: p.Meta.LastReviewed.Time, NextReview: p.NextReview}
	for _, a := range p.Authors {
		t.Authors = append(t.Authors, feed.Credited{Name: a.Name, Credentials: a.Credentials, URL: a.URL})
	}
	for _, a := range p.Reviewers {
		t.Reviewers = append(t.Reviewers, feed.Credited{Name: a.Name, Credentials: a.Credentials, URL: a.URL})
	}
	if !t.NextReview.IsZero() && t.NextReview.Before(bd.today()) {
		t.Overdue = true
	}
	return t
}

// trustFooter shows readers who wrote and reviewed the item, when, when
// the next review is due and whether it is overdue.
func (bd *build) trustFooter(ls *assemble.Lang, p *page.Page, t *feed.Trust) string {
	lang := ls.Language.Code
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
		parts = append(parts, bd.theme.HTML(lang, "feed.written_by", names(t.Authors)))
	}
	if len(t.Reviewers) > 0 && !t.LastReviewed.IsZero() {
		parts = append(parts, bd.theme.HTML(lang, "feed.reviewed_by", names(t.Reviewers), bd.theme.FormatDate(lang, t.LastReviewed)))
	}
	if !t.NextReview.IsZero() {
		parts = append(parts, bd.theme.HTML(lang, "feed.next_review", bd.theme.FormatDate(lang, t.NextReview)))
	}
	if t.Overdue {
		parts = append(parts, "<strong>"+bd.theme.HTML(lang, "feed.overdue")+"</strong>")
	}
	if len(parts) == 0 {
		return ""
	}
	return `<hr><p class="trust"><small>` + strings.Join(parts, " ") + `</small></p>`
}

// attribution is the provenance line that ends every item's content.
func (bd *build) attribution(ls *assemble.Lang, p *page.Page) string {
	lang := ls.Language.Code
	siteTitle := bd.cfg.In(lang).Title
	var text string
	if !p.Meta.LastReviewed.IsZero() {
		text = bd.theme.HTML(lang, "feed.attribution", siteTitle, bd.theme.FormatDate(lang, p.Meta.LastReviewed.Time))
	} else {
		text = bd.theme.HTML(lang, "feed.attribution_unreviewed", siteTitle)
	}
	return `<p class="attribution"><small>` + text + ` <a href="` + html.EscapeString(p.RelPermalink) + `">` + html.EscapeString(p.Permalink) + `</a></small></p>`
}

// writeSearch writes the browser modules and one search index per
// language under /LANG/search/.
func (bd *build) writeSearch() error {
	if bd.cfg.Search.Disabled {
		return nil
	}
	for _, a := range search.Assets() {
		if err := bd.write("search/"+a.Path, "(search assets)", a.Data); err != nil {
			return err
		}
	}
	in := bd.searchInput()
	for _, ls := range bd.site.Langs {
		sl := in.Langs[ls.Language.Code]
		base := sl.Options.BasePath
		ix, err := cancellable(bd.ctx, func() (*search.Incremental, error) { return search.NewIncremental(sl.Docs, sl.Options) })
		if err != nil {
			return &diag.Diagnostic{File: "(search index " + ls.Language.Code + ")", Severity: diag.Error, Message: err.Error()}
		}
		files, stats := ix.Files(), ix.Stats()
		// Kept for the deltas of later rebuilds (and in the build state).
		bd.mu.Lock()
		if bd.searchBase == nil {
			bd.searchBase = map[string]*search.Base{}
		}
		bd.searchBase[ls.Language.Code] = ix.Base()
		bd.mu.Unlock()
		bd.mu.Lock()
		bd.res.SearchBytes += stats.Bytes
		bd.mu.Unlock()
		dir := strings.TrimPrefix(base, "/")
		for _, f := range files {
			if err := bd.write(dir+f.Path, "(search index)", f.Data); err != nil {
				return err
			}
		}
	}
	return nil
}

// searchPaths returns the fixed names among the search files: the browser
// modules and each language's manifest. The checks, which run alongside the
// search phase, count them as link targets before they are written; the
// other search files have content-hashed names no page can link to.
func (bd *build) searchPaths() []string {
	if bd.cfg.Search.Disabled {
		return nil
	}
	var out []string
	for _, a := range search.Assets() {
		out = append(out, "search/"+a.Path)
	}
	for _, ls := range bd.site.Langs {
		out = append(out, strings.TrimPrefix(ls.Search.RelPermalink, "/")+"manifest.json")
	}
	return out
}

// SearchLang is the search input of one language.
type SearchLang struct {
	Docs    []search.Doc
	Options search.Options
}

// SearchInput is what the search index of every language is built from.
type SearchInput struct {
	DefaultLang string
	Langs       map[string]SearchLang
}

// SearchInput runs the build up to Markdown rendering, writing nothing, and
// returns the search documents and options per language (for the terminal
// search command's bleve index).
func (b *Builder) SearchInput(ctx context.Context) (*SearchInput, error) {
	bd := newBuild(b, ctx, nil)
	if err := bd.run(bd.phasesThrough("markdown")); err != nil {
		return nil, err
	}
	return bd.searchInput(), nil
}

// searchDoc is what the search index holds of an article, with the names
// of the conditions it is about.
func searchDoc(p *page.Page) search.Doc {
	d := search.Doc{URL: p.RelPermalink, Title: p.Meta.Title, Section: p.Section, Summary: p.Summary(),
		Audience: p.Meta.Audience, Lang: p.Lang, Tags: p.Meta.Tags, Glossary: p.Glossary, Body: p.Plain, Date: p.Meta.Date.Time,
		Reviewed: p.Meta.LastReviewed.Time}
	for _, c := range p.Meta.About {
		if c.Name != "" {
			d.About = append(d.About, c.Name)
		}
	}
	if p.Parent != nil {
		d.SectionTitle = p.Parent.Meta.Title
	}
	for _, h := range p.TOC {
		d.Headings = append(d.Headings, h.Text)
	}
	return d
}

// searchDoc is searchDoc with the site's knowledge: the trust pages
// (about, policies, contact) rank below patient pages.
func (bd *build) searchDoc(p *page.Page) search.Doc {
	d := searchDoc(p)
	for _, u := range bd.cfg.In(p.Lang).TrustPages.Map() {
		if u == p.RelPermalink {
			d.Secondary = true
		}
	}
	return d
}

func (bd *build) searchInput() *SearchInput {
	def := bd.cfg.DefaultLanguage()
	out := &SearchInput{DefaultLang: def.Code, Langs: map[string]SearchLang{}}
	// Every other language's index falls back to the default language's
	// (search.Options.Fallback): few results offer its pages, labelled.
	var fallback search.Fallback
	for _, ls := range bd.site.Langs {
		if ls.Language.Code == def.Code {
			fallback = search.Fallback{BasePath: ls.Search.RelPermalink, Lang: def.Code, Name: def.Name}
		}
	}
	for _, ls := range bd.site.Langs {
		docs := make([]search.Doc, 0, len(ls.Articles))
		for _, p := range ls.Articles {
			if p.InSearch(bd.today()) {
				docs = append(docs, bd.searchDoc(p))
			}
		}
		groups := append([][]string(nil), bd.data.synonyms.Groups...)
		if ls.Language.Code == out.DefaultLang {
			for _, g := range bd.data.glossary {
				if len(g.Synonyms) > 0 {
					groups = append(groups, append([]string{g.Term}, g.Synonyms...))
				}
			}
		}
		opts := search.Options{Lang: ls.Language.Code, Synonyms: groups, RemoveSynonyms: bd.data.synonyms.Remove,
			BasePath: ls.Search.RelPermalink}
		if ls.Language.Code != def.Code {
			opts.Fallback = fallback
		}
		out.Langs[ls.Language.Code] = SearchLang{Docs: docs, Options: opts}
	}
	return out
}

// cancellable runs fn, which cannot be interrupted (building a search index
// takes seconds on a large site and takes no context), and returns its
// result, or ctx's error as soon as ctx is done: a signal or a newer
// rebuild then need not wait for it. An abandoned fn runs to its end in
// the background and its result is dropped; it writes nothing.
func cancellable[T any](ctx context.Context, fn func() (T, error)) (T, error) {
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := fn()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}
