package importer

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// hugoModule is a folder whose content/, data/ and static/ Hugo read
// besides the site's own: a theme (theme: in the configuration, a folder
// of themesDir) or a module import (module.imports) found on disk, in
// themesDir or vendored in _vendor/ (hugo mod vendor). The site's own
// files win over a module's at the same path, as in Hugo.
type hugoModule struct {
	name string // as the configuration names it
	dir  string // slash-separated, relative to the site's root
}

// hugoModules returns the site's themes and module imports in Hugo's
// order (the first wins over the later), the ones on disk as modules, and
// notes each that is not: Hugo fetched it from its path at build time,
// and the importer reads nothing from the network.
func (s *site) hugoModules(root string, cfg hugoConfig, cfgName string) []hugoModule {
	themesDir := firstNonEmpty(filepath.ToSlash(cfg.ThemesDir), "themes")
	var names []string
	switch t := cfg.Theme.(type) {
	case string:
		if t != "" {
			names = append(names, t)
		}
	case []any:
		for _, x := range t {
			if n := str(x); n != "" {
				names = append(names, n)
			}
		}
	}
	from := map[string]string{} // name → "theme" or "module import"
	for _, n := range names {
		from[n] = "theme"
	}
	imports, _ := cfg.Module.Imports.([]any)
	if m, ok := cfg.Module.Imports.(map[string]any); ok {
		imports = []any{m}
	}
	for _, x := range imports {
		m, _ := x.(map[string]any)
		p, disabled := "", false
		for k, v := range m {
			switch strings.ToLower(k) {
			case "path":
				p = str(v)
			case "disable":
				disabled, _ = v.(bool)
			}
		}
		if p != "" && !disabled && from[p] == "" {
			names = append(names, p)
			from[p] = "module import"
		}
	}
	var mods []hugoModule
	for _, n := range names {
		var dir string
		for _, d := range []string{path.Join(themesDir, n), path.Join("_vendor", n)} {
			if st, err := os.Stat(filepath.Join(root, filepath.FromSlash(d))); err == nil && st.IsDir() {
				dir = d
				break
			}
		}
		file := cfg.fileOf("module", cfgName)
		if from[n] == "theme" {
			file = cfg.fileOf("theme", cfgName)
		}
		if dir == "" {
			s.note(file, 0, Human, "%s %s is not read: it is not a folder of %s/ or _vendor/, so Hugo fetched it from its path when it built the site, and the importer reads nothing from the network; the content, data and static files it brought in are missing: run hugo mod vendor in the old site (it copies each module into _vendor/) and import again (a theme kept as a git submodule: git submodule update --init), or copy what readers need into the site", from[n], n, themesDir)
			continue
		}
		mods = append(mods, hugoModule{name: n, dir: dir})
		s.moduleConfigNote(root, n, dir)
	}
	return mods
}

// moduleConfigNote notes a theme's or module's own configuration file
// (themes/NAME/hugo.toml…) when it declares module mounts or imports:
// the importer reads the module's default folders (content/, data/,
// static/) only, so what its mounts and imports brought in is missing.
func (s *site) moduleConfigNote(root, name, dir string) {
	for _, c := range hugoConfigNames {
		m, err := decodeHugoConfigFile(root, path.Join(dir, c))
		if err != nil {
			continue
		}
		for k, v := range m {
			mod, ok := v.(map[string]any)
			if !strings.EqualFold(k, "module") || !ok {
				continue
			}
			var what []string
			for mk := range mod {
				switch strings.ToLower(mk) {
				case "mounts", "imports":
					what = append(what, strings.ToLower(mk))
				}
			}
			if len(what) > 0 {
				slices.Sort(what)
				s.note(path.Join(dir, c), 0, Human, "the module %s of %s are not read: the importer reads the module's own content/, data/ and static/ folders only, so what its module %s brought in with the site is missing; copy what readers need into the site", strings.Join(what, " and "), name, strings.Join(what, " and "))
			}
		}
		return
	}
}

// mountsFor returns the folders the site's module mounts see as target
// (static or data): each mount's source and the folder inside target it
// is seen as; ok is false when no mount has that target, and Hugo read
// the default folder.
func mountsFor(cfg hugoConfig, target string) (dirs [][2]string, ok bool) {
	for _, m := range cfg.Module.Mounts {
		t := strings.Trim(path.Clean(filepath.ToSlash(m.Target)), "/")
		if t == target || strings.HasPrefix(t, target+"/") {
			dirs = append(dirs, [2]string{filepath.ToSlash(filepath.Clean(m.Source)), strings.TrimPrefix(strings.TrimPrefix(t, target), "/")})
		}
	}
	return dirs, len(dirs) > 0
}

// moduleNote says what a module brought in that the import carries: its
// pages, data files and static files, each counted.
func (s *site) moduleNote(file string, m hugoModule, pages, data, static int) {
	if pages+data+static == 0 {
		return
	}
	var parts []string
	if pages > 0 {
		parts = append(parts, fmt.Sprintf("%d content %s (%s/content/)", pages, plural(pages, "file", "files"), m.dir))
	}
	if data > 0 {
		parts = append(parts, fmt.Sprintf("%d data %s (%s/data/)", data, plural(data, "file", "files"), m.dir))
	}
	if static > 0 {
		parts = append(parts, fmt.Sprintf("%d static %s (%s/static/, under static/)", static, plural(static, "file", "files"), m.dir))
	}
	s.note(file, 0, Changed, "%s: Hugo published its files with the site's own, which win at the same path: imported as the site's, %s; its templates are not imported", m.name, strings.Join(parts, ", "))
}

// unmounted notes the site's default folder def of target (static, data)
// when the module mounts with that target (mounts) leave it out: Hugo
// reads a component's default folder only when no mount has its target,
// so its files were not published, and they are not imported.
func (s *site) unmounted(root string, cfg hugoConfig, cfgName, target, def string, mounts [][2]string) {
	for _, m := range mounts {
		if m[0] == path.Clean(def) {
			return
		}
	}
	n := 0
	_ = filepath.WalkDir(filepath.Join(root, filepath.FromSlash(def)), func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			n++
		}
		return nil
	})
	if n > 0 {
		s.note(cfg.fileOf("module", cfgName), 0, Human, "%s/ (%d %s) is not imported: the module mounts whose target is %s (%s) replace it, so Hugo did not read it; if the published site had its files, add a mount with source: %s and target: %s and import again", def, n, plural(n, "file", "files"), target, mountList(target, mounts), def, target)
	}
}

// mountList names mounts as source → target.
func mountList(target string, mounts [][2]string) string {
	var out []string
	for _, m := range mounts {
		out = append(out, m[0]+" → "+path.Join(target, m[1]))
	}
	return strings.Join(out, ", ")
}
