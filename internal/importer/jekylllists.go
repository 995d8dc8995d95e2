package importer

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// listStrings reads, in the entries of the Jekyll page d, a categories:,
// category: or tags: whose value is a string holding a list
// (HealthCare.gov's categories: "[\"glossary\"]", a list written out
// as JSON by a tool and quoted), or a categories: or tags: string holding
// commas (commasInString), as that list, as its writer meant: Jekyll
// split the string at spaces (Utils.pluralized_array_from_hash) and read
// one category, ["glossary"], with its brackets and quotes, in the
// post's address (/%5B%22glossary%22%5D/prevention), where the pages
// beside it were at /glossary/…. It returns the entries with each such
// value a list, and the entries as written when one was read so (nil
// when none was); jekyllDoc notes each at its line (noteListStrings).
func listStrings(entries []entry) (out, asWritten []entry) {
	for i, e := range entries {
		switch strings.ToLower(e.key) {
		case "categories", "category", "tags":
		default:
			continue
		}
		v, ok := e.value.(string)
		if !ok {
			continue
		}
		list, ok := listInString(v)
		if !ok && !strings.EqualFold(e.key, "category") {
			list, ok = commasInString(v)
		}
		if !ok {
			continue
		}
		if out == nil {
			out = append([]entry(nil), entries...)
		}
		out[i].value = list
	}
	if out == nil {
		return entries, nil
	}
	return out, entries
}

// listInString is the list of words v holds when it is a list written as
// JSON or as YAML's [a, b] ("[\"glossary\"]", "[glossary, es]"), each
// item a word or words; ok false for anything else.
func listInString(v string) (list []any, ok bool) {
	t := strings.TrimSpace(v)
	if !strings.HasPrefix(t, "[") || !strings.HasSuffix(t, "]") {
		return nil, false
	}
	var items []any
	if json.Unmarshal([]byte(t), &items) != nil && yaml.Unmarshal([]byte(t), &items) != nil {
		return nil, false
	}
	for _, it := range items {
		switch x := it.(type) {
		case string:
			if strings.TrimSpace(x) == "" {
				return nil, false
			}
		case int, float64, bool:
		default:
			return nil, false // a list of lists or maps: not categories
		}
	}
	return items, len(items) > 0
}

// commasInString is the list v holds when it is words separated by
// commas (tags: "heart disease, diabetes"): Jekyll split the string at
// spaces and read "heart", "disease," and "diabetes", commas and all,
// where its writer plainly meant two tags.
func commasInString(v string) (list []any, ok bool) {
	if !strings.Contains(v, ",") {
		return nil, false
	}
	for _, w := range strings.Split(v, ",") {
		if w = strings.TrimSpace(w); w != "" {
			list = append(list, w)
		}
	}
	return list, len(list) > 0
}

// noteListStrings notes each entry of asWritten that listStrings read as
// a list, at its line, with the address Jekyll gave the page (old, as
// the host served it) when that address differs from medkb's.
func (s *site) noteListStrings(d *doc, asWritten, read []entry, old string) {
	for i, e := range asWritten {
		v, isString := e.value.(string)
		list, isList := read[i].value.([]any)
		if !isString || !isList {
			continue
		}
		words := make([]string, len(list))
		for j, w := range list {
			words[j] = fmt.Sprint(w)
		}
		where := ""
		if old != "" && old != d.url && !strings.EqualFold(e.key, "tags") { // tags are in no address
			where = fmt.Sprintf(", and served the page at %s; it is at %s now (if that address was published, add a permanent redirect from it on the web server)", old, d.url)
		}
		fields := strings.Fields(v)
		if _, bracketed := listInString(v); !bracketed {
			quoted := make([]string, len(fields))
			for j, f := range fields {
				quoted[j] = strconv.Quote(f)
			}
			jekyll := "one " + singular(e.key) + ", " + quoted[0]
			if len(quoted) > 1 {
				jekyll = fmt.Sprintf("the %s %s and %s", plural(len(quoted), singular(e.key), e.key), strings.Join(quoted[:len(quoted)-1], ", "), quoted[len(quoted)-1])
			}
			s.note(d.src, e.line, Changed, "%s: %q is a string: Jekyll split it at spaces, not at commas, and read %s, commas and all%s; imported as the list its writer meant, [%s], one %s at each comma: write it as a list in YAML (%s: [%s])",
				e.key, v, jekyll, where, strings.Join(words, ", "), singular(e.key), e.key, strings.Join(words, ", "))
			continue
		}
		jekyll := "one " + singular(e.key) + ", " + v
		if len(fields) > 1 {
			jekyll = "the words " + strings.Join(fields, ", ")
		}
		s.note(d.src, e.line, Changed, "%s: %q is a string holding a list: Jekyll split it at spaces and read %s, brackets and quotes and all%s; imported as the list its writer meant, [%s]: write it as a list in YAML (%s: [%s])",
			e.key, v, jekyll, where, strings.Join(words, ", "), e.key, strings.Join(words, ", "))
	}
}

// jekyllEscapePath is the address Jekyll wrote for p, a page's path as
// its permalink made it: URL.escape_path keeps letters, digits and
// -._~!$&'()*+,;=:@/ and percent-encodes every other byte.
func jekyllEscapePath(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~!$&'()*+,;=:@/", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

func singular(key string) string {
	switch strings.ToLower(key) {
	case "categories", "category":
		return "category"
	}
	return "tag"
}

// hugoTermString returns the terms of the Hugo page d's tags: or
// categories: e written as the string v. Hugo reads a string there as
// one term, whatever it holds (ToStringSlicePreserveString): tags:
// "heart disease" is the term "heart disease", as imported. A string
// holding a list (tags: "[\"a\", \"b\"]", a list a tool wrote out as
// JSON and quoted) made the one term ["a", "b"], brackets and quotes and
// all, and one with commas ("a, b") the term "a, b": both are read as
// the list their writer meant, with a changed note at the line saying
// what Hugo made of it and how to keep one term.
func (s *site) hugoTermString(d *doc, e entry, v string) []any {
	if list, ok := listInString(v); ok {
		words := make([]string, len(list))
		for i, w := range list {
			words[i] = fmt.Sprint(w)
		}
		s.note(d.src, e.line, Changed, "%s: %q is a string holding a list: Hugo reads a string there as one term and listed the page under %s, brackets and quotes and all; imported as the list its writer meant, [%s]: write it as a list (%s: [%s])",
			e.key, v, strings.TrimSpace(v), strings.Join(words, ", "), e.key, strings.Join(words, ", "))
		return list
	}
	if !strings.Contains(v, ",") {
		return []any{v}
	}
	var list []any
	var words []string
	for _, w := range strings.Split(v, ",") {
		if w = strings.TrimSpace(w); w != "" {
			list = append(list, w)
			words = append(words, w)
		}
	}
	if len(words) == 0 {
		return []any{v}
	}
	s.note(d.src, e.line, Changed, "%s: %q is a string: Hugo reads a string there as one term and listed the page under %q, commas and all; imported as the list its writer meant, [%s], one %s at each comma: write it as a list (%s: [%s]), or, if %q is one %s, as %s: [%q]",
		e.key, v, strings.TrimSpace(v), strings.Join(words, ", "), singular(e.key), e.key, strings.Join(words, ", "), strings.TrimSpace(v), singular(e.key), e.key, strings.TrimSpace(v))
	return list
}
