package source

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestIgnored(t *testing.T) {
	t.Parallel()
	extra := []string{"*.psd", "drafts/*"}
	for rel, want := range map[string]string{
		".env":                 ".*",
		".git":                 ".*",
		"css/.DS_Store":        ".*",
		"css/site.css~":        "*~",
		"css/#site.css#":       "#*#",
		"css/site.css.swp":     "*.swp",
		"images/Thumbs.db":     "Thumbs.db",
		"desktop.ini":          "desktop.ini",
		"CVS":                  "CVS",
		"images/logo.psd":      "*.psd",
		"drafts/notes.txt":     "drafts/*",
		"css/site.css":         "",
		"images/logo.png":      "",
		"images/drafts/a.png":  "",
		"conditions/asthma.md": "",
	} {
		rule, ok := Ignored(rel, extra)
		if ok != (want != "") || rule != want {
			t.Errorf("Ignored(%q) = %q, %v; want %q", rel, rule, ok, want)
		}
	}
}

// mkfifo makes a named pipe, the file that hung builds forever in open(2).
func mkfifo(t *testing.T, p string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	makeFifo(t, p)
}

// noHang fails the test if fn does not return: a blocked open(2) would
// otherwise stall the whole suite.
func noHang(t *testing.T, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); fn() }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("blocked (a named pipe was opened for reading)")
	}
}

func TestOpenRegularRefusesNamedPipes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	pipe := filepath.Join(dir, "pipe.md")
	mkfifo(t, pipe)
	link := filepath.Join(dir, "link.md")
	if err := os.Symlink(pipe, link); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{pipe, link} {
		noHang(t, func() {
			_, err := ReadRegular(p)
			var nr *NotRegularError
			if !errors.As(err, &nr) || nr.Kind != "named pipe" {
				t.Errorf("ReadRegular(%s) = %v, want a named pipe refused", p, err)
			}
		})
	}
	regular := filepath.Join(dir, "a.md")
	os.WriteFile(regular, []byte("# A"), 0o644)
	if b, err := ReadRegular(regular); err != nil || string(b) != "# A" {
		t.Errorf("ReadRegular(regular) = %q, %v", b, err)
	}
}

// ReadRegular reads a file into a buffer of the file's size (plus room to
// see its end), not one grown by doubling: the build reads every
// Markdown file again through it.
func TestReadRegularReadsIntoABufferOfTheFilesSize(t *testing.T) {
	t.Parallel()
	want := strings.Repeat("Asthma is a common lung condition. ", 3000) // 105 KB
	p := filepath.Join(t.TempDir(), "asthma.md")
	if err := os.WriteFile(p, []byte(want), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := ReadRegular(p)
	if err != nil || string(b) != want {
		t.Fatalf("ReadRegular = %d bytes, %v; want the file's %d", len(b), err, len(want))
	}
	if c := cap(b); c > len(want)+4096 {
		t.Errorf("ReadRegular's buffer holds %d bytes for a %d-byte file; want it made for the file's size", c, len(want))
	}
}

func TestReadersSkipIgnoredAndSpecialFiles(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	write := func(rel string) {
		p := filepath.Join(root, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, rel := range []string{"static/css/site.css", "static/.env", "static/.git/config", "static/css/site.css~",
		"static/#a.css#", "static/.DS_Store", "static/Thumbs.db", "static/desktop.ini", "static/a.css.swp",
		"static/logo.psd", "static/drafts/x.png", "content/a.md", "content/a.md~", "content/.b.md", "content/c.psd.md", "data/ok.yaml",
		"content/Upper.MD", "content/a.md.bak", "content/b.markdown.orig", "content/img.png", "content/Notes.Markdown",
		"content/asthma-plan.md.pdf", "content/Jane-Smith.MD.jpg"} {
		write(rel)
	}
	mkfifo(t, filepath.Join(root, "static/pipe.css"))
	mkfifo(t, filepath.Join(root, "content/pipe.md"))
	mkfifo(t, filepath.Join(root, "data/pipe.yaml"))
	mkfifo(t, filepath.Join(root, "layouts/page.html"))
	os.Symlink(filepath.Join(root, "content/pipe.md"), filepath.Join(root, "content/link.md"))
	extra := []string{"*.psd", "drafts/*", "*.psd.md"}

	noHang(t, func() {
		static, err := ReadStatic(root, extra...)
		if err != nil {
			t.Fatal(err)
		}
		var rels []string
		for _, s := range static {
			rels = append(rels, s.Rel)
		}
		if !slices.Equal(rels, []string{"css/site.css"}) {
			t.Errorf("static files = %q, want only css/site.css", rels)
		}
		content, err := ReadContent(root, Options{Ignore: extra})
		if err != nil {
			t.Fatal(err)
		}
		if len(content) != 1 || content[0].Path != "content/a.md" {
			t.Errorf("content files = %v, want only content/a.md", content)
		}
		// Markdown in another case or with one more extension is neither
		// a page nor a file copied as it is.
		files, err := ReadContentFiles(root, extra...)
		if err != nil {
			t.Fatal(err)
		}
		var others []string
		for _, f := range files {
			others = append(others, f.Rel)
		}
		if want := []string{"Jane-Smith.MD.jpg", "asthma-plan.md.pdf", "img.png"}; !slices.Equal(others, want) {
			t.Errorf("content's other files = %q, want %q", others, want)
		}
		names, _, err := DataFiles(root)
		if err != nil || !slices.Equal(names, []string{"ok"}) {
			t.Errorf("DataFiles names = %q, %v", names, err)
		}
	})

	var got []string
	for _, d := range Skipped(root, extra) {
		got = append(got, d.File+": "+d.Message)
	}
	slices.Sort(got)
	copied := ": not built and not published: medkb builds only files ending in .md or .markdown, and never publishes Markdown source"
	want := []string{
		`content/Notes.Markdown` + copied,
		`content/Upper.MD` + copied,
		`content/a.md.bak` + copied,
		`content/b.markdown.orig` + copied,
		`content/link.md: skipped: a named pipe, not a regular file`,
		`content/pipe.md: skipped: a named pipe, not a regular file`,
		`data/pipe.yaml: skipped: a named pipe, not a regular file`,
		`layouts/page.html: skipped: a named pipe, not a regular file`,
		`static/#a.css#: not published: matches the ignore rule "#*#"`,
		`static/.DS_Store: not published: matches the ignore rule ".*"`,
		`static/.env: not published: matches the ignore rule ".*"`,
		`static/.git: not published: matches the ignore rule ".*"`,
		`static/Thumbs.db: not published: matches the ignore rule "Thumbs.db"`,
		`static/a.css.swp: not published: matches the ignore rule "*.swp"`,
		`static/css/site.css~: not published: matches the ignore rule "*~"`,
		`static/desktop.ini: not published: matches the ignore rule "desktop.ini"`,
		`static/drafts/x.png: not published: matches the ignore rule "drafts/*"`,
		`static/logo.psd: not published: matches the ignore rule "*.psd"`,
		`static/pipe.css: skipped: a named pipe, not a regular file`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("Skipped:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, d := range Skipped(root, extra) {
		if d.File == "content/Upper.MD" && d.Hint != "rename it to Upper.md to build it as a page" {
			t.Errorf("content/Upper.MD: hint %q", d.Hint)
		}
	}
}

// TestMatchIsPathMatch: the fast path of match answers as path.Match does,
// on every rule shape it takes (one "*" or none) and those it hands over.
func TestMatchIsPathMatch(t *testing.T) {
	t.Parallel()
	patterns := append(slices.Clone(DefaultIgnore), "*", "", "a*", "*a", "a*a", "drafts/*", "*/x", "a*b*c", "a?c", "[ab]*", `\*x`, "x/*/y")
	names := []string{"", "a", "aa", "aba", "abc", ".", ".env", "~", "x~", "#", "##", "#a#", "a.swp", ".swp", "Thumbs.db", "CVS", "cvs",
		"drafts/", "drafts/a", "drafts/a/b", "a/x", "a/b/x", "abbc", "*x", "x/q/y", "x/q/r/y"}
	for _, p := range patterns {
		for _, n := range names {
			want, _ := path.Match(p, n)
			if got := match(p, n); got != want {
				t.Errorf("match(%q, %q) = %v, path.Match says %v", p, n, got, want)
			}
		}
	}
}

// HashRegular and ReadRegular read with plain system calls on Unix
// (openRegularFile): the bytes, the hash and the errors must be those of
// package os.
func TestHashAndReadRegularAgreeWithOS(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, n := range []int{0, 1, 64<<10 - 1, 64 << 10, 200_001} {
		p := filepath.Join(dir, fmt.Sprintf("f%d.md", n))
		want := make([]byte, n)
		for i := range want {
			want[i] = byte(i*7 + i/251)
		}
		if err := os.WriteFile(p, want, 0o644); err != nil {
			t.Fatal(err)
		}
		if sum, err := HashRegular(p); err != nil || sum != sha256.Sum256(want) {
			t.Errorf("HashRegular(%d bytes) = %x, %v; want %x", n, sum, err, sha256.Sum256(want))
		}
		if got, err := ReadRegular(p); err != nil || !bytes.Equal(got, want) {
			t.Errorf("ReadRegular(%d bytes) = %d bytes, %v", n, len(got), err)
		}
	}
	missing := filepath.Join(dir, "missing.md")
	if _, err := ReadRegular(missing); !errors.Is(err, fs.ErrNotExist) || !os.IsNotExist(err) || !strings.Contains(err.Error(), missing) {
		t.Errorf("ReadRegular(missing) = %v, want a not-exist error naming the file", err)
	}
	if _, err := HashRegular(missing); !os.IsNotExist(err) {
		t.Errorf("HashRegular(missing) = %v, want a not-exist error", err)
	}
	var nr *NotRegularError
	if _, err := ReadRegular(dir); !errors.As(err, &nr) || nr.Path != dir {
		t.Errorf("ReadRegular(a folder) = %v, want a *NotRegularError naming it", err)
	}
	if runtime.GOOS != "windows" {
		pipe := filepath.Join(dir, "pipe.md")
		mkfifo(t, pipe)
		noHang(t, func() {
			if _, err := HashRegular(pipe); !errors.As(err, &nr) || nr.Kind != "named pipe" {
				t.Errorf("HashRegular(pipe) = %v, want a named pipe refused", err)
			}
		})
	}
}

// CountContentPaths counts the Markdown files of content/ that the
// ignore rules leave, folder rules included, among a list of the site's
// files.
func TestCountContentPaths(t *testing.T) {
	t.Parallel()
	paths := []string{
		"content/_index.md",                  // counted
		"content/conditions/asthma.md",       // counted
		"content/conditions/asthma.md~",      // not Markdown
		"content/conditions/.notes.md",       // hidden (DefaultIgnore)
		"content/.drafts/copd.md",            // in a hidden folder
		"content/old/archive/flu.md",         // in a folder extra ignores by path
		"content/old/kept.md",                // counted: only old/archive is ignored
		"content/private/gout.md",            // in a folder extra ignores by name
		"content/conditions/private/note.md", // the same name deeper
		"content/conditions/image.png",       // not Markdown
		"static/readme.md",                   // not content
		"contentious/x.md",                   // not content/
		"content/a/b/c/d.md",                 // counted, nested
		"content/conditions/gout.markdown",   // counted: built as a page (IsMarkdownInput)
	}
	if got := CountContentPaths(paths, []string{"private", "old/archive"}); got != 5 {
		t.Errorf("CountContentPaths = %d; want 5", got)
	}
	if got := CountContentPaths(paths, nil); got != 8 {
		t.Errorf("without extra rules, CountContentPaths = %d; want 8", got)
	}
	// Exactly the files the build reads as pages, less the hidden ones
	// (DefaultIgnore, the only rule left without extra ones).
	for _, p := range paths {
		if got := CountContentPaths([]string{p}, nil); (got == 1) != (IsMarkdownInput(p) && !strings.Contains(p, "/.")) {
			t.Errorf("CountContentPaths(%q) = %d; IsMarkdownInput says %v", p, got, IsMarkdownInput(p))
		}
	}
}
