package importer

import (
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"
)

// hugoConfig is what the importer reads of Hugo's configuration.
type hugoConfig struct {
	Title                  string         `yaml:"title" toml:"title" json:"title"`
	BaseURL                string         `yaml:"baseURL" toml:"baseURL" json:"baseURL"`
	LanguageCode           string         `yaml:"languageCode" toml:"languageCode" json:"languageCode"`
	DefaultContentLanguage string         `yaml:"defaultContentLanguage" toml:"defaultContentLanguage" json:"defaultContentLanguage"`
	Languages              map[string]any `yaml:"languages" toml:"languages" json:"languages"`
	Params                 map[string]any `yaml:"params" toml:"params" json:"params"`
	Permalinks             map[string]any `yaml:"permalinks" toml:"permalinks" json:"permalinks"`
	ContentDir             string         `yaml:"contentDir" toml:"contentDir" json:"contentDir"`
}

func readHugoConfig(root string) (hugoConfig, string, error) {
	var cfg hugoConfig
	for _, name := range []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json"} {
		data, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			continue
		}
		switch path.Ext(name) {
		case ".toml":
			err = toml.Unmarshal(data, &cfg)
		case ".json":
			err = json.Unmarshal(data, &cfg)
		default:
			err = yaml.Unmarshal(data, &cfg)
		}
		if err != nil {
			return cfg, name, fmt.Errorf("import: %s: %v", name, err)
		}
		return cfg, name, nil
	}
	return cfg, "", nil
}

func readHugo(opts Options) (*site, error) {
	s := newSite(opts)
	cfg, cfgName, err := readHugoConfig(opts.Source)
	if err != nil {
		return nil, err
	}
	if cfgName == "" {
		s.note("hugo.toml", 0, Human, "no Hugo configuration found: the site title and address must be set in medkb.yaml")
	}
	s.title = cfg.Title
	if s.title == "" {
		s.title = filepath.Base(opts.Source)
	}
	if d, ok := cfg.Params["description"].(string); ok {
		s.description = d
	}
	if cfg.BaseURL != "" {
		s.baseURL = strings.TrimSuffix(cfg.BaseURL, "/") + "/"
		s.oldURL = strings.TrimSuffix(cfg.BaseURL, "/")
	}
	switch {
	case cfg.DefaultContentLanguage != "":
		s.defaultLang = cfg.DefaultContentLanguage
	case cfg.LanguageCode != "":
		s.defaultLang = strings.ToLower(strings.SplitN(cfg.LanguageCode, "-", 2)[0])
	}
	for l := range cfg.Languages {
		s.addLang(l)
	}
	if len(cfg.Permalinks) > 0 {
		s.note(cfgName, 0, Changed, "permalinks: each page keeps the address Hugo's default rule gives it; check pages of sections with their own permalink rule (%v)", cfg.Permalinks)
	}
	contentDir := cfg.ContentDir
	if contentDir == "" {
		contentDir = "content"
	}
	root := filepath.Join(opts.Source, contentDir)
	err = filepath.WalkDir(root, func(p string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			if strings.HasPrefix(e.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if !isMarkdown(e.Name()) || strings.HasPrefix(e.Name(), ".") {
			return nil
		}
		return s.hugoDoc(root, p)
	})
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	// Files of static/ keep their paths.
	static := filepath.Join(opts.Source, "static")
	_ = filepath.WalkDir(static, func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			s.files = append(s.files, copied{from: p, to: "static/" + rel(static, p)})
		}
		return nil
	})
	s.resolveRefs()
	return s, nil
}

// hugoDoc reads one Markdown file of a Hugo content folder.
func (s *site) hugoDoc(root, abs string) error {
	r := rel(root, abs)
	data, err := os.ReadFile(abs)
	if err != nil {
		return err
	}
	src := "content/" + r
	entries, body, bodyLine, err := splitFile(src, data)
	if err != nil {
		return err
	}
	d := &doc{src: src, body: body, bodyLine: bodyLine}
	dir, file := path.Split(r)
	dir = strings.Trim(dir, "/")
	name := strings.TrimSuffix(file, path.Ext(file))
	// name.es.md is a translation, as in medkb.
	if i := strings.LastIndex(name, "."); i > 0 && isLangCode(name[i+1:]) {
		d.lang = name[i+1:]
		s.addLang(d.lang)
		name = name[:i]
	}
	parts := []string{}
	if dir != "" {
		parts = strings.Split(dir, "/")
	}
	switch {
	case name == "_index":
		s.mapMeta(d, entries)
		s.convertBody(d, Hugo)
		if len(parts) == 0 {
			s.home = d
		} else if len(parts) == 1 {
			d.fields = filterFields(d.fields, "title", "summary", "description", "weight")
			s.sectionMeta[slugify(parts[0])] = d
		} else {
			s.note(src, 0, Changed, "the list page of nested section %s is not kept: medkb lists its pages in section %s", dir, parts[0])
		}
		return nil
	case name == "index":
		// A leaf bundle: the folder is the page, its files are the page's.
		if len(parts) == 0 {
			s.home = d
			s.mapMeta(d, entries)
			s.convertBody(d, Hugo)
			return nil
		}
		d.bundle = filepath.Dir(abs)
		name = parts[len(parts)-1]
		parts = parts[:len(parts)-1]
	}
	if len(parts) == 0 {
		d.section = "pages"
		d.url = normURL("/" + name)
	} else {
		d.section = slugify(parts[0])
		d.url = normURL("/" + strings.Join(append(parts, name), "/"))
	}
	d.slug = slugify(name)
	if len(parts) > 1 {
		d.slug = slugify(strings.Join(append(parts[1:], name), "-"))
		s.note(src, 0, Changed, "nested section %s flattened into section %s (the page keeps its address %s)", strings.Join(parts, "/"), parts[0], d.url)
	}
	if d.lang != "" {
		d.url = normURL("/" + d.lang + d.url)
	}
	s.mapMeta(d, entries)
	if _, ok := d.get("url"); !ok {
		d.set("url", d.url)
	}
	s.convertBody(d, Hugo)
	s.docs = append(s.docs, d)
	return nil
}

func filterFields(fs []field, keep ...string) []field {
	var out []field
	for _, f := range fs {
		for _, k := range keep {
			if f.key == k {
				out = append(out, f)
			}
		}
	}
	return out
}
