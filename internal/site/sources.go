package site

import "github.com/medkb/medkb/internal/assemble"

// The sources are read one at a time by the parse phase (read only lists
// them) and each is dropped as soon as it is parsed (releaseFile): the
// whole content folder is among the largest things a build would hold
// (626 MB at 100,000 articles). The Markdown phase reads each body again
// as it renders it (page.Page.SetMarkdownLoader, source.File.Tail), and
// the checks read a file again when they need it (source.File.Reader),
// each only while the file is the version the build read. A body's
// rendering is looked up in the cache by the file's hash and the body's
// offset, so an unchanged body is not read again at all. A command-line
// patch (relatedOnly set) keeps the files it edits, whose bytes it
// compares with the last build's.
func (bd *build) releaseFile(pf *assemble.Parsed) {
	if !bd.relatedOnly[pf.File.Path] {
		pf.Drop(bd.b.opts.Source)
	}
}

// release drops what the assembled site no longer needs of the parse
// phase, in a full build: the parsed files (only a patch reads them).
func (bd *build) release() error {
	if bd.relatedOnly == nil {
		bd.parsed = nil
	}
	return nil
}
