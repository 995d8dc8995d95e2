package importer

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/medkb/medkb/internal/frontmatter"
)

// shownTitle is the key of a Jekyll page's front matter that the old site
// showed as the page's heading, when the page has no title: of its own.
type shownTitle struct {
	key, value string
	line       int    // of key in the page's front matter
	where      string // what showed it: "<h1> of _layouts/x.html", "the heading at line 10"
	dropped    string // the note's ending when the page's own heading is removed
}

// pageExpr is a Liquid expression naming one of the page's keys,
// {{ page.page_title }} ({{- … -}} too); [1] is the key.
const pageExpr = `\{\{-?\s*page\.([\w-]+)\s*-?\}\}`

// layoutH1Re is an <h1> of a layout whose whole text is a key of the page.
var layoutH1Re = lazyRE(`<h1\b[^>]*>\s*` + pageExpr + `\s*</h1>`)

// bodyH1Re is a page's first heading when its whole text is a key of the
// page: "# {{ page.page_title }}" or <h1>{{ page.page_title }}</h1>.
var bodyH1Re = lazyRE(`^(?:#[ \t]+` + pageExpr + `[ \t]*#*|<h1\b[^>]*>\s*` + pageExpr + `\s*</h1>)[ \t]*$`)

// firstH1Re is a line of a page that starts a heading whose text starts
// with a key of the page: "# {{ page.page_title }} <span>New</span>",
// or an <h1> holding the key, somewhere in the line.
var firstH1Re = lazyRE(`^#[ \t]+` + pageExpr + `|<h1\b[^>]*>\s*` + pageExpr)

// jekyllShownTitle finds the key of page d that the old site showed as its
// heading when d has no title: (BCDA's pages, CMSgov/bcda-static-site,
// keep theirs in page_title:, which the page writes as "# {{
// page.page_title }}" or its layout as <h1>{{ page.page_title }}</h1>;
// their <title> is page_title too): the page's first heading, or an <h1>
// of its layout (or of a layout that one is laid out in). A heading of
// the page's own that is only that key is removed from d.body (its line
// left blank, so the lines keep their numbers): medkb's theme shows the
// title above the text.
func (s *site) jekyllShownTitle(d *doc, entries []entry) (shownTitle, bool) {
	value := func(key string) (entry, bool) {
		for _, e := range entries {
			if e.key == key {
				if v, ok := e.value.(string); ok && strings.TrimSpace(v) != "" {
					return e, true
				}
			}
		}
		return entry{}, false
	}
	lines := strings.Split(d.body, "\n")
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			break // a heading in code is no heading
		}
		g := firstH1Re.FindStringSubmatch(t)
		if g == nil {
			if strings.HasPrefix(t, "# ") || strings.Contains(t, "<h1") {
				break // the page's first heading is something else
			}
			continue
		}
		key := g[1] + g[2]
		e, ok := value(key)
		if !ok {
			break
		}
		n := d.bodyLine + i
		st := shownTitle{key: key, value: strings.TrimSpace(e.value.(string)), line: e.line, where: "the heading at line " + strconv.Itoa(n)}
		if bodyH1Re.MatchString(t) {
			lines[i] = ""
			d.body = strings.Join(lines, "\n")
			st.dropped = "; that heading is removed, as medkb's theme shows the title above the text"
		} else {
			st.dropped = "; that heading, which holds more than the title, is kept: medkb's theme shows the title above the text, so make it a ## heading without the title, or remove it"
		}
		return st, true
	}
	layout := ""
	for _, e := range entries {
		if e.key == "layout" {
			layout, _ = e.value.(string)
		}
	}
	for range 8 { // a layout laid out in another, and so on; no loop forever
		if layout == "" {
			break
		}
		name := "_layouts/" + layout
		if filepath.Ext(layout) == "" {
			name += ".html"
		}
		b, err := os.ReadFile(filepath.Join(s.opts.Source, filepath.FromSlash(name)))
		if err != nil {
			break
		}
		if g := layoutH1Re.FindSubmatch(b); g != nil {
			if e, ok := value(string(g[1])); ok {
				return shownTitle{key: e.key, value: strings.TrimSpace(e.value.(string)), line: e.line, where: "<h1> of " + name}, true
			}
		}
		layout = ""
		if les, _, _, _, err := splitFile(name, b, Jekyll); err == nil {
			for _, e := range les {
				if e.key == "layout" {
					layout, _ = e.value.(string)
				}
			}
		}
	}
	return shownTitle{}, false
}

// pageValue is the text Liquid wrote for {{ page.KEY }} on page d: the
// string or number KEY holds in its front matter (as Jekyll read it,
// defaults: included). ok is false for any other value (a list, a map,
// a date Liquid formats its own way) or a key the page does not have.
func pageValue(d *doc, key string) (string, bool) {
	for _, e := range d.entries {
		if e.key != key {
			continue
		}
		switch v := e.value.(type) {
		case string:
			return v, true
		case int, int64, float64:
			return fmt.Sprint(v), true
		}
		return "", false
	}
	return "", false
}

// otherDate names, for the note on page d without a publication date, a
// key of its front matter that holds a date under a name medkb does not
// read (BCDA's announcements keep theirs in published_date:, which their
// layout showed under the title), and the --map that makes it the date;
// "" when there is none.
func (s *site) otherDate(d *doc) string {
	entries := d.entries // a Jekyll page's, with their lines
	if entries == nil {
		for _, f := range d.params { // a Hugo page's keys medkb has no meaning for
			entries = append(entries, entry{key: f.key, value: f.value})
		}
	}
	for _, e := range entries {
		lk := strings.ToLower(e.key)
		if !strings.Contains(lk, "date") || lk == "date" {
			continue
		}
		if strings.Contains(lk, "expir") || strings.Contains(lk, "review") || strings.Contains(lk, "modified") || strings.Contains(lk, "update") || strings.Contains(lk, "lastmod") {
			continue // a date, but not the one it was published on (Hugo's expiryDate, Jekyll's last_modified_at)
		}
		if _, mapped := s.opts.KeyMap[e.key]; mapped {
			continue
		}
		raw := strings.TrimSpace(str(e.value))
		if t, err := frontmatter.ParseDate(raw); err != nil || t.Year() < 1900 {
			continue
		}
		at := ""
		if e.line > 0 {
			at = fmt.Sprintf(" (line %d)", e.line)
		}
		return fmt.Sprintf("; it has %s: %s%s, which medkb does not read: if that is when it was published, import again with --map %s=date", e.key, raw, at, e.key)
	}
	return ""
}

// joinLiquidTags puts each Liquid tag written over several lines on the
// line it starts on, in place, and leaves the lines it took empty, so
// that the body's lines keep their numbers. Liquid reads
//
//	{% include accordion.html id="a0"
//	  heading="What is claims adjudication?"
//	  accordionContent=a0AccordionContent %}
//
// as one tag, as BCDA's pages (CMSgov/bcda-static-site) write their
// accordions and event lists; the importer read Liquid a line at a time,
// so each such tag was left as text, with no note, and the capture it
// shows (a0AccordionContent) was said to be shown nowhere. A tag not
// closed within 30 lines, or one in fenced code, is left as it is.
func joinLiquidTags(lines []string) {
	var f fence
	for i := 0; i < len(lines); i++ {
		if f.code(lines[i]) {
			continue
		}
		k := strings.LastIndex(lines[i], "{%")
		if k < 0 || strings.Contains(lines[i][k:], "%}") {
			continue
		}
		for j := i + 1; j < len(lines) && j <= i+30; j++ {
			end := strings.Index(lines[j], "%}")
			if open := strings.Index(lines[j], "{%"); open >= 0 && (end < 0 || open < end) {
				break // another tag starts first: not one tag
			}
			if end < 0 {
				continue
			}
			parts := []string{strings.TrimRight(lines[i], " \t")}
			for m := i + 1; m <= j; m++ {
				if t := strings.TrimSpace(lines[m]); t != "" {
					parts = append(parts, t)
				}
				lines[m] = ""
			}
			lines[i] = strings.Join(parts, " ")
			i = j
			break
		}
	}
}

// assignRe is a Liquid assign of a literal, a number or a quoted string,
// without filters: {% assign unique = 1 %}.
var assignRe = lazyRE(`\{%-?\s*assign\s+([\w-]+)\s*=\s*(-?\d+(?:\.\d+)?|"[^"]*"|'[^']*')\s*-?%\}`)

// anyAssignRe is any Liquid assign, for the name it sets.
var anyAssignRe = lazyRE(`\{%-?\s*assign\s+([\w-]+)`)

// assignOrUseRe is an assign tag or an expression showing a variable
// (captureUseRe), in the order they stand on a line.
var assignOrUseRe = lazyRE(`\{%-?\s*assign\s.*?-?%\}|` + captureUseRe.String())

// literalAssigns writes, in lines (in place), the value of each Liquid
// {% assign NAME = literal %} where a later {{ NAME }} (no filter) showed
// it, up to the next assign of NAME, as Liquid did, and takes the assign
// tag out (it showed nothing; a line that held only the tag stays, empty,
// as Jekyll left it). BCDA's comparison tables (CMSgov/bcda-static-site)
// number their header cells so, {% assign unique = 2 %} before
// <th id="col-bcda-{{unique}}">: each {{unique}} was removed with a note
// for a person, and the five tables of a page shared three ids. An
// assign whose value is not a literal, and what it sets, are left to the
// line's translation (a note for a person); fenced code and {% raw %} are
// left as written.
func (s *site) literalAssigns(d *doc, lines []string) {
	type assign struct {
		name  string
		value string
		line  int
		uses  []int
	}
	var all []*assign
	current := map[string]*assign{}
	var f fence
	raw := false
	for i, l := range lines {
		if f.code(l) {
			continue
		}
		if strings.Contains(l, "{% raw %}") || strings.Contains(l, "{%- raw -%}") {
			raw = true
		}
		if raw {
			if strings.Contains(l, "endraw") {
				raw = false
			}
			continue
		}
		n := d.bodyLine + i
		if !strings.Contains(l, "{{") && !strings.Contains(l, "assign") {
			continue
		}
		only := assignRe.MatchString(l) && strings.TrimSpace(assignRe.ReplaceAllString(l, "")) == ""
		// The tags in the order Liquid met them: an assign sets what a
		// {{ }} after it on the line shows.
		l = assignOrUseRe.ReplaceAllStringFunc(l, func(m string) string {
			if g := assignRe.FindStringSubmatch(m); g != nil && g[0] == m {
				v := g[2]
				if v[0] == '"' || v[0] == '\'' {
					v = v[1 : len(v)-1]
				}
				a := &assign{name: g[1], value: v, line: n}
				all = append(all, a)
				current[g[1]] = a
				return ""
			}
			if g := anyAssignRe.FindStringSubmatch(m); g != nil {
				delete(current, g[1]) // set to what the line's translation cannot follow
				return m
			}
			g := captureUseRe.FindStringSubmatch(m)
			a := current[g[1]]
			if a == nil || g[2] != "" {
				return m
			}
			if len(a.uses) == 0 || a.uses[len(a.uses)-1] != n {
				a.uses = append(a.uses, n)
			}
			return a.value
		})
		if only {
			l = ""
		}
		lines[i] = l
	}
	for _, a := range all {
		if len(a.uses) == 0 {
			s.note(d.src, a.line, Changed, "{%% assign %s %%} taken out: it showed nothing, and no {{ %s }} after it shows its value, %q", a.name, a.name, a.value)
			continue
		}
		s.note(d.src, a.line, Changed, "{%% assign %s %%}: its value, %q, is written where {{ %s }} showed it (%s %s), as Liquid did", a.name, a.value, a.name, plural(len(a.uses), "line", "lines"), joinLines(a.uses))
	}
}
