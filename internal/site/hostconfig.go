package site

import (
	"slices"

	"github.com/medkb/medkb/internal/hostconfig"
)

// writeHostConfig writes the hosts' configuration (hostconfig): the
// published files into the site, the others into Result.ServerFiles.
func (bd *build) writeHostConfig() error {
	pol := hostconfig.FromConfig(bd.cfg)
	for _, ls := range bd.site.Langs {
		for _, a := range ls.Aliases {
			pol.Redirects = append(pol.Redirects, hostconfig.Redirect{From: a.From, To: a.To.RelPermalink})
		}
		pol.NotFound = append([]hostconfig.NotFound{{Prefix: ls.Prefix + "/", Page: ls.NotFound.RelPermalink}}, pol.NotFound...)
	}
	if bd.cfg.DefaultLanguageInSubdir { // writeRoot writes a root 404 page too
		pol.NotFound = append(pol.NotFound, hostconfig.NotFound{Prefix: "/", Page: "/404.html"})
	}
	slices.SortStableFunc(pol.NotFound, func(a, b hostconfig.NotFound) int { return len(b.Prefix) - len(a.Prefix) })
	for _, f := range pol.Files() {
		if !f.Published {
			bd.res.ServerFiles = append(bd.res.ServerFiles, f)
		} else if err := bd.write(f.Name, "(server configuration)", f.Data); err != nil {
			return err
		}
	}
	return nil
}
