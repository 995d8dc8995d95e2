// Package themes embeds the default theme so that a site without a themes/
// folder builds. The "all:" prefix keeps files whose names start with "_"
// (layouts/_partials) which a plain go:embed would silently drop.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed all:default
var embedded embed.FS

// Default returns the default theme's files, rooted at the theme folder
// (layouts/, static/, i18n/).
func Default() fs.FS {
	sub, err := fs.Sub(embedded, "default")
	if err != nil {
		panic(err) // the embed pattern above guarantees the folder exists
	}
	return sub
}
