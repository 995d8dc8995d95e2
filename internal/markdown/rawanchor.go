package markdown

import (
	"bytes"
	"regexp"

	"github.com/yuin/goldmark/ast"
)

// Linkify (GFM's autolinks extension) turns an address or an email
// address written as text into a link, wherever the text is: also between
// a raw <a href="…"> and its </a>, where the writer has linked it
// already. Written out, that is a link inside a link, which HTML does not
// allow (browsers close the outer one first, so the page shows two links
// and the text after them falls outside both), and the inner link loses
// what the outer one said: CoronaCheck.nl's
// <a href="mailto:helpdesk@coronacheck.nl?subject=…">helpdesk@coronacheck.nl</a>
// came out as a bare mailto without the subject, nested in the first.
// unlinkInsideRawAnchors puts the text back in place of each such
// automatic link, as GitHub does.

var (
	rawAnchorOpen  = regexp.MustCompile(`(?i)<a[\s>/]`)
	rawAnchorClose = regexp.MustCompile(`(?i)</a\s*>`)
)

// unlinkInsideRawAnchors replaces each automatic link of doc that stands
// between a raw HTML <a …> and its </a> in the same block by its text.
func unlinkInsideRawAnchors(doc ast.Node, src []byte) {
	// It runs on every page; nearly all hold no raw <a>, and then the
	// walk of the whole document is not needed.
	if !bytes.Contains(src, []byte("<a")) && !bytes.Contains(src, []byte("<A")) {
		return
	}
	var (
		block ast.Node // the block whose inline content the walk is in
		open  int      // raw <a> opened and not yet closed in it
		found []*ast.AutoLink
	)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.RawHTML:
			if b := blockOf(n); b != block {
				block, open = b, 0
			}
			var text []byte
			for i := 0; i < n.Segments.Len(); i++ {
				seg := n.Segments.At(i)
				text = append(text, seg.Value(src)...)
			}
			open += len(rawAnchorOpen.FindAllIndex(text, -1))
			open = max(0, open-len(rawAnchorClose.FindAllIndex(text, -1)))
		case *ast.AutoLink:
			if open > 0 && blockOf(n) == block {
				found = append(found, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, l := range found {
		s := ast.NewString(l.Label(src))
		l.Parent().ReplaceChild(l.Parent(), l, s)
	}
}

// blockOf is the block n stands in.
func blockOf(n ast.Node) ast.Node {
	for n != nil && n.Type() != ast.TypeBlock {
		n = n.Parent()
	}
	return n
}
