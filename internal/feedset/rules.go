package feedset

import (
	"cmp"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/medkb/medkb/internal/assemble"
	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/feed"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/source"
	"github.com/mmcdole/gofeed"
)

// What a feed lists, and under which id. The rules exist for autoposters,
// which post every id they have not seen and never post one twice:
//
//   - Eligibility: an article (a regular page) is an item unless its front
//     matter says feed: false, it is a trust page (about, editorial and
//     advertising policy, privacy, contact), a draft, expired, or dated in
//     the future (page.InFeed).
//   - Publication: an item is dated when it became public — publish_date,
//     else date — and feeds are ordered by that date, so a draft dated
//     months ago and published today can be given today's publish_date and
//     enters the feed at the top.
//   - Corrections: a withdrawn article is replaced by one item "Withdrawn:
//     <title> — <reason>", dated by the withdrawal; a change_note on a
//     review adds an item "Updated: <title> — <note>", dated by
//     last_reviewed. Their ids are the article's id plus "#withdrawn" or
//     "#update-<last_reviewed>", so each correction is posted once and a
//     later review with a new note is posted again.
//   - The window: a feed keeps its newest feeds.limit entries, among those
//     published within feeds.max_age (default 1y) of the language's newest
//     publication (its anchor). The anchor moves only when something newer is
//     published, so deleting other articles never lets an article older than
//     the cut-off into a feed. Deleting the newest article itself would move
//     the anchor back; where the destination still holds the last build's
//     site feed (every `medkb build` after the first into that folder),
//     its newest item holds the anchor, and any article that
//     feed listed and the sources no longer have is a warning asking for
//     withdrawn: instead, so subscribers are told. A first build from a
//     fresh clone has no such feed and follows the sources alone. Within the cut-off the limit alone decides;
//     when more than limit articles were published within max_age, deleting
//     one would let the next older one in, so the build warns (medkb.yaml,
//     feeds) and asks for a larger limit or a shorter max_age. This rule
//     needs no remembered state, so every build of the same sources —
//     on a laptop, in CI, from a fresh clone — lists the same items.
//   - A draft whose date is older than the site feed's oldest item would, if
//     published with that date, never be listed: the build warns at its
//     date line and asks for publish_date.
//
// Ids (itemID): a full URI in front matter id (tag:, urn:, https:) is used
// verbatim, so pinning the derived id (medkb fix ids) changes nothing. With
// feeds.id_base set, a derived id is id_base + the short id, else + the
// content file's path: no date, title, alias or URL enters it, so
// corrections, retitles and moves by url/slug keep it; renaming the file
// is a new article unless the id is pinned (the build warns about moved
// articles without one). Without id_base the older ids stay exactly as they
// were — tag:HOST,DATE:ID with the article's date, its first alias or its
// URL — so upgrading medkb re-posts nothing; the build then warns once,
// and `medkb fix ids` pins those ids before id_base is set.

// entryKind says what a feed entry announces.
type entryKind uint8

const (
	entryArticle entryKind = iota
	entryUpdate
	entryWithdrawn
)

// entry is one item of a feed before it is rendered.
type entry struct {
	p    *page.Page
	kind entryKind
	pub  time.Time
}

// pubDate is when a page became public: publish_date, else date.
func pubDate(p *page.Page) time.Time {
	if !p.Meta.PublishDate.IsZero() {
		return p.Meta.PublishDate.Time
	}
	return p.Meta.Date.Time
}

// entries returns every entry the language's feeds may list, newest
// publication first, before any window. Eligibility is page.InFeed, the
// predicate every list shares; a withdrawn article, which InFeed leaves
// out, is announced by an entry of its own.
func entries(ls *assemble.Lang, now time.Time) []entry {
	var out []entry
	for _, p := range slices.Concat(ls.Articles, ls.Unlisted) {
		if p.Meta.Date.IsZero() || pubDate(p).After(now) {
			continue
		}
		if w := p.Meta.Withdrawn; w != nil {
			if p.Trust || (p.Meta.Feed != nil && !*p.Meta.Feed) {
				continue
			}
			when := w.Date.Time
			if when.IsZero() {
				when = p.Updated()
			}
			if !when.After(now) {
				out = append(out, entry{p, entryWithdrawn, when})
			}
			continue
		}
		if !p.InFeed(now) {
			continue
		}
		out = append(out, entry{p, entryArticle, pubDate(p)})
		if p.Meta.ChangeNote != "" && !p.Meta.LastReviewed.IsZero() && !p.Meta.LastReviewed.After(now) {
			out = append(out, entry{p, entryUpdate, p.Meta.LastReviewed.Time})
		}
	}
	sortEntries(out)
	return out
}

// sortEntries orders entries newest publication first, then by URL and
// kind, so equal dates keep one order in every build.
func sortEntries(es []entry) {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if !a.pub.Equal(b.pub) {
			return a.pub.After(b.pub)
		}
		if a.p.RelPermalink != b.p.RelPermalink {
			return a.p.RelPermalink < b.p.RelPermalink
		}
		return a.kind < b.kind
	})
}

// cutoff is the oldest publication date a language's feeds may list: the
// anchor — the newest entry's date, or the last published feed's newest
// item if that is newer — less feeds.max_age (see the rules above).
func cutoff(cfg *config.Config, all []entry, prev publishedFeed) time.Time {
	anchor := prev.newest
	if len(all) > 0 && all[0].pub.After(anchor) {
		anchor = all[0].pub
	}
	if anchor.IsZero() {
		return time.Time{}
	}
	iv := cfg.Feeds.MaxAge
	return anchor.AddDate(-iv.Years, -iv.Months, -iv.Days)
}

// publishedFeed is what the destination's copy of a language's site feed
// (written by the previous build) listed.
type publishedFeed struct {
	file   string // the feed, relative to the destination
	newest time.Time
	items  []*gofeed.Item
}

// previousFeed reads the site feed the previous build left in the
// destination (Site.Dest), in the first format it finds; a missing or
// unreadable feed is no state, not an error. Items dated after now (a
// build with an earlier clock) are ignored.
func (w *writer) previousFeed(ls *assemble.Lang, now time.Time) publishedFeed {
	if w.Dest == "" {
		return publishedFeed{}
	}
	for _, name := range []string{"feed.json", "atom.xml", "index.xml"} {
		rel := path.Join(strings.TrimPrefix(ls.Prefix, "/"), name)
		f, err := source.OpenRegular(filepath.Join(w.Dest, filepath.FromSlash(rel)))
		if err != nil {
			continue
		}
		parsed, err := gofeed.NewParser().Parse(io.LimitReader(f, 64<<20))
		f.Close()
		if err != nil {
			continue
		}
		out := publishedFeed{file: rel}
		for _, it := range parsed.Items {
			when := it.PublishedParsed
			if when == nil {
				when = it.UpdatedParsed
			}
			if when == nil || when.After(now) {
				continue
			}
			out.items = append(out.items, it)
			if when.After(out.newest) {
				out.newest = *when
			}
		}
		return out
	}
	return publishedFeed{}
}

// deletedWarnings reports each article the last published site feed listed
// whose source is gone: subscribers were told of it and will never learn
// it was taken down, and without the published feed the next build from
// a fresh clone lets older articles back into the window.
func (w *writer) deletedWarnings(ls *assemble.Lang, prev publishedFeed) {
	if len(prev.items) == 0 {
		return
	}
	known := map[string]bool{}
	for _, group := range [][]*page.Page{ls.Articles, ls.Unlisted, ls.Drafts} {
		for _, p := range group {
			known[itemID(w.Config, w.idBase, p)] = true
		}
	}
	for _, it := range prev.items {
		id := it.GUID
		if base, _, ok := strings.Cut(id, "#"); ok {
			id = base // a correction's id is its article's plus a fragment
		}
		if id == "" || known[id] {
			continue
		}
		w.warns = append(w.warns, diag.Diagnostic{File: path.Join(w.destName(), prev.file), Severity: diag.Warning, Check: "feeds",
			Message: fmt.Sprintf("%q (%s) was in the published feed and its source is gone: subscribers and autoposters are never told it was taken down", it.Title, it.Link),
			Hint:    "restore the file with withdrawn: {date: …, reason: \"…\"} so the feed announces the withdrawal and the page explains it; delete it once the withdrawal has left the feed"})
	}
}

// destName is how diagnostics name the destination folder: relative to the
// site when it is inside it.
func (w *writer) destName() string {
	if rel, err := filepath.Rel(w.Source, w.Dest); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(w.Dest)
}

// window keeps the entries published on or after cut, at most limit of
// them; es is newest first.
func window(es []entry, cut time.Time, limit int) []entry {
	n := sort.Search(len(es), func(i int) bool { return es[i].pub.Before(cut) })
	return es[:min(n, limit)]
}

// windowWarnings reports, once per language, a window whose limit binds
// within max_age, and drafts that would never be listed.
func (w *writer) windowWarnings(ls *assemble.Lang, all []entry, cut time.Time) {
	limit := w.Config.Feeds.Limit
	within := window(all, cut, len(all))
	if len(within) > limit {
		w.warns = append(w.warns, diag.Diagnostic{File: "medkb.yaml", Line: w.Config.Lines["feeds"], Severity: diag.Warning, Check: "feeds",
			Message: fmt.Sprintf("%d %s feed entries were published within feeds.max_age of the newest, more than feeds.limit (%d): deleting one would let an older, never-listed article into the feed",
				len(within), ls.Language.Code, limit),
			Hint: "raise feeds.limit or shorten feeds.max_age (such as 90d)"})
	}
	win := window(all, cut, limit)
	if len(win) == 0 {
		return
	}
	oldest := win[len(win)-1].pub
	if len(win) < limit && len(within) == len(all) {
		oldest = cut // the window is not full: the cut-off is what excludes
	}
	for _, p := range ls.Drafts {
		if p.Meta.Date.IsZero() || !p.Meta.PublishDate.IsZero() || !p.Meta.Date.Before(oldest) {
			continue
		}
		line := p.Meta.Lines.Of("date")
		w.warns = append(w.warns, diag.Diagnostic{File: p.File, Line: line, Severity: diag.Warning, Check: "feeds",
			Message: fmt.Sprintf("draft dated %s is older than the oldest item of the feed (%s): published with this date it would never reach subscribers",
				p.Meta.Date.Format(time.DateOnly), oldest.Format(time.DateOnly)),
			Hint: "when you publish it, add publish_date: with that day's date (date stays the date of writing)"})
	}
}

// itemID is the permanent id of p's feed item (see the rules above).
func itemID(cfg *config.Config, idBase string, p *page.Page) string {
	if feed.IsFullID(p.Meta.ID) {
		return p.Meta.ID
	}
	if idBase != "" {
		if p.Meta.ID != "" {
			return feed.BaseID(idBase, p.Meta.ID)
		}
		return feed.BaseID(idBase, strings.TrimPrefix(p.File, "content/"))
	}
	return feed.ItemID(cfg.BaseURL, p.Meta.Date.Time, assemble.FeedID(p))
}

// entryID is the id of an entry: the article's, or a correction's.
func (w *writer) entryID(e entry) string {
	id := itemID(w.Config, w.idBase, e.p)
	switch e.kind {
	case entryWithdrawn:
		return id + "#withdrawn"
	case entryUpdate:
		return id + "#update-" + e.pub.UTC().Format(time.DateOnly)
	}
	return id
}

// parseIDBase validates feeds.id_base and, with warn, warns when it is
// missing while articles rely on the older date-bound ids.
func (w *writer) parseIDBase(warn bool) error {
	base, warns, err := parseIDBase(w.Config, w.Site.Site, warn)
	w.idBase, w.warns = base, append(w.warns, warns...)
	return err
}

func parseIDBase(cfg *config.Config, site *assemble.Site, warn bool) (string, diag.List, error) {
	var warns diag.List
	raw := cfg.Feeds.IDBase
	if raw == "" && !warn {
		return "", nil, nil // no id base to parse, and no warning to count for
	}
	if raw == "" {
		n := 0
		for _, ls := range site.Langs {
			for _, p := range ls.Articles {
				if !feed.IsFullID(p.Meta.ID) {
					n++
				}
			}
		}
		if n > 0 {
			warns = append(warns, diag.Diagnostic{File: "medkb.yaml", Line: cfg.Lines["feeds"], Severity: diag.Warning, Check: "feeds",
				Message: fmt.Sprintf("feeds.id_base is not set: the feed ids of %d articles contain their date and host, so correcting a date or moving the site re-posts them", n),
				Hint:    "run `medkb fix ids` to pin today's ids into front matter, then set feeds.id_base: \"tag:YOUR-HOST,YEAR:\""})
		}
		return "", warns, nil
	}
	base, err := feed.ParseIDBase(raw)
	if err != nil {
		return "", nil, &diag.Diagnostic{File: "medkb.yaml", Line: cfg.Lines["feeds"], Severity: diag.Error, Message: "feeds.id_base: " + err.Error(),
			Hint: "write the site's host and the year it started, such as tag:health.example.org,2024:"}
	}
	if !warn {
		return base, nil, nil
	}
	for _, ls := range site.Langs {
		for _, p := range ls.Articles {
			if p.Meta.ID == "" && len(p.Meta.Aliases) > 0 {
				warns = append(warns, diag.Diagnostic{File: p.File, Line: p.Meta.Lines.Of("aliases"), Severity: diag.Warning, Check: "feeds",
					Message: "this article moved but has no id: its feed id follows the file name, and renaming the file would post it again",
					Hint:    "run `medkb fix ids` to pin its feed id"})
			}
		}
	}
	return base, warns, nil
}

// checkUniqueIDs reports an error when two articles of one language have
// one feed item id (a copied article keeps the original's id: line): feed
// readers and autoposters take the two for one entry, so one of them
// never reaches subscribers, or replaces the other. It is reported with
// the feeds' warnings, so the build goes on to say everything else that
// is wrong before it fails.
func (w *writer) checkUniqueIDs() {
	for _, ls := range w.Site.Site.Langs {
		// Group first: only the articles that share an id are ranked.
		byID := map[string][]*page.Page{}
		var shared []string
		for _, p := range slices.Concat(ls.Articles, ls.Unlisted) { // withdrawn and expired articles have feed items too
			id := itemID(w.Config, w.idBase, p)
			if byID[id] = append(byID[id], p); len(byID[id]) == 2 {
				shared = append(shared, id)
			}
		}
		eachCopy(byID, shared, w.dupe)
		w.draftDupes(ls, byID)
	}
}

// draftDupes warns, at the draft, of each draft left out of the build
// (ls.Drafts, an article with a title) whose feed item id a published
// article (byID, checkUniqueIDs') or another draft has (at the copy of
// the two, as originalFirst orders them): a build with drafts (medkb
// serve, medkb build --drafts) stops on it, and publishing the draft
// would leave one of the two out of the feeds. Said at the draft
// whichever of the two is the original (the published article's id may
// have reached subscribers already; the draft's has not). Without
// drafts, medkb check said nothing of it.
func (w *writer) draftDupes(ls *assemble.Lang, byID map[string][]*page.Page) {
	var drafts map[string][]*page.Page // by id, made for the first draft that shares one
	var shared []string
	for _, p := range ls.Drafts {
		if p.Kind != page.KindPage || p.File == "" || strings.TrimSpace(p.Meta.Title) == "" || p.RelPermalink == "" {
			continue // not an article a build with drafts would publish (no title; an invalid url: or slug:, said)
		}
		id := itemID(w.Config, w.idBase, p)
		if pub := byID[id]; len(pub) > 0 {
			w.draftDupe(p, id, slices.MinFunc(pub, originalFirst))
			continue
		}
		if drafts == nil {
			drafts = map[string][]*page.Page{}
		}
		if drafts[id] = append(drafts[id], p); len(drafts[id]) == 2 {
			shared = append(shared, id)
		}
	}
	eachCopy(drafts, shared, w.draftDupe)
}

// eachCopy calls report for each page of byID's groups named in shared
// (the ids more than one page has) but the original of its group, as
// originalFirst orders them, with the id and that original.
func eachCopy(byID map[string][]*page.Page, shared []string, report func(p *page.Page, id string, original *page.Page)) {
	for _, id := range shared {
		group := byID[id]
		slices.SortFunc(group, originalFirst)
		for _, p := range group[1:] {
			report(p, id, group[0])
		}
	}
}

// draftDupe is dupe's warning for draft p (draftDupes).
func (w *writer) draftDupe(p *page.Page, id string, original *page.Page) {
	d := dupeOf(p, id, original)
	d.Severity, d.Hint = diag.Warning, d.Hint+" "+assemble.DraftsHint
	w.warns = append(w.warns, d)
}

// originalFirst orders articles that share a feed id with the original
// first, the copies after: first the article whose id names its own file
// (medkb fix ids and medkb new write ids from the file's path, and a copy
// keeps the original's), then the one published first (undated last),
// then the file name.
func originalFirst(a, b *page.Page) int {
	ownID := func(p *page.Page) int {
		name := assemble.Slugify(strings.TrimSuffix(path.Base(p.File), path.Ext(p.File)))
		if p.Meta.ID == "" || strings.Contains(assemble.Slugify(p.Meta.ID), name) {
			return 0
		}
		return 1
	}
	undated := func(p *page.Page) int {
		if pubDate(p).IsZero() {
			return 1
		}
		return 0
	}
	return cmp.Or(cmp.Compare(ownID(a), ownID(b)), cmp.Compare(undated(a), undated(b)),
		pubDate(a).Compare(pubDate(b)), strings.Compare(a.File, b.File))
}

// dupe reports p, whose feed id the original already has, and leaves it
// out of the feeds (its error fails the build).
func (w *writer) dupe(p *page.Page, id string, original *page.Page) {
	if w.dupes == nil {
		w.dupes = map[*page.Page]bool{}
	}
	w.dupes[p] = true
	w.warns = append(w.warns, dupeOf(p, id, original))
}

// dupeOf is the error for p, whose feed id the original has, at its id:
// line (else its title's).
func dupeOf(p *page.Page, id string, original *page.Page) diag.Diagnostic {
	line := p.Meta.Lines.Of("id")
	if line == 0 {
		line = p.Meta.Lines.Of("title")
	}
	return diag.Diagnostic{File: p.File, Line: line, Severity: diag.Error, Check: "feeds",
		Message: fmt.Sprintf("feed id %q is also the id of %s: feed readers and autoposters would take the two articles for one entry, so one of them never reaches subscribers", id, original.File),
		Hint:    "give this article an id of its own: remove the copied id: line, then run `medkb fix ids` to pin a new one"}
}

// withoutDupes returns es without the entries of the articles dupe left
// out of the feeds.
func (w *writer) withoutDupes(es []entry) []entry {
	if len(w.dupes) == 0 {
		return es
	}
	return filterEntries(es, func(p *page.Page) bool { return !w.dupes[p] })
}

// FeedID is an article's feed id and whether front matter pins it.
type FeedID struct {
	File   string // content file, relative to the site root
	ID     string // the id its feed item has now
	Pinned bool   // front matter id already holds exactly ID
}

// IDs returns the current feed id of every article and draft of every
// language, in file order, for `medkb fix ids`.
func IDs(cfg *config.Config, site *assemble.Site) ([]FeedID, error) {
	base, _, err := parseIDBase(cfg, site, false)
	if err != nil {
		return nil, err
	}
	var out []FeedID
	for _, ls := range site.Langs {
		for _, group := range [][]*page.Page{ls.Articles, ls.Drafts} {
			for _, p := range group {
				if p.File == "" || strings.HasPrefix(path.Base(p.File), "_index") {
					continue
				}
				id := itemID(cfg, base, p)
				out = append(out, FeedID{File: p.File, ID: id, Pinned: p.Meta.ID == id})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].File < out[j].File })
	return out, nil
}

func filterEntries(es []entry, keep func(*page.Page) bool) []entry {
	var out []entry
	for _, e := range es {
		if keep(e.p) {
			out = append(out, e)
		}
	}
	return out
}

// listsAny reports whether a feed's entries (already windowed) include
// any of the touched pages.
func listsAny(es []entry, touched map[*page.Page]bool) bool {
	for _, e := range es {
		if touched[e.p] {
			return true
		}
	}
	return false
}
