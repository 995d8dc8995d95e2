package site

import (
	"sync/atomic"

	"github.com/medkb/medkb/internal/assemble"
)

// The sources are read one at a time by the parse phase (read only lists
// them) and each is dropped as soon as it is parsed (releaseFile): the
// whole content folder is among the largest things a build would hold
// (626 MB at 100,000 articles). The Markdown phase takes each body as it
// renders it (page.Page.SetMarkdownSource, source.File.Tail), and the
// checks read a file again when they need it (source.File.Reader), each
// only while the file is the version the build read. A body's rendering
// is looked up in the cache by the file's hash and the body's offset, so
// an unchanged body is not read again at all. A command-line patch
// (relatedOnly set) keeps the files it edits, whose bytes it compares
// with the last build's.
//
// Bodies up to a sixth of the memory budget in all (holdShare) are held
// from parsing to rendering rather than read twice: the Markdown phase
// takes each once (assemble.Parsed.Hold), and each is freed as its body
// is rendered, before the outputs, whose live heap is the build's peak;
// what the Markdown phase did not take (a rendering from the cache) is
// let go as it ends (dropHeld). A 10,000-article site's bodies, 63 MiB
// against a 448 MiB budget, are then read once; past the share, bodies
// are read again as before.
func (bd *build) releaseFile(pf *assemble.Parsed, held *atomic.Int64) (drop func()) {
	if bd.relatedOnly[pf.File.Path] {
		return nil
	}
	// A held body keeps its whole file in memory (the body is the end of
	// the file's bytes), so the file's length is what it costs; a body
	// Hold cannot hold (a copy, as after a byte-order mark) costs nothing.
	n := int64(len(pf.File.Data))
	if held.Add(n) <= bd.memoryBudget()/holdShare {
		if drop := pf.Hold(bd.b.opts.Source); drop != nil {
			return drop
		}
	} else {
		pf.Drop(bd.b.opts.Source)
	}
	held.Add(-n)
	return nil
}

// holdShare: the bodies a build holds from parsing to rendering take at
// most 1/holdShare of its memory budget (releaseFile).
const holdShare = 6

// dropHeld lets go of the bodies the parse phase held that the Markdown
// phase did not take.
func (bd *build) dropHeld() {
	for _, drop := range bd.held {
		if drop != nil {
			drop()
		}
	}
	bd.held = nil
}

// release drops what the assembled site no longer needs of the parse
// phase, in a full build: the parsed files (only a patch reads them).
func (bd *build) release() error {
	if bd.relatedOnly == nil {
		bd.parsed = nil
	}
	return nil
}
