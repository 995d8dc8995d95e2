package importer

import (
	"fmt"
	"regexp"
	"strings"
)

// Raw HTML blocks of a Jekyll Markdown page, as kramdown (Jekyll's
// default Markdown engine) read them and goldmark does not.
//
// kramdown starts an HTML block at a line that begins (after up to three
// spaces) with the start tag of an element that is not span-level (not
// <a>, <span>, <img>…), and reads it to its matching end tag, blank lines
// included: the tags nested in it are matched the same way, and by
// default (parse_block_html: false) its text is raw HTML, not Markdown.
// CommonMark ends an HTML block at the first blank line: after it a line
// indented by four spaces is a block of code, and text is Markdown. A
// <table> written with a blank line between its rows, rows indented as
// HTML usually is, showed on the Jekyll site and comes into medkb with
// its rows as code (medkb check: indented-code).
//
// kramdownHTML writes each blank line inside such a block as an empty
// comment, <!---->, which shows nothing (in <pre> it keeps the line
// break) and is no blank line, so goldmark reads the whole element as one
// HTML block as kramdown did. Taking the blank lines out would also do,
// but would change the text of a <pre> and the lines' numbers, which the
// notes made after this pass (links) name. Inside a comment the line
// becomes "." and inside <script> or <style> "/**/" (a comment of
// JavaScript and CSS), as <!----> would end the one or break the other.
//
// What kramdown read as Markdown is left as written: an element whose
// content model is Markdown (markdown="1" on a <div>, or any <div> with
// parse_block_html: true; see kramdownModel), code blocks and fenced code
// (their HTML is text). An element kramdown never closed (it took the
// rest of the page as HTML) is left as written too: CommonMark's reading
// is the one a writer meant there. A site whose _config.yml names another
// engine (markdown: CommonMarkGhPages), or that has no _config.yml, is
// left as written: its engine read HTML blocks as goldmark does.

var (
	// kdName is an element's name as kramdown reads it (REXML's UNAME).
	kdName = `[A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?`
	// kdTagRe is a start tag at the start of the text (kramdown's
	// HTML_TAG_RE): name, attributes, and "/" when it closes itself.
	kdTagRe   = lazyRE(`^<(` + kdName + `)((?:\s+` + kdName + `(?:\s*=\s*(?:[\p{L}\p{M}\p{N}\p{Pc}]+|"[^"]*"|'[^']*'))?)*)\s*(/)?>`)
	kdCloseRe = lazyRE(`^</(` + kdName + `)\s*>`)
	kdAttrRe  = lazyRE(`(` + kdName + `)(?:\s*=\s*(?:([\p{L}\p{M}\p{N}\p{Pc}]+)|"([^"]*)"|'([^']*)'))?`)
	// kdStartRe is a line that may start an HTML block: its indentation,
	// and the text from the tag on.
	kdStartRe = lazyRE(`^( {0,3})(<.*)$`)
)

// kramdown's lists of elements (lib/kramdown/parser/html.rb).
var (
	kdSpanElements = setOf("a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label mark option q rb rbc rp rt rtc ruby samp select small span strong sub sup time tt u var")
	kdNoBody       = setOf("area base br col command embed hr img input keygen link meta param source track wbr")
	kdModelBlock   = setOf("address applet article aside blockquote body dd details div dl fieldset figure figcaption footer form header hgroup iframe li main map menu nav noscript object section summary td")
	kdModelSpan    = setOf("a abbr acronym b bdo big button cite caption del dfn dt em h1 h2 h3 h4 h5 h6 i ins label legend optgroup p q rb rbc rp rt rtc ruby select small span strong sub sup th tt")
)

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// kramdownModel returns how kramdown reads the content of the element
// name with the attributes attrs at the top of a block: "raw" (HTML, not
// Markdown), "block" or "span" (Markdown). parseBlockHTML is the site's
// kramdown option; a markdown attribute decides for its element.
func kramdownModel(name, attrs string, parseBlockHTML bool) string {
	model := "raw"
	if parseBlockHTML {
		model = kramdownDefaultModel(name)
	}
	for _, m := range kdAttrRe.FindAllStringSubmatch(attrs, -1) {
		if !strings.EqualFold(m[1], "markdown") {
			continue
		}
		switch m[2] + m[3] + m[4] {
		case "0":
			model = "raw"
		case "1":
			model = kramdownDefaultModel(name)
		case "block":
			model = "block"
		case "span":
			model = "span"
		}
	}
	return model
}

// kramdownDefaultModel is kramdown's HTML_CONTENT_MODEL: the elements not
// listed (table, tr, ul, pre, script, custom elements…) are raw.
func kramdownDefaultModel(name string) string {
	switch name = strings.ToLower(name); {
	case kdModelBlock[name]:
		return "block"
	case kdModelSpan[name]:
		return "span"
	}
	return "raw"
}

// kdScan reads one raw HTML block of text as kramdown does, and records
// what each of its blank lines is inside.
type kdScan struct {
	text string
	// special are the byte ranges where a blank line cannot become
	// <!---->, and what they are: "comment", "script" (or style),
	// "textarea", "tag" (a start tag written over lines), "markdown" (an
	// element whose content kramdown read as Markdown).
	special []kdRange
}

type kdRange struct {
	from, to int
	kind     string
}

// raw reads the content of the element name from pos to its end tag,
// matching the tags in it, and returns the offset after the end tag, or
// false if kramdown found none (it read the rest of the page).
func (k *kdScan) raw(name string, pos int) (int, bool) {
	for {
		i := strings.IndexByte(k.text[pos:], '<')
		if i < 0 {
			return 0, false
		}
		pos += i
		rest := k.text[pos:]
		switch {
		case strings.HasPrefix(rest, "<!--"):
			end := strings.Index(rest[4:], "-->")
			if end < 0 {
				return 0, false
			}
			k.special = append(k.special, kdRange{pos, pos + 4 + end + 3, "comment"})
			pos += 4 + end + 3
		case strings.HasPrefix(rest, "<?"):
			end := strings.Index(rest, "?>")
			if end < 0 {
				return 0, false
			}
			pos += end + 2
		case strings.HasPrefix(rest, "<![CDATA["):
			end := strings.Index(rest, "]]>")
			if end < 0 {
				return 0, false
			}
			pos += end + 3
		default:
			if m := kdCloseRe.FindStringSubmatch(rest); m != nil {
				pos += len(m[0])
				if strings.EqualFold(m[1], name) {
					return pos, true
				}
				continue // kramdown ignores an end tag that closes nothing open
			}
			m := kdTagRe.FindStringSubmatch(rest)
			if m == nil {
				pos++ // a "<" that starts no tag is text
				continue
			}
			if strings.Contains(m[0], "\n") {
				k.special = append(k.special, kdRange{pos, pos + len(m[0]), "tag"})
			}
			end, ok := k.element(m, pos+len(m[0]), true)
			if !ok {
				return 0, false
			}
			pos = end
		}
	}
}

// element reads the body of the element whose start tag m ends at pos,
// and returns the offset after its end tag. inRaw: it is inside raw HTML,
// where only a markdown attribute makes its content Markdown.
func (k *kdScan) element(m []string, pos int, inRaw bool) (int, bool) {
	name, attrs, closed := m[1], m[2], m[3] != ""
	lower := strings.ToLower(name)
	if closed || kdNoBody[lower] {
		return pos, true
	}
	if lower == "script" || lower == "style" || lower == "textarea" {
		// Text up to the end tag, tags and all. (kramdown reads
		// <textarea> as raw HTML too, and its text is what a browser
		// shows.)
		loc := regexp.MustCompile(`(?i)</` + lower + `\s*>`).FindStringIndex(k.text[pos:])
		if loc == nil {
			return 0, false
		}
		kind := "script"
		if lower == "textarea" {
			kind = "textarea"
		}
		k.special = append(k.special, kdRange{pos, pos + loc[0], kind})
		return pos + loc[1], true
	}
	if inRaw && kramdownModel(name, attrs, false) != "raw" {
		// Markdown inside raw HTML: where it ends, kramdown read it
		// as Markdown; its blank lines stay.
		end, ok := k.raw(name, pos)
		if ok {
			k.special = append(k.special, kdRange{pos, end, "markdown"})
		}
		return end, ok
	}
	return k.raw(name, pos)
}

// kindAt returns what the offset at is inside ("" for raw HTML).
func (k *kdScan) kindAt(at int) string {
	kind := ""
	for _, r := range k.special {
		if r.from <= at && at < r.to && (kind == "" || r.kind == "markdown") {
			kind = r.kind
		}
	}
	return kind
}

// kramdownHTML makes goldmark read the raw HTML blocks of the Jekyll
// Markdown page d (its lines, template syntax translated) as kramdown
// read them, and notes it once for the page, at the first. See the
// comment at the top of this file.
func (s *site) kramdownHTML(d *doc, lines []string) {
	starts := make([]int, len(lines)+1) // the offset of each line in text
	for i, l := range lines {
		starts[i+1] = starts[i] + len(l) + 1
	}
	text := strings.Join(lines, "\n")
	lineAt := func(at int) int {
		i := 0
		for i+1 < len(starts) && starts[i+1] <= at {
			i++
		}
		return i
	}
	pbh, _ := s.blockHTML(d)
	var changed []string // "<table> (line N)" for each block changed after the first
	blanks, firstLine, firstTag := 0, 0, ""
	// A comment (CommonMark reads it to its -->, blank lines and all),
	// fenced code, a script or style starts no block here.
	masked := kdMask(lines)
	for i := 0; i < len(lines); i++ {
		sm := kdStartRe.FindStringSubmatch(masked[i])
		if sm == nil {
			continue
		}
		at := starts[i] + len(sm[1])
		rest := text[at:]
		m := kdTagRe.FindStringSubmatch(rest)
		if m != nil && !strings.HasPrefix(sm[2], m[0]) && !strings.Contains(m[0], "\n") {
			continue // the tag holds a code span
		}
		if m == nil || kdSpanElements[strings.ToLower(m[1])] {
			continue
		}
		lower := strings.ToLower(m[1])
		if kramdownModel(m[1], m[2], pbh) != "raw" || lower == "script" || lower == "style" || lower == "textarea" || lower == "pre" {
			// Markdown inside: kramdown read its blank lines as
			// goldmark does. <script>, <style>, <textarea> and <pre>
			// start a block goldmark reads to their end tag.
			continue
		}
		k := &kdScan{text: text}
		if strings.Contains(m[0], "\n") {
			k.special = append(k.special, kdRange{at, at + len(m[0]), "tag"})
		}
		end, ok := k.element(m, at+len(m[0]), false)
		if !ok {
			continue // kramdown took the rest of the page: see above
		}
		last := lineAt(end - 1)
		var fixes []int
		cannot := ""
		for j := i + 1; j < last; j++ {
			if strings.TrimSpace(lines[j]) != "" {
				continue
			}
			switch kind := k.kindAt(starts[j]); kind {
			case "", "comment", "script":
				fixes = append(fixes, j)
			case "textarea":
				cannot = "a blank line in its <textarea> (line %d), where anything written in its place would show"
			case "tag":
				cannot = "a blank line inside a tag (line %d)"
			}
			if cannot != "" {
				s.note(d.src, d.bodyLine+i, Human, "kramdown read the HTML from <%s> here to its </%s> as one block, blank lines included; medkb ends it at the first blank line, and the lines after one show as code (indented) or as Markdown; kept as written because of "+cannot+": remove the blank lines inside the element", m[1], m[1], d.bodyLine+j)
				fixes = nil
				break
			}
		}
		for _, j := range fixes {
			switch k.kindAt(starts[j]) {
			case "comment":
				lines[j] = sm[1] + "."
			case "script":
				lines[j] = sm[1] + "/**/"
			default:
				lines[j] = sm[1] + "<!---->"
			}
		}
		if len(fixes) > 0 {
			if firstTag == "" {
				firstLine, firstTag = d.bodyLine+i, m[1]
			} else {
				changed = append(changed, fmt.Sprintf("<%s> (line %d)", m[1], d.bodyLine+i))
			}
			blanks += len(fixes)
		}
		i = last
	}
	if firstTag == "" {
		return
	}
	more := ""
	if len(changed) > 0 {
		more = " and " + strings.Join(changed, ", ")
	}
	s.note(d.src, firstLine, Changed, "kramdown (Jekyll) read raw HTML from its start tag to its end tag as one block, blank lines included; medkb ends an HTML block at a blank line and shows indented lines after it as code: %d blank lines inside the <%s> here%s written as <!----> (an empty comment, which shows nothing; \".\" in a comment, /**/ in a script or style), so the page shows the HTML as Jekyll did", blanks, firstTag, more)
}
