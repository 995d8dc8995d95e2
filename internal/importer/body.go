package importer

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

var (
	liquidRe    = lazyRE(`\{%-?\s*(\w+)\s*(.*?)\s*-?%\}|\{\{-?\s*(.*?)\s*-?\}\}`)
	shortcodeRe = lazyRE(`\{\{([<%])\s*(/?)(\w[\w\-/]*)\s*(.*?)\s*[>%]\}\}`)
	// shortArgRe is one argument: name="value" or name=value, else a
	// positional "value", `value` or value.
	shortArgRe = lazyRE(`(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|(\S+))|"((?:[^"\\]|\\.)*)"|` + "`([^`]*)`" + `|([^\s"=` + "`" + `]+)`)
	ialRe      = lazyRE(`\{:\s*[^}]*\}|\s\{#[\w\-]+\}`)
	abbrRe     = lazyRE(`^\*\[([^\]]+)\]:\s*(.+)$`)
	rawHTMLRe  = lazyRE(`(?i)<(/?)(div|span|p|table|details|summary|img|a|br|section|aside|ul|ol|li|strong|em|b|i|sup|sub|iframe|script|figure|h[1-6])\b`)
)

// convertBody translates template syntax in a body, line by line so every
// note has its line. Code blocks are left as written.
func (s *site) convertBody(d *doc, tool string) {
	lines := strings.Split(d.body, "\n")
	if tool == Jekyll {
		joinLiquidTags(lines)
		s.literalAssigns(d, lines)
	}
	var out []string
	var f fence
	var hl *highlight // a {% highlight %} block being read (Jekyll)
	raw := false      // inside {% raw %} (Jekyll)
	var caps captures // {% capture %} (Jekyll)
	inComment := 0    // the line of the {% comment %} being read (Jekyll)
	kdExt := ""       // the kramdown extension being read (kramdownExtension)
	for i, line := range lines {
		n := d.bodyLine + i
		if inComment > 0 {
			line, _ = s.commentLine(d, line, n, &inComment)
			out = append(out, line)
			continue
		}
		if hl != nil {
			out = append(out, s.highlightLine(d, hl, line, n, &raw)...)
			if hl.done {
				hl = nil
			}
			continue
		}
		if raw {
			// {% endraw %}{% endcapture %} ends a capture opened with
			// {% capture name %}{% raw %} (captureLine).
			if caps.current != nil && captureCloseRe.MatchString(line) {
				if _, tag := s.captureLine(d, &caps, line, n, &out, &raw); tag {
					continue
				}
			}
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
		if tool == Jekyll && s.kramdown && !d.html {
			var done bool
			if line, done = s.kramdownExtension(d, line, n, &kdExt); done {
				out = append(out, line)
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
			var tag bool
			if line, tag = s.commentLine(d, line, n, &inComment); tag {
				out = append(out, line)
				continue
			}
			if line, tag = s.captureLine(d, &caps, line, n, &out, &raw); tag {
				continue
			}
			// An alert include alone between blank lines becomes a
			// callout: its marker takes the blank line before, so the
			// lines keep their numbers.
			if kind, text, indent, ok := s.alertInclude(line); ok && len(out) > 0 && strings.TrimSpace(out[len(out)-1]) == "" &&
				(i+1 == len(lines) || strings.TrimSpace(lines[i+1]) == "") {
				s.note(d.src, n, Changed, "%s (the theme's alert box) written as a > [!%s] callout, with its text", strings.TrimSpace(line), kind)
				out[len(out)-1] = indent + "> [!" + kind + "]"
				out = append(out, indent+"> "+s.liquidLine(d, text, n, &raw, nil))
				continue
			}
			line = s.liquidLine(d, line, n, &raw, nil) // Hugo runs no template in content
		}
		if rawHTMLRe.MatchString(line) {
			d.hasRaw = true
		}
		out = append(out, line)
	}
	if inComment > 0 {
		s.note(d.src, inComment, Human, "{%% comment %%} is never closed by {%% endcomment %%}, a Liquid error that stopped Jekyll's build of this page: the rest of the page is in the HTML comment it became, which no reader sees; close it where the comment ends")
		out = append(out, "-->")
	}
	if hl != nil {
		s.note(d.src, d.bodyLine+len(lines)-1, Human, "{%% highlight %s %%} is never closed by {%% endhighlight %%}: the rest of the page is in its code block; close it where the code ends", hl.lang)
		out = append(out, hl.close())
	}
	if tool == Jekyll && !d.html && s.kramdown {
		s.kramdownHTML(d, out)
	}
	if tool == Jekyll {
		out = s.finishCaptures(d, &caps, out)
	}
	if tool == Jekyll && !d.html && s.kramdown {
		out = s.kramdownMarkdown(d, out)
	}
	d.body = strings.Join(out, "\n")
}

var (
	// highlightRe is a line opening Jekyll's highlight block: its
	// indentation, language, options (linenos, mark_lines…) and any code
	// after the tag.
	highlightRe    = lazyRE(`^(\s*)\{%-?\s*highlight\s+([\w+#.\-]+)\s*(.*?)\s*-?%\}(.*)$`)
	endHighlightRe = lazyRE(`\{%-?\s*endhighlight\s*-?%\}`)
	rawTagRe       = lazyRE(`\{%-?\s*(raw|endraw)\s*-?%\}`)
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

var verbatimOpenRe = lazyRE(`(?i)<(pre|textarea|script|style)(?:[\s>/]|$)`)

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
	return translateEach(line, liquidRe, liquidDestRe, func(m string, inDest bool, before, rest string) (string, int) {
		if !inDest && insideValueRe.MatchString(before) {
			// Inside an attribute's value or a link's address a comment
			// is text: it would be published as {{ … }}.
			return s.liquidInValue(d, m, n)
		}
		return s.liquidOne(d, m, n, inDest, rest)
	})
}

// translateEach returns line with each match of re replaced by what one
// makes of it. one is told whether the match stands where a link's
// address does (dest matches the text before it) and what follows it on
// the line, and returns how many bytes of that it took as well (an
// anchor written after a tag, which the translation carries). before is
// the line before the match, as translated so far.
func translateEach(line string, re, dest *lazyRegexp, one func(m string, inDest bool, before, rest string) (string, int)) string {
	var out strings.Builder
	last := 0
	for _, at := range re.FindAllStringIndex(line, -1) {
		if at[0] < last {
			continue // inside the anchor taken with the one before
		}
		out.WriteString(line[last:at[0]])
		r, took := one(line[at[0]:at[1]], dest.MatchString(line[:at[0]]), out.String(), line[at[1]:])
		out.WriteString(r)
		last = at[1] + took
	}
	out.WriteString(line[last:])
	return out.String()
}

// liquidDestRe matches the text before a link's address in Markdown
// (linkDestRe) or in an HTML page's href or src attribute.
var liquidDestRe = lazyRE(linkDestRe.String() + `|(?i)\b(href|src)\s*=\s*["']?$`)

// insideValueRe matches the text before a point inside an HTML
// attribute's quoted value (<h5 id="…, a tag's attribute continued on
// its own line: style="color: …) or inside a Markdown link's address
// after its first character (](/learn/#…).
var insideValueRe = lazyRE(`(?:<[A-Za-z][^<>]*\s|^\s*)[\w:.-]+\s*=\s*(?:"[^"]*|'[^']*)$|\]\(<?[^\s()<>]+$`)

// liquidInValue reports the Liquid m on line n that stands inside an
// HTML attribute's value or a link's address, where an HTML comment
// would be published as text: a {% link %} or post_url tag and a
// quoted address are translated as liquidOne does; anything else is
// removed, with a note for a person.
func (s *site) liquidInValue(d *doc, m string, n int) (string, int) {
	g := liquidRe.FindStringSubmatch(m)
	if g[1] == "link" || g[1] == "post_url" {
		return s.liquidOne(d, m, n, false, "")
	}
	expr := strings.TrimSpace(g[3])
	if g[1] == "" {
		switch expr {
		case "site.baseurl", "site.url", "site.baseurl }}{{ site.url", ".Site.BaseURL", "site.BaseURL":
			return "", 0
		}
		if _, _, ok := liquidURL(expr); ok {
			return s.liquidOne(d, m, n, false, "")
		}
	}
	what := "template expression"
	if g[1] != "" {
		what = "template tag"
	}
	s.note(d.src, n, Human, "%s %s stands inside an HTML attribute's value or a link's address, which cannot be translated and where a comment would show as text: removed; write the value it made there", what, m)
	return "", 0
}

// fragmentRe is the anchor at the start of the text after an address.
var fragmentRe = lazyRE(`^#[^\s)"'<>]*`)

// liquidOne translates the Liquid tag or expression m on line n (after:
// the rest of the line). inDest: m stands where a link's address goes,
// where a comment would end the link and show as text, so what cannot be
// translated becomes "#", and an anchor written after it, on a page
// nobody knows, goes with it ("#" and "#dose" would make "##dose"):
// took is how many bytes of after it takes.
func (s *site) liquidOne(d *doc, m string, n int, inDest bool, after string) (r string, took int) {
	untranslatable := func(what, fix string) (string, int) {
		if inDest {
			frag := fragmentRe.FindString(after)
			s.note(d.src, n, Human, "%s %s makes a link's address, which cannot be translated: the link points at # until you write the address", what, m+frag)
			return "#", len(frag)
		}
		s.note(d.src, n, Human, "%s %s cannot be translated: replaced by an HTML comment%s", what, m, fix)
		return "<!-- medkb import: " + strings.ReplaceAll(m, "--", "- -") + " -->", 0
	}
	g := liquidRe.FindStringSubmatch(m)
	if g[1] != "" { // {% tag args %}
		switch g[1] {
		case "link":
			return "{ref:" + strings.TrimSpace(g[2]) + "}", 0 // the source file; resolved once every page is known
		case "post_url":
			name := strings.TrimSpace(g[2])
			if i := strings.LastIndex(name, "/"); i >= 0 {
				name = name[i+1:]
			}
			return "{post_url:" + name + "}", 0
		case "raw", "endraw", "comment", "endcomment":
			return "", 0
		case "capture", "endcapture":
			return untranslatable("template tag", "; the importer writes a capture's text where {{ NAME }} uses it when {% capture NAME %} and {% endcapture %} are each on a line of their own (the first may end in {% raw %} and the second begin with {% endraw %}), or both on one line with the text between them: write them so and import again, or write the text where the page uses it")
		}
		return untranslatable("template tag", "; write its content in Markdown")
	}
	expr := strings.TrimSpace(g[3])
	switch expr {
	case "site.baseurl", "site.url", "site.baseurl }}{{ site.url", ".Site.BaseURL", "site.BaseURL":
		return "", 0
	}
	if u, absolute, ok := liquidURL(expr); ok {
		if absolute {
			s.note(d.src, n, Changed, "%s written as %s, an address of the site: medkb checks it, and it moves with the site", m, u)
		}
		return u, 0
	}
	if title, ok := d.get("title"); ok && s.opts.From == Jekyll && !inDest && strings.Join(strings.Fields(expr), "") == "page.title" && str(title) != "" {
		// Liquid wrote the title, as HTML, before kramdown read the
		// page (Q&amp;A stays Q&amp;A).
		t := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(str(title))
		s.note(d.src, n, Changed, "%s written as the page's title, %s; medkb's theme shows the title above every page, so a heading here that repeats it shows it twice: if the old layout did not show the title, remove that heading", m, str(title))
		return t, 0
	}
	if s.opts.From == Jekyll && !inDest {
		if key, ok := strings.CutPrefix(strings.Join(strings.Fields(expr), ""), "page."); ok {
			if v, ok := pageValue(d, key); ok {
				// Liquid wrote the value, as HTML, as for page.title.
				s.note(d.src, n, Changed, "%s written as the page's %s:, %s; a change to %s: (kept under params:) no longer reaches this text", m, key, v, key)
				return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(v), 0
			}
		}
		if v, file, ok := s.jekyllData(d, expr); ok {
			s.note(d.src, n, Changed, "%s written as the text it made, from %s: the data file is not imported, so a change there no longer reaches this page", m, file)
			return v, 0
		}
	}
	return untranslatable("template expression", "")
}

// jekyllDataRe is a value of the site's data files, as Liquid names it
// without a filter: site.data.links.phone-ggd, or one in the page's
// language, site.data.links.phone-ggd[page.lang], or in a named one.
var jekyllDataRe = lazyRE(`^site\.data\.([\w-]+(?:\.[\w-]+)*)(?:\[\s*(page\.lang|'[^']+'|"[^"]+")\s*\])?$`)

// jekyllData returns the text the Liquid expression expr made on page d
// when it is a string (or number) of one of the site's data files
// (_data/links.yml's phone-ggd: nl: …), and that file ("_data/links.yml").
// CoronaCheck.nl writes its phone numbers and the links to the
// government's pages that way, {{ site.data.links.phone-ggd[page.lang] }}:
// each came in as an HTML comment, the sentence around it left without
// the number or link it named.
func (s *site) jekyllData(d *doc, expr string) (value, file string, ok bool) {
	g := jekyllDataRe.FindStringSubmatch(expr)
	if g == nil {
		return "", "", false
	}
	keys := strings.Split(g[1], ".")
	switch idx := g[2]; {
	case idx == "page.lang":
		lang := d.lang
		if v, ok := d.get("lang"); ok {
			lang, _ = v.(string)
		}
		if lang == "" {
			lang = s.defaultLang
		}
		keys = append(keys, lang)
	case idx != "":
		keys = append(keys, idx[1:len(idx)-1])
	}
	// The file is the first key (links.yml) or a folder and a file
	// (en/0g.yml), as Jekyll reads _data's folders.
	for n := 1; n <= 2 && n < len(keys); n++ {
		name := path.Join(keys[:n]...)
		data, found := s.dataFile(name)
		if !found {
			continue
		}
		v := data
		for _, k := range keys[n:] {
			m, isMap := v.(map[string]any)
			if !isMap {
				return "", "", false
			}
			v = m[k]
		}
		switch v := v.(type) {
		case string:
			return v, "_data/" + s.dataFileName(name), true
		case int, float64:
			return fmt.Sprint(v), "_data/" + s.dataFileName(name), true
		}
		return "", "", false
	}
	return "", "", false
}

// dataFile reads _data/name.yml (.yaml, .json) once, nil and false for
// no such file or one that is not YAML.
func (s *site) dataFile(name string) (any, bool) {
	if s.dataFiles == nil {
		s.dataFiles = map[string]any{}
	}
	if v, ok := s.dataFiles[name]; ok {
		return v, v != nil
	}
	s.dataFiles[name] = nil
	b, err := os.ReadFile(filepath.Join(s.opts.Source, "_data", filepath.FromSlash(s.dataFileName(name))))
	if err != nil {
		return nil, false
	}
	var v any
	if yaml.Unmarshal(b, &v) != nil || v == nil {
		return nil, false
	}
	s.dataFiles[name] = v
	return v, true
}

// dataFileName is the file of _data that holds name's values.
func (s *site) dataFileName(name string) string {
	for _, ext := range []string{".yml", ".yaml", ".json"} {
		if _, err := os.Stat(filepath.Join(s.opts.Source, "_data", filepath.FromSlash(name+ext))); err == nil {
			return name + ext
		}
	}
	return name + ".yml"
}

// liquidURLRe is a quoted address put through Jekyll's URL filters only:
// '/about/#team' | relative_url, "/a/" | prepend: site.baseurl.
var liquidURLRe = lazyRE(`^(?:'([^']*)'|"([^"]*)")((?:\s*\|\s*(?:relative_url|absolute_url|prepend:\s*site\.(?:baseurl|url)))+)$`)

// liquidURL returns the address the Liquid expression expr makes when it
// is a quoted address put through Jekyll's URL filters, as medkb serves
// it: the site's baseurl and host (which the import drops, as it drops
// {{ site.baseurl }}) left out, so the fragment and the path stay as
// written. relative_url and absolute_url start the path with "/" as
// Jekyll does; absolute: the old site's host was prepended (absolute_url,
// prepend: site.url).
func liquidURL(expr string) (url string, absolute, ok bool) {
	g := liquidURLRe.FindStringSubmatch(expr)
	if g == nil {
		return "", false, false
	}
	url = g[1] + g[2]
	if strings.Contains(g[3], "relative_url") || strings.Contains(g[3], "absolute_url") {
		url = "/" + strings.TrimPrefix(url, "/")
	}
	return url, strings.Contains(g[3], "absolute_url") || strings.Contains(g[3], "site.url"), true
}

// linkDestRe matches the text before a link's address: an inline link's
// "](" or a reference definition's "[label]: ", either with "<".
var linkDestRe = lazyRE(`(\]\(|^\s{0,3}\[[^\]]+\]:\s*)<?$`)

// shortcodes translates Hugo shortcodes.
func (s *site) shortcodes(d *doc, line string, n int) string {
	return translateEach(line, shortcodeRe, linkDestRe, func(m string, inDest bool, _, rest string) (string, int) {
		return s.shortcode(d, m, n, inDest, rest)
	})
}

// shortcode translates the shortcode m on line n (after: the rest of the
// line); inDest: m stands where a link's address goes, and took is how
// many bytes of after it takes (as liquidOne).
func (s *site) shortcode(d *doc, m string, n int, inDest bool, after string) (r string, took int) {
	g := shortcodeRe.FindStringSubmatch(m)
	name, closing, args := g[3], g[2] == "/", parseArgs(g[4])
	if closing {
		return "", 0
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
		return out + ")", 0
	case "ref", "relref":
		return s.hugoRefMark(d, m, args), 0
	}
	if inDest {
		// A comment there would end the link and show as text; the
		// anchor after it is of a page nobody knows ("##dose").
		frag := fragmentRe.FindString(after)
		s.note(d.src, n, Human, "shortcode %s makes a link's address, which cannot be translated: the link points at # until you write the address", m+frag)
		return "#", len(frag)
	}
	s.note(d.src, n, Human, "shortcode %s cannot be translated: replaced by an HTML comment; write its content in Markdown", name)
	return "<!-- medkb import: " + strings.ReplaceAll(m, "--", "- -") + " -->", 0
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

// jekyllRefRe is the placeholder liquid leaves for a link or post_url
// tag, with the fragment written after the tag ("{% link a.md %}#dose").
var jekyllRefRe = lazyRE(`\{(ref|post_url):([^}]*)\}(#[^\s)"'<>]*)?`)

// resolveRefs replaces the placeholders left for Jekyll's link and
// post_url with the target pages' addresses once every page is known
// (Hugo's ref and relref: resolveHugoRefs). The fragment after the tag
// goes after the address; one inside the tag's argument ("a.md#dose"),
// which Jekyll takes as part of the file name and stops the build on, is
// kept too, with a note. A link to a file copied as it is (a PDF) gets
// its address, and one to a page that lists the posts (not imported)
// the address of medkb's list, /posts/, which its old address now
// redirects to; one to the home page (index.md), /; one to the old not-found page
// (404.md), medkb's, /404.html. A tag that names no imported page or file gets the
// address its argument makes ("/_posts/2019-01-01-gone.md"), which
// medkb check reports as a broken link (Jekyll stopped the build there
// too), and a note.
func (s *site) resolveRefs() {
	// A page's keys name it in its own language ("es\x00content/a") and,
	// unless a page of the default language has them, in any.
	bySrcBase := map[string]*doc{}
	keys := func(d *doc) []string {
		ref := d.ref
		if ref == "" {
			ref = d.src
		}
		base := ref[strings.LastIndex(ref, "/")+1:]
		return []string{strings.TrimSuffix(base, pathExt(base)), ref, strings.TrimSuffix(ref, pathExt(ref))}
	}
	for _, d := range s.docs {
		for _, k := range keys(d) {
			bySrcBase[d.lang+"\x00"+k] = d
			if t := bySrcBase[k]; t == nil || t.lang != "" {
				bySrcBase[k] = d
			}
		}
	}
	// The pages that list the posts (not imported), where no imported
	// page has the name.
	listings := map[*doc]bool{}
	for _, d := range s.listings {
		listings[d] = true
		for _, k := range keys(d) {
			for _, lk := range []string{d.lang + "\x00" + k, k} {
				if bySrcBase[lk] == nil {
					bySrcBase[lk] = d
				}
			}
		}
	}
	// The old not-found page (404.md): medkb's, at its url, LANG/404.html.
	for _, d := range s.notFound {
		for _, k := range keys(d) {
			for _, lk := range []string{d.lang + "\x00" + k, k} {
				if bySrcBase[lk] == nil {
					bySrcBase[lk] = d
				}
			}
		}
	}
	find := func(d *doc, k string) *doc {
		if t := bySrcBase[d.lang+"\x00"+k]; t != nil {
			return t
		}
		return bySrcBase[k]
	}
	copiedFiles := map[string]bool{}
	for _, f := range s.files {
		copiedFiles[strings.TrimPrefix(f.to, "static/")] = true
	}
	page := func(d *doc, tag, target string) *doc {
		key := strings.TrimPrefix(strings.TrimSuffix(target, pathExt(target)), "/")
		for _, k := range []string{key, "content/" + key, strings.TrimSuffix(key, "/index"), strings.TrimSuffix(key, "/_index")} {
			if t := find(d, k); t != nil {
				return t
			}
			if i := strings.LastIndex(k, "/"); i >= 0 {
				if t := find(d, k[i+1:]); t != nil && tag == "post_url" {
					return t
				}
			}
		}
		return find(d, key[strings.LastIndex(key, "/")+1:])
	}
	// resolve returns the address of the page or file target names, ""
	// and why not when there is none.
	resolve := func(d *doc, tag, target string) (url, why string) {
		if h := s.home; h != nil && tag == "ref" {
			// The home page (index.md, index.html, index.markdown), not
			// among s.docs, named by its path from the site's folder.
			ref := h.ref
			if ref == "" {
				ref = h.src
			}
			if t := strings.TrimPrefix(target, "/"); t == ref || t == strings.TrimSuffix(ref, pathExt(ref)) {
				return "/", ""
			}
		}
		t := page(d, tag, target)
		switch {
		case t != nil && listings[t] && tag == "ref":
			if at, ok := s.listedAt[t]; ok {
				return at, "" // the list medkb makes in its place
			}
			return "", fmt.Sprintf("names %s, a page that lists the posts, not imported since no post was imported", t.src)
		case t != nil && !listings[t]:
			return t.url, ""
		}
		if f := strings.TrimPrefix(target, "/"); tag == "ref" && copiedFiles[f] {
			return "/" + f, ""
		}
		return "", "names no imported page or file (Jekyll stops the build there)"
	}
	// The home page's text has tags too (and any list page's).
	for _, d := range slices.Concat(s.docs, s.listPages()) {
		lines := strings.Split(d.body, "\n")
		for i, line := range lines {
			lines[i] = jekyllRefRe.ReplaceAllStringFunc(line, func(m string) string {
				g := jekyllRefRe.FindStringSubmatch(m)
				tag, after := g[1], g[3]
				name := "link"
				if tag == "post_url" {
					name = "post_url"
				}
				target, inner := cutFragment(strings.Trim(g[2], `"' `))
				frag := after
				if inner != "" {
					if after != "" {
						s.note(d.src, d.srcLine(i), Human, "{%% %s %s%s %%}%s has two anchors; the link keeps the one after the tag, %s", name, target, inner, after, after)
					} else {
						frag = inner
						s.note(d.src, d.srcLine(i), Changed, "{%% %s %s%s %%}: Jekyll takes the anchor for part of the file name and stops the build; the link keeps the anchor, after the page's address (in Jekyll, write it after the tag)", name, target, inner)
					}
				}
				url, why := resolve(d, tag, target)
				if why == "" {
					return url + frag
				}
				dead := "/" + strings.TrimPrefix(target, "/")
				if tag == "post_url" {
					dead = "/_posts/" + strings.TrimPrefix(target, "/")
				}
				s.note(d.src, d.srcLine(i), Human, "{%% %s %s %%} %s: the link points at %s, which medkb check reports as broken; fix the link", name, target, why, dead+frag)
				s.deadRef(dead, "")
				return dead + frag
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
