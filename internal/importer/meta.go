package importer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"

	"github.com/medkb/medkb/internal/frontmatter"
)

// entry is one front matter key as written, with its line.
type entry struct {
	key   string
	value any
	line  int
}

// splitFile separates front matter (YAML "---", TOML "+++" or a JSON
// object) from the body and decodes it in key order. bodyLine is the file
// line of the body's first line.
func splitFile(file string, data []byte) (entries []entry, body string, bodyLine int, err error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	s := string(data)
	switch {
	case strings.HasPrefix(s, "---\n"):
		block, rest, n, ok := cut(s[4:], "\n---")
		if !ok {
			return nil, "", 0, fmt.Errorf("%s:1: the front matter's --- is never closed", file)
		}
		entries, err = yamlEntries(file, block)
		return entries, rest, n + 3, err
	case strings.HasPrefix(s, "+++\n"):
		block, rest, n, ok := cut(s[4:], "\n+++")
		if !ok {
			return nil, "", 0, fmt.Errorf("%s:1: the front matter's +++ is never closed", file)
		}
		entries, err = tomlEntries(file, block)
		return entries, rest, n + 3, err
	case strings.HasPrefix(s, "{"):
		dec := json.NewDecoder(strings.NewReader(s))
		var m map[string]any
		if err := dec.Decode(&m); err != nil {
			return nil, "", 0, fmt.Errorf("%s:1: JSON front matter: %v", file, err)
		}
		off := int(dec.InputOffset())
		for k, v := range m {
			entries = append(entries, entry{key: k, value: v})
		}
		sort.Slice(entries, func(i, j int) bool { return entries[i].key < entries[j].key })
		return entries, s[off:], strings.Count(s[:off], "\n") + 1, nil
	}
	return nil, s, 1, nil
}

// cut splits s at the closing delimiter line; n counts the lines before it.
func cut(s, delim string) (block, rest string, n int, ok bool) {
	if strings.HasPrefix(s, delim[1:]+"\n") || s == delim[1:] {
		return "", strings.TrimPrefix(strings.TrimPrefix(s, delim[1:]), "\n"), 0, true
	}
	i := strings.Index(s, delim+"\n")
	if i < 0 {
		if strings.HasSuffix(s, delim) {
			i = len(s) - len(delim)
		} else {
			return "", "", 0, false
		}
	}
	block = s[:i]
	rest = s[min(len(s), i+len(delim)+1):]
	return block, rest, strings.Count(block, "\n") + 1, true
}

func yamlEntries(file, block string) ([]entry, error) {
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(block), &root); err != nil {
		return nil, fmt.Errorf("%s: front matter: %v", file, err)
	}
	if len(root.Content) == 0 {
		return nil, nil
	}
	m := root.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:2: front matter is not a list of keys and values", file)
	}
	var out []entry
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		var val any
		if v.Kind == yaml.ScalarNode && (v.Tag == "!!timestamp") {
			val = v.Value // keep the date as written; ParseDate reads it
		} else if err := v.Decode(&val); err != nil {
			return nil, fmt.Errorf("%s:%d: %s: %v", file, v.Line+1, k.Value, err)
		}
		out = append(out, entry{key: k.Value, value: val, line: k.Line + 1})
	}
	return out, nil
}

func tomlEntries(file, block string) ([]entry, error) {
	var m map[string]any
	if err := toml.Unmarshal([]byte(block), &m); err != nil {
		return nil, fmt.Errorf("%s: TOML front matter: %v", file, err)
	}
	lines := map[string]int{}
	for i, l := range strings.Split(block, "\n") {
		if k, _, ok := strings.Cut(l, "="); ok {
			k = strings.Trim(strings.TrimSpace(k), `"'`)
			if _, seen := lines[k]; !seen {
				lines[k] = i + 2
			}
		}
	}
	var out []entry
	for k, v := range m {
		switch t := v.(type) {
		case time.Time:
			v = t.Format(time.RFC3339)
		case toml.LocalDate:
			v = t.String()
		case toml.LocalDateTime:
			v = t.String()
		}
		out = append(out, entry{key: k, value: v, line: lines[k]})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].line != out[j].line {
			return out[i].line < out[j].line
		}
		return out[i].key < out[j].key
	})
	return out, nil
}

// mapMeta fills d's medkb front matter from the other tool's keys.
func (s *site) mapMeta(d *doc, entries []entry) {
	var tags []string
	addTags := func(v any) {
		for _, t := range stringsOf(v) {
			if t = strings.TrimSpace(t); t != "" && !s.isLang(t) {
				tags = append(tags, t)
			}
		}
	}
	summary, description := "", ""
	for _, e := range entries {
		key := e.key
		if to, ok := s.opts.KeyMap[key]; ok {
			key = to
		}
		if lk := strings.ToLower(key); s.opts.From == Hugo && (lk == "menu" || lk == "menus") {
			s.pageMenus(d, e)
			continue
		}
		switch strings.ToLower(key) {
		case "title":
			d.set("title", str(e.value))
		case "summary":
			summary = str(e.value)
		case "description":
			description = str(e.value)
		case "excerpt":
			if summary == "" {
				summary = str(e.value)
			}
		case "date":
			s.date(d, "date", e)
			if _, ok := d.get("date"); ok {
				d.dated = true
			}
		case "lastmod", "last_modified_at", "modified", "updated":
			s.date(d, "lastmod", e)
		case "publishdate", "pubdate", "publish_date":
			s.date(d, "publish_date", e)
		case "expirydate", "unpublishdate", "expires":
			s.date(d, "expires", e)
		case "draft":
			if b, ok := e.value.(bool); ok && b {
				d.draft = true
			}
		case "published":
			if b, ok := e.value.(bool); ok && !b {
				d.draft = true
				s.note(d.src, e.line, Changed, "published: false is draft: true in medkb")
			}
		case "tags", "categories":
			addTags(e.value)
		case "slug":
			d.slug = slugify(str(e.value))
		case "url", "permalink":
			u := str(e.value)
			if u != "" {
				d.url = normURL(u)
			}
		case "aliases", "redirect_from":
			d.set("aliases", stringsOf(e.value))
		case "weight":
			d.set("weight", e.value)
		case "author", "authors":
			names := stringsOf(e.value)
			if one, ok := e.value.(string); ok {
				names = []string{one} // a name, not a list of words
			}
			for _, name := range names {
				id := slugify(name)
				if id == "" {
					continue
				}
				s.authors[id] = name
				d.authors = append(d.authors, id)
			}
		case "image":
			d.set("image", str(e.value))
		case "images":
			if l := stringsOf(e.value); len(l) > 0 {
				d.set("image", l[0])
			}
		case "lang", "language":
			if l := str(e.value); l != "" && l != s.defaultLang {
				d.lang = l
				s.addLang(l)
			}
		case "layout", "type":
			s.note(d.src, e.line, Changed, "%s: %v dropped: medkb lays out pages with its own templates", e.key, e.value)
		default:
			d.params = append(d.params, field{e.key, e.value})
			if len(s.keyFiles[e.key]) == 0 {
				s.keysToParam = append(s.keysToParam, e.key)
			}
			s.keyFiles[e.key] = append(s.keyFiles[e.key], d.src)
		}
	}
	if summary == "" {
		summary = description
	}
	if summary != "" {
		d.set("summary", summary)
	}
	if description != "" && description != summary {
		d.set("description", description)
	}
	if len(tags) > 0 {
		d.set("tags", tags)
	}
	if d.url != "" {
		d.set("url", d.url)
	}
	d.set("audience", s.opts.Audience)
}

// date parses a date value into key, treating placeholder years as none.
func (s *site) date(d *doc, key string, e entry) {
	raw := strings.TrimSpace(str(e.value))
	if raw == "" {
		return
	}
	t, err := frontmatter.ParseDate(raw)
	if err != nil {
		s.note(d.src, e.line, Human, "%s %q is not a date medkb reads: left out; write it as YYYY-MM-DD", e.key, raw)
		return
	}
	if t.Year() < 1900 {
		s.note(d.src, e.line, Changed, "%s %s is a placeholder, not a date: left out", e.key, raw)
		return
	}
	d.set(key, formatDate(t))
}

func formatDate(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format(time.RFC3339)
}

func (s *site) isLang(t string) bool {
	if t == s.defaultLang {
		return true
	}
	for _, l := range s.langs {
		if l == t {
			return true
		}
	}
	return false
}

func str(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	case []any:
		if len(t) > 0 {
			return str(t[0])
		}
		return ""
	}
	return fmt.Sprint(v)
}

func stringsOf(v any) []string {
	switch t := v.(type) {
	case nil:
		return nil
	case string:
		if strings.Contains(t, ",") {
			var out []string
			for _, p := range strings.Split(t, ",") {
				if p = strings.TrimSpace(p); p != "" {
					out = append(out, p)
				}
			}
			return out
		}
		return strings.Fields(t)
	case []any:
		var out []string
		for _, x := range t {
			if s := str(x); s != "" {
				out = append(out, s)
			}
		}
		return out
	case []string:
		return t
	}
	return []string{fmt.Sprint(v)}
}
