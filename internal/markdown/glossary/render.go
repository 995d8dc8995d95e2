package glossary

import (
	"html"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

type htmlRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (htmlRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindTerm, renderTerm)
}

func renderTerm(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Term)
	id := html.EscapeString(n.ID)
	if entering {
		_, _ = w.WriteString(`<span class="gloss-term"><a class="term" href="` + html.EscapeString(n.Href) + `" aria-describedby="` + id + `">`)
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`</a><span class="term-def" role="tooltip" id="` + id + `">` +
		html.EscapeString(n.Definition) + `</span></span>`)
	return ast.WalkContinue, nil
}
