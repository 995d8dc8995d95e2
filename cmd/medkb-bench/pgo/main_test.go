package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestWritesAProfileOfBothBuilds runs the command on a small corpus and the
// demo site with a real medkb binary, and reads back what it wrote: a CPU
// profile whose samples are in medkb's own code, merged from two builds.
func TestWritesAProfileOfBothBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds medkb and two sites")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "medkb")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/medkb/medkb/cmd/medkb").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out := filepath.Join(dir, "default.pgo")
	var stderr bytes.Buffer
	if err := run([]string{"-medkb", bin, "-articles", "40", "-demo", filepath.Join("..", "..", ".."), "-o", out}, &stderr); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "from 2 builds") {
		t.Errorf("stderr = %q, want the two builds (corpus and demo) named", stderr.String())
	}
	p, err := readProfile(out)
	if err != nil {
		t.Fatal(err)
	}
	var cpu bool
	for _, st := range p.SampleType {
		cpu = cpu || st.Type == "cpu" && st.Unit == "nanoseconds"
	}
	if !cpu {
		t.Fatalf("sample types %v: not a CPU profile", p.SampleType)
	}
	var ours int
	for _, s := range p.Sample {
		for _, loc := range s.Location {
			for _, l := range loc.Line {
				if l.Function != nil && strings.HasPrefix(l.Function.Name, "github.com/medkb/medkb/internal/") {
					ours++
				}
			}
		}
	}
	if ours == 0 {
		t.Errorf("%d samples, none in medkb's internal packages", len(p.Sample))
	}
	// The demo site was built from a copy: its own public/ is not touched.
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Errorf("a public/ appeared in the test's folder")
	}
}

func TestRefusesArguments(t *testing.T) {
	var stderr bytes.Buffer
	if err := run([]string{"-articles", "0"}, &stderr); err == nil || !strings.Contains(err.Error(), "at least one article") {
		t.Errorf("-articles 0: err = %v", err)
	}
	if err := run([]string{"extra"}, &stderr); err == nil || !strings.Contains(err.Error(), "unexpected arguments") {
		t.Errorf("an argument: err = %v", err)
	}
}
