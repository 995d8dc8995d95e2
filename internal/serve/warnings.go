package serve

import (
	"fmt"
	"strings"
)

// Warning is one problem a successful build found (the same diagnostics,
// check names and hints as `medkb check`), with the URL path of the page
// it is about so the browser shows each page its own.
type Warning struct {
	URL     string `json:"url"` // "/conditions/asthma/"; "" for site-wide warnings
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Col     int    `json:"col,omitempty"`
	Check   string `json:"check,omitempty"`
	Message string `json:"message"`
	Hint    string `json:"hint,omitempty"`
}

// Warner is implemented by a Builder whose successful builds also report
// warnings. After each successful Build, the server calls Warnings, prints
// each warning the previous build did not have as one line in the
// terminal, and sends all of them to browsers as a "warnings" event
// (data: {"warnings": [Warning…]}), replayed to tabs that connect later.
// The live-reload script shows the current page's in a dismissible panel.
type Warner interface {
	Warnings() []Warning
}

// position formats file:line:col, leaving out what is unknown.
func (w Warning) position() string {
	var b strings.Builder
	b.WriteString(w.File)
	if w.Line > 0 {
		fmt.Fprintf(&b, ":%d", w.Line)
		if w.Col > 0 {
			fmt.Fprintf(&b, ":%d", w.Col)
		}
	}
	return b.String()
}

// String is the warning's terminal line: position, message and check name
// on one line (control characters are quoted by the checks already; line
// breaks are flattened here so one warning is one line).
func (w Warning) String() string {
	msg := strings.Join(strings.Fields(w.Message), " ")
	s := w.position() + ": warning: " + msg
	if w.Check != "" {
		s += " [" + w.Check + "]"
	}
	return s
}

// reportWarnings logs the warnings that are new since the last build and
// publishes the whole list to browsers.
func (s *Server) reportWarnings(warns []Warning, prev []Warning) {
	seen := make(map[string]bool, len(prev))
	for _, w := range prev {
		seen[w.String()] = true
	}
	fresh := 0
	for _, w := range warns {
		if !seen[w.String()] {
			fresh++
			s.opts.Logf("%s", w)
		}
	}
	if fresh > 0 || len(warns) != len(prev) {
		s.opts.Logf("%d warnings (%d new)", len(warns), fresh)
	}
	if warns == nil {
		warns = []Warning{}
	}
	s.hub.publish(event{name: "warnings", data: mustJSON(map[string][]Warning{"warnings": warns})})
}
