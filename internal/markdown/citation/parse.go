package citation

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// inlineParser recognises "[@key; @key2, locator]" on a single line.
type inlineParser struct{}

// Trigger implements parser.InlineParser.
func (inlineParser) Trigger() []byte { return []byte{'['} }

// Parse implements parser.InlineParser. It declines (returns nil) when "["
// is not followed by "@", when the bracket does not close on the line, and
// for links ("[@x](url)", "[@x][ref]", a defined "[@x y]" reference), leaving
// "[" to the footnote and link parsers. Text that starts like a citation
// but does not parse becomes a Malformed citation, rendered literally.
func (inlineParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 3 || line[1] != '@' {
		return nil
	}
	end := closingBracket(line, seg, pc)
	if end < 0 {
		return nil
	}
	if end+1 < len(line) && (line[end+1] == '(' || line[end+1] == '[') {
		return nil // "[@handle](url)" is a link, not a citation.
	}
	items, ok := ParseItems(string(line[1:end]))
	if !ok {
		if _, isRef := pc.Reference(util.ToLinkReference(line[1:end])); isRef {
			return nil
		}
	}
	block.Advance(end + 1)
	n := &Citation{Items: items, Malformed: !ok, Segment: seg.WithStop(seg.Start + end + 1)}
	n.SetPos(seg.Start)
	return n
}

// ParseItems parses the inside of a citation ("@a; @b, p. 12"). It reports
// false when s is not a citation: an item that does not start with '@', an
// empty key, or text after a key that is not a ", locator".
func ParseItems(s string) ([]Item, bool) {
	parts := strings.Split(s, ";")
	items := make([]Item, 0, len(parts))
	for _, part := range parts {
		it, ok := parseItem(strings.TrimSpace(part))
		if !ok {
			return nil, false
		}
		items = append(items, it)
	}
	return items, true
}

func parseItem(s string) (Item, bool) {
	rest, ok := strings.CutPrefix(s, "@")
	if !ok {
		return Item{}, false
	}
	n := keyLen(rest)
	if n == 0 {
		return Item{}, false
	}
	it := Item{Key: rest[:n]}
	tail := strings.TrimSpace(rest[n:])
	if tail == "" {
		return it, true
	}
	loc, ok := strings.CutPrefix(tail, ",")
	if !ok {
		return Item{}, false
	}
	it.Locator = strings.TrimSpace(loc)
	return it, it.Locator != ""
}

// keyLen returns the byte length of the citation key at the start of s.
// Keys are letters, digits and the internal punctuation "_-:./+"; trailing
// punctuation is not part of the key (as in Pandoc).
func keyLen(s string) int {
	n, lastAlnum := 0, 0
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			n += size
			lastAlnum = n
		case strings.ContainsRune("_-:./+", r):
			n += size
		default:
			return lastAlnum
		}
	}
	return lastAlnum
}

// bracketKey holds the last search for "]" in the parser.Context.
var bracketKey = parser.NewContextKey()

// bracketSearch records that the first "]" at or after source offset from,
// up to the line's end stop, is at offset at (-1: none). scanned counts the
// bytes searched in the whole document, for tests that check the work
// stays linear.
type bracketSearch struct{ from, stop, at, scanned int }

// closingBracket returns the index in line (which starts at seg.Start) of
// the first "]", or -1. A line of many "[@" that never close used to be
// searched to its end from each of them, which is quadratic in the line's
// length; the last search is remembered, so a line costs one scan.
func closingBracket(line []byte, seg text.Segment, pc parser.Context) int {
	if c, ok := pc.Get(bracketKey).(*bracketSearch); ok && c.stop == seg.Stop && c.from <= seg.Start && (c.at < 0 || c.at >= seg.Start) {
		if c.at < 0 {
			return -1
		}
		return c.at - seg.Start
	}
	end := bytes.IndexByte(line, ']')
	c, _ := pc.Get(bracketKey).(*bracketSearch)
	if c == nil {
		c = &bracketSearch{}
		pc.Set(bracketKey, c)
	}
	c.from, c.stop, c.at = seg.Start, seg.Stop, -1
	c.scanned += len(line)
	if end >= 0 {
		c.at = seg.Start + end
		c.scanned -= len(line) - end - 1
	}
	return end
}
