package site

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/medkb/medkb/internal/buildcache"
	"github.com/medkb/medkb/internal/publish"
)

// twoArticles is a site of two articles.
const twoArticles = `
-- medkb.yaml --
title: T
-- content/a.md --
---
title: A
date: 2024-01-01
---
Alpha.
-- content/b.md --
---
title: B
date: 2024-01-02
---
Beta.
-- data/authors.yaml --
{}
`

func fingerprintOf(t *testing.T, opts Options) string {
	t.Helper()
	in, err := Fingerprint(t.Context(), opts, "test")
	if err != nil {
		t.Fatal(err)
	}
	return in.Sum
}

// TestFingerprintStatCache holds the remembered hashes to the hashes of
// the files themselves: the cache never changes a fingerprint, a changed
// file changes it whether or not it was remembered, and a file edited
// around the time it was hashed is hashed again even when its size and
// time are unchanged.
func TestFingerprintStatCache(t *testing.T) {
	dir := writeSite(t, twoArticles)
	cached := Options{Source: dir, CacheDir: filepath.Join(dir, ".medkb", "cache")}
	plain := Options{Source: dir}
	old := time.Now().Add(-time.Hour)
	settle := func() {
		for _, f := range []string{"medkb.yaml", "content/a.md", "content/b.md", "data/authors.yaml"} {
			if err := os.Chtimes(filepath.Join(dir, f), old, old); err != nil {
				t.Fatal(err)
			}
		}
	}
	settle()
	want := fingerprintOf(t, plain)
	if got := fingerprintOf(t, cached); got != want {
		t.Fatalf("first cached fingerprint %s, want %s (as without a cache)", got, want)
	}
	if _, err := os.Stat(filepath.Join(cached.CacheDir, buildcache.InputsFile)); err != nil {
		t.Fatalf("no stat cache written: %v", err)
	}
	cacheFile := filepath.Join(cached.CacheDir, buildcache.InputsFile)
	before, err := os.Stat(cacheFile)
	if err != nil {
		t.Fatal(err)
	}
	if got := fingerprintOf(t, cached); got != want {
		t.Fatalf("fingerprint from the cache %s, want %s", got, want)
	}
	if after, err := os.Stat(cacheFile); err != nil || !after.ModTime().Equal(before.ModTime()) || !os.SameFile(before, after) {
		t.Errorf("an unchanged site rewrote the stat cache: %v, %v", after, err)
	}

	// An ordinary edit: new size and time.
	a := filepath.Join(dir, "content", "a.md")
	if err := os.WriteFile(a, []byte("---\ntitle: A\n---\nAlpha, edited.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	edited := fingerprintOf(t, cached)
	if edited == want || edited != fingerprintOf(t, plain) {
		t.Fatalf("after an edit: cached %s, plain %s, before %s", edited, fingerprintOf(t, plain), want)
	}

	// A racy edit: a.md was hashed just now with a recent time; rewrite it
	// with the same size and put its time back. It must be read again.
	st, err := os.Stat(a)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(a, []byte("---\ntitle: A\n---\nAlpha, EDITED.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(a, st.ModTime(), st.ModTime()); err != nil {
		t.Fatal(err)
	}
	if got := fingerprintOf(t, cached); got == edited || got != fingerprintOf(t, plain) {
		t.Fatalf("a same-size edit within the settle time was missed: %s", got)
	}

	// A settled file with unchanged stat is trusted without being read:
	// the documented limit, as in git (use build --force after restoring
	// a file's time by hand).
	settle()
	trusted := fingerprintOf(t, cached)
	b := filepath.Join(dir, "content", "b.md")
	was, err := os.ReadFile(b)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(b, bytes.Replace(was, []byte("Beta."), []byte("BETA."), 1), 0o644); err != nil { // the same size
		t.Fatal(err)
	}
	if err := os.Chtimes(b, old, old); err != nil {
		t.Fatal(err)
	}
	if got := fingerprintOf(t, cached); got != trusted {
		t.Fatalf("a settled file with unchanged stat was read again: %s, want %s", got, trusted)
	}

	// A new file and a removed file change the fingerprint.
	if err := os.WriteFile(filepath.Join(dir, "content", "c.md"), []byte("---\ntitle: C\n---\nC.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	added := fingerprintOf(t, cached)
	if added == trusted {
		t.Fatal("a new file did not change the fingerprint")
	}
	if err := os.Remove(filepath.Join(dir, "content", "c.md")); err != nil {
		t.Fatal(err)
	}
	if got := fingerprintOf(t, cached); got != trusted {
		t.Fatalf("after removing the new file: %s, want %s", got, trusted)
	}

	// A corrupt cache is ignored.
	if err := os.WriteFile(filepath.Join(cached.CacheDir, buildcache.InputsFile), []byte("junk"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, want := fingerprintOf(t, cached), fingerprintOf(t, plain); got != want {
		t.Fatalf("with a corrupt cache %s, want %s", got, want)
	}
}

// TestFingerprintCancelled is a build cancelled (SIGINT, SIGTERM) while it
// hashes its inputs: the hashing stops with the context's error.
func TestFingerprintCancelled(t *testing.T) {
	dir := writeSite(t, `
-- medkb.yaml --
title: T
-- content/a.md --
---
title: A
---
Alpha.
`)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	for _, opts := range []Options{{Source: dir}, {Source: dir, CacheDir: filepath.Join(dir, ".medkb", "cache")}} {
		if in, err := Fingerprint(ctx, opts, "test"); !errors.Is(err, context.Canceled) {
			t.Errorf("Fingerprint(%+v) with a cancelled context = %v, %v; want %v", opts, in.Sum, err, context.Canceled)
		}
	}
}

// A first build takes its Markdown files' hashes from the bytes it parses
// instead of reading them beforehand (fingerprintLater): its marker is
// still the fingerprint of every input, the next build with nothing
// changed is skipped, and a forced build does the same. A file the build
// does not read (.hidden.md, left out like every dotfile) is hashed after
// it.
func TestFirstBuildFingerprintsWhatItRead(t *testing.T) {
	dir := writeSite(t, twoArticles+`-- content/.hidden.md --
not read
`)
	old := time.Now().Add(-time.Hour)
	for _, f := range []string{"medkb.yaml", "content/a.md", "content/b.md", "content/.hidden.md", "data/authors.yaml"} {
		if err := os.Chtimes(filepath.Join(dir, f), old, old); err != nil {
			t.Fatal(err)
		}
	}
	opts := Options{Source: dir, Now: fixedNow, CacheDir: filepath.Join(dir, ".medkb", "cache")}
	in, rest, err := fingerprintLater(t.Context(), opts, "test")
	if err != nil {
		t.Fatal(err)
	}
	if rest == nil || in.Sum != "" || !slices.Equal(slices.Sorted(maps.Keys(in.Files)), []string{"data/authors.yaml", "medkb.yaml"}) {
		t.Fatalf("fingerprintLater hashed %v (left for later: %v, sum %q); want all but the three Markdown files and no sum yet", slices.Sorted(maps.Keys(in.Files)), rest != nil, in.Sum)
	}
	os.RemoveAll(opts.CacheDir)
	// What the build hands Finish: the hash of each Markdown file it read,
	// and none of a file it did not (.hidden.md is hashed by Finish).
	b := New(Options{Source: dir, Now: fixedNow})
	if _, err := b.Build(t.Context(), publish.NewMem()); err != nil {
		t.Fatal(err)
	}
	read := b.readHashes()
	for _, rel := range []string{"content/a.md", "content/b.md"} {
		data, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		if read[rel] != sha256.Sum256(data) {
			t.Errorf("the build's hash of %s = %x, want its bytes' %x", rel, read[rel], sha256.Sum256(data))
		}
	}
	if _, ok := read["content/.hidden.md"]; ok || len(read) != 2 {
		t.Errorf("the build hashed %d files, .hidden.md among them: %v; want a.md and b.md only", len(read), ok)
	}

	want := fingerprintOf(t, Options{Source: dir, Now: fixedNow}) // no cache: every file read
	for _, force := range []bool{false, true} {
		dest := filepath.Join(t.TempDir(), "public")
		opts.Dest = dest
		os.RemoveAll(opts.CacheDir)
		pub, err := Publish(t.Context(), opts, PublishOptions{Version: "test", LockWait: time.Second, Force: force})
		if err != nil || pub.Skipped || pub.StateErr != nil {
			t.Fatalf("force %v: first build: %+v, %v", force, pub, err)
		}
		if got := publish.MarkerText(dest); got != publish.Marker+" "+want+"\n" {
			t.Errorf("force %v: the first build's marker is %q, want the fingerprint %s", force, got, want)
		}
		if got := fingerprintOf(t, opts); got != want {
			t.Errorf("force %v: the fingerprint from the stat cache the build saved is %s, want %s", force, got, want)
		}
		pub, err = Publish(t.Context(), opts, PublishOptions{Version: "test", LockWait: time.Second})
		if err != nil || !pub.Skipped {
			t.Errorf("force %v: a second build with nothing changed: skipped %v, %v", force, pub != nil && pub.Skipped, err)
		}
	}
}

// A first build that fails keeps what it hashed before building (the
// stat cache), as a build always did before first builds left their
// Markdown files' hashes to the build.
func TestFailedFirstBuildKeepsItsStatCache(t *testing.T) {
	dir := writeSite(t, twoArticles+`-- content/broken.md --
---
title: [unclosed
---
Broken.
`)
	opts := Options{Source: dir, Now: fixedNow, CacheDir: filepath.Join(dir, ".medkb", "cache"), Dest: filepath.Join(t.TempDir(), "public")}
	if _, err := Publish(t.Context(), opts, PublishOptions{Version: "test", LockWait: time.Second}); !IsStage(err, StageBuild) {
		t.Fatalf("Publish of a site with broken front matter: %v, want a build error", err)
	}
	if _, err := os.Stat(filepath.Join(opts.CacheDir, buildcache.InputsFile)); err != nil {
		t.Errorf("the failed first build saved no stat cache: %v", err)
	}
}

// A build skipped because nothing changed gives back the warnings of the
// build that wrote the folder (a writer who builds twice must not take
// the second's silence for the warnings gone), and one that cannot (the
// saved state removed) is not skipped: it builds, and says them.
func TestSkippedBuildGivesBackTheLastBuildsWarnings(t *testing.T) {
	dir := writeSite(t, twoArticles)
	opts := Options{Source: dir, Now: fixedNow, CacheDir: filepath.Join(dir, ".medkb", "cache"), Dest: filepath.Join(t.TempDir(), "public")}
	po := PublishOptions{Version: "test", LockWait: time.Second}
	first, err := Publish(t.Context(), opts, po)
	if err != nil || first.Skipped {
		t.Fatalf("first build: %+v, %v", first, err)
	}
	warns := first.Result.Diagnostics.Warnings()
	if len(warns) == 0 {
		t.Fatal("the site has no warnings to give back; the test needs some")
	}
	same := func(what string, pub *Published) {
		t.Helper()
		if got := pub.Result.Diagnostics.Warnings(); !slices.Equal(got, warns) {
			t.Errorf("%s: warnings\n%v\nwant the first build's\n%v", what, got, warns)
		}
	}
	pub, err := Publish(t.Context(), opts, po)
	if err != nil || !pub.Skipped {
		t.Fatalf("a second build with nothing changed: %+v, %v; want it skipped", pub, err)
	}
	same("skipped build", pub)

	if err := os.Remove(filepath.Join(opts.CacheDir, "state.gob")); err != nil {
		t.Fatal(err)
	}
	pub, err = Publish(t.Context(), opts, po)
	if err != nil || pub.Skipped || pub.Patched {
		t.Fatalf("nothing changed, the saved state removed: skipped %v, patched %v, %v; want a full build", pub != nil && pub.Skipped, pub != nil && pub.Patched, err)
	}
	same("build without the saved state", pub)
	if pub, err = Publish(t.Context(), opts, po); err != nil || !pub.Skipped {
		t.Fatalf("nothing changed after that build: %+v, %v; want it skipped", pub, err)
	}
	same("skipped build after it", pub)
}
