package importer

import (
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
)

// hugoRef is one ref or relref shortcode of a page's body.
type hugoRef struct {
	code   string // the shortcode as written, for the notes
	target string // its path argument (the first, or path=)
	lang   string // its lang argument; "": the page's language
}

// refMark brackets the number of a page's ref placeholder in its body
// (two private-use characters, which no content uses).
const refMarkOpen, refMarkClose = "\ue000", "\ue001"

// refMarkRe matches a placeholder with the anchor written after the
// shortcode ("{{< ref "a" >}}#dose"), which goes with it.
var refMarkRe = lazyRE(refMarkOpen + `(\d+)` + refMarkClose + `(#[^\s)"'<>]*)?`)

// hugoRefMark records the ref or relref shortcode m (args: its
// arguments) of d and returns the placeholder resolveHugoRefs replaces
// with the address of the page it names.
func (s *site) hugoRefMark(d *doc, m string, args map[string]string) string {
	target, ok := args["path"]
	if !ok {
		target = args["0"]
	}
	lang := strings.ToLower(args["lang"])
	if lang == s.defaultLang {
		lang = ""
	}
	d.hugoRefs = append(d.hugoRefs, hugoRef{code: m, target: target, lang: lang})
	return refMarkOpen + strconv.Itoa(len(d.hugoRefs)-1) + refMarkClose
}

// hugoBase returns a path inside content ("conditions/Asthma") as
// Hugo's page lookups key it: from the root, lower case, spaces as
// hyphens ("/conditions/asthma").
func hugoBase(p string) string {
	return "/" + strings.ReplaceAll(strings.ToLower(strings.Trim(p, "/")), " ", "-")
}

// refIndex is every page a Hugo ref can name, by language and path
// (hugoPath), with the address it has after the import: the imported
// pages, the home pages, the sections (whose list pages medkb makes)
// and the nested sections' list pages that were not imported (at their
// old address, which links send on to their top section).
type refIndex struct {
	byPath map[string]map[string]string   // language → path → address
	byName map[string]map[string][]string // language → last path segment → paths
}

func (ix *refIndex) add(lang, p, url string) {
	if ix.byPath[lang] == nil {
		ix.byPath[lang] = map[string]string{}
		ix.byName[lang] = map[string][]string{}
	}
	if _, ok := ix.byPath[lang][p]; ok {
		return
	}
	ix.byPath[lang][p] = url
	if name := path.Base(p); name != "/" {
		ix.byName[lang][name] = append(ix.byName[lang][name], p)
	}
}

func (s *site) refIndex() *refIndex {
	ix := &refIndex{byPath: map[string]map[string]string{}, byName: map[string]map[string][]string{}}
	prefix := func(lang string) string {
		if lang == "" {
			return ""
		}
		return "/" + lang
	}
	ix.add("", "/", "/")
	for _, l := range s.langs {
		ix.add(l, "/", "/"+l+"/")
	}
	for _, d := range s.docs {
		ix.add(d.lang, d.hugoPath, d.url)
	}
	for _, d := range s.droppedLists {
		ix.add(d.lang, d.hugoPath, d.url)
	}
	for _, d := range s.notFound {
		ix.add(d.lang, d.hugoPath, d.url) // medkb's not-found page
	}
	for k, d := range s.sectionMeta {
		ix.add(k.lang, d.hugoPath, prefix(k.lang)+"/"+k.section+"/")
	}
	// Hugo makes a page for every top-level folder of content, with or
	// without an _index file.
	for _, d := range s.docs {
		if top, _, nested := strings.Cut(strings.TrimPrefix(d.hugoPath, "/"), "/"); nested && d.section != "pages" {
			ix.add(d.lang, "/"+top, prefix(d.lang)+"/"+d.section+"/")
		}
	}
	return ix
}

// resolveHugoRefs replaces the ref and relref placeholders of every page
// with the address of the page each names, as Hugo finds it (hugolib's
// pageFinder): a trailing slash does not count; a path without a
// leading slash is looked up from the page's folder first (a section
// page's own folder, else the folder the page is in; ./ and ../ only
// there), then from the content root; a content file's extension
// (.md), a language in its name (page.es.md) and a final /index or
// /_index name its page; a path with no slash at all that names no page
// by either is looked up by name alone, unless pages of two folders
// have that name (Hugo refuses it). The page is found in the ref's
// language (lang=, else the page's), else in the default language; a
// path that starts with a language of the site ("/es/…", which Hugo
// does not read) is looked up in that language. "#anchor" alone is the
// page itself. A ref that names no page gets the address its path
// makes, which medkb check reports as a broken link, and a note.
//
// An anchor written after the shortcode goes after the address. With
// an anchor inside the ref too ({{< ref "a#b" >}}#c) Hugo wrote both,
// /a/#b#c, whose fragment "b#c" names no heading (the link opened the
// top of the page): the link keeps the one after the shortcode, as
// Jekyll's link tags do, with a note naming the other.
func (s *site) resolveHugoRefs() {
	ix := s.refIndex()
	pages := append(slices.Clone(s.docs), s.listPages()...)
	for _, d := range pages {
		if len(d.hugoRefs) == 0 {
			continue
		}
		lines := strings.Split(d.body, "\n")
		for i, line := range lines {
			lines[i] = refMarkRe.ReplaceAllStringFunc(line, func(m string) string {
				g := refMarkRe.FindStringSubmatch(m)
				n, _ := strconv.Atoi(g[1])
				r := d.hugoRefs[n]
				if after := g[2]; after != "" {
					p, inner := cutFragment(strings.TrimSpace(r.target))
					if inner != "" {
						s.note(d.src, d.bodyLine+i, Human, "%s%s has two anchors: Hugo linked to the page's address followed by %s%s, an anchor no heading has (the link opened the top of the page); the link keeps the one after the shortcode, %s: write %s if that is the heading meant", r.code, after, inner, after, after, inner)
					}
					r.target = p + after
				}
				url, problem := s.findRef(ix, d, r)
				if problem != "" {
					s.note(d.src, d.bodyLine+i, Human, "%s %s: the link points at %s, which medkb check reports as broken; fix the link", r.code, problem, url)
				}
				return url
			})
		}
		d.body = strings.Join(lines, "\n")
	}
}

// contentExts are the extensions of the content files a ref may name.
var contentExts = []string{".md", ".markdown", ".mdown", ".mkd", ".html", ".htm"}

// findRef returns the address of the page r (of page d) names, else
// the address its path makes and what is wrong.
func (s *site) findRef(ix *refIndex, d *doc, r hugoRef) (url, problem string) {
	target, frag := cutFragment(strings.TrimSpace(r.target))
	if target == "" && frag != "" {
		return frag, "" // an anchor of the page itself
	}
	lang := d.lang
	if r.lang != "" {
		lang = r.lang
	}
	inRef := strings.TrimRight(strings.ReplaceAll(target, `\`, "/"), "/")
	ref := inRef
	if ref == "" {
		ref = "/"
	}
	// The extension and a language in the file's name.
	hadExt := false
	for _, ext := range contentExts {
		if len(ref) > len(ext) && strings.EqualFold(ref[len(ref)-len(ext):], ext) {
			ref, hadExt = ref[:len(ref)-len(ext)], true
			break
		}
	}
	if hadExt {
		if i := strings.LastIndex(ref, "."); i > strings.LastIndex(ref, "/")+1 {
			switch l := strings.ToLower(ref[i+1:]); {
			case l == s.defaultLang:
				ref, lang = ref[:i], ""
			case s.hugoLangs[l]:
				ref, lang = ref[:i], l
			}
		}
	}
	ref = strings.ReplaceAll(strings.ToLower(ref), " ", "-")
	if b := path.Base(ref); b == "index" || b == "_index" {
		ref = strings.TrimSuffix(ref, b)
	}
	var tries []string
	if !strings.HasPrefix(ref, "/") {
		base := d.hugoPath
		if !d.hugoBranch && !(hadExt && d.hugoLeaf && strings.HasPrefix(ref, "../")) {
			base = path.Dir(base)
		}
		tries = append(tries, path.Join(base, ref))
	}
	if !strings.HasPrefix(ref, ".") {
		tries = append(tries, path.Join("/", ref))
	}
	find := func(p, lang string) (string, bool) {
		if u, ok := ix.byPath[lang][p]; ok {
			return u, true
		}
		u, ok := ix.byPath[""][p]
		return u, ok
	}
	for _, p := range tries {
		if u, ok := find(p, lang); ok {
			return u + frag, ""
		}
	}
	// A path with no slash: the page with that name, if only one has it.
	if !strings.Contains(inRef, "/") && ref != "" && !strings.HasPrefix(ref, ".") {
		name := path.Base(ref)
		found := ix.byName[lang][name]
		if len(found) == 0 {
			lang, found = "", ix.byName[""][name]
		}
		switch len(found) {
		case 1:
			return ix.byPath[lang][found[0]] + frag, ""
		case 0:
		default:
			slices.Sort(found)
			return normURL(path.Join("/", ref)) + frag, s.deadRef(normURL(path.Join("/", ref)),
				fmt.Sprintf("is ambiguous: %d pages are named %s (%s), and Hugo refuses it (REF_NOT_FOUND); write the page's path", len(found), name, strings.Join(found, ", ")))
		}
	}
	// A language of the site at the start ("/es/conditions/copd"), which
	// Hugo does not read but a link would.
	p := path.Join("/", ref)
	if first, rest, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/"); s.hugoLangs[first] || first == s.defaultLang && len(s.hugoLangs) > 0 {
		l := first
		if l == s.defaultLang {
			l = ""
		}
		if u, ok := ix.byPath[l][path.Join("/", rest)]; ok {
			return u + frag, ""
		}
	}
	dead := normURL(tries[len(tries)-1])
	return dead + frag, s.deadRef(dead, "names no page of the Hugo site (Hugo reports REF_NOT_FOUND and links to nothing)")
}

// cutFragment splits a link's target at its first "#": the path and
// the fragment with its "#" ("" when there is none, or only "#"), which
// goes after the address the path resolves to. Hugo's refs, Jekyll's
// link and post_url tags and the links rewritten all split so.
func cutFragment(target string) (p, frag string) {
	p, frag, _ = strings.Cut(target, "#")
	if frag != "" {
		frag = "#" + frag
	}
	return p, frag
}

// deadRef records the address given to a ref that names no page and
// returns problem.
func (s *site) deadRef(url, problem string) string {
	if s.deadRefs == nil {
		s.deadRefs = map[string]bool{}
	}
	s.deadRefs[url] = true
	return problem
}
