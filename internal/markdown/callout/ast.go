package callout

import (
	"github.com/yuin/goldmark/ast"
)

// KindCallout is the NodeKind of a Callout node.
var KindCallout = ast.NewNodeKind("Callout")

// KindTitle is the NodeKind of a Title node.
var KindTitle = ast.NewNodeKind("CalloutTitle")

// Callout is a block that replaces a "[!KIND]" blockquote. Its first child
// is a Title; the remaining children are the blockquote's body blocks.
type Callout struct {
	ast.BaseBlock
	// Variant is the lower-case kind: "note", "warning", "see-a-doctor", …
	Variant string
	// ID is unique per document ("callout-1"); the title's id is ID+"-title".
	ID string
	// EmergencyText is rendered after the title; set for EMERGENCY only,
	// and only when the writer's text does not already say to call.
	EmergencyText string
	// EmergencyURL, when set, makes EmergencyText a link (a tel: URL).
	EmergencyURL string
	// Open is set for "[!DETAILS]+": the expander starts open.
	Open bool
	// Titled is set when the writer gave a title on the marker line.
	Titled bool
}

// Kind implements ast.Node.
func (n *Callout) Kind() ast.NodeKind { return KindCallout }

// Dump implements ast.Node.
func (n *Callout) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Variant": n.Variant, "ID": n.ID}, nil)
}

// Title is the callout's title line. Its inline children are the custom
// title; when it has none, Default is rendered.
type Title struct {
	ast.BaseBlock
	Default string
}

// Kind implements ast.Node.
func (n *Title) Kind() ast.NodeKind { return KindTitle }

// Dump implements ast.Node.
func (n *Title) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Default": n.Default}, nil)
}

// KindTabPanel is the NodeKind of a TabPanel node.
var KindTabPanel = ast.NewNodeKind("CalloutTabPanel")

// TabPanel is one panel of a TABS callout: a heading (the tab's label)
// and the blocks up to the next heading of the same level.
type TabPanel struct {
	ast.BaseBlock
	// ID is unique per document ("callout-1-panel-2").
	ID string
}

// Kind implements ast.Node.
func (n *TabPanel) Kind() ast.NodeKind { return KindTabPanel }

// Dump implements ast.Node.
func (n *TabPanel) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"ID": n.ID}, nil)
}
