package site

import (
	"github.com/medkb/medkb/internal/assemble"
	"github.com/medkb/medkb/internal/source"
)

// The sources are read one at a time by the parse phase (read only lists
// them) and each is dropped as soon as it is parsed (releaseFile): the
// whole content folder is among the largest things a build would hold
// (626 MB at 100,000 articles). The Markdown phase reads each body again
// as it renders it (page.Page.SetMarkdownLoader, source.File.Tail), and
// the checks read a file again when they need it (source.File.Reader),
// each only while the file is the version the build read. A command-line
// patch (relatedOnly set) keeps its files: it renders a few bodies but
// looks up every page's in the cache, which reading every file again
// would slow.
func (bd *build) releaseFile(pf *assemble.Parsed) {
	if bd.relatedOnly != nil {
		return
	}
	if read, ok := pf.File.Tail(bd.b.opts.Source, pf.Body); ok && pf.Body != nil {
		pf.Body, pf.Markdown = nil, read
	}
	pf.File.Release()
}

// release drops what the assembled site no longer needs of the parse
// phase, in a full build: the parsed files (only a patch reads them).
func (bd *build) release() error {
	if bd.relatedOnly == nil {
		bd.parsed = nil
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
