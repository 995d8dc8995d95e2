package site

import (
	"fmt"
	"slices"

	"github.com/medkb/medkb/internal/diag"
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
	if _, err := pol.S3Website(); err != nil {
		// More aliases than S3's website configuration takes as routing
		// rules: the file still holds the first ones, and every alias has
		// its redirect page, but the writer should know.
		const rules = 50
		bd.addDiags(diag.Diagnostic{File: "medkb.yaml", Severity: diag.Warning, Check: "hosting",
			Message: fmt.Sprintf("the site has %d aliases, more than the %d routing rules S3 website hosting takes (s3-website.json): the first %d redirect with a 301, the other %d through their redirect pages",
				len(pol.Redirects), rules, rules, len(pol.Redirects)-rules),
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
