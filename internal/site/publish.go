package site

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/medkb/medkb/internal/buildstate"
	"github.com/medkb/medkb/internal/publish"
)

// PublishOptions say how Publish builds into a folder.
type PublishOptions struct {
	Version string // the medkb version, part of every build's fingerprint
	// Force builds the whole site even when no input changed, and never
	// patches.
	Force bool
	// LockWait bounds the wait for another build of the same site.
	LockWait time.Duration
	// Budget, when set, is called once Publish knows it has to build (not
	// for a site with nothing changed, which it leaves before), with the
	// site-relative paths of the input files the fingerprint found, and
	// returns the build's memory budget (Options.MemoryBudget), sized from
	// them (source.CountContentPaths) without walking the content folder
	// again. patch says that Publish tries a patch first (there is a last
	// build to patch and no Force): the change is then most likely an edit
	// that touches a small part of a whole build's memory, and the caller
	// may skip what it does to prepare for a whole build. A patch Publish
	// then finds it cannot apply builds everything under the same budget.
	Budget func(inputs []string, patch bool) int64
}

// Published says what Publish did.
type Published struct {
	// Result is what the build did; when Skipped, only its Diagnostics
	// are set: those of the build that wrote Dest (saved with the build
	// state), which apply to the site as it still is.
	Result  *Result
	Skipped bool // no input changed since the build that wrote Dest
	// Patched: the change was an edit to article bodies, applied by
	// rewriting a few files in place (with a StageBuild error: it does not
	// build, and nothing was written).
	Patched bool
	Reused  int // files a full build kept unchanged from the last one
	// StateErr is why the state for the next patch was not saved (the
	// next edit then builds everything); the build itself succeeded.
	StateErr error
}

// Failure stages of Publish (PublishError.Stage).
const (
	// StageBuild: the site does not build; Result.Diagnostics say why and
	// Dest was left unchanged.
	StageBuild = "build"
	// StagePatch: applying a patch in place failed midway; Dest is marked
	// so that the next build replaces all of it.
	StagePatch = "patch"
)

// PublishError is a Publish that failed at a stage the caller explains to
// the user; other errors (a lock held, an unwritable folder) come as they
// are.
type PublishError struct {
	Stage string
	Err   error
}

func (e *PublishError) Error() string { return e.Stage + ": " + e.Err.Error() }
func (e *PublishError) Unwrap() error { return e.Err }

// Publish is the protocol of `medkb build`: it builds the site of
// opts.Source into opts.Dest (default Source/public) so that the folder is
// replaced only by a build that succeeded. In order: refuse a destination
// that would overwrite the site; take the build lock; fingerprint the
// inputs (Fingerprint) and stop there when the destination's marker says
// they are the ones it was built from (and the saved state holds that
// build's diagnostics, which Published.Result then gives back); apply an edit to article bodies in
// place (Patch) when the saved state allows; otherwise build everything
// into a fresh folder (reusing unchanged files, see publish.Dir) and swap
// it in; then save the state the next Patch starts from.
func Publish(ctx context.Context, opts Options, po PublishOptions) (*Published, error) {
	if opts.Dest == "" {
		opts.Dest = filepath.Join(opts.Source, "public")
	}
	if err := publish.CheckDestination(opts.Source, opts.Dest); err != nil {
		return nil, err
	}
	dir, err := publish.OpenDir(ctx, opts.Dest, filepath.Join(opts.Source, ".medkb", "build.lock"), po.LockWait)
	if err != nil {
		return nil, err
	}
	// The destination's marker records the fingerprint of every input of
	// the build that wrote it. With no marker to compare (no earlier
	// build, or one that did not finish) or a forced build, nothing is
	// skipped or patched, and the build reads every Markdown file anyway:
	// their hashes are taken from the bytes it reads (later), not by a
	// pass of their own beforehand.
	was := publish.MarkerText(opts.Dest)
	var inputs Inputs
	var rest *later // the hashes the build takes
	if po.Force || was == "" {
		inputs, rest, err = fingerprintLater(ctx, opts, po.Version)
	} else {
		inputs, err = Fingerprint(ctx, opts, po.Version)
	}
	if err != nil {
		dir.Abort()
		return nil, err
	}
	markerOf := func(sum string) string { return publish.Marker + " " + sum + "\n" }
	marker := markerOf(inputs.Sum)
	patch := !po.Force && rest == nil // a last build to skip or patch
	if patch && was == marker {
		// Skipped only when what that build said can be said again: a
		// writer who builds twice must not take the silence of the
		// second for the warnings gone. Without its saved state (no
		// cache folder, a state that failed to save or was removed),
		// nothing can be patched either: a full build says it.
		if diags, ok := buildstate.Diags(opts.CacheDir, marker); ok {
			dir.Abort()
			return &Published{Skipped: true, Result: &Result{Diagnostics: diags}}, nil
		}
		patch = false
	}
	if po.Budget != nil {
		opts.MemoryBudget = po.Budget(rest.Paths(inputs), patch) // listed only when there is a build to size
	}
	b := New(opts)
	out := &Published{}
	if patch {
		sink := dir.Patch()
		res, ok, err := b.Patch(ctx, sink, inputs, was, po.Version)
		switch {
		case ok && err != nil:
			dir.Abort()
			return &Published{Result: res, Patched: true}, &PublishError{StageBuild, err}
		case ok:
			if err := sink.Commit(marker); err != nil {
				return &Published{Result: res}, &PublishError{StagePatch, err}
			}
			out.Result, out.Patched = res, true
		}
	}
	if !out.Patched {
		res, err := b.build(ctx, dir, inputs.Files)
		if err != nil {
			if rest != nil {
				rest.Abandon()
			}
			dir.Abort()
			return &Published{Result: res}, &PublishError{StageBuild, err}
		}
		if rest != nil {
			if err := rest.Finish(ctx, &inputs, b.readHashes()); err != nil {
				dir.Abort()
				return &Published{Result: res}, err
			}
			marker = markerOf(inputs.Sum)
		}
		if err := dir.SetMarker(marker); err != nil {
			dir.Abort()
			return nil, err
		}
		if err := dir.Commit(); err != nil {
			return nil, err
		}
		out.Result, out.Reused = res, dir.Reused()
	}
	if err := b.SaveState(marker, inputs, po.Version); err != nil {
		out.StateErr = fmt.Errorf("could not save the build state: %w", err)
	}
	return out, nil
}

// IsStage reports whether err is a PublishError of the given stage.
func IsStage(err error, stage string) bool {
	var pe *PublishError
	return errors.As(err, &pe) && pe.Stage == stage
}
