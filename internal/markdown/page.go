package markdown

import (
	"bytes"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"

	"github.com/medkb/medkb/internal/markdown/callout"
	"github.com/medkb/medkb/internal/markdown/citation"
	"github.com/medkb/medkb/internal/markdown/glossary"
)

// page is the state of one Render call.
type page struct {
	src       []byte
	ctx       Context
	allowData bool
	newlines  []int // offsets of '\n' in src
	// col caches the last column computed, so that positions asked in
	// document order along one long line cost the runes between them, not
	// the whole line each time.
	col colCursor
	// colWork counts the bytes scanned for columns, for tests that check
	// the work stays linear.
	colWork int
	ids     *idSet
	raw     []rawPiece // raw HTML nodes, in document order
	rawKept bool       // raw HTML is rendered (sanitized), not omitted
	toc     []Heading
	links   []Link
	images  []Image
	titled  []*ast.Image // kept images with a title: figures if alone
	diags   []Diagnostic
	// rawPages maps each raw HTML link to a Markdown file that leads to a
	// page (pageLinkKey of its href) to that page's address, for
	// secureRaw.
	rawPages map[string]string
	// rawIDs is the line of the first raw HTML element with each id (an
	// <a name> gives its name as id), for the warning on a second one.
	rawIDs map[string]int
	// tables counts the Markdown tables, labelled Table 1 to Table n in
	// prepare; secureRaw numbers raw HTML tables on from n+1.
	tables int
}

func newPage(src []byte, ctx Context, allowData bool) *page {
	p := &page{src: src, ctx: ctx, allowData: allowData, ids: newIDSet()}
	// Counted first, so the index is one allocation of its final size, and
	// found with bytes.IndexByte, which skips the bytes between newlines
	// many at a time.
	p.newlines = make([]int, 0, bytes.Count(src, []byte{'\n'}))
	for off := 0; ; {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			break
		}
		p.newlines = append(p.newlines, off+i)
		off += i + 1
	}
	return p
}

// prepare finishes the AST after goldmark's transformers: it sanitizes link
// and image URLs, gives headings ids and anchors, and wraps tables.
func (p *page) prepare(doc ast.Node) {
	placeholders := mayHoldPlaceholder(p.src) // most pages hold none: no node is searched
	p.checkControlChars()
	var headings []*ast.Heading
	var levels []headingLevel // Markdown and raw HTML headings, in document order
	var tables []*east.Table
	var refs []ast.Node // links, autolinks, images
	var quotes []*ast.Blockquote
	var tabs []*callout.Callout
	var texts []*ast.Text  // text that may hold a phone number
	var marked []*ast.Text // text outside code holding a "{", "^", "]", "**" or "__" (checkAsText)
	var notes footnotes    // the footnotes kept, and where code is (checkFootnotes)
	noPhones := 0          // inside a link, code, heading or callout title
	inCode := 0            // inside a code span
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		step := 1
		if !entering {
			step = -1
		}
		switch n.(type) {
		case *ast.CodeSpan:
			noPhones += step
			inCode += step
		case *ast.Link, *ast.AutoLink, *ast.Heading, *callout.Title:
			noPhones += step
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Blockquote:
			quotes = append(quotes, n)
		case *ast.Text:
			if noPhones == 0 {
				texts = append(texts, n)
			}
			if inCode == 0 {
				v := n.Segment.Value(p.src)
				if bytes.IndexByte(v, '{') >= 0 || bytes.IndexByte(v, '^') >= 0 || bytes.IndexByte(v, ']') >= 0 ||
					bytes.Contains(v, []byte("**")) || bytes.Contains(v, []byte("__")) {
					marked = append(marked, n)
				}
				if placeholders {
					p.checkPlaceholder(n, v)
				}
				p.checkCapitals(n)
			}
		case *ast.Heading:
			p.checkEmptyHeading(n)
			headings = append(headings, n)
			levels = append(levels, headingLevel{level: n.Level, node: n})
		case *ast.Paragraph:
			p.checkHashLines(n)
			p.checkListInParagraph(n)
			p.checkCutInlineTag(n)
		case *ast.List:
			if n.IsOrdered() {
				p.checkListNumbers(n)
			}
		case *callout.Callout:
			if n.Variant == "tabs" {
				tabs = append(tabs, n)
			}
			p.reserveIDs(n)
		case *east.Table:
			tables = append(tables, n)
		case *east.TableCell:
			// Alignment as a class, not a style attribute: the theme's
			// Content-Security-Policy forbids inline styles.
			if n.Alignment != east.AlignNone {
				n.SetAttributeString("class", "align-"+n.Alignment.String())
			}
		case *ast.Link, *ast.AutoLink, *ast.Image:
			refs = append(refs, n)
		case *ast.HTMLBlock, *ast.RawHTML:
			notes.addCode(n)
			p.addRaw(n)
			if p.rawKept {
				levels = append(levels, rawHeadings(n, p.raw[len(p.raw)-1].src)...)
			}
		case *east.Footnote:
			notes.kept = append(notes.kept, string(n.Ref))
			p.reserveIDs(n)
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			notes.addCode(n)
			p.reserveIDs(n)
			switch cb := n.(type) {
			case *ast.CodeBlock:
				p.checkIndentedProse(cb)
				p.checkIndentedHTML(cb)
			case *ast.FencedCodeBlock:
				p.checkUnclosedFence(cb)
			}
		case *east.TaskCheckBox:
			label := p.label("task.todo", "To do")
			if n.IsChecked {
				label = p.label("task.done", "Done")
			}
			n.SetAttributeString("aria-label", label)
		default:
			p.reserveIDs(n)
		}
		return ast.WalkContinue, nil
	})
	for _, n := range refs {
		p.checkURL(n)
	}
	p.checkCallouts(quotes)
	p.checkTabs(tabs)
	p.checkHeadingLevels(levels)
	p.checkSetextHeadings(headings)
	p.checkAsText(marked) // before linkPhones splits text nodes
	p.checkFootnotes(notes)
	p.checkTableRows(tables)
	p.linkPhones(texts)
	for _, h := range headings {
		p.identify(h)
	}
	p.tables = len(tables)
	for i, t := range tables {
		wrap := &tableWrap{label: p.label("table", "Table") + " " + strconv.Itoa(i+1)}
		t.Parent().ReplaceChild(t.Parent(), t, wrap)
		wrap.AppendChild(wrap, t)
	}
	for _, im := range p.titled {
		makeFigure(im)
	}
}

// sizeImage gives a local image its size and resized variants, when
// Context.Images knows it.
func (p *page) sizeImage(n *ast.Image, dest string) {
	if p.ctx.Images == nil || dest == "" || strings.HasPrefix(dest, "#") || isDataImage(dest) {
		return
	}
	li, ok := p.ctx.Images(dest)
	if !ok {
		return
	}
	if li.Width > 0 && li.Height > 0 {
		n.SetAttributeString("width", strconv.Itoa(li.Width))
		n.SetAttributeString("height", strconv.Itoa(li.Height))
	}
	if li.Src != "" {
		n.Destination = []byte(li.Src)
	}
	if li.Srcset != "" {
		n.SetAttributeString("srcset", li.Srcset)
		if li.Sizes != "" {
			n.SetAttributeString("sizes", li.Sizes)
		}
	}
}

// makeFigure turns a titled image that is alone in its paragraph into a
// figure whose caption is the title. An image among other inline content
// stays inline, its title a tooltip.
func makeFigure(im *ast.Image) {
	para, ok := im.Parent().(*ast.Paragraph)
	if !ok || para.ChildCount() != 1 {
		return
	}
	fig := &figure{}
	fig.SetLines(para.Lines())
	caption := &figCaption{}
	caption.AppendChild(caption, ast.NewString(im.Title))
	im.Title = nil
	para.Parent().ReplaceChild(para.Parent(), para, fig)
	fig.AppendChild(fig, im) // AppendChild detaches im from para
	fig.AppendChild(fig, caption)
}

// reserveIDs marks the element ids emitted by the extensions as taken, so
// heading ids never collide with them.
func (p *page) reserveIDs(n ast.Node) {
	switch n := n.(type) {
	case *callout.Callout:
		p.ids.take(n.ID + "-title")
	case *glossary.Term:
		p.ids.take(n.ID)
	case *citation.Citation:
		for _, it := range n.Items {
			if it.Known() {
				p.ids.take(citation.CitationID(it.Key, it.Occurrence))
			}
		}
	case *citation.ReferenceList:
		p.ids.take("references-title")
		for _, e := range n.Entries {
			p.ids.take(citation.AnchorID(e.ID))
		}
	}
}

// identify gives h a unique id; h2–h4 also get an anchor link and a TOC
// entry.
func (p *page) identify(h *ast.Heading) {
	txt := inlineText(h, p.src)
	id := p.ids.unique(Slug(txt))
	h.SetAttributeString("id", id)
	if h.Level < 2 || h.Level > 4 {
		return
	}
	p.toc = append(p.toc, Heading{Level: h.Level, ID: id, Text: txt})
	wrap := &headingWrap{id: id, label: p.label("heading.anchor", "Link to this section"), text: txt}
	h.Parent().ReplaceChild(h.Parent(), h, wrap)
	wrap.AppendChild(wrap, h)
}

// checkURL removes links and images with forbidden URLs (keeping their
// text), marks external links and lazy images, and records what remains.
func (p *page) checkURL(n ast.Node) {
	line, _ := p.position(n)
	switch n := n.(type) {
	case *ast.Link:
		dest := resolveURL(n.Destination)
		if p.blocked(n, dest) {
			unwrap(n)
			return
		}
		written := ""
		if to, ok := p.pageLink(dest); ok {
			n.Destination = []byte(to)
			dest, written = to, dest
		}
		markExternal(n, dest, linkShowsAddress(n, p.src, dest))
		p.checkLinkText(n)
		p.links = append(p.links, Link{Dest: dest, Line: line, Written: written})
	case *ast.AutoLink:
		dest := resolveURL(n.URL(p.src))
		if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(dest), "mailto:") {
			// The HTML renderer writes mailto: for an email autolink; the
			// link is recorded as written, so checks see an address, not
			// a relative path.
			dest = "mailto:" + dest
		}
		if p.blocked(n, dest) {
			n.Parent().ReplaceChild(n.Parent(), n, ast.NewString(n.Label(p.src)))
			return
		}
		markExternal(n, dest, true)
		p.links = append(p.links, Link{Dest: dest, Line: line})
	case *ast.Image:
		dest := resolveURL(n.Destination)
		if p.blocked(n, dest) {
			unwrap(n)
			return
		}
		if isExternal(dest) {
			// Pages never load anything from another host (privacy, and the
			// CSP's img-src 'self' would block it anyway).
			p.diagnose(n, SeverityWarning, "image from another host "+strconv.Quote(shorten(dest))+" removed: pages load nothing from other hosts",
				"copy the image into static/ and use its site path, such as /images/name.png; the alt text is kept")
			unwrap(n)
			return
		}
		n.SetAttributeString("loading", "lazy")
		n.SetAttributeString("decoding", "async")
		p.images = append(p.images, Image{Src: dest, Alt: inlineText(n, p.src), Line: line})
		p.sizeImage(n, dest)
		if n.Title != nil {
			p.titled = append(p.titled, n)
		}
	}
}

// pageLink returns the address of the page published from the Markdown
// file dest names ("asthma.md", "../conditions/asthma.md#causes"), as
// Context.Pages tells it, with dest's fragment. ok is false for any other
// destination (a scheme, a host, a query, another file type) and for a
// file Pages does not know: that link stays as written, for the link
// check to report.
func (p *page) pageLink(dest string) (string, bool) {
	if p.ctx.Pages == nil || urlScheme(dest) != "" || strings.HasPrefix(dest, "//") {
		return "", false
	}
	file, frag, _ := strings.Cut(dest, "#")
	if strings.Contains(file, "?") || !strings.HasSuffix(file, ".md") && !strings.HasSuffix(file, ".markdown") {
		return "", false
	}
	file, err := url.PathUnescape(file)
	if err != nil {
		return "", false
	}
	to, ok := p.ctx.Pages(file)
	if !ok {
		return "", false
	}
	if frag != "" {
		to += "#" + frag
	}
	return to, true
}

// pageLinkKey is dest ("my%20page.md#x") with its path percent-decoded
// ("my page.md#x"), so that a raw HTML href is known again after the
// sanitizer, which may write its path escaped.
func pageLinkKey(dest string) string {
	file, frag, hash := strings.Cut(dest, "#")
	if f, err := url.PathUnescape(file); err == nil {
		file = f
	}
	if hash {
		return file + "#" + frag
	}
	return file
}

// resolveURL decodes character references in a destination, as the HTML
// renderer does before writing it ("javascript&#58;" is "javascript:").
func resolveURL(dest []byte) string {
	return string(util.ResolveNumericReferences(util.ResolveEntityNames(dest)))
}

// blocked reports whether dest is forbidden, adding a warning if so.
func (p *page) blocked(n ast.Node, dest string) bool {
	why := blockedURL(dest, p.allowData)
	if why == "" {
		return false
	}
	what := "link"
	if n.Kind() == ast.KindImage {
		what = "image"
	}
	p.diagnose(n, SeverityWarning, what+" to "+strconv.Quote(shorten(dest))+" removed: "+why,
		"use an http(s), mailto: or site-relative URL; the text is kept")
	return true
}

// markExternal marks a link to another site; shown says that its text is
// its address, so print styles need not write the address after it (class
// "url").
func markExternal(n ast.Node, dest string, shown bool) {
	if isExternal(dest) {
		n.SetAttributeString("rel", "noopener noreferrer")
		if shown {
			n.SetAttributeString("class", "external url")
		} else {
			n.SetAttributeString("class", "external")
		}
	}
}

// linkShowsAddress reports whether a link's text is its destination, with
// or without the scheme and a final slash ("https://who.int/", "who.int").
func linkShowsAddress(n *ast.Link, src []byte, dest string) bool {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok {
			return false
		}
		b.Write(t.Segment.Value(src))
	}
	text := strings.TrimSuffix(b.String(), "/")
	d := strings.TrimSuffix(dest, "/")
	return text == d || text == strings.TrimPrefix(strings.TrimPrefix(d, "https://"), "http://")
}

// unwrap replaces n by its children.
func unwrap(n ast.Node) {
	parent := n.Parent()
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

func shorten(s string) string {
	const limit = 60
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func (p *page) label(key, fallback string) string {
	if v := p.ctx.Labels[key]; v != "" {
		return v
	}
	return fallback
}

// position returns the file line and 1-based column (in runes) of n, using
// the nearest ancestor with a known position.
func (p *page) position(n ast.Node) (line, col int) {
	off := -1
	for m := n; m != nil && off < 0; m = m.Parent() {
		off = m.Pos()
	}
	return p.lineCol(max(off, 0))
}

// lineStart returns the offset of the start of the line holding src[off],
// from the page's index of newlines.
func (p *page) lineStart(off int) int {
	if i := sort.SearchInts(p.newlines, min(off, len(p.src))); i > 0 { // newlines before off
		return p.newlines[i-1] + 1
	}
	return 0
}

func (p *page) lineCol(off int) (line, col int) {
	off = min(off, len(p.src))
	i := sort.SearchInts(p.newlines, off) // newlines before off
	start := 0
	if i > 0 {
		start = p.newlines[i-1] + 1
	}
	c := &p.col
	if c.start != start || c.off > off || !c.valid {
		*c = colCursor{start: start, off: start, valid: true}
	}
	c.runes += utf8.RuneCount(p.src[c.off:off])
	p.colWork += off - c.off
	c.off = off
	return max(p.ctx.LineOffset, 1) + i, c.runes + 1
}

// colCursor is a rune count from the line starting at start up to off.
type colCursor struct {
	start, off, runes int
	valid             bool
}

func (p *page) diagnose(n ast.Node, severity, msg, hint string) {
	line, col := p.position(n)
	p.diags = append(p.diags, Diagnostic{File: p.ctx.File, Line: line, Col: col, Severity: severity, Message: msg, Hint: hint})
}

// diagnoseAt is diagnose at line and col where known (a raw tag's own,
// inside an HTML block of many lines), else at n.
func (p *page) diagnoseAt(n ast.Node, line, col int, severity, msg, hint string) {
	if line == 0 {
		line, col = p.position(n)
	}
	p.diags = append(p.diags, Diagnostic{File: p.ctx.File, Line: line, Col: col, Severity: severity, Message: msg, Hint: hint})
}
