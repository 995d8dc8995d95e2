package layering

import (
	"bytes"
	"go/build"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// goarches are the architectures Go builds for (go tool dist list).
var goarches = []string{
	"386", "amd64", "arm", "arm64", "loong64", "mips", "mipsle", "mips64",
	"mips64le", "ppc64", "ppc64le", "riscv64", "s390x", "wasm",
}

// The Makefile's CROSS vets each system on one architecture only, on the
// grounds that no file of medkb's is specific to an architecture: a file
// named for one (x_arm64.go) or built for one (//go:build amd64) would be
// type-checked on one architecture of some systems only. Such a file
// fails this test until CROSS covers it and this test allows it.
//
// Whether a file builds on a platform is go/build's to say
// (Context.MatchFile reads both its name and its //go:build line), so a
// file is architecture-specific when, on one of the systems CROSS vets,
// some architecture takes it and another does not.
func TestNoFileIsArchitectureSpecific(t *testing.T) {
	for _, top := range []string{"../cmd", "../internal"} {
		err := filepath.WalkDir(top, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == "node_modules" {
				return fs.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(p, ".go") {
				return nil
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if goos, in, out := archSplit(t, p, src); in != "" {
				t.Errorf("%s builds on %s/%s but not on %s/%s (its name or //go:build line): make test vets each system on one architecture only (the Makefile's CROSS); add the platforms it builds for there, or make the file architecture-neutral", p, goos, in, goos, out)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// archSplit returns a system of CROSS and two architectures of it, one
// that builds the file p (holding src) and one that does not, or "" for
// in when every architecture treats it alike.
func archSplit(t *testing.T, p string, src []byte) (goos, in, out string) {
	for _, goos := range []string{"linux", "darwin", "windows"} {
		in, out = "", ""
		for _, arch := range goarches {
			ctxt := build.Default
			ctxt.GOOS, ctxt.GOARCH = goos, arch
			ctxt.OpenFile = func(string) (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(src)), nil }
			ok, err := ctxt.MatchFile(filepath.Dir(p), filepath.Base(p))
			if err != nil {
				t.Errorf("%s: %v", p, err)
				return "", "", ""
			}
			if ok {
				in = arch
			} else {
				out = arch
			}
		}
		if in != "" && out != "" {
			return goos, in, out
		}
	}
	return "", "", ""
}
