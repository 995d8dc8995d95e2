package source

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/medkb/medkb/internal/fmspan"
	"github.com/medkb/medkb/themes"
)

// The layout of a site is written here once: the folders and files a build
// reads, where a theme's layers come from, and what kind of input each path
// is. The fingerprint that skips an unchanged build, the dev server's
// watcher and the rebuild that classifies a change all take it from here.
var (
	inputDirs  = []string{"content", "data", "static", "layouts", "i18n", "themes"}
	inputFiles = []string{"medkb.yaml"}
)

// InputDirs returns the top-level folders, relative to the site root, that
// a build reads.
func InputDirs() []string { return slices.Clone(inputDirs) }

// InputFiles returns the top-level files, relative to the site root, that a
// build reads.
func InputFiles() []string { return slices.Clone(inputFiles) }

// IsMarkdownInput reports whether the site-relative, slash-separated path
// rel names a Markdown file of content/, one a build reads and parses.
func IsMarkdownInput(rel string) bool {
	return strings.HasPrefix(rel, "content/") && isMarkdownName(rel)
}

// isMarkdownName reports whether a file name is one medkb builds as a
// page: it ends in .md or .markdown, in lower case.
func isMarkdownName(name string) bool {
	return strings.HasSuffix(name, ".md") || strings.HasSuffix(name, ".markdown")
}

// Class is the kind of input a changed path is, which decides how much of
// a build a change invalidates.
type Class int

// The classes of input. ClassBody and ClassFrontMatter refine
// ClassContent (see ClassifyContent).
const (
	ClassIgnored     Class = iota // read by no build
	ClassContent                  // a content file or folder, not yet refined
	ClassBody                     // a content file whose front matter is unchanged
	ClassFrontMatter              // a content file whose front matter changed, or a new or removed one
	ClassTemplate                 // layouts/, a theme's layouts/
	ClassI18n                     // i18n/, a theme's i18n/
	ClassData                     // data/
	ClassStatic                   // static/, a theme's static/
	ClassConfig                   // medkb.yaml
	ClassTheme                    // anything else below themes/ (a theme added or removed)
)

var classNames = [...]string{"ignored", "content", "body", "front matter", "template", "i18n", "data", "static", "config", "theme"}

func (c Class) String() string {
	if c < 0 || int(c) >= len(classNames) {
		return "unknown"
	}
	return classNames[c]
}

// Classify says what kind of input rel (site-relative, slash- or
// OS-separated) is, from its path alone.
func Classify(rel string) Class {
	rel = filepath.ToSlash(path.Clean(filepath.ToSlash(rel)))
	top, rest, _ := strings.Cut(rel, "/")
	switch top {
	case "medkb.yaml":
		if rest == "" {
			return ClassConfig
		}
	case "content":
		return ClassContent
	case "layouts":
		return ClassTemplate
	case "i18n":
		return ClassI18n
	case "data":
		return ClassData
	case "static":
		return ClassStatic
	case "themes":
		_, inTheme, _ := strings.Cut(rest, "/")
		switch sub, _, _ := strings.Cut(inTheme, "/"); sub {
		case "layouts":
			return ClassTemplate
		case "i18n":
			return ClassI18n
		case "static":
			return ClassStatic
		}
		return ClassTheme
	}
	return ClassIgnored
}

// FrontMatterKey identifies a content file's front matter block byte for
// byte (delimiters included, and whatever comes before the opening one: a
// byte order mark, blank lines): two versions of a file with the same key
// differ at most in their bodies. Where the block is comes from package
// fmspan, the rule package frontmatter reads by, applied to the file's
// own bytes; every shape frontmatter reads (CRLF line ends, a byte order
// mark, blank lines before the opening delimiter, a delimiter line ending
// in spaces, YAML closed by ...) is keyed by its block alone, so an edit
// below it is a body edit. The candidate for a second block at the top of
// the body (fmspan.Second: --- or +++ lines and what is between them) is
// keyed with the block above it: package frontmatter reads it to decide
// whether it is a block of keys to report, and a candidate is a superset
// of those blocks, so an edit that could change that decision is a front
// matter edit. A file without front matter has the key of an empty
// block. A block that never closes is keyed by the whole file, and so is
// a file with a lone CR (a CR not followed by LF): package frontmatter
// reads it as a line end (Normalize) and fmspan, on the file's own bytes,
// does not, so the two could see different blocks. Nothing is parsed;
// package frontmatter does that.
func FrontMatterKey(data []byte) Sum {
	block := data
	if !hasLoneCR(data) {
		switch sp := fmspan.Find(data); sp.Status {
		case fmspan.Closed:
			block = data[:sp.End]
			// A second block at the top of the body (fmspan.Second) is
			// read with the front matter: package frontmatter reports it
			// when it holds front matter keys, so an edit to it is a
			// front matter edit, not a body edit.
			if second, ok := fmspan.Second(data, sp); ok {
				block = data[:second.End]
			}
		case fmspan.None:
			block = nil // no front matter at all, whatever the text says
		}
	}
	return SumOf(block)
}

// hasLoneCR reports whether data holds a CR that is not part of a CRLF.
func hasLoneCR(data []byte) bool {
	for i := bytes.IndexByte(data, '\r'); i >= 0; {
		if i+1 >= len(data) || data[i+1] != '\n' {
			return true
		}
		j := bytes.IndexByte(data[i+1:], '\r')
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

// ClassifyContent refines a change to a content file: ClassBody when data's
// front matter is the one whose key was (FrontMatterKey of the version the
// last build read), ClassFrontMatter otherwise (also for a file the last build
// did not read: was is the zero Sum).
func ClassifyContent(was Sum, data []byte) Class {
	if !was.IsZero() && FrontMatterKey(data) == was {
		return ClassBody
	}
	return ClassFrontMatter
}

// Layer is one layer of templates and strings: the theme's files, then the
// site's own, which override them.
type Layer struct {
	Name string // for messages: "themes/clinic", "(embedded default theme)", "."
	FS   fs.FS
}

// ThemeLayers returns the layers a site's templates and strings come from:
// root/themes/NAME when that folder exists, else the embedded default
// theme; then the site root.
func ThemeLayers(root, name string) []Layer {
	var layers []Layer
	if dir := filepath.Join(root, "themes", name); isDir(dir) {
		layers = append(layers, Layer{Name: "themes/" + name, FS: os.DirFS(dir)})
	} else {
		layers = append(layers, Layer{Name: "(embedded default theme)", FS: themes.Default()})
	}
	return append(layers, Layer{Name: ".", FS: os.DirFS(root)})
}

// StaticFiles lists the files copied as they are into a site's output, by
// output path: the theme's static/ (root/themes/NAME/static, or the
// embedded default theme's), then the files of content/ that are not
// Markdown (leaf bundles' images, see ReadContentFiles), then the site's
// static/, which wins; files matching the ignore patterns are left out
// (see ReadStatic).
func StaticFiles(root, theme string, ignore ...string) (map[string]Static, error) {
	var themeFiles []Static
	var err error
	if dir := filepath.Join(root, "themes", theme); isDir(filepath.Join(dir, "static")) {
		themeFiles, err = ReadStatic(dir, ignore...)
	} else {
		themeFiles, err = StaticFS(themes.Default(), "static")
	}
	if err != nil {
		return nil, err
	}
	contentFiles, err := ReadContentFiles(root, ignore...)
	if err != nil {
		return nil, err
	}
	siteFiles, err := ReadStatic(root, ignore...)
	if err != nil {
		return nil, err
	}
	out := make(map[string]Static, len(themeFiles)+len(contentFiles)+len(siteFiles))
	for _, s := range slices.Concat(themeFiles, contentFiles, siteFiles) {
		out[s.Rel] = s
	}
	return out, nil
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// CountContentPaths returns the number of Markdown files of the content
// folder (.md and .markdown, the names IsMarkdownInput takes) that the
// ignore rules (DefaultIgnore plus extra) leave to a build, among paths
// (the site's files relative to its root, slash-separated:
// "content/conditions/asthma.md", as the build's fingerprint lists them):
// what a build's memory budget is sized from before the build has read any
// (config.Config.MemoryBudget). Each folder of content/ is tried once
// against the rules, and nothing is walked: the fingerprint walked it
// already. (It walked content/ a second time for this, 16–49 ms at 10,000
// articles.)
func CountContentPaths(paths []string, extra []string) int {
	ignoredDir := map[string]bool{}
	n := 0
	for _, p := range paths {
		rel, ok := strings.CutPrefix(p, "content/")
		if !ok || !isMarkdownName(rel) {
			continue
		}
		if _, ok := Ignored(rel, extra); ok {
			continue
		}
		skip := false
		for i := 0; i < len(rel) && !skip; i++ {
			if rel[i] != '/' {
				continue
			}
			ignored, seen := ignoredDir[rel[:i]]
			if !seen {
				_, ignored = Ignored(rel[:i], extra)
				ignoredDir[rel[:i]] = ignored
			}
			skip = ignored
		}
		if !skip {
			n++
		}
	}
	return n
}
