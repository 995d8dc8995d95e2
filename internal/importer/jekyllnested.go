package importer

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// A Jekyll site's repository may hold another generator's site in a
// folder: nhsconnect/Digital-Child-Health-STU3 kept a Netlify CMS Hugo
// starter in site/ (site/layouts/ with 27 Hugo templates, site/content/
// with two pages whose front matter is TOML, site/static/). Jekyll does not
// know it: it copied the templates as they were, their {{ partial "head" . }}
// source published as HTML, and read no front matter in the pages (Jekyll's
// is YAML between --- lines), so it never showed them as pages. Imported
// as any other folder, the templates were published again (the Nu checker's
// only errors on the import were in them) and the pages became pages the
// old site never had.
//
// nestedHugo finds such a folder: one holding layouts/ whose HTML files
// without front matter hold Go template actions ({{ … }}), beside content/,
// archetypes/, a theme.toml or a Hugo configuration file. The walk leaves
// out its layouts/ and the Markdown files of its content/ that Jekyll read
// no front matter in, with one note for the folder naming them; its other
// files (static/) are copied as Jekyll published them.

// nestedHugoSite is a Hugo site inside a Jekyll site.
type nestedHugoSite struct {
	dir       string   // the folder, relative to the source
	templates []string // the files of its layouts/, relative to dir
	pages     []string // the files of its content/ left out, relative to dir
}

// nestedHugo reports whether the folder r (abs on disk) of a Jekyll site
// is a Hugo site (see above), with its templates.
func nestedHugo(abs, r string) (*nestedHugoSite, bool) {
	if fi, err := os.Stat(filepath.Join(abs, "layouts")); err != nil || !fi.IsDir() {
		return nil, false
	}
	hugoLike := false
	for _, name := range []string{"content", "archetypes", "theme.toml", "hugo.toml", "hugo.yaml", "hugo.json", "config.toml"} {
		if _, err := os.Stat(filepath.Join(abs, name)); err == nil {
			hugoLike = true
			break
		}
	}
	if !hugoLike {
		return nil, false
	}
	n := &nestedHugoSite{dir: r}
	goTemplates := false
	_ = filepath.WalkDir(filepath.Join(abs, "layouts"), func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			return nil
		}
		n.templates = append(n.templates, rel(abs, p))
		if ext := strings.ToLower(path.Ext(e.Name())); !goTemplates && (ext == ".html" || ext == ".htm" || ext == ".xml") {
			if data, err := os.ReadFile(p); err == nil && !jekyllHasFrontMatter(data) && bytes.Contains(data, []byte("{{")) {
				goTemplates = true
			}
		}
		return nil
	})
	return n, goTemplates
}

// inNestedContent reports whether the file r is in the content/ folder of
// a nested Hugo site, and which.
func inNestedContent(nested []*nestedHugoSite, r string) *nestedHugoSite {
	for _, n := range nested {
		if strings.HasPrefix(r, n.dir+"/content/") {
			return n
		}
	}
	return nil
}

// noteNestedHugo names what was left out of nested Hugo site n.
func (s *site) noteNestedHugo(n *nestedHugoSite) {
	msg := fmt.Sprintf("a Hugo site inside the Jekyll site (%s/layouts/ holds Hugo templates): its %s in %s/layouts/ are not imported: Jekyll published their source as it was, unrendered, and medkb lays pages out with its own theme",
		n.dir, fmt.Sprintf("%d %s", len(n.templates), plural(len(n.templates), "template", "templates")), n.dir)
	if len(n.pages) > 0 {
		list := n.pages
		if len(list) > 8 {
			list = append(slices.Clone(list[:8]), fmt.Sprintf("and %d more", len(n.pages)-8))
		}
		msg += fmt.Sprintf("; nor are its %s in %s/content/ (%s): Jekyll read no front matter in them (its front matter is YAML between --- lines), so the old site never showed them as pages", fmt.Sprintf("%d %s", len(n.pages), plural(len(n.pages), "page", "pages")), n.dir, strings.Join(list, ", "))
	}
	msg += fmt.Sprintf("; its other files are copied to static/%s/, where Jekyll published them. If its pages are wanted, import the folder on its own (medkb import hugo OLD/%s NEW) and move them into this site; if not, delete %s/ from the old site", n.dir, n.dir, n.dir)
	s.note(n.dir, 0, Human, "%s", msg)
}
