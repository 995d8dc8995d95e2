package importer

import (
	"net/url"
	"path"
	"path/filepath"
	"strings"
)

// Links to Markdown files. Writers who preview in an editor link a page
// by its file: [settings](/building/reference/app-settings/_index.md),
// [dose](../dosing.md#adults). medkb leads such a link to the page
// published from the file (package body), but the import moves every
// file: Hugo's content/en/a/b/c.md becomes content/a/b-c.md, a section's
// _index.md a section page, a bundle's x/index.md the page x.md. So a
// link that named a file of the old tree names none in the new one.
// mdFileLink writes it as the path to the file the page was imported to,
// relative to the linking page's own new file: the link still leads to
// the page's URL when medkb builds it, still opens the file in an
// editor's preview (GitHub, VS Code and MkDocs follow a relative path to
// a file, where GitHub reads "/a.md" from the repository's root, not
// content/), and follows the page if its slug or url: changes later, as
// a written URL would not.

// mdFiles maps each Markdown file of the old site, as its links name it
// (mdFileKey), to the file of the new site its page was imported to.
type mdFiles map[string]string

// mdFileKey is d's source file as a link names it: from Hugo's content
// folder (whatever contentDir or mount it came from: "a/b/c.md"), from a
// Jekyll site's root ("_posts/2024-01-01-a.md", "about.md"), as
// jekyll-relative-links reads them. "": none (a page the import made).
func (d *doc) mdFileKey() string {
	if d.ref != "" {
		return strings.TrimPrefix(d.ref, "content/")
	}
	if !isMarkdown(d.src) {
		return ""
	}
	return d.src
}

// mdFileIndex maps the old site's Markdown files to their new files:
// articles to theirs, the home and section pages to the _index files the
// import writes, and a nested section's list page that was not imported
// to its top section's page, where links to its address go.
func (s *site) mdFileIndex() (mdFiles, map[*doc]string) {
	files := mdFiles{}
	own := map[*doc]string{} // each page's new file
	add := func(d *doc, file string) {
		own[d] = file
		if k := d.mdFileKey(); k != "" {
			if _, ok := files[k]; !ok {
				files[k] = file
			}
		}
	}
	for _, d := range s.docs {
		add(d, d.file())
	}
	if s.home != nil {
		add(s.home, "content/_index.md")
	}
	for l, d := range s.langHomes {
		add(d, "content/_index."+l+".md")
	}
	for k, d := range s.sectionMeta {
		add(d, sectionFile(k.section, k.lang))
	}
	for _, d := range s.droppedLists {
		if top, ok := s.nestedLists[d.url]; ok {
			if k := d.mdFileKey(); k != "" {
				if _, ok := files[k]; !ok {
					files[k] = sectionFile(path.Base(strings.TrimSuffix(top, "/")), d.lang)
				}
			}
		}
	}
	return files, own
}

// sectionFile is the file of a section's page in language lang.
func sectionFile(section, lang string) string {
	if lang != "" {
		return path.Join("content", section, "_index."+lang+".md")
	}
	return path.Join("content", section, "_index.md")
}

// mdFileLink returns the link dest (written on body line line of d, whose
// new file is from) written as the path to the file the page it names
// was imported to, when dest is a link to a Markdown file (no scheme, a
// path ending in a Markdown extension): relative to from's folder, its
// fragment kept. A path is read from d's source file's folder, or from
// the content folder (Hugo) or the site's root (Jekyll) when it starts
// with "/", as medkb and the editors read it. ok is false for any other
// link. A Markdown file no imported page came from keeps the link as
// written, with a note a person sees: medkb check reports it as broken.
func (s *site) mdFileLink(d *doc, line int, dest string) (string, bool) {
	from := s.newFiles[d]
	p, frag := cutFragment(dest)
	if strings.Contains(p, "?") || !isMarkdown(p) {
		return "", false
	}
	file, err := url.PathUnescape(p)
	if err != nil {
		return "", false
	}
	var key string
	if strings.HasPrefix(file, "/") {
		key = strings.TrimPrefix(path.Clean(file), "/")
	} else {
		key = path.Join(path.Dir(d.mdFileKey()), file)
	}
	to, ok := s.mdFiles[key]
	if !ok || from == "" {
		if note := d.src + "\x00" + dest; !s.noted[note] {
			s.noted[note] = true
			s.note(d.src, d.srcLine(line), Human, "link to %s names the Markdown file %s, which no imported page comes from: kept as written, and medkb check reports it as broken; fix the link", dest, key)
		}
		return dest, true
	}
	r, err := filepath.Rel(filepath.FromSlash(path.Dir(from)), filepath.FromSlash(to))
	if err != nil {
		return "", false
	}
	// A space ends a Markdown link's address.
	r = strings.ReplaceAll(filepath.ToSlash(r), " ", "%20") + frag
	if r != dest {
		s.note(d.src, d.srcLine(line), Changed, "link to the Markdown file %s (imported as %s) written as %s, its path from this page's new file", dest, to, r)
	}
	return r, true
}
