package site

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"testing"
)

// TestShortMemoryRunsOutputsOneByOneToTheSameSite: a build under a soft
// memory limit (medkb build sets its budget as one) whose live heap, as
// its outputs start, is past 40 % of its memory budget runs the search
// index and the pages one after the other (build.short), and writes byte
// for byte the site the outputs side by side write; without a limit
// (medkb serve) the same build runs them side by side.
func TestShortMemoryRunsOutputsOneByOneToTheSameSite(t *testing.T) {
	src, _ := generatedSite(t, 40, 3)
	before := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(before) })
	cfgPath := filepath.Join(src, "medkb.yaml")
	base, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	build := func(extra string) (map[string][]byte, bool) {
		t.Helper()
		if err := os.WriteFile(cfgPath, append(slices.Clip(base), extra...), 0o644); err != nil {
			t.Fatal(err)
		}
		files, res := buildMem(t, New(Options{Source: src, Now: fixedNow}))
		for _, p := range res.Phases {
			if p.Name == "outputs" {
				return files, p.OneByOne
			}
		}
		t.Fatal("no outputs phase in the build's timings")
		return nil, false
	}
	// The same postings budget both times: only the order differs. A
	// limit far above the ballast below, so that only the budget decides.
	debug.SetMemoryLimit(8 << 30)
	wide, oneByOne := build("build: {memory_mb: 1048576}\nsearch: {memory_mb: 64}\n")
	if oneByOne {
		t.Fatal("a 1 TiB budget ran the outputs one by one")
	}
	ballast := make([]byte, 96<<20) // live, past 40 % of 128 MiB
	runtime.GC()
	const narrowCfg = "build: {memory_mb: 128}\nsearch: {memory_mb: 64}\n"
	debug.SetMemoryLimit(math.MaxInt64)
	if _, oneByOne := build(narrowCfg); oneByOne {
		t.Error("without a memory limit the outputs ran one by one")
	}
	debug.SetMemoryLimit(8 << 30)
	narrow, oneByOne := build(narrowCfg)
	runtime.KeepAlive(ballast)
	if !oneByOne {
		t.Fatal("96 MiB live of a 128 MiB budget ran the outputs side by side")
	}
	if len(wide) != len(narrow) {
		t.Errorf("%d files side by side, %d one by one", len(wide), len(narrow))
	}
	for p, data := range wide {
		if !bytes.Equal(data, narrow[p]) {
			t.Errorf("%s differs between the outputs side by side and one by one", p)
		}
	}
}
