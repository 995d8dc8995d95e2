package site

import (
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/medkb/medkb/internal/check"
	"github.com/medkb/medkb/internal/checkset"
	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/publish"
	"github.com/medkb/medkb/internal/report"
	"github.com/medkb/medkb/internal/sitedata"
)

// ReportPath is where the dev server's build holds the editor's report.
const ReportPath = "_medkb/report/index.html"

// reportInput is the editor's report's view of a check view: the last
// full check's, and the pages incremental rebuilds checked since.
func reportInput(cfg *config.Config, data sitedata.Data, checked *checkset.View, today time.Time, grades *report.Grades) *report.Input {
	in := report.Input{Today: today, DefaultLang: cfg.DefaultLanguage().Code, Languages: cfg.Codes(),
		Names: map[string]string{}, ReadabilityTarget: cfg.ReadabilityTarget, Grades: grades}
	for id, a := range data.Authors {
		in.Names[id] = a.Name
	}
	in.Pages = make([]check.Page, 0, checked.Len())
	checked.Each(func(cp check.Page) { in.Pages = append(in.Pages, cp) })
	slices.SortFunc(in.Pages, func(a, b check.Page) int { return strings.Compare(a.File, b.File) })
	return &in
}

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
		r := report.Build(*reportInput(bd.cfg, bd.data, bd.checked, bd.today(), bd.b.grades))
		bd.res.Report = &r
	}
	if !bd.b.opts.Serve {
		return nil
	}
	cfg, data, checked, today, grades := bd.cfg, bd.data, bd.checked, bd.today(), bd.b.grades
	bd.res.reportInput = sync.OnceValue(func() *report.Input { return reportInput(cfg, data, checked, today, grades) })
	return sink.Write(ReportPath, nil)
}
