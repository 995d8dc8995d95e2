package importer

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/medkb/medkb/internal/assemble"
)

// hugoOutputExt is the file Hugo's built-in output formats write (by
// their names in outputs:, lower case), for the note on a page made into
// one; a format of the site's own is named as written.
var hugoOutputExt = map[string]string{"json": "json", "rss": "xml", "calendar": "ics", "csv": "csv", "css": "css", "robots": "txt", "sitemap": "xml", "webappmanifest": "webmanifest", "markdown": "md"}

// hugoOutputPage leaves out the Hugo page d (content file f) when Hugo
// made it into a file that is no web page with a template: url: naming a
// file (url: /index.json, a search index for a script: medkb refuses a
// page at such an address, assemble.FileType) or outputs: without HTML
// (outputs: [json]). Its note, at the key's line, says what it was and
// what medkb writes instead, and the page is not imported (true).
func (s *site) hugoOutputPage(d *doc, f *contentFile) bool {
	u, hasURL := entryOf(f.entries, "url")
	kind := ""
	if hasURL {
		kind = assemble.FileType(str(u.value))
	}
	o, hasOutputs := entryOf(f.entries, "outputs")
	var formats []string
	if hasOutputs {
		for _, x := range stringsOf(o.value) {
			formats = append(formats, strings.ToLower(x))
		}
	}
	noHTML := len(formats) > 0 && !slices.Contains(formats, "html") && !slices.Contains(formats, "amp")
	if kind == "" && !noHTML {
		return false
	}
	at, line, how := "", u.line, fmt.Sprintf("url: %s", str(u.value))
	ext := ""
	if kind != "" {
		at = path.Clean("/" + str(u.value))
		ext = strings.TrimPrefix(path.Ext(at), ".")
	}
	if noHTML {
		if ext == "" {
			ext = hugoOutputExt[formats[0]]
			if ext == "" {
				ext = formats[0]
			}
			at = d.url + "index." + ext
			line = o.line
			how = fmt.Sprintf("outputs: [%s], no HTML", strings.Join(formats, ", "))
		} else {
			how += fmt.Sprintf(", outputs: [%s]", strings.Join(formats, ", "))
		}
	}
	if kind == "" {
		kind = assemble.FileType("/file." + ext) // "an XML"
	}
	if kind == "" {
		kind = "a " + strings.ToUpper(ext)
	}
	what := kind + " file"
	var instead string
	switch strings.ToLower(ext) {
	case "json":
		instead = "medkb writes its own JSON: the site's search index (under /search/, which its search box reads) and a JSON Feed of the newest articles (/feed.json); if a script or another site read " + s.served(at) + ", point it at /feed.json or use medkb's search box"
	case "xml", "rss", "atom":
		instead = "medkb writes the site's feeds (RSS at /index.xml, Atom at /atom.xml, JSON Feed at /feed.json) and its sitemap (/sitemap.xml) itself; if readers subscribed to " + s.served(at) + ", add a permanent redirect from it to " + s.served("/index.xml") + " on the web server"
	default:
		instead = "medkb makes no such file from a page: if the new site needs it, make it once with Hugo (hugo build) and put public" + at + " at static" + at
	}
	text := ""
	if t := liquidPageText(d.body); t != "" {
		text = fmt.Sprintf("; its text (%s) is not imported either", t)
	}
	s.unParams(d)
	s.note(f.src, line, Human, "not imported: Hugo made this page into %s at %s with the site's templates (%s; Hugo's output formats), data for a script or another site rather than a page for readers, and medkb lays out pages as HTML only; %s%s", what, s.served(at), how, instead, text)
	return true
}
