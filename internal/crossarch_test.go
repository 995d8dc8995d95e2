package layering

import (
	"bufio"
	"go/build/constraint"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// goarches are the architectures Go builds for (go tool dist list).
var goarches = map[string]bool{
	"386": true, "amd64": true, "arm": true, "arm64": true, "loong64": true,
	"mips": true, "mipsle": true, "mips64": true, "mips64le": true,
	"ppc64": true, "ppc64le": true, "riscv64": true, "s390x": true, "wasm": true,
}

// The Makefile's CROSS vets each system on one architecture only, on the
// grounds that no file of medkb's is specific to an architecture: a file
// named for one (x_arm64.go) or built for one (//go:build amd64) would be
// type-checked on one architecture of some systems only. Such a file
// fails this test until CROSS covers it and this test allows it.
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
			if arch := archOfName(d.Name()); arch != "" {
				t.Errorf("%s is named for %s: make test vets each system on one architecture only (the Makefile's CROSS); add the platforms it builds for there, or make the file architecture-neutral", p, arch)
			}
			if arch := archOfBuildLine(t, p); arch != "" {
				t.Errorf("%s builds for %s only (its //go:build line): make test vets each system on one architecture only (the Makefile's CROSS); add the platforms it builds for there, or make the file architecture-neutral", p, arch)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// archOfName returns the architecture a Go file name restricts it to, as
// go/build reads names (x_arm64.go, x_linux_arm64_test.go), or "".
func archOfName(name string) string {
	parts := strings.Split(strings.TrimSuffix(strings.TrimSuffix(name, ".go"), "_test"), "_")
	if len(parts) > 1 && goarches[parts[len(parts)-1]] {
		return parts[len(parts)-1]
	}
	return ""
}

// archOfBuildLine returns an architecture the file's //go:build line
// names, or "".
func archOfBuildLine(t *testing.T, p string) string {
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "package ") {
			return ""
		}
		if !constraint.IsGoBuild(line) {
			continue
		}
		expr, err := constraint.Parse(line)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			return ""
		}
		return archOf(expr)
	}
	return ""
}

// archOf returns an architecture tag of expr, or "".
func archOf(expr constraint.Expr) string {
	switch e := expr.(type) {
	case *constraint.TagExpr:
		if goarches[e.Tag] {
			return e.Tag
		}
	case *constraint.NotExpr:
		return archOf(e.X)
	case *constraint.AndExpr:
		return firstOf(archOf(e.X), archOf(e.Y))
	case *constraint.OrExpr:
		return firstOf(archOf(e.X), archOf(e.Y))
	}
	return ""
}

// firstOf returns a, or b when a is "".
func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
