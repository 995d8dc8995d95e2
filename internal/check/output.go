package check

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
)

// WriteText writes diagnostics in GCC style, one per line, each followed by
// an indented hint line when there is a hint:
//
//	content/a.md:12:3: error: broken link "/x/" … [link]
//		hint: did you mean /y/?
//
// Zero line or column are left out ("file:12:" or "file:"). Control
// characters are escaped so that a message cannot rewrite the terminal.
// Write errors are ignored, as with fmt.Fprintf to a terminal; use
// WriteJSON for machine consumers.
func WriteText(w io.Writer, diags []Diagnostic) {
	bw := bufio.NewWriter(w)
	for _, d := range diags {
		fmt.Fprintf(bw, "%s%s: %s [%s]\n", position(d), d.Severity, printable(d.Message), printable(d.Check))
		if d.Hint != "" {
			fmt.Fprintf(bw, "\thint: %s\n", printable(d.Hint))
		}
	}
	bw.Flush()
}

// position renders "file:line:col: " with unknown parts left out.
func position(d Diagnostic) string {
	var b strings.Builder
	if d.File != "" {
		b.WriteString(printable(d.File))
		b.WriteByte(':')
		if d.Line > 0 {
			b.WriteString(strconv.Itoa(d.Line))
			b.WriteByte(':')
			if d.Col > 0 {
				b.WriteString(strconv.Itoa(d.Col))
				b.WriteByte(':')
			}
		}
		b.WriteByte(' ')
	}
	return b.String()
}

// printable escapes control characters (including newlines) Go-style.
func printable(s string) string {
	if strings.IndexFunc(s, unicode.IsControl) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// report is the stable JSON schema of WriteJSON.
type report struct {
	Diagnostics []Diagnostic `json:"diagnostics"`
	Errors      int          `json:"errors"`
	Warnings    int          `json:"warnings"`
}

// WriteJSON writes {"diagnostics":[…],"errors":N,"warnings":N} followed by a
// newline. Every diagnostic has all of file, line, col, severity, check,
// message and hint; diagnostics is [] (never null) when there are none.
func WriteJSON(w io.Writer, diags []Diagnostic) error {
	errs, warns := Summary(diags)
	r := report{Diagnostics: diags, Errors: errs, Warnings: warns}
	if r.Diagnostics == nil {
		r.Diagnostics = []Diagnostic{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("check: write JSON report: %w", err)
	}
	return nil
}
