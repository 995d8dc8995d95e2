package report

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"
)

// WriteJSON writes the report as indented JSON.
func WriteJSON(w io.Writer, r Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteText writes the report for a terminal: each section with its pages,
// then each person's share as counts. Titles are Go-quoted, so control
// characters never reach the terminal.
func WriteText(w io.Writer, r Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Editor's report for %s\n", r.Today)
	for _, s := range r.Sections {
		fmt.Fprintf(&b, "\n%s (%d)\n", s.Title, len(s.Items))
		for _, it := range s.Items {
			fmt.Fprintf(&b, "  %s %s%s\n", it.File, strconv.Quote(it.Title), detail(s.ID, it))
		}
	}
	if len(r.People) > 0 {
		b.WriteString("\nPer author and reviewer\n")
	}
	for _, p := range r.People {
		var counts []string
		for _, s := range p.Sections {
			counts = append(counts, fmt.Sprintf("%s %d", s.ID, len(s.Items)))
		}
		fmt.Fprintf(&b, "  %s %s (%s): %s\n", p.Role, strconv.Quote(p.Name), p.ID, strings.Join(counts, ", "))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// detail is an item's section-specific note.
func detail(section string, it Item) string {
	switch section {
	case Overdue:
		return fmt.Sprintf(" — due %s, %d days ago", it.NextReview, -it.Days)
	case Due30, Due90:
		return fmt.Sprintf(" — due %s, in %d days", it.NextReview, it.Days)
	case Readability:
		return fmt.Sprintf(" — grade %.1f", it.Grade)
	case Untranslated:
		return " — missing " + strings.Join(it.Missing, ", ")
	case StaleTranslations:
		return fmt.Sprintf(" — %s changed on %s", it.Original, it.Changed)
	}
	return ""
}

//go:embed report.html
var pageTemplate string

var page = template.Must(template.New("report").Funcs(template.FuncMap{"detail": detail}).Parse(pageTemplate))

// HTML renders the report as a standalone page for the dev server: the
// site's stylesheet (css is its URL), no script, no inline style, every
// table with a caption and header cells, so it passes axe-core.
func HTML(r Report, css string) ([]byte, error) {
	var buf bytes.Buffer
	err := page.Execute(&buf, struct {
		Report
		CSS string
	}{r, css})
	return buf.Bytes(), err
}
