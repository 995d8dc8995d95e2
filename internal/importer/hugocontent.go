package importer

import (
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/medkb/medkb/internal/yamlsyntax"
)

// contentFile is one Markdown file of a Hugo site's content, read and its
// front matter split.
type contentFile struct {
	abs, src string // the file; src relative to the site's folder
	hugo     string // its path inside content as Hugo sees it ("conditions/asthma.md")
	name     string // its name without extension and language ("asthma")
	lang     string // its language; "" for the default
	entries  []entry
	yaml     []yamlsyntax.Problem // splitFile's yp, noted with the page
	body     string
	bodyLine int
}

// dir is the folder of f inside content as Hugo sees it ("" at the top).
func (f *contentFile) dir() string {
	d := path.Dir(f.hugo)
	if d == "." {
		return ""
	}
	return d
}

// readHugoContent reads the Markdown of every content folder (roots) of
// the Hugo site at source, then imports what Hugo renders (unrendered):
// cascades and leaf bundles are known before any page is imported, and
// they follow the content tree as Hugo sees it, across mounts.
func (s *site) readHugoContent(source string, roots []contentRoot, cfgName string) error {
	var files []*contentFile
	var resources []resourceFile
	seen := map[string]bool{} // the content paths read (a/b.md)
	for _, cr := range roots {
		root := filepath.FromSlash(cr.dir)
		if !filepath.IsAbs(root) {
			root = filepath.Join(source, root)
		}
		if st, err := os.Stat(root); err != nil || !st.IsDir() {
			s.note(cfgName, 0, Human, "content folder %s is not found (a Hugo module's folder, fetched by Hugo, is not read): its pages are not imported; copy them into the Hugo site and import again", cr.dir)
			continue
		}
		err := filepath.WalkDir(root, func(p string, e os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if e.IsDir() {
				if strings.HasPrefix(e.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if strings.HasPrefix(e.Name(), ".") {
				return nil
			}
			if !isMarkdown(e.Name()) {
				r := resourceFile{abs: p, src: rel(source, p), hugo: path.Join(cr.under, rel(root, p))}
				if cr.lang != "" && cr.lang != s.defaultLang {
					r.lang = cr.lang
				}
				resources = append(resources, r)
				return nil
			}
			hugoPath := path.Join(cr.under, rel(root, p))
			if cr.module != nil {
				if seen[hugoPath] {
					return nil // the site's own page at that path wins, as in Hugo
				}
				*cr.module++
			}
			seen[hugoPath] = true
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			f := &contentFile{abs: p, src: rel(source, p), hugo: hugoPath}
			f.name, f.lang = s.nameLang(f.src, path.Base(f.hugo), cr)
			// Hugo publishes a page that is not UTF-8 as its bytes are
			// (readers saw � for each curly quotation mark of a
			// Windows editor's text); medkb check leaves one out.
			data, enc := toUTF8(data)
			s.noteNotUTF8(f.src, enc)
			if f.entries, f.body, f.bodyLine, f.yaml, err = splitFile(f.src, data, Hugo); err != nil {
				return s.failedPage(f.src, err)
			}
			files = append(files, f)
			return nil
		})
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
	}
	un := s.unrenderedOf(files)
	for _, f := range files {
		if !un.skip(f) {
			s.noteYAML(f.src, f.yaml)
			s.hugoDoc(f)
		}
	}
	s.noteUnrendered(un)
	s.publishResources(resources, un)
	return nil
}

// A resourceFile is a file in a content folder that is not Markdown.
type resourceFile struct {
	abs, src, hugo string // as in contentFile
	lang           string // its folder's language; "" for the default
}

// publishResources copies the content folders' other files (images,
// documents, videos) where Hugo publishes them: a file belongs to the
// nearest bundle above it, and a branch bundle's (a section's, or a top
// folder's) files, in its folder or a folder below it that is not a
// bundle, are published at their path in content. A leaf bundle's files
// go with its page (copyBundle). Hugo renders content files in other
// formats (.html, AsciiDoc, Org…) as pages: those are named, not copied.
// Before, only leaf bundles' files were copied, and a page's images in a
// folder beside it (conditions/asthma.md, conditions/asthma/peak-flow.png)
// were lost, reported only as the page's broken links.
func (s *site) publishResources(resources []resourceFile, un *unrendered) {
	for _, r := range resources {
		if un.leafBundleOf(r.hugo, r.lang) != nil {
			continue
		}
		switch strings.ToLower(path.Ext(r.hugo)) {
		case ".html", ".htm", ".adoc", ".asciidoc", ".ad", ".org", ".pdc", ".pandoc", ".rst":
			s.note(r.src, 0, Human, "not imported: Hugo renders this file as a page, and medkb reads Markdown pages only; rewrite it in Markdown (a .md file) and import again")
			continue
		}
		to := "static/" + r.hugo
		if r.lang != "" {
			to = "static/" + r.lang + "/" + r.hugo
		}
		s.files = append(s.files, copied{from: r.abs, to: to})
	}
}

// leafBundleOf returns the leaf bundle a content file at hugo (its path
// in content) belongs to, nil for none.
func (un *unrendered) leafBundleOf(hugo, lang string) *contentFile {
	for d := path.Dir(hugo); d != "." && d != "" && d != "/"; d = parentDir(d) {
		if b := un.bundles[folderLang{d, lang}]; b != nil {
			return b
		}
	}
	return nil
}

// nameLang returns a content file's name without its extension and its
// language ("" for the default): its folder's (cr.lang), else the one its
// name gives (name.es.md is a translation, as in medkb) when that is one
// of the site's languages. A suffix that looks like a language the site
// does not have stays in the name, with a note (src: the file).
func (s *site) nameLang(src, file string, cr contentRoot) (name, lang string) {
	name = strings.TrimSuffix(file, path.Ext(file))
	if cr.lang != "" {
		if cr.lang == s.defaultLang {
			return name, ""
		}
		return name, cr.lang
	}
	i := strings.LastIndex(name, ".")
	if i <= 0 {
		return name, ""
	}
	l := strings.ToLower(name[i+1:])
	switch {
	case l == s.defaultLang:
		return name[:i], ""
	case s.hugoLangs[l] || len(s.hugoLangs) == 0 && isLangCode(l):
		return name[:i], l
	case isLangCode(l) || len(l) == 2 && strings.Trim(l, "abcdefghijklmnopqrstuvwxyz") == "":
		s.note(src, 0, Human, "the file name ends in .%s, which is not one of the site's languages (%s): imported as a page named %s in %s; rename it, or add the language to Hugo's languages and import again",
			l, strings.Join(slices.Sorted(maps.Keys(s.hugoLangs)), ", "), name, s.defaultLang)
	}
	return name, ""
}

// unrendered tracks the content Hugo does not render, which is not
// imported: a page whose own front matter says build.render: never or
// link (also _build, and render: false), a leaf bundle's index with
// headless: true, the other Markdown files of a leaf bundle (its page
// resources, never pages of their own), and the pages of a language
// under a section whose cascade sets build.render so (a headless bundle
// of snippets that other pages include by shortcode, as in Hugo's own
// documentation's _common/). As in Hugo, a page's own build options come
// before a cascade, and the nearest section's cascade of build options
// before a farther one; a cascade applies to its own section page too,
// only to the pages of its file's language, and along the content tree
// as Hugo sees it (across mounts). A cascade element with a target
// (kind, path, sites, environment) is not evaluated: its pages are
// imported, with a note.
type unrendered struct {
	// cascades holds, by folder inside content and language, the _index
	// file whose cascade sets build options, and whether they say never.
	cascades map[folderLang]cascadeBuild
	bundles  map[folderLang]*contentFile // leaf bundles' index files, by folder
	skipped  map[string][]string         // why → the files not imported
	order    []string                    // the keys of skipped, as first met
}

type folderLang struct{ dir, lang string }

type cascadeBuild struct {
	src   string
	never bool
}

// unrenderedOf reads the cascades of the _index files and the leaf
// bundles among files.
func (s *site) unrenderedOf(files []*contentFile) *unrendered {
	un := &unrendered{cascades: map[folderLang]cascadeBuild{}, bundles: map[folderLang]*contentFile{}, skipped: map[string][]string{}}
	for _, f := range files {
		switch f.name {
		case "index":
			if f.dir() != "" {
				un.bundles[folderLang{f.dir(), f.lang}] = f
			}
		case "_index":
			for _, e := range f.entries {
				if !strings.EqualFold(e.key, "cascade") {
					continue
				}
				never, set, targeted := cascadeRender(e.value)
				if targeted {
					s.note(f.src, e.line, Human, "a cascade with a target (kind, path, sites or environment) sets build options: the importer does not evaluate targets, so the pages they name are imported as if it were not there; delete those Hugo does not render, and import those it does")
				}
				if set {
					un.cascades[folderLang{f.dir(), f.lang}] = cascadeBuild{src: f.src, never: never}
				}
			}
		}
	}
	return un
}

// skip reports whether Hugo does not render f, and records it if so.
func (un *unrendered) skip(f *contentFile) bool {
	why := ""
	own := false
	for _, e := range f.entries {
		switch {
		case strings.EqualFold(e.key, "headless") && e.value == true && f.name == "index":
			why, own = f.src+": headless: true", true
		case strings.EqualFold(e.key, "build") || strings.EqualFold(e.key, "_build"):
			// A page's own build options shadow a cascade's, also
			// without render (which then defaults to always).
			own = true
			if never, v := renderNever(e.value); never {
				why = fmt.Sprintf("%s: %s.render: %v", f.src, e.key, v)
			}
		}
	}
	if why == "" && f.name != "index" && f.name != "_index" {
		for d := f.dir(); d != "" && why == ""; d = parentDir(d) {
			if b := un.bundles[folderLang{d, f.lang}]; b != nil {
				why = "a page resource of the leaf bundle " + b.src + ", not a page of its own"
			}
		}
	}
	for d := f.dir(); why == "" && !own; d = parentDir(d) {
		if c, ok := un.cascades[folderLang{d, f.lang}]; ok {
			if c.never {
				why = "build.render: never in the cascade of " + c.src
			}
			break
		}
		if d == "" {
			break
		}
	}
	if why == "" {
		return false
	}
	if _, ok := un.skipped[why]; !ok {
		un.order = append(un.order, why)
	}
	un.skipped[why] = append(un.skipped[why], f.src)
	return true
}

// parentDir returns the folder d is in ("" at the top).
func parentDir(d string) string {
	p := path.Dir(d)
	if p == "." || p == "/" {
		return ""
	}
	return p
}

// noteUnrendered notes what was not imported because Hugo does not
// render it: one note for each reason, at the first file, naming them all.
func (s *site) noteUnrendered(un *unrendered) {
	for _, why := range un.order {
		files := un.skipped[why]
		what := "this page"
		if len(files) > 1 {
			what = fmt.Sprintf("these %d pages", len(files))
		}
		s.note(files[0], 0, Human, "not imported: Hugo does not render %s (%s); where other pages include their text with a shortcode, that shortcode is listed at its line: write the text into those pages. Not imported: %s",
			what, why, strings.Join(files, ", "))
	}
}

// cascadeRender reports whether a cascade (a map, or a list of maps each
// for a target, the first that applies winning) sets build options for
// every page below (set), and whether they say never; targeted: an
// element with a target sets build options, which the importer does not
// evaluate.
func cascadeRender(v any) (never, set, targeted bool) {
	switch c := v.(type) {
	case map[string]any:
		var build any
		hasBuild, hasTarget := false, false
		for k, x := range c {
			switch strings.ToLower(k) {
			case "build", "_build":
				build, hasBuild = x, true
			case "target", "_target":
				if m, ok := x.(map[string]any); ok && len(m) > 0 {
					hasTarget = true
				}
			}
		}
		if !hasBuild {
			return false, false, false
		}
		if hasTarget {
			return false, false, true
		}
		// Build options without render shadow a farther cascade's: the
		// pages render.
		never, _ = renderNever(build)
		return never, true, false
	case []any:
		for _, x := range c {
			never, set, t := cascadeRender(x)
			targeted = targeted || t
			if set {
				return never, true, targeted
			}
		}
	}
	return false, false, targeted
}

// renderNever reports whether Hugo's build options v say the page is not
// rendered: render never, or link (linked to, not rendered), or false
// (Hugo before 0.76); value is render's value as written.
func renderNever(v any) (never bool, value any) {
	m, _ := v.(map[string]any)
	for k, r := range m {
		if strings.EqualFold(k, "render") {
			return r == "never" || r == "link" || r == false || r == "false", r
		}
	}
	return false, nil
}

// hugoDoc imports one Markdown file of a Hugo site's content.
func (s *site) hugoDoc(f *contentFile) {
	d := &doc{src: f.src, ref: "content/" + f.hugo, body: f.body, bodyLine: f.bodyLine, lang: f.lang}
	s.addLang(d.lang)
	dir, name := f.dir(), f.name
	parts := []string{}
	if dir != "" {
		parts = strings.Split(dir, "/")
	}
	langPrefix := ""
	if d.lang != "" {
		langPrefix = "/" + d.lang
	}
	switch name {
	case "_index":
		d.hugoPath, d.hugoBranch = hugoBase(dir), true
	case "index":
		d.hugoPath, d.hugoLeaf = hugoBase(dir), true
	default:
		d.hugoPath = hugoBase(path.Join(dir, name))
	}
	switch {
	case name == "_index" && len(parts) > 1:
		s.nestedIndex(f, d, parts, langPrefix)
		return
	case name == "_index":
		d.url = normURL(langPrefix + "/" + dir)
		s.mapMeta(d, f.entries)
		s.convertBody(d, Hugo)
		if len(parts) == 0 {
			s.listPageFields(d, f.entries, true)
			s.setHome(d)
		} else if len(parts) == 1 {
			d.section = slugify(parts[0]) // whose pages a draft's note names
			s.listPageFields(d, f.entries, false)
			s.sectionMeta[sectionLang{slugify(parts[0]), d.lang}] = d
		}
		return
	case name == "index":
		// A leaf bundle: the folder is the page, its files are the page's.
		if len(parts) == 0 {
			d.url = normURL(langPrefix + "/")
			s.setHome(d)
			s.mapMeta(d, f.entries)
			s.listPageFields(d, f.entries, true)
			s.convertBody(d, Hugo)
			return
		}
		d.bundle = filepath.Dir(f.abs)
		name = parts[len(parts)-1]
		parts = parts[:len(parts)-1]
	}
	if len(parts) == 0 {
		d.section = "pages"
		d.url = normURL("/" + name)
	} else {
		d.section = slugify(parts[0])
		d.url = normURL("/" + strings.Join(append(parts, name), "/"))
	}
	d.slug = slugify(name)
	if len(parts) > 1 {
		d.slug = slugify(strings.Join(append(parts[1:], name), "-"))
		kept := d.url
		if s.lowerPaths {
			kept = strings.ToLower(kept) // as below
		}
		s.note(f.src, 0, Changed, "nested section %s flattened into section %s (the page keeps its address %s)", strings.Join(parts, "/"), parts[0], kept)
	}
	if d.lang != "" {
		d.url = normURL(langPrefix + d.url)
	}
	if s.lowerPaths {
		d.url = strings.ToLower(d.url)
	}
	keyNotes := len(s.report.Notes) // the notes on its keys begin here
	s.mapMeta(d, f.entries)
	s.hugoSlug(d, f)
	if s.hugoOutputPage(d, f) {
		// Its keys are not imported: its note says so once.
		s.report.Notes = slices.Delete(s.report.Notes, keyNotes, len(s.report.Notes)-1)
		return
	}
	if d.bundle == "" && s.notFoundPage(d, f.entries, f.body) {
		// content/404.md: its keys are not imported, its note says so
		// once (as a Jekyll site's 404.md).
		s.report.Notes = slices.Delete(s.report.Notes, keyNotes, len(s.report.Notes)-1)
		return
	}
	if _, ok := d.get("url"); !ok {
		d.set("url", d.url)
	}
	s.hugoDate(d, f, true)
	s.hugoOtherDates(d, f)
	s.convertBody(d, Hugo)
	s.docs = append(s.docs, d)
}

// hugoSlug gives page d of content file f the address Hugo gave it
// when its front matter has slug: and no url: (url: wins): the slug
// replaces the last part of the address its file made
// (conditions/technique.md with slug: inhaler is at
// /conditions/inhaler/), lower case unless disablePathToLower, spaces
// as hyphens. Links and refs to the page then find it at that address,
// and a leaf bundle's files are published under it.
func (s *site) hugoSlug(d *doc, f *contentFile) {
	e, ok := entryOf(f.entries, "slug")
	if !ok || hasKey(f.entries, "url") {
		return
	}
	slug := strings.Trim(strings.Join(strings.Fields(str(e.value)), "-"), "/")
	if slug == "" {
		return
	}
	u := normURL(path.Dir(strings.TrimSuffix(d.url, "/")) + "/" + slug)
	if s.lowerPaths {
		u = strings.ToLower(u)
	}
	if u == d.url {
		return
	}
	s.note(d.src, e.line, Changed, "slug: %v: the page is at %s, the address Hugo gave it (the slug replaces the last part of %s, which the file's path makes); links and refs to it are rewritten to %s", e.value, u, d.url, u)
	d.url = u
	d.set("url", u)
}

// nestedIndex imports the _index file of a nested section (parts: its
// folders, two or more). medkb has only top-level sections, whose pages
// list themselves; a nested section's pages are flattened into its top
// section. Its list page is kept as an ordinary article of the top
// section, at its own address, when it has text of its own: anything
// but shortcodes other than figure, which in Hugo list its pages (cards,
// subpages) and which medkb cannot translate. Without such text it is a
// pure list page and is not imported, with a note that names what it
// held; links to it then go to the top section's page (rewriteLinks).
func (s *site) nestedIndex(f *contentFile, d *doc, parts []string, langPrefix string) {
	dir := strings.Join(parts, "/")
	u := normURL(langPrefix + "/" + dir)
	if s.lowerPaths {
		u = strings.ToLower(u) // Hugo's address, as for every page
	}
	top := normURL(langPrefix + "/" + slugify(parts[0]))
	if text, shortcodes := ownText(f.body); !text {
		held := "no text"
		if len(shortcodes) > 0 {
			held = "no text of its own (only the shortcodes " + strings.Join(shortcodes, ", ") + ", which medkb cannot translate)"
		}
		s.note(f.src, 0, Human, "not imported: the list page of nested section %s has %s, and medkb has only top-level sections; its pages are listed in section %s, and links to %s go to %s. To keep it as an article at %s, write its text and import again",
			dir, held, slugify(parts[0]), u, top, u)
		if s.nestedLists == nil {
			s.nestedLists = map[string]string{}
		}
		s.nestedLists[u] = top
		d.url = u
		s.droppedLists = append(s.droppedLists, d)
		// A main menu entry it makes for itself leads to the top section,
		// as links to it do.
		md := &doc{src: d.src, lang: d.lang, url: top}
		for _, e := range f.entries {
			switch strings.ToLower(e.key) {
			case "title":
				md.set("title", str(e.value))
			case "linktitle":
				md.params = append(md.params, field{e.key, e.value})
			}
		}
		for _, e := range f.entries {
			if lk := strings.ToLower(e.key); lk == "menu" || lk == "menus" {
				s.pageMenus(md, e)
			}
		}
		return
	}
	d.url = u
	d.section = slugify(parts[0])
	d.slug = slugify(strings.Join(parts[1:], "-"))
	s.mapMeta(d, f.entries)
	if _, ok := d.get("url"); !ok {
		d.set("url", d.url)
	}
	s.hugoDate(d, f, false)
	s.hugoOtherDates(d, f)
	s.note(f.src, 0, Changed, "the list page of nested section %s has text of its own: imported as an article of section %s at its address %s, since medkb has only top-level sections (the pages under it are listed in section %s)",
		dir, d.section, d.url, d.section)
	s.convertBody(d, Hugo)
	s.docs = append(s.docs, d)
}

// ownText reports whether a body has text of its own: anything but
// blank lines, HTML comments and shortcodes other than figure (which
// becomes an image); shortcodes names those it holds, in order.
func ownText(body string) (text bool, shortcodes []string) {
	rest := shortcodeRe.ReplaceAllStringFunc(body, func(m string) string {
		name := shortcodeRe.FindStringSubmatch(m)[3]
		if name == "figure" {
			return m
		}
		if !slices.Contains(shortcodes, name) {
			shortcodes = append(shortcodes, name)
		}
		return ""
	})
	rest = htmlCommentRe.ReplaceAllString(rest, "")
	return strings.TrimSpace(rest) != "", shortcodes
}

var htmlCommentRe = lazyRE(`(?s)<!--.*?-->`)

// hugoImages gives each Hugo page whose image: (or first images:) is a
// path without a leading / the picture Hugo's templates showed: a file
// of the page's bundle (a page resource, as Hugo's own opengraph
// template finds it first), which is now under static/ at the page's
// address, with a note; else a file of the static folders, from the
// site's root, as Hugo's absURL read it. A path neither holds is kept
// under params:, with a note for a person (a theme of the old site may
// have put a folder of its own in front of it): medkb build would stop
// on an image that does not exist.
func (s *site) hugoImages(copiedPaths map[string]bool) {
	for _, d := range slices.Concat(s.listPages(), s.docs) {
		e := d.bareImage
		if e == nil {
			continue
		}
		d.bareImage = nil
		v := imageOf(*e)
		own := d.url + v
		if (d.bundle != "" || d.hugoBranch) && copiedPaths[path.Clean(own)] {
			d.set("image", path.Clean(own))
			s.note(d.src, e.line, Changed, "%s: %s is a file of the page's bundle: image: %s, where the bundle's files are now", e.key, v, path.Clean(own))
			continue
		}
		if copiedPaths[path.Clean("/"+v)] {
			d.set("image", path.Clean("/"+v))
			continue
		}
		d.unset("image")
		s.toParams(d, *e)
		where := "the static folder"
		if d.bundle != "" || d.hugoBranch {
			where = "the page's bundle or the static folder"
		}
		s.note(d.src, e.line, Human, "%s: %s is the page's picture, but no file of that name is in %s (a template of the old site's theme may have put a folder in front of it): kept under params:; write image: with the picture's path in the site (/folder/%s)", e.key, v, where, path.Base(v))
	}
}
