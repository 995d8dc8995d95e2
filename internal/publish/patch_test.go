package publish

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// firstBuild publishes files into dest/public with a Dir and returns dest.
func firstBuild(t *testing.T, files map[string]string) (dest, lock string) {
	t.Helper()
	root := t.TempDir()
	dest, lock = filepath.Join(root, "public"), filepath.Join(root, ".medkb", "build.lock")
	d, err := OpenDir(t.Context(), dest, lock, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	for rel, data := range files {
		if err := d.Write(rel, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.SetMarker("medkb one\n"); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	return dest, lock
}

// staged opens dest for a build and stages one patched file.
func staged(t *testing.T, dest, lock, rel, data string) (*Dir, *Patch) {
	t.Helper()
	d, err := OpenDir(t.Context(), dest, lock, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	p := d.Patch()
	if err := p.Write(rel, []byte(data)); err != nil {
		t.Fatal(err)
	}
	return d, p
}

func readOr(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return "<absent>"
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestPatchReplacesAddsAndRemovesInPlace(t *testing.T) {
	dest, lock := firstBuild(t, map[string]string{"a/index.html": "old a", "b/index.html": "old b", "search/delta/0.x.json": "old delta"})
	before, err := os.Stat(filepath.Join(dest, "b", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := OpenDir(t.Context(), dest, lock, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	p := d.Patch()
	for rel, data := range map[string]string{"a/index.html": "new a", "search/delta/0.y.json": "new delta", "new/deep/f.json": "f"} {
		if err := p.Write(rel, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Write("b/index.html", []byte("old b")); err != nil { // the same bytes: left alone
		t.Fatal(err)
	}
	if p.Written() != 3 {
		t.Errorf("staged %d files, want 3 (not the unchanged one)", p.Written())
	}
	if err := p.Remove("search/delta/0.x.json"); err != nil {
		t.Fatal(err)
	}
	if err := p.Write("../escape", nil); err == nil {
		t.Fatal("a path outside the destination was staged")
	}
	if err := p.Commit("medkb two\n"); err != nil {
		t.Fatal(err)
	}
	for rel, want := range map[string]string{"a/index.html": "new a", "b/index.html": "old b", "search/delta/0.y.json": "new delta",
		"search/delta/0.x.json": "<absent>", "new/deep/f.json": "f", Marker: "medkb two\n"} {
		if got := readOr(t, filepath.Join(dest, filepath.FromSlash(rel))); got != want {
			t.Errorf("%s = %q, want %q", rel, got, want)
		}
	}
	after, err := os.Stat(filepath.Join(dest, "b", "index.html"))
	if err != nil || !os.SameFile(before, after) {
		t.Errorf("an untouched file was rewritten")
	}
	ents, _ := os.ReadDir(filepath.Dir(dest))
	for _, e := range ents {
		if e.Name() != "public" && e.Name() != ".medkb" {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

func TestPatchAbortLeavesTheDestination(t *testing.T) {
	dest, lock := firstBuild(t, map[string]string{"a/index.html": "old a"})
	d, _ := staged(t, dest, lock, "a/index.html", "new a")
	d.Abort()
	if got := readOr(t, filepath.Join(dest, "a", "index.html")); got != "old a" {
		t.Fatalf("after Abort a/index.html = %q", got)
	}
}

// A patch killed after its journal was written is finished by the next
// OpenDir; one killed before is dropped.
func TestInterruptedPatchIsRolledForward(t *testing.T) {
	dest, lock := firstBuild(t, map[string]string{"a/index.html": "old a", "gone.json": "old"})
	d, p := staged(t, dest, lock, "a/index.html", "new a")
	p.Remove("gone.json")
	// Commit up to its commit point, then "die": the journal is written,
	// nothing applied, the lock released as a dead process's would be.
	if err := writeNew(filepath.Join(d.tmp, journalName), []byte(`{"writes":["a/index.html"],"remove":["gone.json"],"marker":"medkb two\n"}`)); err != nil {
		t.Fatal(err)
	}
	d.unlock()
	if got := readOr(t, filepath.Join(dest, "a", "index.html")); got != "old a" {
		t.Fatalf("applied before the roll-forward: %q", got)
	}
	d2, err := OpenDir(t.Context(), dest, lock, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer d2.Abort()
	for rel, want := range map[string]string{"a/index.html": "new a", "gone.json": "<absent>", Marker: "medkb two\n"} {
		if got := readOr(t, filepath.Join(dest, rel)); got != want {
			t.Errorf("after the roll-forward %s = %q, want %q", rel, got, want)
		}
	}

	// Killed before the journal: nothing happens to the destination.
	// (d2 still holds the lock: a dead process's patch may be found by a
	// build holding another one.)
	other := filepath.Join(filepath.Dir(lock), "other.lock")
	d3, _ := staged(t, dest, other, "a/index.html", "newer a")
	d3.unlock()
	d4, err := OpenDir(t.Context(), dest, other, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	d4.Abort()
	if got := readOr(t, filepath.Join(dest, "a", "index.html")); got != "new a" {
		t.Errorf("an uncommitted patch changed the destination: %q", got)
	}
}

// A symlink planted in the destination cannot carry a patched file out.
func TestPatchDoesNotFollowSymlinks(t *testing.T) {
	dest, lock := firstBuild(t, map[string]string{"a/index.html": "old a"})
	outside := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(dest, "evil")); err != nil {
		t.Fatal(err)
	}
	_, p := staged(t, dest, lock, "evil/x.html", "x")
	if err := p.Commit("medkb two\n"); err == nil {
		t.Fatal("a patch through a symlink succeeded")
	}
	if ents, _ := os.ReadDir(outside); len(ents) != 0 {
		t.Fatalf("wrote outside the destination: %v", ents)
	}
	if got := MarkerText(dest); got != IncompleteMarker {
		t.Errorf("marker after a failed patch = %q, want the incomplete marker", got)
	}
	// The next build is not blocked by the failed patch.
	d2, err := OpenDir(t.Context(), dest, lock, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	d2.Abort()
}
