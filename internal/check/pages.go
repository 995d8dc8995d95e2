package check

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/medkb/medkb/internal/check/phi"
	"github.com/medkb/medkb/internal/check/readability"
	"github.com/medkb/medkb/internal/fmspan"
)

// minReadabilityWords is the shortest text scored for readability; below
// it the grade formulas swing wildly on a single sentence.
const minReadabilityWords = 30

func isPatient(p *Page) bool { return p.Audience == "patient" }

// checkImages reports content images without alternative text. A raw
// <img alt=""> is the writer saying the image is decorative (WCAG's H67:
// screen readers skip it), a valid choice, not a missing text; an empty
// Markdown ![](…) says nothing of the kind, so it stays an error whose
// hint names both ways.
func checkImages(p *Page) []Diagnostic {
	var out []Diagnostic
	for _, img := range p.Images {
		alt := strings.TrimSpace(img.Alt)
		switch {
		case alt == "" && img.Decorative:
		case alt == "" && img.Alt != "":
			out = append(out, Diagnostic{File: p.File, Line: img.Line, Severity: Warning, Check: "alt-text",
				Message: fmt.Sprintf("image %q has an alt of only white space (alt=%q): that is not alt=\"\", which marks an image as decorative, and screen readers differ on it (some skip the image, some read out its file name)", img.Src, img.Alt),
				Hint:    `write alt="" if the image is only decoration and tells the reader nothing; otherwise describe what it shows in the alt text`})
		case alt == "":
			out = append(out, Diagnostic{File: p.File, Line: img.Line, Severity: Error, Check: "alt-text",
				Message: fmt.Sprintf("image %q has no alt text", img.Src), Hint: noAltHint})
		case placeholderAltRe.MatchString(alt):
			out = append(out, Diagnostic{File: p.File, Line: img.Line, Severity: Warning, Check: "alt-text",
				Message: fmt.Sprintf("image %q has the alt text %q, which says nothing of what it shows: a screen reader reads it out as it is", img.Src, alt),
				Hint:    altHint})
		}
	}
	return out
}

const altHint = "describe what the image shows: ![a spacer device attached to an inhaler](…)"

// noAltHint is altHint and the other way out, for an image that tells
// nothing: raw HTML's alt="" (with markup: unsafe: true, which keeps raw
// HTML), which screen readers skip.
const noAltHint = altHint + `; if the image is only decoration and tells the reader nothing, write it as <img src="…" alt=""> (with markup: unsafe: true in medkb.yaml), which screen readers skip`

// placeholderAltRe matches alt text that describes nothing: a file name
// (IMG_1234.jpg, DSC_0042, what cameras and some editors fill in) or a
// word for "image" alone, numbered or not (image, Photo 2, imagen, Bild),
// and "alt" in lower case, as a template left it (ALT is a liver test).
var placeholderAltRe = regexp.MustCompile(`^(?:[\p{L}\p{N}_\-. ]+\.(?i:png|jpe?g|gif|svg|webp|avif|tiff?|bmp|heic)|(?i:img|dsc|dscn|pxl)[_-]?\d+|(?i:image|img|picture|pic|photo|photograph|graphic|figure|screenshot|untitled|placeholder|imagen|imagem|immagine|figura|foto|bild|abbildung)[ _-]?\d*|alt)$`)

// checkReview reports overdue reviews on patient pages, and a patient
// article not yet medically reviewed. One missing fact gives one warning:
// an article with neither reviewed_by nor last_reviewed gets a single
// no-reviewer warning naming both, and a never-reviewed article is not
// also "overdue" (its next_review is beside the point until the first
// review). The overdue warning points at next_review when it is written.
func checkReview(p *Page, now time.Time) []Diagnostic {
	if !isPatient(p) {
		return nil
	}
	line := lineOr(p.ReviewLine, lineOr(p.TitleLine, 1))
	var out []Diagnostic
	neverReviewed := p.IsArticle && p.LastReviewed.IsZero()
	if !p.NextReview.IsZero() && dateBefore(p.NextReview, now) && !neverReviewed {
		out = append(out, Diagnostic{File: p.File, Line: lineOr(p.NextReviewLine, line), Severity: Warning, Check: "review-overdue",
			Message: "review overdue since " + p.NextReview.Format(time.DateOnly),
			Hint:    "have a clinician re-review the page, then update last_reviewed and next_review"})
	}
	if !p.IsArticle {
		return out
	}
	noReviewer := !hasReviewer(p.ReviewedBy)
	d := Diagnostic{File: p.File, Line: line, Severity: Warning, Check: "no-reviewer"}
	switch {
	case noReviewer && neverReviewed:
		d.Message = "patient article has not been medically reviewed: no reviewed_by and no last_reviewed"
		d.Hint = "after a clinician's review, add reviewed_by: with the reviewer's author id and last_reviewed: YYYY-MM-DD"
	case noReviewer:
		d.Message = "patient article has no clinical reviewer"
		d.Hint = "add reviewed_by with the reviewer's author id"
	case neverReviewed:
		d.Message = "patient article has no last review date"
		d.Hint = "add last_reviewed: YYYY-MM-DD after the clinical review"
	default:
		return out
	}
	if t := p.Translation; t != nil && neverReviewed {
		// checkTranslation stays silent about a never-reviewed
		// translation: this warning says it once.
		d.Hint += "; as a translation, review it against " + t.OriginalFile
	}
	return append(out, d)
}

func hasReviewer(names []string) bool {
	for _, n := range names {
		if strings.TrimSpace(n) != "" {
			return true
		}
	}
	return false
}

// dateBefore compares calendar dates, so a review due today is not overdue.
func dateBefore(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return time.Date(ay, am, ad, 0, 0, 0, 0, time.UTC).Before(time.Date(by, bm, bd, 0, 0, 0, 0, time.UTC))
}

// checkReferences reports patient articles without references.
func checkReferences(p *Page) []Diagnostic {
	if !isPatient(p) || !p.IsArticle || len(p.References) > 0 {
		return nil
	}
	return []Diagnostic{{File: p.File, Line: lineOr(p.TitleLine, 1), Severity: Warning, Check: "no-references",
		Message: "patient article has no references",
		Hint:    "add a references list to the front matter and cite it with [@id]"}}
}

// checkDate reports articles for patients or professionals without a
// date: feeds, sitemaps and "last updated" lines need one, and an undated
// article would otherwise drop out of every feed without a word. Site
// pages (no audience: contact, policies) need none.
func checkDate(p *Page) []Diagnostic {
	if !p.IsArticle || p.Audience == "" || !p.Date.IsZero() {
		return nil
	}
	return []Diagnostic{{File: p.File, Line: lineOr(p.TitleLine, 1), Severity: Error, Check: "no-date",
		Message: "article has no date, so it is left out of every feed",
		Hint:    "add date: YYYY-MM-DD (the day it was first published) to the front matter"}}
}

// checkSourceAge reports references older than maxAge years, and a
// reference whose year has not come (2031 for 2013: a typo that makes an
// old source look current to readers and to this check).
func checkSourceAge(p *Page, now time.Time, maxAge int) []Diagnostic {
	var out []Diagnostic
	for _, r := range p.References {
		if r.Year <= 0 {
			continue
		}
		if r.Year > now.Year() {
			out = append(out, Diagnostic{File: p.File, Line: lineOr(r.Line, lineOr(p.TitleLine, 1)), Severity: Warning, Check: "source-age",
				Message: fmt.Sprintf("reference %q is from %d, a year that has not come", r.ID, r.Year),
				Hint:    "write the year the source was published"})
			continue
		}
		age := now.Year() - r.Year
		if age <= maxAge {
			continue
		}
		out = append(out, Diagnostic{File: p.File, Line: lineOr(r.Line, lineOr(p.TitleLine, 1)), Severity: Warning, Check: "source-age",
			Message: fmt.Sprintf("reference %q is from %d, %d years old (limit %d)", r.ID, r.Year, age, maxAge),
			Hint:    "cite a current edition or newer evidence, or confirm it is still the best source"})
	}
	return out
}

// checkReadability warns when an English patient page reads above the
// target Flesch–Kincaid grade.
func checkReadability(p *Page, target float64, rc *readability.Counter) []Diagnostic {
	if !isPatient(p) || !isEnglish(p.Lang) {
		return nil
	}
	plain, err := p.PlainText()
	if err != nil {
		return []Diagnostic{{File: p.File, Line: lineOr(p.TitleLine, 1), Severity: Error, Check: "readability",
			Message: "the page's text could not be read back, so its reading grade was not checked: " + err.Error(),
			Hint:    "build again"}}
	}
	s := rc.Analyze(plain)
	if s.Words < minReadabilityWords || s.FKGrade <= target {
		return nil
	}
	hint := fmt.Sprintf("use shorter sentences (now %.0f words on average) and everyday words",
		float64(s.Words)/float64(s.Sentences))
	if len(s.LongestWords) > 0 {
		quoted := make([]string, len(s.LongestWords))
		for i, w := range s.LongestWords {
			quoted[i] = strconv.Quote(w)
		}
		hint += " in place of words such as " + strings.Join(quoted, ", ")
	}
	msg := fmt.Sprintf("reading grade %.1f (Flesch–Kincaid), SMOG %.1f; target is grade %g or below",
		s.FKGrade, s.SMOG, target)
	line := lineOr(p.TitleLine, 1)
	if s.Hardest != "" {
		if n := blockLine(p.source(), s.Hardest); n > 0 {
			line = n
			msg += fmt.Sprintf("; the hardest paragraph (grade %.1f) starts here", s.HardestGrade)
		}
	}
	return []Diagnostic{{File: p.File, Line: line, Severity: Warning, Check: "readability", Message: msg, Hint: hint}}
}

// blockLine returns the source line (1-based) where a block of plain text
// starts: the first line holding its opening words, searched with fewer
// words when Markdown inside the sentence (a link, emphasis) breaks the
// match; 0 when not found. Front matter is skipped.
func blockLine(src []byte, block string) int {
	text := string(src)
	offset := 0
	// Where the body starts, as package frontmatter reads it.
	if sp := fmspan.Find(src); sp.Status == fmspan.Closed {
		offset = sp.End
	}
	words := strings.Fields(block)
	for k := min(len(words), 5); k >= 2; k-- {
		if i := strings.Index(text[offset:], strings.Join(words[:k], " ")); i >= 0 {
			return 1 + strings.Count(text[:offset+i], "\n")
		}
	}
	return 0
}

// isEnglish reports whether a language tag is English or unset.
func isEnglish(lang string) bool {
	l := strings.ToLower(lang)
	return l == "" || l == "en" || strings.HasPrefix(l, "en-") || strings.HasPrefix(l, "en_")
}

// checkIdentifiers reports possible patient identifiers in the raw source,
// masked so the report does not spread them.
func checkIdentifiers(p *Page, allow []string) []Diagnostic {
	found := p.Identifiers
	if !p.Scanned {
		src := p.source()
		if src == nil && p.Source != nil {
			return []Diagnostic{{File: p.File, Line: 1, Severity: Error, Check: "identifier",
				Message: "the file changed while medkb was building it, so it was not scanned for patient identifiers",
				Hint:    "build again"}}
		}
		found = phi.Scan(src)
	}
	var out []Diagnostic
	for _, f := range found {
		if f.Allowed(allow) {
			continue
		}
		out = append(out, Diagnostic{File: p.File, Line: f.Line, Col: f.Col, Severity: Error, Check: "identifier",
			Message: fmt.Sprintf("possible patient identifier (%s): %s", f.Kind, f.Masked),
			Hint:    identifierHint(f.Kind)})
	}
	return out
}

// identifierHint says how to fix a finding of kind: what to put in its
// place, and which way out fits that kind (an allow-list entry for an
// organisation's own contact details and servers, the line marker for
// the rest). Every hint names the marker, the one suppression there is.
func identifierHint(kind phi.Kind) string {
	marker := "mark the line with <!-- " + phi.AllowMarker + " --> (in front matter: # " + phi.AllowMarker + ")"
	switch kind {
	case phi.Phone, phi.Email, phi.Address:
		return "remove or fictionalise it; if it is your organisation's public contact (a helpline, an address), " +
			"list it under identifiers: allow: in medkb.yaml, or " + marker
	case phi.IPAddress:
		return "remove it, or in an example use an address reserved for documentation (192.0.2.1, 198.51.100.1, 203.0.113.1, 2001:db8::1); " +
			"if it is your organisation's public server, list it under identifiers: allow: in medkb.yaml, or " + marker
	case phi.Name:
		return "remove the name or use an initial or a made-up name; if it is not a person (a heading, a product), " + marker
	default: // record, NHS and social security numbers, dates of birth
		return "remove it, or in an example use a made-up value; if it is one already, " + marker
	}
}

// TranslationStale reports whether a translation is out of date: its
// original changed (lastmod or review) after the translation's last
// review; changed is that date. A nil t is never stale.
func TranslationStale(t *Translation) (changed time.Time, stale bool) {
	if t == nil {
		return time.Time{}, false
	}
	changed = t.OriginalLastmod
	if t.OriginalLastReviewed.After(changed) {
		changed = t.OriginalLastReviewed
	}
	return changed, !changed.IsZero() && changed.After(t.LastReviewed)
}

// IsEnglish reports whether a language tag is English or unset: only
// English text is scored for readability.
func IsEnglish(lang string) bool { return isEnglish(lang) }

// checkTranslation warns when the original changed after the translation
// was last reviewed. A patient article never reviewed at all is left to
// checkReview's no-reviewer warning (one missing fact, one warning).
func checkTranslation(p *Page) []Diagnostic {
	t := p.Translation
	changed, stale := TranslationStale(t)
	if !stale || (t.LastReviewed.IsZero() && isPatient(p) && p.IsArticle) {
		return nil
	}
	reviewed := "never"
	if !t.LastReviewed.IsZero() {
		reviewed = t.LastReviewed.Format(time.DateOnly)
	}
	return []Diagnostic{{File: p.File, Line: lineOr(p.ReviewLine, lineOr(p.TitleLine, 1)), Severity: Warning, Check: "translation",
		Message: fmt.Sprintf("translation out of date: original changed on %s (translation last reviewed: %s)",
			changed.Format(time.DateOnly), reviewed),
		Hint: fmt.Sprintf("update the translation from %s, then set its last_reviewed", t.OriginalFile)}}
}

// Identifiers reports found, phi.Scan's findings in file, as the page
// checks report a page's (an error each, at its line, unless allow or
// the site's levels say otherwise), for a file that is no page: a draft
// whose front matter could not be read, which the page checks leave
// out, is scanned still, as patient identifiers are errors in a draft
// too.
func Identifiers(file string, found []phi.Finding, allow []string, levels map[string]Level) []Diagnostic {
	return applyLevels(checkIdentifiers(&Page{File: file, Identifiers: found, Scanned: true}, allow), levels, nil)
}
