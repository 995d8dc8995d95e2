package callout

import (
	"bytes"
	"cmp"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

type transformer struct {
	defaults Config
}

// Transform implements parser.ASTTransformer. Blockquotes are collected
// first and converted afterwards, so the walk never sees a changing tree.
func (t transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	cfg := t.defaults
	if c, ok := pc.Get(configKey).(Config); ok {
		cfg = c
	}
	// A blockquote is a block, and a block holds either blocks (a
	// container: a list, a blockquote) or inline content (a leaf: a
	// paragraph, a heading), as CommonMark defines them: the walk does
	// not go into a block whose first child is inline, which skips two
	// thirds of the bench corpus's nodes (11,552 to 3,797 visited in 100
	// articles).
	var quotes []*ast.Blockquote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if c := n.FirstChild(); c != nil && c.Type() == ast.TypeInline {
			return ast.WalkSkipChildren, nil
		}
		if q, ok := n.(*ast.Blockquote); ok {
			quotes = append(quotes, q)
		}
		return ast.WalkContinue, nil
	})
	source := reader.Source()
	count := 0
	for _, q := range quotes {
		kind, markerEnd, fold, ok := marker(q, source)
		if !ok {
			continue
		}
		count++
		c := convert(q, kind, markerEnd, count, cfg, source)
		switch kind {
		case "details":
			c.Open = fold == '+'
		case "tabs":
			splitPanels(c)
		}
	}
}

// marker finds "[!KIND]" at the start of the blockquote's first paragraph
// and returns the kind, the source offset just after the marker (and its
// fold sign) and the fold sign of a DETAILS marker ('+', '-' or 0).
func marker(q *ast.Blockquote, source []byte) (kind string, end int, fold byte, ok bool) {
	p, isPara := q.FirstChild().(*ast.Paragraph)
	if !isPara || p.Lines().Len() == 0 {
		return "", 0, 0, false
	}
	seg := p.Lines().At(0)
	line := seg.Value(source)
	if !bytes.HasPrefix(line, []byte("[!")) {
		return "", 0, 0, false
	}
	closing := bytes.IndexByte(line, ']')
	if closing < 0 {
		return "", 0, 0, false
	}
	kind, ok = ParseKind(string(line[2:closing]))
	if !ok {
		return "", 0, 0, false
	}
	end = closing + 1
	if kind == "details" && end < len(line) && (line[end] == '+' || line[end] == '-') {
		fold = line[end]
		end++
	}
	rest := line[end:]
	if len(rest) > 0 && rest[0] != ' ' && rest[0] != '\t' && rest[0] != '\n' && rest[0] != '\r' {
		return "", 0, 0, false // "[!NOTE]x" is not a marker
	}
	return kind, seg.Start + end, fold, true
}

// convert replaces q with a Callout holding a Title (the rest of the marker
// line) and q's children.
func convert(q *ast.Blockquote, kind string, markerEnd, number int, cfg Config, source []byte) *Callout {
	c := &Callout{Variant: kind, ID: "callout-" + strconv.Itoa(number)}
	if kind == "emergency" {
		setEmergencyLine(c, cfg, saysCall(q, cfg, source))
		linkNumber(q, cfg.Number, source)
	}
	c.SetPos(q.Pos())
	title := &Title{Default: label(cfg.Labels, "callout."+kind, defaultTitle(kind))}
	title.SetPos(q.FirstChild().Pos())
	p := q.FirstChild().(*ast.Paragraph)
	for _, n := range stripMarker(takeFirstLine(p), markerEnd, source) {
		title.AppendChild(title, n)
	}
	c.Titled = title.HasChildren()
	if p.ChildCount() == 0 {
		q.RemoveChild(q, p)
	}
	c.AppendChild(c, title)
	for n := q.FirstChild(); n != nil; {
		next := n.NextSibling()
		c.AppendChild(c, n) // AppendChild detaches n from q
		n = next
	}
	q.Parent().ReplaceChild(q.Parent(), q, c)
	return c
}

// splitPanels groups the body of a TABS callout into TabPanels: each
// heading of the level of the first heading starts one. Blocks before the
// first heading stay where they are.
func splitPanels(c *Callout) {
	level := 0
	for n := c.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok {
			level = h.Level
			break
		}
	}
	if level == 0 {
		return
	}
	var panel *TabPanel
	count := 0
	for n := c.FirstChild(); n != nil; {
		next := n.NextSibling()
		if h, ok := n.(*ast.Heading); ok && h.Level == level {
			count++
			panel = &TabPanel{ID: c.ID + "-panel-" + strconv.Itoa(count)}
			panel.SetPos(h.Pos())
			c.InsertBefore(c, n, panel)
		}
		if panel != nil {
			panel.AppendChild(panel, n) // detaches n from c
		}
		n = next
	}
}

// takeFirstLine removes and returns the inline nodes of p's first line:
// everything up to and including the first text that ends with a line
// break.
func takeFirstLine(p *ast.Paragraph) []ast.Node {
	var line []ast.Node
	for n := p.FirstChild(); n != nil; {
		next := n.NextSibling()
		p.RemoveChild(p, n)
		if t, ok := n.(*ast.Text); ok && (t.SoftLineBreak() || t.HardLineBreak()) {
			t.SetSoftLineBreak(false)
			t.SetHardLineBreak(false)
			if t.Segment.Len() > 0 {
				line = append(line, t)
			}
			break
		}
		line = append(line, n)
		n = next
	}
	return line
}

// stripMarker drops the text of "[!KIND]" (which may span several text
// nodes) and the blank that follows it.
func stripMarker(nodes []ast.Node, markerEnd int, source []byte) []ast.Node {
	for len(nodes) > 0 {
		t, ok := nodes[0].(*ast.Text)
		if !ok {
			break
		}
		if t.Segment.Start < markerEnd {
			t.Segment = t.Segment.WithStart(min(markerEnd, t.Segment.Stop))
		}
		t.Segment = t.Segment.TrimLeftSpace(source)
		if t.Segment.Len() > 0 {
			break
		}
		nodes = nodes[1:]
	}
	return nodes
}

// setEmergencyLine sets the automatic line of an EMERGENCY callout, unless
// the writer already says to call.
func setEmergencyLine(c *Callout, cfg Config, said bool) {
	if said {
		return
	}
	c.EmergencyText = label(cfg.Labels, "emergency.text", defaultEmergencyText)
	if cfg.Number != "" {
		c.EmergencyText, c.EmergencyURL = cmp.Or(cfg.Call, cfg.Number), TelURL(cfg.Number)
	}
}

// digits is a telephone number as writers type one: three or more digits,
// possibly spaced ("999", "1 1 2", "0800 123 456").
var digits = regexp.MustCompile(`\d(?:[ .-]?\d){2,}`)

// saysCall reports whether the text of blockquote q already tells the
// reader to call: the word "call" or a call word of the language, the
// site's number, or a phone-like run of digits.
func saysCall(q *ast.Blockquote, cfg Config, source []byte) bool {
	var b strings.Builder
	_ = ast.Walk(q, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*ast.Text); ok && entering {
			b.Write(t.Segment.Value(source))
			b.WriteByte(' ')
		}
		return ast.WalkContinue, nil
	})
	return saysCallText(b.String(), cfg)
}

// saysCallText is saysCall for plain text.
func saysCallText(text string, cfg Config) bool {
	text = strings.ToLower(text)
	if cfg.Number != "" && strings.Contains(text, strings.ToLower(cfg.Number)) || digits.MatchString(text) {
		return true
	}
	words := append([]string{"call"}, strings.Fields(strings.ToLower(cfg.Labels["emergency.call-words"]))...)
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsMark(r) }) {
		if slices.Contains(words, w) {
			return true
		}
	}
	return false
}

// linkNumber turns each mention of the site's emergency number in the text
// of blockquote q (outside links and code) into a tel: link, so that the
// writer's own "call 999" can be tapped.
func linkNumber(q *ast.Blockquote, number string, source []byte) {
	if number == "" {
		return
	}
	var texts []*ast.Text
	_ = ast.Walk(q, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Link, *ast.AutoLink, *ast.CodeSpan, *ast.Image:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if entering && !n.IsRaw() {
				texts = append(texts, n)
			}
		}
		return ast.WalkContinue, nil
	})
	dest := []byte(TelURL(number))
	for _, t := range texts {
		for {
			value := t.Segment.Value(source)
			i := indexNumber(value, number)
			if i < 0 {
				break
			}
			start := t.Segment.Start
			parent := t.Parent()
			if i > 0 {
				parent.InsertBefore(parent, t, ast.NewTextSegment(text.NewSegment(start, start+i)))
			}
			link := ast.NewLink()
			link.Destination = dest
			link.AppendChild(link, ast.NewTextSegment(text.NewSegment(start+i, start+i+len(number))))
			parent.InsertBefore(parent, t, link)
			t.Segment = t.Segment.WithStart(start + i + len(number))
		}
	}
}

// indexNumber finds number in b where it is not part of a longer number.
func indexNumber(b []byte, number string) int {
	isDigit := func(c byte) bool { return c >= '0' && c <= '9' }
	for off := 0; off < len(b); {
		i := bytes.Index(b[off:], []byte(number))
		if i < 0 {
			return -1
		}
		i += off
		end := i + len(number)
		if (i == 0 || !isDigit(b[i-1])) && (end == len(b) || !isDigit(b[end])) {
			return i
		}
		off = i + 1
	}
	return -1
}
