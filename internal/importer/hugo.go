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
		Mounts  []hugoMount `json:"mounts"`
		Imports any         `json:"imports"`
		// HugoVersion holds min (and max, extended) of the Hugo
		// versions the site builds with (readHugoBuilt).
		HugoVersion any `json:"hugoVersion"`
	} `json:"module"`
	// Menus (or Menu, which Hugo reads alike) are the site's menus by
	// name, each a list of entries.
	Menus   map[string]any `json:"menus"`
	Menu    map[string]any `json:"menu"`
	Cascade any            `json:"cascade"`
	// DisablePathToLower keeps the case of page addresses, which Hugo
	// otherwise lowers (Build.md is at /functions/css/build/).
	DisablePathToLower bool `json:"disablePathToLower"`
	// DisableAliases: Hugo writes no redirect page for aliases.
	DisableAliases bool `json:"disableAliases"`
	// DefaultContentLanguageInSubdir puts the default language's pages
	// under /en/ too.
	DefaultContentLanguageInSubdir bool `json:"defaultContentLanguageInSubdir"`
	// UglyURLs: pages at /a/b.html, not /a/b/.
	UglyURLs bool `json:"uglyURLs"`
	// StaticDir is the folder (or folders) of static files (static).
	StaticDir any `json:"staticDir"`
	// SectionPagesMenu names the menu Hugo puts each top section in.
	SectionPagesMenu string `json:"sectionPagesMenu"`
	// EnableGitInfo: each page's .Lastmod came from git history, in the
	// order of Frontmatter's lastmod.
	EnableGitInfo bool           `json:"enableGitInfo"`
	Frontmatter   map[string]any `json:"frontmatter"`
	// DataDir is the folder of the data files (data).
	DataDir string `json:"dataDir"`
	// Theme names the site's theme (or themes, a list), a folder of
	// ThemesDir (themes) or a module path (hugoModules).
	Theme     any    `json:"theme"`
	ThemesDir string `json:"themesDir"`
	// from names the file each top-level key was read from.
	from map[string]string
	// all is the whole configuration, as decoded.
	all map[string]any
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

// readHugoConfig reads Hugo's configuration as Hugo merges it for a
// build (the production environment): the site's root file (hugo.toml or
// another of hugoConfigNames), then the configuration folders
// config/_default/ and config/production/ over it, key by key at every
// depth. In a folder, hugo.toml (or config.toml) holds root keys and
// every other file one key of its own (params.toml is params:,
// languages.yaml is languages:, module.toml is module:; a file may also
// wrap its values in its own key), and a file named for a key and a
// language holds that language's key (menus.en.toml is languages: en:
// menus:). Hugo reads the folders recursively, whatever their subfolders
// are called. It returns the configuration and the file it names (the
// root file, else the first folder), "" when there is none.
func readHugoConfig(root string) (hugoConfig, string, error) {
	var cfg hugoConfig
	all := map[string]any{}
	origin := map[string]string{}
	from := ""
	for _, name := range hugoConfigNames {
		m, err := decodeHugoConfigFile(root, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return cfg, name, err
		}
		mergeConfig(all, m)
		for k := range m {
			origin[strings.ToLower(k)] = name
		}
		from = name
		break
	}
	for _, dir := range []string{"config/_default", "config/production"} {
		var names []string
		_ = filepath.WalkDir(filepath.Join(root, filepath.FromSlash(dir)), func(p string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() {
				switch path.Ext(e.Name()) {
				case ".toml", ".yaml", ".yml", ".json":
					names = append(names, rel(root, p))
				}
			}
			return nil
		})
		for _, name := range names {
			m, err := decodeHugoConfigFile(root, name)
			if err != nil {
				return cfg, name, err
			}
			if from == "" {
				from = name
			}
			base := path.Base(name)
			key, lang, _ := strings.Cut(strings.ToLower(strings.TrimSuffix(base, path.Ext(base))), ".")
			if inner, ok := m[key].(map[string]any); ok && len(m) == 1 {
				m = inner // [languages] [languages.fr] … in languages.toml
			}
			switch {
			case lang != "" && (key == "menu" || key == "menus" || key == "params"):
				// menus.en.toml is the language's menus: …
				okey := key
				if okey == "menu" {
					okey = "menus" // Hugo reads menu and menus alike
				}
				origin["languages."+lang+"."+okey] = name
				m = map[string]any{"languages": map[string]any{lang: map[string]any{key: m}}}
			case lang != "":
				// … and languages.ar.toml (or any other key's) the
				// language's own table, as Hugo reads it.
				origin["languages."+lang] = name
				m = map[string]any{"languages": map[string]any{lang: m}}
			case key != "hugo" && key != "config":
				m = map[string]any{key: m}
			}
			mergeConfig(all, m)
			for k := range m {
				origin[strings.ToLower(k)] = name
			}
		}
	}
	if from == "" {
		return cfg, "", nil
	}
	err := hugoConfigFrom(all, from, &cfg)
	cfg.from, cfg.all = origin, all
	return cfg, from, err
}

// mergeConfig sets src's values in dst, key by key into tables that both
// have (Hugo's keys match whatever their case).
func mergeConfig(dst, src map[string]any) {
	for k, v := range src {
		for dk := range dst {
			if dk != k && strings.EqualFold(dk, k) {
				dst[k] = dst[dk]
				delete(dst, dk)
			}
		}
		sm, sok := v.(map[string]any)
		dm, dok := dst[k].(map[string]any)
		if sok && dok {
			mergeConfig(dm, sm)
			continue
		}
		dst[k] = v
	}
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
	if err != nil && path.Ext(name) != ".toml" && path.Ext(name) != ".json" {
		return nil, configYAMLError(name, data, err)
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

// fileOf returns the configuration file that set key (a dotted path,
// such as languages.ar.params), else the one that set the nearest key
// above it (languages.ar, then languages), else name.
func (cfg hugoConfig) fileOf(key, name string) string {
	for k := key; ; {
		if f := cfg.from[k]; f != "" {
			return f
		}
		i := strings.LastIndexByte(k, '.')
		if i < 0 {
			return name
		}
		k = k[:i]
	}
}

// contentRoot is a folder whose Markdown is part of Hugo's content.
type contentRoot struct {
	dir   string // slash-separated, relative to the site's root
	under string // the folder inside content it is seen as ("" or "docs")
	lang  string // the language of all its pages; "": by file name
	// module: a theme's or module's content, whose file at a path the
	// site's own content has is not read (Hugo's site wins); its count
	// of files read is kept in n.
	module *int
}

// contentRoots returns the folders of the site's content as Hugo sees
// them: the module mounts whose target is content (which replace the
// default content folder), else each language's contentDir, else
// contentDir (content by default).
func (s *site) contentRoots(cfg hugoConfig, cfgName string) []contentRoot {
	var roots []contentRoot
	cfgName = cfg.fileOf("module", cfgName)
	for _, m := range cfg.Module.Mounts {
		target := strings.Trim(path.Clean(filepath.ToSlash(m.Target)), "/")
		if target != "content" && !strings.HasPrefix(target, "content/") {
			continue
		}
		lang := strings.ToLower(m.Lang)
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
	haveCfg := cfgName != ""
	if !haveCfg {
		cfgName = "hugo.toml"
		s.note(cfgName, 0, Human, "no Hugo configuration found (hugo.toml, config.toml or config/_default/): the site title and address must be set in medkb.yaml")
	}
	s.hugoBuilt = readHugoBuilt(opts.Source, cfg, cfgName)
	s.title = cfg.Title
	if s.title == "" {
		s.title = filepath.Base(opts.Source)
	}
	s.configFile = cfgName
	if d, ok := cfg.Params["description"].(string); ok {
		s.description = d
		s.configFile = cfg.fileOf("params.description", cfgName)
	}
	if cfg.BaseURL != "" {
		s.baseURL = strings.TrimSuffix(cfg.BaseURL, "/") + "/"
		s.oldURL = strings.TrimSuffix(cfg.BaseURL, "/")
	}
	s.noteConfig(cfgName, cfg.Title == "" && haveCfg) // no configuration is noted above
	// Hugo's language keys are lower case, whatever the configuration says.
	langs := map[string]any{}
	for l, v := range cfg.Languages {
		langs[strings.ToLower(l)] = v
	}
	cfg.Languages = langs
	switch {
	case cfg.DefaultContentLanguage != "":
		s.defaultLang = strings.ToLower(cfg.DefaultContentLanguage)
	case cfg.LanguageCode != "":
		s.defaultLang = strings.ToLower(strings.SplitN(cfg.LanguageCode, "-", 2)[0])
	}
	s.langMeta = map[string]map[string]string{}
	for l, v := range cfg.Languages {
		lm, _ := v.(map[string]any)
		meta := map[string]string{}
		for k, x := range lm {
			switch t := str(x); strings.ToLower(k) {
			case "languagename", "label":
				meta["name"] = t
			case "languagedirection", "direction":
				if t == "rtl" || t == "ltr" {
					meta["direction"] = t
				}
			case "title":
				meta["title"] = t
			}
		}
		s.langMeta[l] = meta
	}
	s.lowerPaths = !cfg.DisablePathToLower
	s.hugoLangs = map[string]bool{}
	for l := range cfg.Languages {
		s.hugoLangs[l] = true
		s.addLang(l)
	}
	if len(s.hugoLangs) > 0 {
		s.hugoLangs[s.defaultLang] = true
	}
	if cfg.Cascade != nil {
		s.note(cfg.fileOf("cascade", cfgName), 0, Human, "the configuration's cascade is not applied: pages it sets build options or other values for are imported as their own front matter says; check them")
	}
	if len(cfg.Permalinks) > 0 {
		s.note(cfgName, 0, Changed, "permalinks: each page keeps the address Hugo's default rule gives it; check pages of sections with their own permalink rule (%v)", cfg.Permalinks)
	}
	s.hugoMenus(cfg, cfgName)
	s.hugoUnread(cfg, cfgName)
	s.hugoGitInfo(cfg, cfgName)
	if order, set := hugoDateOrder(cfg, "date", hugoDefaultDate); set {
		s.dateOrder, s.dateOrderFile = order, cfg.fileOf("frontmatter", cfgName)
	} else {
		s.dateOrder = order
	}
	s.dateKinds = hugoDateKinds(cfg, cfgName)
	// The site's themes and modules on disk add their content/, data/
	// and static/ to the site's, which wins at the same path.
	mods := s.hugoModules(opts.Source, cfg, cfgName)
	modPages := make([]int, len(mods))
	roots := s.contentRoots(cfg, cfgName)
	for i, m := range mods {
		if st, err := os.Stat(filepath.Join(opts.Source, filepath.FromSlash(m.dir), "content")); err == nil && st.IsDir() {
			roots = append(roots, contentRoot{dir: m.dir + "/content", module: &modPages[i]})
		}
	}
	if err := s.readHugoContent(opts.Source, roots, cfgName); err != nil {
		return nil, err
	}
	if dirs, ok := mountsFor(cfg, "data"); ok {
		s.unmounted(opts.Source, cfg, cfgName, "data", firstNonEmpty(cfg.DataDir, "data"), dirs)
		for _, d := range dirs {
			s.readData(opts.Source, d[0], d[1])
		}
	} else {
		s.readData(opts.Source, firstNonEmpty(cfg.DataDir, "data"), "")
	}
	modData := make([]int, len(mods))
	for i, m := range mods {
		modData[i] = s.readData(opts.Source, m.dir+"/data", "")
	}
	if cfg.DisableAliases {
		n := 0
		for _, d := range s.docs {
			if v, ok := d.get("aliases"); ok && fmt.Sprint(v) != "[]" {
				n++
			}
		}
		if n > 0 {
			what := "1 page"
			if n > 1 {
				what = fmt.Sprintf("%d pages", n)
			}
			s.note(cfg.fileOf("disablealiases", cfgName), 0, Changed, "disableAliases is set: Hugo wrote no redirect pages for the aliases of %s (the site served those addresses another way, such as a _redirects file); medkb publishes each alias as a redirect page: remove the aliases you do not want", what)
		}
	}
	// Files of the static folders (the mounts whose target is static,
	// else static/ or staticDir's, then each theme's and module's
	// static/) keep their paths; the first folder's file wins at a path.
	var dirs [][2]string // folder, the folder inside static it is seen as
	if mounts, ok := mountsFor(cfg, "static"); ok {
		s.unmounted(opts.Source, cfg, cfgName, "static", "static", mounts)
		dirs = mounts
	} else {
		switch d := cfg.StaticDir.(type) {
		case string:
			dirs = [][2]string{{d, ""}}
		case []any:
			for _, x := range d {
				dirs = append(dirs, [2]string{str(x), ""})
			}
		default:
			dirs = [][2]string{{"static", ""}}
		}
	}
	own := len(dirs)
	for _, m := range mods {
		dirs = append(dirs, [2]string{m.dir + "/static", ""})
	}
	modStatic := make([]int, len(mods))
	claimed := map[string]bool{}
	for i, dir := range dirs {
		static := filepath.Join(opts.Source, filepath.FromSlash(dir[0]))
		_ = filepath.WalkDir(static, func(p string, e os.DirEntry, err error) error {
			to := path.Join(dir[1], rel(static, p))
			if err == nil && !e.IsDir() && !strings.HasPrefix(e.Name(), ".") && !claimed[to] && !s.generatedStatic(rel(opts.Source, p), p, to) {
				claimed[to] = true
				s.files = append(s.files, copied{from: p, to: "static/" + to})
				if i >= own {
					modStatic[i-own]++
				}
			}
			return nil
		})
	}
	for i, m := range mods {
		s.moduleNote(cfg.fileOf("theme", cfgName), m, modPages[i], modData[i], modStatic[i])
	}
	if cfg.DefaultContentLanguageInSubdir {
		s.langSubdir = true
		s.note(cfg.fileOf("defaultcontentlanguageinsubdir", cfgName), 0, Changed, "defaultContentLanguageInSubdir is default_language_in_subdir: true in medkb.yaml: the %s pages keep their addresses under /%s/, and links to them are checked there", s.defaultLang, s.defaultLang)
	}
	if cfg.UglyURLs {
		s.note(cfg.fileOf("uglyurls", cfgName), 0, Human, "uglyURLs is set: Hugo served pages at /section/page.html, and medkb serves them at /section/page/; add each old address to its page's aliases: (or a redirect on the web server) so links from elsewhere keep working")
	}
	s.resolveHugoRefs()
	return s, nil
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

// hugoRead are the top-level configuration keys the importer reads.
var hugoRead = map[string]bool{
	"title": true, "baseurl": true, "languagecode": true, "defaultcontentlanguage": true, "languages": true,
	"params": true, "permalinks": true, "contentdir": true, "module": true, "cascade": true,
	"disablepathtolower": true, "disablealiases": true, "menus": true, "menu": true,
	"defaultcontentlanguageinsubdir": true, "uglyurls": true, "staticdir": true, "sectionpagesmenu": true,
	"enablegitinfo": true, "frontmatter": true, "theme": true, "themesdir": true, "datadir": true,
}

// hugoUnread notes what of the configuration the import leaves out: each
// file's keys medkb does not read, the site parameters but its
// description, trackers and comments, and content from module imports.
func (s *site) hugoUnread(cfg hugoConfig, cfgName string) {
	byFile := map[string][]string{}
	for k := range cfg.all {
		lk := strings.ToLower(k)
		switch {
		case hugoRead[lk]:
		case lk == "googleanalytics" || lk == "services" || lk == "disqusshortname":
			s.note(cfg.fileOf(lk, cfgName), 0, Changed, "%s is left out: medkb's pages load nothing from another host (no analytics, comments or embeds)", k)
		default:
			f := cfg.fileOf(lk, cfgName)
			byFile[f] = append(byFile[f], k)
		}
	}
	for _, f := range slices.Sorted(maps.Keys(byFile)) {
		keys := byFile[f]
		slices.Sort(keys)
		s.note(f, 0, Changed, "Hugo settings medkb does not read are left out: %s. They set up Hugo's templates, outputs and build; medkb's own settings are in medkb.yaml, each described in the writer's guide", strings.Join(keys, ", "))
	}
	var params []string
	for k := range cfg.Params {
		if !strings.EqualFold(k, "description") {
			params = append(params, k)
		}
	}
	if len(params) > 0 {
		slices.Sort(params)
		s.note(cfg.fileOf("params", cfgName), 0, Changed, "site params are left out but description (%s): they configured Hugo's templates; medkb's theme reads its settings from medkb.yaml", strings.Join(params, ", "))
	}
	for _, l := range slices.Sorted(maps.Keys(cfg.Languages)) {
		lm, _ := cfg.Languages[l].(map[string]any)
		for k, v := range lm {
			if pm, ok := v.(map[string]any); ok && strings.EqualFold(k, "params") && len(pm) > 0 {
				keys := slices.Sorted(maps.Keys(pm))
				s.note(cfg.fileOf("languages."+l+".params", cfgName), 0, Changed, "the %s params are left out (%s): they configured Hugo's templates; medkb's theme reads its settings from medkb.yaml", l, strings.Join(keys, ", "))
			}
		}
	}
	// Of frontmatter, the orders of the four dates are read (hugoDate,
	// hugoOtherDates).
	var fm []string
	for k := range cfg.Frontmatter {
		switch strings.ToLower(k) {
		case "date", "lastmod", "publishdate", "expirydate":
		default:
			fm = append(fm, k)
		}
	}
	if len(fm) > 0 {
		slices.Sort(fm)
		s.note(cfg.fileOf("frontmatter", cfgName), 0, Changed, "frontmatter settings are not applied (%s): each page's dates are taken from its date, lastmod, publishDate and expiryDate keys; check the pages whose dates Hugo took from elsewhere", strings.Join(fm, ", "))
	}
}
