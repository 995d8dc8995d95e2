package site

import (
	"context"
	"fmt"
	"time"

	"github.com/medkb/medkb/internal/buildcache"
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
