package watch

import "strings"

// ignoredDirs are directory names whose contents are never reported, at any
// depth: version control, the tool's own cache and JavaScript dependencies.
var ignoredDirs = [...]string{".git", ".medkb", "node_modules"}

// ignoredTopDirs are directory names ignored only directly below the root:
// "public" is the default output directory, but content/public/ is a
// legitimate section.
var ignoredTopDirs = [...]string{"public"}

// ignored reports whether the root-relative, slash-separated path rel must
// never be reported.
func ignored(rel string) bool {
	segs := strings.Split(rel, "/")
	for _, d := range ignoredTopDirs {
		if segs[0] == d {
			return true
		}
	}
	for _, s := range segs {
		for _, d := range ignoredDirs {
			if s == d {
				return true
			}
		}
	}
	return editorScratch(segs[len(segs)-1])
}

// editorScratch reports whether a file name is an editor's temporary or
// backup file: Emacs (foo~, .#foo), Vim (.foo.swp, .foo.swx, 4913, foo~),
// JetBrains safe-write files, macOS Finder metadata and generic *.tmp files.
func editorScratch(name string) bool {
	switch name {
	case "4913", ".DS_Store":
		return true
	}
	if strings.HasPrefix(name, ".#") {
		return true
	}
	for _, suffix := range [...]string{"~", ".swp", ".swx", ".tmp", "___jb_tmp___", "___jb_old___"} {
		if strings.HasSuffix(name, suffix) {
			return true
		}
	}
	return false
}
