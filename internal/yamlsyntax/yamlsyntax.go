// Package yamlsyntax explains yaml.v3's errors in a writer's words: for the
// mistakes people make typing YAML by hand (a colon in an unquoted title, a
// tab for indentation, a quote that never closes, a key written twice, a
// line indented one space too far), Explain names what is wrong, the line
// the writer must edit and the exact edit, showing the line's text.
//
// yaml.v3's own line numbers cannot be taken as they are: a scanner error
// counts from one, a parser error from zero and names where the enclosing
// list or mapping began, and an unclosed quote is reported at the end of
// the input. So Explain reads the source itself and uses yaml.v3's wording
// only to know which mistake to look for. yaml.v3's wording is left out of
// what it returns: it names YAML's grammar ("mapping values are not allowed
// in this context"), not the edit, and its line is often another one.
// An error it does not recognise, or whose cause it cannot find in the
// source, is left to the caller (ok is false), which keeps its message.
//
// Encoding and the control characters (controls.go): what keeps a file
// from being read as UTF-8, and a control character, each at its line
// and column with the character it most likely stood for; HideControls,
// ShowControls and FindControls let a caller read a file with a control
// character in a value (which yaml.v3 refuses) and report it at the
// value, for the front matter, medkb.yaml and the data files alike.
//
// Check reads what yaml.v3 decoded without an error for what a writer
// rarely means: every key written twice (yaml.v3 names the first of one
// mapping only), and tags and anchors that drop or change text (check.go).
//
// The package imports no medkb package but diag (Diagnostics, for callers
// that report a Problem as is); its callers (frontmatter, config,
// sitedata, theme's i18n files, the importer) turn a Problem into a
// diagnostic or a note. It keeps no state and is safe for concurrent use.
package yamlsyntax

import (
	"errors"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Problem is a YAML mistake explained.
type Problem struct {
	Line    int    // the line to edit, counted as the caller counts (offset+n)
	Col     int    // the column (in characters, from 1) where known, else 0
	Message string // what is wrong, in plain words
	Hint    string // the edit that fixes it
	// Warning marks what YAML reads, but not as its writer likely meant
	// (Check); Explain's are errors.
	Warning bool
}

// Explain explains err, which yaml.v3 returned for src; offset is added to
// src's line numbers (the file line before src's first line). ok is false
// when err is not a mistake Explain knows or its cause is not in src.
func Explain(src []byte, offset int, err error) (p Problem, ok bool) {
	if err == nil {
		return Problem{}, false
	}
	switch strings.TrimPrefix(err.Error(), "yaml: ") {
	case "invalid leading UTF-8 octet", "invalid trailing UTF-8 octet", "incomplete UTF-8 octet sequence",
		"invalid length of a UTF-8 sequence", "invalid Unicode character",
		"incomplete UTF-16 character", "unexpected low surrogate area", "incomplete UTF-16 surrogate pair", "expected low surrogate area":
		return Encoding(src, offset)
	case "control characters are not allowed":
		if p, ok := Encoding(src, offset); ok { // a UTF-16 file's NULs
			return p, true
		}
		return control(src, offset)
	}
	s := scan(string(src))
	s.offset = offset
	var te *yaml.TypeError
	if errors.As(err, &te) {
		for _, e := range te.Errors {
			if p, ok := s.duplicate(e); ok {
				return p, true
			}
		}
		return Problem{}, false
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	at := 0 // yaml.v3's line: a guess at best (package comment)
	if m := lineRe.FindStringSubmatch(msg); m != nil {
		at, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	}
	if at < 1 {
		at = 1
	}
	// Each kind of error has the checks that find its causes, tried in
	// turn; a check given exact looks at yaml.v3's line only (a scanner
	// error's, which is right), otherwise it reads the whole source.
	var tries []func(at int) (Problem, bool)
	switch {
	case msg == "mapping values are not allowed in this context":
		tries = append(tries, s.colonInValue, s.noColonAbove, s.indentedUnder)
	case msg == "found a tab character that violates indentation":
		tries = append(tries, s.exact(s.tab), s.anywhere(s.tab))
	case msg == "found character that cannot start any token":
		tries = append(tries, s.exact(s.tab), s.exact(s.indicatorStart), s.anywhere(s.tab), s.anywhere(s.indicatorStart))
	case msg == "found unexpected end of stream":
		tries = append(tries, s.unclosedQuote, s.unclosedFlow)
	case strings.HasPrefix(msg, "did not find expected ',' or "):
		tries = append(tries, s.unclosedFlow)
	case msg == "did not find expected key", msg == "did not find expected '-' indicator":
		tries = append(tries, s.afterClose, s.listAfterValue, s.misaligned)
	case msg == "could not find expected ':'":
		tries = append(tries, s.noColon, s.misaligned)
	case msg == "block sequence entries are not allowed in this context",
		msg == "mapping keys are not allowed in this context",
		msg == "did not find expected alphabetic or numeric character",
		strings.HasPrefix(msg, "unknown anchor "),
		msg == "found undefined tag handle",
		msg == "did not find expected tag URI",
		msg == "did not find the expected '>'":
		tries = append(tries, s.exact(s.indicatorStart), s.anywhere(s.indicatorStart))
	case msg == "found unknown escape character",
		msg == "did not find expected hexdecimal number",
		msg == "found invalid Unicode character escape code":
		tries = append(tries, s.exact(s.escape), s.anywhere(s.escape))
	}
	for _, try := range tries {
		if p, ok := try(at); ok {
			return p, true
		}
	}
	return Problem{}, false
}

var (
	lineRe = regexp.MustCompile(`^line (\d+): `)
	dupRe  = regexp.MustCompile(`^line (\d+): mapping key "((?:[^"\\]|\\.)*)" already defined at line (\d+)$`)
)

// exact and anywhere run a check of one line (by index) on yaml.v3's
// line, or on every line until one has the mistake.
func (s *source) exact(check func(i int) (Problem, bool)) func(int) (Problem, bool) {
	return func(at int) (Problem, bool) { return check(s.at(at)) }
}

func (s *source) anywhere(check func(i int) (Problem, bool)) func(int) (Problem, bool) {
	return func(int) (Problem, bool) {
		for i := range s.lines {
			if p, ok := check(i); ok {
				return p, true
			}
		}
		return Problem{}, false
	}
}

// line is one line of the source, read as a block-style YAML line.
type line struct {
	text   string
	indent int  // spaces before the first character (-1: a tab among them)
	blank  bool // empty, spaces only, or a comment
	dash   bool // a list item: "- ..."
	col    int  // where the item's content starts: after "- " for a list item
	key    string
	colon  bool   // key is followed by ":" and a space or the line's end
	value  string // after "key: ", or the item's content when there is no key
	valCol int    // where value starts in text
	// inQuote marks a line that continues a quoted value begun above.
	inQuote bool
}

type source struct {
	lines  []line // lines[0] is line 1
	offset int
}

func scan(src string) *source {
	raw := strings.Split(src, "\n")
	s := &source{lines: make([]line, len(raw))}
	for i, t := range raw {
		s.lines[i] = parseLine(t)
	}
	// Mark the lines inside multi-line quoted values, so that the
	// checks that read lines one by one skip them.
	for i := 0; i < len(s.lines); i++ {
		l := s.lines[i]
		if l.blank || l.inQuote || l.value == "" || (l.value[0] != '"' && l.value[0] != '\'') {
			continue
		}
		end, _, _ := s.closeQuote(i)
		for j := i + 1; j < len(s.lines) && (end < 0 || j <= end); j++ {
			s.lines[j].inQuote = true
		}
		if end > i {
			i = end
		}
	}
	return s
}

func parseLine(t string) line {
	l := line{text: t}
	rest := strings.TrimLeft(t, " \t")
	lead := t[:len(t)-len(rest)]
	l.indent = len(lead)
	if strings.Contains(lead, "\t") {
		l.indent = -1
	}
	if rest == "" || rest[0] == '#' {
		l.blank = true
		return l
	}
	col := len(lead)
	for rest == "-" || strings.HasPrefix(rest, "- ") {
		l.dash = true
		n := len(rest)
		rest = strings.TrimLeft(rest[1:], " ")
		col += n - len(rest)
	}
	l.col = col
	if rest != "" && !strings.ContainsRune(`"'[{&*!|>%@`+"`", rune(rest[0])) {
		if i := keyEnd(rest); i > 0 {
			l.key, l.colon = rest[:i], true
			v := strings.TrimLeft(rest[i+1:], " \t")
			l.valCol = col + len(rest) - len(v)
			l.value = strings.TrimRight(v, " \t")
			return l
		}
	}
	l.value, l.valCol = strings.TrimRight(rest, " \t"), col
	return l
}

// keyEnd returns the index of the colon ending a plain key at the start of
// s: the first ":" followed by a space, a tab or the end.
func keyEnd(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == ':' && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\t') {
			return i
		}
		if s[i] == '#' && i > 0 && s[i-1] == ' ' {
			return -1
		}
	}
	return -1
}

// n is the 1-based line number of lines[i] as the caller counts.
func (s *source) n(i int) int { return s.offset + i + 1 }

func (s *source) num(i int) string { return strconv.Itoa(s.n(i)) }

// shown is the line's text for a message: as typed, without the spaces
// before it unless they matter.
func (l line) shown() string { return strings.TrimSpace(l.text) }

// content returns the index of the nearest non-blank line before i, or -1.
func (s *source) prev(i int) int {
	for j := i - 1; j >= 0; j-- {
		if !s.lines[j].blank && !s.lines[j].inQuote {
			return j
		}
	}
	return -1
}

// name is how a message names the value on l: "the title" or "this value".
func (l line) name() string {
	if l.colon {
		return l.key
	}
	if l.dash {
		return "the list item"
	}
	return "the value"
}

// withValue is l's text with its value replaced.
func (l line) withValue(v string) string {
	return strings.TrimSpace(l.text[:l.valCol] + v)
}

// spaces is "1 space", "2 spaces".
func spaces(n int) string {
	if n == 1 {
		return "1 space"
	}
	return strconv.Itoa(n) + " spaces"
}

// quote quotes v for YAML the way a person would: double quotes, or
// single quotes when v holds a double quote or a backslash.
func quote(v string) string {
	if !strings.ContainsAny(v, `"\`) {
		return `"` + v + `"`
	}
	return "'" + strings.ReplaceAll(v, "'", "''") + "'"
}

// stripComment drops a trailing " # comment" from a plain value.
func stripComment(v string) string {
	if i := strings.Index(v, " #"); i >= 0 {
		return strings.TrimRight(v[:i], " \t")
	}
	return v
}

// duplicate explains "mapping key "title" already defined at line 2", the
// one decoding error whose lines are right (node lines, from one).
func (s *source) duplicate(e string) (Problem, bool) {
	m := dupRe.FindStringSubmatch(e)
	if m == nil {
		return Problem{}, false
	}
	second, _ := strconv.Atoi(m[1])
	first, _ := strconv.Atoi(m[3])
	key, err := strconv.Unquote(`"` + m[2] + `"`)
	if err != nil {
		key = m[2]
	}
	a, b := strconv.Itoa(s.offset+first), strconv.Itoa(s.offset+second)
	return Problem{Line: s.offset + second,
		Message: key + " is written twice, at lines " + a + " and " + b + "; YAML allows a key once",
		Hint:    "keep one of them: delete line " + b + " or line " + a + ", with any lines indented under it"}, true
}

// at returns the index of line n (yaml.v3's count, from one), clamped.
func (s *source) at(n int) int {
	return min(max(n-1, 0), len(s.lines)-1)
}

// colonInValue: "title: Asthma: what to do", a colon and a space inside an
// unquoted value, which YAML reads as a second key on the line.
func (s *source) colonInValue(at int) (Problem, bool) {
	i := s.at(at)
	l := s.lines[i]
	if !l.colon || keyEnd(l.value) < 0 {
		return Problem{}, false
	}
	v := stripComment(l.value)
	return Problem{Line: s.n(i),
		Message: "the value of " + l.name() + " has a colon followed by a space, which YAML reads as the start of another key: " + l.shown(),
		Hint:    "put the value in quotes: " + l.withValue(quote(v))}, true
}

// noColonAbove: the line above the one yaml.v3 names has no colon after
// its key ("title:Asthma", "summary Asthma"), so YAML reads the two lines
// as one key.
func (s *source) noColonAbove(at int) (Problem, bool) {
	i := s.at(at)
	j := s.prev(i)
	if j < 0 || s.lines[j].colon || s.lines[j].indent != s.lines[i].indent || s.lines[j].dash != s.lines[i].dash {
		return Problem{}, false
	}
	a := s.lines[j]
	if k := strings.IndexByte(a.value, ':'); k > 0 && !strings.ContainsAny(a.value[:k], " \t") {
		fixed := a.value[:k+1] + " " + a.value[k+1:]
		return Problem{Line: s.n(j),
			Message: "no space after the colon in " + a.shown() + ", so YAML reads this line and the next as one key",
			Hint:    "put a space after the colon: " + a.withValue(fixed)}, true
	}
	if k := strings.IndexAny(a.value, " \t"); k > 0 {
		fixed := a.value[:k] + ":" + a.value[k:]
		return Problem{Line: s.n(j),
			Message: "line " + s.num(j) + " has no colon after its key, so YAML reads it and the next line as one key: " + a.shown(),
			Hint:    "write the key with a colon after it: " + a.withValue(fixed)}, true
	}
	return Problem{}, false
}

// indentedUnder: "title: A" and then "  summary: B", a key indented under
// a key that already has a value.
func (s *source) indentedUnder(at int) (Problem, bool) {
	i := s.at(at)
	j := s.prev(i)
	if j < 0 || !s.lines[i].colon || s.lines[i].indent < 0 {
		return Problem{}, false
	}
	l, a := s.lines[i], s.lines[j]
	if !a.colon || a.value == "" || l.col <= a.col {
		return Problem{}, false
	}
	extra := l.col - a.col
	return Problem{Line: s.n(i),
		Message: l.key + " is indented further than " + a.key + " on line " + s.num(j) + ", so YAML reads it as part of " + a.key + "'s value: " + strconv.Quote(l.text),
		Hint:    "remove " + spaces(extra) + " before " + l.key + ", so that it starts in the same column as " + a.key + "; if the line goes on with the text of " + a.key + ", put that whole text in quotes"}, true
}

// tab: a tab in a line's indentation (YAML indents with spaces only).
func (s *source) tab(i int) (Problem, bool) {
	if s.lines[i].indent >= 0 || s.lines[i].inQuote {
		return Problem{}, false
	}
	l := s.lines[i]
	if strings.TrimSpace(l.text) == "" {
		return Problem{Line: s.n(i),
			Message: "line " + s.num(i) + " holds a tab and nothing else; YAML allows no tabs where it reads indentation",
			Hint:    "delete the tab on line " + s.num(i) + " (an empty line is fine)"}, true
	}
	want := 0
	if j := s.prev(i); j >= 0 {
		a := s.lines[j]
		switch {
		case a.indent < 0:
		case a.colon && a.value == "":
			want = a.col + 2
		default:
			want = a.indent
		}
	}
	fixed := strings.Repeat(" ", want) + strings.TrimLeft(l.text, " \t")
	return Problem{Line: s.n(i),
		Message: "line " + s.num(i) + " is indented with a tab, and YAML indents with spaces only: " + strconv.Quote(l.text),
		Hint:    "indent with spaces, not tabs: write line " + s.num(i) + " as " + strconv.Quote(fixed)}, true
}

// indicators are what YAML reads at the start of a plain value as
// something else than text.
var indicators = []struct{ prefix, why string }{
	{"*", ", which YAML reads as a reference to an anchor (*name)"},
	{"&", ", which YAML reads as an anchor (&name)"},
	{"!", ", which YAML reads as a tag (!name)"},
	{"@", ", which YAML reserves"},
	{"`", ", which YAML reserves"},
	{"%", ", which YAML reads as a directive"},
	{"- ", ", which YAML reads as a list item"},
	{"? ", ", which YAML reads as a complex key"},
}

// indicatorStart: a value starting with a character YAML reads as syntax
// ("summary: *Asthma* is common", "summary: @nhs", "title: - Asthma").
func (s *source) indicatorStart(i int) (Problem, bool) {
	l := s.lines[i]
	if l.blank || l.inQuote || !l.colon {
		return Problem{}, false
	}
	for _, ind := range indicators {
		if strings.HasPrefix(l.value, ind.prefix) {
			return Problem{Line: s.n(i),
				Message: "the value of " + l.name() + " starts with " + strings.TrimSpace(ind.prefix) + ind.why + ": " + l.shown(),
				Hint:    "put the value in quotes: " + l.withValue(quote(stripComment(l.value)))}, true
		}
	}
	return Problem{}, false
}

// closeQuote finds where the quoted value on line i closes: the line and
// the text after the closing quote; end is -1 when it never closes.
func (s *source) closeQuote(i int) (end int, after string, q byte) {
	l := s.lines[i]
	q = l.value[0]
	text := l.text[l.valCol+1:]
	for j := i; ; {
		for k := 0; k < len(text); k++ {
			switch {
			case q == '"' && text[k] == '\\':
				k++
			case text[k] == q && q == '\'' && k+1 < len(text) && text[k+1] == '\'':
				k++
			case text[k] == q:
				return j, strings.TrimSpace(text[k+1:]), q
			}
		}
		j++
		if j >= len(s.lines) {
			return -1, "", q
		}
		text = s.lines[j].text
	}
}

// unclosedQuote: a quoted value that never closes; yaml.v3 names the end
// of the input, the writer must edit the line where the quote opened.
func (s *source) unclosedQuote(int) (Problem, bool) {
	for i, l := range s.lines {
		if l.blank || l.inQuote || l.value == "" || (l.value[0] != '"' && l.value[0] != '\'') {
			continue
		}
		if end, _, q := s.closeQuote(i); end < 0 {
			what := "quote"
			if q == '\'' {
				what = "single quote"
			}
			return Problem{Line: s.n(i),
				Message: "the " + what + " opened in the value of " + l.name() + " on line " + s.num(i) + " never closes: " + l.shown(),
				Hint:    "end the value with a closing " + string(q) + ": " + l.withValue(l.value+string(q))}, true
		}
	}
	return Problem{}, false
}

// afterClose: text after a closing quote or bracket, as in
// title: "Asthma" care, title: 'It's here', title: [Draft] Asthma.
func (s *source) afterClose(int) (Problem, bool) {
	for i, l := range s.lines {
		if l.blank || l.inQuote || l.value == "" {
			continue
		}
		switch l.value[0] {
		case '"', '\'':
			end, after, q := s.closeQuote(i)
			if end < 0 || after == "" || after[0] == '#' {
				continue
			}
			if end != i {
				e := s.lines[end]
				k := strings.LastIndexByte(e.text[:max(strings.LastIndex(e.text, after), 0)], q)
				if k < 0 {
					continue
				}
				fixed := strings.TrimSpace(e.text[:k] + e.text[k+1:] + string(q))
				return Problem{Line: s.n(end),
					Message: "the value of " + l.name() + ", in quotes from line " + s.num(i) + ", ends at the closing " + string(q) + " on line " + s.num(end) + ", and text follows it: " + e.shown(),
					Hint:    "move the closing " + string(q) + " to the end of the value: " + fixed}, true
			}
			v := l.value
			if len(v) >= 2 && v[len(v)-1] == q {
				v = v[1 : len(v)-1] // 'It's here': the outer quotes were meant
			}
			fixed := `"` + strings.ReplaceAll(strings.ReplaceAll(v, `\`, `\\`), `"`, `\"`) + `"`
			if q == '"' {
				fixed = "'" + strings.ReplaceAll(v, "'", "''") + "'"
			}
			return Problem{Line: s.n(i),
				Message: "the value of " + l.name() + " ends at its closing quote, and text follows it: " + l.shown(),
				Hint:    "quote the whole value with the other kind of quote: " + l.withValue(fixed)}, true
		case '[', '{':
			k := closeBracket(l.value)
			if k < 0 {
				continue
			}
			after := strings.TrimSpace(l.value[k+1:])
			if after == "" || after[0] == '#' {
				continue
			}
			closer, reads := string(l.value[k]), "a list"
			if closer == "}" {
				reads = "a mapping (key: value pairs)"
			}
			if strings.Trim(after, "]}") == "" {
				return Problem{Line: s.n(i),
					Message: "the value of " + l.name() + " has more closing brackets than opening ones: " + l.shown(),
					Hint:    "delete what follows the first matching " + closer + ": " + l.withValue(l.value[:k+1])}, true
			}
			return Problem{Line: s.n(i),
				Message: "the value of " + l.name() + " starts with " + l.value[:1] + ", which YAML reads as " + reads + ", and text follows the " + closer + ": " + l.shown(),
				Hint:    "put the value in quotes: " + l.withValue(quote(stripComment(l.value)))}, true
		}
	}
	return Problem{}, false
}

// closeBracket returns the index of the bracket closing v's first one, or
// -1; quoted items inside are skipped (a quote opens one only where an
// item starts: openQuote).
func closeBracket(v string) int {
	depth := 0
	var q byte
	start := true
	for k := 0; k < len(v); k++ {
		c := v[k]
		switch {
		case q != 0:
			if c == '\\' && q == '"' {
				k++
			} else if c == q {
				q = 0
			}
			continue
		case start && (c == '"' || c == '\''):
			q = c
		case c == ' ' || c == '\t':
			continue
		case c == ':' && k+1 < len(v) && v[k+1] == ' ':
			start = true
			continue
		case c == ',':
			start = true
			continue
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			depth--
			if depth == 0 {
				return k
			}
		}
		start = c == '[' || c == '{'
	}
	return -1
}

// openQuote returns the index of a quote in flow value v ([...] or {...})
// that opens a quoted item and never closes, or -1. A quote opens an item
// only at its start (after [, {, a comma or ": "); elsewhere, as in
// [it's, b], it is text.
func openQuote(v string) int {
	start := true
	for k := 0; k < len(v); k++ {
		c := v[k]
		switch {
		case start && (c == '"' || c == '\''):
			end := k + 1
			for ; end < len(v); end++ {
				if c == '"' && v[end] == '\\' {
					end++
					continue
				}
				if v[end] == c {
					if c == '\'' && end+1 < len(v) && v[end+1] == '\'' {
						end++
						continue
					}
					break
				}
			}
			if end >= len(v) {
				return k
			}
			k, start = end, false
		case c == ' ' || c == '\t':
		case c == '[' || c == '{' || c == ',':
			start = true
		case c == ':' && k+1 < len(v) && v[k+1] == ' ':
			start = true
		default:
			start = false
		}
	}
	return -1
}

// unclosedFlow: "tags: [a, b" with no closing bracket.
func (s *source) unclosedFlow(int) (Problem, bool) {
	for i, l := range s.lines {
		if l.blank || l.inQuote || l.value == "" || (l.value[0] != '[' && l.value[0] != '{') {
			continue
		}
		rest := l.value
		for j := i + 1; j < len(s.lines) && s.lines[j].indent > l.indent; j++ {
			rest += " " + strings.TrimSpace(s.lines[j].text) // a list may go on over lines
		}
		if closeBracket(rest) >= 0 {
			continue
		}
		closer := "]"
		if l.value[0] == '{' {
			closer = "}"
		}
		if k := openQuote(l.value); k >= 0 {
			// ["asthma, wheeze]: the quote, not the bracket, is open
			// (closeBracket skips quoted text).
			q, v := l.value[k:k+1], stripComment(l.value)
			fixed := v + q + closer
			if strings.HasSuffix(v, closer) {
				fixed = v[:len(v)-1] + q + closer
			}
			what := "quote"
			if q == "'" {
				what = "single quote"
			}
			return Problem{Line: s.n(i),
				Message: "the " + what + " opened in the value of " + l.name() + " on line " + s.num(i) + " never closes: " + l.shown(),
				Hint:    "end the quoted text with a closing " + q + ", e.g. " + l.withValue(fixed)}, true
		}
		return Problem{Line: s.n(i),
			Message: "the " + l.value[:1] + " that opens the value of " + l.name() + " on line " + s.num(i) + " is never closed: " + l.shown(),
			Hint:    "close it with " + closer + ": " + l.withValue(stripComment(l.value)+closer)}, true
	}
	return Problem{}, false
}

// listAfterValue: a list item under a key that already has a value
// ("title: A" then "- b" in the same column).
func (s *source) listAfterValue(int) (Problem, bool) {
	for i, l := range s.lines {
		if l.blank || l.inQuote || !l.dash {
			continue
		}
		j := s.prev(i)
		if j < 0 {
			continue
		}
		a := s.lines[j]
		if a.dash || !a.colon || a.value == "" || a.indent != l.indent {
			continue
		}
		return Problem{Line: s.n(i),
			Message: "the list item on line " + s.num(i) + " follows " + a.key + ", which already has a value: " + l.shown(),
			Hint:    "delete line " + s.num(i) + ", or make " + a.key + " a list: " + a.key + ": alone on its line, then each item indented under it (" + strconv.Quote("  - "+stripComment(a.value)) + ", " + strconv.Quote("  "+l.shown()) + ")"}, true
	}
	return Problem{}, false
}

// noColon: "summary Asthma", a line with no colon where a key was due.
func (s *source) noColon(at int) (Problem, bool) {
	i := s.at(at)
	l := s.lines[i]
	if l.blank || l.inQuote || l.colon || l.dash || l.indent < 0 {
		return Problem{}, false
	}
	if j := s.prev(i); j >= 0 {
		a := s.lines[j]
		switch {
		case a.colon && isBlockScalar(a.value) && l.indent <= a.col:
			return Problem{Line: s.n(i),
				Message: "the text of " + a.key + " (after " + a.value + " on line " + s.num(j) + ") must be indented under it: " + strconv.Quote(l.text),
				Hint:    "indent the text by two spaces more than " + a.key + ": " + strconv.Quote(strings.Repeat(" ", a.col+2)+l.shown())}, true
		case a.dash && l.indent == a.indent:
			return Problem{Line: s.n(i),
				Message: "line " + s.num(i) + " follows a list item but is not one: " + l.shown(),
				Hint:    "if it is another item, write it as " + strconv.Quote(l.text[:l.indent]+"- "+l.shown()) + "; if it goes on with the item above, indent it further"}, true
		}
	}
	if k := strings.IndexAny(l.value, " \t"); k > 0 {
		return Problem{Line: s.n(i),
			Message: "line " + s.num(i) + " has no colon after its key: " + l.shown(),
			Hint:    "write the key with a colon after it: " + l.withValue(l.value[:k]+":"+l.value[k:])}, true
	}
	return Problem{Line: s.n(i),
		Message: "line " + s.num(i) + " has no colon after its key: " + l.shown(),
		Hint:    "write it as key: value, e.g. " + l.value + ": …"}, true
}

func isBlockScalar(v string) bool {
	v = stripComment(v)
	return v != "" && (v[0] == '|' || v[0] == '>') && strings.Trim(v[1:], "+-0123456789") == ""
}

// misaligned: a line whose indentation matches no line above it in its
// list or mapping ("   year: 2020" under "    title: B"), or text in a
// block (|, >) indented less than its first line.
func (s *source) misaligned(int) (Problem, bool) {
	// level is a column that lines of one list or mapping start at: the
	// last such line, and whether it is a list item ("- ").
	type level struct {
		col, line int
		dash      bool
	}
	var stack []level
	scalar, scalarCol, scalarLine := -1, 0, 0 // the open block's key column, its text's column and first line
	for i, l := range s.lines {
		if l.blank || l.inQuote {
			continue
		}
		if l.indent < 0 {
			return Problem{}, false // the tab check's
		}
		if scalar >= 0 {
			if l.indent > scalar {
				if scalarCol == 0 {
					scalarCol, scalarLine = l.indent, i
					continue
				}
				if l.indent >= scalarCol {
					continue
				}
				return Problem{Line: s.n(i),
					Message: "line " + s.num(i) + " is indented less than the text above it, which begins on line " + s.num(scalarLine) + ": " + strconv.Quote(l.text),
					Hint:    "indent it " + spaces(scalarCol) + ", like line " + s.num(scalarLine)}, true
			}
			scalar = -1
		}
		var popped *level
		for len(stack) > 0 && stack[len(stack)-1].col > l.indent {
			p := stack[len(stack)-1]
			popped = &p
			stack = stack[:len(stack)-1]
		}
		switch {
		case len(stack) > 0 && stack[len(stack)-1].col == l.indent:
			stack[len(stack)-1].line, stack[len(stack)-1].dash = i, l.dash
		case popped != nil:
			// The column just above or just below, whichever holds
			// lines like this one (a list item, or a key).
			like := *popped
			if len(stack) > 0 && popped.dash != l.dash && stack[len(stack)-1].dash == l.dash {
				like = stack[len(stack)-1]
			}
			fix := "indent it " + spaces(like.col)
			if like.col == 0 {
				fix = "remove the spaces before it"
			}
			return Problem{Line: s.n(i),
				Message: "line " + s.num(i) + " is indented " + spaces(l.indent) + ", which lines up with no line above it: " + strconv.Quote(l.text),
				Hint:    fix + ", like " + strings.TrimSpace(s.lines[like.line].text[like.col:]) + " on line " + s.num(like.line)}, true
		default:
			stack = append(stack, level{l.indent, i, l.dash})
		}
		if l.dash && l.col > l.indent && l.value != "" {
			stack = append(stack, level{l.col, i, false})
		}
		if l.colon && isBlockScalar(l.value) {
			scalar, scalarCol = l.col, 0
		}
	}
	return Problem{}, false
}

// escape: a backslash in a double-quoted value that YAML takes for an
// escape ("C:\Users").
func (s *source) escape(i int) (Problem, bool) {
	l := s.lines[i]
	if l.blank || l.inQuote || !strings.HasPrefix(l.value, `"`) || !strings.Contains(l.value, `\`) {
		return Problem{}, false
	}
	end, after, _ := s.closeQuote(i)
	if end != i || after != "" {
		return Problem{}, false
	}
	v := l.value[1 : len(l.value)-1]
	fixed := "'" + strings.ReplaceAll(v, "'", "''") + "'"
	return Problem{Line: s.n(i),
		Message: "a backslash in the value of " + l.name() + " starts an escape YAML does not know, because the value is in double quotes: " + l.shown(),
		Hint:    "use single quotes, in which a backslash is an ordinary character: " + l.withValue(fixed)}, true
}
