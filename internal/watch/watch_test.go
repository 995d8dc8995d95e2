package watch

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// hangGuard only keeps a broken test from hanging; no assertion depends on it.
const hangGuard = 15 * time.Second

var (
	siteDirs  = []string{"content", "layouts", "themes", "static", "data"}
	siteFiles = []string{"medkb.yaml"}
)

type fixture struct {
	t    *testing.T
	root string
	w    *Watcher
	seen map[string]Op // every change delivered so far
}

// newFixture creates a site with the given files (relative path → body) and
// watches it. The themes directory does not exist unless a file creates it.
func newFixture(t *testing.T, debounce time.Duration, files map[string]string) *fixture {
	t.Helper()
	f := &fixture{t: t, root: t.TempDir(), seen: map[string]Op{}}
	for _, d := range []string{"content", "layouts", "static", "data"} {
		f.mkdir(d)
	}
	for p, body := range files {
		f.write(p, body)
	}
	w, err := New(f.root, siteDirs, siteFiles, debounce)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := w.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	f.w = w
	return f
}

func (f *fixture) abs(rel string) string { return filepath.Join(f.root, filepath.FromSlash(rel)) }

func (f *fixture) mkdir(rel string) {
	f.t.Helper()
	if err := os.MkdirAll(f.abs(rel), 0o755); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) write(rel, body string) {
	f.t.Helper()
	f.mkdir(filepath.Dir(rel))
	if err := os.WriteFile(f.abs(rel), []byte(body), 0o644); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) rename(from, to string) {
	f.t.Helper()
	if err := os.Rename(f.abs(from), f.abs(to)); err != nil {
		f.t.Fatal(err)
	}
}

// atomicSave saves like Vim, VS Code and most Go tools do: write a temp file
// next to the target, then rename it over the target.
func (f *fixture) atomicSave(rel, body string) {
	f.t.Helper()
	f.write(rel+".tmp", body)
	f.rename(rel+".tmp", rel)
}

// waitFor receives batches until one contains path with an operation in op,
// recording everything delivered on the way. Because fsnotify delivers
// events in order, anything done before the action that produced path has
// been delivered too once waitFor returns: the absence of a path in f.seen
// is then meaningful.
func (f *fixture) waitFor(path string, op Op) {
	f.t.Helper()
	timeout := time.After(hangGuard)
	for {
		select {
		case batch, ok := <-f.w.Batches():
			if !ok {
				f.t.Fatalf("Batches closed while waiting for %s %s", op, path)
			}
			found := false
			for _, c := range batch {
				f.seen[c.Path] |= c.Op
				found = found || (c.Path == path && c.Op.Has(op))
			}
			if found {
				return
			}
		case err := <-f.w.Errors():
			f.t.Fatalf("watch error: %v", err)
		case <-timeout:
			f.t.Fatalf("no %s of %s reported; seen %v", op, path, f.seen)
		}
	}
}

func (f *fixture) wantSeen(path string, op Op) {
	f.t.Helper()
	if !f.seen[path].Has(op) {
		f.t.Errorf("%s: got %s, want it to include %s (seen %v)", path, f.seen[path], op, f.seen)
	}
}

func (f *fixture) wantUnseen(paths ...string) {
	f.t.Helper()
	for _, p := range paths {
		if op, ok := f.seen[p]; ok {
			f.t.Errorf("%s reported (%s), want it ignored", p, op)
		}
	}
}

func TestReportsChanges(t *testing.T) {
	initial := map[string]string{
		"content/a.md":              "# A",
		"content/sub/b.md":          "# B",
		"content/sub/deep/c.md":     "# C",
		"medkb.yaml":                "title: x",
		"themes/default/layout.tpl": "x",
	}
	tests := []struct {
		name   string
		act    func(f *fixture)
		wait   Change        // the change that ends the test's waiting
		want   map[string]Op // each path must include the given operations
		absent []string
	}{{
		name: "create file",
		act:  func(f *fixture) { f.write("content/new.md", "# New") },
		wait: Change{"content/new.md", Create},
	}, {
		name: "write file",
		act:  func(f *fixture) { f.write("content/a.md", "# A2") },
		wait: Change{"content/a.md", Write},
	}, {
		name:   "atomic save reports the target only",
		act:    func(f *fixture) { f.atomicSave("content/a.md", "# A3") },
		wait:   Change{"content/a.md", Create},
		absent: []string{"content/a.md.tmp"},
	}, {
		name: "delete file",
		act: func(f *fixture) {
			if err := os.Remove(f.abs("content/a.md")); err != nil {
				f.t.Fatal(err)
			}
		},
		wait: Change{"content/a.md", Remove},
	}, {
		name: "delete folder",
		act: func(f *fixture) {
			if err := os.RemoveAll(f.abs("content/sub")); err != nil {
				f.t.Fatal(err)
			}
		},
		wait: Change{"content/sub", Remove},
		want: map[string]Op{"content/sub/b.md": Remove, "content/sub/deep/c.md": Remove},
	}, {
		name: "rename folder",
		act:  func(f *fixture) { f.rename("content/sub", "content/moved") },
		wait: Change{"content/moved", Create},
		want: map[string]Op{"content/sub": Rename, "content/moved/b.md": Create, "content/moved/deep/c.md": Create},
	}, {
		name: "write config file",
		act:  func(f *fixture) { f.write("medkb.yaml", "title: y") },
		wait: Change{"medkb.yaml", Write},
	}, {
		name:   "atomic save of config file",
		act:    func(f *fixture) { f.atomicSave("medkb.yaml", "title: z") },
		wait:   Change{"medkb.yaml", Create},
		absent: []string{"medkb.yaml.tmp"},
	}, {
		name: "write in theme",
		act:  func(f *fixture) { f.write("themes/default/layout.tpl", "y") },
		wait: Change{"themes/default/layout.tpl", Write},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, 0, initial)
			tt.act(f)
			f.waitFor(tt.wait.Path, tt.wait.Op)
			for p, op := range tt.want {
				f.wantSeen(p, op)
			}
			f.wantUnseen(tt.absent...)
		})
	}
}

func TestWatchesFoldersCreatedLater(t *testing.T) {
	f := newFixture(t, 0, nil)

	// Created together with its folders, before any watch on them can exist:
	// found by walking the new folder.
	f.write("content/new/deep/first.md", "# 1")
	f.waitFor("content/new/deep/first.md", Create)
	// Created afterwards: proves the new folders are watched.
	f.write("content/new/deep/second.md", "# 2")
	f.waitFor("content/new/deep/second.md", Create)

	// A watched top-level directory that did not exist when watching began.
	f.write("themes/default/static/css/site.css", "a{}")
	f.waitFor("themes/default/static/css/site.css", Create)
	f.write("themes/default/static/css/site.css", "b{}")
	f.waitFor("themes/default/static/css/site.css", Write)
}

func TestRenamedFolderReportsUnderItsNewPath(t *testing.T) {
	f := newFixture(t, 0, map[string]string{"content/sub/deep/a.md": "# A"})
	f.rename("content/sub", "content/moved")
	f.waitFor("content/moved", Create)

	f.write("content/moved/deep/b.md", "# B")
	f.waitFor("content/moved/deep/b.md", Create)
	f.wantUnseen("content/sub/deep/b.md")

	// The old path must not be watched any more: a new folder of that name
	// is reported as new, and writes in it appear under its own path.
	f.write("content/sub/again.md", "# again")
	f.waitFor("content/sub/again.md", Create)
}

func TestIgnoresScratchFilesAndForeignPaths(t *testing.T) {
	f := newFixture(t, 0, map[string]string{"content/a.md": "# A"})
	ignoredPaths := []string{
		"content/a.md~",
		"content/.#a.md",
		"content/.a.md.swp",
		"content/.a.md.swx",
		"content/4913",
		"content/.DS_Store",
		"content/draft.tmp",
		"content/a.md___jb_tmp___",
		"content/.git/HEAD",
		"content/node_modules/x.js",
		"static/.medkb/cache",
		"README.md",         // top-level file that is not watched
		"public/index.html", // output directory
		"other/x.md",        // top-level directory that is not watched
	}
	for _, p := range ignoredPaths {
		f.write(p, "x")
	}
	f.write("content/sentinel.md", "done")
	f.waitFor("content/sentinel.md", Create)
	f.wantUnseen(ignoredPaths...)
	f.wantUnseen("content/.git", "content/node_modules", "static/.medkb", "public", "other")
}

func TestIgnoresChmodOnly(t *testing.T) {
	f := newFixture(t, 0, map[string]string{"content/a.md": "# A"})
	if err := os.Chmod(f.abs("content/a.md"), 0o600); err != nil {
		t.Fatal(err)
	}
	f.write("content/sentinel.md", "done")
	f.waitFor("content/sentinel.md", Create)
	f.wantUnseen("content/a.md")
}

func TestDebounceMergesABurstIntoOneBatch(t *testing.T) {
	// The window is far longer than the burst takes, so the burst cannot be
	// split; the test waits for nothing but the batch itself.
	f := newFixture(t, 500*time.Millisecond, nil)
	const n = 30
	for i := range n {
		f.write(fmt.Sprintf("content/p%02d.md", i), "x")
	}
	f.write("content/p00.md", "again") // the same path twice in the burst
	select {
	case batch := <-f.w.Batches():
		if len(batch) != n {
			t.Fatalf("first batch has %d changes, want %d: %v", len(batch), n, batch)
		}
		for i, c := range batch {
			if want := fmt.Sprintf("content/p%02d.md", i); c.Path != want {
				t.Errorf("batch[%d] = %s, want %s (sorted, deduplicated)", i, c.Path, want)
			}
		}
		if op := batch[0].Op; !op.Has(Create) || !op.Has(Write) {
			t.Errorf("content/p00.md: got %s, want CREATE|WRITE", op)
		}
	case <-time.After(hangGuard):
		t.Fatal("no batch")
	}
}

func TestCloseClosesChannels(t *testing.T) {
	f := newFixture(t, 0, nil)
	f.write("content/a.md", "x") // pending work must not block Close
	if err := f.w.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := f.w.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	for range f.w.Batches() {
	}
	for range f.w.Errors() {
	}
}

func TestNewRejectsInvalidArguments(t *testing.T) {
	root := t.TempDir()
	file := filepath.Join(root, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		root  string
		dirs  []string
		files []string
	}{
		{"missing root", filepath.Join(root, "missing"), siteDirs, siteFiles},
		{"root is a file", file, siteDirs, siteFiles},
		{"nested dir", root, []string{"content/x"}, nil},
		{"parent dir", root, []string{".."}, nil},
		{"empty file name", root, nil, []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := New(tt.root, tt.dirs, tt.files, 0)
			if err == nil {
				w.Close()
				t.Fatal("New succeeded, want an error")
			}
		})
	}
}
