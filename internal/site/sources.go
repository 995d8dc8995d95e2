package site

import (
	"github.com/medkb/medkb/internal/phase"
	"github.com/medkb/medkb/internal/source"
)

// release drops every content file's bytes (source.File.Release) and every
// page's Markdown once the bodies are rendered: they are among the largest
// things a build holds after the rendered pages, and nothing after
// rendering needs them whole. The checks read a file again when they need
// it (source.File.Reader). A command-line patch and the terminal search
// stop before it, with their files whole.
func (bd *build) release() error {
	if err := phase.Parallel(bd.ctx, len(bd.files), func(i int) error {
		bd.files[i].Release()
		return nil
	}); err != nil {
		return err
	}
	for i := range bd.parsed {
		bd.parsed[i].Body = nil
	}
	for _, p := range append(bd.site.AllPages(), bd.site.AllDrafts()...) {
		p.Body = nil
	}
	return nil
}

// checkSource returns what reads f for the checks (check.Page.Source).
func (bd *build) checkSource(f *source.File) func() []byte {
	if f == nil {
		return nil
	}
	return f.Reader(bd.b.opts.Source)
}
