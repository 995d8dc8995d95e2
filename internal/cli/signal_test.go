//go:build unix

package cli

import (
	"bufio"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/medkb/medkb/internal/benchgen"
	"github.com/medkb/medkb/internal/publish"
)

// medkbBinary builds cmd/medkb once for the signal tests (a signal must
// reach a real process, with main's signal.NotifyContext) and for
// BenchmarkColdBuildProcess (a new process's cost).
func medkbBinary(t testing.TB) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "medkb")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/medkb/medkb/cmd/medkb").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// treeSums maps every file under dir to its sha256 and mode.
func treeSums(t *testing.T, dir string) map[string]string {
	t.Helper()
	sums := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			sums[rel+"/"] = info.Mode().String()
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sums[rel] = fmt.Sprintf("%x %s", sha256.Sum256(b), info.Mode())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return sums
}

// SIGTERM and SIGINT stop a real build of a 1,000-article site wherever it
// is: the process exits, the lock is free and public/ is byte for byte the
// previous site, with no temporary folder left beside it.
func TestSignalCancelsBuildAndKeepsPreviousSite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 1,000-article site several times")
	}
	bin := medkbBinary(t)
	root := t.TempDir()
	src := filepath.Join(root, "site")
	if _, err := benchgen.WriteMedkb(src, benchgen.Options{Articles: 1000, Seed: 25}); err != nil {
		t.Fatal(err)
	}
	// The previous site: a folder medkb wrote (its marker says so), made
	// here rather than by a first build to keep the test short.
	public := filepath.Join(src, "public")
	for rel, body := range map[string]string{
		publish.Marker:                 "This folder is medkb build output; medkb replaces it on every build.\n",
		"index.html":                   "<!doctype html><title>Previous site</title>",
		"conditions/asthma/index.html": "<!doctype html><title>Asthma</title>",
	} {
		p := filepath.Join(public, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	before := treeSums(t, public)

	for _, tc := range []struct {
		phase string
		sig   syscall.Signal
	}{
		{"read", syscall.SIGTERM},
		{"markdown", syscall.SIGINT},
		{"pages", syscall.SIGTERM},
		{"search", syscall.SIGTERM},
	} {
		t.Run(tc.phase, func(t *testing.T) {
			cmd := exec.Command(bin, "build", "--source", src, "--trace")
			stderr, err := cmd.StderrPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			lines := bufio.NewScanner(stderr)
			var log []string
			marker := "medkb: phase " + tc.phase + " started"
			signalled := false
			var sent time.Time
			for lines.Scan() {
				log = append(log, lines.Text())
				if !signalled && strings.HasPrefix(lines.Text(), marker) {
					sent = time.Now()
					if err := cmd.Process.Signal(tc.sig); err != nil {
						t.Fatal(err)
					}
					signalled = true
				}
			}
			go func() { exited <- cmd.Wait() }()
			var werr error
			select {
			case werr = <-exited:
			case <-time.After(hangGuard): // a hang guard, not a speed assertion
				cmd.Process.Kill()
				t.Fatalf("the build did not stop after %v\n%s", tc.sig, strings.Join(log, "\n"))
			}
			if !signalled {
				t.Fatalf("no %q line on stderr:\n%s", marker, strings.Join(log, "\n"))
			}
			t.Logf("%v at phase %s: exited %v after %s", tc.sig, tc.phase, werr, time.Since(sent).Round(time.Millisecond))
			if werr == nil {
				t.Errorf("the build exited 0 after %v; want a failure that says the site was left unchanged", tc.sig)
			}
			if !strings.Contains(strings.Join(log, "\n"), "left unchanged") {
				t.Errorf("stderr does not say the site was left unchanged:\n%s", strings.Join(log, "\n"))
			}
			lock, err := os.OpenFile(filepath.Join(src, ".medkb", "build.lock"), os.O_RDWR, 0)
			if err != nil {
				t.Fatal(err)
			}
			if err := unix.Flock(int(lock.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
				t.Errorf("the build lock is still held: %v", err)
			}
			lock.Close()
			after := treeSums(t, public)
			if len(after) != len(before) {
				t.Errorf("public/ has %d entries, had %d", len(after), len(before))
			}
			for k, v := range before {
				if after[k] != v {
					t.Errorf("public/%s changed: %q → %q", k, v, after[k])
					break
				}
			}
			ents, _ := os.ReadDir(src)
			for _, e := range ents {
				if strings.Contains(e.Name(), ".medkb-tmp-") {
					t.Errorf("temporary folder %s left behind", e.Name())
				}
			}
		})
	}
}
