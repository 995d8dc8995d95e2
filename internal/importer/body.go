package importer

import (
	"fmt"
	"regexp"
	"strings"
)

var (
	liquidRe    = regexp.MustCompile(`\{%-?\s*(\w+)\s*(.*?)\s*-?%\}|\{\{-?\s*(.*?)\s*-?\}\}`)
	shortcodeRe = regexp.MustCompile(`\{\{([<%])\s*(/?)(\w[\w\-/]*)\s*(.*?)\s*[>%]\}\}`)
	// shortArgRe is one argument: name="value" or name=value, else a
	// positional "value", `value` or value.
	shortArgRe = regexp.MustCompile(`(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|(\S+))|"((?:[^"\\]|\\.)*)"|` + "`([^`]*)`" + `|([^\s"=` + "`" + `]+)`)
	ialRe      = regexp.MustCompile(`\{:\s*[^}]*\}|\s\{#[\w\-]+\}`)
	abbrRe     = regexp.MustCompile(`^\*\[([^\]]+)\]:\s*(.+)$`)
	rawHTMLRe  = regexp.MustCompile(`(?i)<(/?)(div|span|p|table|details|summary|img|a|br|section|aside|ul|ol|li|strong|em|b|i|sup|sub|iframe|script|figure|h[1-6])\b`)
)

// convertBody translates template syntax in a body, line by line so every
// note has its line. Code blocks are left as written.
func (s *site) convertBody(d *doc, tool string) {
	lines := strings.Split(d.body, "\n")
	var out []string
	var f fence
	var hl *highlight // a {% highlight %} block being read (Jekyll)
	raw := false      // inside {% raw %} (Jekyll)
	for i, line := range lines {
		n := d.bodyLine + i
		if hl != nil {
			out = append(out, s.highlightLine(d, hl, line, n, &raw)...)
			if hl.done {
				hl = nil
			}
			continue
		}
		if raw {
			out = append(out, s.liquidLine(d, line, n, &raw, nil))
			continue
		}
		if f.code(line) {
			out = append(out, line)
			continue
		}
		if tool == Jekyll {
			if m := highlightRe.FindStringSubmatch(line); m != nil {
				hl = &highlight{indent: m[1], lang: m[2], html: d.html}
				if opts := strings.TrimSpace(m[3]); opts != "" {
					s.note(d.src, n, Changed, "highlight option %s dropped: medkb's code blocks have no line numbers or anchors of their own", opts)
				}
				out = append(out, hl.open())
				if rest := m[4]; strings.TrimSpace(rest) != "" {
					// Code on the tag's own line: it starts the block.
					out = append(out, s.highlightLine(d, hl, rest, n, &raw)...)
					if hl.done {
						hl = nil
					}
				}
				continue
			}
		}
		// A line taken out stays as an empty line, so that the body's
		// lines keep their numbers for the notes made after this.
		if m := abbrRe.FindStringSubmatch(line); m != nil {
			s.glossary = append(s.glossary, glossaryEntry{Term: m[1], Definition: strings.TrimSpace(m[2])})
			s.note(d.src, n, Changed, "abbreviation %s moved to the glossary (data/glossary.yaml)", m[1])
			out = append(out, "")
			continue
		}
		if ialRe.MatchString(line) {
			line = ialRe.ReplaceAllString(line, "")
			s.note(d.src, n, Changed, "kramdown attribute list removed (medkb gives headings ids of its own; check links to custom ids)")
		}
		if tool == Hugo {
			line = s.shortcodes(d, line, n)
		}
		if tool == Jekyll {
			line = s.liquidLine(d, line, n, &raw, nil) // Hugo runs no template in content
		}
		if rawHTMLRe.MatchString(line) {
			d.hasRaw = true
		}
		out = append(out, line)
	}
	if hl != nil {
		s.note(d.src, d.bodyLine+len(lines)-1, Human, "{%% highlight %s %%} is never closed by {%% endhighlight %%}: the rest of the page is in its code block; close it where the code ends", hl.lang)
		out = append(out, hl.close())
	}
	d.body = strings.Join(out, "\n")
}

var (
	// highlightRe is a line opening Jekyll's highlight block: its
	// indentation, language, options (linenos, mark_lines…) and any code
	// after the tag.
	highlightRe    = regexp.MustCompile(`^(\s*)\{%-?\s*highlight\s+([\w+#.\-]+)\s*(.*?)\s*-?%\}(.*)$`)
	endHighlightRe = regexp.MustCompile(`\{%-?\s*endhighlight\s*-?%\}`)
	rawTagRe       = regexp.MustCompile(`\{%-?\s*(raw|endraw)\s*-?%\}`)
)

// highlight is a Jekyll {% highlight LANG %} block being translated: into
// a fenced code block in Markdown, a <pre><code> in an HTML page.
type highlight struct {
	indent, lang string
	html         bool // the page is HTML: no fences there
	done         bool // {% endhighlight %} seen
}

func (h *highlight) open() string {
	if h.html {
		return h.indent + `<pre><code class="language-` + h.lang + `">`
	}
	return h.indent + "```" + h.lang
}

func (h *highlight) close() string {
	if h.html {
		return h.indent + "</code></pre>"
	}
	return h.indent + "```"
}

// highlightLine translates one line of a highlight block: the code as
// written ({% raw %} tags taken out, expressions Jekyll evaluates there
// translated or kept and reported), and the closing fence at
// {% endhighlight %}. Text after the closing tag goes on a line of its own.
func (s *site) highlightLine(d *doc, h *highlight, line string, n int, raw *bool) []string {
	code, rest, closed := line, "", false
	if !*raw {
		if loc := endHighlightRe.FindStringIndex(line); loc != nil {
			code, rest, closed = line[:loc[0]], line[loc[1]:], true
		}
	}
	var out []string
	code = s.liquidLine(d, code, n, raw, h)
	if h.html {
		code = htmlEscaper.Replace(code)
	}
	if !closed || strings.TrimSpace(code) != "" {
		out = append(out, code)
	}
	if closed {
		h.done = true
		out = append(out, h.close())
		if strings.TrimSpace(rest) != "" {
			out = append(out, rest)
		}
	}
	return out
}

// htmlBody makes the body of an HTML page (Jekyll's .html with front
// matter) hold as Markdown. goldmark passes an HTML block through as
// written but ends it at a blank line; after one, a line indented four
// spaces would be code and text would be Markdown. So the first line after
// a blank line loses its indentation (HTML does not see it), and in <pre>,
// <textarea>, <script> and <style>, where a blank line counts, it becomes
// an empty comment <!---->, which shows nothing and keeps the line break.
// Lines keep their numbers, for the notes.
func htmlBody(body string) string {
	lines := strings.Split(body, "\n")
	open := "" // the element, among those, the line is in
	afterBlank := true
	for i, l := range lines {
		if strings.TrimSpace(l) == "" {
			if open != "" {
				lines[i] = "<!---->"
			} else {
				afterBlank = true
			}
			continue
		}
		if open == "" && afterBlank {
			lines[i] = strings.TrimLeft(l, " \t")
		}
		afterBlank = false
		open = verbatimAfter(open, l)
	}
	return strings.Join(lines, "\n")
}

var verbatimOpenRe = regexp.MustCompile(`(?i)<(pre|textarea|script|style)(?:[\s>/]|$)`)

// verbatimAfter returns the element among pre, textarea, script and style
// that is open at the end of line, given open at its start ("": none).
func verbatimAfter(open, line string) string {
	for {
		if open == "" {
			loc := verbatimOpenRe.FindStringSubmatchIndex(line)
			if loc == nil {
				return ""
			}
			open = strings.ToLower(line[loc[2]:loc[3]])
			line = line[loc[3]:]
		}
		i := strings.Index(strings.ToLower(line), "</"+open)
		if i < 0 {
			return open
		}
		open, line = "", line[i+2:]
	}
}

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// liquidLine translates the Liquid of one line but the text between
// {% raw %} and {% endraw %}, which Jekyll leaves as written (raw: the
// line starts inside such a block; updated). In a highlight block (h not
// nil) the code is kept: see liquidCode.
func (s *site) liquidLine(d *doc, line string, n int, raw *bool, h *highlight) string {
	var out strings.Builder
	for {
		loc := rawTagRe.FindStringSubmatchIndex(line)
		seg := line
		if loc != nil {
			seg = line[:loc[0]]
		}
		switch {
		case *raw:
			out.WriteString(seg)
		case h != nil:
			out.WriteString(s.liquidCode(d, seg, n))
		default:
			out.WriteString(s.liquid(d, seg, n))
		}
		if loc == nil {
			return out.String()
		}
		switch tag := line[loc[2]:loc[3]]; {
		case tag == "raw" && !*raw:
			*raw = true
		case tag == "endraw":
			*raw = false // outside raw an endraw is a Liquid error; nothing to keep
		default:
			out.WriteString(line[loc[0]:loc[1]]) // {% raw %} inside raw is text
		}
		line = line[loc[1]:]
	}
}

// liquidCode translates the Liquid in a line of a highlight block. Jekyll
// runs Liquid there before highlighting, so {{ site.baseurl }} is
// translated as elsewhere; but any other tag or expression is kept as
// written, not replaced by a comment (which a code block would show as
// text), and reported: the writer meant code, such as ${{ secrets.X }}.
func (s *site) liquidCode(d *doc, line string, n int) string {
	return liquidRe.ReplaceAllStringFunc(line, func(m string) string {
		g := liquidRe.FindStringSubmatch(m)
		if g[1] == "" {
			switch strings.TrimSpace(g[3]) {
			case "site.baseurl", "site.url", "site.baseurl }}{{ site.url":
				return ""
			}
		}
		s.note(d.src, n, Human, "template %s in a highlight block: kept as written in the code block, where Jekyll evaluated it (an unknown name showed nothing): check the code", m)
		return m
	})
}

// fence follows fenced code blocks line by line, as CommonMark opens and
// closes them: a run of three or more ` or ~ opens one (a backtick
// fence's info string holds no backtick: "```x``` text" is a code span),
// and only a run of the same character at least as long, with nothing
// after it, closes it. Any indentation is taken: a fence in a list item
// is indented, and a fence line in an indented code block is code anyway.
type fence struct {
	ch byte // the fence's character; n == 0: outside a block
	n  int
}

// code reports whether line is code: a fence line or a line inside a
// fenced block.
func (f *fence) code(line string) bool {
	t := strings.TrimLeft(line, " \t")
	var ch byte
	if len(t) >= 3 && (t[0] == '`' || t[0] == '~') {
		ch = t[0]
	}
	n := 0
	for ch != 0 && n < len(t) && t[n] == ch {
		n++
	}
	if f.n > 0 {
		if ch == f.ch && n >= f.n && strings.TrimSpace(t[n:]) == "" {
			f.n = 0
		}
		return true
	}
	if n < 3 || ch == '`' && strings.Contains(t[n:], "`") {
		return false
	}
	f.ch, f.n = ch, n
	return true
}

// liquid translates Liquid (Jekyll) and Go template (Hugo) expressions.
func (s *site) liquid(d *doc, line string, n int) string {
	return liquidRe.ReplaceAllStringFunc(line, func(m string) string {
		g := liquidRe.FindStringSubmatch(m)
		if g[1] != "" { // {% tag args %}
			switch g[1] {
			case "link":
				return "{ref:" + strings.TrimSpace(g[2]) + "}" // the source file; resolved once every page is known
			case "post_url":
				name := strings.TrimSpace(g[2])
				if i := strings.LastIndex(name, "/"); i >= 0 {
					name = name[i+1:]
				}
				return "{post_url:" + name + "}"
			case "raw", "endraw", "comment", "endcomment":
				return ""
			}
			s.note(d.src, n, Human, "template tag %s cannot be translated: replaced by an HTML comment; write its content in Markdown", m)
			return "<!-- medkb import: " + strings.ReplaceAll(m, "--", "- -") + " -->"
		}
		expr := strings.TrimSpace(g[3])
		switch expr {
		case "site.baseurl", "site.url", "site.baseurl }}{{ site.url", ".Site.BaseURL", "site.BaseURL":
			return ""
		}
		s.note(d.src, n, Human, "template expression %s cannot be translated: replaced by an HTML comment", m)
		return "<!-- medkb import: " + strings.ReplaceAll(m, "--", "- -") + " -->"
	})
}

// linkDestRe matches the text before a link's address: an inline link's
// "](" or a reference definition's "[label]: ", either with "<".
var linkDestRe = regexp.MustCompile(`(\]\(|^\s{0,3}\[[^\]]+\]:\s*)<?$`)

// shortcodes translates Hugo shortcodes.
func (s *site) shortcodes(d *doc, line string, n int) string {
	var out strings.Builder
	last := 0
	for _, at := range shortcodeRe.FindAllStringIndex(line, -1) {
		out.WriteString(line[last:at[0]])
		out.WriteString(s.shortcode(d, line[at[0]:at[1]], n, linkDestRe.MatchString(line[:at[0]])))
		last = at[1]
	}
	out.WriteString(line[last:])
	return out.String()
}

// shortcode translates the shortcode m on line n; inDest: m stands where
// a link's address goes.
func (s *site) shortcode(d *doc, m string, n int, inDest bool) string {
	g := shortcodeRe.FindStringSubmatch(m)
	name, closing, args := g[3], g[2] == "/", parseArgs(g[4])
	if closing {
		return ""
	}
	switch name {
	case "figure":
		alt := args["alt"]
		if alt == "" {
			alt = args["title"]
			s.note(d.src, n, Human, "figure %s has no alt text: write one", args["src"])
		}
		out := "![" + strings.ReplaceAll(alt, "]", `\]`) + "](" + args["src"]
		if c := args["caption"]; c != "" {
			out += ` "` + strings.ReplaceAll(c, `"`, `\"`) + `"`
		}
		s.note(d.src, n, Changed, "figure shortcode written as a Markdown image")
		return out + ")"
	case "ref", "relref":
		return s.hugoRefMark(d, m, args)
	}
	if inDest {
		// A comment there would end the link and show as text.
		s.note(d.src, n, Human, "shortcode %s makes a link's address, which cannot be translated: the link points at # until you write the address", m)
		return "#"
	}
	s.note(d.src, n, Human, "shortcode %s cannot be translated: replaced by an HTML comment; write its content in Markdown", name)
	return "<!-- medkb import: " + strings.ReplaceAll(m, "--", "- -") + " -->"
}

// parseArgs reads a shortcode's named and positional arguments.
func parseArgs(s string) map[string]string {
	out := map[string]string{}
	pos := 0
	for _, m := range shortArgRe.FindAllStringSubmatch(s, -1) {
		switch {
		case m[1] != "":
			v := m[2]
			if v == "" {
				v = m[3]
			}
			out[m[1]] = strings.ReplaceAll(v, `\"`, `"`)
		default:
			v := strings.ReplaceAll(m[4], `\"`, `"`)
			if m[5] != "" || m[6] != "" {
				v = m[5] + m[6] // raw: a `string` or a bare word
			}
			out[fmt.Sprint(pos)] = v
			pos++
		}
	}
	return out
}

// resolveRefs replaces the placeholders left for Jekyll's link and
// post_url with the target pages' addresses once every page is known
// (Hugo's ref and relref: resolveHugoRefs).
func (s *site) resolveRefs() {
	// A page's keys name it in its own language ("es\x00content/a") and,
	// unless a page of the default language has them, in any.
	bySrcBase := map[string]*doc{}
	for _, d := range s.docs {
		ref := d.ref
		if ref == "" {
			ref = d.src
		}
		base := ref[strings.LastIndex(ref, "/")+1:]
		for _, k := range []string{strings.TrimSuffix(base, pathExt(base)), ref, strings.TrimSuffix(ref, pathExt(ref))} {
			bySrcBase[d.lang+"\x00"+k] = d
			if t := bySrcBase[k]; t == nil || t.lang != "" {
				bySrcBase[k] = d
			}
		}
	}
	find := func(d *doc, k string) *doc {
		if t := bySrcBase[d.lang+"\x00"+k]; t != nil {
			return t
		}
		return bySrcBase[k]
	}
	placeholder := regexp.MustCompile(`\{(ref|post_url):([^}]*)\}`)
	for _, d := range s.docs {
		lines := strings.Split(d.body, "\n")
		for i, line := range lines {
			lines[i] = placeholder.ReplaceAllStringFunc(line, func(m string) string {
				g := placeholder.FindStringSubmatch(m)
				target := strings.Trim(g[2], `"' `)
				target, frag, _ := strings.Cut(target, "#")
				if frag != "" {
					frag = "#" + frag
				}
				key := strings.TrimPrefix(strings.TrimSuffix(target, pathExt(target)), "/")
				for _, k := range []string{key, "content/" + key, strings.TrimSuffix(key, "/index"), strings.TrimSuffix(key, "/_index")} {
					if t := find(d, k); t != nil {
						return t.url + frag
					}
					if i := strings.LastIndex(k, "/"); i >= 0 {
						if t := find(d, k[i+1:]); t != nil && g[1] == "post_url" {
							return t.url + frag
						}
					}
				}
				if t := find(d, key[strings.LastIndex(key, "/")+1:]); t != nil {
					return t.url + frag
				}
				s.note(d.src, d.bodyLine+i, Human, "%s %s names no imported page: left as #", g[1], target)
				return "#" + frag
			})
		}
		d.body = strings.Join(lines, "\n")
	}
}

func pathExt(p string) string {
	i := strings.LastIndex(p, ".")
	if i < 0 || strings.Contains(p[i:], "/") {
		return ""
	}
	return p[i:]
}
