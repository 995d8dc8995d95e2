package site

import (
	"errors"
	"net/url"
	"sort"
	"strings"

	"github.com/medkb/medkb/internal/assemble"
	"github.com/medkb/medkb/internal/buildcache"
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/frontmatter"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/schema"
	"github.com/medkb/medkb/internal/source"
	"github.com/medkb/medkb/internal/theme"
	"go.yaml.in/yaml/v3"
)

func (bd *build) parse() error {
	bd.parsed = make([]assemble.Parsed, len(bd.files))
	errs := make([]error, len(bd.files))
	cache := bd.b.parsed
	if cache != nil {
		cache.Load()
	}
	_ = parallel(bd.ctx, len(bd.files), func(i int) error {
		f := bd.files[i]
		var key string
		if cache != nil {
			// Keyed by the whole file: a hit is exactly what parsing gives.
			key = f.Hash
			if e, ok := cache.Get(key); ok && e.Skip <= len(f.Data) {
				bd.parsed[i] = assemble.Parsed{File: f, Meta: e.Meta, Body: f.Data[e.Skip:], BodyLine: e.BodyLine}
				return nil
			}
		}
		r, err := frontmatter.Parse(f.Path, f.Data)
		errs[i] = err
		bd.parsed[i] = assemble.Parsed{File: f, Meta: r.Meta, Body: r.Body, BodyLine: r.BodyLine}
		skip := len(f.Data) - len(r.Body)
		// Only a body that is the file's tail is cached (not a
		// normalised file's).
		if err == nil && cache != nil && buildcache.Cacheable(&r.Meta) && skip >= 0 && (len(r.Body) == 0 || &f.Data[skip] == &r.Body[0]) {
			cache.Put(key, &buildcache.FrontMatter{Meta: r.Meta, BodyLine: r.BodyLine, Skip: skip})
		}
		return nil
	})
	var list diag.List
	for _, e := range errs {
		list = append(list, diag.From(e)...)
	}
	return list.Err()
}

// siteData is what data/ holds.
type siteData struct {
	authors  map[string]page.Author
	glossary []page.GlossaryTerm
	synonyms synonymsFile
	all      map[string]any
}

type synonymsFile struct {
	Groups [][]string
	Remove [][]string
}

func yamlErr(file string, err error) error {
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

func (bd *build) loadData() error {
	root := bd.b.opts.Source
	d := siteData{authors: map[string]page.Author{}, all: map[string]any{}}
	names, err := source.DataNames(root)
	if err != nil {
		return err
	}
	var invalid diag.List
	for _, name := range names {
		raw, rel, err := source.ReadData(root, name)
		if err != nil {
			return err
		}
		var v any
		if err := yaml.Unmarshal(raw, &v); err != nil {
			return yamlErr(rel, err)
		}
		if doc := schema.DataDoc(name); doc != nil {
			var root yaml.Node
			_ = yaml.Unmarshal(raw, &root) // it decoded once already
			if list := doc.Validate(rel, &root, 0); len(list) > 0 {
				invalid = append(invalid, list...) // every data file's, then stop
				continue
			}
		}
		d.all[name] = v
		switch name {
		case "authors":
			if err := yaml.Unmarshal(raw, &d.authors); err != nil {
				return yamlErr(rel, err)
			}
			for id, a := range d.authors {
				a.ID = id
				d.authors[id] = a
			}
			if err := checkAuthors(rel, raw, d.authors); err != nil {
				return err
			}
		case "glossary":
			if err := yaml.Unmarshal(raw, &d.glossary); err != nil {
				return yamlErr(rel, err)
			}
			seen := map[string]bool{}
			for i := range d.glossary {
				g := &d.glossary[i]
				g.Slug = assemble.Slugify(g.Term)
				for seen[g.Slug] {
					g.Slug += "-x"
				}
				seen[g.Slug] = true
			}
			sort.SliceStable(d.glossary, func(i, j int) bool {
				return strings.ToLower(d.glossary[i].Term) < strings.ToLower(d.glossary[j].Term)
			})
		case "synonyms":
			if err := decodeSynonyms(raw, &d.synonyms); err != nil {
				return yamlErr(rel, err)
			}
		}
	}
	if err := invalid.Err(); err != nil {
		return err
	}
	bd.data = d
	return nil
}

// checkAuthors refuses unknown author types and author links that are not web addresses (a
// javascript: URL, say) where they are written, instead of letting a feed
// fail on them later without a position.
func checkAuthors(rel string, raw []byte, authors map[string]page.Author) error {
	var root yaml.Node
	_ = yaml.Unmarshal(raw, &root) // it decoded once already
	var list diag.List
	for id, a := range authors {
		switch a.Type {
		case "", page.AuthorPerson, page.AuthorOrganization:
		case "organisation":
			list = append(list, diag.Errorf(rel, authorKeyLine(&root, id, "type"), "write type: organization (American spelling, as schema.org)",
				"author %q: type %q is spelled organization here", id, a.Type))
		default:
			list = append(list, diag.Errorf(rel, authorKeyLine(&root, id, "type"), "write type: person or type: organization",
				"author %q: unknown type %q", id, a.Type))
		}
		if a.URL == "" {
			continue
		}
		if u, err := url.Parse(a.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			list = append(list, diag.Errorf(rel, authorKeyLine(&root, id, "url"), "write the author's url as https://…, or leave it empty",
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
func decodeSynonyms(raw []byte, out *synonymsFile) error {
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

func (bd *build) assemble() error {
	s, err := assemble.Assemble(assemble.Input{Config: bd.cfg, Files: bd.parsed, Authors: bd.data.authors, Drafts: bd.b.opts.Drafts, Today: assemble.Today(bd.cfg, bd.b.opts.Now),
		RelatedOnly: bd.relatedOnly})
	if err != nil {
		return err
	}
	bd.site = s
	bd.addDiags(s.Warnings...)
	for _, ls := range s.Langs {
		bd.res.Pages += len(ls.Pages)
		bd.res.Articles += len(ls.Articles)
		bd.res.Sections += len(ls.Sections)
		bd.res.Tags += len(ls.Tags)
		bd.res.Aliases += len(ls.Aliases)
	}
	return nil
}

// themeLayers returns the theme's files then the site's overrides, as the
// site layout (package source) places them.
func (bd *build) themeLayers() []theme.Layer {
	var layers []theme.Layer
	for _, l := range source.ThemeLayers(bd.b.opts.Source, bd.cfg.Theme) {
		layers = append(layers, theme.Layer{Name: l.Name, FS: l.FS})
	}
	return layers
}

func (bd *build) loadTheme() error {
	codes := make([]string, 0, len(bd.cfg.Languages))
	for _, l := range bd.cfg.Languages {
		codes = append(codes, l.Code)
	}
	set, err := theme.Load(bd.themeLayers(), codes, bd.cfg.DefaultLanguage().Code, funcs())
	if err != nil {
		return err
	}
	bd.theme = set
	return bd.indexStatic()
}
