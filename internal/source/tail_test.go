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
	tail, ok := f.Tail(root, body)
	if !ok {
		t.Fatal("Tail refused the end of the file's bytes")
	}
	hash, metaKey := f.Hash, f.MetaKey()
	f.Release()

	// A file known by its hash (a stat cache the caller checked) and never
	// read reads the same bytes under the same id.
	files, _ = ReadContent(root, Options{Deferred: true})
	g := files[0]
	g.Assume(hash, metaKey)
	if err := g.Load(root); err != nil || g.Data != nil {
		t.Fatalf("Load of an assumed file read it: %v, %d bytes", err, len(g.Data))
	}
	gtail := g.TailFrom(root, len(text)-len(body))
	if got, err := gtail.Markdown(); gtail.MarkdownID() != tail.MarkdownID() || err != nil || string(got) != "Asthma is common.\n" {
		t.Fatalf("assumed file: id %q, read %q, %v; want id %q and the body", gtail.MarkdownID(), got, err, tail.MarkdownID())
	}
	if got := g.Reader(root)(); string(got) != text || g.MetaKey() != metaKey {
		t.Fatalf("assumed file: Reader gives %q, MetaKey %q", got, g.MetaKey())
	}

	if got, err := tail.Markdown(); err != nil || string(got) != "Asthma is common.\n" {
		t.Fatalf("read = %q, %v; want the body", got, err)
	}
	if err := os.WriteFile(path, []byte(text+"Edited.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := tail.Markdown(); err == nil || !strings.Contains(err.Error(), "content/asthma.md") || !strings.Contains(err.Error(), "changed while medkb was building") {
		t.Fatalf("after an edit: read = %q, %v; want an error naming the file", got, err)
	}
	if got := g.Reader(root)(); got != nil {
		t.Fatalf("after an edit: the assumed file's reader gives %q, want nil", got)
	}
	if _, ok := f.Tail(root, body); ok {
		t.Fatal("Tail of a released file")
	}
	if (*File)(nil).Reader(root) != nil {
		t.Fatal("a nil file (no source) has a reader")
	}
}

// HeldTail hands out the held body itself once, without reading the file
// (an edit since is not seen), and reads the file again after that; drop
// lets go of a body nobody took, so the next read reads the file again.
func TestHeldTailHandsOutTheBodyOnce(t *testing.T) {
	root := t.TempDir()
	const text = "---\ntitle: Asthma\n---\nAsthma is common.\n"
	path := filepath.Join(root, "content", "asthma.md")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(s string) {
		if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	hold := func() (body []byte, read func() ([]byte, error), drop func()) {
		write(text)
		files, err := ReadContent(root, Options{})
		if err != nil || len(files) != 1 {
			t.Fatalf("ReadContent: %v, %d files", err, len(files))
		}
		f := files[0]
		body = f.Data[strings.Index(text, "Asthma is"):]
		if _, ok := f.HeldTail(root, []byte("Asthma is common.\n")); ok {
			t.Fatal("HeldTail accepted a body that is a copy, not the end of the file's bytes")
		}
		held, ok := f.HeldTail(root, body)
		if want, _ := f.Tail(root, body); !ok || held.MarkdownID() != want.MarkdownID() {
			t.Fatalf("HeldTail: ok %v; want Tail's id %q", ok, want.MarkdownID())
		}
		f.Release()
		return body, held.Markdown, held.Drop
	}

	body, read, _ := hold()
	write(text + "Edited.\n")
	got, err := read()
	if err != nil || len(got) == 0 || &got[0] != &body[0] {
		t.Fatalf("first read = %q, %v; want the held body itself, not the file read again", got, err)
	}
	if got, err := read(); err == nil || !strings.Contains(err.Error(), "changed while medkb was building") {
		t.Fatalf("second read of an edited file = %q, %v; want it read again and refused", got, err)
	}

	_, read, drop := hold()
	drop()
	write(text + "Edited.\n")
	if got, err := read(); err == nil {
		t.Fatalf("read after drop = %q; want the file read again, and an edited one refused", got)
	}
	write(text)
	if got, err := read(); err != nil || string(got) != "Asthma is common.\n" {
		t.Fatalf("read after drop of the unchanged file = %q, %v; want the body", got, err)
	}
}

// tailSink keeps the Tails TestTailIsOneObject makes from being
// optimised away.
var tailSink *Tail

// A build keeps a Tail for every page from parsing to its end, so each
// is one object, not a chain of closures and the strings they made: every
// live object is one more for each collection to find and mark.
func TestTailIsOneObject(t *testing.T) {
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
	for name, make := range map[string]func(){
		"TailFrom": func() { tailSink = f.TailFrom(root, len(text)-len(body)) },
		"HeldTail": func() { tailSink, _ = f.HeldTail(root, body) },
	} {
		if n := testing.AllocsPerRun(100, make); n != 1 {
			t.Errorf("%s: %v allocations, want 1 (the Tail)", name, n)
		}
	}
}
