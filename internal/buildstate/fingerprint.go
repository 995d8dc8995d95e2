package buildstate

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
	"github.com/medkb/medkb/internal/imaging"
	"github.com/medkb/medkb/internal/source"
)

// Inputs are a build's fingerprint and the hash of each input file.
type Inputs struct {
	Sum   string
	Files map[string][sha256.Size]byte // site-relative, slash-separated path → SHA-256
}

// Key is everything other than the input files that decides a build's
// output: the medkb version, the formats and rules of the caches
// (buildcache.Versions: the Markdown cache's, the front matter cache's
// and the identifier scanner's, each of which changes with what medkb
// makes of a file even when the medkb version string does not) and the
// image rules' (imaging.Version: the resized copies and their formats), the
// options and the day (pages show review notices that fall due with the
// date — the UTC day of now, or of the clock when now is zero, unless
// medkb.yaml fixes "today" — so a new day is a new build).
func Key(version string, drafts bool, baseURL string, now time.Time) string {
	if now.IsZero() {
		now = time.Now()
	}
	return fmt.Sprintf("medkb %s\x00%s %s\x00drafts=%v\x00base=%s\x00day=%s\x00", version, buildcache.Versions(), imaging.Version, drafts, baseURL, now.UTC().Format(time.DateOnly))
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
	return Inputs{Sum: sum(key, files), Files: files}, nil
}

// FingerprintLater is Fingerprint for a build that reads every Markdown
// file of content/ and has no earlier build to compare the fingerprint
// with (a first build, or a forced one): the Markdown files whose stat
// the cache does not vouch for are not read beforehand
// (buildcache.HashInputsLater). Until the returned Later's Finish, the
// Inputs lack them and their Sum is "".
func FingerprintLater(ctx context.Context, root, cacheDir, key string) (Inputs, *Later, error) {
	files, p, err := buildcache.HashInputsLater(ctx, root, source.InputDirs(), source.InputFiles(), cacheDir, source.IsMarkdownInput)
	if err != nil {
		return Inputs{}, nil, err
	}
	if p == nil {
		return Inputs{Sum: sum(key, files), Files: files}, nil, nil
	}
	return Inputs{Files: files}, &Later{key: key, p: p}, nil
}

// Later is what FingerprintLater left to do.
type Later struct {
	key string
	p   *buildcache.Pending
}

// Finish completes in, which FingerprintLater returned, with the hashes
// of the files left (read: the SHA-256 of the bytes the build read, by
// site-relative path; one it lacks is hashed now) and its Sum.
func (l *Later) Finish(ctx context.Context, in *Inputs, read map[string][sha256.Size]byte) error {
	if err := l.p.Finish(ctx, read); err != nil {
		return err
	}
	in.Sum = sum(l.key, in.Files)
	return nil
}

// Paths returns the site-relative paths of every input file found: in's
// (FingerprintLater's Inputs) and, with l not nil, those l has yet to
// hash.
func (l *Later) Paths(in Inputs) []string {
	paths := slices.Collect(maps.Keys(in.Files))
	if l != nil {
		paths = append(paths, l.p.Paths()...)
	}
	return paths
}

// Abandon saves what was hashed before the build, for a build that
// failed: Finish will not be called (buildcache.Pending.Abandon).
func (l *Later) Abandon() { l.p.Abandon() }

// sum is the fingerprint of key and the files' hashes.
func sum(key string, files map[string][sha256.Size]byte) string {
	h := sha256.New()
	io.WriteString(h, key)
	var line []byte
	for _, rel := range slices.Sorted(maps.Keys(files)) {
		sum := files[rel]
		line = append(append(line[:0], rel...), 0) // the bytes fmt's "%s\x00%x\x00" wrote, without fmt
		line = append(hex.AppendEncode(line, sum[:]), 0)
		h.Write(line)
	}
	return hex.EncodeToString(h.Sum(nil))
}
