package site

import (
	"context"

	"github.com/medkb/medkb/internal/buildstate"
)

// Inputs are a build's fingerprint and the hash of each input file.
type Inputs = buildstate.Inputs

// Fingerprint hashes every input of a build — the site's files, the build
// options and the medkb version (buildKey) — so that a build whose inputs
// have not changed since the last one can be skipped (package
// buildstate). version should change with every medkb release (the
// default theme is embedded in the binary).
func Fingerprint(ctx context.Context, opts Options, version string) (Inputs, error) {
	return buildstate.Fingerprint(ctx, opts.Source, opts.CacheDir, buildKey(opts, version))
}

// buildKey is everything other than the input files that decides a
// build's output (buildstate.Key).
func buildKey(opts Options, version string) string {
	return buildstate.Key(version, opts.Drafts, opts.BaseURL, opts.Now)
}
