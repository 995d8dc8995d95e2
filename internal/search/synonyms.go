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
// the caller may modify.
func BuiltinSynonyms(lang string) [][]string {
	name := "synonyms/" + strings.ToLower(lang) + ".yaml"
	data, err := synonymFiles.ReadFile(name)
	if err != nil {
		return nil
	}
	groups, err := parseSynonyms(name, data)
	if err != nil {
		// The embedded tables are checked by TestBuiltinSynonymsParse.
		panic(err)
	}
	return groups
}

// class is a one-way relation of the vocabulary: a query holding one of
// the member phrases also matches the broader phrases, never the reverse.
type class struct {
	members, broader []string
}

// builtinClasses returns the embedded medicine classes of lang
// (classes/LANG.yaml: a broader name → the names of its members), in name
// order, or nil for a language without a table.
func builtinClasses(lang string) []class {
	name := "classes/" + strings.ToLower(lang) + ".yaml"
	data, err := synonymFiles.ReadFile(name)
	if err != nil {
		return nil
	}
	var m map[string][]string
	if err := yaml.Unmarshal(data, &m); err != nil {
		// The embedded tables are checked by TestBuiltinClassesParse.
		panic(fmt.Errorf("%s: %w", name, err))
	}
	var out []class
	for _, broader := range sortedKeys(m) {
		if members := normalizePhrases(m[broader]); len(members) > 0 {
			out = append(out, class{members: members, broader: normalizePhrases([]string{broader})})
		}
	}
	return out
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
			if len(groups[i]) < 2 {
				return nil, fmt.Errorf("%s:%d: a synonym group needs at least two phrases", name, item.Line)
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
// never merged transitively.
func synonymTable(lang string, extra, remove [][]string) [][]string {
	var drop [][]string
	for _, g := range remove {
		if ng := normalizePhrases(g); len(ng) > 0 {
			drop = append(drop, ng)
		}
	}
	var out [][]string
	for _, g := range BuiltinSynonyms(lang) {
		if !containsAny(g, drop) {
			out = append(out, g)
		}
	}
	return append(out, normalizeGroups(extra)...)
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
