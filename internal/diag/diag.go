// Package diag defines positioned diagnostics: a problem in a named file at a
// line and column, with a message and a hint saying how to fix it.
//
// Every medkb package reports content problems as diag values so that the
// command line, the dev server's error overlay and `medkb check --format json`
// print the same thing. The package uses only the standard library and holds
// no state; its values are safe to share between goroutines.
package diag

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Severity says whether a diagnostic stops the build.
type Severity string

const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Diagnostic is one problem at one place.
type Diagnostic struct {
	File     string   `json:"file"`
	Line     int      `json:"line,omitempty"`
	Col      int      `json:"col,omitempty"`
	Severity Severity `json:"severity"`
	Check    string   `json:"check,omitempty"`
	Message  string   `json:"message"`
	Hint     string   `json:"hint,omitempty"`
}

// Pos formats the position as file:line:col, leaving out what is unknown.
func (d Diagnostic) Pos() string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	return b.String()
}

// String formats the diagnostic GCC-style, with the hint on its own line.
func (d Diagnostic) String() string {
	var b strings.Builder
	if p := d.Pos(); p != "" {
		b.WriteString(p)
		b.WriteString(": ")
	}
	b.WriteString(string(d.Severity))
	b.WriteString(": ")
	b.WriteString(d.Message)
	if d.Check != "" {
		fmt.Fprintf(&b, " [%s]", d.Check)
	}
	if d.Hint != "" {
		b.WriteString("\n\thint: ")
		b.WriteString(d.Hint)
	}
	return b.String()
}

// Errorf returns an error diagnostic.
func Errorf(file string, line int, hint, format string, args ...any) Diagnostic {
	return Diagnostic{File: file, Line: line, Severity: Error, Message: fmt.Sprintf(format, args...), Hint: hint}
}

// List is a set of diagnostics; as an error it reports its errors.
type List []Diagnostic

// Sort orders by file, line, column and message so output is deterministic.
func (l List) Sort() { sort.SliceStable(l, func(i, j int) bool { return less(l[i], l[j]) }) }

// SortFrom sorts l as Sort does when its first n diagnostics are already
// in order (a rebuild's kept diagnostics, then its new ones): it sorts the
// rest and merges them in, so the cost is the rest's sort and one pass.
func (l List) SortFrom(n int) {
	head, tail := slices.Clone(l[:n]), slices.Clone(l[n:])
	tail.Sort()
	i, j := 0, 0
	for k := range l {
		if j == len(tail) || (i < len(head) && !less(tail[j], head[i])) {
			l[k], i = head[i], i+1
		} else {
			l[k], j = tail[j], j+1
		}
	}
}

func less(a, b Diagnostic) bool {
	if a.File != b.File {
		return a.File < b.File
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	if a.Col != b.Col {
		return a.Col < b.Col
	}
	return a.Message < b.Message
}

// Errors returns only the error-severity diagnostics.
func (l List) Errors() List {
	var out List
	for _, d := range l {
		if d.Severity == Error {
			out = append(out, d)
		}
	}
	return out
}

// Warnings returns only the warnings.
func (l List) Warnings() List {
	var out List
	for _, d := range l {
		if d.Severity == Warning {
			out = append(out, d)
		}
	}
	return out
}

// Err returns the list's errors as an error, or nil when there are none.
func (l List) Err() error {
	errs := l.Errors()
	if len(errs) == 0 {
		return nil
	}
	errs.Sort()
	return &Errs{List: errs}
}

// Errs is the error form of a List of error diagnostics.
type Errs struct{ List List }

func (e *Errs) Error() string {
	var b strings.Builder
	for i, d := range e.List {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}

// From extracts the diagnostics carried by err (possibly wrapped); an error
// that carries none becomes one diagnostic without a position.
func From(err error) List {
	if err == nil {
		return nil
	}
	var e *Errs
	if errors.As(err, &e) {
		return e.List
	}
	var d *Diagnostic
	if errors.As(err, &d) {
		return List{*d}
	}
	return List{{Severity: Error, Message: err.Error()}}
}

// Error lets a single *Diagnostic be returned as an error.
func (d *Diagnostic) Error() string { return d.String() }
