// Package page holds medkb's content model as plain structs: the front matter
// of an article (Meta), the people and sources it names, and the assembled
// Page that templates, feeds, the search index and the checks read.
//
// The package does no I/O and knows nothing of parsing or rendering; other
// packages fill these values in, in pipeline order (frontmatter → assemble →
// render). Values are not safe for concurrent mutation; once a site is
// assembled they are only read.
package page

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/medkb/medkb/internal/doi"
)

// Kind is a page kind; templates are looked up by it.
type Kind string

const (
	KindHome     Kind = "home"
	KindSection  Kind = "section"
	KindPage     Kind = "page"
	KindTaxonomy Kind = "taxonomy" // the list of all tags
	KindTerm     Kind = "term"     // the pages of one tag
	KindSearch   Kind = "search"
	KindGlossary Kind = "glossary"
	KindFeeds    Kind = "feeds"
	Kind404      Kind = "404"
	KindPerson   Kind = "person" // /people/ID/: an author, reviewer or translator
)

// Meta is an article's front matter. Lines maps each top-level key to its
// line in the source file, for diagnostics.
type Meta struct {
	Title       string   `yaml:"title"`
	ID          string   `yaml:"id"`
	Summary     string   `yaml:"summary"`
	Description string   `yaml:"description"`
	Date        Date     `yaml:"date"`
	Lastmod     Date     `yaml:"lastmod"`
	Draft       bool     `yaml:"draft"`
	Tags        []string `yaml:"tags"`
	// TagsText is set when tags: was one string, not a list: a comma in
	// it ("tags: gout, joints") made one tag, not two (assemble warns).
	TagsText      bool           `yaml:"-"`
	Slug          string         `yaml:"slug"`
	URL           string         `yaml:"url"`
	Aliases       []string       `yaml:"aliases"`
	Weight        int            `yaml:"weight"`
	Layout        string         `yaml:"layout"`
	Image         string         `yaml:"image"`
	ImageAlt      string         `yaml:"image_alt"`
	Authors       []string       `yaml:"authors"`
	ReviewedBy    []string       `yaml:"reviewed_by"`
	Translators   []string       `yaml:"translators"`
	LastReviewed  Date           `yaml:"last_reviewed"`
	NextReview    Date           `yaml:"next_review"`
	Audience      string         `yaml:"audience"`
	Specialty     string         `yaml:"specialty"`
	About         []Condition    `yaml:"about"`
	References    []Reference    `yaml:"references"`
	Funding       string         `yaml:"funding"`
	Sponsor       string         `yaml:"sponsor"`
	TranslationOf string         `yaml:"translation_of"`
	Params        map[string]any `yaml:"params"`

	// PublishDate is when the page became public (feeds order and date
	// items by it); zero means Date.
	PublishDate Date `yaml:"publish_date"`
	// Expires is the date after which the page leaves listings, search
	// and feeds; zero means never.
	Expires Date `yaml:"expires"`
	// Withdrawn, when set, keeps the URL as a tombstone page saying why.
	Withdrawn *Withdrawal `yaml:"withdrawn"`
	// ChangeNote describes a clinically significant change made at the
	// last review; feeds announce it as an item of its own.
	ChangeNote string `yaml:"change_note"`
	// Search, Feed and Sitemap keep the page out of the search index,
	// the feeds or the sitemap when false; nil means the default for the
	// page's kind.
	Search  *bool `yaml:"search"`
	Feed    *bool `yaml:"feed"`
	Sitemap *bool `yaml:"sitemap"`
	// Emergency is what to do in an emergency, in one or two plain
	// sentences; the layout shows it first, directly under the heading,
	// before any EMERGENCY callout of the body.
	Emergency string `yaml:"emergency"`
	// Check sets checks to error, warning or off for this page (check
	// name → level), over medkb.yaml's check:.
	Check map[string]string `yaml:"check"`

	// SecondBlock, when set, is a second front matter block at the top
	// of the body (a template's pasted under the file's own, two blocks
	// merged): its keys are not read, and Markdown makes it page text, a
	// horizontal line and a heading. Assemble reports it as an error.
	SecondBlock *SecondBlock `yaml:"-"`
	// YAMLWarnings are what the front matter's YAML reads, but not as
	// its writer likely meant (a tag YAML drops, an anchor that takes a
	// word out of the text: yamlsyntax.Check). Assemble reports them.
	YAMLWarnings []YAMLWarning `yaml:"-"`
	// Controls are the control characters in the front matter's values
	// (a C1 control such as U+0092, Windows-1252's ’ garbled; a vertical
	// tab; DEL), which HTML forbids: package frontmatter finds them,
	// package body reports them under the body's control-char rule.
	Controls []ControlChar `yaml:"-"`

	Lines Lines `yaml:"-"`
}

// ControlChar is a control character in a front matter value: the value
// starts at Line and Col of the file; Key names it ("title",
// "references: title").
type ControlChar struct {
	Line, Col int
	Key       string
	Rune      rune
}

// YAMLWarning is a warning about the front matter's YAML, at a file line.
type YAMLWarning struct {
	Line          int
	Message, Hint string
}

// SecondBlock is a block of front matter keys found at the top of the
// body, below the front matter. Lines are the file's.
type SecondBlock struct {
	Line, EndLine int    // its opening and closing delimiter lines
	Delim         string // its delimiter: "---" (YAML) or "+++" (TOML)
	// FrontMatterLine and FrontMatterEnd are the lines of the front
	// matter's own delimiters, where the keys belong, FrontMatterDelim
	// its delimiter.
	FrontMatterLine, FrontMatterEnd int
	FrontMatterDelim                string
	Keys                            []string // its keys, in order
}

// Withdrawal says why a page was withdrawn and what replaces it.
type Withdrawal struct {
	Date       Date   `yaml:"date"`
	Reason     string `yaml:"reason"`
	ReplacedBy string `yaml:"replaced_by"`
}

// Date is a calendar date or timestamp from front matter; the zero value
// means "not given".
type Date struct{ time.Time }

// Condition is a medical condition a page is about, with optional codes.
type Condition struct {
	Name   string `yaml:"name"`
	ICD10  string `yaml:"icd10"`
	SNOMED string `yaml:"snomed"`
}

// Reference is a source an article cites.
type Reference struct {
	ID        string `yaml:"id"`
	Title     string `yaml:"title"`
	DOI       string `yaml:"doi"`
	PMID      string `yaml:"pmid"`
	URL       string `yaml:"url"`
	Publisher string `yaml:"publisher"`
	Year      int    `yaml:"year"`
	Line      int    `yaml:"-"`
}

// Link returns the reference's best web address: DOI, then PubMed, then
// URL. A DOI is linked as the citation list links it (package doi): bare,
// whether written with "doi:" or as a resolver address; one not shaped as
// a DOI is passed over (markdown warns about it).
func (r Reference) Link() string {
	d := doi.Normalize(r.DOI)
	switch {
	case doi.Valid(d):
		return "https://doi.org/" + d
	case r.PMID != "":
		return "https://pubmed.ncbi.nlm.nih.gov/" + r.PMID + "/"
	}
	return r.URL
}

// Author is a person or an organisation from data/authors.yaml.
type Author struct {
	ID   string `yaml:"-"`
	Name string `yaml:"name"`
	// Type is "person" (the default, also when empty) or "organization"
	// for content written by an organisation, as much public health
	// content is.
	Type        string `yaml:"type"`
	Credentials string `yaml:"credentials"`
	Role        string `yaml:"role"`
	Specialty   string `yaml:"specialty"`
	Bio         string `yaml:"bio"`
	URL         string `yaml:"url"`
	Fediverse   string `yaml:"fediverse"`
	Conflicts   string `yaml:"conflicts"`
	// Profile is the site path of the person's page in the language of
	// the page that credits them ("/people/amorgan/"); set by assembling.
	Profile string `yaml:"-"`
}

// CreditsAs returns the credits of a people page in one role.
func (p *Page) CreditsAs(role string) []Credit {
	var out []Credit
	for _, c := range p.Credits {
		if c.Role == role {
			out = append(out, c)
		}
	}
	return out
}

// FediverseURL returns the profile URL of a fediverse handle written as
// "@user@host", or "" for anything else.
func (a Author) FediverseURL() string {
	h := strings.TrimPrefix(strings.TrimSpace(a.Fediverse), "@")
	user, host, ok := strings.Cut(h, "@")
	if !ok || user == "" || host == "" || strings.ContainsAny(h[len(user)+1:], "@/ ") || strings.ContainsAny(user, "/ ") {
		return ""
	}
	return "https://" + host + "/@" + user
}

// Credit is a page a person wrote, reviewed or translated, for their
// people page.
type Credit struct {
	Page *Page
	// Role is "written", "reviewed" or "translated".
	Role string
	// Date is the page's last medical review for "reviewed", else the
	// date it was last updated.
	Date time.Time
}

// Author types.
const (
	AuthorPerson       = "person"
	AuthorOrganization = "organization"
)

// IsOrganization reports whether the author is an organisation.
func (a Author) IsOrganization() bool { return a.Type == AuthorOrganization }

// GlossaryTerm is one entry of data/glossary.yaml.
type GlossaryTerm struct {
	Term       string   `yaml:"term"`
	Definition string   `yaml:"definition"`
	Synonyms   []string `yaml:"synonyms"`
	Slug       string   `yaml:"-"`
}

// Heading is an entry of a page's table of contents.
type Heading struct {
	Level    int
	ID, Text string
}

// Link is a link destination in a page body with its source line, and
// what the writer wrote when the build led it elsewhere (a Markdown
// file's page: markdown.Link.Written).
type Link struct {
	Dest    string
	Line    int
	Written string
}

// Image is an image in a page body.
type Image struct {
	Src, Alt string
	Line     int
	// Decorative marks a raw <img alt=""> (markdown.Image.Decorative):
	// the writer said the image tells nothing, so it needs no alt text.
	Decorative bool
	// Width and Height are the displayed pixel size of a local image
	// file, read from its headers by the build (package imaging: PNG,
	// JPEG turned by its EXIF orientation, GIF, WebP, SVG) so templates
	// can reserve its space; zero when unknown (another host, a missing
	// file, a file the build cannot read).
	Width, Height int
}

// Page is one output page, assembled.
type Page struct {
	Kind Kind
	File string // source path relative to the site root, slash-separated ("" for generated pages)
	Lang string
	Meta Meta

	Section      string // first path segment under content/, "" for home
	RelPermalink string // "/conditions/asthma/"
	Permalink    string // absolute URL
	OutputPath   string // "conditions/asthma/index.html"

	Body     []byte // Markdown body (or read when rendered: SetMarkdownSource)
	BodyLine int    // line of the body's first line in File
	markdown MarkdownSource

	// Filled by rendering. The rendered body itself (Content, Emergency,
	// Plain) is in text: see text.go.
	text     *text
	TOC      []Heading
	Links    []Link
	Images   []Image
	Cited    []string
	Glossary []string // glossary terms used on the page

	// Filled by assembling.
	Parent       *Page   // section page (or home)
	Pages        []*Page // list pages: the pages listed, in order
	Sections     []*Page // home and sections: child sections
	Term         string  // term pages: the tag
	Authors      []Author
	Reviewers    []Author
	Translators  []Author
	Related      []*Page  // up to MaxRelated articles sharing the most tags, same language
	Translations []*Page  // other languages of the same content, by language code order
	Original     *Page    // for a translation: the page in the default language
	Person       *Author  // people pages: whom the page is about
	Credits      []Credit // people pages: what they wrote, reviewed and translated
	NextReview   time.Time
	// Trust is set for a trust or policy page named in medkb.yaml's
	// trust_pages (about, editorial policy, privacy…): such pages stay out
	// of patient search and feeds by default.
	Trust bool
	// Replacement is, for a withdrawn page whose replaced_by names a page
	// of the site, that page (filled by assembling).
	Replacement *Page
}

// MaxRelated bounds Page.Related so per-page work stays constant as a site
// grows.
const MaxRelated = 6

// IsArticle reports whether the page is a regular content page.
func (p *Page) IsArticle() bool { return p.Kind == KindPage }

// Title returns the page title.
func (p *Page) Title() string { return p.Meta.Title }

// Name is how diagnostics name the page: its content file, or for a
// generated page (a list, a tag) its kind and URL.
func (p *Page) Name() string {
	if p.File != "" {
		return p.File
	}
	return "(generated " + string(p.Kind) + " page " + p.RelPermalink + ")"
}

// Summary returns the summary or, failing that, the description.
func (p *Page) Summary() string {
	if p.Meta.Summary != "" {
		return p.Meta.Summary
	}
	return p.Meta.Description
}

// Words returns the number of words of the page's text, for themes that
// show it. It is counted when asked: the default theme does not, and a
// count per page was the only reader of every page's whole text.
func (p *Page) Words() (int, error) {
	plain, err := p.Plain()
	if err != nil {
		return 0, err
	}
	return words(plain), nil
}

func words(plain string) int {
	n, inWord := 0, false
	for i := 0; i < len(plain); {
		r, size := rune(plain[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(plain[i:])
		}
		i += size
		space := unicode.IsSpace(r)
		if !space && !inWord {
			n++
		}
		inWord = !space
	}
	return n
}

// Updated returns lastmod, or date when lastmod is not set.
func (p *Page) Updated() time.Time {
	if !p.Meta.Lastmod.IsZero() {
		return p.Meta.Lastmod.Time
	}
	return p.Meta.Date.Time
}

// Expired reports whether the page's expires date has come at now. From
// that day on the page leaves listings, tag pages, related links, the
// sitemap, search and feeds; its URL keeps working.
func (m *Meta) Expired(now time.Time) bool {
	return !m.Expires.IsZero() && !now.Before(m.Expires.Time)
}

// IsWithdrawn reports whether the page is withdrawn: its URL is kept as a
// tombstone page saying when, why and what replaces it.
func (m *Meta) IsWithdrawn() bool { return m.Withdrawn != nil }

// Listed reports whether the page belongs in the site's lists at now:
// section and home listings, tag pages, related links, the sitemap, the
// search index and the feeds. A withdrawn or expired page is rendered but
// never listed. Drafts are decided earlier (assembling leaves them out of
// a build without --drafts). This is the one predicate every list uses.
func (p *Page) Listed(now time.Time) bool {
	return !p.Meta.IsWithdrawn() && !p.Meta.Expired(now)
}

// InSearch reports whether the page goes into the patient search index:
// listed, and `search:` in front matter, which defaults to false for trust
// and policy pages and true for every other page.
func (p *Page) InSearch(now time.Time) bool {
	if !p.Listed(now) {
		return false
	}
	if p.Meta.Search != nil {
		return *p.Meta.Search
	}
	return !p.Trust
}

// InSitemap reports whether the page goes into sitemap.xml: listed, not a
// search or 404 page, and not `sitemap: false`.
func (p *Page) InSitemap(now time.Time) bool {
	if p.Kind == Kind404 || p.Kind == KindSearch || !p.Listed(now) {
		return false
	}
	return p.Meta.Sitemap == nil || *p.Meta.Sitemap
}

// InFeed reports whether the page may be a feed item: a listed article
// that is not a trust or policy page, unless `feed:` says otherwise (a
// trust page never is).
func (p *Page) InFeed(now time.Time) bool {
	if !p.IsArticle() || p.Trust || !p.Listed(now) {
		return false
	}
	return p.Meta.Feed == nil || *p.Meta.Feed
}
