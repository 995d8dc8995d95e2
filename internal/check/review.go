package check

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/medkb/medkb/internal/imaging"
)

// Person is an author or reviewer as the checks see them.
type Person struct {
	ID, Name  string
	Specialty string // "" when data/authors.yaml gives none
}

// Summary lengths outside these bounds are reported: a summary stands
// alone in lists, search results, feeds and link previews, which cut it
// near 160 characters.
const (
	MinSummary = 40  // characters
	MaxSummary = 300 // characters
)

// checkPeople reports an author who reviewed their own article (error)
// and a reviewer whose specialty is not the article's (warning).
func checkPeople(p *Page) []Diagnostic {
	var out []Diagnostic
	line := lineOr(p.ReviewedByLine, lineOr(p.TitleLine, 1))
	for _, r := range p.Reviewers {
		for _, a := range p.Authors {
			if a != "" && a == r.ID {
				out = append(out, Diagnostic{File: p.File, Line: line, Severity: Error, Check: "self-review",
					Message: fmt.Sprintf("%q is both author and reviewer", a),
					Hint:    "the medical review must be done by a clinician other than the author: change reviewed_by"})
			}
		}
		if p.Specialty != "" && r.Specialty != "" && !strings.EqualFold(strings.TrimSpace(p.Specialty), strings.TrimSpace(r.Specialty)) {
			out = append(out, Diagnostic{File: p.File, Line: line, Severity: Warning, Check: "reviewer-specialty",
				Message: fmt.Sprintf("reviewer %q is in %s, the article is in %s", r.ID, r.Specialty, p.Specialty),
				Hint:    "ask a reviewer of the article's specialty, or correct specialty in the front matter or data/authors.yaml"})
		}
	}
	return out
}

// checkSummary reports a missing summary on an article (lists and feeds
// then show an automatic excerpt of the body) and a summary too short or
// too long to stand alone.
func checkSummary(p *Page) []Diagnostic {
	if !p.IsArticle {
		return nil
	}
	s := strings.TrimSpace(p.Summary)
	if plain, ok := PlainSummary(s); !ok {
		return []Diagnostic{{File: p.File, Line: lineOr(p.SummaryLine, 1), Severity: Warning, Check: "summary",
			Message: "summary holds Markdown or HTML, which lists, feeds, search results and link previews show as typed: a summary is plain text",
			Hint:    fmt.Sprintf("write it as plain text: summary: %q", plain)}}
	}
	n := utf8.RuneCountInString(s)
	switch {
	case s == "":
		return []Diagnostic{{File: p.File, Line: lineOr(p.TitleLine, 1), Severity: Warning, Check: "summary",
			Message: "article has no summary; lists, search and feeds would show the first words of the body",
			Hint:    "add summary: with one or two plain sentences that stand on their own"}}
	case n < MinSummary:
		return []Diagnostic{{File: p.File, Line: lineOr(p.SummaryLine, 1), Severity: Warning, Check: "summary",
			Message: fmt.Sprintf("summary is too short (%d characters; at least %d)", n, MinSummary),
			Hint:    "say in one or two sentences what the page tells the reader"}}
	case n > MaxSummary:
		return []Diagnostic{{File: p.File, Line: lineOr(p.SummaryLine, 1), Severity: Warning, Check: "summary",
			Message: fmt.Sprintf("summary is too long (%d characters; at most %d)", n, MaxSummary),
			Hint:    "keep it to one or two sentences; link previews cut it near 160 characters"}}
	}
	return nil
}

// checkImageFiles reports body images whose file is not published or is
// in a format most browsers do not show (imaging.Unshown: a photo saved
// as HEIC, a scan as TIFF), and images with alt text but no address (an
// <img src="">).
func checkImageFiles(p *Page, idx *index) []Diagnostic {
	var out []Diagnostic
	for _, img := range p.Images {
		src := strings.TrimSpace(img.Src)
		if src == "" && strings.TrimSpace(img.Alt) != "" { // without alt too, alt-text says it
			out = append(out, Diagnostic{File: p.File, Line: img.Line, Severity: Error, Check: "image",
				Message: fmt.Sprintf("image %q has no address: nothing in the brackets after its alt text", img.Alt),
				Hint:    "write the picture's path in the brackets, such as ![A peak flow meter](/images/peak-flow.png), or remove the image"})
			continue
		}
		u, err := url.Parse(src)
		if err == nil && u.Scheme != "data" {
			if format, ok := imaging.Unshown(u.Path); ok {
				out = append(out, Diagnostic{File: p.File, Line: img.Line, Severity: Error, Check: "image",
					Message: fmt.Sprintf("image %q is a %s file, which Chrome, Edge and Firefox do not show: most readers would see a broken image", src, format),
					Hint:    imaging.UnshownHint(format)})
				continue
			}
		}
		if src == "" || err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" {
			continue // external and data: images are handled by the renderer; empty ones by alt-text
		}
		target := u.Path
		if !strings.HasPrefix(target, "/") {
			target = path.Join(p.URL, target)
		}
		if _, file := idx.lookup(normalizePath(target)); file {
			if strings.HasPrefix(u.Path, "/") && idx.writtenWithPath(normalizePath(target)) {
				d := withPathDiag("image", strconv.Quote(src), u, idx.basePath)
				d.File, d.Line = p.File, img.Line
				d.Check = "image"
				out = append(out, d)
			}
			continue
		}
		where := "static" + path.Clean(target)
		if !strings.HasPrefix(u.Path, "/") && strings.HasPrefix(path.Base(p.File), "index.") {
			// A leaf bundle's picture sits beside its index.md.
			where = path.Join(path.Dir(p.File), u.Path)
		}
		hint := "put the file at " + where + " or fix the path"
		if got, ok := idx.otherCase(normalizePath(target), false); ok {
			hint = caseHint(got)
		}
		out = append(out, Diagnostic{File: p.File, Line: img.Line, Severity: Error, Check: "image",
			Message: fmt.Sprintf("image %q does not exist", src), Hint: hint})
	}
	return out
}

// Markdown and HTML a writer puts in a summary: bold or italic marks, an
// inline link, a code span, a tag.
var (
	summaryEmphasisRe = regexp.MustCompile(`\*\*([^*]+)\*\*|__([^_]+)__`)
	summaryLinkRe     = regexp.MustCompile(`\[([^\]]+)\]\([^)\s]+\)`)
	summaryCodeRe     = regexp.MustCompile("`([^`]+)`")
	summaryTagRe      = regexp.MustCompile(`</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?>`)
)

// PlainSummary returns s without its Markdown and HTML, and whether s had
// none. A summary is shown as text everywhere (lists, feeds, search
// results, meta descriptions), so **very common** would show its
// asterisks; the importer writes an imported one plain.
func PlainSummary(s string) (string, bool) {
	plain := summaryEmphasisRe.ReplaceAllString(s, "$1$2")
	plain = summaryLinkRe.ReplaceAllString(plain, "$1")
	plain = summaryCodeRe.ReplaceAllString(plain, "$1")
	plain = summaryTagRe.ReplaceAllString(plain, "")
	return plain, plain == s
}
