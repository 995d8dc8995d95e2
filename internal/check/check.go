// Package check runs medkb's content checks (the engine behind
// `medkb check`) over a plain description of an assembled site and returns
// sorted diagnostics.
//
// Contract:
//   - Run takes a Site made of plain values and returns every finding as a
//     Diagnostic with a file, line (and column where known), a severity, the
//     name of the check, a message and a hint saying how to fix it. The
//     result is sorted by file, line, column, check and message, so equal
//     input gives byte-identical output.
//   - Nothing is read from disk or the network and the clock is never read:
//     "today" is Site.Now; a page's raw file comes from its Source, which
//     the caller supplies (a file it cannot supply again is an identifier
//     error saying it was not scanned, never a clean page). External links are only checked for being well
//     formed, never fetched.
//   - Draft pages are checked exactly like published pages, so a writer
//     never gets a clean bill for the drafting phase; their errors come
//     back as warnings with the check name unchanged (WhileDraft), except
//     patient identifiers, which stay errors (a draft is still committed to
//     the repository). Links from a published page to a draft are
//     draft-link errors. Duplicate titles and slugs count published pages.
//   - Withdrawn pages publish a tombstone, not their body: only their
//     source's identifier scan runs. A link to one is a withdrawn-link
//     warning naming the replacement (the tombstone keeps the URL alive,
//     but patients should land on current advice).
//   - Expiry: a page whose expires date falls within ExpiryNotice (30
//     days) of Site.Now gets an "expires" warning.
//   - Readability is scored for English patient pages only (Lang "", "en"
//     or "en-*"); the formulas are calibrated for English and are
//     meaningless in other languages, so other languages are skipped.
//   - Messages quote writer-supplied values (URLs, titles) with Go quoting,
//     so control characters cannot reach a terminal; WriteJSON escapes via
//     encoding/json.
//   - Run does not modify its input, keeps no package-level mutable state
//     and is safe to call from several goroutines at once.
//
// Checks and their names (Diagnostic.Check): link, anchor, url, local-link
// (a warning: a link to localhost or a private address), draft-link,
// alt-text, review-overdue, no-reviewer, no-references, readability,
// source-age, identifier, duplicate-title, duplicate-slug, trust-page,
// translation, expires, withdrawn-link, image (a body image whose file is
// not published), self-review (an author reviewed their own page),
// reviewer-specialty, summary (missing, too short or too long on an
// article), and unlinked-file (a file of content/ that is published but
// that no page links to: RunUnlinked, which its caller runs beside Run,
// over every page's links, even when Run is given only some pages);
// Codes lists them.
//
// Levels: Site.Levels (medkb.yaml check:) and Page.Levels (front matter
// check:) set a check to error, warning or off; a page's setting wins over
// the site's, and a check set nowhere keeps the severity given above. The
// level applies before the draft rule, so a draft's errors are still
// warnings. Run trusts the names and levels it is given (the schema of
// medkb.yaml and front matter refuses unknown ones); Overrides lists the
// per-page settings so a summary can name them.
package check

import (
	"cmp"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/medkb/medkb/internal/check/phi"
	"github.com/medkb/medkb/internal/check/readability"
	"github.com/medkb/medkb/internal/parallel"
)

// Severity says whether a diagnostic stops the build.
type Severity string

// Severities.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Diagnostic is one finding. Line and Col are 1-based; zero means unknown
// (Col counts characters, not bytes). File is empty for site-wide findings
// when Site.ConfigFile is not set.
type Diagnostic struct {
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Col      int      `json:"col"`
	Severity Severity `json:"severity"`
	Check    string   `json:"check"`
	Message  string   `json:"message"`
	Hint     string   `json:"hint"`
}

// Link is a link destination in a page body with its line in the file.
// Written is what the writer wrote when the build led the link to Dest
// (asthma.md#causes, led to /conditions/asthma/#causes), "" otherwise:
// the messages quote it, as the writer searches the file for it.
type Link struct {
	Dest    string
	Line    int
	Written string
}

// Image is an image in a page body. Decorative is a raw <img alt="">:
// marked as telling nothing, it needs no alt text. An Alt of only white
// space is a raw <img alt=" "> (markdown.Image): neither decorative nor
// described.
type Image struct {
	Src, Alt   string
	Line       int
	Decorative bool
}

// Reference is one entry of a page's reference list.
type Reference struct {
	ID   string
	Year int // 0 when unknown
	Line int
}

// Page is one content page, reduced to what the checks need.
type Page struct {
	File      string // "content/conditions/asthma.md"
	URL       string // "/conditions/asthma/" (root-relative permalink)
	Lang      string
	Title     string
	TitleLine int
	Slug      string
	Draft     bool
	// Withdrawn pages publish a tombstone, not their body: only the
	// identifier scan (the source stays in the repository) applies.
	Withdrawn bool
	// ReplacedBy is a withdrawn page's replacement (its URL), for the
	// withdrawn-link hint.
	ReplacedBy string
	Audience   string // "patient" | "professional" | "" (site pages)
	IsArticle  bool   // a regular content page (not home, section or about)

	Date time.Time // front matter date; zero when missing
	// Modified is the front matter's lastmod (zero when not written), on
	// ModifiedLine.
	Modified     time.Time
	ModifiedLine int
	// Published is when the page became or becomes public (publish_date,
	// else date), on PublishedLine.
	Published                time.Time
	PublishedLine            int
	LastReviewed, NextReview time.Time
	ReviewLine               int // last_reviewed's line
	NextReviewLine           int // next_review's line; 0 when not written
	ReviewedBy               []string
	Authors                  []string // author ids (self-review, the editor's report)
	References               []Reference
	// Expires is the page's expires date (zero: never), on ExpiresLine.
	Expires     time.Time
	ExpiresLine int

	Reviewers      []Person // the reviewers named in reviewed_by that exist
	ReviewedByLine int
	Specialty      string
	Summary        string // as written; "" when not given
	SummaryLine    int

	Plain       string   // visible body text, newline-separated blocks
	Links       []Link   // every link destination in the body
	Images      []Image  // every content image in the body
	IDs         []string // element ids on the rendered page
	FooterLinks []string // root-relative URLs linked from footer and nav
	Translation *Translation
	// Source returns the raw file (front matter and body) when a check
	// reads it, or nil when the bytes the build read are no longer to be
	// had (the file changed since); nil for a generated page. A build
	// need not keep every file for the checks: it may read each again.
	Source func() []byte
	// Identifiers, when Scanned, are phi.Scan's findings in the bytes
	// Source reads, which the build made when it read them (and keeps
	// with the file's parsed front matter): the identifier check then
	// does not read the file again.
	Identifiers []phi.Finding
	Scanned     bool
	// Text, when set, returns Plain instead: a build that does not hold
	// every page's text reads it back when a check asks (PlainText).
	Text func() (string, error)
	// Langs lists the languages the page exists in, its own included
	// (for the editor's report: untranslated pages).
	Langs []string
	// Levels are the page's own check settings (front matter check:);
	// they override Site.Levels for the page's findings. CheckLine is the
	// line of check:.
	Levels    map[string]Level
	CheckLine int
}

// Translation describes the original of a translated page.
type Translation struct {
	OriginalFile                          string
	OriginalLastmod, OriginalLastReviewed time.Time
	LastReviewed                          time.Time // of the translation
}

// Language is one site language as medkb.yaml declares it.
type Language struct {
	Code, Name string
	// Prefix is the start of its pages' addresses ("/es"; "" for the
	// default language unless it is in a folder of its own).
	Prefix  string
	Line    int // of its entry in Site.ConfigFile
	Default bool
	// OwnDisclaimer reports a disclaimer of the language's own.
	OwnDisclaimer bool
}

// Site is everything Run checks.
type Site struct {
	BaseURL string
	Pages   []Page
	// DraftsBuilt says the build publishes drafts (medkb build --drafts,
	// serve): a published page's link to a draft then works, and the
	// draft-link check warns instead of stopping the build.
	DraftsBuilt bool
	// Files holds other published root-relative paths links may target
	// (static files, feeds, /search/, /tags/x/ …).
	Files map[string]bool
	// FilesIndexed says Files came from IndexFiles, which Run then reads
	// as it is instead of indexing it again: a caller checking one page
	// of a large site many times indexes its files once.
	FilesIndexed bool
	// TrustPages maps a trust page name ("about", "editorial_policy",
	// "advertising_policy", "privacy", "contact") to its URL.
	TrustPages map[string]string
	// LangTrustPages holds, by language code, the trust pages a language
	// sets for itself (medkb.yaml languages[].trust_pages): that
	// language's pages must link those instead.
	LangTrustPages map[string]map[string]string
	// Disclaimer is the site-level disclaimer; Languages the site's
	// languages, for the check that each shows its own.
	Disclaimer string
	Languages  []Language
	// Menu is the main navigation (medkb.yaml menu:), on every page.
	Menu []MenuLink
	// PageURLs holds the address of every page the build renders, its
	// own pages and those it makes (sections, tags, search …): a
	// language's pages link the menu's /about/ as /es/about/ when it is
	// one of them, as the renderer localizes the menu. Nil: none is.
	PageURLs map[string]bool
	// ConfigFile names the file site-wide diagnostics point at
	// (e.g. "medkb.yaml"); optional.
	ConfigFile        string
	Now               time.Time // the check's "today"
	ReadabilityTarget float64   // maximum Flesch–Kincaid grade; default 8
	// AllowIdentifiers are public contact details the identifier check
	// does not report (medkb.yaml identifiers.allow).
	AllowIdentifiers []string
	// ExternalPaths are path prefixes served by another system; links
	// under them are not checked (medkb.yaml links.external_paths).
	ExternalPaths []string
	SourceMaxAge  int // years; default 5
	// Levels set checks to error, warning or off for the whole site
	// (medkb.yaml check:); a check not named keeps its own severity.
	Levels map[string]Level
}

// Defaults applied by Run to zero (or negative) settings.
const (
	DefaultReadabilityTarget = 8
	DefaultSourceMaxAge      = 5
)

// Run performs every check on site and returns the diagnostics sorted by
// file, line, column, check and message.
func Run(site Site) []Diagnostic {
	if site.ReadabilityTarget <= 0 {
		site.ReadabilityTarget = DefaultReadabilityTarget
	}
	if site.SourceMaxAge <= 0 {
		site.SourceMaxAge = DefaultSourceMaxAge
	}
	idx := newIndex(site)
	perPage := make([][]Diagnostic, len(site.Pages))
	// Pages are checked in parallel: each worker writes only its own slot
	// and the index is read-only, so the result does not depend on timing.
	// A worker's readability counter keeps a memo of its own.
	counters := make([]readability.Counter, parallel.Workers(0))
	parallel.Each(len(site.Pages), len(counters), func(w, i int) {
		perPage[i] = checkPage(&site.Pages[i], site, idx, &counters[w])
	})
	var diags []Diagnostic
	for _, d := range perPage {
		diags = append(diags, d...)
	}
	var global []Diagnostic
	global = append(global, checkDuplicateTitles(site.Pages)...)
	global = append(global, checkDuplicateSlugs(site.Pages)...)
	global = append(global, checkTrustPages(site, idx)...)
	global = append(global, checkMenu(site, idx)...)
	global = append(global, checkLanguageDisclaimers(site)...)
	own := map[string]map[string]Level{}
	for i := range site.Pages {
		if site.Pages[i].Levels != nil {
			own[site.Pages[i].File] = site.Pages[i].Levels
		}
	}
	for _, d := range global {
		diags = append(diags, applyLevels([]Diagnostic{d}, site.Levels, own[d.File])...)
	}
	Sort(diags)
	return diags
}

// checkPage runs the checks that look at one page.
func checkPage(p *Page, site Site, idx *index, rc *readability.Counter) []Diagnostic {
	if read := p.Source; read != nil {
		// The identifier scan and readability (the hardest paragraph's
		// line) both read the source: read it once, and drop it with
		// this step.
		q := *p
		q.Source = sync.OnceValue(read)
		p = &q
	}
	diags := applyLevels(checkIdentifiers(p, site.AllowIdentifiers), site.Levels, p.Levels)
	if p.Withdrawn {
		return diags
	}
	var rest []Diagnostic
	rest = append(rest, checkLinks(p, idx)...)
	rest = append(rest, checkImages(p)...)
	rest = append(rest, checkImageFiles(p, idx)...)
	rest = append(rest, checkPeople(p)...)
	rest = append(rest, checkSummary(p)...)
	rest = append(rest, checkReview(p, site.Now)...)
	rest = append(rest, checkReferences(p)...)
	rest = append(rest, checkDate(p)...)
	rest = append(rest, checkSourceAge(p, site.Now, site.SourceMaxAge)...)
	rest = append(rest, checkReadability(p, site.ReadabilityTarget, rc)...)
	rest = append(rest, checkTranslation(p)...)
	rest = append(rest, checkExpiry(p, site.Now)...)
	rest = append(rest, checkFuture(p, site.Now)...)
	rest = append(rest, checkDateOrder(p)...)
	rest = applyLevels(rest, site.Levels, p.Levels)
	if p.Draft {
		for i := range rest {
			rest[i] = WhileDraft(rest[i])
		}
	}
	return append(append(diags, rest...), checkSiteWideLevels(p)...)
}

// SiteWideChecks are the checks whose findings are about the site, not a
// page: its trust pages and language disclaimers (medkb.yaml), static
// files loading from other hosts, files of content/ no page links to.
var SiteWideChecks = []string{"language-disclaimer", "third-party", "trust-page", CheckUnlinked}

// checkSiteWideLevels warns of a site-wide check set in a page's front
// matter, which the page's check: accepts (every check name is valid
// there) but which never applies, as no finding of it is about the page.
// Its level does not silence the warning: removing the key does.
func checkSiteWideLevels(p *Page) []Diagnostic {
	var out []Diagnostic
	for _, name := range SiteWideChecks {
		if _, set := p.Levels[name]; set {
			out = append(out, Diagnostic{File: p.File, Line: p.CheckLine, Severity: Warning, Check: name,
				Message: fmt.Sprintf("check: %s in this page's front matter has no effect: %s is a check of the whole site (its findings are about medkb.yaml or files that are no page), not of one page", name, name),
				Hint:    fmt.Sprintf("set it in medkb.yaml instead (check: {%s: %s}), or remove it from this page", name, p.Levels[name])})
		}
	}
	return out
}

// DraftHint ends the hint of an error downgraded because its page is a
// draft.
const DraftHint = "(a warning while the page is a draft; an error once it is published)"

// WhileDraft downgrades an error found on a draft page to a warning, its
// check name unchanged, saying so in the hint. Patient identifiers are
// never downgraded: a draft is committed to the repository too.
func WhileDraft(d Diagnostic) Diagnostic {
	if d.Severity != Error || d.Check == "identifier" {
		return d
	}
	d.Severity = Warning
	if d.Hint == "" {
		d.Hint = DraftHint
	} else {
		d.Hint += " " + DraftHint
	}
	return d
}

// ExpiryNotice is how long before a page's expires date check warns.
const ExpiryNotice = 30 * 24 * time.Hour

// checkExpiry warns when the page expires within ExpiryNotice of now: it
// will then leave every listing, search and the feeds.
func checkExpiry(p *Page, now time.Time) []Diagnostic {
	if p.Expires.IsZero() || now.IsZero() || !p.Expires.After(now) || p.Expires.Sub(now) > ExpiryNotice {
		return nil
	}
	days := int((p.Expires.Sub(now) + 24*time.Hour - 1) / (24 * time.Hour))
	return []Diagnostic{{File: p.File, Line: lineOr(p.ExpiresLine, 1), Severity: Warning, Check: "expires",
		Message: fmt.Sprintf("page expires on %s (in %d days): it then leaves listings, tag pages, search, the sitemap and feeds", p.Expires.Format("2006-01-02"), days),
		Hint:    "review it and move expires: later or remove it, or withdraw the page (withdrawn: {date, reason, replaced_by})"}}
}

// checkFuture reports dates after today. An article published after
// today: a static site has no later, so the page is on the site from this
// build (its section, tag pages, search and the sitemap list it), and
// only the feeds wait for the day; a writer scheduling it meant
// otherwise. A lastmod or last_reviewed after today: the page (and its
// feed entries, for lastmod) claims a change or a clinical review that
// has not happened.
func checkFuture(p *Page, now time.Time) []Diagnostic {
	if now.IsZero() {
		return nil
	}
	var out []Diagnostic
	if p.IsArticle && !p.Published.IsZero() && dateBefore(now, p.Published) {
		day := p.Published.Format(time.DateOnly)
		out = append(out, Diagnostic{File: p.File, Line: lineOr(p.PublishedLine, lineOr(p.TitleLine, 1)), Severity: Warning, Check: "future-date",
			Message: fmt.Sprintf("dated %s, in the future: the page is on the site from this build, and joins the feeds only on that day", day),
			Hint:    "to keep it off the site until then, set draft: true and remove it on " + day + "; or correct the date"})
	}
	if !p.Modified.IsZero() && dateBefore(now, p.Modified) {
		out = append(out, Diagnostic{File: p.File, Line: lineOr(p.ModifiedLine, lineOr(p.TitleLine, 1)), Severity: Warning, Check: "future-date",
			Message: fmt.Sprintf("lastmod %s is in the future: the page and its feed entries say it was updated on a day that has not come", p.Modified.Format(time.DateOnly)),
			Hint:    "set lastmod to the day of the last real change (today at the latest), or remove it"})
	}
	if !p.LastReviewed.IsZero() && dateBefore(now, p.LastReviewed) {
		out = append(out, Diagnostic{File: p.File, Line: lineOr(p.ReviewLine, lineOr(p.TitleLine, 1)), Severity: Warning, Check: "future-date",
			Message: fmt.Sprintf("last_reviewed %s is in the future: the page tells readers it was medically reviewed on a day that has not come", p.LastReviewed.Format(time.DateOnly)),
			Hint:    "set last_reviewed to the day the clinician reviewed the page"})
	}
	return out
}

// checkDateOrder reports a lastmod before the page's date: the page and
// its feed entries would say it changed before it was first published
// (an Atom entry updated before it was published; schema.org's
// dateModified before datePublished), usually a year or month typed
// wrong.
func checkDateOrder(p *Page) []Diagnostic {
	if p.Modified.IsZero() || p.Date.IsZero() || !dateBefore(p.Modified, p.Date) {
		return nil
	}
	return []Diagnostic{{File: p.File, Line: lineOr(p.ModifiedLine, lineOr(p.TitleLine, 1)), Severity: Warning, Check: "date-order",
		Message: fmt.Sprintf("lastmod %s is before date %s: the page and its feed entries would say it changed before it was first published",
			p.Modified.Format(time.DateOnly), p.Date.Format(time.DateOnly)),
		Hint: "correct lastmod to the day of the last real change (or date, if that is the one mistyped), or remove lastmod"}}
}

// Sort orders diagnostics by file, line, column, check and message.
func Sort(diags []Diagnostic) {
	slices.SortStableFunc(diags, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Check, b.Check),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// lineOr returns line when it is known (> 0), else fallback.
func lineOr(line, fallback int) int {
	if line > 0 {
		return line
	}
	return fallback
}
