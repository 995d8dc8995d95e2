package check

import (
	"slices"
	"strings"
)

// Level is what a site (medkb.yaml check:) or a page (front matter
// check:) asks of one check: report its findings as errors, as warnings,
// or not at all.
type Level string

// Levels.
const (
	LevelError   Level = "error"
	LevelWarning Level = "warning"
	LevelOff     Level = "off"
)

// Codes returns the name of every check (Diagnostic.Check), sorted: the
// keys check: accepts in medkb.yaml and front matter. The caller may
// modify the result.
func Codes() []string {
	return []string{
		"alt-text", "anchor", "date-order", "draft-link", "duplicate-slug", "duplicate-title",
		"expires", "future-date", "identifier", "image", "language-disclaimer", "link", "local-link", "no-date", "no-references",
		"no-reviewer", "readability", "review-overdue", "reviewer-specialty",
		"self-review", "source-age", "summary", "tracked-link", "translation", "trust-page",
		"unlinked-file", "url", "withdrawn-link",
	}
}

// applyLevels sets the severity of each diagnostic to the level its check
// has on the page (page), else on the site (site), and drops those set to
// off; a check set at neither keeps its own severity. diags is modified
// in place.
func applyLevels(diags []Diagnostic, site, page map[string]Level) []Diagnostic {
	if len(site) == 0 && len(page) == 0 {
		return diags
	}
	out := diags[:0]
	for _, d := range diags {
		lv, ok := page[d.Check]
		if !ok {
			lv = site[d.Check]
		}
		var keep bool
		if d.Severity, keep = lv.Apply(d.Severity); keep {
			out = append(out, d)
		}
	}
	return out
}

// Apply returns the severity a finding of severity s has at level l, and
// false when l is off; the empty level keeps s. Package body applies the
// levels of the Markdown renderer's rules (footnote, heading-level, …)
// with it, as applyLevels does those of this package's checks.
func (l Level) Apply(s Severity) (Severity, bool) {
	switch l {
	case LevelOff:
		return s, false
	case LevelError:
		return Error, true
	case LevelWarning:
		return Warning, true
	}
	return s, true
}

// Override is one check setting: medkb.yaml's (Site) or the one shared by
// Files, the pages that set Check to Level in their front matter.
type Override struct {
	Check string   `json:"check"`
	Level Level    `json:"level"`
	Site  bool     `json:"site,omitempty"`  // set in medkb.yaml; Files is empty
	Files []string `json:"files,omitempty"` // sorted
}

// Overrides lists the site's check settings, then the pages' grouped by
// check and level, each sorted by check, then level, so a summary can say
// "3 pages turn off readability" and nothing switched off is hidden. A
// page's setting equal to the site's is still listed: the page keeps it
// when medkb.yaml changes.
func Overrides(site Site) []Override {
	out := make([]Override, 0, len(site.Levels))
	for c, lv := range site.Levels {
		out = append(out, Override{Check: c, Level: lv, Site: true})
	}
	sortOverrides(out)
	type key struct {
		check string
		level Level
	}
	files := map[key][]string{}
	for i := range site.Pages {
		for c, lv := range site.Pages[i].Levels {
			k := key{c, lv}
			files[k] = append(files[k], site.Pages[i].File)
		}
	}
	pages := make([]Override, 0, len(files))
	for k, fs := range files {
		slices.Sort(fs)
		pages = append(pages, Override{Check: k.check, Level: k.level, Files: fs})
	}
	sortOverrides(pages)
	return append(out, pages...)
}

func sortOverrides(os []Override) {
	slices.SortFunc(os, func(a, b Override) int {
		if c := strings.Compare(a.Check, b.Check); c != 0 {
			return c
		}
		return strings.Compare(string(a.Level), string(b.Level))
	})
}
