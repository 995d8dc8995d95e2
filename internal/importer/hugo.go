package importer

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
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
	// from names the file each top-level key was read from.
	from map[string]string
}

// hugoMount is one of Hugo's module mounts: a folder of the project
// (source) seen as a folder of one of Hugo's components (target, such as
// content or content/docs), for one language (lang, or since Hugo 0.153
// sites.matrix.languages).
type hugoMount struct {
	Source string `json:"source"`
	Target string `json:"target"`
	Lang   string `json:"lang"`
	// The mount's file filters, which the importer does not apply.
	IncludeFiles any `json:"includeFiles"`
	ExcludeFiles any `json:"excludeFiles"`
	Files        any `json:"files"`
	Sites        struct {
		Matrix struct {
			Languages []string `json:"languages"`
		} `json:"matrix"`
	} `json:"sites"`
}

// hugoConfigNames are the names of Hugo's configuration file, in the
// order Hugo looks for them.
var hugoConfigNames = []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json"}

// readHugoConfig reads Hugo's configuration as Hugo merges it: the
// configuration folder config/_default/, where hugo.toml (or config.toml)
// holds the root keys and every other file one key of its own
// (params.toml is params:, languages.yaml is languages:, module.toml is
// module:; a file may also wrap its values in its own key), then the
// site's root file (hugo.toml or another of hugoConfigNames), whose keys
// come first. It returns the configuration and where it was read from
// (the root file, else the folder), "" when there is none.
func readHugoConfig(root string) (hugoConfig, string, error) {
	var cfg hugoConfig
	all := map[string]any{}
	origin := map[string]string{}
	from := ""
	dir := "config/_default"
	entries, _ := os.ReadDir(filepath.Join(root, filepath.FromSlash(dir)))
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
		from = dir + "/"
		key := strings.ToLower(strings.TrimSuffix(e.Name(), ext))
		if inner, ok := m[key].(map[string]any); ok && len(m) == 1 {
			m = inner // [languages] [languages.fr] … in languages.toml
		}
		if key == "hugo" || key == "config" {
			maps.Copy(all, m)
			for k := range m {
				origin[strings.ToLower(k)] = name
			}
		} else {
			all[key] = m
			origin[key] = name
		}
	}
	for _, name := range hugoConfigNames {
		m, err := decodeHugoConfigFile(root, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return cfg, name, err
		}
		maps.Copy(all, m)
		for k := range m {
			origin[strings.ToLower(k)] = name
		}
		from = name
		break
	}
	if from == "" {
		return cfg, "", nil
	}
	err := hugoConfigFrom(all, from, &cfg)
	cfg.from = origin
	return cfg, from, err
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
	data, err := json.Marshal(jsonable(m))
	if err == nil {
		err = json.Unmarshal(data, cfg)
	}
	if err != nil {
		return fmt.Errorf("import: %s: %v; fix the configuration so that Hugo itself reads it", name, err)
	}
	return nil
}

// jsonable returns v with what encoding/json cannot write made plain:
// maps with keys that are not strings (YAML's {100: small}) get their
// keys as text, and numbers with no JSON form (.inf, .nan) become text.
func jsonable(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = jsonable(e)
		}
		return out
	case map[any]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[fmt.Sprint(k)] = jsonable(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonable(e)
		}
		return out
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return fmt.Sprint(x)
		}
	}
	return v
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
	if f := cfg.from["module"]; f != "" {
		cfgName = f
	}
	for _, m := range cfg.Module.Mounts {
		target := strings.Trim(path.Clean(filepath.ToSlash(m.Target)), "/")
		if target != "content" && !strings.HasPrefix(target, "content/") {
			continue
		}
		lang := m.Lang
		if langs := m.Sites.Matrix.Languages; lang == "" && len(langs) > 0 {
			// One configured language; not a glob ("**", "{en,de}").
			if l := strings.ToLower(langs[0]); len(langs) == 1 && (l == s.defaultLang || cfg.Languages[l] != nil) {
				lang = l
			} else {
				s.note(cfgName, 0, Changed, "module mount %s is for the languages %s: its pages are imported by their file names' language (name.es.md), else as %s", m.Source, strings.Join(langs, ", "), s.defaultLang)
			}
		}
		if m.IncludeFiles != nil || m.ExcludeFiles != nil || m.Files != nil {
			s.note(cfgName, 0, Human, "module mount %s filters its files (includeFiles, excludeFiles or files): the importer does not apply the filter, so every Markdown file in %s is imported; delete those Hugo leaves out", m.Source, m.Source)
		}
		roots = append(roots, contentRoot{dir: filepath.ToSlash(filepath.Clean(m.Source)), under: strings.TrimPrefix(strings.TrimPrefix(target, "content"), "/"), lang: lang})
	}
	if len(roots) > 0 {
		return roots
	}
	dirs := map[string]string{} // language → its contentDir
	for l, v := range cfg.Languages {
		lm, _ := v.(map[string]any)
		for k, d := range lm {
			if ds, ok := d.(string); ok && strings.EqualFold(k, "contentDir") && ds != "" {
				dirs[l] = filepath.ToSlash(filepath.Clean(ds))
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
	roots = append(roots, contentRoot{dir: filepath.ToSlash(filepath.Clean(def))})
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
		root := filepath.FromSlash(cr.dir)
		if !filepath.IsAbs(root) {
			root = filepath.Join(opts.Source, root)
		}
		if st, err := os.Stat(root); err != nil || !st.IsDir() {
			s.note(cfgName, 0, Human, "content folder %s is not found (a Hugo module's folder, fetched by Hugo, is not read): its pages are not imported; copy them into the Hugo site and import again", cr.dir)
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
		unrendered := s.unrenderedFolders(opts.Source, files, cr)
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
	dir, file := path.Split(r)
	dir = strings.Trim(dir, "/")
	name, lang := s.nameLang(file, cr)
	if un.skip(abs, src, name, lang, entries) {
		return nil
	}
	d := &doc{src: src, ref: "content/" + r, body: body, bodyLine: bodyLine, lang: lang}
	s.addLang(d.lang)
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

// nameLang returns a content file's name without its extension and its
// language ("" for the default): its folder's (cr.lang), else the one its
// name gives (name.es.md is a translation, as in medkb).
func (s *site) nameLang(file string, cr contentRoot) (name, lang string) {
	name = strings.TrimSuffix(file, path.Ext(file))
	if cr.lang != "" {
		if cr.lang == s.defaultLang {
			return name, ""
		}
		return name, cr.lang
	}
	if i := strings.LastIndex(name, "."); i > 0 && isLangCode(name[i+1:]) {
		if l := name[i+1:]; l != s.defaultLang {
			return name[:i], l
		}
		return name[:i], ""
	}
	return name, ""
}

// unrendered tracks the content Hugo does not render, which is not
// imported: a page whose own front matter says build.render: never or
// link (also _build, and render: false), a leaf bundle's index.md with
// headless: true, and the pages of a language under a section whose
// cascade sets build.render so (a headless bundle of snippets that other
// pages include by shortcode, as in Hugo's own documentation's
// _common/). As in Hugo, a page's own build options come before a
// cascade, and the nearest section's cascade of build options before a
// farther one; a cascade applies to its own section page too, and only
// to the pages of its file's language. A cascade element with a target
// (kind, path, sites, environment) is not evaluated: its pages are
// imported, with a note.
type unrendered struct {
	// folders holds, by folder and language, the _index file whose
	// cascade sets build options, and whether they say never.
	folders map[folderLang]cascadeBuild
	skipped map[string][]string // why → the files not imported (slash-separated)
	order   []string            // the keys of skipped, as first met
}

type folderLang struct{ dir, lang string }

type cascadeBuild struct {
	src   string
	never bool
}

// unrenderedFolders reads the cascades of the _index files among files
// (of the content folder cr).
func (s *site) unrenderedFolders(source string, files []string, cr contentRoot) *unrendered {
	un := &unrendered{folders: map[folderLang]cascadeBuild{}, skipped: map[string][]string{}}
	for _, p := range files {
		name, lang := s.nameLang(filepath.Base(p), cr)
		if name != "_index" {
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			continue // hugoDoc reports it
		}
		src := rel(source, p)
		entries, _, _, err := splitFile(src, data)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if !strings.EqualFold(e.key, "cascade") {
				continue
			}
			never, set, targeted := cascadeRender(e.value)
			if targeted {
				s.note(src, e.line, Human, "a cascade with a target (kind, path, sites or environment) sets build.render: the importer does not evaluate targets, so the pages it names are imported; delete those Hugo does not render")
			}
			if set {
				un.folders[folderLang{filepath.Dir(p), lang}] = cascadeBuild{src: src, never: never}
			}
		}
	}
	return un
}

// skip reports whether Hugo does not render the file abs (src, name
// without extension, in language lang) with front matter entries, and
// records it if so.
func (un *unrendered) skip(abs, src, name, lang string, entries []entry) bool {
	why := ""
	own := false
	for _, e := range entries {
		switch {
		case strings.EqualFold(e.key, "headless") && e.value == true && name == "index":
			why, own = src+": headless: true", true
		case strings.EqualFold(e.key, "build") || strings.EqualFold(e.key, "_build"):
			// A page's own build options shadow a cascade's, also
			// without render (which then defaults to always).
			own = true
			if never, _ := renderNever(e.value); never {
				why = fmt.Sprintf("%s: %s.render: %v", src, e.key, e.value.(map[string]any)["render"])
			}
		}
	}
	for d := filepath.Dir(abs); !own && d != filepath.Dir(d); d = filepath.Dir(d) {
		if c, ok := un.folders[folderLang{d, lang}]; ok {
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

// cascadeRender reports whether a cascade (a map, or a list of maps
// each for a target, the first that applies winning) sets build.render
// for every page below (set), and whether to never; targeted: an element
// with a target sets it, which the importer does not evaluate.
func cascadeRender(v any) (never, set, targeted bool) {
	switch c := v.(type) {
	case map[string]any:
		var build any
		hasBuild, hasTarget := false, false
		for k, x := range c {
			switch strings.ToLower(k) {
			case "build", "_build":
				build, hasBuild = x, true
			case "target", "_target":
				if m, ok := x.(map[string]any); ok && len(m) > 0 {
					hasTarget = true
				}
			}
		}
		if !hasBuild {
			return false, false, false
		}
		never, _ := renderNever(build)
		if hasTarget {
			return false, false, never
		}
		// build options without render shadow a farther cascade's: the
		// page renders.
		return never, true, false
	case []any:
		for _, x := range c {
			never, set, t := cascadeRender(x)
			targeted = targeted || t
			if set {
				return never, true, targeted
			}
		}
	}
	return false, false, targeted
}

// renderNever reports whether Hugo's build options v set render (set),
// and whether the page is then not rendered: never, or link (linked to,
// not rendered), or false (Hugo before 0.76).
func renderNever(v any) (never, set bool) {
	m, _ := v.(map[string]any)
	for k, r := range m {
		if strings.EqualFold(k, "render") {
			return r == "never" || r == "link" || r == false || r == "false", true
		}
	}
	return false, false
}
