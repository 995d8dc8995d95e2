package site

import (
	"slices"
	"strings"

	"github.com/medkb/medkb/internal/check"
	"github.com/medkb/medkb/internal/publish"
	"github.com/medkb/medkb/internal/report"
)

// ReportPath is where the dev server's build holds the editor's report.
const ReportPath = "_medkb/report/index.html"

// reportInput is the editor's report's view of the last full check (and
// of the pages an incremental rebuild checked since).
func (bd *build) reportInput() report.Input {
	in := report.Input{Today: bd.today(), DefaultLang: bd.cfg.DefaultLanguage().Code,
		Names: map[string]string{}, ReadabilityTarget: bd.cfg.ReadabilityTarget, Grades: bd.b.grades}
	for _, l := range bd.cfg.Languages {
		in.Languages = append(in.Languages, l.Code)
	}
	for id, a := range bd.data.Authors {
		in.Names[id] = a.Name
	}
	in.Pages = make([]check.Page, 0, len(bd.checked))
	for _, cp := range bd.checked {
		in.Pages = append(in.Pages, cp)
	}
	slices.SortFunc(in.Pages, func(a, b check.Page) int { return strings.Compare(a.File, b.File) })
	return in
}

// makeReport prepares the editor's report: the report itself when asked
// (Options.Report), and for the dev server (Serve) a snapshot of its input,
// which the server renders when the page is requested — never on the way
// from a save to the reload — and an empty placeholder at ReportPath, so
// the page's folder exists in the output.
func (bd *build) makeReport(sink publish.Sink) error {
	if !bd.b.opts.Report && !bd.b.opts.Serve {
		return nil
	}
	in := bd.reportInput()
	bd.mu.Lock()
	defer bd.mu.Unlock()
	if bd.b.opts.Report {
		r := report.Build(in)
		bd.res.Report = &r
	}
	if !bd.b.opts.Serve {
		return nil
	}
	bd.res.reportInput = &in
	return sink.Write(ReportPath, nil)
}
