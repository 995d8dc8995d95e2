// Package config reads medkb.yaml into a typed Config with defaults applied
// and every value validated. Problems are reported as diagnostics naming
// medkb.yaml and the line of the offending key. The file is first checked
// against its declared schema (Schema, derived from Config), so an unknown
// key such as Hugo's baseURL is an error with what to write instead.
//
// Config is decoded once per build and passed down; the package keeps no
// global state. A Config is read-only after Load and safe to share.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/yamlsyntax"
)

// FileName is the site configuration file at the site root.
const FileName = "medkb.yaml"

// Config is the site configuration.
type Config struct {
	Title       string     `yaml:"title"`
	Description string     `yaml:"description"`
	BaseURL     string     `yaml:"base_url"`
	Language    string     `yaml:"language"`
	Languages   []Language `yaml:"languages"`
	// DefaultLanguageInSubdir puts the default language under /CODE/ too.
	DefaultLanguageInSubdir bool              `yaml:"default_language_in_subdir"`
	Theme                   string            `yaml:"theme"`
	Publisher               Publisher         `yaml:"publisher"`
	Disclaimer              string            `yaml:"disclaimer"`
	ReportProblem           string            `yaml:"report_problem"`
	ReviewInterval          Interval          `yaml:"review_interval"`
	ReadabilityTarget       float64           `yaml:"readability_target"`
	SourceMaxAge            Interval          `yaml:"source_max_age"`
	TrustPages              TrustPages        `yaml:"trust_pages"`
	Feeds                   Feeds             `yaml:"feeds"`
	DefaultImage            string            `yaml:"default_image"`
	DefaultImageAlt         string            `yaml:"default_image_alt"`
	Markup                  Markup            `yaml:"markup"`
	Search                  Search            `yaml:"search"`
	Build                   Build             `yaml:"build"`
	Identifiers             Identifiers       `yaml:"identifiers"`
	Links                   Links             `yaml:"links"`
	Menu                    []MenuItem        `yaml:"menu"`
	Params                  map[string]any    `yaml:"params"`
	Headers                 map[string]string `yaml:"headers"`
	CacheControl            CacheControl      `yaml:"cache_control"`
	Deploy                  Deploy            `yaml:"deploy"`
	// Ignore lists further name patterns (path.Match globs; with a "/",
	// matched against the path inside content/ or static/) that are
	// neither read from content/ nor published from static/, on top of
	// dotfiles, editor backups and OS files.
	Ignore []string `yaml:"ignore"`
	// PublishUnlinked lists the files of content/ (patterns as Ignore's:
	// a name, or with a "/" the path inside content/; a folder's pattern
	// covers what it holds) that are published on purpose though no page
	// links to them, which the unlinked-file check does not report.
	PublishUnlinked []string `yaml:"publish_unlinked"`
	// SocialCards draws a 1200×630 link-preview card for every article
	// without its own image (internal/card).
	SocialCards bool `yaml:"social_cards"`
	// BuildDate, when set, is the "today" used for review-overdue notices;
	// otherwise the build uses the clock (notices only, never output dates).
	Today string `yaml:"today"`
	// Check sets checks to error, warning or off for the whole site
	// (check name → level; the schema refuses unknown names and levels).
	Check map[string]string `yaml:"check"`

	Lines map[string]int `yaml:"-"`
	// Warnings are what the file's YAML reads, but not as its writer
	// likely meant (yamlsyntax.Check: a tag YAML drops, an anchor that
	// takes a word out of a value), each at its line.
	Warnings diag.List `yaml:"-"`
}

// Language is one site language.
type Language struct {
	Code      string `yaml:"code"`
	Name      string `yaml:"name"`
	Direction string `yaml:"direction"`
	Default   bool   `yaml:"default"`
	// Emergency is the emergency telephone number of the language's
	// readers; EMERGENCY callouts link it with a tel: URL.
	Emergency Emergency `yaml:"emergency"`
	// Title, Description and Disclaimer are the site's name, sentence
	// and disclaimer in this language; empty means the site-level value
	// (Config.In resolves them).
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	Disclaimer  string `yaml:"disclaimer"`
	// TrustPages are this language's trust pages, replacing the
	// site-level ones key by key.
	TrustPages TrustPages `yaml:"trust_pages"`
}

// Localized is what a language's pages and feeds show of the site: its
// own values where medkb.yaml gives them, the site-level ones otherwise.
type Localized struct {
	Title, Description, Disclaimer string
	TrustPages                     TrustPages
	// OwnDisclaimer reports that the language has its own disclaimer
	// (the default language always has).
	OwnDisclaimer bool
}

// In returns the site title, description, disclaimer and trust pages of
// the language code (an unknown code gets the site-level values).
func (c *Config) In(code string) Localized {
	out := Localized{Title: c.Title, Description: c.Description, Disclaimer: c.Disclaimer, TrustPages: c.TrustPages}
	l, ok := c.Lang(code)
	if !ok {
		return out
	}
	out.OwnDisclaimer = l.Default || l.Disclaimer != ""
	for _, f := range []struct {
		dst *string
		v   string
	}{{&out.Title, l.Title}, {&out.Description, l.Description},
		{&out.Disclaimer, l.Disclaimer}, {&out.TrustPages.About, l.TrustPages.About},
		{&out.TrustPages.EditorialPolicy, l.TrustPages.EditorialPolicy}, {&out.TrustPages.AdvertisingPolicy, l.TrustPages.AdvertisingPolicy},
		{&out.TrustPages.Privacy, l.TrustPages.Privacy}, {&out.TrustPages.Contact, l.TrustPages.Contact}} {
		if f.v != "" {
			*f.dst = f.v
		}
	}
	return out
}

// Emergency is an emergency telephone number and the text of its link.
type Emergency struct {
	Number string `yaml:"number"` // "999", "112", "+44 20 7946 0000"
	Label  string `yaml:"label"`  // "Call 999 now"; empty means the number
}

// emergencyNumberRe is a telephone number as people write it.
var emergencyNumberRe = regexp.MustCompile(`^\+?[0-9][0-9 ().-]*$`)

// Publisher names who publishes the site.
type Publisher struct {
	Name string `yaml:"name"`
	URL  string `yaml:"url"`
	Logo string `yaml:"logo"`
}

// TrustPages names the site-level trust pages by URL.
type TrustPages struct {
	About             string `yaml:"about"`
	EditorialPolicy   string `yaml:"editorial_policy"`
	AdvertisingPolicy string `yaml:"advertising_policy"`
	Privacy           string `yaml:"privacy"`
	Contact           string `yaml:"contact"`
}

// Map returns the trust pages by name, leaving out unset ones.
func (t TrustPages) Map() map[string]string {
	m := map[string]string{}
	for k, v := range map[string]string{"about": t.About, "editorial_policy": t.EditorialPolicy,
		"advertising_policy": t.AdvertisingPolicy, "privacy": t.Privacy, "contact": t.Contact} {
		if v != "" {
			m[k] = v
		}
	}
	return m
}

// Feeds configures syndication.
type Feeds struct {
	// Formats are the formats of the site feed (rss, atom, json; default
	// all three), and of the section and tag feeds unless these set their
	// own.
	Formats []string `yaml:"formats"`
	// SectionFormats default to Formats; TagFormats to the Atom and JSON
	// Feed among Formats (or Formats when it has neither): a tag feed is
	// for a reader that follows one topic, and every reader that takes RSS
	// takes Atom, so a third copy of each of hundreds of feeds is files
	// nobody needs. See FormatsOf.
	SectionFormats []string `yaml:"section_formats"`
	TagFormats     []string `yaml:"tag_formats"`
	Limit          int      `yaml:"limit"`
	Content        string   `yaml:"content"` // full | summary, for the site and section feeds
	// TagContent is full or summary for the per-tag feeds (default summary:
	// tag feeds overlap heavily, and full content in each multiplies feed
	// bytes by the number of tags).
	TagContent string `yaml:"tag_content"`
	WebSubHub  string `yaml:"websub_hub"`
	Sections   *bool  `yaml:"sections"`
	Tags       *bool  `yaml:"tags"`
	// IDBase is the fixed "tag:HOST,DATE:" prefix of derived item ids
	// (internal/feed ParseIDBase); "" keeps the older per-article-date ids.
	IDBase string `yaml:"id_base"`
	// MaxAge bounds a feed to articles published within it of the
	// language's newest publication (default 1y; see internal/site feeds).
	MaxAge Interval `yaml:"max_age"`
}

// Markup configures Markdown rendering.
type Markup struct {
	Unsafe         bool   `yaml:"unsafe"`
	AllowDataURLs  bool   `yaml:"allow_data_urls"`
	HighlightLight string `yaml:"highlight_light"`
	HighlightDark  string `yaml:"highlight_dark"`
}

// Identifiers configures the patient-identifier check.
type Identifiers struct {
	// Allow lists an organisation's own public contact details (helpline
	// numbers, email addresses): a finding equal to one of them is not
	// reported. Phone numbers match whatever their spacing or dashes.
	Allow []string `yaml:"allow"`
}

// Links configures the link check.
type Links struct {
	// ExternalPaths are root-relative path prefixes served by another
	// system (during a partial migration, say): links under them are not
	// checked as this site's pages.
	ExternalPaths []string `yaml:"external_paths"`
}

// Search configures the search index.
type Search struct {
	Disabled bool `yaml:"disabled"`
	// MemoryMB is the memory, in MiB, the search index's postings may
	// hold while pages are analysed; past it they wait on disk in the
	// build cache. 0: the default (search.DefaultMemoryBudget).
	MemoryMB int `yaml:"memory_mb"`
}

// Build configures the build itself.
type Build struct {
	// MemoryMB is the memory, in MiB, a build may use (MemoryBudget):
	// Go's soft memory limit, and what the in-memory buffers (the search
	// postings) are sized from. 0: DefaultMemoryMB.
	MemoryMB int `yaml:"memory_mb"`
}

// DefaultMemoryMB is the least memory budget of a site that names none
// (build.memory_mb). A 10,000-article build's live data peaks near
// 230 MB, so the collector still has about its size again in hand, and
// the whole process stays under a quarter of Hugo's 2 GiB for the same
// site.
const DefaultMemoryMB = 448

// DefaultMemoryPerArticleKiB sizes the default budget of a larger site:
// this much per content file, when that is more than DefaultMemoryMB. A
// build's live data grows by about 10 KiB an article (995 MiB at 100,000
// bench articles, 7.1–7.5 GiB at 1,000,000); with 14 KiB the live heap
// stays under the three quarters of the budget past which the build lifts
// its limit (see internal/cli's memoryWatch). 448 MiB alone was outgrown
// from about 40,000 articles: the limit was lifted, with a warning, and a
// 100,000-article build peaked at 3.0–3.1 GiB against 1.4 GiB with a
// budget of 1,400 MiB.
const DefaultMemoryPerArticleKiB = 14

// MemoryBudget returns the memory budget in bytes of a build of a site of
// articles content files: build.memory_mb, else DefaultMemoryMB or
// DefaultMemoryPerArticleKiB an article, whichever is more.
func (c *Config) MemoryBudget(articles int) int64 {
	if c.Build.MemoryMB > 0 {
		return int64(c.Build.MemoryMB) << 20
	}
	return max(DefaultMemoryMB<<20, int64(articles)*DefaultMemoryPerArticleKiB<<10)
}

// SearchMemory returns the bytes of search postings a build under a
// memory budget of budget bytes holds in memory before it spills them to
// disk: search.memory_mb when given, else a quarter of the budget (112
// MiB for the default 448).
//
// A quarter of a large site's budget is more than the postings need to
// stay out of the collector's way: at 100,000 bench articles (budget
// 1,367 MiB, so 341 MiB of postings) search.memory_mb: 112 spilled more
// and took the search phase's live heap peak from 893 to 827 MB, but
// saved 2 of 72 collections (13 → 12 in the search phase) and 1.6 % of
// the build's CPU (311.96 → 306.91 s), with peak RSS 1,459,572 →
// 1,479,772 KiB: one pair run side by side under a load of 13–20,
// within this machine's noise, so the share was left as it is. The
// collections there are set by what the whole build allocates (23.7 GB)
// against the room between its live heap (500–900 MB) and the limit
// (goal 1,000–1,200 MB), not by the postings.
func (c *Config) SearchMemory(budget int64) int {
	if c.Search.MemoryMB > 0 {
		return c.Search.MemoryMB << 20
	}
	return int(budget / 4)
}

// MenuItem is a main navigation entry.
type MenuItem struct {
	Name string `yaml:"name"`
	URL  string `yaml:"url"`
}

// Interval is a duration in calendar units: "3y", "18m", "90d".
type Interval struct {
	Years, Months, Days int
}

// AddTo returns t moved forward by the interval.
func (iv Interval) AddTo(t time.Time) time.Time { return t.AddDate(iv.Years, iv.Months, iv.Days) }

// IsZero reports whether the interval is empty.
func (iv Interval) IsZero() bool { return iv == Interval{} }

var intervalRe = regexp.MustCompile(`^\s*(\d+)\s*([ymdw])\s*$`)

// ParseInterval parses "3y", "18m", "6w" or "90d".
func ParseInterval(s string) (Interval, error) {
	m := intervalRe.FindStringSubmatch(strings.ToLower(s))
	if m == nil {
		return Interval{}, fmt.Errorf("invalid interval %q: use a number and a unit, like 3y, 18m, 6w or 90d", s)
	}
	n, _ := strconv.Atoi(m[1])
	switch m[2] {
	case "y":
		return Interval{Years: n}, nil
	case "m":
		return Interval{Months: n}, nil
	case "w":
		return Interval{Days: 7 * n}, nil
	}
	return Interval{Days: n}, nil
}

// UnmarshalYAML parses an interval string.
func (iv *Interval) UnmarshalYAML(n *yaml.Node) error {
	v, err := ParseInterval(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %w", n.Line, err)
	}
	*iv = v
	return nil
}

// DefaultLanguage returns the default language.
func (c *Config) DefaultLanguage() Language {
	for _, l := range c.Languages {
		if l.Default {
			return l
		}
	}
	return c.Languages[0]
}

// Codes returns the languages' codes, in medkb.yaml's order.
func (c *Config) Codes() []string {
	codes := make([]string, 0, len(c.Languages))
	for _, l := range c.Languages {
		codes = append(codes, l.Code)
	}
	return codes
}

// Lang returns the language with the given code.
func (c *Config) Lang(code string) (Language, bool) {
	for _, l := range c.Languages {
		if l.Code == code {
			return l, true
		}
	}
	return Language{}, false
}

// LangPrefix returns the URL prefix for a language: "" for the default
// language at the root, else "/CODE".
func (c *Config) LangPrefix(code string) string {
	if code == c.DefaultLanguage().Code && !c.DefaultLanguageInSubdir {
		return ""
	}
	return "/" + code
}

// AbsURL joins a root-relative path to the base URL.
func (c *Config) AbsURL(p string) string {
	if strings.HasPrefix(p, "http://") || strings.HasPrefix(p, "https://") {
		return p
	}
	return strings.TrimSuffix(c.BaseURL, "/") + "/" + strings.TrimPrefix(p, "/")
}

// checkReportProblem checks the "Report a problem with this page"
// address, which every page links with its own address added: a mailto:
// or http(s) address, or a path of the site (/contact/). An e-mail
// address without mailto: (or any other text) would be a link to a page
// of the site that does not exist, on every page.
func (c *Config) checkReportProblem() error {
	r := strings.TrimSpace(c.ReportProblem)
	if r == "" {
		return nil
	}
	u, err := url.Parse(r)
	switch {
	case err == nil && strings.EqualFold(u.Scheme, "mailto") && (u.Opaque != "" || u.Path != ""):
		c.ReportProblem = "mailto:" + r[len("mailto:"):] // the renderer adds the subject to "mailto:"
		return nil
	case err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "":
		return nil
	case err == nil && u.Scheme == "" && u.Host == "" && strings.HasPrefix(r, "/"):
		return nil
	case !strings.ContainsAny(r, " /:") && strings.Count(r, "@") == 1 && strings.Contains(r[strings.IndexByte(r, '@'):], "."):
		return c.errorf("report_problem", "write report_problem: mailto:"+r,
			"report_problem %q is an e-mail address without mailto:, so every page's \"Report a problem\" link would lead to a page that does not exist", r)
	}
	return c.errorf("report_problem", "write a mailto: address (mailto:content@example.org), a web address (https://…) or a page of the site (/contact/)",
		"report_problem %q is not an address every page can link to", r)
}

// BasePath returns the path part of the base URL, with a trailing slash,
// as it is written in an address (percent-encoded): "/" for a site served
// from the root of its host, "/child-health/" for one served under a
// path (https://org.github.io/child-health/). The site's pages keep
// site-rooted addresses; package basepath adds the path to what a build
// writes.
func (c *Config) BasePath() string {
	u, err := url.Parse(c.BaseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return strings.TrimSuffix(u.EscapedPath(), "/") + "/"
}

// Load reads and validates the configuration in dir. A medkb.yaml that is
// not a regular file (a named pipe, which reading would wait on forever, a
// socket, a device, a folder) is refused before it is opened.
func Load(dir string) (*Config, error) {
	path := filepath.Join(dir, FileName)
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, &diag.Diagnostic{File: FileName, Severity: diag.Error,
			Message: "no " + FileName + " in " + dir,
			Hint:    "run medkb in a site folder, pass --source DIR, or create a site with: medkb new site DIR"}
	}
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, &diag.Diagnostic{File: FileName, Severity: diag.Error,
			Message: path + " is a " + fileKind(st.Mode()) + ", not a regular file; medkb does not read it",
			Hint:    "replace " + FileName + " with an ordinary file (or a link to one) holding the site's configuration"}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(data)
}

// fileKind names what a file that is not regular is.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "folder"
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&(fs.ModeDevice|fs.ModeCharDevice) != 0:
		return "device"
	}
	return "special file"
}

// Parse decodes and validates configuration bytes.
func Parse(data []byte) (*Config, error) {
	c := &Config{}
	// A file saved in another encoding than UTF-8, at its first byte
	// that is not UTF-8 (yaml.v3 names none).
	if p, bad := yamlsyntax.Encoding(data, 0); bad {
		return nil, problemDiag(p)
	}
	// A control character in a value (yaml.v3 refuses the whole file
	// without a line) is read, to be reported at its value below.
	readable, hidden := yamlsyntax.HideControls(data)
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(readable))
	if err := dec.Decode(&root); err != nil && !errors.Is(err, io.EOF) {
		return nil, yamlDiag(data, err)
	}
	if hidden {
		yamlsyntax.ShowControls(&root)
	}
	if root.Kind != 0 {
		// Every key written twice, each at its line (decoding names the
		// first only), and what YAML reads but not as meant.
		dups, warns := yamlsyntax.Diagnostics(FileName, &root, data, 0)
		c.Warnings = append(c.Warnings, warns...)
		if len(dups) > 0 {
			return nil, dups.Err()
		}
		// The declared schema first: it names unknown keys (baseURL) and
		// wrong types at their line and column, where decoding would
		// ignore the one and describe the other in YAML's terms.
		// A control character in a value is an error with them (it
		// would reach every page showing the value; HTML forbids it).
		invalid := schemaDoc.Validate(FileName, &root, 0)
		if hidden || bytes.IndexByte(data, '\\') >= 0 {
			for _, ctl := range yamlsyntax.FindControls(&root, 0) {
				invalid = append(invalid, *problemDiag(ctl.Problem()))
			}
			invalid.Sort()
		}
		if err := invalid.Err(); err != nil {
			return nil, err
		}
		if err := root.Decode(c); err != nil {
			return nil, yamlDiag(data, err)
		}
		c.Lines = keyLines(&root)
	}
	if c.Lines == nil {
		c.Lines = map[string]int{}
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return c, nil
}

var yamlLineRe = regexp.MustCompile(`line (\d+)`)

// intervalWordsRe reads a number and a word out of ParseInterval's error
// ("3 years", "18 Months").
var intervalWordsRe = regexp.MustCompile(`invalid interval "\s*(\d+)?\s*([A-Za-z]?)[^"]*"`)

// problemDiag is p, a problem yamlsyntax found in medkb.yaml, as an
// error.
func problemDiag(p yamlsyntax.Problem) *diag.Diagnostic {
	return &diag.Diagnostic{File: FileName, Line: p.Line, Col: p.Col, Severity: diag.Error, Message: p.Message, Hint: p.Hint}
}

// yamlDiag reports err, which yaml.v3 returned for data. A mistake
// yamlsyntax recognises is explained in its words, at the line to edit.
func yamlDiag(data []byte, err error) error {
	if p, ok := yamlsyntax.Explain(data, 0, err); ok {
		return problemDiag(p)
	}
	line := 0
	if m := yamlLineRe.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "line "+strconv.Itoa(line)+": ")
	hint := "fix the YAML syntax; keys are lowercase like base_url and title"
	if m := intervalWordsRe.FindStringSubmatch(msg); m != nil { // an Interval's own decoding error
		hint = "use one letter for the unit (y years, m months, w weeks, d days): 3y, 18m, 6w or 90d"
		switch unit := strings.ToLower(m[2]); {
		case m[1] != "" && unit != "" && strings.Contains("ymwd", unit):
			hint = "write " + m[1] + unit + ": " + hint
		case m[1] != "" && unit == "" && strings.TrimSpace(m[0][len(`invalid interval "`):len(m[0])-1]) == m[1]:
			// A bare number: review intervals and source ages are counted
			// in years.
			hint = "write " + m[1] + "y for " + m[1] + " years: " + hint
		}
	}
	return &diag.Diagnostic{File: FileName, Line: line, Severity: diag.Error, Message: msg, Hint: hint}
}

func keyLines(root *yaml.Node) map[string]int {
	m := map[string]int{}
	n := root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	if n.Kind != yaml.MappingNode {
		return m
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i].Value, n.Content[i+1]
		m[key] = n.Content[i].Line
		if val.Kind == yaml.MappingNode {
			// One level down too ("feeds.tag_formats"), for errors in a
			// nested key; errorf falls back to the parent's line.
			for j := 0; j+1 < len(val.Content); j += 2 {
				m[key+"."+val.Content[j].Value] = val.Content[j].Line
			}
		}
		if key == "menu" && val.Kind == yaml.SequenceNode {
			// Each entry's line, as "menu.N", for diagnostics about one.
			for i, item := range val.Content {
				m["menu."+strconv.Itoa(i)] = item.Line
			}
		}
		if key == "publish_unlinked" && val.Kind == yaml.SequenceNode {
			// Each pattern's line, as "publish_unlinked.N", for the
			// warning about one that matches no file.
			for i, item := range val.Content {
				m["publish_unlinked."+strconv.Itoa(i)] = item.Line
			}
		}
		if key == "languages" && val.Kind == yaml.SequenceNode {
			// Each language's line, as "languages.CODE", for diagnostics
			// about one language, and its own trust pages' lines, as
			// "languages.CODE.trust_pages.NAME".
			for _, item := range val.Content {
				code, trust := "", (*yaml.Node)(nil)
				for j := 0; item.Kind == yaml.MappingNode && j+1 < len(item.Content); j += 2 {
					switch item.Content[j].Value {
					case "code":
						code = item.Content[j+1].Value
						m["languages."+code] = item.Line
					case "trust_pages":
						trust = item.Content[j+1]
					}
				}
				for k := 0; code != "" && trust != nil && trust.Kind == yaml.MappingNode && k+1 < len(trust.Content); k += 2 {
					m["languages."+code+".trust_pages."+trust.Content[k].Value] = trust.Content[k].Line
				}
			}
		}
	}
	return m
}

func (c *Config) errorf(key, hint, format string, args ...any) error {
	line, ok := c.Lines[key]
	if parent, _, nested := strings.Cut(key, "."); !ok && nested {
		line = c.Lines[parent]
	}
	return &diag.Diagnostic{File: FileName, Line: line, Severity: diag.Error,
		Message: fmt.Sprintf(format, args...), Hint: hint}
}

var langCodeRe = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$`)

// Validate applies defaults and checks every value; call it again after
// changing a field.
func (c *Config) Validate() error {
	if c.Title == "" {
		c.Title = "Health library"
	}
	if c.BaseURL == "" {
		c.BaseURL = "http://localhost:1313/"
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return c.errorf("base_url", "use an absolute URL such as https://health.example.org/", "invalid base_url %q", c.BaseURL)
	}
	if !strings.HasSuffix(c.BaseURL, "/") {
		c.BaseURL += "/"
	}
	if u.RawQuery != "" || u.Fragment != "" || strings.Contains(c.BaseURL, "?") || strings.Contains(c.BaseURL, "#") {
		return c.errorf("base_url", "write the site's address alone, such as https://health.example.org/ or https://org.github.io/guide/", "base_url %q has a query or fragment; a site's address cannot", c.BaseURL)
	}
	for _, p := range c.Ignore {
		if _, err := path.Match(p, ""); err != nil || p == "" {
			return c.errorf("ignore", "write each entry as a glob such as *.psd or drafts/*", "invalid ignore pattern %q", p)
		}
	}
	for i, p := range c.PublishUnlinked {
		if _, err := path.Match(strings.TrimPrefix(p, "/"), ""); err != nil || strings.Trim(p, "/") == "" {
			return c.errorf("publish_unlinked."+strconv.Itoa(i), "write each entry as a file name or glob inside content/, such as leaflets/*.pdf or annual-report.pdf", "invalid publish_unlinked pattern %q", p)
		}
	}
	if c.Language == "" {
		c.Language = "en"
	}
	if len(c.Languages) == 0 {
		c.Languages = []Language{{Code: c.Language, Default: true}}
	}
	defaults := 0
	seen := map[string]bool{}
	for i := range c.Languages {
		l := &c.Languages[i]
		if !langCodeRe.MatchString(l.Code) {
			hint := "use a BCP 47 language code such as en, es or ar"
			lang, region, _ := strings.Cut(l.Code, "-")
			if fixed := strings.ToLower(lang) + strings.TrimSuffix("-"+region, "-"); langCodeRe.MatchString(fixed) {
				hint = "write the language part in lower case: " + fixed
			}
			return c.errorf("languages", hint, "invalid language code %q", l.Code)
		}
		if seen[l.Code] {
			return c.errorf("languages", "list each language once", "language %q is declared twice", l.Code)
		}
		seen[l.Code] = true
		if l.Name == "" {
			l.Name = l.Code
		}
		switch l.Direction {
		case "":
			l.Direction = "ltr"
			if isRTL(l.Code) {
				l.Direction = "rtl"
			}
		case "ltr", "rtl":
		default:
			return c.errorf("languages", "direction is ltr or rtl", "invalid direction %q for language %q", l.Direction, l.Code)
		}
		if n := l.Emergency.Number; n != "" && !emergencyNumberRe.MatchString(n) || n == "" && l.Emergency.Label != "" {
			return c.errorf("languages", `write the number in digits, such as emergency: {number: "999", label: "Call 999 now"}`,
				"invalid emergency number %q for language %q", n, l.Code)
		}
		if l.Default {
			defaults++
		}
	}
	if defaults > 1 {
		return c.errorf("languages", "mark exactly one language default: true", "more than one default language")
	}
	if defaults == 0 {
		c.Languages[0].Default = true
	}
	c.Language = c.DefaultLanguage().Code
	if c.Theme == "" {
		c.Theme = "default"
	}
	if c.ReviewInterval.IsZero() {
		c.ReviewInterval = Interval{Years: 3}
	}
	if c.ReadabilityTarget == 0 {
		c.ReadabilityTarget = 8
	}
	if t := c.ReadabilityTarget; t < 1 || t > 18 {
		// A Flesch–Kincaid grade: 1 to about 18. A number such as 60 or
		// 80 is a Flesch reading ease score, a scale running the other
		// way; as a grade it would let every page pass.
		hint := "write the school grade pages should not read above, such as readability_target: 8"
		if t > 18 && t <= 100 {
			hint += fmt.Sprintf(" (%g looks like a Flesch reading ease score; grade 8 is a reading ease of about 60 to 70)", t)
		}
		return c.errorf("readability_target", hint, "readability_target %g is not a school grade (Flesch–Kincaid, 1 to 18)", t)
	}
	if err := c.checkReportProblem(); err != nil {
		return err
	}
	if c.SourceMaxAge.IsZero() {
		c.SourceMaxAge = Interval{Years: 5}
	}
	if m := c.Search.MemoryMB; m != 0 && (m < 16 || m > 1<<20) {
		// Under 16 MiB a large site would spill more runs than a process
		// may hold open files to merge them.
		return c.errorf("search.memory_mb", "give the postings budget in MiB, 16 or more, such as 64; leave it out for the default (a quarter of build.memory_mb)", "invalid search.memory_mb %d", m)
	}
	if m := c.Build.MemoryMB; m != 0 && (m < 128 || m > 1<<24) {
		// Under 128 MiB the collector would run without pause on the
		// records of an ordinary site.
		return c.errorf("build.memory_mb", fmt.Sprintf("give the build's memory budget in MiB, 128 or more, such as 1024; leave it out for the default (%d)", DefaultMemoryMB), "invalid build.memory_mb %d", m)
	}
	for _, e := range c.Links.ExternalPaths {
		switch e = strings.TrimSpace(e); {
		case e == "": // skipped by the link check
		case strings.Contains(e, ":") || strings.HasPrefix(e, "//"):
			return c.errorf("links.external_paths", "write the path another system serves on this site's host, such as /forms/; links to other sites are never checked as this site's pages", "links.external_paths lists %q, an address, not a path of this site", e)
		case strings.Trim(e, "/") == "":
			return c.errorf("links.external_paths", "list the folders another system serves, such as /forms/: with / no link of the site would be checked", "links.external_paths lists %q, which is the whole site", e)
		}
	}
	if len(c.Feeds.Formats) == 0 {
		c.Feeds.Formats = []string{"rss", "atom", "json"}
	}
	if len(c.Feeds.SectionFormats) == 0 {
		c.Feeds.SectionFormats = c.Feeds.Formats
	}
	if len(c.Feeds.TagFormats) == 0 {
		for _, f := range c.Feeds.Formats {
			if f != "rss" {
				c.Feeds.TagFormats = append(c.Feeds.TagFormats, f)
			}
		}
		if len(c.Feeds.TagFormats) == 0 {
			c.Feeds.TagFormats = c.Feeds.Formats
		}
	}
	for _, l := range []struct {
		key     string
		formats []string
	}{{"formats", c.Feeds.Formats}, {"section_formats", c.Feeds.SectionFormats}, {"tag_formats", c.Feeds.TagFormats}} {
		key, seen := l.key, map[string]bool{}
		for _, f := range l.formats {
			if f != "rss" && f != "atom" && f != "json" {
				return c.errorf("feeds."+key, "feed formats are rss, atom and json", "unknown feed format %q in feeds.%s", f, key)
			}
			if seen[f] {
				return c.errorf("feeds."+key, "list each format once", "feed format %q listed twice in feeds.%s", f, key)
			}
			seen[f] = true
		}
	}
	if c.Feeds.Limit == 0 {
		c.Feeds.Limit = 20
	}
	if c.Feeds.MaxAge.IsZero() {
		c.Feeds.MaxAge = Interval{Years: 1}
	}
	switch c.Feeds.Content {
	case "":
		c.Feeds.Content = "full"
	case "full", "summary":
	default:
		return c.errorf("feeds", "feeds.content is full or summary", "invalid feeds.content %q", c.Feeds.Content)
	}
	switch c.Feeds.TagContent {
	case "":
		c.Feeds.TagContent = "summary"
	case "full", "summary":
	default:
		return c.errorf("feeds", "feeds.tag_content is full or summary", "invalid feeds.tag_content %q", c.Feeds.TagContent)
	}
	if c.Markup.HighlightLight == "" {
		c.Markup.HighlightLight = "github"
	}
	if c.Markup.HighlightDark == "" {
		c.Markup.HighlightDark = "github-dark"
	}
	if c.DefaultImage == "" {
		// The default theme ships a 1200×630 card image; a site's own
		// static/images/card-default.png replaces it.
		c.DefaultImage = "/images/card-default.png"
	}
	if c.Publisher.Name == "" {
		c.Publisher.Name = c.Title
	}
	if err := c.validateDeploy(); err != nil {
		return err
	}
	if c.Today != "" {
		if _, err := time.Parse("2006-01-02", c.Today); err != nil {
			return c.errorf("today", "write the date as YYYY-MM-DD", "invalid today %q", c.Today)
		}
	}
	return nil
}

func isRTL(code string) bool {
	switch strings.SplitN(code, "-", 2)[0] {
	case "ar", "he", "fa", "ur", "ps", "sd", "ug", "yi", "dv":
		return true
	}
	return false
}

// SectionFeeds reports whether section and tag feeds are on (default true).
func (f Feeds) SectionFeeds() bool { return f.Sections == nil || *f.Sections }

// TagFeeds reports whether per-tag feeds are written (default true).
func (f Feeds) TagFeeds() bool { return f.Tags == nil || *f.Tags }

// FeedLevel is the kind of list a feed follows: the whole site, one
// section or one tag.
type FeedLevel int

const (
	FeedSite FeedLevel = iota
	FeedSection
	FeedTag
)

// FormatsOf returns the formats written for feeds of level l, in the
// order they are listed (after Validate has filled in the defaults).
func (f Feeds) FormatsOf(l FeedLevel) []string {
	switch l {
	case FeedSection:
		return f.SectionFormats
	case FeedTag:
		return f.TagFormats
	}
	return f.Formats
}
