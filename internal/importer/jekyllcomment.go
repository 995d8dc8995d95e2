package importer

import (
	"strings"
)

// Liquid's {% comment %}…{% endcomment %} shows nothing: its text is for
// the page's editors. The importer dropped the tags and kept the text,
// which readers then saw (CoronaCheck.nl's guidepost pages label their
// parts with "    Page structure ---", indented: a block of code in
// medkb). It is now an HTML comment, <!-- … -->, kept for the editors and
// shown to no reader; the Liquid in it is left as written, as Jekyll did
// not run it.
var (
	commentOpenRe  = lazyRE(`^\s*\{%-?\s*comment\s*-?%\}\s*$`)
	commentCloseRe = lazyRE(`^\s*\{%-?\s*endcomment\s*-?%\}\s*$`)
	// commentInLineRe is a comment within a line.
	commentInLineRe = lazyRE(`\{%-?\s*comment\s*-?%\}(.*?)\{%-?\s*endcomment\s*-?%\}`)
)

// commentText is t as the text of an HTML comment: "--" would end it
// early (and is an error in one), ">" right after <!-- too.
func commentText(t string) string {
	for strings.Contains(t, "--") {
		t = strings.ReplaceAll(t, "--", "- -")
	}
	return t
}

// commentLine translates line n for Liquid comments: inComment says a
// comment's lines are being read (updated). It returns the line and
// whether it was a comment's (written as is).
func (s *site) commentLine(d *doc, line string, n int, inComment *int) (string, bool) {
	if *inComment > 0 {
		if commentCloseRe.MatchString(line) {
			*inComment = 0
			return "-->", true
		}
		return commentText(line), true
	}
	if commentOpenRe.MatchString(line) {
		*inComment = n
		s.note(d.src, n, Changed, "{%% comment %%}: its text, which Jekyll did not show, is an HTML comment (<!-- … -->), kept for editors and shown to no reader")
		return "<!--", true
	}
	if commentInLineRe.MatchString(line) {
		line = commentInLineRe.ReplaceAllStringFunc(line, func(m string) string {
			return "<!-- " + strings.TrimSpace(commentText(commentInLineRe.FindStringSubmatch(m)[1])) + " -->"
		})
	}
	return line, false
}
