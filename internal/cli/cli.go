// Package cli is medkb's command line: it parses flags, wires the packages
// together and turns results into output and exit codes. It is the only
// package that knows about every other one; none of them know about it.
//
// Exit codes: 0 success; 1 the build or check found errors; 2 bad usage.
package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"sync"
)

// defaultVersion is Version when no -X set it.
const defaultVersion = "0.1.0-dev"

// Version is set at link time (-ldflags "-X github.com/medkb/medkb/internal/cli.Version=…").
var Version = defaultVersion

// buildVersion is the version medkb reports and fingerprints its builds
// with: Version, or, when the link did not set it (go install
// github.com/medkb/medkb/cmd/medkb@v0.3.0 sets no -X), what the go command
// stamped into the binary (versionFrom). A build whose inputs did not
// change is skipped only for the same medkb, so an upgraded medkb never
// keeps the last one's output as "nothing changed".
var buildVersion = sync.OnceValue(func() string {
	bi, ok := debug.ReadBuildInfo()
	return versionFrom(Version, bi, ok)
})

// versionFrom returns v, or when v is the default, v with the module's
// version (v0.3.0) or the source revision and whether the tree had
// changes (0.1.0-dev+1a2b3c4d5e6f-modified) from bi, when bi has one.
func versionFrom(v string, bi *debug.BuildInfo, ok bool) string {
	if v != defaultVersion || !ok || bi == nil {
		return v
	}
	if mv := bi.Main.Version; mv != "" && mv != "(devel)" {
		return v + "+" + mv
	}
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "-modified"
			}
		}
	}
	if rev == "" {
		return v
	}
	return v + "+" + rev[:min(len(rev), 12)] + modified
}

// fingerprintVersion is buildVersion as a build's fingerprint holds it
// (site.PublishOptions.Version), with the executable's Go build ID, which
// the go command derives from the binary's content. A version string does
// not tell one medkb from another: a binary built from a source archive
// or with -buildvcs=false is "0.1.0-dev" (with make, "dev"), one built
// from a tree with changes "0.1.0-dev+rev-modified" (with make,
// "rev-dirty") whatever the changes, and -X sets any version to any
// binary. Without the id, a build whose inputs did not change would
// replay the saved messages of another medkb ("nothing changed") and keep
// its output.
var fingerprintVersion = sync.OnceValue(func() string {
	return withExecutableID(buildVersion(), executableID)
})

// withExecutableID returns v with the executable's id (from id) added, or
// v alone when the id cannot be read.
func withExecutableID(v string, id func() (string, error)) string {
	s, err := id()
	if err != nil {
		return v
	}
	return v + "+exe." + s
}

// goBuildIDMark starts the Go build ID where the go command writes it as
// text near the start of a binary (Mach-O, PE; cmd/internal/buildid).
var goBuildIDMark = []byte("\xff Go build ID: \"")

// executableID identifies the running executable by content, in hex: the
// SHA-256 of its Go build ID (an ELF note, or the text near the start of
// other binaries), read without reading the binary, which is 30 to 100
// MB; failing that, the SHA-256 of the whole file (about 80 ms for 100
// MB).
func executableID() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	sum := func(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }
	if f, err := elf.Open(exe); err == nil {
		defer f.Close()
		if sec := f.Section(".note.go.buildid"); sec != nil {
			if note, err := sec.Data(); err == nil && len(note) > 16 {
				return sum(note), nil
			}
		}
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", err
	}
	defer f.Close()
	head := make([]byte, 32<<10)
	n, _ := io.ReadFull(f, head)
	if i := bytes.Index(head[:n], goBuildIDMark); i >= 0 {
		if j := bytes.IndexByte(head[i+len(goBuildIDMark):n], '"'); j > 0 {
			return sum(head[i : i+len(goBuildIDMark)+j]), nil
		}
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return "", err
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Exit codes.
const (
	ExitOK    = 0
	ExitError = 1
	ExitUsage = 2
)

// Env is what a command may touch: its streams and working directory.
type Env struct {
	Stdout, Stderr io.Writer
	Stdin          io.Reader // nil: no input (deploy --confirm then declines)
	Dir            string
	Getenv         func(string) string
}

type command struct {
	name, summary, usage string
	run                  func(ctx context.Context, env Env, args []string) int
}

func commands() []command {
	return []command{
		{"build", "build the site into public/", buildUsage, runBuild},
		{"serve", "build, serve and rebuild on every save, with live reload", serveUsage, runServe},
		{"check", "check content without writing output", checkUsage, runCheck},
		{"new", "create a site or an article", newUsage, runNew},
		{"fix", "pin feed ids into front matter (fix ids)", fixUsage, runFix},
		{"ping", "notify the WebSub hub of changed feeds", pingUsage, runPing},
		{"search", "search the site from the terminal", searchUsage, runSearch},
		{"deploy", "upload the built site to a bucket (S3, GCS, Azure, folder)", deployUsage, runDeploy},
		{"schema", "write the JSON Schema of front matter, medkb.yaml and data files", schemaUsage, runSchema},
		{"import", "convert a Hugo or Jekyll site", importUsage, runImport},
		{"version", "print the version", "Usage: medkb version\n", runVersion},
	}
}

const mainUsage = `medkb builds trustworthy medical knowledge-base websites from Markdown.

Usage:
  medkb <command> [flags]

Commands:
%s
Run 'medkb <command> --help' for a command's flags and examples.

Examples:
  medkb new site my-clinic      create a working site
  medkb serve                   write with live reload at http://127.0.0.1:1313/
  medkb check                   check review dates, sources, links and identifiers
  medkb build                   build the site into public/
`

// Main runs medkb with args (without the program name) and returns the exit code.
func Main(ctx context.Context, env Env, args []string) int {
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	var list strings.Builder
	for _, c := range commands() {
		fmt.Fprintf(&list, "  %-8s %s\n", c.name, c.summary)
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		out := env.Stdout
		code := ExitOK
		if len(args) == 0 {
			out, code = env.Stderr, ExitUsage
		}
		fmt.Fprintf(out, mainUsage, list.String())
		return code
	}
	if args[0] == "--version" || args[0] == "-v" {
		args[0] = "version"
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, env, args[1:])
		}
	}
	fmt.Fprintf(env.Stderr, "medkb: unknown command %q\n\n", args[0])
	fmt.Fprintf(env.Stderr, mainUsage, list.String())
	return ExitUsage
}

// parseFlags parses a command's flags; help prints usage and exits 0.
func parseFlags(env Env, fs *flag.FlagSet, usage string, args []string) (int, bool) {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(env.Stdout, usage)
		fs.SetOutput(env.Stdout)
		fs.PrintDefaults()
		return ExitOK, false
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "medkb: %v\n\n%s", err, usage)
		fs.SetOutput(env.Stderr)
		fs.PrintDefaults()
		return ExitUsage, false
	}
	return 0, true
}

func runVersion(_ context.Context, env Env, args []string) int {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	if code, ok := parseFlags(env, fs, "Usage: medkb version\n\nPrints the medkb version.\n", args); !ok {
		return code
	}
	fmt.Fprintln(env.Stdout, "medkb", buildVersion())
	return ExitOK
}
