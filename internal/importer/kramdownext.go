package importer

import (
	"strings"
)

// kramdown's extensions in a Jekyll Markdown page: {::options /},
// {::comment} and {::nomarkdown}, each written {::name} … {:/name} (or
// {:/}), or {::name /} without content. goldmark reads none of them:
// before, the importer took each tag for an attribute list ({: .class})
// and removed it with a note about heading ids, so the text of a
// {::comment} showed on the page.
//
// {::options parse_block_html="true" /} makes kramdown read Markdown
// inside the page's HTML blocks, as the _config.yml option does: the page
// is read so (d.blockHTML; kramdownHTML and kramdownMarkdown), for the
// whole page, as the option is written at its top; other options are
// named in a note as having no effect in medkb. A {::comment} becomes an
// HTML comment, which no reader sees either. {::nomarkdown} (text written
// out as it is, not read as Markdown) loses its tags, with a note for a
// person, as medkb reads the text between as Markdown. Each tag on a line
// of its own leaves an empty line, so the lines keep their numbers.

var (
	kdOptionsRe    = lazyRE(`^ {0,3}\{::options\s+(.*?)\s*/\}\s*$`)
	kdOptionRe     = lazyRE(`([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))`)
	kdExtOpenRe    = lazyRE(`^ {0,3}\{::(comment|nomarkdown)\}\s*$`)
	kdExtCloseRe   = lazyRE(`^ {0,3}\{:/(comment|nomarkdown)?\}\s*$`)
	kdInlineComRe  = lazyRE(`\{::comment\}(.*?)\{:/(?:comment)?\}`)
	kdInlineNoMdRe = lazyRE(`\{::nomarkdown\}(.*?)\{:/(?:nomarkdown)?\}`)
)

// kramdownExtension translates line n of the Jekyll page d if it holds a
// kramdown extension, and reports whether the line is done (a tag alone
// on it, or a line of a comment: nothing else to translate in it); open
// is the extension whose {:/} closes it ("comment", "nomarkdown" or "").
func (s *site) kramdownExtension(d *doc, line string, n int, open *string) (string, bool) {
	if m := kdOptionsRe.FindStringSubmatch(line); m != nil {
		var other []string
		for _, o := range kdOptionRe.FindAllStringSubmatch(m[1], -1) {
			key, v := o[1], o[2]+o[3]+o[4]
			if key != "parse_block_html" {
				other = append(other, key+"="+v)
				continue
			}
			on := v == "true"
			d.blockHTML = &on
			what := "read as kramdown read it: the Markdown inside its HTML blocks as Markdown"
			if !on {
				what = "read as kramdown read it: its HTML blocks as HTML"
			}
			s.note(d.src, n, Changed, "{::options parse_block_html=%q /}: kramdown's option for this page; the page is %s (see the notes of its HTML elements), and the line is removed", v, what)
		}
		if len(other) > 0 {
			s.note(d.src, n, Changed, "{::options /}: kramdown's option %s has no effect in medkb: removed", strings.Join(other, ", "))
		}
		return "", true
	}
	if m := kdExtOpenRe.FindStringSubmatch(line); m != nil && *open == "" {
		*open = m[1]
		if m[1] == "comment" {
			s.note(d.src, n, Changed, "{::comment} (kramdown: text no reader sees) written as an HTML comment, <!-- … -->")
			return "<!--", true
		}
		s.note(d.src, n, Human, "{::nomarkdown} (kramdown: the text up to {:/} is written out as it is, not read as Markdown) removed, with its {:/}: medkb reads the text between as Markdown, or as HTML where it starts with a tag; check that it shows as before")
		return "", true
	}
	if m := kdExtCloseRe.FindStringSubmatch(line); m != nil && *open != "" && (m[1] == "" || m[1] == *open) {
		was := *open
		*open = ""
		if was == "comment" {
			return "-->", true
		}
		return "", true
	}
	if *open == "comment" {
		// No "--" in the comment, where it would end it or break it.
		return strings.ReplaceAll(line, "--", "- -"), true
	}
	if kdInlineComRe.MatchString(line) {
		line = kdInlineComRe.ReplaceAllStringFunc(line, func(c string) string {
			return "<!--" + strings.ReplaceAll(kdInlineComRe.FindStringSubmatch(c)[1], "--", "- -") + "-->"
		})
		s.note(d.src, n, Changed, "{::comment} (kramdown: text no reader sees) written as an HTML comment, <!-- … -->")
	}
	if kdInlineNoMdRe.MatchString(line) {
		line = kdInlineNoMdRe.ReplaceAllString(line, "$1")
		s.note(d.src, n, Human, "{::nomarkdown} (kramdown: the text up to {:/} is written out as it is, not read as Markdown) removed, with its {:/}: medkb reads the text between as Markdown; check that it shows as before")
	}
	return line, false
}
