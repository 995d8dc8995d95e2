package glossary

import (
	"github.com/yuin/goldmark/ast"
)

// KindTerm is the NodeKind of a Term node.
var KindTerm = ast.NewNodeKind("GlossaryTerm")

// Term is an inline node wrapping the first use of a glossary term; its
// children are the matched text.
type Term struct {
	ast.BaseInline
	// Href is the glossary link target.
	Href string
	// ID is the definition's element id, unique per document ("gl-1").
	ID         string
	Definition string
}

// Kind implements ast.Node.
func (n *Term) Kind() ast.NodeKind { return KindTerm }

// Dump implements ast.Node.
func (n *Term) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Href": n.Href, "ID": n.ID}, nil)
}
