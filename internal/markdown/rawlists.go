package markdown

import (
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// The lists of raw HTML are checked as the audit walks its tags (a token
// walk, not a validator): a list (<ul>, <ol>) may hold only list items,
// and a list item only sits in a list. Both faults are on real pages: an
// imported nhs.pycom page of cards opened a second <ul class="card-group">
// before closing the first, so the headings, paragraphs and cards after it
// stood in a list; its FAQ page wrote <li>s straight into a <p>. The Nu
// Html Checker reports each ("Element div not allowed as child of element
// ul", "Element li not allowed as child of element div"), and screen
// readers count and announce a list by its items, which these are not.
//
// Each fault is a warning at the line of the first element it concerns,
// one per list or per element the stray items are in, counting the
// others, with the fix. Only raw HTML is seen: Markdown between the tags of
// a raw list is not.

// listFaults gathers the faults of a page's raw HTML lists, in the order
// they are met.
type listFaults struct {
	opened int // elements opened so far, numbering openRaw.id
	faults []*listFault
	by     map[listKey]*listFault
}

// listKey groups faults: those in one element, of one kind.
type listKey struct {
	in   int // the openRaw.id of the element they are in; 0 for none
	item bool
	text bool
}

// listFault is one or more elements in the wrong place: <li>s outside a
// list (item), or other elements directly in a list.
type listFault struct {
	item      bool
	text      string   // for text directly in a list: the first such text
	nText     int      // and how many pieces of text
	line, col int      // the first's
	tags      []string // the elements, in order, each once
	n         int
	in        openRaw // the element they are in (a copy: the stack changes)
	inRaw     bool    // whether they are in an element of raw HTML at all
}

// check looks at the start tag of element name, met at line and col of
// piece r, with stack the raw elements open before it.
func (f *listFaults) check(stack []openRaw, r rawPiece, name string, line, col int, allow *allowList) {
	switch name {
	case "script", "template":
		return // allowed in lists; removed by the sanitizer anyway
	case "li":
		in := itemParent(stack, r, allow)
		if in != nil && (in.name == "ul" || in.name == "ol" || in.name == "menu") {
			return
		}
		if in == nil && r.container == nil && inMarkdownList(r) {
			return // an HTML block in a Markdown list
		}
		f.add(in, true, name, line, col)
	default:
		in := parent(stack, r, allow)
		if in == nil || in.name != "ul" && in.name != "ol" {
			return
		}
		f.add(in, false, name, line, col)
	}
}

// checkText looks at text met at line and col of piece r, with stack the
// raw elements open before it: text other than white space directly in a
// list (an imported table of contents left "<ol>\n1. \n</ol>", the
// Liquid loop that wrote its items gone) is not in any item, so the Nu
// Html Checker reports it ("Text not allowed in element ol in this
// context") and axe-core too (list: <ul> and <ol> must only directly
// contain <li>).
func (f *listFaults) checkText(stack []openRaw, r rawPiece, text string, line, col int, allow *allowList) {
	in := parent(stack, r, allow)
	if in == nil || in.name != "ul" && in.name != "ol" {
		return
	}
	k := listKey{in: in.id, text: true}
	if f.by == nil {
		f.by = map[listKey]*listFault{}
	}
	x := f.by[k]
	if x == nil {
		x = &listFault{text: text, line: line, col: col, in: *in, inRaw: true}
		f.by[k] = x
		f.faults = append(f.faults, x)
	}
	x.nText++
}

func (f *listFaults) add(in *openRaw, item bool, name string, line, col int) {
	k := listKey{item: item}
	if in != nil {
		k.in = in.id
	}
	if f.by == nil {
		f.by = map[listKey]*listFault{}
	}
	x := f.by[k]
	if x == nil {
		x = &listFault{item: item, line: line, col: col}
		if in != nil {
			x.in, x.inRaw = *in, true
		}
		f.by[k] = x
		f.faults = append(f.faults, x)
	}
	x.n++
	if !strings.Contains(" "+strings.Join(x.tags, " ")+" ", " "+name+" ") {
		x.tags = append(x.tags, name)
	}
}

// report writes the faults as warnings.
func (f *listFaults) report(p *page) {
	for _, x := range f.faults {
		var msg, hint string
		if x.text != "" {
			list := x.in.name
			msg = fmt.Sprintf("text %s is directly in raw HTML <%s> (opened at line %d), not in a list item", quoteShort(x.text), list, x.in.line)
			switch {
			case x.nText == 2:
				msg += ", and 1 more piece of text after it"
			case x.nText > 2:
				msg += fmt.Sprintf(", and %d more pieces of text after it", x.nText-1)
			}
			msg += "; a list holds only list items (<li>), so the text is not HTML and screen readers announce a list without it"
			hint = "put the text inside <li> … </li>, or move it out of the <" + list + ">; remove the <" + list + "> … </" + list + "> if it was meant to hold items written by a template"
			p.diags = append(p.diags, Diagnostic{File: p.ctx.File, Line: x.line, Col: x.col, Severity: SeverityWarning, Message: msg, Hint: hint})
			continue
		}
		if x.item {
			where := ""
			if x.inRaw {
				where = fmt.Sprintf(" but in <%s> (opened at line %d)", x.in.name, x.in.line)
			}
			msg = "raw HTML <li> is not in a list (<ul> or <ol>)" + where
			switch {
			case x.n == 2:
				msg = "raw HTML <li> and the <li> after it are not in a list (<ul> or <ol>)" + where
			case x.n > 2:
				msg = fmt.Sprintf("raw HTML <li> and the %d <li>s after it are not in a list (<ul> or <ol>)%s", x.n-1, where)
			}
			msg += ": a list item outside a list is not HTML, and screen readers announce no list"
			hint = "put the items in <ul> … </ul> (or <ol> … </ol> for steps in order), or write the list in Markdown (- item)"
		} else {
			list := x.in.name
			msg = fmt.Sprintf("raw HTML <%s> is directly in <%s> (opened at line %d), not in a list item", x.tags[0], list, x.in.line)
			if x.n > 1 {
				msg = fmt.Sprintf("%d raw HTML elements are directly in <%s> (opened at line %d), not in list items, the first here: %s",
					x.n, list, x.in.line, "<"+strings.Join(x.tags, ">, <")+">")
			}
			msg += "; a list holds only list items (<li>), which is how screen readers count and announce it"
			hint = "end the list with </" + list + "> before them if it ends there (a </" + list + "> may be missing), else put each inside an <li>"
		}
		p.diags = append(p.diags, Diagnostic{File: p.ctx.File, Line: x.line, Col: x.col, Severity: SeverityWarning, Message: msg, Hint: hint})
	}
}

// parent returns the element a new element's start tag is in: the
// innermost open one written in the same block (for an inline tag, the
// same paragraph), leaving out elements the sanitizer removes; nil when
// it is in Markdown's output instead (a raw <span> in a paragraph inside
// a raw <ul> is in the <p>).
func parent(stack []openRaw, r rawPiece, allow *allowList) *openRaw {
	stack = parsed(stack)
	for i := len(stack) - 1; i >= 0; i-- {
		o := &stack[i]
		if !sameContext(o, r) {
			return nil
		}
		if _, ok := allow.elements[o.name]; ok {
			return o
		}
	}
	return nil
}

// itemParent returns the element an <li> start tag is in, as the HTML
// parser places it: an open <li> it meets before another block ends
// (passing <div>, <p> and <address>) is closed first, as is an open <p>,
// so "<ul><li>a<li>b" is two items and "<div><p>Text<li>x" an item in the
// <div>.
func itemParent(stack []openRaw, r rawPiece, allow *allowList) *openRaw {
	stack = parsed(stack)
	top := len(stack)
	for i := len(stack) - 1; i >= 0 && sameContext(&stack[i], r); i-- {
		name := stack[i].name
		if name == "li" {
			top = i
			break
		}
		if special(name) && name != "div" && name != "p" && name != "address" {
			break
		}
	}
	for i := top - 1; i >= 0 && sameContext(&stack[i], r); i-- {
		if stack[i].name == "p" {
			top = i
			break
		}
		if scopeEnds(stack[i].name) {
			break
		}
	}
	return parent(stack[:top], r, allow)
}

// parsed returns the open elements as the HTML parser holds them: an
// element that closes an open <p> when it starts (<div>, <ul>, <h2>…)
// closed it, and what was open inside it, so "<p>Text<ul>" is a list
// beside the paragraph, not in it. The audit's stack keeps the <p>, to
// report it never closed; the list checks need the parser's view.
func parsed(stack []openRaw) []openRaw {
	var out []openRaw
	for _, o := range stack {
		if closesP(o.name) {
			for i := len(out) - 1; i >= 0 && !scopeEnds(out[i].name); i-- {
				if out[i].name == "p" {
					out = out[:i]
					break
				}
			}
		}
		out = append(out, o)
	}
	return out
}

// closesP reports the elements whose start tag closes an open <p>.
func closesP(name string) bool {
	switch name {
	case "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "fieldset",
		"figcaption", "figure", "footer", "header", "hgroup", "main", "menu", "nav", "ol", "p", "search", "section",
		"summary", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "listing", "form", "li", "dd", "dt", "plaintext",
		"table", "hr", "xmp":
		return true
	}
	return false
}

// sameContext reports whether an element o, still open, holds what piece r
// writes: both in one block's inline content, or both HTML blocks of one
// container (an HTML block inside a Markdown list item is not in a raw
// element opened outside it).
func sameContext(o *openRaw, r rawPiece) bool {
	if r.container != nil {
		return o.container == r.container
	}
	return o.container == nil && o.place == r.node.Parent()
}

// inMarkdownList reports whether an HTML block is in a Markdown list item.
func inMarkdownList(r rawPiece) bool {
	for n := r.node.Parent(); n != nil; n = n.Parent() {
		if n.Kind() == ast.KindListItem {
			return true
		}
	}
	return false
}

// special reports the elements of HTML's "special" category that raw
// content uses: an <li> start tag closes an open <li> only through the
// ones that are not.
func special(name string) bool {
	switch name {
	case "address", "article", "aside", "blockquote", "caption", "center", "dd", "details", "dir", "div", "dl", "dt",
		"figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main",
		"menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul":
		return true
	}
	return false
}

// scopeEnds reports the elements that end the "button scope" in which an
// <li> start tag looks for an open <p> to close.
func scopeEnds(name string) bool {
	switch name {
	case "button", "caption", "html", "table", "td", "th", "marquee", "object", "template", "svg", "math":
		return true
	}
	return false
}
