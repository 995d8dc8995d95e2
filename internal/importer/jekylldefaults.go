package importer

import (
	"encoding/json"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// jekyllDefault is one item of _config.yml's defaults: (Jekyll's front
// matter defaults): the front matter values it gives every document in
// its scope (a path prefix or pattern, a type: pages, posts, drafts or a
// collection's label), a document's own front matter winning.
type jekyllDefault struct {
	line     int    // the item's line in _config.yml
	path     string // the scope's path, "" for every path
	typ      string // the scope's type, "" for every type
	hasType  bool
	values   []*jekyllDefaultValue
	badScope string // what is wrong with the item, noted and not applied
	matched  int    // the pages and posts it applies to
}

// jekyllDefaultValue is one key of a defaults: item's values, with the
// pages it was applied to (those that did not set the key themselves).
type jekyllDefaultValue struct {
	set   *jekyllDefault
	key   string
	value any
	line  int
	pages []string
	// how mapMeta read it on those pages: "" (a key of medkb's), "params"
	// (no medkb meaning: kept under params:), "dropped" (layout:, type:)
	how string
	// parts are the values of several items a map merged (mergedValue),
	// each of which records the pages and how.
	parts []*jekyllDefaultValue
}

// record adds the page r to the pages v was applied to.
func (v *jekyllDefaultValue) record(r string) {
	if len(v.parts) == 0 {
		v.pages = append(v.pages, r)
	}
	for _, p := range v.parts {
		p.record(r)
	}
}

// mark says how mapMeta read v.
func (v *jekyllDefaultValue) mark(how string) {
	v.how = how
	for _, p := range v.parts {
		p.mark(how)
	}
}

// readJekyllDefaults reads defaults: from _config.yml's bytes data (nil
// when it has none or it is no list: the latter noted).
func (s *site) readJekyllDefaults(data []byte) []*jekyllDefault {
	var root yaml.Node
	if yaml.Unmarshal(data, &root) != nil || len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return nil
	}
	m := root.Content[0]
	var list *yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "defaults" {
			list = m.Content[i+1]
		}
	}
	if list == nil || list.Tag == "!!null" {
		return nil
	}
	if list.Kind != yaml.SequenceNode {
		s.note("_config.yml", list.Line, Human, "defaults: is not a list, so Jekyll applied none of it and neither does the importer: write each as an item (- scope: {path: \"\", type: posts} with values: under it)")
		return nil
	}
	var out []*jekyllDefault
	for _, item := range list.Content {
		set := &jekyllDefault{line: item.Line}
		out = append(out, set)
		if item.Kind != yaml.MappingNode {
			set.badScope = "an item that is not scope: and values:"
			continue
		}
		var scope, values *yaml.Node
		for i := 0; i+1 < len(item.Content); i += 2 {
			switch item.Content[i].Value {
			case "scope":
				scope = item.Content[i+1]
			case "values":
				values = item.Content[i+1]
			}
		}
		if scope != nil && scope.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(scope.Content); i += 2 {
				k, v := scope.Content[i].Value, scope.Content[i+1]
				switch k {
				case "path":
					set.path = strings.TrimPrefix(strings.TrimPrefix(v.Value, "./"), "/")
				case "type":
					set.hasType = true
					set.typ = v.Value
					// Jekyll's deprecated singular names
					// (FrontmatterDefaults#update_deprecated_types).
					switch v.Value {
					case "page":
						set.typ = "pages"
					case "post":
						set.typ = "posts"
					case "draft":
						set.typ = "drafts"
					}
				}
			}
		}
		if values == nil || values.Kind != yaml.MappingNode {
			set.badScope = "an item without values: (a list of keys and values)"
			continue
		}
		for i := 0; i+1 < len(values.Content); i += 2 {
			k, v := values.Content[i], values.Content[i+1]
			var val any
			if v.Kind == yaml.ScalarNode && v.Tag == "!!timestamp" {
				val = v.Value
			} else if v.Decode(&val) != nil {
				continue
			}
			set.values = append(set.values, &jekyllDefaultValue{set: set, key: k.Value, value: val, line: k.Line})
		}
	}
	return out
}

// scopeText is the item's scope as a note names it.
func (d *jekyllDefault) scopeText() string {
	var parts []string
	if d.path != "" {
		parts = append(parts, "path "+d.path)
	}
	if d.hasType {
		parts = append(parts, "type "+d.typ)
	}
	if len(parts) == 0 {
		return "every page and post"
	}
	return strings.Join(parts, ", ")
}

// applies reports whether the item applies to the document at r (the
// site-relative path) of type typ (pages or posts; a draft is of both
// posts and drafts), as Jekyll's FrontmatterDefaults#applies? decides:
// the path is a prefix of r (a pattern with *: matches a leading part of
// r's folders, as its Dir.glob then prefix test does), and the type is
// the document's.
func (d *jekyllDefault) applies(r, typ string, draft bool) bool {
	if d.badScope != "" {
		return false
	}
	if d.hasType && d.typ != typ && !(draft && d.typ == "drafts") {
		return false
	}
	if d.path == "" {
		return true
	}
	if !strings.Contains(d.path, "*") {
		return strings.HasPrefix(r, d.path)
	}
	parts := strings.Split(r, "/")
	for i := 1; i <= len(parts); i++ {
		if ok, _ := path.Match(d.path, strings.Join(parts[:i], "/")); ok {
			return true
		}
	}
	return false
}

// precedes is Jekyll's has_precedence?: whether item d, matched after old
// (nil for none), wins over it: a longer path wins, and of two alike, one
// with a type.
func (d *jekyllDefault) precedes(old *jekyllDefault) bool {
	if old == nil {
		return true
	}
	if len(d.path) != len(old.path) {
		return len(d.path) >= len(old.path)
	}
	return d.hasType || !old.hasType
}

// applyJekyllDefaults returns entries, the front matter of the document at
// r (typ pages or posts, draft from _drafts), with the values of every
// defaults: item that applies to it that its own front matter does not
// set, as Jekyll merged them (FrontmatterDefaults#all: items in order,
// each merged over or under the others by precedes, maps merged key by
// key), before its own keys. A map its front matter also holds is merged
// under it. Each value applied records the page.
func (s *site) applyJekyllDefaults(r, typ string, draft bool, entries []entry) []entry {
	if len(s.jekyllDefaults) == 0 {
		return entries
	}
	merged := map[string]*jekyllDefaultValue{}
	var order []string
	var old *jekyllDefault
	for _, set := range s.jekyllDefaults {
		if !set.applies(r, typ, draft) {
			continue
		}
		set.matched++
		over := set.precedes(old)
		if over {
			old = set
		}
		for _, v := range set.values {
			cur, seen := merged[v.key]
			switch {
			case !seen:
				merged[v.key] = v
				order = append(order, v.key)
			case over:
				merged[v.key] = mergedValue(cur, v)
			default:
				merged[v.key] = mergedValue(v, cur)
			}
		}
	}
	if len(merged) == 0 {
		return entries
	}
	var out []entry
	for _, k := range order {
		v := merged[k]
		i := slices.IndexFunc(entries, func(e entry) bool { return e.key == k })
		if i < 0 {
			v.record(r)
			out = append(out, entry{key: k, value: v.value, def: v})
			continue
		}
		if own, ok := entries[i].value.(map[string]any); ok {
			if dm, ok := v.value.(map[string]any); ok {
				v.record(r)
				entries = slices.Clone(entries)
				entries[i].value = deepMerge(dm, own)
			}
		}
	}
	return append(out, entries...)
}

// mergedValue is b over a: b itself, or, when both are maps, a's keys
// with b's over them. The value records the pages of b.
func mergedValue(a, b *jekyllDefaultValue) *jekyllDefaultValue {
	am, ok1 := a.value.(map[string]any)
	bm, ok2 := b.value.(map[string]any)
	if !ok1 || !ok2 {
		return b
	}
	parts := func(v *jekyllDefaultValue) []*jekyllDefaultValue {
		if len(v.parts) > 0 {
			return v.parts
		}
		return []*jekyllDefaultValue{v}
	}
	return &jekyllDefaultValue{set: b.set, key: b.key, value: deepMerge(am, bm), line: b.line, parts: append(parts(a), parts(b)...)}
}

// deepMerge is Jekyll's Utils.deep_merge_hashes: a's keys with b's over
// them, maps merged key by key.
func deepMerge(a, b map[string]any) map[string]any {
	out := maps.Clone(a)
	for k, bv := range b {
		if am, ok := out[k].(map[string]any); ok {
			if bm, ok := bv.(map[string]any); ok {
				out[k] = deepMerge(am, bm)
				continue
			}
		}
		out[k] = bv
	}
	return out
}

// noteJekyllDefaults says, at each value of _config.yml's defaults:,
// what the import made of it: the pages it was applied to and how their
// import read it, or that it applied to no imported page; and at each
// item not applied, why.
func (s *site) noteJekyllDefaults(labels []string) {
	for _, set := range s.jekyllDefaults {
		if set.badScope != "" {
			s.note("_config.yml", set.line, Human, "defaults: %s, which Jekyll did not apply and neither does the importer: write it as scope: (path:, type:) and values: (the front matter it gives)", set.badScope)
			continue
		}
		if set.matched == 0 {
			why := "its scope matches none of the imported pages and posts"
			if set.hasType && set.typ != "pages" && set.typ != "posts" && set.typ != "drafts" {
				why = fmt.Sprintf("type %s is a collection's that Jekyll did not publish (output: false), whose documents the importer does not import (the collection's line says so); if you make them pages, give them these values", set.typ)
				if slices.ContainsFunc(s.jekyllCols, func(c *jekyllCollection) bool { return c.label == set.typ }) {
					why = fmt.Sprintf("type %s is a collection's, imported as a section, but its scope matches none of its documents", set.typ)
				}
				if !slices.Contains(labels, set.typ) {
					why = fmt.Sprintf("type %s is no type of this site (pages, posts, drafts or a collection's label), so Jekyll applied it to nothing", set.typ)
				}
			}
			keys := make([]string, len(set.values))
			for i, v := range set.values {
				keys[i] = v.key
			}
			s.note("_config.yml", set.line, Changed, "defaults: the item for %s (values: %s) applied to no page: %s", set.scopeText(), strings.Join(keys, ", "), why)
			continue
		}
		for _, v := range set.values {
			n := len(v.pages)
			head := fmt.Sprintf("defaults: %s: %s (scope: %s)", v.key, valueText(v.value), set.scopeText())
			if n == 0 {
				s.note("_config.yml", v.line, Changed, "%s applied to no page: each of the %d %s its scope matches sets %s itself", head, set.matched, plural(set.matched, "page", "pages"), v.key)
				continue
			}
			pages := fmt.Sprintf("applied to %d %s not set %s %s, as Jekyll did (%s)", n, plural(n, "page that does", "pages that do"), v.key, plural(n, "itself", "themselves"), strings.Join(firstOf(v.pages, 3), ", "))
			switch v.how {
			case "dropped":
				s.note("_config.yml", v.line, Changed, "%s %s: dropped, as on a page: medkb lays out pages with its own templates", head, pages)
			case "params":
				s.note("_config.yml", v.line, Changed, "%s %s: %s has no medkb meaning, so each keeps it under params:, where templates can read it", head, pages, v.key)
			default:
				s.note("_config.yml", v.line, Changed, "%s %s: each is imported as if its front matter held it (a note about it on such a page is at the page's line 0)", head, pages)
			}
		}
	}
}

// firstOf is the first n of list, with "and K more" after them.
func firstOf(list []string, n int) []string {
	if len(list) <= n {
		return list
	}
	return append(slices.Clone(list[:n]), fmt.Sprintf("and %d more", len(list)-n))
}

// permalinkPlaceholderRe is a placeholder of Jekyll's permalinks, in a
// page's or a defaults: permalink: (which makes it a pattern).
var permalinkPlaceholderRe = lazyRE(`:(?:categories|year|short_year|month|i_month|short_month|long_month|day|i_day|y_day|w_year|week|w_day|short_day|long_day|hour|minute|second|title|slug|name|path|basename|output_ext|collection)\b`)

// jekyllPagePermalink is the address a page's permalink pattern p gives
// the page at r, as Jekyll's Page#url_placeholders fill it: :path its
// folder, :basename its file name without the extension, :output_ext
// .html.
func jekyllPagePermalink(p, r string) string {
	dir := path.Dir(r)
	if dir == "." {
		dir = ""
	}
	base := strings.TrimSuffix(path.Base(r), path.Ext(r))
	return strings.NewReplacer(":path", "/"+dir, ":basename", base, ":output_ext", ".html", ":title", base, ":slug", base, ":name", base).Replace(p)
}

// valueText is a value of defaults: as a note quotes it: a list or a map
// as JSON writes it, anything else as written.
func valueText(v any) string {
	switch v.(type) {
	case []any, map[string]any:
		if b, err := json.Marshal(v); err == nil {
			return string(b)
		}
	}
	return strings.TrimSpace(fmt.Sprint(v))
}
