package site

import (
	"sync"

	"github.com/medkb/medkb/internal/publish"
	"github.com/medkb/medkb/internal/report"
)

// ReportPath is where the dev server's build holds the editor's report.
const ReportPath = "_medkb/report/index.html"

// makeReport prepares the editor's report: the report itself when asked
// (Options.Report), and for the dev server (Serve) the means to make its
// input from this build's check view, which no later build changes — the
// server renders the page when it is requested, never on the way from a
// save to the reload — and an empty placeholder at ReportPath, so the
// page's folder exists in the output.
func (bd *build) makeReport(sink publish.Sink) error {
	if !bd.b.opts.Report && !bd.b.opts.Serve {
		return nil
	}
	bd.mu.Lock()
	defer bd.mu.Unlock()
	if bd.b.opts.Report {
		r := report.Build(*bd.checked.ReportInput(bd.cfg, bd.data.Authors, bd.today(), bd.b.grades))
		bd.res.Report = &r
	}
	if !bd.b.opts.Serve {
		return nil
	}
	cfg, authors, checked, today, grades := bd.cfg, bd.data.Authors, bd.checked, bd.today(), bd.b.grades
	bd.res.reportInput = sync.OnceValue(func() *report.Input { return checked.ReportInput(cfg, authors, today, grades) })
	return sink.Write(ReportPath, nil)
}
