package importer

import (
	"cmp"
	"fmt"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
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

// menuItem is an entry of medkb's menu.
type menuItem struct {
	Name string `yaml:"name"`
	URL  string `yaml:"url"`
}

// menusOf returns the menus a configuration table (the site's or a
// language's) defines under menus or menu, by name.
func menusOf(m map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		if strings.EqualFold(k, "menus") || strings.EqualFold(k, "menu") {
			if mm, ok := v.(map[string]any); ok {
				for name, entries := range mm {
					out[strings.ToLower(name)] = entries
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
	site := menusOf(cfg.all)
	main, mainFile := site["main"], siteFile
	for _, l := range slices.Sorted(maps.Keys(cfg.Languages)) {
		lm, _ := cfg.Languages[l].(map[string]any)
		menus := menusOf(lm)
		langFile := cfg.fileOf("languages."+l+".menus", cfg.fileOf("languages."+l+".menu", cfg.fileOf("languages", cfgName)))
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
			s.note(d.src, e.line, Human, "%s: the page is in menu %q, which is not imported: medkb's theme has one menu, the main navigation", e.key, name)
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
			switch w := v.(type) {
			case int:
				e.weight = w
			case int64:
				e.weight = int(w)
			case float64:
				e.weight = int(w)
			case string:
				e.weight, _ = strconv.Atoi(w)
			}
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
// in Hugo's order: by weight (unweighted last), then name, then
// identifier. Entries whose page was not imported are left out, with a
// note each.
func (s *site) resolveMenu() {
	if len(s.menu) == 0 {
		return
	}
	// A pageRef is the page's path in content, without its extension
	// ("/conditions/asthma", "/conditions" for a section's page).
	byPath := map[string]*doc{}
	key := func(p string) string {
		p = strings.Trim(strings.ToLower(p), "/")
		p = strings.TrimSuffix(p, path.Ext(p))
		p = strings.TrimSuffix(strings.TrimSuffix(p, "_index"), "index")
		return strings.Trim(p, "/")
	}
	for _, d := range s.docs {
		if d.lang == "" {
			byPath[key(strings.TrimPrefix(d.ref, "content/"))] = d
		}
	}
	for k, d := range s.sectionMeta {
		if k.lang == "" {
			byPath[key(strings.TrimPrefix(d.ref, "content/"))] = d
		}
	}
	if s.home != nil {
		byPath[""] = s.home
	}
	var kept []menuEntry
	var children []string
	decorated := 0
	for _, e := range s.menu {
		label := e.name
		if label == "" {
			label = cmp.Or(e.identifier, e.pageRef, e.url)
		}
		if e.parent != "" {
			children = append(children, fmt.Sprintf("%q under %q", label, e.parent))
			continue
		}
		var target *doc
		switch {
		case e.page != nil:
			target = e.page
		case e.pageRef != "":
			target = byPath[key(e.pageRef)]
			if target == nil {
				if u := normURL(e.pageRef); s.lists[strings.ToLower(u)] {
					e.url = strings.ToLower(u)
					break
				}
				s.note(e.file, 0, Human, "main menu entry %q: pageRef %s names no imported page: left out of the menu; add it to menu: in medkb.yaml with the page's address", label, e.pageRef)
				continue
			}
		case e.url != "":
		default:
			s.note(e.file, 0, Human, "main menu entry %q has neither url nor pageRef: left out of the menu", label)
			continue
		}
		if target != nil {
			e.url = target.url
			if e.name == "" {
				e.name = linkTitle(target)
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
		s.menuItems = append(s.menuItems, menuItem{Name: e.name, URL: e.url})
	}
	if len(children) > 0 {
		s.note(s.menu[0].file, 0, Changed, "main menu: %d child entries are not imported (%s): medkb's main navigation has one level, and each section's page lists its pages", len(children), strings.Join(children, ", "))
	}
	if decorated > 0 {
		s.note(s.menu[0].file, 0, Changed, "main menu: the pre, post and params of %d entries are left out: medkb's theme draws each entry as its name", decorated)
	}
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
