package site

import (
	"github.com/medkb/medkb/internal/phase"
	"github.com/medkb/medkb/internal/source"
)

// release drops every content file's bytes (source.File.Release) once the
// site is assembled: they are among the largest things a build holds (626
// MB at 100,000 articles). The Markdown phase reads each body again as it
// renders it (page.Page.SetMarkdownLoader, source.File.Tail), and the
// checks read a file again when they need it (source.File.Reader), each
// only while the file is the version the build read. A command-line patch
// (relatedOnly set) keeps its files: it renders a few bodies but looks up
// every page's in the cache, which a read of every file would slow.
func (bd *build) release() error {
	if bd.relatedOnly != nil {
		return nil
	}
	files := make(map[string]*source.File, len(bd.files))
	for _, f := range bd.files {
		files[f.Path] = f
	}
	for _, p := range append(bd.site.AllPages(), bd.site.AllDrafts()...) {
		if f := files[p.File]; f != nil && p.Body != nil {
			if read, ok := f.Tail(bd.b.opts.Source, p.Body); ok {
				p.SetMarkdownLoader(read)
			}
		}
	}
	for i := range bd.parsed {
		bd.parsed[i].Body = nil
	}
	return phase.Parallel(bd.ctx, len(bd.files), func(i int) error {
		bd.files[i].Release()
		return nil
	})
}

// checkSource returns what reads f for the checks (check.Page.Source).
func (bd *build) checkSource(f *source.File) func() []byte {
	if f == nil {
		return nil
	}
	return f.Reader(bd.b.opts.Source)
}
