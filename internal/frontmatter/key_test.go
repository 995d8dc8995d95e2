package frontmatter

import (
	"reflect"
	"testing"

	"github.com/medkb/medkb/internal/source"
)

// FuzzBodyEditKeepsTheFrontMatter holds source.FrontMatterKey to what
// Parse reads: two versions of a file with the same key (the second is
// the first cut anywhere and given another ending) parse to the same
// front matter, second block, body line and front matter error. Serve's
// rebuild and the build's patch keep the last build's front matter
// diagnostics for such an edit (a body edit), so a key that left out
// something Parse reads would keep stale ones. Files Validate refuses
// (invalid UTF-8, a NUL byte, anywhere in the file) are left out: no
// build takes a body edit of them.
func FuzzBodyEditKeepsTheFrontMatter(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: A\n---\nBody.\n",
		"---\r\ntitle: A\r\nsummary: S\r\n---\r\nBody.\r\n",
		"\xef\xbb\xbf\n \r\n--- \t\r\ntitle: A\r\n...\r\nB\r\n",
		"\xef\xbb\xbf+++\r\ntitle = \"A\"\r\n+++\r\n\r\n+++\r\nsummary = \"S\"\r\n+++\r\nB\r\n",
		"---\ntitle: A\n---\n\n---\nsummary: S\ntags: [a]\n---\n\nB\n",
		"---\rtitle: A\r---\rB\r",
		"---\ntitle: A\n---\n---\n{summary: S, tags: [a]}\n---\nB\n",
		"---\ntitle: A\n---\n+++\nsummary = \"S\"\nand prose\n+++\nB\n",
		"+++\ntitle = \"A\"\n+++\n+++\n\nsummary = \"\"\"\n\n\"\"\"\n+++\nB\n",
		"Just text.\n",
	} {
		f.Add([]byte(s), len(s)-2, []byte("Other.\r\n"))
	}
	f.Fuzz(func(t *testing.T, a []byte, cut int, tail []byte) {
		if cut < 0 || cut > len(a) {
			return
		}
		b := append(append([]byte{}, a[:cut]...), tail...)
		if source.FrontMatterKey(a) != source.FrontMatterKey(b) {
			return // a front matter edit: everything is read again
		}
		if Validate("f.md", Normalize(a)) != nil || Validate("f.md", Normalize(b)) != nil {
			return
		}
		ra, errA := Parse("content/f.md", a)
		rb, errB := Parse("content/f.md", b)
		if (errA == nil) != (errB == nil) || errA != nil && errA.Error() != errB.Error() {
			t.Fatalf("same key, different errors:\n%q: %v\n%q: %v", a, errA, b, errB)
		}
		if !reflect.DeepEqual(ra.Meta, rb.Meta) || ra.BodyLine != rb.BodyLine {
			t.Fatalf("same key, different front matter:\n%q: %+v (body line %d)\n%q: %+v (body line %d)", a, ra.Meta, ra.BodyLine, b, rb.Meta, rb.BodyLine)
		}
	})
}
