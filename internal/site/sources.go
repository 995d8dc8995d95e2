package site

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"

	"github.com/medkb/medkb/internal/phase"
	"github.com/medkb/medkb/internal/source"
)

// release drops every content file's bytes and every page's Markdown once
// the bodies are rendered: they are among the largest things a build holds
// after the rendered pages, and nothing after rendering needs them whole.
// It keeps the key of each file's front matter (metaKeys), for the patch
// state and the dev server's body-edit test; the checks read a file again
// when they need it (checkSource). A command-line patch and the terminal
// search stop before it, with their files whole.
func (bd *build) release() error {
	keys := make([]string, len(bd.files))
	if err := phase.Parallel(bd.ctx, len(bd.files), func(i int) error {
		keys[i] = source.FrontMatterKey(bd.files[i].Data)
		return nil
	}); err != nil {
		return err
	}
	bd.metaKeys = make(map[string]string, len(bd.files))
	for i, f := range bd.files {
		bd.metaKeys[f.Hash] = keys[i]
		f.Data = nil
	}
	for i := range bd.parsed {
		bd.parsed[i].Body = nil
	}
	for _, ls := range bd.site.Langs {
		for _, p := range ls.Pages {
			p.Body = nil
		}
		for _, p := range ls.Drafts {
			p.Body = nil
		}
	}
	return nil
}

// metaKey returns source.FrontMatterKey of f: kept by release (by the
// file's hash, so an edited file never meets its old key), or made from
// f's bytes when the build still holds them.
func (bd *build) metaKey(f *source.File) string {
	if k, ok := bd.metaKeys[f.Hash]; ok {
		return k
	}
	return source.FrontMatterKey(f.Data)
}

// checkSource returns what reads f for the checks (check.Page.Source):
// its bytes while the build holds them; once released, the file read
// again from disk, and only while it is still the one the build read
// (else nil, which the checks report).
func (bd *build) checkSource(f *source.File) func() []byte {
	if f == nil {
		return nil
	}
	if data := f.Data; data != nil {
		return func() []byte { return data }
	}
	path, hash := filepath.Join(bd.b.opts.Source, filepath.FromSlash(f.Path)), f.Hash
	return func() []byte {
		data, err := source.ReadRegular(path)
		if err != nil {
			return nil
		}
		if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != hash {
			return nil
		}
		return data
	}
}
