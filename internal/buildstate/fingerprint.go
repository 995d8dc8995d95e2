package buildstate

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/medkb/medkb/internal/buildcache"
	"github.com/medkb/medkb/internal/source"
)

// Inputs are a build's fingerprint and the hash of each input file.
type Inputs struct {
	Sum   string
	Files map[string][sha256.Size]byte // site-relative, slash-separated path → SHA-256
}

// Fingerprint hashes every input of a build of the site at root — its
// files, by content (the folders and files of the site layout, package
// source), and key, everything else that decides the output — so that a
// build whose inputs have not changed since the last one can be skipped;
// it also returns each input file's hash, which a patch compares with the
// last build's to find what changed. With cacheDir set, unchanged files
// are not read again (buildcache.HashInputs). A cancelled ctx stops the
// hashing with ctx's error.
func Fingerprint(ctx context.Context, root, cacheDir, key string) (Inputs, error) {
	files, err := buildcache.HashInputs(ctx, root, source.InputDirs(), source.InputFiles(), cacheDir)
	if err != nil {
		return Inputs{}, err
	}
	h := sha256.New()
	io.WriteString(h, key)
	for _, rel := range slices.Sorted(maps.Keys(files)) {
		sum := files[rel]
		fmt.Fprintf(h, "%s\x00%x\x00", rel, sum)
	}
	return Inputs{Sum: hex.EncodeToString(h.Sum(nil)), Files: files}, nil
}
