package callout

import (
	"html"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

type htmlRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (htmlRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCallout, renderCallout)
	reg.Register(KindTitle, renderTitle)
}

func renderCallout(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Callout)
	if entering {
		_, _ = w.WriteString(`<aside class="callout callout-` + html.EscapeString(n.Variant) +
			`" role="note" aria-labelledby="` + html.EscapeString(n.ID) + "-title\">\n")
	} else {
		_, _ = w.WriteString("</aside>\n")
	}
	return ast.WalkContinue, nil
}

func renderTitle(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Title)
	c, _ := n.Parent().(*Callout)
	if c == nil {
		return ast.WalkContinue, nil
	}
	if entering {
		_, _ = w.WriteString(`<p class="callout-title" id="` + html.EscapeString(c.ID) + `-title">`)
		if !n.HasChildren() {
			_, _ = w.WriteString(html.EscapeString(n.Default))
		}
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("</p>\n")
	if c.EmergencyText != "" {
		_, _ = w.WriteString(`<p class="callout-emergency-text"><strong>` +
			html.EscapeString(c.EmergencyText) + "</strong></p>\n")
	}
	return ast.WalkContinue, nil
}
