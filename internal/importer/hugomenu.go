package importer

import (
	"cmp"
	"fmt"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/medkb/medkb/internal/config"
)

// Hugo's main menu becomes medkb.yaml's menu: the entries the
// configuration lists for the default language and those pages add in
// their front matter (menu: main), in Hugo's order. What medkb's one
// level of main navigation cannot show — child entries, other menus,
// other languages' menus, icons — is noted, never dropped quietly.

// menuEntry is an entry of the Hugo site's main menu, from the
// configuration or a page's front matter, before its address is known.
type menuEntry struct {
	name, identifier, parent string
	weight                   int
	url, pageRef             string
	page                     *doc   // the page whose front matter put it in the menu
	file                     string // where it is defined, for the notes
	decorated                bool   // has pre, post or params, which medkb's menu does not draw
}

// menusOf returns the menus a configuration table (the site's or a
// language's) defines under menus or menu, by name.
func menusOf(m map[string]any) map[string]any {
	out := map[string]any{}
	for _, k := range slices.Sorted(maps.Keys(m)) { // menu before menus, whatever the map's order
		if strings.EqualFold(k, "menus") || strings.EqualFold(k, "menu") {
			if mm, ok := m[k].(map[string]any); ok {
				for name, entries := range mm {
					name = strings.ToLower(name)
					if l := asList(out[name]); len(l) > 0 {
						entries = append(slices.Clone(l), asList(entries)...)
					}
					out[name] = entries
				}
			}
		}
	}
	return out
}

// hugoMenus reads the configuration's menus: the default language's main
// menu (its own, else the site's) is kept; every other menu is noted.
func (s *site) hugoMenus(cfg hugoConfig, cfgName string) {
	s.mainMenu = "main"
	siteFile := cfg.fileOf("menus", cfg.fileOf("menu", cfgName))
	s.menuFile = cfg.fileOf("sectionpagesmenu", siteFile)
	site := menusOf(cfg.all)
	main, mainFile := site["main"], siteFile
	for _, l := range slices.Sorted(maps.Keys(cfg.Languages)) {
		lm, _ := cfg.Languages[l].(map[string]any)
		menus := menusOf(lm)
		langFile := cfg.fileOf("languages."+l+".menus", cfgName)
		if l == s.defaultLang {
			if m, ok := menus["main"]; ok {
				main, mainFile = m, langFile
			}
			for _, name := range slices.Sorted(maps.Keys(menus)) {
				if name != "main" {
					site[name] = menus[name] // noted with the site's
				}
			}
			continue
		}
		if len(menus) > 0 {
			s.note(langFile, 0, Changed, "the %s menus (%s) are not imported: medkb has one main menu, from the default language's, and its links lead to each language's own pages; its names are not translated", l, strings.Join(slices.Sorted(maps.Keys(menus)), ", "))
		}
	}
	// A theme may call its one menu something else ("global"): that
	// menu is the site's navigation.
	if main == nil && len(site) == 1 {
		for name, v := range site {
			if strings.Contains(name, "footer") || strings.Contains(name, "social") || strings.Contains(name, "side") {
				break // not a site's navigation
			}
			s.mainMenu = name
			main = v
			s.note(siteFile, 0, Changed, "menu %q, the site's only menu, is medkb's main navigation", name)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(site)) {
		if name != s.mainMenu {
			s.note(siteFile, 0, Human, "menu %q (%d entries) is not imported: medkb's theme has one menu, the main navigation; link those pages from a page, such as the home page", name, len(asList(site[name])))
		}
	}
	if cfg.SectionPagesMenu != "" && strings.EqualFold(cfg.SectionPagesMenu, s.mainMenu) {
		s.sectionsInMenu = true
	}
	for _, v := range asList(main) {
		m, ok := v.(map[string]any)
		if !ok {
			s.note(mainFile, 0, Human, "a main menu entry is not a table of name, url or pageRef and weight: left out (%v)", v)
			continue
		}
		e := menuEntry{file: mainFile}
		e.set(m)
		s.menu = append(s.menu, e)
	}
}

// pageMenus reads a page's menu front matter: menu: main, a list of menu
// names, or a table of them with each entry's name, weight and parent.
func (s *site) pageMenus(d *doc, e entry) {
	tables := map[string]map[string]any{}
	switch v := e.value.(type) {
	case string:
		tables[strings.ToLower(v)] = nil
	case []any:
		for _, x := range v {
			tables[strings.ToLower(str(x))] = nil
		}
	case map[string]any:
		for k, x := range v {
			m, _ := x.(map[string]any)
			tables[strings.ToLower(k)] = m
		}
	default:
		s.note(d.src, e.line, Human, "%s: %v is not a menu name, a list of them or a table: left out", e.key, e.value)
		return
	}
	for _, name := range slices.Sorted(maps.Keys(tables)) {
		switch {
		case name != s.mainMenu:
			if s.otherMenus == nil {
				s.otherMenus = map[string][]string{}
			}
			s.otherMenus[name] = append(s.otherMenus[name], d.src)
		case d.lang != "":
			s.note(d.src, e.line, Changed, "%s: %s in a translation is not imported: medkb has one main menu, from the default language's pages, and its links lead to each language's own page", e.key, name)
		default:
			me := menuEntry{page: d, file: d.src}
			me.set(tables[name])
			s.menu = append(s.menu, me)
		}
	}
}

// set reads an entry's fields from its table (keys in any case).
func (e *menuEntry) set(m map[string]any) {
	for k, v := range m {
		switch strings.ToLower(k) {
		case "name":
			e.name = str(v)
		case "identifier":
			e.identifier = str(v)
		case "parent":
			e.parent = str(v)
		case "url":
			e.url = str(v)
		case "pageref":
			e.pageRef = str(v)
		case "weight":
			e.weight = weightOf(v)
		case "pre", "post", "params":
			e.decorated = true
		}
	}
}

func asList(v any) []any {
	switch l := v.(type) {
	case []any:
		return l
	case []map[string]any:
		out := make([]any, len(l))
		for i, m := range l {
			out[i] = m
		}
		return out
	case nil:
		return nil
	}
	return []any{v}
}

// resolveMenu gives the main menu's entries their addresses and names,
// in Hugo's order: by weight (an entry without one takes its page's;
// unweighted last), then name, then identifier. Entries whose page was
// not imported, or was imported as a draft, are left out with a note each.
func (s *site) resolveMenu(byURL map[string]*doc) {
	for _, name := range slices.Sorted(maps.Keys(s.otherMenus)) {
		files := s.otherMenus[name]
		what := "1 page puts itself"
		if len(files) > 1 {
			what = fmt.Sprintf("%d pages put themselves", len(files))
		}
		s.note(files[0], 0, Human, "menu %q, which %s in with its front matter, is not imported: medkb's theme has one menu, the main navigation (pages: %s)", name, what, strings.Join(files, ", "))
	}
	if s.sectionsInMenu {
		s.menu = append(s.menu, s.sectionEntries()...)
	}
	if len(s.menu) == 0 {
		return
	}
	// A pageRef is the page's path in content, without its extension
	// ("/conditions/asthma", "/conditions" for a section's page).
	byPath := map[string]*doc{}
	for _, d := range s.docs {
		if d.lang == "" {
			byPath[pageRefKey(strings.TrimPrefix(d.ref, "content/"))] = d
		}
	}
	sectionURL := map[*doc]string{} // a section's page is at medkb's address for it
	for k, d := range s.sectionMeta {
		if k.lang == "" {
			byPath[pageRefKey(strings.TrimPrefix(d.ref, "content/"))] = d
			sectionURL[d] = "/" + k.section + "/"
		}
	}
	if s.home != nil {
		byPath[""] = s.home
	}
	var kept []menuEntry
	var children []string
	decorated := 0
	for _, e := range s.menu {
		label := cmp.Or(e.name, e.identifier, e.pageRef, e.url)
		if e.parent != "" {
			children = append(children, fmt.Sprintf("%q under %q", label, e.parent))
			continue
		}
		target := e.page
		switch {
		case target != nil:
		case e.pageRef != "":
			key := pageRefKey(e.pageRef)
			target = byPath[key]
			if target != nil {
				break
			}
			if u, ok := s.listURL(key); ok {
				e.url = u
				break
			}
			s.note(e.file, 0, Human, "main menu entry %q: pageRef %s names no imported page: left out of the menu; add it to menu: in medkb.yaml with the page's address", label, e.pageRef)
			continue
		case e.url != "":
			// An address as the pages' links are rewritten: a nested
			// section's list page is its top section's.
			if t := byURL[normURL(e.url)]; t != nil && strings.HasPrefix(e.url, "/") {
				target = t
			} else if top, ok := s.nestedLists[normURL(e.url)]; ok && strings.HasPrefix(e.url, "/") {
				e.url = top
			}
		default:
			s.note(e.file, 0, Human, "main menu entry %q has neither url nor pageRef: left out of the menu", label)
			continue
		}
		if target != nil {
			if target.draft {
				s.note(e.file, 0, Human, "main menu entry %q leads to %s, imported as a draft: left out of the menu (a link to a draft is an error); add it to menu: in medkb.yaml once the page is published", label, target.src)
				continue
			}
			e.url = cmp.Or(sectionURL[target], target.url)
			if e.name == "" {
				e.name = linkTitle(target)
			}
			if e.weight == 0 {
				if w, ok := target.get("weight"); ok {
					e.weight = weightOf(w)
				}
			}
		}
		if e.name == "" {
			s.note(e.file, 0, Human, "main menu entry for %s has no name: left out of the menu; add it to menu: in medkb.yaml with a name", e.url)
			continue
		}
		if e.decorated {
			decorated++
		}
		kept = append(kept, e)
	}
	slices.SortStableFunc(kept, func(a, b menuEntry) int {
		switch {
		case a.weight != b.weight && a.weight == 0:
			return 1
		case a.weight != b.weight && b.weight == 0:
			return -1
		case a.weight != b.weight:
			return a.weight - b.weight
		}
		if c := strings.Compare(strings.ToLower(a.name), strings.ToLower(b.name)); c != 0 {
			return c
		}
		return strings.Compare(a.identifier, b.identifier)
	})
	for _, e := range kept {
		s.menuItems = append(s.menuItems, config.MenuItem{Name: e.name, URL: e.url})
	}
	if len(children) > 0 {
		s.note(s.menu[0].file, 0, Changed, "main menu: %d child entries are not imported (%s): medkb's main navigation has one level, and each section's page lists its pages", len(children), strings.Join(children, ", "))
	}
	if decorated > 0 {
		s.note(s.menu[0].file, 0, Changed, "main menu: the pre, post and params of %d entries are left out: medkb's theme draws each entry as its name", decorated)
	}
}

// pageRefKey is a content path as pageRefs name it: lower case, no
// leading or trailing slash, no Markdown extension, no final index or
// _index ("conditions/heart/_index.md" is "conditions/heart").
func pageRefKey(p string) string {
	p = strings.Trim(strings.ToLower(p), "/")
	for _, ext := range []string{".md", ".markdown", ".mdown", ".html", ".htm"} {
		p = strings.TrimSuffix(p, ext)
	}
	if base := path.Base(p); base == "index" || base == "_index" {
		p = strings.TrimSuffix(strings.TrimSuffix(p, base), "/")
		if p == "." {
			p = ""
		}
	}
	return p
}

// listURL returns the address of a list page medkb makes for a pageRef
// with no page of its own: a section, a nested section (its top
// section's), the tags (Hugo's categories are tags in medkb).
func (s *site) listURL(key string) (string, bool) {
	u := normURL("/" + key)
	if s.lists[u] {
		return u, true
	}
	if top, ok := s.nestedLists[u]; ok {
		return top, true
	}
	first, rest, _ := strings.Cut(key, "/")
	if first == "tags" || first == "categories" {
		if rest == "" {
			return "/tags/", true
		}
		return "/tags/" + slugify(rest) + "/", true
	}
	return "", false
}

// sectionEntries are the top sections as Hugo's sectionPagesMenu puts
// them in the menu: each named by its title (or linkTitle) and weighted
// by its weight, at medkb's address for the section; a configured entry
// with the section's identifier replaces it, as in Hugo.
func (s *site) sectionEntries() []menuEntry {
	sections := map[string]bool{}
	for _, d := range s.docs {
		if d.lang == "" && d.section != "pages" {
			sections[d.section] = true
		}
	}
	for k := range s.sectionMeta {
		if k.lang == "" {
			sections[k.section] = true
		}
	}
	var out []menuEntry
	for _, sec := range slices.Sorted(maps.Keys(sections)) {
		if slices.ContainsFunc(s.menu, func(e menuEntry) bool { return strings.EqualFold(e.identifier, sec) }) {
			continue
		}
		e := menuEntry{url: "/" + sec + "/", name: titleCase(sec), identifier: sec, file: s.menuFile}
		if m := s.sectionMeta[sectionLang{sec, ""}]; m != nil {
			if t := linkTitle(m); t != "" {
				e.name = t
			}
			if w, ok := m.get("weight"); ok {
				e.weight = weightOf(w)
			}
		}
		out = append(out, e)
	}
	return out
}

func weightOf(v any) int {
	switch w := v.(type) {
	case int:
		return w
	case int64:
		return int(w)
	case uint64:
		return int(w)
	case float64:
		return int(w)
	case string:
		n, _ := strconv.Atoi(w)
		return n
	}
	return 0
}

// linkTitle is the name Hugo gives a page's menu entry: its linkTitle,
// else its title.
func linkTitle(d *doc) string {
	for _, f := range d.params {
		if strings.EqualFold(f.key, "linktitle") {
			if t := str(f.value); t != "" {
				return t
			}
		}
	}
	if t, ok := d.get("title"); ok {
		return str(t)
	}
	return ""
}
