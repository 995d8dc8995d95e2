package basepath

import (
	"bytes"
	"encoding/json"
	"path"
	"regexp"
	"strings"
)

// Kind is what a static file is to StaticAddresses, by its name: each
// kind has its own way of holding an address, and its own fix.
type Kind int

const (
	NotScanned   Kind = iota // a file that holds no addresses medkb reads (an image, a PDF, data)
	HTMLFile                 // .html, .htm: URL attributes, as HTML rewrites them
	CSSFile                  // .css: url(…) and @import
	ScriptFile               // .js, .mjs: string literals that look like site-rooted paths
	XMLFile                  // .xml, .xsl, .xslt, .svg: href, src (any prefix: xlink:href)
	ManifestFile             // .webmanifest, or a .json with start_url or icons: its URL members
)

// KindOf returns the kind of the static file at rel ("js/site.js") by
// its extension. A .json file is a ManifestFile only if StaticAddresses
// finds it is one (a web manifest is often named manifest.json). It is
// the one list of the static files that can hold an address: the base
// path's warning reads them, and so does the unlinked-file check
// (staticset's Mentions), for which any of them that names a file links
// it.
func KindOf(rel string) Kind {
	switch strings.ToLower(path.Ext(rel)) {
	case ".html", ".htm":
		return HTMLFile
	case ".css":
		return CSSFile
	case ".js", ".mjs":
		return ScriptFile
	case ".xml", ".xsl", ".xslt", ".svg":
		return XMLFile
	case ".webmanifest", ".json":
		return ManifestFile
	}
	return NotScanned
}

// StaticAddresses returns the site-rooted addresses of src, the static
// file at rel, which a build copies as it is, with their lines; kind is
// KindOf(rel), or NotScanned for a .json file that is no web manifest.
//
// What counts as an address depends on the kind, and medkb rewrites none
// of them:
//   - a script's text cannot be rewritten safely ("/" + path may be
//     anything), so a string literal that is a site-rooted path of at
//     least one character after the slash ("/search/", '/images/a.png',
//     `/api/${x}` up to the ${) is reported, and "/" alone (split("/"))
//     is not, nor one appended to another string (a CDN's host), compared
//     or used as a value (a library's feature test: "/a/b" != …);
//   - in XML (a feed stylesheet, browserconfig.xml, an SVG) the href and
//     src attributes (xlink:href, <?xml-stylesheet href=…?>) are read as
//     HTML's are;
//   - in a web manifest, start_url, scope and the src, url and action
//     members (icons, screenshots, shortcuts, share_target) are. A
//     manifest's addresses are read from the manifest's own address, so
//     the fix, relative ones ("./", "icons/a.png"), works under any path
//     and on a host's root alike: rewriting the file would make the copy
//     differ from the file the writer keeps (and from any hash of it a
//     page or a service worker pins) for an address the writer can write
//     once, for every host.
func StaticAddresses(rel string, src []byte) (Kind, []Found) {
	switch k := KindOf(rel); k {
	case HTMLFile:
		return k, htmlAddresses(src)
	case CSSFile:
		return k, cssAddresses(src)
	case ScriptFile:
		return k, scriptAddresses(src)
	case XMLFile:
		return k, xmlAddresses(src)
	case ManifestFile:
		if strings.ToLower(path.Ext(rel)) == ".json" && !isManifest(src) {
			return NotScanned, nil
		}
		return k, manifestAddresses(src)
	}
	return NotScanned, nil
}

// scriptStringRe matches a string literal in a script that is a
// site-rooted path: a slash, a letter, digit or one of _~%- and then
// only characters of a path, query or fragment, to the closing quote
// (or, in a template literal, to ${).
var scriptStringRe = regexp.MustCompile(`"(/[\w~%\-][\w~%.\-/?#=&:@+]*)"|'(/[\w~%\-][\w~%.\-/?#=&:@+]*)'|` + "`" + `(/[\w~%\-][\w~%.\-/?#=&:@+]*)(?:` + "`" + `|\$\{)`)

// scriptAddresses returns the string literals of a script that are
// site-rooted paths used as addresses: not one appended to something
// ("https://cdn…" + "/dist/a.js", a host's path), compared ("/a/b" !=
// re.source, as feature tests in libraries do) or used as a value of its
// own ("/./"[m], "/x".length).
func scriptAddresses(src []byte) []Found {
	var out []Found
	ln := lines{src: src}
	for _, m := range scriptStringRe.FindAllSubmatchIndex(src, -1) {
		before := bytes.TrimRight(src[:m[0]], " \t\r\n")
		after := bytes.TrimLeft(src[m[1]:], " \t\r\n")
		if bytes.HasSuffix(before, []byte("+")) || bytes.HasSuffix(before, []byte("==")) || bytes.HasSuffix(before, []byte("!=")) ||
			bytes.HasPrefix(after, []byte("==")) || bytes.HasPrefix(after, []byte("!=")) ||
			bytes.HasPrefix(after, []byte("[")) || bytes.HasPrefix(after, []byte(".")) {
			continue
		}
		for g := 2; g < len(m); g += 2 {
			if m[g] >= 0 {
				out = append(out, Found{string(src[m[g]:m[g+1]]), ln.at(m[g])})
			}
		}
	}
	return out
}

// xmlAttrRe matches an href or src attribute (with any namespace prefix)
// whose value is site-rooted: "/" alone, or a slash not followed by
// another.
var xmlAttrRe = regexp.MustCompile(`(?i)[\s<?](?:[\w.-]+:)?(?:href|src)\s*=\s*(?:"(/(?:[^/"][^"]*)?)"|'(/(?:[^/'][^']*)?)')`)

func xmlAddresses(src []byte) []Found {
	var out []Found
	ln := lines{src: src}
	for _, m := range xmlAttrRe.FindAllSubmatchIndex(src, -1) {
		for g := 2; g < len(m); g += 2 {
			if m[g] >= 0 {
				out = append(out, Found{strings.TrimSpace(string(src[m[g]:m[g+1]])), ln.at(m[g])})
			}
		}
	}
	return out
}

// isManifest reports whether src, a .json file, is a web manifest: an
// object with a start_url or an icons member (a FHIR resource, a data
// file or a search index has neither).
func isManifest(src []byte) bool {
	var top map[string]json.RawMessage
	if json.Unmarshal(src, &top) != nil {
		return false
	}
	_, start := top["start_url"]
	_, icons := top["icons"]
	return start || icons
}

// manifestURLKeys are the members of a web manifest, at any depth, whose
// value is one address.
var manifestURLKeys = map[string]bool{"start_url": true, "scope": true, "src": true, "url": true, "action": true}

// manifestAddresses walks a web manifest's JSON tokens and returns the
// site-rooted values of its URL members (manifestURLKeys), each with
// the line the value ends on.
func manifestAddresses(src []byte) []Found {
	type level struct {
		object  bool
		key     string
		wantKey bool
	}
	var out []Found
	ln := lines{src: src}
	var stack []level
	dec := json.NewDecoder(bytes.NewReader(src))
	for {
		tok, err := dec.Token()
		if err != nil {
			return out
		}
		if d, ok := tok.(json.Delim); ok {
			switch d {
			case '{', '[':
				stack = append(stack, level{object: d == '{', wantKey: d == '{'})
			default:
				stack = stack[:len(stack)-1]
				if n := len(stack); n > 0 && stack[n-1].object {
					stack[n-1].wantKey = true // the value of a key ended
				}
			}
			continue
		}
		if len(stack) == 0 {
			return out
		}
		top := &stack[len(stack)-1]
		if !top.object {
			continue
		}
		if top.wantKey {
			top.key, _ = tok.(string)
			top.wantKey = false
			continue
		}
		top.wantKey = true
		if v, ok := tok.(string); ok && manifestURLKeys[top.key] && siteRooted(v) {
			out = append(out, Found{v, ln.at(int(dec.InputOffset()))})
		}
	}
}
