package assemble

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/medkb/medkb/internal/frontmatter"
	"github.com/medkb/medkb/internal/source"
)

// TestDropReadsTheBodyAgain: a dropped parse holds neither the file's bytes
// nor the body, and its Markdown reads the body back from the site; a body
// that is not the end of the file (a copy) stays held.
func TestDropReadsTheBodyAgain(t *testing.T) {
	root := t.TempDir()
	path := filepath.Join(root, "content", "asthma.md")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("---\ntitle: Asthma\n---\nAsthma is common.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	parse := func() Parsed {
		files, err := source.ReadContent(root, source.Options{})
		if err != nil || len(files) != 1 {
			t.Fatalf("ReadContent: %v, %d files", err, len(files))
		}
		r, err := frontmatter.Parse(files[0].Path, files[0].Data)
		if err != nil {
			t.Fatal(err)
		}
		return Parsed{File: files[0], Meta: r.Meta, Body: r.Body, BodyLine: r.BodyLine}
	}

	pf := parse()
	pf.Drop(root)
	if pf.Body != nil || pf.File.Data != nil || pf.Markdown == nil {
		t.Fatalf("after Drop: body %q, file bytes %d, Markdown set %v; want none held and a reader", pf.Body, len(pf.File.Data), pf.Markdown != nil)
	}
	if got, err := pf.Markdown.Markdown(); err != nil || string(got) != "Asthma is common.\n" {
		t.Fatalf("Markdown() = %q, %v; want the body", got, err)
	}

	copied := parse()
	copied.Body = append([]byte(nil), copied.Body...)
	copied.Drop(root)
	if string(copied.Body) != "Asthma is common.\n" || copied.Markdown != nil {
		t.Fatalf("a copied body: %q, Markdown set %v; want it held", copied.Body, copied.Markdown != nil)
	}
}
