package source

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"testing"
)

// TestBodyEditTakesOnlyABodyChange: a file read, then released, then saved
// with another body comes back as a copy holding the new bytes and their
// hash, the read version untouched; a changed front matter, a removed
// file or a named pipe in its place is not a body edit.
func TestBodyEditTakesOnlyABodyChange(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	path := filepath.Join(root, "content", "a.md")
	os.MkdirAll(filepath.Dir(path), 0o755)
	write := func(s string) {
		if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("---\ntitle: A\n---\nOld body.\n")
	files, err := ReadContent(root, Options{})
	if err != nil || len(files) != 1 {
		t.Fatalf("ReadContent: %v, %d files", err, len(files))
	}
	f := files[0]
	oldHash := f.Hash
	f.Release()

	write("---\ntitle: A\n---\nNew body.\n")
	g, ok := f.BodyEdit(root)
	sum := sha256.Sum256([]byte("---\ntitle: A\n---\nNew body.\n"))
	if !ok || string(g.Data) != "---\ntitle: A\n---\nNew body.\n" || g.Hash != Sum(sum) || g.Path != f.Path {
		t.Fatalf("body edit = %+v, %v", g, ok)
	}
	if string(g.Reader(root)()) != string(g.Data) || g.MetaKey() != f.MetaKey() {
		t.Error("the edited copy does not read as its own bytes with the same front matter key")
	}
	if f.Data != nil || f.Hash != oldHash {
		t.Error("BodyEdit changed the version it was called on")
	}

	write("---\ntitle: B\n---\nNew body.\n")
	if _, ok := f.BodyEdit(root); ok {
		t.Error("a front matter change was taken for a body edit")
	}
	os.Remove(path)
	if _, ok := f.BodyEdit(root); ok {
		t.Error("a removed file was taken for a body edit")
	}
	mkfifo(t, path)
	noHang(t, func() {
		if _, ok := f.BodyEdit(root); ok {
			t.Error("a named pipe was taken for a body edit")
		}
	})
}
