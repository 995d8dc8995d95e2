package citation

import (
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// KindCitation is the NodeKind of a Citation node.
var KindCitation = ast.NewNodeKind("Citation")

// KindReferenceList is the NodeKind of a ReferenceList node.
var KindReferenceList = ast.NewNodeKind("ReferenceList")

// Item is one key inside a citation: "@key" with an optional locator
// ("p. 12").
type Item struct {
	Key     string
	Locator string
	// Number is the reference's position in first-citation order (1-based),
	// or 0 when Key names no reference of the document.
	Number int
	// Occurrence counts the citations of this reference so far (1-based);
	// it makes the citation's element id unique.
	Occurrence int
}

// Known reports whether the item resolved to a reference.
func (it Item) Known() bool { return it.Number > 0 }

// Citation is an inline node for "[@a; @b, p. 3]". It has no children: the
// renderer writes the numbers, or Segment literally when no key resolved.
type Citation struct {
	ast.BaseInline
	Items []Item
	// Malformed is set for text that starts like a citation but is not
	// one ("[@key extra words]"); it has no Items and renders literally.
	Malformed bool
	// Segment is the whole source text of the citation, brackets included.
	Segment text.Segment
	// sourceLabel prefixes the number in each link's accessible name.
	sourceLabel string
}

// Kind implements ast.Node.
func (n *Citation) Kind() ast.NodeKind { return KindCitation }

// Dump implements ast.Node.
func (n *Citation) Dump(source []byte, level int) {
	m := map[string]string{}
	for i, it := range n.Items {
		m["Item"+strconv.Itoa(i)] = it.Key + "#" + strconv.Itoa(it.Number)
	}
	ast.DumpHelper(n, source, level, m, nil)
}

// Entry is one item of the reference list.
type Entry struct {
	Reference
	// Number is the entry's position in the list (1-based).
	Number int
	// Citations is how many times the body cites the reference; back-links
	// point at occurrences 1..Citations. Zero means never cited.
	Citations int
}

// ReferenceList is the block appended at the end of a document that has
// references: cited ones in citation order, then the uncited ones.
type ReferenceList struct {
	ast.BaseBlock
	Entries []Entry
	// Duplicates lists reference ids given more than once; only the first
	// of each is used.
	Duplicates []Reference
	labels     labels
}

// Kind implements ast.Node.
func (n *ReferenceList) Kind() ast.NodeKind { return KindReferenceList }

// Dump implements ast.Node.
func (n *ReferenceList) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Entries": strconv.Itoa(len(n.Entries))}, nil)
}
