package markdown

// Text that Markdown leaves as text where its writer meant markup: a
// footnote reference or a reference link whose label has no definition,
// a Hugo shortcode or Liquid tag, an inline link or image with a space
// in its address, a ** or __ with no partner; and a writer's placeholder
// (TODO, TBC, lorem ipsum) left in the text. goldmark splits text at
// each "[", "<" and delimiter, so each is searched in the run of text
// nodes it lies in (textRun).

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/medkb/medkb/internal/markdown/glossary"
	"github.com/yuin/goldmark/ast"
)

// asTextRe finds, in text as goldmark leaves it, a footnote reference
// (group 1: its label), a Hugo shortcode (group 2: its name), a Liquid
// tag (group 3: its name), a full or collapsed reference link (groups 4
// and 5: its text and label; the label is the text when empty) or an
// inline link (groups 6, 7 and 8: its text, the space before its
// parenthesis, its address), a ** or __ (group 9) or the "{:" of a
// kramdown attribute list (group 10: "{:" and a class, id or attribute,
// as {: .class}, {:#id} or {: width="552"}, not a Ruby hash in prose). None can be text a writer meant: a footnote
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
var asTextRe = regexp.MustCompile(`\[\^([^\]\s]+)\]|\{\{[<%]\s*(\w[\w\-./]*)|\{%-?\s*([a-z_]+)\b|\[([^\[\]]+)\]\[([^\[\]\n]*)\]|\[([^\[\]]+)\]([ \t]*)\(([^()\n]*)\)|(\*\*|__)|(\{:[ \t]*(?:[.#][\w-]|[\w-]+=|\}))`)

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
			case m[20] >= 0:
				// A kramdown attribute list ({: .class}, {: width="552"}),
				// as Jekyll sites and Word exports have them.
				d.Message = "kramdown attribute list {: …} is not medkb Markdown: it shows as text"
				d.Hint = "remove it: medkb gives headings their ids and styles the page itself (medkb import removes these from a Jekyll site)"
			case m[18] >= 0:
				mark := string(r.text[m[18]:m[19]])
				esc := strings.Repeat("\\"+mark[:1], 2)
				d.Check = RuleEmphasis
				if end := emptyBold(r.text, m[18], m[19]); end > 0 {
					d.Message = fmt.Sprintf("%s %s makes nothing bold (only a space is inside), so it shows as %s", mark, mark, map[string]string{"**": "four asterisks", "__": "four underscores"}[mark])
					d.Hint = fmt.Sprintf("remove it (an editor's empty bold text, left around a space), or write %s %s to show the characters", esc, esc)
					break
				}
				if !unpairedEmphasis(r.text, m[18], m[19]) {
					continue
				}
				d.Message = fmt.Sprintf("%s has no partner, so it shows as %s and no text is made bold", mark, map[string]string{"**": "two asterisks", "__": "two underscores"}[mark])
				d.Hint = fmt.Sprintf("close the bold text with %s after its last word (%stwo tablets%s), or write %s to show the characters", mark, mark, mark, esc)
				if space, ok := spacedCloser(r.text, m[19], mark); ok {
					d.Hint = fmt.Sprintf("remove the %s before the %s that was to close it: Markdown closes bold text only right after a word or punctuation mark, never after a space", space, mark)
				}
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

// emptyBold returns the end of "** **" (or "__ __") whose first mark is
// text[i:j]: two marks with only white space between them, such as an
// editor leaves around a space it made bold, which Markdown shows as
// text; 0 when the mark is not the first of such a pair.
func emptyBold(text []byte, i, j int) int {
	if i > 0 && text[i-1] == text[i] {
		return 0
	}
	k := j
	for k < len(text) {
		r, n := utf8.DecodeRune(text[k:])
		if r == '\n' || !unicode.IsSpace(r) {
			break
		}
		k += n
	}
	if k == j || !bytes.HasPrefix(text[k:], text[i:j]) || k+2 < len(text) && text[k+2] == text[i] {
		return 0
	}
	return k + 2
}

// spacedCloser reports whether the next mark after text[j] on its line
// has white space before it, the reason it closes nothing ("**Register: **"),
// and names that space: a no-break space (U+00A0, which Word and web
// editors put) looks like no space at all.
func spacedCloser(text []byte, j int, mark string) (string, bool) {
	line := text[j:]
	if e := bytes.IndexByte(line, '\n'); e >= 0 {
		line = line[:e]
	}
	k := bytes.Index(line, []byte(mark))
	if k <= 0 {
		return "", false
	}
	r, _ := utf8.DecodeLastRune(line[:k])
	switch {
	case r == '\u00a0':
		return "no-break space (U+00A0, which looks like no space at all)", true
	case unicode.IsSpace(r):
		return "space", true
	}
	return "", false
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

// placeholderRe is a writer's placeholder: TODO, TBC, TBD, FIXME or XXX
// in capitals as a word of its own (not "TODO's", a word about the
// label), or lorem ipsum in any case.
var placeholderRe = regexp.MustCompile(`(?:^|[^\p{L}\p{N}'’])(TODO|TBC|TBD|FIXME|XXX)(?:$|[^\p{L}\p{N}'’])|(?i)(lorem ipsum)`)

// placeholderMarks are what a text must hold to hold a placeholder
// (placeholderRe): its words, and lorem in its usual cases.
var placeholderMarks = [][]byte{[]byte("TODO"), []byte("TBC"), []byte("TBD"), []byte("FIXME"), []byte("XXX"), []byte("orem"), []byte("OREM")}

// mayHoldPlaceholder reports whether v holds one of placeholderMarks.
// prepare asks it once of the whole body, so that on the pages with none,
// most pages, no text node is searched: seven searches of a node cost
// about 200 ns, a few hundred nodes a page, against a few µs for the
// body at once.
func mayHoldPlaceholder(v []byte) bool {
	return slices.ContainsFunc(placeholderMarks, func(m []byte) bool { return bytes.Contains(v, m) })
}

// checkPlaceholder reports a placeholder in text v of node t (outside
// code): "Added in TODO", "Dose: TBC" or a template's lorem ipsum
// published as a page's text, which a patient reads as the page's
// advice. A placeholder in an HTML comment is not text and is not seen.
// It runs only on a page whose body holds a mark (mayHoldPlaceholder).
func (p *page) checkPlaceholder(t *ast.Text, v []byte) {
	if !mayHoldPlaceholder(v) {
		return
	}
	m := placeholderRe.FindSubmatchIndex(v)
	if m == nil {
		return
	}
	at := m[2]
	if at < 0 {
		at = m[4]
	}
	word := string(v[at:max(m[3], m[5])])
	line, col := p.lineCol(t.Segment.Start + at)
	p.diags = append(p.diags, Diagnostic{File: p.ctx.File, Line: line, Col: col, Severity: SeverityWarning, Check: RulePlaceholder,
		Message: fmt.Sprintf("placeholder %q in the text: readers would take it for the page's content", word),
		Hint:    "write what it stands for, or move the note into an HTML comment (<!-- TODO: … -->), which readers do not see"})
}
