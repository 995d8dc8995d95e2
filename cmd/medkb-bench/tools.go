package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// tool is an external program the benchmark may run. Path is empty when the
// tool is missing; Why then says why, and the report prints it instead of a
// number.
type tool struct {
	Name    string
	Path    string
	Version string
	Why     string
}

func (t tool) ok() bool { return t.Path != "" }

// missing returns the text a table cell shows for a tool that did not run.
func (t tool) missing() string {
	if t.Why == "" {
		return "not installed"
	}
	return t.Why
}

// findMedkb uses path if given, else builds ./cmd/medkb from the current
// directory (the repository root under `make bench`) into workDir.
func findMedkb(ctx context.Context, path, workDir string) tool {
	t := tool{Name: "medkb"}
	if path == "" {
		path = filepath.Join(workDir, "bin", "medkb")
		cmd := exec.CommandContext(ctx, "go", "build", "-o", path, "./cmd/medkb")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Why = "unavailable (go build ./cmd/medkb failed: " + firstLine(string(out), err) + ")"
			return t
		}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Why = "unavailable (" + err.Error() + ")"
		return t
	}
	if _, err := os.Stat(abs); err != nil {
		t.Why = "unavailable (" + err.Error() + ")"
		return t
	}
	t.Path, t.Version = abs, version(ctx, abs, "version")
	return t
}

// findOnPath looks name up on PATH, then in the extra locations.
func findOnPath(ctx context.Context, name string, versionArgs []string, extra ...string) tool {
	t := tool{Name: name}
	path, err := exec.LookPath(name)
	for _, e := range extra {
		if err == nil {
			break
		}
		if _, statErr := os.Stat(e); statErr == nil {
			path, err = filepath.Abs(e)
		}
	}
	if err != nil {
		return t
	}
	t.Path, t.Version = path, version(ctx, path, versionArgs...)
	return t
}

func version(ctx context.Context, path string, args ...string) string {
	out, err := exec.CommandContext(ctx, path, args...).CombinedOutput()
	if err != nil {
		return "unknown version"
	}
	return firstLine(string(out), nil)
}

func firstLine(s string, err error) string {
	s = strings.TrimSpace(s)
	if line, _, _ := strings.Cut(s, "\n"); line != "" {
		return line
	}
	if err != nil {
		return err.Error()
	}
	return s
}

// findFloor builds the floor program (./cmd/medkb-bench/floor, from the
// repository root) into workDir.
func findFloor(ctx context.Context, workDir string) tool {
	t := tool{Name: "floor", Version: "goldmark (GFM) only, ./cmd/medkb-bench/floor"}
	path := filepath.Join(workDir, "bin", "floor")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", path, "./cmd/medkb-bench/floor").CombinedOutput(); err != nil {
		t.Why = "unavailable (go build ./cmd/medkb-bench/floor failed: " + firstLine(string(out), err) + ")"
		return t
	}
	t.Path = path
	return t
}

// findSearchOnly builds cmd/medkb-bench/searchonly (from the repository
// root) into workDir.
func findSearchOnly(ctx context.Context, workDir string) tool {
	t := tool{Name: "searchonly", Version: "medkb's build up to Markdown, then its search index, ./cmd/medkb-bench/searchonly"}
	path := filepath.Join(workDir, "bin", "searchonly")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", path, "./cmd/medkb-bench/searchonly").CombinedOutput(); err != nil {
		t.Why = "unavailable (go build ./cmd/medkb-bench/searchonly failed: " + firstLine(string(out), err) + ")"
		return t
	}
	t.Path = path
	return t
}

// tools are the programs found for one benchmark run. SearchOnly is built
// only for -index-only.
type tools struct {
	Medkb, Floor, Hugo, Pagefind, Node, Chromium, SearchOnly tool
}

func findTools(ctx context.Context, medkbPath, workDir string) tools {
	return tools{
		Medkb:    findMedkb(ctx, medkbPath, workDir),
		Floor:    findFloor(ctx, workDir),
		Hugo:     findOnPath(ctx, "hugo", []string{"version"}),
		Pagefind: findOnPath(ctx, "pagefind", []string{"--version"}, filepath.Join("internal", "e2e", "node_modules", ".bin", "pagefind")),
		Node:     findOnPath(ctx, "node", []string{"--version"}),
		Chromium: findChromium(ctx),
	}
}

// describe is the one-line summary of a tool for the report header.
func (t tool) describe() string {
	if !t.ok() {
		return fmt.Sprintf("%s: %s", t.Name, t.missing())
	}
	return fmt.Sprintf("%s: %s (%s)", t.Name, t.Version, t.Path)
}
