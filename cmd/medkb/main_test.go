package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/medkb/medkb/internal/benchgen"
)

// binary is the medkb command built once by TestMain.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "medkb-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "medkb")
	out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput()
	if err != nil {
		fmt.Fprintf(os.Stderr, "building medkb: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// copyDemo copies the demo site at the repository root into a temporary
// folder, leaving out its build output and caches.
func copyDemo(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	for _, name := range []string{"medkb.yaml", "content", "data", "static", "themes"} {
		src := filepath.Join("..", "..", name)
		st, err := os.Stat(src)
		if err != nil {
			t.Fatal(err)
		}
		if !st.IsDir() {
			b, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dst, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.CopyFS(filepath.Join(dst, name), os.DirFS(src)); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// medkb runs the binary in dir and fails the test unless it exits 0.
func medkb(t *testing.T, dir string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("medkb %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// hashTree returns the SHA-256 of every file under dir.
func hashTree(t *testing.T, dir string) map[string]string {
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
		sum := sha256.Sum256(b)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// diffTrees reports how got differs from want, at most a few lines.
func diffTrees(want, got map[string]string) []string {
	var out []string
	for p, h := range want {
		switch g, ok := got[p]; {
		case !ok:
			out = append(out, "missing "+p)
		case g != h:
			out = append(out, "changed "+p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			out = append(out, "extra "+p)
		}
	}
	sort.Strings(out)
	if len(out) > 10 {
		out = append(out[:10], fmt.Sprintf("… and %d more", len(out)-10))
	}
	return out
}

// Marker is the file publish writes first into every build folder.
const Marker = ".medkb-output"

// tempFolders lists the build folders medkb works in beside dest.
func tempFolders(t *testing.T, dest string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".medkb-tmp-*"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// waitFor polls until cond holds or the process exits; it reports whether
// cond held.
func waitFor(exited <-chan struct{}, cond func() bool) bool {
	for {
		if cond() {
			return true
		}
		select {
		case <-exited:
			return cond()
		case <-time.After(5 * time.Millisecond):
		}
	}
}

func TestKilledBuildLeavesPreviousSiteIntact(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 1,500-article site several times")
	}
	demo := copyDemo(t)
	medkb(t, demo, "build", "--quiet")
	dest := filepath.Join(demo, "public")
	want := hashTree(t, dest)

	big := filepath.Join(t.TempDir(), "big")
	if _, err := benchgen.WriteMedkb(big, benchgen.Options{Articles: 1500, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	// Kill points are phase markers, never a delay: the moment a file of
	// a phase shows up in the temporary folder, the build is killed. How
	// long a phase takes on this machine does not matter.
	type point struct {
		name string
		file string // relative to the temporary folder
	}
	points := []point{
		{name: "once the temporary folder exists", file: Marker},
		{name: "while writing pages", file: "index.html"},
		{name: "while writing feeds", file: "index.xml"},
		{name: "while writing the sitemap", file: "sitemap.xml"},
	}
	for _, pt := range points {
		t.Run(pt.name, func(t *testing.T) {
			cmd := exec.Command(binary, "build", "--quiet", "--source", big, "--destination", dest)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan struct{})
			go func() { cmd.Wait(); close(exited) }()
			// The temporary folder proves the build is under way.
			reached := func() bool {
				for _, tmp := range tempFolders(t, dest) {
					if _, err := os.Stat(filepath.Join(tmp, pt.file)); err == nil {
						return true
					}
				}
				return false
			}
			if !waitFor(exited, reached) {
				t.Fatalf("the build exited before writing %s:\n%s", pt.file, stderr.Bytes())
			}
			select {
			case <-exited:
				t.Fatalf("the build finished as %s appeared; it must still be running to be killed", pt.file)
			default:
			}
			if err := cmd.Process.Kill(); err != nil { // SIGKILL: no cleanup runs
				t.Fatal(err)
			}
			<-exited
			if d := diffTrees(want, hashTree(t, dest)); len(d) > 0 {
				t.Fatalf("public/ changed after a killed build:\n%s", strings.Join(d, "\n"))
			}
		})
	}

	// The next build succeeds and sweeps away what the killed ones left.
	medkb(t, demo, "build", "--quiet")
	if d := diffTrees(want, hashTree(t, dest)); len(d) > 0 {
		t.Errorf("rebuild differs from the first build:\n%s", strings.Join(d, "\n"))
	}
	if left := tempFolders(t, dest); len(left) > 0 {
		t.Errorf("stale temporary folders left: %v", left)
	}
}

func TestConcurrentBuildsNeverInterleave(t *testing.T) {
	if testing.Short() {
		t.Skip("runs several full builds")
	}
	demo := copyDemo(t)
	ref := filepath.Join(t.TempDir(), "ref")
	medkb(t, demo, "build", "--quiet", "--destination", ref)
	want := hashTree(t, ref)

	const builds = 3
	var wg sync.WaitGroup
	outs := make([][]byte, builds)
	errs := make([]error, builds)
	for i := range builds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(binary, "build", "--quiet")
			cmd.Dir = demo
			outs[i], errs[i] = cmd.CombinedOutput()
		}()
	}
	wg.Wait()
	for i, err := range errs {
		// Waiting for the lock is expected; failing is allowed only
		// with a clear message.
		if err != nil && !strings.Contains(string(outs[i]), "another medkb build") {
			t.Errorf("build %d failed unclearly: %v\n%s", i, err, outs[i])
		}
	}
	dest := filepath.Join(demo, "public")
	if d := diffTrees(want, hashTree(t, dest)); len(d) > 0 {
		t.Errorf("public/ after concurrent builds differs from a single clean build:\n%s", strings.Join(d, "\n"))
	}
	if left := tempFolders(t, dest); len(left) > 0 {
		t.Errorf("temporary folders left: %v", left)
	}
}

func TestBuildsAreByteIdenticalAcrossDestinations(t *testing.T) {
	if testing.Short() {
		t.Skip("runs two full builds")
	}
	demo := copyDemo(t)
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	medkb(t, demo, "build", "--quiet", "--destination", a)
	// A second process, a different destination and a later clock; the
	// Markdown cache the first build left is used this time.
	medkb(t, demo, "build", "--quiet", "--destination", b)
	if d := diffTrees(hashTree(t, a), hashTree(t, b)); len(d) > 0 {
		t.Errorf("two builds of the same site differ:\n%s", strings.Join(d, "\n"))
	}
}

func TestUnsafeDestinationsAreRefused(t *testing.T) {
	demo := copyDemo(t)
	foreign := t.TempDir()
	if err := os.WriteFile(filepath.Join(foreign, "thesis.docx"), []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, dest string }{
		{"the source", demo},
		{"the source's parent", filepath.Dir(demo)},
		{"the filesystem root", "/"},
		{"a folder with someone's files", foreign},
		{"content/", filepath.Join(demo, "content")},
	} {
		dest := tc.dest
		t.Run(tc.name, func(t *testing.T) {
			before := hashTree(t, demo)
			cmd := exec.Command(binary, "build", "--quiet", "--destination", dest)
			cmd.Dir = demo
			out, err := cmd.CombinedOutput()
			if err == nil {
				t.Fatalf("build into %s succeeded, want a refusal", dest)
			}
			if !strings.Contains(string(out), "refusing") {
				t.Errorf("refusal does not say so:\n%s", out)
			}
			if d := diffTrees(before, hashTree(t, demo)); len(d) > 0 {
				t.Errorf("the site changed:\n%s", strings.Join(d, "\n"))
			}
		})
	}
	if b, err := os.ReadFile(filepath.Join(foreign, "thesis.docx")); err != nil || string(b) != "precious" {
		t.Errorf("a folder with someone's files was touched: %q, %v", b, err)
	}
}

// TestRebuildKeepsUnchangedFiles edits one article and rebuilds: files whose
// bytes did not change are the previous build's files (same inode, same
// modification time, which deploy tools and HTTP caches see), the changed
// ones are new, and the result equals a build from scratch.
func TestRebuildKeepsUnchangedFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("runs three full builds")
	}
	demo := copyDemo(t)
	dest := filepath.Join(demo, "public")
	medkb(t, demo, "build", "--quiet")
	type stamp struct {
		file fs.FileInfo // os.SameFile tells whether two stamps are one file
		mod  time.Time
	}
	stamps := func() map[string]stamp {
		out := map[string]stamp{}
		err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			fi, err := d.Info()
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(dest, p)
			out[filepath.ToSlash(rel)] = stamp{fi, fi.ModTime()}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	before, hashesBefore := stamps(), hashTree(t, dest)

	article := filepath.Join(demo, "content", "conditions", "asthma.md")
	src, err := os.ReadFile(article)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(article, append(src, []byte("\nA sentence added by TestRebuildKeepsUnchangedFiles.\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	medkb(t, demo, "build", "--quiet")
	after, hashesAfter := stamps(), hashTree(t, dest)

	kept, rewritten := 0, 0
	for rel, h := range hashesAfter {
		b, ok := before[rel]
		switch {
		case rel == Marker:
		case ok && hashesBefore[rel] == h:
			if !os.SameFile(after[rel].file, b.file) || !after[rel].mod.Equal(b.mod) {
				t.Errorf("%s is unchanged but was written again", rel)
			}
			kept++
		default:
			if ok && os.SameFile(after[rel].file, b.file) {
				t.Errorf("%s changed but kept the old file's inode", rel)
			}
			rewritten++
		}
	}
	if hashesAfter["conditions/asthma/index.html"] == hashesBefore["conditions/asthma/index.html"] {
		t.Error("the edited article's page did not change")
	}
	if kept == 0 || rewritten == 0 || rewritten > kept {
		t.Errorf("kept %d files, rewrote %d; want most kept", kept, rewritten)
	}
	// A body edit is patched in: the site equals a build from scratch but
	// for the search index, which carries the edit as a delta until the
	// next full build folds it in.
	fresh := filepath.Join(t.TempDir(), "fresh")
	medkb(t, demo, "build", "--quiet", "--force", "--destination", fresh)
	freshHashes := hashTree(t, fresh)
	if d := diffTrees(withoutIndex(freshHashes), withoutIndex(hashesAfter)); len(d) > 0 {
		t.Errorf("the rebuild differs from a build from scratch:\n%s", strings.Join(d, "\n"))
	}
	for rel := range hashesAfter {
		if strings.HasPrefix(rel, "search/delta/") {
			t.Errorf("%s: the search delta rides in the manifest", rel)
		}
	}
	manifest, err := os.ReadFile(filepath.Join(dest, "search", "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(manifest), `"delta":{`) {
		t.Error("the rebuilt manifest holds no search delta")
	}
	medkb(t, demo, "build", "--quiet", "--force")
	if d := diffTrees(freshHashes, hashTree(t, dest)); len(d) > 0 {
		t.Errorf("a full build after the patch differs from a build from scratch:\n%s", strings.Join(d, "\n"))
	}
}

// withoutIndex leaves out the search index files: the manifest, the
// search module that carries it, and the shards (not search-ui.js or the
// search page).
func withoutIndex(tree map[string]string) map[string]string {
	out := map[string]string{}
	for rel, h := range tree {
		if rest, ok := strings.CutPrefix(rel, "search/"); ok && (rest == "manifest.json" || rest == "search.js" || strings.Contains(rest, "/")) {
			continue
		}
		out[rel] = h
	}
	return out
}
