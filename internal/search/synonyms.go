package search

import (
	"embed"
	"fmt"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

//go:embed synonyms/*.yaml classes/*.yaml
var synonymFiles embed.FS

// BuiltinSynonyms returns the embedded table of equivalent phrases for lang
// (lay ↔ clinical terms and abbreviations), lowercase, one group per slice.
// It returns nil for a language without a table. The result is a fresh copy
// the caller may modify. Its error, for a malformed table, is medkb's bug
// (embeddedTableError).
func BuiltinSynonyms(lang string) ([][]string, error) {
	name := "synonyms/" + strings.ToLower(lang) + ".yaml"
	data, err := synonymFiles.ReadFile(name)
	if err != nil {
		return nil, nil
	}
	groups, err := parseSynonyms(name, data)
	if err != nil {
		return nil, embeddedTableError(err)
	}
	return groups, nil
}

// embeddedTableError is the error of a malformed embedded table. The
// tables are compiled into medkb, and no site can supply or replace one (a
// site's own groups are data/synonyms.yaml, read and explained with file
// and line by sitedata), so a malformed table is medkb's bug, never a
// writer's: TestEmbeddedTablesParse parses every table with these parsers
// and fails, naming the file and line, before such a medkb is released. A
// build that meets one anyway fails with this error; it does not panic.
func embeddedTableError(err error) error {
	return fmt.Errorf("medkb's embedded search table is malformed (a bug in medkb, which its test TestEmbeddedTablesParse reports; please report it): %w", err)
}

// class is a one-way relation of the vocabulary: a query holding one of
// the member phrases also matches the broader phrases, never the reverse.
type class struct {
	members, broader []string
}

// builtinClasses returns the embedded medicine classes of lang
// (classes/LANG.yaml: a broader name → the names of its members), in name
// order, or nil for a language without a table; its error is
// BuiltinSynonyms's.
func builtinClasses(lang string) ([]class, error) {
	name := "classes/" + strings.ToLower(lang) + ".yaml"
	data, err := synonymFiles.ReadFile(name)
	if err != nil {
		return nil, nil
	}
	cs, err := parseClasses(name, data)
	if err != nil {
		return nil, embeddedTableError(err)
	}
	return cs, nil
}

// parseClasses decodes a YAML mapping of a broader name to the list of its
// members' names; a class needs a name and at least one member.
func parseClasses(name string, data []byte) ([]class, error) {
	var node yaml.Node
	if err := yaml.Unmarshal(data, &node); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var m map[string][]string
	if err := node.Decode(&m); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(node.Content) == 1 {
		kv := node.Content[0].Content
		for i := 0; i+1 < len(kv); i += 2 {
			if len(normalizePhrases([]string{kv[i].Value})) == 0 {
				return nil, fmt.Errorf("%s:%d: a class needs a name before its colon", name, kv[i].Line)
			}
			if len(normalizePhrases(m[kv[i].Value])) == 0 {
				return nil, fmt.Errorf("%s:%d: class %q needs at least one member: write its members' names in [ ] after the colon", name, kv[i].Line, kv[i].Value)
			}
		}
	}
	var out []class
	for _, broader := range sortedKeys(m) {
		if members := normalizePhrases(m[broader]); len(members) > 0 {
			out = append(out, class{members: members, broader: normalizePhrases([]string{broader})})
		}
	}
	return out, nil
}

// parseSynonyms decodes a YAML list of phrase lists.
func parseSynonyms(name string, data []byte) ([][]string, error) {
	var node yaml.Node
	if err := yaml.Unmarshal(data, &node); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var groups [][]string
	if err := node.Decode(&groups); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(node.Content) == 1 {
		for i, item := range node.Content[0].Content {
			if len(normalizePhrases(groups[i])) < 2 {
				return nil, fmt.Errorf("%s:%d: a synonym group needs at least two different phrases", name, item.Line)
			}
		}
	}
	return normalizeGroups(groups), nil
}

// normalizeGroups normalizes every group with normalizePhrases and drops
// groups left with fewer than two phrases.
func normalizeGroups(groups [][]string) [][]string {
	out := make([][]string, 0, len(groups))
	for _, g := range groups {
		if ng := normalizePhrases(g); len(ng) >= 2 {
			out = append(out, ng)
		}
	}
	return out
}

// normalizePhrases lowercases and trims phrases, collapses inner spaces and
// removes empty and duplicate phrases, keeping the first occurrence.
func normalizePhrases(g []string) []string {
	seen := make(map[string]bool, len(g))
	var out []string
	for _, p := range g {
		p = strings.Join(strings.Fields(strings.ToLower(p)), " ")
		if p == "" || seen[p] {
			continue
		}
		seen[p] = true
		out = append(out, p)
	}
	return out
}

// synonymTable merges the built-in table for lang with the site's groups:
// a built-in group is dropped when it contains every phrase of one of the
// remove groups (so [["mi"]] drops each group containing "mi"). Groups are
// never merged transitively. Its error is BuiltinSynonyms's.
func synonymTable(lang string, extra, remove [][]string) ([][]string, error) {
	var drop [][]string
	for _, g := range remove {
		if ng := normalizePhrases(g); len(ng) > 0 {
			drop = append(drop, ng)
		}
	}
	builtin, err := BuiltinSynonyms(lang)
	if err != nil {
		return nil, err
	}
	var out [][]string
	for _, g := range builtin {
		if !containsAny(g, drop) {
			out = append(out, g)
		}
	}
	return append(out, normalizeGroups(extra)...), nil
}

// containsAny reports whether group contains every phrase of some drop group.
func containsAny(group []string, drop [][]string) bool {
	has := make(map[string]bool, len(group))
	for _, p := range group {
		has[p] = true
	}
	for _, d := range drop {
		all := true
		for _, p := range d {
			all = all && has[p]
		}
		if all {
			return true
		}
	}
	return false
}

// sortedKeys returns the keys of m in ascending order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
