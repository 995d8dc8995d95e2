// Package report builds the editor's report: what an editorial team plans
// its month with. From the pages the content checks see (check.Page) it
// lists reviews overdue, due within 30 and within 90 days, pages by
// readability grade, pages without sources, untranslated pages and stale
// translations — each list as a whole and again per author and per
// reviewer — and writes it as text, JSON or an HTML page (the dev server
// shows it at /_medkb/report/).
//
// Contract: Build reads only its input (the clock is Input.Today) and
// returns plain values; equal input gives byte-identical output. Drafts
// and withdrawn pages are left out (they are not published). Writer text
// reaches HTML only through html/template, and text output quotes titles
// with Go quoting. The package sits after check in the pipeline and
// imports nothing later; it is safe for concurrent use.
package report

import (
	"cmp"
	"slices"
	"sync"
	"time"

	"github.com/medkb/medkb/internal/check"
	"github.com/medkb/medkb/internal/check/readability"
)

// Input is what the report is built from.
type Input struct {
	Pages       []check.Page
	Today       time.Time
	Languages   []string          // the site's language codes, default first
	DefaultLang string            // the default language's code
	Names       map[string]string // author id → name (data/authors.yaml)
	// ReadabilityTarget is the grade pages should stay at or below
	// (medkb.yaml readability_target; default check.DefaultReadabilityTarget).
	ReadabilityTarget float64
	// Grades, when set, keeps each page's readability score between
	// builds: the dev server remakes the report on every save, and scoring
	// every page again would cost more than the rest of the report.
	Grades *Grades
}

// Grades memoizes readability scores by file and text. It is safe for
// concurrent use.
type Grades struct {
	mu sync.Mutex
	m  map[string]graded
}

type graded struct {
	plain string
	s     readability.Scores
}

// NewGrades returns an empty memo.
func NewGrades() *Grades { return &Grades{m: map[string]graded{}} }

// score returns the scores of a page's text, from the memo when the text
// is unchanged (an unchanged page hands back the same string, so the
// comparison is a pointer check).
func (g *Grades) score(file, plain string, rc *readability.Counter) readability.Scores {
	if g == nil {
		return rc.Analyze(plain)
	}
	g.mu.Lock()
	e, ok := g.m[file]
	g.mu.Unlock()
	if ok && e.plain == plain {
		return e.s
	}
	s := rc.Analyze(plain)
	g.mu.Lock()
	g.m[file] = graded{plain, s}
	g.mu.Unlock()
	return s
}

// Section ids, in report order.
const (
	Overdue           = "overdue"
	Due30             = "due_30"
	Due90             = "due_90"
	Readability       = "readability"
	NoSources         = "no_sources"
	Untranslated      = "untranslated"
	StaleTranslations = "stale_translations"
)

var titles = map[string]string{
	Overdue:           "Reviews overdue",
	Due30:             "Reviews due within 30 days",
	Due90:             "Reviews due within 90 days (the 30-day ones included)",
	Readability:       "Pages by readability grade (hardest first)",
	NoSources:         "Pages without sources",
	Untranslated:      "Untranslated pages",
	StaleTranslations: "Stale translations",
}

// Report is the editor's report.
type Report struct {
	Today    string    `json:"today"` // YYYY-MM-DD
	Target   float64   `json:"readability_target"`
	Sections []Section `json:"sections"`
	// People holds, per author and per reviewer, the sections' items that
	// are theirs (only non-empty sections), authors then reviewers, each by
	// id.
	People []Person `json:"people"`
}

// Section is one list of the report.
type Section struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Items []Item `json:"items"`
}

// Item is one page in a section.
type Item struct {
	File      string   `json:"file"`
	URL       string   `json:"url"`
	Title     string   `json:"title"`
	Lang      string   `json:"lang"`
	Authors   []string `json:"authors"`
	Reviewers []string `json:"reviewers"`
	// NextReview and Days (negative when overdue) for review sections.
	NextReview string `json:"next_review,omitempty"`
	Days       int    `json:"days,omitempty"`
	// Grade is the Flesch–Kincaid grade (readability section).
	Grade float64 `json:"grade,omitempty"`
	// Missing lists the languages an untranslated page lacks.
	Missing []string `json:"missing,omitempty"`
	// Original and Changed: the original a stale translation lags, and
	// when it changed.
	Original string `json:"original,omitempty"`
	Changed  string `json:"changed,omitempty"`
}

// Person is one author's or reviewer's share of the report.
type Person struct {
	ID       string    `json:"id"`
	Name     string    `json:"name"`
	Role     string    `json:"role"` // "author" | "reviewer"
	Sections []Section `json:"sections"`
}

const day = 24 * time.Hour

// Build makes the report.
func Build(in Input) Report {
	if in.ReadabilityTarget <= 0 {
		in.ReadabilityTarget = check.DefaultReadabilityTarget
	}
	today := in.Today.UTC().Truncate(day)
	lists := map[string][]Item{}
	rc := new(readability.Counter)
	for i := range in.Pages {
		p := &in.Pages[i]
		if !p.IsArticle || p.Draft || p.Withdrawn {
			continue
		}
		base := Item{File: p.File, URL: p.URL, Title: p.Title, Lang: p.Lang,
			Authors: nonNil(p.Authors), Reviewers: nonNil(p.ReviewedBy)}
		if !p.NextReview.IsZero() {
			next := p.NextReview.UTC().Truncate(day)
			it := base
			it.NextReview = next.Format(time.DateOnly)
			it.Days = int(next.Sub(today) / day)
			switch {
			case it.Days < 0:
				lists[Overdue] = append(lists[Overdue], it)
			case it.Days <= 30:
				lists[Due30] = append(lists[Due30], it)
				lists[Due90] = append(lists[Due90], it)
			case it.Days <= 90:
				lists[Due90] = append(lists[Due90], it)
			}
		}
		if p.Audience == "patient" && check.IsEnglish(p.Lang) {
			plain, _ := p.PlainText() // a page whose text was lost has its error from check
			if s := in.Grades.score(p.File, plain, rc); s.Words > 0 {
				it := base
				it.Grade = float64(int(s.FKGrade*10+0.5)) / 10
				lists[Readability] = append(lists[Readability], it)
			}
		}
		if len(p.References) == 0 && p.Audience != "" { // clinical content, not a policy page
			lists[NoSources] = append(lists[NoSources], base)
		}
		if p.Translation == nil && p.Lang == in.DefaultLang && len(in.Languages) > 1 {
			var missing []string
			for _, l := range in.Languages {
				if !slices.Contains(p.Langs, l) && l != p.Lang {
					missing = append(missing, l)
				}
			}
			if missing != nil {
				it := base
				it.Missing = missing
				lists[Untranslated] = append(lists[Untranslated], it)
			}
		}
		if changed, stale := check.TranslationStale(p.Translation); stale {
			it := base
			it.Original, it.Changed = p.Translation.OriginalFile, changed.Format(time.DateOnly)
			lists[StaleTranslations] = append(lists[StaleTranslations], it)
		}
	}
	order := []string{Overdue, Due30, Due90, Readability, NoSources, Untranslated, StaleTranslations}
	r := Report{Today: today.Format(time.DateOnly), Target: in.ReadabilityTarget}
	for _, id := range order {
		items := lists[id]
		sortItems(id, items)
		r.Sections = append(r.Sections, Section{ID: id, Title: titles[id], Items: nonNil(items)})
	}
	r.People = people(r.Sections, in.Names)
	return r
}

func sortItems(id string, items []Item) {
	slices.SortStableFunc(items, func(a, b Item) int {
		switch id {
		case Overdue, Due30, Due90:
			if c := cmp.Compare(a.Days, b.Days); c != 0 {
				return c
			}
		case Readability:
			if c := cmp.Compare(b.Grade, a.Grade); c != 0 {
				return c
			}
		}
		return cmp.Compare(a.File, b.File)
	})
}

// people regroups the sections per author and per reviewer.
func people(sections []Section, names map[string]string) []Person {
	type key struct{ role, id string }
	byKey := map[key]*Person{}
	var keys []key
	for _, s := range sections {
		for _, it := range s.Items {
			for _, r := range []struct {
				role string
				ids  []string
			}{{"author", it.Authors}, {"reviewer", it.Reviewers}} {
				for _, id := range r.ids {
					k := key{r.role, id}
					p := byKey[k]
					if p == nil {
						name := names[id]
						if name == "" {
							name = id
						}
						p = &Person{ID: id, Name: name, Role: r.role}
						byKey[k] = p
						keys = append(keys, k)
					}
					if n := len(p.Sections); n == 0 || p.Sections[n-1].ID != s.ID {
						p.Sections = append(p.Sections, Section{ID: s.ID, Title: s.Title})
					}
					last := &p.Sections[len(p.Sections)-1]
					last.Items = append(last.Items, it)
				}
			}
		}
	}
	slices.SortFunc(keys, func(a, b key) int { return cmp.Or(cmp.Compare(a.role, b.role), cmp.Compare(a.id, b.id)) })
	out := make([]Person, 0, len(keys))
	for _, k := range keys {
		out = append(out, *byKey[k])
	}
	return out
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
