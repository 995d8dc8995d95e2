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

import "bytes"

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

// Second finds the candidate for a second block of front matter at the
// top of the body of the closed span first, as left by an editor who
// pasted a template's front matter under the file's own (YAML or TOML,
// under front matter of either). The body's first line that is not blank
// opens it when it is --- or +++ (trailing spaces and tabs allowed), and
// the next line that is the same delimiter (or ... for YAML) closes it.
// A YAML candidate holds no blank line: Markdown reads --- as a thematic
// break, and a blank line after it starts ordinary text. A TOML candidate
// may hold blank lines. Without a closing line there is no candidate.
//
// Like Find, it decodes nothing: whether the lines between are keys
// (they may be a thematic break and a paragraph or setext heading, or a
// paragraph starting "+++") is for a parser to say, and whether those
// keys are front matter keys is the caller's (package frontmatter reads
// the candidate with the real YAML or TOML parser). A candidate is a
// superset of the blocks frontmatter reports: every one of them is one.
func Second(data []byte, first Span) (sp Span, ok bool) {
	if first.Status != Closed {
		return Span{}, false
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
		return Span{}, false
	}
	end, next := lineAt(data, at)
	var delim string
	switch string(trimEnd(data[at:end])) { // compared in place: most first lines are a paragraph, not copied
	case "---":
		delim = "---"
	case "+++":
		delim = "+++"
	default:
		return Span{}, false
	}
	sp = Span{Status: Unclosed, Delim: delim, Open: at, OpenLine: line, Start: next}
	line++
	for at = next; at < len(data); line++ {
		end, next := lineAt(data, at)
		t := trimEnd(data[at:end])
		if s := string(t); s == delim || delim == "---" && s == "..." {
			sp.Status, sp.Close, sp.CloseLine, sp.End = Closed, at, line, next
			return sp, true
		}
		if len(t) == 0 && delim == "---" {
			return Span{}, false // a thematic break and paragraphs
		}
		at = next
	}
	return Span{}, false
}
