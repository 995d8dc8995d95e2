package callout

import (
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

type htmlRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (htmlRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCallout, renderCallout)
	reg.Register(KindTitle, renderTitle)
	reg.Register(KindTabPanel, renderTabPanel)
}

func renderCallout(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Callout)
	switch {
	case n.Variant == "details" && entering:
		open := ""
		if n.Open {
			open = " open"
		}
		_, _ = w.WriteString(`<details class="callout callout-details" id="` + html.EscapeString(n.ID) + `"` + open + ">\n")
	case n.Variant == "details":
		_, _ = w.WriteString("</details>\n")
	case n.Variant == "tabs" && entering:
		_, _ = w.WriteString(`<div class="tabs" id="` + html.EscapeString(n.ID) + `" data-tabs>` + "\n")
	case n.Variant == "tabs":
		_, _ = w.WriteString("</div>\n")
	case entering:
		_, _ = w.WriteString(`<aside class="callout callout-` + html.EscapeString(n.Variant) +
			`" role="note" aria-labelledby="` + html.EscapeString(n.ID) + "-title\">\n")
	default:
		_, _ = w.WriteString("</aside>\n")
	}
	return ast.WalkContinue, nil
}

func renderTabPanel(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<div class="tab-panel" id="` + html.EscapeString(node.(*TabPanel).ID) + "\">\n")
	} else {
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

// Text returns the HTML of an EMERGENCY callout holding plain text (a
// page's front matter "emergency:"), escaped, with the same title and
// automatic line as a written one; id names it as Callout.ID does.
func Text(text, id string, cfg Config) string {
	var b strings.Builder
	b.WriteString(`<aside class="callout callout-emergency" role="note" aria-labelledby="` + html.EscapeString(id) + "-title\">\n")
	b.WriteString(`<p class="callout-title" id="` + html.EscapeString(id) + `-title">` +
		html.EscapeString(label(cfg.Labels, "callout.emergency", defaultTitle("emergency"))) + "</p>\n")
	c := &Callout{}
	setEmergencyLine(c, cfg, saysCallText(text, cfg))
	writeEmergencyLine(&b, c)
	b.WriteString("<p>" + html.EscapeString(text) + "</p>\n</aside>\n")
	return b.String()
}

func renderTitle(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Title)
	c, _ := n.Parent().(*Callout)
	if c == nil {
		return ast.WalkContinue, nil
	}
	tag := "p"
	switch {
	case c.Variant == "details":
		tag = "summary"
	case c.Variant == "tabs" && !c.Titled:
		return ast.WalkSkipChildren, nil // the tabs speak for themselves
	}
	if entering {
		_, _ = w.WriteString("<" + tag + ` class="callout-title" id="` + html.EscapeString(c.ID) + `-title">`)
		if !n.HasChildren() {
			_, _ = w.WriteString(html.EscapeString(n.Default))
		}
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("</" + tag + ">\n")
	writeEmergencyLine(w, c)
	return ast.WalkContinue, nil
}

func writeEmergencyLine(w interface{ WriteString(string) (int, error) }, c *Callout) {
	switch {
	case c.EmergencyURL != "":
		_, _ = w.WriteString(`<p class="callout-emergency-text"><strong><a href="` + html.EscapeString(c.EmergencyURL) + `">` +
			html.EscapeString(c.EmergencyText) + "</a></strong></p>\n")
	case c.EmergencyText != "":
		_, _ = w.WriteString(`<p class="callout-emergency-text"><strong>` +
			html.EscapeString(c.EmergencyText) + "</strong></p>\n")
	}
}
