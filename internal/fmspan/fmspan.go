// Package fmspan finds where a content file's front matter is: the line
// that opens it, the line that closes it and where the body starts, as
// byte offsets and line numbers of the file itself. It decodes nothing.
//
// The rule is the one package frontmatter reads by, which follows Hugo's
// page lexer (parser/pageparser/pagelexer_intro.go):
//   - a UTF-8 byte order mark at the start of the file is skipped;
//   - blank lines (nothing but spaces, tabs or a CR) may come before the
//     opening delimiter;
//   - the first line that is not blank opens the block when it is --- (YAML)
//     or +++ (TOML), trailing spaces and tabs allowed; otherwise the file
//     has no front matter;
//   - the block closes at the next line that is the same delimiter (or
//     "..." for YAML), trailing spaces and tabs allowed;
//   - a line ends at LF; a CR before it belongs to the line ending, so
//     CRLF files are read as they are, with the file's own offsets.
//
// Line numbers count from 1 at the top of the file, BOM and blank lines
// included, so every position reported from a span is one an editor shows.
//
// It is its own package, importing nothing from medkb, so that every
// package that needs to know where the front matter is can ask the same
// code: package frontmatter (Parse, SetID), package check and check/phi
// (which import no other medkb package, so not frontmatter), and package
// source (which comes before frontmatter in the pipeline). Before it, five
// copies of the rule were kept in agreement by hand.
//
// Find is a pure function, safe for concurrent use; it never modifies
// its input.
package fmspan

import (
	"bytes"
	"strings"
)

// Status says whether a file has front matter and whether it closes.
type Status int

const (
	// None: the first line that is not blank is not a delimiter (or the
	// file is empty or blank): the file has no front matter.
	None Status = iota
	// Unclosed: the block opens but no line closes it.
	Unclosed
	// Closed: the block opens and closes.
	Closed
)

// Span is where the front matter of one file is. Offsets index the data
// given to Find; lines count from 1.
type Span struct {
	Status Status
	// Delim is the opening delimiter, "---" or "+++"; "" when Status is
	// None.
	Delim string
	// Open is the offset of the first line that is not blank (the
	// opening delimiter's line when there is front matter), OpenLine its
	// line number. With Status None and a blank file, Open is len(data)
	// and OpenLine the line that offset is on.
	Open, OpenLine int
	// Start is the offset of the block's first line: just past the
	// opening delimiter's line.
	Start int
	// Close is the offset of the closing delimiter's line and CloseLine
	// its number; End is the offset just past that line, where the body
	// starts. With Status Unclosed, Close and End are len(data) and
	// CloseLine is 0.
	Close, CloseLine, End int
}

// Block returns the block's lines between the delimiters, delimiters
// excluded (for Status Closed; nil otherwise).
func (s Span) Block(data []byte) []byte {
	if s.Status != Closed {
		return nil
	}
	return data[s.Start:s.Close]
}

// Body returns what follows the closing delimiter's line (for Status
// Closed); the whole of data otherwise.
func (s Span) Body(data []byte) []byte {
	if s.Status != Closed {
		return data
	}
	return data[s.End:]
}

// BodyLine returns the line number of the body's first line (for Status
// Closed), 1 otherwise.
func (s Span) BodyLine() int {
	if s.Status != Closed {
		return 1
	}
	return s.CloseLine + 1
}

const bom = "\xef\xbb\xbf"

// Find locates the front matter of data, a whole content file as read
// from disk (BOM, CRLF and all) or as package frontmatter normalised it.
func Find(data []byte) Span {
	at, line := 0, 1
	if len(data) >= len(bom) && string(data[:len(bom)]) == bom {
		at = len(bom)
	}
	var sp Span
	for ; at < len(data); line++ {
		end, next := lineAt(data, at)
		t := trimEnd(data[at:end])
		if len(t) == 0 {
			at = next
			continue
		}
		sp.Open, sp.OpenLine = at, line
		if string(t) == "---" || string(t) == "+++" {
			sp.Status, sp.Delim, sp.Start = Unclosed, "---", next
			if t[0] == '+' {
				sp.Delim = "+++"
			}
			return closing(data, sp)
		}
		return sp
	}
	if len(data) > 0 && data[len(data)-1] != '\n' && line > 1 {
		line-- // the last line has no LF: len(data) is still on it
	}
	sp.Open, sp.OpenLine = len(data), line
	return sp
}

// closing finds the line that closes the block sp opens.
func closing(data []byte, sp Span) Span {
	line := sp.OpenLine + 1
	for at := sp.Start; at < len(data); line++ {
		end, next := lineAt(data, at)
		// string(t) in the comparisons does not copy t (it did once a
		// line when bound to a variable: 3 KB an article).
		if t := trimEnd(data[at:end]); string(t) == sp.Delim || (sp.Delim == "---" && string(t) == "...") {
			sp.Status, sp.Close, sp.CloseLine, sp.End = Closed, at, line, next
			return sp
		}
		at = next
	}
	sp.Close, sp.End = len(data), len(data)
	return sp
}

// lineAt returns the end of the line starting at at (the offset of its
// LF, or len(data)) and the offset of the next line.
func lineAt(data []byte, at int) (end, next int) {
	if i := bytes.IndexByte(data[at:], '\n'); i >= 0 {
		return at + i, at + i + 1
	}
	return len(data), len(data)
}

// trimEnd drops trailing spaces, tabs and CRs.
func trimEnd(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}

// Second finds a second block of front matter keys at the top of the
// body of the closed span first, as left by an editor who pasted a
// template's front matter under the file's own (YAML or TOML, under front
// matter of either). The body's first line that is not blank opens it:
//
//   - --- (trailing spaces and tabs allowed) opens a YAML block: every
//     line up to the next --- (or ...) line is a YAML key line ("key:
//     value" or "key:"), a list item ("- x"), an indented line continuing
//     one, or a comment; with a blank line anywhere in it, it is not one
//     (Markdown reads --- as a thematic break, and a blank line after it
//     starts ordinary text).
//   - +++ opens a TOML block: every line up to the next +++ line is blank,
//     a key line ("key = value", the value starting as a TOML value does,
//     not as prose; a dotted key counts as its first part), a table header
//     ("[params]", "[[references]]"), a comment, an indented line, or a
//     line inside an array, inline table or multi-line string that an
//     earlier line opened.
//
// At least one line must name a top-level key (a key line inside a TOML
// table does not; its header does). keys lists those keys in order; sp's
// Delim says which format the block is in. Without a closing line it is
// not one. Markdown reads such a block as page text (a thematic break
// and a paragraph or setext heading; a paragraph starting "+++");
// whether its keys are front matter keys is the caller's to decide (this
// package knows no keys).
func Second(data []byte, first Span) (sp Span, keys []string, ok bool) {
	if first.Status != Closed {
		return Span{}, nil, false
	}
	at, line := first.End, first.CloseLine+1
	for ; at < len(data); line++ {
		end, next := lineAt(data, at)
		if len(trimEnd(data[at:end])) != 0 {
			break
		}
		at = next
	}
	if at >= len(data) {
		return Span{}, nil, false
	}
	end, next := lineAt(data, at)
	delim := string(trimEnd(data[at:end]))
	if delim != "---" && delim != "+++" {
		return Span{}, nil, false
	}
	sp = Span{Status: Unclosed, Delim: delim, Open: at, OpenLine: line, Start: next}
	line++
	var toml tomlReader
	for at = next; at < len(data); line++ {
		end, next := lineAt(data, at)
		t := trimEnd(data[at:end])
		if s := string(t); s == delim || delim == "---" && s == "..." {
			if len(keys) == 0 {
				return Span{}, nil, false
			}
			sp.Status, sp.Close, sp.CloseLine, sp.End = Closed, at, line, next
			return sp, keys, true
		}
		var k string
		var fits bool
		if delim == "---" {
			k, fits = yamlLine(t)
		} else {
			k, fits = toml.line(t)
		}
		if !fits {
			return Span{}, nil, false
		}
		if k != "" {
			keys = append(keys, k)
		}
		at = next
	}
	return Span{}, nil, false
}

// yamlLine says whether line t fits in a YAML block of keys, and returns
// its key when it is a key line.
func yamlLine(t []byte) (key string, fits bool) {
	switch k, isKey := keyOf(t); {
	case isKey:
		return k, true
	case len(t) == 0:
		return "", false // a blank line: paragraphs, not a block
	case t[0] == ' ' || t[0] == '\t', t[0] == '#', t[0] == '-' && (len(t) == 1 || t[1] == ' '):
		return "", true // continues a value, a comment, a list item
	}
	return "", false
}

// tomlReader reads the lines of a TOML block of keys one by one,
// remembering whether a multi-line string, array or inline table is open
// and whether a table header has been seen (after one, key lines are the
// table's).
type tomlReader struct {
	inString string // the quotes of the open multi-line string, "" if none
	depth    int    // brackets and braces open
	inTable  bool
}

// line says whether line t fits in a TOML block of keys, and returns the
// top-level key it names: a key line's before any table header, a table
// header's name.
func (r *tomlReader) line(t []byte) (key string, fits bool) {
	if r.inString != "" || r.depth > 0 {
		r.open(t)
		return "", true
	}
	switch {
	case len(t) == 0, t[0] == ' ' || t[0] == '\t', t[0] == '#':
		return "", true // blank, continues a value, a comment
	case t[0] == '[':
		name, ok := tomlTable(t)
		if !ok {
			return "", false
		}
		r.inTable = true
		return name, true
	}
	k, value, ok := tomlKey(t)
	if !ok {
		return "", false
	}
	r.open(value)
	if r.inTable {
		return "", true
	}
	return k, true
}

// open follows a value's line: the brackets and braces it opens and
// closes, strings and comments left out, and a multi-line string it opens
// or closes.
func (r *tomlReader) open(t []byte) {
	i := 0
	if r.inString != "" {
		end := closingQuote(t, r.inString)
		if end < 0 {
			return
		}
		r.inString, i = "", end
	}
	for ; i < len(t); i++ {
		switch c := t[i]; c {
		case '[', '{':
			r.depth++
		case ']', '}':
			r.depth = max(r.depth-1, 0)
		case '#':
			return // a comment
		case '"', '\'':
			q := string(c)
			if bytes.HasPrefix(t[i:], []byte{c, c, c}) {
				q = strings.Repeat(q, 3)
			}
			end := closingQuote(t[i+len(q):], q)
			if end < 0 {
				if len(q) == 3 {
					r.inString = q
				}
				return // a single-line string never closed: TOML's error, not ours
			}
			i += len(q) + end - 1
		}
	}
}

// closingQuote returns the offset just past the quotes q that close a
// string in t, -1 if none do. In a basic string (") a backslash escapes
// the next character.
func closingQuote(t []byte, q string) int {
	for i := 0; i < len(t); i++ {
		switch {
		case q[0] == '"' && t[i] == '\\':
			i++
		case bytes.HasPrefix(t[i:], []byte(q)):
			return i + len(q)
		}
	}
	return -1
}

// tomlKey reads a TOML key line: a bare key (letters, digits, _ and -) or
// a dotted one (then its first part), spaces allowed around the dots,
// then =. It returns the key and what follows =.
func tomlKey(t []byte) (key string, value []byte, ok bool) {
	i := bareKey(t)
	if i == 0 {
		return "", nil, false
	}
	key = string(t[:i])
	for {
		i += blanks(t[i:])
		if i < len(t) && t[i] == '=' {
			value = t[i+1:]
			value = value[blanks(value):]
			if !tomlValue(value) {
				return "", nil, false
			}
			return key, value, true
		}
		if i >= len(t) || t[i] != '.' {
			return "", nil, false
		}
		i++
		i += blanks(t[i:])
		n := bareKey(t[i:])
		if n == 0 {
			return "", nil, false
		}
		i += n
	}
}

// tomlValue reports whether v starts like a TOML value: a string, an
// array, an inline table, a number or date, a boolean, inf or nan. Prose
// after "key =" does not.
func tomlValue(v []byte) bool {
	if len(v) == 0 {
		return false
	}
	switch c := v[0]; {
	case c == '"', c == '\'', c == '[', c == '{', c == '+', c == '-', c >= '0' && c <= '9':
		return true
	}
	for _, w := range []string{"true", "false", "inf", "nan"} {
		if rest, ok := bytes.CutPrefix(v, []byte(w)); ok && (len(rest) == 0 || rest[0] == ' ' || rest[0] == '\t' || rest[0] == '#' || rest[0] == ',') {
			return true
		}
	}
	return false
}

// tomlTable reads a table header, [name] or [[name]] (a dotted name
// counts as its first part; a comment may follow), and returns its name.
func tomlTable(t []byte) (string, bool) {
	brackets := 1
	if len(t) > 1 && t[1] == '[' {
		brackets = 2
	}
	inner := t[brackets:]
	inner = inner[blanks(inner):]
	n := bareKey(inner)
	if n == 0 {
		return "", false
	}
	rest := inner[n:]
	if i := bytes.IndexByte(rest, '#'); i >= 0 {
		rest = rest[:i]
	}
	rest = bytes.TrimRight(rest, " \t")
	if !bytes.HasSuffix(rest, []byte("]]")[:brackets]) {
		return "", false
	}
	return string(inner[:n]), true
}

// bareKey returns the length of the TOML bare key at the start of t
// (letters, digits, _ and -), 0 when there is none.
func bareKey(t []byte) int {
	i := 0
	for i < len(t) && (t[i] == '_' || t[i] == '-' || t[i] >= 'a' && t[i] <= 'z' || t[i] >= 'A' && t[i] <= 'Z' || t[i] >= '0' && t[i] <= '9') {
		i++
	}
	return i
}

// blanks returns the number of spaces and tabs at the start of t.
func blanks(t []byte) int {
	i := 0
	for i < len(t) && (t[i] == ' ' || t[i] == '\t') {
		i++
	}
	return i
}

// keyOf returns the key of a YAML key line at the start of line: a name
// of letters, digits, _ and - (starting with a letter or _), then a colon
// at the end of the line or before a space or tab.
func keyOf(line []byte) (string, bool) {
	i := 0
	for i < len(line) && (line[i] == '_' || line[i] >= 'a' && line[i] <= 'z' || line[i] >= 'A' && line[i] <= 'Z' ||
		i > 0 && (line[i] == '-' || line[i] >= '0' && line[i] <= '9')) {
		i++
	}
	if i == 0 || i >= len(line) || line[i] != ':' || i+1 < len(line) && line[i+1] != ' ' && line[i+1] != '\t' {
		return "", false
	}
	return string(line[:i]), true
}
