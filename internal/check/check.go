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
//     "today" is Site.Now. External links are only checked for being well
//     formed, never fetched.
//   - Draft pages are link targets (so links to them are reported as
//     draft-link, not as broken) and their sources are scanned for patient
//     identifiers (a draft is still committed to the repository); every
//     other check skips them because they are not published.
//   - Readability is scored for English patient pages only (Lang "", "en"
//     or "en-*"); the formulas are calibrated for English and are
//     meaningless in other languages, so other languages are skipped.
//   - Messages quote writer-supplied values (URLs, titles) with Go quoting,
//     so control characters cannot reach a terminal; WriteJSON escapes via
//     encoding/json.
//   - Run does not modify its input, keeps no package-level mutable state
//     and is safe to call from several goroutines at once.
//
// Checks and their names (Diagnostic.Check): link, anchor, url, draft-link,
// alt-text, review-overdue, no-reviewer, no-references, readability,
// source-age, identifier, duplicate-title, duplicate-slug, trust-page,
// translation.
package check

import (
	"cmp"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/medkb/medkb/internal/check/readability"
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
type Link struct {
	Dest string
	Line int
}

// Image is an image in a page body.
type Image struct {
	Src, Alt string
	Line     int
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
	Audience  string // "patient" | "professional" | "" (site pages)
	IsArticle bool   // a regular content page (not home, section or about)

	Date                     time.Time // front matter date; zero when missing
	LastReviewed, NextReview time.Time
	ReviewLine               int
	ReviewedBy               []string
	References               []Reference

	Plain       string   // visible body text, newline-separated blocks
	Source      []byte   // raw file bytes (front matter and body)
	Links       []Link   // every link destination in the body
	Images      []Image  // every content image in the body
	IDs         []string // element ids on the rendered page
	FooterLinks []string // root-relative URLs linked from footer and nav
	Translation *Translation
}

// Translation describes the original of a translated page.
type Translation struct {
	OriginalFile                          string
	OriginalLastmod, OriginalLastReviewed time.Time
	LastReviewed                          time.Time // of the translation
}

// Site is everything Run checks.
type Site struct {
	BaseURL string
	Pages   []Page
	// Files holds other published root-relative paths links may target
	// (static files, feeds, /search/, /tags/x/ …).
	Files map[string]bool
	// TrustPages maps a trust page name ("about", "editorial_policy",
	// "advertising_policy", "privacy", "contact") to its URL.
	TrustPages map[string]string
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
	var wg sync.WaitGroup
	var next atomic.Int64
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rc := new(readability.Counter) // its memo is this worker's own
			for {
				i := int(next.Add(1) - 1)
				if i >= len(site.Pages) {
					return
				}
				perPage[i] = checkPage(&site.Pages[i], site, idx, rc)
			}
		}()
	}
	wg.Wait()
	var diags []Diagnostic
	for _, d := range perPage {
		diags = append(diags, d...)
	}
	diags = append(diags, checkDuplicateTitles(site.Pages)...)
	diags = append(diags, checkDuplicateSlugs(site.Pages)...)
	diags = append(diags, checkTrustPages(site, idx)...)
	Sort(diags)
	return diags
}

// checkPage runs the checks that look at one page.
func checkPage(p *Page, site Site, idx *index, rc *readability.Counter) []Diagnostic {
	diags := checkIdentifiers(p, site.AllowIdentifiers)
	if p.Draft {
		return diags
	}
	diags = append(diags, checkLinks(p, idx)...)
	diags = append(diags, checkImages(p)...)
	diags = append(diags, checkReview(p, site.Now)...)
	diags = append(diags, checkReferences(p)...)
	diags = append(diags, checkDate(p)...)
	diags = append(diags, checkSourceAge(p, site.Now, site.SourceMaxAge)...)
	diags = append(diags, checkReadability(p, site.ReadabilityTarget, rc)...)
	diags = append(diags, checkTranslation(p)...)
	return diags
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

// Summary counts errors and warnings.
func Summary(diags []Diagnostic) (errors, warnings int) {
	for _, d := range diags {
		switch d.Severity {
		case Error:
			errors++
		case Warning:
			warnings++
		}
	}
	return errors, warnings
}

// Strict returns a copy of diags with every warning raised to an error. The
// input is not modified.
func Strict(diags []Diagnostic) []Diagnostic {
	out := slices.Clone(diags)
	for i := range out {
		if out[i].Severity == Warning {
			out[i].Severity = Error
		}
	}
	return out
}

// lineOr returns line when it is known (> 0), else fallback.
func lineOr(line, fallback int) int {
	if line > 0 {
		return line
	}
	return fallback
}
