package site

import (
	"context"
	"crypto/sha256"

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

// later is what fingerprintLater left to hash.
type later = buildstate.Later

// fingerprintLater is Fingerprint for a build that nothing is compared
// with (buildstate.FingerprintLater): until the returned later's Finish,
// with the hashes of what the build read (Builder.readHashes), the
// Inputs lack the Markdown files it left and their Sum is "".
func fingerprintLater(ctx context.Context, opts Options, version string) (Inputs, *later, error) {
	return buildstate.FingerprintLater(ctx, opts.Source, opts.CacheDir, buildKey(opts, version))
}

// readHashes returns the SHA-256 of each Markdown file the last build
// read, by site-relative path: what FingerprintLater left for the build
// to hash (buildstate.Later.Finish).
func (b *Builder) readHashes() map[string][sha256.Size]byte {
	out := map[string][sha256.Size]byte{}
	if b.last == nil {
		return out
	}
	for _, f := range b.last.files {
		if !f.Hash.IsZero() { // read (not listed and left unread)
			out[f.Path] = f.Hash
		}
	}
	return out
}

// buildKey is everything other than the input files that decides a
// build's output (buildstate.Key).
func buildKey(opts Options, version string) string {
	return buildstate.Key(version, opts.Drafts, opts.BaseURL, opts.Now)
}
