// Package sitedata reads the site's data files (data/*.yaml): the
// authors and reviewers pages credit, the glossary, the search synonyms,
// and every file as the templates see it (.Site.Data). Each file is
// checked against its schema (package schema) and an author's type and
// link are checked where they are written, so a bad value is an error at
// its file and line, never a failure later without a position.
//
// It only reads; Load is safe for concurrent use.
package sitedata

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/medkb/medkb/internal/assemble"
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/schema"
	"github.com/medkb/medkb/internal/source"
	"github.com/medkb/medkb/internal/yamlsyntax"
	"go.yaml.in/yaml/v3"
)

// Data is what data/ holds.
type Data struct {
	Authors  map[string]page.Author // data/authors, by id
	Glossary []page.GlossaryTerm    // data/glossary, by term, each with a unique slug
	Synonyms Synonyms               // data/synonyms
	All      map[string]any         // every data file by name, as templates see it
	// Warnings are what the files hold that works, but not as their
	// writer meant (two glossary entries for one word).
	Warnings diag.List
}

// Synonyms are the search synonyms: groups of words that search as one,
// and pairs the search's own list must not join.
type Synonyms struct {
	Groups [][]string
	Remove [][]string
}

// yamlErr reports err, which yaml.v3 returned for a data file's raw
// bytes: in a writer's words at the line to edit when yamlsyntax knows the
// mistake, else in yaml.v3's.
func yamlErr(file string, raw []byte, err error) error {
	if p, ok := yamlsyntax.Explain(raw, 0, err); ok {
		return problemDiag(file, p)
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	d := &diag.Diagnostic{File: file, Severity: diag.Error, Message: msg, Hint: "fix the YAML syntax"}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		d.Message = strings.Join(te.Errors, "; ")
	}
	if n := lineOf(msg); n > 0 {
		d.Line = n
	}
	return d
}

// unread are the warnings of what data/ holds that no build reads
// (source.DataFiles' others): a Hugo or Jekyll site's data files in JSON,
// TOML, CSV or XML, and data files in folders, which templates would
// look for in .Site.Data and not find.
func unread(others []string) diag.List {
	var out diag.List
	for _, rel := range others {
		if strings.HasSuffix(rel, "/") {
			out = append(out, diag.Diagnostic{File: rel, Severity: diag.Warning,
				Message: "this folder is not read: medkb reads the data files directly in data/, not in folders, so templates find none of its files in .Site.Data",
				Hint:    "move each file up into data/ (data/" + path.Base(rel) + ".yaml holds what the folder's files held, under one key each)"})
			continue
		}
		ext := path.Ext(rel)
		yamlName := strings.TrimSuffix(rel, ext) + ".yaml"
		hint := "write it in YAML as " + yamlName
		if strings.EqualFold(ext, ".json") {
			hint = "rename it " + yamlName + ": JSON is YAML already, so medkb reads it as it is"
		}
		out = append(out, diag.Diagnostic{File: rel, Severity: diag.Warning,
			Message: "this file is not read: medkb reads data files written in YAML (.yaml or .yml) only, so templates do not find it in .Site.Data",
			Hint:    hint})
	}
	return out
}

// problemDiag is p, a problem yamlsyntax found in the data file file, as
// an error.
func problemDiag(file string, p yamlsyntax.Problem) *diag.Diagnostic {
	return &diag.Diagnostic{File: file, Line: p.Line, Col: p.Col, Severity: diag.Error, Message: p.Message, Hint: p.Hint}
}

func lineOf(msg string) int {
	i := strings.Index(msg, "line ")
	if i < 0 {
		return 0
	}
	n := 0
	for _, c := range msg[i+5:] {
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// Load reads and validates every data file of the site at root. A file
// that does not follow its schema (package schema) is an error at its
// line; every data file's are reported together.
func Load(root string) (Data, error) {
	d := Data{Authors: map[string]page.Author{}, All: map[string]any{}}
	names, others, err := source.DataFiles(root)
	if err != nil {
		return d, err
	}
	d.Warnings = append(d.Warnings, unread(others)...)
	var invalid diag.List
	for _, name := range names {
		raw, rel, err := source.ReadData(root, name)
		if err != nil {
			return d, err
		}
		// A file saved in another encoding than UTF-8, at its first
		// byte that is not UTF-8 (yaml.v3 names none), with the other
		// files' errors.
		if p, bad := yamlsyntax.Encoding(raw, 0); bad {
			invalid = append(invalid, *problemDiag(rel, p))
			continue
		}
		// As nodes first, for the positions of what the checks below
		// report, and for what YAML reads but not as meant: every key
		// written twice (an error each) and a tag or an anchor that
		// drops a word (a warning). A control character in a value
		// (yaml.v3 refuses the whole file without a line) is read, to
		// be reported at its value with the schema's errors.
		readable, hidden := yamlsyntax.HideControls(raw)
		var root yaml.Node
		if err := yaml.Unmarshal(readable, &root); err != nil {
			return d, yamlErr(rel, raw, err)
		}
		if hidden {
			yamlsyntax.ShowControls(&root)
		}
		var controls diag.List
		if hidden || bytes.IndexByte(raw, '\\') >= 0 {
			for _, c := range yamlsyntax.FindControls(&root, 0) {
				controls = append(controls, *problemDiag(rel, c.Problem()))
			}
		}
		dups, warns := yamlsyntax.Diagnostics(rel, &root, raw, 0)
		d.Warnings = append(d.Warnings, warns...)
		if len(dups) > 0 {
			return d, dups.Err()
		}
		var v any
		if err := root.Decode(&v); err != nil {
			return d, yamlErr(rel, raw, err)
		}
		if doc := schema.DataDoc(name); doc != nil {
			if list := doc.Validate(rel, &root, 0); len(list) > 0 {
				invalid = append(invalid, list...) // every data file's, then stop
				invalid = append(invalid, controls...)
				continue
			}
		}
		if len(controls) > 0 {
			invalid = append(invalid, controls...)
			continue
		}
		d.All[name] = v
		switch name {
		case "authors":
			if err := yaml.Unmarshal(readable, &d.Authors); err != nil {
				return d, yamlErr(rel, raw, err)
			}
			for id, a := range d.Authors {
				a.ID = id
				d.Authors[id] = a
			}
			if err := checkAuthors(rel, &root, d.Authors); err != nil {
				return d, err
			}
		case "glossary":
			if err := yaml.Unmarshal(readable, &d.Glossary); err != nil {
				return d, yamlErr(rel, raw, err)
			}
			d.Warnings = append(d.Warnings, glossaryClashes(rel, &root, d.Glossary)...)
			seen := map[string]bool{}
			for i := range d.Glossary {
				g := &d.Glossary[i]
				g.Slug = assemble.Slugify(g.Term)
				for seen[g.Slug] {
					g.Slug += "-x"
				}
				seen[g.Slug] = true
			}
			sort.SliceStable(d.Glossary, func(i, j int) bool {
				return strings.ToLower(d.Glossary[i].Term) < strings.ToLower(d.Glossary[j].Term)
			})
		case "synonyms":
			if err := decodeSynonyms(readable, &d.Synonyms); err != nil {
				return d, yamlErr(rel, raw, err)
			}
		}
	}
	return d, invalid.Err()
}

// glossaryClashes warns about a word two glossary entries claim, as a
// term or a synonym, ignoring case: a page links the word's first use to
// one entry's definition only, and which one is not the writer's choice.
// Each warning is at the later claim's line and names the earlier.
func glossaryClashes(rel string, root *yaml.Node, gloss []page.GlossaryTerm) diag.List {
	seq := root
	if seq.Kind == yaml.DocumentNode && len(seq.Content) > 0 {
		seq = seq.Content[0]
	}
	// lines[i][0] is entry i's term line, then each synonym's.
	lines := make([][]int, len(gloss))
	for i := range gloss {
		if seq.Kind != yaml.SequenceNode || i >= len(seq.Content) {
			break
		}
		e := seq.Content[i]
		lines[i] = []int{e.Line}
		for j := 0; j+1 < len(e.Content); j += 2 {
			switch e.Content[j].Value {
			case "term":
				lines[i][0] = e.Content[j].Line
			case "synonyms":
				for _, s := range e.Content[j+1].Content {
					lines[i] = append(lines[i], s.Line)
				}
			}
		}
	}
	line := func(i, k int) int {
		if k < len(lines[i]) {
			return lines[i][k]
		}
		return 0
	}
	type claim struct {
		entry, k int // k 0: the term, else synonym k-1
		word     string
	}
	first := map[string]claim{}
	reported := map[[2]int]bool{} // entry pairs: one warning each
	var out diag.List
	for i, g := range gloss {
		words := append([]string{g.Term}, g.Synonyms...)
		for k, w := range words {
			key := strings.ToLower(strings.Join(strings.Fields(w), " ")) // as the matcher reads it
			if key == "" {
				continue
			}
			prev, ok := first[key]
			if !ok {
				first[key] = claim{i, k, w}
				continue
			}
			if prev.entry == i || reported[[2]int{prev.entry, i}] {
				continue // a synonym repeating its own term is harmless
			}
			reported[[2]int{prev.entry, i}] = true
			self := "term " + strconv.Quote(w)
			if k > 0 {
				self = "synonym " + strconv.Quote(w) + " of " + strconv.Quote(g.Term)
			}
			other := "the term " + strconv.Quote(prev.word)
			if prev.k > 0 {
				other = "a synonym of " + strconv.Quote(gloss[prev.entry].Term)
			}
			out = append(out, diag.Diagnostic{File: rel, Line: line(i, k), Severity: diag.Warning,
				Message: fmt.Sprintf("glossary %s is also %s at line %d: a page links it to either definition, depending on what the page linked before", self, other, line(prev.entry, prev.k)),
				Hint:    "keep the word in one entry: merge the two entries, or remove it from one"})
		}
	}
	return out
}

// checkAuthors refuses unknown author types and author links that are not web addresses (a
// javascript: URL, say) where they are written, instead of letting a feed
// fail on them later without a position.
func checkAuthors(rel string, root *yaml.Node, authors map[string]page.Author) error {
	var list diag.List
	for id, a := range authors {
		switch a.Type {
		case "", page.AuthorPerson, page.AuthorOrganization:
		case "organisation":
			list = append(list, diag.Errorf(rel, authorKeyLine(root, id, "type"), "write type: organization (American spelling, as schema.org)",
				"author %q: type %q is spelled organization here", id, a.Type))
		default:
			list = append(list, diag.Errorf(rel, authorKeyLine(root, id, "type"), "write type: person or type: organization",
				"author %q: unknown type %q", id, a.Type))
		}
		if a.URL == "" {
			continue
		}
		if u, err := url.Parse(a.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			list = append(list, diag.Errorf(rel, authorKeyLine(root, id, "url"), "write the author's url as https://…, or leave it empty",
				"author %q: url %q is not an http(s) address", id, a.URL))
		}
	}
	return list.Err()
}

// authorKeyLine finds the line of key in author id's entry, or 0.
func authorKeyLine(root *yaml.Node, id, key string) int {
	n := root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value != id {
			continue
		}
		entry := n.Content[i+1]
		for j := 0; j+1 < len(entry.Content); j += 2 {
			if entry.Content[j].Value == key {
				return entry.Content[j].Line
			}
		}
	}
	return 0
}

// decodeSynonyms accepts a list of groups, or a mapping with groups and
// remove lists.
func decodeSynonyms(raw []byte, out *Synonyms) error {
	var groups [][]string
	if err := yaml.Unmarshal(raw, &groups); err == nil {
		out.Groups = groups
		return nil
	}
	var m struct {
		Groups [][]string `yaml:"groups"`
		Remove [][]string `yaml:"remove"`
	}
	if err := yaml.Unmarshal(raw, &m); err != nil {
		return err
	}
	out.Groups, out.Remove = m.Groups, m.Remove
	return nil
}
