package importer

import (
	"os"
	"path/filepath"
	"strings"
)

// Alerts of the Jekyll documentation theme (documentation-theme-jekyll,
// used by many clinical implementation guides): a line that is only
//
//	{% include important.html content="Changes will be listed in the [Release Notes](overview_release_notes.html)." %}
//
// where the site's _includes/important.html puts {{include.content}},
// rendered as Markdown, in a <div class="alert …"> after a bold
// "Important:". medkb's callouts say the same:
//
//	> [!IMPORTANT]
//	> Changes will be listed in the [Release Notes](/overview_release_notes/).
//
// Before, the whole tag became an HTML comment, so the page lost the
// warning's text (with a note asking a person to write it again).

// alertIncludeRe is such a line: its indentation, the include's name and
// its content (double or single quoted), with nothing else on the line.
var alertIncludeRe = lazyRE(`^(\s*)\{%-?\s*include\s+(note|tip|warning|important)\.html\s+content\s*=\s*(?:"([^"]*)"|'([^']*)')\s*-?%\}\s*$`)

// alertKinds maps the theme's alert includes to medkb's callout kinds.
var alertKinds = map[string]string{"note": "NOTE", "tip": "TIP", "warning": "WARNING", "important": "IMPORTANT"}

// alertInclude returns the callout kind, content and indentation of an
// alert include on line, when the site's _includes file of that name is
// an alert that shows its content (a site may have a note.html of its
// own that does something else: that stays a template tag).
func (s *site) alertInclude(line string) (kind, content, indent string, ok bool) {
	m := alertIncludeRe.FindStringSubmatch(line)
	if m == nil {
		return "", "", "", false
	}
	if s.alertFiles == nil {
		s.alertFiles = map[string]bool{}
	}
	is, seen := s.alertFiles[m[2]]
	if !seen {
		b, err := os.ReadFile(filepath.Join(s.opts.Source, "_includes", m[2]+".html"))
		t := string(b)
		is = err == nil && strings.Contains(t, "include.content") && strings.Contains(t, "alert")
		s.alertFiles[m[2]] = is
	}
	if !is {
		return "", "", "", false
	}
	return alertKinds[m[2]], m[3] + m[4], m[1], true
}
