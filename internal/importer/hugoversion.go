package importer

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// hugoBuilt is what a Hugo site says of the Hugo that built it, for the
// behaviours that changed between versions (hugoAliases: Hugo 0.155 read
// a leading-slash alias of a translated page from the language's root,
// earlier Hugo from the server's).
type hugoBuilt struct {
	// version is the Hugo version the site's build named ("0.128.0"), or
	// the lowest its configuration allows (atLeast); "": unknown.
	version string
	atLeast bool
	// where names the file (and setting) it was read from.
	where string
}

// hugoBuildVersionRes find the Hugo version a site's build files name:
// Netlify's HUGO_VERSION (netlify.toml), a GitHub workflow's
// peaceiris/actions-hugo hugo-version: or HUGO_VERSION: environment, and
// asdf's .tool-versions line. "latest" is no version.
var hugoBuildVersionRes = map[string]*lazyRegexp{
	"netlify.toml":   lazyRE(`(?m)^\s*HUGO_VERSION\s*=\s*["']?v?(\d+\.\d+(?:\.\d+)?)`),
	"workflow":       lazyRE(`(?m)^\s*(?:hugo-version|HUGO_VERSION)\s*:\s*["']?v?(\d+\.\d+(?:\.\d+)?)`),
	".tool-versions": lazyRE(`(?m)^\s*hugo\s+(?:extended_)?v?(\d+\.\d+(?:\.\d+)?)`),
}

// readHugoBuilt reads the Hugo version of the site at root: the one its
// build files name, when they name one version; else the lowest
// module.hugoVersion.min of its configuration allows. Files that name
// different versions leave it unknown.
func readHugoBuilt(root string, cfg hugoConfig, cfgName string) hugoBuilt {
	var found []hugoBuilt
	look := func(name, kind string) {
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
		if err != nil {
			return
		}
		for _, m := range hugoBuildVersionRes[kind].FindAllStringSubmatch(string(b), -1) {
			found = append(found, hugoBuilt{version: m[1], where: name})
		}
	}
	look("netlify.toml", "netlify.toml")
	look(".tool-versions", ".tool-versions")
	for _, pat := range []string{"*.yml", "*.yaml"} {
		names, _ := filepath.Glob(filepath.Join(root, ".github", "workflows", pat))
		for _, n := range names {
			look(rel(root, n), "workflow")
		}
	}
	if len(found) > 0 {
		for _, f := range found[1:] {
			if hugoVersionAtLeast(f.version, 0, 155) != hugoVersionAtLeast(found[0].version, 0, 155) {
				return hugoBuilt{} // two readings: the notes name both
			}
		}
		return found[0]
	}
	if hv, ok := cfg.Module.HugoVersion.(map[string]any); ok {
		if min := strings.TrimPrefix(strings.TrimSpace(str(hv["min"])), "v"); hugoVersionRe.MatchString(min) {
			return hugoBuilt{version: min, atLeast: true, where: cfg.fileOf("module", cfgName) + " (module.hugoVersion.min)"}
		}
	}
	return hugoBuilt{}
}

var hugoVersionRe = lazyRE(`^\d+\.\d+(?:\.\d+)?$`)

// hugoVersionAtLeast reports whether version v ("0.128.0") is at least
// major.minor.
func hugoVersionAtLeast(v string, major, minor int) bool {
	parts := strings.Split(v, ".")
	if len(parts) < 2 {
		return false
	}
	ma, err1 := strconv.Atoi(parts[0])
	mi, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil {
		return false
	}
	return ma > major || ma == major && mi >= minor
}

// readsAliasesFromLangRoot says how the Hugo that built the site read
// a leading-slash alias of a page in another language than the root's:
// from that language's root (Hugo 0.155 and later, as medkb reads it:
// yes), from the server's root (earlier Hugo: no), or unknown (ok false).
func (b hugoBuilt) readsAliasesFromLangRoot() (yes, ok bool) {
	switch {
	case b.version == "":
		return false, false
	case hugoVersionAtLeast(b.version, 0, 155):
		return true, true
	case b.atLeast:
		return false, false // a minimum below 0.155 allows either
	}
	return false, true
}

// String names the version and where it was read ("Hugo 0.128.0
// (netlify.toml)", "Hugo 0.155.0 or later (hugo.toml
// (module.hugoVersion.min))").
func (b hugoBuilt) String() string {
	if b.atLeast {
		return fmt.Sprintf("Hugo %s or later (%s)", b.version, b.where)
	}
	return fmt.Sprintf("Hugo %s (%s)", b.version, b.where)
}
