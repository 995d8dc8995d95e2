package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// checkCapitals reports words written in capitals for emphasis ("DO NOT
// TAKE WITH ALCOHOL"): block capitals are harder to read, since words
// lose their shape, and some screen readers spell them out letter by
// letter; the NHS's and GOV.UK's content guides ask for bold instead
// (RuleCapitals). A run of three or more words in capitals, two of them
// four letters or longer, is reported once per text node; acronyms
// (NHS, COPD, COVID-19) stand alone or in pairs and are not.
//
// goldmark splits a run of text into several Text nodes (its linkify
// parser stops at every space), so the check reads from the first node of
// a run of neighbours in the source — a line break between them counts as
// a space — to the last, and the later nodes are passed over.
func (p *page) checkCapitals(t *ast.Text) {
	if prev, ok := t.PreviousSibling().(*ast.Text); ok && adjoins(p.src, prev, t) {
		return
	}
	last := t
	for next, ok := last.NextSibling().(*ast.Text); ok && adjoins(p.src, last, next); next, ok = last.NextSibling().(*ast.Text) {
		last = next
	}
	v := p.src[t.Segment.Start:last.Segment.Stop]
	upper := 0
	for _, c := range v {
		if 'A' <= c && c <= 'Z' {
			upper++
		}
	}
	if upper < 9 {
		return // too few capitals for a run of them: most text nodes stop here
	}
	start, end := capitalsRun(v)
	if start < 0 {
		return
	}
	run := strings.Join(strings.Fields(string(v[start:end])), " ")
	line, col := p.lineCol(t.Segment.Start + start)
	r, size := utf8.DecodeRuneInString(run)
	sentence := string(r) + strings.ToLower(run[size:])
	p.diags = append(p.diags, Diagnostic{File: p.ctx.File, Line: line, Col: col, Severity: SeverityWarning, Check: RuleCapitals,
		Message: fmt.Sprintf("text in capitals, %q: capitals are harder to read, and some screen readers spell them out letter by letter", run),
		Hint:    fmt.Sprintf("write it in sentence case; to stress it, make it bold: **%s**", sentence)})
}

// capitalsRun returns the byte range of the first run in v of three or
// more words in capitals (each of two letters or more, digits and
// hyphens allowed; numbers and single capitals between them go with the
// run) with at least two of four letters or more, or -1, -1.
func capitalsRun(v []byte) (start, end int) {
	s := string(v)
	runStart, runEnd, words, long := -1, -1, 0, 0
	flush := func() (int, int, bool) {
		if words >= 3 && long >= 2 {
			return runStart, runEnd, true
		}
		runStart, words, long = -1, 0, 0
		return -1, -1, false
	}
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			// Between words: spaces, "&", "/" and apostrophes keep a run going;
			// anything else (a comma: a list of acronyms; a full stop, a
			// colon, a bracket) ends it.
			if !unicode.IsSpace(r) && !strings.ContainsRune("&'’-/", r) {
				if a, b, ok := flush(); ok {
					return a, b
				}
			}
			i += size
			continue
		}
		j := i
		letters, allUpper := 0, true
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' {
				break
			}
			if unicode.IsLetter(r) {
				letters++
				if !unicode.IsUpper(r) {
					allUpper = false
				}
			}
			j += size
		}
		if letters == 0 || allUpper && letters == 1 {
			// A number (CALL 999 NOW) or a capital letter alone (HAVE A
			// FEVER, I) neither breaks a run nor counts in it.
			if runStart >= 0 {
				runEnd = j
			}
			i = j
			continue
		}
		if allUpper && letters >= 2 {
			if runStart < 0 {
				runStart = i
			}
			runEnd = j
			words++
			if letters >= 4 {
				long++
			}
		} else if a, b, ok := flush(); ok {
			return a, b
		}
		i = j
	}
	if a, b, ok := flush(); ok {
		return a, b
	}
	return -1, -1
}

// adjoins reports whether text b follows text a in the source with
// nothing but spaces or one line break between them.
func adjoins(src []byte, a, b *ast.Text) bool {
	gap := b.Segment.Start - a.Segment.Stop
	if gap < 0 || gap > 4 {
		return false
	}
	for _, c := range src[a.Segment.Stop:b.Segment.Start] {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return bytes.Count(src[a.Segment.Stop:b.Segment.Start], []byte("\n")) <= 1
}
