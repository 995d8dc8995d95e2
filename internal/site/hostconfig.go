package site

import (
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/hostconfig"
)

// writeHostConfig writes the hosts' configuration (hostconfig): the
// published files into the site, the others into Result.ServerFiles.
func (bd *build) writeHostConfig() error {
	var redirects []hostconfig.Redirect
	var notFound []hostconfig.NotFound
	for _, ls := range bd.site.Langs {
		for _, a := range ls.Aliases {
			redirects = append(redirects, hostconfig.Redirect{From: a.From, To: a.To.RelPermalink})
		}
		notFound = append([]hostconfig.NotFound{{Prefix: ls.Prefix + "/", Page: ls.NotFound.RelPermalink}}, notFound...)
	}
	if bd.cfg.DefaultLanguageInSubdir { // writeRoot writes a root 404 page too
		notFound = append(notFound, hostconfig.NotFound{Prefix: "/", Page: "/404.html"})
	}
	pol, warning := hostconfig.ForSite(bd.cfg, redirects, notFound)
	if warning != "" {
		bd.addDiags(diag.Diagnostic{File: "medkb.yaml", Severity: diag.Warning, Check: "hosting", Message: warning,
			Hint: "nothing to do unless the site is served from an S3 bucket's website endpoint; there, drop aliases no one visits any more or set up the redirects in the CDN in front of the bucket"})
	}
	for _, f := range pol.Files() {
		if !f.Published {
			bd.res.ServerFiles = append(bd.res.ServerFiles, f)
		} else if err := bd.write(f.Name, "(server configuration)", f.Data); err != nil {
			return err
		}
	}
	return nil
}
