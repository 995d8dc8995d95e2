package importer

import (
	"bufio"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"
)

// hugoDataUseRe is a Hugo template's use of a data file: .Site.Data.NAME,
// site.Data.NAME, $.Site.Data.NAME or index .Site.Data "NAME" (name 1
// or 2).
var hugoDataUseRe = lazyRE(`(?i)(?:\bsite|\.site)\.data\.([\w-]+)|index\s+\$?\.?site\.data\s+"([\w-]+)"`)

// jekyllDataUseRe is a Liquid template's use of a data file:
// site.data.NAME or site.data["NAME"] (name 1 or 2).
var jekyllDataUseRe = lazyRE(`\bsite\.data\.([\w-]+)|\bsite\.data\[\s*['"]([\w-]+)['"]\s*\]`)

// templateDirs are the folders of the site at root whose templates the
// importer does not import, and that may read data files: Hugo's
// layouts/ and each theme's, Jekyll's _layouts/ and _includes/.
func (s *site) templateDirs(root string) []string {
	if s.opts.From == Jekyll {
		return []string{filepath.Join(root, "_layouts"), filepath.Join(root, "_includes")}
	}
	dirs := []string{filepath.Join(root, "layouts")}
	if themes, err := os.ReadDir(filepath.Join(root, "themes")); err == nil {
		for _, t := range themes {
			dirs = append(dirs, filepath.Join(root, "themes", t.Name(), "layouts"))
		}
	}
	return dirs
}

// dataUses is where the templates of the site at root read each data
// file, by the name of the file or folder in the data folder (authors
// for .Site.Data.authors.ada), as file:line.
func (s *site) dataUses(root string) map[string][]string {
	re := hugoDataUseRe
	if s.opts.From == Jekyll {
		re = jekyllDataUseRe
	}
	uses := map[string][]string{}
	for _, dir := range s.templateDirs(root) {
		_ = filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return nil
			}
			f, err := os.Open(p)
			if err != nil {
				return nil
			}
			defer f.Close()
			sc := bufio.NewScanner(f)
			sc.Buffer(nil, 1<<20)
			for n := 1; sc.Scan(); n++ {
				for _, m := range re.FindAllStringSubmatch(sc.Text(), -1) {
					name := m[1] + m[2]
					at := fmt.Sprintf("%s:%d", rel(root, p), n)
					if !slices.Contains(uses[name], at) {
						uses[name] = append(uses[name], at)
					}
				}
			}
			return nil
		})
	}
	return uses
}

// readDataFile decodes a data file of a Hugo site by its extension; ok
// is false for a kind the importer does not read (CSV, XML).
func readDataFile(p string) (v any, ok bool, err error) {
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, true, err
	}
	switch strings.ToLower(path.Ext(p)) {
	case ".json":
		err = json.Unmarshal(data, &v)
	case ".toml":
		var m map[string]any
		err = toml.Unmarshal(data, &m)
		v = m
	case ".yaml", ".yml":
		err = yaml.Unmarshal(data, &v)
	default:
		return nil, false, nil
	}
	return v, true, err
}

// dataSummary says what a data file's value v held, for a note: a list
// of N entries, a map of its keys, a value.
func dataSummary(v any) string {
	switch t := v.(type) {
	case []any:
		return fmt.Sprintf("a list of %d %s", len(t), plural(len(t), "entry", "entries"))
	case map[string]any:
		keys := slices.Sorted(maps.Keys(t))
		return fmt.Sprintf("%d %s (%s)", len(keys), plural(len(keys), "key", "keys"), strings.Join(firstOf(keys, 6), ", "))
	case nil:
		return "nothing"
	}
	return fmt.Sprintf("the value %v", v)
}

// hugoAuthorKeys are the keys of a Hugo site's author data that medkb's
// data/authors.yaml has, by the name medkb gives them.
var hugoAuthorKeys = map[string]string{"name": "name", "bio": "bio", "description": "bio", "url": "url", "website": "url", "uri": "url", "link": "url", "role": "role", "credentials": "credentials"}

// readData brings over the data files of the site at root (dir: Hugo's
// data/, or dataDir:'s, Jekyll's _data/): the authors (data/authors as
// one file, or a file per author in data/authors/) fill in the authors
// medkb credits by the same ids, a glossary (data/glossary) is medkb's
// glossary when its entries each have a term and a definition, and every
// other file is named with what it held and the templates that read it,
// which are not imported. Called after the content is read, so the
// authors pages credit are known.
//
// Its files are seen as under (a data mount's folder inside data/, ""
// for none); a file at a name (authors/ada) that an earlier call read is
// skipped, as Hugo lets the site's own data win over a theme's. It
// returns how many files it read.
func (s *site) readData(root, dir, under string) (n int) {
	abs := filepath.Join(root, filepath.FromSlash(dir))
	if _, err := os.Stat(abs); err != nil {
		return 0
	}
	if s.dataSeen == nil {
		s.dataSeen = map[string]bool{}
	}
	gen, prefix, dirs := "Hugo", ".Site.Data.", "layouts/, themes/*/layouts/"
	if s.opts.From == Jekyll {
		gen, prefix, dirs = "Jekyll", "site.data.", "_layouts/, _includes/"
	}
	var uses map[string][]string
	usedBy := func(name string) string {
		if uses == nil {
			uses = s.dataUses(root)
		}
		at := uses[name]
		if len(at) == 0 {
			return fmt.Sprintf("no template of the site (%s) names %s%s", dirs, prefix, name)
		}
		return "the templates that showed it (" + strings.Join(firstOf(at, 3), ", ") + ") are not imported"
	}
	_ = filepath.WalkDir(abs, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() || strings.HasPrefix(e.Name(), ".") || strings.HasSuffix(e.Name(), "~") {
			return nil
		}
		r := rel(root, p)
		inData := path.Join(under, strings.TrimSuffix(rel(abs, p), path.Ext(p))) // authors, authors/ada
		if s.dataSeen[inData] {
			return nil
		}
		s.dataSeen[inData] = true
		n++
		keys := strings.Split(inData, "/")
		site := prefix + strings.Join(keys, ".")
		v, ok, err := readDataFile(p)
		switch {
		case !ok:
			s.note(r, 0, Human, "not imported: a data file %s read as %s, in a format medkb does not read (%s); %s; put what readers still need in a page", gen, site, strings.TrimPrefix(path.Ext(r), "."), usedBy(keys[0]))
			return nil
		case err != nil:
			s.note(r, 0, Human, "not imported: the data file does not parse (%v), so the importer cannot say what it held; %s; put what readers still need in a page", err, usedBy(keys[0]))
			return nil
		}
		switch {
		case keys[0] == "authors" && s.authorData(r, site, keys, v):
		case len(keys) == 1 && keys[0] == "glossary" && s.glossaryData(r, v):
		default:
			s.note(r, 0, Human, "not imported: a data file %s's templates read as %s, which held %s; medkb's theme does not read it, and %s: put what readers still need in a page, medkb's menu (menu: in medkb.yaml, each entry a name and a url) or its glossary (data/glossary.yaml)", gen, site, dataSummary(v), usedBy(keys[0]))
		}
		return nil
	})
	return n
}

// authorData carries the author data v of the file r (keys its
// path in data/: authors, a map of each id to the author's values, or
// authors/ID, one author's) into data/authors.yaml for the authors pages
// credit by those ids, and says what it carried and what not. It
// reports false when v is no author data, to be noted as another file.
func (s *site) authorData(r, site string, keys []string, v any) bool {
	byID := map[string]map[string]any{}
	m, ok := v.(map[string]any)
	if !ok || len(keys) > 2 {
		return false
	}
	if len(keys) == 2 {
		byID[keys[1]] = m
	} else {
		for id, x := range m {
			a, ok := x.(map[string]any)
			if !ok {
				return false
			}
			byID[id] = a
		}
	}
	var carried, uncredited []string
	var dropped []string
	for _, id := range slices.Sorted(maps.Keys(byID)) {
		mid := slugify(id)
		if _, ok := s.authors[mid]; !ok {
			uncredited = append(uncredited, id)
			continue
		}
		carried = append(carried, id)
		for _, k := range slices.Sorted(maps.Keys(byID[id])) {
			to, ok := hugoAuthorKeys[strings.ToLower(k)]
			val, isStr := byID[id][k].(string)
			if !ok || !isStr || val == "" {
				if !slices.Contains(dropped, k) {
					dropped = append(dropped, k)
				}
				continue
			}
			if s.authorInfo == nil {
				s.authorInfo = map[string]map[string]string{}
			}
			if s.authorInfo[mid] == nil {
				s.authorInfo[mid] = map[string]string{}
			}
			if to == "name" {
				s.authors[mid] = val
			} else if s.authorInfo[mid][to] == "" {
				s.authorInfo[mid][to] = val
			}
		}
	}
	var parts []string
	if len(carried) > 0 {
		parts = append(parts, fmt.Sprintf("the name and details of %s, whom pages credit by %s, carried into data/authors.yaml", strings.Join(carried, ", "), plural(len(carried), "that id", "those ids")))
	}
	human := false
	if len(dropped) > 0 {
		human = true
		parts = append(parts, fmt.Sprintf("not carried: %s (medkb's authors have name, bio, url, role and credentials: put a profile link in url: or a line in bio:)", strings.Join(dropped, ", ")))
	}
	if len(uncredited) > 0 {
		human = true
		parts = append(parts, fmt.Sprintf("not carried: %s, whom no imported page credits by %s (to credit them, add them to data/authors.yaml and to the pages' authors:)", strings.Join(uncredited, ", "), plural(len(uncredited), "that id", "those ids")))
	}
	sev := Changed
	if human {
		sev = Human
	}
	s.note(r, 0, sev, "the old site's author data (%s): %s", site, strings.Join(parts, "; "))
	return true
}

// glossaryData makes the glossary data v of the file r medkb's
// glossary: a list of entries each with a term (term:, title: or name:)
// and a definition (definition:, description: or text:). It reports
// false when v is not: a map of names to texts is not taken for a
// glossary, as its names may be ids ("cap:" for "Common Assurance
// Process"), which medkb would link wherever the word is used.
func (s *site) glossaryData(r string, v any) bool {
	var entries []glossaryEntry
	switch t := v.(type) {
	case []any:
		for _, x := range t {
			m, ok := x.(map[string]any)
			if !ok {
				return false
			}
			term := firstNonEmpty(str(m["term"]), str(m["title"]), str(m["name"]))
			def := firstNonEmpty(str(m["definition"]), str(m["description"]), str(m["text"]))
			if term == "" || def == "" {
				return false
			}
			entries = append(entries, glossaryEntry{Term: term, Definition: strings.TrimSpace(def)})
		}
	default:
		return false
	}
	if len(entries) == 0 {
		return false
	}
	s.glossary = append(s.glossary, entries...)
	s.note(r, 0, Changed, "the old site's glossary data: %d %s carried into data/glossary.yaml, medkb's glossary (the first use of each term on a patient page links to its definition)", len(entries), plural(len(entries), "term", "terms"))
	return true
}
