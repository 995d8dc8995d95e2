package check

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
)

// CheckUnlinked names the unlinked-file check's findings (RunUnlinked).
const CheckUnlinked = "unlinked-file"

// ContentFile is a file of content/ that is no page, published as it is
// (a picture beside its page, a leaflet, or a file left there).
type ContentFile struct {
	File string // "content/conditions/notes.txt"
	Rel  string // its output path: "conditions/notes.txt"
}

// KeepRule is an entry of medkb.yaml's publish_unlinked, at its line:
// files it matches are published on purpose though no page links them.
type KeepRule struct {
	Pattern string
	Line    int
}

// Unlinked is what the unlinked-file check reads.
type Unlinked struct {
	// Files are the candidates: every file of content/ the build
	// publishes as it is.
	Files []ContentFile
	// Links calls yield with every link destination of every page whose
	// links are published (drafts' included, withdrawn pages' not), as
	// written, and the URL of the page it is resolved against: body
	// links and images, a front matter image, the menu's links.
	Links func(yield func(pageURL, dest string))
	// Mentioned, when set, reports which of rels (output paths) the
	// site's layouts or static HTML, CSS and scripts name (its map may
	// hold others too): a link a template writes counts as one. Asked
	// only when some file is linked from no page.
	Mentioned func(rels []string) map[string]bool
	// Keep are the publish_unlinked rules.
	Keep []KeepRule
	// BaseURL resolves absolute links to the site itself and its path.
	BaseURL    string
	ConfigFile string
	Levels     map[string]Level
}

// RunUnlinked warns about each file of content/ the build publishes that
// no page links to, no layout or static file names and no publish_unlinked
// rule keeps, at the file: anyone who guesses its address reads it, and a
// file left in a section folder (notes, a draft, a scan of a referral)
// can hold what no reader should. Files hosts and browsers look for by
// name at the site's root (HostFile) are never reported. A rule that
// matches no published file is a warning at its line of medkb.yaml. The
// check's level (medkb.yaml check: unlinked-file) applies to both.
func RunUnlinked(u Unlinked) []Diagnostic {
	var out []Diagnostic
	used := make([]bool, len(u.Keep))
	var rest []ContentFile
	for _, f := range u.Files {
		if HostFile(f.Rel) {
			continue
		}
		kept := false
		for i, k := range u.Keep {
			if KeepMatches(k.Pattern, f.Rel) {
				used[i], kept = true, true
			}
		}
		if !kept {
			rest = append(rest, f)
		}
	}
	r := newResolver(u.BaseURL)
	if len(rest) > 0 {
		rest = unlinkedOf(rest, u, r)
	}
	base := strings.TrimSuffix(r.idx.basePath, "/")
	for _, f := range rest {
		out = append(out, Diagnostic{File: f.File, Severity: Warning, Check: "unlinked-file",
			Message: fmt.Sprintf("published at %s/%s, but no page links to it: anyone who guesses the address can read it", base, f.Rel),
			Hint: "link it from a page, delete it, or move it out of content/; to publish it unlinked on purpose, list it in medkb.yaml: " +
				"publish_unlinked: [" + quoteYAML(f.Rel) + "] (or a pattern, " + quoteYAML(patternFor(f.Rel)) + ")"})
	}
	for i, k := range u.Keep {
		if !used[i] {
			out = append(out, Diagnostic{File: u.ConfigFile, Line: k.Line, Severity: Warning, Check: "unlinked-file",
				Message: fmt.Sprintf("publish_unlinked entry %q matches no file of content/ that the build publishes", k.Pattern),
				Hint:    "write the file's path inside content/ (leaflets/flu.pdf) or a name or glob (*.pdf, leaflets/*), or remove the entry"})
		}
	}
	out = applyLevels(out, u.Levels, nil)
	Sort(out)
	return out
}

// unlinkedOf returns the files of files that no link of u leads to and
// u.Mentioned does not name, in their order. Only links whose last
// segment is some file's name are resolved: a rebuild of one page of a
// large site runs this over every page's links.
func unlinkedOf(files []ContentFile, u Unlinked, r resolver) []ContentFile {
	names := make(map[string]bool, len(files))
	keys := make(map[string]bool, len(files))
	for _, f := range files {
		names[path.Base(f.Rel)] = true
		keys[normalizePath(f.Rel)] = true
	}
	linked := map[string]bool{}
	if u.Links != nil {
		u.Links(func(pageURL, dest string) {
			name := sitePart(dest)
			name = name[strings.LastIndexByte(name, '/')+1:]
			if strings.IndexByte(name, '%') >= 0 {
				if n, err := url.PathUnescape(name); err == nil {
					name = n
				}
			}
			if !names[name] {
				return
			}
			for _, k := range r.keys(pageURL, dest) {
				if keys[k] {
					linked[k] = true
				}
			}
		})
	}
	var out []ContentFile
	for _, f := range files {
		if !linked[normalizePath(f.Rel)] {
			out = append(out, f)
		}
	}
	if len(out) > 0 && u.Mentioned != nil {
		rels := make([]string, len(out))
		for i, f := range out {
			rels[i] = f.Rel
		}
		named := u.Mentioned(rels)
		out = slices.DeleteFunc(out, func(f ContentFile) bool { return named[f.Rel] })
	}
	return out
}

// sitePart is a link's destination without its fragment and query.
func sitePart(dest string) string {
	dest, _, _ = strings.Cut(dest, "#")
	dest, _, _ = strings.Cut(dest, "?")
	return dest
}

// resolver resolves links to this site's published paths as the link
// check does (checkInternal).
type resolver struct{ idx *index }

func newResolver(baseURL string) resolver { return resolver{newIndex(Site{BaseURL: baseURL})} }

// keys returns the normalised paths (normalizePath) dest, a link on the
// page at pageURL, may name: as resolved, and without the site's path
// when the site is served below one; none for a link elsewhere.
func (r resolver) keys(pageURL, dest string) []string {
	u, err := url.Parse(dest)
	if err != nil {
		return nil
	}
	ref := &url.URL{Path: u.Path}
	switch strings.ToLower(u.Scheme) {
	case "":
		if u.Host != "" {
			return nil // "//host/path": another site, as checkLink reads it
		}
	case "http", "https":
		if r.idx.baseHost == "" || strings.ToLower(u.Hostname()) != r.idx.baseHost {
			return nil
		}
		ref.Path = "/" + strings.TrimPrefix(u.Path, "/")
	default:
		return nil
	}
	if ref.Path == "" {
		return nil
	}
	key := normalizePath((&url.URL{Path: pageURL}).ResolveReference(ref).Path)
	if other := r.idx.withoutBase(key); other != key {
		return []string{key, other}
	}
	return []string{key}
}

// KeepMatches reports whether a publish_unlinked pattern matches the
// file at rel (its path inside content/): as medkb.yaml's ignore rules
// do, a pattern without a "/" matches the file's name or a folder's
// name on its path, one with a "/" the path inside content/ or a folder
// of it (a leading "/" is allowed).
func KeepMatches(pattern, rel string) bool {
	pattern = strings.TrimSuffix(pattern, "/")
	slashed := strings.Contains(pattern, "/")
	pattern = strings.TrimPrefix(pattern, "/")
	for p := rel; p != "." && p != "/" && p != ""; p = path.Dir(p) {
		target := path.Base(p)
		if slashed {
			target = p
		}
		if ok, _ := path.Match(pattern, target); ok {
			return true
		}
	}
	return false
}

// hostFiles are the files hosts, browsers, crawlers and services look for
// by name at a site's root, which no page links to.
var hostFiles = map[string]bool{
	"favicon.ico": true, "favicon.png": true, "favicon.svg": true, "apple-touch-icon.png": true, "apple-touch-icon-precomposed.png": true,
	"robots.txt": true, "humans.txt": true, "ads.txt": true, "app-ads.txt": true, "security.txt": true, "keybase.txt": true,
	"CNAME": true, "_redirects": true, "_headers": true, "_routes.json": true, "vercel.json": true, "netlify.toml": true, "staticwebapp.config.json": true,
	"manifest.json": true, "manifest.webmanifest": true, "site.webmanifest": true, "browserconfig.xml": true,
	"BingSiteAuth.xml": true, "crossdomain.xml": true, "sitemap.xml": true,
}

// HostFile reports whether rel, an output path, is a file hosts,
// browsers, crawlers or services look for by name (robots.txt, CNAME,
// favicon.ico, a Google, Bing or Yandex site-verification file) at the
// root, or anything under /.well-known/: published for them, linked
// from no page.
func HostFile(rel string) bool {
	if strings.HasPrefix(rel, ".well-known/") {
		return true
	}
	if hostFiles[rel] { // a name at the root: rel holds no "/"
		return true
	}
	lower := strings.ToLower(rel)
	return strings.HasSuffix(lower, ".html") && (strings.HasPrefix(lower, "google") || strings.HasPrefix(lower, "yandex_")) ||
		strings.HasPrefix(lower, "pinterest-") && strings.HasSuffix(lower, ".html")
}

// patternFor is a publish_unlinked pattern suggestion for rel: its
// folder's files of the same extension ("leaflets/*.pdf").
func patternFor(rel string) string {
	dir, ext := path.Dir(rel), path.Ext(rel)
	if dir == "." {
		return "*" + ext
	}
	return dir + "/*" + ext
}

// quoteYAML quotes s for a YAML flow sequence.
func quoteYAML(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }
