// Package staticset is a build's view of the site's static files: the
// theme's, then the site's static/ and the files beside content pages
// (which win), as package source lists them. It opens them, measures the
// images among them, makes the resized copies of body photos and copies
// every file into the output, refusing one whose path a page or generated
// file already claimed. A clash with a content page or an alias is found
// before any page is written, at the page's front matter line (Clashes).
//
// Images are measured once per Files, on first use, through one path
// (imaging.Measure: headers, EXIF orientation, SVG sizes) whether a page
// body, a preview tag or a feed asks; the file's bytes are not kept. A
// JPEG or PNG wider than the narrowest variant step shown by a built page
// also gets resized copies (package imaging) written beside it as
// <name>.<hash>.<width>w.<ext>, where hash covers the source bytes and the
// encoding (a photo saved as PNG gets JPEG copies), listed in srcset with
// the theme's reading measure as sizes; the largest copy becomes the src,
// so the original is fetched only where the writer links it. Copies are
// kept in the cache folder's images/, so a build with unchanged images
// decodes none. A file that is not an image the build can read is a
// warning at the Markdown line.
//
// staticset never writes anything itself: a build passes an Out saying
// where outputs, warnings and counts go. A Files is safe for concurrent
// use, and is shared by the snapshots of a dev server until a static file
// changes (which is a full build).
package staticset

import (
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/medkb/medkb/internal/basepath"
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/pathclaim"
	"github.com/medkb/medkb/internal/source"
)

// Files is the static files of one build, by path from the output root
// ("images/x.png").
type Files struct {
	root     string // the site's folder, for the names diagnostics use
	cacheDir string // "" keeps no resized copies between builds
	files    map[string]source.Static
	mu       sync.Mutex
	images   map[string]*image
}

// Out is where a build puts what Files makes: Write claims and writes an
// output file (by names what wrote it, for clash errors), Warn reports a
// diagnostic, Counted adds to the build's counts of images resized or
// whose copies were reused from the cache folder.
type Out struct {
	Write   func(path, by string, data []byte) error
	Warn    func(diag.Diagnostic)
	Counted func(resized, reused int)
}

// Index lists the static files of the site at root with the given theme,
// leaving out what the ignore patterns match. cacheDir holds resized
// copies between builds ("" for none).
func Index(root, theme string, ignore []string, cacheDir string) (*Files, error) {
	files, err := source.StaticFiles(root, theme, ignore...)
	if err != nil {
		return nil, err
	}
	return &Files{root: root, cacheDir: cacheDir, files: files, images: map[string]*image{}}, nil
}

// Has reports whether there is a static file at rel (no leading slash).
func (f *Files) Has(rel string) bool {
	_, ok := f.files[rel]
	return ok
}

// Open opens the static file at rel (no leading slash).
func (f *Files) Open(rel string) (io.ReadCloser, error) {
	s, ok := f.files[rel]
	if !ok {
		return nil, fs.ErrNotExist
	}
	return open(s)
}

func open(s source.Static) (io.ReadCloser, error) {
	if s.FS != nil {
		return s.FS.Open(s.Path)
	}
	return source.OpenRegular(s.Abs)
}

func read(s source.Static) ([]byte, error) {
	r, err := open(s)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

// Size reports a static image's pixel size and byte length, for preview
// tags and feed enclosures; rel is root-relative, with or without the
// leading slash. ok is false when there is no such file; a file that is
// not a readable image has its length and a zero size.
func (f *Files) Size(rel string) (w, h int, length int64, ok bool) {
	e := f.image(rel)
	if !e.found {
		return 0, 0, 0, false
	}
	if e.err != nil {
		return 0, 0, e.length, true
	}
	return e.size.Width, e.size.Height, e.length, true
}

// name is how diagnostics name a static file: its path from the site
// root, or in the embedded default theme.
func (f *Files) name(s source.Static) string {
	if s.FS != nil {
		return "themes/default/" + s.Path
	}
	if rel, err := filepath.Rel(f.root, s.Abs); err == nil {
		return filepath.ToSlash(rel)
	}
	return s.Abs
}

// Sink is where Copy puts files: Owner says what already claimed a
// path, Claim claims one, Copy writes it.
type Sink struct {
	Owner func(rel string) (by string, ok bool)
	Claim func(rel, by string) error
	Copy  func(rel string, r io.Reader) error
	// Copied counts a file copied and its length.
	Copied func(length int64)
	// Reported are the static files whose clash with a page Clashes
	// reported: not copied, and not reported again.
	Reported map[string]bool
}

// Output is an output path of a content page or of an alias, for
// Clashes: its address, its content file and the front matter line that
// gave the address (url:, slug: or aliases:; 1 for the file's own name).
type Output struct {
	Path, Address, File string
	Line                int
	Alias               bool
}

// Clashes reports, before anything is written, each static file that
// cannot be published beside the outputs of content pages and aliases
// (outs): one at the same path (static/conditions/asthma/index.html and
// the page of content/conditions/asthma.md), one that is a file where a
// page needs a folder (static/a and a page at /a/b/), or one inside a
// folder whose name a page is written as (static/v1.html/x.pdf and url:
// /v1.html). Copy found them only as it copied, after the pages were
// written, and named the page without its line (or, for a file and a
// folder, not at all). Each error is at the page's front matter line
// (its url:, slug: or aliases:, else the file) and names the static
// file. It returns the static paths reported, which Copy leaves out
// (Sink.Reported); the page is built. The files of leaf bundles left out
// with their draft pages are not published, and clash with nothing.
func (f *Files) Clashes(outs []Output, pages, drafts []*page.Page) (diag.List, map[string]bool) {
	if len(f.files) == 0 || len(outs) == 0 {
		return nil, nil
	}
	claimed := pathclaim.New[*Output](len(outs)) // the rule publish.Claims and assemble follow
	for i := range outs {
		claimed.Add(outs[i].Path, &outs[i])
	}
	var out diag.List
	var reported map[string]bool
	hidden := f.draftBundles(pages, drafts)
	for _, rel := range slices.Sorted(maps.Keys(f.files)) {
		s := f.files[rel]
		if s.Abs != "" && len(hidden) > 0 && inAny(s.Abs, hidden) {
			continue
		}
		name := f.name(s)
		by, kind, ok := claimed.Blocker(rel)
		if !ok {
			continue
		}
		o, _ := claimed.Owner(by)
		var d diag.Diagnostic
		switch kind {
		case pathclaim.Same:
			d = o.clash(fmt.Sprintf("is written as %s, which %s also writes: one would replace the other", rel, name),
				"give the page another url or slug, or move or delete "+name,
				"remove the alias ("+name+" answers that address itself), or move or delete "+name)
		case pathclaim.Inside:
			d = o.clash(fmt.Sprintf("is written as %s, inside the folder %s, but %s is a file of that name: one path cannot be both a file and a folder", o.Path, rel, name),
				"give the page another url, or rename or move "+name,
				"remove or change the alias, or rename or move "+name)
		case pathclaim.Folder:
			d = o.clash(fmt.Sprintf("is written as the file %s, but %s is inside a folder of that name: one path cannot be both a file and a folder", by, name),
				fmt.Sprintf("end url: with a slash, /%s/ (the page is then written as %s/index.html), or move %s", by, by, name),
				fmt.Sprintf("end the alias with a slash, /%s/ (its redirect is then written as %s/index.html), or move %s", by, by, name))
		}
		out = append(out, d)
		if reported == nil {
			reported = map[string]bool{}
		}
		reported[rel] = true
	}
	return out, reported
}

// clash is the error at o's line: what (the clash) follows the page or
// alias named by its address; pageFix or aliasFix is the hint.
func (o *Output) clash(what, pageFix, aliasFix string) diag.Diagnostic {
	subject, hint := "the page at "+o.Address, pageFix
	if o.Alias {
		subject, hint = "alias "+o.Address, aliasFix
	}
	return diag.Diagnostic{File: o.File, Line: max(o.Line, 1), Severity: diag.Error, Message: subject + " " + what, Hint: hint}
}

// Copy copies every static file into sink, in path order, but the files
// of leaf bundles whose every page is a draft left out of the build
// (published with the page). A path that a page, an alias or a generated
// file already claimed is an error naming both, at the page's url, slug
// or aliases line when a page claimed it (an article with
// url: /css/site.css would serve its HTML as the stylesheet) — except
// that generated output wins over a theme file of the same name. pages
// and drafts are the site's built pages and left-out drafts. A file
// whose clash Clashes reported (Sink.Reported) is left out, not reported
// again.
func (f *Files) Copy(sink Sink, pages, drafts []*page.Page) error {
	rels := make([]string, 0, len(f.files))
	for rel := range f.files {
		rels = append(rels, rel)
	}
	sort.Strings(rels)
	hidden := f.draftBundles(pages, drafts)
	var clashes diag.List // every one, not the first: see Copy
	for _, rel := range rels {
		s := f.files[rel]
		if s.Abs != "" && len(hidden) > 0 && inAny(s.Abs, hidden) || sink.Reported[rel] {
			continue
		}
		if by, ok := sink.Owner(rel); ok {
			if strings.HasPrefix(by, "(") && strings.HasPrefix(f.name(s), "themes/") {
				continue
			}
			clashes = append(clashes, f.clash(rel, by, s, pages))
			continue
		}
		if err := sink.Claim(rel, "static/"+rel); err != nil {
			// Another output at its folder or in a folder of its name
			// (publish.Claims): no disk holds both.
			clashes = append(clashes, diag.Diagnostic{File: f.name(s), Severity: diag.Error, Message: err.Error(),
				Hint: "rename or move the static file, or give the other output another address"})
			continue
		}
		r, err := open(s)
		if err != nil {
			return err
		}
		err = sink.Copy(rel, r)
		r.Close()
		if err != nil {
			return err
		}
		sink.Copied(s.Size)
	}
	return clashes.Err()
}

// clash is the error for a static file whose output path by claimed: a
// page (at its url, slug or aliases line), or a file medkb generates
// (by in parentheses, as "(robots.txt)"), which the static file cannot
// replace.
func (f *Files) clash(rel, by string, s source.Static, pages []*page.Page) diag.Diagnostic {
	name := f.name(s)
	d := diag.Diagnostic{File: name, Severity: diag.Error,
		Message: fmt.Sprintf("%s and %s both write %s", by, name, rel),
		Hint:    "give the page another url, slug or alias, or rename the file"}
	if strings.HasPrefix(by, "(") {
		d.Message = fmt.Sprintf("medkb generates %s itself, so %s is not published", rel, name)
		d.Hint = generatedHint(rel, name)
		return d
	}
	for _, p := range pages {
		if p.File != by {
			continue
		}
		d.File, d.Line = p.File, 1
		for _, key := range []string{"url", "aliases", "slug"} {
			if n := p.Meta.Lines.Of(key); n > 0 {
				d.Line = n
				break
			}
		}
		break
	}
	return d
}

// generatedHint is the fix for static file name, which writes rel, a
// file medkb generates.
func generatedHint(rel, name string) string {
	switch rel {
	case "robots.txt":
		return "delete " + name + ": medkb writes robots.txt itself (allowing every page and naming sitemap.xml) and medkb.yaml has no setting to replace it"
	case "sitemap.xml":
		return "delete " + name + ": medkb writes sitemap.xml itself, listing every published page"
	}
	return "delete or rename " + name + ": medkb writes " + rel + " itself"
}

// draftBundles returns the folders (absolute) of leaf bundles whose every
// page is a draft left out of the build: their pictures and files are not
// published before the page is.
func (f *Files) draftBundles(pages, drafts []*page.Page) []string {
	dirs := map[string]bool{} // folder → some page of it is built
	for _, group := range []struct {
		pages []*page.Page
		built bool
	}{{drafts, false}, {pages, true}} {
		for _, p := range group.pages {
			if p.File == "" || p.Kind != page.KindPage || !strings.HasPrefix(filepath.Base(p.File), "index.") {
				continue
			}
			dir := filepath.Join(f.root, filepath.FromSlash(filepath.Dir(p.File)))
			dirs[dir] = dirs[dir] || group.built
		}
	}
	var out []string
	for dir, built := range dirs {
		if !built {
			out = append(out, dir+string(filepath.Separator))
		}
	}
	return out
}

// ContentFile is a file of content/ published as it is.
type ContentFile struct {
	File string // its path from the site root: "content/leaflets/flu.pdf"
	Rel  string // its output path: "leaflets/flu.pdf"
}

// ContentFiles returns the files of content/ that Copy publishes, by
// output path (a file of static/ at the same path wins, and is not one;
// nor are those of leaf bundles left out with their draft pages). pages
// and drafts are as Copy's.
func (f *Files) ContentFiles(pages, drafts []*page.Page) []ContentFile {
	var hidden []string
	var out []ContentFile
	once := false
	for _, rel := range slices.Sorted(maps.Keys(f.files)) {
		s := f.files[rel]
		name := f.name(s)
		if s.FS != nil || !strings.HasPrefix(name, "content/") {
			continue
		}
		if !once {
			hidden, once = f.draftBundles(pages, drafts), true
		}
		if len(hidden) > 0 && inAny(s.Abs, hidden) {
			continue
		}
		out = append(out, ContentFile{File: name, Rel: rel})
	}
	return out
}

// Mentions reports which of rels (output paths) a static file of the
// site's static/ (or its theme's folder) that can hold addresses holds as
// text, such as href="/leaflets/flu.pdf": a link the unlinked-file check
// counts. Which files can is basepath.KindOf's one list, the one the base
// path's warning reads: HTML, CSS, scripts (.js, and .mjs modules, whose
// import the browser fetches), XML (.xml, an XSL stylesheet, an SVG,
// whose <image href> or <a href> the browser follows) and JSON (web
// manifests). The files of content/ are not read (they are not links
// from the site's own pages). What a file holds is read once for all of
// rels.
func (f *Files) Mentions(rels []string) map[string]bool {
	out := map[string]bool{}
	for _, rel := range slices.Sorted(maps.Keys(f.files)) {
		s := f.files[rel]
		if basepath.KindOf(rel) == basepath.NotScanned {
			continue
		}
		if s.FS != nil || strings.HasPrefix(f.name(s), "content/") {
			continue
		}
		data, err := read(s)
		if err != nil {
			continue // Copy reports it
		}
		text := string(data)
		for _, r := range rels {
			if !out[r] && strings.Contains(text, r) {
				out[r] = true
			}
		}
	}
	return out
}

func inAny(abs string, dirs []string) bool {
	for _, d := range dirs {
		if strings.HasPrefix(abs, d) {
			return true
		}
	}
	return false
}

// Scan reads each of the site's own static HTML and CSS files once and
// returns two kinds of warning about them. rooted: a file that holds a
// site-rooted address (href="/conditions/", url(/images/a.png)) when the
// site is served under the path base ("/guide/"): static files are
// copied as they are, so such an address points outside the site (base
// "/" makes none). Under a path, scripts, XML files (a feed stylesheet,
// browserconfig.xml, SVG) and web manifests are read for it too, each
// as basepath.StaticAddresses says; the warning names the line of the
// first address and the fix for that kind of file. third: thirdParty's.
// The theme's files are medkb's own and hold neither.
func (f *Files) Scan(base string) (rooted, third []diag.Diagnostic) {
	for _, rel := range slices.Sorted(maps.Keys(f.files)) {
		s := f.files[rel]
		kind := basepath.KindOf(rel)
		if s.FS != nil || kind == basepath.NotScanned {
			continue
		}
		page := kind == basepath.HTMLFile || kind == basepath.CSSFile
		if !page && base == "/" {
			continue // only the base path's warning reads the rest
		}
		data, err := read(s)
		if err != nil {
			continue // Copy reports it
		}
		if page {
			if d, ok := f.thirdParty(s, data, kind == basepath.CSSFile); ok {
				third = append(third, d)
			}
		}
		if base == "/" {
			continue
		}
		kind, found := basepath.StaticAddresses(rel, data)
		if len(found) == 0 {
			continue
		}
		rooted = append(rooted, rootedDiag(f.name(s), base, kind, found))
	}
	return rooted, third
}

// rootedDiag is the warning of a static file (name) of the given kind
// whose site-rooted addresses (found) point outside a site served under
// base, at the line of the first.
func rootedDiag(name, base string, kind basepath.Kind, found []basepath.Found) diag.Diagnostic {
	first, with := found[0].URL, basepath.Prefix(base, found[0].URL)
	more := ""
	if len(found) > 1 {
		more = fmt.Sprintf(" and %d more", len(found)-1)
	}
	what := fmt.Sprintf("its site-rooted address %s%s points", first, more)
	hint := "write its addresses relative to the file (images/a.png, ../css/b.css), or with the path (" + with + "); medkb adds the path only to the pages it writes"
	switch kind {
	case basepath.ScriptFile:
		what = fmt.Sprintf("its string %q%s, a site-rooted address, points", first, more)
		hint = "write the address with the path (" + with + "), or build it from the address of the page that loads the script; medkb adds the path only to the pages it writes, and cannot rewrite a script safely"
	case basepath.ManifestFile:
		what = fmt.Sprintf("its site-rooted address %s%s (start_url, scope, an icon's src…) points", first, more)
		hint = "write it relative to the manifest (\"./\" for start_url and scope, \"images/icon.png\" for a manifest at the root): a manifest's addresses are read from its own address, so relative ones work under any path"
	}
	return diag.Diagnostic{File: name, Line: found[0].Line, Severity: diag.Warning, Check: "links",
		Message: fmt.Sprintf("the site is served under %s, but this static file is copied as it is, so %s outside the site (to %s, not %s)", base, what, first, with),
		Hint:    hint}
}
