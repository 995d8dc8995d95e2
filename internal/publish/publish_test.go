package publish

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
)

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestCheckDestination(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "site")
	writeFile(t, filepath.Join(src, "content", "a.md"), "a")
	writeFile(t, filepath.Join(root, "foreign", "notes.txt"), "mine")
	writeFile(t, filepath.Join(root, "other", "content", "x.md"), "x")
	writeFile(t, filepath.Join(root, "old", Marker), "medkb")
	writeFile(t, filepath.Join(root, "old", "index.html"), "old site")
	// A site whose section is named content (the AnalyticsUnit import,
	// nhsx/AnalyticsUnit, MIT: content/content/) publishes /content/.
	writeFile(t, filepath.Join(root, "old-with-section", Marker), "medkb")
	writeFile(t, filepath.Join(root, "old-with-section", "content", "index.html"), "a section list")
	if err := os.MkdirAll(filepath.Join(root, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(src, filepath.Join(root, "link-to-site")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, dest string
		refuse     string // "" means allowed
	}{
		{"public inside the site", filepath.Join(src, "public"), ""},
		{"does not exist yet", filepath.Join(root, "new", "public"), ""},
		{"empty folder", filepath.Join(root, "empty"), ""},
		{"previous medkb output", filepath.Join(root, "old"), ""},
		{"previous medkb output with a section named content", filepath.Join(root, "old-with-section"), ""},
		{"the source itself", src, "source folder"},
		{"the source through ..", filepath.Join(src, "public", ".."), "source folder"},
		{"a link to the source", filepath.Join(root, "link-to-site"), "source folder"},
		{"an ancestor of the source", root, "contains the site"},
		{"the filesystem root", "/", "filesystem root"},
		{"a folder holding content/", filepath.Join(root, "other"), "content/"},
		{"a folder with someone's files", filepath.Join(root, "foreign"), "did not write"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckDestination(src, tc.dest)
			if tc.refuse == "" {
				if err != nil {
					t.Fatalf("CheckDestination(%s) = %v, want nil", tc.dest, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.refuse) {
				t.Fatalf("CheckDestination(%s) = %v, want a refusal mentioning %q", tc.dest, err, tc.refuse)
			}
		})
	}
}

func TestCleanPath(t *testing.T) {
	for _, ok := range []string{"index.html", "conditions/asthma/index.html", ".medkb-output", "a/...b/c"} {
		if _, err := CleanPath(ok); err != nil {
			t.Errorf("CleanPath(%q) = %v, want ok", ok, err)
		}
	}
	for _, bad := range []string{"", "/etc/passwd", "../x", "a/../../x", "a/./b", "a//b", `a\b`, `..\x`, "a/\x00", "a\x01b", "a/"} {
		if _, err := CleanPath(bad); err == nil {
			t.Errorf("CleanPath(%q) succeeded, want an error", bad)
		}
	}
}

// tree returns every file under dir with its contents.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func openDir(t *testing.T, dest string, wait time.Duration) *Dir {
	t.Helper()
	d, err := OpenDir(t.Context(), dest, filepath.Join(filepath.Dir(dest), ".lock", "build.lock"), wait)
	if err != nil {
		t.Fatalf("OpenDir: %v", err)
	}
	return d
}

func TestDirCommitSwapsAndAbortKeeps(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")

	first := openDir(t, dest, 0)
	for rel, data := range map[string]string{"index.html": "v1", "a/b/c.html": "c1"} {
		if err := first.Write(rel, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	v1 := tree(t, dest)
	if v1["index.html"] != "v1" || v1["a/b/c.html"] != "c1" || v1[Marker] == "" {
		t.Fatalf("after the first commit: %v", v1)
	}

	failed := openDir(t, dest, 0)
	if err := failed.Write("index.html", []byte("broken")); err != nil {
		t.Fatal(err)
	}
	failed.Abort()
	if got := tree(t, dest); !mapsEqual(got, v1) {
		t.Fatalf("an aborted build changed the destination: %v", got)
	}

	second := openDir(t, dest, 0)
	if err := second.Copy("index.html", strings.NewReader("v2")); err != nil {
		t.Fatal(err)
	}
	if err := second.Commit(); err != nil {
		t.Fatal(err)
	}
	v2 := tree(t, dest)
	if v2["index.html"] != "v2" || v2["a/b/c.html"] != "" {
		t.Fatalf("after the second commit: %v (stale files must go)", v2)
	}
	if files, _ := second.Stats(); files != 2 { // the marker and index.html
		t.Errorf("Stats files = %d, want 2", files)
	}
	assertNoTemp(t, root)
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func assertNoTemp(t *testing.T, parent string) {
	t.Helper()
	ents, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if strings.Contains(e.Name(), ".medkb-tmp-") {
			t.Errorf("temporary folder %s left behind", e.Name())
		}
	}
}

func TestDirRefusesPathsOutsideTheDestination(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "out", "public")
	d := openDir(t, dest, 0)
	defer d.Abort()
	before := tree(t, root)
	for _, rel := range []string{"../escape.html", "../../escape.html", "/etc/passwd", "a/../../escape", `..\escape`, "a\x00b"} {
		if err := d.Write(rel, []byte("x")); err == nil {
			t.Errorf("Write(%q) succeeded", rel)
		}
		if err := d.Copy(rel, strings.NewReader("x")); err == nil {
			t.Errorf("Copy(%q) succeeded", rel)
		}
	}
	if after := tree(t, root); !mapsEqual(after, before) {
		t.Errorf("files appeared: %v", after)
	}
}

func TestOpenDirRemovesStaleTempFolders(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	// What a build killed with SIGKILL leaves behind.
	writeFile(t, filepath.Join(root, ".public.medkb-tmp-123456", "index.html"), "half")
	writeFile(t, filepath.Join(root, ".other.medkb-tmp-1", "keep.html"), "not ours")
	d := openDir(t, dest, 0)
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, ".public.medkb-tmp-123456")); !os.IsNotExist(err) {
		t.Errorf("stale temporary folder survived: %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, ".other.medkb-tmp-1", "keep.html")); err != nil {
		t.Errorf("another destination's folder was removed: %v", err)
	}
}

func TestOpenDirSerialisesBuilds(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	first := openDir(t, dest, 0)

	// A build that will not wait fails at once, naming the lock.
	lock := filepath.Join(root, ".lock", "build.lock")
	if _, err := OpenDir(t.Context(), dest, lock, 0); err == nil || !strings.Contains(err.Error(), "another medkb build") {
		t.Fatalf("second OpenDir without waiting = %v, want a clear lock error", err)
	}

	// A build that waits gets the lock only once the first has finished.
	var (
		mu     sync.Mutex
		events []string
	)
	record := func(e string) { mu.Lock(); events = append(events, e); mu.Unlock() }
	done := make(chan *Dir)
	go func() {
		d, err := OpenDir(t.Context(), dest, lock, time.Minute)
		if err != nil {
			t.Error(err)
			done <- nil
			return
		}
		record("second locked")
		done <- d
	}()
	if err := first.Write("index.html", []byte("first")); err != nil {
		t.Fatal(err)
	}
	record("first committing")
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	second := <-done
	if second == nil {
		t.FailNow()
	}
	second.Abort()
	mu.Lock()
	defer mu.Unlock()
	if len(events) != 2 || events[0] != "first committing" {
		t.Errorf("events %v: the second build locked before the first finished", events)
	}
	if got := tree(t, dest)["index.html"]; got != "first" {
		t.Errorf("index.html = %q after an aborted second build", got)
	}
}

func TestMem(t *testing.T) {
	m := NewMem()
	for rel, data := range map[string]string{"index.html": "home", "a/b.html": "b"} {
		if err := m.Write(rel, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := m.Write("../x", []byte("x")); err == nil {
		t.Error("Mem.Write accepted ../x")
	}
	if err := m.Copy("a/c.txt", strings.NewReader("c")); err != nil {
		t.Fatal(err)
	}
	files := m.Files()
	files["index.html"] = []byte("changed")
	if string(m.Files()["index.html"]) != "home" {
		t.Error("Files returned the sink's own map")
	}
	if err := fstest.TestFS(m, "index.html", "a/b.html", "a/c.txt"); err != nil {
		t.Error(err)
	}
}

// A build renders pages into buffers it reuses once Write returns
// (Sink), so Mem keeps a copy of what it is given.
func TestMemKeepsACopyOfWhatItIsWritten(t *testing.T) {
	m := NewMem()
	buf := []byte("<p>first page</p>")
	if err := m.Write("a/index.html", buf); err != nil {
		t.Fatal(err)
	}
	copy(buf, "<p>other page</p>")
	if got := string(m.Files()["a/index.html"]); got != "<p>first page</p>" {
		t.Errorf("after the writer reused its buffer Mem holds %q, want the page it was given", got)
	}
}

// TestMemCloneIsCopyOnWrite: a chain of clones, each changed like a dev
// server's snapshot after an edit (a write, a removal), never changes the
// Mem it came from nor any earlier clone, through the flattening of the
// clones' own changes into a shared base, and each still serves as an
// fs.FS.
func TestMemCloneIsCopyOnWrite(t *testing.T) {
	t.Parallel()
	m := NewMem()
	for i := range 20 {
		m.Write(fmt.Sprintf("p%d/index.html", i), []byte("v0"))
	}
	want := map[*Mem]map[string]string{}
	snapshot := func(m *Mem) {
		files := map[string]string{}
		for k, v := range m.Files() {
			files[k] = string(v)
		}
		want[m] = files
	}
	snapshot(m)
	last := m
	for i := 1; i <= 30; i++ {
		c := last.Clone()
		c.Write(fmt.Sprintf("p%d/index.html", i%20), []byte(fmt.Sprintf("v%d", i)))
		c.Write(fmt.Sprintf("delta-%d.json", i), []byte("d"))
		c.Remove(fmt.Sprintf("delta-%d.json", i-1))
		if i%7 == 0 {
			c.Remove(fmt.Sprintf("p%d/index.html", (i+3)%20))
		}
		snapshot(c)
		last = c
	}
	for mem, files := range want {
		got := mem.Files()
		if len(got) != len(files) {
			t.Fatalf("a Mem holds %d files after later clones changed, want %d", len(got), len(files))
		}
		for k, v := range files {
			if string(got[k]) != v {
				t.Errorf("%s = %q after later clones changed, want %q", k, got[k], v)
			}
		}
	}
	if got := want[last]["p10/index.html"]; got != "v30" {
		t.Errorf("the last clone holds p10/index.html = %q, want v30", got)
	}
	if _, ok := want[last]["p11/index.html"]; ok {
		t.Error("a file removed by the last clone is still there")
	}
	if err := fstest.TestFS(last, "p10/index.html", "delta-30.json"); err != nil {
		t.Error(err)
	}
}

// fileOf returns what os.SameFile needs to tell whether two names are one
// file (the inode on Unix, the file index on Windows).
func fileOf(t *testing.T, path string) fs.FileInfo {
	t.Helper()
	fi, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi
}

// TestDirReusesUnchangedFiles holds the hard-link reuse to its promises:
// an unchanged file is the previous build's inode; a changed one, one of
// the same size, a second write of a reused name and a symlink planted in
// the old tree are written anew; the previous site is never changed
// through a shared inode, not even by a build that is then aborted.
func TestDirReusesUnchangedFiles(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	outside := filepath.Join(root, "secret.txt")
	writeFile(t, outside, "same")

	first := openDir(t, dest, 0)
	for rel, data := range map[string]string{"same.html": "unchanged", "a/b/deep.html": "deep", "size.html": "AAAA",
		"grow.html": "short", "twice.html": "once", "img/same.png": "PNG1", "img/other.png": "PNG2"} {
		if err := first.Write(rel, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	// A symlink someone left in the output, to a file holding what the
	// next build writes under that name.
	if err := os.Symlink(outside, filepath.Join(dest, "link.html")); err != nil {
		t.Fatal(err)
	}
	v1 := tree(t, dest)
	before := map[string]fs.FileInfo{}
	for _, rel := range []string{"same.html", "a/b/deep.html", "size.html", "grow.html", "twice.html", "img/same.png", "img/other.png"} {
		before[rel] = fileOf(t, filepath.Join(dest, rel))
	}

	// An aborted build that rewrote a reused name leaves the old tree as it was.
	aborted := openDir(t, dest, 0)
	for _, w := range [][2]string{{"twice.html", "once"}, {"twice.html", "overwritten"}, {"same.html", "unchanged"}} {
		if err := aborted.Write(w[0], []byte(w[1])); err != nil {
			t.Fatal(err)
		}
	}
	if got := aborted.Reused(); got != 2 {
		t.Errorf("aborted build reused %d files, want 2", got)
	}
	aborted.Abort()
	if got := tree(t, dest); !mapsEqual(got, v1) {
		t.Fatalf("an aborted build changed the previous site through a link: %v, want %v", got, v1)
	}

	second := openDir(t, dest, 0)
	for _, w := range [][2]string{{"same.html", "unchanged"}, {"a/b/deep.html", "deep"}, {"size.html", "BBBB"},
		{"grow.html", "longer now"}, {"twice.html", "once"}, {"link.html", "same"}} {
		if err := second.Write(w[0], []byte(w[1])); err != nil {
			t.Fatal(err)
		}
	}
	// Static files arrive as open files: equal ones are linked, others copied
	// from the start of the file.
	for rel, data := range map[string]string{"img/same.png": "PNG1", "img/other.png": "PNG3"} {
		src := filepath.Join(root, "src-"+filepath.Base(rel))
		writeFile(t, src, data)
		f, err := os.Open(src)
		if err != nil {
			t.Fatal(err)
		}
		err = second.Copy(rel, f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := second.SetMarker(Marker + " test\n"); err != nil {
		t.Fatal(err)
	}
	if got := second.Reused(); got != 4 {
		t.Errorf("Reused = %d, want 4 (same, deep, twice, img/same.png)", got)
	}
	// Before the swap, the old site is still whole.
	if got := tree(t, dest); !mapsEqual(got, v1) {
		t.Fatalf("the old site changed before the swap: %v", got)
	}
	if err := second.Commit(); err != nil {
		t.Fatal(err)
	}
	for rel, want := range map[string]bool{"same.html": true, "a/b/deep.html": true, "twice.html": true, "size.html": false, "grow.html": false,
		"img/same.png": true, "img/other.png": false} {
		if got := os.SameFile(fileOf(t, filepath.Join(dest, rel)), before[rel]); got != want {
			t.Errorf("%s kept its inode: %v, want %v", rel, got, want)
		}
	}
	fi, err := os.Lstat(filepath.Join(dest, "link.html"))
	if err != nil || !fi.Mode().IsRegular() {
		t.Errorf("link.html after the build: %v, %v; want a regular file", fi, err)
	}
	v2 := tree(t, dest)
	if v2["same.html"] != "unchanged" || v2["size.html"] != "BBBB" || v2["grow.html"] != "longer now" || v2["link.html"] != "same" || v2[Marker] != Marker+" test\n" ||
		v2["img/same.png"] != "PNG1" || v2["img/other.png"] != "PNG3" {
		t.Errorf("after the second build: %v", v2)
	}
	if b, _ := os.ReadFile(outside); string(b) != "same" {
		t.Errorf("the symlink's target changed: %q", b)
	}
	assertNoTemp(t, root)
}

// TestRenameSwap runs the swap Windows and filesystems without an exchange
// call use: the new site ends at dest, the old one at tmp for Commit to
// remove, and nothing is left aside.
func TestRenameSwap(t *testing.T) {
	root := t.TempDir()
	dest, tmp := filepath.Join(root, "public"), filepath.Join(root, ".public.medkb-tmp-1")
	writeFile(t, filepath.Join(dest, "index.html"), "old")
	writeFile(t, filepath.Join(tmp, "index.html"), "new")
	if err := renameSwap(tmp, dest); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, dest)["index.html"]; got != "new" {
		t.Errorf("dest index.html = %q, want new", got)
	}
	if got := tree(t, tmp)["index.html"]; got != "old" {
		t.Errorf("tmp index.html = %q, want the old site for Commit to remove", got)
	}
	if _, err := os.Lstat(oldName(dest)); !os.IsNotExist(err) {
		t.Errorf("%s left behind: %v", oldName(dest), err)
	}
}

// TestOpenDirRestoresASiteLeftAside is a rename-based swap killed between
// its two renames: the old site is aside, the destination gone. The next
// build puts the old site back before anything else, and an aborted build
// then leaves it as it was.
func TestOpenDirRestoresASiteLeftAside(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	writeFile(t, filepath.Join(oldName(dest), Marker), "medkb")
	writeFile(t, filepath.Join(oldName(dest), "index.html"), "old site")
	writeFile(t, filepath.Join(root, ".public.medkb-tmp-9", "index.html"), "new, never swapped in")
	d := openDir(t, dest, 0)
	d.Abort()
	if got := tree(t, dest); got["index.html"] != "old site" {
		t.Fatalf("after OpenDir: %v, want the old site restored", got)
	}
	if _, err := os.Lstat(oldName(dest)); !os.IsNotExist(err) {
		t.Errorf("%s survived: %v", oldName(dest), err)
	}
	assertNoTemp(t, root)

	// With a destination present, a folder left aside is stale: removed.
	writeFile(t, filepath.Join(oldName(dest), "index.html"), "older")
	openDir(t, dest, 0).Abort()
	if _, err := os.Lstat(oldName(dest)); !os.IsNotExist(err) {
		t.Errorf("stale %s survived: %v", oldName(dest), err)
	}
	if got := tree(t, dest)["index.html"]; got != "old site" {
		t.Errorf("index.html = %q, want the old site", got)
	}
}

// TestWindowsName holds the names CleanPath refuses when medkb runs on
// Windows, where they would land somewhere other than written.
func TestWindowsName(t *testing.T) {
	for _, ok := range []string{"index.html", "asthma", "con-tips", "console", "a.b.c", "nul-hypothesis.html"} {
		if err := windowsName(ok); err != nil {
			t.Errorf("windowsName(%q) = %v, want ok", ok, err)
		}
	}
	for _, bad := range []string{"a:b", "index.html:stream", "what?", "a*b", `say"hi"`, "a<b", "a|b", "trailing.", "trailing ", "CON", "con.html", "Nul", "lpt1.txt", "COM9.md"} {
		if err := windowsName(bad); err == nil {
			t.Errorf("windowsName(%q) = nil, want an error", bad)
		}
	}
}

// A web server running as another user must be able to read the site: the
// published root is 0755 like every folder inside it, or keeps the mode an
// administrator gave the previous root.
func TestPublishedRootMode(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	commit := func() {
		t.Helper()
		d := openDir(t, dest, 0)
		if err := d.Write("a/index.html", []byte("x")); err != nil {
			t.Fatal(err)
		}
		if err := d.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	mode := func(p string) fs.FileMode {
		t.Helper()
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		return st.Mode().Perm()
	}
	commit()
	if got := mode(dest); got != 0o755 {
		t.Errorf("new root mode = %v, want -rwxr-xr-x", got)
	}
	if got := mode(filepath.Join(dest, "a")); got != 0o755&^umask(t) {
		t.Errorf("folder inside mode = %v", got)
	}
	if err := os.Chmod(dest, 0o750); err != nil {
		t.Fatal(err)
	}
	commit()
	if got := mode(dest); got != 0o750 {
		t.Errorf("replacing root mode = %v, want the previous root's -rwxr-x---", got)
	}
}

// umask reads the process umask through a scratch directory.
func umask(t *testing.T) fs.FileMode {
	t.Helper()
	p := filepath.Join(t.TempDir(), "probe")
	if err := os.Mkdir(p, 0o777); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return 0o777 &^ st.Mode().Perm()
}

// TestOpenDirWaitEndsOnCancel is a build waiting for another's lock that is
// cancelled (SIGINT, SIGTERM): it returns the context's error instead of
// waiting out its two minutes.
func TestOpenDirWaitEndsOnCancel(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	first := openDir(t, dest, 0)
	defer first.Abort()

	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(100*time.Millisecond, cancel)
	d, err := OpenDir(ctx, dest, filepath.Join(root, ".lock", "build.lock"), 2*time.Minute)
	if err == nil {
		d.Abort()
		t.Fatal("OpenDir took a lock another build holds")
	}
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("OpenDir = %v, want %v", err, context.Canceled)
	}
}
