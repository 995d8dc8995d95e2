package importer

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
)

// HTML elements whose content kramdown read as Markdown because of a
// markdown attribute (markdown="1" or "block": kramdown's "parse the
// Markdown inside this HTML block"), which goldmark does not read.
//
// kramdown reads the content of <div markdown="1"> as Markdown blocks up
// to the </div> at the start of a line, wherever the element is: at the
// top of the page or inside raw HTML (a <details> holding the answer, as
// CoronaCheck.nl writes its questions and answers). goldmark ignores the
// attribute and reads an HTML block to the first blank line: Markdown
// written right after the start tag stays in that block, so its links,
// bold text and list items show as typed, and a line after a blank line
// is Markdown outside the element's block. kramdownMarkdown writes each
// such element as goldmark reads the same thing: its start tag, without
// the markdown attribute (medkb's sanitizer would remove it with a
// warning), alone on its line and followed by a blank line; a blank line
// before its end tag and after it (unless the line after is indented by
// four spaces, which a blank line would make code: raw HTML around the
// element, which goldmark keeps in the end tag's HTML block). Text
// written after the start tag on its line goes on a line of its own
// after the blank line. The lines keep their source lines (d.lineMap),
// for the notes made after.
//
// A site whose _config.yml sets kramdown's parse_block_html: true had
// kramdown read every HTML block element outside raw HTML as if it had
// markdown="1" (kramdown's handle_kramdown_html_tag: the content model of
// its name, unless a markdown attribute says otherwise; inside an element
// whose model is raw, a <table>, a <ul>, a <pre>, its elements are raw).
// Each <div>, <details>, <section>… whose end tag is at the start of a
// line is written as above; a <p> alone on its line, without attributes,
// whose text holds Markdown, becomes the Markdown paragraph it holds
// (goldmark writes the same <p>); the other elements whose text holds
// Markdown (a <p class>, an <h2>, a <div> with its end tag on its line)
// are kept with one note for a person naming them on the page. Elements
// without Markdown in them read the same as raw HTML: kept silently.
//
// Left as written, with a note for a person: an element whose content
// kramdown read as one line of Markdown text (its model is span:
// markdown="span", or markdown="1" on <p>, <h1>…, <dt>…): goldmark has
// no way to read Markdown inside a raw <p>; one whose end tag is not at
// the start of a line (or is missing), where kramdown's reading is not
// the one the lines show. Left as written without a note: markdown="0"
// (raw HTML, as goldmark reads it), what kramdown reads as text (fenced
// code, HTML comments, code spans, the text of <script> and <style>:
// kdMask), and a
// span element (<span markdown="1">), which goldmark reads in a
// paragraph, its Markdown inside too.

// kdMarkdownAttrRe is a markdown attribute in a start tag's attributes.
var kdMarkdownAttrRe = lazyRE(`(?i)\s+markdown(?:\s*=\s*(?:[\p{L}\p{M}\p{N}\p{Pc}]+|"[^"]*"|'[^']*'))?`)

// kdMarkdown is one element kramdownMarkdown rewrites: its start tag's
// line, the line of its end tag, the start tag as written without the
// markdown attribute and the text after the tag on its line.
type kdMarkdown struct {
	start, end int
	tag, rest  string
	implied    bool // by parse_block_html: true, not a markdown attribute
}

// kramdownMarkdown rewrites the elements of the body lines of the Jekyll
// Markdown page d that kramdown read as Markdown because of a markdown
// attribute or parse_block_html: true, so that goldmark does too, and
// returns the lines. See the
// comment at the top of this file.
func (s *site) kramdownMarkdown(d *doc, lines []string) []string {
	var els []kdMarkdown
	masked := kdMask(lines) // no tags in code, comments, scripts and styles
	text := strings.Join(lines, "\n")
	offs := make([]int, len(lines)+1) // the offset of each line in text
	for i, l := range lines {
		offs[i+1] = offs[i] + len(l) + 1
	}
	lineAt := func(at int) int {
		i := 0
		for i+1 < len(offs) && offs[i+1] <= at {
			i++
		}
		return i
	}
	// With parse_block_html: true, the lines up to inRaw are inside raw
	// HTML (a <table>, whose elements kramdown read as HTML) or a span
	// element's text, where the option does not reach; spans and kept
	// are the elements it reached that are kept as written.
	inRaw := -1
	pbh, pbhWhy := s.blockHTML(d)
	var spans, kept kdList
	paras := map[int]string{} // a <p> written as the Markdown paragraph it holds
	for i, line := range lines {
		sm := kdStartRe.FindStringSubmatch(masked[i])
		if sm == nil || i <= inRaw && !kdMarkdownAttrRe.MatchString(sm[2]) {
			continue
		}
		if kdTagRe.FindString(sm[2]) != kdTagRe.FindString(line[len(sm[1]):]) {
			continue // the tag holds a code span
		}
		m := kdTagRe.FindStringSubmatch(sm[2])
		if m == nil || m[3] != "" {
			continue
		}
		name, lower := m[1], strings.ToLower(m[1])
		if kdSpanElements[lower] || kdNoBody[lower] {
			continue
		}
		explicit := kdMarkdownAttrRe.MatchString(m[2])
		implied := pbh && i > inRaw // the option reaches this element
		if !explicit && !implied {
			continue
		}
		after := offs[i] + len(sm[1]) + len(m[0]) // the offset after the start tag
		written := strings.TrimSpace(m[0])
		switch kramdownModel(name, m[2], implied) {
		case "raw":
			if implied {
				// kramdown read it as raw HTML, its elements too.
				inRaw = len(lines)
				if end, ok := (&kdScan{text: text}).element(m, after, false); ok {
					inRaw = lineAt(end - 1)
				}
			}
			continue
		case "span":
			if explicit {
				s.note(d.src, d.srcLine(i), Human, "%s: kramdown (Jekyll) read the text inside this <%s> as Markdown (one paragraph's text: its content model is span), and medkb reads raw HTML as written, so the Markdown inside shows as typed (**, [text](link)); kept as written, as no Markdown can be written inside a raw <%s>: write that text in HTML (<strong>, <a href=\"…\">) and remove the markdown attribute, or write it as a Markdown paragraph without the <%s> tags", written, name, name, name)
				continue
			}
			// parse_block_html: its text, to </name>, was Markdown.
			inRaw = len(lines)
			content := text[after:]
			if loc := regexp.MustCompile(`(?i)</` + regexp.QuoteMeta(lower) + `\s*>`).FindStringIndex(content); loc != nil {
				inRaw = lineAt(after + loc[1] - 1)
				content = content[:loc[0]]
			}
			if !kdSpanMarkdownRe.MatchString(content) {
				continue // no Markdown in it: raw HTML shows the same
			}
			prevOK := i == 0 || strings.TrimSpace(lines[i-1]) == "" || len(els) > 0 && els[len(els)-1].start == i-1
			nextOK := i+1 == len(lines) || strings.TrimSpace(lines[i+1]) == "" || slices.ContainsFunc(els, func(e kdMarkdown) bool { return e.end == i+1 })
			if p, ok := kdParagraph(line, sm[1], m[0], content); ok && prevOK && nextOK && inRaw == i {
				paras[i] = p
				continue
			}
			spans.add(i, fmt.Sprintf("<%s> (line %d)", name, d.srcLine(i)))
			continue
		}
		end, found := kdMarkdownEnd(masked, i, len(sm[1])+len(m[0]), lower)
		if end < 0 || !found {
			if !explicit {
				if to := len(text); end < 0 || kdSpanMarkdownRe.MatchString(text[after:min(to, offs[end+1])]) || kdBlockMarkdownRe.MatchString(text[after:min(to, offs[end+1])]) {
					kept.add(i, fmt.Sprintf("<%s> (line %d)", name, d.srcLine(i)))
				}
				continue
			}
			why := fmt.Sprintf("it has no </%s>, and kramdown read it to the end of the page", name)
			if end >= 0 {
				why = fmt.Sprintf("its </%s> (line %d) is not at the start of a line, where kramdown looked for it", name, d.srcLine(end))
			}
			s.note(d.src, d.srcLine(i), Human, "%s: kramdown (Jekyll) read the text inside this <%s> as Markdown, and medkb reads raw HTML as written, so its Markdown shows as typed; kept as written, as %s: put the </%s> on a line of its own where the element ends and import again", written, name, why, name)
			continue
		}
		tag := sm[1] + "<" + name + kdMarkdownAttrRe.ReplaceAllString(m[2], "") + ">"
		els = append(els, kdMarkdown{start: i, end: end, tag: tag, rest: strings.TrimSpace(line[len(sm[1])+len(m[0]):]), implied: !explicit})
	}
	if len(spans.names) > 0 {
		s.note(d.src, d.srcLine(spans.first), Human, "%s, so kramdown (Jekyll) read the text inside %s as Markdown (one paragraph's text: the content model of <p>, <h1>…<h6>, <dt>, <th>); medkb reads raw HTML as written, so the Markdown there shows as typed (**, [text](link)); kept as written, as no Markdown can be written inside such a raw element: write that text in HTML (<strong>, <a href=\"…\">), or as a Markdown heading or paragraph without the tags", pbhWhy, strings.Join(spans.names, ", "))
	}
	if len(kept.names) > 0 {
		s.note(d.src, d.srcLine(kept.first), Human, "%s, so kramdown (Jekyll) read the text inside %s as Markdown, and medkb reads raw HTML as written, so Markdown there shows as typed; kept as written, as the end tag is not at the start of a line (or is missing), where kramdown looked for it and where medkb can end the Markdown: put the end tag on a line of its own, with a blank line before it, and import again", pbhWhy, strings.Join(kept.names, ", "))
	}
	if len(paras) > 0 {
		first := slices.Min(slices.Collect(maps.Keys(paras)))
		more := ""
		if len(paras) > 1 {
			more = fmt.Sprintf(" (and %d more on this page)", len(paras)-1)
		}
		s.note(d.src, d.srcLine(first), Changed, "<p>%s: %s, so kramdown (Jekyll) read the text inside as Markdown; medkb reads raw HTML as written, where the Markdown would show as typed: written as the Markdown paragraph it holds, without the <p> tags, which the page shows as Jekyll did", more, pbhWhy)
		for i, p := range paras {
			lines[i] = p
		}
	}
	if len(els) == 0 {
		return lines
	}
	starts, ends := map[int]kdMarkdown{}, map[int]bool{}
	for _, e := range els {
		starts[e.start] = e
		ends[e.end] = true
	}
	var a lineAcc
	blank := func() bool { return len(a.lines) > 0 && strings.TrimSpace(a.lines[len(a.lines)-1]) == "" }
	add := func(t string, src int) {
		a.write(t, src)
		a.newline()
	}
	for i, line := range lines {
		src := d.srcLine(i)
		if ends[i] && !blank() {
			add("", src)
		}
		e, isStart := starts[i]
		switch {
		case isStart:
			add(e.tag, src)
			if e.rest != "" || i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "" {
				add("", src)
			}
			if e.rest != "" {
				add(e.rest, src)
			}
		default:
			add(line, src)
		}
		if ends[i] && i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "" && !ends[i+1] && !indentedCode(lines[i+1]) {
			// A line after the end tag is Markdown to kramdown unless
			// the element was inside raw HTML: a line indented as code
			// is taken for the raw HTML's, which it stays in.
			add("", src)
		}
	}
	first := els[0]
	at := d.srcLine(first.start)
	d.lineMap = a.srcs
	more := ""
	if len(els) > 1 {
		more = fmt.Sprintf(" (and %d more on this page)", len(els)-1)
	}
	how, tag := "kramdown (Jekyll) read the text inside as Markdown up to its end tag; medkb ignores the markdown attribute", "without the markdown attribute and"
	if first.implied {
		how, tag = pbhWhy+", so kramdown (Jekyll) read the text inside every <div>, <details>, <section> and other block element outside raw HTML as Markdown up to its end tag; medkb", "alone on its line"
	}
	s.note(d.src, at, Changed, "%s%s: %s and reads raw HTML to the first blank line, so Markdown right after the tag would show as typed: the start tag is written %s with a blank line after it, and a blank line before and after the end tag, so the page shows the links, bold text and lists inside as Jekyll did", strings.TrimSpace(lines[first.start]), more, how, tag)
	return a.lines
}

// kdMarkdownEnd returns the line of the end tag of the element name whose
// start tag ends at byte at of lines[i], as kramdown finds it: the tags
// of that name in between matched. lines are masked (kdMask): code,
// comments, scripts and styles hold no tags. found is false for one that
// is not at the start of its line (end is its line), and end is -1 for
// none.
func kdMarkdownEnd(lines []string, i, at int, name string) (end int, found bool) {
	tagRe := regexp.MustCompile(`(?i)<(/?)` + regexp.QuoteMeta(name) + `(?:\s[^>]*?)?(/?)>`)
	depth := 1
	for j := i; j < len(lines); j++ {
		line := lines[j]
		from := 0
		if j == i {
			from = at
		}
		for _, loc := range tagRe.FindAllStringSubmatchIndex(line[from:], -1) {
			switch {
			case loc[3] > loc[2]: // </name>
				depth--
			case loc[5] > loc[4]: // <name/>
				continue
			default:
				depth++
			}
			if depth > 0 {
				continue
			}
			if j == i || strings.TrimSpace(line[:from+loc[0]]) != "" || len(line[:from+loc[0]]) > 3 {
				return j, false
			}
			return j, true
		}
	}
	return -1, false
}

// blockHTML reports whether kramdown read the Jekyll page d with
// parse_block_html: true, and what set it: the page's {::options /}
// (d.blockHTML), else _config.yml.
func (s *site) blockHTML(d *doc) (bool, string) {
	if d.blockHTML != nil {
		return *d.blockHTML, "the page's {::options parse_block_html=\"true\" /} sets kramdown's parse_block_html"
	}
	return s.parseBlockHTML, "_config.yml sets kramdown's parse_block_html: true"
}

// kdList is the elements of a page one note names.
type kdList struct {
	first int // the line of the first
	names []string
}

func (l *kdList) add(i int, name string) {
	if len(l.names) == 0 {
		l.first = i
	}
	l.names = append(l.names, name)
}

var (
	// kdSpanMarkdownRe is Markdown that kramdown reads in a line of
	// text: emphasis, links, images, code spans, autolinks.
	kdSpanMarkdownRe = lazyRE("\\*\\*\\S|__\\S|(?:^|[^\\w*\\\\])\\*[^\\s*]|(?:^|[^\\w\\\\])_[^\\s_]|\\[[^\\]]+\\]\\(|\\]\\[|`[^`]+`|<https?://")
	// kdBlockMarkdownRe is a line that starts a Markdown heading, list
	// item or quote.
	kdBlockMarkdownRe = lazyRE(`(?m)^ {0,3}(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|>)`)
)

// kdParagraph returns the Markdown paragraph that line, indent + <p> +
// content + </p>, holds (kramdown's reading of it with
// parse_block_html: true), and false where the <p> has attributes, more
// follows its end tag, or the text would be read as another block (a
// heading, list item, quote, HTML block) without its tags.
func kdParagraph(line, indent, tag, content string) (string, bool) {
	if !strings.EqualFold(tag, "<p>") {
		return "", false
	}
	whole := indent + tag + content
	rest, ok := strings.CutPrefix(line, whole)
	if !ok || !regexp.MustCompile(`(?i)^</p\s*>\s*$`).MatchString(rest) {
		return "", false
	}
	t := strings.TrimSpace(content)
	if t == "" || kdBlockMarkdownRe.MatchString(t) || strings.ContainsAny(t[:1], "<|=`~") || strings.Contains(t, "\n") {
		return "", false
	}
	return indent + t, true
}

// indentedCode reports whether line starts with four spaces or a tab
// (after up to three spaces): code in Markdown, after a blank line.
func indentedCode(line string) bool {
	t := strings.TrimLeft(line, " ")
	return len(line)-len(t) >= 4 || strings.HasPrefix(t, "\t")
}
