// Package basepath serves a site under a path of its host
// (base_url: https://org.github.io/child-health/, config.Config.BasePath
// "/child-health/"): it writes the path into the site-rooted addresses of
// what a build publishes.
//
// The site model keeps its addresses site-rooted: a page's RelPermalink is
// "/conditions/asthma/" and its OutputPath "conditions/asthma/index.html"
// whatever the base path, and so are the links writers type in Markdown
// ("/conditions/asthma/", "/images/x.png"), the addresses the checks
// check, the build cache's keys (a rendered body holds the link as
// written, so the body cache needs no base path in its key) and the
// search index's directories. The path is added at the edges only, as the
// output is written:
//
//   - HTML: every page, alias and 404 page goes through HTML on its way to
//     the output folder, after the checks have read it as rendered. That
//     includes the theme's and a site's own layouts, so an overridden
//     layout that writes href="/js/site.js" or {{ .RelPermalink }} is
//     prefixed as the default theme is, and nothing is half-prefixed.
//     (Templates that build an address in a script or a text may write
//     relURL, which is Prefix.)
//   - feeds: an item's HTML goes through HTML before its URLs are
//     resolved against the page's absolute URL (package feed), and every
//     absolute URL is made by config.Config.AbsURL, which joins base_url,
//     path and all;
//   - the search index holds each article's URL with the path (package
//     searchset), which the search page opens as it is;
//   - host configuration files (package hostconfig) name the URLs the host
//     is asked for, path and all;
//   - the development server serves the site under the path (package
//     serve).
//
// With the base path "/" every function returns its input unchanged, so a
// site served from the root of its host is built byte for byte as it was.
// The other choice, a RelPermalink carrying the path, would have touched
// every link check, every cache key and every output path.
//
// Layouts write site-rooted addresses as on a site at the root
// (href="/conditions/", {{ .RelPermalink }}); where a layout puts an
// address medkb does not rewrite (another data- attribute, a script's
// text) it writes {{ .Site.Config.BasePath }} before it. An address
// that medkb rewrites and that already has the path in it (a writer's
// "/guide/conditions/asthma/", a layout's {{ .Site.Config.BasePath }}
// before an href) is left as it was written when it names a page or file
// of the site only without the path, and served under the path like the
// rest otherwise (a section named like the path); Rewrite returns those
// addresses, and the build warns of them: the link check at the line of
// a Markdown link, image or raw HTML, the build naming the page for a
// layout's. A site's static
// files are copied as they are, never rewritten: the build warns, at the
// line of the first, of the site-rooted addresses of its HTML and CSS,
// its scripts, XML files and web manifests (StaticAddresses says how
// each is read, and why a script or a manifest is not rewritten).
//
// The package imports nothing of medkb, reads and writes no files, and
// its functions are safe for concurrent use.
package basepath

import (
	"bytes"
	"io"
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// Prefix returns the site-rooted address u ("/conditions/asthma/") as it
// is served under base ("/child-health/conditions/asthma/"). Any other
// address — relative, a fragment, protocol-relative ("//cdn…"), with a
// scheme — is returned as it is, and so is every address when base is "/".
func Prefix(base, u string) string {
	if base == "/" || base == "" || !siteRooted(u) {
		return u
	}
	return strings.TrimSuffix(base, "/") + u
}

// siteRooted reports whether u starts with one slash (not two).
func siteRooted(u string) bool {
	return strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//")
}

// urlAttrs are the attributes whose value is one address: HTML's own
// (href on a, link, area, base and SVG's use; src; action and formaction;
// poster; cite; object's data) and the search form's data-base, which the
// search script loads the index from.
var urlAttrs = map[string]bool{
	"href": true, "xlink:href": true, "src": true, "action": true, "formaction": true,
	"poster": true, "cite": true, "data": true, "data-base": true,
}

// HTML returns src, an HTML document or fragment, with the site-rooted
// address of every URL attribute (urlAttrs, srcset and imagesrcset, and a
// <meta http-equiv="refresh"> content's url=) served under base. The rest
// is copied byte for byte; the text of scripts and styles is not touched.
// When base is "/" or nothing changes, src itself is returned.
func HTML(src []byte, base string) []byte {
	out, _ := Rewrite(src, base, nil)
	return out
}

// Rewrite is HTML, and also returns the site-rooted addresses that
// already started with base ("/guide/conditions/" under "/guide/"): a
// template or a writer that wrote the path, which medkb adds itself.
// known, when not nil, reports whether the site has a page or file at a
// site-rooted path (given without a fragment or query): an address with the path in it that names nothing
// of the site as it is, but does without the path ("/guide/conditions/"
// for the page /conditions/), is left as it was written, which is where
// that page is served; any other is served under base like the rest
// ("/guide/guide/…", a page of a section named like the path). Either
// way it is returned, unless known says it is the site's own address,
// and the caller says so. With known nil every address is prefixed.
func Rewrite(src []byte, base string, known func(string) bool) ([]byte, []string) {
	if base == "/" || base == "" {
		return src, nil
	}
	ins := strings.TrimSuffix(base, "/")
	var doubled []string
	var out []byte
	done := 0 // src[:done] is in out
	z := html.NewTokenizer(bytes.NewReader(src))
	at := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		n := len(z.Raw())
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			for _, pos := range insertions(src[at : at+n]) {
				if rest := src[at+pos : at+n]; bytes.HasPrefix(rest, []byte(base)) {
					end := bytes.IndexAny(rest, "\"' \t\n\r\f>,")
					if end < 0 {
						end = len(rest)
					}
					u := string(rest[:end])
					p, _, _ := strings.Cut(u, "#")
					p, _, _ = strings.Cut(p, "?")
					if known != nil && known(p) {
						// the site's own address: prefixed below
					} else {
						doubled = append(doubled, u)
						if known != nil && known(Strip(base, p)) {
							if out == nil {
								out = []byte{} // changed: not src
							}
							continue // served where it was written
						}
					}
				}
				out = append(out, src[done:at+pos]...)
				out = append(out, ins...)
				done = at + pos
			}
		}
		at += n
	}
	if z.Err() != io.EOF || out == nil {
		return src, nil
	}
	return append(out, src[done:]...), doubled
}

// Strip returns u, a site-rooted address that starts with base
// ("/guide/conditions/" under "/guide/"), without it ("/conditions/"),
// and any other address as it is.
func Strip(base, u string) string {
	if base == "/" || base == "" {
		return u
	}
	if rest, ok := strings.CutPrefix(u, strings.TrimSuffix(base, "/")); ok && (rest == "" || strings.ContainsRune("/?#", rune(rest[0]))) {
		if rest == "" || rest[0] != '/' {
			rest = "/" + rest
		}
		return rest
	}
	return u
}

// Found is a site-rooted address in a static file, and its line.
type Found struct {
	URL  string
	Line int
}

// htmlAddresses returns the site-rooted addresses of src's URL attributes
// (those HTML serves under a base path), in order, with their lines.
func htmlAddresses(src []byte) []Found {
	var out []Found
	ln := lines{src: src}
	z := html.NewTokenizer(bytes.NewReader(src))
	at := 0
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		n := len(z.Raw())
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			for _, pos := range insertions(src[at : at+n]) {
				rest := src[at+pos : at+n]
				end := bytes.IndexAny(rest, "\"' \t\n\r\f>,")
				if end < 0 {
					end = len(rest)
				}
				out = append(out, Found{string(rest[:end]), ln.at(at + pos)})
			}
		}
		at += n
	}
	return out
}

// lines gives the line (from 1) of offsets of src. Each reader asks in
// increasing order, so it counts newlines only past the last offset asked
// for: a file is read once, not once per address (an earlier offset
// counts again from the start).
type lines struct {
	src       []byte
	off, line int
}

func (l *lines) at(off int) int {
	if off < l.off {
		l.off, l.line = 0, 0
	}
	l.line += bytes.Count(l.src[l.off:off], []byte("\n"))
	l.off = off
	return l.line + 1
}

// cssURLRe matches a site-rooted address in CSS: url(/x), url("/x"),
// @import "/x".
var cssURLRe = regexp.MustCompile(`(?:url\(\s*['"]?|@import\s+['"])(/[^/'"\s)][^'"\s)]*)`)

func cssAddresses(src []byte) []Found {
	var out []Found
	ln := lines{src: src}
	for _, m := range cssURLRe.FindAllSubmatchIndex(src, -1) {
		out = append(out, Found{string(src[m[2]:m[3]]), ln.at(m[2])})
	}
	return out
}

// insertions returns the offsets in the raw start tag where the base path
// goes, in order: at the start of each site-rooted address.
func insertions(tag []byte) []int {
	var out []int
	i := 1
	for i < len(tag) && !isSpace(tag[i]) && tag[i] != '/' && tag[i] != '>' {
		i++
	}
	name := strings.ToLower(string(tag[1:i]))
	var refresh bool
	var content = -1 // offset of a meta's content value
	for {
		for i < len(tag) && (isSpace(tag[i]) || tag[i] == '/') {
			i++
		}
		if i >= len(tag) || tag[i] == '>' {
			break
		}
		start := i
		i++ // a name may start with '='
		for i < len(tag) && !isSpace(tag[i]) && tag[i] != '/' && tag[i] != '>' && tag[i] != '=' {
			i++
		}
		key := strings.ToLower(string(tag[start:i]))
		for i < len(tag) && isSpace(tag[i]) {
			i++
		}
		if i >= len(tag) || tag[i] != '=' {
			continue // no value
		}
		i++
		for i < len(tag) && isSpace(tag[i]) {
			i++
		}
		vs, ve := i, i
		if i < len(tag) && (tag[i] == '"' || tag[i] == '\'') {
			q := tag[i]
			vs = i + 1
			ve = bytes.IndexByte(tag[vs:], q)
			if ve < 0 {
				ve = len(tag)
			} else {
				ve += vs
			}
			i = ve + 1
		} else {
			for i < len(tag) && !isSpace(tag[i]) && tag[i] != '>' {
				i++
			}
			ve = i
		}
		val := tag[vs:ve]
		switch {
		case urlAttrs[key]:
			lead := len(val) - len(bytes.TrimLeft(val, " \t\n\r\f"))
			if siteRooted(string(val[lead:])) {
				out = append(out, vs+lead)
			}
		case key == "srcset" || key == "imagesrcset":
			for _, p := range srcsetURLs(val) {
				out = append(out, vs+p)
			}
		case name == "meta" && key == "http-equiv":
			refresh = strings.EqualFold(strings.TrimSpace(string(val)), "refresh")
		case name == "meta" && key == "content":
			if p := refreshURL(val); p >= 0 {
				content = vs + p
			}
		}
	}
	if refresh && content >= 0 {
		out = append(out, content)
		// keep the offsets in order
		for j := len(out) - 1; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// srcsetURLs returns the offsets of the site-rooted image candidate URLs
// of a srcset value: a URL runs to the next whitespace, descriptors to
// the next comma.
func srcsetURLs(s []byte) []int {
	var out []int
	i := 0
	for i < len(s) {
		for i < len(s) && (isSpace(s[i]) || s[i] == ',') {
			i++
		}
		if i >= len(s) {
			break
		}
		start := i
		for i < len(s) && !isSpace(s[i]) {
			i++
		}
		if siteRooted(string(s[start:i])) {
			out = append(out, start)
		}
		if s[i-1] == ',' {
			continue
		}
		depth := 0
		for ; i < len(s); i++ {
			if s[i] == '(' {
				depth++
			} else if s[i] == ')' && depth > 0 {
				depth--
			} else if s[i] == ',' && depth == 0 {
				break
			}
		}
	}
	return out
}

// refreshURL returns the offset of a site-rooted address after "url=" in
// a refresh's content ("0; url=/conditions/asthma/"), or -1.
func refreshURL(v []byte) int {
	low := bytes.ToLower(v)
	i := bytes.Index(low, []byte("url"))
	if i < 0 {
		return -1
	}
	i += 3
	for i < len(v) && isSpace(v[i]) {
		i++
	}
	if i >= len(v) || v[i] != '=' {
		return -1
	}
	i++
	for i < len(v) && isSpace(v[i]) {
		i++
	}
	if i < len(v) && (v[i] == '\'' || v[i] == '"') {
		i++
	}
	if !siteRooted(string(v[i:])) {
		return -1
	}
	return i
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}
