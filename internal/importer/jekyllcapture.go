package importer

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Liquid's {% capture name %}…{% endcapture %} keeps its text in a
// variable and shows nothing; a later {{ name }} shows the text there
// (CoronaCheck.nl's guidepost pages capture each answer, then place them
// in <details> blocks). captureLine and finishCaptures do the same: the text of a
// capture, translated where it was written (so its notes keep their
// lines), is written where {{ name }} (or {{ name | markdownify }},
// {{ name | strip }}) uses it, and the capture itself shows nothing.
var (
	// captureOpenRe and captureCloseRe are a capture's tags, each alone
	// on its line, or with {% raw %} after the opening tag and {% endraw %}
	// before the closing one, when the captured text is kept as written
	// (a code sample with Liquid in it: {% capture code %}{% raw %}).
	captureOpenRe  = lazyRE(`^\s*\{%-?\s*capture\s+([\w-]+)\s*-?%\}\s*(\{%-?\s*raw\s*-?%\})?\s*$`)
	captureCloseRe = lazyRE(`^\s*(\{%-?\s*endraw\s*-?%\})?\s*\{%-?\s*endcapture\s*-?%\}\s*$`)
	// captureOneLineRe is a capture on one line, its text between the
	// tags: {% capture link %}/guides/{% endcapture %}.
	captureOneLineRe = lazyRE(`^\s*\{%-?\s*capture\s+([\w-]+)\s*-?%\}(.*?)\{%-?\s*endcapture\s*-?%\}\s*$`)
	// captureUseRe is an expression that shows a variable, with the
	// filters whose output the text itself stands for on a Markdown page.
	captureUseRe = lazyRE(`\{\{-?\s*([\w-]+)\s*((?:\|\s*(?:markdownify|strip)\s*)*)-?\}\}`)
	// captureTokenRe is where a use stands in the body until the
	// captures are written out: a number between two private-use
	// characters, s after it for strip.
	captureTokenRe = lazyRE("\uE000(\\d+)(s?)\uE001")
)

// capture is one {% capture %} of a page's body, as convertBody met it.
type capture struct {
	name        string
	line        int // source line of the opening tag
	open, close int // the body lines of its tags (equal on one line)
	oneLine     bool
	text        string // a one-line capture's text, translated
	uses        []int  // the source lines that use it
	others      []int  // source lines that name it otherwise ({% if name %}, {{ name | upcase }})
}

// captures follows the captures of a page's body through convertBody.
type captures struct {
	all     []*capture
	latest  map[string]int // the last capture of each name closed so far
	current *capture       // the one being read
}

// line handles line n (out: the body lines so far) for the captures: it
// returns the line to write and whether the line was a capture's tag,
// already written (as an empty line, or a one-line capture's nothing).
func (s *site) captureLine(d *doc, c *captures, line string, n int, out *[]string, raw *bool) (string, bool) {
	if c.current == nil {
		if m := captureOneLineRe.FindStringSubmatch(line); m != nil {
			cp := &capture{name: m[1], line: n, open: len(*out), close: len(*out), oneLine: true}
			cp.text = s.liquidLine(d, c.uses(m[2], n), n, raw, nil)
			c.add(cp)
			*out = append(*out, "")
			return "", true
		}
		if m := captureOpenRe.FindStringSubmatch(line); m != nil {
			c.current = &capture{name: m[1], line: n, open: len(*out)}
			*raw = m[2] != "" // the text up to {% endraw %} is kept as written
			*out = append(*out, "")
			return "", true
		}
	} else if m := captureCloseRe.FindStringSubmatch(line); m != nil && (m[1] != "") == *raw {
		*raw = false
		c.current.close = len(*out)
		c.add(c.current)
		c.current = nil
		*out = append(*out, "")
		return "", true
	}
	return c.uses(line, n), false
}

func (c *captures) add(cp *capture) {
	if c.latest == nil {
		c.latest = map[string]int{}
	}
	c.latest[cp.name] = len(c.all)
	c.all = append(c.all, cp)
}

// uses replaces each use of a capture closed before line n by its token,
// and records other mentions of one.
func (c *captures) uses(line string, n int) string {
	if len(c.latest) == 0 {
		return line
	}
	line = captureUseRe.ReplaceAllStringFunc(line, func(m string) string {
		g := captureUseRe.FindStringSubmatch(m)
		i, ok := c.latest[g[1]]
		if !ok {
			return m
		}
		c.all[i].uses = append(c.all[i].uses, n)
		strip := ""
		if strings.Contains(g[2], "strip") {
			strip = "s"
		}
		return "\uE000" + strconv.Itoa(i) + strip + "\uE001"
	})
	for _, m := range liquidRe.FindAllString(line, -1) {
		for name, i := range c.latest {
			if regexp.MustCompile(`\b` + regexp.QuoteMeta(name) + `\b`).MatchString(m) {
				c.all[i].others = append(c.all[i].others, n)
			}
		}
	}
	return line
}

// finish writes the captures of d into the body lines out (translated,
// kramdownHTML done): each capture used is left out where it was and
// written where it was used, d.lineMap giving each line its source line;
// one not used is kept where it was, with a note, as is one never closed.
func (s *site) finishCaptures(d *doc, c *captures, out []string) []string {
	if c.current != nil {
		s.note(d.src, c.current.line, Human, "{%% capture %s %%} is never closed by {%% endcapture %%}, a Liquid error that stopped Jekyll's build of this page: the text after it is kept as written; close it where the captured text ends, or remove the tag", c.current.name)
	}
	used := false
	for _, cp := range c.all {
		if len(cp.uses) > 0 {
			used = true
			continue
		}
		if cp.oneLine {
			out[cp.open] = cp.text // kept, so nothing is lost
		}
		where := ""
		if len(cp.others) > 0 {
			where = fmt.Sprintf(" (the page names it at line %s, where the importer cannot write it)", joinLines(cp.others))
		}
		s.note(d.src, cp.line, Human, "{%% capture %s %%}: Jekyll kept this text in the variable %s and showed it only where {{ %s }} used it, and no {{ %s }} after it shows it%s: the text is kept here, where Jekyll did not show it; move it where readers should see it, or delete it", cp.name, cp.name, cp.name, cp.name, where)
	}
	if !used {
		return out
	}
	skip := map[int]int{} // the first line of each capture used → its last
	for _, cp := range c.all {
		if len(cp.uses) > 0 {
			skip[cp.open] = cp.close
			s.note(d.src, cp.line, Changed, "{%% capture %s %%}: its text is written where the page showed it, {{ %s }} at line %s, as Jekyll did, and not here, where Jekyll showed nothing", cp.name, cp.name, joinLines(cp.uses))
		}
	}
	var a lineAcc
	for i := 0; i < len(out); i++ {
		if last, ok := skip[i]; ok {
			// Jekyll writes nothing in its place: its lines go, and a
			// run of blank lines around them is one, as Markdown reads it.
			if n := len(a.lines); n > 0 && strings.TrimSpace(a.lines[n-1]) != "" {
				a.write("", d.bodyLine+i)
				a.newline()
			}
			for i = last; i+1 < len(out) && strings.TrimSpace(out[i+1]) == "" && !isCapture(skip, i+1) && (len(a.lines) == 0 || strings.TrimSpace(a.lines[len(a.lines)-1]) == ""); i++ {
			}
			continue
		}
		s.expandCaptures(d, c, &a, out, out[i], d.bodyLine+i, 0)
		a.newline()
	}
	d.lineMap = a.srcs
	return a.lines
}

// expandCaptures writes text (from source line src) into a with each
// capture token replaced by the capture's text, its lines with their
// own source lines.
func (s *site) expandCaptures(d *doc, c *captures, a *lineAcc, out []string, text string, src, depth int) {
	for {
		loc := captureTokenRe.FindStringSubmatchIndex(text)
		if loc == nil || depth > 8 {
			a.write(captureTokenRe.ReplaceAllString(text, ""), src)
			return
		}
		a.write(text[:loc[0]], src)
		i, _ := strconv.Atoi(text[loc[2]:loc[3]])
		strip := loc[5] > loc[4]
		cp := c.all[i]
		switch {
		case cp.oneLine:
			t := cp.text
			if strip {
				t = strings.TrimSpace(t)
			}
			s.expandCaptures(d, c, a, out, t, cp.line, depth+1)
		default:
			body := out[cp.open+1 : cp.close]
			first := cp.open + 1
			if strip {
				for len(body) > 0 && strings.TrimSpace(body[0]) == "" {
					body, first = body[1:], first+1
				}
				for len(body) > 0 && strings.TrimSpace(body[len(body)-1]) == "" {
					body = body[:len(body)-1]
				}
			} else {
				a.newline() // the line break after the opening tag
			}
			for j, l := range body {
				if j > 0 {
					a.newline()
				}
				if strip && j == 0 {
					l = strings.TrimLeft(l, " \t")
				}
				if strip && j == len(body)-1 {
					l = strings.TrimRight(l, " \t")
				}
				s.expandCaptures(d, c, a, out, l, d.bodyLine+first+j, depth+1)
			}
			if !strip {
				a.newline() // the line break before the closing tag
			}
		}
		text = text[loc[1]:]
	}
}

// lineAcc builds lines, each with the source line of its first text.
type lineAcc struct {
	lines []string
	srcs  []int
	cur   strings.Builder
	src   int
	set   bool
}

func (a *lineAcc) write(t string, src int) {
	if !a.set {
		a.src, a.set = src, true
	}
	a.cur.WriteString(t)
}

func (a *lineAcc) newline() {
	a.lines = append(a.lines, a.cur.String())
	a.srcs = append(a.srcs, a.src)
	a.cur.Reset()
	a.set = false
}

// joinLines is "12", "12 and 30", "12, 30 and 41".
func joinLines(lines []int) string {
	s := make([]string, len(lines))
	for i, l := range lines {
		s[i] = strconv.Itoa(l)
	}
	if len(s) == 1 {
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// isCapture reports whether body line i opens a capture that skip holds.
func isCapture(skip map[int]int, i int) bool {
	_, ok := skip[i]
	return ok
}
