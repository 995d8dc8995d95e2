package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// inputDirs and inputFiles are everything a build reads from a site.
var (
	inputDirs  = []string{"content", "data", "static", "layouts", "i18n", "themes"}
	inputFiles = []string{"medkb.yaml"}
)

// Fingerprint hashes every input of a build — the site's files (by content),
// the build options and the medkb version — so that a build whose inputs
// have not changed since the last one can be skipped. version should change
// with every medkb release (the default theme is embedded in the binary).
func Fingerprint(opts Options, version string) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "medkb %s\x00%s\x00drafts=%v\x00base=%s\x00", version, cacheVersion, opts.Drafts, opts.BaseURL)
	var paths []string
	for _, d := range inputDirs {
		root := filepath.Join(opts.Source, d)
		err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				if os.IsNotExist(err) && p == root {
					return fs.SkipDir
				}
				return err
			}
			if e.IsDir() && (e.Name() == "node_modules" || (strings.HasPrefix(e.Name(), ".") && p != root)) {
				return fs.SkipDir
			}
			if !e.IsDir() {
				paths = append(paths, p)
			}
			return nil
		})
		if err != nil {
			return "", err
		}
	}
	for _, f := range inputFiles {
		paths = append(paths, filepath.Join(opts.Source, f))
	}
	sort.Strings(paths)
	for _, p := range paths {
		rel, _ := filepath.Rel(opts.Source, p)
		fmt.Fprintf(h, "%s\x00", filepath.ToSlash(rel))
		f, err := os.Open(p)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return "", err
		}
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return "", err
		}
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
