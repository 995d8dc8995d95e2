package markdown

import (
	"html"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// kindHeadingWrap and kindTableWrap are the node kinds of the blocks that
// prepare puts around headings and tables.
var (
	kindHeadingWrap = ast.NewNodeKind("HeadingWrap")
	kindTableWrap   = ast.NewNodeKind("TableWrap")
	kindFigure      = ast.NewNodeKind("Figure")
	kindFigCaption  = ast.NewNodeKind("FigCaption")
)

// figure is an image alone in its paragraph with a title, and its caption:
//
//	<figure><img src="…" alt="…"><figcaption>title</figcaption></figure>
type figure struct{ ast.BaseBlock }

func (n *figure) Kind() ast.NodeKind { return kindFigure }

func (n *figure) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// figCaption holds the caption as one ast.String, which the HTML renderer
// escapes as it would the title attribute.
type figCaption struct{ ast.BaseBlock }

func (n *figCaption) Kind() ast.NodeKind { return kindFigCaption }

func (n *figCaption) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// headingWrap holds one h2–h4 and renders its anchor link after it:
//
//	<div class="heading"><h2 id="x">…</h2><a class="anchor" href="#x" aria-label="Link to this section: …">#</a></div>
//
// The link sits beside the heading, not inside it, so the heading's
// accessible name stays its own text.
type headingWrap struct {
	ast.BaseBlock
	// The link's label is label + ": " + text, written in pieces when it
	// is rendered (not joined into a string per heading).
	id, label, text string
}

func (n *headingWrap) Kind() ast.NodeKind { return kindHeadingWrap }

func (n *headingWrap) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"ID": n.id}, nil)
}

// tableWrap makes a wide table scroll inside a focusable, labelled region
// instead of overflowing the page.
type tableWrap struct {
	ast.BaseBlock
	label string
}

func (n *tableWrap) Kind() ast.NodeKind { return kindTableWrap }

func (n *tableWrap) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Label": n.label}, nil)
}

type wrapRenderer struct{}

func (wrapRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindHeadingWrap, renderHeadingWrap)
	reg.Register(kindTableWrap, renderTableWrap)
	reg.Register(east.KindTaskCheckBox, renderTaskCheckBox)
	reg.Register(kindFigure, renderTags("<figure>\n", "</figure>\n"))
	reg.Register(kindFigCaption, renderTags("\n<figcaption>", "</figcaption>\n"))
}

// renderTags returns a renderer that writes open on entering a node and
// close on leaving it: the figure and its caption, which hold nothing
// else of their own.
func renderTags(open, close string) renderer.NodeRendererFunc {
	return func(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(open)
		} else {
			_, _ = w.WriteString(close)
		}
		return ast.WalkContinue, nil
	}
}

// renderTaskCheckBox writes a task list checkbox with the accessible name
// that prepare stored in its aria-label attribute (goldmark's own renderer
// leaves it unlabelled, which axe-core reports).
func renderTaskCheckBox(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*east.TaskCheckBox)
	_, _ = w.WriteString("<input ")
	if n.IsChecked {
		_, _ = w.WriteString(`checked="" `)
	}
	_, _ = w.WriteString(`disabled="" type="checkbox"`)
	if label, ok := n.AttributeString("aria-label"); ok {
		_, _ = w.WriteString(` aria-label="` + html.EscapeString(label.(string)) + `"`)
	}
	_, _ = w.WriteString("> ")
	return ast.WalkContinue, nil
}

func renderHeadingWrap(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*headingWrap)
	if entering {
		_, _ = w.WriteString(`<div class="heading">` + "\n")
		return ast.WalkContinue, nil
	}
	// Written in pieces: html.EscapeString returns a string without
	// special characters as it is, so most headings cost no allocation.
	_, _ = w.WriteString(`<a class="anchor" href="#`)
	_, _ = w.WriteString(html.EscapeString(n.id))
	_, _ = w.WriteString(`" aria-label="`)
	_, _ = w.WriteString(html.EscapeString(n.label))
	_, _ = w.WriteString(": ")
	_, _ = w.WriteString(html.EscapeString(n.text))
	_, _ = w.WriteString(`">#</a>` + "\n</div>\n")
	return ast.WalkContinue, nil
}

func renderTableWrap(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*tableWrap)
	if entering {
		_, _ = w.WriteString(`<div class="table-wrap" role="region" tabindex="0" aria-label="` +
			html.EscapeString(n.label) + "\">\n")
	} else {
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}
