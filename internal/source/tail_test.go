package source

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A page's body can be read again from its file after the build dropped
// the file's bytes, but only while the file is the version the build
// read: an edit in between is an error naming the file, never another
// body rendered silently.
func TestTailReadsTheBodyAgainWhileTheFileIsUnchanged(t *testing.T) {
	root := t.TempDir()
	const text = "---\ntitle: Asthma\n---\nAsthma is common.\n"
	path := filepath.Join(root, "content", "asthma.md")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	files, err := ReadContent(root, Options{})
	if err != nil || len(files) != 1 {
		t.Fatalf("ReadContent: %v, %d files", err, len(files))
	}
	f := files[0]
	body := f.Data[strings.Index(text, "Asthma is"):]
	if _, ok := f.Tail(root, []byte("Asthma is common.\n")); ok {
		t.Fatal("Tail accepted a body that is a copy, not the end of the file's bytes")
	}
	read, ok := f.Tail(root, body)
	if !ok {
		t.Fatal("Tail refused the end of the file's bytes")
	}
	f.Release()
	if got, err := read(); err != nil || string(got) != "Asthma is common.\n" {
		t.Fatalf("read = %q, %v; want the body", got, err)
	}
	if err := os.WriteFile(path, []byte(text+"Edited.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := read(); err == nil || !strings.Contains(err.Error(), "content/asthma.md") || !strings.Contains(err.Error(), "changed while medkb was building") {
		t.Fatalf("after an edit: read = %q, %v; want an error naming the file", got, err)
	}
	if _, ok := f.Tail(root, body); ok {
		t.Fatal("Tail of a released file")
	}
	if (*File)(nil).Reader(root) != nil {
		t.Fatal("a nil file (no source) has a reader")
	}
}
