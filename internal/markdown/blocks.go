package markdown

// Rules about blocks whose shape lost what their writer wrote: a table
// row with more cells than its table has columns, sentences indented
// into a code block, a code fence never closed, and a numbered list whose
// numbers the page does not show.

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// checkIndentedProse reports an indented code block whose lines read as
// sentences: four spaces or a tab before a paragraph (pasted text, a
// paragraph indented as a word processor would) make it code, shown in
// a box in a monospace font and left out of the page's readability and
// search weighting as text. Every line must hold three words and none of
// the characters code has ({}[]()<>=;$|#/\`), and the last must end a
// sentence (. ! ? or :).
func (p *page) checkIndentedProse(n *ast.CodeBlock) {
	lines := n.Lines()
	if lines.Len() == 0 {
		return
	}
	var last []byte
	for i := range lines.Len() {
		seg := lines.At(i)
		v := bytes.TrimSpace(seg.Value(p.src))
		if len(v) == 0 {
			continue
		}
		if len(bytes.Fields(v)) < 3 || bytes.ContainsAny(v, "{}[]()<>=;$|#/\\`") {
			return
		}
		last = v
	}
	if len(last) == 0 || !bytes.ContainsAny(last[len(last)-1:], ".!?:") {
		return
	}
	line, _ := p.lineCol(lines.At(0).Start)
	p.diags = append(p.diags, Diagnostic{File: p.ctx.File, Line: line, Col: 1, Severity: SeverityWarning, Check: RuleIndentedCode,
		Message: "this text is indented by four spaces or a tab, so it shows as a block of code, not as a paragraph",
		Hint:    "remove the indentation; to quote it, start the lines with >; to put it in a list item, indent it under the item's text"})
}

// checkIndentedHTML reports HTML that shows as code because a blank line
// ended the HTML block it belonged to: in Markdown an HTML block (a
// <table>, a <div>) stops at the first blank line, so its next lines,
// indented by four spaces as HTML usually is, are a block of code. The
// page shows the markup as text, and the table it was part of is broken
// (a real conference programme lost all its rows but the first this way).
// Reported when the code block follows an HTML block and starts with a
// tag; code meant as an example stands apart from raw HTML.
func (p *page) checkIndentedHTML(n *ast.CodeBlock) {
	if _, ok := n.PreviousSibling().(*ast.HTMLBlock); !ok || n.Lines().Len() == 0 {
		return
	}
	seg := n.Lines().At(0)
	first := bytes.TrimSpace(seg.Value(p.src))
	if len(first) < 2 || first[0] != '<' || !(first[1] == '/' || 'a' <= first[1]|0x20 && first[1]|0x20 <= 'z') {
		return
	}
	line, _ := p.lineCol(seg.Start)
	p.diags = append(p.diags, Diagnostic{File: p.ctx.File, Line: line, Col: 1, Severity: SeverityWarning, Check: RuleIndentedCode,
		Message: "this HTML shows as code: a blank line above it ended the HTML block it belongs to, and lines indented by four spaces after one are a block of code",
		Hint:    "remove the blank lines inside the HTML (or the indentation of the lines after them)"})
}

// checkTableRows reports each table row with more cells than its table
// has columns: GitHub Flavored Markdown keeps a row's first cells, as
// many as the header row has, and leaves the rest out of the page
// without a sign, where a dose table's last column ("every 8 hours")
// matters most. A row's line starts at its Pos (goldmark's table
// parser); cells are split as that parser splits them, at each "|" not
// escaped with a backslash (a code span does not protect one).
func (p *page) checkTableRows(tables []*east.Table) {
	for _, t := range tables {
		cols := len(t.Alignments)
		for n := t.FirstChild(); n != nil; n = n.NextSibling() {
			row, ok := n.(*east.TableRow)
			if !ok {
				continue // the header, whose cells are the columns
			}
			cells := rowCells(p.src, row.Pos())
			if len(cells) <= cols || !slices.ContainsFunc(cells[cols:], func(c string) bool { return c != "" }) {
				continue // "| a | b | |": an empty cell lost is nothing lost
			}
			extra := strings.Join(cells[cols:], " | ")
			if r := []rune(extra); len(r) > 60 {
				extra = string(r[:60]) + "…"
			}
			line, col := p.lineCol(row.Pos())
			p.diags = append(p.diags, Diagnostic{File: p.ctx.File, Line: line, Col: col, Severity: SeverityWarning, Check: RuleTable,
				Message: fmt.Sprintf("table row has %d cells but the table has %d columns: %q is left out of the page", len(cells), cols, extra),
				Hint:    "add the column to the header row and its |---| line, or join the cells"})
		}
	}
}

// rowCells returns the trimmed cells of the table row whose line starts
// at src[at:], split at each "|" not escaped with a backslash, without
// the row's leading and trailing "|".
func rowCells(src []byte, at int) []string {
	line := src[at:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	line = bytes.TrimSpace(line)
	line = bytes.TrimPrefix(line, []byte("|"))
	if n := len(line); n > 0 && line[n-1] == '|' && (n == 1 || line[n-2] != '\\') {
		line = line[:n-1]
	}
	var cells []string
	start := 0
	for i := 0; i <= len(line); i++ {
		if i == len(line) || line[i] == '|' && (i == 0 || line[i-1] != '\\') {
			cells = append(cells, string(bytes.TrimSpace(line[start:i])))
			start = i + 1
		}
	}
	return cells
}

// checkUnclosedFence reports a fenced code block whose fence is never
// closed: CommonMark runs it to the end of its container (the page, or
// the list item or quote it is in), so every line below the fence shows
// as code, headings and all. The block is closed when the line after its
// last one is a fence of the same character at least as long as the
// opening one.
func (p *page) checkUnclosedFence(n *ast.FencedCodeBlock) {
	lines := n.Lines()
	var open, after int // the opening fence's line start, and where the block's lines end
	switch {
	case lines.Len() > 0:
		open = p.lineStart(max(p.lineStart(lines.At(0).Start)-1, 0)) // the line before the first
		after = lines.At(lines.Len() - 1).Stop
	case n.Info != nil:
		open = p.lineStart(n.Info.Segment.Start)
		after = n.Info.Segment.Stop
		if i := bytes.IndexByte(p.src[after:], '\n'); i >= 0 {
			after += i + 1
		} else {
			after = len(p.src)
		}
	default:
		return // an empty fence and nothing after it: nothing hidden
	}
	fence := bytes.TrimLeft(p.src[open:], " \t>")
	if len(fence) == 0 || fence[0] != '`' && fence[0] != '~' {
		return
	}
	width := 0
	for width < len(fence) && fence[width] == fence[0] {
		width++
	}
	next := p.src[min(after, len(p.src)):]
	if i := bytes.IndexByte(next, '\n'); i >= 0 {
		next = next[:i]
	}
	next = bytes.TrimSpace(bytes.TrimLeft(next, " \t>-*+"))
	if len(next) >= width && len(bytes.Trim(next, string(fence[:1]))) == 0 {
		return // closed
	}
	line, _ := p.lineCol(open)
	msg := fmt.Sprintf("a code block opened here with %s is never closed", fence[:width])
	if k := lines.Len(); k > 0 {
		last, _ := p.lineCol(lines.At(k - 1).Start)
		if k == 1 {
			msg += fmt.Sprintf(": the line below it (line %d) shows as code", last)
		} else {
			msg += fmt.Sprintf(": the %d lines below it (to line %d) show as code", k, last)
		}
	}
	p.diags = append(p.diags, Diagnostic{File: p.ctx.File, Line: line, Col: 1, Severity: SeverityWarning, Check: RuleCodeFence,
		Message: msg,
		Hint:    fmt.Sprintf("close it with %s on a line of its own where the code ends", fence[:width])})
}

// checkListNumbers reports the first item of numbered list n whose number
// is not the one the page shows: Markdown numbers a list from its first
// item, one by one, whatever the later items say ("1. 2. 5." shows 1, 2,
// 3), so "call 999 at step 5" would point at the wrong step. A list that
// numbers every item alike ("1. 1. 1.", to let Markdown count) is not
// reported.
func (p *page) checkListNumbers(n *ast.List) {
	var nums []int
	var starts []int
	for item := n.FirstChild(); item != nil; item = item.NextSibling() {
		at, ok := itemStart(item)
		if !ok {
			return
		}
		line := p.src[p.lineStart(at):at]
		line = bytes.TrimLeft(line, " \t>")
		d := 0
		for d < len(line) && d < 9 && line[d] >= '0' && line[d] <= '9' {
			d++
		}
		if d == 0 {
			return // not the item's marker line
		}
		num, _ := strconv.Atoi(string(line[:d]))
		nums = append(nums, num)
		starts = append(starts, at)
	}
	same := true
	for _, v := range nums {
		same = same && v == nums[0]
	}
	if same {
		return
	}
	for i, v := range nums {
		if shown := n.Start + i; v != shown {
			line, _ := p.lineCol(starts[i])
			p.diags = append(p.diags, Diagnostic{File: p.ctx.File, Line: line, Col: 1, Severity: SeverityWarning, Check: RuleListNumbers,
				Message: fmt.Sprintf("list item numbered %d shows as %d: Markdown numbers a list from its first item, one by one", v, shown),
				Hint:    fmt.Sprintf("number it %d (and the items after it in turn), or number every item 1. to let Markdown count", shown)})
			return
		}
	}
}

// itemStart returns where the text of list item n starts: its first
// block's first line, just after the item's marker.
func itemStart(n ast.Node) (int, bool) {
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			return c.Lines().At(0).Start, true
		}
	}
	return 0, false
}

// listLineRe is a line that starts as a numbered list item: one or two
// digits, "." or ")", a space.
var listLineRe = regexp.MustCompile(`^(\d{1,2})[.)][ \t]+\S`)

// checkListInParagraph reports a numbered list typed straight under a
// line of text that does not start at 1 ("Steps:" then "2. Wash your
// hands"): CommonMark lets only a list starting at 1 interrupt a
// paragraph, so the items run on as the paragraph's text. It is reported
// only after a line that ends with ":" or is such an item itself, as a
// hard-wrapped sentence can put a number at a line's start ("since" then
// "2019. The").
func (p *page) checkListInParagraph(n *ast.Paragraph) {
	lines := n.Lines()
	for i := 1; i < lines.Len(); i++ {
		seg := lines.At(i)
		m := listLineRe.FindSubmatch(p.src[seg.Start:seg.Stop])
		if m == nil || string(m[1]) == "1" {
			continue
		}
		pseg := lines.At(i - 1)
		prev := bytes.TrimRight(pseg.Value(p.src), " \t\r\n")
		if !bytes.HasSuffix(prev, []byte(":")) {
			continue
		}
		line, col := p.lineCol(seg.Start)
		p.diags = append(p.diags, Diagnostic{File: p.ctx.File, Line: line, Col: col, Severity: SeverityWarning, Check: RuleListNumbers,
			Message: fmt.Sprintf("this numbered list, starting at %s, runs on as text: under a line of text a list must start at 1", m[1]),
			Hint:    "leave a blank line above it, or number it from 1"})
		return
	}
}
