package cli

import (
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
)

// Not parallel: the memory limit is the process's.
func TestMemoryWatchSetsTheLimitAndLiftsItPastThreeQuarters(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	const budget = 64 << 20
	w := watchMemory(budget)
	if got := debug.SetMemoryLimit(-1); got != budget {
		t.Fatalf("memory limit while watching = %d, want the budget %d", got, budget)
	}
	// 56 MiB live: past three quarters (48 MiB) of the budget.
	keep := make([][]byte, 56)
	for i := range keep {
		keep[i] = make([]byte, 1<<20)
	}
	for i := 0; i < 100 && debug.SetMemoryLimit(-1) != math.MaxInt64; i++ {
		runtime.GC() // the watch reads the live heap after each collection
		runtime.Gosched()
	}
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("memory limit with 56 MiB live of a 64 MiB budget = %d, want it lifted", got)
	}
	peak, lifted := w.stop()
	runtime.KeepAlive(keep)
	if !lifted || peak < budget/4*3 {
		t.Errorf("stop() = peak %d MiB, lifted %v; want past 48 MiB, lifted", peak>>20, lifted)
	}
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("memory limit after stop = %d, want the one before (%d)", got, before)
	}
	var warn strings.Builder
	warnMemory(&warn, peak, lifted, budget, 7)
	if !strings.Contains(warn.String(), "medkb.yaml:7: warning:") || !strings.Contains(warn.String(), "build: {memory_mb: ") {
		t.Errorf("warning %q names neither medkb.yaml:7 nor the budget to set", warn.String())
	}
}

// Not parallel: the memory limit is the process's.
func TestBuildReportsItsMemoryBudget(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := run(t, dir, "new", "site", "clinic"); code != ExitOK {
		t.Fatalf("new site: exit %d: %s", code, errOut)
	}
	site := filepath.Join(dir, "clinic")
	yaml, err := os.ReadFile(filepath.Join(site, "medkb.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	write := func(extra string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(site, "medkb.yaml"), append(append([]byte{}, yaml...), extra...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	line := strings.Count(string(yaml), "\n") + 2

	write("build:\n  memory_mb: 200\n")
	code, out, errOut := run(t, site, "build", "--trace")
	if code != ExitOK {
		t.Fatalf("build: exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(out, "budget 200 MiB (build.memory_mb)") || !strings.Contains(out, "Memory: live heap peaked at ") {
		t.Errorf("build --trace does not report the live peak against build.memory_mb's 200 MiB:\n%s", out)
	}

	write("build:\n  memory_mb: 100\n")
	code, out, errOut = run(t, site, "build")
	want := "medkb.yaml:" + strconv.Itoa(line) + ": error: invalid build.memory_mb 100"
	if code == ExitOK || !strings.Contains(errOut, want) || !strings.Contains(errOut, "128 or more") {
		t.Errorf("build with build.memory_mb: 100: exit %d, want an error %q with the fix:\n%s%s", code, want, out, errOut)
	}
}
