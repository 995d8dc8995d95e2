package cli

import (
	"os"
	"path/filepath"

	"github.com/medkb/medkb/internal/hostconfig"
)

// writeServerFiles writes the server configs that are not part of the site
// (nginx, Caddy, S3 website rules) to .medkb/server/ in the site folder,
// where no web server serving the built site can publish them. Each file is
// replaced atomically.
func writeServerFiles(src string, files []hostconfig.File) error {
	if len(files) == 0 {
		return nil // a patch or a skipped build leaves the last ones
	}
	dir := filepath.Join(src, filepath.FromSlash(hostconfig.PrivateDir))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		tmp, err := os.CreateTemp(dir, "."+f.Name+".*")
		if err != nil {
			return err
		}
		_, err = tmp.Write(f.Data)
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Chmod(tmp.Name(), 0o644)
		}
		if err == nil {
			err = os.Rename(tmp.Name(), filepath.Join(dir, f.Name))
		}
		if err != nil {
			os.Remove(tmp.Name())
			return err
		}
	}
	return nil
}
