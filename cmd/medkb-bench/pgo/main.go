// Command pgo writes the CPU profile that `go build` uses to optimise
// medkb (profile-guided optimisation): cmd/medkb/default.pgo, which the go
// command applies to every build of ./cmd/medkb, `go install` included.
//
// It profiles what a build spends its time on: a full build of the
// bench's generated corpus (internal/benchgen, -articles articles, 10,000
// by default, as issue #20's targets are measured) and a full build of
// the demo site (images, code, glossary, people, several languages'
// worth of templates), each from nothing with `medkb build --cpuprofile`,
// and merges the two profiles into one.
//
//	go run ./cmd/medkb-bench/pgo [-medkb BIN] [-articles 10000] [-demo .] [-o cmd/medkb/default.pgo]
//
// `make pgo` runs it. The profile is refreshed by hand when the build's
// hot paths move (a new phase, a rewritten index writer): Go's PGO
// tolerates a stale profile (a function it no longer finds is simply not
// optimised), and every change of the file recompiles every package of
// medkb's build once, so it is not rewritten on every commit. What it
// gained when it was first made is in README's Performance section.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/google/pprof/profile"
	"github.com/medkb/medkb/internal/benchgen"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "pgo:", err)
		os.Exit(1)
	}
}

func run(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("pgo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	medkb := fs.String("medkb", "", "medkb binary to profile (default: go build ./cmd/medkb into a temporary folder)")
	articles := fs.Int("articles", 10_000, "articles in the generated corpus")
	seed := fs.Int64("seed", 1, "corpus seed")
	demo := fs.String("demo", ".", "the demo site folder (holds medkb.yaml); \"\": none")
	out := fs.String("o", filepath.Join("cmd", "medkb", "default.pgo"), "profile to write")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q (flags only: -medkb, -articles, -seed, -demo, -o)", fs.Args())
	}
	if *articles < 1 {
		return fmt.Errorf("-articles %d: the corpus needs at least one article", *articles)
	}
	work, err := os.MkdirTemp("", "medkb-pgo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)

	bin := *medkb
	if bin == "" {
		bin = filepath.Join(work, "medkb")
		if b, err := exec.Command("go", "build", "-o", bin, "./cmd/medkb").CombinedOutput(); err != nil {
			return fmt.Errorf("go build ./cmd/medkb (run from the repository root, or give -medkb): %v\n%s", err, b)
		}
	}

	corpus := filepath.Join(work, "corpus")
	if _, err := benchgen.WriteMedkb(corpus, benchgen.Options{Articles: *articles, Seed: *seed}); err != nil {
		return fmt.Errorf("generating the corpus: %w", err)
	}
	sites := []string{corpus}
	if *demo != "" {
		if _, err := os.Stat(filepath.Join(*demo, "medkb.yaml")); err != nil {
			return fmt.Errorf("-demo %s: no medkb.yaml there (run from the repository root, or give -demo \"\")", *demo)
		}
		// A copy, so the build starts from nothing (no .medkb cache) and
		// leaves the demo's own public/ and cache as they were.
		copy := filepath.Join(work, "demo")
		if err := copySite(*demo, copy); err != nil {
			return fmt.Errorf("copying the demo site: %w", err)
		}
		sites = append(sites, copy)
	}

	var profiles []*profile.Profile
	for i, site := range sites {
		file := filepath.Join(work, fmt.Sprintf("cpu-%d.prof", i))
		cmd := exec.Command(bin, "build", "--quiet", "--source", site, "--cpuprofile", file)
		if b, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("%s build --source %s: %v\n%s", bin, site, err, b)
		}
		p, err := readProfile(file)
		if err != nil {
			return err
		}
		profiles = append(profiles, p)
	}
	merged, err := profile.Merge(profiles)
	if err != nil {
		return fmt.Errorf("merging the profiles: %w", err)
	}
	var buf bytes.Buffer
	if err := merged.Write(&buf); err != nil {
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "pgo: wrote %s (%d samples from %d builds)\n", *out, len(merged.Sample), len(profiles))
	return nil
}

// siteFolders are the folders of a site medkb reads, beside medkb.yaml.
var siteFolders = []string{"content", "data", "static", "themes"}

// copySite copies src's medkb.yaml and those of its siteFolders that
// exist into dst.
func copySite(src, dst string) error {
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	b, err := os.ReadFile(filepath.Join(src, "medkb.yaml"))
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dst, "medkb.yaml"), b, 0o644); err != nil {
		return err
	}
	for _, dir := range siteFolders {
		from := filepath.Join(src, dir)
		if _, err := os.Stat(from); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err := os.CopyFS(filepath.Join(dst, dir), os.DirFS(from)); err != nil {
			return err
		}
	}
	return nil
}

func readProfile(file string) (*profile.Profile, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	p, err := profile.Parse(f)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", file, err)
	}
	return p, nil
}
