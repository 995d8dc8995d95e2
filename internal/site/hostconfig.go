package site

import "github.com/medkb/medkb/internal/hostconfig"

// writeHostConfig writes the hosts' configuration (hostconfig): the
// published files into the site, the others into Result.ServerFiles.
func (bd *build) writeHostConfig() error {
	pol, warns := hostconfig.ForSite(bd.cfg, bd.site)
	bd.addDiags(warns...)
	for _, f := range pol.Files() {
		if !f.Published {
			bd.res.ServerFiles = append(bd.res.ServerFiles, f)
		} else if err := bd.write(f.Name, "(server configuration)", f.Data); err != nil {
			return err
		}
	}
	return nil
}
