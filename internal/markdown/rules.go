package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"golang.org/x/net/html"

	"github.com/medkb/medkb/internal/markdown/callout"
	"github.com/medkb/medkb/internal/markdown/glossary"
)

// Rule ids of the diagnostics this package reports about what a writer
// typed (Diagnostic.Check); other diagnostics have none.
const (
	// RuleCallout: a "> [!KIND]" marker whose kind is not a callout kind;
	// the blockquote would show the marker as text.
	RuleCallout = "callout"
	// RuleHeadingLevel: a heading more than one level below the one
	// before it (## then ####); "On this page" and screen readers lose
	// the structure.
	RuleHeadingLevel = "heading-level"
	// RuleFootnote: a footnote reference without a definition (it shows
	// as "[^1]"), or a definition no reference calls (goldmark leaves its
	// text out of the page).
	RuleFootnote = "footnote"
	// RuleShortcode: a Hugo shortcode ({{< youtube id >}}, {{% note %}})
	// or a Liquid tag ({% include %}), which medkb does not run: it shows
	// as text.
	RuleShortcode = "shortcode"
	// RuleLinkSyntax: a link Markdown does not read as one, so it shows
	// as text, brackets and all, and leads nowhere: a reference link
	// ([text][label] or [label][]) whose label has no definition
	// ("[label]: https://…"), or an inline link or image whose address
	// has a space ([text](/heart attack/)) or is set apart from its text
	// by one ([text] (/heart-attack/)).
	RuleLinkSyntax = "link-syntax"
	// RuleHeadingSyntax: a line of a paragraph that starts with 1 to 6
	// "#" and a letter ("#Causes"): a heading without the space after its
	// "#", which Markdown shows as text; or a sentence that became a
	// heading because the line under it is --- or === (a setext heading).
	RuleHeadingSyntax = "heading-syntax"
	// RuleEmphasis: a "**" or "__" that opens or closes bold text with no
	// partner, which shows as two asterisks or underscores and leaves
	// the words unbolded ("Take **two tablets a day.").
	RuleEmphasis = "emphasis"
	// RuleIndentedCode: sentences indented by four spaces or a tab, which
	// Markdown shows as a block of code, not as a paragraph.
	RuleIndentedCode = "indented-code"
	// RuleTable: a table row with more cells than the table has columns
	// (its header row's): GFM leaves the extra cells out of the page.
	RuleTable = "table"
)

// Rules returns this package's rule ids, sorted: with package check's
// Codes, the keys check: accepts in medkb.yaml and front matter.
func Rules() []string {
	return []string{RuleCallout, RuleEmphasis, RuleFootnote, RuleHeadingLevel, RuleHeadingSyntax, RuleIndentedCode, RuleLinkSyntax, RuleShortcode, RuleTable}
}

// IsRule reports whether check is one of this package's rule ids.
func IsRule(check string) bool {
	switch check {
	case RuleCallout, RuleEmphasis, RuleHeadingLevel, RuleHeadingSyntax, RuleFootnote, RuleIndentedCode, RuleShortcode, RuleLinkSyntax, RuleTable:
		return true
	}
	return false
}

// asTextRe finds, in text as goldmark leaves it, a footnote reference
// (group 1: its label), a Hugo shortcode (group 2: its name), a Liquid
// tag (group 3: its name), a full or collapsed reference link (groups 4
// and 5: its text and label; the label is the text when empty) or an
// inline link (groups 6, 7 and 8: its text, the space before its
// parenthesis, its address). None can be text a writer meant: a footnote
// or link that works and a code span are other nodes by then. A shortcut
// reference ("[sic]", "[1]") is left alone, as is "[1] (2019)": brackets
// and parentheses in prose look the same (an inline link set apart from
// its text counts only when what is in parentheses is an address).
//
// A closing shortcode ({{% /note %}}) does not match, and a Liquid tag
// counts only when it is one of liquidTags (not its else or end tag, and
// not prose such as "{% of patients}"): each is reported at its opening.
// A Liquid tag is known by its start, not its "%}": the typographer turns
// the quotes of {% include "note.html" %} into nodes of their own, which
// end a run of text before it.
var asTextRe = regexp.MustCompile(`\[\^([^\]\s]+)\]|\{\{[<%]\s*(\w[\w\-./]*)|\{%-?\s*([a-z_]+)\b|\[([^\[\]]+)\]\[([^\[\]\n]*)\]|\[([^\[\]]+)\]([ \t]*)\(([^()\n]*)\)|(\*\*|__)`)

// textRun is a stretch of text nodes that follow each other, joined: a
// footnote reference or a shortcode is split over several (goldmark
// starts a node at each "[" and "<").
type textRun struct {
	text  []byte
	start []int // start[i]: the source offset of text[at[i]:]
	at    []int
}

// add appends t's text to the run.
func (r *textRun) add(t *ast.Text, src []byte) {
	r.at = append(r.at, len(r.text))
	r.start = append(r.start, t.Segment.Start)
	r.text = append(r.text, t.Segment.Value(src)...)
	if t.SoftLineBreak() || t.HardLineBreak() {
		r.text = append(r.text, '\n')
	}
}

// offset returns the source offset of the run's byte i.
func (r *textRun) offset(i int) int {
	k := sort.SearchInts(r.at, i+1) - 1
	return r.start[k] + i - r.at[k]
}

// liquidTags are the tags of Liquid and of Jekyll that open a statement;
// their else, when and end tags are part of one.
var liquidTags = map[string]bool{"assign": true, "capture": true, "case": true, "comment": true, "cycle": true, "decrement": true,
	"for": true, "highlight": true, "if": true, "include": true, "include_relative": true, "increment": true, "link": true,
	"post_url": true, "raw": true, "render": true, "tablerow": true, "unless": true, "liquid": true, "echo": true, "seo": true}

// checkAsText reports the footnote references (RuleFootnote), shortcodes
// and Liquid tags (RuleShortcode) and links (RuleLinkSyntax) that would
// show as text. marked holds the text nodes with a "{", "^" or "]",
// as most text has none; each is searched with the run of text nodes
// around it, once a run.
func (p *page) checkAsText(marked []*ast.Text) {
	var done ast.Node // the first node of the last run searched
	for _, t := range marked {
		var first ast.Node = t
		for runText(first.PreviousSibling()) != nil {
			first = first.PreviousSibling()
		}
		if first == done {
			continue
		}
		done = first
		var r textRun
		for n := first; n != nil; n = n.NextSibling() {
			ts := runText(n)
			if ts == nil {
				break
			}
			for _, t := range ts {
				r.add(t, p.src)
			}
		}
		for _, m := range asTextRe.FindAllSubmatchIndex(r.text, -1) {
			if m[0] > 0 && r.text[m[0]-1] == '\\' {
				continue // written escaped, to be shown as it is
			}
			line, col := p.lineCol(r.offset(m[0]))
			d := Diagnostic{File: p.ctx.File, Line: line, Col: col, Severity: SeverityWarning, Check: RuleShortcode}
			switch {
			case m[2] >= 0:
				d.Check = RuleFootnote
				label := string(r.text[m[2]:m[3]])
				d.Message = fmt.Sprintf("footnote [^%s] has no definition, so it shows as text", label)
				d.Hint = fmt.Sprintf("add a line \"[^%s]: the note\" after the paragraph, or remove the reference", label)
			case m[18] >= 0:
				if !unpairedEmphasis(r.text, m[18], m[19]) {
					continue
				}
				mark := string(r.text[m[18]:m[19]])
				esc := strings.Repeat("\\"+mark[:1], 2)
				d.Check = RuleEmphasis
				d.Message = fmt.Sprintf("%s has no partner, so it shows as %s and no text is made bold", mark, map[string]string{"**": "two asterisks", "__": "two underscores"}[mark])
				d.Hint = fmt.Sprintf("close the bold text with %s after its last word (%stwo tablets%s), or write %s to show the characters", mark, mark, mark, esc)
			case m[12] >= 0:
				if !p.inlineLinkAsText(&d, &r, m) {
					continue
				}
			case m[8] >= 0:
				d.Check = RuleLinkSyntax
				text := strings.Join(strings.Fields(string(r.text[m[8]:m[9]])), " ") // over lines, as one
				label := string(r.text[m[10]:m[11]])
				if strings.TrimSpace(label) == "" {
					label = text
				}
				d.Message = fmt.Sprintf("link [%s][%s] has no definition of [%s], so it shows as text and leads nowhere", text, r.text[m[10]:m[11]], label)
				d.Hint = fmt.Sprintf("add a line \"[%s]: https://…\" below the paragraph, or write the link as [%s](address)", label, text)
			case m[4] >= 0:
				name := string(r.text[m[4]:m[5]])
				d.Message = fmt.Sprintf("Hugo shortcode %q is not medkb Markdown: it shows as text", name)
				d.Hint = "write it in Markdown (an image as ![alt](file.png), a note as a > [!NOTE] callout); medkb import translates figure, ref and relref"
			default:
				name := string(r.text[m[6]:m[7]])
				if !liquidTags[name] {
					continue // prose ("{% of patients}"), or a tag's else or end, reported at its start
				}
				d.Message = fmt.Sprintf("Liquid tag %q is not medkb Markdown: it shows as text", name)
				d.Hint = "write it in Markdown; medkb import translates {% link %} and {% post_url %}"
			}
			p.diags = append(p.diags, d)
		}
	}
}

// unpairedEmphasis reports whether the "**" or "__" at text[i:j], left
// as text by the parser, was meant to open or close bold text: a letter
// or digit on one side and a space, punctuation or the run's end on the
// other ("**two", "day**"). Between two letters or digits ("2**3",
// "snake__case") it is not emphasis and was not meant as it.
func unpairedEmphasis(text []byte, i, j int) bool {
	before, after := rune(' '), rune(' ')
	if i > 0 {
		before, _ = utf8.DecodeLastRune(text[:i])
	}
	if j < len(text) {
		after, _ = utf8.DecodeRune(text[j:])
	}
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	return word(before) != word(after) && before != '*' && after != '*' && before != '_' && after != '_'
}

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

// runText returns the text nodes of n, a node of a text run: a text node,
// or a glossary term (the glossary wraps a term's first use, "heart
// attack" in "[the heart attack page](…)", in a node of its own, which a
// run goes through); nil for any other node.
func runText(n ast.Node) []*ast.Text {
	switch n := n.(type) {
	case *ast.Text:
		return []*ast.Text{n}
	case *glossary.Term:
		var ts []*ast.Text
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			t, ok := c.(*ast.Text)
			if !ok {
				return nil
			}
			ts = append(ts, t)
		}
		return ts
	}
	return nil
}

// inlineLinkAsText fills in d for an inline link or image asTextRe found
// in r (m: its match) that Markdown left as text, and reports whether it
// is one: set apart from its text by a space, what is in parentheses must
// be an address ("[1] (2019)" is prose). A web address there is a link of
// its own (linkify), so "[text] (https://…)" is not seen: the address
// still works.
func (p *page) inlineLinkAsText(d *Diagnostic, r *textRun, m []int) bool {
	text := r.text
	what, a, bang := "link", "a link", ""
	if at := m[0]; at > 0 && text[at-1] == '!' {
		what, a, bang = "image", "an image", "!"
		d.Line, d.Col = p.lineCol(r.offset(at - 1))
	}
	label := strings.Join(strings.Fields(string(text[m[12]:m[13]])), " ")
	dest := string(text[m[16]:m[17]])
	d.Check = RuleLinkSyntax
	switch {
	case m[15] > m[14]:
		if !looksLikeAddress(dest) {
			return false
		}
		d.Message = fmt.Sprintf("%s [%s] (%s) is not %s: a space between ] and ( makes it text", what, label, dest, a)
		d.Hint = "remove the space: " + bang + "[" + label + "](" + dest + ")"
	case strings.ContainsAny(strings.TrimSpace(dest), " \t"):
		d.Message = fmt.Sprintf("%s [%s](%s) is not %s: its address has a space, so it shows as text", what, label, dest, a)
		d.Hint = "write the address without the space (a hyphen, or %20 in a file name), or put it in angle brackets: " + bang + "[" + label + "](<" + strings.TrimSpace(dest) + ">)"
	default:
		d.Message = fmt.Sprintf("%s [%s](%s) is not %s, so it shows as text", what, label, dest, a)
		d.Hint = "check the brackets and the address"
	}
	return true
}

// looksLikeAddress reports whether s, what a writer put in parentheses,
// is an address rather than prose: a web address, a path from the site's
// root or a relative one, a fragment or a Markdown file.
func looksLikeAddress(s string) bool {
	for _, prefix := range []string{"http://", "https://", "www.", "/", "./", "../", "#", "mailto:", "tel:"} {
		if strings.HasPrefix(s, prefix) {
			return !strings.ContainsAny(s, " \t")
		}
	}
	return strings.HasSuffix(s, ".md") && !strings.ContainsAny(s, " \t")
}

// checkHashLines reports each line of paragraph n that starts as a
// heading without its space ("#Causes", "##When to get help"): CommonMark
// needs a space after the "#"s, so the line is text (and a paragraph's
// line, not a heading, cannot end the paragraph above it either). A
// letter must follow, so "#1 cause" and "#" alone are prose; a hashtag
// on a line of its own is reported too, and its hint says how to keep
// it.
func (p *page) checkHashLines(n *ast.Paragraph) {
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		v := p.src[seg.Start:seg.Stop]
		if len(v) < 2 || v[0] != '#' || indented(p.src, seg.Start) {
			continue
		}
		hashes := 1
		for hashes < len(v) && v[hashes] == '#' {
			hashes++
		}
		if hashes > 6 {
			continue
		}
		r, _ := utf8.DecodeRune(v[hashes:])
		if !unicode.IsLetter(r) {
			continue
		}
		title := strings.TrimSpace(string(bytes.TrimRight(v[hashes:], "\r\n")))
		marks := strings.Repeat("#", hashes)
		line, col := p.lineCol(seg.Start)
		p.diags = append(p.diags, Diagnostic{File: p.ctx.File, Line: line, Col: col, Severity: SeverityWarning, Check: RuleHeadingSyntax,
			Message: fmt.Sprintf("%s%s is not a heading: without a space after the %s it shows as text", marks, title, marks),
			Hint:    fmt.Sprintf("write %s %s, with a space (a hashtag meant as text: \\%s%s)", marks, title, marks, title)})
	}
}

// checkSetextHeadings reports a paragraph that became a heading because
// the line under it is --- or === (a setext heading), when it reads as a
// sentence: it ends with . ! ? : , or ; or runs over more than one line.
// A writer who puts --- under a paragraph for a horizontal line, with no
// blank line between, gets a heading in the page's contents instead. A
// short title underlined on purpose is left alone.
func (p *page) checkSetextHeadings(headings []*ast.Heading) {
	for _, h := range headings {
		lines := h.Lines()
		if lines.Len() == 0 {
			continue
		}
		first := lines.At(0)
		start := bytes.LastIndexByte(p.src[:first.Start], '\n') + 1
		if bytes.HasPrefix(bytes.TrimLeft(p.src[start:first.Start], " \t>"), []byte("#")) || bytes.HasPrefix(p.src[first.Start:first.Stop], []byte("#")) {
			continue // an ATX heading: # Title
		}
		if prev := h.PreviousSibling(); prev != nil && prev.Kind() == ast.KindThematicBreak && prev.PreviousSibling() == nil && prev.Parent() == h.Parent() && h.Parent().Kind() == ast.KindDocument {
			continue // "---", lines, "---" opening the text: a second front matter block, package frontmatter's to report
		}
		last := lines.At(lines.Len() - 1)
		text := bytes.TrimRight(p.src[last.Start:last.Stop], " \t\r\n")
		if lines.Len() == 1 && (len(text) == 0 || !bytes.ContainsAny(text[len(text)-1:], ".!?:,;")) {
			continue
		}
		marks := "---"
		if h.Level == 1 {
			marks = "==="
		}
		line, _ := p.lineCol(first.Start)
		p.diags = append(p.diags, Diagnostic{File: p.ctx.File, Line: line, Col: 1, Severity: SeverityWarning, Check: RuleHeadingSyntax,
			Message: fmt.Sprintf("this paragraph is a heading (h%d in the page's contents) because the line under it is %s", h.Level, marks),
			Hint:    "for a horizontal line, leave a blank line between the paragraph and " + marks + "; for a heading, write it as " + strings.Repeat("#", h.Level) + " on one short line"})
	}
}

// indented reports whether the line holding src[at] has only spaces and
// tabs before it, at least one: a paragraph's continuation line written
// indented, as a YAML or shell comment pasted as text is, not a heading
// meant (a line in a quote or list has its marker before it).
func indented(src []byte, at int) bool {
	start := bytes.LastIndexByte(src[:at], '\n') + 1
	return start < at && len(bytes.Trim(src[start:at], " \t")) == 0
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

// checkCallouts reports blockquotes that start with a callout marker of an
// unknown kind. Known kinds were turned into callouts already.
func (p *page) checkCallouts(quotes []*ast.Blockquote) {
	for _, q := range quotes {
		para, ok := q.FirstChild().(*ast.Paragraph)
		if !ok || q.Parent() == nil || para.Lines().Len() == 0 {
			continue
		}
		seg := para.Lines().At(0)
		line := seg.Value(p.src)
		if !bytes.HasPrefix(line, []byte("[!")) {
			continue
		}
		end := bytes.IndexByte(line, ']')
		if end < 0 {
			continue
		}
		name := string(line[2:end])
		if _, known := callout.ParseKind(name); known || strings.TrimSpace(name) == "" || strings.ContainsAny(name, "\n") {
			continue
		}
		l, c := p.lineCol(seg.Start)
		msg := fmt.Sprintf("unknown callout kind %q; the marker would show as text", name)
		hint := "use one of " + strings.ToUpper(strings.Join(callout.Kinds(), ", "))
		if best := callout.Closest(name); best != "" {
			msg = fmt.Sprintf("unknown callout kind %q; did you mean %s?", name, best)
			hint = "write > [!" + best + "]"
		}
		p.diags = append(p.diags, Diagnostic{File: p.ctx.File, Line: l, Col: c, Severity: SeverityError,
			Check: RuleCallout, Message: msg, Hint: hint})
	}
}

// checkTabs reports [!TABS] callouts with fewer than two tabs: each tab
// starts with a heading, and without them the reader gets no choice.
func (p *page) checkTabs(tabs []*callout.Callout) {
	for _, c := range tabs {
		n := 0
		for k := c.FirstChild(); k != nil; k = k.NextSibling() {
			if _, ok := k.(*callout.TabPanel); ok {
				n++
			}
		}
		if n >= 2 {
			continue
		}
		l, col := p.position(c)
		p.diags = append(p.diags, Diagnostic{File: p.ctx.File, Line: l, Col: col, Severity: SeverityWarning, Check: RuleCallout,
			Message: fmt.Sprintf("[!TABS] callout has %d tab(s); readers see no choice", n),
			Hint:    "start each tab with a heading inside the callout, such as > ### Adults and > ### Children"})
	}
}

// headingLevel is one heading of the body: a Markdown heading, or an
// <h1>–<h6> start tag in raw HTML (raw set, node the raw HTML node).
type headingLevel struct {
	level int
	node  ast.Node
	raw   bool
}

// rawHeadings returns the heading start tags of a raw HTML node's source.
func rawHeadings(n ast.Node, src []byte) []headingLevel {
	var out []headingLevel
	z := html.NewTokenizer(bytes.NewReader(src))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out
		case html.StartTagToken:
			name, _ := z.TagName()
			if len(name) == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6' {
				out = append(out, headingLevel{level: int(name[1] - '0'), node: n, raw: true})
			}
		}
	}
}

// checkHeadingLevels reports a heading that skips a level, in Markdown or
// in raw HTML (screen reader users move by heading level), and an h1 in
// the body: the page title is the h1, so the body starts at ##, and a
// second h1 (often the title written again, as other tools' pages begin)
// tells a screen reader a new page starts there.
func (p *page) checkHeadingLevels(headings []headingLevel) {
	prev := 1
	for _, h := range headings {
		line, col := p.position(h.node)
		if h.node.Type() == ast.TypeBlock && h.node.Lines().Len() > 0 {
			line, _ = p.lineCol(h.node.Lines().At(0).Start)
			col = 1
		}
		if h.level == 1 {
			d := Diagnostic{File: p.ctx.File, Line: line, Col: col, Severity: SeverityWarning, Check: RuleHeadingLevel,
				Message: "a level-1 heading (#) in the text: the page's title is its only h1, so the text's headings start at ##",
				Hint:    "make it a ## heading, or delete it if it repeats the title"}
			if h.raw {
				d.Message = "raw HTML heading <h1> in the text: the page's title is its only h1, so the text's headings start at <h2>"
				d.Hint = "make it an <h2>, or delete it if it repeats the title"
			}
			p.diags = append(p.diags, d)
		}
		if h.level > prev+1 {
			d := Diagnostic{File: p.ctx.File, Line: line, Col: col, Severity: SeverityWarning, Check: RuleHeadingLevel,
				Message: fmt.Sprintf("heading level skips from h%d to h%d (%s after %s)", prev, h.level,
					strings.Repeat("#", h.level), strings.Repeat("#", prev)),
				Hint: fmt.Sprintf("make it a %s heading, or add the missing level above it", strings.Repeat("#", prev+1))}
			if h.raw {
				d.Message = fmt.Sprintf("raw HTML heading <h%d> skips a level: it follows an h%d", h.level, prev)
				d.Hint = fmt.Sprintf("make it an <h%d>, or add the missing level above it", prev+1)
			}
			p.diags = append(p.diags, d)
		}
		prev = h.level
	}
}

// phoneRe finds phone numbers in text: an international +CC number, a
// national number starting 0, or a North American (NNN) number, with 9 to
// 15 digits in groups separated by one space, dot or hyphen.
var phoneRe = regexp.MustCompile(`(?:\+\d{1,3}[ .\-]?(?:\(0\)[ .\-]?)?|\(\d{2,5}\)[ .\-]?|0)\d{1,5}(?:[ .\-]\d{2,5}){0,4}`)

// linkPhones turns phone numbers in text into tel: links, so a reader on a
// phone can call a helpline with one tap. Text in links, code, headings and
// callout titles is left alone.
func (p *page) linkPhones(texts []*ast.Text) {
	for _, t := range texts {
		val := t.Segment.Value(p.src)
		if !hasDigitRun(val) {
			continue
		}
		matches := phoneRe.FindAllIndex(val, -1)
		var pieces [][2]int
		for _, m := range matches {
			s, e := m[0], m[1]
			if s > 0 && isWordByte(val[s-1]) || e < len(val) && (isWordByte(val[e]) || val[e] == '-' || val[e] == '/') {
				continue
			}
			if n := countDigits(val[s:e]); n < 9 || n > 15 {
				continue
			}
			pieces = append(pieces, [2]int{s, e})
		}
		if len(pieces) == 0 {
			continue
		}
		parent := t.Parent()
		start := t.Segment.Start
		soft, hard := t.SoftLineBreak(), t.HardLineBreak()
		var last ast.Node = t
		// The original node keeps the text before the first number.
		rest := t.Segment.Stop
		t.Segment = text.NewSegment(start, start+pieces[0][0])
		t.SetSoftLineBreak(false)
		t.SetHardLineBreak(false)
		for i, pc := range pieces {
			link := ast.NewLink()
			link.Destination = []byte("tel:" + telNumber(val[pc[0]:pc[1]]))
			link.AppendChild(link, ast.NewTextSegment(text.NewSegment(start+pc[0], start+pc[1])))
			parent.InsertAfter(parent, last, link)
			last = link
			end := rest
			if i+1 < len(pieces) {
				end = start + pieces[i+1][0]
			}
			after := ast.NewTextSegment(text.NewSegment(start+pc[1], end))
			parent.InsertAfter(parent, last, after)
			last = after
		}
		if tl, ok := last.(*ast.Text); ok {
			tl.SetSoftLineBreak(soft)
			tl.SetHardLineBreak(hard)
		}
	}
}

func hasDigitRun(b []byte) bool {
	n := 0
	for _, c := range b {
		if c >= '0' && c <= '9' {
			n++
			if n >= 9 {
				return true
			}
		}
	}
	return false
}

func countDigits(b []byte) int {
	n := 0
	for _, c := range b {
		if c >= '0' && c <= '9' {
			n++
		}
	}
	return n
}

func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80
}

// telNumber keeps a leading + and the digits, dropping a "(0)" trunk
// prefix written after a country code.
func telNumber(b []byte) string {
	s := strings.Replace(string(b), "(0)", "", 1)
	var out strings.Builder
	for i, c := range []byte(s) {
		if c == '+' && i == 0 || c >= '0' && c <= '9' {
			out.WriteByte(c)
		}
	}
	return out.String()
}

// footnotes are a page's footnotes that goldmark kept (a definition
// without a reference it drops, text and all) and the source ranges of its
// code and raw HTML blocks, where "[^x]:" is no definition.
type footnotes struct {
	kept []string
	code [][2]int
}

func (f *footnotes) addCode(n ast.Node) {
	if n.Type() != ast.TypeBlock {
		return
	}
	if l := n.Lines(); l.Len() > 0 {
		f.code = append(f.code, [2]int{l.At(0).Start, l.At(l.Len() - 1).Stop})
	}
}

// footnoteDefRe finds a footnote definition at the start of a line.
var footnoteDefRe = regexp.MustCompile(`(?m)^ {0,3}\[\^([^\]\s]+)\]:`)

// checkFootnotes reports footnote definitions that no reference calls:
// goldmark leaves them out of the page, so the note's text is lost
// without a word (RuleFootnote).
func (p *page) checkFootnotes(f footnotes) {
	if !bytes.Contains(p.src, []byte("[^")) {
		return
	}
	for _, m := range footnoteDefRe.FindAllSubmatchIndex(p.src, -1) {
		label := string(p.src[m[2]:m[3]])
		at := m[2] - 2 // the "[": a code block's lines start after a list item's indent
		if slices.Contains(f.kept, label) || slices.ContainsFunc(f.code, func(r [2]int) bool { return at >= r[0] && at < r[1] }) {
			continue
		}
		line, col := p.lineCol(at)
		p.diags = append(p.diags, Diagnostic{File: p.ctx.File, Line: line, Col: col, Severity: SeverityWarning, Check: RuleFootnote,
			Message: fmt.Sprintf("footnote [^%s] is never referenced, so its text is left out of the page", label),
			Hint:    fmt.Sprintf("put [^%s] in the text where the note belongs, or remove the note", label)})
	}
}
