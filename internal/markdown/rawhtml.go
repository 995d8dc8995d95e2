package markdown

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Raw HTML in a body is never lost quietly. With Options.Unsafe off it is
// omitted and one warning per page says how many pieces were dropped and
// how to keep them. With Unsafe on, each piece is audited against the
// allow-list before the sanitizer runs: every element and attribute the
// sanitizer will remove, every image from another host, every element
// left open or closed twice is a warning at its line; links and images in
// raw HTML are recorded like Markdown ones so the link and alt-text checks
// see them; and a body whose raw HTML is unbalanced is parsed and written
// out again balanced, so nothing a writer pastes can wrap the page layout.

// rawPiece is one raw HTML node of the document, in document order.
type rawPiece struct {
	node      ast.Node
	src       []byte
	container ast.Node // the block whose inline content holds it; nil for an HTML block
	segs      []rawSeg // where each of its source lines (or segments) starts in src and in the page
}

// rawSeg is one segment of a raw piece: it starts at src[at] of the piece
// with pad spaces goldmark put for a tab, then the page's text from
// offset pos.
type rawSeg struct{ at, pos, pad int }

// rawLineCol returns the line and column of the page at which byte k of
// piece r's text was written.
func (p *page) rawLineCol(r rawPiece, k int) (line, col int) {
	i := sort.Search(len(r.segs), func(i int) bool { return r.segs[i].at > k }) - 1
	if i < 0 {
		return p.position(r.node)
	}
	s := r.segs[i]
	return p.lineCol(s.pos + max(k-s.at-s.pad, 0))
}

// addRaw records a raw HTML node met by prepare's walk, in document order.
func (p *page) addRaw(n ast.Node) {
	var b []byte
	switch n := n.(type) {
	case *ast.HTMLBlock:
		var segs []rawSeg
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			segs = append(segs, rawSeg{len(b), seg.Start, seg.Padding})
			b = append(b, seg.Value(p.src)...)
		}
		if n.HasClosure() {
			segs = append(segs, rawSeg{len(b), n.ClosureLine.Start, n.ClosureLine.Padding})
			b = append(b, n.ClosureLine.Value(p.src)...)
		}
		p.raw = append(p.raw, rawPiece{node: n, src: b, segs: segs})
	case *ast.RawHTML:
		var segs []rawSeg
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			segs = append(segs, rawSeg{len(b), seg.Start, seg.Padding})
			b = append(b, seg.Value(p.src)...)
		}
		c := n.Parent()
		for c != nil && c.Type() != ast.TypeBlock {
			c = c.Parent()
		}
		p.raw = append(p.raw, rawPiece{node: n, src: b, container: c, segs: segs})
	}
}

// unclosedComments reports each HTML comment block that is never closed.
// CommonMark ends a block that opens with "<!--" only at a line holding
// "-->", so without one it runs to the end of its container (the page, or
// the list item or quote it is in): every line below it is hidden from
// readers, safe mode or not, as the sanitizer drops comments too. A writer
// who meant to hide a line or two has hidden the rest of the page.
//
// The block is taken out of the document: in unsafe mode its "<!--",
// written out as it is, would open a comment in the browser that runs past
// the container to the end of the page, hiding more than the warning says.
func (p *page) unclosedComments(pieces []rawPiece) {
	for _, r := range pieces {
		b, ok := r.node.(*ast.HTMLBlock)
		if !ok || !unclosedComment(b, r.src) {
			continue
		}
		lines := b.Lines()
		msg := "an HTML comment (<!--) opened here is never closed, so it hides nothing yet but will hide anything written below it"
		if n := lines.Len() - 1; n > 0 {
			last, _ := p.lineCol(lines.At(n).Start)
			msg = fmt.Sprintf("an HTML comment (<!--) opened here is never closed: it hides %s below it (to line %d) from the page", plural(n, "line"), last)
		}
		p.diagnose(b, SeverityWarning, msg, "end the comment with --> where the note ends")
		b.Parent().RemoveChild(b.Parent(), b)
	}
}

// tagsCutByABlankLine reports each HTML block that ends inside a tag: a
// raw tag whose attributes span a blank line (<img src="…" then a blank
// line, then alt="…">). CommonMark ends an HTML block of types 6 and 7
// at a blank line, so the tag's start is one block and its tail a
// paragraph the page shows as text ("alt="…">"), safe mode or not. The
// warning is at the tag's "<", where the blank line below it is to go.
func (p *page) tagsCutByABlankLine(pieces []rawPiece) {
	for _, r := range pieces {
		b, ok := r.node.(*ast.HTMLBlock)
		if !ok || b.HTMLBlockType != ast.HTMLBlockType6 && b.HTMLBlockType != ast.HTMLBlockType7 || b.Lines().Len() == 0 {
			continue
		}
		k, name, cut := cutTag(r.src)
		if !cut {
			continue
		}
		// The tag's tail is the text after the blank line; at the end of
		// the page there is none, and nothing shows as text.
		last := b.Lines().At(b.Lines().Len() - 1)
		if len(bytes.TrimSpace(p.src[last.Stop:])) == 0 {
			continue
		}
		line, col := p.rawLineCol(r, k)
		end, _ := p.lineCol(last.Start)
		p.diags = append(p.diags, Diagnostic{File: p.ctx.File, Line: line, Col: col, Severity: SeverityWarning,
			Message: fmt.Sprintf("raw HTML <%s is cut by the blank line after line %d: Markdown ends raw HTML at a blank line, so the rest of the tag is a paragraph of its own and the page shows it as text", name, end),
			Hint:    cutTagHint})
	}
}

// cutTagHint is the fix of a raw tag cut by a blank line, in an HTML block
// or a paragraph's text alike.
const cutTagHint = "remove the blank line (or lines) inside the tag: its attributes may run over several lines, but none of them blank"

// checkCutInlineTag reports a tag cut by a blank line in a paragraph's
// text ("See the chart <img src="/img/chart.png"", a blank line, then
// "alt="…">."). CommonMark takes inline raw HTML only whole within one
// paragraph, and a blank line ends the paragraph, so neither part is a
// tag: the page shows both as text and the image is lost, safe mode or
// not. The warning is at the tag's "<". Only an unescaped "<" naming an
// HTML element, followed to the paragraph's end by nothing but
// attributes, whose ">" comes in the block just after the blank line, is
// a cut tag: "x < 5", "<3" and "a<b and c" stay prose.
func (p *page) checkCutInlineTag(n *ast.Paragraph) {
	lines := n.Lines()
	if lines.Len() == 0 {
		return
	}
	start, stop := lines.At(0).Start, lines.At(lines.Len()-1).Stop
	if bytes.IndexByte(p.src[start:stop], '<') < 0 {
		return
	}
	// The blank lines after the paragraph, then the block after them, up
	// to its own first blank line.
	lineEnd := func(at int) int {
		if e := bytes.IndexByte(p.src[at:], '\n'); e >= 0 {
			return at + e
		}
		return len(p.src)
	}
	after := lineEnd(stop - 1)
	blank := false
	for after < len(p.src) {
		e := lineEnd(after + 1)
		if len(bytes.TrimSpace(p.src[after+1:e])) > 0 {
			break
		}
		blank, after = true, e
	}
	if !blank || after >= len(p.src) {
		return
	}
	tail := after + 1
	for tail < len(p.src) {
		e := lineEnd(tail)
		if len(bytes.TrimSpace(p.src[tail:e])) == 0 {
			break
		}
		tail = e + 1
	}
	tail = min(tail, len(p.src))
	for i := start; i < stop; i++ {
		if p.src[i] != '<' || escaped(p.src, i) {
			continue
		}
		j := i + 1
		end := j < stop && p.src[j] == '/'
		if end {
			j++
		}
		k := tagNameEnd(p.src, j, stop)
		if k == j {
			continue
		}
		name := strings.ToLower(string(p.src[j:k]))
		if !htmlElements[name] {
			continue
		}
		// A start tag needs an attribute with a value ("a<b and", a blank
		// line, "c>d" is prose); an end tag may have nothing but space.
		if gt, valued := attrsEnd(p.src, k, tail, end); gt > after && (end || valued) {
			line, col := p.lineCol(i)
			last, _ := p.lineCol(lines.At(lines.Len() - 1).Start)
			if end {
				name = "/" + name
			}
			p.diags = append(p.diags, Diagnostic{File: p.ctx.File, Line: line, Col: col, Severity: SeverityWarning,
				Message: fmt.Sprintf("raw HTML <%s is cut by the blank line after line %d: Markdown ends a paragraph at a blank line, so neither part is read as a tag and the page shows both as text", name, last),
				Hint:    cutTagHint})
			return
		}
	}
}

// escaped reports whether src[i] follows an odd number of backslashes.
func escaped(src []byte, i int) bool {
	n := 0
	for i-n-1 >= 0 && src[i-n-1] == '\\' {
		n++
	}
	return n%2 == 1
}

// attrsEnd returns the offset of the ">" that ends a tag whose name ends
// at src[k], reading only what CommonMark allows in a tag (attributes,
// each after white space, with quoted or unquoted values; none in an end
// tag) before limit, or -1 if anything else comes first, and whether an
// attribute had a value. White space may hold blank lines here, as a cut
// tag's does.
func attrsEnd(src []byte, k, limit int, end bool) (gt int, valued bool) {
	for k < limit {
		ws := k
		for k < limit && isSpaceByte(src[k]) {
			k++
		}
		if k >= limit {
			return -1, false
		}
		switch c := src[k]; {
		case c == '>':
			return k, valued
		case c == '/' && !end && k+1 < limit && src[k+1] == '>':
			return k + 1, valued
		case end || k == ws || !isAttrNameStart(c):
			return -1, false
		}
		for k < limit && isAttrNameChar(src[k]) {
			k++
		}
		v := k
		for v < limit && isSpaceByte(src[v]) {
			v++
		}
		if v >= limit || src[v] != '=' {
			continue
		}
		v++
		valued = true
		for v < limit && isSpaceByte(src[v]) {
			v++
		}
		if v >= limit {
			return -1, false
		}
		if q := src[v]; q == '"' || q == '\'' {
			e := bytes.IndexByte(src[v+1:limit], q)
			if e < 0 {
				return -1, false
			}
			k = v + 1 + e + 1
			continue
		}
		s := v
		for v < limit && !isSpaceByte(src[v]) && strings.IndexByte("\"'=<>`", src[v]) < 0 {
			v++
		}
		if v == s {
			return -1, false
		}
		k = v
	}
	return -1, false
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

func isAttrNameStart(c byte) bool { return isASCIILetter(c) || c == '_' || c == ':' }

func isAttrNameChar(c byte) bool {
	return isAttrNameStart(c) || c >= '0' && c <= '9' || c == '.' || c == '-'
}

// cutTag returns where in src the tag that src ends inside starts (its
// "<"), and the tag's name as written ("img", "/blockquote"): a start or
// end tag whose ">" never comes, quoted attribute values (which may hold
// a ">") and comments read as a browser reads them.
func cutTag(src []byte) (at int, name string, cut bool) {
	for i := 0; i < len(src); i++ {
		if src[i] != '<' {
			continue
		}
		if bytes.HasPrefix(src[i:], []byte("<!--")) {
			end := bytes.Index(src[i+4:], []byte("-->"))
			if end < 0 {
				return 0, "", false // an unclosed comment: unclosedComments's
			}
			i += 4 + end + 2
			continue
		}
		j := i + 1
		if j < len(src) && src[j] == '/' {
			j++
		}
		n := tagNameEnd(src, j, len(src))
		if n == j {
			continue
		}
		end := tagEnd(src, n)
		if end < 0 {
			return i, strings.ToLower(string(src[i+1 : n])), true
		}
		i = end
	}
	return 0, "", false
}

// tagEnd returns the offset of the ">" that ends the tag whose name ends
// at src[from], or -1; a ">" in a quoted value does not end it.
func tagEnd(src []byte, from int) int {
	var quote byte
	for k := from; k < len(src); k++ {
		switch c := src[k]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return k
		}
	}
	return -1
}

// tagNameEnd returns the end of the tag name that starts at src[j] (a
// letter, then letters, digits and hyphens, before limit), or j when
// src[j] starts none.
func tagNameEnd(src []byte, j, limit int) int {
	if j >= limit || !isASCIILetter(src[j]) {
		return j
	}
	k := j + 1
	for k < limit && (isASCIILetter(src[k]) || src[k] >= '0' && src[k] <= '9' || src[k] == '-') {
		k++
	}
	return k
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// unclosedComment reports an HTML block opened by "<!--" (CommonMark's
// type 2) with no "-->" in it; src is its text (addRaw).
func unclosedComment(b *ast.HTMLBlock, src []byte) bool {
	return b.HTMLBlockType == ast.HTMLBlockType2 && !bytes.Contains(src, []byte("-->"))
}

// notHTML returns the text of an inline raw HTML piece whose element
// HTML does not have ("Array<ConfigProperty>", "replace <key> with
// yours", "<patient name>"): Markdown reads it as a tag, which a browser
// never shows and medkb removes, where the writer meant the text.
func notHTML(r rawPiece) (string, bool) {
	if r.container == nil {
		return "", false
	}
	z := html.NewTokenizer(bytes.NewReader(r.src))
	switch z.Next() {
	case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
		if name, _ := z.TagName(); !htmlElements[string(name)] {
			return string(bytes.TrimSpace(r.src)), true
		}
	}
	return "", false
}

// literalTag reports raw text that Markdown took for a tag (notHTML).
func (p *page) literalTag(r rawPiece, tag string) {
	p.diagnose(r.node, SeverityWarning, tag+" is not an HTML element: Markdown reads it as a tag, so it is removed and the text does not show",
		"to show it as text, put it in backticks (`"+tag+"`) or write \\"+tag)
}

// htmlElements are the elements of HTML (the WHATWG living standard's,
// with the obsolete ones browsers still parse, and svg and math); a tag
// naming anything else in a writer's text is text meant to be shown.
var htmlElements = func() map[string]bool {
	m := map[string]bool{}
	for _, e := range strings.Fields(`a abbr acronym address area article aside audio b base bdi bdo big blink blockquote body br
		button canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt em embed
		fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img
		input ins kbd label legend li link main map mark marquee menu meta meter nav nobr noembed noframes noscript object ol
		optgroup option output p param picture plaintext pre progress q rp rt ruby s samp script search section select slot
		small source span strike strong style sub summary sup table tbody td template textarea tfoot th thead time title tr
		track tt u ul var video wbr xmp svg math`) {
		m[e] = true
	}
	return m
}()

// rawOmitted reports raw HTML dropped because Options.Unsafe is off. An
// unclosed comment is not counted: unclosedComments reports it; nor is
// text Markdown took for a tag, reported on its own (notHTML).
func (p *page) rawOmitted(pieces []rawPiece) {
	var blocks, inline int
	var first ast.Node // the first piece counted, where the warning points
	for _, r := range pieces {
		if isComment(r.src) || r.container == nil && unclosedComment(r.node.(*ast.HTMLBlock), r.src) {
			continue // an HTML comment is a note to editors, not content
		}
		if tag, ok := notHTML(r); ok {
			p.literalTag(r, tag)
			continue
		}
		if first == nil {
			first = r.node
		}
		if r.container == nil {
			blocks++
		} else {
			inline++
		}
	}
	if blocks+inline == 0 {
		return
	}
	var what []string
	if blocks > 0 {
		what = append(what, plural(blocks, "block"))
	}
	if inline > 0 {
		what = append(what, plural(inline, "inline tag"))
	}
	p.diagnose(first, SeverityWarning,
		"raw HTML omitted: "+strings.Join(what, " and ")+" on this page (the first is here)",
		"write it in Markdown, or set markup: {unsafe: true} in medkb.yaml to keep raw HTML (medkb sanitizes it and warns about anything it removes)")
}

func isComment(b []byte) bool {
	b = bytes.TrimSpace(b)
	return bytes.HasPrefix(b, []byte("<!--")) && bytes.HasSuffix(b, []byte("-->"))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// openRaw is an element a raw HTML piece opened and has not closed yet.
type openRaw struct {
	name      string
	node      ast.Node
	container ast.Node
	place     ast.Node // the block holding node (its parent), so a later piece's tags know whether they are inside it
	line, col int      // where its tag was written
	id        int      // its number among the elements opened on the page
	// For a <p>: the block element whose start tag ended it, as the HTML
	// parser reads "<p>Text<ul>…</ul></p>", and that tag's line.
	endedBy     string
	endedByLine int
}

// auditRaw checks the raw HTML that the sanitizer will see; it reports
// whether the body must be balanced after sanitizing.
func (p *page) auditRaw(pieces []rawPiece, allow *allowList) (unbalanced bool) {
	var stack []openRaw
	unclosed := func(o openRaw, where string) {
		unbalanced = true
		p.diagnoseAt(o.node, o.line, o.col, SeverityWarning, "raw HTML <"+o.name+"> is never closed "+where+"; medkb closes it",
			"add </"+o.name+"> where the element should end")
	}
	lists := &listFaults{}
	defer lists.report(p)
	for _, r := range pieces {
		// Inline elements must close in the paragraph that opened them.
		for len(stack) > 0 {
			top := stack[len(stack)-1]
			if top.container == nil || top.container == r.container {
				break
			}
			stack = stack[:len(stack)-1]
			unclosed(top, "in its paragraph")
		}
		z := html.NewTokenizer(bytes.NewReader(r.src))
		off := 0        // where in r.src the token starts
		lastStart := "" // the start tag just before, for the text after it
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				break
			}
			at := off
			off += len(z.Raw())
			tok := z.Token()
			var line, col int // a tag's own, not its HTML block's first; text finds its own below
			if tt != html.TextToken {
				line, col = p.rawLineCol(r, at)
			}
			if tt == html.StartTagToken {
				lastStart = tok.Data
			} else if tt != html.TextToken {
				lastStart = ""
			}
			switch tt {
			case html.StartTagToken, html.SelfClosingTagToken:
				if _, ok := allow.elements[tok.Data]; !ok {
					if tag, literal := notHTML(r); literal {
						p.literalTag(r, tag)
						continue // text, not an element left open
					}
					p.diagnoseAt(r.node, line, col, SeverityWarning, "raw HTML <"+tok.Data+"> removed: it is not on medkb's list of safe elements",
						"write it in Markdown, or use an element such as <div>, <span>, <details> or <table>")
					if tt == html.StartTagToken && !isVoid(tok.Data) && !dropsContent(tok.Data) {
						stack = append(stack, openRaw{name: tok.Data, node: r.node, container: r.container, place: r.node.Parent(), line: line, col: col})
					}
					continue
				}
				if tok.Data == "input" && attr(tok, "type") != "checkbox" {
					// An imported search box (HealthCare.gov's 404 page) lost
					// its <form>, type and name: an unlabelled text box
					// that sends nothing (axe: label, critical).
					typ := attr(tok, "type")
					if typ == "" {
						typ = "text"
					}
					p.diags = append(p.diags, Diagnostic{File: p.ctx.File, Line: line, Col: col, Severity: SeverityWarning,
						Message: fmt.Sprintf("raw HTML <input type=%s> removed: medkb keeps only the checkboxes of task lists; a form field on a page without its form sends nothing, and screen readers announce an unlabelled box", quoteShort(typ)),
						Hint:    "remove it; to let readers search, link to the site's search page"})
					continue
				}
				p.auditAttrs(r.node, line, col, tok, allow)
				p.recordRaw(line, tok, allow)
				p.uniqueRawID(tok, line, col, allow)
				lists.check(stack, r, tok.Data, line, col, allow)
				if closesP(tok.Data) {
					endParagraph(stack, r, tok.Data, line)
				}
				if tt == html.StartTagToken && !isVoid(tok.Data) {
					lists.opened++
					stack = append(stack, openRaw{name: tok.Data, node: r.node, container: r.container, place: r.node.Parent(), line: line, col: col, id: lists.opened})
				}
			case html.TextToken:
				// The text of a <script> or <style> is not the list's.
				if text := strings.TrimSpace(tok.Data); text != "" && !rawTextElement(lastStart) {
					i := max(bytes.IndexFunc(z.Raw(), func(c rune) bool { return !unicode.IsSpace(c) }), 0)
					line, col := p.rawLineCol(r, at+i)
					lists.checkText(stack, r, text, line, col, allow)
				}
			case html.EndTagToken:
				if _, ok := allow.elements[tok.Data]; isVoid(tok.Data) || (!ok && dropsContent(tok.Data)) {
					continue // removed with its start tag, which was reported
				}
				i := len(stack) - 1
				for i >= 0 && stack[i].name != tok.Data {
					i--
				}
				if i < 0 {
					unbalanced = true
					p.diagnoseAt(r.node, line, col, SeverityWarning, "raw HTML </"+tok.Data+"> closes nothing; medkb drops it",
						"remove it, or add the opening <"+tok.Data+">")
					continue
				}
				if o := stack[i]; o.endedBy != "" && i == len(stack)-1 {
					// The paragraph ended at the block's start tag; browsers
					// read this </p> as an empty paragraph of its own.
					unbalanced = true
					p.diags = append(p.diags, Diagnostic{File: p.ctx.File, Line: line, Col: col, Severity: SeverityWarning, Message: fmt.Sprintf("raw HTML </p> closes nothing: the <p> opened at line %d ended where <%s> started, at line %d (a paragraph cannot hold a %s); browsers, and medkb, make an empty paragraph of the </p>",
						o.line, o.endedBy, o.endedByLine, blockNoun(o.endedBy)),
						Hint: "remove the </p>, or end the paragraph with </p> before the <" + o.endedBy + ">"})
					stack = stack[:i]
					continue
				}
				if o := stack[i]; !within(r.node, o.place) {
					// Opened in a list item or quote that ended before
					// this tag: browsers close the element with it and
					// drop this end tag, as medkb does.
					unbalanced = true
					p.diags = append(p.diags, Diagnostic{File: p.ctx.File, Line: line, Col: col, Severity: SeverityWarning, Message: fmt.Sprintf("raw HTML </%s> closes nothing: the <%s> opened at line %d is in a %s that ends before this line, and browsers, and medkb, close the <%s> there",
						tok.Data, tok.Data, o.line, blockName(o.place), tok.Data),
						Hint: fmt.Sprintf("indent </%s> as far as the <%s> on line %d, so that it is in the same %s", tok.Data, tok.Data, o.line, blockName(o.place))})
					stack = append(stack[:i], stack[i+1:]...)
					continue
				}
				for _, o := range stack[i+1:] {
					unclosed(o, "before </"+tok.Data+">")
				}
				stack = stack[:i]
			}
		}
	}
	for _, o := range stack {
		unclosed(o, "on this page")
	}
	return unbalanced
}

// within reports whether n is place or inside it; a nil place (an
// element opened in no block) holds everything.
func within(n, place ast.Node) bool {
	if place == nil {
		return true
	}
	for ; n != nil; n = n.Parent() {
		if n == place {
			return true
		}
	}
	return false
}

// blockName names the Markdown block kind of n for a writer.
func blockName(n ast.Node) string {
	switch n.(type) {
	case *ast.ListItem:
		return "list item"
	case *ast.Blockquote:
		return "quote"
	case *ast.List:
		return "list"
	}
	return "block"
}

// auditAttrs reports the attributes of tok that the sanitizer removes, and
// images from other hosts that secureRaw removes, at the tag's line and
// column (line 0: n's).
func (p *page) auditAttrs(n ast.Node, line, col int, tok html.Token, allow *allowList) {
	for _, at := range tok.Attr {
		if ok, why := allow.keeps(tok.Data, at.Key, at.Val); !ok {
			p.diagnoseAt(n, line, col, SeverityWarning, fmt.Sprintf("raw HTML attribute %s on <%s> removed: %s", at.Key, tok.Data, why),
				"remove the attribute, or write the element in Markdown")
		}
	}
	if name, id := attr(tok, "name"), attr(tok, "id"); tok.Data == "a" && name != "" && id != "" && name != id {
		p.diagnoseAt(n, line, col, SeverityWarning, fmt.Sprintf("raw HTML attribute name on <a> removed: the element's id %s is its anchor", quoteShort(id)),
			"links to #"+name+" must use #"+id+"; give the anchor one name")
	}
	if tok.Data == "img" {
		if src := attr(tok, "src"); isExternal(src) {
			p.diagnoseAt(n, line, col, SeverityWarning, "raw HTML image from another host removed (its alt text is shown instead): "+quoteShort(src),
				"save the image under static/ or beside the page and link it with a local path; pages load nothing from other hosts")
		}
	}
}

// uniqueRawID reports a raw HTML element whose id (or an <a>'s name,
// which becomes its id) an element before it on the page already has,
// or a heading (or another element medkb makes) has.
// Browsers find the first: a link to #id leads there, a table cell's
// headers= names that one's text, and the second element is reached by
// neither. BCDA's imported comparison tables (CMSgov/bcda-static-site)
// gave five tables' header cells id="col-bcda-{{unique}}", which the
// import could not fill: ten cells shared three ids, each cell of four
// tables announced with the first table's headers, and medkb said
// nothing (the Nu Html Checker: "Duplicate ID").
func (p *page) uniqueRawID(tok html.Token, line, col int, allow *allowList) {
	id := attr(tok, "id")
	if id == "" && tok.Data == "a" {
		id = attr(tok, "name")
	}
	if id == "" {
		return
	}
	if ok, _ := allow.keeps(tok.Data, "id", id); !ok {
		return // removed, with its own warning
	}
	if first, seen := p.rawIDs[id]; seen {
		p.diags = append(p.diags, Diagnostic{File: p.ctx.File, Line: line, Col: col, Severity: SeverityWarning,
			Message: fmt.Sprintf("raw HTML id %s is already the id of an element at line %d: a link to #%s and a table cell's headers= find only that first one", quoteShort(id), first, id),
			Hint:    "give each element an id of its own (and change the links and headers= that mean this one)"})
		return
	}
	if p.rawIDs == nil {
		p.rawIDs = map[string]int{}
	}
	p.rawIDs[id] = line
	if p.ids.taken[id] {
		// prepare gave a heading (or a callout's title, a citation, a
		// glossary term) this id before the raw HTML was read: an
		// <a id="triggers"></a> kept above "## Triggers".
		p.diags = append(p.diags, Diagnostic{File: p.ctx.File, Line: line, Col: col, Severity: SeverityWarning,
			Message: fmt.Sprintf("raw HTML id %s is also the id medkb gives a heading (or a callout, citation or glossary term) on this page: a link to #%s finds only the first of the two", quoteShort(id), id),
			Hint:    "remove the raw element's id if it marks the heading (#" + id + " leads to the heading itself), or give it another"})
	}
}

// recordRaw records links and images in raw HTML for the checks: an
// <img>'s srcset, when the sanitizer keeps it (allow), gives a link to
// each of its images, which the page loads as surely as its src. line
// is the tag's own line, not its HTML block's first: the checks' messages
// (alt text, broken links) point at the <img> or <a> itself.
func (p *page) recordRaw(line int, tok html.Token, allow *allowList) {
	switch tok.Data {
	case "a":
		if href := attr(tok, "href"); href != "" && blockedURL(href, p.allowData) == "" {
			dest, written := resolveURL([]byte(href)), ""
			if to, ok := p.pageLink(dest); ok {
				// Led to the page as a Markdown link is: secureRaw
				// writes the address into the sanitized HTML.
				if p.rawPages == nil {
					p.rawPages = map[string]string{}
				}
				p.rawPages[pageLinkKey(dest)] = to
				dest, written = to, dest
			}
			p.links = append(p.links, Link{Dest: dest, Line: line, Written: written})
		}
	case "img":
		if src := attr(tok, "src"); src != "" && !isExternal(src) && blockedURL(src, p.allowData) == "" {
			// alt="" (or a bare alt) is decorative; an alt of only white
			// space (alt=" ") is not, and is kept as written so that the
			// alt-text check tells it from no alt at all.
			written, has := rawAttr(tok, "alt")
			alt := strings.TrimSpace(written)
			if alt == "" {
				alt = written
			}
			p.images = append(p.images, Image{Src: resolveURL([]byte(src)), Alt: alt, Line: line, Decorative: has && written == ""})
		}
		if set := attr(tok, "srcset"); set != "" {
			if ok, _ := allow.keeps("img", "srcset", set); ok {
				for _, c := range strings.Split(set, ",") {
					if f := strings.Fields(c); len(f) > 0 {
						p.links = append(p.links, Link{Dest: resolveURL([]byte(f[0])), Line: line})
					}
				}
			}
		}
	}
}

func isVoid(name string) bool {
	switch name {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr":
		return true
	}
	return false
}

// dropsContent reports elements whose content the sanitizer removes with
// them (so what is inside is not audited as open elements).
func dropsContent(name string) bool {
	switch name {
	case "script", "style", "iframe", "object", "noscript", "template", "title", "textarea", "xmp", "noembed", "noframes":
		return true
	}
	return false
}

// balance parses a sanitized body as HTML and writes it out again, so every
// element is closed where the HTML parser closes it and stray end tags are
// gone.
func balance(body []byte) []byte {
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(bytes.NewReader(body), ctx)
	if err != nil {
		return body // the parser reads any input; an error is a read error on a byte slice
	}
	var out bytes.Buffer
	for _, n := range nodes {
		ctx.AppendChild(n)
	}
	liftBlocks(ctx)
	for n := ctx.FirstChild; n != nil; n = n.NextSibling {
		writeNode(&out, n)
	}
	return out.Bytes()
}

// liftBlocks moves block content out of phrasing elements: an unclosed
// <span> or <b> that the parser closes at the end of the body would
// otherwise hold the paragraphs after it, which HTML forbids (the Nu
// checker's "p not allowed as child of b"). The phrasing element ends
// where its first block child starts; that child and everything after it
// follow the element as its siblings.
func liftBlocks(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		liftBlocks(c)
		if c.Type != html.ElementNode || !isPhrasing(c.DataAtom) {
			continue
		}
		var first *html.Node
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			if k.Type == html.ElementNode && isBlock(k.DataAtom) {
				first = k
				break
			}
		}
		at := c
		for k := first; k != nil; {
			next := k.NextSibling
			c.RemoveChild(k)
			n.InsertBefore(k, at.NextSibling)
			at, k = k, next
		}
	}
}

// isPhrasing reports elements that may hold only phrasing content.
func isPhrasing(a atom.Atom) bool {
	switch a {
	case atom.B, atom.I, atom.U, atom.S, atom.Em, atom.Strong, atom.Small, atom.Span, atom.Font, atom.Code,
		atom.Mark, atom.Sub, atom.Sup, atom.Abbr, atom.Cite, atom.Q, atom.Kbd, atom.Samp, atom.Var, atom.Time,
		atom.Label, atom.Big, atom.Tt, atom.Strike, atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// isBlock reports elements that a phrasing element may not hold.
func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Ul, atom.Ol, atom.Dl, atom.Table, atom.Blockquote, atom.Pre, atom.Section,
		atom.Article, atom.Aside, atom.Nav, atom.Header, atom.Footer, atom.Figure, atom.Details, atom.Hr,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Form, atom.Fieldset, atom.Address, atom.Main:
		return true
	}
	return false
}

// writeNode serialises n as HTML (not XHTML: void elements without a
// slash), escaping text and attribute values.
func writeNode(w *bytes.Buffer, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.WriteString(escapeText(n.Data))
	case html.CommentNode:
		w.WriteString("<!--" + n.Data + "-->")
	case html.ElementNode:
		w.WriteString("<" + n.Data)
		for _, a := range n.Attr {
			w.WriteString(" " + a.Key + `="` + escapeAttr(a.Val) + `"`)
		}
		w.WriteByte('>')
		if isVoid(n.Data) {
			return
		}
		if (n.Data == "pre" || n.Data == "textarea") && n.FirstChild != nil &&
			n.FirstChild.Type == html.TextNode && strings.HasPrefix(n.FirstChild.Data, "\n") {
			w.WriteByte('\n') // the parser ate one leading newline
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			writeNode(w, c)
		}
		w.WriteString("</" + n.Data + ">")
	}
}

var (
	textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\u00a0", "&nbsp;")
	attrEscaper = strings.NewReplacer("&", "&amp;", `"`, "&quot;", "<", "&lt;", ">", "&gt;")
)

func escapeText(s string) string { return textEscaper.Replace(s) }
func escapeAttr(s string) string { return attrEscaper.Replace(s) }

// rawTextElement reports the elements whose content the HTML tokenizer
// reads as text to their end tag, not as markup: script, styles, and the
// like.
func rawTextElement(name string) bool {
	switch name {
	case "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext":
		return true
	}
	return false
}

// endParagraph marks the <p> that the start tag of block element name,
// met at line of piece r, ends: the innermost one open in the same block,
// unless an element that ends the parser's search (a table cell, a
// button) comes first.
func endParagraph(stack []openRaw, r rawPiece, name string, line int) {
	for i := len(stack) - 1; i >= 0 && sameContext(&stack[i], r) && !scopeEnds(stack[i].name); i-- {
		if stack[i].name == "p" {
			if stack[i].endedBy == "" {
				stack[i].endedBy, stack[i].endedByLine = name, line
			}
			return
		}
	}
}

// blockNoun names what a block element is, for a message.
func blockNoun(name string) string {
	switch name {
	case "ul", "ol", "menu", "dl":
		return "list"
	case "table":
		return "table"
	case "h1", "h2", "h3", "h4", "h5", "h6":
		return "heading"
	case "p":
		return "paragraph"
	}
	return "block such as <" + name + ">"
}
