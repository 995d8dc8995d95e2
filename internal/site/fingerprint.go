package site

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"maps"
	"slices"
	"time"

	"github.com/medkb/medkb/internal/buildcache"
	"github.com/medkb/medkb/internal/source"
)

// Inputs are a build's fingerprint and the hash of each input file.
type Inputs struct {
	Sum   string
	Files map[string][sha256.Size]byte // site-relative, slash-separated path → SHA-256
}

// Fingerprint hashes every input of a build — the site's files (by content,
// the folders and files of the site layout, package source), the build
// options and the medkb version — so that a build whose inputs have not
// changed since the last one can be skipped; it also returns each input
// file's hash, which a patch compares with the last build's to find what
// changed. version should change with every medkb release (the default
// theme is embedded in the binary). With opts.CacheDir set, unchanged files
// are not read again (buildcache.HashInputs). A cancelled ctx stops the
// hashing with ctx's error.
func Fingerprint(ctx context.Context, opts Options, version string) (Inputs, error) {
	files, err := buildcache.HashInputs(ctx, opts.Source, source.InputDirs(), source.InputFiles(), opts.CacheDir)
	if err != nil {
		return Inputs{}, err
	}
	h := sha256.New()
	io.WriteString(h, buildKey(opts, version))
	for _, rel := range slices.Sorted(maps.Keys(files)) {
		sum := files[rel]
		fmt.Fprintf(h, "%s\x00%x\x00", rel, sum)
	}
	return Inputs{Sum: hex.EncodeToString(h.Sum(nil)), Files: files}, nil
}

// buildKey is everything other than the input files that decides a
// build's output: the medkb version, the cache format, the options and
// the day (pages show review notices that fall due with the date — the UTC
// day, unless medkb.yaml fixes "today" — so a new day is a new build).
func buildKey(opts Options, version string) string {
	return fmt.Sprintf("medkb %s\x00%s\x00drafts=%v\x00base=%s\x00day=%s\x00", version, buildcache.Version, opts.Drafts, opts.BaseURL, buildDay(opts))
}

// buildDay is the UTC day a build with opts renders.
func buildDay(opts Options) string {
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	return now.UTC().Format(time.DateOnly)
}
