package markdown

import (
	"bytes"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"

	"github.com/medkb/medkb/internal/bufpool"
	"github.com/medkb/medkb/internal/markdown/callout"
	"github.com/medkb/medkb/internal/markdown/citation"
)

// plainText returns the visible text under root: inline text joined as
// written, table cells separated by " · " (a row reads "Reliever · Opens
// your airways", not "Reliever Opens your airways") and other blocks by
// newlines. Code blocks, raw HTML, images, citation numbers and the source
// list are left out (root itself is never skipped, so an image yields its
// alt text); the space before a dropped citation goes when punctuation
// follows it ("stroke [@x]." → "stroke.", not "stroke .").
//
// The text is gathered in a pooled buffer, its citation gaps closed in
// place, and tidied into the one string returned: a builder, a copy
// without the gaps and the tidy copy were four allocations of about the
// source's size a page (some 150 MB at 10,000 bench articles).
func plainText(root ast.Node, src []byte) string {
	pb := bufpool.Get()
	defer bufpool.Put(pb)
	b := &pb.Buffer
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n != root && invisible(n) {
			if _, ok := n.(*citation.Citation); ok && entering {
				b.WriteByte(citeMark)
			}
			return ast.WalkSkipChildren, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			if entering {
				writeText(b, n, src)
			}
		case *ast.String:
			if entering {
				b.WriteString(stringValue(n))
			}
		case *ast.AutoLink:
			if entering {
				b.Write(n.Label(src))
			}
		case *callout.Title:
			if entering && !n.HasChildren() {
				b.WriteString(n.Default)
			}
			if c, ok := n.Parent().(*callout.Callout); ok && !entering && c.EmergencyText != "" {
				b.WriteString("\n" + c.EmergencyText)
			}
		case *east.TableCell:
			if !entering && n.NextSibling() != nil {
				b.WriteString(cellSep)
			}
			return ast.WalkContinue, nil
		}
		if !entering && n.Type() == ast.TypeBlock {
			b.WriteByte('\n')
		}
		return ast.WalkContinue, nil
	})
	text := closeCitationGaps(b.Bytes())
	if len(text) == 0 {
		return ""
	}
	return tidy(unsafe.String(&text[0], len(text))) // tidy copies what it keeps
}

// cellSep separates the cells of a table row in plain text.
const cellSep = " · "

// citeMark marks where plainText dropped a citation; closeCitationGaps
// removes it.
const citeMark = '\x00'

// closeCitationGaps removes the citation marks of s and, where the mark
// is followed by punctuation that closes a phrase (or ends the line), the
// white space before it: "stroke \x00." → "stroke.". The text between
// marks is moved a run at a time (bytes.IndexByte finds the next mark),
// not a byte at a time: most of a page's text lies between its citations
// (TestCloseCitationGapsMatchesByteLoop holds it to the loop it replaced).
func closeCitationGaps(s []byte) []byte {
	i := bytes.IndexByte(s, citeMark)
	if i < 0 {
		return s
	}
	// In place: out never passes i, and nothing reads behind i; append
	// moves an overlapping run as copy does.
	out := s[:i]
	for i < len(s) { // s[i] is a mark
		j := i + 1
		for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == citeMark) {
			j++
		}
		r, _ := utf8.DecodeRune(s[j:])
		if j == len(s) || r == '\n' || unicode.IsPunct(r) && !strings.ContainsRune("([{¿¡\"'“‘«", r) {
			for len(out) > 0 && (out[len(out)-1] == ' ' || out[len(out)-1] == '\t') {
				out = out[:len(out)-1]
			}
			i = j // the spaces after the citation go too
		} else {
			i++
		}
		k := bytes.IndexByte(s[i:], citeMark)
		if k < 0 {
			k = len(s) - i
		}
		out = append(out, s[i:i+k]...)
		i += k
	}
	return out
}

// invisible reports whether n's text is left out of plain text.
func invisible(n ast.Node) bool {
	switch n.(type) {
	case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock, *ast.RawHTML, *ast.Image,
		*citation.Citation, *citation.ReferenceList:
		return true
	}
	return false
}

// tidy collapses white space inside lines and drops empty lines: what
// joining each line's strings.Fields with one space and dropping the empty
// ones gives (TestTidyMatchesFields), in one pass without a slice per line.
func tidy(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	lineStart := true // nothing written on the current output line yet
	space := false    // white space seen since the last word on this line
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case r == '\n':
			if !lineStart {
				lineStart, space = true, false
			}
			i += size
			continue
		case unicode.IsSpace(r):
			space = true
			i += size
			continue
		}
		if lineStart {
			if b.Len() > 0 {
				b.WriteByte('\n')
			}
			lineStart = false
		} else if space {
			b.WriteByte(' ')
		}
		space = false
		// Copy the whole word at once: the rest of its ASCII bytes need no
		// decoding, and one write per run of words, not per character. A
		// single ' ' between two words is written as it is, so a run goes
		// on across it: most of a page's text is one run per line.
		j := i + size
		for j < len(s) {
			if c := s[j]; c < utf8.RuneSelf {
				if asciiSpace[c] {
					if c == ' ' && j+1 < len(s) && s[j+1] < utf8.RuneSelf && !asciiSpace[s[j+1]] {
						j += 2
						continue
					}
					break
				}
				j++
				continue
			}
			r, n := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += n
		}
		b.WriteString(s[i:j])
		i = j
	}
	return b.String()
}

// asciiSpace marks the ASCII bytes unicode.IsSpace accepts.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// inlineText returns the text under n on one line with white space
// collapsed: heading text, image alt text.
func inlineText(n ast.Node, src []byte) string { return oneLine(plainText(n, src)) }

// oneLine joins the lines of s, a text tidy returned, with spaces: what
// strings.Join(strings.Fields(s), " ") gives (TestOneLineMatchesFields),
// since tidy leaves one space between the words of a line, one newline
// between lines and none at either end. Most headings and alt texts are
// one line already and come back as they are, without the two
// allocations of strings.Fields and strings.Join.
func oneLine(s string) string {
	if strings.IndexByte(s, '\n') < 0 {
		return s
	}
	return strings.ReplaceAll(s, "\n", " ")
}

func writeText(b *bytes.Buffer, t *ast.Text, src []byte) {
	v := t.Segment.Value(src)
	if !t.IsRaw() {
		v = unescapeText(v)
	}
	b.Write(v)
	switch {
	case t.HardLineBreak():
		b.WriteByte('\n')
	case t.SoftLineBreak():
		b.WriteByte(' ')
	}
}

// stringValue decodes a String node; the typographer stores its
// replacements as HTML entities ("&rsquo;").
func stringValue(s *ast.String) string {
	if s.IsCode() {
		return html.UnescapeString(string(s.Value))
	}
	return string(unescapeText(s.Value))
}

// unescapeText resolves the character references and backslash escapes of
// a text as goldmark's renderer does. Most text of a page has neither an
// '&' nor a '\\', which all three start with: it comes back as it is,
// without goldmark's three byte-by-byte passes.
func unescapeText(v []byte) []byte {
	if bytes.IndexByte(v, '&') < 0 && bytes.IndexByte(v, '\\') < 0 {
		return v
	}
	return util.UnescapePunctuations(util.ResolveNumericReferences(util.ResolveEntityNames(v)))
}
