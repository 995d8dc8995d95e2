package importer

import (
	"strings"
)

// What kramdown reads as text, never as tags, in a Jekyll Markdown page:
// fenced code blocks, HTML comments (a Jekyll {% comment %} became one),
// the text of <script>, <style> and <textarea> elements (kramdown reads it
// up to the end tag as it is), and code spans. A <div markdown="1"> or a
// </div> written there is an example, a string of JavaScript or a CSS
// comment: kramdownHTML and kramdownMarkdown must neither start nor end
// an element at it, nor change its lines. kdMask blanks all of that out,
// byte for byte, so that they look for tags in the lines it returns and
// take the offsets found there to the lines as written.

// kdBlank is the byte kdMask writes in place of text: no space (a line
// that starts inside a comment or script does not start an HTML block)
// and no character of a tag.
const kdBlank = 0

var (
	kdRawOpenRe = lazyRE(`(?i)<(script|style|textarea)(?:\s[^>]*)?>`)
	kdRawEndRe  = map[string]*lazyRegexp{
		"script":   lazyRE(`(?i)</script\s*>`),
		"style":    lazyRE(`(?i)</style\s*>`),
		"textarea": lazyRE(`(?i)</textarea\s*>`),
	}
)

// kdMask returns lines with their fenced code, HTML comments, text of
// <script>, <style> and <textarea> elements and code spans written as
// kdBlank bytes (the tags of the elements kept). A comment or element
// never closed runs to the end of the page, as both kramdown and goldmark
// read it.
func kdMask(lines []string) []string {
	out := make([]string, len(lines))
	var f fence
	in := "" // what the line starts inside: "comment", "script", "style", "textarea" or ""
	for i, line := range lines {
		b := []byte(line)
		if in == "" && f.code(line) {
			blankBytes(b)
			out[i] = string(b)
			continue
		}
		pos := 0
		for pos < len(b) {
			rest := line[pos:]
			if in == "comment" {
				end := strings.Index(rest, "-->")
				if end < 0 {
					blankBytes(b[pos:])
					break
				}
				blankBytes(b[pos : pos+end+3])
				pos, in = pos+end+3, ""
				continue
			}
			if in != "" {
				loc := kdRawEndRe[in].FindStringIndex(rest)
				if loc == nil {
					blankBytes(b[pos:])
					break
				}
				blankBytes(b[pos : pos+loc[0]])
				pos, in = pos+loc[1], ""
				continue
			}
			j := strings.IndexAny(rest, "`<")
			if j < 0 {
				break
			}
			pos += j
			rest = line[pos:]
			switch {
			case rest[0] == '`':
				n := len(rest) - len(strings.TrimLeft(rest, "`"))
				if pos > 0 && line[pos-1] == '\\' {
					pos += n
					continue
				}
				if end := codeSpanEnd(rest, n); end > 0 {
					blankBytes(b[pos : pos+end])
					pos += end
				} else {
					pos += n // no closing run: the backticks are text
				}
			case strings.HasPrefix(rest, "<!--"):
				blankBytes(b[pos : pos+4])
				pos, in = pos+4, "comment"
			default:
				if loc := kdRawOpenRe.FindStringSubmatchIndex(rest); loc != nil && loc[0] == 0 {
					in = strings.ToLower(rest[loc[2]:loc[3]])
					pos += loc[1]
				} else {
					pos++
				}
			}
		}
		out[i] = string(b)
	}
	return out
}

// codeSpanEnd returns the offset after the run of n backticks that closes
// the code span opened by the n backticks s starts with, 0 for none on
// the line.
func codeSpanEnd(s string, n int) int {
	for pos := n; pos < len(s); {
		j := strings.IndexByte(s[pos:], '`')
		if j < 0 {
			return 0
		}
		pos += j
		m := len(s[pos:]) - len(strings.TrimLeft(s[pos:], "`"))
		if m == n {
			return pos + m
		}
		pos += m
	}
	return 0
}

func blankBytes(b []byte) {
	for i := range b {
		b[i] = kdBlank
	}
}
