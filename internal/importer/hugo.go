package importer

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"
)

// hugoConfig is what the importer reads of Hugo's configuration. Hugo's
// keys are case-insensitive (contentdir is contentDir); the configuration
// is decoded to plain values first and then into this struct through
// encoding/json, whose field names match case-insensitively too.
type hugoConfig struct {
	Title                  string         `json:"title"`
	BaseURL                string         `json:"baseURL"`
	LanguageCode           string         `json:"languageCode"`
	DefaultContentLanguage string         `json:"defaultContentLanguage"`
	Languages              map[string]any `json:"languages"`
	Params                 map[string]any `json:"params"`
	Permalinks             map[string]any `json:"permalinks"`
	ContentDir             string         `json:"contentDir"`
	Module                 struct {
		Mounts []hugoMount `json:"mounts"`
	} `json:"module"`
}

// hugoMount is one of Hugo's module mounts: a folder of the project
// (source) seen as a folder of one of Hugo's components (target, such as
// content or content/docs), for one language (lang, or since Hugo 0.153
// sites.matrix.languages).
type hugoMount struct {
	Source string `json:"source"`
	Target string `json:"target"`
	Lang   string `json:"lang"`
	Sites  struct {
		Matrix struct {
			Languages []string `json:"languages"`
		} `json:"matrix"`
	} `json:"sites"`
}

// hugoConfigNames are the names of Hugo's configuration file, in the
// order Hugo looks for them.
var hugoConfigNames = []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json"}

// readHugoConfig reads Hugo's configuration: hugo.toml (or another of
// hugoConfigNames) in the site's root, else the configuration folder
// config/_default/, where hugo.toml holds the root keys and every other
// file one key of its own (params.toml is params:, languages.yaml is
// languages:, module.toml is module:). It returns the configuration and
// the file (or folder) it was read from, "" when there is none.
func readHugoConfig(root string) (hugoConfig, string, error) {
	var cfg hugoConfig
	for _, name := range hugoConfigNames {
		m, err := decodeHugoConfigFile(root, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return cfg, name, err
		}
		return cfg, name, hugoConfigFrom(m, name, &cfg)
	}
	dir := "config/_default"
	entries, err := os.ReadDir(filepath.Join(root, filepath.FromSlash(dir)))
	if err != nil {
		return cfg, "", nil
	}
	all := map[string]any{}
	found := false
	for _, e := range entries {
		ext := path.Ext(e.Name())
		if e.IsDir() || (ext != ".toml" && ext != ".yaml" && ext != ".yml" && ext != ".json") {
			continue
		}
		name := dir + "/" + e.Name()
		m, err := decodeHugoConfigFile(root, name)
		if err != nil {
			return cfg, name, err
		}
		found = true
		if key := strings.TrimSuffix(e.Name(), ext); key == "hugo" || key == "config" {
			maps.Copy(all, m)
		} else {
			all[key] = m
		}
	}
	if !found {
		return cfg, "", nil
	}
	return cfg, dir + "/", hugoConfigFrom(all, dir+"/", &cfg)
}

// decodeHugoConfigFile decodes one configuration file (name relative to
// root, slash-separated) into plain values.
func decodeHugoConfigFile(root, name string) (map[string]any, error) {
	data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
	if err != nil {
		return nil, err
	}
	m := map[string]any{}
	switch path.Ext(name) {
	case ".toml":
		err = toml.Unmarshal(data, &m)
	case ".json":
		err = json.Unmarshal(data, &m)
	default:
		err = yaml.Unmarshal(data, &m)
	}
	if err != nil {
		return nil, fmt.Errorf("import: %s: %v", name, err)
	}
	return m, nil
}

// hugoConfigFrom fills cfg from the decoded configuration m (read from
// name).
func hugoConfigFrom(m map[string]any, name string, cfg *hugoConfig) error {
	data, err := json.Marshal(m)
	if err == nil {
		err = json.Unmarshal(data, cfg)
	}
	if err != nil {
		return fmt.Errorf("import: %s: %v; fix the configuration so that Hugo itself reads it", name, err)
	}
	return nil
}

// contentRoot is a folder whose Markdown is part of Hugo's content.
type contentRoot struct {
	dir   string // slash-separated, relative to the site's root
	under string // the folder inside content it is seen as ("" or "docs")
	lang  string // the language of all its pages; "": by file name
}

// contentRoots returns the folders of the site's content as Hugo sees
// them: the module mounts whose target is content (which replace the
// default content folder), else each language's contentDir, else
// contentDir (content by default).
func (s *site) contentRoots(cfg hugoConfig, cfgName string) []contentRoot {
	var roots []contentRoot
	for _, m := range cfg.Module.Mounts {
		target := strings.Trim(path.Clean(filepath.ToSlash(m.Target)), "/")
		if target != "content" && !strings.HasPrefix(target, "content/") {
			continue
		}
		lang := m.Lang
		if langs := m.Sites.Matrix.Languages; lang == "" && len(langs) == 1 {
			lang = langs[0]
		} else if len(langs) > 1 {
			s.note(cfgName, 0, Changed, "module mount %s is for the languages %s: its pages are imported by their file names' language (name.es.md), else as %s", m.Source, strings.Join(langs, ", "), s.defaultLang)
		}
		roots = append(roots, contentRoot{dir: path.Clean(filepath.ToSlash(m.Source)), under: strings.TrimPrefix(strings.TrimPrefix(target, "content"), "/"), lang: lang})
	}
	if len(roots) > 0 {
		return roots
	}
	dirs := map[string]string{} // language → its contentDir
	for l, v := range cfg.Languages {
		lm, _ := v.(map[string]any)
		for k, d := range lm {
			if ds, ok := d.(string); ok && strings.EqualFold(k, "contentDir") && ds != "" {
				dirs[l] = path.Clean(filepath.ToSlash(ds))
			}
		}
	}
	def := cfg.ContentDir
	if def == "" {
		def = "content"
	}
	if d, ok := dirs[s.defaultLang]; ok {
		def = d
	}
	roots = append(roots, contentRoot{dir: path.Clean(filepath.ToSlash(def))})
	for _, l := range slices.Sorted(maps.Keys(dirs)) {
		if dirs[l] != roots[0].dir {
			roots = append(roots, contentRoot{dir: dirs[l], lang: l})
		}
	}
	return roots
}

func readHugo(opts Options) (*site, error) {
	s := newSite(opts)
	cfg, cfgName, err := readHugoConfig(opts.Source)
	if err != nil {
		return nil, err
	}
	if cfgName == "" {
		cfgName = "hugo.toml"
		s.note(cfgName, 0, Human, "no Hugo configuration found (hugo.toml, config.toml or config/_default/): the site title and address must be set in medkb.yaml")
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
	for _, cr := range s.contentRoots(cfg, cfgName) {
		root := filepath.Join(opts.Source, filepath.FromSlash(cr.dir))
		if st, err := os.Stat(root); err != nil || !st.IsDir() {
			s.note(cfgName, 0, Human, "content folder %s is not in the site (a module's folder, or a path outside it): its pages are not imported; copy them into the Hugo site and import again", cr.dir)
			continue
		}
		var files []string
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
			if isMarkdown(e.Name()) && !strings.HasPrefix(e.Name(), ".") {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("import: %w", err)
		}
		unrendered := s.unrenderedFolders(opts.Source, files)
		for _, p := range files {
			if err := s.hugoDoc(opts.Source, root, p, cr, unrendered); err != nil {
				return nil, err
			}
		}
		s.noteUnrendered(unrendered)
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

// hugoDoc reads one Markdown file (abs) of the content folder cr (root,
// absolute) of the Hugo site at source, unless Hugo does not render it
// (un).
func (s *site) hugoDoc(source, root, abs string, cr contentRoot, un *unrendered) error {
	r := path.Join(cr.under, rel(root, abs)) // as Hugo sees it, inside content
	data, err := os.ReadFile(abs)
	if err != nil {
		return err
	}
	src := rel(source, abs)
	entries, body, bodyLine, err := splitFile(src, data)
	if err != nil {
		return err
	}
	if un.skip(abs, src, entries) {
		return nil
	}
	d := &doc{src: src, ref: "content/" + r, body: body, bodyLine: bodyLine}
	dir, file := path.Split(r)
	dir = strings.Trim(dir, "/")
	name := strings.TrimSuffix(file, path.Ext(file))
	if cr.lang != "" && cr.lang != s.defaultLang {
		d.lang = cr.lang // a language's own content folder
		s.addLang(d.lang)
	}
	// name.es.md is a translation, as in medkb.
	if i := strings.LastIndex(name, "."); cr.lang == "" && i > 0 && isLangCode(name[i+1:]) {
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
			s.setHome(d)
		} else if len(parts) == 1 {
			d.fields = filterFields(d.fields, "title", "summary", "description", "weight")
			s.sectionMeta[sectionLang{slugify(parts[0]), d.lang}] = d
		} else {
			s.note(src, 0, Changed, "the list page of nested section %s is not kept: medkb lists its pages in section %s", dir, parts[0])
		}
		return nil
	case name == "index":
		// A leaf bundle: the folder is the page, its files are the page's.
		if len(parts) == 0 {
			s.setHome(d)
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

// unrendered tracks the content Hugo does not render, which is not
// imported: pages whose own front matter says headless: true or
// build.render: never (also _build, and render: false), and pages under
// a section whose cascade sets build.render: never (a headless bundle of
// snippets that other pages include by shortcode, as in Hugo's own
// documentation's _common/). As in Hugo, a page's own build options come
// before a cascade, and a nearer section's cascade before a farther one;
// a cascade applies to its own section page too.
type unrendered struct {
	// folders holds, for each folder whose _index file cascades build
	// options, that file and whether the options say never.
	folders map[string]cascadeBuild
	skipped map[string][]string // why → the files not imported (slash-separated)
	order   []string            // the keys of skipped, as first met
}

type cascadeBuild struct {
	src   string
	never bool
}

// unrenderedFolders reads the cascades of the _index files among files.
func (s *site) unrenderedFolders(source string, files []string) *unrendered {
	un := &unrendered{folders: map[string]cascadeBuild{}, skipped: map[string][]string{}}
	for _, p := range files {
		if !strings.HasPrefix(filepath.Base(p), "_index.") {
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			continue // hugoDoc reports it
		}
		entries, _, _, err := splitFile(rel(source, p), data)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if e.key != "cascade" {
				continue
			}
			if never, ok := cascadeRender(e.value); ok {
				un.folders[filepath.Dir(p)] = cascadeBuild{src: rel(source, p), never: never}
			}
		}
	}
	return un
}

// skip reports whether Hugo does not render the file abs (src) with
// front matter entries, and records it if so.
func (un *unrendered) skip(abs, src string, entries []entry) bool {
	why := ""
	own := false
	for _, e := range entries {
		switch {
		case e.key == "headless" && e.value == true:
			why, own = src+": headless: true", true
		case e.key == "build" || e.key == "_build":
			own = true
			if never, _ := renderNever(e.value); never {
				why = src + ": " + e.key + ".render: never"
			}
		}
	}
	for d := filepath.Dir(abs); !own && d != filepath.Dir(d); d = filepath.Dir(d) {
		if c, ok := un.folders[d]; ok {
			if c.never {
				why = "build.render: never in the cascade of " + c.src
			}
			break
		}
	}
	if why == "" {
		return false
	}
	if _, ok := un.skipped[why]; !ok {
		un.order = append(un.order, why)
	}
	un.skipped[why] = append(un.skipped[why], src)
	return true
}

// noteUnrendered notes what was not imported because Hugo does not
// render it: one note for each reason, at the first file, naming them all.
func (s *site) noteUnrendered(un *unrendered) {
	for _, why := range un.order {
		files := un.skipped[why]
		what := "this page"
		if len(files) > 1 {
			what = fmt.Sprintf("these %d pages", len(files))
		}
		s.note(files[0], 0, Human, "not imported: Hugo does not render %s (%s); where other pages include their text with a shortcode, that shortcode is listed at its line: write the text into those pages. Not imported: %s",
			what, why, strings.Join(files, ", "))
	}
}

// cascadeRender reports whether a cascade (a map, or a list of maps each
// for a target) sets build.render, and whether to never.
func cascadeRender(v any) (never, ok bool) {
	switch c := v.(type) {
	case map[string]any:
		for k, b := range c {
			if k == "build" || k == "_build" {
				if never, ok := renderNever(b); ok {
					return never, true
				}
			}
		}
	case []any:
		for _, x := range c {
			if never, ok := cascadeRender(x); ok && never {
				return true, true
			}
		}
	}
	return false, false
}

// renderNever reports whether Hugo's build options v set render (ok),
// and whether to never (false in Hugo before 0.76).
func renderNever(v any) (never, ok bool) {
	m, _ := v.(map[string]any)
	for k, r := range m {
		if strings.EqualFold(k, "render") {
			return r == "never" || r == false || r == "false", true
		}
	}
	return false, false
}
