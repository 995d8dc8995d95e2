package site

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/medkb/medkb/internal/basepath"
	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/diag"
)

// configPaths reads the site-rooted addresses a writer types in
// medkb.yaml as a Markdown link's (package basepath): written as on a site
// at the root of its host ("/about/editorial-policy/"), medkb adding the
// site's path. One written with the path in it
// ("/guide/about/editorial-policy/" under /guide/) is a warning at its
// line, and the build goes on with the address without the path, which is
// what the writer meant: every reader of the configuration (the footer,
// the menu, which pages are trust pages and stay out of the search index
// and the feeds, publisher.logo in the feeds' and pages' absolute URLs,
// the checks) then sees one site-rooted address, as it sees a Markdown
// link's.
//
// The addresses are trust_pages (the site's and each language's), menu
// URLs, report_problem when it is a path of the site, default_image,
// publisher.logo, links.external_paths, and publish_unlinked, whose
// entries are paths inside content/ that the unlinked-file warning names
// with the site's path ("published at /guide/leaflets/flu.pdf"). Absolute
// addresses (publisher.url, feeds.websub_hub, base_url) hold the path
// rightly and are not touched; nor is params, which only a site's own
// layouts read.
//
// An address is left as it was written when the site has a folder named
// like the path in content/ or static/ (its own or its theme's, a
// language's content/es/ too): there "/guide/…" may be one of the site's
// own pages or files, served under the path like any other (a section
// named like the path), and the checks check it as written. This is
// decided before the pages are assembled, as the trust pages must be.
//
// It changes cfg, which the build has just loaded and shares with no one
// yet, and returns the warnings.
func configPaths(cfg *config.Config, src string) []diag.Diagnostic {
	base := cfg.BasePath()
	if base == "/" || ownsPath(cfg, src, base) {
		return nil
	}
	var out []diag.Diagnostic
	// fix strips the path from *v, a site-rooted address at key, and says
	// so, naming it as name says (with %q for the value); content is true
	// for publish_unlinked's paths inside content/.
	fix := func(v *string, key, name string, content bool) {
		u := strings.TrimSpace(*v)
		if content {
			u = "/" + strings.TrimPrefix(u, "/") // publish_unlinked: "guide/leaflets/*.pdf" too
		}
		bare := basepath.Strip(base, u)
		if bare == u || !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") {
			return
		}
		write := bare
		hint := fmt.Sprintf("write %s: an address in %s is written as on a site at the root of its host, and medkb adds %s", write, config.FileName, base)
		if content {
			write = strings.TrimPrefix(bare, "/")
			if write == "" {
				return // the path alone names no file: the check says so
			}
			hint = fmt.Sprintf("write %s: publish_unlinked names a file by its path inside content/, which medkb publishes under %s", write, base)
		}
		line, ok := cfg.Lines[key]
		if parent, _, nested := strings.Cut(key, "."); !ok && nested {
			line = cfg.Lines[parent]
		}
		out = append(out, diag.Diagnostic{File: config.FileName, Line: line, Severity: diag.Warning, Check: "link",
			Message: fmt.Sprintf(name, *v) + fmt.Sprintf(" starts with the site's path %s, which medkb adds to every site-rooted address itself; medkb reads it as %s", base, write),
			Hint:    hint})
		*v = write
	}
	t := &cfg.TrustPages
	for _, f := range []struct {
		v    *string
		name string
	}{{&t.About, "about"}, {&t.EditorialPolicy, "editorial_policy"}, {&t.AdvertisingPolicy, "advertising_policy"}, {&t.Privacy, "privacy"}, {&t.Contact, "contact"}} {
		fix(f.v, "trust_pages."+f.name, "trust_pages."+f.name+" %q", false)
	}
	for i := range cfg.Languages {
		l := &cfg.Languages[i]
		t := &l.TrustPages
		for _, f := range []struct {
			v    *string
			name string
		}{{&t.About, "about"}, {&t.EditorialPolicy, "editorial_policy"}, {&t.AdvertisingPolicy, "advertising_policy"}, {&t.Privacy, "privacy"}, {&t.Contact, "contact"}} {
			key := "languages." + l.Code + ".trust_pages." + f.name
			if _, ok := cfg.Lines[key]; !ok {
				key = "languages." + l.Code
			}
			fix(f.v, key, "languages ("+l.Code+") trust_pages."+f.name+" %q", false)
		}
	}
	for i := range cfg.Menu {
		m := &cfg.Menu[i]
		// Not "menu entry …" first: that is the menu check's, which a
		// check of some pages makes again (check.FromMenu), and a
		// rebuild would drop this one with its own.
		fix(&m.URL, "menu."+strconv.Itoa(i), "url %q of menu entry "+strings.ReplaceAll(strconv.Quote(m.Name), "%", "%%"), false)
	}
	if r := strings.TrimSpace(cfg.ReportProblem); strings.HasPrefix(r, "/") {
		fix(&cfg.ReportProblem, "report_problem", "report_problem %q", false)
	}
	if _, written := cfg.Lines["default_image"]; written {
		fix(&cfg.DefaultImage, "default_image", "default_image %q", false)
	}
	fix(&cfg.Publisher.Logo, "publisher.logo", "publisher.logo %q", false)
	for i := range cfg.Links.ExternalPaths {
		fix(&cfg.Links.ExternalPaths[i], "links.external_paths", "links.external_paths entry %q", false)
	}
	for i := range cfg.PublishUnlinked {
		fix(&cfg.PublishUnlinked[i], "publish_unlinked."+strconv.Itoa(i), "publish_unlinked entry %q", true)
	}
	return out
}

// ownsPath reports whether the site has a folder named like its base path
// (base "/guide/": content/guide/, a language's content/es/guide/,
// static/guide/, the theme's static/guide/), whose pages and files are
// served at /guide/guide/…: an address of medkb.yaml starting with
// /guide/ may then be one of them.
func ownsPath(cfg *config.Config, src, base string) bool {
	rel, err := url.PathUnescape(strings.Trim(base, "/"))
	if err != nil {
		return true // cannot tell: leave the addresses as written
	}
	rel = filepath.FromSlash(rel)
	dirs := []string{filepath.Join(src, "content", rel), filepath.Join(src, "static", rel),
		filepath.Join(src, "themes", cfg.Theme, "static", rel)}
	for _, code := range cfg.Codes() {
		dirs = append(dirs, filepath.Join(src, "content", code, rel))
	}
	for _, d := range dirs {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return true
		}
	}
	return false
}

// frontMatterPaths reads the site-rooted addresses of the pages' front
// matter as configPaths reads medkb.yaml's: image:, url:, aliases: and
// withdrawn.replaced_by, written as on a site at the root of its host,
// medkb adding the site's path. One written with the path in it (image:
// /guide/images/x.png under /guide/) is a warning at its key's line
// naming what to write, and the page is built as if it had been written
// without the path, which is what the writer meant: its preview image,
// address, redirects and replacement served under /guide/ once. The same
// address in a Markdown link is the link check's warning (basepath).
// As in medkb.yaml, an address is left as written on a site with a
// folder named like the path (ownsPath), where it may be one of the
// site's own.
//
// It runs before the pages are assembled (url: and aliases: decide
// addresses) and changes the build's own copy of each page's front
// matter, never the front matter cache's (buildcache.FrontMatter), whose
// slices and withdrawal it copies before changing them: the next build
// reads the file as written and warns again. The warnings carry no
// check's name: like front matter's other warnings they stay with a
// page whose body alone is edited (checkset.Keep).
func (bd *build) frontMatterPaths() {
	base := bd.cfg.BasePath()
	if base == "/" {
		return
	}
	owns := sync.OnceValue(func() bool { return ownsPath(bd.cfg, bd.b.opts.Source, base) })
	// fixed returns u without the path, and whether to read it so.
	fixed := func(u string) (string, bool) {
		t := strings.TrimSpace(u)
		bare := basepath.Strip(base, t)
		if bare == t || !strings.HasPrefix(t, "/") || strings.HasPrefix(t, "//") || owns() {
			return u, false
		}
		return bare, true
	}
	var out diag.List
	for i := range bd.parsed {
		pf := &bd.parsed[i]
		m := &pf.Meta
		// fix strips the path from *v, written at key, and says so.
		fix := func(v *string, key, name string) {
			if bare, ok := fixed(*v); ok {
				out = append(out, diag.Diagnostic{File: pf.File.Path, Line: m.Lines.Of(key), Severity: diag.Warning,
					Message: fmt.Sprintf("%s %q starts with the site's path %s, which medkb adds to every site-rooted address itself; medkb reads it as %s", name, *v, base, bare),
					Hint:    fmt.Sprintf("write %s: an address in front matter is written as on a site at the root of its host, and medkb adds %s", bare, base)})
				*v = bare
			}
		}
		fix(&m.Image, "image", "image")
		fix(&m.URL, "url", "url")
		for j, a := range m.Aliases {
			if _, ok := fixed(a); ok {
				m.Aliases = slices.Clone(m.Aliases) // the cache's own slice stays as read
				for j := j; j < len(m.Aliases); j++ {
					fix(&m.Aliases[j], "aliases", "alias")
				}
				break
			}
		}
		if w := m.Withdrawn; w != nil {
			if _, ok := fixed(w.ReplacedBy); ok {
				c := *w // the cache's own withdrawal stays as read
				m.Withdrawn = &c
				fix(&c.ReplacedBy, "withdrawn", "withdrawn.replaced_by")
			}
		}
	}
	bd.addDiags(out...)
}
